import { describe, expect, it } from 'vitest';
import type { Fact } from '../../../src/shared';
import { FactIndex } from '../../../src/main/analyze/facts-index';
import { buildSnapshotTasks } from '../../../src/main/analyze/reconstruct/snapshots';
import { buildTimeline } from '../../../src/main/analyze/reconstruct/timeline';
import { fmtA } from '../../fixtures/snapshot/vmsnapshot-log.mjs';
import { EXT_DIR, EXT_LOG, analyzeFiles, scenario, taskIdOf } from './helpers';

const P = '[Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0]';

describe('snapshot tasks', () => {
  it('a re-delivered task (same taskId) is a separate skipped task, not merged into the one it repeats', async () => {
    const s = scenario(['success']);
    const t = Date.parse('2026-11-15T22:30:00Z');
    const dup = [
      `${fmtA(t)} ${P}Change log file to /var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log`,
      `${fmtA(t + 10)} ${P}current seq no is 11`,
      `${fmtA(t + 20)} ${P}starting enable`,
      `${fmtA(t + 30)} ${P}taskId: ${taskIdOf(0)}`,
      `${fmtA(t + 40)} ${P}TaskId is same as last, so skip with Processed Status, current:${taskIdOf(0)}== last:${taskIdOf(0)}`,
      `${fmtA(t + 50)} ${P}TaskId AlreadyProcessed nothing to do`,
    ];
    const r = await analyzeFiles({ ...s.files, [EXT_LOG]: s.files[EXT_LOG] + dup.join('\n') + '\n' });
    expect(r.snapshots.map((x) => [x.taskId, x.result])).toEqual([
      [taskIdOf(0), 'success'],
      [taskIdOf(0), 'skipped'],
    ]);
    expect(r.snapshots[0].milestones.some((m) => m.name === 'duplicate-task')).toBe(false);
    expect(r.findings.filter((f) => f.verdict === 'detected' && ['backup-in-progress', 'extension-stuck'].includes(f.cause))).toEqual([]);
  });

  it('a status file alone (no logs) still gives the task and the trap is a failure', async () => {
    const s = scenario(['success', 'freeze-timeout']);
    const status = s.files[`${EXT_DIR}/status/12.status`];
    const r = await analyzeFiles({ [`${EXT_DIR}/status/12.status`]: status });
    expect(r.snapshots).toEqual([
      expect.objectContaining({ taskId: taskIdOf(1), seqNo: 12, result: 'failed', code: 122, statusName: 'FailedRetryableFsFreezeTimeout', requestedStart: '2026-11-16T21:59:56.420Z' }),
    ]);
    const f = r.findings.find((x) => x.cause === 'fsfreeze-failed')!;
    expect(f).toMatchObject({ verdict: 'detected', confidence: 'high' });
    expect(f.evidence).toEqual([expect.objectContaining({ file: `${EXT_DIR}/status/12.status`, line: 1 })]);
  });

  it('a daemon still running at collection time is in-progress; an earlier one without a final status is unfinished', async () => {
    const s = scenario(['no-daemon', 'hang']);
    const r = await analyzeFiles(s.files);
    expect(r.snapshots.map((x) => x.result)).toEqual(['unfinished', 'unfinished']);
    const running = scenario(['success', 'no-daemon']);
    const r2 = await analyzeFiles(running.files);
    expect(r2.snapshots.map((x) => x.result)).toEqual(['success', 'in-progress']);
    expect(r2.findings.find((f) => f.cause === 'extension-stuck')).toMatchObject({ verdict: 'ruled-out', confidence: 'medium' });
  });
});

