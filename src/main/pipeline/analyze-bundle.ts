import type { AnalysisResult, BundleFile, BundleInput, Fact, OnlyVm, Warning } from '../../shared';
import { resolvePortalCode } from '../../shared';
import { COLLECTION_KINDS } from '../../shared/formats';
import { diagnose } from '../analyze/engine';
import { factFiles, inferClock } from '../analyze/reconstruct/clock';
import { findUnexplained } from '../analyze/unexplained';
import { chartActivity } from '../analyze/activity';
import type { FileContent } from '../ingest/content';
import { ingest } from '../ingest';
import type { IngestedFile, IngestLimits } from '../ingest/types';
import { parseFiles, type ParseFilesOptions } from '../parse/parse-files';
import { FactStore } from '../records/fact-store';
import { RecordStore } from '../records/store';
import { msg, renderAnalysis, type AnalysisMessage } from '../../shared/i18n/analysis';
import { fillDeferredEvidence } from './evidence-text';
import { TOOL_VERSION } from './version';
import { detectVms } from './vms';
import { reasoningRoots, rootName, rootsOf } from '../ingest/roots';

/** What the engineer says about the failed job: the portal's code and when the job failed (ISO). */
export interface DiagnoseOptions {
  portalCode?: string;
  failedAt?: string;
  /**
   * false: no timeline (an empty list), for a caller that shows none. The CLI's `analyze` writes no timeline in any
   * format; its error lane alone walked every fact of a kind that can be an error (the 10,000-task extension.log's
   * 200,000 milestones) and read its evidence lines from the files again.
   */
  timeline?: boolean;
}

/** The engineer's statements, the ingest's limits, and the parse's options (signal, progress, workers, windows). */
export interface AnalyzeOptions extends DiagnoseOptions, ParseFilesOptions {
  limits?: Partial<IngestLimits>;
  /** Analyse only the files under this root (a `multipleVms.vms[].root`): one VM of a bundle that holds two. */
  vmRoot?: string;
}

/** An analysed bundle: the result plus what the log viewer needs to read records lazily. */
export interface AnalysisSession {
  result: AnalysisResult;
  records: RecordStore;
  files: { vmPath: string; content: FileContent }[];
  /** Diagnoses the parsed bundle again with another portal code or failure time, without reading it again. */
  rediagnose(opts: DiagnoseOptions, signal?: AbortSignal): Promise<AnalysisResult>;
}

/** Nothing of the inputs could be read: `message` in English (the CLI's and the worker's), `note` in any language. */
export class NoInputError extends Error {
  constructor(readonly note: Extract<AnalysisMessage, { key: 'pipeline.no-input' | 'pipeline.no-vm-root' }>) {
    super(renderAnalysis(note, 'en'));
  }
}

/**
 * The whole pipeline, one way: sources → files → records/facts → timeline + findings.
 * Used in-process by the CLI and inside the analysis worker by the app.
 */
