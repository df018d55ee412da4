import { CAUSES, causeById, type AgentSummary, type CauseId, type Finding, type Lang, type PortalCodeDefinition, type TaskProgress, type TaskStage, type VerdictSummary } from '../../shared';
import { CAUSE_LAYER } from './weigh';
import { taskIdIn } from '../../shared/i18n/analysis';

/**
 * The verdict in one or two sentences a senior engineer would write: what happened to the failed task
 * (how far it got, the code it stopped with), the cause, and what was ruled out by which evidence.
 * An Azure-side hint never becomes the verdict: with no guest-side cause the verdict says so and lists
 * what to check in Azure.
 */

/** The verdict's sentences in English and Dutch (a finding's reason comes in both: `reason`, `reasonNl`). */
const TEXT = {
  en: {
    stage: {
      'goal-state': 'the goal state',
      'agent-processed': 'the agent',
      enable: "the extension's enable",
      'pre-script': 'the pre-script',
      freeze: 'the filesystem freeze',
      snapshot: 'the snapshot',
      thaw: 'the thaw',
      'post-script': 'the post-script',
      status: 'the final status',
    } satisfies Record<TaskStage, string>,
    task: (id: string, seq?: number) => `Task ${id}${seq !== undefined ? ` (seq ${seq})` : ''}`,
    reachedExtension: (at?: string) => ` reached the Backup extension${at ? ` at ${at}` : ''}`,
    requested: (at?: string) => ` was requested${at ? ` at ${at}` : ''}`,
    code: (code: number, name?: string) => ` (code ${code}${name ? ` ${name}` : ''})`,
    stoppedAt: (stage: string, code: string) => ` and stopped at ${stage}${code}.`,
    endedWith: (code: string) => ` and ended with${code}.`,
    noTask: 'The logs hold no failed backup task, so no finding can be tied to one. ',
    laterSuccess: (at: string) => `A later backup (started ${at}) succeeded, so the VM may have recovered since. `,
    agentRan: (beat: string) => `the agent was running (${beat})`,
    heartbeats: (n: number, gap?: number) => `${n} heartbeats${gap !== undefined ? `, longest gap ${gap} min` : ''}`,
    processedGoalStates: 'it processed goal states',
    wireserver: (at?: string) => `WireServer answered${at ? ` (goal state at ${at})` : ''}`,
    ruledOut: (s: string) => ` Ruled out: ${s}.`,
    and: ' and ',
    noGuestCause: (code?: string) => `No guest-side cause found: the VM's logs show nothing that explains the failure. Check the Azure side (listed below) for ${code ?? "the job's error code"}.`,
    cause: (title: string, conf: string, reason: string) => `${title} (${conf} confidence): ${reason}`,
    confidence: { high: 'high', medium: 'medium', low: 'low' },
    others: (n: number) => ` ${n} other cause${n > 1 ? 's' : ''} may have contributed.`,
    mismatch: (title: string, codes: string, entered: string, causes: string) => ` The logs point to ${title}, which Azure reports as ${codes}; the entered code ${entered} points to ${causes} — check the code.`,
    anotherCode: 'another code',
    crp: 'UserErrorCrpReportedUserError is a wrapper: in the Recovery Services vault open Backup jobs, select the failed job and read its error details; the inner error names the real cause.',
    unknownCode: (code: string) => ` The portal code ${code} is not in the catalogue; all causes were evaluated.`,
    unknownTime: 'an unknown time',
  },
  nl: {
    stage: {
      'goal-state': 'de doelstatus',
      'agent-processed': 'de agent',
      enable: 'het inschakelen (enable) van de extensie',
      'pre-script': 'het prescript',
      freeze: 'het bevriezen van het bestandssysteem',
      snapshot: 'de momentopname',
      thaw: 'het ontdooien',
      'post-script': 'het postscript',
      status: 'de eindstatus',
    } satisfies Record<TaskStage, string>,
    task: (id: string, seq?: number) => `Taak ${id}${seq !== undefined ? ` (volgnummer ${seq})` : ''}`,
    reachedExtension: (at?: string) => ` bereikte de back-upextensie${at ? ` om ${at}` : ''}`,
    requested: (at?: string) => ` werd aangevraagd${at ? ` om ${at}` : ''}`,
    code: (code: number, name?: string) => ` (code ${code}${name ? ` ${name}` : ''})`,
    stoppedAt: (stage: string, code: string) => ` en stopte bij ${stage}${code}.`,
    endedWith: (code: string) => ` en eindigde met${code}.`,
    noTask: 'De logboeken bevatten geen mislukte back-uptaak, dus geen bevinding kan aan een taak worden gekoppeld. ',
    laterSuccess: (at: string) => `Een latere back-up (gestart om ${at}) slaagde, dus de VM is sindsdien mogelijk hersteld. `,
    agentRan: (beat: string) => `de agent draaide (${beat})`,
    heartbeats: (n: number, gap?: number) => `${n} heartbeats${gap !== undefined ? `, langste onderbreking ${gap} min` : ''}`,
    processedGoalStates: 'hij verwerkte doelstatussen',
    wireserver: (at?: string) => `de WireServer antwoordde${at ? ` (doelstatus om ${at})` : ''}`,
    ruledOut: (s: string) => ` Uitgesloten: ${s}.`,
    and: ' en ',
    noGuestCause: (code?: string) => `Geen oorzaak in de VM gevonden: de logboeken van de VM tonen niets dat de fout verklaart. Controleer de Azure-kant (hieronder) voor ${code ?? 'de foutcode van de taak'}.`,
    cause: (title: string, conf: string, reason: string) => `${title} (betrouwbaarheid ${conf}): ${reason}`,
    confidence: { high: 'hoog', medium: 'gemiddeld', low: 'laag' },
    others: (n: number) => ` ${n} andere oorza${n > 1 ? 'ken hebben' : 'ak heeft'} mogelijk bijgedragen.`,
    mismatch: (title: string, codes: string, entered: string, causes: string) => ` De logboeken wijzen op ${title}, wat Azure meldt als ${codes}; de ingevoerde code ${entered} wijst op ${causes} — controleer de code.`,
    anotherCode: 'een andere code',
    crp: 'UserErrorCrpReportedUserError is een verzamelcode: open in de Recovery Services-kluis Back-uptaken, selecteer de mislukte taak en lees de foutdetails; de onderliggende fout noemt de echte oorzaak.',
    unknownCode: (code: string) => ` De portalcode ${code} staat niet in de catalogus; alle oorzaken zijn beoordeeld.`,
    unknownTime: 'een onbekend tijdstip',
  },
};

