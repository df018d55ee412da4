import { describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../../src/shared';
import { analyzeFiles } from '../snapshot/helpers';

/**
 * no-network-wireserver counts events, not facts: a goal-state line that failed on the network is one failed call to
 * the WireServer and one goal-state error, a single record (Azure/WALinuxAgent#1801's lines, test/cases/waagent-1801).
 */

const wire = (r: AnalysisResult) => r.findings.find((f) => f.cause === 'no-network-wireserver')!;

const TELEMETRY = '2020/01/19 09:13:16.774102 ERROR ExtHandler [ProtocolError] [Wireserver Exception] [HttpError] [HTTP Failed] POST http://168.63.129.16/machine?comp=telemetrydata -- IOError timed out -- 6 attempts made';
const HEALTH = '2020/01/19 09:14:57.831376 WARNING ExtHandler HealthService: could not report observations: [HttpError] [HTTP Failed] POST http://168.63.129.16:80/HealthService -- IOError timed out -- 6 attempts made';
const GOAL_STATE = '2020/01/19 09:15:21.783005 ERROR ExtHandler ProtocolError processing goal state, giving up [[ProtocolError] [Wireserver Exception] [HttpError] [HTTP Failed] GET http://168.63.129.16/machine/?comp=goalstate -- IOError timed out -- 6 attempts made]';
const untimed = (line: string) => line.slice('2020/01/19 09:15:21.783005 '.length);

describe('no-network-wireserver: one record is one failure', () => {
  it("waagent-1801's three records are three failures, its goal-state line once", async () => {
    const f = wire(await analyzeFiles({ 'waagent.log': [TELEMETRY, HEALTH, GOAL_STATE].join('\n') }));
    expect(f.reason).toMatch(/^3 network failures reaching 168\.63\.129\.16/);
  });

  it('one goal-state line is one failure', async () => {
    expect(wire(await analyzeFiles({ 'waagent.log': GOAL_STATE })).reason).toMatch(/^1 network failure reaching/);
  });

  it('one untimed goal-state line is one failure too', async () => {
    expect(wire(await analyzeFiles({ 'waagent.log': untimed(GOAL_STATE) })).reason).toMatch(/^1 network failure reaching/);
  });

  it('two goal-state lines are two failures, not an outage of three', async () => {
    const later = GOAL_STATE.replace('09:15:21', '09:25:21');
    const f = wire(await analyzeFiles({ 'waagent.log': [GOAL_STATE, later].join('\n') }));
    expect(f.reason).toMatch(/^2 network failures reaching/);
    expect(f.strength).toBe('weak');
  });

  it('beyond 4,096 goal-state errors the count is a lower bound, said as one', async () => {
    const at = (k: number) => new Date(Date.UTC(2020, 0, 19, 9, 15, 21) + k * 1000).toISOString().replace('T', ' ').replace(/-/g, '/').replace('Z', '000');
    const log = Array.from({ length: 4100 }, (_, k) => `${at(k)} ${untimed(GOAL_STATE)}`).join('\n');
    expect(wire(await analyzeFiles({ 'waagent.log': log })).reason).toMatch(/^At least 4100 network failures reaching/);
  });
});
