/** Log records: one per logical record (a first line plus its continuation lines). */

export type LogLevel = 'verbose' | 'info' | 'warning' | 'error' | 'unknown';
export const LOG_LEVELS: readonly LogLevel[] = ['verbose', 'info', 'warning', 'error', 'unknown'];

/**
 * How a timestamp relates to UTC.
 * - `utc`: the line says UTC (ISO `Z`, or a format known to be UTC).
 * - `local`: VM-local wall clock with no zone (old agent eras, safefreeze lines). `timeMs` is then the
 *   wall clock read *as if* it were UTC; the analysis may shift it by an inferred offset.
 * - `local-inferred`: local time shifted to UTC by an offset the analysis inferred.
 * - `none`: the record has no time of its own.
 */
export type TimeZoneKnowledge = 'utc' | 'local' | 'local-inferred' | 'none';

/** A record as the UI and exports see it (materialised from the compact store on demand). */
export interface LogRecord {
  id: number;
  fileId: number;
  file: string;
  /** 1-based line of the record's first line. */
  line: number;
  /** Physical lines in the record (1 + continuation lines). */
  lineCount: number;
  /** ISO 8601 UTC, or null when the record has no time. */
  time: string | null;
  zone: TimeZoneKnowledge;
  level: LogLevel;
  /** Logger/process: `Daemon`, `ExtHandler`, `LogCollector`, `[Handler-Version]`, `extension`, ... */
  source: string;
  thread?: string;
  /** Extension handler the record belongs to, when known. */
  extension?: string;
  /** The whole record text (first line and continuations), exactly as in the file. */
  text: string;
}

export interface LogQuery {
  /** Restrict to these file ids; empty/undefined = all files merged by time. */
  fileIds?: number[];
  levels?: LogLevel[];
  sources?: string[];
  extensions?: string[];
  /** Plain substring (case-insensitive) unless `regex` is true. */
  text?: string;
  regex?: boolean;
  /** ISO times; records without a time are kept in file order. */
  from?: string;
  to?: string;
  offset: number;
  limit: number;
}

export interface LogPage {
  total: number;
  offset: number;
  records: LogRecord[];
  /**
   * The text search goes on: `total` is the count so far (the page's records are final). A page with
   * limit 0 waits for the whole count.
   */
  counting?: boolean;
  /** Set when a regex was invalid or the query was cut short. */
  error?: string;
}

/** Where a record sits in the merged, filtered view (for "jump to evidence"). */
export interface LogLocateRequest {
  query: Omit<LogQuery, 'offset' | 'limit'>;
  file: string;
  line: number;
}

/** F3 / Shift+F3: the next or previous record of the view that holds the find text. */
export interface LogFindRequest {
  /** The view's query (its filters and text). */
  query: Omit<LogQuery, 'offset' | 'limit'>;
  /** The find text; a regex when `regex`. */
  text: string;
  regex?: boolean;
  /** The cursor's position in the view; null: from the start (next) or the end (previous). */
  from: number | null;
  dir: 1 | -1;
}

export interface LogFindResult {
  /** The hit's position in the view; null when no record of the view holds the text. */
  index: number | null;
  /**
   * The hit's number among the find's hits (0-based) and their count so far, while the view has no text of its
   * own (else the find's hits over the other filters would be counted, not the view's): null.
   */
  hit: number | null;
  total: number | null;
  /** The search goes on: `total` is the count so far. */
  counting?: boolean;
  /** The hit is past the view's end (next) or start (previous): the search went round. */
  wrapped?: boolean;
  record?: LogRecord;
  error?: string;
}
