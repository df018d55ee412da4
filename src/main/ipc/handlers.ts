import { randomUUID } from 'node:crypto';
import type {
  AnalysisResult,
  AppInfo,
  EventChannel,
  EventChannels,
  ExportRequest,
  InvokeHandlers,
  OpenOptions,
  OpenResult,
  RecentEntry,
  SshAnswer,
  SshPrompt,
} from '../../shared';
import type { AnalysisService } from '../worker/service';
import type { ReportService } from '../report/service';
import type { SshCollector } from '../ssh/service';
import { isAllowedDocUrl } from './external-links';

/** Native dialogs (Electron) or their test-host stand-ins. */
export interface Dialogs {
  pickPaths(mode: 'files' | 'folder'): Promise<string[] | null>;
  pickSavePath(defaultName: string, format: ExportRequest['format']): Promise<string | null>;
}

export interface RecentStore {
  list(): Promise<RecentEntry[]>;
  add(paths: string[]): Promise<void>;
}

export interface MainServices {
  analysis: AnalysisService;
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
export function createInvokeHandlers(s: MainServices): InvokeHandlers {
  const pendingPrompts = new Map<string, (a: SshAnswer) => void>();
  const open = async (paths: string[], options: OpenOptions): Promise<OpenResult> => {
    const r = await s.analysis.open(paths, options, (p) => s.emit('bundle:progress', p));
    if (r.ok) await s.recent.add(paths).catch(() => undefined);
    return r;
  };
  const requireResult = (): AnalysisResult => {
    const r = s.analysis.current();
    if (!r) throw new Error('Open a bundle first.');
    return r;
  };
  return {
    'bundle:open-paths': ({ paths, options }) => open(paths, options),
    'bundle:pick-and-open': async ({ mode, options }) => {
      const paths = await s.dialogs.pickPaths(mode);
      if (!paths || paths.length === 0) return { ok: false, canceled: true, error: 'No file chosen.' };
      return open(paths, options);
    },
    'bundle:open-sample': ({ options }) => open([s.samplePath], options),
    'bundle:cancel': async () => s.analysis.cancel(),
    'bundle:recent': () => s.recent.list(),
    'logs:query': (q) => s.analysis.queryLogs(q),
    'logs:locate': (req) => s.analysis.locate(req),
    'report:preview': async (req) => ({ html: await s.reports.previewHtml(requireResult(), req) }),
    'report:export': async (req) => {
      const result = requireResult();
      const host = result.vm.hostname ? `-${result.vm.hostname.replace(/[^\w.-]/g, '_')}` : '';
      const path = await s.dialogs.pickSavePath(`vmbackup-diagnosis${host}.${req.format}`, req.format);
      if (!path) return { ok: false, canceled: true, error: 'Export canceled.' };
      try {
        await s.reports.write(result, req, path);
        return { ok: true, path };
      } catch (e) {
        return { ok: false, error: (e as Error).message };
      }
    },
    'shell:open-docs': async ({ url }) => {
      const check = isAllowedDocUrl(url);
      if (!check.ok) return { opened: false, reason: check.reason };
      await s.openExternal(check.url); // eng-disable OPEN_EXTERNAL_JS_CHECK -- only a URL that passed isAllowedDocUrl just above (https, documentation-host allowlist, no credentials or ports)
      return { opened: true };
    },
    'app:info': async () => s.appInfo(),
    'ssh:collect': async (req) => {
      try {
        const { bundlePath, incomplete, message } = await s.ssh.collect(req, {
          prompt: (p: Omit<SshPrompt, 'id'> | SshPrompt) =>
            new Promise<SshAnswer>((resolve) => {
              const id = 'id' in p && p.id ? p.id : randomUUID();
              pendingPrompts.set(id, resolve);
              s.emit('ssh:prompt', { ...p, id });
            }),
          progress: (p) => s.emit('ssh:progress', p),
        });
        const r = await open([bundlePath], { portalCode: req.portalCode });
        if (incomplete && r.ok) r.result.warnings.unshift({ message: message ?? 'The SSH collection was incomplete; the bundle holds what arrived.' });
        return r;
      } catch (e) {
        return { ok: false, error: (e as Error).message };
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
