import { describe, expect, it } from 'vitest';
import { KNOWN_BAD_AGENTS, knownBadAgentsFor } from '../../../src/shared';
import { rule as outdatedRule } from '../../../src/main/analyze/rules/agent-outdated';
import type { Fact } from '../../../src/shared';
import { join } from 'node:path';
import { CASES_DIR, caseFiles } from '../../accuracy/score';
import { analyzeFiles, contextFrom, finding } from './helpers';
import { inEnglish } from '../english';

const outdated = inEnglish(outdatedRule);

describe('known-bad agent releases', () => {
  it('every row has a public source, a bilingual problem and remedy, a sane range, and its sample carries its signature', () => {
    for (const r of KNOWN_BAD_AGENTS) {
      expect(r.source, r.id).toMatch(/^https:\/\/(?:github\.com|learn\.microsoft\.com)\//);
      expect(r.problem.en && r.problem.nl && r.remedy.en && r.remedy.nl, r.id).toBeTruthy();
      expect(knownBadAgentsFor(r.from).some((x) => x.id === r.id) || r.os !== undefined, r.id).toBe(true);
      expect(knownBadAgentsFor(r.until).some((x) => x.id === r.id), r.id).toBe(false);
      if (r.signature) expect(r.sample, r.id).toBeDefined();
      if (r.sample) expect(r.signature?.test(r.sample), r.id).toBe(true);
      if (r.signatureAlone instanceof RegExp) expect(r.signatureAlone.test(r.sample ?? ''), r.id).toBe(true);
    }
    expect(new Set(KNOWN_BAD_AGENTS.map((r) => r.id)).size).toBe(KNOWN_BAD_AGENTS.length);
  });

  it('ranges and OS conditions select the right rows', () => {
    expect(knownBadAgentsFor('2.0.14').map((r) => r.id)).toEqual(['single-file-2.0']);
    expect(knownBadAgentsFor('2.2.36').map((r) => r.id)).toEqual(['cgroups-block-2.2.31']);
    expect(knownBadAgentsFor('2.2.53.1')).toEqual([]);
    expect(knownBadAgentsFor('2.9.1.1')).toEqual([]);
    expect(knownBadAgentsFor('2.9.1.1', 'ubuntu 24.04').map((r) => r.id)).toEqual(['ubuntu-24.04-cpu-quota-2.9.1.1']);
  });
});

describe('agent-outdated across eras', () => {
  it('the 2.0.x single-file agent → high, saying it cannot update itself', async () => {
    // https://github.com/microsoft/lisa/blob/main/lisa/sut_orchestrator/azure/platform_.py
    const out = outdated.evaluate(await contextFrom('2021/04/19 13:16:28 Windows Azure Linux Agent Version: WALinuxAgent-2.0.14\n'));
    expect(out).toMatchObject({ verdict: 'detected', confidence: 'high' });
    expect(out.possibleOnly).toBeUndefined();
    expect(out.reason).toMatch(/2\.0\.14 \(the single-file 2\.0\.x agent/);
    expect(out.reason).toMatch(/does not pick up newer extension versions/);
  });

  it('a 2.2.10 crash on a deleted /var/log/azure folder names the known problem and its line (medium: the log predates 2.2.53.1)', async () => {
    // https://github.com/Azure/WALinuxAgent/issues/812
    const log = [
      '2017/07/17 10:18:56.439857 INFO WALinuxAgent-2.2.10 did not terminate cleanly',
      "2017/07/17 10:18:56.520270 WARNING Agent WALinuxAgent-2.2.10 failed with exception: [Errno 20] Not a directory: '/var/log/azure/Microsoft.OSTCExtensions.VMAccessForLinux'",
      '',
    ].join('\n');
    const out = outdated.evaluate(await contextFrom(log));
    expect(out).toMatchObject({ verdict: 'detected', confidence: 'medium' });
    expect(out.reason).toMatch(/issues\/812/);
    expect(out.reason).toMatch(/The log is from 2017-07-17/);
    // the crash line names the release (the goal-state agent that crashed) and is its known sign: cited once
    expect(out.evidence.map((e) => e.line)).toEqual([2]);
  });

  it('a 2.2.10 log that predates 2.2.53.1: medium with a known problem\'s sign, low with only its version', async () => {
    // https://github.com/Azure/WALinuxAgent/issues/745 (the excerpt's first and last lines)
    const beat = '2017/05/26 10:13:54.141642 INFO Event: name=WALinuxAgent-2.2.10, op=HeartBeat, message=\n';
    const signed = [
      beat,
      '2017/05/26 10:35:51.934452 ERROR Event: name=Microsoft.OSTCExtensions.CustomScriptForLinux, op=None, message=[000003] Failed to get ext handler pkgs\n',
      'Inner error: [000008] HostGAPlugin: Host plugin channel is not available\n',
    ].join('');
    const out = outdated.evaluate(await contextFrom(signed));
    expect(out).toMatchObject({ verdict: 'detected', confidence: 'medium' });
    // its sign ties the release to the failure it shows
    expect(out.possibleOnly).toBeUndefined();
    expect(out.reason).toMatch(/the log shows its sign: Agents before 2\.2\.13 never retry the HostGAPlugin channel/);
    expect(out.reason).not.toMatch(/FIPS/);
    expect(out.evidence.map((e) => e.line)).toEqual([1, 2]);
    // the version alone: its release's problems are listed as not seen, and confidence stays low
    const bare = outdated.evaluate(await contextFrom(beat));
    expect(bare).toMatchObject({ verdict: 'detected', confidence: 'low' });
    expect(bare.reason).toMatch(/\(its sign is not in the bundle\)/);
    // "this alone does not explain a failure then": a possible cause, ranked after one the bundle confirms
    expect(bare.possibleOnly).toBe(true);
  });

  it('a sign read as two facts of one line is cited once (WALinuxAgent #1059: the agent event that reports the extension)', async () => {
    const r = await analyzeFiles(Object.fromEntries(caseFiles(join(CASES_DIR, 'waagent-1059-extension-downgrade-not-allowed')).map(([n, b]) => [n, b.toString('utf8')])));
    const f = finding(r, 'agent-outdated');
    expect(f.verdict).toBe('detected');
    const lines = f.evidence.map((e) => `${e.file}:${e.line}`);
    expect(lines.length).toBeGreaterThan(0);
    expect(new Set(lines).size).toBe(lines.length);
  });

  it('a supported release with a known problem: medium with its sign, low on the version alone, nothing elsewhere', async () => {
    const beat = (v: string) => `2025-05-01T10:00:00.000001Z INFO ExtHandler ExtHandler [HEARTBEAT] Agent WALinuxAgent-${v} is running as the goal state agent [DEBUG HeartbeatCounter: 1;HeartbeatId: 6F0F;DroppedPackets: 0;UpdateGSErrors: 0;AutoUpdate: 1]\n`;
    const ubuntu24: Fact = { kind: 'os-release', id: 'ubuntu', versionId: '24.04', at: { file: 'etc/os-release', line: 0, time: null, text: '' }, timeMs: NaN };
    const low = outdated.evaluate(await contextFrom(beat('2.9.1.1'), { facts: [ubuntu24] }));
    expect(low).toMatchObject({ verdict: 'detected', confidence: 'low' });
    expect(low.reason).toMatch(/issues\/3355/);
    expect(outdated.evaluate(await contextFrom(beat('2.9.1.1')))).toMatchObject({ verdict: 'ruled-out' });
  });

  it('a daemon at or below 2.1.7 with no goal-state agent in sight → medium', async () => {
    const out = outdated.evaluate(await contextFrom('2021/08/01 10:00:00.000001 INFO Azure Linux Agent Version:2.1.5\n'));
    expect(out).toMatchObject({ verdict: 'detected', confidence: 'medium' });
    // https://github.com/Azure/WALinuxAgent/pull/408 (a 2016 log: low, the log predates today's minimum)
    const old = outdated.evaluate(await contextFrom('2016/09/06 13:53:48.603360 INFO Azure Linux Agent Version:2.1.6\n'));
    expect(old).toMatchObject({ verdict: 'detected', confidence: 'low' });
  });

  it('no version line: a signature only old releases write says outdated; the old record format only hints at it', async () => {
    // https://learn.microsoft.com/en-us/troubleshoot/azure/virtual-machines/linux/extensions-stop-running
    const kb = outdated.evaluate(await contextFrom('2018/03/16 12:00:46.196121 ERROR Event: name=extensionName, op=None, message=[ExtensionError] Downgrade not allowed, duration=0\n'));
    expect(kb).toMatchObject({ verdict: 'detected', confidence: 'medium' });
    expect(kb.reason).toMatch(/2\.2\.21–2\.2\.24/);
    // https://github.com/Azure/WALinuxAgent/issues/1055 (per-extension lines in the 2.2.0–2.2.30 format, 2018)
    const era = outdated.evaluate(
      await contextFrom('2018/01/30 15:07:31.669718 INFO [Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9126.0] Install extension [main/handle.sh install]\n'),
    );
    expect(era).toMatchObject({ verdict: 'not-evaluable', confidence: 'medium' });
    expect(era.reason).toMatch(/probably 2\.2\.30 or older/);
    expect(era.evidence[0]).toMatchObject({ line: 1 });
  });

  it('a cgroups error of 2.2.31–2.2.40 is read as that release\'s known problem: its sign with the version, the sign alone without', async () => {
    // https://github.com/Azure/WALinuxAgent/issues/1390: the monitor's warning every few minutes, the backup never completes
    // (the line was posted without its time stamp; here with the 2.2.31–2.2.45 one). Until the catalogue read this
    // warning into a fact the row's signature could never be seen, so a 2.2.36 log said "its sign is not in the bundle".
    const warning = "2018/11/08 10:00:01.000000 WARNING ExtHandler Monitor: failed to update cgroups tracked extensions: 'Cgroup hierarchy cpu not found in /proc/cgroups'\n";
    const withVersion = outdated.evaluate(await contextFrom(`2018/11/08 10:00:00.000000 INFO Agent WALinuxAgent-2.2.36 is running as the goal state agent\n${warning}`));
    expect(withVersion).toMatchObject({ verdict: 'detected', confidence: 'medium' });
    expect(withVersion.reason).toMatch(/the log shows its sign: Agents 2\.2\.31–2\.2\.40 let a cgroups error block extension processing/);
    expect(withVersion.evidence.map((e) => e.line)).toEqual([1, 2]);
    // no version in the bundle: monitor.py writes this warning only in 2.2.32–2.2.40
    const alone = outdated.evaluate(await contextFrom(warning));
    expect(alone).toMatchObject({ verdict: 'detected', confidence: 'medium' });
    expect(alone.reason).toMatch(/issues\/1390/);
    // the line as the report posted it, without its time stamp: the same sign, its evidence untimed
    const posted = outdated.evaluate(await contextFrom(warning.replace(/^\S+ \S+ /, '')));
    expect(posted).toMatchObject({ verdict: 'detected', confidence: 'medium' });
    expect(posted.reason).toMatch(/issues\/1390/);
    expect(posted.evidence).toEqual([expect.objectContaining({ line: 1, time: null })]);
  });

  it('a sign only another known-bad release writes, after the line naming an old release, is read as that release', async () => {
    // the agent updating itself to 2.1.6 (https://github.com/Azure/WALinuxAgent/issues/418) three hours before the
    // failure lines of 2.2.19 (https://github.com/Azure/WALinuxAgent/issues/945): the agent updated again since, its
    // start line not in the excerpt. Before, the named 2.1.6 in a 2017 log gave low and hid 2.2.19's sign.
    const update = '2017/12/15 09:49:24.675275 INFO Determined Agent WALinuxAgent-2.1.6 to be the latest agent\n';
    const sign = '2017/12/15 12:49:24.269432 WARNING Exception retrieving extension handlers: [ProtocolError] /var/lib/waagent/GoalState.1.xml is missing.\n';
    const out = outdated.evaluate(await contextFrom(update + sign));
    expect(out).toMatchObject({ verdict: 'detected', confidence: 'medium' });
    expect(out.reason).toMatch(/An earlier line names goal-state agent WALinuxAgent 2\.1\.6, but after it the log shows the sign of another known-bad release/);
    expect(out.reason).toMatch(/Agent 2\.2\.19 loses track of its cached goal state/);
    expect(out.evidence.map((e) => e.line)).toEqual([2]);
    // the sign before the version line: the named release is the later state, read on its own (a 2017 log: low)
    const before = outdated.evaluate(await contextFrom(sign.replace('12:49', '08:49') + update));
    expect(before).toMatchObject({ verdict: 'detected', confidence: 'low' });
    expect(before.reason).toMatch(/The goal-state agent is WALinuxAgent 2\.1\.6/);
  });

  it('the single-file agent recognised from a traceback through its 5,000-line /usr/sbin/waagent', async () => {
    // https://github.com/Azure/WALinuxAgent/issues/605 (timestamps cut by the poster)
    const out = outdated.evaluate(await contextFrom(['ERROR:Error Traceback (most recent call last):', 'ERROR:  File "/usr/sbin/waagent", line 5659, in AddExtensionEvent', 'ERROR:    event.Save()', ''].join('\n')));
    // without a time the log may be older than the minimum (this one is from 2017), so a possible cause only
    expect(out).toMatchObject({ verdict: 'detected', confidence: 'low', possibleOnly: true });
    expect(out.reason).toMatch(/WALinuxAgent 2\.0 \(the single-file/);
  });
});
