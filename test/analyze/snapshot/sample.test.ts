import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../../src/shared';
import { analyzeBundle } from '../../../src/main/pipeline/analyze-bundle';
import { ROOT, SAMPLE } from '../../helpers/paths';
import { EXT_LOG, OUR_CAUSES, analyzeFiles, writeBundle } from './helpers';

const SAMPLE_VM = join(ROOT, 'assets', 'sample', 'vm');
const LAST = '7d3c2a8e-5b1f-4e62-9a07-3f1c8d2e6b41';

describe('the shared sample bundle (assets/sample/vm)', () => {
  let r: AnalysisResult;
  let log: string[];
  beforeAll(async () => {
    r = (await analyzeBundle([SAMPLE_VM])).result;
    log = readFileSync(join(SAMPLE_VM, EXT_LOG), 'utf8').split('\n');
  });

  it('rebuilds the five daily tasks, seq 11..15, the last one a failed 122', () => {
    expect(r.snapshots.map((t) => [t.seqNo, t.result, t.code, t.snapshotPath, t.start?.slice(0, 10)])).toEqual([
      [11, 'success', 1, 'host', '2026-11-15'],
      [12, 'success', 1, 'host', '2026-11-16'],
      [13, 'success', 1, 'host', '2026-11-17'],
      [14, 'success', 1, 'host', '2026-11-18'],
      [15, 'failed', 122, 'host', '2026-11-19'],
    ]);
    const last = r.snapshots[4];
    expect(last).toMatchObject({ taskId: LAST, statusName: 'FailedRetryableFsFreezeTimeout', extensionVersion: '1.0.9225.0', end: '2026-11-19T22:03:27.627Z' });
    expect(last.requestedStart).toBe('2026-11-19T21:59:58.170Z');
    expect(last.phases.map((p) => [p.name, p.result])).toEqual([
      ['enable', 'ok'],
      ['freeze', 'timed-out'],
      ['snapshot', 'skipped'],
      ['status', 'failed'],
    ]);
    const ok = r.snapshots[0];
    expect(ok.phases.map((p) => [p.name, p.result])).toEqual([
      ['enable', 'ok'],
      ['freeze', 'ok'],
      ['snapshot', 'ok'],
      ['thaw', 'ok'],
      ['status', 'ok'],
    ]);
    expect(ok.disks).toEqual([
      { disk: 'md-hdd-5b1e2f7c0a3d/abcd/abcd', ok: true },
      { disk: 'md-hdd-9e4c7a21b6f8/abcd/abcd', ok: true },
    ]);
  });

  it('infers UTC+1 for the local-time sources and no clock skew', () => {
    expect(r.clock.offsets).toContainEqual(expect.objectContaining({ source: EXT_LOG, offsetMinutes: 60 }));
    expect(r.clock.unresolved).toEqual([]);
    expect(Math.abs(r.clock.skewSeconds ?? 99)).toBeLessThanOrEqual(2);
  });

  it('detects fsfreeze-failed (high) on the last task, with its exact freeze lines and the status file as evidence', () => {
    const f = r.findings.find((x) => x.cause === 'fsfreeze-failed')!;
    expect(f).toMatchObject({ verdict: 'detected', confidence: 'high', taskId: LAST });
    expect(r.verdict.cause).toBe('fsfreeze-failed');
    const lineOf = (re: RegExp) => log.findIndex((l, i) => i > 800 && re.test(l)) + 1;
    const ext = f.evidence.filter((e) => e.file === EXT_LOG);
    expect(ext.map((e) => e.line)).toEqual([
      // the mount the binary was freezing when the freeze timed out (its own stamp, before the timeout's line)
      lineOf(/ Freezing: \/data $/),
      lineOf(/ {2}Error {2}freeze timed-out $/),
      lineOf(/T:S ###### Enable failed with error: freeze took longer than timeout/),
      lineOf(/T:S freeze result freeze took longer than timeout, timedout :True/),
      lineOf(/\]Enable,error,122,/),
    ]);
    expect(f.reason).toContain('(the last mount the freeze binary began to freeze: /data)');
    expect(ext[1]).toMatchObject({ time: '2026-11-19T22:01:19.185Z', text: '2026/11/19 22:01:19.185123  Error  freeze timed-out' });
    expect(f.evidence[f.evidence.length - 1]).toMatchObject({ file: 'var/lib/waagent/Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9225.0/status/15.status', line: 1 });
  });

  it('no other snapshot cause is detected', () => {
    const others = r.findings.filter((x) => (OUR_CAUSES as readonly string[]).includes(x.cause) && x.cause !== 'fsfreeze-failed' && x.verdict === 'detected');
    expect(others).toEqual([]);
  });

  it('puts the tasks, the failure and error density on the timeline', () => {
    const snaps = r.timeline.filter((i) => i.lane === 'snapshot');
    expect(snaps.map((i) => i.severity)).toEqual(['ok', 'ok', 'ok', 'ok', 'error']);
    expect(snaps[4]).toMatchObject({ taskId: LAST, label: 'Snapshot failed (code 122 FailedRetryableFsFreezeTimeout)', start: r.snapshots[4].start, end: r.snapshots[4].end });
    const errors = r.timeline.filter((i) => i.lane === 'error');
    expect(errors).toContainEqual(expect.objectContaining({ start: '2026-11-19T22:00:00.000Z', end: '2026-11-19T23:00:00.000Z', label: expect.stringMatching(/^\d+$/) }));
    expect(Number(errors.find((e) => e.start === '2026-11-19T22:00:00.000Z')!.label)).toBeGreaterThanOrEqual(3);
  });

  it('the secrets the extension logs (snapshotTaskToken, customSettings) reach no fact-derived output', () => {
    expect(log.join('\n')).toContain('snapshotTaskToken : 5e0c9a8b');
    const out = JSON.stringify({ f: r.findings, s: r.snapshots, t: r.timeline });
    expect(out).not.toContain('5e0c9a8b7d6f4e3c2b1a0f9e8d7c6b5a');
  });
});

