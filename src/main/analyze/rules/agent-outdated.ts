import { KNOWN_BAD_AGENTS, MIN_SUPPORTED_AGENT, compareVersions, knownBadAgentsFor, knownBadBySignature, type Evidence, type Fact, type FactKind, type FactOf, type KnownBadAgent } from '../../../shared';
import { fieldTest, type FieldTest } from '../facts-index';
import { goalStateAgentAt, latestGoalStateAgent, versionAt } from '../reconstruct/agent-health';
import { interpreterRemedy } from '../interpreter';
import { failureTime, guestOs, notEvaluable, type Rule, type RuleContext, type RuleOutcome } from '../types';
import { msg } from '../../../shared/i18n/analysis';

/**
 * agent-outdated: the goal-state agent is below the supported minimum (KB 4049215: 2.2.53.1), is a
 * release with a published problem (shared/catalog/known-bad-agents.ts), or cannot update itself.
 *
 * Detected high when the latest goal-state agent version is below 2.2.53.1 (the 2.0.x single-file
 * agent is its own goal-state agent) — medium when the version's evidence predates 2.2.53.1 and the
 * release has a known problem, low and a possible cause only when it predates it without one; medium when no line
 * names the goal-state agent but a signature only old releases write is present (not evaluable, with the hint,
 * when only its records' format bounds it, ≤2.2.45); medium when only the daemon is known and it is 2.1.7 or older
 * (KB: older agents are not supported even with auto-update) or below the minimum with auto-update
 * off; medium when the running release is a known-bad one and its log signature is present (low on
 * the version alone); medium when self-update failed or a version was blacklisted after the last
 * successful upgrade (low if the running agent is supported anyway). Ruled out when the goal-state
 * agent is supported, no known problem matches and no update failure is logged. Support is judged
 * on the goal-state agent, never the daemon, except for agents too old to have one.
 */

/** The last agent able to run without a self-updated goal-state agent that the KB still names. */
const KB_FLOOR = '2.1.7';
const SINGLE_PROCESS = /^(?:1\.|2\.0(?:\.|$))/;
const dateOf = (t: number) => new Date(t).toISOString().slice(0, 10);

/** A supported minimum and when it was released. */
interface Minimum {
  version: string;
  released: number;
}

/** Linux (KB 4049215): 2.2.53.1, released on 2021-03-02. */
const LINUX_MIN: Minimum = { version: MIN_SUPPORTED_AGENT, released: Date.UTC(2021, 2, 2) };

/**
 * A Linux goal-state agent below a minimum its log predates, with no known problem's sign: the rule's own sentence says
 * this alone does not explain a failure then, so nothing in the bundle ties it to one — a possible cause, not a
 * confirmed one. (A Windows agent's version may be all its log holds of the failure: Learn's agent stuck in "Starting".)
 */
const POSSIBLE_ONLY: Pick<RuleOutcome, 'possibleOnly'> = { possibleOnly: true };

/**
 * A log older than the minimum's release could not run it, so "below today's minimum" says little about the failure
 * it shows (a thread from 2017 quoting 2.2.13, a 2019 Windows log quoting 2.7.41491.949): the log's date when the
 * version's line (`seenMs`) predates the release, else undefined.
 */
function predatesMinimum(seenMs: number, min: Minimum): string | undefined {
  return Number.isFinite(seenMs) && seenMs < min.released ? dateOf(seenMs) : undefined;
}

/**
 * `Agent WALinuxAgent-2.2.13 is blacklisted - skipping download` (≤2.2.14) is written on every update check for
 * each candidate blacklisted before, every few seconds (WALinuxAgent #739, #746, #862: noise, dropped in 2.2.15). It
 * says a candidate once failed here, not that an update is failing now or that the running agent is old;
 * `is permanently blacklisted` / `permanently disabled` is the blacklisting itself.
 */
function restated(f: { event: string; detail: string }): boolean {
  return f.event === 'blacklisted' && f.detail.includes('skipping download');
}

