import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rule as unresponsive } from '../../../src/main/analyze/rules/agent-unresponsive';
import { summarizeAgent } from '../../../src/main/analyze/reconstruct/agent-health';
import { renderAnalysis } from '../../../src/shared/i18n/analysis';
import { CASES_DIR } from '../../accuracy/score';
import { analyzeFiles, contextFrom, failedTask } from './helpers';

/**
 * Agents before 2.2.47 write no [HEARTBEAT] line: their monitor thread logs `Event: name=WALinuxAgent-2.2.2,
 * op=HeartBeat, message=` every 30 minutes (Azure/WALinuxAgent#526's 2.2.2, #781's 2.2.13), `name=WALinuxAgent,
 * op=HeartBeat, message=, duration=0` (#947's 2.2.18) or `name=WALA, op=HeartBeat` (azure-linux-extensions#263's 2.1.3).
 * They show the process alive, not its goal-state loop handling extensions: they rule agent-unresponsive out at medium
 * at most, and a versionless one names no agent.
 */
const caseText = (id: string, file: string) => readFileSync(join(CASES_DIR, id, 'files', file), 'utf8');
const LOG_526 = caseText('neg-waagent-526-freebsd-hourly-update-check', 'waagent.log');
const LOG_781 = caseText('neg-waagent-781-hostplugin-400-role-config-not-found', 'waagent.log');
/** #526's two beats (14:56:08, 15:26:09) moved `hours` later, as written. */
const beats526Later = (hours: number) =>
  LOG_526.split('\n')
    .filter((l) => l.includes('op=HeartBeat'))
    .map((l) => l.replace(/^2016\/12\/22 (\d\d)/, (_m, h: string) => `2016/12/22 ${String(Number(h) + hours).padStart(2, '0')}`))
    .join('\n');
const en = (m: Parameters<typeof renderAnalysis>[0]) => renderAnalysis(m, 'en');
/** #745's 2.2.10 records after its heartbeat (WireServer 503s, the HostGAPlugin failing), moved to 2016/12/22 `hour`:mm. */
const records745At = (hour: number) =>
  caseText('waagent-745-hostplugin-init-not-retried-after-503', 'waagent.log')
    .split('\n')
    .filter((l) => l !== '' && !l.includes('op=HeartBeat'))
    .map((l) => l.replace(/^2017\/05\/26 10:/, `2016/12/22 ${hour}:`))
    .join('\n');

describe("an old agent's HeartBeat events", () => {
  it('rule agent-unresponsive out at medium, never high, and count as heartbeats', async () => {
    for (const log of [LOG_526, LOG_781]) {
      const ctx = await contextFrom(log);
      const r = unresponsive.evaluate(ctx);
      expect(r.verdict).toBe('ruled-out');
      expect(r.confidence).toBe('medium');
      expect(en(r.reason)).toMatch(/monitor thread logged 2 HeartBeat events/);
      expect(ctx.agent.heartbeats).toBe(2);
    }
  });

  it('a healthy old log stays quiet: nothing above low', async () => {
    const r = await analyzeFiles({ 'var/log/waagent.log': LOG_526 });
    expect(r.findings.filter((f) => f.verdict === 'detected' && f.confidence !== 'low').map((f) => f.cause)).toEqual([]);
    expect(r.findings.find((f) => f.cause === 'agent-unresponsive')).toMatchObject({ verdict: 'ruled-out', confidence: 'medium' });
  });

  it('a gap in them around the failed task, the log going on inside it, is found at medium', async () => {
    const log = `${LOG_526.trimEnd()}\n${records745At(16)}\n${beats526Later(3)}\n`;
    const ctx = await contextFrom(log, { task: failedTask('2016-12-22T16:30:00Z', '2016-12-22T16:40:00Z') });
    const r = unresponsive.evaluate(ctx);
    expect(r.verdict).toBe('detected');
    expect(r.confidence).toBe('medium');
    expect(en(r.reason)).toMatch(/HeartBeat events of its monitor thread/);
  });

  it('a gap with nothing logged inside it is a part of the log not there (another night pasted before): no gap', async () => {
    const ctx = await contextFrom(`${LOG_526.trimEnd()}\n${beats526Later(3)}\n`, { task: failedTask('2016-12-22T16:30:00Z', '2016-12-22T16:40:00Z') });
    expect(unresponsive.evaluate(ctx).verdict).not.toBe('detected');
  });

  it('that end over an hour before the failed task while the log goes on, no goal state after, say so at low', async () => {
    const task = failedTask('2016-12-22T19:00:00Z', '2016-12-22T19:10:00Z');
    const ctx = await contextFrom(`${LOG_526.trimEnd()}\n${records745At(18)}\n`, { task });
    const r = unresponsive.evaluate(ctx);
    expect(r.verdict).toBe('detected');
    expect(r.confidence).toBe('low');
    expect(en(r.reason)).toMatch(/last HeartBeat event .* before the failed task/);
    // a log that ends with its beats does not cover the task: nothing said of the agent, and not ruled out above low
    const ended = unresponsive.evaluate(await contextFrom(LOG_526, { task }));
    expect(ended.verdict).toBe('ruled-out');
    expect(ended.confidence).toBe('low');
  });

  it('without a version do not blank or replace the agent version', async () => {
    const versionless = caseText('neg-waagent-947-journal-restart-after-reboot', 'journal.log')
      .split('\n')
      .find((l) => l.includes('name=WALinuxAgent, op=HeartBeat'))!
      .replace(/^.*?python3\[\d+\]: 2017\/11\/20 14:51/, '2016/12/22 15:56');
    const wala = caseText('neg-ext-263-lad-waagent-healthy', 'waagent.log')
      .split('\n')
      .find((l) => l.includes('name=WALA, op=HeartBeat'))!
      .replace(/^2016\/10\/23 23:06/, '2016/12/22 16:26');
    const ctx = await contextFrom(`${LOG_526.trimEnd()}\n${versionless}\n${wala}\n`);
    expect(summarizeAgent(ctx.facts).goalStateAgentVersion).toBe('2.2.2');
    expect(ctx.agent.heartbeats).toBe(4);
  });
});
