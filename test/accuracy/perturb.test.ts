// Small, realistic, cause-neutral changes to every real case's logs (test/accuracy/perturb.ts lists them and the
// formats each applies to). The answer must not move: a failure case keeps its first cause, no cause the case's own
// files do not give at medium or high appears at medium or high, and a healthy log stays without anything above low.
// PERTURB_FAMILY=<regex> runs only the families whose name matches; PERTURB_OUT=<file> appends what each applied family
// gave (APPLIED, RESULT with the verdict's summary, PROBLEM), tab-separated: the red team's tally.
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { portalCode as lookupPortalCode, type Confidence, type Finding } from '../../src/shared';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';
import { CAUSE_LAYER } from '../../src/main/analyze/weigh';
import { networkOutageAfter, crlfLineEnds, ticketTxtNames, wrappedAt, zipBesideFolder, waAppAgentInZone, rotatedCompressedJustBefore, searchOutput, negativeScaryBlocks, agentRestartInVmZone, backupSucceededNightBefore, newYearInside, vss8194DayFirst, windowsBackupSucceededNightBefore, maskedByCustomer, troubleLinesOnly, whitespaceCollapsed, rotatedJustBefore, browserDownloadName, dstEndedInExtensionLog, oldHandlerFolderLeft, syslogInLocalTime, verboseFromMidway, agentRestartedInWindow, lastRecordCut, OTHER_EXTENSION_NOISE, pastedTwice, rotationKeptTwice, vss8194NearFailure, backupSucceededAfter, cutAfterLine, newestOf, extensionLogInLocalTime, failureRotatedAway, middleRotationMissing, otherPlatformVmBeside, rebootAt, windowsAgentUpdatedBefore, windowsBackupEnabledNightBefore, windowsBackupSucceededLater, windowsGuestRebootedAfter, windowsOldNetworkEpisode, windowsOtherExtensionFailedAfter, windowsTransientFailureAt, withWindowsBlock, WINDOWS_BENIGN_BLOCKS, agentUpdatedBefore, agentWorkedOn, backupSucceededLater, oneTransientTimeout, transientTimeoutBefore, transientTimeoutAfter, anotherVmBeside, handedInTwice, oldNetworkEpisode, otherExtensionFailedAfter, rotatedBeneathHealthyLog, backupExtensionUpgraded, guestRebootedAfter, windowsAgentWorkedOn, BENIGN_BLOCKS, bytesOf, clockStepBack, collectedNextDay, cutAtStart, cutMidWrite, healthyFileBeside, nextNightSucceeded, nightBefore, oldFailureOfAnotherExtension, powerOffGap, recordsOf, rotatedOverlap, sameSecondReorder, windowsEncodings, withBlock, fileAlone, nbspEverywhere, nbspFromMidway, nbspInRuns, flowedAt76, numberedBy, type Files, type Perturbation } from './perturb';
import { caseFiles, listCases, readCase } from './score';
import type * as Causes from '../../src/shared/catalog/causes';

// PERTURB_CATALOGUE=reversed reads the catalogue in reverse: the runs whose first cause then differs (PERTURB_OUT, the
// RESULT rows of both runs side by side) are the ties only the catalogue's order decides
vi.mock('../../src/shared/catalog/causes', async (importOriginal) => {
  const real = await importOriginal<typeof Causes>();
  return process.env.PERTURB_CATALOGUE === 'reversed' ? { ...real, CAUSES: [...real.CAUSES].reverse() } : real;
});

