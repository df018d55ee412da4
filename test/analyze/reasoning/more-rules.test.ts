import { describe, expect, it } from 'vitest';
import type { Fact, FileKind, SnapshotTask } from '../../../src/shared';
import { FactIndex } from '../../../src/main/analyze/facts-index';
import { summarizeAgent } from '../../../src/main/analyze/reconstruct/agent-health';
import { rule as notRunningRule } from '../../../src/main/analyze/rules/agent-not-running';
import { rule as unresponsiveRule } from '../../../src/main/analyze/rules/agent-unresponsive';
import { rule as freezeRule } from '../../../src/main/analyze/rules/fsfreeze-failed';
import { rule as outdatedRule } from '../../../src/main/analyze/rules/agent-outdated';
import { rule as updatingRule } from '../../../src/main/analyze/rules/vm-provisioning-updating';
import type { RuleContext } from '../../../src/main/analyze/types';
import { inEnglish } from '../english';

const notRunning = inEnglish(notRunningRule);
const unresponsive = inEnglish(unresponsiveRule);
const freeze = inEnglish(freezeRule);
const outdated = inEnglish(outdatedRule);
const updating = inEnglish(updatingRule);

/** Hand-built contexts: Windows agent conditions and a log that ends inside the freeze. */

function ctx(facts: Fact[], kinds: FileKind[], snapshots: SnapshotTask[] = []): RuleContext {
  const index = new FactIndex(facts);
  return {
    facts: index,
    files: [],
    snapshots,
    extensions: [],
    agent: summarizeAgent(index),
    clock: { offsets: [], unresolved: [] },
    vm: { platform: 'windows' },
    hasFileKind: (k) => kinds.includes(k),
  };
}
const at = (file: string, line: number, time: string | null, text: string) => ({ file, line, time, text });
const T = '2019-07-18T14:46:28.890Z';

describe('Windows agent conditions', () => {
  it('an agent installation that failed, with nothing from the agent after it → agent-not-running high', () => {
    const issue: Fact = { kind: 'windows-agent-issue', at: at('WindowsAzure/Logs/msiexec.log', 40, T, 'Error 1722.'), timeMs: Date.parse(T), issue: 'install-failed', detail: 'Product: Windows Azure VM Agent -- Error 1722.' };
    expect(notRunning.evaluate(ctx([issue], ['windows-installer-log']))).toMatchObject({ verdict: 'detected', confidence: 'high', spansTask: true });
  });
  it('one "terminated unexpectedly" of the agent service is weak; a start-up crash is strong', () => {
    const ev = (meaning: 'agent-service-stopped' | 'agent-crash', id: number): Fact => ({
      kind: 'windows-event',
      at: at('System.csv', id, T, `Service Control Manager ${id}`),
      timeMs: Date.parse(T),
      provider: 'Service Control Manager',
      eventId: id,
      level: 'error',
      message: 'The RdAgent service terminated unexpectedly.',
      meaning,
      subject: 'RdAgent',
    });
    expect(notRunning.evaluate(ctx([ev('agent-service-stopped', 7031)], ['windows-event-export']))).toMatchObject({ verdict: 'detected', confidence: 'medium', strength: 'weak' });
    expect(notRunning.evaluate(ctx([ev('agent-crash', 1026)], ['windows-event-export']))).toMatchObject({ verdict: 'detected', confidence: 'high', strength: 'strong' });
  });
  it('the agent stuck in Stopping is unresponsive, not stopped', () => {
    const stop: Fact = { kind: 'agent-lifecycle', at: at('WindowsAzure/Logs/WaAppAgent.log', 10, T, 'WindowsAzureGuestAgent stopping.'), timeMs: Date.parse(T), event: 'stop-signal' };
    const stuck: Fact = { kind: 'windows-agent-issue', at: at('WindowsAzure/Logs/WaAppAgent.log', 11, T, 'WindowsAzureGuestAgent could not be stopped.'), timeMs: Date.parse(T) + 1, issue: 'stuck-stopping', detail: 'could not be stopped' };
    const c = ctx([stop, stuck], ['windows-agent-log']);
    expect(unresponsive.evaluate(c)).toMatchObject({ verdict: 'detected', confidence: 'high' });
    expect(notRunning.evaluate(c).verdict).not.toBe('detected');
  });
});

