import { MIN_SUPPORTED_AGENT, compareVersions, type AgentSummary, type Evidence, type FactOf, type SnapshotTask } from '../../../shared';
import { fieldTest, type FactIndex, type FactSeries } from '../facts-index';
import { launchFailure, uncleanVersion } from '../../../shared/formats/agent-launch';
import { factDetail } from '../../../shared/i18n/analysis';
import { firstIndexAtOrAfter } from '../../../shared/sorted';

/**
 * Agent versions and health from the agent facts (docs/formats.md "waagent.log"), plus the small time
 * helpers the agent rules share (heartbeat gaps, the window around the failed snapshot task).
 */

type Heartbeat = FactOf<'agent-heartbeat'>;
type Lifecycle = FactOf<'agent-lifecycle'>;
type TelemetryBeat = FactOf<'agent-event'>;

export interface HeartbeatGap {
  from: Heartbeat | TelemetryBeat;
  to: Heartbeat | TelemetryBeat;
  minutes: number;
}

/**
 * Agents before 2.2.47 write no [HEARTBEAT] line: their monitor thread logs a HeartBeat telemetry event every 30 minutes
 * (`Event: name=WALinuxAgent-2.2.13, op=HeartBeat, message=` up to 2.2.17, `name=WALinuxAgent, op=HeartBeat, message=,
 * duration=0` after, `name=WALA, op=HeartBeat` in 2.1; from some 2.2.2x release it sends them without logging). They
 * show the agent's process alive, not that its goal-state loop handled extensions.
 */
const TELEMETRY_BEAT = fieldTest('agent-event', (f) => f.op === 'HeartBeat' && /^(?:WALinuxAgent(?:-\d+(?:\.\d+)+)?|WALA)$/.test(f.name));

/**
 * The beats the gaps are read from: the [HEARTBEAT] lines; in a log with fewer than two timed ones, the HeartBeat
 * events of an older agent (`telemetry`).
 */
export function heartbeatSource(facts: FactIndex): { beats: FactSeries<'agent-heartbeat'> | FactSeries<'agent-event'>; telemetry: boolean } {
  const beats = facts.series('agent-heartbeat');
  if (beats.timed >= 2) return { beats, telemetry: false };
  const old = facts.selectBy(TELEMETRY_BEAT);
  return old.timed > beats.timed ? { beats: old, telemetry: true } : { beats, telemetry: false };
}

/**
 * 2.2.x repeats the daemon's launch failure and the restart note as events (ga/update.py run_latest and
 * _emit_restart_event: add_event op=Enable / op=Restart, logged at ERROR right after the WARNING / INFO line): a log
 * filtered to errors holds only those copies (PR #563's 2.2.2 excerpt). From 2.5 the launch's line ends at `failed with
 * exception:` and only its copy says why (formats/agent-launch.ts launchFailure).
 */
const EVENT_COPY = fieldTest('agent-event', (f) => f.name === 'WALinuxAgent' && (f.op === 'Enable' || f.op === 'Restart'));
/** The most a failed launch's event copy is logged after its line: run_latest writes the two one after the other. */
const COPY_WITHIN_MS = 60_000;
const LAUNCH_UNRUNNABLE = 'detail.launch-unrunnable';

/**
 * The agent's lifecycle events `life` (in time order, the untimed last) read with the event copies of the daemon's
 * failed launches and restart notes. Where the log holds no failed launch or unclean stop as a line of its own, the copies
 * stand for them, each once. Where it does, the lines are read, and a failed launch whose line does not say why (2.5+)
 * is read with its copy's reason: the copy after it in the same file, of the same version, before the next failed launch
 * and within a minute of it. A command that cannot run is the launch's reason; a restart loop (the exception the daemon's
 * health check raises inside the launch) is a restart-loop event of its own, cited at the copy that says it, as 2.2.0–2.4's
 * line gives both. One failure is never counted twice.
 */
