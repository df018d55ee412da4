import type {
  BundleFile,
  Evidence,
  PhaseName,
  PhaseResult,
  SnapshotMilestoneFact,
  SnapshotMilestoneRef,
  SnapshotPhase,
  SnapshotResult,
  SnapshotStatusFact,
  SnapshotTask,
} from '../../../shared';
import { isSuccessCode, statusNameOf } from '../../../shared/vmsnapshot-codes';
import { UNKNOWN_TASK_ID } from '../../../shared/model/analysis';
import { isoTime } from '../../../shared/time';
import type { FactIndex } from '../facts-index';
import { detailOf, msg, renderAnalysis, type AnalysisMessage, type TaskRef } from '../../../shared/i18n/analysis';

/**
 * Snapshot tasks (backup jobs) rebuilt from the Backup extension's milestones and status files
 * (docs/formats.md "extension.log", "Extension status files"). A task is keyed by its taskId (logged by the enable, echoed in the
 * daemon's status JSON and the status file), else by its sequence number; the enable run and the
 * daemon run of one job therefore land in one task, while a re-delivered (duplicate) enable becomes
 * a `skipped` task of its own.
 */

const MAX_MILESTONES = 200;
/** A task whose last line is this close to the newest evidence may still be running at collection. */
const IN_PROGRESS_WINDOW_MS = 2 * 3600_000;

interface Group {
  key: string;
  taskId?: string;
  seqNo?: number;
  facts: SnapshotMilestoneFact[];
  statuses: SnapshotStatusFact[];
  skipped: boolean;
}

const FAILURES = new Set(['freeze-failed', 'snapshot-failed', 'crp-timeout', 'prescript-failed', 'postscript-failed', 'exception', 'certificate', 'status-write-failed']);

/** A text of a task or phase: its English (the JSON's) and its Dutch when it is the app's own words, not a log's. */
interface Said {
  en: string;
  nl?: string;
}

/** A milestone's detail: the Dutch of the parser's message when it gave one (a quoted log text has none). */
function said(f: SnapshotMilestoneFact | undefined): Said | undefined {
  if (f?.detail === undefined) return undefined;
  return f.note ? { en: f.detail, nl: renderAnalysis(f.note, 'nl') } : { en: f.detail };
}

/** A status name or other code: the same in every language. */
const asIs = (name: string | undefined): Said | undefined => (name === undefined ? undefined : { en: name });

const ours = (m: AnalysisMessage): Said => ({ en: renderAnalysis(m, 'en'), nl: renderAnalysis(m, 'nl') });

function milestoneRef(f: SnapshotMilestoneFact): SnapshotMilestoneRef {
  return { name: f.milestone, time: f.at.time, file: f.at.file, line: f.at.line, text: f.at.text };
}

function t(f: { timeMs: number }): number {
  return Number.isFinite(f.timeMs) ? f.timeMs : NaN;
}

function iso(ms: number): string | null {
  return Number.isFinite(ms) ? isoTime(ms) : null;
}

/** `${file}#${run}` of a milestone's handler run; consecutive milestones of one run share one string. */
function runKeys(): (f: SnapshotMilestoneFact) => string {
  let file: string | undefined;
  let run: number | undefined;
  let key = '';
  return (f) => {
    const r = f.run ?? 0;
    if (f.at.file !== file || r !== run) {
      file = f.at.file;
      run = r;
      key = `${file}#${r}`;
    }
    return key;
  };
}

/**
 * Where a line stands in its log's history. A rotated log (`extension.log.1`, then `extension.log`) is one
 * stream, oldest file first (ingest's order), so a task that logrotate cut in two stays one task; other files
 * are streams of their own, ordered by path as before.
 */
interface Streams {
  stream(file: string): string;
  compare(a: { at: { file: string; line: number } }, b: { at: { file: string; line: number } }): number;
}

function streamsOf(files: readonly BundleFile[]): Streams {
  const info = new Map<string, { stream: string; rank: number }>();
  files.forEach((f, rank) => info.set(f.vmPath, { stream: f.rotation?.group ?? f.vmPath, rank }));
  const stream = (file: string) => info.get(file)?.stream ?? file;
  return {
    stream,
    compare(a, b) {
      if (a.at.file === b.at.file) return a.at.line - b.at.line;
      const sa = stream(a.at.file);
      const sb = stream(b.at.file);
      if (sa !== sb) return sa < sb ? -1 : 1;
      return (info.get(a.at.file)?.rank ?? 0) - (info.get(b.at.file)?.rank ?? 0);
    },
  };
}

