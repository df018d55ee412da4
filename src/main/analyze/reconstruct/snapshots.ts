import type {
  CodeFrom,
  BundleFile,
  Evidence,
  PhaseName,
  PhaseResult,
  SnapshotMilestone,
  SnapshotMilestoneFact,
  SnapshotMilestoneRef,
  SnapshotPhase,
  SnapshotResult,
  SnapshotStatusFact,
  SnapshotTask,
  UnfinishedCode,
} from '../../../shared';
import { isSuccessCode, statusNameOf } from '../../../shared/vmsnapshot-codes';
import { UNKNOWN_TASK_ID } from '../../../shared/model/analysis';
import { isoTime } from '../../../shared/time';
import { redactedRefs } from '../../../shared/redact';
import { keepMilestoneRows, milestoneCount, milestoneEvidence, milestoneName, type MilestoneRows } from '../../../shared/model/task-milestones';
import type { FactIndex } from '../facts-index';
import type { FactStore } from '../../records/fact-store';
import { TableRows, type MilestoneTable } from '../../records/milestones';
import { detailOf, msg, renderAnalysis, type AnalysisMessage, type CodeSaid, type TaskRef } from '../../../shared/i18n/analysis';

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
  /** Its milestones, as positions in the Milestones' columns. */
  marks: number[];
  statuses: SnapshotStatusFact[];
  skipped: boolean;
}

const FAILURES = new Set(['freeze-failed', 'snapshot-failed', 'crp-timeout', 'prescript-failed', 'postscript-failed', 'exception', 'certificate', 'status-write-failed']);

/** A code per milestone name, given as names are met (a name the type does not list gets one too). */
const MILESTONE_CODES = new Map<string, number>();
const MILESTONE_NAMES: string[] = [];
function milestoneCode(name: string): number {
  let c = MILESTONE_CODES.get(name);
  if (c === undefined) {
    MILESTONE_CODES.set(name, (c = MILESTONE_NAMES.length));
    MILESTONE_NAMES.push(name);
  }
  return c;
}
const FAILURE_CODES = new Set([...FAILURES].map(milestoneCode));
const PRESCRIPT_FAILED = milestoneCode('prescript-failed');
/** The milestones that may name the snapshot path, by code. */
const PATH_CODES = new Set(['snapshot-start', 'snapshot-disk', 'snapshot-duration', 'flow-selected'].map(milestoneCode));

/**
 * The milestones of a bundle as columns, each value read once: from the FactStore's milestone table (the
 * extension.log's, records/milestones.ts) with no fact built, else from its fact (a Windows log's, or facts given as a
 * list). A task asks its ~20 milestones some 40 questions; `fact(i)` builds a table row's fact for the few it cites
 * (the bench's 10,000-task extension.log has 200,000 milestones: built and kept, they were most of its parse's cost).
 */
class Milestones {
  readonly length: number;
  readonly code: Uint16Array;
  readonly time: Float64Array;
  /** 1 where the evidence's zone is `local`. */
  readonly local: Uint8Array;
  /** The evidence's file as an id, the same id for the same path. */
  readonly file: Int32Array;
  readonly line: Float64Array;
  /** The file's stream (Streams below) as its place among the streams' names in string order. */
  readonly stream: Int32Array;
  /** The file's place in the bundle (ingest order), 0 for a file not in it. */
  readonly rank: Int32Array;
  readonly fileNames: string[] = [];
  /** The streams' names by id, in string order. */
  readonly streamNames: string[];
  /** Facts given as a list (no FactStore), by position. */
  private readonly list: readonly SnapshotMilestoneFact[] | null;
  private readonly store: FactStore | null;
  private readonly pos: Uint32Array;
  /** The table row of each, -1 for an object fact. */
  private readonly row: Int32Array;
  private readonly table: MilestoneTable | null;

