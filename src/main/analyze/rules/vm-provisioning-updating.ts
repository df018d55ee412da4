import type { Evidence } from '../../../shared';
import { notEvaluable, type Rule, type RuleContext, type RuleOutcome } from '../types';
import { msg } from '../../../shared/i18n/analysis';

/**
 * vm-provisioning-updating: the VM was in an "Updating" provisioning state when the backup ran.
 * Only Azure knows the provisioning state; the guest shows its traces: an extension install/update
 * still running when the failed task started (medium), or goal-state churn (three or more new
 * incarnations within an hour of the task; low). Otherwise not evaluable, with the portal check.
 */
const WINDOW = 60 * 60_000;
const VMSNAPSHOT = /^Microsoft\.Azure\.RecoveryServices\.VMSnapshot(Linux)?$/i;

/**
 * The agent cannot finish processing the extensions goal state at all ("Exception processing extension
 * handlers", again and again): the goal state never completes and Azure keeps the VM in "Updating".
 */
function processingStuck(ctx: RuleContext): RuleOutcome | undefined {
  const fails = ctx.facts.of('agent-event').filter((f) => /^ExtensionProcessing$/i.test(f.op) && /Exception processing extension handlers/i.test(f.message));
  if (!fails.length) return undefined;
  const last = fails[fails.length - 1];
  if (ctx.facts.of('goal-state').some((g) => g.event === 'processing-completed' && g.timeMs > last.timeMs)) return undefined;
  const repeated = fails.length >= 2;
  return {
    verdict: 'detected',
    confidence: repeated ? 'medium' : 'low',
    reason: msg('vm-provisioning-updating.processing-stuck', { count: fails.length, message: last.message.slice(0, 160) }),
    evidence: repeated ? [fails[0].at, last.at] : [last.at],
    strength: repeated ? 'strong' : 'weak',
    spansTask: repeated,
  };
}

function evaluate(ctx: RuleContext): RuleOutcome {
  const stuck = processingStuck(ctx);
  if (stuck) return stuck;
  const task = ctx.lastFailedTask;
  const startIso = task?.start ?? task?.requestedStart;
  const start = startIso ? Date.parse(startIso) : NaN;
  if (!task || !Number.isFinite(start)) return notEvaluable(msg('vm-provisioning-updating.no-task'));
  const end = task.end ? Date.parse(task.end) : start;
  const from = start - WINDOW;
  const to = (Number.isFinite(end) ? end : start) + WINDOW;

  // an install/update of another extension that started before the task and had not finished by its start
  const ops = ctx.facts.of('extension-operation').filter((f) => (f.op === 'update' || f.op === 'install') && !VMSNAPSHOT.test(f.handler) && Number.isFinite(f.timeMs));
  const inFlight: Evidence[] = [];
  for (const f of ops) {
    if (f.outcome !== 'started' || f.timeMs < from || f.timeMs > start) continue;
    const done = ops.find((g) => g !== f && g.handler.toLowerCase() === f.handler.toLowerCase() && g.op === f.op && g.outcome !== 'started' && g.timeMs >= f.timeMs);
    if (!done || done.timeMs > start) inFlight.push(f.at, ...(done ? [done.at] : []));
  }
  if (inFlight.length) {
    return {
      verdict: 'detected',
      confidence: 'medium',
      reason: msg('vm-provisioning-updating.in-flight', { taskId: task.taskId }),
      evidence: inFlight,
      taskId: task.taskId,
    };
  }

  const incarnations = new Map<number, Evidence>();
  for (const f of ctx.facts.of('goal-state')) if (f.incarnation !== undefined && f.timeMs >= from && f.timeMs <= to && !incarnations.has(f.incarnation)) incarnations.set(f.incarnation, f.at);
  for (const f of ctx.facts.of('extensions-config')) if (f.incarnation !== undefined && f.timeMs >= from && f.timeMs <= to && !incarnations.has(f.incarnation)) incarnations.set(f.incarnation, f.at);
  if (incarnations.size >= 3) {
    return {
      verdict: 'detected',
      confidence: 'low',
      reason: msg('vm-provisioning-updating.churn', { incarnations: [...incarnations.keys()].sort((a, b) => a - b), taskId: task.taskId }),
      evidence: [...incarnations.values()],
      taskId: task.taskId,
    };
  }
  return notEvaluable(msg('vm-provisioning-updating.quiet', { taskId: task.taskId }));
}

export const rule: Rule = { cause: 'vm-provisioning-updating', evaluate };
