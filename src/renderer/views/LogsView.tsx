import { memo, useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { elementScroll, observeElementOffset, useVirtualizer } from '@tanstack/react-virtual';
import type { LogLevel, LogRecord } from '../../shared';
import { api } from '../api';
import { LogPages, PAGE_SIZE, type PageQuery } from '../state/log-pages';
import { bookmarkKey, hasFilters, toQuery, useLogs, type Bookmark } from '../state/logs';
import { useApp } from '../state/store';
import { redactLine } from '../util/redact';
import { MAX_LIST_PX, scrollScale } from '../util/scroll-scale';
import { formatTime, parseUserTime, type TimeMode } from '../util/time';
import { useDebounced } from '../util/useDebounced';

export { PAGE_SIZE };
/** A collapsed row's fixed height (styles.css `.log-row`); only expanded rows are measured. */
export const ROW_HEIGHT = 24;
/** Rows rendered beyond the viewport on each side. */
const OVERSCAN = 8;
/** A giant line is cut for display (the full text is in the file; copy takes the whole record). */
const MAX_SHOWN = 2000;
const LEVELS: LogLevel[] = ['error', 'warning', 'info', 'verbose'];
const COMMON_SOURCES = ['Daemon', 'ExtHandler', 'LogCollector', 'extension', 'shell', 'safefreeze'];
const rowHeight = () => ROW_HEIGHT;
const rowKeyOf = (i: number) => i;
const NO_PAGES = { subscribe: () => () => undefined, getVersion: () => 0 };

let firstPageMarked = false;

/** Virtualised log viewer over paged `queryLogs` results (merged by time or one file). */
export function LogsView() {
  const result = useApp((s) => s.result);
  const target = useApp((s) => s.logTarget);
  const filterFocus = useApp((s) => s.filterFocus);
  const mode = useApp((s) => s.timeMode);
  const filters = useLogs((s) => s.filters);
  const setFilters = useLogs((s) => s.setFilters);
  const resetFilters = useLogs((s) => s.resetFilters);
  const bookmarks = useLogs((s) => s.bookmarks);
  const toggleBookmark = useLogs((s) => s.toggleBookmark);

  const text = useDebounced(filters.text, 250);
  const { fileId, levels, source, extension, regex } = filters;
  const query = useMemo<PageQuery>(() => toQuery({ fileId, levels, source, extension, regex, text }, text), [fileId, levels, source, extension, regex, text]);
  const analyzedAt = result?.analyzedAt ?? '';
  const queryKey = `${analyzedAt}|${JSON.stringify(query)}`;

  // One page cache per query (and bundle); a new query starts from an empty one.
  const [pages, setPages] = useState<LogPages | null>(null);
  useEffect(() => {
    const p = new LogPages(queryKey, query, (q) => api().queryLogs(q), {
      onPage: (page) => {
        if (!firstPageMarked && page === 0) {
          firstPageMarked = true;
          performance.mark('vmbd:logs-first-page');
        }
      },
    });
    setPages(p);
    return () => p.close();
  }, [queryKey, query]);
  const current = pages && pages.key === queryKey ? pages : null;
  // The status line and the source suggestions change only with the total, the error or a new source.
  const meta = useSyncExternalStore(current?.subscribe ?? NO_PAGES.subscribe, () => (current ? `${current.total ?? ''}|${current.sources.size}|${current.error ?? ''}` : ''));

  const [highlight, setHighlight] = useState<{ key: string; index: number } | null>(null);
  const [pendingScroll, setPendingScroll] = useState<{ key: string; index: number } | null>(null);
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set());
  const [notice, setNotice] = useState<string | null>(null);
  const [jumpText, setJumpText] = useState('');
  const filterRef = useRef<HTMLInputElement>(null);

  const jumpToLine = useCallback(
    async (file: string, line: number) => {
      setNotice(null);
      try {
        let q = query;
        let key = queryKey;
        let r = await api().locateLog({ query: q, file, line });
        if (r.index === null && hasFilters(useLogs.getState().filters)) {
          // The line is filtered out: show it unfiltered rather than not at all.
          resetFilters();
          q = {};
          key = `${analyzedAt}|{}`;
          r = await api().locateLog({ query: q, file, line });
          if (r.index !== null) setNotice('Filters were cleared to show this line.');
        }
        if (r.index === null) {
          setNotice(`${file}:${line} is not among the log records (the file may not be a log).`);
          return;
        }
        setHighlight({ key, index: r.index });
        setPendingScroll({ key, index: r.index });
      } catch (e) {
        setNotice((e as Error).message);
      }
    },
    [query, queryKey, resetFilters, analyzedAt],
  );

  // "Show in logs" from another view.
  const targetNonce = target?.nonce;
  useEffect(() => {
    if (target) void jumpToLine(target.file, target.line);
    // Only a new request (nonce) jumps; filter changes must not re-jump.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [targetNonce]);

  useEffect(() => {
    if (filterFocus) filterRef.current?.focus();
  }, [filterFocus]);

  const evidence = useMemo(() => evidenceLines(result?.findings ?? []), [result]);
  // Which line of a multi-line record matched the text filter, to show it while collapsed.
  const matcher = useMemo(() => {
    if (!text) return null;
    if (!regex) {
      const needle = text.toLowerCase();
      return (l: string) => l.toLowerCase().includes(needle);
    }
    try {
      const re = new RegExp(text, 'i');
      return (l: string) => re.test(l);
    } catch {
      return null;
    }
  }, [text, regex]);
  const marked = useMemo(() => new Set(bookmarks.map((b) => bookmarkKey(b.file, b.line))), [bookmarks]);
  const sourceCount = current?.sources.size ?? 0;
  const sources = useMemo(() => {
    const s = new Set(COMMON_SOURCES);
    if (current) for (const x of current.sources) s.add(x);
    return [...s].sort();
    // `sourceCount` stands for the set's content (it only grows).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [current, sourceCount]);

  const jumpToTime = async () => {
    const ms = parseUserTime(jumpText, mode);
    if (ms === null) {
      setNotice('Enter a time like 2026-11-19 22:00.');
      return;
    }
    try {
      const from = new Date(ms).toISOString();
      // Records without a time pass a `from` filter (kept in file order); skip them.
      const p = await api().queryLogs({ ...query, from, offset: 0, limit: 100 });
      const r = p.records.find((x) => x.time !== null && x.time >= from);
      if (!r) {
        setNotice('No record at or after that time.');
        return;
      }
      await jumpToLine(r.file, r.line);
    } catch (e) {
      setNotice((e as Error).message);
    }
  };

  const copy = useCallback((r: LogRecord) => {
    void navigator.clipboard?.writeText(redactLine(r.text)).then(
      () => setNotice(`Copied ${r.file}:${r.line} (secrets redacted).`),
      () => setNotice('The clipboard is not available.'),
    );
  }, []);
  const toggleExpanded = useCallback((k: string) => setExpanded((s) => toggled(s, k)), []);

  if (!result) return null;
  void meta;
  const loading = !current || current.total === null;
  const count = current?.total ?? 0;
  const error = current?.error;
  const toggleLevel = (l: LogLevel) => setFilters({ levels: levels.includes(l) ? levels.filter((x) => x !== l) : [...levels, l] });

  return (
    <section className="logs" aria-label="Logs">
      <div className="toolbar" role="toolbar" aria-label="Log filters">
        <label className="field">
          <span>File</span>
          <select aria-label="File" value={fileId ?? ''} onChange={(e) => setFilters({ fileId: e.target.value === '' ? null : Number(e.target.value) })}>
            <option value="">All files (merged by time)</option>
            {result.files.map((f) => (
              <option key={f.id} value={f.id}>
                {f.vmPath}
              </option>
            ))}
          </select>
        </label>
        <div className="seg" role="group" aria-label="Levels">
          {LEVELS.map((l) => (
            <button key={l} type="button" className={`lvl lvl-${l}`} aria-pressed={levels.includes(l)} onClick={() => toggleLevel(l)}>
              {l}
            </button>
          ))}
        </div>
        <label className="field">
          <span>Source</span>
          <input aria-label="Source" list="log-sources" value={source} size={10} onChange={(e) => setFilters({ source: e.target.value.trim() })} />
          <datalist id="log-sources">
            {sources.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
        </label>
        <label className="field">
          <span>Extension</span>
          <select aria-label="Extension" value={extension} onChange={(e) => setFilters({ extension: e.target.value })}>
            <option value="">Any</option>
            {result.extensions.map((x) => (
              <option key={x.name} value={x.name}>
                {x.name.replace(/^Microsoft\.Azure\./, '')}
              </option>
            ))}
          </select>
        </label>
        <label className="field grow">
          <span>Filter</span>
          <input ref={filterRef} aria-label="Filter text" type="search" placeholder={regex ? 'Regular expression' : 'Text (Ctrl+F)'} value={filters.text} onChange={(e) => setFilters({ text: e.target.value })} spellCheck={false} />
        </label>
        <label className="check">
          <input type="checkbox" checked={regex} onChange={(e) => setFilters({ regex: e.target.checked })} /> Regex
        </label>
        <form
          className="field"
          onSubmit={(e) => {
            e.preventDefault();
            void jumpToTime();
          }}
        >
          <span>Jump to</span>
          <input aria-label="Jump to time" placeholder="YYYY-MM-DD HH:MM" title={mode === 'utc' ? 'UTC' : 'Your time zone'} value={jumpText} size={18} onChange={(e) => setJumpText(e.target.value)} />
          <button type="submit">Go</button>
        </form>
        {hasFilters(filters) && (
          <button type="button" onClick={resetFilters}>
            Clear filters
          </button>
        )}
      </div>
      <div className="logs-status" aria-live="polite">
        <span data-testid="log-total">{loading ? 'Loading…' : `${count.toLocaleString('en')} records`}</span>
        {error && (
          <span className="error-text" role="alert">
            {error}
          </span>
        )}
        {notice && <span className="muted">{notice}</span>}
      </div>
      <div className="logs-body">
        <LogList
          pages={current}
          count={loading ? 0 : count}
          mode={mode}
          highlight={highlight && highlight.key === queryKey ? highlight.index : null}
          pendingScroll={pendingScroll && pendingScroll.key === queryKey && !loading ? pendingScroll.index : null}
          onScrolled={() => setPendingScroll(null)}
          expanded={expanded}
          marked={marked}
          evidence={evidence}
          matcher={matcher}
          onToggleExpanded={toggleExpanded}
          onToggleBookmark={toggleBookmark}
          onCopy={copy}
          empty={!loading && count === 0 ? <p className="empty muted">No records match. {hasFilters(filters) ? 'Loosen the filters.' : 'The bundle has no log records.'}</p> : null}
        />
        <BookmarkPanel bookmarks={bookmarks} onJump={(b) => void jumpToLine(b.file, b.line)} onRemove={toggleBookmark} />
      </div>
    </section>
  );
}

interface RowActions {
  onToggleExpanded: (key: string) => void;
  onToggleBookmark: (b: Bookmark) => void;
  onCopy: (r: LogRecord) => void;
}

interface LogListProps extends RowActions {
  pages: LogPages | null;
  count: number;
  mode: TimeMode;
  highlight: number | null;
  /** A row to bring to the middle of the viewport once (then `onScrolled`). */
  pendingScroll: number | null;
  onScrolled: () => void;
  expanded: Set<string>;
  marked: Set<string>;
  evidence: Map<string, number[]>;
  matcher: ((line: string) => boolean) | null;
  empty: ReactNode;
}

/**
 * The scroller: re-renders on scroll and page arrival, while the rows are memoised (a row renders again only
 * when its record or its own flags change). Collapsed rows have a fixed height and are never measured; only
 * expanded rows are (so a million-row list never re-lays out its offsets while scrolling).
 */
function LogList({ pages, count, mode, highlight, pendingScroll, onScrolled, expanded, marked, evidence, matcher, empty, onToggleExpanded, onToggleBookmark, onCopy }: LogListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  useSyncExternalStore(pages?.subscribe ?? NO_PAGES.subscribe, pages?.getVersion ?? NO_PAGES.getVersion);
  const pagesRef = useRef(pages);
  pagesRef.current = pages;
  // rows' pixels per scrolled pixel (scroll-scale.ts): 1 unless the list is taller than the browser lays out
  const scaleRef = useRef(1);
  // The virtualizer's functions are not memoisable; this component is not compiler-optimised anyway.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    // Both must keep their identity across renders: a new `getItemKey` makes the virtualizer recompute the
    // offsets of every row (O(rows) per scroll frame on a million-record list).
    estimateSize: rowHeight,
    getItemKey: rowKeyOf,
    overscan: OVERSCAN,
    // React 19 warns about flushSync inside effects; plain state updates are smooth enough here.
    useFlushSync: false,
    // the virtualizer works in rows' pixels; the scroll element in scaled ones
    observeElementOffset: (instance, cb) => observeElementOffset(instance, (offset, isScrolling) => cb(offset * scaleRef.current, isScrolling)),
    scrollToFn: (offset, { adjustments = 0, behavior }, instance) => elementScroll((offset + adjustments) / scaleRef.current, { behavior }, instance),
    // Ask for the pages a scroll needs from the scroll event itself, before React renders the rows.
    onChange: (v) => {
      const r = v.range;
      if (r) pagesRef.current?.setView(Math.max(0, r.startIndex - OVERSCAN), r.endIndex + OVERSCAN);
    },
  });
  const items = virtualizer.getVirtualItems();
  const totalPx = virtualizer.getTotalSize();
  scaleRef.current = scrollScale(totalPx, scrollRef.current?.clientHeight ?? 0);
  // a scaled list: rows are placed around the scrolled position, in rows' pixels from there
  const shift = scaleRef.current === 1 ? 0 : (virtualizer.scrollOffset ?? 0) - (scrollRef.current?.scrollTop ?? 0);
  const first = items.length ? items[0].index : 0;
  const last = items.length ? items[items.length - 1].index : 0;

  // Also after the list (re)appears or its length changes, not only on scroll.
  useEffect(() => {
    if (count > 0) pages?.setView(first, last);
  }, [pages, count, first, last]);

  // Expanded rows were measured for the previous query's records: start from fixed heights again.
  useEffect(() => {
    virtualizer.measure();
  }, [pages, virtualizer]);

  // Scroll once the filtered list a jump belongs to has loaded; ask for the target's page right away.
  useEffect(() => {
    if (pendingScroll === null) return;
    if (pendingScroll < count) {
      pages?.setView(Math.max(0, pendingScroll - 30), pendingScroll + 30);
      virtualizer.scrollToIndex(pendingScroll, { align: 'center' });
    }
    onScrolled();
  }, [pendingScroll, count, pages, virtualizer, onScrolled]);

  return (
    <div ref={scrollRef} className="log-scroll" data-testid="log-scroll" tabIndex={0} aria-label="Log records">
      <div role="list" aria-label="Log records list" style={{ height: Math.min(totalPx, MAX_LIST_PX), position: 'relative', width: '100%' }}>
        {items.map((vi) => {
          const r = pages?.record(vi.index);
          if (!r) return <PlaceholderRow key={vi.key} index={vi.index} start={vi.start - shift} />;
          const k = bookmarkKey(r.file, r.line);
          const open = r.lineCount > 1 && expanded.has(k);
          return (
            <LogRow
              key={vi.key}
              index={vi.index}
              start={vi.start - shift}
              record={r}
              rowKey={k}
              open={open}
              bookmarked={marked.has(k)}
              highlighted={highlight === vi.index}
              evidence={hasLineIn(evidence.get(r.file), r.line, r.line + Math.max(1, r.lineCount))}
              mode={mode}
              matcher={r.lineCount > 1 ? matcher : null}
              measure={open ? virtualizer.measureElement : undefined}
              onToggleExpanded={onToggleExpanded}
              onToggleBookmark={onToggleBookmark}
              onCopy={onCopy}
            />
          );
        })}
      </div>
      {empty}
    </div>
  );
}

const PlaceholderRow = memo(function PlaceholderRow({ index, start }: { index: number; start: number }) {
  return (
    <div role="listitem" className="log-row placeholder" data-index={index} style={{ transform: `translateY(${start}px)` }}>
      …
    </div>
  );
});

interface LogRowProps extends RowActions {
  index: number;
  start: number;
  record: LogRecord;
  rowKey: string;
  open: boolean;
  bookmarked: boolean;
  highlighted: boolean;
  evidence: boolean;
  mode: TimeMode;
  matcher: ((line: string) => boolean) | null;
  /** The virtualizer's measuring ref, for an expanded (variable-height) row only. */
  measure?: (el: HTMLElement | null) => void;
}

/** One record. Log text is hostile input: it is only ever rendered as React text children. */
const LogRow = memo(function LogRow({ index, start, record: r, rowKey: k, open, bookmarked, highlighted: hl, evidence, mode, matcher, measure, onToggleExpanded, onToggleBookmark, onCopy }: LogRowProps) {
  const nl = r.text.indexOf('\n');
  const firstLine = nl < 0 ? r.text : r.text.slice(0, nl);
  const shown = open ? r.text.slice(0, MAX_SHOWN * 10) : firstLine.slice(0, MAX_SHOWN);
  const cut = open ? r.text.length > MAX_SHOWN * 10 : firstLine.length > MAX_SHOWN;
  const hint = !open && r.lineCount > 1 && matcher && !matcher(firstLine) ? r.text.split('\n').find((l, i) => i > 0 && matcher(l)) : undefined;
  return (
    <div
      role="listitem"
      data-testid="log-row"
      data-index={index}
      data-file={r.file}
      data-line={r.line}
      data-lines={r.lineCount}
      data-level={r.level}
      data-highlighted={hl ? 'true' : undefined}
      ref={measure}
      className={`log-row lvl-row-${r.level}${open ? ' open' : ''}${hl ? ' highlighted' : ''}${evidence ? ' evidence-row' : ''}`}
      style={{ transform: `translateY(${start}px)` }}
    >
      <button type="button" className={`icon bm${bookmarked ? ' on' : ''}`} aria-pressed={bookmarked} aria-label={`Bookmark ${r.file}:${r.line}`} onClick={() => onToggleBookmark({ file: r.file, line: r.line, time: r.time, text: firstLine })}>
        {bookmarked ? '★' : '☆'}
      </button>
      <span className="c-time" title={r.zone === 'local' ? 'VM local time (zone not resolved)' : undefined}>
        {formatTime(r.time, mode)}
        {r.zone === 'local' ? '*' : ''}
      </span>
      <span className={`c-level lvl-${r.level}`}>{r.level === 'unknown' ? '' : r.level.slice(0, 4).toUpperCase()}</span>
      <span className="c-source" title={r.extension ?? r.source}>
        {r.source}
      </span>
      <span className="c-text" data-testid="log-text">
        {r.lineCount > 1 && (
          <button type="button" className="icon" aria-expanded={open} aria-label={`${open ? 'Collapse' : 'Expand'} ${r.lineCount} lines`} onClick={() => onToggleExpanded(k)}>
            {open ? '▾' : `▸ +${r.lineCount - 1}`}
          </button>
        )}
        {open ? <span className="pre">{shown}</span> : shown}
        {cut && <span className="muted"> … (cut for display)</span>}
        {hint && <span className="match-hint"> ↳ {hint.slice(0, MAX_SHOWN)}</span>}
      </span>
      <span className="c-loc" data-testid="row-loc" title={r.file}>
        {r.file.split('/').pop()}:{r.line}
      </span>
      <button type="button" className="icon copy" aria-label={`Copy ${r.file}:${r.line}`} onClick={() => onCopy(r)}>
        ⧉
      </button>
    </div>
  );
});

/** Evidence lines of the findings per file, sorted and unique (binary-searched for every row on screen). */
export function evidenceLines(findings: { evidence: { file: string; line: number }[] }[]): Map<string, number[]> {
  const m = new Map<string, Set<number>>();
  for (const f of findings)
    for (const e of f.evidence) {
      if (e.line <= 0) continue;
      let s = m.get(e.file);
      if (!s) m.set(e.file, (s = new Set()));
      s.add(e.line);
    }
  return new Map([...m].map(([file, s]) => [file, [...s].sort((a, b) => a - b)]));
}

/** Whether the sorted `lines` hold a line in [from, to). */
export function hasLineIn(lines: number[] | undefined, from: number, to: number): boolean {
  if (!lines?.length) return false;
  let lo = 0;
  let hi = lines.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (lines[mid] < from) lo = mid + 1;
    else hi = mid;
  }
  return lo < lines.length && lines[lo] < to;
}

function toggled(s: Set<string>, k: string): Set<string> {
  const n = new Set(s);
  if (n.has(k)) n.delete(k);
  else n.add(k);
  return n;
}

function BookmarkPanel({ bookmarks, onJump, onRemove }: { bookmarks: Bookmark[]; onJump: (b: Bookmark) => void; onRemove: (b: Bookmark) => void }) {
  const mode = useApp((s) => s.timeMode);
  return (
    <aside className="bookmarks" aria-label="Bookmarks">
      <h2>Bookmarks {bookmarks.length > 0 && <span className="count">{bookmarks.length}</span>}</h2>
      {bookmarks.length === 0 ? (
        <p className="muted small">☆ a line to keep it here.</p>
      ) : (
        <ul>
          {bookmarks.map((b) => (
            <li key={bookmarkKey(b.file, b.line)}>
              <button type="button" className="link" onClick={() => onJump(b)} title={b.text}>
                {b.file.split('/').pop()}:{b.line}
              </button>
              <span className="muted small">{formatTime(b.time, mode)}</span>
              <span className="bm-text small">{b.text.slice(0, 120)}</span>
              <button type="button" className="icon" aria-label={`Remove bookmark ${b.file}:${b.line}`} onClick={() => onRemove(b)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