  constructor(facts: FactIndex, files: readonly BundleFile[]) {
    const where = facts;
    const inStore = facts.storePositions('snapshot-milestone');
    this.store = inStore?.store ?? null;
    this.table = this.store?.milestoneTable ?? null;
    this.pos = inStore?.pos ?? new Uint32Array(0);
    this.list = inStore ? null : facts.of('snapshot-milestone');
    const n = (this.length = this.list ? this.list.length : this.pos.length);
    this.code = new Uint16Array(n);
    this.time = new Float64Array(n);
    this.local = new Uint8Array(n);
    this.file = new Int32Array(n);
    this.line = new Float64Array(n);
    this.stream = new Int32Array(n);
    this.rank = new Int32Array(n);
    this.row = new Int32Array(n).fill(-1);
    // A rotated log (`extension.log.1`, then `extension.log`) is one stream, oldest file first (ingest's order), so a
    // task that logrotate cut in two stays one task; other files are streams of their own, ordered by path. A file is
    // known by its id where the facts say it: two roots' `extension.log` (two VMs' trees) are two files, two streams.
    const info = new Map<string, { stream: string; rank: number }>();
    files.forEach((f, rank) => info.set(f.vmPath, { stream: f.rotation?.group ?? f.vmPath, rank }));
    const fileIds = new Map<string | number, number>();
    const names = new Set<string>();
    const streamOfFile: string[] = [];
    const rankOfFile: number[] = [];
    let last: string | number | undefined;
    let id = -1;
    const table = this.table;
    for (let i = 0; i < n; i++) {
      const r = this.store ? this.store.milestoneRowOf(this.pos[i]) : -1;
      let fid: number;
      let path: string;
      let f: SnapshotMilestoneFact | undefined;
      if (r >= 0) {
        this.row[i] = r;
        fid = table!.fileOf(r);
        path = table!.pathOf(fid);
      } else {
        f = this.fact(i);
        fid = where.fileIdOf(f.at);
        path = f.at.file;
      }
      const key = fid >= 0 ? fid : path;
      if (key !== last) {
        last = key;
        const known = fileIds.get(key);
        if (known !== undefined) id = known;
        else {
          fileIds.set(key, (id = this.fileNames.length));
          const file = fid >= 0 ? files[fid] : undefined;
          const root = fid >= 0 ? where.rootOf((f ?? table!.fact(r)).at) : undefined;
          // the same path under a second root is named with its root (a duplicate run's task id shows it)
          this.fileNames.push(names.has(path) ? `${path} (${root ?? fid})` : path);
          names.add(path);
          const x = file ? { stream: file.rotation?.group ?? file.vmPath, rank: fid } : info.get(path);
          streamOfFile.push(x ? (root === undefined ? x.stream : `${x.stream}\u0000${root}`) : path);
          rankOfFile.push(x?.rank ?? 0);
        }
      }
      if (r >= 0) {
        this.code[i] = milestoneCode(table!.nameOf(r));
        this.time[i] = table!.timeOf(r);
        this.local[i] = table!.zoneOf(r) === 'local' ? 1 : 0;
        this.line[i] = table!.lineOf(r);
      } else {
        this.code[i] = milestoneCode(f!.milestone);
        this.time[i] = f!.timeMs;
        this.local[i] = f!.at.zone === 'local' ? 1 : 0;
        this.line[i] = f!.at.line;
      }
      this.file[i] = id;
    }
    const streams = (this.streamNames = [...new Set(streamOfFile)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const place = new Map(streams.map((s, k) => [s, k]));
    const streamId = streamOfFile.map((s) => place.get(s)!);
    for (let i = 0; i < n; i++) {
      this.stream[i] = streamId[this.file[i]];
      this.rank[i] = rankOfFile[this.file[i]];
    }
  }

  /** Milestone `i`'s fact (a table row's is built now and not kept). */
  fact(i: number): SnapshotMilestoneFact {
    if (this.list) return this.list[i];
    const r = this.row[i];
    return (r >= 0 ? this.table!.fact(r) : this.store!.get(this.pos[i])) as SnapshotMilestoneFact;
  }

  /** Milestone `i`'s fact without its evidence (a table row's is built now, without its `at`, and not kept). */
  fields(i: number): MilestoneFields {
    const r = this.row[i];
    return r >= 0 ? this.table!.fields(r) : this.fact(i);
  }

  /** Field `key` of milestone `i`'s fact, without building a table row's. */
  field<F extends keyof SnapshotMilestoneFact & string>(i: number, key: F): SnapshotMilestoneFact[F] {
    const r = this.row[i];
    return (r >= 0 ? this.table!.field(r, key) : this.fact(i)[key]) as SnapshotMilestoneFact[F];
  }

  /** Log order: by line within a file, else by stream, else by the file's place in its stream. */
  readonly compare = (a: number, b: number): number => {
    if (this.file[a] === this.file[b]) return this.line[a] - this.line[b];
    if (this.stream[a] !== this.stream[b]) return this.stream[a] < this.stream[b] ? -1 : 1;
    return this.rank[a] - this.rank[b];
  };

  name(i: number): SnapshotMilestone {
    return MILESTONE_NAMES[this.code[i]] as SnapshotMilestone;
  }

  /** Its time when finite, else NaN. */
  t(i: number): number {
    return Number.isFinite(this.time[i]) ? this.time[i] : NaN;
  }

  ref(i: number): SnapshotMilestoneRef {
    const r = this.row[i];
    if (r >= 0) {
      const t = this.table!;
      return { name: this.name(i), time: t.isoOf(r), file: this.files(t.fileOf(r)), line: t.lineOf(r), text: t.textOf(r) };
    }
    const at = this.fact(i).at;
    return { name: this.name(i), time: at.time, file: at.file, line: at.line, text: at.text };
  }

  private files(fileId: number): string {
    return this.table!.pathOf(fileId);
  }

  /** Every task's table rows, one after the other (`tableRows`). */
  private rowsBuf: Int32Array | null = null;
  private rowsUsed = 0;

  /** The first `n` of `list` as rows of the milestone table, or undefined when one of them is an object fact. */
  tableRows(list: readonly number[], n: number): MilestoneRows | undefined {
    if (!this.table) return undefined;
    for (let k = 0; k < n; k++) if (this.row[list[k]] < 0) return undefined;
    // (a milestone is in one task at most: the buffer holds them all)
    const buf = (this.rowsBuf ??= new Int32Array(this.length));
    const from = this.rowsUsed;
    for (let k = 0; k < n; k++) buf[from + k] = this.row[list[k]];
    this.rowsUsed += n;
    return new TableRows(this.table, buf, from, n);
  }
}

/** What a task's result and phases read of a milestone: its fact but for its evidence. */
type MilestoneFields = Omit<SnapshotMilestoneFact, 'at'>;

/** A text of a task or phase: its English (the JSON's) and its Dutch when it is the app's own words, not a log's. */
interface Said {
  en: string;
  nl?: string;
}

/** A milestone's detail: the Dutch of the parser's message when it gave one (a quoted log text has none). */
function said(f: MilestoneFields | undefined): Said | undefined {
  if (f?.detail === undefined) return undefined;
  return f.note ? { en: f.detail, nl: renderAnalysis(f.note, 'nl') } : { en: f.detail };
}

/** A status name or other code: the same in every language. */
const asIs = (name: string | undefined): Said | undefined => (name === undefined ? undefined : { en: name });

const ours = (m: AnalysisMessage): Said => ({ en: renderAnalysis(m, 'en'), nl: renderAnalysis(m, 'nl') });

function iso(ms: number): string | null {
  return Number.isFinite(ms) ? isoTime(ms) : null;
}

/** `${file}#${run}` of a milestone's handler run; consecutive milestones of one run share one string. */
function runKeys(ms: Milestones): (i: number, run: number | undefined) => string {
  let file = -1;
  let run: number | undefined;
  let key = '';
  return (i, given) => {
    const r = given ?? 0;
    if (ms.file[i] !== file || r !== run) {
      file = ms.file[i];
      run = r;
      key = `${ms.fileNames[file]}#${r}`;
    }
    return key;
  };
}

/** `into.push(...items)` without spreading (a spread of 100k+ items overflows the call stack). */
function pushAll<T>(into: T[], items: readonly T[]): void {
  for (const x of items) into.push(x);
}

/**
 * `list.sort(compare)`, skipping the sort when no element compares below the one before it: a log's milestones come in
 * order, and the sort of such a list leaves it as it is (its first run is the whole list), whatever the comparator.
 */
function sortInPlace(list: number[], compare: (a: number, b: number) => number): number[] {
  for (let k = 1; k < list.length; k++) if (compare(list[k], list[k - 1]) < 0) return list.sort(compare);
  return list;
}

/** `files`: the bundle's files in ingest order (rotated logs oldest first), to read a rotated log as one history. */
export function buildSnapshotTasks(facts: FactIndex, files: readonly BundleFile[] = []): SnapshotTask[] {
  const ms = new Milestones(facts, files);
  const statuses = facts.of('snapshot-status');
  // order within a log is write order; keep it for the run split below
  const order = new Array<number>(ms.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  sortInPlace(order, ms.compare);
  // each fact's run, taskId and seqNo, read once (in log order)
  const runs = new Array<number | undefined>(order.length);
  const taskIds = new Array<string | undefined>(order.length);
  const seqNos = new Array<number | undefined>(order.length);
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    runs[k] = ms.field(i, 'run');
    taskIds[k] = ms.field(i, 'taskId');
    seqNos[k] = ms.field(i, 'seqNo');
  }

  const seqToTask = new Map<number, string>();
  for (let k = 0; k < order.length; k++) {
    const taskId = taskIds[k];
    const seqNo = seqNos[k];
    if (taskId && seqNo !== undefined && !seqToTask.has(seqNo)) seqToTask.set(seqNo, taskId);
  }
  for (const s of statuses) if (s.taskId && s.seqNo !== undefined && !seqToTask.has(s.seqNo)) seqToTask.set(s.seqNo, s.taskId);

  // Runs that declared themselves duplicates are kept apart.
  const duplicateRuns = new Set<string>();
  const runKeyOf = runKeys(ms);
  const dupSeq = milestoneCode('duplicate-seq');
  const dupTask = milestoneCode('duplicate-task');
  for (let k = 0; k < order.length; k++) {
    const c = ms.code[order[k]];
    if (c === dupSeq || c === dupTask) duplicateRuns.add(runKeyOf(order[k], runs[k]));
  }

  const groups = new Map<string, Group>();
  // (the last group asked for: a task's lines come together)
  let lastGroup: Group | undefined;
  const groupFor = (key: string, taskId: string | undefined, seqNo: number | undefined, skipped = false): Group => {
    let g = lastGroup !== undefined && lastGroup.key === key ? lastGroup : groups.get(key);
    if (!g) groups.set(key, (g = { key, taskId, seqNo, marks: [], statuses: [], skipped }));
    lastGroup = g;
    if (!g.taskId && taskId) g.taskId = taskId;
    if (g.seqNo === undefined && seqNo !== undefined) g.seqNo = seqNo;
    return g;
  };
  const enableStart = milestoneCode('enable-start');
  const finished = new Set([milestoneCode('final-status'), ...[...FAILURES].map(milestoneCode)]);
  const ends = new Set([enableStart, ...finished]);
  const endsRun = (j: number) => ends.has(ms.code[j]);
  // A later enable whose only identity is the sequence number its log carried over from an earlier job (an excerpt of
  // its run names none of its own) is a run of its own when that job had finished hours before: the next night's
  // backup is not the failed job's. Its lines, by stream and carried key, go to the later run's task.
  // (by stream, then key: a key made of both per line was a string built and hashed for each of 200,000 milestones)
  const laterRun = new Map<number, Map<string, string>>();
  // (read from the group's newest line back to its last run's start in this stream: one run, not the whole group)
  const finishedLongBefore = (g: Group, i: number) => {
    let last = NaN;
    for (let n = g.marks.length - 1; n >= 0; n--) {
      const j = g.marks[n];
      if (ms.stream[j] !== ms.stream[i]) continue;
      if (Number.isNaN(last) && Number.isFinite(ms.t(j))) last = ms.t(j);
      if (finished.has(ms.code[j])) return ms.t(i) - last > IN_PROGRESS_WINDOW_MS;
      if (ms.code[j] === enableStart) return false;
    }
    return false;
  };
  let lastKey: string | undefined;
  // Lines without an identity yet (a run's first context parse, or a pasted excerpt) join the next
  // task of the same file; what is left at the end is a task of its own ("unknown").
  let pending: number[] = [];
  // of the waiting lines, kept as they come (a log of 150,000 identity-less lines is read once): whether they hold a
  // run's result (its final status, a failure, the snapshot's outcome), and the time of their newest timed line
  const snapshotResult = milestoneCode('snapshot-result');
  let pendingResult = false;
  let pendingLastT = NaN;
  const wait = (i: number) => {
    pending.push(i);
    pendingResult ||= finished.has(ms.code[i]) || ms.code[i] === snapshotResult;
    if (Number.isFinite(ms.t(i))) pendingLastT = ms.t(i);
  };
  const clearPending = () => {
    pending = [];
    pendingResult = false;
    pendingLastT = NaN;
  };
  // whether line `i` comes hours after the waiting lines' result
  const finishedHoursBefore = (i: number) => pendingResult && ms.t(i) - pendingLastT > IN_PROGRESS_WINDOW_MS;
  // What each log had left without an identity: a task of that log's own (an untimed VSS failure in an event export
  // is not the same run as an untimed plugin log's success beside it).
  const leftovers: number[][] = [];
  const flush = () => {
    if (pending.some((i) => ms.name(i) !== 'extension-version' && ms.name(i) !== 'sequence-number')) leftovers.push(pending);
    clearPending();
  };
  // A rotated log's newer file starts inside the run the older one ended with: its lines before the file's first
  // handler start (run 0) continue that run's task.
  // (by stream id: the first file's id, -1 before it; the last key)
  const firstFileOf = new Int32Array(ms.streamNames.length).fill(-1);
  const lastKeyOf = new Array<string | undefined>(ms.streamNames.length);
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    const run = runs[k];
    const seqNo = seqNos[k];
    const runKey = runKeyOf(i, run);
    const stream = ms.stream[i];
    if (firstFileOf[stream] < 0) firstFileOf[stream] = ms.file[i];
    const continued = !run && firstFileOf[stream] !== ms.file[i] ? lastKeyOf[stream] : undefined;
    let taskId = taskIds[k] ?? (seqNo !== undefined ? seqToTask.get(seqNo) : undefined) ?? (continued && groups.get(continued)?.taskId);
    if (duplicateRuns.size !== 0 && duplicateRuns.has(runKey)) {
      groupFor(`dup:${runKey}`, taskId, seqNo, true).marks.push(i);
      continue;
    }
    // whether the lines waiting for a task are of this line's stream
    const pendingHere = pending.length > 0 && ms.stream[pending[0]] === stream;
    let key = taskId ?? continued ?? (seqNo !== undefined ? `seq-${seqNo}` : pendingHere || pending.length === 0 ? undefined : lastKey);
    let split = false;
    if (key !== undefined && !taskIds[k] && !continued && seqNo !== undefined) {
      let carried = laterRun.get(stream);
      const at = carried?.get(key) ?? key;
      const g = ms.code[i] === enableStart ? groups.get(at) : undefined;
      const later = g && finishedLongBefore(g, i) ? `${UNKNOWN_TASK_ID}:later#${i}` : at !== key ? at : undefined;
      if (later) {
        if (!carried) laterRun.set(stream, (carried = new Map()));
        carried.set(key, later);
        key = later;
        taskId = UNKNOWN_TASK_ID;
        split = true;
      }
    }
    if (!key) {
      // a handler start after a start or a result of its own is the next run (one plugin log holding two days' runs),
      // and so is one hours after the waiting lines (an excerpt that ends inside a run, the next night's run after it);
      // any line hours after a result is too (the night before's whole run, then an excerpt of tonight's without its start)
      if (pending.length && (!pendingHere || (ms.code[i] === enableStart && (pending.some(endsRun) || ms.t(i) - ms.t(pending[pending.length - 1]) > IN_PROGRESS_WINDOW_MS)) || finishedHoursBefore(i))) flush();
      wait(i);
      continue;
    }
    const g = groupFor(key, taskId, split ? undefined : seqNo);
    if (pending.length) {
      if (pendingHere) pushAll(g.marks, pending);
      else flush();
      clearPending();
    }
    g.marks.push(i);
    lastKey = key;
    lastKeyOf[stream] = key;
  }
  flush();
  leftovers.forEach((left, i) => {
    let key = i === 0 ? UNKNOWN_TASK_ID : `${UNKNOWN_TASK_ID}:${ms.streamNames[ms.stream[left[0]]]}`;
    if (groups.has(key)) key = `${key}#${i}`;
    pushAll(groupFor(key, UNKNOWN_TASK_ID, undefined).marks, left);
  });
  for (const s of statuses) {
    const key = s.taskId ?? (s.seqNo !== undefined ? (seqToTask.get(s.seqNo) ?? `seq-${s.seqNo}`) : undefined);
    if (key) groupFor(key, s.taskId, s.seqNo).statuses.push(s);
  }

  const newest = facts.newestLine();

  const tm = new TaskMarks(ms);
  const built = [...groups.values()].map((g) => toTask(g, tm));
  // the same comparator on start times parsed once per task (not twice per comparison)
  const startOf = new Map(built.map((task) => [task, Date.parse(task.start ?? '') || Infinity]));
  const tasks = built.sort((a, b) => startOf.get(a)! - startOf.get(b)!);
  // Only the last task can still be running; earlier ones without a final status did not finish.
  tasks.forEach((task, i) => {
    if (task.result !== 'in-progress') return;
    const last = Date.parse(task.end ?? task.start ?? '');
    if (i < tasks.length - 1 || !(newest - last <= IN_PROGRESS_WINDOW_MS)) {
      task.result = 'unfinished';
      // a last task with no time cannot be placed against the logs' end: its final status may be on a line the
      // bundle lacks (a paste cut or wrapped), so "the logs continue long after it" would be a guess
      const why = i < tasks.length - 1 ? 'next-task' : Number.isNaN(last) ? 'unplaced' : 'logs-continue';
      if (task.unfinishedReason === undefined) Object.assign(task, unfinishedText(msg(`snapshot.unfinished.${why}`)));
    }
  });
  return tasks;
}

/**
 * One task's milestones in task order and, per name, the place of its first and last one: what a search from the
 * start and one from the end answered, in one pass instead of one per question. One is reused for every task.
 */
class TaskMarks {
  /** Positions in the Milestones' columns, in task order. */
  list: number[] = [];
  private readonly firstAt: Int32Array;
  private readonly lastAt: Int32Array;
  constructor(readonly ms: Milestones) {
    this.firstAt = new Int32Array(MILESTONE_NAMES.length);
    this.lastAt = new Int32Array(MILESTONE_NAMES.length);
  }
  /** Takes this task's milestones (every code in them was given before this was made). */
  use(list: number[]): void {
    this.list = list;
    this.firstAt.fill(-1);
    this.lastAt.fill(-1);
    for (let k = 0; k < list.length; k++) {
      const c = this.ms.code[list[k]];
      if (this.firstAt[c] < 0) this.firstAt[c] = k;
      this.lastAt[c] = k;
    }
  }
  private at(name: SnapshotMilestone, of: Int32Array): number {
    const c = MILESTONE_CODES.get(name);
    // a name first met after this was made is not among the milestones
    return c === undefined || c >= of.length ? -1 : of[c];
  }
  /** The place in the list of the first milestone named `name` or `or`, -1 for none. */
  firstIndex(name: SnapshotMilestone, or?: SnapshotMilestone): number {
    const k = this.at(name, this.firstAt);
    if (or === undefined) return k;
    const x = this.at(or, this.firstAt);
    return x >= 0 && (k < 0 || x < k) ? x : k;
  }
  /** The place in the list of the last milestone named `name`, -1 for none. */
  lastIndex(name: SnapshotMilestone): number {
    return this.at(name, this.lastAt);
  }
  first(name: SnapshotMilestone, or?: SnapshotMilestone): MilestoneFields | undefined {
    const k = this.firstIndex(name, or);
    return k < 0 ? undefined : this.ms.fields(this.list[k]);
  }
  last(name: SnapshotMilestone): MilestoneFields | undefined {
    const k = this.lastIndex(name);
    return k < 0 ? undefined : this.ms.fields(this.list[k]);
  }
  /** Every milestone named `name`, in task order. */
  all(name: SnapshotMilestone): MilestoneFields[] {
    const out: MilestoneFields[] = [];
    const from = this.at(name, this.firstAt);
    if (from < 0) return out;
    const c = MILESTONE_CODES.get(name)!;
    const to = this.at(name, this.lastAt);
    for (let k = from; k <= to; k++) if (this.ms.code[this.list[k]] === c) out.push(this.ms.fields(this.list[k]));
    return out;
  }
}

function toTask(g: Group, tm: TaskMarks): SnapshotTask {
  const ms = tm.ms;
  const time = ms.time;
  // (the group's own list: it is not read again)
  const list = sortInPlace(g.marks, (a, b) => (Number.isFinite(time[a]) && Number.isFinite(time[b]) ? time[a] - time[b] : ms.compare(a, b)));
  tm.use(list);
  const first = (name: SnapshotMilestone) => tm.first(name);
  const last = (name: SnapshotMilestone) => tm.last(name);
  const status = g.statuses.length < 2 ? g.statuses[0] : [...g.statuses].sort((a, b) => a.timeMs - b.timeMs).pop();

  const final = last('final-status');
  const failures: MilestoneFields[] = [];
  for (const i of list) {
    const c = ms.code[i];
    if (!FAILURE_CODES.has(c)) continue;
    const f = ms.fields(i);
    if (!(c === PRESCRIPT_FAILED && f.code === 316)) failures.push(f);
  }
  const requested = first('command-start-time')?.requestedStart ?? status?.requestedStart;

  let start = NaN;
  let end = NaN;
  // `cwd is …` opens every handler run, before that run's `starting enable`, so it can land on the
  // previous task: it says which build ran, not when this task worked, and never bounds it.
  const version = milestoneCode('extension-version');
  const snapshotEnd = milestoneCode('snapshot-end');
  for (const i of list) {
    if (ms.code[i] === version) continue;
    // a local time whose offset could not be inferred would move the task by hours: bound it by the rest
    const x = ms.local[i] ? NaN : ms.t(i);
    if (!Number.isFinite(x)) continue;
    // the Windows host snapshot's line gives its start and completion (`startTime:…, completionTime:…`), timed at
    // the completion: the task had started by its start (an excerpt with no other time would start at the completion)
    const took = ms.code[i] === snapshotEnd ? ms.field(i, 'durationMs') : undefined;
    const from = took !== undefined && took > 0 ? x - took : x;
    if (!(from >= start)) start = Number.isFinite(start) ? Math.min(start, from) : from;
    if (!(x <= end)) end = Number.isFinite(end) ? Math.max(end, x) : x;
  }
  if (!Number.isFinite(start)) {
    // only unanchored local times: better a wall-clock task than none
    for (const i of list) {
      if (ms.code[i] === version) continue;
      const x = ms.t(i);
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
  let unfinished: Extract<AnalysisMessage, { key: `snapshot.unfinished.${string}` }> | undefined;
  let message: Said | undefined;
  let codeFrom: CodeFrom | undefined;
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
    const k = tm.lastIndex('freeze-signals');
    const signals = k < 0 ? undefined : list[k];
    // whether a line of the signals' stream was written after them: by time where both times differ (a merged or
    // re-sorted log's line order is not write order), else by position in the log; and by position where the two lie
    // in one file a second or more apart against its line order: the clock went back between them (NTP, the end of
    // daylight saving time in a local-time log), as a file is written in line order
    const later = (i: number, s: number) => {
      const byLine = ms.compare(i, s) > 0;
      if (!Number.isFinite(time[i]) || !Number.isFinite(time[s]) || time[i] === time[s]) return byLine;
      const byTime = time[i] > time[s];
      return byTime !== byLine && ms.file[i] === ms.file[s] && Math.abs(time[i] - time[s]) >= 1000 ? byLine : byTime;
    };
    // (the freeze binary's relayed `Freezing: <mount>` is its own line, not the extension going on after the signals)
    const relayed = milestoneCode('freeze-mount');
    const after = signals !== undefined && list.some((i) => ms.stream[i] === ms.stream[signals] && ms.code[i] !== relayed && later(i, signals));
    const writeFailed = last('status-write-failed');
    if (signals !== undefined && !after) {
      result = 'unfinished';
      // the Windows plugin's last VSS wait, or the Linux freeze's signal line: the same hang, said for its platform
      const note = ms.field(signals, 'note');
      const vss = note?.key === 'milestone.vss-waiting' ? note.params.phase : undefined;
      unfinished = vss !== undefined ? msg('snapshot.unfinished.vss-waiting', { phase: vss }) : msg('snapshot.unfinished.frozen');
      code = 4;
      codeFrom = 'words';
    } else if (writeFailed) {
      result = 'failed';
      code = writeFailed.code;
      unfinished = msg('snapshot.unfinished.status-not-written', writeFailed.detail !== undefined ? { detail: detailOf(writeFailed) } : {});
    } else if (failures.length > 0) {
      result = 'failed';
      // a VSS failure the Windows logs tell has no status code of the extension's: its milestone's code only
      // words the phase (parse/windows/vss.ts), and the task keeps none rather than a Linux one
      const lastFailure = failures[failures.length - 1];
      code = lastFailure.note?.key === 'milestone.vss-failed' ? undefined : lastFailure.code;
      if (code !== undefined) codeFrom = lastFailure.codeFrom;
    } else if (last('snapshot-result')?.ok && !(first('postscript-start') && !last('postscript-end'))) {
      // every disk snapshotted and thawed, no failure after it and no post-script still running: a run whose final
      // status line the bundle lacks, not a run of unknown result
      result = 'success';
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
  // a name the log does not give is not said as its (code 121 from `Failed to FIFREEZE`)
  const statusName = codeFrom === 'words' ? undefined : (failures.find((f) => f.code === code && f.statusName)?.statusName ?? final?.statusName ?? statusNameOf(code));
  // the last that gives one of the snapshot results and failures in that order (a failure before any result)
  let errorCode = lastErrorCode(failures);
  if (errorCode === undefined) errorCode = lastErrorCode(tm.all('snapshot-result'));

  // snapshot path and disks
  let pathFact: MilestoneFields | undefined;
  for (const i of list) {
    if (!PATH_CODES.has(ms.code[i])) continue;
    const f = ms.fields(i);
    if (f.path && f.path !== 'unknown') {
      pathFact = f;
      break;
    }
  }
  const disks: SnapshotTask['disks'] = [];
  const diskFacts = tm.all('snapshot-disk');
  for (const d of diskFacts) disks.push({ disk: d.disk ?? `disk ${disks.length + 1}`, ok: d.ok ?? null, ...(d.detail ? { detail: d.detail } : {}) });
  if (disks.length === 0 && status?.disks) {
    status.disks.forEach((d, i) => disks.push({ disk: d.snapshotUri?.split('?')[0] ?? `disk ${i + 1}`, ok: d.isSuccessful ?? null, ...(d.errorMessage ? { detail: d.errorMessage } : {}) }));
  }

  const versionFact = last('extension-version');
  // the extension.log's milestones stay rows of its table until the JSON is written (task-milestones.ts); others are
  // refs now. Each text is its milestone's evidence text, redacted by the parser (evidenceText): the CLI's redaction
  // keeps it; each element is Milestones.ref's five fields
  const shown = Math.min(list.length, MAX_MILESTONES);
  const rows = ms.tableRows(list, shown);
  let milestones: SnapshotMilestoneRef[] | undefined;
  if (!rows) {
    milestones = redactedRefs(new Array<SnapshotMilestoneRef>(shown));
    for (let k = 0; k < milestones.length; k++) milestones[k] = ms.ref(list[k]);
  }
  // the fields in the JSON's order, each optional one set only when it has a value (a spread of a new object per
  // field cost more than the rest of the task)
  const task = { taskId: g.taskId ?? g.key } as SnapshotTask;
  if (g.seqNo !== undefined) task.seqNo = g.seqNo;
  if (requested) task.requestedStart = requested;
  task.start = iso(start);
  task.end = iso(end);
  if (Number.isFinite(start) && Number.isFinite(end)) task.durationMs = end - start;
  task.result = result;
  if (code !== undefined) task.code = code;
  if (statusName) task.statusName = statusName;
  if (code !== undefined && codeFrom) task.codeFrom = codeFrom;
  if (errorCode !== undefined) task.errorCode = errorCode;
  if (message?.en) {
    task.message = message.en;
    if (message.nl !== undefined) task.messageNl = message.nl;
  }
  if (pathFact?.path) task.snapshotPath = pathFact.path;
  task.disks = disks;
  task.phases = buildPhases(tm, result, final, diskFacts);
  if (milestones) task.milestones = milestones;
  else keepMilestoneRows(task, rows!);
  if (unfinished) Object.assign(task, unfinishedText(unfinished));
  if (versionFact?.extensionVersion) task.extensionVersion = versionFact.extensionVersion;
  else if (status?.handlerVersion) task.extensionVersion = status.handlerVersion;
  return task;
}

function lastErrorCode(facts: readonly MilestoneFields[]): number | undefined {
  for (let k = facts.length - 1; k >= 0; k--) if (facts[k].errorCode !== undefined) return facts[k].errorCode;
  return undefined;
}

function phase(name: PhaseName, s: MilestoneFields | undefined, e: MilestoneFields | undefined, result: PhaseResult, detail?: Said): SnapshotPhase {
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

/** A failure's status name when the log gives it (or gives its code), else none: `Failed to FIFREEZE` is said in its words. */
function loggedName(f: MilestoneFields | undefined): Said | undefined {
  return f?.codeFrom === 'words' ? undefined : asIs(f?.statusName);
}

/** The status phase's "code N name" in both languages, made once per code and name (most tasks share a few). */
function codeText(code: number | undefined, statusName: string | undefined): Said {
  const key = `${code}\u0000${statusName ?? ''}`;
  let t = CODE_TEXTS.get(key);
  if (t) return t;
  t = ours(msg('phase.code', { ...(code !== undefined ? { code } : {}), ...(statusName ? { statusName } : {}) }));
  // names come from logs: a log of ever new ones is not kept
  if (CODE_TEXTS.size < 1024) CODE_TEXTS.set(key, t);
  return t;
}
const CODE_TEXTS = new Map<string, Said>();
/** Two phase details said the same way for every task, made once. */
let NOT_TAKEN: Said | undefined;
let NO_FINAL_STATUS: Said | undefined;

/** Phases in order, each coloured by what its milestones say (`disks`: the task's snapshot-disk milestones). */
function buildPhases(tm: TaskMarks, taskResult: SnapshotResult, final: MilestoneFields | undefined, disks: readonly MilestoneFields[]): SnapshotPhase[] {
  const first = (name: SnapshotMilestone, or?: SnapshotMilestone) => tm.first(name, or);
  const last = (name: SnapshotMilestone) => tm.last(name);
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
    phases.push(phase('freeze', fStart ?? fFail, fFail ?? frozen, res, loggedName(fFail) ?? said(fFail)));
  }

  const sStart = first('snapshot-start');
  const sFail = first('snapshot-failed');
  const sEnd = last('snapshot-end');
  const diskFail = disks.find((f) => f.ok === false);
  if (sStart || sFail || sEnd) {
    const res: PhaseResult = sFail || diskFail ? 'failed' : sEnd ? 'ok' : unfinished ? 'unfinished' : 'unknown';
    const p = phase('snapshot', sStart ?? sFail, sEnd ?? sFail, res, loggedName(sFail) ?? said(sFail) ?? said(diskFail));
    // no start line, but the end says how long the snapshot took (Windows host snapshot): its start, not its end
    if (!sStart && !sFail && sEnd?.durationMs && sEnd.durationMs > 0 && Number.isFinite(sEnd.timeMs)) {
      p.start = isoTime(sEnd.timeMs - sEnd.durationMs);
      p.durationMs = sEnd.durationMs;
    }
    phases.push(p);
  } else if (fFail) {
    phases.push(phase('snapshot', undefined, undefined, 'skipped', (NOT_TAKEN ??= ours(msg('phase.not-taken')))));
  }

  const thaw = first('thaw-start');
  const thawRes = last('thaw-result');
  if (thaw || thawRes) phases.push(phase('thaw', thaw ?? thawRes, thawRes, thawRes ? (thawRes.ok === false ? 'failed' : 'ok') : unfinished ? 'unfinished' : 'unknown', said(thawRes)));

  const post = first('postscript-start');
  const postFail = first('postscript-failed');
  if (post || postFail) phases.push(phase('post-script', post ?? postFail, postFail ?? last('postscript-end'), postFail ? (postFail.code === 309 || postFail.code === 311 ? 'timed-out' : 'failed') : last('postscript-end') ? 'ok' : 'unknown', loggedName(postFail) ?? said(postFail)));

  const trans = first('transitioning');
  if (final) phases.push(phase('status', trans ?? final, final, final.code !== undefined && isSuccessCode(final.code) ? 'ok' : 'failed', codeText(final.code, final.statusName)));
  else if (trans) phases.push(phase('status', trans, undefined, unfinished ? 'unfinished' : taskResult === 'failed' ? 'failed' : 'unknown', (NO_FINAL_STATUS ??= ours(msg('phase.no-final-status')))));
  return phases;
}

/** Why a task did not finish, in English and Dutch (the result's `unfinishedReason`, `unfinishedReasonNl`). */
function unfinishedText(m: Extract<AnalysisMessage, { key: `snapshot.unfinished.${string}` }>): Pick<SnapshotTask, 'unfinishedReason' | 'unfinishedReasonNl' | 'unfinishedCode'> {
  return { unfinishedReason: renderAnalysis(m, 'en'), unfinishedReasonNl: renderAnalysis(m, 'nl'), unfinishedCode: m.key.slice('snapshot.unfinished.'.length) as UnfinishedCode };
}

// ---- helpers the snapshot rules share (analyze/rules/{fsfreeze-failed,storage-unreachable,...}.ts) ----

/**
 * The snapshot milestones whose fields pass `pre` (read without building the fact: the extension.log's are a table of
 * the FactStore) and whose fact then passes `keep`, in time order (what `facts.where('snapshot-milestone', …)` gives).
 */
export function milestonesWhere(
  facts: FactIndex,
  pre: (field: <F extends keyof SnapshotMilestoneFact & string>(key: F) => SnapshotMilestoneFact[F]) => unknown,
  keep: (f: SnapshotMilestoneFact) => unknown = () => true,
): SnapshotMilestoneFact[] {
  const s = facts.series('snapshot-milestone');
  const out: SnapshotMilestoneFact[] = [];
  let i = 0;
  const field = <F extends keyof SnapshotMilestoneFact & string>(key: F) => s.field(i, key);
  for (; i < s.length; i++) {
    if (!pre(field)) continue;
    const f = s.get(i);
    if (keep(f)) out.push(f);
  }
  return out;
}

/** The milestone lines of a task as evidence, in task order: those `pick` takes by name (and position, to read more). */
export function taskEvidence(task: SnapshotTask, pick: (name: string, k: number) => boolean, max = 12): Evidence[] {
  const out: Evidence[] = [];
  const n = milestoneCount(task);
  for (let k = 0; k < n; k++) {
    if (!pick(milestoneName(task, k), k)) continue;
    out.push(milestoneEvidence(task, k));
    if (out.length >= max) break;
  }
  return out;
}

/** A task's code as a reason says it (catalogue `CodeSaid`): the code, its name, where it came from, the log's error code. */
export function codeSaidOf(task: SnapshotTask, code: number | undefined = task.code): CodeSaid {
  return {
    ...(code !== undefined ? { code } : {}),
    ...(code !== undefined && task.statusName ? { statusName: task.statusName } : {}),
    ...(code !== undefined && task.codeFrom ? { codeFrom: task.codeFrom } : {}),
    ...(task.errorCode !== undefined ? { errorCode: task.errorCode } : {}),
  };
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
