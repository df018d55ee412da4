import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeBundle } from '../../../src/main/pipeline/analyze-bundle';
import { ROOT, SAMPLE } from '../../helpers/paths';
import { AGENT_CAUSES, LogBuilder, analyzeFiles, finding } from './helpers';

const LOG = 'var/log/waagent.log';
const SAMPLE_LOG = readFileSync(join(ROOT, 'assets', 'sample', 'vm', 'var', 'log', 'waagent.log'), 'utf8');
const CONF_ON = '# Microsoft Azure Linux Agent Configuration\nProvisioning.Agent=auto\nExtensions.Enabled=y\nAutoUpdate.Enabled=y\nLogs.Verbose=n\n';

/** Healthy VM for five days: boot, heartbeats every 30 min, a backup goal state each evening. */
function healthy(): LogBuilder {
  const b = new LogBuilder().boot('2026-11-15T08:00:01Z');
  for (let d = 15; d <= 19; d++) {
    b.heartbeats(`2026-11-${d}T08:12:37Z`, `2026-11-${d}T21:42:37Z`);
    b.goalState(`2026-11-${d}T22:00:03Z`, d - 4);
    b.heartbeats(`2026-11-${d}T22:12:37Z`, `2026-11-${d + 1}T07:42:37Z`);
  }
  return b;
}


