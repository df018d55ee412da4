import type { SnapshotMilestone, SnapshotMilestoneFact, TimeZoneKnowledge } from '../../shared';
import type { MilestoneRows } from '../../shared/model/task-milestones';
import { isoTime } from '../../shared/time';
import { PagedColumn } from './column';

/**
 * What one extension.log message says (the classifier's answer, shared by every line that writes that message): its
 * milestone name and fields, without the line's time, task or evidence.
 */
export type MilestoneInfo = Readonly<Partial<Omit<SnapshotMilestoneFact, 'kind' | 'at' | 'timeMs'>>> & { readonly milestone: SnapshotMilestone };

/** One milestone as a parser hands it over (only valid during the call: a parser may refill the same object). */
export interface MilestoneInput {
  line: number;
  timeMs: number;
  zone: TimeZoneKnowledge;
  /** The line's evidence text, already scrubbed. */
  text: string;
  process: NonNullable<SnapshotMilestoneFact['process']>;
  run: number;
  taskId: string | undefined;
  seqNo: number | undefined;
  info: MilestoneInfo;
  /** `info.detail` scrubbed (the fact's `detail`), when it has one: the same string for the same `info`. */
  detail: string | undefined;
}

/** Bytes of a page of texts. */
const TEXT_PAGE = 1 << 20;
const ODD_TEXT = 0xffffffff;
/** `…` in UTF-8: the end of a clipped text. */
const ELLIPSIS = [0xe2, 0x80, 0xa6];

/** Zone codes; 4 is a `local` time the clock shift moved (its time written as the shift writes it). */
const ZONES: readonly TimeZoneKnowledge[] = ['utc', 'local', 'local-inferred', 'none', 'local-inferred'];
const SHIFTED = 4;
const PROCESSES: readonly NonNullable<SnapshotMilestoneFact['process']>[] = ['enable', 'daemon', 'unknown'];
const NONE = 0xffffffff;
const FILE_ID = Symbol('milestone-file');

/** The file id of a milestone's evidence built by `MilestoneTable.fact`, else -1. */
export function milestoneFileOf(at: object): number {
  return (at as { [FILE_ID]?: number })[FILE_ID] ?? -1;
}

/**
 * The extension.log's milestones as columns (a 10,000-task log has 200,000): per row its time, zone, file, line,
 * evidence text, process, run, task id, sequence number and the classifier's shared answer, instead of a fact, an
 * evidence and a time string each kept alive through the parse and the diagnosis. `fact(row)` builds the fact the
 * parser built, key for key, for a reader that asks for one.
 */
export class MilestoneTable {
  private n = 0;
  private readonly time = new PagedColumn((n) => new Float64Array(n));
  private readonly zone = new PagedColumn((n) => new Uint8Array(n));
  private readonly file = new PagedColumn((n) => new Uint32Array(n));
  private readonly line = new PagedColumn((n) => new Uint32Array(n));
  private readonly process = new PagedColumn((n) => new Uint8Array(n));
  private readonly run = new PagedColumn((n) => new Uint32Array(n));
  /** Id in `taskIds`, NONE when the line has no task. */
  private readonly task = new PagedColumn((n) => new Uint32Array(n));
  /** NaN when the line has no sequence number. */
  private readonly seq = new PagedColumn((n) => new Float64Array(n));
  /** Id in `infos`. */
  private readonly info = new PagedColumn((n) => new Uint32Array(n));
  /**
   * The evidence texts as UTF-8 in pages of TEXT_PAGE bytes, a row's bytes in one page (`textPos`: page × TEXT_PAGE +
   * offset): 200,000 strings kept through the parse were most of what the young generation's collections copied. A
   * text that is not well-formed UTF-16 (a clip inside a surrogate pair) would not come back the same, and one longer
   * than a page does not fit: kept as it is.
   */
  private readonly textPages: Buffer[] = [];
  private textUsed = TEXT_PAGE;
  private readonly textPos = new PagedColumn((n) => new Uint32Array(n));
  /** Its bytes, ODD_TEXT for a text kept in `oddTexts`. */
  private readonly textLen = new PagedColumn((n) => new Uint32Array(n));
  private readonly oddTexts = new Map<number, string>();
  private readonly taskIds: string[] = [];
  private readonly taskIdIds = new Map<string, number>();
  private lastTask: string | undefined;
  private lastTaskId = NONE;
  private readonly infos: MilestoneInfo[] = [];
  private readonly details: (string | undefined)[] = [];
  private readonly infoIds = new Map<MilestoneInfo, number>();

  constructor(private readonly files: readonly { vmPath: string }[]) {}

  get length(): number {
    return this.n;
  }

