import { describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../../src/shared';
import { analyzeFiles } from '../snapshot/helpers';

/**
 * WireServer and HostGAPlugin timeouts with no failed task: three in one run (each within 7 h of the next: the agent
 * repeats a failing goal state's error every 6 h, ga/update.py) are the VM cut off; three scattered over months, as an
 * excerpt of a log's errors brings them, are blips the agent's developers ignore below a count per test run
 * (tests_e2e/tests/lib/agent_log.py at a976115, whose vmSettings, goal-state and HostGAPlugin heartbeat timeout
 * records these are).
 */

const wire = (r: AnalysisResult) => r.findings.find((f) => f.cause === 'no-network-wireserver')!;

const vmSettingsTimeout = (t: string) =>
  `${t} ERROR ExtHandler ExtHandler Error fetching the goal state: [ProtocolError] GET vmSettings [correlation ID: e162f7c3-8d0c-4a9b-a987-8f9ec0699dae eTag: 9757461589808963322]: Timeout`;
const heartbeatTimeout = (t: string) =>
  `${t} WARNING MonitorHandler ExtHandler Error in SendHostPluginHeartbeat: [HttpError] [HTTP Failed] GET http://168.63.129.16:32526/health -- IOError timed out -- 1 attempts made --- [NOTE: Will not log the same error for the next hour]`;
const goalStateTimeout = (t: string) =>
  `${t} ERROR ExtHandler ExtHandler Error fetching the goal state: [ProtocolError] [Wireserver Exception] [HttpError] [HTTP Failed] GET http://168.63.129.16/machine/ -- IOError timed out -- 6 attempts made`;

describe('no-network-wireserver without a failed task: a run of failures, not failures months apart', () => {
  it('three timeouts months apart, none recovered in the excerpt, stay weak and low', async () => {
    const log = [vmSettingsTimeout('2022-08-16T01:50:10.759502Z'), goalStateTimeout('2022-12-02T05:45:51.771876Z'), heartbeatTimeout('2025-09-06T08:47:42.367645Z')].join('\n');
    const f = wire(await analyzeFiles({ 'waagent.log': log }));
    expect(f).toMatchObject({ verdict: 'detected', confidence: 'low', strength: 'weak' });
  });

  it('the same three within an hour are an outage still going on: strong, medium', async () => {
    const log = [vmSettingsTimeout('2025-09-06T08:10:10.759502Z'), goalStateTimeout('2025-09-06T08:45:51.771876Z'), heartbeatTimeout('2025-09-06T08:47:42.367645Z')].join('\n');
    const f = wire(await analyzeFiles({ 'waagent.log': log }));
    expect(f).toMatchObject({ verdict: 'detected', confidence: 'medium', strength: 'strong' });
  });

  it('the agent repeating the failure every 6 hours is one run: strong', async () => {
    // the first three errors at once, then "Fetching the goal state is still failing" every 6 h (ga/update.py)
    const still = (t: string) =>
      `${t} ERROR ExtHandler ExtHandler Fetching the goal state is still failing: [ProtocolError] [Wireserver Exception] [HttpError] [HTTP Failed] GET http://168.63.129.16/machine/ -- IOError timed out -- 6 attempts made`;
    const log = [still('2025-09-06T02:47:42.000000Z'), still('2025-09-06T08:47:43.000000Z'), still('2025-09-06T14:47:44.000000Z')].join('\n');
    expect(wire(await analyzeFiles({ 'waagent.log': log }))).toMatchObject({ confidence: 'medium', strength: 'strong' });
  });

  it('a failure more than 7 hours before the next one is not part of its run', async () => {
    const log = [vmSettingsTimeout('2025-09-06T00:40:00.000000Z'), goalStateTimeout('2025-09-06T08:45:51.771876Z'), heartbeatTimeout('2025-09-06T08:47:42.367645Z')].join('\n');
    expect(wire(await analyzeFiles({ 'waagent.log': log }))).toMatchObject({ confidence: 'low', strength: 'weak' });
  });
});
