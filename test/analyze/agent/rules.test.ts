import { describe, expect, it } from 'vitest';
import type { Fact } from '../../../src/shared';
import { FactIndex } from '../../../src/main/analyze/facts-index';
import { heartbeatGaps, summarizeAgent } from '../../../src/main/analyze/reconstruct/agent-health';
import { rule as notRunningRule } from '../../../src/main/analyze/rules/agent-not-running';
import { rule as unresponsiveRule } from '../../../src/main/analyze/rules/agent-unresponsive';
import { rule as outdatedRule } from '../../../src/main/analyze/rules/agent-outdated';
import { rule as configDisabledRule } from '../../../src/main/analyze/rules/agent-config-disabled';
import { rule as noNetworkRule } from '../../../src/main/analyze/rules/no-network-wireserver';
import { rule as dhcpRule } from '../../../src/main/analyze/rules/dhcp-disabled';
import { rule as vmStateRule } from '../../../src/main/analyze/rules/vm-state-misreported';
import { LogBuilder, contextFrom, failedTask } from './helpers';
import { inEnglish } from '../english';

const notRunning = inEnglish(notRunningRule);
const unresponsive = inEnglish(unresponsiveRule);
const outdated = inEnglish(outdatedRule);
const configDisabled = inEnglish(configDisabledRule);
const noNetwork = inEnglish(noNetworkRule);
const dhcp = inEnglish(dhcpRule);
const vmState = inEnglish(vmStateRule);

/** The scenario's failed task: 2026-11-19 22:00:05Z → 22:03:29Z (freeze timeout). */
const TASK = failedTask('2026-11-19T22:00:05.000Z', '2026-11-19T22:03:29.000Z');

function conf(extensionsEnabled: boolean, values: Record<string, string> = {}, line = 3): Fact {
  const text = `Extensions.Enabled=${extensionsEnabled ? 'y' : 'n'}`;
  return {
    kind: 'waagent-conf',
    at: { file: 'etc/waagent.conf', line, time: null, text },
    timeMs: NaN,
    values: { 'Extensions.Enabled': extensionsEnabled ? 'y' : 'n', ...values },
    effective: { extensionsEnabled, provisioningAgent: values['Provisioning.Agent'] ?? 'auto', autoUpdate: true, verbose: false, libDir: '/var/lib/waagent' },
    ignored: [],
  };
}

function probe(name: string, ok: boolean, detail: string): Fact {
  return { kind: 'probe', at: { file: 'vmbackup-doctor/probes.json', line: 4, time: '2026-11-20T09:14:01.000Z', text: `{"name":"${name}","ok":${ok}}` }, timeMs: Date.parse('2026-11-20T09:14:01Z'), probe: name, ok, detail };
}

const day = () => new LogBuilder().boot('2026-11-19T08:00:01Z').heartbeats('2026-11-19T08:12:37Z', '2026-11-19T21:42:37Z');