function versionEvidence(ctx: RuleContext, role: 'daemon' | 'goal-state-agent', version: string, atFailure?: { version: string; at: Evidence }): Evidence[] {
  if (atFailure?.version === version) return [atFailure.at];
  // the judged VM's lines (the failed task's root), as goalStateAgentAt reads them
  const own = (at: Evidence) => ctx.facts.ofRoot(at, ctx.root);
  const f = [...ctx.facts.of('agent-version')].reverse().find((v) => v.role === role && v.version === version && own(v.at));
  if (f) return [f.at];
  const latest = role === 'goal-state-agent' ? latestGoalStateAgent(ctx.facts, ctx.root) : undefined;
  if (latest?.version === version) return [latest.at];
  const s = [...ctx.facts.of('agent-status')].reverse().find((v) => v.agentVersion && own(v.at));
  return s ? [s.at] : [];
}

/**
 * A version verdict: the version holds whatever its line's age, and that line is the state the engine sets against the
 * failure's root in a bundle of several (engine.ts sayLessOfOtherRoots).
 */
function heldVersion(lines: readonly Evidence[]): Pick<RuleOutcome, 'holds' | 'state'> {
  return { holds: true, ...(lines[0] ? { state: lines[0] } : {}) };
}

/** `ubuntu 24.04` from os-release, for rows that affect one distribution. */
function osOf(ctx: RuleContext): string | undefined {
  const r = ctx.facts.last('os-release');
  return r?.id ? `${r.id.toLowerCase()}${r.versionId ? ` ${r.versionId}` : ''}` : undefined;
}

/** Whether a known-bad row's signature (or its sign alone) could match `text`: what the kinds' texts are selected by. */
const anySign = (text: string | undefined) => !!text && KNOWN_BAD_AGENTS.some((r) => r.signature?.test(text) || (r.signatureAlone instanceof RegExp && r.signatureAlone.test(text)));

/**
 * The kinds whose text a known-bad row's signature is matched against (what the agent said went wrong), each with a
 * test of its text answered per distinct fact (`selectBy`): a broken agent's 100,000s of goal-state errors are tested
 * once per message and only the few that carry a sign are built.
 */
const SIGN_KINDS = [
  { test: fieldTest('agent-version', (x) => anySign(x.said)), text: (x: Fact) => (x as FactOf<'agent-version'>).said ?? '' },
  { test: fieldTest('agent-lifecycle', (x) => anySign(x.detail)), text: (x: Fact) => (x as FactOf<'agent-lifecycle'>).detail ?? '' },
  { test: fieldTest('agent-update', (x) => anySign(x.detail)), text: (x: Fact) => (x as FactOf<'agent-update'>).detail },
  { test: fieldTest('certificate-problem', (x) => anySign(x.detail)), text: (x: Fact) => (x as FactOf<'certificate-problem'>).detail },
  { test: fieldTest('agent-event', (x) => anySign(x.message)), text: (x: Fact) => (x as FactOf<'agent-event'>).message },
  { test: fieldTest('goal-state-error', (x) => anySign(x.detail)), text: (x: Fact) => (x as FactOf<'goal-state-error'>).detail },
  { test: fieldTest('extension-operation', (x) => anySign(x.detail)), text: (x: Fact) => (x as FactOf<'extension-operation'>).detail ?? '' },
] as const;

/** Facts whose text a known-bad row's signature may match, kind by kind in time order (the others cannot match). */
function signatureTexts(ctx: RuleContext): { text: string; at: Evidence; timeMs: number }[] {
  const out: { text: string; at: Evidence; timeMs: number }[] = [];
  for (const k of SIGN_KINDS) {
    const s = ctx.facts.selectBy(k.test as FieldTest<FactKind>);
    for (let i = 0; i < s.length; i++) {
      const x = s.get(i);
      out.push({ text: k.text(x), at: x.at, timeMs: x.timeMs });
    }
  }
  return out;
}

/** The logged signs that only a known-bad release writes (`signatureAlone`), those `keep` keeps, with their rows. */
function signsAlone(ctx: RuleContext, keep: (t: { timeMs: number }) => boolean = () => true): { row: KnownBadAgent; at: Evidence }[] {
  return signatureTexts(ctx)
    .filter(keep)
    .flatMap((t) => knownBadBySignature(t.text).map((row) => ({ row, at: t.at })));
}

