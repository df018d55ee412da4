import { describe, expect, it } from 'vitest';
import type { SnapshotTask } from '../../../src/shared';
import { FactIndex } from '../../../src/main/analyze/facts-index';
import { summarizeAgent } from '../../../src/main/analyze/reconstruct/agent-health';
import { rule as outdated } from '../../../src/main/analyze/rules/agent-outdated';
import type { RuleContext } from '../../../src/main/analyze/types';
import { parseWaAppAgent } from '../../../src/main/parse/windows/waappagent';
import { renderAnalysis } from '../../../src/shared/i18n/analysis';
import { run } from '../../parse/windows/run';
import { failedTask } from './helpers';

/**
 * agent-outdated on Windows judges the agent that ran the failed task, as on Linux: the start line in force at the
 * failure, not the newest. The lines are the start line Microsoft Learn quotes (DevTest Labs, "Troubleshoot issues when
 * applying artifacts": `[00000006] [11/14/2019 05:52:13.44] [INFO]  WindowsAzureGuestAgent starting. Version
 * 2.7.41491.949`) at other times and versions: 2.7.41491.949 is below the Windows minimum 2.7.41491.1010, 1102 above.
 */
const W = 'WindowsAzure/Logs/WaAppAgent.log';
const start = (mdy: string, version: string) => `[00000006] [${mdy}] [INFO]  WindowsAzureGuestAgent starting. Version ${version}`;
const OLD = '2.7.41491.949';
const NEW = '2.7.41491.1102';
/** The task failed on 2024-07-18 at 02:00. */
const TASK: SnapshotTask = failedTask('2024-07-18T02:00:05.000Z', '2024-07-18T02:03:29.000Z');

async function ctx(log: string, task?: SnapshotTask): Promise<RuleContext> {
  const facts = new FactIndex((await run(parseWaAppAgent, W, log)).facts);
  return {
    facts,
    files: [{ id: 0, vmPath: W, kind: 'windows-agent-log', size: log.length, truncated: false, origin: 'WaAppAgent.log', input: 0, warnings: [] }],
    snapshots: task ? [task] : [],
    extensions: [],
    agent: summarizeAgent(facts),
    clock: { offsets: [], unresolved: [] },
    vm: { platform: 'windows' },
    hasFileKind: (k) => k === 'windows-agent-log',
    lastFailedTask: task,
  };
}

describe('agent-outdated judges the Windows agent that ran the failed task', () => {
  it('an old agent at the failure that updated itself after it is still the failure agent (detected high)', async () => {
    const log = [start('07/17/2024 08:00:01.10', OLD), start('07/18/2024 05:00:01.10', NEW)].join('\n');
    const out = outdated.evaluate(await ctx(log, TASK));
    expect(out).toMatchObject({ verdict: 'detected', confidence: 'high', spansTask: true });
    expect(out.evidence[0].text).toContain(OLD);
    expect(renderAnalysis(out.reason, 'en')).toContain(`Windows VM Agent ${OLD} is the agent that ran the failed task; later lines name ${NEW}`);
    expect(renderAnalysis(out.reason, 'nl')).toContain(`latere regels noemen ${NEW}`);
    // without a failed task the newest line speaks (the agent now)
    expect(outdated.evaluate(await ctx(log))).toMatchObject({ verdict: 'ruled-out', confidence: 'high' });
  });

  it('a supported agent at the failure is not blamed for an older one a later line names', async () => {
    const log = [start('07/17/2024 08:00:01.10', NEW), start('07/18/2024 05:00:01.10', OLD)].join('\n');
    const out = outdated.evaluate(await ctx(log, TASK));
    expect(out).toMatchObject({ verdict: 'ruled-out', confidence: 'high' });
    expect(out.evidence[0].text).toContain(NEW);
  });

  it('with start lines only after the failure, the nearest one names the failure agent', async () => {
    const log = [start('07/18/2024 05:00:01.10', OLD), start('07/19/2024 05:00:01.10', NEW)].join('\n');
    const out = outdated.evaluate(await ctx(log, TASK));
    // an old release named after the failure still names what ran it (agents do not go back down)
    expect(out).toMatchObject({ verdict: 'detected', confidence: 'high' });
    expect(out.evidence[0].text).toContain(OLD);
    // a supported one so named rules out an older agent at low only, and is not said to have run the task
    const later = outdated.evaluate(await ctx([start('07/18/2024 05:00:01.10', NEW), start('07/19/2024 05:00:01.10', '2.7.41491.1110')].join('\n'), TASK));
    expect(later).toMatchObject({ verdict: 'ruled-out', confidence: 'low' });
    expect(renderAnalysis(later.reason, 'en')).toContain('written after the failure');
    expect(renderAnalysis(later.reason, 'en')).not.toContain('ran the failed task');
  });
});

describe('a Windows version line without a time says no more than an old log would', () => {
  it('below the minimum: low, as the same line timed before the minimum existed, never more', async () => {
    // KB 4094480's untimed search line; the same line in a 2019 log (Learn's time) is low
    const timed = outdated.evaluate(await ctx(start('11/14/2019 05:52:13.44', OLD)));
    const untimed = outdated.evaluate(await ctx(`WindowsAzureGuestAgent starting. Version ${OLD}`));
    expect(timed).toMatchObject({ verdict: 'detected', confidence: 'low' });
    expect(untimed).toMatchObject({ verdict: 'detected', confidence: 'low', spansTask: false });
    expect(renderAnalysis(untimed.reason, 'en')).toContain('The line that names it has no time, so the log may be older than 2.7.41491.1010');
    expect(renderAnalysis(untimed.reason, 'nl')).toContain('De regel met deze versie heeft geen tijd');
    // and against a failed task
    expect(outdated.evaluate(await ctx(`WindowsAzureGuestAgent starting. Version ${OLD}`, TASK))).toMatchObject({ confidence: 'low' });
  });
});