/** `into.push(...items)` without spreading (a spread of 100k+ items overflows the call stack). */
function pushAll<T>(into: T[], items: readonly T[]): void {
  for (const x of items) into.push(x);
}

/** `files`: the bundle's files in ingest order (rotated logs oldest first), to read a rotated log as one history. */
export function buildSnapshotTasks(facts: FactIndex, files: readonly BundleFile[] = []): SnapshotTask[] {
  const streams = streamsOf(files);
  const milestones = [...facts.of('snapshot-milestone')];
  const statuses = facts.of('snapshot-status');
  // order within a log is write order; keep it for the run split below
  milestones.sort(streams.compare);

  const seqToTask = new Map<number, string>();
  for (const f of milestones) if (f.taskId && f.seqNo !== undefined && !seqToTask.has(f.seqNo)) seqToTask.set(f.seqNo, f.taskId);
  for (const s of statuses) if (s.taskId && s.seqNo !== undefined && !seqToTask.has(s.seqNo)) seqToTask.set(s.seqNo, s.taskId);

  // Runs that declared themselves duplicates are kept apart.
  const duplicateRuns = new Set<string>();
  const runKeyOf = runKeys();
  for (const f of milestones) if (f.milestone === 'duplicate-seq' || f.milestone === 'duplicate-task') duplicateRuns.add(runKeyOf(f));

  const groups = new Map<string, Group>();
  const groupFor = (key: string, taskId: string | undefined, seqNo: number | undefined, skipped = false): Group => {
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, taskId, seqNo, facts: [], statuses: [], skipped }));
    if (!g.taskId && taskId) g.taskId = taskId;
    if (g.seqNo === undefined && seqNo !== undefined) g.seqNo = seqNo;
    return g;
  };
  let lastKey: string | undefined;
  // Lines without an identity yet (a run's first context parse, or a pasted excerpt) join the next
  // task of the same file; what is left at the end is a task of its own ("unknown").
  let pending: SnapshotMilestoneFact[] = [];
  // What each log had left without an identity: a task of that log's own (an untimed VSS failure in an event export
  // is not the same run as an untimed plugin log's success beside it).
  const leftovers: SnapshotMilestoneFact[][] = [];
  const flush = () => {
    if (pending.some((f) => f.milestone !== 'extension-version' && f.milestone !== 'sequence-number')) leftovers.push(pending);
    pending = [];
  };
  // A rotated log's newer file starts inside the run the older one ended with: its lines before the file's first
  // handler start (run 0) continue that run's task.
  const firstFileOf = new Map<string, string>();
  const lastKeyOf = new Map<string, string>();
  for (const f of milestones) {
    const runKey = runKeyOf(f);
    const stream = streams.stream(f.at.file);
    if (!firstFileOf.has(stream)) firstFileOf.set(stream, f.at.file);
    const continued = !f.run && firstFileOf.get(stream) !== f.at.file ? lastKeyOf.get(stream) : undefined;
    const taskId = f.taskId ?? (f.seqNo !== undefined ? seqToTask.get(f.seqNo) : undefined) ?? (continued && groups.get(continued)?.taskId);
    if (duplicateRuns.has(runKey)) {
      groupFor(`dup:${runKey}`, taskId, f.seqNo, true).facts.push(f);
      continue;
    }
    const sameStream = (g: SnapshotMilestoneFact | undefined) => g !== undefined && streams.stream(g.at.file) === streams.stream(f.at.file);
    const key = taskId ?? continued ?? (f.seqNo !== undefined ? `seq-${f.seqNo}` : sameStream(pending[0]) || pending.length === 0 ? undefined : lastKey);
    if (!key) {
      if (pending.length && !sameStream(pending[0])) flush();
      pending.push(f);
      continue;
    }
    const g = groupFor(key, taskId, f.seqNo);
    if (pending.length) {
      if (sameStream(pending[0])) pushAll(g.facts, pending);
      else flush();
      pending = [];
    }
    g.facts.push(f);
    lastKey = key;
    lastKeyOf.set(stream, key);
  }
  flush();
  leftovers.forEach((left, i) => pushAll(groupFor(i === 0 ? UNKNOWN_TASK_ID : `${UNKNOWN_TASK_ID}:${streams.stream(left[0].at.file)}`, UNKNOWN_TASK_ID, undefined).facts, left));
  for (const s of statuses) {
    const key = s.taskId ?? (s.seqNo !== undefined ? (seqToTask.get(s.seqNo) ?? `seq-${s.seqNo}`) : undefined);
    if (key) groupFor(key, s.taskId, s.seqNo).statuses.push(s);
  }

  const newest = facts.newestTime();

  const built = [...groups.values()].map((g) => toTask(g, streams));
  // the same comparator on start times parsed once per task (not twice per comparison)
  const startOf = new Map(built.map((task) => [task, Date.parse(task.start ?? '') || Infinity]));
  const tasks = built.sort((a, b) => startOf.get(a)! - startOf.get(b)!);
  // Only the last task can still be running; earlier ones without a final status did not finish.
  tasks.forEach((task, i) => {
    if (task.result !== 'in-progress') return;
    const last = Date.parse(task.end ?? task.start ?? '');
    if (i < tasks.length - 1 || !(newest - last <= IN_PROGRESS_WINDOW_MS)) {
      task.result = 'unfinished';
      if (task.unfinishedReason === undefined) Object.assign(task, unfinishedText(msg(i < tasks.length - 1 ? 'snapshot.unfinished.next-task' : 'snapshot.unfinished.logs-continue')));
    }
  });
  return tasks;
}