  /** Appends `m` read from file `fileId`; its row. */
  push(m: MilestoneInput, fileId: number): number {
    const i = this.n++;
    this.time.set(i, m.timeMs);
    this.zone.set(i, ZONES.indexOf(m.zone));
    this.file.set(i, fileId);
    this.line.set(i, m.line);
    this.process.set(i, PROCESSES.indexOf(m.process));
    this.run.set(i, m.run);
    this.task.set(i, m.taskId ? this.taskIdFor(m.taskId) : NONE);
    this.seq.set(i, m.seqNo === undefined ? NaN : m.seqNo);
    let info = this.infoIds.get(m.info);
    if (info === undefined) {
      this.infoIds.set(m.info, (info = this.infos.length));
      this.infos.push(m.info);
      this.details.push(m.detail);
    }
    this.info.set(i, info);
    this.putText(i, m.text);
    return i;
  }

  private putText(i: number, s: string): void {
    const most = s.length * 3;
    if (most > TEXT_PAGE || !(s as unknown as { isWellFormed(): boolean }).isWellFormed()) {
      this.oddTexts.set(i, s);
      this.textLen.set(i, ODD_TEXT);
      return;
    }
    if (s.length === 0) {
      this.textPos.set(i, 0);
      this.textLen.set(i, 0);
      return;
    }
    if (this.textUsed + most > TEXT_PAGE) {
      this.textPages.push(Buffer.allocUnsafe(TEXT_PAGE));
      this.textUsed = 0;
    }
    const page = this.textPages.length - 1;
    const n = this.textPages[page].write(s, this.textUsed, 'utf8');
    this.textPos.set(i, page * TEXT_PAGE + this.textUsed);
    this.textLen.set(i, n);
    this.textUsed += n;
  }

  private taskIdFor(s: string): number {
    if (s === this.lastTask) return this.lastTaskId;
    let id = this.taskIdIds.get(s);
    if (id === undefined) {
      this.taskIdIds.set(s, (id = this.taskIds.length));
      this.taskIds.push(s);
    }
    this.lastTask = s;
    this.lastTaskId = id;
    return id;
  }

