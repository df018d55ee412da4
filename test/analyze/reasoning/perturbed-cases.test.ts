// Each class of failure test/accuracy/perturb.test.ts found, on the real case it flipped (the change made by the
// same helper the metamorphic test uses: real lines only, retimed).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnalysisResult, CauseId } from '../../../src/shared';
import { channelFailure } from '../../../src/main/analyze/wire-failure';
import { analyzeBundle } from '../../../src/main/pipeline/analyze-bundle';
import { failureRotatedAway, negativeScaryBlocks, withBlock, wrappedAt, troubleLinesOnly, whitespaceCollapsed, dstEndedInExtensionLog, backupSucceededLater, lastRecordCut, pastedTwice, otherExtensionFailedAfter, healthyFileBeside, nightBefore, nightBeforeOf, oldFailureOfAnotherExtension, oneTransientTimeout, sameSecondReorder, transientTimeoutBefore } from '../../accuracy/perturb';
import { CASES_DIR } from '../../accuracy/score';
import { caseAnalyser } from './changed-case';

const changed = caseAnalyser('vmbd-perturbed-');
const detected = (r: AnalysisResult) => r.findings.filter((f) => f.verdict === 'detected');
const find = (r: AnalysisResult, c: CauseId) => r.findings.find((f) => f.cause === c)!;

describe('lines without a task id in two logs stay two tasks', () => {
  it('an untimed VSS failure event beside a plugin log of a successful snapshot keeps the freeze failure', async () => {
    // before: the event export's identity-less failure was dropped when the plugin log's lines began
    const r = await changed('win-learn-vss-hold-writes-timeout-iops', healthyFileBeside('windows'));
    expect(r.snapshots.map((t) => t.result).sort()).toEqual(['failed', 'success']);
    expect(detected(r)[0]).toMatchObject({ cause: 'fsfreeze-failed', confidence: 'high' });
  });
});

describe("a notice that does not say anything failed does not win a tie with the failure's own sign", () => {
  const block = (id: string) => withBlock(negativeScaryBlocks().find((b) => b.name.startsWith(`${id} `))!);
  it('#2703\'s openssl failure with a healthy VM\'s "Dhcp client is not running." beside it: the certificate first', async () => {
    // before: dhcp-disabled (low) and certificate-missing (low) tied, and the catalogue put DHCP first
    const r = await changed('waagent-2703-openssl-binary-missing', block('neg-waagent-e2e-environment-thread-warnings'));
    expect(detected(r)[0]?.cause).toBe('certificate-missing');
    expect(find(r, 'dhcp-disabled')).toMatchObject({ verdict: 'detected', confidence: 'low' });
    expect(find(r, 'dhcp-disabled').reason).toMatch(/possible cause only/);
  });

  it("#2703's openssl failure with a healthy VM's vmSettings timeouts beside it: the certificate first", async () => {
    // before: no-network-wireserver (low) from two vmSettings timeouts tied with the certificate and came first
    const r = await changed('waagent-2703-openssl-binary-missing', block('neg-waagent-e2e-vmsettings-hostgaplugin-transient'));
    expect(detected(r)[0]?.cause).toBe('certificate-missing');
    expect(find(r, 'no-network-wireserver').reason).toMatch(/vmSettings call/);
  });
});