function toTask(g: Group, streams: Streams): SnapshotTask {
  const fs = [...g.facts].sort((a, b) => (Number.isFinite(a.timeMs) && Number.isFinite(b.timeMs) ? a.timeMs - b.timeMs : streams.compare(a, b)));
  const first = (name: string) => fs.find((f) => f.milestone === name);
  const last = (name: string) => [...fs].reverse().find((f) => f.milestone === name);
  const all = (name: string) => fs.filter((f) => f.milestone === name);
  const status = [...g.statuses].sort((a, b) => a.timeMs - b.timeMs).pop();

  const finals = all('final-status');
  const final = finals[finals.length - 1];
  const failures = fs.filter((f) => FAILURES.has(f.milestone) && !(f.milestone === 'prescript-failed' && f.code === 316));
  const requested = first('command-start-time')?.requestedStart ?? status?.requestedStart;

  let start = NaN;
  let end = NaN;
  // `cwd is …` opens every handler run, before that run's `starting enable`, so it can land on the
  // previous task: it says which build ran, not when this task worked, and never bounds it.
  const timed = fs.filter((f) => f.milestone !== 'extension-version');
  for (const f of timed) {
    // a local time whose offset could not be inferred would move the task by hours: bound it by the rest
    const x = f.at.zone === 'local' ? NaN : t(f);
    if (!Number.isFinite(x)) continue;
    if (!(x >= start)) start = Number.isFinite(start) ? Math.min(start, x) : x;
    if (!(x <= end)) end = Number.isFinite(end) ? Math.max(end, x) : x;
  }
  if (!Number.isFinite(start)) {
    // only unanchored local times: better a wall-clock task than none
    for (const f of timed) {
      const x = t(f);
      if (!Number.isFinite(x)) continue;
      start = Number.isFinite(start) ? Math.min(start, x) : x;
      end = Number.isFinite(end) ? Math.max(end, x) : x;
    }
  }
  if (status && Number.isFinite(status.timeMs)) {
    if (!Number.isFinite(start)) start = status.timeMs;
    if (!Number.isFinite(end) || status.timeMs > end) end = status.timeMs;
  }

  // result
  let result: SnapshotResult = 'unknown';
  let code: number | undefined;
  let unfinished: AnalysisMessage | undefined;
  let message: Said | undefined;
  if (g.skipped) {
    result = 'skipped';
  } else if (final) {
    code = final.code;
    message = said(final);
    result = code !== undefined && isSuccessCode(code) && final.status !== 'error' ? 'success' : 'failed';
  } else if (status && status.effectiveStatus !== 'in-progress' && status.effectiveStatus !== 'unknown') {
    code = status.code;
    message = { en: status.message };
    result = status.effectiveStatus === 'success' ? 'success' : 'failed';
  } else {
    const signals = last('freeze-signals');
    // written after the signals line: by time where both times differ (a merged or re-sorted log's line order is not
    // write order), else by position in the log
    const later = (f: SnapshotMilestoneFact, s: SnapshotMilestoneFact) => (Number.isFinite(f.timeMs) && Number.isFinite(s.timeMs) && f.timeMs !== s.timeMs ? f.timeMs > s.timeMs : streams.compare(f, s) > 0);
    const after = signals ? fs.filter((f) => streams.stream(f.at.file) === streams.stream(signals.at.file) && later(f, signals)) : [];
    const writeFailed = last('status-write-failed');
    if (signals && after.length === 0) {
      result = 'unfinished';
      unfinished = msg('snapshot.unfinished.frozen');
      code = 4;
    } else if (writeFailed) {
      result = 'failed';
      code = writeFailed.code;
      unfinished = msg('snapshot.unfinished.status-not-written', writeFailed.detail !== undefined ? { detail: detailOf(writeFailed) } : {});
    } else if (failures.length > 0) {
      result = 'failed';
      code = failures[failures.length - 1].code;
    } else if (first('enable-start') && !first('daemon-start') && first('transitioning')) {
      result = 'in-progress';
      unfinished = msg('snapshot.unfinished.no-daemon');
      code = 4;
    } else if (first('daemon-start') || first('transitioning') || status?.effectiveStatus === 'in-progress') {
      result = 'in-progress';
      code = 4;
    }
  }
  if (code !== undefined && !isSuccessCode(code) && code !== 4 && failures.length > 0 && (code === 2 || code === undefined)) {
    // generic `error` (2): the specific failure milestone says more
    const specific = failures.find((f) => f.code !== undefined && f.code !== 2);
    if (specific && !message?.en) message = said(specific);
  }
  const statusName = failures.find((f) => f.code === code && f.statusName)?.statusName ?? final?.statusName ?? statusNameOf(code);

  // snapshot path and disks
  const pathFact = fs.find((f) => (f.milestone === 'snapshot-start' || f.milestone === 'snapshot-disk' || f.milestone === 'snapshot-duration' || f.milestone === 'flow-selected') && f.path && f.path !== 'unknown');
  const disks: SnapshotTask['disks'] = [];
  for (const d of all('snapshot-disk')) disks.push({ disk: d.disk ?? `disk ${disks.length + 1}`, ok: d.ok ?? null, ...(d.detail ? { detail: d.detail } : {}) });
  if (disks.length === 0 && status?.disks) {
    status.disks.forEach((d, i) => disks.push({ disk: d.snapshotUri?.split('?')[0] ?? `disk ${i + 1}`, ok: d.isSuccessful ?? null, ...(d.errorMessage ? { detail: d.errorMessage } : {}) }));
  }

  const versionFact = last('extension-version');
  const milestones = fs.slice(0, MAX_MILESTONES).map(milestoneRef);
  const task: SnapshotTask = {
    taskId: g.taskId ?? g.key,
    ...(g.seqNo !== undefined ? { seqNo: g.seqNo } : {}),
    ...(requested ? { requestedStart: requested } : {}),
    start: iso(start),
    end: iso(end),
    ...(Number.isFinite(start) && Number.isFinite(end) ? { durationMs: end - start } : {}),
    result,
    ...(code !== undefined ? { code } : {}),
    ...(statusName ? { statusName } : {}),
    ...(message?.en ? { message: message.en, ...(message.nl !== undefined ? { messageNl: message.nl } : {}) } : {}),
    ...(pathFact?.path ? { snapshotPath: pathFact.path } : {}),
    disks,
    phases: buildPhases(fs, result, final),
    milestones,
    ...(unfinished ? unfinishedText(unfinished) : {}),
    ...(versionFact?.extensionVersion ? { extensionVersion: versionFact.extensionVersion } : status?.handlerVersion ? { extensionVersion: status.handlerVersion } : {}),
  };
  return task;
}

