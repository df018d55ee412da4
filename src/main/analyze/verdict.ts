import { CAUSES, causeById, titleNamed, type AgentSummary, type CauseId, type Finding, type PortalCodeDefinition, type SnapshotTask, type TaskProgress, type VerdictSummary } from '../../shared';
import { CAUSE_LAYER, type NewerDecision } from './weigh';
import { msg, renderBoth, type AnalysisMessage, type GuestOs } from '../../shared/i18n/analysis';
import type { Localized } from '../../shared/catalog/types';

/**
 * The verdict in one or two sentences a senior engineer would write: what happened to the failed task
 * (how far it got, the code it stopped with), the cause, and what was ruled out by which evidence.
 * An Azure-side hint never becomes the verdict: with no guest-side cause the verdict says so and lists
 * what to check in Azure.
 */

/** "Task … reached the Backup extension at … and stopped at …": how far the failed task got. */
function taskStory(p: TaskProgress, laterSuccess: string | undefined, os: GuestOs): AnalysisMessage {
  const enable = p.stages.find((s) => s.stage === 'enable');
  const at = (p.reachedExtension ? enable?.time || p.start : p.start) || undefined;
  return msg('verdict.task', {
    taskId: p.taskId,
    ...(p.seqNo !== undefined ? { seqNo: p.seqNo } : {}),
    reached: p.reachedExtension,
    ...(at ? { at } : {}),
    ...(p.failedAt ? { stoppedAt: p.failedAt } : {}),
    ...(p.code !== undefined ? { code: p.code } : {}),
    ...(p.statusName ? { statusName: p.statusName } : {}),
    ...(p.codeFrom ? { codeFrom: p.codeFrom } : {}),
    ...(p.errorCode !== undefined ? { errorCode: p.errorCode } : {}),
    ...(laterSuccess ? { laterSuccess } : {}),
    ...(os === 'windows' ? { windows: true } : {}),
  });
}

/** "The agent was running (…) and WireServer answered (…)": the delivery causes ruled out, with their evidence. */
function ruledOutStory(findings: readonly Finding[], agent: AgentSummary): AnalysisMessage[] {
  const ruled = (c: CauseId) => findings.find((f) => f.cause === c && f.verdict === 'ruled-out');
  const ran = ruled('agent-not-running') || ruled('agent-unresponsive');
  const net = ruled('no-network-wireserver');
  if (!ran && !net) return [];
  const netAt = net?.evidence.find((e) => e.time)?.time;
  return [
    msg('verdict.ruled-out', {
      // without heartbeats, what ruled it out: goal states processed (medium or more), or only some line of the agent's
      // (low: "The agent logged activity"; a start line alone, an agent stuck stopping), which is no goal state
      ...(ran ? { agent: agent.heartbeats ? { heartbeats: agent.heartbeats, ...(agent.longestHeartbeatGapMinutes !== undefined ? { gapMinutes: agent.longestHeartbeatGapMinutes } : {}) } : ran.confidence === 'low' ? { activityOnly: true } : {} } : {}),
      ...(net ? { wireserver: netAt ? { at: netAt } : {} } : {}),
    }),
  ];
}

