import type { Evidence, Fact, FactKind } from '../../../shared';
import { detailOf, msg, type AnalysisMessage } from '../../../shared/i18n/analysis';
import { taskWindow } from '../reconstruct/agent-health';
import { byTime, cite, fieldTest, recordKey, type FactSeries } from '../facts-index';
import { agentLogIn, guestOs, hasAgentLog, notEvaluable, type Rule, type RuleContext } from '../types';
import { seriesEnd } from '../recovery';
import { noPath, reportingCall, unreachable } from '../wire-failure';

/**
 * no-network-wireserver: the VM could not reach 168.63.129.16 (WireServer :80, HostGAPlugin :32526).
 *
 * A failure counts only when it is a network failure or a 503 (analyze/wire-failure.ts). Failing
 * `wireserver`/`hostgaplugin` SSH probes count too. Near the failed task (task start −2 h … end +1 h):
 * failures and no successful goal-state fetch/processing ⇒ detected high; failures and successes, or only 503
 * answers ⇒ medium (intermittent; host side or blocked). No task known: failures after the last success ⇒ medium, otherwise low;
 * sustained (strong) only for three failed records in one run (each within 7 h of the next) or a failed curl.
 * Failures of the HostGAPlugin's vmSettings call alone (with reporting calls) are a possible cause only (FAST_TRACK).
 * Ruled out when goal states were fetched/processed around the task with no network failure there
 * (the backup command itself reaches the VM through the WireServer).
 */

/** The longest quiet between two failures of one outage: the agent repeats a failing goal state's error every 6 h. */
const RUN_GAP_MS = 7 * 3_600_000;

const onlyReporting = (f: Fact): boolean => f.kind === 'connectivity' && reportingCall(f.url ?? f.detail);

/**
 * The HostGAPlugin's vmSettings call (the Fast Track goal state): when it fails the agent
 * fetches the goal state from the WireServer instead, and its maintainers ignore such errors, timeouts too, because 'if
 * the condition persists, an error will occur elsewhere' (WALinuxAgent tests_e2e/tests/lib/agent_log.py). Failures of
 * it and of reporting calls alone show no call the backup comes by failing.
 */
const FAST_TRACK = /vmSettings/i;
const beside = (text: string): boolean => FAST_TRACK.test(text) || reportingCall(text);

/**
 * Placed in time, for ranking, by the newest failure on the channel a backup comes by (goal states, status) among the
 * last few dozen, not by a reporting call (telemetry, heartbeat) after it: one more telemetry timeout after the rest is
 * not the VM's network failing later. Nothing when the last few dozen are all reporting calls.
 */
function placedByThePath(fails: FactSeries<'connectivity' | 'goal-state-error'>): { placedAt?: number } {
  for (let k = fails.length - 1; k >= Math.max(0, fails.length - 64); k--) if (!onlyReporting(fails.get(k))) return k === fails.length - 1 ? {} : { placedAt: fails.time(k) };
  return {};
}

/**
 * How many log records (up to 3) failed in the run that ends with the newest failure: failures each within 7 h of
 * the next. An outage fails every call, and the agent logs it at least every 6 h (ga/update.py
 * `_try_update_goal_state`: the first 3 errors at once, then "Fetching the goal state is still failing" every 6 hours);
 * timeouts months apart are blips between working calls that an excerpt of a log's errors leaves out (the agent's
 * developers ignore such timeouts below a count per test run, tests_e2e/tests/lib/agent_log.py). A record, not a fact:
 * a goal-state line is both a failed call and a goal-state error. Untimed failures: all of them.
 */
function recordsInTheRun(fails: FactSeries<'connectivity' | 'goal-state-error'>): number {
  const seen = new Set<string>();
  let next = fails.time(fails.length - 1);
  for (let k = fails.length - 1; k >= 0 && seen.size < 3; k--) {
    const t = fails.time(k);
    if (Number.isFinite(next) && Number.isFinite(t)) {
      if (t < next - RUN_GAP_MS) break;
      next = t;
    }
    seen.add(recordKey(fails, k));
  }
  return seen.size;
}

/** Beyond this many goal-state errors the records are not told apart one by one (a broken agent logs a million). */
const RECORDS_TOLD_APART = 4096;

/**
 * How many log records the failures of `calls` and `errors` come from, between `from` and `to` (all of them, the
 * untimed too, without): a goal-state line is both a failed call and a goal-state error, one event counted once. Over
 * RECORDS_TOLD_APART errors, the larger of the two counts, said as "at least" (each is of distinct records).
 */