const tmp = mkdtempSync(join(tmpdir(), 'vmbd-perturb-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }), 300_000);

const filesOf = (caseDir: string): Files => caseFiles(caseDir).map(([n, b]) => [n, b.toString('utf8')]);

function write(files: Files, at: string): string {
  for (const f of files) {
    const p = join(at, f[0]);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, bytesOf(f));
  }
  return at;
}

const RANK: Record<Confidence, number> = { low: 1, medium: 2, high: 3 };
/** The Windows agent's own logs (a VM's, whichever folder it lies in). */
const WINDOWS_AGENT = new Set(['windows-agent-log', 'windows-plugin-log', 'windows-installer-log']);
type Seen = { cause: Finding['cause']; confidence: Confidence }[];
const detected = (fs: readonly Finding[]): Seen => fs.filter((f) => f.verdict === 'detected').map((f) => ({ cause: f.cause, confidence: f.confidence }));
const show = (s: Seen) => s.map((d) => `${d.cause} (${d.confidence})`).join(', ') || 'nothing';

/** The lines an extension-failed-state finding cites (file:line). */
const cited = (r: { findings: readonly Finding[] }) => r.findings.find((f) => f.cause === 'extension-failed-state' && f.verdict === 'detected')?.evidence.map((e) => `${e.file}:${e.line}`) ?? [];

/** Whether the case's failure lies past the agent (the task or the extension): the agent going on as before is then neutral. */
const pastTheAgent = (def: ReturnType<typeof readCase>) => def.negative || def.expected.every((c) => CAUSE_LAYER[c] === 'task' || CAUSE_LAYER[c] === 'provisioning');

/**
 * Portal codes of other jobs, the three a support engineer meets most: an extension that left the VM's provisioning
 * state failed, the agent not answering, a freeze that failed. Each only where it names none of the case's causes.
 */
const OTHER_JOBS_CODES = ['UserErrorVmProvisioningStateFailed', 'UserErrorGuestAgentStatusUnavailable', 'UserErrorFsFreezeFailed'];

/** The agent's and the Backup extension's life around the failure (perturb.ts says what each adds, from which case). */
const LIFE_AROUND_THE_FAILURE: Record<string, Perturbation> = {
  'the agent updated itself three hours before': agentUpdatedBefore,
  'the guest rebooted after the failure': guestRebootedAfter,
  'the Backup extension of another release the night before': backupExtensionUpgraded,
};

/** The Windows forms of the same (perturb.ts, WaAppAgent.log). */
const WINDOWS_LIFE_AROUND_THE_FAILURE: Record<string, Perturbation> = {
  'the Windows agent updated itself three hours before': windowsAgentUpdatedBefore,
  'the guest rebooted after the failure (Windows)': windowsGuestRebootedAfter,
  'the Backup extension enabled the night before (Windows)': windowsBackupEnabledNightBefore,
};
const UPDATED = new Set<Perturbation>([agentUpdatedBefore, windowsAgentUpdatedBefore, agentRestartedInWindow]);
const REBOOTED = new Set<Perturbation>([guestRebootedAfter, windowsGuestRebootedAfter]);
const OTHER_EXTENSION_AFTER = new Set<Perturbation>([otherExtensionFailedAfter, windowsOtherExtensionFailedAfter]);
/** A retry that worked three hours after the failure (perturb.ts `backupSucceededAfter`), per platform. */
const LATER_RETRY = { linux: backupSucceededAfter(3 * 3_600_000, 'linux'), windows: backupSucceededAfter(3 * 3_600_000, 'windows') };
const LATER_SUCCESS = new Set<Perturbation>([nextNightSucceeded, windowsBackupSucceededLater, LATER_RETRY.linux, LATER_RETRY.windows]);
/** Of those, the ones whose verdict must say the later run succeeded (the latest run decides). */
const LATER_SUCCESS_SAID = new Set<Perturbation>([LATER_RETRY.linux, LATER_RETRY.windows]);

/**
 * Whether the finding of `cause` rests on the Backup extension's release alone (a release with a published problem,
 * extension-failed-state.known-bad: its reason opens with the handler and version), no failure seen: a backup that
 * succeeded after that release ran shows it works on this VM (or was replaced), so nothing is left to report.
 */
const releaseOnly = (r: { findings: readonly Finding[] }, cause: Finding['cause']) =>
  r.findings.some((f) => f.cause === cause && f.verdict === 'detected' && /^Microsoft\.Azure\.RecoveryServices\.VMSnapshot\w* \d+(\.\d+)+[ :]/.test(f.reason));

/**
 * Known exceptions: waagent-585's agent-outdated is medium from "self-update failing" (agent manifests not fetched
 * while its hostname changed), a branch the rule reaches only without an old named version; with 2.1.6 named in a
 * 2017 log it is low. Whether a manifest fetch failing is an update failure at all is the open question.
 */
const OUTDATED_MAY_DROP = new Set(['waagent-585-hostname-change-extensionsconfig-missing']);

/**
 * Known exception of the wrapped pastes: win-learn-agent-stuck-stopping wrapped at 80 columns keeps "WindowsAzureGuestAgent
 * stopping." whole but cuts "could not be stopped" to "could not be s", so what is left is an agent that began to stop
 * and logged no start after it: agent-not-running (medium) in place of agent-unresponsive, the agent not working
 * either way. Telling a stop that hung from one that ended takes the whole line (or joining the wrapped pieces back).
 * Soft-wrapped at 76 (format=flowed) the same line breaks between "could not" and "be stopped.", with the same result.
 */
const WRAP_MAY_MOVE = new Set(['win-learn-agent-stuck-stopping']);

/**
 * What `agentUpdatedBefore` and `guestRebootedAfter` may move, or undefined when nothing is wrong. Both add lines that
 * name the goal-state agent (2.1.6 or 2.2.46, below the supported 2.2.53.1): agent-outdated is judged on the latest
 * such line, so it may appear, go or change. After the reboot an agent-side (delivery) failure may age, as after the
 * agent worked on (analyze/recovery.ts); a failure past the agent may not. Everything else stays.
 */
function lifeProblem(change: Perturbation, def: ReturnType<typeof readCase>, plain: Seen, got: Seen, result: { findings: readonly Finding[] }): string | undefined {
  // an update before the failure leaves the failure's own agent-outdated as sure as it was: a sign only a known-bad
  // release writes, after the update's version line, still names that release (agent-outdated.ts)
  const rankOf = (s: Seen) => RANK[s.find((d) => d.cause === 'agent-outdated')?.confidence ?? 'low'];
  if (UPDATED.has(change) && def.expected.includes('agent-outdated') && !OUTDATED_MAY_DROP.has(def.id) && rankOf(got) < rankOf(plain)) return 'its agent-outdated dropped';
  const aged = new Set(REBOOTED.has(change) ? result.findings.filter((f) => f.verdict === 'detected' && f.recovered).map((f) => f.cause) : []);
  const wrongAge = [...aged].find((c) => CAUSE_LAYER[c] !== 'delivery');
  if (wrongAge) return `${wrongAge} aged, yet it lies past the agent`;
  const moved = (d: Seen[number]) => d.cause !== 'agent-outdated' && !aged.has(d.cause);
  const plainRank = new Map(plain.map((d) => [d.cause, RANK[d.confidence]]));
  if (def.negative) return got.some((d) => moved(d) && d.confidence !== 'low') ? 'above low' : undefined;
  const first = (s: Seen) => s.find(moved)?.cause;
  const established = (c: string | undefined) => def.expected.some((e) => e === c);
  if (first(got) !== first(plain) && !(established(first(plain)) && established(first(got)))) return 'first cause moved';
  if (got.some((d) => moved(d) && RANK[d.confidence] >= 2 && !def.expected.includes(d.cause) && RANK[d.confidence] > (plainRank.get(d.cause) ?? 0))) return 'a cause rose';
  return undefined;
}

function perturbations(def: ReturnType<typeof readCase>): Record<string, Perturbation> {
  const platform = def.platform;
  return {
    'a 9.5-hour power-off gap': powerOffGap,
    'records of one second in the other order': sameSecondReorder,
    'the same run a night before': nightBefore,
    'an old install failure of an extension no longer there': oldFailureOfAnotherExtension,
    'a healthy file of the same platform beside': healthyFileBeside(platform),
    'the copy taken in the middle of a write': cutMidWrite,
    'a size-limited copy that starts mid-line': cutAtStart,
    'the same log handed in twice, rotated in between': rotatedOverlap,
    'the clock stepped back ten minutes halfway': clockStepBack,
    'another VM\'s logs beside, in a folder of their own': anotherVmBeside,
    'the same files handed in twice, a sosreport\'s copy beside': handedInTwice,
    ...(platform === 'linux'
      ? {
          'collected the next day, the agent healthy since': collectedNextDay,
          'the agent worked on for 20 hours': agentWorkedOn(20),
          'rotated to waagent.log.1, a day of healthy agent in waagent.log': rotatedBeneathHealthyLog(24),
          'rotated to waagent.log-<date>-<epoch>.gz (the agent\'s logrotate rule), a day of healthy agent in waagent.log': rotatedBeneathHealthyLog(24, true),
          'a WireServer outage four days before, lived past': oldNetworkEpisode,
          'another extension failed after the newest record': otherExtensionFailedAfter,
          'one transient timeout between the last two records': oneTransientTimeout,
          'one transient timeout five minutes before the failure': transientTimeoutBefore,
          'one transient timeout five minutes after the newest line': transientTimeoutAfter,
          'the Backup extension ran again a day later': backupSucceededLater,
        }
      : {}),
    ...(platform === 'windows'
      ? {
          'the next night\'s backup succeeded': nextNightSucceeded,
          'the Windows agent worked on for 20 hours': windowsAgentWorkedOn(20),
          'CRLF logs and UTF-16 event exports': windowsEncodings,
          'one transient HostGAPlugin 503 between the last two records': windowsTransientFailureAt(-1),
          'one transient HostGAPlugin 503 five minutes before the failure': windowsTransientFailureAt(-5 * 60_000),
          'one transient HostGAPlugin 503 five minutes after the newest line': windowsTransientFailureAt(5 * 60_000),
          'a HostGAPlugin outage four days before, lived past (Windows)': windowsOldNetworkEpisode,
          'another extension failed after the newest record (Windows)': windowsOtherExtensionFailedAfter,
          'the Backup extension enabled and worked a day later (Windows)': windowsBackupSucceededLater,
          ...Object.fromEntries(WINDOWS_BENIGN_BLOCKS.map((b) => [`benign block before the last record: ${b.name}`, withWindowsBlock(b)])),
          ...WINDOWS_LIFE_AROUND_THE_FAILURE,
        }
      : {}),
    ...Object.fromEntries(BENIGN_BLOCKS.map((b) => [`benign block before the last record: ${b.name}`, withBlock(b)])),
    ...(platform === 'linux' ? LIFE_AROUND_THE_FAILURE : {}),
    'rotated logs with the middle rotation missing': middleRotationMissing,
    'a retry of the backup worked three hours later': LATER_RETRY[platform],
    'another VM of the other platform beside': otherPlatformVmBeside(platform),
    'the extension.log in local time, two hours ahead': extensionLogInLocalTime,
    'a rotation kept twice, as .1 and .1.gz': rotationKeptTwice,
    'the same log pasted twice into one file': pastedTwice,
    'the copy ends halfway through its last record': lastRecordCut,
    'the agent restarted inside the failure window': agentRestartedInWindow,
    ...Object.fromEntries(OTHER_EXTENSION_NOISE.map((b) => [`another extension's harmless error in the failure window: ${b.name}`, withBlock(b)])),
    ...(platform === 'windows' ? { 'a VSS 8194 of another backup product near the failure': vss8194NearFailure } : {}),
    ...(platform === 'linux' && pastTheAgent(def) ? { 'the agent\'s log turned verbose halfway': verboseFromMidway } : {}),
    'syslog and the journal in the VM\'s local time (UTC+9)': syslogInLocalTime,
    'daylight saving time ended halfway through the extension.log': dstEndedInExtensionLog,
    ...(platform === 'linux' ? { 'an old handler folder left with its error status': oldHandlerFolderLeft } : {}),
    'each file named as a browser names a second download, "name (1).ext"': browserDownloadName,
    'rotated just before collection, the current log empty': rotatedJustBefore,
    'copied from a rendered page, runs of spaces and tabs collapsed': whitespaceCollapsed,
    'ids and private addresses masked by the customer': maskedByCustomer,
    "only the lines about trouble, grep -iE 'error|fail|warn|exception|timeout'": troubleLinesOnly,
    ...(platform === 'windows'
      ? {
          "the agent's update restart in a System export on the VM's zone, its wall time at the failure": agentRestartInVmZone,
          'a VSS 8194 near the failure, exported day first (en-GB)': vss8194DayFirst,
        }
      : {}),
    "New Year's midnight inside the bundle's time range": newYearInside,
    'the backup worked the night before': platform === 'linux' ? backupSucceededNightBefore : windowsBackupSucceededNightBefore,
    ...(platform === 'linux' ? { 'copied through Windows, CRLF line ends': crlfLineEnds } : {}),
    'renamed by a mail gateway, ".txt" after each name': ticketTxtNames,
    'pasted into a ticket that wraps at 80 columns': WRAPPED_80,
    'pasted into a ticket that wraps at 120 columns': WRAPPED_120,
    'the logs.zip and the folder it was extracted into, side by side': zipBesideFolder,
    ...(platform === 'windows'
      ? { 'WaAppAgent.log in the VM\'s local time, UTC+13': waAppAgentInZone(13), 'WaAppAgent.log in the VM\'s local time, UTC-12': waAppAgentInZone(-12) }
      : {}),
    'rotated and compressed just before collection, the current log empty': rotatedCompressedJustBefore,
    'each line prefixed with its path and number, as grep -rn (Select-String on Windows) prints it': SEARCH_OUTPUT[platform],
    "the failure's own lines rotated away, only the agent's healthy hours after them collected": ROTATED_AWAY[platform],
    'pasted from Teams, every space a no-break space (U+00A0)': nbspEverywhere,
    'pasted in two pieces, the second from Teams, its spaces no-break spaces': nbspFromMidway,
    'pasted into an HTML mail, runs of spaces kept as no-break spaces': nbspInRuns,
    'pasted into a format=flowed mail, soft-wrapped at 76 columns': flowedAt76,
    'each log printed numbered, as cat -n prints it': CAT_N,
    'each log printed numbered, as nl prints it': NL,
  };
}

const SCARY = negativeScaryBlocks();
/** The name of a family that hands in one file of the bundle alone, before the file's name. */
const ALONE = 'one file handed in alone: ';
/** A WireServer outage a day after the newest record, no task lines of its own (perturb.ts `networkOutageAfter`). */
const NETWORK_AFTER = networkOutageAfter(24 * 3_600_000);
/** Pasted at a width that keeps the wraps (perturb.ts `wrappedAt`): may lose, never gain. */
const WRAPPED_80 = wrappedAt(80);
const WRAPPED_120 = wrappedAt(120);
/** The failure's lines rotated away (perturb.ts `failureRotatedAway`): may lose its cause, never name another with confidence. */
const ROTATED_AWAY = { linux: failureRotatedAway('linux'), windows: failureRotatedAway('windows') };
/** Each log as a search over the folder prints it (perturb.ts `searchOutput`): may lose, never gain. */
const SEARCH_OUTPUT = { linux: searchOutput('linux'), windows: searchOutput('windows') };
/** Each log numbered by the tool that printed it (perturb.ts `numberedBy`): cause-neutral. */
const CAT_N = numberedBy('cat -n');
const NL = numberedBy('nl');
/** Pasted through a chat or a mail (perturb.ts): may lose, never gain. */
const PASTED_THROUGH = new Set<Perturbation>([nbspEverywhere, nbspFromMidway, nbspInRuns, flowedAt76]);

/** Families that show a gap not yet closed run only when PERTURB_FAMILY names them (`PERTURB_FAMILY=.` runs all). */
const NOT_YET: ReadonlySet<string> = new Set<string>();

/** The families that need the plain answer: the copy cut right after the failure's line, a reboot inside the task. */
function derived(def: ReturnType<typeof readCase>, files: Files, plain: { findings: readonly Finding[]; failedTask?: { start?: string | null; end?: string | null }; snapshots: readonly { start?: string | null; end?: string | null }[] }): Record<string, Perturbation> {
  const out: Record<string, Perturbation> = {};
  const first = plain.findings.find((f) => f.verdict === 'detected');
  // the last line the first finding cites in a log of the bundle, timed or not (evidence names the file's place on the
  // VM, var/log/waagent.log; the bundle may name it waagent.log). A state file (.json, .status, HandlerStatus, .xml) is
  // written whole, never caught halfway
  const fileOf = (vmPath: string) => {
    const named = files.filter(([n]) => n === vmPath || vmPath.endsWith(`/${n}`) || n.endsWith(`/${vmPath}`));
    return named.length === 1 ? named[0][0] : undefined;
  };
  const isLog = (n: string) => !/\.(json|status|settings|xml|txt)$|HandlerStatus$/i.test(n);
  const cited = (first?.evidence ?? []).map((e) => ({ file: fileOf(e.file), line: e.line })).filter((e) => e.file && isLog(e.file));
  // the newest of them: its file's last cited line (evidence is not in line order)
  const at = cited.length ? cited.filter((e) => e.file === cited.at(-1)!.file).reduce((a, b) => (b.line > a.line ? b : a)) : undefined;
  if (!def.negative && at?.file) out["the copy cut right after the failure's line"] = cutAfterLine(at.file, at.line);
  // inside the backup window: halfway through the failed task where it lasted (start to end, or to the newest line
  // where it has no end), else (an excerpt of a second or two, as the cases' are) twenty minutes before it started:
  // the VM came back up, then the backup ran and failed as it did
  const start = Date.parse(plain.failedTask?.start ?? '');
  const end = Date.parse(plain.failedTask?.end ?? '') || Math.max(-Infinity, ...[...plain.snapshots.map((x) => Date.parse(x.end ?? x.start ?? '')), newestOf(files)?.t ?? NaN].filter(Number.isFinite));
  // a newer failure of another cause after the failed task, without task lines: only where the plain answer has one
  if (def.platform === 'linux' && !def.negative && plain.failedTask) out['a WireServer outage a day after the failed task, no task lines of its own'] = NETWORK_AFTER;
  if (Number.isFinite(start)) out['the guest rebooted inside the backup window'] = rebootAt(end - start >= 2_000 ? Math.floor((start + end) / 2) : start - 20 * 60_000);
  // a healthy VM's scary records before the last one: three of the negatives' (those of the log's era, taken in turn
  // from a place the case's id gives), or all of them with PERTURB_ALL_NEGATIVE_BLOCKS=1
  const blocks = SCARY.filter((b) => b.name.split(' ')[0] !== def.id && withBlock(b)(files));
  const from = [...def.id].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7) % Math.max(1, blocks.length);
  const some = process.env.PERTURB_ALL_NEGATIVE_BLOCKS ? blocks : [...blocks.slice(from), ...blocks.slice(0, from)].slice(0, 3);
  for (const b of some) out[`a healthy VM's scary records before the last record: ${b.name}`] = withBlock(b);
  // each file handed in alone (perturb.ts `fileAlone`), where the bundle has more than one
  if (files.length > 1) files.forEach(([n], k) => (out[`${ALONE}${n}`] = fileAlone(k)));
  return out;
}

