import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderAnalysis } from '../../../src/shared/i18n/analysis';
import { rule as unresponsive } from '../../../src/main/analyze/rules/agent-unresponsive';
import { CASES_DIR } from '../../accuracy/score';
import { contextFrom } from './helpers';

const caseLog = (id: string) => readFileSync(join(CASES_DIR, id, 'files', 'waagent.log'), 'utf8');

/**
 * The goal-state agent's run loop logs "Agent … failed with exception" and exits with 1 right after it in every release
 * (ga/update.py UpdateHandler.run): like agent.py's "Failed to run", that process ran no extension until the daemon
 * started another (Azure/WALinuxAgent#1597, 2.2.41 on a distribution without a code name; #398, 2.1.6.1).
 */
describe("agent-unresponsive: the goal-state agent's run loop ending", () => {
  it('a lone "failed with exception" is detected at low, on that line, saying once is a symptom', async () => {
    const out = unresponsive.evaluate(await contextFrom(caseLog('waagent-1597-2-2-41-distro-code-name-none-cgroups-crash')));
    expect(out).toMatchObject({ verdict: 'detected', confidence: 'low' });
    expect(out.evidence.map((e) => e.line)).toEqual([1]);
    expect(renderAnalysis(out.reason, 'en')).toContain("stopped with an unhandled exception ('failed with exception'");
    expect(renderAnalysis(out.reason, 'en')).not.toContain('the daemon relaunched it');
    expect(renderAnalysis(out.reason, 'nl')).toContain('stopte met een onafgehandelde uitzondering');
  });

  it('the same line without a time stamp or thread name (2.1.x) is the same sign', async () => {
    const out = unresponsive.evaluate(await contextFrom(caseLog('waagent-398-2-1-6-1-metadata-exthandlerpackage-exception')));
    expect(out).toMatchObject({ verdict: 'detected', confidence: 'low' });
  });

  /** #761 (2.2.12): the daemon's "failed with return code: 1" first, the relaunch, then the new process's note on the old one. */
  it('"did not terminate cleanly" after the daemon saw the return code is the one crash and its relaunch', async () => {
    const out = unresponsive.evaluate(await contextFrom(caseLog('waagent-761-2-2-12-metadata-protocol-exthandler-restart')));
    expect(out).toMatchObject({ verdict: 'detected', confidence: 'low' });
    expect(out.evidence.map((e) => e.line)).toEqual([12, 1]);
    expect(renderAnalysis(out.reason, 'en')).toContain('crashed once and the daemon relaunched it');
  });
});
