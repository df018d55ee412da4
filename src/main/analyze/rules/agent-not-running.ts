import type { Evidence, FactOf, RemedyKey, RemedyOrder } from '../../../shared';
import { detailOf, msg, type AgentStopEvent, type WindowsDown } from '../../../shared/i18n/analysis';
import { STARTS, taskWindow } from '../reconstruct/agent-health';
import { anyAfter, firstWhere, lastWhere } from '../facts-index';
import { agentLogIn, agentRecordTest, fileKindTest, guestOs, hasAgentLog, latestOf, notEvaluable, platformAgentView, type Rule, type RuleContext, type RuleOutcome } from '../types';
import { milestoneCount, milestoneEvidence } from '../../../shared/model/task-milestones';
import { interpreterRemedy } from '../interpreter';

type Lifecycle = FactOf<'agent-lifecycle'>;

/** The exception a .NET Runtime 1026 event names (`Exception Info: System.Configuration.ConfigurationErrorsException`). */
const EXCEPTION_INFO = /Exception Info: ([\w.]{1,200})/;
/** The lifecycle events that stop the agent (a signal, an orphan's exit, the memory limit). */
const isStop = (f: Lifecycle): f is Lifecycle & { event: AgentStopEvent } => f.event === 'stop-signal' || f.event === 'orphan' || f.event === 'memory-limit';

/**
 * agent-not-running: the guest agent was disabled, stopped, or silent when the backup needed it.
 *
 * Detected (high) when the agent is disabled (`disable_agent` marker or its log line, ovf-env
 * ProvisionGuestAgent=false) or an SSH probe found the agent service down; (high) when the agent
 * was stopped (forwarded SIGTERM, orphan or memory-limit exit) and not started again before the
 * failed task; (medium) when the agent's log has agent lines before and after the failed task's window
 * (task ±60 min) — or other logs continue inside it — but none inside it (heartbeats are every 30 min).
 * Ruled out when the agent logged heartbeats or goal states inside that window (or, with no failed
 * task, a heartbeat in the last hour of its log). Not evaluable without the agent's log or status.
 * The agent's log is waagent.log / WaAppAgent.log or the agent's records a journal or syslog relays
 * (agentRecordTest: by the file's kind and the fact's, not the file's name).
 */

const ev = (f: { at: Evidence }) => f.at;

/**
 * When the agent's service was last known down (ms): its line's time, else the time its `systemctl status` block says
 * the unit entered the state (service-state.ts `statusSince`); a wall clock of an unknown zone as the latest UTC time it
 * can be (the westmost zone is UTC−12), so that nothing before it is taken for after it. NaN when neither is known.
 */
function downAt(p: FactOf<'probe'>): number {
  if (Number.isFinite(p.timeMs)) return p.timeMs;
  const since = p.data?.sinceMs;
  if (typeof since !== 'number') return NaN;
  return p.data?.sinceZone === 'utc' ? since : since + 12 * 3_600_000;
}

const AGENT_KINDS = ['agent-heartbeat', 'goal-state', 'agent-lifecycle', 'extension-operation', 'extension-target-state'] as const;

/** Windows agent issues that leave no agent at all (not installed, cannot start). */
const WINDOWS_DOWN: ReadonlySet<string> = new Set<WindowsDown>(['install-failed', 'config-error']);
/** The step of each ("Troubleshoot Azure Windows VM Agent issues": repair WMI and install again; fix machine.config). */
const WINDOWS_DOWN_STEP: Record<WindowsDown, RemedyKey> = { 'install-failed': 'agent-install', 'config-error': 'machine-config' };

/**
 * Windows: the agent never installed or cannot start (installer and TransparentInstaller logs), or its
 * services crash or fail to start (Application/System events), with no agent activity afterwards.
 */