export async function analyzeBundle(paths: readonly BundleInput[], opts: AnalyzeOptions = {}): Promise<AnalysisSession> {
  const started = Date.now();
  const { signal, onProgress } = opts;
  onProgress?.({ phase: 'reading', message: `Reading ${paths.length} input${paths.length === 1 ? '' : 's'}…`, fraction: 0 });
  const root = opts.vmRoot === undefined ? undefined : rootFilter(opts.vmRoot);
  const ingested = await ingest(paths, { limits: opts.limits, signal, onProgress, keep: root?.keep });
  if (root && ingested.files.length === 0) throw new NoInputError(msg('pipeline.no-vm-root', { root: root.root, roots: [...root.seen].sort() }));
  if (ingested.files.length === 0 && ingested.inputs.every((i) => i.warnings.length > 0)) {
    throw new NoInputError(msg('pipeline.no-input', { reasons: ingested.inputs.flatMap((i) => i.warnings.map((text, k) => i.notes?.[k] ?? msg('line', { text }))) }));
  }
  const onlyVm = root && root.said(ingested.files.length);

  const files: BundleFile[] = ingested.files.map(({ content: _c, ...f }, id) => ({ ...f, id }));
  const contents = ingested.files.map((f) => ({ vmPath: f.vmPath, content: f.content }));
  const records = new RecordStore(contents);
  const facts = new FactStore(records, files);
  const warnings: Warning[] = [...ingested.warnings];
  const totalBytes = files.reduce((s, f) => s + f.size, 0);
  const roots = rootsOf(ingested.inputs, files);
  const relays = await parseFiles(files, ingested.files.map((f) => f.content), records, facts, { signal, onProgress, parallel: opts.parallel, splitMinBytes: opts.splitMinBytes, rangeMinBytes: opts.rangeMinBytes, rangeMinMs: opts.rangeMinMs, workerKinds: opts.workerKinds, factWindowBytes: opts.factWindowBytes, progressEveryMs: opts.progressEveryMs, release: opts.release }, roots);
  for (const f of files) warnings.push(...f.warnings);

  onProgress?.({ phase: 'analysing', message: 'Rebuilding timelines and evaluating causes…', records: records.count, files: files.length, bytes: totalBytes });
  // (a row's facts have their record's zone: a local one is already counted by the records' pass)
  // (loose files handed in together are one VM's to the clock and the rules; the names stay for the VMs' notice)
  const vmRoots = reasoningRoots(ingested.inputs, files, roots);
  const clock = inferClock(facts.objectFacts, files, records, { roots: vmRoots, fileOf: (k) => facts.objectFileOf(k), milestoneTable: facts.milestoneTable });
  // rows read their time from their record: shifting the records shifts them (the milestone table keeps its own)
  for (const [fileId, minutes] of clock.offsets) {
    records.applyOffset(fileId, minutes);
    facts.milestoneTable.applyOffset(fileId, minutes);
  }
  const shift = shiftFact(files, clock.offsets);
  if (clock.offsets.size) facts.mapObjects((f, k) => shift(f, facts.objectFileOf(k)));
  let first = Infinity;
  let last = -Infinity;
  // the newest line the VM wrote: an old failure is weighed against it (the collection's own files say when the logs
  // were taken, which a folder of the same logs does not)
  let lastOwn = -Infinity;
  const own = files.map((f) => !COLLECTION_KINDS.has(f.kind));
  // (the times a page at a time: a logs.zip's million records; a record's file only where a collection file is)
  const allOwn = own.every(Boolean);
  records.eachPage(true, (base, m, _level, time) => {
    for (let k = 0; k < m; k++) {
      const t = time[k];
      if (Number.isFinite(t)) {
        if (t < first) first = t;
        if (t > last) last = t;
        if (t > lastOwn && (allOwn || own[records.fileOf(base + k)])) lastOwn = t;
      }
    }
  });
  const multipleVms = await detectVms(roots, files, records, facts.objectFacts, relays.covered, clock.offsets);
  // more than one VM: a syslog's relayed records that only another root's waagent.log covers are its own VM's evidence
  if (multipleVms) relays.keepElsewhere(clock.offsets.size ? shift : undefined);
  const parsed: Parsed = { inputs: ingested.inputs, files, roots: vmRoots, contents, records, facts, clock, warnings, totalBytes, factCount: facts.length, span: Number.isFinite(first) ? [first, last] : null, newestOwn: lastOwn, multipleVms, onlyVm };
  const result = await diagnoseParsed(parsed, opts, started, signal);
  onProgress?.({ phase: 'done', message: 'Analysis complete', fraction: 1 });
  return { result, records, files: contents, rediagnose: (o, sig) => diagnoseParsed(parsed, o, Date.now(), sig) };
}

/** A parsed bundle: everything the diagnosis reads, kept so it can run again with other options. */
interface Parsed {
  inputs: AnalysisResult['inputs'];
  files: BundleFile[];
  /** Each file's VM root as the reasoning groups them, by file id (ingest/roots.ts reasoningRoots). */
  roots: readonly string[];
  contents: { vmPath: string; content: FileContent }[];
  records: RecordStore;
  /** The facts, clock-shifted (a FactStore's rows follow the shifted records). */
  facts: FactStore;
  clock: ReturnType<typeof inferClock>;
  /** Ingest and parse warnings (the diagnosis adds its own to a copy). */
  warnings: readonly Warning[];
  totalBytes: number;
  factCount: number;
  span: [number, number] | null;
  /** The newest time a record of the VM's own files gives (not the collection's: COLLECTION_KINDS), -Infinity when none. */
  newestOwn: number;
  /** The bundle holds more than one VM's logs: every finding is capped at low. */
  multipleVms?: AnalysisResult['multipleVms'];
  onlyVm?: AnalysisResult['onlyVm'];
}

