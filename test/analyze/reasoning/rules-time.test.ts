import { describe, expect, it } from 'vitest';
import type { Fact, SnapshotTask } from '../../../src/shared';
import { FactIndex } from '../../../src/main/analyze/facts-index';
import { summarizeAgent } from '../../../src/main/analyze/reconstruct/agent-health';
import { rule as extensionFailedRule } from '../../../src/main/analyze/rules/extension-failed-state';
import { rule as clockSkewRule } from '../../../src/main/analyze/rules/clock-skew';
import type { RuleContext } from '../../../src/main/analyze/types';
import { inEnglish } from '../english';

const extensionFailed = inEnglish(extensionFailedRule);
const clockSkew = inEnglish(clockSkewRule);

/** Hand-built contexts for the rules' time and scope decisions. */

function ctx(facts: Fact[], opts: { task?: SnapshotTask; skewSeconds?: number } = {}): RuleContext {
  const index = new FactIndex(facts);
  return {
    facts: index,
    files: [],
    snapshots: opts.task ? [opts.task] : [],
    extensions: [],
    agent: summarizeAgent(index),
    clock: { offsets: [], unresolved: [], ...(opts.skewSeconds !== undefined ? { skewSeconds: opts.skewSeconds } : {}) },
    vm: { platform: 'linux' },
    hasFileKind: () => true,
    lastFailedTask: opts.task,
  };
}
const at = (file: string, line: number, time: string | null, text: string) => ({ file, line, time, text });

const handlerState = (handler: string, state: string): Fact => ({
  kind: 'handler-state',
  at: at(`var/lib/waagent/${handler}-1.0/config/HandlerState`, 1, null, state),
  timeMs: NaN,
  handler,
  version: '1.0',
  state,
});
const enableFailed = (handler: string, time: string): Fact => ({
  kind: 'extension-operation',
  at: at('var/log/waagent.log', 12, time, `${time} ERROR ExtHandler ExtHandler Event: name=${handler}, op=Enable, message=[ExtensionOperationError] Non-zero exit code: 51`),
  timeMs: Date.parse(time),
  handler,
  op: 'enable',
  outcome: 'failed',
  exitCode: 51,
});

describe('extension-failed-state counts only the handlers the VM has now', () => {
  it('a failure of a handler no longer installed is not counted, and the reason says so', () => {
    const out = extensionFailed.evaluate(ctx([handlerState('Microsoft.Azure.RecoveryServices.VMSnapshotLinux', 'Enabled'), enableFailed('Microsoft.EnterpriseCloud.Monitoring.OmsAgentForLinux', '2026-11-15T09:40:48.375Z')]));
    expect(out.verdict).toBe('ruled-out');
    expect(out.reason).toMatch(/OmsAgentForLinux are not counted|OmsAgentForLinux .*no longer/);
  });
  it('the same failure of an installed handler is detected', () => {
    const out = extensionFailed.evaluate(ctx([handlerState('Microsoft.EnterpriseCloud.Monitoring.OmsAgentForLinux', 'Installed'), enableFailed('Microsoft.EnterpriseCloud.Monitoring.OmsAgentForLinux', '2026-11-15T09:40:48.375Z')]));
    // (a failed run in the agent's log, no state of it: a possible cause only, analyze/weigh.ts)
    expect(out).toMatchObject({ verdict: 'detected', strength: 'strong', possibleOnly: true });
  });
  it('with no list of current handlers, every failure counts', () => {
    expect(extensionFailed.evaluate(ctx([enableFailed('Microsoft.EnterpriseCloud.Monitoring.OmsAgentForLinux', '2026-11-15T09:40:48.375Z')])).verdict).toBe('detected');
  });
});