function windowsAgentDown(ctx: RuleContext): RuleOutcome | undefined {
  const { facts } = ctx;
  const isAgent = agentRecordTest(ctx);
  // the Windows event log's own word (Application/System exports, by the file's kind, not its name)
  const fromEventLog = fileKindTest(ctx, ['windows-event-export']);
  // SCM 7036 "entered the running state" after the stop: the service runs again (in an export without usable
  // times, a later line of the same export)
  const running = facts.of('agent-lifecycle').filter((f) => f.event === 'exthandler-start' && fromEventLog(f.at.file));
  const beats = facts.series('agent-heartbeat');
  const goalStates = facts.series('goal-state');
  const activityAfter = (t: number, at?: { file: string; line: number }) =>
    anyAfter(beats, t) ||
    facts.of('windows-agent').some((f) => f.timeMs > t && (f.event === 'start' || f.event === 'heartbeat' || f.event === 'plugin-enable')) ||
    anyAfter(goalStates, t, (i) => isAgent('goal-state', goalStates.file(i))) ||
    running.some((f) => f.timeMs > t || (!!at && f.at.file === at.file && f.at.line > at.line && !(f.timeMs < t)));
  const issues = facts.of('windows-agent-issue').filter((f) => WINDOWS_DOWN.has(f.issue) && !activityAfter(Number.isFinite(f.timeMs) ? f.timeMs : -Infinity));
  if (issues.length) {
    const last = issues[issues.length - 1];
    // a backup the Backup extension ran after the issue (both timed): only a running agent starts the extension, so
    // the agent was there by then. The issue stays, as a failure of its time (its lines' times, an untimed line of the
    // same install at the issue's): history against that later successful backup (weigh.ts), no longer the VM's state
    const lastMs = latestOf(issues.map((f) => f.timeMs));
    // (an issue none of whose lines has a time cannot be placed before any backup: no later one is known)
    const later = Number.isFinite(lastMs) ? ctx.snapshots.find((x) => Date.parse(x.start ?? '') > lastMs && milestoneCount(x) > 0) : undefined;
    const evidence = issues.slice(-4).map(ev);
    // the fix each names (the newest first): machine.config for the ConfigurationErrorsException, WMI for the MSI
    const first = [...new Set(issues.map((f) => WINDOWS_DOWN_STEP[f.issue as WindowsDown]).reverse())];
    return {
      verdict: 'detected',
      confidence: 'high',
      remedyOrder: { first },
      reason: msg('agent-not-running.windows-down', { issue: last.issue as WindowsDown, detail: last.note ?? msg('line', { text: last.detail.slice(0, 200) }), ...(later ? { backupLater: later.start! } : {}) }),
      evidence,
      ...(later ? { evidenceTimes: evidence.map((e) => (e.time ? Date.parse(e.time) : lastMs)) } : {}),
      spansTask: true,
    };
  }
  const events = facts.of('windows-event').filter((e) => (e.meaning === 'agent-crash' || e.meaning === 'agent-service-start-failed' || e.meaning === 'agent-service-stopped') && !activityAfter(Number.isFinite(e.timeMs) ? e.timeMs : -Infinity, e.at));
  // the event-log parser gives each crash event a windows-event and an agent-lifecycle fact on the same
  // line: one event, counted and cited once (win-windowsvmagent-8 said "4 events" for its two)
  const seen = new Set<string>();
  const crashes = [...events, ...facts.of('agent-lifecycle').filter((f) => f.event === 'crash' && fromEventLog(f.at.file) && !activityAfter(f.timeMs, f.at))].filter((f) => {
    const where = `${f.at.file}:${f.at.line}`;
    if (seen.has(where)) return false;
    seen.add(where);
    return true;
  });
  if (!crashes.length) return undefined;
  // one "terminated unexpectedly" (SCM 7031) happens during a normal self-update; a start-up crash or a repeat does not
  const serious = events.some((e) => e.meaning !== 'agent-service-stopped') || events.length >= 2;
  const subject = events.find((e) => e.subject)?.subject;
  // what a .NET crash raised (the newest that names it): a ConfigurationErrorsException is machine.config (Learn,
  // "Troubleshoot Azure Windows VM Agent issues": the agent stops responding upon startup)
  const exception = events.findLast((e) => e.meaning === 'agent-crash' && EXCEPTION_INFO.test(e.message))?.message.match(EXCEPTION_INFO)?.[1];
  const config = exception !== undefined && /\bConfigurationErrorsException$/.test(exception);
  return {
    verdict: 'detected',
    confidence: serious ? 'high' : 'medium',
    reason: msg('agent-not-running.windows-events', { ...(subject ? { subject } : {}), serious, count: crashes.length, ...(exception ? { exception } : {}), ...(config ? { config } : {}) }),
    // the article's fix for that exception is machine.config, not a reinstall of the agent
    ...(config ? { remedyOrder: { first: ['machine-config'] } } : {}),
    evidence: crashes.slice(-5).map(ev),
    strength: serious ? 'strong' : 'weak',
    spansTask: serious,
  };
}