function phase(name: PhaseName, s: SnapshotMilestoneFact | undefined, e: SnapshotMilestoneFact | undefined, result: PhaseResult, detail?: Said): SnapshotPhase {
  const a = s && Number.isFinite(s.timeMs) ? s.timeMs : NaN;
  const b = e && Number.isFinite(e.timeMs) ? e.timeMs : NaN;
  const p = { name } as SnapshotPhase;
  if (Number.isFinite(a)) p.start = isoTime(a);
  if (Number.isFinite(b)) p.end = isoTime(b);
  if (Number.isFinite(a) && Number.isFinite(b) && b >= a) p.durationMs = b - a;
  p.result = result;
  if (detail?.en) {
    p.detail = detail.en;
    if (detail.nl !== undefined) p.detailNl = detail.nl;
  }
  return p;
}

/** Phases in order, each coloured by what its milestones say. */
function buildPhases(fs: SnapshotMilestoneFact[], taskResult: SnapshotResult, final: SnapshotMilestoneFact | undefined): SnapshotPhase[] {
  const first = (...names: string[]) => fs.find((f) => names.includes(f.milestone));
  const last = (...names: string[]) => [...fs].reverse().find((f) => names.includes(f.milestone));
  const phases: SnapshotPhase[] = [];
  const unfinished = taskResult === 'unfinished' || taskResult === 'in-progress';

  const enable = first('enable-start');
  if (enable) phases.push(phase('enable', enable, first('daemon-start', 'transitioning') ?? enable, taskResult === 'skipped' ? 'skipped' : 'ok'));

  const pre = first('prescript-start');
  const preFail = first('prescript-failed');
  if (pre || (preFail && preFail.code !== 316)) {
    phases.push(phase('pre-script', pre ?? preFail, preFail ?? last('prescript-end'), preFail ? (preFail.code === 308 || preFail.code === 310 ? 'timed-out' : 'failed') : last('prescript-end') ? 'ok' : unfinished ? 'unfinished' : 'unknown', said(preFail) ?? asIs(preFail?.statusName)));
  }

  const fStart = first('freeze-start', 'freeze-signals');
  const fFail = first('freeze-failed');
  const frozen = first('frozen');
  if (fStart || fFail) {
    const res: PhaseResult = fFail ? (fFail.code === 122 ? 'timed-out' : 'failed') : frozen ? 'ok' : unfinished ? 'unfinished' : 'unknown';
    phases.push(phase('freeze', fStart ?? fFail, fFail ?? frozen, res, asIs(fFail?.statusName) ?? said(fFail)));
  }

  const sStart = first('snapshot-start');
  const sFail = first('snapshot-failed');
  const sEnd = last('snapshot-end');
  const diskFail = fs.find((f) => f.milestone === 'snapshot-disk' && f.ok === false);
  if (sStart || sFail || sEnd) {
    const res: PhaseResult = sFail || diskFail ? 'failed' : sEnd ? 'ok' : unfinished ? 'unfinished' : 'unknown';
    phases.push(phase('snapshot', sStart ?? sFail, sEnd ?? sFail, res, asIs(sFail?.statusName) ?? said(sFail) ?? said(diskFail)));
  } else if (fFail) {
    phases.push(phase('snapshot', undefined, undefined, 'skipped', ours(msg('phase.not-taken'))));
  }

  const thaw = first('thaw-start');
  const thawRes = last('thaw-result');
  if (thaw || thawRes) phases.push(phase('thaw', thaw ?? thawRes, thawRes, thawRes ? (thawRes.ok === false ? 'failed' : 'ok') : unfinished ? 'unfinished' : 'unknown', said(thawRes)));

  const post = first('postscript-start');
  const postFail = first('postscript-failed');
  if (post || postFail) phases.push(phase('post-script', post ?? postFail, postFail ?? last('postscript-end'), postFail ? (postFail.code === 309 || postFail.code === 311 ? 'timed-out' : 'failed') : last('postscript-end') ? 'ok' : 'unknown', asIs(postFail?.statusName)));

  const trans = first('transitioning');
  if (final) phases.push(phase('status', trans ?? final, final, final.code !== undefined && isSuccessCode(final.code) ? 'ok' : 'failed', ours(msg('phase.code', { ...(final.code !== undefined ? { code: final.code } : {}), ...(final.statusName ? { statusName: final.statusName } : {}) }))));
  else if (trans) phases.push(phase('status', trans, undefined, unfinished ? 'unfinished' : taskResult === 'failed' ? 'failed' : 'unknown', ours(msg('phase.no-final-status'))));
  return phases;
}