describe('clock-skew is judged at the failed task, not the worst ever seen', () => {
  const hostTime = (vmTime: string, host: string, line: number): Fact => ({
    kind: 'snapshot-milestone',
    at: at('var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log', line, vmTime, `Date and time extracted from pre-snapshot request: ${host}`),
    timeMs: Date.parse(vmTime),
    milestone: 'host-time',
    hostTime: host,
  });
  const task: SnapshotTask = { taskId: 't', start: '2026-11-19T22:00:05.000Z', end: '2026-11-19T22:03:00.000Z', result: 'failed', code: 122, disks: [], phases: [], milestones: [] };
  it('a clock 40 minutes off three days ago, right at the task → ruled out', () => {
    const facts = [hostTime('2026-11-16T22:40:05.000Z', '2026-11-16T22:00:05.000Z', 10), hostTime('2026-11-19T22:00:09.000Z', '2026-11-19T22:00:08.000Z', 900)];
    const out = clockSkew.evaluate(ctx(facts, { task, skewSeconds: 2400 }));
    expect(out.verdict).toBe('ruled-out');
    expect(out.reason).toMatch(/at the failed task .*2400 s off at another snapshot/);
    expect(out.evidence[0].line).toBe(900);
  });
  it('40 minutes off at the task → detected high', () => {
    const out = clockSkew.evaluate(ctx([hostTime('2026-11-19T22:40:09.000Z', '2026-11-19T22:00:09.000Z', 900)], { task, skewSeconds: 2400 }));
    expect(out).toMatchObject({ verdict: 'detected', confidence: 'high' });
  });
});

describe('heartbeat gaps around a boot in the system log', () => {
  const beat = (iso: string): Fact => ({ kind: 'agent-heartbeat', at: at('var/log/waagent.log', 1, iso, '[HEARTBEAT]'), timeMs: Date.parse(iso), version: '2.9.1.1' });
  const boot = (iso: string): Fact => ({ kind: 'system-event', at: at('var/log/syslog', 7, iso, 'kernel: Linux version 5.15'), timeMs: Date.parse(iso), event: 'boot', detail: 'boot' });
  it('a boot inside the gap makes it a restart; without it the gap stands', async () => {
    const { heartbeatGaps } = await import('../../../src/main/analyze/reconstruct/agent-health');
    const beats = [beat('2026-11-19T08:00:00Z'), beat('2026-11-19T18:00:00Z')];
    expect(heartbeatGaps(new FactIndex(beats)).map((g) => Math.round(g.minutes))).toEqual([600]);
    expect(heartbeatGaps(new FactIndex([...beats, boot('2026-11-19T17:58:00Z')]))).toEqual([]);
  });
});

describe('known-bad extension releases', () => {
  const enable = (version: string): Fact => ({
    kind: 'extension-operation',
    at: at('var/log/waagent.log', 1, '2024-05-30T13:15:45.331Z', `[Microsoft.Azure.RecoveryServices.VMSnapshotLinux-${version}] Enable extension: [main/handle.sh enable]`),
    timeMs: Date.parse('2024-05-30T13:15:45.331Z'),
    handler: 'Microsoft.Azure.RecoveryServices.VMSnapshotLinux',
    version,
    op: 'enable',
    outcome: 'started',
  });
  const os = (versionId: string): Fact => ({ kind: 'os-release', at: at('terminal-output.txt', 1, null, `WALinuxAgent-2.9.1.1 running on ubuntu ${versionId}`), timeMs: NaN, id: 'ubuntu', versionId });
  it('VMSnapshotLinux 1.0.9218.0 on Ubuntu 24.04 is detected; 1.0.9220.0, or Ubuntu 22.04, is not', () => {
    expect(extensionFailed.evaluate(ctx([enable('1.0.9218.0'), os('24.04')]))).toMatchObject({ verdict: 'detected', strength: 'weak', reason: expect.stringMatching(/issues\/1922/) });
    expect(extensionFailed.evaluate(ctx([enable('1.0.9220.0'), os('24.04')])).verdict).not.toBe('detected');
    expect(extensionFailed.evaluate(ctx([enable('1.0.9218.0'), os('22.04')])).verdict).not.toBe('detected');
  });
});
