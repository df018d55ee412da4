// A bundle of several VM roots (ingest/roots.ts) not told apart as two VMs: the goal-state agent the summary reports,
// and the one agent-outdated judges at the failure, are the judged VM's (the failed task's root), not the newest
// version any root names (analyze/engine.ts taskRoot, reconstruct/agent-health.ts goalStateAgentLines).
import { describe, expect, it } from 'vitest';
import type { BundleFile, Fact } from '../../../src/shared';
import { diagnose } from '../../../src/main/analyze/engine';
import { FactIndex } from '../../../src/main/analyze/facts-index';
import { goalStateAgentAt, latestGoalStateAgent } from '../../../src/main/analyze/reconstruct/agent-health';

const H = 3_600_000;
const T0 = Date.parse('2024-03-01T02:00:00Z');
const EXT = 'vm-a/var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log';
const OWN = 'vm-a/var/log/waagent.log';
const OTHER = 'vm-b/var/log/waagent.log';
const files = [
  { id: 0, vmPath: EXT, kind: 'vmsnapshot-extension-log', size: 1, warnings: [] },
  { id: 1, vmPath: OWN, kind: 'waagent-log', size: 1, warnings: [] },
  { id: 2, vmPath: OTHER, kind: 'waagent-log', size: 1, warnings: [] },
] as unknown as BundleFile[];
const roots = ['vm-a', 'vm-a', 'vm-b'];

const at = (file: string, line: number, t: number) => ({ file, line, time: new Date(t).toISOString(), zone: 'utc' as const, text: '' });
const beat = (file: string, line: number, t: number, version: string) => ({ kind: 'agent-heartbeat', version, at: at(file, line, t), timeMs: t }) as unknown as Fact;
/** The Backup task failing at T0 (the freeze timed out, 122), in vm-a's extension.log. */
const task: Fact[] = [
  { kind: 'snapshot-milestone', at: at(EXT, 1, T0), timeMs: T0, process: 'daemon', run: 1, milestone: 'enable-start', taskId: 't1', seqNo: 1 } as Fact,
  { kind: 'snapshot-milestone', at: at(EXT, 2, T0 + 60_000), timeMs: T0 + 60_000, process: 'daemon', run: 1, milestone: 'final-status', taskId: 't1', seqNo: 1, status: 'error', code: 122 } as Fact,
];
/** vm-a's agent 2.2.46 before the task; vm-b's 2.9.1.1 every half hour, nearer the task and after it. */
const beats: Fact[] = [beat(OWN, 1, T0 - 2 * H, '2.2.46'), ...Array.from({ length: 8 }, (_, k) => beat(OTHER, k + 1, T0 - H + k * H * 0.5, '2.9.1.1'))];

describe('the goal-state agent of the judged VM', () => {
  it('the gatherer selects the root\'s own lines, and every root\'s without one', () => {
    const index = new FactIndex([...task, ...beats], undefined, { files, roots });
    expect(latestGoalStateAgent(index)?.version).toBe('2.9.1.1');
    expect(latestGoalStateAgent(index, 'vm-a')?.version).toBe('2.2.46');
    expect(goalStateAgentAt(index, T0, 'vm-a')?.version).toBe('2.2.46');
    expect(goalStateAgentAt(index, T0)?.version).toBe('2.9.1.1');
  });

  it('the summary and agent-outdated report the failed task\'s root, not the newest version of another', () => {
    const facts = [...task, ...beats];
    const r = diagnose(facts, files, { clock: { offsets: [], unresolved: [] }, offsets: new Map() }, { roots });
    expect(r.failedTask?.taskId).toBe('t1');
    expect(r.agent.goalStateAgentVersion).toBe('2.2.46');
    expect(r.agent.supported).toBe(false);
    const outdated = r.findings.find((f) => f.cause === 'agent-outdated')!;
    expect(outdated.verdict).toBe('detected');
    expect(outdated.reason).toContain('2.2.46');
    expect(outdated.reason).not.toContain('2.9.1.1');
  });
});

describe('agent-outdated dates and cites the judged VM\'s own version lines', () => {
  // vm-a ran 2.2.46 in 2019, before 2.2.53.1 existed; vm-b names the same release in 2024
  const T1 = Date.parse('2019-06-01T02:00:00Z');
  const task2019: Fact[] = task.map((f) => ({ ...f, at: { ...f.at, time: new Date(f.timeMs + T1 - T0).toISOString() }, timeMs: f.timeMs + T1 - T0 }) as Fact);
  const lines: Fact[] = [beat(OWN, 1, T1 - 2 * H, '2.2.46'), beat(OTHER, 1, Date.parse('2024-03-01T02:00:00Z'), '2.2.46')];

  it('the release is judged by the date vm-a ran it, and its line is vm-a\'s', () => {
    const r = diagnose([...task2019, ...lines], files, { clock: { offsets: [], unresolved: [] }, offsets: new Map() }, { roots });
    const outdated = r.findings.find((f) => f.cause === 'agent-outdated')!;
    expect(outdated.reason).toContain('2019-06-01, before 2.2.53.1 existed');
    expect(outdated.evidence.map((e) => e.file)).toEqual([OWN]);
  });
});