function recordCount(calls: FactSeries<'connectivity'>, errors: FactSeries<'goal-state-error'>, from = -Infinity, to = Infinity): { count: number; atLeast?: true } {
  const range = <K extends FactKind>(s: FactSeries<K>): [number, number] => (from === -Infinity && to === Infinity ? [0, s.length] : [s.atOrAfter(from), s.after(to)]);
  const [c0, c1] = range(calls);
  const [e0, e1] = range(errors);
  if (e1 - e0 > RECORDS_TOLD_APART) return { count: Math.max(c1 - c0, e1 - e0), atLeast: true };
  let untimedCalls: Set<string> | undefined;
  let same = 0;
  for (let j = e0; j < e1; j++) {
    const t = errors.time(j);
    if (Number.isFinite(t)) {
      // a call of the same record has the same time
      for (let k = calls.atOrAfter(t); k < Math.min(c1, calls.timed) && calls.time(k) === t; k++) {
        if (calls.line(k) === errors.line(j) && calls.file(k) === errors.file(j)) {
          same++;
          break;
        }
      }
    } else {
      const first = Math.max(c0, calls.timed);
      untimedCalls ??= new Set(Array.from({ length: Math.max(0, c1 - first) }, (_, n) => recordKey(calls, first + n)));
      if (untimedCalls.has(recordKey(errors, j))) same++;
    }
  }
  return { count: c1 - c0 + e1 - e0 - same };
}

const onWire = (c: { endpoint: string }): boolean => c.endpoint === 'wireserver' || c.endpoint === 'hostgaplugin';
// (tests of the facts' fields, made once: a broken agent's repeated failures are answered per distinct message)
const UNREACHABLE_CALL = fieldTest('connectivity', (c) => !c.ok && onWire(c) && unreachable(c.detail));
const UNREACHABLE_GS = fieldTest('goal-state-error', (g) => !g.recovered && unreachable(g.detail));
const NO_PATH_CALL = fieldTest('connectivity', (c) => !c.ok && onWire(c) && noPath(c.detail));
const NO_PATH_GS = fieldTest('goal-state-error', (g) => !g.recovered && noPath(g.detail));
const GS_ANSWERED = fieldTest('goal-state', (g) => g.event === 'fetched' || g.event === 'processing-completed');
const CALL_ANSWERED = fieldTest('connectivity', (c) => c.ok && onWire(c));
const CURL_FAILED = fieldTest('connectivity', (c) => !c.ok && c.note?.key === 'detail.curl-failed');
/** The unreachable failures (UNREACHABLE_CALL, UNREACHABLE_GS) whose text passes `keep`: a call's URL and detail, a goal-state error's detail. */
const unreachableBy = (keep: (text: string) => boolean) => [
  fieldTest('connectivity', (c) => !c.ok && onWire(c) && unreachable(c.detail) && keep(`${c.url ?? ''} ${c.detail}`)),
  fieldTest('goal-state-error', (g) => !g.recovered && unreachable(g.detail) && keep(g.detail)),
] as const;
/** The failures of calls a backup comes by (not the vmSettings call the agent falls back from, nor a report), and of vmSettings. */
const ON_PATH = unreachableBy((text) => !beside(text));
const FAST_TRACK_FAILS = unreachableBy((text) => FAST_TRACK.test(text));
/** `reason`, and when the failures are all on the side channels (`sideOnly`) that this makes the cause possible only. */
const sideSaid = (reason: AnalysisMessage, sideOnly: boolean): AnalysisMessage =>
  sideOnly ? msg('sentences', { parts: [reason, msg('no-network-wireserver.fast-track-only')] }) : reason;

