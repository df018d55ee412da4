import { causeById, causeTitle, linkIn, portalCode, portalCodesFor, type ReportBookmark, type AnalysisResult, type CauseDefinition, type CauseId, type Evidence, type Finding, type Lang } from '../../shared';
import { textIn } from '../../shared/i18n/analysis';
import { createRedactor, type Redactor } from '../../shared/redact';
import { evidencePlacer } from '../../shared/evidence-place';
import { findingIn } from '../../shared/i18n/finding';
import { labelsFor, type Labels as AllLabels, type ReportLabels as Labels } from '../../shared/i18n/labels';
import { localFolders, stripFolders } from './local-paths';
import { formatTime } from './format';

/**
 * The one report model every format renders: the analysis result with redaction applied to every string,
 * plus the localised texts (labels, cause titles, remedies) the renderers need. Renderers never see the
 * unredacted result.
 */
export interface ReportOptions {
  lang: Lang;
  /** Redaction of secrets; on unless the engineer turned it off explicitly. */
  redact: boolean;
  pseudonymize?: boolean;
  paper?: 'A4' | 'Letter';
  /** Lines the engineer bookmarked in the log view, with their notes. */
  bookmarks?: readonly ReportBookmark[];
  /** For tests: a fixed "report generated" time. */
  now?: Date;
}

export interface FindingView {
  cause: CauseId;
  verdict: Finding['verdict'];
  confidence: Finding['confidence'];
  title: string;
  description?: string;
  reason: string;
  portalCodes: string[];
  evidence: Evidence[];
  remedy: string[];
  links: { title: string; url: string }[];
  azureCheck?: string;
  portalOrder?: number;
  taskId?: string;
  role?: Finding['role'];
}

export interface ReportModel {
  lang: Lang;
  labels: Labels;
  /** The charts' labels: the same as the app's (src/renderer/components/Charts.tsx). */
  chartLabels: AllLabels['charts'];
  paper: 'A4' | 'Letter';
  generatedAt: string;
  /** The analysis result, every string redacted (the JSON and JSONL exports use it as is). */
  result: AnalysisResult;
  verdict: {
    headline: string;
    /** In the report's language. */
    summary: string;
    cause?: CauseId;
    confidence?: Finding['confidence'];
    portalCodes: string[];
    portalCode?: string;
    portalMessage?: string;
    /** The failed job's time the engineer pinned, as reports show times (UTC). */
    failedAt?: string;
    /** With no guest-side cause (or an Azure-side code): what to check in Azure, in the report's language. */
    azureChecklist: { title: string; check: string }[];
    /** The bundle holds more than one VM's logs: the notice, in the report's language. */
    multipleVms?: string;
    /** Only one VM's files were analysed: the notice in the report's language. */
    onlyVm?: string;
  };
  detected: FindingView[];
  ruledOut: FindingView[];
  notEvaluable: FindingView[];
  /** The engineer's bookmarks, redacted like everything else. */
  bookmarks: ReportBookmark[];
  redaction: { secrets: boolean; pseudonyms: boolean; counts?: ReturnType<Redactor['counts']> };
}

/** Keys whose values are our own vocabulary, versions or documentation: secrets rules only, no pseudonyms. */
const NO_PSEUDONYM_KEYS = new Set([
  'title', 'remedy', 'links', 'url', 'description', 'azureCheck', 'minimumSupported', 'daemonVersion', 'goalStateAgentVersion',
  'version', 'extensionVersion', 'cause', 'verdict', 'confidence', 'portalCodes', 'portalCode', 'kind', 'lane', 'severity',
  'result', 'zone', 'level', 'name', 'statusName', 'schemaVersion', 'tool', 'platform', 'op', 'outcome', 'snapshotPath', 'analyzedAt',
  'role', 'strength', 'relation', 'stage', 'reached', 'failedAt', 'why', 'source', 'id',
]);

/**
 * Copies a JSON-like value, passing every string through `fn`; string values (and string arrays) under
 * NO_PSEUDONYM_KEYS go through `plain`. Objects under such a key (`verdict` is also the summary object)
 * are walked normally.
 */
function mapStrings<T>(v: T, fn: (s: string) => string, plain: (s: string) => string, inPlain = false): T {
  if (typeof v === 'string') return (inPlain ? plain(v) : fn(v)) as T;
  if (Array.isArray(v)) return v.map((x) => mapStrings(x, fn, plain, inPlain)) as T;
  if (v && typeof v === 'object') {
    // null prototype: a key from the input (`__proto__` in a vmbackup.conf section) stays a key
    const out: Record<string, unknown> = Object.create(null);
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = mapStrings(x, fn, plain, NO_PSEUDONYM_KEYS.has(k));
    return out as T;
  }
  return v;
}

function visitStrings(v: unknown, fn: (s: string) => void): void {
  if (typeof v === 'string') fn(v);
  else if (Array.isArray(v)) for (const x of v) visitStrings(x, fn);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) visitStrings(x, fn);
}

function causeDef(id: CauseId): CauseDefinition | undefined {
  try {
    return causeById(id);
  } catch {
    return undefined; // a cause added after this build of the catalogue: fall back to the finding's own texts
  }
}

const identity = (s: string) => s;