describe('timeline', () => {
  const at = (time: string, line: number, text = 'x') => ({ file: 'var/log/waagent.log', line, time, zone: 'utc' as const, text });
  type NoTime<T> = T extends unknown ? Omit<T, 'timeMs'> : never;
  const f = (fact: NoTime<Fact>): Fact => ({ ...fact, timeMs: Date.parse(fact.at.time!) }) as Fact;

  it('agent markers: restarts, crashes, heartbeat gaps over an hour, goal-state errors, self-update failures; errors per hour', () => {
    const facts: Fact[] = [
      f({ kind: 'agent-lifecycle', event: 'daemon-start', at: at('2026-11-19T08:00:00.000Z', 1) }),
      f({ kind: 'agent-heartbeat', version: '2.9.1.1', at: at('2026-11-19T08:30:00.000Z', 2) }),
      f({ kind: 'agent-heartbeat', version: '2.9.1.1', at: at('2026-11-19T09:00:00.000Z', 3) }),
      f({ kind: 'agent-heartbeat', version: '2.9.1.1', at: at('2026-11-19T11:30:00.000Z', 4) }),
      f({ kind: 'agent-lifecycle', event: 'crash', at: at('2026-11-19T11:40:00.000Z', 5) }),
      f({ kind: 'goal-state-error', detail: 'boom', at: at('2026-11-19T11:41:00.000Z', 6) }),
      f({ kind: 'goal-state-error', detail: 'ok again', recovered: true, at: at('2026-11-19T11:50:00.000Z', 7) }),
      f({ kind: 'agent-update', event: 'failed', version: '2.10.0.8', detail: 'download failed', at: at('2026-11-19T12:05:00.000Z', 8) }),
    ];
    const items = buildTimeline(new FactIndex(facts), [], []);
    expect(items.filter((i) => i.lane === 'agent').map((i) => [i.label, i.severity, i.start])).toEqual([
      ['Agent daemon started', 'info', '2026-11-19T08:00:00.000Z'],
      ['No agent heartbeat for 150 min', 'warning', '2026-11-19T09:00:00.000Z'],
      ['Agent crash', 'error', '2026-11-19T11:40:00.000Z'],
      ['Goal state error', 'error', '2026-11-19T11:41:00.000Z'],
      ['Goal state recovered', 'info', '2026-11-19T11:50:00.000Z'],
      ['Agent self-update failed (2.10.0.8)', 'warning', '2026-11-19T12:05:00.000Z'],
    ]);
    expect(items.filter((i) => i.lane === 'error').map((i) => [i.start, i.label, i.evidence.map((e) => e.line)])).toEqual([['2026-11-19T11:00:00.000Z', '2', [5, 6]]]);
  });

  it('stays bounded: a huge number of failures aggregates into hourly buckets', () => {
    const facts: Fact[] = [];
    for (let i = 0; i < 20_000; i++) {
      const time = new Date(Date.parse('2026-11-01T00:00:00Z') + i * 60_000).toISOString();
      facts.push(f({ kind: 'snapshot-milestone', milestone: 'snapshot-failed', code: 76, at: { file: EXT_LOG, line: i + 1, time, zone: 'utc', text: 'x' } }));
    }
    const items = buildTimeline(new FactIndex(facts), buildSnapshotTasks(new FactIndex(facts)), []);
    const errs = items.filter((i) => i.lane === 'error');
    expect(errs.length).toBe(Math.ceil(20_000 / 60));
    expect(errs[0]).toMatchObject({ label: '60' });
    expect(errs[0].evidence.length).toBeLessThanOrEqual(8);
    expect(items.length).toBeLessThan(2000);
  });
});

describe('an old extension build (shape A in local time) with no anchor', () => {
  it('keeps the task on the wall clock and reports the source as unresolved', async () => {
    const s = scenario(['success', 'freeze-failed'], { version: '1.0.9184.0' });
    // builds up to 1.0.9184.0 wrote A lines in local time: rewrite them as such (+60 min), D lines stay UTC
    const shift = (line: string) =>
      line.replace(/^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}) \[/, (_m, ts: string) => `${fmtA(Date.parse(ts.replace(' ', 'T') + 'Z') + 3_600_000)} [`);
    const log = s.files[EXT_LOG].split('\n').map(shift).join('\n');
    const noD = log.split('\n').filter((l) => !/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d\.\d{6} {2}/.test(l)).join('\n');
    const r = await analyzeFiles({ [EXT_LOG]: noD });
    expect(r.clock.unresolved).toEqual([EXT_LOG]);
    expect(r.snapshots.map((x) => [x.result, x.extensionVersion, x.start?.slice(0, 16)])).toEqual([
      ['success', '1.0.9184.0', '2026-11-15T23:00'],
      ['failed', '1.0.9184.0', '2026-11-16T23:00'],
    ]);
    expect(r.findings.find((f) => f.cause === 'fsfreeze-failed')).toMatchObject({ verdict: 'detected', confidence: 'high' });
  });
});
