import type { TimeZoneKnowledge } from '../model/records';

/** A pointer to the line that proves something: what the report and the UI show as evidence. */
export interface Evidence {
  /** VM path of the file (no leading slash). */
  file: string;
  /** 1-based line. 0 when the evidence is a whole file (a config value, a missing file). */
  line: number;
  /** ISO 8601 UTC, or null when the line has no time (or the zone could not be resolved). */
  time: string | null;
  zone?: TimeZoneKnowledge;
  /** The line (or a short excerpt, at most ~500 characters), as in the file. */
  text: string;
  /**
   * Set while the text is still in the file: a parser that emits many facts (waagent.log) leaves
   * `text` empty and says where the line is, so a big log keeps no line text in memory. The pipeline
   * reads, redacts and clips the text of every evidence that reaches the result, then removes this
   * (it never appears in a result, a report or the CLI JSON).
   */
  textAt?: DeferredText;
}

/** Where a deferred evidence text is: bytes [offset, offset + length) of bundle file `fileId`. */
export interface DeferredText {
  fileId: number;
  offset: number;
  length: number;
}

/** Every fact carries the evidence it was read from. */
export interface FactBase {
  kind: string;
  at: Evidence;
  /** Milliseconds since epoch for sorting; for `local` zone the wall clock read as UTC. NaN when unknown. */
  timeMs: number;
}
