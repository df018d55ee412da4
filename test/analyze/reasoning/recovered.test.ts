// An agent or network failure the agent worked past for hours, up to the newest line, is history (analyze/recovery.ts,
// weigh.ts): on a real case, with the running agent of another real case going on after it (perturb.ts agentWorkedOn).
import { describe, expect, it } from 'vitest';
import type { AnalysisResult, CauseId } from '../../../src/shared';
import { agentWorkedOn, collectedNextDay, timesCut, windowsAgentWorkedOn, type Perturbation } from '../../accuracy/perturb';
import { caseAnalyser } from './changed-case';

const run = caseAnalyser('vmbd-recovered-');
const find = (r: AnalysisResult, c: CauseId) => r.findings.find((f) => f.cause === c)!;

describe('a WireServer failure the agent worked past', () => {
  // learn-linux-agent-goal-state-unreachable: one goal-state fetch timing out at 2020-10-02 18:11:13Z
  const CASE = 'learn-linux-agent-goal-state-unreachable';

  it('is history once the agent processed a goal state and kept its heartbeat for 20 hours up to the newest line', async () => {
    const plain = find(await run(CASE), 'no-network-wireserver');
    expect(plain).toMatchObject({ verdict: 'detected', role: 'primary' });
    expect(plain.recovered).toBeUndefined();
    const r = await run(CASE, agentWorkedOn(20));
    const f = find(r, 'no-network-wireserver');
    expect(f).toMatchObject({ verdict: 'detected', confidence: 'low', role: 'background', relation: 'history' });
    // the goal state processed half an hour after the failure is the first answer from WireServer
    expect(f.recovered).toEqual({ at: '2020-10-02T18:41:13.148Z', until: '2020-10-03T14:11:14.148Z' });
    expect(r.verdict.cause).not.toBe('no-network-wireserver');
    expect(r.verdict.summary).toContain('The agent recovered at 2020-10-02 18:41:13Z');
    expect(r.verdict.summary).toContain('explains only a backup that failed before 2020-10-02 18:41:13Z');
    expect(r.verdict.summaryNl).toContain('De agent herstelde om 2020-10-02 18:41:13Z');
  });

  it('is not history after a few hours of work: that is not yet a recovery', async () => {
    const f = find(await run(CASE, agentWorkedOn(3)), 'no-network-wireserver');
    expect(f.recovered).toBeUndefined();
    expect(f.relation).not.toBe('history');
  });

  it('is not history when the failure came back after the work', async () => {
    // 20 hours of work, then the same failure two days on
    const worked = agentWorkedOn(20);
    const later: Perturbation = (files) => {
      const w = worked(files);
      if (!w) return undefined;
      return w.map(([n, t]): [string, string] => [n, n.endsWith('waagent.log') ? `${t}${files.find(([m]) => m === n)![1].replace(/2020-10-02T/g, '2020-10-04T')}` : t]);
    };
    const f = find(await run(CASE, later), 'no-network-wireserver');
    expect(f.recovered).toBeUndefined();
  });
});

