import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { LogLevel, LogQuery, LogRecord } from '../../shared';
import { api } from '../api';
import { bookmarkKey, hasFilters, toQuery, useLogs, type Bookmark } from '../state/logs';
import { useApp } from '../state/store';
import { redactLine } from '../util/redact';
import { formatTime, parseUserTime } from '../util/time';
import { useDebounced } from '../util/useDebounced';

/** Records per page request; the viewer never asks for all records. */
export const PAGE_SIZE = 200;
/** Pages kept in memory; the farthest are dropped so a million-line log stays bounded. */
const MAX_PAGES = 40;
const ROW_HEIGHT = 22;
/** A giant line is cut for display (the full text is in the file; copy takes the whole record). */
const MAX_SHOWN = 2000;
const LEVELS: LogLevel[] = ['error', 'warning', 'info', 'verbose'];
const COMMON_SOURCES = ['Daemon', 'ExtHandler', 'LogCollector', 'extension', 'shell', 'safefreeze'];

type Query = Omit<LogQuery, 'offset' | 'limit'>;
interface Data {
  key: string;
  total: number | null;
  pages: Map<number, LogRecord[]>;
  error?: string;
}

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
  const query = useMemo<Query>(() => toQuery({ fileId, levels, source, extension, regex, text }, text), [fileId, levels, source, extension, regex, text]);
  const queryKey = `${result?.analyzedAt ?? ''}|${JSON.stringify(query)}`;

  const [data, setData] = useState<Data>({ key: '', total: null, pages: new Map() });
  const gen = useRef({ key: '', inflight: new Set<number>() });
  const [highlight, setHighlight] = useState<{ key: string; index: number } | null>(null);
  const [pendingScroll, setPendingScroll] = useState<{ key: string; index: number } | null>(null);
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set());
  const [notice, setNotice] = useState<string | null>(null);
  const [jumpText, setJumpText] = useState('');
  const scrollRef = useRef<HTMLDivElement>(null);
  const filterRef = useRef<HTMLInputElement>(null);

  const fetchPage = useCallback((page: number, key: string, q: Query) => {
    const g = gen.current;
    if (g.key !== key || g.inflight.has(page)) return;
    g.inflight.add(page);
    api()
      .queryLogs({ ...q, offset: page * PAGE_SIZE, limit: PAGE_SIZE })
      .then((p) => {
        if (gen.current.key !== key) return;
        setData((d) => {
          if (d.key !== key) return d;
          const pages = new Map(d.pages);
          pages.set(page, p.records);
          if (pages.size > MAX_PAGES) {
            const far = [...pages.keys()].sort((a, b) => Math.abs(b - page) - Math.abs(a - page));
            for (const k of far.slice(0, pages.size - MAX_PAGES)) pages.delete(k);
          }
          return { key, total: p.total, pages, error: p.error };
        });
        if (!firstPageMarked && page === 0) {
          firstPageMarked = true;
          performance.mark('vmbd:logs-first-page');
        }
      })
      .catch((e: unknown) => {
        if (gen.current.key === key) setData((d) => (d.key === key ? { ...d, total: d.total ?? 0, error: (e as Error).message } : d));
      })
      .finally(() => {
        if (gen.current.key === key) g.inflight.delete(page);
      });
  }, []);

  // A new query (or bundle) starts from an empty cache.
  useEffect(() => {
    gen.current = { key: queryKey, inflight: new Set() };
    setData({ key: queryKey, total: null, pages: new Map() });
    fetchPage(0, queryKey, query);
  }, [queryKey, query, fetchPage]);

  const count = data.key === queryKey ? (data.total ?? 0) : 0;
  // The virtualizer's functions are not memoisable; this component is not compiler-optimised anyway.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
    getItemKey: (i) => i,
    // React 19 warns about flushSync inside effects; plain state updates are smooth enough here.
    useFlushSync: false,
  });
  const items = virtualizer.getVirtualItems();
  const first = items.length ? items[0].index : 0;
  const last = items.length ? items[items.length - 1].index : 0;

  // Fetch the pages the visible rows need.
  useEffect(() => {
    if (data.key !== queryKey || data.total === null) return;
    for (let p = Math.floor(first / PAGE_SIZE); p <= Math.floor(last / PAGE_SIZE); p++) {
      if (!data.pages.has(p)) fetchPage(p, queryKey, query);
    }
  }, [first, last, data, queryKey, query, fetchPage]);

  const recordAt = (i: number): LogRecord | undefined => data.pages.get(Math.floor(i / PAGE_SIZE))?.[i % PAGE_SIZE];

  // Scroll once the filtered list a jump belongs to has loaded.
  useEffect(() => {
    if (!pendingScroll || pendingScroll.key !== data.key || data.total === null) return;
    if (pendingScroll.index < data.total) virtualizer.scrollToIndex(pendingScroll.index, { align: 'center' });
    setPendingScroll(null);
  }, [pendingScroll, data.key, data.total, virtualizer]);

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
          key = `${result?.analyzedAt ?? ''}|{}`;
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
    [query, queryKey, resetFilters, result?.analyzedAt],
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

  const evidence = useMemo(() => {
    const m = new Map<string, number[]>();
    for (const f of result?.findings ?? []) for (const e of f.evidence) if (e.line > 0) m.set(e.file, [...(m.get(e.file) ?? []), e.line]);
    return m;
  }, [result]);
  const isEvidence = (r: LogRecord) => (evidence.get(r.file) ?? []).some((l) => l >= r.line && l < r.line + r.lineCount);
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
  const sources = useMemo(() => {
    const s = new Set(COMMON_SOURCES);
    for (const page of data.pages.values()) for (const r of page) if (r.source) s.add(r.source);
    return [...s].sort();
  }, [data.pages]);

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

  const copy = (r: LogRecord) => {
    void navigator.clipboard?.writeText(redactLine(r.text)).then(
      () => setNotice(`Copied ${r.file}:${r.line} (secrets redacted).`),
      () => setNotice('The clipboard is not available.'),
    );
  };

  if (!result) return null;
  const loading = data.key !== queryKey || data.total === null;
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
        {data.error && (
          <span className="error-text" role="alert">
            {data.error}
          </span>
        )}
        {notice && <span className="muted">{notice}</span>}
      </div>
      <div className="logs-body">
        <div ref={scrollRef} className="log-scroll" data-testid="log-scroll" tabIndex={0} aria-label="Log records">
          <div role="list" aria-label="Log records list" style={{ height: virtualizer.getTotalSize(), position: 'relative', width: '100%' }}>
            {items.map((vi) => {
              const r = recordAt(vi.index);
              if (!r) {
                return (
                  <div key={vi.key} role="listitem" className="log-row placeholder" data-index={vi.index} ref={virtualizer.measureElement} style={{ transform: `translateY(${vi.start}px)` }}>
                    …
                  </div>
                );
              }
              const k = bookmarkKey(r.file, r.line);
              const open = expanded.has(k);
              const hl = highlight && highlight.key === data.key && highlight.index === vi.index;
              const firstLine = r.text.split('\n', 1)[0];
              const shown = open ? r.text.slice(0, MAX_SHOWN * 10) : firstLine.slice(0, MAX_SHOWN);
              const cut = open ? r.text.length > MAX_SHOWN * 10 : firstLine.length > MAX_SHOWN;
              const hint = !open && r.lineCount > 1 && matcher && !matcher(firstLine) ? r.text.split('\n').find((l, i) => i > 0 && matcher(l)) : undefined;
              return (
                <div
                  key={vi.key}
                  role="listitem"
                  data-testid="log-row"
                  data-index={vi.index}
                  data-file={r.file}
                  data-line={r.line}
                  data-lines={r.lineCount}
                  data-level={r.level}
                  data-highlighted={hl ? 'true' : undefined}
                  ref={virtualizer.measureElement}
                  className={`log-row lvl-row-${r.level}${hl ? ' highlighted' : ''}${isEvidence(r) ? ' evidence-row' : ''}`}
                  style={{ transform: `translateY(${vi.start}px)` }}
                >
                  <button type="button" className={`icon bm${marked.has(k) ? ' on' : ''}`} aria-pressed={marked.has(k)} aria-label={`Bookmark ${r.file}:${r.line}`} onClick={() => toggleBookmark({ file: r.file, line: r.line, time: r.time, text: firstLine })}>
                    {marked.has(k) ? '★' : '☆'}
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
                      <button type="button" className="icon" aria-expanded={open} aria-label={`${open ? 'Collapse' : 'Expand'} ${r.lineCount} lines`} onClick={() => setExpanded((s) => toggled(s, k))}>
                        {open ? '▾' : `▸ +${r.lineCount - 1}`}
                      </button>
                    )}
                    <span className={open ? 'pre' : undefined}>{shown}</span>
                    {cut && <span className="muted"> … (cut for display)</span>}
                    {hint && <span className="match-hint"> ↳ {hint.slice(0, MAX_SHOWN)}</span>}
                  </span>
                  <span className="c-loc" data-testid="row-loc" title={r.file}>
                    {r.file.split('/').pop()}:{r.line}
                  </span>
                  <button type="button" className="icon copy" aria-label={`Copy ${r.file}:${r.line}`} onClick={() => copy(r)}>
                    ⧉
                  </button>
                </div>
              );
            })}
          </div>
          {!loading && count === 0 && <p className="empty muted">No records match. {hasFilters(filters) ? 'Loosen the filters.' : 'The bundle has no log records.'}</p>}
        </div>
        <BookmarkPanel bookmarks={bookmarks} onJump={(b) => void jumpToLine(b.file, b.line)} onRemove={toggleBookmark} />
      </div>
    </section>
  );
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