export function withLaunchCopies(facts: FactIndex, life: Lifecycle[]): Lifecycle[] {
  const copies = facts.selectBy(EVENT_COPY);
  if (!copies.length) return life;
  if (facts.countWhere('agent-lifecycle', (f) => f.event === 'exthandler-exit' || f.event === 'not-terminated-cleanly') > 0) return withCopyReasons(facts, life, copies);
  const out = [...life];
  for (let i = 0; i < copies.length; i++) {
    const e = copies.get(i);
    const exit = launchFailure(e.message);
    const base = { kind: 'agent-lifecycle' as const, detail: e.message.slice(0, 300), at: e.at, timeMs: e.timeMs };
    if (exit) {
      out.push({ ...base, event: 'exthandler-exit', version: exit.version, ...(exit.exitCode !== undefined ? { exitCode: exit.exitCode } : {}), ...(exit.note.key === LAUNCH_UNRUNNABLE ? { note: exit.note } : {}) });
      if (exit.loop) out.push(loopAt(e, exit.loop));
    } else if (uncleanVersion(e.message) !== undefined) out.push({ ...base, event: 'not-terminated-cleanly' });
  }
  // (in time order, the untimed last, as the facts come)
  const t = (f: Lifecycle) => (Number.isFinite(f.timeMs) ? f.timeMs : Infinity);
  return out.sort((a, b) => (t(a) === t(b) ? 0 : t(a) < t(b) ? -1 : 1));
}

type LaunchFailure = NonNullable<ReturnType<typeof launchFailure>>;
const loopAt = (e: FactOf<'agent-event'>, loop: NonNullable<LaunchFailure['loop']>): Lifecycle => ({
  kind: 'agent-lifecycle',
  event: 'restart-loop',
  version: loop.version,
  ...factDetail(loop.note),
  at: e.at,
  timeMs: e.timeMs,
});

/** `life` with each failed launch that does not say why read with its event copy's reason (withLaunchCopies). */
function withCopyReasons(facts: FactIndex, life: Lifecycle[], copies: FactSeries<'agent-event'>): Lifecycle[] {
  const silent = (f: Lifecycle) => f.event === 'exthandler-exit' && f.exitCode === undefined && f.note?.key !== LAUNCH_UNRUNNABLE;
  if (!life.some(silent)) return life;
  // every failed launch line of each file, by line: the one before a copy is the launch it copies
  const launches = new Map<string, Lifecycle[]>();
  for (const f of facts.where('agent-lifecycle', (x) => x.event === 'exthandler-exit')) {
    const list = launches.get(f.at.file) ?? [];
    list.push(f);
    launches.set(f.at.file, list);
  }
  for (const list of launches.values()) list.sort((a, b) => a.at.line - b.at.line);
  // a line of 2.2.0–2.4 that says its loop is that loop already (the catalogue reads both from it)
  const looped = new Set(facts.where('agent-lifecycle', (x) => x.event === 'restart-loop').map((f) => `${f.at.file}:${f.at.line}`));
  // (by the line's place: a fact read again is a new object)
  const reasons = new Map<string, { copy: FactOf<'agent-event'>; failure: LaunchFailure }>();
  for (let i = 0; i < copies.length; i++) {
    const e = copies.get(i);
    const failure = launchFailure(e.message);
    if (!failure || (failure.note.key !== LAUNCH_UNRUNNABLE && !failure.loop)) continue;
    const line = lastBefore(launches.get(e.at.file), e.at.line);
    if (!line || !silent(line) || line.version !== failure.version) continue;
    const after = e.timeMs - line.timeMs;
    if (Number.isFinite(after) && !(after >= 0 && after <= COPY_WITHIN_MS)) continue;
    const key = `${line.at.file}:${line.at.line}`;
    reasons.set(key, { copy: e, failure: looped.has(key) ? { ...failure, loop: undefined } : failure });
  }
  if (!reasons.size) return life;
  // (the line keeps its place and evidence; a loop follows it)
  const out: Lifecycle[] = [];
  for (const f of life) {
    const r = silent(f) ? reasons.get(`${f.at.file}:${f.at.line}`) : undefined;
    // (built field by field: a stored fact reads its fields lazily, and spreading it copies none)
    const note = r?.failure.note.key === LAUNCH_UNRUNNABLE ? r.failure.note : undefined;
    out.push(note ? { kind: 'agent-lifecycle', event: f.event, ...(f.version !== undefined ? { version: f.version } : {}), ...factDetail(note), at: f.at, timeMs: f.timeMs } : f);
    if (r?.failure.loop) out.push(loopAt(r.copy, r.failure.loop));
  }
  return out;
}

