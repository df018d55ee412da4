import { create } from 'zustand';
import type { AnalysisResult, DiagnoseOptions, Evidence, Lang, OpenOptions, OpenResult, ProgressEvent, Warning } from '../../shared';
import { errorIn, warningIn } from '../../shared/i18n/analysis';
import { evidencePlacer } from '../../shared/evidence-place';
import { inputIn } from '../../shared/i18n/labels';
import { api } from '../api';
import { labelsIn } from '../i18n';
import type { TaskRef } from '../util/compare';
import { setVmOffset, vmOffsetOf, type TimeMode } from '../util/time';
import { useLogs, type Bookmark, type LogFilters } from './logs';

export type View = 'start' | 'diagnosis' | 'timeline' | 'logs' | 'extensions' | 'compare';
/** The result views in tab order (their labels are `t().top[id]`). */
export const RESULT_VIEWS: { id: Exclude<View, 'start'> }[] = [{ id: 'diagnosis' }, { id: 'timeline' }, { id: 'logs' }, { id: 'extensions' }, { id: 'compare' }];

/**
 * Nothing in the bundle is something the analysis reads: no log record and no fact. The app then says so
 * (the start view's "Nothing to analyse") instead of showing an empty diagnosis.
 */
export function nothingToAnalyse(r: AnalysisResult | null): boolean {
  return !!r && r.stats.records === 0 && r.stats.facts === 0;
}

export interface Banner {
  kind: 'error' | 'warning' | 'info';
  /** Said in the UI's language of the moment: a banner shown before a language switch follows it. */
  message: (lang: Lang) => string;
  /** What could still be loaded, or the warnings that came with a partial result. */
  details?: (lang: Lang) => string[];
}

/** A banner of a text with no words of the app's own (an exception's message), the same in every language. */
const plain = (kind: Banner['kind'], text: string): Banner => ({ kind, message: () => text });

export type Theme = 'system' | 'light' | 'dark';
export type DialogName = 'export' | 'ssh' | 'about' | 'shortcuts' | 'raw' | 'two-bundles' | null;

/** A request to show a record in the log viewer; `nonce` makes a repeated click a new request. */
export interface LogTarget {
  file: string;
  line: number;
  nonce: number;
}

/** What a bundle tab keeps of its own while another tab is shown (the shown tab's lives in the stores). */
export interface TabState {
  view: View;
  logTarget: LogTarget | null;
  filters: LogFilters;
  bookmarks: Bookmark[];
}

/** A bundle open as a tab: its analysis session in main, its result, its state while hidden. */
export interface BundleTab {
  session: number;
  result: AnalysisResult;
  saved?: TabState;
}

interface AppState {
  view: View;
  result: AnalysisResult | null;
  /** The bundles open as tabs, in tab order; `session` is the shown one's (its result is `result`). */
  tabs: BundleTab[];
  session: number | null;
  /** An open waiting for "add to this VM or open separately?" (dialog 'two-bundles'). */
  pendingOpen: (() => Promise<OpenResult>) | null;
  loading: boolean;
  progress: ProgressEvent | null;
  /** When the running load and its current phase started (ms), for the elapsed time and the estimate. */
  loadStartedAt: number;
  phaseStartedAt: number;
  banner: Banner | null;
  portalCode: string;
  theme: Theme;
  timeMode: TimeMode;
  dialog: DialogName;
  logTarget: LogTarget | null;
  /** The evidence the raw file view shows (dialog 'raw'). */
  rawEvidence: Evidence | null;
  /** Bumped by Ctrl/Cmd+F: the log view focuses its filter when it changes. */
  filterFocus: number;
  /** The task "Compare with last success" asked for: the Compare view opens on it. */
  compareFrom: TaskRef | null;
  setView(v: View): void;
  setPortalCode(c: string): void;
  dismissBanner(): void;
  setBanner(b: Banner | null): void;
  setProgress(p: ProgressEvent | null): void;
  setTheme(t: Theme): void;
  setTimeMode(m: TimeMode): void;
  openDialog(d: DialogName): void;
  showInLogs(file: string, line: number): void;
  showRaw(e: Evidence): void;
  focusLogFilter(): void;
  /** Opens the Compare view on `task` beside the last successful task before it. */
  openCompare(task: TaskRef): void;
  run(open: () => Promise<OpenResult>): Promise<void>;
  /** The answer to "add to this VM or open separately?"; null cancels the open. */
  placeOpen(choice: 'add' | 'separate' | null): Promise<void>;
  /** Weighs the open bundle again with another portal code or failure time (nothing is read again). */
  rediagnose(options: DiagnoseOptions): Promise<boolean>;
  /** Opens one VM of the shown bundle (a `multipleVms` root) alone, in a new tab. */
  openVm(root: string): Promise<void>;
}

