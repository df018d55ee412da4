import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { RecentEntry } from '../../shared';
import type { RecentStore } from '../ipc/handlers';

/** Small JSON stores under the app's userData folder (paths only; never bundle content). */
async function readJson<T>(path: string, fallback: T): Promise<T> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch {
    return fallback;
  }
}
async function writeJson(path: string, value: unknown): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, JSON.stringify(value, null, 2), { mode: 0o600 });
}

/** An entry as written by this or an older version; anything else in the file is dropped. */
function isEntry(e: unknown): e is RecentEntry {
  const x = e as Partial<RecentEntry> | null;
  return !!x && Array.isArray(x.paths) && x.paths.every((p) => typeof p === 'string') && typeof x.label === 'string' && typeof x.openedAt === 'string';
}

/**
 * The recent list (`recent.json`): newest first, one entry per set of paths, each with the verdict of its
 * last analysis. Writes are queued so an add racing a remove cannot resurrect what was removed.
 */
export function fileRecentStore(userData: string, max = 10): RecentStore {
  const path = join(userData, 'recent.json');
  const read = async () => {
    const v = await readJson<unknown>(path, []);
    return Array.isArray(v) ? v.filter(isEntry) : [];
  };
  let queue: Promise<unknown> = Promise.resolve();
  const update = (f: (list: RecentEntry[]) => RecentEntry[]): Promise<void> => {
    const next = queue.then(async () => writeJson(path, f(await read())));
    queue = next.catch(() => undefined);
    return next;
  };
  const keyOf = (paths: readonly string[]) => JSON.stringify(paths);
  return {
    list: async () => {
      await queue;
      return read();
    },
    add: (paths, verdict) =>
      update((list) => {
        const key = keyOf(paths);
        const label = paths.map((p) => p.split(/[\\/]/).pop()).join(', ');
        return [{ paths, label, openedAt: new Date().toISOString(), ...(verdict ? { verdict } : {}) }, ...list.filter((e) => keyOf(e.paths) !== key)].slice(0, max);
      }),
    remove: (paths) => update((list) => list.filter((e) => keyOf(e.paths) !== keyOf(paths))),
    clear: () => update(() => []),
  };
}

export interface WindowState {
  width: number;
  height: number;
  x?: number;
  y?: number;
  maximized?: boolean;
}
export const loadWindowState = (userData: string) => readJson<WindowState>(join(userData, 'window-state.json'), { width: 1280, height: 820 });
export const saveWindowState = (userData: string, s: WindowState) => writeJson(join(userData, 'window-state.json'), s);