  /** The VM path of file `fileId` (a row's evidence file). */
  pathOf(fileId: number): string {
    return this.files[fileId].vmPath;
  }
  timeOf(i: number): number {
    return this.time.get(i);
  }
  zoneOf(i: number): TimeZoneKnowledge {
    return ZONES[this.zone.get(i)];
  }
  fileOf(i: number): number {
    return this.file.get(i);
  }
  lineOf(i: number): number {
    return this.line.get(i);
  }
  textOf(i: number): string {
    const n = this.textLen.get(i);
    if (n === ODD_TEXT) return this.oddTexts.get(i)!;
    if (n === 0) return '';
    const p = this.textPos.get(i);
    const off = p % TEXT_PAGE;
    return this.textPages[(p - off) / TEXT_PAGE].toString('utf8', off, off + n);
  }
  /** Whether row `i`'s text ends in `…` (`textOf(i).endsWith('…')`, read from its bytes). */
  textClipped(i: number): boolean {
    const n = this.textLen.get(i);
    if (n === ODD_TEXT) return this.oddTexts.get(i)!.endsWith('…');
    if (n < 3) return false;
    const p = this.textPos.get(i);
    const off = p % TEXT_PAGE;
    const page = this.textPages[(p - off) / TEXT_PAGE];
    const e = off + n;
    return page[e - 3] === ELLIPSIS[0] && page[e - 2] === ELLIPSIS[1] && page[e - 1] === ELLIPSIS[2];
  }
  /**
   * Copies row `i`'s text into `out` from `at` when it fits and each byte is printable ASCII but `"` and `\` (its JSON
   * string is then those bytes in quotes): how many bytes, else -1.
   */
  plainTextInto(i: number, out: Uint8Array, at: number): number {
    const n = this.textLen.get(i);
    if (n === ODD_TEXT || at + n > out.length) return -1;
    if (n === 0) return 0;
    const p = this.textPos.get(i);
    const off = p % TEXT_PAGE;
    const page = this.textPages[(p - off) / TEXT_PAGE];
    for (let j = 0; j < n; j++) {
      const c = page[off + j];
      if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) return -1;
      out[at + j] = c;
    }
    return n;
  }
  nameOf(i: number): SnapshotMilestone {
    return this.infos[this.info.get(i)].milestone;
  }
  /** The classifier's answer row `i` shares with every line of its message. */
  infoOf(i: number): MilestoneInfo {
    return this.infos[this.info.get(i)];
  }
  runOf(i: number): number {
    return this.run.get(i);
  }
  taskIdOf(i: number): string | undefined {
    const t = this.task.get(i);
    return t === NONE ? undefined : this.taskIds[t];
  }
  seqNoOf(i: number): number | undefined {
    const s = this.seq.get(i);
    return Number.isNaN(s) ? undefined : s;
  }

  /**
   * Field `key` of row `i`'s fact (what `fact(i)[key]` reads; not `at` or `timeMs`), without building it: the
   * message's own fields first, as the parser's fact took them last.
   */
  field(i: number, key: string): unknown {
    const k = this.info.get(i);
    const m = this.infos[k] as unknown as Record<string, unknown>;
    if (key in m) return key === 'detail' && m.detail !== undefined ? this.details[k] : m[key];
    switch (key) {
      case 'kind':
        return 'snapshot-milestone';
      case 'process':
        return PROCESSES[this.process.get(i)];
      case 'run':
        return this.run.get(i);
      case 'taskId':
        return this.taskIdOf(i) || undefined;
      case 'seqNo':
        return this.seqNoOf(i);
      default:
        return undefined;
    }
  }

  /** The evidence time of row `i` as the parser wrote it (a clock shift's as the shift writes it). */
  isoOf(i: number): string | null {
    const t = this.time.get(i);
    if (!Number.isFinite(t)) return null;
    return this.zone.get(i) === SHIFTED ? new Date(t).toISOString() : isoTime(t);
  }

  /**
   * Moves the `local` rows of file `fileId` by `minutes` (local − UTC) to `local-inferred`: what the pipeline's clock
   * shift does to an object fact of that file.
   */
  applyOffset(fileId: number, minutes: number): void {
    for (let i = 0; i < this.n; i++) {
      if (this.file.get(i) !== fileId || this.zone.get(i) !== 1) continue;
      const t = this.time.get(i);
      if (!Number.isFinite(t)) continue;
      this.time.set(i, t - minutes * 60_000);
      this.zone.set(i, SHIFTED);
    }
  }

  /** Row `i` as the parser's fact: the same keys in the same order, with a new evidence. */
  fact(i: number): SnapshotMilestoneFact {
    const fileId = this.file.get(i);
    const at = { file: this.files[fileId].vmPath, line: this.line.get(i), time: this.isoOf(i), zone: ZONES[this.zone.get(i)], text: this.textOf(i) };
    // (its file id, which its VM path alone does not give where two roots hold that path; not enumerable: no copy takes it)
    Object.defineProperty(at, FILE_ID, { value: fileId });
    return this.build(i, at);
  }

  /**
   * Row `i`'s fact with its evidence (`at`) undefined: for a reader of its fields and time only (a snapshot task's result and
   * phases read a few of each task's milestones; the evidence, its time string and file id were most of the cost).
   */
  fields(i: number): Omit<SnapshotMilestoneFact, 'at'> {
    return this.build(i, undefined);
  }

  private build(i: number, at: SnapshotMilestoneFact['at'] | undefined): SnapshotMilestoneFact {
    // (one literal in the parser's key order; `fields` leaves `at` undefined, which no reader of its fields asks for)
    const fact = { kind: 'snapshot-milestone', at, timeMs: this.time.get(i), process: PROCESSES[this.process.get(i)], run: this.run.get(i) } as SnapshotMilestoneFact;
    const taskId = this.taskIdOf(i);
    if (taskId) fact.taskId = taskId;
    const seqNo = this.seqNoOf(i);
    if (seqNo !== undefined) fact.seqNo = seqNo;
    const k = this.info.get(i);
    const m = this.infos[k];
    for (const key in m) (fact as unknown as Record<string, unknown>)[key] = (m as unknown as Record<string, unknown>)[key];
    if (m.detail !== undefined) fact.detail = this.details[k];
    return fact;
  }
}

/** A task's milestones as rows of the milestone table (`rows[from…from + length)`), read when asked for. */
export class TableRows implements MilestoneRows {
  constructor(
    private readonly table: MilestoneTable,
    private readonly rows: Int32Array,
    private readonly from: number,
    readonly length: number,
  ) {}
  name(k: number): string {
    return this.table.nameOf(this.rows[this.from + k]);
  }
  time(k: number): string | null {
    return this.table.isoOf(this.rows[this.from + k]);
  }
  file(k: number): string {
    const t = this.table;
    return t.pathOf(t.fileOf(this.rows[this.from + k]));
  }
  line(k: number): number {
    return this.table.lineOf(this.rows[this.from + k]);
  }
  text(k: number): string {
    return this.table.textOf(this.rows[this.from + k]);
  }
  clipped(k: number): boolean {
    return this.table.textClipped(this.rows[this.from + k]);
  }
  timeMs(k: number): number {
    return this.table.timeOf(this.rows[this.from + k]);
  }
  plainText(k: number, out: Uint8Array, at: number): number {
    return this.table.plainTextInto(this.rows[this.from + k], out, at);
  }
}
