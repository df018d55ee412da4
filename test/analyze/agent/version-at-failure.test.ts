import { describe, expect, it } from 'vitest';
import type { Fact } from '../../../src/shared';
import { renderAnalysis } from '../../../src/shared/i18n/analysis';
import { rule as outdated } from '../../../src/main/analyze/rules/agent-outdated';
import { LogBuilder, contextFrom, failedTask } from './helpers';

/**
 * agent-outdated judges the goal-state agent that ran the failed task, not the one a later line names: an agent that
 * updated itself (or was reinstalled) after the failure did not run that backup. The agent lines are the formats of
 * helpers.ts (2.2.46+ start and heartbeat lines); 2.2.46 is below the supported 2.2.53.1, 2.9.1.1 above it.
 */
const TASK = failedTask('2026-11-19T22:00:05.000Z', '2026-11-19T22:03:29.000Z');
const OLD = '2.2.46';
const NEW = '2.9.1.1';

const before = (gsa: string) => new LogBuilder().boot('2026-11-19T08:00:01Z', gsa).heartbeats('2026-11-19T08:12:37Z', '2026-11-19T21:42:37Z', 30, gsa);
/** The agent restarts under another goal-state agent three hours after the task and beats on under it. */
const updatedAfter = (from: string, to: string) => before(from).boot('2026-11-20T01:00:01Z', to).heartbeats('2026-11-20T01:12:37Z', '2026-11-20T04:42:37Z', 30, to);

/** `waagent --version` run over SSH at collection time (ssh/remote.ts's probe as probes.json carries it). */
function versionProbe(goal: string): Fact {
  return {
    kind: 'probe',
    at: { file: 'vmbackup-doctor/probes.json', line: 3, time: '2026-11-20T09:14:01.000Z', text: '{"name":"waagent-version","ok":true}' },
    timeMs: Date.parse('2026-11-20T09:14:01Z'),
    probe: 'waagent-version',
    ok: true,
    detail: '',
    data: { daemonVersion: '2.2.45', goalStateVersion: goal, python: '3.8.10' },
  };
}

describe('agent-outdated judges the agent that ran the failed task', () => {
  it('an old agent at the failure that updated itself after it is still the failure agent (detected high)', async () => {
    const b = updatedAfter(OLD, NEW);
    const out = outdated.evaluate(await contextFrom(b.text(), { task: TASK }));
    expect(out).toMatchObject({ verdict: 'detected', confidence: 'high' });
    // the line cited is the last one before the task that names the old agent, not a later one
    expect(out.evidence[0].time! < TASK.start!).toBe(true);
    expect(out.evidence[0].text).toContain(`WALinuxAgent-${OLD}`);
    const en = renderAnalysis(out.reason, 'en');
    expect(en).toContain(`WALinuxAgent ${OLD}`);
    expect(en).toContain(`later lines name ${NEW}`);
    expect(renderAnalysis(out.reason, 'nl')).toContain(`latere regels noemen ${NEW}`);
  });

  it('a supported agent at the failure is not blamed for an older one a later line names (ruled out)', async () => {
    const out = outdated.evaluate(await contextFrom(updatedAfter(NEW, OLD).text(), { task: TASK }));
    expect(out).toMatchObject({ verdict: 'ruled-out' });
    expect(out.evidence[0].text).toContain(`WALinuxAgent-${NEW}`);
  });

  it('without a failed task the newest line still speaks (the agent now)', async () => {
    expect(outdated.evaluate(await contextFrom(updatedAfter(OLD, NEW).text()))).toMatchObject({ verdict: 'ruled-out' });
    expect(outdated.evaluate(await contextFrom(updatedAfter(NEW, OLD).text()))).toMatchObject({ verdict: 'detected', confidence: 'high' });
  });

  it('with version lines only after the failure, the nearest one names the failure agent', async () => {
    const late = failedTask('2026-11-19T06:00:05.000Z', '2026-11-19T06:03:29.000Z');
    const out = outdated.evaluate(await contextFrom(updatedAfter(OLD, NEW).text(), { task: late }));
    expect(out).toMatchObject({ verdict: 'detected', confidence: 'high' });
    // an old release named after the failure still names what ran it (agents do not go back down)
    expect(renderAnalysis(out.reason, 'en')).toContain(`later lines name ${NEW}`);
  });

  it('a supported version first named after the failure rules out an older agent at low only: it may have updated since', async () => {
    // the task ran at 06:00; the first line naming an agent is the 08:00 boot's
    const late = failedTask('2026-11-19T06:00:05.000Z', '2026-11-19T06:03:29.000Z');
    const out = outdated.evaluate(await contextFrom(before(NEW).text(), { task: late }));
    expect(out).toMatchObject({ verdict: 'ruled-out', confidence: 'low' });
    expect(renderAnalysis(out.reason, 'en')).toContain('The first line that names it was written after the failure');
    expect(renderAnalysis(out.reason, 'nl')).toContain('De eerste regel met deze versie is na de fout geschreven');
    // only `waagent --version` at collection, the morning after
    const probed = outdated.evaluate(await contextFrom('', { task: TASK, facts: [versionProbe('2.11.1.4')] }));
    expect(probed).toMatchObject({ verdict: 'ruled-out', confidence: 'low' });
    // a line before the failure still rules it out at high
    expect(outdated.evaluate(await contextFrom(before(NEW).text(), { task: TASK }))).toMatchObject({ verdict: 'ruled-out', confidence: 'high' });
  });

  it('an updated-to version after the failure is not said to have run the failed task', async () => {
    const late = failedTask('2026-11-19T06:00:05.000Z', '2026-11-19T06:03:29.000Z');
    const out = outdated.evaluate(await contextFrom(updatedAfter(NEW, '2.11.1.4').text(), { task: late }));
    expect(out).toMatchObject({ verdict: 'ruled-out', confidence: 'low' });
    expect(renderAnalysis(out.reason, 'en')).not.toContain('ran the failed task');
  });

  it("`waagent --version` over SSH is the agent at collection: the newest, but not the failure's when it is older", async () => {
    const log = before(OLD).text();
    // no failed task: the agent now (2.11.1.4 at collection) is what a backup tonight would run under
    expect(outdated.evaluate(await contextFrom(log, { facts: [versionProbe('2.11.1.4')] }))).toMatchObject({ verdict: 'ruled-out' });
    // a failed task under 2.2.46: the probe run the next morning does not speak for it
    const failed = outdated.evaluate(await contextFrom(log, { task: TASK, facts: [versionProbe('2.11.1.4')] }));
    expect(failed).toMatchObject({ verdict: 'detected', confidence: 'high' });
    expect(renderAnalysis(failed.reason, 'en')).toContain('later lines name 2.11.1.4');
  });
});