describe('agent rules around the failed snapshot task', () => {
  it('agent-not-running: stopped before the task and not restarted → high, tied to the task', async () => {
    const b = day().utc('2026-11-19T21:50:00Z', 'INFO Daemon Daemon Agent WALinuxAgent-2.9.1.1 forwarding signal 15 to WALinuxAgent-2.9.1.1\n');
    const out = notRunning.evaluate(await contextFrom(b.text(), { task: TASK }));
    expect(out).toMatchObject({ verdict: 'detected', confidence: 'high', taskId: TASK.taskId });
    const line = b.lineOf('forwarding signal');
    expect(out.evidence).toEqual([{ file: 'var/log/waagent.log', line, time: '2026-11-19T21:50:00.000Z', zone: 'utc', text: b.lineText(line) }]);
  });

  it('agent-not-running: silent around the task while the agent logs before and after → medium', async () => {
    // last heartbeat 20:42, next 01:12: nothing from an hour before to an hour after the task
    const b = new LogBuilder().boot('2026-11-19T08:00:01Z').heartbeats('2026-11-19T08:12:37Z', '2026-11-19T20:42:37Z').heartbeats('2026-11-20T01:12:37Z', '2026-11-20T03:12:37Z');
    const out = notRunning.evaluate(await contextFrom(b.text(), { task: TASK }));
    expect(out).toMatchObject({ verdict: 'detected', confidence: 'medium' });
    expect(out.evidence.map((e) => e.line)).toEqual([b.lineOf('HeartbeatCounter: 26;'), b.lineOf('HeartbeatCounter: 27;')]);
  });

  it('agent-not-running: heartbeats around the task → ruled out (high)', async () => {
    const b = day().goalState('2026-11-19T22:00:03Z', 15).heartbeats('2026-11-19T22:12:37Z', '2026-11-19T23:42:37Z');
    expect(notRunning.evaluate(await contextFrom(b.text(), { task: TASK }))).toMatchObject({ verdict: 'ruled-out', confidence: 'high' });
  });

  it('agent-not-running: a failed agent-service probe → high', async () => {
    const out = notRunning.evaluate(await contextFrom(day().text(), { facts: [probe('agent-service', false, 'walinuxagent.service is inactive (dead)')] }));
    expect(out).toMatchObject({ verdict: 'detected', confidence: 'high' });
    expect(out.reason).toContain('inactive (dead)');
  });

  it('agent-unresponsive: a heartbeat gap over the task → high; a gap far from it → medium', async () => {
    const over = day().heartbeats('2026-11-20T00:42:37Z', '2026-11-20T02:12:37Z');
    expect(unresponsive.evaluate(await contextFrom(over.text(), { task: TASK }))).toMatchObject({ verdict: 'detected', confidence: 'high', taskId: TASK.taskId });
    const far = new LogBuilder().boot('2026-11-19T01:00:01Z').heartbeats('2026-11-19T01:12:37Z', '2026-11-19T03:12:37Z').heartbeats('2026-11-19T06:12:37Z', '2026-11-19T23:42:37Z');
    expect(unresponsive.evaluate(await contextFrom(far.text(), { task: TASK }))).toMatchObject({ verdict: 'detected', confidence: 'medium' });
  });

  it('agent-unresponsive: a restart loop → high with the daemon lines as evidence', async () => {
    const b = day().local(
      '2026-11-19T21:58:00Z',
      "WARNING Daemon Agent WALinuxAgent-2.9.1.1 launched with command 'python3 -u bin/WALinuxAgent-2.9.1.1-py3.8.egg -run-exthandlers' failed with exception: Agent WALinuxAgent-2.9.1.1 restarted more than 3 times in 300 seconds",
    );
    const out = unresponsive.evaluate(await contextFrom(b.text(), { task: TASK }));
    expect(out).toMatchObject({ verdict: 'detected', confidence: 'high' });
    expect(out.evidence[0].line).toBe(b.lineOf('restarted more than'));
  });

  it('agent-unresponsive: no heartbeat lines at all (agent < 2.2.47) → not evaluable', async () => {
    const b = new LogBuilder().local('2026-11-19T08:00:01Z', 'INFO Daemon Azure Linux Agent Version:2.2.45');
    expect(unresponsive.evaluate(await contextFrom(b.text()))).toMatchObject({ verdict: 'not-evaluable' });
  });

  it('agent-outdated: old daemon with AutoUpdate off and no newer goal-state agent → medium; update failures → low when supported', async () => {
    const old = new LogBuilder()
      .local('2026-11-19T08:00:01Z', 'INFO Daemon Azure Linux Agent Version:2.2.45')
      .local('2026-11-19T08:00:04Z', 'INFO ExtHandler ******** AutoUpdate.Enabled is set to False, not processing the operation ********');
    const a = outdated.evaluate(await contextFrom(old.text()));
    expect(a).toMatchObject({ verdict: 'detected', confidence: 'medium' });
    expect(a.evidence.map((e) => e.line)).toEqual([1, 2]);
    const failing = day().utc('2026-11-19T12:00:00Z', 'WARNING ExtHandler ExtHandler Agent WALinuxAgent-2.15.0.1 is permanently blacklisted');
    expect(outdated.evaluate(await contextFrom(failing.text()))).toMatchObject({ verdict: 'detected', confidence: 'low' });
    expect(outdated.evaluate(await contextFrom('garbage\n'))).toMatchObject({ verdict: 'not-evaluable' });
  });

  it('agent-config-disabled: waagent.conf Extensions.Enabled=n → high with the conf line; enabled and ran → ruled out', async () => {
    const off = configDisabled.evaluate(await contextFrom(day().text(), { facts: [conf(false)] }));
    expect(off).toMatchObject({ verdict: 'detected', confidence: 'high' });
    expect(off.evidence[0]).toMatchObject({ file: 'etc/waagent.conf', line: 3, text: 'Extensions.Enabled=n' });
    const on = configDisabled.evaluate(await contextFrom(day().goalState('2026-11-19T22:00:03Z', 15).text(), { facts: [conf(true)] }));
    expect(on).toMatchObject({ verdict: 'ruled-out', confidence: 'high' });
    const prov = configDisabled.evaluate(await contextFrom(day().text(), { facts: [conf(true, { 'Provisioning.Agent': 'disabled' })] }));
    expect(prov).toMatchObject({ verdict: 'detected', confidence: 'medium' });
  });

  it('no-network-wireserver: failures around the task with no successful fetch → high; a failed probe → high', async () => {
    const b = day();
    for (const m of ['21:10', '21:40', '22:10'])
      b.utc(`2026-11-19T${m}:00Z`, 'WARNING MonitorHandler ExtHandler Error in SendHostPluginHeartbeat: [HttpError] [HTTP Failed] GET http://168.63.129.16:32526/health -- IOError timed out -- 1 attempts made --- [NOTE: Will not log the same error for the next hour]');
    const out = noNetwork.evaluate(await contextFrom(b.text(), { task: TASK }));
    expect(out).toMatchObject({ verdict: 'detected', confidence: 'high', taskId: TASK.taskId });
    expect(out.evidence.map((e) => e.line)).toEqual([b.lineOf('SendHostPluginHeartbeat'), b.lineOf('SendHostPluginHeartbeat', 1), b.lineOf('SendHostPluginHeartbeat', 2)]);
    const p = noNetwork.evaluate(await contextFrom(day().text(), { facts: [probe('wireserver', false, 'curl: (28) Connection timed out after 5001 ms')] }));
    expect(p).toMatchObject({ verdict: 'detected', confidence: 'high' });
  });

  it('no-network-wireserver: goal states fetched around the task → ruled out (high)', async () => {
    const b = day().goalState('2026-11-19T22:00:03Z', 15);
    expect(noNetwork.evaluate(await contextFrom(b.text(), { task: TASK }))).toMatchObject({ verdict: 'ruled-out', confidence: 'high' });
  });

  it('dhcp-disabled: a failed dhcp-245 probe → high', async () => {
    const out = dhcp.evaluate(await contextFrom(new LogBuilder().local('2026-11-19T08:00:01Z', 'INFO Daemon Azure Linux Agent Version:2.2.45').text(), { facts: [probe('dhcp-245', false, 'no option 245 in any lease')] }));
    expect(out).toMatchObject({ verdict: 'detected', confidence: 'high' });
    expect(out.evidence[0].file).toBe('vmbackup-doctor/probes.json');
  });

  it('dhcp-disabled: WireServer at 168.63.129.16 found but unreachable is not DHCP; a wrong endpoint or a DHCP reason is', async () => {
    // 2.2.x detection round as WALinuxAgent #968 posted it (wire.py logs the endpoint before it calls), then the
    // MetadataProtocol fallback that fails on every Azure VM
    const at = (s: string) => `2026-11-19T08:0${s}Z`;
    const round = (endpoint: string, reason: string) =>
      new LogBuilder()
        .local(at('0:01'), 'INFO Daemon WireServer endpoint is not found. Rerun dhcp handler')
        .local(at('0:02'), `INFO Daemon Wire server endpoint:${endpoint}`)
        .local(at('0:05'), `INFO Daemon [HTTP Retry] Attempt 2 of 3: [HTTP Failed] HTTP GET IOError [Errno 113] No route to host`)
        .local(at('0:21'), 'INFO Daemon WireServer is not responding. Reset endpoint')
        .local(at('0:21'), `INFO Daemon Protocol endpoint not found: ${reason}`)
        .local(at('0:21'), 'INFO Daemon Protocol endpoint not found: MetadataProtocol, [000008] 404 - GET: http://169.254.169.254/Microsoft.Compute/identity?api-version=2015-05-01');
    const wire = 'WireProtocol, [000008] [Wireserver Exception] [000009] [HTTP Failed] HTTP GET IOError [Errno 113] No route to host';
    expect(dhcp.evaluate(await contextFrom(round('168.63.129.16', wire).text()))).toMatchObject({ verdict: 'ruled-out' });
    // 2.2.53+ drops the protocol's name from the line
    const later = round('168.63.129.16', '[ProtocolError] [Wireserver Exception] [HttpError] [HTTP Failed] GET http://168.63.129.16/?comp=versions -- IOError timed out -- 6 attempts made');
    expect(dhcp.evaluate(await contextFrom(later.text()))).toMatchObject({ verdict: 'ruled-out' });
    // #680: the lease's DNS servers taken as the endpoint: discovery is what failed
    const wrong = dhcp.evaluate(await contextFrom(round('10.16.0.141,10.16.0.142', 'WireProtocol, [000008] [000009] HTTP GET failed').text()));
    expect(wrong).toMatchObject({ verdict: 'detected', confidence: 'high' });
    expect(wrong.evidence.map((e) => e.text)).toEqual([expect.stringContaining('WireProtocol, [000008] [000009] HTTP GET failed')]);
    // a DHCP failure after an earlier round that had found 168.63.129.16 stays DHCP's
    const dhcpLater = round('168.63.129.16', wire).local('2026-11-19T09:00:00Z', 'INFO Daemon Protocol endpoint not found: WireProtocol, [ProtocolError] Failed to receive dhcp response');
    expect(dhcp.evaluate(await contextFrom(dhcpLater.text()))).toMatchObject({ verdict: 'detected', confidence: 'high' });
    // #1402: a file of the agent's own missing (openssl could not make the transport certificate) is the disk's, not
    // DHCP's, whichever endpoint was named; the same round with a DHCP reason stays DHCP's
    for (const endpoint of ['168.63.129.16', '10.16.0.141'])
      for (const reason of ['WireProtocol, [000008] /var/lib/waagent/TransportCert.pem is missing.', '[ProtocolError] Failed to read cache: [Errno 13] Permission denied'])
        expect(dhcp.evaluate(await contextFrom(round(endpoint, reason).text()))).not.toMatchObject({ verdict: 'detected' });
  });

  it('vm-state-misreported: agent stopped during the task then restarted → medium; heartbeats through it → ruled out', async () => {
    const b = day()
      .utc('2026-11-19T22:01:10Z', 'INFO Daemon Daemon Agent WALinuxAgent-2.9.1.1 forwarding signal 15 to WALinuxAgent-2.9.1.1\n')
      .boot('2026-11-19T22:04:30Z');
    const out = vmState.evaluate(await contextFrom(b.text(), { task: TASK }));
    expect(out).toMatchObject({ verdict: 'detected', confidence: 'medium', taskId: TASK.taskId });
    // the restarted daemon's own line is in unresolved local time here, so the ExtHandler (UTC) start is the first restart seen
    expect(out.evidence.map((e) => e.line)).toEqual([b.lineOf('forwarding signal'), b.lineOf('running as process', 1)]);
    const stopOnly = vmState.evaluate(await contextFrom(day().utc('2026-11-19T22:01:10Z', 'INFO Daemon Daemon Agent WALinuxAgent-2.9.1.1 forwarding signal 15 to WALinuxAgent-2.9.1.1\n').text(), { task: TASK }));
    expect(stopOnly).toMatchObject({ verdict: 'detected', confidence: 'low' });
    const running = day().heartbeats('2026-11-19T22:12:37Z', '2026-11-19T23:12:37Z');
    expect(vmState.evaluate(await contextFrom(running.text(), { task: TASK }))).toMatchObject({ verdict: 'ruled-out', confidence: 'medium' });
  });
});