describe('the perturbations themselves', () => {
  it('keep a record and its continuation lines together and shift every stamp of a line', () => {
    const text = [
      '2016/12/10 01:11:00 [Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0]2016-12-10 01:11:00.521585  Info  proceeded for accepting signals',
      '2016/12/10 01:11:00',
      '2016/12/10 01:12:00 [Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0]2016-12-10 01:12:00.529252  Info  binary child terminated',
    ].join('\n');
    expect(recordsOf(text).recs.map((r) => r.lines.length)).toEqual([1, 1, 1]);
    const [[, out]] = powerOffGap([['extension.log', text]])!;
    expect(out.split('\n')[2]).toBe('2016/12/10 10:42:00 [Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0]2016-12-10 10:42:00.529252  Info  binary child terminated');
    const [[, before]] = nightBefore([['WaAppAgent.log', '[00000007] [05/28/2019 12:58:50.90] [INFO] WindowsAzureGuestAgent starting. Version 2.7.41491.901']])!;
    expect(before.split('\n')[0]).toBe('[00000007] [05/27/2019 12:58:50.90] [INFO] WindowsAzureGuestAgent starting. Version 2.7.41491.901');
  });

  it('insert a benign block in the log\'s own style, between the last two records', () => {
    const log = ['2023-10-27T07:00:00.000000Z INFO ExtHandler ExtHandler a', '2023-10-27T08:00:00.000000Z INFO ExtHandler ExtHandler b'].join('\n');
    const block = BENIGN_BLOCKS.find((b) => b.name.startsWith('neg-jpaztech'))!;
    const [[, out]] = withBlock(block)([['waagent.log', log]])!;
    expect(out.split('\n')).toEqual([
      '2023-10-27T07:00:00.000000Z INFO ExtHandler ExtHandler a',
      '2023-10-27T07:30:00.000000Z ERROR MonitorHandler ExtHandler An error occurred in the monitor thread main loop; will skip the current iteration.',
      '[ProtocolError] Error fetching goal state',
      'Inner error: [ResourceGoneError] [HTTP Failed] [410: Gone] The page you requested was removed.',
      '2023-10-27T08:00:00.000000Z INFO ExtHandler ExtHandler b',
    ]);
  });
});