export function buildReportModel(input: AnalysisResult, opts: ReportOptions): ReportModel {
  const lang: Lang = opts.lang === 'nl' ? 'nl' : 'en';
  const labels = labelsFor(lang).report;
  let result = input;
  let counts: ReportModel['redaction']['counts'];
  let text: (s: string) => string = identity;
  let bookmarks = (opts.bookmarks ?? []).map((b) => ({ file: b.file, line: b.line, time: b.time, text: b.text, note: b.note }));
  if (opts.redact) {
    const r = createRedactor({ pseudonymize: opts.pseudonymize === true, hostnames: input.vm.hostname ? [input.vm.hostname] : [] });
    // the engineer's folders go first, so no pseudonym is learnt from them
    const local = stripFolders(localFolders(input.inputs));
    // Learn names from everything first so the first line mentioning a user already gets its pseudonym.
    if (r.pseudonymize) visitStrings([input, bookmarks], (s) => r.learn(local(s)));
    result = mapStrings(input, (s) => r(local(s)), (s) => r.secrets(local(s)));
    bookmarks = mapStrings(bookmarks, (s) => r(local(s)), (s) => r.secrets(local(s)));
    text = (s) => r.secrets(local(s));
    if (r.pseudonymize) counts = r.counts();
  }

  // the guest's platform: a Windows VM's VSS failure is titled and coded as such
  const platform = input.vm.platform;
  const view = (f: Finding): FindingView => {
    const def = causeDef(f.cause);
    // the result's steps (for this guest's platform), in the report's language
    const remedy = findingIn(lang, f).remedy;
    return {
      cause: f.cause,
      verdict: f.verdict,
      confidence: f.confidence,
      title: text(def ? causeTitle(def, platform)[lang] : f.title),
      description: def ? text(def.description[lang]) : undefined,
      reason: textIn(lang, f.reason, f.reasonNl),
      portalCodes: portalCodesFor(f.portalCodes, platform),
      // (a record two facts reach is cited once where the finding is made: analyze/engine.ts toFinding)
      evidence: f.evidence,
      remedy: remedy.map(text),
      links: (f.links.length ? f.links : (def?.links ?? [])).map((l) => linkIn(lang, l)),
      azureCheck: def?.azureCheck ? text(def.azureCheck[lang]) : undefined,
      portalOrder: f.portalOrder,
      taskId: f.taskId,
      role: f.role,
    };
  };
  const findings = result.findings.map(view);
  const byPortalOrder = (a: FindingView, b: FindingView) => (a.portalOrder ?? 1e9) - (b.portalOrder ?? 1e9);
  const detected = findings.filter((f) => f.verdict === 'detected');
  const ruledOut = findings.filter((f) => f.verdict === 'ruled-out').sort(byPortalOrder);
  const notEvaluable = findings.filter((f) => f.verdict === 'not-evaluable').sort(byPortalOrder);

  const v = result.verdict;
  const top = v.cause ? findings.find((f) => f.cause === v.cause) : undefined;
  const topDef = v.cause ? causeDef(v.cause) : undefined;
  const topTitle = top?.title ?? (v.cause ? text(topDef ? causeTitle(topDef, platform)[lang] : v.cause) : undefined);
  const headline = !topTitle ? labels.noCause : v.confidence === 'low' ? labels.notEstablished(topTitle) : `${labels.mostLikely}: ${topTitle}`;
  const pc = result.portalCode ? portalCode(result.portalCode) : undefined;

  return {
    lang,
    labels,
    chartLabels: labelsFor(lang).charts,
    paper: opts.paper === 'Letter' ? 'Letter' : 'A4',
    generatedAt: (opts.now ?? new Date()).toISOString(),
    result,
    verdict: {
      headline,
      summary: lang === 'nl' && v.summaryNl ? v.summaryNl : v.summary,
      cause: v.cause,
      confidence: v.confidence,
      // the cause's codes this guest can get (with no cause: the code the engineer entered, as entered)
      portalCodes: v.cause ? portalCodesFor(v.portalCodes, platform) : v.portalCodes,
      portalCode: result.portalCode,
      portalMessage: pc ? text(pc.message[lang]) : undefined,
      failedAt: result.failedAt ? formatTime(result.failedAt) : undefined,
      multipleVms: result.multipleVms ? (lang === 'nl' ? result.multipleVms.messageNl : result.multipleVms.message) : undefined,
      onlyVm: result.onlyVm ? (lang === 'nl' ? result.onlyVm.messageNl : result.onlyVm.message) : undefined,
      azureChecklist: (v.azureChecklist ?? []).map((c) => {
        const def = causeDef(c.cause);
        return { title: text(def?.title[lang] ?? c.title), check: text(def?.azureCheck?.[lang] ?? c.check) };
      }),
    },
    detected,
    ruledOut,
    notEvaluable,
    bookmarks,
    redaction: { secrets: opts.redact, pseudonyms: opts.redact && opts.pseudonymize === true, counts },
  };
}

/** Where an evidence line is in this report's words: `file:line`, or "pasted text, line N" for a paste. */
export function evidencePlacerFor(m: ReportModel): (e: Pick<Evidence, 'file' | 'line'>) => string {
  return evidencePlacer(m.result.files, m.result.inputs, labelsFor(m.lang).finding);
}
