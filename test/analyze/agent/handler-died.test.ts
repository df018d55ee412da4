import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderAnalysis } from '../../../src/shared/i18n/analysis';
import { rule as unresponsive } from '../../../src/main/analyze/rules/agent-unresponsive';
import { CASES_DIR } from '../../accuracy/score';
import { contextFrom } from './helpers';

/**
 * agent.py main()'s last resort, `Failed to run '<command>': <exception>` (every release from 2.2.0): the process that
 * logs it ends there. For the extension handler ('run-exthandlers') that is a pass with no extension handled
 * (Azure/WALinuxAgent#1035: 2.2.21 on a full events folder); for commands run beside the agent it says nothing.
 */
const LOG_1035 = readFileSync(join(CASES_DIR, 'waagent-1035-2-2-21-events-recursion-exthandler-crash', 'files', 'waagent.log'), 'utf8');

describe("agent-unresponsive: the extension handler's 'Failed to run'", () => {
  it('is detected at low, on that line, saying once is a symptom', async () => {
    const out = unresponsive.evaluate(await contextFrom(LOG_1035));
    expect(out).toMatchObject({ verdict: 'detected', confidence: 'low' });
    expect(out.evidence.map((e) => e.line)).toEqual([6]);
    expect(renderAnalysis(out.reason, 'en')).toContain("ended with an unhandled exception ('Failed to run')");
    expect(renderAnalysis(out.reason, 'nl')).toContain('stopte met een onafgehandelde uitzondering');
  });

  it('the log collector or deprovisioning failing is not the extension handler', async () => {
    for (const command of ['collect-logs', 'deprovision', 'show-configuration']) {
      const log = `2024-07-09T03:07:55.659321Z ERROR MainThread Failed to run '${command}': Traceback (most recent call last):\n`;
      expect(unresponsive.evaluate(await contextFrom(log)).verdict).not.toBe('detected');
    }
  });

  it('the daemon failing three times is the exits sign', async () => {
    const line = (s: number) => `2023-08-01T10:0${s}:00.000001Z ERROR Daemon Daemon Failed to run 'daemon': Traceback (most recent call last):`;
    const out = unresponsive.evaluate(await contextFrom([1, 2, 3].map(line).join('\n') + '\n'));
    expect(out.verdict).toBe('detected');
    expect(renderAnalysis(out.reason, 'en')).toContain('the daemon failed 3 times');
  });
});