describe('a paste wrapped at 80 or 120 columns may lose a cause, never gain one', () => {
  it("#968's 'Protocol endpoint not found: WireProtocol, [0000' cut at 80 columns is not DHCP's: 168.63.129.16 was named", async () => {
    // before: the cut line lost its 'No route to host', and the rest read as DHCP giving up: dhcp-disabled medium
    const r = await changed('waagent-968-two-nics-no-route-to-wireserver', wrappedAt(80));
    expect(detected(r).filter((f) => f.confidence !== 'low')).toEqual([]);
  });

  it("#1402's missing TransportCert.pem cut at 120 columns is not DHCP's either", async () => {
    const r = await changed('waagent-1402-sles-openssl-cnf-missing-transport-cert', wrappedAt(120));
    expect(detected(r).map((f) => `${f.cause} ${f.confidence}`)).toEqual(['certificate-missing low']);
  });

  it("a healthy snapshot's untimed plugin log whose success line was wrapped: no stuck extension above low", async () => {
    // before: the untimed task with no final status was said to be followed "long after" by the logs: high
    const r = await changed('win-neg-tsg-vmsnapshot-snapshot-complete', wrappedAt(80));
    expect(detected(r).filter((f) => f.confidence !== 'low')).toEqual([]);
    // the task itself says why it cannot be placed, not that the logs went on "long after" a task with no time
    const last = r.snapshots.at(-1)!;
    expect(last).toMatchObject({ result: 'unfinished', unfinishedCode: 'unplaced' });
    expect(last.unfinishedReason).toMatch(/none of the task's lines has a time/);
    expect(last.unfinishedReason).not.toMatch(/long after/);
  });
});

describe('a healthy folder beside does not weaken a failure the logs cannot place against it', () => {
  it("#107's failed Custom Script status beside a healthy extension.log in extra/ stays medium: its status is the failure's own evidence", async () => {
    // before: the status line, kept as a held state apart from the failure, left no root holding the failure: low
    const r = await changed('cse-107-deployment-error-enable-exit-status-1', healthyFileBeside('linux'));
    expect(find(r, 'extension-failed-state')).toMatchObject({ verdict: 'detected', confidence: 'medium', role: 'primary' });
  });

  it('an agent that cannot start (an untimed TransparentInstaller line) beside a dated successful backup: not placed before it', async () => {
    // before: "the Backup extension ran a backup after it": an untimed line was taken for one before every backup,
    // so the agent's failure became history (low, background) against a success a day before nothing
    const r = await changed('win-learn-wcf-profiling-transparentinstaller', healthyFileBeside('windows'));
    expect(r.snapshots.map((t) => t.result)).toEqual(['success']);
    expect(find(r, 'agent-not-running')).toMatchObject({ verdict: 'detected', confidence: 'medium', role: 'primary' });
    expect(find(r, 'agent-not-running').reason).not.toMatch(/ran a backup after it/);
  });
});

describe('without a failed task, what is days older than the rest of the logs is history', () => {
  // (#1982: the three lines after it give no fact; the newest line counts, not the newest fact)
  for (const id of ['learn-linux-agent-goal-state-unreachable', 'neg-waagent-2960-transient-goal-state-error-recovered', 'win-learn-npcap-loopback-no-fabric-address', 'neg-waagent-1982-cgroups-v2-unified-no-controllers']) {
    it(`${id}: an install failure of another extension five days before → extension-failed-state low, background`, async () => {
      const r = await changed(id, oldFailureOfAnotherExtension);
      expect(r.snapshots.filter((t) => t.result === 'failed')).toEqual([]);
      expect(find(r, 'extension-failed-state')).toMatchObject({ verdict: 'detected', confidence: 'low', role: 'background', relation: 'long-before' });
      if (id.startsWith('neg-')) expect(detected(r).filter((f) => f.confidence !== 'low')).toEqual([]);
      else expect(detected(r)[0]?.cause).not.toBe('extension-failed-state');
    });
  }
});

describe('a reordered extension.log is read in the extension\'s own microsecond order', () => {
  it('WALinuxAgent #525 with its one-second records reversed: the freeze failed (121), no hang, no stuck extension', async () => {
    const r = await changed('waagent-525-fifreeze-new-volume', sameSecondReorder);
    expect(detected(r).map((f) => `${f.cause} ${f.confidence}`)).toEqual(['fsfreeze-failed high']);
    expect(r.snapshots[0]).toMatchObject({ result: 'failed', code: 121 });
  });

  it('WALinuxAgent #525 with the clock an hour back from its middle line on (daylight saving time ended): written after the signals, so no hang', async () => {
    // before: its last lines, an hour earlier than the signals line above them, were read as written before it, and
    // the task as hung while frozen (code 4, extension-stuck medium)
    const r = await changed('waagent-525-fifreeze-new-volume', dstEndedInExtensionLog);
    expect(detected(r).map((f) => `${f.cause} ${f.confidence}`)).toEqual(['fsfreeze-failed high']);
    expect(r.snapshots[0]).toMatchObject({ result: 'failed', code: 121 });
  });
});

describe('WireServer channel failures are the network\'s evidence, not an agent that stopped working', () => {
  it('#797\'s 503s logged on two nights → no-network-wireserver first, agent-unresponsive not detected', async () => {
    const r = await changed('waagent-797-wireserver-503-blocked', nightBefore);
    expect(detected(r)[0]?.cause).toBe('no-network-wireserver');
    expect(find(r, 'agent-unresponsive').verdict).not.toBe('detected');
  });

  it('classifies the goal-state errors of the real cases', () => {
    // test/cases/waagent-797, waagent-1801, neg-jpaztech-monitor-goal-state-410-transient: the channel
    expect(channelFailure('[000008] Calling wire server failed: 503')).toBe(true);
    expect(channelFailure('[000008] http://168.63.129.16/machine/?comp=goalstate')).toBe(true);
    expect(channelFailure('ProtocolError processing goal state, giving up [[ProtocolError] [Wireserver Exception] [HttpError] [HTTP Failed] GET http://168.63.129.16/machine/?comp=goalstate -- IOError timed out -- 6 attempts made]')).toBe(true);
    expect(channelFailure('[ProtocolError] Error fetching goal state Inner error: [ResourceGoneError] [HTTP Failed] [410: Gone] The page you requested was removed.')).toBe(true);
    // test/cases/waagent-1007: the agent's own state, not the channel
    expect(channelFailure('Exception retrieving extension handlers: [ProtocolError] /var/lib/waagent/GoalState.11.xml is missing.')).toBe(false);
  });
});

describe('a Windows service crash in the event log is the agent not running, not a crash loop', () => {
  it('the 1026 start-up crash beside a self-update\'s RdAgent 7031 (win-neg-jpaztech) → agent-unresponsive not detected', async () => {
    const r = await changed('win-learn-machine-config-agent-1026', healthyFileBeside('windows'));
    expect(detected(r)[0]?.cause).toBe('agent-not-running');
    expect(find(r, 'agent-unresponsive').verdict).not.toBe('detected');
  });
});

describe('the journal lines of a `systemctl status` block are an excerpt, not a continuous log', () => {
  it('the running agent\'s status block with its journal tail once more a day earlier → no heartbeat gap, nothing above low', async () => {
    // neg-learn-linux-agent-service-running: `service walinuxagent status` shows the unit's last lines; retimed a
    // day back and put before them (nightBefore, terminal sessions included), its heartbeats are 24 hours apart
    const id = 'neg-learn-linux-agent-service-running';
    const r = await changed(id, (files) => files.map(([n, t]) => [n, nightBeforeOf(t) ?? t]));
    const text = readFileSync(join(CASES_DIR, id, 'files', 'terminal-output.txt'), 'utf8');
    expect(nightBeforeOf(text)).toMatch(/^Oct {2}7 17:10:37 nam-u18 python3\[1036\]: 2020-10-07T17:10:37\.365590Z INFO ExtHandler ExtHandler \[HEARTBEAT\]/m);
    expect(r.agent.heartbeats).toBe(2);
    expect(r.agent.longestHeartbeatGapMinutes).toBeUndefined();
    expect(find(r, 'agent-unresponsive').verdict).not.toBe('detected');
    expect(detected(r).filter((f) => f.confidence !== 'low')).toEqual([]);
  });

  it('the same journal lines without the status block around them are a gap (24 hours)', async () => {
    // the lines of the block that are the journal's, as journalctl shows them: the gap is the agent's again
    const id = 'neg-learn-linux-agent-service-running';
    const journal = (t: string) => t.split('\n').filter((l) => / python3\[\d+\]: /.test(l)).join('\n') + '\n';
    // (the earlier heartbeat one count lower: one process that did not beat for a day; two equal counters would be
    // two processes, a restart between them, agent-health.ts)
    const oneProcess = (t: string) => t.replace('HeartbeatCounter: 1;', 'HeartbeatCounter: 0;');
    const r = await changed(id, (files) => files.map(([, t]) => ['journal.txt', oneProcess(nightBeforeOf(journal(t))!)]));
    expect(r.agent.longestHeartbeatGapMinutes).toBe(24 * 60);
  });
});

describe('without a failed task, a tie is settled by the time relation before the catalogue\'s order', () => {
  // one HostGAPlugin heartbeat timeout (the agent's developers' sample) before the last record: low and weak, like the
  // case's own finding; the catalogue lists no-network-wireserver first, so it became the verdict
  it('ext-1922: the extension that cannot enable (a state that holds) stays first, not the one timeout', async () => {
    const r = await changed('ext-1922-ubuntu2404-vmsnapshot-9218-python312', oneTransientTimeout);
    expect(find(r, 'no-network-wireserver')).toMatchObject({ verdict: 'detected', confidence: 'low' });
    expect(r.verdict.cause).toBe('extension-failed-state');
  });
});

describe('without a failed task, at equal weight and relation the failure nearer the newest line comes first', () => {
  // one timeout a few minutes before the case's own failure line: both low, weak, without a task; the catalogue
  // listed no-network-wireserver first (9 of 31 Linux cases under transientTimeoutBefore, 3 of 7 under
  // oneTransientTimeout, waagent-2684 among them)
  for (const [id, cause] of [
    ['waagent-2684-openssl-conf-no-value', 'certificate-missing'],
    ['waagent-1335-static-ip-no-dhcp', 'dhcp-disabled'],
    ['waagent-1565-vm-stuck-updating-parse-ext-status', 'vm-provisioning-updating'],
  ] as const) {
    it(`${id}: a timeout five minutes before its own failure leaves ${cause} first`, async () => {
      const r = await changed(id, transientTimeoutBefore);
      expect(find(r, 'no-network-wireserver')).toMatchObject({ verdict: 'detected', confidence: 'low' });
      expect(detected(r)[0]?.cause).toBe(cause);
    });
  }

  it('waagent-2684: the one HostGAPlugin timeout between its records no longer flips it', async () => {
    const r = await changed('waagent-2684-openssl-conf-no-value', oneTransientTimeout);
    expect(detected(r)[0]?.cause).toBe('certificate-missing');
  });
});

describe('a run whose lines end inside the freeze, the next run a day later', () => {
  // ext-1868's excerpt ends after "T:S freeze, timeout value 60"; the troubleshooting guide's healthy run appended a
  // day later joined it as one task (no id, no start of its own before it) and the hang was lost
  it('ext-1868: two tasks, the first still the frozen hang (medium), said with the next run\'s start', async () => {
    const r = await changed('ext-1868-freeze-never-thawed', backupSucceededLater);
    expect(r.snapshots).toHaveLength(2);
    const f = find(r, 'fsfreeze-failed');
    expect(f).toMatchObject({ verdict: 'detected', confidence: 'medium' });
    expect(f.reason).toContain('the next run began 2024-01-15 22:16:48');
    expect(f.reasonNl).toContain('de volgende uitvoering begon 2024-01-15 22:16:48');
    expect(detected(r)[0]?.cause).toBe('fsfreeze-failed');
  });
});

describe('another extension\'s failed run is a possible cause only', () => {
  // the OMS agent's install failing with exit 51 half an hour after the newest line (otherExtensionFailedAfter): it was
  // medium on 19 of 20 healthy Linux logs and first over 24 cases' own causes
  it('on a healthy log: low, and its reason says what would confirm it, in English and Dutch', async () => {
    const r = await changed('neg-ext-263-lad-waagent-healthy', otherExtensionFailedAfter);
    const f = find(r, 'extension-failed-state');
    expect(f).toMatchObject({ verdict: 'detected', confidence: 'low' });
    expect(f.reason).toContain('UserErrorVmProvisioningStateFailed');
    expect(f.reasonNl).toContain('alleen een mogelijke oorzaak');
  });

  it('after the case\'s own cause of equal confidence (waagent-2684: certificate-missing stays first)', async () => {
    const r = await changed('waagent-2684-openssl-conf-no-value', otherExtensionFailedAfter);
    expect(detected(r).map((d) => `${d.cause} ${d.confidence}`)).toEqual(['certificate-missing low', 'extension-failed-state low']);
  });

  it('confirmed by the cause\'s own portal code, not by one whose article lists it among others', async () => {
    // win-chef-220: Chef's enable failing in WaAppAgent.log, nothing else
    const dir = join(CASES_DIR, 'win-chef-220-enable-exit-code-1', 'files');
    const at = async (portalCode?: string) => find((await analyzeBundle([dir], portalCode ? { portalCode } : {})).result, 'extension-failed-state').confidence;
    expect(await at()).toBe('low');
    expect(await at('UserErrorVmProvisioningStateFailed')).toBe('medium');
    expect(await at('UserErrorGuestAgentStatusUnavailable')).toBe('low');
  });

  // the platform's verdict on the extension (a deployment error, a portal notification) is its provisioning state
  for (const id of ['cse-107-deployment-error-enable-exit-status-1', 'ext-113-deployment-error-cse-premature-failure', 'chef-334-ubuntu2004-portal-install-sh-terminal-failure', 'waagent-713-linuxasm-enable-os-not-supported']) {
    it(`${id}: the state named, medium as before`, async () => {
      const r = await changed(id);
      expect(detected(r)[0]).toMatchObject({ cause: 'extension-failed-state', confidence: 'medium' });
      expect(detected(r)[0].reason).not.toContain('UserErrorVmProvisioningStateFailed');
    });
  }
});

describe('a log pasted twice into one file is one story', () => {
  it('#947\'s journal twice: its one unclean stop at 14:51:01.082 is not a crash loop (agent-unresponsive not detected)', async () => {
    // before: the stop and its copy counted as two unclean stops with no goal state between → agent-unresponsive medium
    const r = await changed('neg-waagent-947-journal-restart-after-reboot', pastedTwice);
    expect(find(r, 'agent-unresponsive').verdict).not.toBe('detected');
    expect(detected(r).filter((f) => f.confidence !== 'low')).toEqual([]);
  });
});

describe('a copy cut off in its last record gains nothing from the cut', () => {
  it('#1402 cut inside "Protocol endpoint not found: WireProtocol, [000008] …TransportCert.pem is missing." → no DHCP cause', async () => {
    // before: "Protocol endpoint not found: Wire", its reason cut off, read as DHCP giving up (dhcp-disabled medium),
    // although the agent had logged "Wire server endpoint:168.63.129.16" (discovery worked)
    const r = await changed('waagent-1402-sles-openssl-cnf-missing-transport-cert', lastRecordCut);
    expect(find(r, 'dhcp-disabled').verdict).not.toBe('detected');
    expect(detected(r).map((f) => `${f.cause} ${f.confidence}`)).toEqual(['certificate-missing low']);
  });
});

describe('an excerpt of the error lines alone says no more than the whole log', () => {
  it('#968 grepped for errors: the failed GETs to an endpoint no line names are not DHCP giving up', async () => {
    // before: without "Wire server endpoint:168.63.129.16" (not an error line), "Protocol endpoint not found:
    // WireProtocol, … [HTTP Failed] … No route to host" read as DHCP giving up: dhcp-disabled medium, first
    const r = await changed('waagent-968-two-nics-no-route-to-wireserver', troubleLinesOnly);
    expect(find(r, 'dhcp-disabled').verdict).not.toBe('detected');
    expect(detected(r)[0]).toMatchObject({ cause: 'no-network-wireserver', confidence: 'low' });
  });

  it('#735 grepped for errors: DHCP stays as sure as the whole log says (low)', async () => {
    // before: medium, from the same line read as DHCP giving up
    const r = await changed('waagent-735-centos-dhclient-removed-no-address', troubleLinesOnly);
    expect(detected(r).map((f) => `${f.cause} ${f.confidence}`)).toEqual(['dhcp-disabled low']);
  });
});

describe('a log copied from a page that collapses runs of spaces reads the same', () => {
  it('#951\'s serial console with one space round the Backup logger\'s level: the VM hung frozen (fsfreeze-failed medium)', async () => {
    // before: `2019-11-23 21:11:18.333008 Info T:S freeze` was no format's line: nothing found
    const r = await changed('ext-951-frozen-hang-serial-console', whitespaceCollapsed);
    expect(detected(r).map((f) => `${f.cause} ${f.confidence}`)).toEqual(['fsfreeze-failed medium']);
  });
});

describe("the failure's own lines rotated away: the verdict says the logs may not reach the job, and what to collect", () => {
  it('#1868 (a freeze never thawed) with only the agent\'s healthy hours after it collected', async () => {
    // before: "No guest-side cause found: the VM's logs show nothing that explains the failure", and no more
    const r = await changed('ext-1868-freeze-never-thawed', failureRotatedAway('linux'));
    expect(detected(r).filter((f) => f.confidence !== 'low')).toEqual([]);
    expect(r.verdict.summary).toContain('These logs may not reach the failed job: if it ran before or after the time they cover, collect the logs of its day (/var/log/waagent.log* and /var/log/azure/*');
    expect(r.verdict.summaryNl).toContain('Deze logs reiken misschien niet tot de mislukte taak');
  });

  it('a Windows agent stuck stopping, with only the agent\'s healthy hours after it collected', async () => {
    const r = await changed('win-learn-agent-stuck-stopping', failureRotatedAway('windows'));
    expect(detected(r).filter((f) => f.confidence !== 'low')).toEqual([]);
    expect(r.verdict.summary).toContain('collect the logs of its day (the folder C:\\WindowsAzure\\Logs, its older files included)');
  });

  it('not where the logs hold the failed task, nor where a sure cause explains why no task reached the VM', async () => {
    expect((await changed('ext-1868-freeze-never-thawed', (f) => f)).verdict.summary).not.toContain('may not reach the failed job');
    expect((await changed('waagent-626-2-2-6-hostplugin-400-restart-loop', (f) => f)).verdict.summary).not.toContain('may not reach the failed job');
  });
});
