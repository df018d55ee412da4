import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rule as unresponsive } from '../../../src/main/analyze/rules/agent-unresponsive';
import { renderAnalysis } from '../../../src/shared/i18n/analysis';
import { CASES_DIR } from '../../accuracy/score';
import { contextFrom, failedTask } from './helpers';

/**
 * [HEARTBEAT] lines rule agent-unresponsive out high only where they cover the failed task: Azure/WALinuxAgent#2940's
 * 2.10.0.3 beats (2023-10-09 02:07–03:37, every 30 minutes) say nothing of the agent two days later.
 */
const LOG = readFileSync(join(CASES_DIR, 'neg-waagent-2940-b1ls-heartbeats-hourly-manifest', 'files', 'waagent.log'), 'utf8');
/**
 * A goal-state fetch error the agent's own tests list as benign (WALinuxAgent tests_e2e/tests/lib/agent_log.py, case
 * neg-waagent-e2e-vmsettings-hostgaplugin-transient) moved to 2023-10-11 23:50: the log goes on after the beats.
 */
const laterRecord = readFileSync(join(CASES_DIR, 'neg-waagent-e2e-vmsettings-hostgaplugin-transient', 'files', 'waagent.log'), 'utf8')
  .split('\n')
  .find((l) => l.includes('Error fetching the goal state'))!
  .replace(/^\S+/, '2023-10-11T23:50:10.759502Z');
const en = (m: Parameters<typeof renderAnalysis>[0]) => renderAnalysis(m, 'en');
const lateTask = failedTask('2023-10-11T22:00:00Z', '2023-10-11T22:10:00Z');

describe('[HEARTBEAT] lines and the failed task', () => {
  it('that surround the failed task rule agent-unresponsive out high', async () => {
    const r = unresponsive.evaluate(await contextFrom(LOG, { task: failedTask('2023-10-09T03:00:00Z', '2023-10-09T03:10:00Z') }));
    expect(r).toMatchObject({ verdict: 'ruled-out', confidence: 'high' });
  });

  it('that end days before the failed task, the log ending with them, do not rule it out above low', async () => {
    const r = unresponsive.evaluate(await contextFrom(LOG, { task: lateTask }));
    expect(r.verdict).toBe('ruled-out');
    expect(r.confidence).toBe('low');
    expect(en(r.reason)).toMatch(/last .* before the failed task/);
  });

  it('that begin days after the failed task do not rule it out above low', async () => {
    const r = unresponsive.evaluate(await contextFrom(LOG, { task: failedTask('2023-10-07T22:00:00Z', '2023-10-07T22:10:00Z') }));
    expect(r.verdict).toBe('ruled-out');
    expect(r.confidence).toBe('low');
  });

  it('that end days before the failed task while the log goes on, no goal state after: detected low, said so', async () => {
    const r = unresponsive.evaluate(await contextFrom(`${LOG.trimEnd()}\n${laterRecord}\n`, { task: lateTask }));
    expect(r.verdict).toBe('detected');
    expect(r.confidence).toBe('low');
    expect(en(r.reason)).toMatch(/last \[HEARTBEAT\] line is at 2023-10-09T03:37:24.180Z, \d+ minutes before the failed task/);
  });
});
