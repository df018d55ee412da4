import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rule as unresponsive } from '../../../src/main/analyze/rules/agent-unresponsive';
import { heartbeatGaps } from '../../../src/main/analyze/reconstruct/agent-health';
import { CASES_DIR } from '../../accuracy/score';
import { contextFrom } from './helpers';

/**
 * A heartbeat gap is a silence of the agent only while its `HeartbeatCounter` goes on by one: Azure/WALinuxAgent#2940's
 * 2.10.0.3 heartbeats (counters 557–560) pasted with the same hours a day earlier made a 22-hour gap across which the
 * counter falls back (a new process: a reboot or a restart the excerpt does not show), not a hung agent.
 */
const LOG = readFileSync(join(CASES_DIR, 'neg-waagent-2940-b1ls-heartbeats-hourly-manifest', 'files', 'waagent.log'), 'utf8');
const dayBefore = LOG.replace(/2023-10-09T/g, '2023-10-08T');
const renumber = (text: string, by: number) => text.replace(/HeartbeatCounter: (\d+)/g, (_m, n: string) => `HeartbeatCounter: ${Number(n) + by}`);

describe('heartbeat gaps and the heartbeat counter', () => {
  it('a counter that falls back across the gap is a new process: no gap, agent-unresponsive not detected', async () => {
    const ctx = await contextFrom(dayBefore + LOG);
    expect(heartbeatGaps(ctx.facts, 60)).toEqual([]);
    expect(unresponsive.evaluate(ctx).verdict).not.toBe('detected');
  });

  it('a counter that jumps ahead across the gap says the beats happened and the log lacks them: no gap', async () => {
    const ctx = await contextFrom(dayBefore + renumber(LOG, 100));
    expect(heartbeatGaps(ctx.facts, 60)).toEqual([]);
  });

  it('a counter that goes on by one across 22 hours is one process that did not beat: the gap stays', async () => {
    const ctx = await contextFrom(dayBefore + renumber(LOG, 4));
    const gaps = heartbeatGaps(ctx.facts, 60);
    expect(gaps).toHaveLength(1);
    expect(Math.round(gaps[0].minutes)).toBe(22 * 60 + 30);
    expect(unresponsive.evaluate(ctx).verdict).toBe('detected');
  });
});
