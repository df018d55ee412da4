import type { BundleFile, Fact } from '../../shared';
import type { ParseNote } from '../../shared/i18n/analysis';
import type { FileContent } from '../ingest/content';
import type { FactDraft, FactStore } from '../records/fact-store';
import type { MilestoneInput } from '../records/milestones';
import type { RecordInput } from '../records/store';

/** Where a parser puts what it reads. Parsers never throw out: bad input becomes a warning. */
export interface ParseSink {
  /** One record; `r` is only valid during the call (a parser may hand over the same object again, refilled). */
  record(r: RecordInput): void;
  fact(f: Fact): void;
  /**
   * A fact read from the first line of the record just handed to `record` (its time, zone and evidence are
   * that record's; `firstLen` is the bytes of that line the evidence text is read from). A sink that keeps
   * such facts as rows of columns (records/fact-store.ts) offers it; otherwise the parser builds the
   * evidence and calls `fact`.
   */
  recordFact?(draft: FactDraft, firstLen: number): void;
  /**
   * With `recordFact`: the layout of facts like `sample` (FactStore.layoutOf), and `recordFact` of a fact given by
   * that layout and its values in key order, with no draft object (false, nothing kept: the values do not fit it).
   */
  rowLayout?(sample: FactDraft): number;
  recordRow?(layout: number, values: readonly unknown[], firstLen: number): boolean;
  /**
   * A `snapshot-milestone` fact given as its columns (records/milestones.ts), for a sink that keeps milestones as a
   * table (a FactStore); otherwise the parser builds the fact and calls `fact`.
   */
  milestone?(m: MilestoneInput): void;
  /** A warning about the file, as a catalogue message (its English is the warning's `message`): no English-only warning. */
  warn(note: ParseNote, line?: number): void;
  /**
   * The physical lines the parser read, when it read its whole input (a parse worker numbers the
   * next range of a split log from it instead of reading the range a second time to count them).
   */
  lines?(count: number): void;
}

export interface ParserInput {
  file: BundleFile;
  content: FileContent;
  signal?: AbortSignal;
  /**
   * Content offset from which records yield facts (default 0: all). A log bigger than the fact
   * window is diagnosed on its newest part, so the facts of a 2 GB log fit in memory; its records
   * (the log view) still cover all of it. Parsers that make few facts ignore it.
   */
  factsFrom?: number;
}

/** One parser per file format (one module each under parse/). */
export type Parser = (input: ParserInput, sink: ParseSink) => Promise<void>;

/**
 * A fact read from an agent record that syslog or the journal relayed (the agent writes each record to
 * waagent.log and to stdout): parse-time only. parse-files keeps such a fact only where no waagent.log of the
 * bundle covers its time (the same record would count twice), then removes the mark. `excerpt`: read from the
 * journal lines a `systemctl status` block shows (the unit's last few lines, not the agent's log).
 */
type Relayed = Fact & { relayed?: true | 'excerpt' };

export function markRelayed(f: Fact, excerpt = false): Fact {
  (f as Relayed).relayed = excerpt ? 'excerpt' : true;
  return f;
}

/** Whether `f` is relayed (`excerpt`: from a status block's lines); removes the mark (a result never shows it). */
export function takeRelayed(f: Fact): false | true | 'excerpt' {
  const r = f as Relayed;
  const mark = r.relayed;
  if (!mark) return false;
  delete r.relayed;
  return mark;
}

/** Where parsed facts go: a list, or a FactStore that keeps a big log's per-record facts as rows. */
export interface FactSink {
  /** `fileId`: the file the fact was read from (FactStore keeps it: its VM path does not name its root). */
  push(f: Fact, fileId?: number): unknown;
  pushAtRecord?: FactStore['pushAtRecord'];
  layoutOf?: FactStore['layoutOf'];
  pushRowAtRecord?: FactStore['pushRowAtRecord'];
  pushMilestone?: FactStore['pushMilestone'];
}
