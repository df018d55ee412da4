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

export function fileRecentStore(userData: string, max = 10): RecentStore {
  const path = join(userData, 'recent.json');
  return {
    list: () => readJson<RecentEntry[]>(path, []),
    add: async (paths) => {
      const list = await readJson<RecentEntry[]>(path, []);
      const key = JSON.stringify(paths);
      const label = paths.map((p) => p.split(/[\\/]/).pop()).join(', ');
      const next = [{ paths, label, openedAt: new Date().toISOString() }, ...list.filter((e) => JSON.stringify(e.paths) !== key)].slice(0, max);
      await writeJson(path, next);
    },
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