describe('cause-neutral changes to every real case keep its answer', () => {
  for (const dir of listCases()) {
    const def = readCase(dir);
    it(def.id, async () => {
      const opts = def.portalCode ? { portalCode: def.portalCode } : {};
      const files = filesOf(dir);
      const plainSession = await analyzeBundle([join(dir, 'files')], opts);
      const plainResult = plainSession.result;
      const plain = detected(plainResult.findings);
      const plainRank = new Map(plain.map((d) => [d.cause, RANK[d.confidence]]));
      const problems: string[] = [];
      for (const [name, change] of Object.entries({ ...perturbations(def), ...derived(def, files, plainResult) })) {
        if (process.env.PERTURB_FAMILY ? !new RegExp(process.env.PERTURB_FAMILY).test(name) : NOT_YET.has(name)) continue;
        const changed = change(files);
        if (!changed) continue;
        if (process.env.PERTURB_OUT) appendFileSync(process.env.PERTURB_OUT, `APPLIED\t${def.id}\t${name}\n`);
        const result = (await analyzeBundle([write(changed, join(tmp, def.id, name.replace(/[^a-z0-9]+/gi, '-')))], opts)).result;
        const got = detected(result.findings);
        const why = `${name}: ${show(plain)} → ${show(got)}`;
        if (process.env.PERTURB_OUT) appendFileSync(process.env.PERTURB_OUT, `RESULT\t${def.id}\t${why}\t${result.verdict.summary}\n`);
        if (change === anotherVmBeside || name === 'another VM of the other platform beside') {
          // not neutral: two VMs read as one. Where the case's own files hold a timed agent log of the other VM's kind,
          // or a Windows agent's, the bundle says so and nothing is above low. A case whose own files hold no timed
          // agent log (a terminal session, a syslog, an extension.log, an untimed excerpt) is told apart only where its
          // own files relay at least two of the agent's timed records in the other log's hours (vms.ts, `relay`);
          // otherwise it cannot be told from one VM's logs in two folders: its answer must not move. The other folder's
          // agent version may be this VM's, so it may add agent-outdated, at low only (analyze/engine.ts): a healthy
          // case keeps nothing above low, a failure its first cause and nothing above what its own files gave
          const timed = (id: number) => [...plainSession.records.idsOfFile(id)].some((i) => Number.isFinite(plainSession.records.timeOf(i)));
          const own = plainResult.files.some((f) => WINDOWS_AGENT.has(f.kind) || (f.kind === 'waagent-log' && timed(f.id)));
          if (result.multipleVms) {
            if (got.some((d) => d.confidence !== 'low') || result.findings.some((f) => f.confidence !== 'low')) problems.push(`${why} (more than one VM said, yet above low)`);
            if (!result.multipleVms.messageNl.includes('Verzamel de logs van alleen de mislukte VM')) problems.push(`${name}: no Dutch notice`);
          } else if (own) problems.push(`${name}: the other VM is not told apart`);
          else if (def.negative ? got.some((d) => d.confidence !== 'low') : got[0]?.cause !== plain[0]?.cause) problems.push(why);
          else if (got.some((d) => RANK[d.confidence] > (plainRank.get(d.cause) ?? 1))) problems.push(why);
          continue;
        }
        if (LATER_SUCCESS.has(change)) {
          // not neutral: the success is read, a failed task stays found, the failure stays reported but no longer
          // above medium, and nothing new comes up
          const tasks = (r: typeof result) => r.snapshots.map((t) => t.result).join(', ') || 'no task';
          if (!result.snapshots.some((t) => t.result === 'success') || (plainResult.failedTask && !result.failedTask)) problems.push(`${name}: tasks ${tasks(plainResult)} → ${tasks(result)}`);
          else if (got.some((d) => d.confidence === 'high' || (RANK[d.confidence] > (plainRank.get(d.cause) ?? 1) && !def.expected.includes(d.cause)))) problems.push(why);
          else if (plain[0] && !got.some((d) => d.cause === plain[0].cause) && !releaseOnly(plainResult, plain[0].cause)) problems.push(why);
          else if (LATER_SUCCESS_SAID.has(change) && result.failedTask && !/A later backup \(started .*\) succeeded/.test(result.verdict.summary)) problems.push(`${name}: the verdict does not say the later run succeeded (${result.verdict.summary})`);
          continue;
        }
        if (change === backupSucceededNightBefore || change === windowsBackupSucceededNightBefore) {
          // cause-neutral, and more: the latest run is the failure, so its cause keeps its confidence, is not
          // history, and the verdict does not say a later run succeeded
          const kept = plain[0] && got.find((d) => d.cause === plain[0].cause);
          if (def.negative ? got.some((d) => d.confidence !== 'low') : got[0]?.cause !== plain[0]?.cause) problems.push(why);
          else if (got.some((d) => RANK[d.confidence] >= 2 && RANK[d.confidence] > (plainRank.get(d.cause) ?? 0))) problems.push(`${why} (a cause rose)`);
          else if (plain[0] && (!kept || RANK[kept.confidence] < RANK[plain[0].confidence])) problems.push(`${why} (its cause weakened)`);
          else if (result.findings.some((f) => f.verdict === 'detected' && f.recovered && f.cause === plain[0]?.cause)) problems.push(`${name}: ${plain[0]?.cause} said recovered`);
          else if (/A later backup \(started .*\) succeeded/.test(result.verdict.summary)) problems.push(`${name}: the verdict says a later run succeeded (${result.verdict.summary})`);
          continue;
        }
        if (change === NETWORK_AFTER) {
          // not neutral: two failures, the newer one (the network's) without the job's lines. The logs cannot tell which
          // is the failed job's: nothing is high, the case's own first cause stays found, and where the network leads the
          // verdict says the logs cannot tell which; no other cause rises. Unless the case's error code names its own
          // first cause and not the network's: then the job is the task's, its cause stays first as sure as it was, and
          // the verdict says the code told them apart
          const own = plain[0] && got.find((d) => d.cause === plain[0].cause);
          const codeCauses = def.portalCode ? (lookupPortalCode(def.portalCode)?.causes ?? []) : [];
          if (plain[0] && codeCauses.includes(plain[0].cause) && !codeCauses.includes('no-network-wireserver')) {
            if (got[0]?.cause !== plain[0].cause || got[0].confidence !== plain[0].confidence) problems.push(`${why} (the code names the task's cause, which no longer leads as sure as it was)`);
            else if (!/names this task's cause/.test(result.verdict.summary)) problems.push(`${name}: the verdict does not say the code names the task's cause (${result.verdict.summary})`);
            continue;
          }
          if (got.some((d) => d.confidence === 'high')) problems.push(`${why} (high, though the logs cannot tell which failure is the job's)`);
          else if (plain[0] && !own) problems.push(`${why} (its own cause lost)`);
          else if (got.some((d) => d.cause !== 'no-network-wireserver' && RANK[d.confidence] > (plainRank.get(d.cause) ?? 1))) problems.push(`${why} (a cause rose)`);
          else if (got[0]?.cause === 'no-network-wireserver' && plain[0]?.cause !== 'no-network-wireserver' && !/cannot tell which failure is the failed job's/.test(result.verdict.summary)) problems.push(`${name}: the verdict does not say which cannot be told (${result.verdict.summary})`);
          continue;
        }
        if (name.startsWith("a healthy VM's scary records")) {
          // a healthy VM's line is harmless where the agent works around it; in a broken agent's log (no goal state
          // processed near it) the benign list does not set it aside, and at low it may tie with a case's own low cause
          // (the catalogue breaks the tie). So: no cause the case does not establish rises to medium or high, a healthy
          // log stays at low, and a first cause above low stays first
          if (def.negative ? got.some((d) => d.confidence !== 'low') : got.some((d) => RANK[d.confidence] >= 2 && !def.expected.includes(d.cause) && RANK[d.confidence] > (plainRank.get(d.cause) ?? 0))) problems.push(`${why} (a cause rose)`);
          else if (!def.negative && got[0]?.cause !== plain[0]?.cause && (plain[0]?.confidence !== 'low' || got[0]?.confidence !== 'low')) problems.push(`${why} (first cause moved)`);
          continue;
        }
        if ((change === handedInTwice || change === zipBesideFolder) && result.multipleVms) {
          problems.push(`${name}: one VM's files read twice said to be two VMs`);
          continue;
        }
        if (OTHER_EXTENSION_AFTER.has(change)) {
          // not neutral: the other extension's failure is a finding (extension-failed-state) of its own, but a possible
          // cause only (nothing shows the VM's provisioning state failed): low, and after the case's own causes of
          // equal weight. Nothing else rises; a healthy log stays without anything above low; the case's own first cause
          // stays found, as sure as it was, and first (a case that establishes two causes may have either first)
          const other = (d: Seen[number]) => d.cause === 'extension-failed-state';
          // (a delivery failure may fade: the other extension's run is a goal state the agent got after it)
          const own = plain.find((d) => !other(d) && CAUSE_LAYER[d.cause] !== 'delivery');
          const kept = own && got.find((d) => d.cause === own.cause);
          const established = (c: string | undefined) => def.expected.some((e) => e === c);
          if (def.negative && got.some((d) => d.confidence !== 'low')) problems.push(`${why} (a healthy log above low)`);
          else if (own && (!kept || RANK[kept.confidence] < RANK[own.confidence])) problems.push(`${why} (its own cause dropped)`);
          else if (!def.negative && got[0]?.cause !== plain[0]?.cause && !(established(plain[0]?.cause) && established(got[0]?.cause))) problems.push(`${why} (first cause moved)`);
          else if (got.some((d) => !other(d) && RANK[d.confidence] > (plainRank.get(d.cause) ?? 1))) problems.push(`${why} (a cause rose)`);
          else if (cited(plainResult).length && !cited(plainResult).some((l) => cited(result).includes(l))) problems.push(`${why} (its own failed extension no longer cited)`);
          continue;
        }
        if (name === 'the agent worked on for 20 hours' || name.startsWith('rotated to waagent.log') || name === 'the Windows agent worked on for 20 hours' || (change === collectedNextDay && !pastTheAgent(def))) {
          // not neutral where the failure is the agent's: what the agent recovered from for hours up to the newest line
          // is history (at most low, in the background); nothing else moves, but for the agent's version the added
          // heartbeat names (2.2.51)
          const aged = new Set(result.findings.filter((f) => f.verdict === 'detected' && f.recovered).map((f) => f.cause));
          for (const f of result.findings.filter((x) => x.recovered)) if (f.confidence !== 'low' && !(result.failedTask && Date.parse(result.failedTask.start ?? '') < Date.parse(f.recovered!.at))) problems.push(`${name}: ${f.cause} recovered but ${f.confidence}`);
          const moved = (d: Seen[number]) => d.cause !== 'agent-outdated' && !aged.has(d.cause);
          const first = (s: Seen) => s.find(moved)?.cause;
          if (def.negative ? got.some((d) => moved(d) && d.confidence !== 'low') : first(got) !== first(plain)) problems.push(why);
          else if (got.some((d) => moved(d) && RANK[d.confidence] > (plainRank.get(d.cause) ?? 1))) problems.push(why);
          continue;
        }
        if (UPDATED.has(change) || REBOOTED.has(change) || name === 'the guest rebooted inside the backup window') {
          const problem = lifeProblem(change, def, plain, got, result);
          if (problem) problems.push(`${why} (${problem})`);
          continue;
        }
        if (name.startsWith(ALONE)) {
          // not neutral: what the other files told is gone. The answer may lose confidence or its cause, or say nothing;
          // a healthy VM's file says nothing above low, and no cause the case does not establish comes first above low
          // or rises to medium or high above what the whole bundle gave
          if (def.negative) {
            if (got.some((d) => d.confidence !== 'low')) problems.push(`${why} (a healthy log above low)`);
          } else if (got[0] && got[0].confidence !== 'low' && !def.expected.includes(got[0].cause)) problems.push(`${why} (another cause first)`);
          else if (got.some((d) => RANK[d.confidence] >= 2 && !def.expected.includes(d.cause) && RANK[d.confidence] > (plainRank.get(d.cause) ?? 0))) problems.push(`${why} (a cause rose)`);
          continue;
        }
        if (change === lastRecordCut || PASTED_THROUGH.has(change) || change === troubleLinesOnly || change === whitespaceCollapsed || change === WRAPPED_80 || change === WRAPPED_120 || change === SEARCH_OUTPUT[def.platform]) {
          // not neutral: the last record may be the failure's (waagent-745's known-bad sign is its last line). The answer
          // may lose confidence or its cause, and a cause the whole log gave as sure may then come first; nothing may rise
          // above what the whole log gave
          if (def.negative && got.some((d) => d.confidence !== 'low')) problems.push(`${why} (a healthy log above low)`);
          else if (got.some((d) => RANK[d.confidence] >= 2 && RANK[d.confidence] > (plainRank.get(d.cause) ?? 0)) && !((change === WRAPPED_80 || change === flowedAt76) && WRAP_MAY_MOVE.has(def.id))) problems.push(`${why} (a cause rose)`);
          continue;
        }
        if (change === ROTATED_AWAY[def.platform]) {
          // not neutral: the logs no longer hold the failure. The answer may lose its cause (a cannot-tell is right),
          // never name another with confidence: no cause rises to medium or high, and what comes first at medium or high
          // is the case's own; but for the agent's version, which the added healthy hours name (2.2.51, 2.2.10)
          const moved = (d: Seen[number]) => d.cause !== 'agent-outdated';
          if (def.negative ? got.some((d) => moved(d) && d.confidence !== 'low') : got.some((d) => moved(d) && RANK[d.confidence] >= 2 && RANK[d.confidence] > (plainRank.get(d.cause) ?? 0))) problems.push(`${why} (a cause rose)`);
          else if (!def.negative && got[0] && moved(got[0]) && RANK[got[0].confidence] >= 2 && !def.expected.includes(got[0].cause)) problems.push(`${why} (another cause first)`);
          // a loss is never silent: with no task found and nothing sure, the verdict says what to collect
          else if (!result.failedTask && !(RANK[result.verdict.confidence ?? 'low'] >= 2) && !/These logs may not reach the failed job|The last backup task in the logs succeeded/.test(result.verdict.summary)) problems.push(`${name}: the verdict does not say the logs may miss the job (${result.verdict.summary})`);
          continue;
        }
        if (def.negative) {
          if (got.some((d) => d.confidence !== 'low')) problems.push(why);
          continue;
        }
        // the first cause stays; a case that establishes two causes may have either first
        const established = (c: string | undefined) => def.expected.some((e) => e === c);
        if (got[0]?.cause !== plain[0]?.cause && !(established(plain[0]?.cause) && established(got[0]?.cause))) problems.push(why);
        else if (got.some((d) => RANK[d.confidence] >= 2 && !def.expected.includes(d.cause) && RANK[d.confidence] > (plainRank.get(d.cause) ?? 0))) problems.push(why);
      }
      // the engineer entered the code of another job (or another VM's): the logs' answer stays first, nothing the logs
      // do not give rises to medium or high, a healthy log stays without anything above low, and the verdict says the
      // code and the logs disagree
      for (const code of OTHER_JOBS_CODES) {
        const name = `the portal code of another job entered: ${code}`;
        if (process.env.PERTURB_FAMILY && !new RegExp(process.env.PERTURB_FAMILY).test(name)) continue;
        const causes = lookupPortalCode(code)!.causes as readonly string[];
        if (def.portalCode || def.expected.some((c) => causes.includes(c)) || (plain[0] && causes.includes(plain[0].cause))) continue;
        if (process.env.PERTURB_OUT) appendFileSync(process.env.PERTURB_OUT, `APPLIED\t${def.id}\t${name}\n`);
        const result = (await analyzeBundle([join(dir, 'files')], { portalCode: code })).result;
        const got = detected(result.findings);
        const why = `${name}: ${show(plain)} → ${show(got)}`;
        if (process.env.PERTURB_OUT) appendFileSync(process.env.PERTURB_OUT, `RESULT\t${def.id}\t${why}\t${result.verdict.summary}\n`);
        const established = (c: string | undefined) => def.expected.some((e) => e === c);
        if (def.negative) {
          if (got.some((d) => d.confidence !== 'low')) problems.push(`${why} (a healthy log above low)`);
        } else if (got[0]?.cause !== plain[0]?.cause && !(established(plain[0]?.cause) && established(got[0]?.cause))) problems.push(`${why} (first cause moved)`);
        else if (got.some((d) => RANK[d.confidence] >= 2 && !def.expected.includes(d.cause) && RANK[d.confidence] > (plainRank.get(d.cause) ?? 0))) problems.push(`${why} (a cause rose)`);
        else if (got[0] && !result.verdict.summary.includes(`the entered code ${code} points to`)) problems.push(`${name}: the verdict does not say the code disagrees (${result.verdict.summary})`);
      }
      // each case's bundles go as the case ends (the hook at the end would remove some 4,000 folders at once)
      rmSync(join(tmp, def.id), { recursive: true, force: true });
      if (process.env.PERTURB_OUT) for (const p of problems) appendFileSync(process.env.PERTURB_OUT, `PROBLEM\t${def.id}\t${p}\n`);
      expect(problems).toEqual([]);
    }, 120_000);
  }
});