function when(iso: string | null | undefined): string | undefined {
  return iso ? iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : undefined;
}

function taskStory(p: TaskProgress, lang: Lang): string {
  const t = TEXT[lang];
  const enable = p.stages.find((s) => s.stage === 'enable');
  const reached = p.reachedExtension ? t.reachedExtension(when(enable?.time) ?? when(p.start)) : t.requested(when(p.start));
  const code = p.code !== undefined ? t.code(p.code, p.statusName) : '';
  const stopped = p.failedAt ? t.stoppedAt(t.stage[p.failedAt], code) : code ? t.endedWith(code) : '.';
  return `${t.task(taskIdIn(lang, p.taskId), p.seqNo)}${reached}${stopped}`;
}

/** "The agent was running (…) and WireServer answered (…)": the delivery causes ruled out, with their evidence. */
function ruledOutStory(findings: readonly Finding[], agent: AgentSummary, lang: Lang): string {
  const t = TEXT[lang];
  const out: string[] = [];
  const ruled = (c: CauseId) => findings.find((f) => f.cause === c && f.verdict === 'ruled-out');
  if (ruled('agent-not-running') || ruled('agent-unresponsive')) out.push(t.agentRan(agent.heartbeats ? t.heartbeats(agent.heartbeats, agent.longestHeartbeatGapMinutes) : t.processedGoalStates));
  const net = ruled('no-network-wireserver');
  if (net) out.push(t.wireserver(when(net.evidence.find((e) => e.time)?.time)));
  return out.length ? t.ruledOut(out.join(t.and)) : '';
}

export function summarizeVerdict(
  findings: readonly Finding[],
  progress: TaskProgress | undefined,
  agent: AgentSummary,
  portalCode: string | undefined,
  portal: PortalCodeDefinition | undefined,
  /** Start of a successful backup after the failed task, ISO. */
  laterSuccess?: string,
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
  const sentence = (lang: Lang): string => {
    const t = TEXT[lang];
    const story = progress ? `${taskStory(progress, lang)} ${laterSuccess ? t.laterSuccess(when(laterSuccess) ?? laterSuccess) : ''}` : t.noTask;
    const tail = `${portalCode === 'UserErrorCrpReportedUserError' ? ` ${t.crp}` : ''}${portalCode && !portal ? t.unknownCode(portalCode) : ''}`;
    if (!top) return `${story}${t.noGuestCause(portalCode)}${ruledOutStory(findings, agent, lang)}${tail}`;
    const def = causeById(top.cause);
    // a finding from before reasonNl existed falls back to the catalogue's description
    const reason = lang === 'en' ? top.reason : (top.reasonNl ?? def.description.nl);
    const title = lang === 'en' ? top.title : def.title.nl;
    const codes = top.portalCodes.join(', ') || t.anotherCode;
    return `${story}${t.cause(title, t.confidence[top.confidence], reason)}${ruledOutStory(findings, agent, lang)}${others ? t.others(others) : ''}${
      mismatch ? t.mismatch(title, codes, portalCode!, portal!.causes.map((c) => causeById(c).title[lang]).join(', ')) : ''
    }${tail}`;
  };
  if (!top) {
    const azure = portal && portal.causes.some((c) => CAUSE_LAYER[c] === 'azure') ? portal.causes : CAUSES.map((c) => c.id);
    return { portalCodes: portalCode ? [portalCode] : [], summary: sentence('en'), summaryNl: sentence('nl'), azureChecklist: checklist(azure) };
  }
  const azureCode = portal && portal.causes.some((c) => CAUSE_LAYER[c] === 'azure');
  return {
    cause: top.cause,
    confidence: top.confidence,
    portalCodes: top.portalCodes,
    summary: sentence('en'),
    summaryNl: sentence('nl'),
    ...(azureCode ? { azureChecklist: checklist(portal.causes) } : {}),
  };
}
