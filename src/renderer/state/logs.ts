import { create } from 'zustand';
import type { LogLevel, LogQuery } from '../../shared';

/** Log viewer filters and bookmarks: kept outside the view so they survive tab switches. */
export interface LogFilters {
  fileId: number | null;
  levels: LogLevel[];
  source: string;
  extension: string;
  text: string;
  regex: boolean;
}

export interface Bookmark {
  file: string;
  line: number;
  time: string | null;
  text: string;
}

export const EMPTY_FILTERS: LogFilters = { fileId: null, levels: [], source: '', extension: '', text: '', regex: false };

interface LogsState {
  filters: LogFilters;
  bookmarks: Bookmark[];
  setFilters(patch: Partial<LogFilters>): void;
  resetFilters(): void;
  toggleBookmark(b: Bookmark): void;
  clearBookmarks(): void;
}

export const bookmarkKey = (file: string, line: number) => `${file}:${line}`;

export const useLogs = create<LogsState>((set) => ({
  filters: EMPTY_FILTERS,
  bookmarks: [],
  setFilters: (patch) => set((s) => ({ filters: { ...s.filters, ...patch } })),
  resetFilters: () => set({ filters: EMPTY_FILTERS }),
  toggleBookmark: (b) =>
    set((s) => {
      const k = bookmarkKey(b.file, b.line);
      const exists = s.bookmarks.some((x) => bookmarkKey(x.file, x.line) === k);
      return { bookmarks: exists ? s.bookmarks.filter((x) => bookmarkKey(x.file, x.line) !== k) : [...s.bookmarks, { ...b, text: b.text.slice(0, 300) }] };
    }),
  clearBookmarks: () => set({ bookmarks: [] }),
}));

/** The query for a set of filters (without paging); `text` is the debounced value. */
export function toQuery(f: LogFilters, text: string): Omit<LogQuery, 'offset' | 'limit'> {
  const q: Omit<LogQuery, 'offset' | 'limit'> = {};
  if (f.fileId !== null) q.fileIds = [f.fileId];
  if (f.levels.length) q.levels = f.levels;
  if (f.source) q.sources = [f.source];
  if (f.extension) q.extensions = [f.extension];
  if (text) {
    q.text = text;
    if (f.regex) q.regex = true;
  }
  return q;
}

export function hasFilters(f: LogFilters): boolean {
  return f.fileId !== null || f.levels.length > 0 || !!f.source || !!f.extension || !!f.text;
}
