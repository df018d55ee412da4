import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { elementScroll, observeElementOffset, useVirtualizer } from '@tanstack/react-virtual';
import type { LogLevel, LogRecord } from '../../shared';
import { anyIn } from '../../shared/sorted';
import { api } from '../api';
import { LogPages, PAGE_SIZE, type PageQuery } from '../state/log-pages';
import { fmtNum, useLang, useT, type Messages } from '../i18n';
import { bookmarkKey, COLUMN_LIMITS, hasFilters, toQuery, useLogs, type Bookmark, type LogColumns } from '../state/logs';
import { useApp } from '../state/store';
import { failureWindow } from '../util/failure';
import { findMatcher, firstLineOf, messageOf, regexError, splitMatches } from '../util/message';
import { redactLine } from '../util/redact';
import { MAX_LIST_PX, readScaled, scrollScale, wheelInRows } from '../util/scroll-scale';
import { rowSlots, type RowSlots } from '../util/row-slots';
import { shortPlace, usePlace, type Place } from '../util/place';
import { conversionOf, formatTime, parseUserTime, type TimeMode } from '../util/time';
import { useDebounced } from '../util/useDebounced';
import { remPx, useRemPx } from '../util/rem';
import { BookmarkPanel } from '../components/BookmarkPanel';