/** The last of `list` (sorted by line) on a line before `line`. */
function lastBefore(list: readonly Lifecycle[] | undefined, line: number): Lifecycle | undefined {
  const k = list ? firstIndexAtOrAfter((i) => list[i].at.line, line, 0, list.length) : 0;
  return k > 0 ? list![k - 1] : undefined;
}

/** Ends a run of the agent on purpose: a gap across one of these is a stop, not a hang. */
const STOPS = new Set<Lifecycle['event']>(['stop-signal', 'orphan', 'memory-limit']);
/** (Re)starts of either agent process. */
export const STARTS = new Set<Lifecycle['event']>(['daemon-start', 'exthandler-start']);

const timed = <T extends { timeMs: number }>(list: readonly T[]) => list.filter((f) => Number.isFinite(f.timeMs)).sort((a, b) => a.timeMs - b.timeMs);

/**
 * Gaps between consecutive heartbeats while the agent ran. A gap that contains a clean stop (a
 * forwarded signal, an orphaned or memory-capped exit), a start of the daemon or the ExtHandler, or a
 * boot, shutdown or reboot in the system log is a reboot, a power-off or a service restart, not a
 * hang, and is not counted: a VM that was switched off for a night logs nothing and then starts its daemon.
 * Nor is a gap with an end in the journal tail of a `systemctl status` block (`excerpt`): those are the unit's
 * last few lines, and the time before them holds the lines the block left out, not a quiet agent.
 * Heartbeats of the 2.2.5x–2.15 agents carry their process's `HeartbeatCounter` (ga/update.py
 * `_send_heartbeat_telemetry` adds one after each heartbeat it logs; a new process counts afresh): a
 * counter that does not go on by one across the gap says the agent did not stop beating there. Lower or equal, a new
 * process started in between (a reboot or a restart whose start lines the log does not hold); higher by more than
 * one, the agent beat and the log does not hold those lines (an excerpt). Only a counter that goes on by one, or
 * none, leaves the gap a silence of the agent (#2940's heartbeats pasted with the same hours a day earlier).
 * Only gaps over `overMinutes` are returned (their heartbeats built; the rest read as times only).
 */
export function heartbeatGaps(facts: FactIndex, overMinutes = -Infinity): HeartbeatGap[] {
  const { beats } = heartbeatSource(facts);
  const gaps: HeartbeatGap[] = [];
  const keep = (i: number, minutes: number) => {
    if (minutes > overMinutes) gaps.push({ from: beats.get(i - 1), to: beats.get(i), minutes });
  };
  if (overMinutes >= KEPT_OVER_MINUTES) for (const g of gapPass(facts).long) keep(g.i, g.minutes);
  else eachGap(facts, keep);
  return gaps;
}

/** How many heartbeat gaps there are (as `heartbeatGaps` counts them) and the longest, in minutes. */
export function longestHeartbeatGap(facts: FactIndex): { count: number; minutes: number } {
  const { count, minutes } = gapPass(facts);
  return { count, minutes };
}

/** The gaps over this many minutes are kept by the one pass (`gapPass`): agent-unresponsive asks for those over 60. */
const KEPT_OVER_MINUTES = 60;

interface GapPass {
  count: number;
  /** The longest, in minutes (0 when none). */
  minutes: number;
  /** The gaps over KEPT_OVER_MINUTES: the heartbeat that ends each (its position in the series) and its minutes. */
  long: { i: number; minutes: number }[];
}
const gapPasses = new WeakMap<FactIndex, GapPass>();

/**
 * The heartbeat gaps counted, the longest and the long ones, walked once per index: the summary and agent-unresponsive
 * both ask, and a long log has a heartbeat every 30 minutes for years (each beat's time, counter and excerpt read).
 */
function gapPass(facts: FactIndex): GapPass {
  let pass = gapPasses.get(facts);
  if (!pass) {
    const p: GapPass = { count: 0, minutes: 0, long: [] };
    eachGap(facts, (i, minutes) => {
      p.count++;
      p.minutes = Math.max(p.minutes, minutes);
      if (minutes > KEPT_OVER_MINUTES) p.long.push({ i, minutes });
    });
    gapPasses.set(facts, (pass = p));
  }
  return pass;
}