describe('a log that ends inside the freeze', () => {
  const m = (name: string, line: number) => ({ name, time: '2024-01-14T22:16:48.796Z', file: 'var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log', line, text: name });
  const task = (result: SnapshotTask['result'], names: string[]): SnapshotTask => ({ taskId: 't', start: '2024-01-14T22:16:40.000Z', end: '2024-01-14T22:16:48.805Z', result, disks: [], phases: [], milestones: names.map((n, i) => m(n, 100 + i)) });
  const facts: Fact[] = [{ kind: 'snapshot-milestone', at: at('var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log', 100, '2024-01-14T22:16:40.000Z', 'starting enable'), timeMs: Date.parse('2024-01-14T22:16:40Z'), milestone: 'enable-start' }];
  it('freeze started, nothing after it → fsfreeze-failed medium (still freezing or hung frozen)', () => {
    const out = freeze.evaluate(ctx(facts, ['vmsnapshot-extension-log'], [task('in-progress', ['enable-start', 'host-time', 'freeze-start'])]));
    expect(out).toMatchObject({ verdict: 'detected', confidence: 'medium', taskId: 't' });
    expect(out.reason).toMatch(/ends inside the filesystem freeze/);
  });
  it('an excerpt with no status at all (task result unknown) that ends in the freeze → the same', () => {
    expect(freeze.evaluate(ctx(facts, ['vmsnapshot-extension-log'], [task('unknown', ['flow-selected', 'freeze-start'])]))).toMatchObject({ verdict: 'detected', confidence: 'medium' });
  });
  it('a freeze that reported its result is not this', () => {
    const out = freeze.evaluate(ctx(facts, ['vmsnapshot-extension-log'], [task('in-progress', ['enable-start', 'freeze-start', 'freeze-result'])]));
    expect(out.verdict).not.toBe('detected');
  });
});