describe('agent health summary', () => {
  it('falls back to waagent_status.json for the goal-state agent version and to the log for extension handling', () => {
    const facts = new FactIndex([
      { kind: 'agent-status', at: { file: 'var/lib/waagent/history/x/waagent_status.json', line: 0, time: null, text: '' }, timeMs: NaN, agentVersion: 'WALinuxAgent-2.2.49.2', handlers: [] },
      { kind: 'extensions-disabled', at: { file: 'var/log/waagent.log', line: 9, time: null, text: '' }, timeMs: NaN, source: 'log-banner' },
    ] as Fact[]);
    const s = summarizeAgent(facts);
    expect(s).toMatchObject({ goalStateAgentVersion: '2.2.49.2', supported: false, extensionsEnabled: false, autoUpdate: null, heartbeats: 0 });
    expect(s.longestHeartbeatGapMinutes).toBeUndefined();
  });

  it('heartbeat gaps ignore a gap that contains a clean stop', async () => {
    const b = day().utc('2026-11-19T22:00:00Z', 'INFO Daemon Daemon Agent WALinuxAgent-2.9.1.1 forwarding signal 15 to WALinuxAgent-2.9.1.1\n').heartbeats('2026-11-20T02:12:37Z', '2026-11-20T03:12:37Z');
    const ctx = await contextFrom(b.text());
    expect(Math.max(...heartbeatGaps(ctx.facts).map((g) => g.minutes))).toBe(30);
    expect(ctx.agent.longestHeartbeatGapMinutes).toBe(30);
  });
});

