import type { Evidence } from '../../../shared';
import { anyTimeWithin } from '../facts-index';
import { heartbeatGaps, taskWindow } from '../reconstruct/agent-health';
import { agentLogTerms, hasAgentLog, isWindows, notEvaluable, type Rule, type RuleContext } from '../types';

/**
 * agent-unresponsive: the agent process lived but did not do its work.
 *
 * Signals (docs/causes.md#agent-unresponsive): a heartbeat gap over 60 minutes (they are every 30)
 * that does not span a clean stop/start; `restarted more than N times` (the daemon gave up on the
 * ExtHandler) or three or more ExtHandler exits / daemon exceptions; `thread died`; a fetched goal
 * state that was never processed within 30 minutes although the agent kept logging.
 * Confidence: high when a gap or restart loop overlaps the failed task's window (±60 min) or no task
 * is known and there is a restart loop; medium otherwise; low for a single dead thread.
 * Ruled out when heartbeats exist with no gap over 60 minutes and none of the above.
 */

const GAP_MINUTES = 60;
const overlaps = (a: number, b: number, w: { from: number; to: number } | null) => !!w && a <= w.to && b >= w.from;

function evaluate(ctx: RuleContext) {
  const { facts } = ctx;
  const task = ctx.lastFailedTask;
  const win = taskWindow(task);
  const evidence: Evidence[] = [];
  const reasons: string[] = [];
  let score = 0; // 3 high, 2 medium, 1 low
  let spans = false; // a gap or a stuck goal state held through the failed task

  const gaps = heartbeatGaps(facts).filter((g) => g.minutes > GAP_MINUTES);
  if (gaps.length) {
    const hit = gaps.find((g) => overlaps(g.from.timeMs, g.to.timeMs, win));
    const worst = hit ?? gaps.reduce((a, b) => (b.minutes > a.minutes ? b : a));
    if (hit && win && hit.from.timeMs <= win.start && hit.to.timeMs >= win.start) spans = true;
    evidence.push(worst.from.at, worst.to.at);
    reasons.push(`no agent heartbeat for ${Math.round(worst.minutes)} minutes${hit ? ` around the failed task ${task?.taskId}` : ''} while the agent was not stopped`);
    score = Math.max(score, hit || !win ? 3 : 2);
  }
  const life = facts.of('agent-lifecycle');
  const loops = life.filter((f) => f.event === 'restart-loop');
  const exits = life.filter((f) => f.event === 'exthandler-exit' || f.event === 'daemon-exception');
  if (loops.length) {
    evidence.push(...loops.slice(-3).map((f) => f.at));
    reasons.push(`the daemon reported a restart loop (${loops[loops.length - 1].detail ?? 'restarted too often'})`);
    score = Math.max(score, !win || loops.some((f) => overlaps(f.timeMs, f.timeMs, win)) ? 3 : 2);
  } else if (exits.length >= 3) {
    evidence.push(...exits.slice(-3).map((f) => f.at));
    reasons.push(`the ExtHandler exited or the daemon failed ${exits.length} times`);
    score = Math.max(score, 2);
  }
  // 2.2.x daemons that wait on an "orphan" ExtHandler forever never start a new one: the agent hangs
  const orphanWaits = life.filter((f) => f.event === 'orphan-wait');
  if (orphanWaits.length >= 3) {
    const span = orphanWaits[orphanWaits.length - 1].timeMs - orphanWaits[0].timeMs;
    evidence.push(orphanWaits[0].at, orphanWaits[orphanWaits.length - 1].at);
    reasons.push(`the daemon waited for an orphaned agent process to terminate ${orphanWaits.length} times${Number.isFinite(span) && span > 0 ? ` over ${Math.round(span / 60_000)} minutes` : ''} instead of running the extension handler`);
    score = Math.max(score, 3);
    if (win && orphanWaits[0].timeMs <= win.start && orphanWaits[orphanWaits.length - 1].timeMs >= win.start) spans = true;
  }
  // an agent that crashes on every pass: "did not terminate cleanly" after "failed with exception"
  const unclean = life.filter((f) => f.event === 'not-terminated-cleanly' || f.event === 'crash');
  if (!loops.length && exits.length < 3 && unclean.length >= 2) {
    evidence.push(...unclean.slice(-3).map((f) => f.at));
    reasons.push(`the goal-state agent crashed and did not terminate cleanly ${unclean.length} times`);
    score = Math.max(score, 2);
  }
  // the goal state could not be read again and again and never recovered
  const gsErrors = facts.of('goal-state-error').filter((f) => !f.recovered);
  const lastRecovered = facts.of('goal-state-error').filter((f) => f.recovered).reduce((m, f) => Math.max(m, f.timeMs), -Infinity);
  const stuckErrors = gsErrors.filter((f) => !(f.timeMs < lastRecovered));
  if (stuckErrors.length >= 3 && !facts.of('goal-state').some((g) => g.event === 'processing-completed' && g.timeMs > stuckErrors[0].timeMs)) {
    evidence.push(stuckErrors[0].at, stuckErrors[stuckErrors.length - 1].at);
    reasons.push(`the agent failed to read its goal state ${stuckErrors.length} times without recovering (${stuckErrors[stuckErrors.length - 1].detail.slice(0, 120)})`);
    score = Math.max(score, 2);
  }
  const died = life.filter((f) => f.event === 'thread-died');
  if (died.length) {
    evidence.push(...died.slice(-2).map((f) => f.at));
    reasons.push(`an agent thread died and was restarted ${died.length} time(s)`);
    score = Math.max(score, 1);
  }
  // goal states fetched but never processed while the agent kept logging
  const gs = facts.of('goal-state').filter((f) => Number.isFinite(f.timeMs));
  // "kept logging": the last goal-state line or heartbeat after the fetch
  const beatsT = facts.of('agent-heartbeat').filter((f) => Number.isFinite(f.timeMs));
  const last = Math.max(gs.length ? gs[gs.length - 1].timeMs : -Infinity, beatsT.length ? beatsT[beatsT.length - 1].timeMs : -Infinity);
  // any processing counts, whatever its id: with FastTrack the WireServer incarnation and the
  // processed extensions goal state (etag_…) have different ids
  // (linear: processing times sorted once, the latest processing per id in a map)
  const processedTimes = gs.filter((p) => p.event !== 'fetched').map((p) => p.timeMs).sort((a, b) => a - b);
  const lastProcessedById = new Map<string, number>();
  for (const p of gs) if (p.event !== 'fetched' && p.id) lastProcessedById.set(p.id, Math.max(lastProcessedById.get(p.id) ?? -Infinity, p.timeMs));
  const processedWithin = (from: number, to: number) => anyTimeWithin(processedTimes, from, to);
  const stuck = gs.filter(
    (f) =>
      f.event === 'fetched' &&
      f.id &&
      f.timeMs + 30 * 60_000 < last &&
      !((lastProcessedById.get(f.id) ?? -Infinity) >= f.timeMs - 60_000) &&
      !processedWithin(f.timeMs - 60_000, f.timeMs + 30 * 60_000),
  );
  if (stuck.length) {
    evidence.push(...stuck.slice(-2).map((f) => f.at));
    reasons.push(`goal state ${stuck[stuck.length - 1].id} was fetched but never processed`);
    score = Math.max(score, stuck.some((f) => overlaps(f.timeMs, f.timeMs, win)) ? 3 : 2);
  }
  // Windows: the agent stuck in Stopping, waiting for OOBE, or its plugin host unable to load (BadImageFormat: Enable64Bit)
  const winIssues = facts.of('windows-agent-issue').filter((f) => f.issue === 'stuck-stopping' || f.issue === 'bad-image-format' || f.issue === 'oobe-wait');
  if (winIssues.length) {
    const what = { 'stuck-stopping': 'the Windows VM Agent service is stuck stopping', 'bad-image-format': 'the Windows VM Agent cannot load its plugins (BadImageFormatException: the .NET host runs as 32-bit; set Enable64Bit)', 'oobe-wait': 'the Windows VM Agent is waiting for OOBE (Windows setup) to finish' } as const;
    evidence.push(...winIssues.slice(-3).map((f) => f.at));
    reasons.push(what[winIssues[winIssues.length - 1].issue as keyof typeof what]);
    score = 3;
    spans = true;
  }
  if (score > 0)
    return {
      verdict: 'detected' as const,
      confidence: score === 3 ? ('high' as const) : score === 2 ? ('medium' as const) : ('low' as const),
      reason: `The agent was alive but not working: ${reasons.join('; ')}.`,
      evidence,
      strength: score === 1 ? ('weak' as const) : ('strong' as const),
      spansTask: spans,
      ...(task && win ? { taskId: task.taskId } : {}),
    };
  const beats = facts.of('agent-heartbeat');
  if (beats.length >= 2)
    return {
      verdict: 'ruled-out' as const,
      confidence: 'high' as const,
      reason: `The agent sent ${beats.length} heartbeats with no gap over ${GAP_MINUTES} minutes, and no restart loop or unprocessed goal state was found.`,
      evidence: [beats[0].at, beats[beats.length - 1].at],
    };
  if (!hasAgentLog(ctx))
    return notEvaluable(`The bundle has no ${agentLogTerms(ctx).path}, so heartbeats and goal-state processing cannot be checked: ${agentLogTerms(ctx).collect}, or check the VM agent status in the portal.`);
  return notEvaluable(
    isWindows(ctx)
      ? 'The Windows agent\'s log shows no heartbeats this tool can time, so a hung agent cannot be told from an idle one; check the VM agent status (Ready / Not ready) in the portal.'
      : 'waagent.log has no [HEARTBEAT] lines (agents before 2.2.47 do not write them), so a hung agent cannot be told from an idle one.',
    'low',
  );
}

export const rule: Rule = { cause: 'agent-unresponsive', evaluate };