/** Why a task did not finish, in English and Dutch (the result's `unfinishedReason`, `unfinishedReasonNl`). */
function unfinishedText(m: AnalysisMessage): Pick<SnapshotTask, 'unfinishedReason' | 'unfinishedReasonNl'> {
  return { unfinishedReason: renderAnalysis(m, 'en'), unfinishedReasonNl: renderAnalysis(m, 'nl') };
}

// ---- helpers the snapshot rules share (analyze/rules/{fsfreeze-failed,storage-unreachable,...}.ts) ----

/** The milestone lines of a task as evidence, in task order. */
export function taskEvidence(task: SnapshotTask, pick: (m: SnapshotMilestoneRef) => boolean, max = 12): Evidence[] {
  const out: Evidence[] = [];
  for (const m of task.milestones) {
    if (!pick(m)) continue;
    out.push({ file: m.file, line: m.line, time: m.time, text: m.text });
    if (out.length >= max) break;
  }
  return out;
}

/** How a task is named in a rule's reason (the catalogue words it: shared/i18n/analysis.ts). */
export function taskRef(task: SnapshotTask): TaskRef {
  return { taskId: task.taskId, ...(task.seqNo !== undefined ? { seqNo: task.seqNo } : {}), ...(task.start ? { start: task.start } : {}) };
}