/** Calls `fn(i, minutes)` for each gap that ends at the timed heartbeat `i` of the series (see heartbeatGaps). */
function eachGap(facts: FactIndex, fn: (i: number, minutes: number) => void): void {
  const { beats, telemetry } = heartbeatSource(facts);
  // (a HeartBeat event has neither a counter nor an excerpt flag)
  const lines = telemetry ? undefined : (beats as FactSeries<'agent-heartbeat'>);
  const field = (i: number, key: 'counter' | 'excerpt'): unknown => lines?.field(i, key);
  const stops = [
    ...timed(facts.where('agent-lifecycle', (f) => STOPS.has(f.event) || STARTS.has(f.event))),
    // the system's own word (syslog/messages): a boot, a shutdown or a reboot
    ...timed(facts.of('system-event')).filter((f) => f.event === 'boot' || f.event === 'shutdown' || f.event === 'reboot'),
  ].sort((a, b) => a.timeMs - b.timeMs);
  // (each beat's time, counter and excerpt flag read once, by position: a long log has a heartbeat every 30 minutes
  // for years, and this runs for the summary and for a rule)
  const n = beats.timed;
  if (n < 2) return;
  let from = beats.time(0);
  let a = field(0, 'counter');
  let excerptA = field(0, 'excerpt') === true;
  // both lists are in time order: one pointer walks the stops (linear, however many restarts)
  let k = 0;
  for (let i = 1; i < n; i++) {
    const to = beats.time(i);
    const b = field(i, 'counter');
    const excerptB = field(i, 'excerpt') === true;
    while (k < stops.length && stops[k].timeMs < from) k++;
    // (a counter that does not go on by one: the agent did not stop beating there)
    const gap =
      !(k < stops.length && stops[k].timeMs <= to) &&
      !excerptA &&
      !excerptB &&
      (typeof a !== 'number' || typeof b !== 'number' || b === a + 1) &&
      (!telemetry || loggedWithin(facts, beats.file(i), from, to));
    if (gap) fn(i, (to - from) / 60_000);
    from = to;
    a = b;
    excerptA = excerptB;
  }
}

/**
 * Whether the log of an old agent's HeartBeat events holds a record of its own an hour or more from both beats of a gap:
 * the log went on while a beat was due. Those events carry no counter, so a gap with nothing between is as much a
 * part of the log that is not there (a rotation missing, another night's excerpt pasted before) as a silent agent.
 */
function loggedWithin(facts: FactIndex, file: string, from: number, to: number): boolean {
  return loggedBetween(facts, file, from + 60 * 60_000, to - 60 * 60_000);
}

/** Whether `file` holds a record (one this tool reads) timed within [from, to]. */
export function loggedBetween(facts: FactIndex, file: string, from: number, to: number): boolean {
  return from < to && facts.within(from, to, (f) => f.at.file === file).length > 0;
}

/** The agent's beats lie wholly apart from the failed task: which side, the beat nearest it (its position) and how far. */
export interface BeatsApart {
  /** 'before': the last timed beat is over the margin before the task's start; 'after': the first is over it after its end. */
  side: 'before' | 'after';
  i: number;
  timeMs: number;
  minutes: number;
}

/**
 * Whether the beats (either kind: heartbeatSource) stop over `marginMinutes` before the failed task's window (`taskWindow`)
 * starts, or begin over that after it ends: undefined when they reach the task (or there is no task or no timed beat).
 * The one check agent-unresponsive reads twice: to say the agent was not shown alive at the failure, and to rule it out
 * at low only.
 */
export function beatsApartFromTask(
  beats: FactSeries<'agent-heartbeat'> | FactSeries<'agent-event'>,
  win: { start: number; end: number } | null,
  marginMinutes: number,
): BeatsApart | undefined {
  if (!win || !beats.timed) return undefined;
  const last = beats.timed - 1;
  const lastAt = beats.time(last);
  const firstAt = beats.time(0);
  const margin = marginMinutes * 60_000;
  if (lastAt < win.start - margin) return { side: 'before', i: last, timeMs: lastAt, minutes: (win.start - lastAt) / 60_000 };
  if (firstAt > win.end + margin) return { side: 'after', i: 0, timeMs: firstAt, minutes: (firstAt - win.end) / 60_000 };
  return undefined;
}