// These bundles hold no failed backup task, so no finding is above medium (analyze/weigh.ts): the
// cause is detected and primary, but nothing ties it to a failed backup.
describe('agent causes on whole bundles (analyzeBundle)', () => {
  it('the sample waagent.log: agent healthy, no agent cause detected, versions from the log', async () => {
    const r = await analyzeFiles({ [LOG]: SAMPLE_LOG, 'etc/waagent.conf': CONF_ON });
    expect(r.agent).toMatchObject({ daemonVersion: '2.2.45', goalStateAgentVersion: '2.9.1.1', supported: true, restarts: 0, crashes: 0, goalStateErrors: 0, disabled: false });
    expect(r.agent.heartbeats).toBeGreaterThan(200);
    expect(r.agent.longestHeartbeatGapMinutes).toBe(30);
    for (const c of AGENT_CAUSES) expect(finding(r, c).verdict, c).not.toBe('detected');
    const outdated = finding(r, 'agent-outdated');
    expect(outdated).toMatchObject({ verdict: 'ruled-out', confidence: 'high' });
    const line = SAMPLE_LOG.split('\n').findIndex((l) => l.includes('WALinuxAgent-2.9.1.1 running as process')) + 1;
    expect(outdated.evidence[0]).toMatchObject({ file: LOG, line, time: '2026-11-15T08:00:04.120Z', text: SAMPLE_LOG.split('\n')[line - 1] });
    expect(finding(r, 'agent-unresponsive')).toMatchObject({ verdict: 'ruled-out', confidence: 'high' });
    expect(finding(r, 'dhcp-disabled')).toMatchObject({ verdict: 'ruled-out', confidence: 'high' });
    expect(finding(r, 'no-network-wireserver').verdict).toBe('ruled-out');
  });

  it('the shared sample (logs.zip): the agent did its job, so no agent cause competes with the freeze timeout', async () => {
    const r = (await analyzeBundle([SAMPLE])).result;
    expect(r.agent).toMatchObject({ daemonVersion: '2.2.45', goalStateAgentVersion: '2.9.1.1', supported: true, disabled: false });
    for (const c of AGENT_CAUSES) expect(finding(r, c).verdict, c).not.toBe('detected');
    // the daemon's local-time lines were anchored to UTC (+60 min) next to the ExtHandler's UTC lines
    expect(r.clock.offsets).toContainEqual(expect.objectContaining({ source: LOG, offsetMinutes: 60 }));
  });

  it('agent-not-running: the daemon says it is disabled (disable_agent)', async () => {
    const b = new LogBuilder()
      .local('2026-11-15T08:00:01Z', 'INFO Daemon Azure Linux Agent Version:2.2.45')
      .local('2026-11-15T08:00:02Z', 'WARNING Daemon Disabling the guest agent by sleeping forever; to re-enable, remove /var/lib/waagent/disable_agent and restart');
    const r = await analyzeFiles({ [LOG]: b.text() });
    const f = finding(r, 'agent-not-running');
    expect(f).toMatchObject({ verdict: 'detected', confidence: 'medium', role: 'primary' });
    expect(f.evidence.map((e) => [e.file, e.line, e.text])).toContainEqual([LOG, 2, b.lineText(2)]);
    expect(r.agent.disabled).toBe(true);
    expect(r.verdict.cause).toBe('agent-not-running');
  });

  it('agent-not-running: the service was stopped and never came back', async () => {
    const b = healthy()
      .local('2026-11-20T08:00:00Z', 'INFO Daemon Agent WALinuxAgent-2.2.45 forwarding signal 15 to WALinuxAgent-2.9.1.1\n');
    const r = await analyzeFiles({ [LOG]: b.text() });
    const f = finding(r, 'agent-not-running');
    expect(f).toMatchObject({ verdict: 'detected', confidence: 'medium' });
    const line = b.lineOf('forwarding signal 15');
    expect(f.evidence).toEqual([expect.objectContaining({ file: LOG, line, text: b.lineText(line) })]);
  });

  it('agent-unresponsive: three hours without a heartbeat while the agent was not stopped', async () => {
    const b = new LogBuilder().boot('2026-11-19T08:00:01Z').heartbeats('2026-11-19T08:12:37Z', '2026-11-19T12:12:37Z').heartbeats('2026-11-19T15:12:37Z', '2026-11-19T18:12:37Z');
    const r = await analyzeFiles({ [LOG]: b.text() });
    const f = finding(r, 'agent-unresponsive');
    expect(f).toMatchObject({ verdict: 'detected', confidence: 'medium', role: 'primary' });
    expect(f.reason).toMatch(/no agent heartbeat for 180 minutes/);
    const before = b.lineOf('HeartbeatCounter: 9;');
    const after = b.lineOf('HeartbeatCounter: 10;');
    expect(f.evidence.map((e) => [e.line, e.text])).toEqual([
      [before, b.lineText(before)],
      [after, b.lineText(after)],
    ]);
    expect(r.agent.longestHeartbeatGapMinutes).toBe(180);
  });

  it('agent-unresponsive: a gap that spans a clean stop and restart (a reboot) is not a hang', async () => {
    const b = new LogBuilder()
      .boot('2026-11-19T08:00:01Z')
      .heartbeats('2026-11-19T08:12:37Z', '2026-11-19T12:12:37Z')
      .local('2026-11-19T12:20:00Z', 'INFO Daemon Agent WALinuxAgent-2.2.45 forwarding signal 15 to WALinuxAgent-2.9.1.1\n')
      .boot('2026-11-19T15:00:01Z')
      .heartbeats('2026-11-19T15:12:37Z', '2026-11-19T18:12:37Z');
    const r = await analyzeFiles({ [LOG]: b.text() });
    expect(finding(r, 'agent-unresponsive')).toMatchObject({ verdict: 'ruled-out', confidence: 'high' });
    expect(finding(r, 'agent-not-running').verdict).not.toBe('detected');
  });

  it('agent-outdated: the goal-state agent is 2.2.45 (an old image that never updated)', async () => {
    const b = new LogBuilder()
      .local('2026-11-15T08:00:01Z', 'INFO Daemon Azure Linux Agent Version:2.2.45')
      .local('2026-11-15T08:00:04Z', 'INFO ExtHandler Agent WALinuxAgent-2.2.45 is running as the goal state agent')
      .local('2026-11-15T08:00:04Z', 'INFO ExtHandler WALinuxAgent-2.2.45 running as process 1711');
    const r = await analyzeFiles({ [LOG]: b.text() });
    const f = finding(r, 'agent-outdated');
    expect(f).toMatchObject({ verdict: 'detected', confidence: 'medium', role: 'primary' });
    expect(f.reason).toContain('2.2.45');
    expect(f.evidence.map((e) => [e.file, e.line, e.text])).toEqual([[LOG, 3, b.lineText(3)]]);
    expect(r.agent.supported).toBe(false);
  });

  it('agent-config-disabled: the ExtHandler banner says Extensions.Enabled is False', async () => {
    const b = new LogBuilder()
      .boot('2026-11-19T08:00:01Z')
      .utc('2026-11-19T08:00:04Z', 'INFO ExtHandler ExtHandler ******** Extensions.Enabled is set to False, not processing the operation ********')
      .heartbeats('2026-11-19T08:12:37Z', '2026-11-19T10:12:37Z');
    const r = await analyzeFiles({ [LOG]: b.text() });
    const f = finding(r, 'agent-config-disabled');
    expect(f).toMatchObject({ verdict: 'detected', confidence: 'medium', role: 'primary' });
    const line = b.lineOf('Extensions.Enabled is set to False');
    expect(f.evidence).toEqual([expect.objectContaining({ file: LOG, line, text: b.lineText(line), time: '2026-11-19T08:00:04.000Z' })]);
    expect(r.agent.extensionsEnabled).toBe(false);
  });

  it('agent-config-disabled is ruled out when the agent ran the backup extension', async () => {
    const r = await analyzeFiles({ [LOG]: healthy().text() });
    expect(finding(r, 'agent-config-disabled')).toMatchObject({ verdict: 'ruled-out' });
    expect(finding(r, 'agent-config-disabled').evidence[0].text).toMatch(/handle\.sh enable/);
  });

  it('no-network-wireserver: the goal state cannot be fetched any more (network unreachable)', async () => {
    const b = healthy();
    for (let h = 8; h <= 11; h++)
      b.utc(
        `2026-11-20T${String(h).padStart(2, '0')}:05:00Z`,
        'ERROR ExtHandler ExtHandler Error fetching the goal state: [ProtocolError] [Wireserver Exception] [HttpError] [HTTP Failed] GET http://168.63.129.16/machine/ -- IOError [Errno 101] Network is unreachable -- 6 attempts made',
      );
    const r = await analyzeFiles({ [LOG]: b.text() });
    const f = finding(r, 'no-network-wireserver');
    expect(f).toMatchObject({ verdict: 'detected', confidence: 'medium' });
    const last = b.lineOf('Network is unreachable', 3);
    expect(f.evidence.map((e) => e.line)).toContain(last);
    expect(f.evidence.every((e) => e.file === LOG && /Network is unreachable/.test(e.text))).toBe(true);
    expect(r.agent.goalStateErrors).toBe(4);
  });

  it('no-network-wireserver is ruled out by HTTP answers (410 Gone) with goal states processed', async () => {
    const b = healthy().utc(
      '2026-11-19T21:59:58Z',
      'ERROR ExtHandler ExtHandler Error fetching the goal state: [ProtocolError] Error fetching goal state Inner error: [ResourceGoneError] [HTTP Failed] [410: Gone] The page you requested was removed.',
    );
    const r = await analyzeFiles({ [LOG]: b.text() });
    expect(finding(r, 'no-network-wireserver')).toMatchObject({ verdict: 'ruled-out' });
  });

  it('dhcp-disabled: the daemon never finds the endpoint (no option 245) and keeps restarting', async () => {
    const b = new LogBuilder().local('2026-11-19T08:00:01Z', 'INFO Daemon Azure Linux Agent Version:2.2.45');
    for (let k = 0; k < 3; k++) {
      const t = Date.parse('2026-11-19T08:00:02Z') + k * 3_700_000;
      b.local(t, 'WARNING Daemon Failed to send DHCP request: [Errno 1] Operation not permitted')
        .local(t + 3_600_000, 'INFO Daemon Protocol endpoint not found: WireProtocol, [ProtocolError] Failed to receive dhcp response')
        .local(t + 3_600_100, 'WARNING Daemon Daemon ended with exception -- Sleep 15 seconds and restart daemon');
    }
    const r = await analyzeFiles({ [LOG]: b.text() });
    const f = finding(r, 'dhcp-disabled');
    expect(f).toMatchObject({ verdict: 'detected', confidence: 'medium', role: 'primary' });
    const last = b.lineOf('Protocol endpoint not found', 2);
    expect(f.evidence).toContainEqual(expect.objectContaining({ file: LOG, line: last, text: b.lineText(last) }));
  });

  it('dhcp-disabled is ruled out when a DHCP warning is followed by goal states at once', async () => {
    const b = new LogBuilder().boot('2026-11-19T08:00:01Z').utc('2026-11-19T08:00:09Z', 'WARNING EnvHandler ExtHandler No route exists to 168.63.129.16').goalState('2026-11-19T08:05:03Z', 15);
    const r = await analyzeFiles({ [LOG]: b.text() });
    expect(finding(r, 'dhcp-disabled')).toMatchObject({ verdict: 'ruled-out', confidence: 'medium' });
  });

  it('dhcp-disabled stays found (low) when the first goal state after a DHCP warning came only hours later', async () => {
    // a backup in those 14 hours may have failed on it: the logs cannot rule that out, and the agent has not yet worked
    // for hours after (recovery.ts), so it is no history either
    const b = new LogBuilder().boot('2026-11-19T08:00:01Z').utc('2026-11-19T08:00:09Z', 'WARNING EnvHandler ExtHandler Dhcp client is not running.').goalState('2026-11-19T22:00:03Z', 15);
    const r = await analyzeFiles({ [LOG]: b.text() });
    const f = finding(r, 'dhcp-disabled');
    expect(f).toMatchObject({ verdict: 'detected', confidence: 'low' });
    expect(f.reason).toContain('no goal state was processed until 2026-11-19 22:00:03');
  });

  it('vm-state-misreported without a failed task says what to check in the portal', async () => {
    const r = await analyzeFiles({ [LOG]: healthy().text() });
    const f = finding(r, 'vm-state-misreported');
    expect(f.verdict).toBe('not-evaluable');
    expect(f.reason).toMatch(/Activity log/);
  });

  it('an excerpt pasted into a loose waagent.log still gives the right cause', async () => {
    const excerpt = [
      '2025-09-06T08:46:51.298681Z ERROR SendTelemetryHandler ExtHandler Event: name=WALinuxAgent, op=ReportEventErrors, message=DroppedEventsCount: 1',
      'Reasons (first 5 errors): [ProtocolError] [Wireserver Exception] [HttpError] [HTTP Failed] POST http://168.63.129.16/machine?comp=telemetrydata -- IOError timed out -- 1 attempts made: Traceback (most recent call last):',
      '2025-09-06T08:47:16.941247Z ERROR ExtHandler ExtHandler Error fetching the goal state: [ProtocolError] [Wireserver Exception] [HttpError] [HTTP Failed] GET http://168.63.129.16/machine/ -- IOError timed out -- 6 attempts made',
      'Traceback (most recent call last):',
      '  File "bin/WALinuxAgent-2.14.0.1-py3.12.egg/azurelinuxagent/ga/update.py", line 509, in _try_update_goal_state',
      '2025-09-06T08:47:42.367645Z WARNING MonitorHandler ExtHandler Error in SendHostPluginHeartbeat: [ProtocolError] [Wireserver Exception] [HttpError] [HTTP Failed] GET http://168.63.129.16/machine/ -- IOError timed out -- 6 attempts made --- [NOTE: Will not log the same error for the next hour]',
      '2025-09-06T09:17:16.941247Z ERROR ExtHandler ExtHandler Fetching the goal state is still failing: [ProtocolError] [Wireserver Exception] [HttpError] [HTTP Failed] GET http://168.63.129.16/machine/ -- IOError timed out -- 6 attempts made',
    ].join('\n');
    const dir = (await import('./helpers')).writeBundle({ 'waagent.log': excerpt });
    const { analyzeBundle } = await import('../../../src/main/pipeline/analyze-bundle');
    const r = (await analyzeBundle([join(dir, 'waagent.log')])).result;
    const f = finding(r, 'no-network-wireserver');
    expect(f).toMatchObject({ verdict: 'detected', confidence: 'medium' });
    expect(f.evidence.map((e) => e.line)).toEqual(expect.arrayContaining([3, 6, 7]));
    expect(f.evidence.every((e) => e.text.includes('IOError timed out'))).toBe(true);
  });
});