export { PAGE_SIZE };
/** A collapsed row's fixed height in rem (styles.css `.log-row`); only expanded rows are measured. */
export const ROW_REM = 1.5;
/** Rows' pixels a scaled list's rows are placed from one origin (LogList `base`): ~43,690 rows of 24 px. */
const ROWS_BLOCK = 2 ** 20;
/** Rows rendered beyond the viewport on each side. */
const OVERSCAN = 8;
/** A giant line is cut for display (the full text is in the file; copy takes the whole record). */
const MAX_SHOWN = 2000;
const LEVELS: LogLevel[] = ['error', 'warning', 'info', 'verbose'];
/** "±N minutes around the failure" choices (0 = all times). */
const AROUND = [0, 2, 5, 15, 60];
/** The most records one copy of a selection takes (one logs:query page). */
const MAX_COPY = 5000;
const COMMON_SOURCES = ['Daemon', 'ExtHandler', 'LogCollector', 'extension', 'shell', 'safefreeze'];
const rowKeyOf = (i: number) => i;
const NO_PAGES = { subscribe: () => () => undefined, getVersion: () => 0 };

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
  const wrap = useLogs((s) => s.wrap);
  const setWrap = useLogs((s) => s.setWrap);
  const columns = useLogs((s) => s.columns);
  const showBookmarks = useLogs((s) => s.showBookmarks);
  const setShowBookmarks = useLogs((s) => s.setShowBookmarks);
  const t = useT();
  const place = usePlace();
  const lang = useLang((s) => s.lang);

  const typed = useDebounced(filters.text, 250);
  const { fileId, levels, source, extension, regex, around } = filters;
  // An invalid regex is flagged here and never sent (the list keeps its last valid query).
  const filterRegexError = regex && filters.text ? regexError(filters.text) : null;
  const typedValid = regex && typed ? regexError(typed) === null : true;
  const text = typedValid ? typed : '';
  const failure = useMemo(() => failureWindow(result), [result]);
  const query = useMemo<PageQuery>(() => toQuery({ fileId, levels, source, extension, regex, around }, text, failure), [fileId, levels, source, extension, regex, around, text, failure]);
  const analyzedAt = result?.analyzedAt ?? '';
  const queryKey = `${analyzedAt}|${JSON.stringify(query)}`;

  // One page cache per query (and bundle); a new query starts from an empty one.
  const [pages, setPages] = useState<LogPages | null>(null);
  useEffect(() => {
    // Performance marks when a query is asked and when its first page arrives (bench/renderer.mjs reads them).
    performance.mark('vmbd:logs-query');
    const p = new LogPages(queryKey, query, (q) => api().queryLogs(q), {
      onPage: (page) => {
        if (page === 0) performance.mark('vmbd:logs-first-page');
      },
    });
    setPages(p);
    return () => p.close();
  }, [queryKey, query]);
  const current = pages && pages.key === queryKey ? pages : null;
  // The status line and the source suggestions change only with the total, the error or a new source.
  const meta = useSyncExternalStore(current?.subscribe ?? NO_PAGES.subscribe, () => (current ? `${current.total ?? ''}|${current.counting}|${current.sources.size}|${current.error ?? ''}` : ''));

  const [highlight, setHighlight] = useState<{ key: string; index: number } | null>(null);
  const [pendingScroll, setPendingScroll] = useState<{ key: string; index: number } | null>(null);
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set());
  const [notice, setNotice] = useState<string | null>(null);
  const [jumpText, setJumpText] = useState('');
  const filterRef = useRef<HTMLInputElement>(null);
  // The row cursor (keyboard and click) and the record the detail pane shows.
  const [cursor, setCursor] = useState<{ key: string; index: number } | null>(null);
  // Where a selection started (Shift+click or Shift+arrows extend from it to the cursor).
  const [anchor, setAnchor] = useState<{ key: string; index: number } | null>(null);
  // read by `select` without giving it (and so every memoised row) a new identity per cursor move
  const cursorRef = useRef(cursor);
  useEffect(() => {
    cursorRef.current = cursor;
  }, [cursor]);
  const [detail, setDetail] = useState<LogRecord | null>(null);
  // Find: highlights in the rows and next/previous match (F3), without hiding the lines between hits.
  const [find, setFind] = useState('');
  const findText = useDebounced(find, 200);
  const findRegexError = regex && find ? regexError(find) : null;
  const findMark = useMemo(() => (findText && !(regex && regexError(findText)) ? findMatcher(findText, regex) : null), [findText, regex]);
  // the hit F3 went to: its number and the count (null: the view has a text of its own), `counting` while the search goes on
  const [findPos, setFindPos] = useState<{ key: string; k: number | null; total: number | null; counting: boolean } | null>(null);
  const findKey = `${queryKey}|${findText}|${regex}`;

  const jumpToLine = useCallback(
    async (file: string, line: number): Promise<boolean> => {
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
          if (r.index !== null) setNotice(t.logs.cleared);
        }
        if (r.index === null) {
          setNotice(t.logs.notALog(place({ file, line })));
          return false;
        }
        setHighlight({ key, index: r.index });
        setCursor({ key, index: r.index });
        setAnchor({ key, index: r.index });
        setPendingScroll({ key, index: r.index });
        return true;
      } catch (e) {
        setNotice((e as Error).message);
        return false;
      }
    },
    [query, queryKey, resetFilters, analyzedAt, t, place, setCursor, setPendingScroll, setHighlight, setNotice],
  );

  /**
   * F3 / Shift+F3: the next or previous record that holds the find text, within the current filters, after or
   * before the cursor. The worker answers once the search reaches that hit (RecordStore.find), not after the
   * whole count: the count shows as found so far until it is known, and going round past an end is said.
   */
  const gotoMatch = useCallback(
    async (dir: 1 | -1) => {
      if (!findText || (regex && regexError(findText))) return;
      setNotice(null);
      try {
        const c = cursorRef.current;
        const from = c && c.key === queryKey ? c.index : null;
        const r = await api().findLog({ query, text: findText, ...(regex ? { regex: true } : {}), from, dir });
        if (r.error) setNotice(r.error);
        if (r.index === null || !r.record) {
          setFindPos({ key: findKey, k: null, total: 0, counting: false });
          return;
        }
        const index = r.index;
        setFindPos({ key: findKey, k: r.hit, total: r.total, counting: !!r.counting });
        if (r.counting && r.hit !== null) {
          // the whole count, once known (the find's answer is shared: this waits for the search F3 started)
          void api()
            .queryLogs({ ...query, text: findText, ...(regex ? { regex: true } : {}), offset: 0, limit: 0 })
            .then(
              (n) => setFindPos((p) => (p && p.key === findKey && p.counting ? { ...p, total: n.total, counting: false } : p)),
              () => undefined,
            );
        }
        if (r.wrapped) setNotice(dir > 0 ? t.logs.findWrappedToFirst : t.logs.findWrappedToLast);
        setCursor({ key: queryKey, index });
        setAnchor({ key: queryKey, index });
        setPendingScroll({ key: queryKey, index });
        setDetail(r.record);
      } catch (e) {
        setNotice((e as Error).message);
      }
    },
    [findText, regex, query, queryKey, findKey, t, setCursor, setDetail, setPendingScroll, setNotice, setFindPos],
  );
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'F3' || useApp.getState().dialog) return;
      e.preventDefault();
      void gotoMatch(e.shiftKey ? -1 : 1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [gotoMatch]);

  // "Show in logs" from another view. The keyboard follows: the list takes the focus, its cursor on the line.
  const targetNonce = target?.nonce;
  const [focusList, setFocusList] = useState(0);
  useEffect(() => {
    if (target) void jumpToLine(target.file, target.line).then((ok) => ok && setFocusList((n) => n + 1));
    // Only a new request (nonce) jumps; filter changes must not re-jump.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [targetNonce]);

  useEffect(() => {
    if (filterFocus) filterRef.current?.focus();
  }, [filterFocus]);

  const evidence = useMemo(() => evidenceLines(result?.findings ?? []), [result]);
  // the offset inferred for each local-time file: a converted time says from what ("VM +01:00 → UTC")
  const offsets = useMemo(() => new Map((result?.clock.offsets ?? []).map((o) => [o.source, o.offsetMinutes])), [result]);
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
      setNotice(t.logs.enterTime);
      return;
    }
    try {
      const from = new Date(ms).toISOString();
      // Records without a time pass a `from` filter (kept in file order); skip them.
      const p = await api().queryLogs({ ...query, from, offset: 0, limit: 100 });
      const r = p.records.find((x) => x.time !== null && x.time >= from);
      if (!r) {
        setNotice(t.logs.noRecordAfter);
        return;
      }
      await jumpToLine(r.file, r.line);
    } catch (e) {
      setNotice((e as Error).message);
    }
  };

  const copy = useCallback(
    (r: LogRecord) => {
      void navigator.clipboard?.writeText(redactLine(r.text)).then(
        () => setNotice(t.logs.copied(place(r))),
        () => setNotice(t.logs.noClipboard),
      );
    },
    [t, place],
  );
  const select = useCallback(
    (index: number, r: LogRecord | undefined, extend = false) => {
      const c = cursorRef.current;
      // a plain move starts a new selection here; an extending one keeps where the selection began
      setAnchor((a) => (extend ? (a && a.key === queryKey ? a : c && c.key === queryKey ? c : { key: queryKey, index }) : { key: queryKey, index }));
      setCursor({ key: queryKey, index });
      if (r) setDetail(r);
    },
    [queryKey, setCursor, setDetail],
  );
  const cursorAt = cursor && cursor.key === queryKey ? cursor.index : null;
  const anchorAt = anchor && anchor.key === queryKey ? anchor.index : cursorAt;
  const selection = useMemo<[number, number] | null>(() => (cursorAt === null || anchorAt === null ? null : [Math.min(cursorAt, anchorAt), Math.max(cursorAt, anchorAt)]), [cursorAt, anchorAt]);
  /** The selected records for a ticket: each with its place ("pasted text, line N" for a paste), redacted. */
  const copySelection = useCallback(async () => {
    if (!selection) return;
    const of = selection[1] - selection[0] + 1;
    try {
      const page = await api().queryLogs({ ...query, offset: selection[0], limit: Math.min(of, MAX_COPY) });
      const text = page.records.map((r) => `${place(r)}: ${redactLine(r.text)}`).join('\n') + '\n';
      await navigator.clipboard.writeText(text);
      setNotice(t.logs.copiedLines(page.records.length, of));
    } catch {
      setNotice(t.logs.noClipboard);
    }
  }, [selection, query, place, t]);
  const toggleExpanded = useCallback((k: string) => setExpanded((s) => toggled(s, k)), []);

  if (!result) return null;
  void meta;
  const loading = !current || current.total === null;
  const count = current?.total ?? 0;
  const counting = !!current?.counting;
  const error = current?.error;
  const toggleLevel = (l: LogLevel) => setFilters({ levels: levels.includes(l) ? levels.filter((x) => x !== l) : [...levels, l] });
  const cursorIndex = cursorAt;
  const selected = selection && selection[1] > selection[0] ? selection : null;
  const fp = findPos && findPos.key === findKey ? findPos : null;

  return (
    <section className="logs" aria-label={t.logs.region} style={columnStyle(columns)}>
      <div className="toolbar" role="toolbar" aria-label={t.logs.filters}>
        <label className="field">
          <span>{t.logs.file}</span>
          <select aria-label={t.logs.file} value={fileId ?? ''} onChange={(e) => setFilters({ fileId: e.target.value === '' ? null : Number(e.target.value) })}>
            <option value="">{t.logs.allFiles}</option>
            {result.files.map((f) => (
              <option key={f.id} value={f.id}>
                {f.vmPath}
              </option>
            ))}
          </select>
        </label>
        <div className="seg" role="group" aria-label={t.logs.levels}>
          {LEVELS.map((l) => (
            <button key={l} type="button" className={`lvl lvl-${l}`} aria-pressed={levels.includes(l)} onClick={() => toggleLevel(l)}>
              {t.logs.level[l]}
            </button>
          ))}
        </div>
        <label className="field">
          <span>{t.logs.source}</span>
          <input aria-label={t.logs.source} list="log-sources" value={source} size={10} onChange={(e) => setFilters({ source: e.target.value.trim() })} />
          <datalist id="log-sources">
            {sources.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
        </label>
        <label className="field">
          <span>{t.logs.extension}</span>
          <select aria-label={t.logs.extension} value={extension} onChange={(e) => setFilters({ extension: e.target.value })}>
            <option value="">{t.logs.any}</option>
            {result.extensions.map((x) => (
              <option key={x.name} value={x.name}>
                {x.name.replace(/^Microsoft\.Azure\./, '')}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t.logs.around}</span>
          <select aria-label={t.logs.around} title={failure ? t.logs.aroundTitle : t.logs.aroundNone} value={around} disabled={!failure} onChange={(e) => setFilters({ around: Number(e.target.value) })}>
            {AROUND.map((n) => (
              <option key={n} value={n}>
                {n === 0 ? t.logs.aroundOff : t.logs.aroundMinutes(n)}
              </option>
            ))}
          </select>
        </label>
        <label className="field grow">
          <span>{t.logs.filter}</span>
          <input
            ref={filterRef}
            aria-label={t.logs.filterText}
            type="search"
            placeholder={regex ? t.logs.regexPlaceholder : t.logs.filterPlaceholder}
            value={filters.text}
            onChange={(e) => setFilters({ text: e.target.value })}
            spellCheck={false}
            aria-invalid={filterRegexError ? true : undefined}
            aria-describedby={filterRegexError ? 'filter-regex-error' : undefined}
            className={filterRegexError ? 'invalid' : undefined}
          />
        </label>
        <label className="check">
          <input type="checkbox" checked={regex} onChange={(e) => setFilters({ regex: e.target.checked })} /> {t.logs.regex}
        </label>
        <div className="field find" role="search">
          <span>{t.logs.find}</span>
          <input
            aria-label={t.logs.find}
            type="search"
            placeholder={t.logs.findPlaceholder}
            value={find}
            size={14}
            spellCheck={false}
            onChange={(e) => {
              setFind(e.target.value);
              setFindPos(null);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                void gotoMatch(e.shiftKey ? -1 : 1);
              }
            }}
            aria-invalid={findRegexError ? true : undefined}
            className={findRegexError ? 'invalid' : undefined}
          />
          <button type="button" className="icon" aria-label={t.logs.findPrev} title={t.logs.findPrev} disabled={!findMark} onClick={() => void gotoMatch(-1)}>
            ↑
          </button>
          <button type="button" className="icon" aria-label={t.logs.findNext} title={t.logs.findNext} disabled={!findMark} onClick={() => void gotoMatch(1)}>
            ↓
          </button>
          {fp && (
            <span className="muted small" data-testid="find-count">
              {fp.total === 0 ? t.logs.findNone : fp.k === null || fp.total === null ? null : fp.counting ? t.logs.findCountSoFar(fp.k + 1, fp.total) : t.logs.findCount(fp.k + 1, fp.total)}
            </span>
          )}
        </div>
        <form
          className="field"
          onSubmit={(e) => {
            e.preventDefault();
            void jumpToTime();
          }}
        >
          <span>{t.logs.jumpTo}</span>
          <input aria-label={t.logs.jumpTime} placeholder={t.logs.jumpPlaceholder} title={mode === 'utc' ? 'UTC' : t.top.localTitle} value={jumpText} size={16} onChange={(e) => setJumpText(e.target.value)} />
          <button type="submit">{t.logs.go}</button>
        </form>
        <label className="check">
          <input type="checkbox" checked={wrap} onChange={(e) => setWrap(e.target.checked)} /> {t.logs.wrap}
        </label>
        {hasFilters(filters) && (
          <button type="button" onClick={resetFilters}>
            {t.logs.clearFilters}
          </button>
        )}
        <button type="button" aria-pressed={showBookmarks} onClick={() => setShowBookmarks(!showBookmarks)}>
          {showBookmarks ? t.logs.hideBookmarks : t.logs.showBookmarks}
        </button>
      </div>
      <div className="logs-status" aria-live="polite">
        <span data-testid="log-total" data-counting={counting || undefined}>
          {loading ? t.common.loading : counting ? t.logs.recordsCounting(fmtNum(count, lang)) : t.logs.records(count)}
        </span>
        {(filterRegexError || findRegexError) && (
          <span className="error-text" role="alert" id="filter-regex-error" data-testid="regex-error">
            {t.logs.invalidRegex((filterRegexError ?? findRegexError)!)}
          </span>
        )}
        {error && !filterRegexError && (
          <span className="error-text" role="alert">
            {error}
          </span>
        )}
        {selected && (
          <button type="button" data-testid="copy-selected" onClick={() => void copySelection()}>
            {t.logs.copySelected(selected[1] - selected[0] + 1)}
          </button>
        )}
        {notice && <span className="muted">{notice}</span>}
      </div>
      <div className="logs-body">
        <div className="logs-main">
          <LogHeader t={t} />
          <LogList
            pages={current}
            count={loading ? 0 : count}
            mode={mode}
            highlight={highlight && highlight.key === queryKey ? highlight.index : null}
            cursor={cursorIndex}
            selected={selected}
            onCopySelection={() => void copySelection()}
            place={place}
            offsets={offsets}
            pendingScroll={pendingScroll && pendingScroll.key === queryKey && !loading ? pendingScroll.index : null}
            focusRequest={focusList}
            onScrolled={() => setPendingScroll(null)}
            expanded={expanded}
            marked={marked}
            evidence={evidence}
            matcher={matcher}
            findMark={findMark}
            wrap={wrap}
            t={t}
            onSelect={select}
            onOpen={(r) => setDetail(r)}
            onToggleExpanded={toggleExpanded}
            onToggleBookmark={toggleBookmark}
            onCopy={copy}
            empty={
              !loading && count === 0 ? (
                <p className="empty muted">
                  {t.logs.noMatch} {hasFilters(filters) ? t.logs.loosen : t.logs.noRecords}
                </p>
              ) : null
            }
          />
        </div>
        {(detail || showBookmarks) && (
          <div className="logs-side">
            {detail && <RecordDetail record={detail} mode={mode} t={t} place={place} conversion={conversionOf(detail.zone, offsets.get(detail.file), mode, Date.parse(detail.time ?? ''), t.top)} onClose={() => setDetail(null)} onCopy={copy} />}
            {showBookmarks && <BookmarkPanel onJump={(b) => void jumpToLine(b.file, b.line)} />}
          </div>
        )}
      </div>
    </section>
  );
}

/** The column widths as CSS variables (rem, so the OS text size applies). */
function columnStyle(c: LogColumns): React.CSSProperties {
  return { '--col-time': `${c.time}rem`, '--col-level': `${c.level}rem`, '--col-source': `${c.source}rem`, '--col-loc': `${c.loc}rem` } as React.CSSProperties;
}

/** Column headers; the edges of time, level, source and file:line drag (or take arrow keys) to resize. */
function LogHeader({ t }: { t: Messages }) {
  const columns = useLogs((s) => s.columns);
  const setColumn = useLogs((s) => s.setColumn);
  const cols: [keyof LogColumns | null, string][] = [
    [null, ''],
    ['time', t.logs.colTime],
    ['level', t.logs.colLevel],
    ['source', t.logs.colSource],
    [null, t.logs.colMessage],
    ['loc', t.logs.colFile],
  ];
  return (
    <div className="log-row log-head" role="group" aria-label={t.logs.list}>
      {cols.map(([key, label], i) => (
        <span key={i} className={`h-cell${key ? ` h-${key}` : ''}`}>
          {label}
          {key && <ResizeHandle label={t.logs.resize(label)} value={columns[key]} onChange={(v) => setColumn(key, v)} invert={key === 'loc'} />}
        </span>
      ))}
      <span />
    </div>
  );
}

function ResizeHandle({ label, value, onChange, invert }: { label: string; value: number; onChange: (rem: number) => void; invert?: boolean }) {
  const onPointerDown = (e: React.PointerEvent) => {
    e.preventDefault();
    const startX = e.clientX;
    const start = value;
    const rem = remPx();
    const move = (ev: PointerEvent) => onChange(start + ((invert ? -1 : 1) * (ev.clientX - startX)) / rem);
    const up = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  };
  return (
    <span
      className={`col-resize${invert ? ' left' : ''}`}
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={value}
      aria-valuemin={COLUMN_LIMITS.min}
      aria-valuemax={COLUMN_LIMITS.max}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onKeyDown={(e) => {
        const d = e.key === 'ArrowRight' ? 0.5 : e.key === 'ArrowLeft' ? -0.5 : 0;
        if (!d) return;
        e.preventDefault();
        onChange(value + (invert ? -d : d));
      }}
    />
  );
}

/** The record under the cursor in full: every line, the parsed fields, where it is, and how its time was read. */
function RecordDetail({ record: r, mode, t, place, conversion, onClose, onCopy }: { record: LogRecord; mode: TimeMode; t: Messages; place: Place; conversion: string | null; onClose: () => void; onCopy: (r: LogRecord) => void }) {
  return (
    <aside className="record-detail" aria-label={t.logs.detail} data-testid="record-detail">
      <header>
        <h2>{t.logs.detail}</h2>
        <button type="button" aria-label={t.logs.copyLine(place(r))} onClick={() => onCopy(r)}>
          {t.common.copy}
        </button>
        <button type="button" className="icon" aria-label={t.logs.closeDetail} onClick={onClose}>
          ×
        </button>
      </header>
      <dl className="facts compact">
        <dt>{t.logs.detailFile}</dt>
        <dd>
          <code className="wrap">{r.file}</code>
        </dd>
        <dt>{r.lineCount > 1 ? t.logs.detailLines : t.logs.detailLine}</dt>
        <dd>{r.lineCount > 1 ? `${r.line}–${r.line + r.lineCount - 1}` : r.line}</dd>
        <dt>{t.logs.detailTime}</dt>
        <dd>{formatTime(r.time, mode)}</dd>
        <dt>{t.logs.detailZone}</dt>
        <dd>{t.logs.zone[r.zone] ?? r.zone}</dd>
        {conversion && (
          <>
            <dt>{t.logs.detailConverted}</dt>
            <dd data-testid="detail-converted">{conversion}</dd>
          </>
        )}
        <dt>{t.logs.detailLevel}</dt>
        <dd>{r.level === 'unknown' ? '—' : (t.logs.level[r.level] ?? r.level)}</dd>
        <dt>{t.logs.detailSource}</dt>
        <dd>{r.source || '—'}</dd>
        {r.thread && (
          <>
            <dt>{t.logs.detailThread}</dt>
            <dd>{r.thread}</dd>
          </>
        )}
        {r.extension && (
          <>
            <dt>{t.logs.detailExtension}</dt>
            <dd>{r.extension}</dd>
          </>
        )}
      </dl>
      <h3>{t.logs.detailRaw}</h3>
      <pre className="raw-view" data-testid="record-raw" tabIndex={0}>
        {r.text.length > MAX_SHOWN * 50 ? r.text.slice(0, MAX_SHOWN * 50) + t.logs.cut : r.text}
      </pre>
    </aside>
  );
}

interface RowActions {
  onToggleExpanded: (key: string) => void;
  onToggleBookmark: (b: Omit<Bookmark, 'note'>) => void;
  onCopy: (r: LogRecord) => void;
}

interface LogListProps extends RowActions {
  pages: LogPages | null;
  count: number;
  mode: TimeMode;
  highlight: number | null;
  /** The row cursor (keyboard and click). */
  cursor: number | null;
  /** The selected rows [first, last] when more than the cursor's (Shift+click, Shift+arrows). */
  selected: [number, number] | null;
  onCopySelection: () => void;
  place: Place;
  /** The offset inferred for each local-time file (clock.offsets). */
  offsets: Map<string, number>;
  findMark: ((s: string, from: number) => [number, number] | null) | null;
  wrap: boolean;
  t: Messages;
  onSelect: (index: number, r: LogRecord | undefined, extend?: boolean) => void;
  onOpen: (r: LogRecord) => void;
  /** A row to bring to the middle of the viewport once (then `onScrolled`). */
  pendingScroll: number | null;
  onScrolled: () => void;
  /** A new value moves the keyboard focus to the list (after a jump from another view). */
  focusRequest: number;
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
function LogList({ pages, count, mode, highlight, cursor, selected, onCopySelection, place, offsets, findMark, wrap, t, onSelect, onOpen, pendingScroll, onScrolled, focusRequest, expanded, marked, evidence, matcher, empty, onToggleExpanded, onToggleBookmark, onCopy }: LogListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  useSyncExternalStore(pages?.subscribe ?? NO_PAGES.subscribe, pages?.getVersion ?? NO_PAGES.getVersion);
  const pagesRef = useRef(pages);
  pagesRef.current = pages;
  // rows' pixels per scrolled pixel (scroll-scale.ts): 1 unless the list is taller than the browser lays out
  const scaleRef = useRef(1);
  // A row is 1.5rem: its height in px follows the OS text size (the root font size), read at runtime.
  const rowPx = ROW_REM * useRemPx();
  const rowHeight = useCallback(() => rowPx, [rowPx]);
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
  readScaled(virtualizer, () => scaleRef.current);
  const items = virtualizer.getVirtualItems();
  const totalPx = virtualizer.getTotalSize();
  // the viewport's height as last observed (a ResizeObserver), not read from the element: a read here, after a page's
  // rows were committed and before the frame, made the browser lay them out twice (1.2 ms a frame in a scrollbar drag)
  scaleRef.current = scrollScale(totalPx, virtualizer.scrollRect?.height ?? 0);
  // A scaled list places its rows around the scrolled position: `shift` rows' pixels above the scroll element's own.
  const shift = scaleRef.current === 1 ? 0 : (virtualizer.scrollOffset ?? 0) - (scrollRef.current?.scrollTop ?? 0);
  const first = items.length ? items[0].index : 0;
  const last = items.length ? items[items.length - 1].index : 0;
  // The shift changes with every scrolled pixel; a row's own position must not, or each scroll frame renders every
  // row on screen again and rewrites its style (27 writes a frame on a 2.7 M-record list, where an unscaled list only
  // adds the rows scrolled in). So rows sit at their offset from `base`, which moves once per ROWS_BLOCK of rows'
  // pixels, and the one group holding them carries `base - shift`.
  const base = shift === 0 || !items.length ? 0 : Math.floor(items[0].start / ROWS_BLOCK) * ROWS_BLOCK;

  // The element each row is shown in (row-slots.ts): a jump past the whole window (a scrollbar drag) shows the new rows in
  // the elements on screen rather than building new ones. Not in the element of the row that holds the focus (the focus
  // stays with its row), nor in one whose height the virtualizer measured (it is measured again only when it resizes).
  const committed = useRef<{ slots: RowSlots | null; measured: ReadonlySet<number> }>({ slots: null, measured: new Set() });
  const keepOut = (i: number) => {
    if (committed.current.measured.has(i)) return true;
    const active = document.activeElement;
    return !!active && active !== scrollRef.current && !!scrollRef.current?.contains(active) && active.closest<HTMLElement>('[data-testid="log-row"]')?.dataset.index === String(i);
  };
  const slots = rowSlots(committed.current.slots, first, items.length, keepOut);
  const measuredNow = new Set<number>();
  useLayoutEffect(() => {
    committed.current = { slots, measured: measuredNow };
  });

  // Also after the list (re)appears or its length changes, not only on scroll.
  useEffect(() => {
    if (count > 0) pages?.setView(first, last);
  }, [pages, count, first, last]);

  // Expanded rows were measured for the previous query's records (or another text size): start from fixed heights again.
  useEffect(() => {
    virtualizer.measure();
  }, [pages, virtualizer, wrap, rowPx]);

  // The rows' buttons (bookmark, expand, copy) are one Tab stop for the list, on the cursor's row (else the first
  // row in view); on such a button the arrows move the cursor and take the keyboard to the same button of that row.
  const scrollTop = virtualizer.scrollOffset ?? 0;
  const tabRow = cursor !== null && items.some((vi) => vi.index === cursor) ? cursor : (items.find((vi) => vi.start >= scrollTop) ?? items[0])?.index;
  const focusAfter = useRef<{ index: number; button: RowButton } | null>(null);
  useEffect(() => {
    const f = focusAfter.current;
    const row = f && scrollRef.current?.querySelector(`#log-row-${f.index}`);
    // not rendered yet: a later render (the scroll's) tries again
    if (!f || !row) return;
    focusAfter.current = null;
    (row.querySelector<HTMLElement>(`button.${f.button}`) ?? row.querySelector<HTMLElement>('button.bm'))?.focus({ preventScroll: true });
  });

  // The row cursor: arrows, PgUp/PgDn, Home/End move it; Enter opens the record's details.
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (count === 0) return;
    const button = e.target instanceof HTMLButtonElement ? rowButtonOf(e.target) : null;
    const rowEl = button ? (e.target as HTMLElement).closest<HTMLElement>('[data-testid="log-row"]') : null;
    if (e.target !== scrollRef.current && !rowEl) return;
    if (!rowEl && (e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'c' && cursor !== null && !window.getSelection()?.toString()) {
      e.preventDefault();
      onCopySelection();
      return;
    }
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 240) / rowPx) - 1);
    const at = rowEl ? Number(rowEl.dataset.index) : (cursor ?? first);
    const next = e.key === 'ArrowDown' ? at + 1 : e.key === 'ArrowUp' ? at - 1 : e.key === 'PageDown' ? at + page : e.key === 'PageUp' ? at - page : e.key === 'Home' ? 0 : e.key === 'End' ? count - 1 : null;
    if (!rowEl && e.key === 'Enter' && cursor !== null) {
      e.preventDefault();
      const r = pages?.record(cursor);
      if (r) onOpen(r);
      return;
    }
    if (next === null) return;
    e.preventDefault();
    const i = Math.max(0, Math.min(count - 1, next));
    onSelect(i, pages?.record(i), e.shiftKey);
    pages?.setView(Math.max(0, i - 30), i + 30);
    virtualizer.scrollToIndex(i, { align: 'auto' });
    if (button) focusAfter.current = { index: i, button };
  };

  useEffect(() => {
    if (focusRequest) scrollRef.current?.focus({ preventScroll: true });
  }, [focusRequest]);

  useEffect(() => {
    const el = scrollRef.current;
    return el ? wheelInRows(el, () => scaleRef.current, () => rowPx) : undefined;
  }, [rowPx]);

  // The column headers sit outside the scroller: they leave room for its scroll bar only when it has one, as
  // wide as this platform draws it (none on macOS, 15 px in Chromium on Linux, 17 px on Windows).
  useEffect(() => {
    const el = scrollRef.current;
    const host = el?.closest<HTMLElement>('.logs-main');
    if (!el || !host || typeof ResizeObserver === 'undefined') return;
    const gutter = () => {
      const cs = getComputedStyle(el);
      const bar = el.offsetWidth - el.clientWidth - parseFloat(cs.borderLeftWidth) - parseFloat(cs.borderRightWidth);
      host.style.setProperty('--log-gutter', `${Math.max(0, bar)}px`);
    };
    gutter();
    const ro = new ResizeObserver(gutter);
    ro.observe(el);
    if (el.firstElementChild) ro.observe(el.firstElementChild);
    return () => ro.disconnect();
  }, []);

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
    <div
      ref={scrollRef}
      className={`log-scroll${wrap ? ' wrap' : ''}`}
      role="group"
      data-testid="log-scroll"
      tabIndex={0}
      aria-label={t.logs.list}
      aria-activedescendant={cursor !== null && items.some((vi) => vi.index === cursor) ? `log-row-${cursor}` : undefined}
      onKeyDown={onKeyDown}
    >
      <div role="list" aria-label={t.logs.listInner} style={{ height: Math.min(totalPx, MAX_LIST_PX), position: 'relative', width: '100%' }}>
        <div className="log-rows" data-testid="log-rows" style={base - shift === 0 ? undefined : { transform: `translateY(${base - shift}px)` }}>
          {items.map((vi, j) => {
            const r = pages?.record(vi.index);
            const slot = slots.keys[j];
            if (!r) return <PlaceholderRow key={slot} index={vi.index} start={vi.start - base} />;
            const k = bookmarkKey(r.file, r.line);
            const open = r.lineCount > 1 && expanded.has(k);
            const measured = open || wrap;
            if (measured) measuredNow.add(vi.index);
            return (
              <LogRow
                key={slot}
                index={vi.index}
                start={vi.start - base}
                record={r}
                rowKey={k}
                open={open}
                bookmarked={marked.has(k)}
                tabStop={tabRow === vi.index}
                highlighted={highlight === vi.index}
                current={cursor === vi.index}
                selected={!!selected && vi.index >= selected[0] && vi.index <= selected[1]}
                place={place}
                conversion={conversionOf(r.zone, offsets.get(r.file), mode, Date.parse(r.time ?? ''), t.top)}
                wrap={wrap}
                findMark={findMark}
                t={t}
                onSelect={onSelect}
                evidence={anyIn(evidence.get(r.file), r.line, r.line + Math.max(1, r.lineCount))}
                mode={mode}
                matcher={r.lineCount > 1 ? matcher : null}
                measure={measured ? virtualizer.measureElement : undefined}
                onToggleExpanded={onToggleExpanded}
                onToggleBookmark={onToggleBookmark}
                onCopy={onCopy}
              />
            );
          })}
        </div>
      </div>
      {empty}
    </div>
  );
}

