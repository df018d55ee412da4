import { create } from 'zustand';
import { MAX_BOOKMARKS, MAX_NOTE_CHARS, type LogLevel, type LogQuery } from '../../shared';

/** Log viewer filters and bookmarks: kept outside the view so they survive tab switches. */
export interface LogFilters {
  fileId: number | null;
  levels: LogLevel[];
  source: string;
  extension: string;
  text: string;
  regex: boolean;
  /** Minutes around the failed task (0 = all times). */
  around: number;
}

/** Column widths of the log list in rem (time, level, source, file:line); the message takes the rest. */
export interface LogColumns {
  time: number;
  level: number;
  source: number;
  loc: number;
}
export const DEFAULT_COLUMNS: LogColumns = { time: 10, level: 3, source: 7, loc: 9.5 };
export const COLUMN_LIMITS = { min: 2.5, max: 40 };

/** A bookmarked log line and the engineer's note on it; both go into the report (ReportBookmark). */
export interface Bookmark {
  file: string;
  line: number;
  time: string | null;
  text: string;
  note: string;
}

export const EMPTY_FILTERS: LogFilters = { fileId: null, levels: [], source: '', extension: '', text: '', regex: false, around: 0 };

interface LogsState {
  filters: LogFilters;
  bookmarks: Bookmark[];
  /** View settings, kept across tab switches and bundles. */
  wrap: boolean;
  columns: LogColumns;
  showBookmarks: boolean;
  setWrap(w: boolean): void;
  setColumn(c: keyof LogColumns, rem: number): void;
  setShowBookmarks(v: boolean): void;
  setFilters(patch: Partial<LogFilters>): void;
  resetFilters(): void;
  toggleBookmark(b: Omit<Bookmark, 'note'> & { note?: string }): void;
  setBookmarkNote(file: string, line: number, note: string): void;
  clearBookmarks(): void;
}

export const bookmarkKey = (file: string, line: number) => `${file}:${line}`;

export const useLogs = create<LogsState>((set) => ({
  filters: EMPTY_FILTERS,
  bookmarks: [],
  wrap: false,
  columns: DEFAULT_COLUMNS,
  showBookmarks: true,
  setWrap: (wrap) => set({ wrap }),
  setColumn: (c, rem) => set((s) => ({ columns: { ...s.columns, [c]: Math.min(COLUMN_LIMITS.max, Math.max(COLUMN_LIMITS.min, Math.round(rem * 4) / 4)) } })),
  setShowBookmarks: (showBookmarks) => set({ showBookmarks }),
  setFilters: (patch) => set((s) => ({ filters: { ...s.filters, ...patch } })),
  resetFilters: () => set({ filters: EMPTY_FILTERS }),
  toggleBookmark: (b) =>
    set((s) => {
      const k = bookmarkKey(b.file, b.line);
      const exists = s.bookmarks.some((x) => bookmarkKey(x.file, x.line) === k);
      if (exists) return { bookmarks: s.bookmarks.filter((x) => bookmarkKey(x.file, x.line) !== k) };
      if (s.bookmarks.length >= MAX_BOOKMARKS) return {};
      return { bookmarks: [...s.bookmarks, { ...b, text: b.text.slice(0, 300), note: (b.note ?? '').slice(0, MAX_NOTE_CHARS) }] };
    }),
  setBookmarkNote: (file, line, note) =>
    set((s) => ({ bookmarks: s.bookmarks.map((b) => (b.file === file && b.line === line ? { ...b, note: note.slice(0, MAX_NOTE_CHARS) } : b)) })),
  clearBookmarks: () => set({ bookmarks: [] }),
}));

/**
 * The query for a set of filters (without paging); `text` is the debounced value, `failure` the failed
 * task's [start, end] in ms for "±N minutes around the failure".
 */
export function toQuery(f: Omit<LogFilters, 'text'>, text: string, failure?: [number, number] | null): Omit<LogQuery, 'offset' | 'limit'> {
  const q: Omit<LogQuery, 'offset' | 'limit'> = {};
  if (f.fileId !== null) q.fileIds = [f.fileId];
  if (f.levels.length) q.levels = f.levels;
  if (f.source) q.sources = [f.source];
  if (f.extension) q.extensions = [f.extension];
  if (text) {
    q.text = text;
    if (f.regex) q.regex = true;
  }
  if (f.around > 0 && failure) {
    q.from = new Date(failure[0] - f.around * 60_000).toISOString();
    q.to = new Date(failure[1] + f.around * 60_000).toISOString();
  }
  return q;
}

export function hasFilters(f: LogFilters): boolean {
  return f.fileId !== null || f.levels.length > 0 || !!f.source || !!f.extension || !!f.text || f.around > 0;
}