const THEME_KEY = 'vmbd.theme';
function initialTheme(): Theme {
  try {
    const t = window.localStorage.getItem(THEME_KEY);
    return t === 'light' || t === 'dark' ? t : 'system';
  } catch {
    return 'system';
  }
}

let nonce = 0;
/** Where the open being run puts its result (set while a 'two-bundles' answer is run; see openOptions). */
let placement: OpenOptions['session'];

/** The shown tab's state, to keep with the tab while another is shown. */
export function tabState(): TabState {
  const a = useApp.getState();
  const l = useLogs.getState();
  return { view: a.view === 'start' ? 'diagnosis' : a.view, logTarget: a.logTarget, filters: l.filters, bookmarks: l.bookmarks };
}

export const useApp = create<AppState>((set, get) => ({
  view: 'start',
  result: null,
  tabs: [],
  session: null,
  pendingOpen: null,
  loading: false,
  progress: null,
  loadStartedAt: 0,
  phaseStartedAt: 0,
  banner: null,
  portalCode: '',
  theme: initialTheme(),
  timeMode: 'utc',
  dialog: null,
  logTarget: null,
  rawEvidence: null,
  filterFocus: 0,
  compareFrom: null,
  setView: (view) => {
    // Result views need a result; without one the start view stays.
    if (view !== 'start' && !get().result) return;
    set({ view });
  },
  setPortalCode: (portalCode) => set({ portalCode }),
  dismissBanner: () => set({ banner: null }),
  setBanner: (banner) => set({ banner }),
  setProgress: (progress) => set((s) => ({ progress, ...(progress && progress.phase !== s.progress?.phase ? { phaseStartedAt: Date.now() } : {}) })),
  setTheme: (theme) => {
    try {
      if (theme === 'system') window.localStorage.removeItem(THEME_KEY);
      else window.localStorage.setItem(THEME_KEY, theme);
    } catch {
      // Storage can be unavailable (privacy settings); the choice then lasts for the session.
    }
    set({ theme });
  },
  setTimeMode: (timeMode) => set({ timeMode }),
  openDialog: (dialog) => {
    if (dialog === 'export' && (!get().result || nothingToAnalyse(get().result))) return;
    set({ dialog });
  },
  showInLogs: (file, line) => {
    if (!get().result) return;
    set({ view: 'logs', logTarget: { file, line, nonce: ++nonce } });
  },
  showRaw: (rawEvidence) => set({ rawEvidence, dialog: 'raw' }),
  focusLogFilter: () => {
    if (!get().result) return;
    set((s) => ({ view: 'logs', filterFocus: s.filterFocus + 1 }));
  },
  openCompare: (compareFrom) => {
    if (get().result) set({ view: 'compare', compareFrom });
  },
  rediagnose: async (options) => {
    if (get().loading || !get().result) return false;
    try {
      const r = await api().rediagnose(options);
      // same bundle, same files: filters, bookmarks and the open view stay
      if (r.ok) set((s) => ({ result: r.result, portalCode: options.portalCode ?? '', tabs: s.tabs.map((x) => (x.session === s.session ? { ...x, result: r.result } : x)) }));
      else set({ banner: { kind: 'error', message: (lang) => errorIn(lang, r) } });
      return r.ok;
    } catch (e) {
      set({ banner: plain('error', (e as Error).message || String(e)) });
      return false;
    }
  },
  run: async (open) => {
    if (get().loading) return;
    if (get().tabs.length > 0 && placement === undefined) {
      // A second bundle: ask first. The SSH dialog has no room for the question; its VM opens as a new tab.
      if (get().dialog !== 'ssh') return set({ dialog: 'two-bundles', pendingOpen: open });
      placement = 'new';
      try {
        return await get().run(open);
      } finally {
        placement = undefined;
      }
    }
    set({ loading: true, banner: null, progress: null, loadStartedAt: Date.now(), phaseStartedAt: Date.now() });
    try {
      const r = await open();
      if (r.ok && r.session !== undefined) {
        // The tab the result goes to: the session main put it in (a new one, or the one added to). Without
        // a session (a main that holds one analysis) there is nothing to switch back to: no tab.
        const id = r.session;
        const s = get();
        const known = s.tabs.some((x) => x.session === id);
        const tabs = known
          ? s.tabs.map((x) => (x.session === id ? { session: id, result: r.result } : x))
          : [...s.tabs.map((x) => (x.session === s.session ? { ...x, result: s.result ?? x.result, saved: tabState() } : x)), { session: id, result: r.result }];
        set({ tabs, session: id });
      }
      if (r.ok || r.partial) {
        // File ids and bookmarked lines belong to the previous bundle.
        useLogs.getState().resetFilters();
        useLogs.getState().clearBookmarks();
      }
      if (r.ok) {
        const w = r.result.warnings;
        set({
          result: r.result,
          view: 'diagnosis',
          loading: false,
          progress: null,
          logTarget: null,
          // (an added bundle renumbers the tasks)
          compareFrom: null,
          // "Nothing to analyse" lists every file itself; the warnings would only repeat it.
          banner: w.length && !nothingToAnalyse(r.result)
            ? w.every(takenInWhole)
              ? { kind: 'info', message: (lang) => labelsIn(lang).banner.loadedWithNotes(w.length), details: (lang) => w.slice(0, 5).map((x) => warningText(lang, x, r.result)) }
              : { kind: 'warning', message: (lang) => labelsIn(lang).banner.loadedWithWarnings(w.length), details: (lang) => w.slice(0, 5).map((x) => warningText(lang, x, r.result)) }
            : null,
        });
      } else if (r.canceled) {
        // the app's own words (EN/NL): the worker's message is English
        set({ loading: false, progress: null, banner: { kind: 'info', message: (lang) => labelsIn(lang).banner.canceled } });
      } else {
        const p = r.partial;
        const hadResult = !!get().result;
        set({
          loading: false,
          progress: null,
          banner: {
            kind: 'error',
            message: (lang) => errorIn(lang, r),
            details: (lang) => {
              const l = labelsIn(lang);
              return p
                ? [l.banner.stillLoaded(p.files.length, p.inputs.map((i) => inputIn(l, i).name).join(', ') || l.banner.theInput), ...p.warnings.slice(0, 5).map((x) => warningText(lang, x, p))]
                : [hadResult ? l.banner.nothingReadPrev : l.banner.nothingRead];
            },
          },
          ...(p ? { result: p, view: 'diagnosis' as View, logTarget: null } : {}),
        });
      }
    } catch (e) {
      set({ loading: false, progress: null, banner: plain('error', (e as Error).message || String(e)) });
    }
  },
  openVm: async (root) => {
    const id = get().session;
    if (id === null || get().loading) return;
    // a VM of the bundle already open: no "add or separate?" question, always a tab of its own
    placement = 'new';
    try {
      await get().run(() => api().openVm(id, root));
    } finally {
      placement = undefined;
    }
  },
  placeOpen: async (choice) => {
    const open = get().pendingOpen;
    const into = get().session;
    set({ pendingOpen: null, dialog: null });
    if (!open || !choice) return;
    placement = choice === 'add' && into !== null ? { addTo: into } : 'new';
    try {
      await get().run(open);
    } finally {
      placement = undefined;
    }
  },
}));