/** A place in the agent's own facts: the kind (its position in AGENT_KINDS) and the position in its series. */
interface AgentMark {
  kind: number;
  i: number;
  timeMs: number;
}

/**
 * What the agent log says around a window, read from the series of the agent's kinds (a big log has a
 * heartbeat and goal states per minute: no list of them, no evidence but for the facts cited). Of equal
 * times the earlier kind in AGENT_KINDS, then the earlier fact, comes first — the order a stable sort of
 * the kinds' lists one after the other by time gives. Per kind only the window and the agent's nearest facts
 * around it are read: the kind's facts are in time order, so its last one before the window is the newest there.
 */
function agentTimes(ctx: RuleContext, win: { from: number; to: number } | null) {
  const isAgent = agentRecordTest(ctx);
  const series = AGENT_KINDS.map((k) => ctx.facts.series(k));
  let inside = 0;
  let firstInside: AgentMark | undefined;
  let lastInside: AgentMark | undefined;
  let prev: AgentMark | undefined;
  let next: AgentMark | undefined;
  let last: AgentMark | undefined;
  // (kinds in order: of equal times a later kind's mark comes after an earlier kind's)
  const later = (a: AgentMark | undefined, b: AgentMark | undefined) => (a && (!b || a.timeMs >= b.timeMs) ? a : b);
  const earlier = (a: AgentMark | undefined, b: AgentMark | undefined) => (a && (!b || a.timeMs < b.timeMs) ? a : b);
  series.forEach((s, kind) => {
    const own = (i: number) => isAgent(AGENT_KINDS[kind], s.file(i));
    const mark = (i: number): AgentMark | undefined => (i >= 0 && i < s.timed ? { kind, i, timeMs: s.time(i) } : undefined);
    last = later(mark(lastWhere(0, s.timed, own)), last);
    if (!win) return;
    // the window [from, to] is the positions [a, b)
    const a = s.atOrAfter(win.from);
    const b = Math.max(a, s.after(win.to));
    for (let i = a; i < b; i++) if (own(i)) inside++;
    firstInside = earlier(mark(firstWhere(a, b, own)), firstInside);
    lastInside = later(mark(lastWhere(a, b, own)), lastInside);
    prev = later(mark(lastWhere(0, a, own)), prev);
    next = earlier(mark(firstWhere(b, s.timed, own)), next);
  });
  const at = (m: AgentMark | undefined): Evidence | undefined => (m ? series[m.kind].get(m.i).at : undefined);
  return { inside, firstInside: at(firstInside), lastInside: at(lastInside), prev: at(prev), next: at(next), last: last && { timeMs: last.timeMs, at: at(last)! } };
}

/**
 * A disable marker (disable_agent, ProvisionGuestAgent=false) says what the agent was told; heartbeats,
 * processed goal states and extension runs after it say what it did. Provisioning flags in ovf-env.xml
 * are often stale (an image captured with them, an agent installed later), so activity overrides them.
 */
function activityAfter(ctx: RuleContext, markers: readonly Evidence[]): { count: number; last?: Evidence } {
  const since = latestOf(markers.map((m) => (m.time ? Date.parse(m.time) : NaN)));
  // (counted by position; the newest cited: the last of a stable sort by time of the heartbeats, the goal states and
  // the tasks, one after the other)
  let count = 0;
  let last: { at: () => Evidence; timeMs: number } | undefined;
  const consider = (timeMs: number, at: () => Evidence) => {
    count++;
    if (!last || timeMs >= last.timeMs) last = { at, timeMs };
  };
  const beats = ctx.facts.series('agent-heartbeat');
  for (let i = beats.after(since); i < beats.timed; i++) consider(beats.time(i), () => beats.get(i).at);
  const goalStates = ctx.facts.series('goal-state');
  for (let i = goalStates.after(since); i < goalStates.timed; i++) if (goalStates.field(i, 'event') !== 'fetched') consider(goalStates.time(i), () => goalStates.get(i).at);
  for (const t of ctx.snapshots) {
    const start = Date.parse(t.start ?? '');
    if (start > since && milestoneCount(t)) consider(start, () => milestoneEvidence(t, 0));
  }
  return { count, ...(last ? { last: last.at() } : {}) };
}

