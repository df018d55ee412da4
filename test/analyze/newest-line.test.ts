// The one "now" of the logs (FactIndex.newestLine): the newest line of the VM's own files, never the collection's own
// (results.txt, probes.json say when the logs were taken). The old-failure weighing, the recovery (recovery.ts) and the
// task still running (reconstruct/snapshots.ts) read it alike: a folder of the same logs must conclude the same.
import { describe, expect, it } from 'vitest';
import type { BundleFile, Fact, SnapshotMilestoneFact } from '../../src/shared';
import { FactIndex } from '../../src/main/analyze/facts-index';
import { agentActivity, recoveredAt } from '../../src/main/analyze/recovery';
import { buildSnapshotTasks } from '../../src/main/analyze/reconstruct/snapshots';
import { EXT_LOG } from './snapshot/helpers';

const H = 3_600_000;
const T0 = Date.parse('2024-03-01T00:00:00Z');
const WAAGENT = 'var/log/waagent.log';
const RESULTS = 'logcollector/results.txt';
const files = [
  { id: 0, vmPath: WAAGENT, kind: 'waagent-log', size: 1, warnings: [] },
  { id: 1, vmPath: RESULTS, kind: 'logcollector-results', size: 1, warnings: [] },
  { id: 2, vmPath: EXT_LOG, kind: 'vmsnapshot-extension-log', size: 1, warnings: [] },
] as unknown as BundleFile[];

const at = (file: string, line: number, t: number) => ({ file, line, time: new Date(t).toISOString(), zone: 'utc' as const, text: '' });
/** The agent's heartbeat every half hour from T0 for `hours`. */
const beats = (hours: number): Fact[] =>
  Array.from({ length: hours * 2 + 1 }, (_, k) => ({ kind: 'agent-heartbeat', version: '2.9.1.1', at: at(WAAGENT, k + 1, T0 + k * H * 0.5), timeMs: T0 + k * H * 0.5 }) as unknown as Fact);
/** The collector's "Successfully compressed files" in results.txt, `t`. */
const collected = (t: number) => ({ kind: 'logcollector', event: 'completed', detail: 'Successfully compressed files', at: at(RESULTS, 1, t), timeMs: t }) as unknown as Fact;

describe('the newest line of the VM\'s own files', () => {
  it('leaves out the collection\'s own files and takes a line no fact came from', () => {
    expect(new FactIndex([...beats(8), collected(T0 + 13 * H)], undefined, { files }).newestLine()).toBe(T0 + 8 * H);
    expect(new FactIndex(beats(8), undefined, { files, newestLine: T0 + 13 * H }).newestLine()).toBe(T0 + 13 * H);
  });

  it('a recovery runs up to it: not to when the logs were collected, but to a later line of the VM', () => {
    // the agent worked eight hours after the failure at T0, and the collector ran five hours after its last heartbeat
    const withResults = new FactIndex([...beats(8), collected(T0 + 13 * H)], undefined, { files });
    expect(recoveredAt(agentActivity(withResults, { files }), 'heartbeat', T0)).toEqual({ at: T0, until: T0 + 8 * H });
    // the VM's own log went on five hours after the last heartbeat (lines no fact came from): the agent fell quiet
    const quiet = new FactIndex(beats(8), undefined, { files, newestLine: T0 + 13 * H });
    expect(recoveredAt(agentActivity(quiet, { files }), 'heartbeat', T0)).toBeUndefined();
  });

  it('a task is still running while it is within two hours of it, whenever the logs were collected', () => {
    const started = (t: number): SnapshotMilestoneFact => ({ kind: 'snapshot-milestone', at: at(EXT_LOG, 1, t), timeMs: t, process: 'daemon', run: 1, milestone: 'daemon-start', taskId: 'task-1', seqNo: 1 });
    const task = (facts: Fact[], newestLine?: number) => buildSnapshotTasks(new FactIndex(facts, undefined, { files, ...(newestLine ? { newestLine } : {}) }), files)[0].result;
    // the collector ran three hours after the task's last line: the task's own log ended with it, as a folder says
    expect(task([started(T0), collected(T0 + 3 * H)])).toBe('in-progress');
    // the extension's own log went on three hours past it without a word of the task: it did not finish
    expect(task([started(T0)], T0 + 3 * H)).toBe('unfinished');
  });
});