/** agent-outdated from a sign only a known-bad release writes; `named`, the older goal-state agent a line named before it. */
function signatureOutcome(sig: { row: KnownBadAgent; at: Evidence }[], named?: string): RuleOutcome {
  const rows = [...new Map(sig.map((x) => [x.row.id, x.row] as const)).values()];
  return {
    verdict: 'detected',
    confidence: 'medium',
    reason: msg('agent-outdated.signature', { known: describeKnown(rows.map((row) => ({ row, hits: [] }))), ...(named ? { named } : {}) }),
    // one line may be read as two facts (an agent event and the extension operation it reports): cited once
    evidence: [...new Map(sig.map((x) => [`${x.at.file}:${x.at.line}`, x.at] as const)).values()].slice(-3),
    ...SIGN_EXPLAINS,
  };
}

interface KnownMatch {
  row: KnownBadAgent;
  hits: Evidence[];
}

function knownProblems(ctx: RuleContext, version: string): KnownMatch[] {
  const rows = knownBadAgentsFor(version, osOf(ctx));
  if (!rows.length) return [];
  const texts = rows.some((r) => r.signature) ? signatureTexts(ctx) : [];
  return rows.map((row) => ({ row, hits: row.signature ? texts.filter((t) => row.signature!.test(t.text)).map((t) => t.at) : [] }));
}

/** Each problem with its first public source, for the catalogue's sentence. */
const describeKnown = (m: KnownMatch[]) => m.map((k) => ({ problem: k.row.problem, source: k.row.source.split(' ; ')[0] }));
const knownEvidence = (m: KnownMatch[]) => m.flatMap((k) => k.hits.slice(-3));
/** The version's line, then the signs' lines not already cited (a crash line names the release and is its sign). */
function versionAndSigns(version: Evidence[], m: KnownMatch[]): Evidence[] {
  const cited = new Set(version.map((e) => `${e.file}:${e.line}`));
  return [...version, ...knownEvidence(m).filter((e) => !cited.has(`${e.file}:${e.line}`))];
}

/**
 * When the judged VM's goal-state agent's version was seen (its latest timed version line or heartbeat), NaN when
 * untimed.
 */
function versionTime(ctx: RuleContext, version: string): number {
  let t = NaN;
  for (const kind of ['agent-version', 'agent-heartbeat'] as const) {
    // in time order: the first of this version found from the end is the kind's latest (a long log's heartbeats are
    // read by position, not built)
    const s = ctx.facts.series(kind);
    for (let i = s.timed - 1; i >= 0 && !(s.time(i) <= t); i--) {
      if (s.field(i, 'version') === version && ctx.facts.ofRoot(s.get(i).at, ctx.root)) {
        t = s.time(i);
        break;
      }
    }
  }
  return t;
}


/**
 * The Windows VM Agent has its own version line and its own minimum (KB 4049215: 2.7.41491.1010); a
 * Windows version must never be compared with the Linux agent's.
 * https://learn.microsoft.com/troubleshoot/azure/virtual-machines/windows/support-extensions-agent-version
 */
const WINDOWS_MIN: Minimum = {
  version: '2.7.41491.1010',
  // Azure/WindowsVMAgent release-notes/2.7.md: "2.7.41491.1010 (Release started at 2020-04-23)", written on
  // 2021-05-11 (commit 3c4c495) below 1008's "2020-12-10": the year is 2021's (1009's "2020-03-09" was added 2021-03-17)
  released: Date.UTC(2021, 3, 23),
};
const WINDOWS_FILE = /WaAppAgent|TransparentInstaller|WindowsAzure\//i;

/**
 * The Windows agent that ran the failed task, judged as goalStateAgentAt judges Linux's: the latest version line at or
 * before the failure, else the first after it (flagged); without a failed task, the latest (the agent now). Its lines
 * are WaAppAgent.log's and TransparentInstaller.log's start lines (`WindowsAzureGuestAgent starting. Version …`).
 */