/** Window around a task: from `before` minutes before its start to `after` minutes after its end. */
export function taskWindow(task: SnapshotTask | undefined, before = 60, after = 60): { from: number; to: number; start: number; end: number } | null {
  if (!task) return null;
  const startIso = task.start ?? task.requestedStart ?? task.end;
  if (!startIso) return null;
  const start = Date.parse(startIso);
  const end = task.end ? Date.parse(task.end) : start;
  if (!Number.isFinite(start)) return null;
  const e = Number.isFinite(end) ? Math.max(end, start) : start;
  return { from: start - before * 60_000, to: e + after * 60_000, start, end: e };
}

type VersionLine = { version: string; at: FactOf<'agent-version'>['at']; timeMs: number };

/**
 * The goal-state agent's version lines of the judged VM (`root`, ingest/roots.ts; every root's when undefined, and a
 * line whose root is not known counts as its): the explicit version lines and `waagent --version` run over SSH
 * (probes.json's "Goal state agent: 2.11.1.4", timed at the collection) as a list, and the heartbeats, which name the
 * running agent every 30 minutes (often the only version line left in a rotated log or an excerpt), as their series,
 * built one at a time (a long log holds tens of thousands). The one gatherer the two selections below read.
 */
function goalStateAgentLines(facts: FactIndex, root: string | undefined) {
  const ofRoot = (at: Evidence) => facts.ofRoot(at, root);
  const lines: VersionLine[] = facts.of('agent-version').filter((v) => v.role === 'goal-state-agent' && ofRoot(v.at));
  for (const p of facts.of('probe')) {
    const v = p.probe === 'waagent-version' ? p.data?.goalStateVersion : undefined;
    if (typeof v === 'string' && /^\d+(?:\.\d+)+$/.test(v) && ofRoot(p.at)) lines.push({ version: v, at: p.at, timeMs: p.timeMs });
  }
  const beats = facts.series('agent-heartbeat');
  /** The root's heartbeat nearest `i` going by `step` (-1 back, +1 on) from it, within [0, end). */
  const beat = (i: number, step: -1 | 1, end = beats.timed): VersionLine | undefined => {
    for (; i >= 0 && i < end; i += step) {
      const b = beats.get(i);
      if (ofRoot(b.at)) return b;
    }
    return undefined;
  };
  return { lines, beats, beat };
}

/** The latest goal-state agent version line of the judged VM (`root`; goalStateAgentLines). */
export function latestGoalStateAgent(facts: FactIndex, root?: string): { version: string; at: FactOf<'agent-version'>['at'] } | undefined {
  const { lines, beats, beat } = goalStateAgentLines(facts, root);
  // the latest timed one of the explicit lines and then the heartbeats (of equals, the last listed, as a
  // stable sort by time would give), else the last listed; the heartbeats are in time order, so their
  // latest timed one is the last of the series' timed ones
  let last: VersionLine | undefined;
  for (const f of lines) if (Number.isFinite(f.timeMs) && (!last || f.timeMs >= last.timeMs)) last = f;
  const lastBeat = beat(beats.timed - 1, -1);
  if (lastBeat && (!last || lastBeat.timeMs >= last.timeMs)) last = lastBeat;
  last ??= beat(beats.length - 1, -1, beats.length) ?? lines[lines.length - 1];
  return last ? { version: last.version, at: last.at } : undefined;
}

/**
 * The goal-state agent of the judged VM (`root`) that ran at `atMs` (the failed task): the latest timed version line,
 * heartbeat or `waagent --version` at or before it; else the first one after it (the nearest names the agent that ran,
 * unless it updated in between). A line written after the failure by an agent that updated itself since says nothing
 * of the failure's agent. Undefined when no such line has a time.
 */
export function goalStateAgentAt(facts: FactIndex, atMs: number, root?: string): VersionLine | undefined {
  if (!Number.isFinite(atMs)) return undefined;
  const { lines, beats, beat } = goalStateAgentLines(facts, root);
  const i = beats.after(atMs);
  return versionAt([...lines, beat(i - 1, -1), beat(i, 1)], atMs);
}

/**
 * Of an agent's version lines, the one that speaks for `atMs` (the failed task): the latest timed one at or before it
 * (of equals, the last listed), else the first one after it. Untimed lines speak for no time. Either OS's lines: the
 * Linux goal-state agent's (goalStateAgentAt) and the Windows agent's start lines.
 */
