import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeBundle } from '../../../src/main/pipeline/analyze-bundle';
import { ROOT } from '../../helpers/paths';
import { finding } from './helpers';

/**
 * The shared sample VM (freeze timeout in task 7d3c2a8e… on 2026-11-19 22:00Z) with its waagent.log
 * edited: the rest of the bundle (extension logs, status files) gives the failed task, so these run the
 * agent rules against a real reconstructed task through the whole pipeline.
 */
const VM = join(ROOT, 'assets', 'sample', 'vm');
const LOG = 'var/log/waagent.log';
const TASK_ID = '7d3c2a8e-5b1f-4e62-9a07-3f1c8d2e6b41';

function variant(edit: (lines: string[]) => string[]): { dir: string; lines: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'vmbd-sample-'));
  cpSync(VM, dir, { recursive: true });
  const lines = edit(readFileSync(join(VM, LOG), 'utf8').split('\n'));
  writeFileSync(join(dir, LOG), lines.join('\n'));
  return { dir, lines };
}

describe('agent rules on the sample with an edited waagent.log', () => {
  it('the sample as is: the failed task is known and the agent was running through it', async () => {
    const r = (await analyzeBundle([VM])).result;
    expect(r.snapshots.some((t) => t.taskId === TASK_ID && t.result === 'failed')).toBe(true);
    expect(finding(r, 'agent-not-running')).toMatchObject({ verdict: 'ruled-out', confidence: 'high', taskId: TASK_ID });
    expect(finding(r, 'vm-state-misreported')).toMatchObject({ verdict: 'ruled-out', confidence: 'medium', taskId: TASK_ID });
    expect(finding(r, 'no-network-wireserver')).toMatchObject({ verdict: 'ruled-out', confidence: 'high', taskId: TASK_ID });
  });

  it('vm-state-misreported: the guest stopped the agent during the task and the VM came back → medium', async () => {
    const stop = '2026/11/19 23:01:10.123456 INFO Daemon Agent WALinuxAgent-2.2.45 forwarding signal 15 to WALinuxAgent-2.9.1.1';
    const start = '2026/11/19 23:06:02.000417 INFO Daemon Azure Linux Agent Version:2.2.45';
    const { dir, lines } = variant((l) => {
      const at = l.findIndex((x) => x.startsWith('2026-11-19T22:03:29'));
      return [...l.slice(0, at), stop, '', start, ...l.slice(at)];
    });
    const r = (await analyzeBundle([dir])).result;
    const f = finding(r, 'vm-state-misreported');
    expect(f).toMatchObject({ verdict: 'detected', confidence: 'medium', taskId: TASK_ID });
    // local daemon lines, anchored to UTC by the clock inference (+60 min)
    expect(f.evidence.map((e) => [e.file, e.line, e.text, e.time])).toEqual([
      [LOG, lines.indexOf(stop) + 1, stop, '2026-11-19T22:01:10.123Z'],
      [LOG, lines.indexOf(start) + 1, start, '2026-11-19T22:06:02.000Z'],
    ]);
  });

  it('agent-not-running: nothing from the agent from 20:30 to 23:30 on the day of the failed task → seen, but the extension ran: low, contributing', async () => {
    const { dir, lines } = variant((l) => l.filter((x) => !(x >= '2026-11-19T20:30' && x < '2026-11-19T23:30')));
    const r = (await analyzeBundle([dir])).result;
    const f = finding(r, 'agent-not-running');
    // the Backup extension ran the task at 22:00 (its own log says so), so the agent had delivered it
    expect(f).toMatchObject({ verdict: 'detected', confidence: 'low', role: 'contributing', taskId: TASK_ID });
    expect(r.verdict.cause).toBe('fsfreeze-failed');
    const before = lines.findIndex((x) => x.startsWith('2026-11-19T20:12:38')) + 1;
    const after = lines.findIndex((x) => x.startsWith('2026-11-19T23:42:38')) + 1;
    expect(f.evidence.map((e) => [e.line, e.text])).toEqual([
      [before, lines[before - 1]],
      [after, lines[after - 1]],
    ]);
  });
});