function windowsAgent(ctx: RuleContext): RuleOutcome | undefined {
  const seen: { version: string; at: Evidence; timeMs: number }[] = [];
  for (const f of ctx.facts.of('windows-agent')) if (f.version && f.event === 'start') seen.push({ version: f.version, at: f.at, timeMs: f.timeMs });
  // a start line is also read as the version it names (agent-version): each line once
  const started = new Set(seen.map((v) => `${v.at.file}:${v.at.line}`));
  for (const f of ctx.facts.of('agent-version')) if (WINDOWS_FILE.test(f.at.file) && /^2\.[67]\./.test(f.version) && !started.has(`${f.at.file}:${f.at.line}`)) seen.push({ version: f.version, at: f.at, timeMs: f.timeMs });
  if (!seen.length) return undefined;
  let latest = seen[seen.length - 1];
  for (const v of seen) if (Number.isFinite(v.timeMs) && !(v.timeMs < latest.timeMs)) latest = v;
  const failedAt = failureTime(ctx);
  const atFailure = versionAt(seen, failedAt);
  const judged = atFailure ?? latest;
  const afterFailure = !!atFailure && atFailure.timeMs > failedAt;
  const untimed = !Number.isFinite(judged.timeMs);
  // the agent that ran the failed task, when a later line names another (an old one named after it still counts)
  const ranTask = (out: RuleOutcome): RuleOutcome =>
    !atFailure || atFailure.version === latest.version || (afterFailure && out.verdict === 'ruled-out')
      ? out
      : { ...out, reason: msg('sentences', { parts: [out.reason, msg('agent-outdated.windows-at-failure', { version: atFailure.version, later: latest.version })] }) };
  if (compareVersions(judged.version, WINDOWS_MIN.version) < 0) {
    const logDate = predatesMinimum(judged.timeMs, WINDOWS_MIN);
    // an untimed line may be from a log older than the minimum as well as from today's: it says no more than an old
    // log's line would (less information never more confidence)
    const doubt = !!logDate || untimed;
    return ranTask({
      verdict: 'detected',
      confidence: doubt ? 'low' : 'high',
      reason: msg('agent-outdated.windows-old', { version: judged.version, minimum: WINDOWS_MIN.version, ...(logDate ? { logDate } : untimed ? { untimed } : {}) }),
      evidence: [judged.at],
      spansTask: !doubt,
    });
  }
  return ranTask({
    verdict: 'ruled-out',
    confidence: untimed || afterFailure ? 'low' : 'high',
    reason: msg('agent-outdated.windows-ok', { version: judged.version, minimum: WINDOWS_MIN.version, ...(untimed ? { untimed } : afterFailure ? { afterFailure } : {}) }),
    evidence: [judged.at],
  });
}

/**
 * An agent on an old release without its release's own sign in the log, or whose self-update fails, is what an agent
 * that cannot reach the WireServer looks like too: the goal state names the newer agent's manifest, and the agent
 * downloads it through the WireServer or its HostGAPlugin (ga/update.py). A release's own logged sign (#745's 2.2.10
 * never retrying the HostGAPlugin) is the other way round: the release explains its network errors.
 */
const CANNOT_UPDATE: Pick<RuleOutcome, 'explainedBy'> = { explainedBy: ['no-network-wireserver'] };

/**
 * An agent below the minimum without its release's sign is old because nothing updated it, and only a running agent
 * updates itself (the goal-state agent fetches the newer one in its loop): a stopped agent, or one alive but processing
 * no goal state, stays on the release it has. Not said of a self-update the running agent logged as failing: it ran.
 */
const STAYS_OLD: Pick<RuleOutcome, 'explainedBy'> = { explainedBy: [...CANNOT_UPDATE.explainedBy!, 'agent-not-running', 'agent-unresponsive'] };

/**
 * A known-bad release's own logged sign is a crash, a hang, a failed call or an extension it failed to process
 * (shared/catalog/known-bad-agents.ts): where another cause reads that line as its failure, the release explains it
 * (#812's 2.2.10 exits on a deleted /var/log/azure folder: the agent is alive but not working because of the release;
 * #745's 2.2.10 never retries the HostGAPlugin; KB 4099558's 2.2.21-2.2.24 fail an extension's enable with "Downgrade
 * not allowed"). The engine applies it only where that cause cites the sign's line (engine.ts explanations).
 */
const SIGN_EXPLAINS: Pick<RuleOutcome, 'explains'> = { explains: ['agent-unresponsive', 'agent-not-running', 'no-network-wireserver', 'extension-failed-state'] };

function evaluate(ctx: RuleContext): RuleOutcome {
  const windows = windowsAgent(ctx);
  if (windows) return windows;
  const out = evaluateLinux(ctx);
  // an agent whose command cannot start is not fixed by an update (the update runs the same command): the missing
  // interpreter leads (#2126: 2.2.45 with no python3 link)
  const interpreter = out.verdict === 'detected' ? interpreterRemedy(ctx.facts) : undefined;
  return interpreter ? { ...out, remedyOrder: interpreter } : out;
}

