import { lstatSync, readdirSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { DiskFileContent } from './content';
import type { RawEntry } from './entry';
import { noted, type Budget } from './limits';
import { ioError } from './io-problem';
import { msg } from '../../shared/i18n/analysis';
import { isSosTailedLink } from './paths';

/** Where a link points ('' when it cannot be read): the link itself is never followed. */
function linkTarget(path: string): string {
  try {
    return readlinkSync(path);
  } catch {
    return '';
  }
}

/** Folders listed between two turns of the event loop. */
const YIELD_EVERY = 256;

/**
 * Lists a folder's regular files as entries read lazily from disk. Symbolic links (to files or folders)
 * are skipped with a warning: a bundle folder is untrusted, and a link could point anywhere on the
 * engineer's machine. Files over the per-file cap expose only their tail.
 */
export async function readFolder(root: string, budget: Budget, out: RawEntry[], signal?: AbortSignal): Promise<void> {
  const stack: string[] = [''];
  let listed = 0;
  while (stack.length > 0) {
    // the listing is synchronous: let an abort (or the app's progress messages) through now and then
    if (++listed % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
    if (signal?.aborted) throw signal.reason ?? new Error('aborted');
    const rel = stack.pop()!;
    let names: { name: string; kind: 'dir' | 'file' | 'link' | 'other' }[];
    try {
      // One call per folder (the entries of an opendir iterator cost an await each); where the file
      // system does not report entry types, readdir asks lstat, so links are still recognised.
      // Synchronous, like the lstat below: an awaited readdir costs ~0.1 ms of scheduling per folder,
      // the call itself ~15 µs (the 500 folders of a 5,000-file /var/log/azure tree: ~60 ms → ~7 ms).
      const dirents = readdirSync(join(root, rel), { withFileTypes: true });
      names = dirents.map((d) => ({ name: d.name, kind: d.isSymbolicLink() ? 'link' : d.isDirectory() ? 'dir' : d.isFile() ? 'file' : 'other' }));
    } catch (e) {
      budget.warn(msg('ingest.cannot-list', { path: join(root, rel), error: (e as Error).message }));
      continue;
    }
    // Sorted so the same folder always gives the same order (readdir order is filesystem-dependent).
    names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subdirs: string[] = [];
    for (const n of names) {
      const relPath = rel ? `${rel}/${n.name}` : n.name;
      if (n.kind === 'link') {
        // (sos's link to the tail it kept of a big log: the tail is read at this path, ingest/paths.ts sosTailedPath)
        if (!isSosTailedLink(linkTarget(join(root, relPath)))) budget.warn(msg('ingest.link-skipped', { path: join(root, relPath) }));
        continue;
      }
      if (n.kind === 'dir') subdirs.push(relPath);
      if (n.kind !== 'file') continue;
      if (!budget.takeEntry(root)) return;
      const abs = join(root, relPath);
      let size: number;
      try {
        // synchronous: a few microseconds for a listed file, where an awaited lstat costs far more in
        // scheduling than the call itself (a 5,000-file tree)
        size = lstatSync(abs).size;
      } catch (e) {
        budget.warn(msg('ingest.cannot-read', { path: abs, ...ioError(e, abs) }));
        continue;
      }
      const cap = budget.limits.maxFileBytes;
      const kept = Math.min(size, cap);
      if (!budget.takeBytes(kept, root, relPath)) return;
      const warnings = size > cap ? [{ file: relPath, ...noted(msg('ingest.capped-reading', { origin: abs, size, cap, kept: cap })) }] : [];
      out.push({ name: relPath, content: new DiskFileContent(abs, kept, size - kept), size: kept, truncated: size > cap, origin: abs, warnings });
    }
    for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i]);
  }
}
