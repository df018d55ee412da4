import type { Evidence, PhaseName, SnapshotTask, TaskProgress, TaskStage, TaskStageStep } from '../../../shared';
import { isoTime } from '../../../shared/time';
import type { FactIndex } from '../facts-index';
import { findMilestone, milestoneCount, milestoneEvidence, milestoneName } from '../../../shared/model/task-milestones';

/**
 * How far the failed backup task got on the VM, from every source: the goal state that carried it
 * (waagent.log), the agent running the extension's `enable`, the extension's own phases (extension.log,
 * status file). The last stage reached decides which causes can explain the failure: once the
 * extension ran for the task, the agent and the network had delivered it.
 */

const STAGE_ORDER: readonly TaskStage[] = ['goal-state', 'agent-processed', 'enable', 'pre-script', 'freeze', 'snapshot', 'thaw', 'post-script', 'status'];
const PHASE_STAGE: Record<PhaseName, TaskStage> = {
  enable: 'enable',
  'pre-script': 'pre-script',
  freeze: 'freeze',
  snapshot: 'snapshot',
  thaw: 'thaw',
  'post-script': 'post-script',
  status: 'status',
};
/** The goal state that carries a backup is fetched seconds before the extension starts; allow for slow agents. */
const DELIVERY_WINDOW_MS = 30 * 60_000;
const SNAPSHOT_HANDLER = /RecoveryServices\.VMSnapshot/i;

export function stageIndex(stage: TaskStage): number {
  return STAGE_ORDER.indexOf(stage);
}

export function buildTaskProgress(task: SnapshotTask, facts: FactIndex): TaskProgress {
  const steps = new Map<TaskStage, TaskStageStep>();
  const put = (step: TaskStageStep) => {
    const had = steps.get(step.stage);
    if (!had || (had.result !== 'failed' && step.result === 'failed')) steps.set(step.stage, step);
  };
  const startMs = Date.parse(task.start ?? task.requestedStart ?? '');

  // delivery: the goal state fetched and processed by the agent just before the extension started
  if (Number.isFinite(startMs)) {
    const near = (t: number) => Number.isFinite(t) && t >= startMs - DELIVERY_WINDOW_MS && t <= startMs + 60_000;
    const gs = facts.of('goal-state').filter((g) => near(g.timeMs));
    const fetched = gs.find((g) => g.event === 'fetched') ?? gs[0];
    if (fetched) put({ stage: 'goal-state', result: 'ok', time: fetched.at.time, evidence: fetched.at });
    const processed = gs.find((g) => g.event === 'processing-started' || g.event === 'processing-completed');
    const enable = facts.of('extension-operation').find((o) => near(o.timeMs) && o.op === 'enable' && SNAPSHOT_HANDLER.test(o.handler));
    const agentStep = processed ?? enable;
    if (agentStep) put({ stage: 'agent-processed', result: 'ok', time: agentStep.at.time, evidence: agentStep.at });
  }

  // the extension's own phases
  let reachedExtension = milestoneCount(task) > 0;
  for (const p of task.phases) {
    const stage = PHASE_STAGE[p.name];
    const result = p.result === 'ok' ? 'ok' : p.result === 'failed' || p.result === 'timed-out' || p.result === 'unfinished' ? 'failed' : 'unknown';
    if (p.result === 'skipped') continue;
    const m = milestoneOf(task, p.name);
    put({ stage, result, time: p.start ?? p.end ?? m?.time ?? null, ...(m ? { evidence: m } : {}) });
    reachedExtension = true;
  }
  if (task.code !== undefined) reachedExtension = true;

  const stages = STAGE_ORDER.filter((s) => steps.has(s)).map((s) => steps.get(s)!);
  // delivery stages implied by a later one (a bundle without waagent.log still shows the extension ran)
  if (reachedExtension) {
    for (const s of ['agent-processed', 'goal-state'] as const) {
      if (!steps.has(s)) stages.unshift({ stage: s, result: 'ok', time: null });
    }
    stages.sort((a, b) => stageIndex(a.stage) - stageIndex(b.stage));
  }
  const failed = stages.find((s) => s.result === 'failed');
  const reached = stages.length ? stages[stages.length - 1].stage : 'goal-state';
  return {
    taskId: task.taskId,
    ...(task.seqNo !== undefined ? { seqNo: task.seqNo } : {}),
    start: task.start ?? (Number.isFinite(startMs) ? isoTime(startMs) : null),
    stages,
    reached: failed?.stage ?? reached,
    ...(failed ? { failedAt: failed.stage } : {}),
    reachedExtension,
    ...(task.code !== undefined ? { code: task.code } : {}),
    ...(task.statusName ? { statusName: task.statusName } : {}),
    ...(task.codeFrom ? { codeFrom: task.codeFrom } : {}),
    ...(task.errorCode !== undefined ? { errorCode: task.errorCode } : {}),
  };
}

/** The first milestone line of a phase, as evidence. */
function milestoneOf(task: SnapshotTask, phase: PhaseName): Evidence | undefined {
  const prefix: Record<PhaseName, RegExp> = {
    enable: /^(enable-start|daemon-start|task-id)$/,
    'pre-script': /^prescript/,
    freeze: /^freeze/,
    snapshot: /^snapshot/,
    thaw: /^thaw/,
    'post-script': /^postscript/,
    status: /^(final-status|transitioning)$/,
  };
  const k = findMilestone(task, (j) => prefix[phase].test(milestoneName(task, j)));
  return k < 0 ? undefined : milestoneEvidence(task, k);
}
