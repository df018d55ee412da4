import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers/paths';
import { analyzeFiles } from './helpers';

/**
 * logrotate cuts a log between two writes, also in the middle of a backup job: the job's first lines end up in
 * `extension.log.1`, the rest in `extension.log`. The two files are one history; read apart, the older part looks
 * like a job that hung frozen ("the log ends at …") and the newer like a job without a start.
 */

// WALinuxAgent #525 (test/cases/waagent-525-fifreeze-new-volume): the freeze of a newly added volume fails.
const LOG = readFileSync(join(ROOT, 'test/cases/waagent-525-fifreeze-new-volume/files/extension.log'), 'latin1').split('\n');
// the cut before the record "freezing the mount: /mnt" (a record of its own, after the empty continuation line)
const CUT = LOG.findIndex((l) => l.includes('freezing the mount: /mnt'));

const detected = (r: Awaited<ReturnType<typeof analyzeFiles>>) => r.findings.filter((f) => f.verdict === 'detected').map((f) => `${f.cause} (${f.confidence})`);

describe('a job that logrotate cut in two', () => {
  it('is one task with the same findings as the uncut log', async () => {
    const whole = await analyzeFiles({ 'extension.log': LOG.join('\n') });
    expect(CUT).toBeGreaterThan(0);
    const cut = await analyzeFiles({ 'extension.log.1': `${LOG.slice(0, CUT).join('\n')}\n`, 'extension.log': LOG.slice(CUT).join('\n') });
    expect(detected(cut)).toEqual(detected(whole));
    expect(detected(cut)).toEqual(['fsfreeze-failed (high)']);
    expect(cut.snapshots).toHaveLength(1);
    const task = cut.snapshots[0];
    expect(task.result).toBe('failed');
    // the job's milestones in write order across the two files: the older file's first
    expect(task.milestones.map((m) => [m.name, m.file.replace(/.*\//, '')])).toEqual([
      ['freeze-signals', 'extension.log.1'],
      ['freeze-mount', 'extension.log'],
      ['freeze-mount', 'extension.log'],
      ['freeze-failed', 'extension.log'],
    ]);
    const f = cut.findings.find((x) => x.cause === 'fsfreeze-failed')!;
    expect(f.evidence.some((e) => e.file.endsWith('/extension.log') && e.text.includes('Failed to FIFREEZE: /data/dblog'))).toBe(true);
  });

  it('also when the older part is gzipped', async () => {
    const { gzipSync } = await import('node:zlib');
    const cut = await analyzeFiles({ 'extension.log.1.gz': gzipSync(`${LOG.slice(0, CUT).join('\n')}\n`), 'extension.log': LOG.slice(CUT).join('\n') });
    expect(detected(cut)).toEqual(['fsfreeze-failed (high)']);
    expect(cut.snapshots.map((s) => s.result)).toEqual(['failed']);
  });
});

/**
 * The sample VM (seven nightly jobs, the last one's freeze timed out) with its extension.log or waagent.log cut by
 * logrotate at points spread over the file, each between two writes: the tasks and the findings must not move.
 */
describe('the sample VM with a log rotated at any point between two writes', () => {
  const VM = join(ROOT, 'assets', 'sample', 'vm');
  const time = (l: string | undefined) => (l && /^\d{4}[-/]\d\d[-/]\d\d[ T]\d\d:\d\d:\d\d/.test(l) ? l.slice(0, 19) : undefined);
  /** Line indexes where a new second starts: a write boundary. */
  const cuts = (lines: string[], n: number) => {
    const all = lines.map((l, i) => i).filter((i) => i > 0 && time(lines[i]) && time(lines[i - 1]) && time(lines[i]) !== time(lines[i - 1]));
    return Array.from({ length: n }, (_, k) => all[Math.floor(((k + 0.5) * all.length) / n)]);
  };
  const summary = (r: Awaited<ReturnType<typeof analyzeFiles>>) => ({
    tasks: r.snapshots.map((t) => [t.taskId, t.result, t.code, t.phases.map((p) => `${p.name}:${p.result}`).join(' ')]),
    findings: r.findings.filter((f) => f.verdict === 'detected').map((f) => `${f.cause} (${f.confidence}, ${f.role})`),
    verdict: r.verdict.cause,
  });
  const bundle = async (rel: string, edit?: (lines: string[]) => Record<string, string>) => {
    const { readdirSync, statSync } = await import('node:fs');
    const files: Record<string, string> = {};
    const walk = (dir: string, at: string) => {
      for (const n of readdirSync(dir)) {
        const p = join(dir, n);
        if (statSync(p).isDirectory()) walk(p, `${at}${n}/`);
        else files[`${at}${n}`] = readFileSync(p, 'latin1');
      }
    };
    walk(VM, '');
    if (edit) {
      const lines = files[rel].split('\n');
      delete files[rel];
      Object.assign(files, edit(lines));
    }
    return analyzeFiles(files);
  };

  for (const [rel, n] of [
    ['var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log', 10],
    ['var/log/waagent.log', 5],
  ] as const) {
    it(`${rel.replace(/.*\//, '')}: ${n} cuts`, async () => {
      const want = summary(await bundle(rel));
      expect(want.verdict).toBe('fsfreeze-failed');
      const lines = readFileSync(join(VM, rel), 'latin1').split('\n');
      const got: Record<number, ReturnType<typeof summary>> = {};
      for (const cut of cuts(lines, n)) {
        got[cut] = summary(await bundle(rel, (l) => ({ [`${rel}.1`]: `${l.slice(0, cut).join('\n')}\n`, [rel]: l.slice(cut).join('\n') })));
      }
      expect(got).toEqual(Object.fromEntries(Object.keys(got).map((c) => [c, want])));
    }, 120_000);
  }
});
