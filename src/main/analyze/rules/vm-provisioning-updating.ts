import type { Evidence } from '../../../shared';
import { PASSING_WITHIN_MS } from '../benign';
import { notEvaluable, type Rule, type RuleContext, type RuleOutcome } from '../types';
import { fieldTest, type FactSeries } from '../facts-index';
import { msg } from '../../../shared/i18n/analysis';
import { VMSNAP_HANDLER as VMSNAPSHOT } from '../../../shared/model/handler';

/**
 * vm-provisioning-updating: the VM was in an "Updating" provisioning state when the backup ran.
 * Only Azure knows the provisioning state; the guest shows its traces: an extension install/update
 * still running when the failed task started (medium), or goal-state churn (three or more new
 * incarnations within an hour of the task; low). The VM's instance view saying `ProvisioningState/updating` is the
 * platform's own word for it (medium: the view's time is not the backup's). Otherwise not evaluable, with the
 * portal check.
 */
const WINDOW = 60 * 60_000;

/** Same pass: 2.2.x log the failure twice, as a WARNING and at once as its ExtensionProcessing Event (exthandlers.py). */
const SAME_PASS_MS = 1000;

/**
 * The passes that failed: one failure's WARNING line and its Event line, the same message within a second (or, untimed,
 * on adjacent lines of one file), are one pass.
 */
/** A pass of the agent over the extensions that failed (made once: a FactStore keeps its answers per tuple, by the test). */
const PROCESSING_FAILED = fieldTest('agent-event', (f) => /^ExtensionProcessing$/i.test(f.op) && /Exception processing extension handlers/i.test(f.message));

function passCount(fails: FactSeries<'agent-event'>): number {
  let n = 0;
  let prev: { message: string; timeMs: number; file: string; line: number } | undefined;
  for (let i = 0; i < fails.length; i++) {
    const f = fails.get(i);
    const same =
      prev !== undefined &&
      prev.message === f.message &&
      (Number.isFinite(f.timeMs) && Number.isFinite(prev.timeMs) ? Math.abs(f.timeMs - prev.timeMs) <= SAME_PASS_MS : prev.file === f.at.file && Math.abs(f.at.line - prev.line) <= 1);
    if (!same) n++;
    prev = { message: f.message, timeMs: f.timeMs, file: f.at.file, line: f.at.line };
  }
  return n;
}

/**
 * The agent cannot finish processing the extensions goal state at all ("Exception processing extension
 * handlers", again and again): the goal state never completes and Azure keeps the VM in "Updating".
 */
function processingStuck(ctx: RuleContext): RuleOutcome | undefined {
  const { facts } = ctx;
  const fails = facts.selectBy(PROCESSING_FAILED);
  if (!fails.length) return undefined;
  const last = fails.get(fails.length - 1);
  const passes = passCount(fails);
  // a goal state processed after it (the ones with a later time: a window of the series, not every goal state): at
  // once, the failures were passing; only hours later, a backup in between found the VM still updating, so the failure
  // stays found and whether the agent worked on for hours after is the engine's to weigh (recovery.ts)
  const gs = facts.series('goal-state');
  let processedAt = NaN;
  if (Number.isFinite(last.timeMs))
    for (let i = gs.after(last.timeMs); i < gs.timed && Number.isNaN(processedAt); i++) if (gs.field(i, 'event') === 'processing-completed') processedAt = gs.time(i);
  if (processedAt - last.timeMs <= PASSING_WITHIN_MS) return undefined;
  const repeated = passes >= 2;
  return {
    ...(Number.isFinite(processedAt) ? { recovery: { proof: 'goal-state' as const, lastFailureMs: last.timeMs } } : {}),
    verdict: 'detected',
    confidence: repeated ? 'medium' : 'low',
    reason: msg('vm-provisioning-updating.processing-stuck', { count: passes, message: last.message.slice(0, 160) }),
    evidence: repeated ? [fails.get(0).at, last.at] : [last.at],
    strength: repeated ? 'strong' : 'weak',
    spansTask: repeated,
  };
}

/**
 * The VM's instance view showing its provisioning state `Updating` (`ProvisioningState/updating`): the platform's own
 * word that the state this cause is held when the view was taken; how near that was to the failed task is the
 * engine's to weigh (its time, when the view gives one).
 */
function platformUpdating(ctx: RuleContext): RuleOutcome | undefined {
  const last = ctx.facts.where('vm-platform-state', (f) => f.aspect === 'provisioning').at(-1);
  if (last?.state !== 'updating') return undefined;
  return {
    verdict: 'detected',
    confidence: 'medium',
    reason: msg('vm-provisioning-updating.platform', { display: last.display ?? last.state, ...(last.at.time ? { time: last.at.time } : {}) }),
    evidence: [last.at],
    // the state itself is proven (the platform says it); when it held is the view's time, weighed against the task's
    strength: 'strong',
  };
}

function evaluate(ctx: RuleContext): RuleOutcome {
  const stuck = processingStuck(ctx);
  if (stuck) return stuck;
  const task = ctx.lastFailedTask;
  const startIso = task?.start ?? task?.requestedStart;
  const start = startIso ? Date.parse(startIso) : NaN;
  if (!task || !Number.isFinite(start)) return platformUpdating(ctx) ?? notEvaluable(msg('vm-provisioning-updating.no-task'));
  const end = task.end ? Date.parse(task.end) : start;
  const from = start - WINDOW;
  const to = (Number.isFinite(end) ? end : start) + WINDOW;

  // an install/update of another extension that started before the task and had not finished by its start
  // (the operations started within [from, start]: a window of the series; each one's end is looked for from its time on)
  const ops = ctx.facts.select('extension-operation', (f) => (f.op === 'update' || f.op === 'install') && !VMSNAPSHOT.test(f.handler) && Number.isFinite(f.timeMs));
  const inFlight: Evidence[] = [];
  for (let k = ops.atOrAfter(from), end = ops.after(start); k < end; k++) {
    const f = ops.get(k);
    if (f.outcome !== 'started') continue;
    let done: typeof f | undefined;
    for (let j = ops.atOrAfter(f.timeMs); j < ops.length && !done; j++) {
      const g = ops.get(j);
      if (j !== k && g.handler.toLowerCase() === f.handler.toLowerCase() && g.op === f.op && g.outcome !== 'started') done = g;
    }
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
  const gs = ctx.facts.series('goal-state');
  for (let i = gs.atOrAfter(from), end = gs.after(to); i < end; i++) {
    const incarnation = gs.field(i, 'incarnation');
    if (incarnation !== undefined && !incarnations.has(incarnation)) incarnations.set(incarnation, gs.get(i).at);
  }
  for (const f of ctx.facts.of('extensions-config')) if (f.incarnation !== undefined && f.timeMs >= from && f.timeMs <= to && !incarnations.has(f.incarnation)) incarnations.set(f.incarnation, f.at);
  const platform = platformUpdating(ctx);
  if (platform) return platform;
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