describe('goal states fetched but never processed', () => {
  it('agent-unresponsive: incarnation 15 fetched, never processed, while heartbeats go on → medium', async () => {
    const b = day()
      .utc('2026-11-19T12:00:03Z', 'INFO ExtHandler Fetched a new incarnation for the WireServer goal state [incarnation 15]')
      .heartbeats('2026-11-19T22:12:37Z', '2026-11-19T23:12:37Z');
    const out = unresponsive.evaluate(await contextFrom(b.text()));
    expect(out).toMatchObject({ verdict: 'detected', confidence: 'medium' });
    expect(out.reason).toContain('incarnation_15 was fetched but never processed');
    expect(out.evidence).toEqual([expect.objectContaining({ line: b.lineOf('[incarnation 15]') })]);
  });

  it('a FastTrack goal state (etag_…) processed right after a WireServer fetch is not stuck', async () => {
    const b = day()
      .utc('2026-11-19T12:00:03Z', 'INFO ExtHandler Fetched a new incarnation for the WireServer goal state [incarnation 15]')
      .utc('2026-11-19T12:00:04Z', 'INFO ExtHandler ExtHandler ProcessExtensionsGoalState started [etag_4648629460326038775 channel: HostGAPlugin source: FastTrack activity: a correlation b created: c]')
      .utc('2026-11-19T12:00:06Z', 'INFO ExtHandler ExtHandler ProcessExtensionsGoalState completed [etag_4648629460326038775 1900 ms]\n')
      .heartbeats('2026-11-19T22:12:37Z', '2026-11-19T23:12:37Z');
    expect(unresponsive.evaluate(await contextFrom(b.text()))).toMatchObject({ verdict: 'ruled-out' });
  });

  it('of fetches in turn, only the one neither processed by its id later nor followed by any processing is stuck', async () => {
    const b = day()
      .utc('2026-11-19T12:00:03Z', 'INFO ExtHandler Fetched a new incarnation for the WireServer goal state [incarnation 15]')
      .utc('2026-11-19T12:00:05Z', 'INFO ExtHandler ExtHandler ProcessExtensionsGoalState completed [incarnation_15 1900 ms]')
      .utc('2026-11-19T13:00:03Z', 'INFO ExtHandler Fetched a new incarnation for the WireServer goal state [incarnation 16]')
      .utc('2026-11-19T13:10:04Z', 'INFO ExtHandler ExtHandler ProcessExtensionsGoalState completed [etag_4648629460326038775 1900 ms]')
      .utc('2026-11-19T14:00:03Z', 'INFO ExtHandler Fetched a new incarnation for the WireServer goal state [incarnation 17]')
      .utc('2026-11-19T14:40:03Z', 'INFO ExtHandler Fetched a new incarnation for the WireServer goal state [incarnation 18]')
      .utc('2026-11-19T16:00:03Z', 'INFO ExtHandler ExtHandler ProcessExtensionsGoalState completed [incarnation_18 1900 ms]\n')
      .heartbeats('2026-11-19T22:12:37Z', '2026-11-19T23:12:37Z');
    const out = unresponsive.evaluate(await contextFrom(b.text()));
    expect(out).toMatchObject({ verdict: 'detected', confidence: 'medium' });
    expect(out.reason).toContain('incarnation_17 was fetched but never processed');
    expect(out.evidence).toEqual([expect.objectContaining({ line: b.lineOf('[incarnation 17]') })]);
  });

  it('agent-unresponsive: a dead thread alone → low', async () => {
    const b = day().utc('2026-11-19T12:00:03Z', 'WARNING ExtHandler ExtHandler MonitorHandler thread died, restarting');
    const out = unresponsive.evaluate(await contextFrom(b.text()));
    expect(out).toMatchObject({ verdict: 'detected', confidence: 'low' });
    expect(out.evidence[0].text).toContain('MonitorHandler thread died');
  });
});

