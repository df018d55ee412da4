import type { Evidence } from '../facts/common';
import type { SnapshotMilestoneRef, SnapshotTask } from './analysis';

/**
 * The one way to read a snapshot task's milestones (the rules, reconstruct, the reports, the renderer's timeline), by
 * position in task order. A bundle's tasks hold up to 200 milestones each (the bench's 10,000-task extension.log:
 * 200,000), so a milestone is asked for by its place and its fields one at a time: no reader depends on how the task
 * keeps them, a list of refs (the JSON's `milestones`) or rows of the parse's milestone table (`keepMilestoneRows`).
 */
type Task = Pick<SnapshotTask, 'milestones'>;

/**
 * A task's milestones as rows the analysis still holds (the main process' extension.log table), read a field at a
 * time. `time`, when not null, is `Date#toISOString`'s form; `text` is a parser's evidence text (redactedTexts).
 */
export interface MilestoneRows {
  readonly length: number;
  name(k: number): string;
  time(k: number): string | null;
  file(k: number): string;
  line(k: number): number;
  text(k: number): string;
  /** `text(k).endsWith('…')`, without making the text. */
  clipped(k: number): boolean;
  /** The time `time(k)` says, in ms (not finite where it is null): for a writer of its digits. */
  timeMs?(k: number): number;
  /**
   * Copies `text(k)` as UTF-8 into `out` from `at` when it fits and each of its bytes is printable ASCII but `"` and `\`
   * (its JSON string is then those bytes in quotes): how many bytes, else -1.
   */
  plainText?(k: number, out: Uint8Array, at: number): number;
}

const ROWS = Symbol('milestone-rows');

/**
 * Gives `task` its milestones as `rows`: its `milestones` becomes a getter that makes the list of refs each time it is
 * read (the JSON writer, a structured clone, a spread), which is dropped once written, instead of 200,000 refs made
 * when the tasks are built and kept, with their time strings, through the diagnosis (each copied by the young
 * generation's collections). The property takes the place an assignment would (the JSON's key order); the rows are
 * kept under a symbol, which no copy takes: a copy holds the list.
 */
export function keepMilestoneRows(task: SnapshotTask, rows: MilestoneRows): void {
  Object.defineProperty(task, ROWS, { value: rows });
  Object.defineProperty(task, 'milestones', ROWS_PROPERTY);
}

/** One getter for every task (a getter made per task gave each task a shape of its own). */
const ROWS_PROPERTY: PropertyDescriptor = {
  enumerable: true,
  configurable: true,
  get(this: { [ROWS]: MilestoneRows }) {
    return refsOf(this[ROWS]);
  },
};

/** The rows behind `task`'s milestones (keepMilestoneRows), else undefined (its list is a plain one). */
export function milestoneRowsOf(task: object): MilestoneRows | undefined {
  return (task as { [ROWS]?: MilestoneRows })[ROWS];
}

/** A plain list of refs read as rows (a task built from object facts, a copy, the renderer's clone). */
class ListRows implements MilestoneRows {
  constructor(private readonly list: readonly SnapshotMilestoneRef[]) {}
  get length(): number {
    return this.list.length;
  }
  name(k: number): string {
    return this.list[k].name;
  }
  time(k: number): string | null {
    return this.list[k].time;
  }
  file(k: number): string {
    return this.list[k].file;
  }
  line(k: number): number {
    return this.list[k].line;
  }
  text(k: number): string {
    return this.list[k].text;
  }
  clipped(k: number): boolean {
    return this.list[k].text.endsWith('…');
  }
}

/** `task`'s milestones as rows, whichever way it keeps them. */
function rowsOf(t: Task): MilestoneRows {
  return milestoneRowsOf(t) ?? new ListRows(t.milestones);
}

function refOf(rows: MilestoneRows, k: number): SnapshotMilestoneRef {
  return { name: rows.name(k), time: rows.time(k), file: rows.file(k), line: rows.line(k), text: rows.text(k) };
}

function refsOf(rows: MilestoneRows): SnapshotMilestoneRef[] {
  const out = new Array<SnapshotMilestoneRef>(rows.length);
  for (let k = 0; k < out.length; k++) out[k] = refOf(rows, k);
  return out;
}

export function milestoneCount(t: Task): number {
  return rowsOf(t).length;
}

export function milestoneName(t: Task, k: number): string {
  return rowsOf(t).name(k);
}

export function milestoneFile(t: Task, k: number): string {
  return rowsOf(t).file(k);
}

export function milestoneLine(t: Task, k: number): number {
  return rowsOf(t).line(k);
}

export function milestoneText(t: Task, k: number): string {
  return rowsOf(t).text(k);
}

/** Milestone `k` as the JSON writes it (name, time, file, line, text): a new object. */
export function milestoneRef(t: Task, k: number): SnapshotMilestoneRef {
  return refOf(rowsOf(t), k);
}

/** Milestone `k`'s line as evidence: a new object of its file, line, time and text. */
export function milestoneEvidence(t: Task, k: number): Evidence {
  const rows = rowsOf(t);
  return { file: rows.file(k), line: rows.line(k), time: rows.time(k), text: rows.text(k) };
}

/** Whether the task has a milestone named `name` (or `or`). Rules ask it of every task of a bundle: a plain loop. */
export function hasMilestone(t: Task, name: string, or?: string): boolean {
  const rows = rowsOf(t);
  for (let k = 0; k < rows.length; k++) {
    const n = rows.name(k);
    if (n === name || n === or) return true;
  }
  return false;
}

/** The first position (the last with `fromEnd`) whose milestone passes `test`, else -1. */
export function findMilestone(t: Task, test: (k: number) => boolean, fromEnd = false): number {
  const n = milestoneCount(t);
  if (fromEnd) {
    for (let k = n - 1; k >= 0; k--) if (test(k)) return k;
  } else for (let k = 0; k < n; k++) if (test(k)) return k;
  return -1;
}

/** The position of the first milestone named `name` (the last with `fromEnd`), else -1. */
export function milestoneIndex(t: Task, name: string, fromEnd = false): number {
  const rows = rowsOf(t);
  if (fromEnd) {
    for (let k = rows.length - 1; k >= 0; k--) if (rows.name(k) === name) return k;
  } else for (let k = 0; k < rows.length; k++) if (rows.name(k) === name) return k;
  return -1;
}

/** The first milestone named `name` (the last with `fromEnd`), or undefined. */
export function milestoneNamed(t: Task, name: string, fromEnd = false): SnapshotMilestoneRef | undefined {
  const k = milestoneIndex(t, name, fromEnd);
  return k < 0 ? undefined : milestoneRef(t, k);
}