/** A warning with where it is ("pasted text" for a paste, as everywhere: shared/evidence-place.ts). */
/** Notes on how a file was taken in (where a loose file was placed, a file given twice) with nothing of it left unread. */
const TAKEN_IN_WHOLE = new Set<string>(['ingest.loose-placed', 'ingest.twice', 'ingest.same-file', 'ingest.paste-read-as']);
const takenInWhole = (w: Warning) => !!w.note && TAKEN_IN_WHOLE.has(w.note.key);

function warningText(lang: Lang, w: Warning, r: AnalysisResult): string {
  const text = warningIn(lang, w);
  if (!w.file || namesItsFile(text, w.file)) return text;
  return `${evidencePlacer(r.files, r.inputs, labelsIn(lang).finding)({ file: w.file, line: w.line ?? 0 })}: ${text}`;
}

/** A warning that begins with its file's name or path ("extension.log: loose file, …") needs no place in front. */
export function namesItsFile(text: string, file: string): boolean {
  const head = text.slice(0, Math.max(0, text.indexOf(': ')));
  const name = file.split('/').pop() ?? file;
  return head !== '' && (head === name || head.endsWith(`/${name}`) || head.endsWith(`\\${name}`) || head.endsWith(`!${name}`));
}

/** Wires main → renderer progress events into the store (call once at start-up). */
export function subscribeProgress(): () => void {
  return api().on('bundle:progress', (p) => useApp.getState().setProgress(p));
}

/**
 * Opens files dropped on the window, from any view (the start view's drop zone or anywhere else): with a
 * bundle open, `run` first asks "add to this VM or open separately?". Ignored while a load or dialog runs.
 */
export function openDropped(files: readonly File[]): void {
  const s = useApp.getState();
  if (s.loading || s.dialog) return;
  const paths = files.map((f) => api().pathForFile(f)).filter((p) => !!p);
  if (paths.length) void s.run(() => api().openPaths(paths, openOptions()));
}

/** The open options every entry point passes (the optional portal code; the tab the result goes to). */
export function openOptions(): Pick<OpenOptions, 'portalCode' | 'session'> {
  const c = useApp.getState().portalCode.trim();
  return { ...(c ? { portalCode: c } : {}), ...(placement ? { session: placement } : {}) };
}

// The VM clock mode formats with the bundle's inferred offset; kept in step with the loaded result
// (synchronously, before the views render the new result).
useApp.subscribe((s, prev) => {
  if (s.result !== prev.result) setVmOffset(vmOffsetOf(s.result));
});
