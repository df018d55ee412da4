import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CAUSES } from '../../shared/catalog';
import { errorNote, failure, msg, renderAnalysis } from '../../shared/i18n/analysis';
import type { Lang } from '../../shared/catalog/types';
import type {
  AnalysisResult,
  AppInfo,
  EventChannel,
  EventChannels,
  ExportRequest,
  ImageSaveRequest,
  InvokeHandlers,
  OpenOptions,
  OpenResult,
  RecentEntry,
  SshAnswer,
  SshPrompt,
} from '../../shared';
import type { AnalysisSessions } from '../worker/service';
import type { ReportService } from '../report/service';
import type { SshCollector } from '../ssh/service';
import { isAllowedDocUrl } from './external-links';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The documentation links the app may open: the catalogue's own, never a URL from a log or the renderer. */
const CATALOGUE_LINKS: ReadonlySet<string> = new Set(CAUSES.flatMap((c) => c.links.map((l) => l.url)));

/**
 * The files and folders the user chose in this run (open dialog or drop), remembered by main:
 * `bundle:open-paths` opens nothing else, so a compromised renderer cannot read arbitrary paths.
 */
export class ChosenPaths {
  private readonly chosen = new Set<string>();
  add(paths: readonly string[]): void {
    for (const p of paths) if (typeof p === 'string' && p.length > 0 && p.length <= 4096) this.chosen.add(resolve(p));
  }
  has(path: string): boolean {
    return this.chosen.has(resolve(path));
  }
}

/**
 * Host-key and secret prompts shown by main itself (native dialogs), so the renderer never sees or
 * answers them. Without it (the test host, tests) prompts go to the renderer as `ssh:prompt` events.
 */
export type MainPrompt = (p: SshPrompt, lang: Lang) => Promise<SshAnswer>;

/** Native dialogs (Electron) or their test-host stand-ins. */
export interface Dialogs {
  pickPaths(mode: 'files' | 'folder'): Promise<string[] | null>;
  pickSavePath(defaultName: string, format: ExportRequest['format'] | ImageSaveRequest['format']): Promise<string | null>;
}

export interface RecentStore {
  list(): Promise<RecentEntry[]>;
  /** Puts `paths` first, with the verdict of their analysis. */
  add(paths: string[], verdict?: RecentEntry['verdict']): Promise<void>;
  remove(paths: string[]): Promise<void>;
  clear(): Promise<void>;
}

/** What the recent list keeps of a result: the cause, confidence and guest platform, or that nothing was found to analyse. */
export function recentVerdict(r: AnalysisResult): NonNullable<RecentEntry['verdict']> {
  if (r.stats.records === 0 && r.stats.facts === 0) return { nothing: true };
  const platform = r.vm.platform === 'unknown' ? undefined : r.vm.platform;
  return { ...(r.verdict.cause ? { cause: r.verdict.cause } : {}), ...(r.verdict.confidence ? { confidence: r.verdict.confidence } : {}), ...(r.verdict.cause && platform ? { platform } : {}) };
}

export interface MainServices {
  analysis: AnalysisSessions;
  dialogs: Dialogs;
  recent: RecentStore;
  reports: ReportService;
  ssh: SshCollector;
  /** Opens an already-allowlisted https URL in the system browser. */
  openExternal(url: string): Promise<void>;
  emit<E extends EventChannel>(event: E, payload: EventChannels[E]): void;
  appInfo(): AppInfo;
  samplePath: string;
}

/**
 * The IPC handlers, transport-agnostic: Electron's ipcMain and the renderer test host wire these
 * same functions (after validating the request and the sender).
 */
