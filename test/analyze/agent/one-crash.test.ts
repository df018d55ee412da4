import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderAnalysis } from '../../../src/shared/i18n/analysis';
import { rule as unresponsive } from '../../../src/main/analyze/rules/agent-unresponsive';
import { CASES_DIR } from '../../accuracy/score';
import { contextFrom } from './helpers';

/**
 * One crash of the goal-state agent that the daemon answers by relaunching it (Azure/WALinuxAgent#589, agent 2.2.4:
 * "failed with exception", then the daemon's "failed with return code: 1"; ga/update.py run_latest relaunches it):
 * that pass processed no extension, but once is a symptom, said at low; repeated it is a loop (#626), said higher.
 */
const LOG_589 = readFileSync(join(CASES_DIR, 'waagent-589-hostplugin-unavailable-exthandler-crash', 'files', 'waagent.log'), 'utf8');

describe('agent-unresponsive: one crash and its relaunch', () => {
  it('is detected at low, weak, saying a longer log tells whether it repeats', async () => {
    const out = unresponsive.evaluate(await contextFrom(LOG_589));
    expect(out).toMatchObject({ verdict: 'detected', confidence: 'low', strength: 'weak' });
    expect(out.evidence.map((e) => e.line)).toEqual([4, 5]);
    expect(renderAnalysis(out.reason, 'en')).toContain('crashed once and the daemon relaunched it');
    expect(renderAnalysis(out.reason, 'nl')).toContain('crashte één keer');
  });

  it('a crash without the daemon relaunching it is not this sign (it is the run loop ending: run-loop-died.test.ts)', async () => {
    const crashOnly = LOG_589.split('\n').slice(0, 4).join('\n') + '\n';
    expect(renderAnalysis(unresponsive.evaluate(await contextFrom(crashOnly)).reason, 'en')).not.toContain('the daemon relaunched it');
  });
});
