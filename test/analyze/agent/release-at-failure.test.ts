import { describe, expect, it } from 'vitest';
import type { Fact } from '../../../src/shared';
import { renderAnalysis } from '../../../src/shared/i18n/analysis';
import { rule as outdated } from '../../../src/main/analyze/rules/agent-outdated';
import { contextFrom, failedTask } from './helpers';

/**
 * The known-bad-release and self-update branches of agent-outdated judge a supported goal-state agent only where its line
 * speaks for the failure: a line without a time (`waagent --version` pasted: WALinuxAgent #3156's `Goal state agent:
 * 2.9.1.1`), or the first one after the failure, may name a release the agent updated itself to since. The heartbeat
 * and the update failure are the formats of the catalogue samples (parse/waagent/catalogue.ts).
 */
const beat = (t: string, v: string) => `${t} INFO ExtHandler ExtHandler [HEARTBEAT] Agent WALinuxAgent-${v} is running as the goal state agent [DEBUG HeartbeatCounter: 1;HeartbeatId: 6F0F;DroppedPackets: 0;UpdateGSErrors: 0;AutoUpdate: 1]`;
/** `waagent --version` pasted (a terminal session's line: no time). */
const pasted = (v: string): Fact => ({ kind: 'agent-version', role: 'goal-state-agent', version: v, at: { file: 'session.txt', line: 3, time: null, text: `Goal state agent: ${v}` }, timeMs: NaN });
const ubuntu24: Fact = { kind: 'os-release', id: 'ubuntu', versionId: '24.04', at: { file: 'etc/os-release', line: 0, time: null, text: '' }, timeMs: NaN };
const TASK = failedTask('2025-05-01T08:00:05.000Z', '2025-05-01T08:03:29.000Z');

describe("a release with a published problem, named apart from the failure's time", () => {
  it('first named after the failure, without its sign: a possible cause only, and the reason says why', async () => {
    const out = outdated.evaluate(await contextFrom(`${beat('2025-05-01T10:00:00.000001Z', '2.9.1.1')}\n`, { task: TASK, facts: [ubuntu24] }));
    expect(out).toMatchObject({ verdict: 'detected', confidence: 'low', possibleOnly: true });
    expect(renderAnalysis(out.reason, 'en')).toContain('The first line that names it was written after the failure: the agent may have updated itself to this release');
    expect(renderAnalysis(out.reason, 'nl')).toContain('naar deze versie hebben bijgewerkt');
    // named before the failure: the release ran it
    const before = outdated.evaluate(await contextFrom(`${beat('2025-05-01T07:30:00.000001Z', '2.9.1.1')}\n`, { task: TASK, facts: [ubuntu24] }));
    expect(before).toMatchObject({ verdict: 'detected', confidence: 'low' });
    expect(before.possibleOnly).toBeUndefined();
    expect(renderAnalysis(before.reason, 'en')).not.toContain('after the failure');
  });

  it('named on a line without a time: the same', async () => {
    const out = outdated.evaluate(await contextFrom('', { task: TASK, facts: [ubuntu24, pasted('2.9.1.1')] }));
    expect(out).toMatchObject({ verdict: 'detected', confidence: 'low', possibleOnly: true });
    expect(renderAnalysis(out.reason, 'en')).toContain('The line that names it has no time: the agent may have updated itself to this release after the failure');
  });
});

describe('a failing self-update beside a supported agent named apart from the failure', () => {
  const failing = '2025-05-01T07:40:00.000001Z WARNING ExtHandler ExtHandler Unable to update Agent: [AgentUpdateError] timed out';

  it('a supported agent on a line without a time does not lower it: no version says no more (medium)', async () => {
    const none = outdated.evaluate(await contextFrom(`${failing}\n`, { task: TASK }));
    expect(none).toMatchObject({ verdict: 'detected', confidence: 'medium' });
    const out = outdated.evaluate(await contextFrom(`${failing}\n`, { task: TASK, facts: [pasted('2.11.1.4')] }));
    expect(out).toMatchObject({ verdict: 'detected', confidence: 'medium' });
    expect(renderAnalysis(out.reason, 'en')).toContain('the running goal-state agent is 2.11.1.4. The line that names it has no time');
    expect(renderAnalysis(out.reason, 'nl')).toContain('De regel met deze versie heeft geen tijd');
  });

  it('one first named after the failure neither; one named before it does (low)', async () => {
    const after = outdated.evaluate(await contextFrom(`${failing}\n${beat('2025-05-01T10:00:00.000001Z', '2.11.1.4')}\n`, { task: TASK }));
    expect(after).toMatchObject({ verdict: 'detected', confidence: 'medium' });
    expect(renderAnalysis(after.reason, 'en')).toContain('The first line that names it was written after the failure');
    const before = outdated.evaluate(await contextFrom(`${beat('2025-05-01T07:30:00.000001Z', '2.11.1.4')}\n${failing}\n`, { task: TASK }));
    expect(before).toMatchObject({ verdict: 'detected', confidence: 'low' });
  });
});