describe('the proof of a recovery in the logs of older agents', () => {
  it('2.2.14–2.2.30: the ProcessGoalState event is a goal state fetched from WireServer and processed', async () => {
    // waagent-1801: WireServer timeouts in a 2.2.x log (2020/01/19 …), then the goal-state event of waagent-1055 and
    // the HeartBeat event of waagent-745 for 20 hours (perturb.ts agentWorkedOn, the 2.2.0–2.2.45 era)
    const CASE = 'waagent-1801-host-wireserver-restart-timeouts';
    expect(find(await run(CASE), 'no-network-wireserver').recovered).toBeUndefined();
    const r = await run(CASE, agentWorkedOn(20));
    const f = find(r, 'no-network-wireserver');
    expect(f).toMatchObject({ verdict: 'detected', confidence: 'low', role: 'background', relation: 'history' });
    expect(f.recovered).toBeDefined();
    expect(r.verdict.cause).not.toBe('no-network-wireserver');
  });

  it('2.1.0–2.1.4: "Successfully reported vm agent status" comes only after a goal state fetched from WireServer', async () => {
    // waagent-797: WireServer 503s (2017/07/07); then neg-ext-263's heartbeat event and status line every half hour
    const CASE = 'waagent-797-wireserver-503-blocked';
    expect(find(await run(CASE), 'no-network-wireserver').recovered).toBeUndefined();
    const f = find(await run(CASE, collectedNextDay), 'no-network-wireserver');
    expect(f).toMatchObject({ verdict: 'detected', confidence: 'low', relation: 'history' });
    expect(f.recovered).toBeDefined();
  });

  it('Windows: an unresponsive agent that enabled its extensions for hours up to the newest line is history', async () => {
    // win-learn-agent-stuck-stopping: "WindowsAzureGuestAgent could not be stopped" (2019-07-18); then a goal state and
    // a plugin enabled with code 0 every hour (chef-partners/azure-chef-extension#241's lines; perturb.ts)
    const CASE = 'win-learn-agent-stuck-stopping';
    const plain = find(await run(CASE), 'agent-unresponsive');
    expect(plain).toMatchObject({ verdict: 'detected', confidence: 'medium' });
    expect(plain.recovered).toBeUndefined();
    const r = await run(CASE, windowsAgentWorkedOn(20));
    const f = find(r, 'agent-unresponsive');
    expect(f).toMatchObject({ verdict: 'detected', confidence: 'low', role: 'background', relation: 'history' });
    expect(f.recovered).toBeDefined();
    expect(r.verdict.cause).toBeUndefined();
    expect(r.verdict.summary).toContain('The agent recovered at 2019-07-18 15:46:42Z');
    // (the plugin enabled, not the goal state before it: an unresponsive agent is shown working by its work done)
    // a few hours of work are not yet a recovery
    expect(find(await run(CASE, windowsAgentWorkedOn(3)), 'agent-unresponsive').recovered).toBeUndefined();
  });

  it('Windows: a network failure the agent lived past, fetching and processing goal states for hours, is history', async () => {
    // win-learn-npcap-loopback-no-fabric-address: "Did not discover fabric address on interface Npcap Loopback
    // Adapter" (2019-06-20 07:44:28, Microsoft Learn); then every hour a goal state ("Starting installation/update of
    // plugins. Incarnation: 4") and a plugin enabled with code 0 (perturb.ts windowsAgentWorkedOn). The Windows agent
    // logs a goal state's start only: that it started one is the answer from WireServer that ends the failure.
    const CASE = 'win-learn-npcap-loopback-no-fabric-address';
    const plain = find(await run(CASE), 'dhcp-disabled');
    expect(plain).toMatchObject({ verdict: 'detected', role: 'primary' });
    expect(plain.recovered).toBeUndefined();
    const r = await run(CASE, windowsAgentWorkedOn(20));
    const f = find(r, 'dhcp-disabled');
    expect(f).toMatchObject({ verdict: 'detected', confidence: 'low', role: 'background', relation: 'history' });
    expect(f.recovered).toEqual({ at: '2019-06-20T08:44:28.930Z', until: '2019-06-21T03:44:42.930Z' });
    expect(r.verdict.cause).not.toBe('dhcp-disabled');
    expect(find(await run(CASE, windowsAgentWorkedOn(3)), 'dhcp-disabled').recovered).toBeUndefined();
  });

  it('Windows: a failure line cut of its time ended before the next timed record of its log, which bounds it', async () => {
    // win-learn-wireserver-hostgaplugin-blocked (Microsoft Learn): "[ERROR] GetVersions() failed with exception: …
    // (503) Server Unavailable." with its time cut, then "[00000011] [12/11/2018 06:27:55.66] [WARN]  (Ignoring)
    // Exception while fetching supported versions from HostGAPlugin" (…:32526 socket access forbidden); then
    // windowsAgentWorkedOn's goal state and plugin enabled every hour
    const CASE = 'win-learn-wireserver-hostgaplugin-blocked';
    const plain = find(await run(CASE), 'no-network-wireserver');
    expect(plain).toMatchObject({ verdict: 'detected' });
    expect(plain.recovered).toBeUndefined();
    const r = await run(CASE, windowsAgentWorkedOn(20));
    const f = find(r, 'no-network-wireserver');
    expect(f).toMatchObject({ verdict: 'detected', confidence: 'low', role: 'background', relation: 'history' });
    expect(f.recovered).toEqual({ at: '2018-12-11T07:27:55.660Z', until: '2018-12-12T02:28:09.660Z' });
    expect(r.verdict.cause).not.toBe('no-network-wireserver');
    // the bound is for the recovery only: the cut line still shows no time
    expect(f.evidence.find((e) => e.line === 1)).toMatchObject({ time: null, zone: 'none' });
    expect(find(await run(CASE, windowsAgentWorkedOn(3)), 'no-network-wireserver').recovered).toBeUndefined();
  });
});

