import { STARTS, taskWindow } from '../reconstruct/agent-health';
import { notEvaluable, type Rule, type RuleContext } from '../types';
import { detailOf, msg } from '../../../shared/i18n/analysis';

/**
 * vm-state-misreported: the VM was shut down from inside the guest, so Azure still thinks it runs
 * and sends it a snapshot task (seen from the guest only partly).
 *
 * Detected medium when the agent daemon was stopped (signal forwarded: service stop / shutdown)
 * between the failed task's start −30 min and its end +30 min and a new daemon started later (a
 * reboot/power cycle); low when it was stopped there and the log ends without a restart.
 * Ruled out (medium) when the agent kept sending heartbeats through the task with no stop. Otherwise
 * not evaluable: the VM's power state is only visible in Azure.
 */


function evaluate(ctx: RuleContext) {
  const task = ctx.lastFailedTask;
  const win = taskWindow(task, 30, 30);
  if (!task || !win) return notEvaluable(msg('vm-state-misreported.no-task'));
  const life = ctx.facts.of('agent-lifecycle').filter((f) => Number.isFinite(f.timeMs));
  const stops = life.filter((f) => f.event === 'stop-signal' && f.timeMs >= win.from && f.timeMs <= win.to);
  if (stops.length) {
    const stop = stops[0];
    const restart = life.find((f) => STARTS.has(f.event) && f.timeMs > stop.timeMs);
    return {
      verdict: 'detected' as const,
      confidence: restart ? ('medium' as const) : ('low' as const),
      reason: msg('vm-state-misreported.stopped', { ...(stop.detail !== undefined ? { detail: detailOf(stop) } : {}), taskId: task.taskId, restarted: !!restart }),
      evidence: [stop.at, ...(restart ? [restart.at] : [])],
      taskId: task.taskId,
    };
  }
  const beats = ctx.facts.of('agent-heartbeat').filter((f) => Number.isFinite(f.timeMs));
  const before = [...beats].reverse().find((b) => b.timeMs <= win.start);
  const after = beats.find((b) => b.timeMs >= win.end);
  if (before && after && after.timeMs - before.timeMs <= 2 * 60 * 60_000)
    return {
      verdict: 'ruled-out' as const,
      confidence: 'medium' as const,
      reason: msg('vm-state-misreported.kept-running', { taskId: task.taskId }),
      evidence: [before.at, after.at],
      taskId: task.taskId,
    };
  return notEvaluable(msg('vm-state-misreported.unknown', { taskId: task.taskId }));
}

export const rule: Rule = { cause: 'vm-state-misreported', evaluate };