describe('the sample zip (assets/sample/logs.zip, what "Open sample" loads)', () => {
  it('gives the same tasks and verdict as the tree it is built from', async () => {
    const r = (await analyzeBundle([SAMPLE])).result;
    expect(r.snapshots.map((t) => [t.seqNo, t.result, t.code])).toEqual([
      [11, 'success', 1],
      [12, 'success', 1],
      [13, 'success', 1],
      [14, 'success', 1],
      [15, 'failed', 122],
    ]);
    expect(r.verdict).toMatchObject({ cause: 'fsfreeze-failed', confidence: 'high' });
  });
});

describe('an excerpt: a few dozen extension.log lines pasted into a loose file', () => {
  it('still yields fsfreeze-failed from the failed task alone', async () => {
    const lines = readFileSync(join(SAMPLE_VM, EXT_LOG), 'utf8').split('\n');
    const from = lines.findIndex((l, i) => i > 800 && l.includes('T:S freeze, timeout value'));
    const excerpt = lines.slice(from, from + 40).join('\n');
    const dir = await writeBundle({ 'extension.log': excerpt });
    const res = (await analyzeBundle([join(dir, 'extension.log')])).result;
    expect(res.findings.find((x) => x.cause === 'fsfreeze-failed')).toMatchObject({ verdict: 'detected', confidence: 'high' });
    expect(res.snapshots).toHaveLength(1);
    expect(res.snapshots[0]).toMatchObject({ result: 'failed', code: 122 });
  });

  it('a pasted healthy task detects nothing of ours', async () => {
    const lines = readFileSync(join(SAMPLE_VM, EXT_LOG), 'utf8').split('\n');
    const from = lines.findIndex((l) => l.includes('T:S freeze, timeout value'));
    const res = await analyzeFiles({ [EXT_LOG]: lines.slice(from, from + 90).join('\n') });
    expect(res.findings.filter((x) => (OUR_CAUSES as readonly string[]).includes(x.cause) && x.verdict === 'detected')).toEqual([]);
  });
});