describe('failure lines posted without their time, bounded by the next timed record of their log', () => {
  // perturb.ts timesCut: the case's own agent records with their leading stamps cut (as Learn and #1390 posted theirs),
  // then the agent's work added after them with times; each untimed failure line ended before the first of those
  // records, which bounds it (recovery.ts failureEnd). Without the work nothing bounds them: their end is unknown.
  // (the recovery: the first proof at or after the bound, i.e. the first record the work added)
  const cases: [id: string, cause: CauseId, worked: (hours: number) => Perturbation, at: string][] = [
    // "[ERROR] Did not discover fabric address on interface Npcap Loopback Adapter" (Microsoft Learn); the goal state an
    // hour after its last line
    ['win-learn-npcap-loopback-no-fabric-address', 'dhcp-disabled', windowsAgentWorkedOn, '2019-06-20T08:44:28.930Z'],
    // "WARNING ExtHandler No route exists to 168.63.129.16", "WARNING ExtHandler Failed to send DHCP request:
    // [DhcpError] timed out" (#1335); the goal state processed half an hour after
    ['waagent-1335-static-ip-no-dhcp', 'dhcp-disabled', agentWorkedOn, '2022-03-19T19:59:54.661Z'],
    // "[WARN] WindowsAzureGuestAgent could not be stopped. Exception: System.NullReferenceException: …" (Microsoft
    // Learn); the plugin enabled an hour after (an unresponsive agent is shown working by its work done)
    ['win-learn-agent-stuck-stopping', 'agent-unresponsive', windowsAgentWorkedOn, '2019-07-18T15:46:42.890Z'],
    // "INFO WALinuxAgent-2.2.15 waiting for orphan process 7585 to terminate", over two days (#872)
    ['waagent-872-orphan-process-status-unavailable', 'agent-unresponsive', agentWorkedOn, '2017-09-03T14:35:13.215Z'],
  ];
  for (const [CASE, cause, worked, at] of cases)
    it(`${CASE}: ${cause} ages after 20 hours of later work, not after 3`, async () => {
      const plain = find(await run(CASE, timesCut()), cause);
      expect(plain.verdict).toBe('detected');
      expect(plain.evidence.every((e) => e.time === null)).toBe(true);
      expect(plain.recovered).toBeUndefined();
      const r = await run(CASE, timesCut(worked(20)));
      const f = find(r, cause);
      expect(f).toMatchObject({ verdict: 'detected', confidence: 'low', role: 'background', relation: 'history' });
      expect(f.recovered?.at).toBe(at);
      expect(r.verdict.cause).not.toBe(cause);
      // the bound is for when the failure ended: its lines still show no time
      expect(f.evidence.filter((e) => e.time === null).length).toBeGreaterThan(0);
      expect(find(await run(CASE, timesCut(worked(3))), cause).recovered).toBeUndefined();
    });
});