function evaluate(ctx: RuleContext): RuleOutcome {
  const { facts } = ctx;
  const disabled: Evidence[] = [
    ...facts.of('agent-disabled').map(ev),
    ...facts.of('marker').filter((m) => m.marker === 'disable-agent').map(ev),
    ...facts.of('ovf-env').filter((o) => o.provisionGuestAgent === false).map(ev),
  ];
  if (disabled.length) {
    const alive = activityAfter(ctx, disabled);
    if (alive.count < 2)
      return {
        verdict: 'detected',
        confidence: 'high',
        reason: msg('agent-not-running.disabled'),
        evidence: disabled,
        spansTask: true,
      };
    const outcome = evaluateActivity(ctx);
    const last = alive.last!.time;
    const note = msg('agent-not-running.disabled-but-ran', { file: disabled[0].file, text: disabled[0].text.trim().slice(0, 120), count: alive.count, ...(last ? { last } : {}) });
    return { ...outcome, reason: msg('sentences', { parts: [outcome.reason, note] }), evidence: [...outcome.evidence, disabled[0], alive.last!] };
  }
  return evaluateActivity(ctx);
}

/**
 * What the service's lines say stops it, as the steps that fix it: a start that runs an interpreter the VM lacks (no
 * restart starts it), waagent.conf missing or unreadable, a unit that is disabled and was never started (it does not
 * start at boot: WALinuxAgent #2646).
 */
function serviceSteps(probe: readonly FactOf<'probe'>[], interpreter: RemedyOrder | undefined): RemedyOrder | undefined {
  const first: RemedyKey[] = [...(interpreter?.first ?? [])];
  if (probe.some((p) => !p.ok && p.note?.key === 'detail.conf-missing')) first.push('agent-config');
  // (disabled and inactive: nothing started it; a disabled unit that failed was started and crashed, which enabling does not fix)
  if (probe.some((p) => !p.ok && p.note?.key === 'detail.service-status' && p.note.params.disabled === true && p.note.params.state === 'inactive')) first.push('agent-enable');
  return first.length ? { ...interpreter, first } : undefined;
}