export function versionAt<T extends { timeMs: number }>(lines: Iterable<T | undefined>, atMs: number): T | undefined {
  if (!Number.isFinite(atMs)) return undefined;
  let before: T | undefined;
  let after: T | undefined;
  for (const f of lines) {
    if (!f || !Number.isFinite(f.timeMs)) continue;
    if (f.timeMs <= atMs) {
      if (!before || f.timeMs >= before.timeMs) before = f;
    } else if (!after || f.timeMs < after.timeMs) after = f;
  }
  return before ?? after;
}

/** The goal-state agent's failed launches, the daemon's exceptions and restart loops: what `restarts` counts. */
const RESTARTS = new Set<Lifecycle['event']>(['daemon-exception', 'exthandler-exit', 'restart-loop']);
/** The agent's crashes (a thread or the process dying): what `crashes` counts. */
const CRASHES = new Set<Lifecycle['event']>(['crash', 'thread-died']);

/**
 * How many lifecycle events of `events` the logs hold, each once: two rotated files that overlap, or a log collected
 * twice, hold the same line, read as two facts of one event (its kind, time and version). An untimed one counts each time.
 */
function countOnce(facts: FactIndex, events: ReadonlySet<Lifecycle['event']>): number {
  const life = facts.series('agent-lifecycle');
  const seen = new Set<string>();
  let n = 0;
  for (let i = 0; i < life.length; i++) {
    const f = life.get(i);
    if (!events.has(f.event)) continue;
    if (Number.isFinite(f.timeMs)) {
      const key = `${f.event} ${f.timeMs} ${f.version ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
    }
    n++;
  }
  return n;
}

/** A goal-state error that did not recover (made once: a FactStore keeps its answers per tuple, by the test). */
const GOAL_STATE_NOT_READ = fieldTest('goal-state-error', (f) => !f.recovered);

/** The agent's versions and health; `root`: the judged VM's (the failed task's), whose goal-state agent it reports. */
export function summarizeAgent(facts: FactIndex, root?: string): AgentSummary {
  const versions = facts.of('agent-version');
  const daemon = [...versions].reverse().find((v) => v.role === 'daemon')?.version;
  const status = [...facts.of('agent-status')].reverse().find((s) => s.agentVersion)?.agentVersion;
  // waagent_status.json reports the goal-state agent's version (`guestAgentStatus.version`)
  const gsa = latestGoalStateAgent(facts, root)?.version ?? status?.replace(/^WALinuxAgent-/, '');
  const conf = facts.last('waagent-conf');
  const gaps = longestHeartbeatGap(facts);
  const logDisabled = facts.of('extensions-disabled').some((f) => f.source !== 'on-hold');
  const autoUpdateOff = facts.of('agent-update').some((f) => f.event === 'disabled');
  return {
    daemonVersion: daemon,
    goalStateAgentVersion: gsa,
    minimumSupported: MIN_SUPPORTED_AGENT,
    supported: gsa ? compareVersions(gsa, MIN_SUPPORTED_AGENT) >= 0 : null,
    heartbeats: (() => {
      const { beats, telemetry } = heartbeatSource(facts);
      return telemetry ? beats.length : facts.count('agent-heartbeat');
    })(),
    ...(gaps.count ? { longestHeartbeatGapMinutes: Math.round(gaps.minutes) } : {}),
    // counts, not lists: a broken agent's log has ~a million goal-state errors
    restarts: countOnce(facts, RESTARTS),
    crashes: countOnce(facts, CRASHES),
    goalStateErrors: facts.countBy(GOAL_STATE_NOT_READ),
    selfUpdateFailures: facts.countWhere('agent-update', (f) => f.event === 'failed' || f.event === 'blacklisted'),
    disabled:
      facts.has('agent-disabled') ||
      facts.of('marker').some((m) => m.marker === 'disable-agent') ||
      facts.of('ovf-env').some((o) => o.provisionGuestAgent === false),
    extensionsEnabled: conf ? conf.effective.extensionsEnabled : logDisabled ? false : null,
    autoUpdate: conf ? conf.effective.autoUpdate : autoUpdateOff ? false : null,
  };
}
