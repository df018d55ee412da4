import { CAUSES, causeById, type AgentSummary, type CauseId, type Finding, type PortalCodeDefinition, type TaskProgress, type TaskStage, type VerdictSummary } from '../../shared';
import { CAUSE_LAYER } from './weigh';

/**
 * The verdict in one or two sentences a senior engineer would write: what happened to the failed task
 * (how far it got, the code it stopped with), the cause, and what was ruled out by which evidence.
 * An Azure-side hint never becomes the verdict: with no guest-side cause the verdict says so and lists
 * what to check in Azure.
 */

const STAGE_WORDS: Record<TaskStage, string> = {
  'goal-state': 'the goal state',
  'agent-processed': 'the agent',
  enable: 'the extension\'s enable',
  'pre-script': 'the pre-script',
  freeze: 'the filesystem freeze',
  snapshot: 'the snapshot',
  thaw: 'the thaw',
  'post-script': 'the post-script',
  status: 'the final status',
};

/** The article's advice for the wrapper code: the inner error names the real cause. */
export const CRP_REPORTED_ADVICE =
  'UserErrorCrpReportedUserError is a wrapper: in the Recovery Services vault open Backup jobs, select the failed job and read its error details; the inner error names the real cause.';

function when(iso: string | null | undefined): string {
  return iso ? iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : 'an unknown time';
}

function taskStory(p: TaskProgress): string {
  const enable = p.stages.find((s) => s.stage === 'enable');
  const head = `Task ${p.taskId}${p.seqNo !== undefined ? ` (seq ${p.seqNo})` : ''}`;
  const reached = p.reachedExtension ? ` reached the Backup extension${enable?.time ? ` at ${when(enable.time)}` : p.start ? ` (started ${when(p.start)})` : ''}` : ` was requested${p.start ? ` at ${when(p.start)}` : ''}`;
  const code = p.code !== undefined ? ` (code ${p.code}${p.statusName ? ` ${p.statusName}` : ''})` : '';
  const stopped = p.failedAt ? ` and stopped at ${STAGE_WORDS[p.failedAt]}${code}.` : code ? ` and ended with${code}.` : '.';
  return `${head}${reached}${stopped}`;
}

/** "The agent was healthy (…) and WireServer answered (…)": the delivery causes ruled out, with their evidence. */
function ruledOutStory(findings: readonly Finding[], agent: AgentSummary): string {
  const out: string[] = [];
  const ruled = (c: CauseId) => findings.find((f) => f.cause === c && f.verdict === 'ruled-out');
  if (ruled('agent-not-running') || ruled('agent-unresponsive')) {
    const beat = agent.heartbeats ? `${agent.heartbeats} heartbeats${agent.longestHeartbeatGapMinutes !== undefined ? `, longest gap ${agent.longestHeartbeatGapMinutes} min` : ''}` : 'it processed goal states';
    out.push(`the agent was running (${beat})`);
  }
  const net = ruled('no-network-wireserver');
  if (net) {
    const t = net.evidence.find((e) => e.time)?.time;
    out.push(`WireServer answered${t ? ` (goal state at ${when(t)})` : ''}`);
  }
  if (!out.length) return '';
  const s = out.join(' and ');
  return ` Ruled out: ${s}.`;
}

export function summarizeVerdict(
  findings: readonly Finding[],
  progress: TaskProgress | undefined,
  agent: AgentSummary,
  portalCode: string | undefined,
  portal: PortalCodeDefinition | undefined,
): VerdictSummary {
  const unknownCode = portalCode && !portal ? ` The portal code ${portalCode} is not in the catalogue; all causes were evaluated.` : '';
  const crp = portalCode === 'UserErrorCrpReportedUserError' ? ` ${CRP_REPORTED_ADVICE}` : '';
  const story = progress ? `${taskStory(progress)} ` : 'The logs hold no failed backup task, so no finding can be tied to one. ';
  const top = findings.find((f) => f.verdict === 'detected' && f.role !== 'background' && CAUSE_LAYER[f.cause] !== 'azure');
  const checklist = (causes: readonly CauseId[]) =>
    causes
      .filter((c) => CAUSE_LAYER[c] === 'azure')
      .map((c) => {
        const d = causeById(c);
        return { cause: c, title: d.title.en, check: d.azureCheck?.en ?? d.remedy.en[0] ?? d.description.en };
      });
  const azureCauses = portal ? portal.causes : CAUSES.map((c) => c.id);

  if (!top) {
    const list = checklist(azureCauses.some((c) => CAUSE_LAYER[c] === 'azure') ? azureCauses : CAUSES.map((c) => c.id));
    return {
      portalCodes: portalCode ? [portalCode] : [],
      summary: `${story}No guest-side cause found: the VM's logs show nothing that explains the failure.${ruledOutStory(findings, agent)} Check the Azure side (listed below) for ${portalCode ?? 'the job\'s error code'}.${crp}${unknownCode}`,
      azureChecklist: list,
    };
  }
  const others = findings.filter((f) => f.verdict === 'detected' && f !== top && f.role !== 'background').length;
  const mismatch =
    portal && portalCode && !portal.causes.includes(top.cause)
      ? ` The logs point to ${top.title}, which Azure reports as ${top.portalCodes.join(', ') || 'another code'}; the entered code ${portalCode} points to ${portal.causes.map((c) => causeById(c).title.en).join(', ')} — check the code.`
      : '';
  const azureCode = portal && portal.causes.some((c) => CAUSE_LAYER[c] === 'azure');
  return {
    cause: top.cause,
    confidence: top.confidence,
    portalCodes: top.portalCodes,
    summary: `${story}${top.title} (${top.confidence} confidence): ${top.reason}${ruledOutStory(findings, agent)}${others ? ` ${others} other cause${others > 1 ? 's' : ''} may have contributed.` : ''}${mismatch}${crp}${unknownCode}`,
    ...(azureCode ? { azureChecklist: checklist(portal.causes) } : {}),
  };
}