describe('goal-state agent version from heartbeats', () => {
  it('an excerpt with only heartbeat lines still gives the version (and agent-outdated its evidence)', async () => {
    const b = new LogBuilder().heartbeats('2026-11-19T08:12:37Z', '2026-11-19T09:12:37Z', 30, '2.2.49.2');
    const ctx = await contextFrom(b.text());
    expect(ctx.agent).toMatchObject({ goalStateAgentVersion: '2.2.49.2', supported: false, heartbeats: 3 });
    const out = outdated.evaluate(ctx);
    expect(out).toMatchObject({ verdict: 'detected', confidence: 'high' });
    expect(out.evidence).toEqual([expect.objectContaining({ line: 3, text: b.lineText(3) })]);
  });
});

describe('time hygiene in the agent rules (hand-built contexts)', () => {
  it('agent-unresponsive: a long gap that ends with a daemon start is a restart (power-off), not a hang', async () => {
    const b = new LogBuilder().boot('2026-11-19T08:00:01Z').heartbeats('2026-11-19T08:12:37Z', '2026-11-19T11:42:37Z');
    b.boot('2026-11-19T21:10:02Z').heartbeats('2026-11-19T21:12:37Z', '2026-11-19T23:42:37Z');
    const ctx = await contextFrom(b.text(), { task: TASK });
    expect(heartbeatGaps(ctx.facts).filter((g) => g.minutes > 60)).toEqual([]);
    expect(unresponsive.evaluate(ctx).verdict).not.toBe('detected');
  });
  it('agent-unresponsive: a gap over the task marks the condition as held through it (spansTask)', async () => {
    const b = new LogBuilder().boot('2026-11-19T08:00:01Z').heartbeats('2026-11-19T08:12:37Z', '2026-11-19T21:12:37Z').heartbeats('2026-11-19T23:42:37Z', '2026-11-20T01:12:37Z');
    const out = unresponsive.evaluate(await contextFrom(b.text(), { task: TASK }));
    expect(out).toMatchObject({ verdict: 'detected', spansTask: true, strength: 'strong' });
  });
  it('agent-not-running: a disable marker is overridden by heartbeats after it', async () => {
    const marker: Fact = { kind: 'ovf-env', at: { file: 'var/lib/waagent/ovf-env.xml', line: 33, time: null, text: '<wa:ProvisionGuestAgent>false</wa:ProvisionGuestAgent>' }, timeMs: NaN, provisionGuestAgent: false };
    const out = notRunning.evaluate(await contextFrom(day().text(), { task: TASK, facts: [marker] }));
    expect(out.verdict).not.toBe('detected');
    expect(out.reason).toMatch(/disable marker .*ProvisionGuestAgent.*ran after it/);
    // with nothing from the agent after it, the marker stands
    const alone = notRunning.evaluate(await contextFrom('', { facts: [marker] }));
    expect(alone).toMatchObject({ verdict: 'detected', spansTask: true });
  });
  it('no-network-wireserver: only WireServer 503 answers around the task → medium, saying the host may be the cause', async () => {
    // restutil's exhausted retries on a 503 (agent 2.2.18+ wording, as WALinuxAgent #797/#745 quote the older one):
    // the agent treats 503 as throttling (THROTTLE_CODES) and sleeps through it (#361, PR #405)
    const b = day();
    for (const t of ['21:50:00', '21:55:00', '22:00:00', '22:05:00'])
      b.utc(`2026-11-19T${t}Z`, 'ERROR ExtHandler ExtHandler Error fetching the goal state: [ProtocolError] [Wireserver Exception] [HttpError] [HTTP Retry] GET http://168.63.129.16/machine/?comp=goalstate -- Status Code 503 -- 6 attempts made');
    const out = noNetwork.evaluate(await contextFrom(b.text(), { task: TASK }));
    expect(out).toMatchObject({ verdict: 'detected', confidence: 'medium', taskId: TASK.taskId });
    expect(out.reason).toMatch(/503 \(Service Unavailable\) answers: the WireServer answered but was unavailable/);
    // one timeout among the 503s is a failure to reach it at all: the path itself is in doubt again
    b.utc('2026-11-19T22:06:00Z', 'ERROR ExtHandler ExtHandler Error fetching the goal state: [ProtocolError] [Wireserver Exception] [HttpError] [HTTP Failed] GET http://168.63.129.16/machine/ -- IOError timed out -- 6 attempts made');
    const mixed = noNetwork.evaluate(await contextFrom(b.text(), { task: TASK }));
    expect(mixed).toMatchObject({ verdict: 'detected', confidence: 'high' });
    expect(mixed.reason).not.toMatch(/503/);
  });

  it('no-network-wireserver: one failure near the task is weak; an outage spanning the task is strong', async () => {
    const one = day().utc('2026-11-19T21:58:10.089958Z', 'WARNING ExtHandler ExtHandler An error occurred while retrieving the goal state: [ProtocolError] GET vmSettings [correlation ID: da106cf5 eTag: 9856274988128027586]: Timeout');
    expect(noNetwork.evaluate(await contextFrom(one.text(), { task: TASK }))).toMatchObject({ verdict: 'detected', strength: 'weak' });
    const outage = day();
    for (const t of ['21:50:00', '21:55:00', '22:00:00', '22:05:00', '22:10:00'])
      outage.utc(`2026-11-19T${t}Z`, 'ERROR ExtHandler ExtHandler Error fetching the goal state: [ProtocolError] [Wireserver Exception] [HttpError] [HTTP Failed] GET http://168.63.129.16/machine/ -- IOError timed out -- 6 attempts made');
    const text = outage.text().split('\n').filter((l) => !/HEARTBEAT\].*(21:42|21:12)/.test(l)).join('\n');
    expect(noNetwork.evaluate(await contextFrom(text, { task: TASK }))).toMatchObject({ verdict: 'detected', strength: 'strong', spansTask: true });
  });
});