function evaluateActivity(ctx: RuleContext): RuleOutcome {
  const { facts } = ctx;
  const probe = facts.of('probe').filter((p) => p.probe === 'agent-service');
  const down = probe.filter((p) => p.ok === false);
  if (down.length) {
    // a backup the Backup extension ran after the service was last seen down (each state timed): only a running agent
    // starts the extension, so the agent ran again by then; the state stays, timed, for weigh.ts to set against it
    const times = down.map(downAt);
    const lastMs = latestOf(times);
    const later = times.every(Number.isFinite) ? ctx.snapshots.find((x) => Date.parse(x.start ?? '') > lastMs && milestoneCount(x) > 0) : undefined;
    const steps = serviceSteps(probe, interpreterRemedy(facts));
    return {
      verdict: 'detected' as const,
      confidence: 'high' as const,
      reason: msg('agent-not-running.service-down', { detail: detailOf(down[down.length - 1]), ...(later ? { backupLater: later.start! } : {}) }),
      evidence: down.map(ev),
      ...(times.some(Number.isFinite) ? { evidenceTimes: times } : {}),
      spansTask: true,
      ...(steps ? { remedyOrder: steps } : {}),
    };
  }

  const windows = windowsAgentDown(ctx);
  if (windows) return windows;
  const hasLog = hasAgentLog(ctx);
  if (!hasLog && !facts.has('agent-status'))
    return notEvaluable(msg('agent-not-running.no-log', { os: guestOs(ctx) }));

  const task = ctx.lastFailedTask;
  const win = taskWindow(task);
  const lifecycle = facts.of('agent-lifecycle').filter((f) => Number.isFinite(f.timeMs));
  if (win && task) {
    // stopped before the task and not started again before it
    const before = lifecycle.filter((f) => f.timeMs <= win.start);
    const lastStop = [...before].reverse().find(isStop);
    if (lastStop) {
      const restarted = before.some((f) => STARTS.has(f.event) && f.timeMs > lastStop.timeMs);
      if (!restarted)
        return {
          verdict: 'detected' as const,
          confidence: 'high' as const,
          reason: msg('agent-not-running.stopped-before-task', { event: lastStop.event, ...(lastStop.detail ? { detail: detailOf(lastStop) } : {}), taskId: task.taskId }),
          evidence: [lastStop.at],
          taskId: task.taskId,
          spansTask: true,
          recovery: { proof: 'heartbeat', lastFailureMs: lastStop.timeMs },
        };
    }
    const times = agentTimes(ctx, win);
    if (times.inside)
      return {
        verdict: 'ruled-out' as const,
        confidence: 'high' as const,
        reason: msg('agent-not-running.active-near-task', { count: times.inside, taskId: task.taskId }),
        evidence: [times.firstInside!, times.lastInside!],
        taskId: task.taskId,
      };
    const { prev, next } = times;
    const isAgent = agentRecordTest(ctx);
    // the agent's records only on a serial console: from 2.2.53 the agent writes there only until provisioning ends
    // (`End of log to /dev/console`), so its silence after them while other logs go on says nothing
    const consoleOnly = !ctx.hasFileKind('waagent-log') && ctx.files.every((f) => !f.relaysAgentLog || f.kind === 'serial-console');
    const othersInside = prev && !next && !consoleOnly ? ctx.facts.within(win.from, win.to, (f) => !isAgent(f.kind, ctx.facts.fileOf(f))) : [];
    if (prev && (next || othersInside.length))
      return {
        verdict: 'detected' as const,
        confidence: 'medium' as const,
        reason: msg('agent-not-running.silent-near-task', { ...agentLogIn(ctx), taskId: task.taskId, loggedAgain: !!next }),
        evidence: [prev, ...(next ? [next] : othersInside.slice(0, 2).map((f) => f.at))],
        taskId: task.taskId,
        spansTask: true,
        // the silence is the failure: the agent's first line after the task's start ends it
        recovery: { proof: 'heartbeat', lastFailureMs: win.start },
      };
    return notEvaluable(msg('agent-not-running.not-covered', { ...agentLogIn(ctx), taskId: task.taskId }));
  }
  const beats = facts.series('agent-heartbeat');
  const times = agentTimes(ctx, null);
  const lastAny = times.last;
  const lastBeat = beats.timed ? beats.get(beats.timed - 1) : undefined;
  const lastLife = lifecycle[lifecycle.length - 1];
  // a stop that never completed (the Windows agent stuck in Stopping) is a hang, judged by agent-unresponsive
  const stuck = (t: number) => facts.of('windows-agent-issue').some((f) => f.issue === 'stuck-stopping' && !(f.timeMs < t));
  if (lastLife && isStop(lastLife) && !(lastBeat && lastBeat.timeMs > lastLife.timeMs) && !stuck(lastLife.timeMs))
    return { verdict: 'detected' as const, confidence: 'medium' as const, reason: msg('agent-not-running.stopped-at-end', { event: lastLife.event, ...(lastLife.detail ? { detail: detailOf(lastLife) } : {}) }), evidence: [lastLife.at] };
  if (lastBeat && lastAny && lastAny.timeMs - lastBeat.timeMs <= 60 * 60_000)
    return { verdict: 'ruled-out' as const, confidence: 'medium' as const, reason: msg('agent-not-running.heartbeats-to-end'), evidence: [lastBeat.at] };
  if (lastAny)
    return { verdict: 'ruled-out' as const, confidence: 'low' as const, reason: msg('agent-not-running.activity'), evidence: [lastAny.at] };
  const status = facts.last('agent-status') as FactOf<'agent-status'> | undefined;
  // the platform's Not Ready (the instance view): its own words, unless the VM did not run then, which explains it
  const platform = platformAgentView(ctx);
  if (platform.notReady && status && platform.notReady.at.file === status.at.file && platform.notReady.at.line === status.at.line) {
    if (platform.stopped) return notEvaluable(msg('agent.vm-not-running', { display: platform.stopped.display ?? platform.stopped.state }));
    return {
      verdict: 'detected' as const,
      confidence: 'low' as const,
      reason: msg('agent.platform-not-ready', status.message ? { message: status.message } : {}),
      evidence: [status.at],
      strength: 'weak' as const,
    };
  }
  if (status?.status)
    return {
      verdict: status.status === 'Ready' ? ('ruled-out' as const) : ('detected' as const),
      confidence: 'low' as const,
      reason: msg('agent-not-running.status', { status: status.status }),
      evidence: [status.at],
    };
  return notEvaluable(msg('agent-not-running.no-activity', agentLogIn(ctx)));
}

export const rule: Rule = { cause: 'agent-not-running', evaluate };
