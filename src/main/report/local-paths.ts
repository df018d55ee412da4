import { escapeRegExp } from '../../shared/regexp';

/**
 * The engineer's own folders in a redacted report: the inputs were opened from somewhere on the engineer's
 * machine (`/home/alice/Downloads/ticket-4711/logs.zip`, `C:\Users\alice\cases\vm.tar.gz`), and that folder
 * names the engineer and their other tickets. A redacted report shows each input by its base name, and a
 * file of a folder input by its path relative to the folder's parent (`vm/var/log/waagent.log`). The VM's
 * own paths (`/var/log/…`, `C:\WindowsAzure\…`) are not the engineer's and stay as they are.
 */

/** Folders that are the VM's own (the CLI run on the VM itself reads `/var/log/waagent.log` in place). */
const VM_FOLDER = /^(?:\/(?:var|etc|usr|opt|run|proc|sys|boot|lib|srv)(?:\/|$)|[a-z]:\\(?:windows|windowsazure|packages|programdata|program files(?: \(x86\))?)(?:\\|$))/i;
/** A URL-like input (`ssh://user@host`), not a folder on this machine. */
const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\//i;

/** The folders the inputs were opened from, each ending in its separator, longest first. */
export function localFolders(inputs: readonly { path: string }[]): string[] {
  const out = new Set<string>();
  for (const { path } of inputs) {
    if (URL_LIKE.test(path)) continue;
    let end = path.length;
    while (end > 1 && (path[end - 1] === '/' || path[end - 1] === '\\')) end--;
    const p = path.slice(0, end);
    const cut = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
    // a bare name, or a file at the root: no folder to leave out
    if (cut <= 0 || /^[a-z]:$/i.test(p.slice(0, cut))) continue;
    const folder = p.slice(0, cut + 1);
    if (VM_FOLDER.test(folder)) continue;
    out.add(folder);
    // a Windows folder also appears with forward slashes (Node's path.posix, URLs in messages)
    if (folder.includes('\\')) out.add(folder.replace(/\\/g, '/'));
  }
  return [...out].sort((a, b) => b.length - a.length);
}


/** Removes the given folders wherever they appear in a string (Windows folders case-insensitively). */
export function stripFolders(folders: readonly string[]): (s: string) => string {
  if (folders.length === 0) return (s) => s;
  const windows = folders.some((f) => /^[a-z]:[\\/]/i.test(f) || f.startsWith('\\\\'));
  const re = new RegExp(folders.map(escapeRegExp).join('|'), windows ? 'gi' : 'g');
  return (s) => s.replace(re, '');
}