function evaluateLinux(ctx: RuleContext): RuleOutcome {
  // the agent that ran the failed task is what failed it, not one it updated itself to later (nor one it updated from)
  const failedAt = failureTime(ctx);
  const atFailure = goalStateAgentAt(ctx.facts, failedAt, ctx.root);
  const latest = ctx.agent.goalStateAgentVersion;
  // goalStateAgentAt falls back to the first line after the failure: it names the nearest known release, not the one
  // that ran the task
  const afterFailure = !!atFailure && atFailure.timeMs > failedAt;
  const out = judge(ctx, atFailure?.version ?? latest, atFailure, afterFailure);
  // nor is a supported one so named said to have run the task (an old one may be: agents do not go back down)
  if (!atFailure || !latest || atFailure.version === latest || (afterFailure && out.verdict === 'ruled-out')) return out;
  return { ...out, reason: msg('sentences', { parts: [out.reason, msg('agent-outdated.at-failure', { version: atFailure.version, later: latest })] }) };
}

function judge(ctx: RuleContext, gsa: string | undefined, atFailure: { version: string; at: Evidence } | undefined, afterFailure = false): RuleOutcome {
  const { agent, facts } = ctx;
  const daemon = agent.daemonVersion;
  if (gsa && compareVersions(gsa, MIN_SUPPORTED_AGENT) < 0) {
    const known = knownProblems(ctx, gsa);
    // in a log older than the minimum, a release's problem counts only when the log shows its sign
    const signed = known.filter((k) => k.hits.length > 0);
    const single = SINGLE_PROCESS.test(gsa);
    const seen = versionTime(ctx, gsa);
    const logDate = predatesMinimum(seen, LINUX_MIN);
    // an untimed line may be from a log older than the minimum as well as from today's: it says no more than an old
    // log's line does (Windows reads its version the same way)
    const untimed = !Number.isFinite(seen);
    const old = logDate !== undefined || untimed;
    // A sign only another known-bad release writes, logged after the line that names this one, says which release ran
    // at the failure: the agent updated since (2.2.x self-updates while it runs; the new release's start line may be
    // rotated out). Read as the sign alone would be without the version line, not as this old release's age.
    const since = old && !signed.length ? signsAlone(ctx, (t) => t.timeMs > seen).filter((x) => !known.some((k) => k.row.id === x.row.id)) : [];
    if (since.length) return signatureOutcome(since, gsa);
    const lines = versionEvidence(ctx, 'goal-state-agent', gsa, atFailure);
    return {
      verdict: 'detected',
      confidence: !old ? 'high' : signed.length ? 'medium' : 'low',
      reason: msg('agent-outdated.below-minimum', {
        version: gsa,
        single,
        minimum: MIN_SUPPORTED_AGENT,
        ...(logDate ? { logDate } : untimed ? { untimed } : {}),
        signSeen: signed.length > 0,
        known: describeKnown(signed.length ? signed : known),
      }),
      evidence: versionAndSigns(lines, signed),
      // the version held through the failed task, whenever its line was written
      spansTask: !old,
      ...heldVersion(lines),
      ...(signed.length ? SIGN_EXPLAINS : STAYS_OLD),
      ...(old && !signed.length ? POSSIBLE_ONLY : {}),
    };
  }
  const updates = facts.of('agent-update');
  // restatements of an old blacklisting say nothing failed now (#862's maintainers: noise); they are not counted
  const failures = updates.filter((f) => (f.event === 'failed' || f.event === 'blacklisted') && !restated(f));
  if (!gsa && daemon && compareVersions(daemon, KB_FLOOR) <= 0) {
    const seen = [...facts.of('agent-version')].reverse().find((v) => v.role === 'daemon' && v.version === daemon)?.timeMs ?? NaN;
    const logDate = predatesMinimum(seen, LINUX_MIN);
    const lines = versionEvidence(ctx, 'daemon', daemon);
    return {
      verdict: 'detected',
      confidence: logDate ? 'low' : 'medium',
      reason: msg('agent-outdated.daemon-unsupported', { version: daemon, floor: KB_FLOOR, ...(logDate ? { logDate } : {}) }),
      evidence: lines,
      ...heldVersion(lines),
    };
  }
  if (!gsa && daemon && compareVersions(daemon, MIN_SUPPORTED_AGENT) < 0 && agent.autoUpdate === false) {
    const conf = facts.last('waagent-conf');
    const lines = versionEvidence(ctx, 'daemon', daemon);
    return {
      verdict: 'detected',
      confidence: 'medium',
      reason: msg('agent-outdated.no-auto-update', { version: daemon, minimum: MIN_SUPPORTED_AGENT }),
      evidence: [...lines, ...(conf ? [conf.at] : []), ...updates.filter((u) => u.event === 'disabled').map((u) => u.at)],
      ...heldVersion(lines),
    };
  }
  if (!gsa) {
    // no line names the goal-state agent: a signature only old releases write, or its records' format
    const sig = signsAlone(ctx);
    if (sig.length) return signatureOutcome(sig);
    const era = facts.of('agent-era').find((e) => compareVersions(e.maxVersion, MIN_SUPPORTED_AGENT) < 0);
    // an upper bound read from the format is not a version: say what it suggests and how to know
    if (era && !failures.length)
      return notEvaluable(
        // the parser names the timestamp format by the agents that write it ("… of agents 2.2.0–2.2.30")
        msg('agent-outdated.era', { agents: /agents (\S+)$/.exec(era.detail)?.[1] ?? `up to ${era.maxVersion}`, maxVersion: era.maxVersion, minimum: MIN_SUPPORTED_AGENT }),
        'medium',
        [era.at],
      );
  }
  // a supported goal-state agent named on a line without a time, or first after the failure, may be one the agent
  // updated itself to since: it does not speak for the failure (one below the minimum does: agents do not go back down)
  const gsaLines = gsa ? versionEvidence(ctx, 'goal-state-agent', gsa, atFailure) : [];
  const untimed = !!gsa && !atFailure && !gsaLines.some((e) => e.time);
  const unplaced = untimed ? { untimed } : afterFailure ? { afterFailure } : {};
  if (gsa) {
    const known = knownProblems(ctx, gsa);
    const seen = known.filter((k) => k.hits.length > 0);
    // without its sign, such a release's problem is a possible cause only: the failure's agent may be another
    const doubt = seen.length ? {} : unplaced;
    if (known.length)
      return {
        verdict: 'detected',
        confidence: seen.length ? 'medium' : 'low',
        reason: msg('agent-outdated.known-release', { version: gsa, signSeen: seen.length > 0, known: describeKnown(seen.length ? seen : known), ...doubt }),
        evidence: versionAndSigns(gsaLines, seen),
        ...heldVersion(gsaLines),
        ...(seen.length ? SIGN_EXPLAINS : CANNOT_UPDATE),
        ...(Object.keys(doubt).length ? POSSIBLE_ONLY : {}),
      };
  }
  if (failures.length) {
    const lastUpgrade = [...updates].reverse().find((u) => u.event === 'upgrading');
    const recent = failures.filter((f) => !lastUpgrade || f.timeMs > lastUpgrade.timeMs);
    if (recent.length) {
      // a supported agent lowers it only where its line speaks for the failure: no version line says no more
      const supported = gsa && !untimed && !afterFailure ? compareVersions(gsa, MIN_SUPPORTED_AGENT) >= 0 : false;
      return {
        verdict: 'detected',
        confidence: supported ? 'low' : 'medium',
        reason: msg('agent-outdated.self-update-failing', { count: recent.length, ...(gsa ? { version: gsa, ...unplaced } : {}) }),
        evidence: recent.slice(-5).map((f) => f.at),
        ...CANNOT_UPDATE,
      };
    }
  }
  if (gsa)
    // an untimed supported version, or one first named after the failure, rules out nothing at the failure
    return {
      verdict: 'ruled-out',
      confidence: untimed || afterFailure ? 'low' : 'high',
      reason: msg('agent-outdated.supported', { version: gsa, minimum: MIN_SUPPORTED_AGENT, ...unplaced }),
      evidence: gsaLines,
    };
  if (daemon)
    return notEvaluable(
      msg('agent-outdated.daemon-only', { version: daemon }),
      'low',
      versionEvidence(ctx, 'daemon', daemon),
    );
  return notEvaluable(msg('agent-outdated.no-version', { os: guestOs(ctx) }));
}

export const rule: Rule = { cause: 'agent-outdated', evaluate };