describe('more agent conditions (hand-built)', () => {
  const W = 'WindowsAzure/Logs/WaAppAgent.log';
  const winVersion = (v: string, t = '2024-07-18T14:46:28.890Z'): Fact => ({ kind: 'windows-agent', at: at(W, 3, t, `WindowsAzureGuestAgent starting. Version ${v}`), timeMs: Date.parse(t), event: 'start', version: v, detail: v });
  it('agent-outdated judges a Windows agent against the Windows minimum, never the Linux one', () => {
    expect(outdated.evaluate(ctx([winVersion('2.7.41491.949')], ['windows-agent-log']))).toMatchObject({ verdict: 'detected', confidence: 'high', spansTask: true });
    expect(outdated.evaluate(ctx([winVersion('2.7.41491.1102')], ['windows-agent-log']))).toMatchObject({ verdict: 'ruled-out' });
  });
  it('a Windows log older than the minimum\'s release (2.7.41491.1010, 2021-04-23) cannot blame the agent for being below it, as on Linux', () => {
    // win-learn-devtest-agent-oobe-wait-10min: 2.7.41491.949 in 2019, beside its agent-unresponsive
    const out = outdated.evaluate(ctx([winVersion('2.7.41491.949', T)], ['windows-agent-log']));
    expect(out).toMatchObject({ verdict: 'detected', confidence: 'low', spansTask: false });
    expect(out.reason).toContain('The log is from 2019-07-18, before 2.7.41491.1010 existed');
    expect(outdated.evaluate(ctx([winVersion('2.7.41491.949', '2021-04-23T00:00:00.000Z')], ['windows-agent-log']))).toMatchObject({ confidence: 'high' });
  });
  it('a supported Windows agent seen only after the failure rules out an older one at low (it updates itself)', () => {
    const task: SnapshotTask = { taskId: 't', start: '2024-07-18T02:00:00.000Z', end: '2024-07-18T02:05:00.000Z', result: 'failed', disks: [], phases: [], milestones: [] };
    const late = outdated.evaluate({ ...ctx([winVersion('2.7.41491.1102')], ['windows-agent-log'], [task]), lastFailedTask: task });
    expect(late).toMatchObject({ verdict: 'ruled-out', confidence: 'low' });
    expect(late.reason).toContain('written after the failure');
    const seen = outdated.evaluate({ ...ctx([winVersion('2.7.41491.1102', '2024-07-18T01:00:00.000Z')], ['windows-agent-log'], [task]), lastFailedTask: task });
    expect(seen).toMatchObject({ verdict: 'ruled-out', confidence: 'high' });
  });
  const life = (event: 'orphan-wait', i: number): Fact => {
    const t = `2017-09-01T12:${String(10 + i * 10).padStart(2, '0')}:09.601Z`;
    return { kind: 'agent-lifecycle', at: at('var/log/waagent.log', 100 + i, t, 'INFO WALinuxAgent-2.2.15 waiting for orphan process 4035 to terminate'), timeMs: Date.parse(t), event, version: '2.2.15' };
  };
  it('agent-unresponsive: the daemon waiting on an orphan again and again is a hang', () => {
    const c = ctx([life('orphan-wait', 0), life('orphan-wait', 1), life('orphan-wait', 2)], ['waagent-log']);
    const out = unresponsive.evaluate(c);
    expect(out).toMatchObject({ verdict: 'detected', confidence: 'high' });
    expect(out.reason).toMatch(/orphaned agent process .* 3 times over 20 minutes/);
    expect(unresponsive.evaluate(ctx([life('orphan-wait', 0)], ['waagent-log'])).verdict).not.toBe('detected');
    // waits within one minute (WALinuxAgent #871: four in 20 s) are not "over 0 minutes"
    const quick = (i: number): Fact => ({ ...life('orphan-wait', 0), timeMs: Date.parse('2017-09-01T12:10:09.601Z') + i * 5_000 });
    const fast = unresponsive.evaluate(ctx([0, 1, 2, 3].map(quick), ['waagent-log']));
    expect(fast.reason).toMatch(/orphaned agent process to terminate 4 times instead of/);
    expect(fast.reason).not.toMatch(/over 0 minutes/);
  });
  it('vm-provisioning-updating: "Exception processing extension handlers" with no completed goal state after it', () => {
    const ev = (i: number): Fact => {
      const t = `2019-06-25T13:4${i}:27.819Z`;
      return { kind: 'agent-event', at: at('var/log/waagent.log', 10 + i, t, 'Event: name=WALinuxAgent, op=ExtensionProcessing'), timeMs: Date.parse(t), name: 'WALinuxAgent', op: 'ExtensionProcessing', message: 'Exception processing extension handlers: 0', decoded: false };
    };
    expect(updating.evaluate(ctx([ev(1), ev(2)], ['waagent-log']))).toMatchObject({ verdict: 'detected', confidence: 'medium', strength: 'strong' });
    expect(updating.evaluate(ctx([ev(1)], ['waagent-log']))).toMatchObject({ verdict: 'detected', confidence: 'low', strength: 'weak' });
  });
});

describe('advice in the guest\'s own terms', () => {
  it('a Windows bundle without the agent log is told to collect WaAppAgent.log, never waagent.log', () => {
    const c = ctx([], ['windows-plugin-status']);
    for (const r of [notRunning, unresponsive, outdated]) {
      const out = r.evaluate(c);
      expect(out.verdict).toBe('not-evaluable');
      expect(out.reason, out.reason).not.toMatch(/waagent/);
    }
    expect(notRunning.evaluate(c).reason).toContain('C:\\WindowsAzure\\Logs\\WaAppAgent.log');
  });
});
