import { knownBadBySignature, type Evidence, type RemedyKey } from '../../../shared';
import { detailOf, msg, type AnalysisMessage, type WindowsHang } from '../../../shared/i18n/analysis';
import { beatsApartFromTask, heartbeatGaps, heartbeatSource, loggedBetween, taskWindow, withLaunchCopies } from '../reconstruct/agent-health';
import { fieldTest, PositionBits, type FactSeries } from '../facts-index';
import { failureEnd } from '../recovery';
import { interpreterRemedy } from '../interpreter';
import { agentLogIn, guestOs, hasAgentLog, notEvaluable, platformAgentView, type Rule, type RuleContext } from '../types';
import { channelFailure } from '../wire-failure';

/**
 * agent-unresponsive: the agent process lived but did not do its work.
 *
 * Signals (docs/causes.md#agent-unresponsive): a heartbeat gap over 60 minutes (they are every 30)
 * that does not span a clean stop/start; `restarted more than N times` (the daemon gave up on the
 * ExtHandler) or three or more ExtHandler exits / daemon exceptions; `thread died`; a fetched goal
 * state that was never processed within 30 minutes although the agent kept logging.
 * Confidence: high when a gap or restart loop overlaps the failed task's window (±60 min) or no task
 * is known and there is a restart loop; medium otherwise; low for a single dead thread.
 * The VM running out of memory (system-wide OOM kills) around the failed task: low, medium from three kills.
 * Ruled out when heartbeats exist with no gap over 60 minutes and none of the above.
 */

const GAP_MINUTES = 60;
/** The lifecycle events this rule weighs. */
/** The step of a Windows agent's hang that has one of its own (waiting for OOBE has none: it ends by itself). */
const HANG_STEP: Partial<Record<string, RemedyKey>> = { 'stuck-stopping': 'agent-stuck-stopping', 'bad-image-format': 'enable64bit' };
const LIFE_EVENTS = new Set(['restart-loop', 'exthandler-exit', 'daemon-exception', 'orphan-wait', 'not-terminated-cleanly', 'crash', 'thread-died', 'unkillable']);
const overlaps = (a: number, b: number, w: { from: number; to: number } | null) => !!w && a <= w.to && b >= w.from;
// (tests of the facts' fields, made once: FactIndex.selectBy answers a broken agent's repeated errors per distinct message)
const AGENT_GS_ERROR = fieldTest('goal-state-error', (f) => !f.recovered && !channelFailure(f.detail));

/** The longest run of `stops` (in time order) with no goal state processed between one and the next; untimed ones never break a run. */
function longestRunWithoutWork<T extends { timeMs: number }>(stops: readonly T[], goalStates: FactSeries<'goal-state'>): T[] {
  const worked = (a: number, b: number) => {
    if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
    for (let i = goalStates.after(a); i < goalStates.timed && goalStates.time(i) < b; i++) if (goalStates.field(i, 'event') === 'processing-completed') return true;
    return false;
  };
  let best: T[] = [];
  let run: T[] = [];
  for (const s of stops) {
    if (run.length && worked(run[run.length - 1].timeMs, s.timeMs)) run = [];
    run.push(s);
    if (run.length > best.length) best = run;
  }
  return best;
}

/**
 * The events without a repeat of one already kept at the same instant (the same event and detail, the same finite time):
 * a record read twice, as a log pasted twice into one file holds it. One process cannot stop, crash or exit twice
 * within one time stamp, so a repeat is the same event, and counting it would make one crash look like a crash loop.
 */