/** Whether the bundle shows the Backup extension at all (its log or a status file). */
export function hasSnapshotEvidence(facts: FactIndex, hasLog: boolean): boolean {
  return hasLog || facts.has('snapshot-status') || facts.has('snapshot-milestone');
}

export const NO_SNAPSHOT_LOGS = msg('snapshot.no-logs');

/** The kind of evidence a task's own failure is: decisive for the failed task at hand, strong for another one. */
export function taskStrength(task: SnapshotTask, lastFailed: SnapshotTask | undefined): 'decisive' | 'strong' {
  return lastFailed && lastFailed.taskId === task.taskId ? 'decisive' : 'strong';
}

/** Confidence for "this task failed this way": the latest failure without later success is the strongest. */
export function taskConfidence(task: SnapshotTask, tasks: readonly SnapshotTask[], lastFailed: SnapshotTask | undefined): 'high' | 'medium' | 'low' {
  const laterSuccess = laterSuccessOf(tasks, task);
  if (lastFailed && lastFailed.taskId === task.taskId) return laterSuccess ? 'medium' : 'high';
  return laterSuccess ? 'low' : 'medium';
}

/**
 * Whether a task after `task` in `tasks` succeeded (false for a task not in the list, as for the last one).
 * Rules ask this for every failed task: the answer for all of them is worked out once per task list (built
 * tasks are final; a list that changed length is worked out again).
 */
function laterSuccessOf(tasks: readonly SnapshotTask[], task: SnapshotTask): boolean {
  let memo = laterSuccessMemo.get(tasks);
  if (!memo || memo.length !== tasks.length) {
    const index = new Map<SnapshotTask, number>();
    const after = new Array<boolean>(tasks.length + 1).fill(false);
    for (let i = tasks.length - 1; i >= 0; i--) {
      after[i] = after[i + 1] || tasks[i + 1]?.result === 'success';
      index.set(tasks[i], i); // walking down: a task listed twice keeps its first place, as indexOf does
    }
    memo = { length: tasks.length, index, after };
    laterSuccessMemo.set(tasks, memo);
  }
  const i = memo.index.get(task);
  // not in the list: indexOf gives -1, and every task of the list counts as later
  return i === undefined ? tasks.some((t) => t.result === 'success') : memo.after[i];
}
const laterSuccessMemo = new WeakMap<readonly SnapshotTask[], { length: number; index: Map<SnapshotTask, number>; after: boolean[] }>();

/** The status-file line that reported a task, if the bundle has it. */
export function statusEvidence(facts: FactIndex, task: SnapshotTask): Evidence[] {
  const statuses = facts.of('snapshot-status');
  let memo = statusMemo.get(statuses);
  if (!memo || memo.length !== statuses.length) {
    // the last status of each taskId and of each seqNo, by position
    const byTask = new Map<string, number>();
    const bySeq = new Map<number, number>();
    statuses.forEach((x, i) => {
      if (x.taskId) byTask.set(x.taskId, i);
      if (x.seqNo !== undefined && !Number.isNaN(x.seqNo)) bySeq.set(x.seqNo, i); // NaN equals no seqNo
    });
    memo = { length: statuses.length, byTask, bySeq };
    statusMemo.set(statuses, memo);
  }
  const i = Math.max(memo.byTask.get(task.taskId) ?? -1, task.seqNo !== undefined ? (memo.bySeq.get(task.seqNo) ?? -1) : -1);
  return i >= 0 ? [statuses[i].at] : [];
}
const statusMemo = new WeakMap<readonly SnapshotStatusFact[], { length: number; byTask: Map<string, number>; bySeq: Map<number, number> }>();