function evaluate(ctx: RuleContext) {
  const { facts } = ctx;
  const probes = facts.of('probe').filter((p) => p.probe === 'wireserver' || p.probe === 'hostgaplugin');
  const badProbes = probes.filter((p) => p.ok === false);
  if (badProbes.length)
    return {
      verdict: 'detected' as const,
      confidence: 'high' as const,
      reason: msg('no-network-wireserver.probe-failed', { endpoints: badProbes.map((p) => p.probe), detail: detailOf(badProbes[0]) }),
      evidence: badProbes.map((p) => p.at),
    };
  // (series of positions and times: a broken agent's log has a million failures, only the cited ones are built)
  // (each kind's tests in one pass over it)
  const [failedCalls, pathCalls, onPathCalls, fastTrackCalls, curlFailed, answeredCalls] = facts.selectAll([UNREACHABLE_CALL, NO_PATH_CALL, ON_PATH[0], FAST_TRACK_FAILS[0], CURL_FAILED, CALL_ANSWERED]);
  const [failedGoalStates, pathGoalStates, onPathGoalStates, fastTrackGoalStates] = facts.selectAll([UNREACHABLE_GS, NO_PATH_GS, ON_PATH[1], FAST_TRACK_FAILS[1]]);
  const fails = byTime(failedCalls, failedGoalStates);
  // the same failures without the 503 answers: when none is left, the host may be the one failing
  const pathFails = byTime(pathCalls, pathGoalStates);
  const onPath = byTime(onPathCalls, onPathGoalStates);
  const fastTrack = byTime(fastTrackCalls, fastTrackGoalStates);
  // (all of [from, to] on the side channels, one of them vmSettings: possible only; a curl that failed is the check)
  const checked = curlFailed.length > 0;
  const fastTrackOnly = (from = -Infinity, to = Infinity) =>
    !checked && onPath.after(to) === onPath.atOrAfter(from) && fastTrack.after(to) > fastTrack.atOrAfter(from);
  const okays = byTime(
    facts.selectBy(GS_ANSWERED),
    answeredCalls,
    facts.select('probe', (p) => (p.probe === 'wireserver' || p.probe === 'hostgaplugin') && p.ok === true),
  );
  // when the failure ended, for whether the agent reached WireServer again and for hours after it (an untimed line
  // bounded by its file's next timed record: recovery.ts failureEnd)
  const recovery = () => ({ proof: 'wireserver' as const, lastFailureMs: seriesEnd(ctx, fails) });
  if (!hasAgentLog(ctx) && !probes.length)
    return notEvaluable(msg('no-network-wireserver.no-log', { os: guestOs(ctx) }));

  const task = ctx.lastFailedTask;
  const win = taskWindow(task, 120, 60);
  if (win && task) {
    // [lo, hi) of each: the ones within the window
    const lo = fails.atOrAfter(win.from);
    const hi = fails.after(win.to);
    const good = okays.after(win.to) - okays.atOrAfter(win.from);
    if (hi > lo) {
      const only503 = pathFails.after(win.to) === pathFails.atOrAfter(win.from);
      // one failure, or failures between successes, is a hiccup; repeated failures with no success are an outage
      const records = recordCount(failedCalls, failedGoalStates, win.from, win.to);
      const outage = records.count >= 3 && !good;
      const sideOnly = fastTrackOnly(win.from, win.to);
      return {
        verdict: 'detected' as const,
        confidence: good || only503 ? ('medium' as const) : ('high' as const),
        reason: sideSaid(msg('no-network-wireserver.near-task', { ...records, taskId: task.taskId, intermittent: good > 0, only503 }), sideOnly),
        evidence: cite(fails, lo, Math.min(hi, lo + 5)),
        taskId: task.taskId,
        strength: outage ? ('strong' as const) : ('weak' as const),
        spansTask: outage && fails.time(lo) <= win.start && fails.time(hi - 1) >= win.start,
        recovery: recovery(),
        ...(sideOnly ? { possibleOnly: true } : {}),
      };
    }
    if (good) {
      const first = okays.atOrAfter(win.from);
      return {
        verdict: 'ruled-out' as const,
        confidence: 'high' as const,
        reason: msg('no-network-wireserver.fine-near-task', { taskId: task.taskId, older: recordCount(failedCalls, failedGoalStates).count }),
        evidence: [okays.get(first).at, okays.get(first + good - 1).at],
        taskId: task.taskId,
      };
    }
  }
  if (fails.length) {
    const lastFail = fails.get(fails.length - 1);
    const lastOk = okays.length ? okays.get(okays.length - 1) : undefined;
    // the newest timed answer against the newest timed failure: an untimed failure (a curl in a terminal session) sorts
    // last but cannot be placed, so it never makes an answer a day before the failures a recovery from them
    const ongoing = !lastOk || (fails.timed && okays.timed ? okays.time(okays.timed - 1) < fails.time(fails.timed - 1) : lastOk.timeMs < lastFail.timeMs);
    const only503 = pathFails.length === 0;
    // (a curl from the VM to 168.63.129.16 that got no answer is the check the remedy asks for, already run: one is enough)
    const sideOnly = fastTrackOnly();
    const from = Math.max(0, fails.length - 4);
    const inTheRun = recordsInTheRun(fails);
    const records = recordCount(failedCalls, failedGoalStates);
    return {
      verdict: 'detected' as const,
      confidence: ongoing ? ('medium' as const) : ('low' as const),
      reason: sideSaid(msg('no-network-wireserver.failures', { ...records, ongoing, only503 }), sideOnly),
      evidence: [...cite(fails, from, fails.length), ...(lastOk && !ongoing ? [lastOk.at] : [])] as Evidence[],
      // placed in time by the failures, not by the answer cited to show the recovery
      evidenceTimes: Array.from({ length: fails.length - from }, (_, k) => fails.time(from + k)),
      strength: ongoing && (inTheRun >= 3 || checked) ? ('strong' as const) : ('weak' as const),
      recovery: recovery(),
      ...placedByThePath(fails),
      // one failed reporting call, or one 503 (an answer the host gives while busy: wire-failure.ts), and no task is a
      // hiccup healthy VMs log too: possible only (a goal state that got no answer is the channel the backup comes by)
      ...((records.count === 1 && !checked && (onlyReporting(lastFail) || only503)) || sideOnly ? { possibleOnly: true } : {}),
    };
  }
  if (okays.length)
    return { verdict: 'ruled-out' as const, confidence: 'medium' as const, reason: msg('no-network-wireserver.fetched'), evidence: [okays.get(okays.length - 1).at] };
  return notEvaluable(msg('no-network-wireserver.nothing', agentLogIn(ctx)));
}

export const rule: Rule = { cause: 'no-network-wireserver', evaluate };