type RowButton = 'bm' | 'expand' | 'copy';

function rowButtonOf(b: HTMLButtonElement): RowButton | null {
  return b.classList.contains('bm') ? 'bm' : b.classList.contains('expand') ? 'expand' : b.classList.contains('copy') ? 'copy' : null;
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
  /** Its buttons are the list's Tab stop (the others are reached with the arrows). */
  tabStop: boolean;
  highlighted: boolean;
  current: boolean;
  /** Within a selection of several rows. */
  selected: boolean;
  /** Names where the record is, as the engineer reads it (place.ts). */
  place: Place;
  /** How its shown time was converted ("VM +01:00 → UTC"), or null when shown as written. */
  conversion: string | null;
  wrap: boolean;
  findMark: ((s: string, from: number) => [number, number] | null) | null;
  t: Messages;
  onSelect: (index: number, r: LogRecord | undefined, extend?: boolean) => void;
  evidence: boolean;
  mode: TimeMode;
  matcher: ((line: string) => boolean) | null;
  /** The virtualizer's measuring ref, for an expanded (variable-height) row only. */
  measure?: (el: HTMLElement | null) => void;
}

/** One record. Log text is hostile input: it is only ever rendered as React text children. */
const LogRow = memo(function LogRow({ index, start, record: r, rowKey: k, open, bookmarked, tabStop, highlighted: hl, current, selected, place, conversion, wrap, findMark, t, onSelect, evidence, mode, matcher, measure, onToggleExpanded, onToggleBookmark, onCopy }: LogRowProps) {
  const firstLine = firstLineOf(r.text);
  const message = messageOf(r, firstLine);
  // Expanded: the whole record as written; collapsed: the message of its first line.
  const shown = open ? r.text.slice(0, MAX_SHOWN * 10) : message.slice(0, MAX_SHOWN);
  const cut = open ? r.text.length > MAX_SHOWN * 10 : message.length > MAX_SHOWN;
  const loc = place(r);
  const hint = !open && r.lineCount > 1 && matcher && !matcher(firstLine) ? r.text.split('\n').find((l, i) => i > 0 && matcher(l)) : undefined;
  return (
    <div
      role="listitem"
      id={`log-row-${index}`}
      data-testid="log-row"
      data-index={index}
      data-file={r.file}
      data-line={r.line}
      data-lines={r.lineCount}
      data-level={r.level}
      data-highlighted={hl ? 'true' : undefined}
      data-current={current ? 'true' : undefined}
      data-selected={selected ? 'true' : undefined}
      aria-current={current ? 'true' : undefined}
      ref={measure}
      className={`log-row lvl-row-${r.level}${open ? ' open' : ''}${wrap ? ' wrapped' : ''}${hl ? ' highlighted' : ''}${current ? ' current' : ''}${selected ? ' selected' : ''}${evidence ? ' evidence-row' : ''}`}
      style={{ transform: `translateY(${start}px)` }}
      onClick={(e) => {
        if ((e.target as HTMLElement).closest('button')) return;
        onSelect(index, r, e.shiftKey);
      }}
    >
      <button type="button" className={`icon bm${bookmarked ? ' on' : ''}`} tabIndex={tabStop ? 0 : -1} aria-pressed={bookmarked} aria-label={t.logs.bookmark(loc)} onClick={() => onToggleBookmark({ file: r.file, line: r.line, time: r.time, text: firstLine })}>
        {bookmarked ? '★' : '☆'}
      </button>
      <span className="c-time" title={r.zone === 'local' ? t.logs.vmLocalStar : (conversion ?? undefined)} data-converted={conversion ?? undefined}>
        {formatTime(r.time, mode)}
        {r.zone === 'local' ? '*' : conversion ? '†' : ''}
      </span>
      <span className={`c-level lvl-${r.level}`}>{r.level === 'unknown' ? '' : r.level.slice(0, 4).toUpperCase()}</span>
      <span className="c-source" title={r.extension ?? r.source}>
        {r.source}
      </span>
      <span className="c-text" data-testid="log-text" title={open ? undefined : firstLine.slice(0, MAX_SHOWN)}>
        {r.lineCount > 1 && (
          <button type="button" className="icon expand" tabIndex={tabStop ? 0 : -1} aria-expanded={open} aria-label={open ? t.logs.collapse(r.lineCount) : t.logs.expand(r.lineCount - 1)} onClick={() => onToggleExpanded(k)}>
            {open ? '▾' : `▸ +${r.lineCount - 1}`}
          </button>
        )}
        {open ? <span className="pre">{marks(shown, findMark)}</span> : marks(shown, findMark)}
        {cut && <span className="muted">{t.logs.cut}</span>}
        {hint && <span className="match-hint"> ↳ {hint.slice(0, MAX_SHOWN)}</span>}
      </span>
      <span className="c-loc" data-testid="row-loc" title={loc}>
        {shortPlace(place, r)}
      </span>
      <button type="button" className="icon copy" tabIndex={tabStop ? 0 : -1} aria-label={t.logs.copyLine(loc)} onClick={() => onCopy(r)}>
        ⧉
      </button>
    </div>
  );
});

/** Find highlights: matching runs in <mark>, the rest as text (hostile text stays React text). */
function marks(text: string, findMark: ((s: string, from: number) => [number, number] | null) | null): ReactNode {
  if (!findMark) return text;
  const parts = splitMatches(text, findMark);
  if (parts.length === 1 && !parts[0].hit) return text;
  return parts.map((p, i) => (p.hit ? <mark key={i}>{p.text}</mark> : p.text));
}

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

function toggled(s: Set<string>, k: string): Set<string> {
  const n = new Set(s);
  if (n.has(k)) n.delete(k);
  else n.add(k);
  return n;
}