async function diagnoseParsed(p: Parsed, opts: DiagnoseOptions, started: number, signal?: AbortSignal): Promise<AnalysisResult> {
  const { files, records, facts } = p;
  const warnings = [...p.warnings];
  // the engineer may paste the job's error message instead of its code
  const portalCode = resolvePortalCode(opts.portalCode);
  const failedAt = opts.failedAt && Number.isFinite(Date.parse(opts.failedAt)) ? new Date(opts.failedAt).toISOString() : undefined;
  const parts = diagnose(facts, files, p.clock, { portalCode, failedAt, capAtLow: !!p.multipleVms, roots: p.roots, ...(Number.isFinite(p.newestOwn) ? { newestLine: p.newestOwn } : {}), ...(opts.timeline === false ? { timeline: false } : {}) });
  const result: AnalysisResult = {
    schemaVersion: 1,
    tool: { name: 'vmbackup-doctor', version: TOOL_VERSION },
    analyzedAt: new Date().toISOString(),
    ...(portalCode ? { portalCode } : {}),
    ...(failedAt ? { failedAt } : {}),
    inputs: p.inputs,
    files,
    ...parts,
    unexplained: await findUnexplained(records, files, facts, parts.snapshots, parts.findings, signal),
    activity: chartActivity(records, facts),
    vm: {
      ...parts.vm,
      ...(p.span ? { firstRecord: new Date(p.span[0]).toISOString(), lastRecord: new Date(p.span[1]).toISOString() } : {}),
    },
    ...(p.multipleVms ? { multipleVms: p.multipleVms } : {}),
    ...(p.onlyVm ? { onlyVm: p.onlyVm } : {}),
    warnings,
    stats: { records: records.count, facts: p.factCount, bytes: p.totalBytes, durationMs: Date.now() - started },
  };
  // evidence from big logs points into the files (Evidence.textAt): read the lines that made it into the result
  for (const note of await fillDeferredEvidence(result, p.contents)) warnings.push({ message: renderAnalysis(note, 'en'), note });
  result.stats.durationMs = Date.now() - started;
  return result;
}

/**
 * Applies inferred clock offsets to a fact from a local-time source (a new object; parsers' facts stay as read), by the
 * id of the file it was read from (-1: the one file at its VM path, none where two roots share it).
 */
function shiftFact(files: readonly BundleFile[], offsets: Map<number, number>): (f: Fact, fileId: number) => Fact {
  const fileOf = factFiles(files);
  return (f, fileId) => {
    if (f.at.zone !== 'local' || !Number.isFinite(f.timeMs)) return f;
    const off = offsets.get(fileId >= 0 ? fileId : fileOf(f, -1));
    if (off === undefined) return f;
    const timeMs = f.timeMs - off * 60_000;
    return { ...f, timeMs, at: { ...f.at, time: new Date(timeMs).toISOString(), zone: 'local-inferred' } } as Fact;
  };
}

/**
 * The ingest's filter for one VM of a bundle that holds two: the files under `root` (ingest/roots.ts rootName, the
 * roots `multipleVms` names). It counts what it was asked about and keeps the roots it saw, to say how many files the
 * result left out, or which roots there are when none is `root`.
 */
function rootFilter(root: string) {
  const seen = new Set<string>();
  let of = 0;
  return {
    root,
    seen,
    keep: (inputPath: string, f: IngestedFile) => {
      of++;
      const r = rootName(inputPath, f);
      seen.add(r);
      return r === root;
    },
    said: (files: number): OnlyVm => {
      const note = msg('pipeline.only-vm', { root, files, of });
      return { root, files, of, message: renderAnalysis(note, 'en'), messageNl: renderAnalysis(note, 'nl') };
    },
  };
}