export function summarizeVerdict(
  findings: readonly Finding[],
  progress: TaskProgress | undefined,
  agent: AgentSummary,
  portalCode: string | undefined,
  portal: PortalCodeDefinition | undefined,
  /** Start of a successful backup after the failed task, ISO. */
  laterSuccess?: string,
  /** The guest's OS: a Windows task's consistency step is VSS, not a filesystem freeze. */
  os: GuestOs = 'linux',
  /** How long before the newest time the logs give the failed task failed. */
  failureAge?: VerdictSummary['failureAge'],
  /** With no failed task: the logs' newest task, when it succeeded. */
  lastSuccess?: Pick<SnapshotTask, 'start' | 'end'>,
  /**
   * A failure after the failed task without task lines (weigh.ts decideNewerFailures): how the job was told apart, the
   * later failures (their causes; the first one's title) and the task's own cause, if one was found.
   */
  newer?: { by: NonNullable<NewerDecision['by']>; later: readonly CauseId[]; laterTitle: Localized; taskCause?: Localized },
): VerdictSummary {
  const top = findings.find((f) => f.verdict === 'detected' && f.role !== 'background' && CAUSE_LAYER[f.cause] !== 'azure');
  const checklist = (causes: readonly CauseId[]) =>
    causes
      .filter((c) => CAUSE_LAYER[c] === 'azure')
      .map((c) => {
        const d = causeById(c);
        return { cause: c, title: d.title.en, check: d.azureCheck?.en ?? d.remedy.en[0] ?? d.description.en };
      });
  const others = top ? findings.filter((f) => f.verdict === 'detected' && f !== top && f.role !== 'background').length : 0;
  const mismatch = !!(top && portal && portalCode && !portal.causes.includes(top.cause));
  // the verdict as parts of the catalogue, rendered in both languages at once
  const parts: AnalysisMessage[] = [
    progress ? taskStory(progress, laterSuccess, os) : lastSuccess ? msg('verdict.last-succeeded', { ...(lastSuccess.start ? { start: lastSuccess.start } : {}) }) : msg('verdict.no-task'),
  ];
  // how old the failure is: a task that failed days before the newest line is not what the VM does now (under an
  // hour it is the logs' present: said only in the JSON)
  if (progress && failureAge && failureAge.ms >= 3_600_000) parts.push(msg('verdict.age', failureAge));
  // a task none of whose lines has a time: said, as its age cannot be (the engineer matches it to the portal's job)
  if (progress && !progress.start && !progress.stages.some((s) => s.time)) parts.push(msg('verdict.untimed'));
  if (top) {
    const def = causeById(top.cause);
    // a finding from before reasonNl existed falls back to the catalogue's description
    const title = { en: top.title, nl: titleNamed(def, top.title).nl };
    parts.push(msg('verdict.cause', { title, confidence: top.confidence, reason: { en: top.reason, nl: top.reasonNl ?? def.description.nl } }), ...ruledOutStory(findings, agent));
    if (newer && progress) {
      // the code names one side's cause: said, with which job it makes the ticket's; otherwise the logs cannot tell
      const code = newer.by !== 'logs' && portalCode ? { code: portalCode } : {};
      if (newer.by === 'code-task') parts.push(msg('verdict.newer-not-the-job', { code: portalCode ?? '', later: newer.laterTitle }));
      else
        parts.push(
          msg('verdict.newer-failure', {
            title,
            ...(newer.later.includes(top.cause) ? {} : { later: newer.laterTitle }),
            ...code,
            ...(newer.taskCause ? { taskCause: newer.taskCause } : {}),
            ...(progress.start ? { start: progress.start } : {}),
          }),
        );
    }
    if (others) parts.push(msg('verdict.others', { count: others }));
    if (mismatch) parts.push(msg('verdict.mismatch', { title, codes: top.portalCodes, entered: portalCode!, causes: portal!.causes.map((c) => causeById(c).title) }));
  } else parts.push(msg('verdict.no-guest-cause', portalCode ? { code: portalCode } : {}), ...ruledOutStory(findings, agent));
  // no task of the job's in the logs and nothing sure found: the failure's own lines may be in logs not collected
  if (!progress && !lastSuccess && (!top || top.confidence === 'low')) parts.push(msg('verdict.logs-may-miss-job', { os }));
  // an agent or network failure the agent recovered from: said whether or not it is the cause (as history it is not)
  const recovered = findings.find((f) => f.verdict === 'detected' && f.recovered);
  if (recovered?.recovered) {
    const { at, until } = recovered.recovered;
    const taskStart = Date.parse(progress?.start ?? '');
    parts.push(
      msg('verdict.recovered', {
        title: { en: recovered.title, nl: titleNamed(causeById(recovered.cause), recovered.title).nl },
        at,
        hours: Math.floor((Date.parse(until) - Date.parse(at)) / 3_600_000),
        taskBefore: taskStart < Date.parse(at),
      }),
    );
  }
  if (portalCode === 'UserErrorCrpReportedUserError') parts.push(msg('verdict.crp'));
  if (portalCode && !portal) parts.push(msg('verdict.unknown-code', { code: portalCode }));
  const { en: summary, nl: summaryNl } = renderBoth(msg('sentences', { parts }));
  if (!top) {
    // with no code to go by, the likely Azure-side causes; one the portal names by a code of its own only with that code
    const azure = portal && portal.causes.some((c) => CAUSE_LAYER[c] === 'azure') ? portal.causes : CAUSES.filter((c) => !c.byOwnCode).map((c) => c.id);
    return { portalCodes: portalCode ? [portalCode] : [], summary, summaryNl, azureChecklist: checklist(azure), ...(failureAge ? { failureAge } : {}) };
  }
  const azureCode = portal && portal.causes.some((c) => CAUSE_LAYER[c] === 'azure');
  return {
    cause: top.cause,
    confidence: top.confidence,
    portalCodes: top.portalCodes,
    summary,
    summaryNl,
    ...(azureCode ? { azureChecklist: checklist(portal.causes) } : {}),
    ...(failureAge ? { failureAge } : {}),
  };
}