function oncePerInstant<T extends { event: string; timeMs: number; detail?: unknown }>(events: readonly T[]): T[] {
  const seen = new Set<string>();
  return events.filter((f) => {
    if (!Number.isFinite(f.timeMs)) return true;
    const key = `${f.event}\u0000${f.timeMs}\u0000${String(f.detail ?? '')}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function evaluate(ctx: RuleContext) {
  const { facts } = ctx;
  const task = ctx.lastFailedTask;
  const win = taskWindow(task);
  const evidence: Evidence[] = [];
  const reasons: AnalysisMessage[] = [];
  let score = 0; // 3 high, 2 medium, 1 low
  let spans = false; // a gap or a stuck goal state held through the failed task

  // an agent before 2.2.47 logs HeartBeat events of its monitor thread instead of [HEARTBEAT] lines: its process beat,
  // which does not show its goal-state loop handling extensions, so their silence weighs medium at most
  const { beats: beatsRead, telemetry } = heartbeatSource(facts);
  const beatCap = telemetry ? 2 : 3;
  const gaps = heartbeatGaps(facts, GAP_MINUTES);
  if (gaps.length) {
    const hit = gaps.find((g) => overlaps(g.from.timeMs, g.to.timeMs, win));
    const worst = hit ?? gaps.reduce((a, b) => (b.minutes > a.minutes ? b : a));
    if (hit && win && hit.from.timeMs <= win.start && hit.to.timeMs >= win.start) spans = true;
    evidence.push(worst.from.at, worst.to.at);
    reasons.push(msg('agent-unresponsive.part.gap', { minutes: Math.round(worst.minutes), ...(hit ? { taskId: String(task?.taskId) } : {}), ...(telemetry ? { telemetry } : {}) }));
    score = Math.max(score, Math.min(beatCap, hit || !win ? 3 : 2));
  }
  // only the events read below (a kind's whole list would be built for the filters)
  const life = withLaunchCopies(facts, oncePerInstant(facts.where('agent-lifecycle', (f) => LIFE_EVENTS.has(f.event))));
  const loops = life.filter((f) => f.event === 'restart-loop');
  const exits = life.filter((f) => f.event === 'exthandler-exit' || f.event === 'daemon-exception');
  if (loops.length) {
    evidence.push(...loops.slice(-3).map((f) => f.at));
    const last = loops[loops.length - 1];
    reasons.push(msg('agent-unresponsive.part.restart-loop', last.detail !== undefined ? { detail: detailOf(last) } : {}));
    score = Math.max(score, !win || loops.some((f) => overlaps(f.timeMs, f.timeMs, win)) ? 3 : 2);
  } else if (exits.length >= 3) {
    evidence.push(...exits.slice(-3).map((f) => f.at));
    reasons.push(msg('agent-unresponsive.part.exits', { count: exits.length }));
    score = Math.max(score, 2);
  }
  // 2.2.x daemons that wait on an "orphan" ExtHandler forever never start a new one: the agent hangs
  const orphanWaits = life.filter((f) => f.event === 'orphan-wait');
  if (orphanWaits.length >= 3) {
    const span = orphanWaits[orphanWaits.length - 1].timeMs - orphanWaits[0].timeMs;
    evidence.push(orphanWaits[0].at, orphanWaits[orphanWaits.length - 1].at);
    reasons.push(msg('agent-unresponsive.part.orphan-wait', { count: orphanWaits.length, ...(Number.isFinite(span) && span >= 60_000 ? { minutes: Math.round(span / 60_000) } : {}) }));
    score = Math.max(score, 3);
    if (win && orphanWaits[0].timeMs <= win.start && orphanWaits[orphanWaits.length - 1].timeMs >= win.start) spans = true;
  }
  // systemd could not end the agent: its processes outlived SIGKILL, stuck in the kernel (#2674); whatever they were doing,
  // the agent did no more work until the VM restarted
  const unkillable = life.filter((f) => f.event === 'unkillable');
  if (unkillable.length) {
    evidence.push(...unkillable.slice(-2).map((f) => f.at));
    reasons.push(msg('agent-unresponsive.part.unkillable'));
    score = Math.max(score, !win || unkillable.some((f) => overlaps(f.timeMs, f.timeMs, win)) ? 2 : 1);
  }
  // an agent that crashes on every pass: "did not terminate cleanly" after "failed with exception"
  // (not the crashes the Windows event log records: a service that dies at start is not running, which
  // agent-not-running says; one crash there is two events, Application Error 1000 and .NET Runtime 1026)
  const windowsEventAt = new Set(facts.of('windows-event').map((e) => `${e.at.file}:${e.at.line}`));
  const uncleanAll = life.filter((f) => f.event === 'not-terminated-cleanly' || (f.event === 'crash' && !windowsEventAt.has(`${f.at.file}:${f.at.line}`)));
  // the longest run of them with no goal state processed in between: an agent that worked between two unclean
  // stops (one at each reboot, a day apart: #947's journal) did not crash on every pass
  const unclean = longestRunWithoutWork(uncleanAll, facts.series('goal-state'));
  if (!loops.length && exits.length < 3 && unclean.length >= 2) {
    evidence.push(...unclean.slice(-3).map((f) => f.at));
    reasons.push(msg('agent-unresponsive.part.unclean', { count: unclean.length }));
    score = Math.max(score, 2);
  }
  // one crash the daemon answered by relaunching (2.2.x: the ExtHandler's "failed with exception" exits with 1, the
  // daemon logs "failed with return code: 1" and runs it again, ga/update.py run_latest): that pass processed no
  // extension, but once is a symptom; what it failed on (#589's unavailable host plugin) crashes every pass while it
  // lasts (#626, #632 logged it over and over), which the counts above say
  // (the excerpt may hold the crash only as the next process's "did not terminate cleanly" after the daemon's return
  // code: #761's 2.2.12, the exit first, the relaunch, then that note)
  else if (!loops.length && exits.length > 0 && exits.length < 3 && unclean.length === 1 && (unclean[0].event === 'crash' || unclean[0].event === 'not-terminated-cleanly')) {
    evidence.push(unclean[0].at, exits[exits.length - 1].at);
    reasons.push(msg('agent-unresponsive.part.one-crash'));
    score = Math.max(score, 1);
  }
  // the extension handler's own last words, agent.py main()'s `Failed to run 'run-exthandlers': …` (#1035, 2.2.21 on a
  // full events folder), or its run loop's "Agent … failed with exception" (UpdateHandler.run exits with 1 right after
  // it in every release: #1597's 2.2.41, #398's 2.1.6.1): that process ended and ran no extension until the daemon
  // started another; once is still a symptom
  else if (!loops.length && exits.length === 0 && unclean.length === 1 && (unclean[0].note?.key === 'detail.command-failed' || unclean[0].event === 'crash')) {
    evidence.push(unclean[0].at);
    reasons.push(msg(unclean[0].note?.key === 'detail.command-failed' ? 'agent-unresponsive.part.handler-died' : 'agent-unresponsive.part.run-loop-died'));
    score = Math.max(score, 1);
  }
  // one launch of the goal-state agent that failed with an exception (ga/update.py run_latest: the daemon could not
  // start it at all, marks it failed and goes round again; openlogic #116's RPM 2.3.1.1 calls an undefined
  // get_python_cmd on every pass): that pass ran no extension; once is a symptom, as one crash is (a goal state
  // processed after it shows the agent working again: the engine's recovery, recovery.ts)
  else if (!loops.length && exits.length > 0 && exits.length < 3 && unclean.length === 0) {
    const launch = exits.find((f) => f.event === 'exthandler-exit' && f.exitCode === undefined);
    if (launch) {
      evidence.push(launch.at);
      // (a missing or unexecutable program fails every launch alike: not a one-off)
      reasons.push(launch.note?.key === 'detail.launch-unrunnable' ? msg('agent-unresponsive.part.launch-unrunnable', { detail: launch.note }) : msg('agent-unresponsive.part.launch-failed'));
      score = Math.max(score, 1);
    }
  }
  // the goal state could not be read again and again and never recovered
  // (series: positions and times; a broken agent's log has hundreds of thousands of these errors)
  // (the WireServer channel failing is the network's evidence, not the agent's: #797's 503s logged on two nights)
  const gsErrors = facts.selectBy(AGENT_GS_ERROR);
  let lastRecovered = -Infinity;
  const allErrors = facts.series('goal-state-error');
  for (let i = 0; i < allErrors.length; i++) if (allErrors.field(i, 'recovered')) lastRecovered = Math.max(lastRecovered, allErrors.time(i));
  // the errors not before the last recovery (the untimed ones too): a suffix of the series (all of it when
  // an untimed recovery made the time NaN, which no time is before)
  const stuckFrom = Number.isNaN(lastRecovered) ? 0 : gsErrors.atOrAfter(lastRecovered);
  const stuckCount = gsErrors.length - stuckFrom;
  const goalStates = facts.series('goal-state');
  const processedAfter = (t: number) => {
    if (Number.isFinite(t)) for (let i = goalStates.after(t); i < goalStates.timed; i++) if (goalStates.field(i, 'event') === 'processing-completed') return true;
    return false;
  };
  // goal-state errors that are all the sign of a known-bad agent release (2.2.19's "GoalState.N.xml is missing"):
  // agent-outdated names the release and its fix; here they only say the agent could not read its goal state, so
  // they rank after it (waagent-945 a night later: 4 such errors put this first, 2 did not detect it at all)
  let releaseSign = false;
  if (stuckCount >= 3 && !processedAfter(gsErrors.time(stuckFrom))) {
    const lastStuck = gsErrors.get(gsErrors.length - 1);
    releaseSign = true;
    for (let i = stuckFrom; i < gsErrors.length && releaseSign; i++) releaseSign = knownBadBySignature(gsErrors.get(i).detail).length > 0;
    evidence.push(gsErrors.get(stuckFrom).at, lastStuck.at);
    reasons.push(msg('agent-unresponsive.part.goal-state-errors', { count: stuckCount, detail: lastStuck.detail.slice(0, 120) }));
    score = Math.max(score, 2);
  }
  // the beats (either kind) end over an hour before the failed task, the log goes on after that hour, and no goal state
  // was processed after the last: nothing shows the agent alive at the failure (a log that ends with its beats, or
  // begins after the task, does not cover it: that says nothing of the agent, and rules it out at low only)
  const apart = beatsApartFromTask(beatsRead, win, GAP_MINUTES);
  const apartAt = apart && { at: new Date(apart.timeMs).toISOString(), minutes: Math.round(apart.minutes) };
  if (task && apart?.side === 'before' && !processedAfter(apart.timeMs) && loggedBetween(facts, beatsRead.file(apart.i), apart.timeMs + GAP_MINUTES * 60_000, Infinity)) {
    evidence.push(beatsRead.get(apart.i).at);
    reasons.push(msg('agent-unresponsive.part.beats-stop', { ...apartAt!, taskId: String(task.taskId), ...(telemetry ? { telemetry } : {}) }));
    score = Math.max(score, 1);
  }
  const died = life.filter((f) => f.event === 'thread-died');
  if (died.length) {
    evidence.push(...died.slice(-2).map((f) => f.at));
    reasons.push(msg('agent-unresponsive.part.thread-died', { count: died.length }));
    score = Math.max(score, 1);
  }
  // goal states fetched but never processed while the agent kept logging (the timed goal states: the series' head)
  const gsTimed = goalStates.timed;
  // "kept logging": the last goal-state line or heartbeat after the fetch
  const beats = facts.series('agent-heartbeat');
  const last = Math.max(gsTimed ? goalStates.time(gsTimed - 1) : -Infinity, beats.timed ? beats.time(beats.timed - 1) : -Infinity);
  // any processing counts, whatever its id: with FastTrack the WireServer incarnation and the
  // processed extensions goal state (etag_…) have different ids
  // (linear: processing times are a series, the latest processing per id in a map)
  // (each goal state's event read once: the fetches, a bit each, are walked again below)
  const fetches = new PositionBits(gsTimed);
  for (let i = 0; i < gsTimed; i++) if (goalStates.field(i, 'event') === 'fetched') fetches.add(i);
  // whether a timed goal state other than a fetch lies within [from, to], asked with `from` never going back (the fetches
  // in time order): a cursor to the first such one at or after `from`, which only moves ahead
  let next = 0;
  const processedWithin = (from: number, to: number) => {
    while (next < gsTimed && (fetches.has(next) || goalStates.time(next) < from)) next++;
    return next < gsTimed && goalStates.time(next) <= to;
  };
  // the latest processing per id, made for the first fetch not processed within its window (a healthy agent's every
  // fetch is: an INFO-heavy log's 140,000 processed ids were read and kept for none)
  let lastProcessedById: Map<string, number> | undefined;
  const lastProcessed = (id: string): number => {
    if (!lastProcessedById) {
      const byId = (lastProcessedById = new Map<string, number>());
      for (let i = 0; i < gsTimed; i++) {
        if (fetches.has(i)) continue;
        const pid = goalStates.field(i, 'id');
        if (pid) byId.set(pid, Math.max(byId.get(pid) ?? -Infinity, goalStates.time(i)));
      }
    }
    return lastProcessedById.get(id) ?? -Infinity;
  };
  // the agent handling extensions within the window is work on the goal state it fetched ("Target handler state:
  // enabled [incarnation 392]", "Enable extension [main/handle.sh enable]"), whatever completion line it writes after
  const handled = [facts.series('extension-target-state'), facts.series('extension-operation')];
  const handledWithin = (from: number, to: number) => handled.some((x) => x.atOrAfter(from) < x.after(to));
  // the stuck fetches: counted, the last two cited, whether one fell in the task's window
  let stuckFetches = 0;
  let stuckInWindow = false;
  const lastStuck: number[] = [];
  for (let i = fetches.nextSet(0, gsTimed); i < gsTimed; i = fetches.nextSet(i + 1, gsTimed)) {
    const t = goalStates.time(i);
    // (the id read only for a fetch not processed within its window: nearly every fetch of a healthy agent is; asking
    // `processedWithin` for a fetch without an id moves its cursor no further than the next fetch's window would)
    if (!(t + 30 * 60_000 < last) || processedWithin(t - 60_000, t + 30 * 60_000)) continue;
    const id = goalStates.field(i, 'id');
    if (!id || lastProcessed(id) >= t - 60_000 || handledWithin(t, t + 30 * 60_000)) continue;
    stuckFetches++;
    stuckInWindow ||= overlaps(t, t, win);
    lastStuck.push(i);
    if (lastStuck.length > 2) lastStuck.shift();
  }
  if (stuckFetches) {
    evidence.push(...lastStuck.map((i) => goalStates.get(i).at));
    reasons.push(msg('agent-unresponsive.part.unprocessed', { id: String(goalStates.get(lastStuck[lastStuck.length - 1]).id) }));
    score = Math.max(score, stuckInWindow ? 3 : 2);
  }
  // the whole VM out of memory (not a cgroup's own limit, not the agent's log collector): the kernel kills
  // processes, the agent or the extension among them, and whatever survives stalls
  const oom = facts.of('system-event').filter((f) => f.event === 'oom-kill' && f.scope === 'system' && !f.logCollector);
  const oomNear = win ? oom.filter((f) => overlaps(f.timeMs, f.timeMs, win)) : oom;
  if (oomNear.length) {
    evidence.push(...oomNear.slice(-3).map((f) => f.at));
    const victims = [...new Set(oomNear.map((f) => f.victim).filter((v): v is string => !!v))].slice(0, 5).join(', ');
    reasons.push(msg('agent-unresponsive.part.oom', { count: oomNear.length, victims, ...(win && task ? { taskId: String(task.taskId) } : {}) }));
    score = Math.max(score, win && oomNear.length >= 3 ? 2 : 1);
  }
  // Windows: the agent stuck in Stopping, waiting for OOBE, or its plugin host unable to load (BadImageFormat: Enable64Bit)
  const winIssues = facts.of('windows-agent-issue').filter((f) => f.issue === 'stuck-stopping' || f.issue === 'bad-image-format' || f.issue === 'oobe-wait');
  if (winIssues.length) {
    evidence.push(...winIssues.slice(-3).map((f) => f.at));
    reasons.push(msg('agent-unresponsive.part.windows', { issue: winIssues[winIssues.length - 1].issue as WindowsHang }));
    score = 3;
    spans = true;
  }
  // an agent alive but not working is shown working again by a goal state processed, not by its heartbeat (an
  // orphaned ExtHandler, a stuck goal state: the heartbeat goes on)
  // (every gap's end, not only the cited one's: a later, shorter gap is the agent still failing; an untimed line
  // bounded by its file's next timed record: recovery.ts failureEnd)
  if (score > 0) {
    let lastTimed = gaps.length ? gaps[gaps.length - 1].to.timeMs : -Infinity;
    for (const e of evidence) if (e.time) lastTimed = Math.max(lastTimed, Date.parse(e.time));
    const lastFailureMs = failureEnd(ctx, lastTimed, evidence.filter((e) => !e.time));
    const interpreter = interpreterRemedy(facts);
    // the steps the signs name ("Troubleshoot Azure Windows VM Agent issues" for the Windows agent's): the newest sign first
    const first = [...(interpreter?.first ?? []), ...new Set(winIssues.map((f) => HANG_STEP[f.issue]).filter((k): k is RemedyKey => !!k).reverse()), ...(oomNear.length ? (['memory'] as const) : [])];
    return {
      verdict: 'detected' as const,
      confidence: score === 3 ? ('high' as const) : score === 2 ? ('medium' as const) : ('low' as const),
      reason: msg('agent-unresponsive.detected', { parts: reasons }),
      evidence,
      strength: score === 1 || (releaseSign && reasons.length === 1) ? ('weak' as const) : ('strong' as const),
      spansTask: spans,
      ...(task && win ? { taskId: task.taskId } : {}),
      recovery: { proof: 'goal-state' as const, lastFailureMs },
      ...(first.length ? { remedyOrder: { ...interpreter, first } } : {}),
    };
  }
  if (beats.length >= 2)
    return {
      verdict: 'ruled-out' as const,
      // (beats days away from the failed task say nothing of the agent when it failed)
      confidence: apart ? ('low' as const) : ('high' as const),
      reason:
        apart && task
          ? msg('agent-unresponsive.heartbeats-apart', { count: beats.length, ...apartAt!, after: apart.side === 'after', taskId: String(task.taskId) })
          : msg('agent-unresponsive.heartbeats', { count: beats.length, gapMinutes: GAP_MINUTES }),
      evidence: [beats.get(0).at, beats.get(beats.length - 1).at],
    };
  // (an old agent's HeartBeat events: medium when they go on through the failed task, low when they end before it)
  if (telemetry && beatsRead.length >= 2)
    return {
      verdict: 'ruled-out' as const,
      confidence: apart ? ('low' as const) : ('medium' as const),
      reason: msg('agent-unresponsive.telemetry-heartbeats', { count: beatsRead.length, gapMinutes: GAP_MINUTES }),
      evidence: [beatsRead.get(0).at, beatsRead.get(beatsRead.length - 1).at],
    };
  if (!hasAgentLog(ctx)) {
    // the platform's Not Ready is the portal's check the message below asks for: the agent may be hung (or stopped, or
    // cut off: agent-not-running and the network weigh the same words), unless the VM did not run then
    const platform = platformAgentView(ctx);
    if (platform.notReady && !platform.stopped)
      return {
        verdict: 'detected' as const,
        confidence: 'low' as const,
        reason: msg('agent.platform-not-ready', platform.notReady.message ? { message: platform.notReady.message } : {}),
        evidence: [platform.notReady.at],
        strength: 'weak' as const,
      };
    return notEvaluable(msg('agent-unresponsive.no-log', { os: guestOs(ctx) }));
  }
  return notEvaluable(msg('agent-unresponsive.no-heartbeats', { ...agentLogIn(ctx), ...(beatsRead.length === 1 ? { one: true } : {}) }), 'low');
}

export const rule: Rule = { cause: 'agent-unresponsive', evaluate };