export function createInvokeHandlers(s: MainServices, chosen: ChosenPaths = new ChosenPaths(), mainPrompt?: MainPrompt): InvokeHandlers {
  const pendingPrompts = new Map<string, (a: SshAnswer) => void>();
  /** Each session's paths (none for pasted text): a new diagnosis of the active one updates their recent entry. */
  const pathsOf = new Map<number, string[]>();
  let active = 0;
  const open = async (paths: string[], options: OpenOptions): Promise<OpenResult> => {
    const r = await s.analysis.open(paths, options, (p) => s.emit('bundle:progress', p));
    if (r.ok) {
      active = r.session ?? 0;
      pathsOf.set(active, paths);
      await s.recent.add(paths, recentVerdict(r.result)).catch(() => undefined);
    }
    return r;
  };
  /** A path the user chose: in a dialog or a drop (this run), or from the recent list main keeps. */
  const wasChosen = async (paths: string[]): Promise<boolean> => {
    if (paths.every((p) => chosen.has(p))) return true;
    const recent = await s.recent.list().catch(() => []);
    const remembered = new Set(recent.flatMap((e) => e.paths.map((p) => resolve(p))));
    return paths.every((p) => chosen.has(p) || remembered.has(resolve(p)));
  };
  /** `-<hostname>` for a saved file's suggested name, file-name safe; empty without a host name. */
  const hostSuffix = (r: AnalysisResult) => (r.vm.hostname ? `-${r.vm.hostname.replace(/[^\w.-]/g, '_')}` : '');
  /** The open session's result; its files are what the log view may ask for. */
  const session = (): AnalysisResult => {
    const r = s.analysis.current();
    if (!r) throw new Error('Open a bundle first.');
    return r;
  };
  return {
    'bundle:open-paths': async ({ paths, options }) => {
      if (!(await wasChosen(paths))) return failure(msg('app.not-chosen'));
      return open(paths, options);
    },
    'bundle:pick-and-open': async ({ mode, options }) => {
      const paths = await s.dialogs.pickPaths(mode);
      if (!paths || paths.length === 0) return { ok: false, canceled: true, error: 'No file chosen.' };
      chosen.add(paths);
      return open(paths, options);
    },
    'bundle:open-sample': ({ options }) => open([s.samplePath], options),
    // pasted text is the user's own words, not a path: nothing to check against the chosen paths, nothing to remember
    'bundle:open-text': async ({ text, options }) => {
      const r = await s.analysis.open([{ pasted: text }], options, (p) => s.emit('bundle:progress', p));
      if (r.ok) {
        active = r.session ?? 0;
        pathsOf.delete(active);
      }
      return r;
    },
    'bundle:cancel': async () => s.analysis.cancel(),
    'bundle:recent': () => s.recent.list(),
    // Only picks: the renderer then asks "add to this VM or open separately?" and opens the paths.
    'bundle:pick': async ({ mode }) => {
      const paths = await s.dialogs.pickPaths(mode);
      if (!paths || paths.length === 0) return null;
      chosen.add(paths);
      return paths;
    },
    'session:activate': async ({ session: id }) => {
      const ok = s.analysis.activate(id);
      if (ok) active = id;
      return { ok };
    },
    'session:close': ({ session: id }) => {
      pathsOf.delete(id);
      return s.analysis.close(id);
    },
    // not remembered in the recent list: its entry is the whole bundle's, with the whole bundle's verdict
    'session:open-vm': async ({ session: id, root }) => {
      const r = await s.analysis.openVm(id, root, (p) => s.emit('bundle:progress', p));
      if (r.ok) {
        active = r.session ?? 0;
        pathsOf.delete(active);
      }
      return r;
    },
    'bundle:rediagnose': async ({ options }) => {
      session();
      const r = await s.analysis.rediagnose(options);
      const paths = pathsOf.get(active);
      if (r.ok && paths) {
        // an entry the engineer removed meanwhile is not added back
        const listed = (await s.recent.list().catch(() => [])).some((e) => JSON.stringify(e.paths) === JSON.stringify(paths));
        if (listed) await s.recent.add(paths, recentVerdict(r.result)).catch(() => undefined);
      }
      return r;
    },
    // removing only narrows what bundle:open-paths accepts
    'bundle:recent-remove': async ({ paths }) => {
      await s.recent.remove(paths);
      return s.recent.list();
    },
    'bundle:recent-clear': async () => {
      await s.recent.clear();
      return s.recent.list();
    },
    // by id in the open bundle only: the renderer never names a path on this machine
    'files:read': async ({ id }) => {
      if (id >= session().files.length) throw new Error('No such file in the open bundle.');
      return s.analysis.readFile(id);
    },
    'logs:query': async (q) => {
      const files = session().files.length;
      if (q.fileIds?.some((id) => id >= files)) throw new Error('No such file in the open bundle.');
      return s.analysis.queryLogs(q);
    },
    'logs:find': async (req) => {
      if (req.query.fileIds?.some((id) => id >= session().files.length)) throw new Error('No such file in the open bundle.');
      return s.analysis.findLog(req);
    },
    'logs:locate': async (req) => {
      const r = session();
      if (req.query.fileIds?.some((id) => id >= r.files.length)) throw new Error('No such file in the open bundle.');
      if (!r.files.some((f) => f.vmPath === req.file)) return { index: null };
      return s.analysis.locate(req);
    },
    'report:preview': async (req) => ({ html: await s.reports.previewHtml(session(), req) }),
    'report:export': async (req) => {
      const result = session();
      const path = await s.dialogs.pickSavePath(`vmbackup-diagnosis${hostSuffix(result)}.${req.format}`, req.format);
      if (!path) return { ok: false, canceled: true, error: 'Export canceled.' };
      try {
        await s.reports.write(result, req, path);
        return { ok: true, path };
      } catch (e) {
        return failure(errorNote(e));
      }
    },
    'image:save': async ({ format, data }) => {
      // Only what the renderer's exporter makes: an SVG document, or PNG bytes (checked by their signature).
      const bytes = format === 'png' ? Buffer.from(data, 'base64') : Buffer.from(data, 'utf8');
      if (format === 'png' ? !bytes.subarray(0, 8).equals(PNG_SIGNATURE) : !/^(?:<\?xml[^>]*>\s*)?<svg[\s>]/.test(data)) return failure(msg('app.not-image', { format }));
      const path = await s.dialogs.pickSavePath(`vmbackup-timeline${hostSuffix(session())}.${format}`, format);
      if (!path) return { ok: false, canceled: true, error: 'Export canceled.' };
      try {
        await writeFile(path, bytes);
        return { ok: true, path };
      } catch (e) {
        return failure(errorNote(e));
      }
    },
    'shell:open-docs': async ({ url }) => {
      if (!CATALOGUE_LINKS.has(url)) return { opened: false, reason: 'only documentation links of the cause catalogue open' };
      const check = isAllowedDocUrl(url);
      if (!check.ok) return { opened: false, reason: check.reason };
      await s.openExternal(check.url); // eng-disable OPEN_EXTERNAL_JS_CHECK -- only a URL that passed isAllowedDocUrl just above (https, documentation-host allowlist, no credentials or ports)
      return { opened: true };
    },
    'app:info': async () => s.appInfo(),
    'ssh:collect': async (req) => {
      try {
        const { bundlePath, incomplete, message, note } = await s.ssh.collect(req, {
          prompt: (p: Omit<SshPrompt, 'id'> | SshPrompt) => {
            const id = 'id' in p && p.id ? p.id : randomUUID();
            // main answers host keys and secrets itself when it can; the renderer then never can
            if (mainPrompt) return mainPrompt({ ...p, id }, req.lang ?? 'en');
            return new Promise<SshAnswer>((resolve) => {
              pendingPrompts.set(id, resolve);
              s.emit('ssh:prompt', { ...p, id });
            });
          },
          progress: (p) => s.emit('ssh:progress', p),
        });
        const r = await open([bundlePath], { portalCode: req.portalCode, session: req.session });
        if (incomplete && r.ok) {
          const why = note?.key === 'ssh.incomplete' ? note : msg('ssh.incomplete-unknown');
          r.result.warnings.unshift({ message: message ?? renderAnalysis(why, 'en'), note: why });
        }
        return r;
      } catch (e) {
        return failure(errorNote(e));
      } finally {
        for (const resolve of pendingPrompts.values()) resolve({ id: '', accept: false });
        pendingPrompts.clear();
      }
    },
    'ssh:answer': async (a) => {
      const resolve = pendingPrompts.get(a.id);
      pendingPrompts.delete(a.id);
      resolve?.(a);
    },
    'ssh:cancel': async () => {
      // Cancel also answers any open question (a host-key or password dialog) with "no".
      s.ssh.cancel();
      for (const resolve of pendingPrompts.values()) resolve({ id: '', accept: false });
      pendingPrompts.clear();
    },
  };
}
