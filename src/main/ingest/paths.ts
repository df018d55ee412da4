import { msg, type IngestNote, type RefusedName } from '../../shared/i18n/analysis';
import { formatsNamed, kindOfPath } from '../../shared/formats';

/**
 * Member names from archives are hostile input: they decide where a file "is" on the VM, and a path that
 * escapes the bundle (zip-slip) must never be taken at face value — even though ingest writes nothing to
 * disk, a refused name is reported so nobody later extracts it.
 */

/** Roots of a Windows guest's log tree; a `C:\` form is accepted only in front of these. */
const WINDOWS_ROOTS = /^(windowsazure|packages|waagent)(\/|$)/i;

export type SafePath = { ok: true; path: string } | { ok: false; reason: RefusedName };

/**
 * Normalises an archive member name to a relative `a/b/c` path, or says why it is refused.
 * Backslashes count as separators (zips made on Windows); `C:\WindowsAzure\...` is accepted for Windows guest
 * logs; any other absolute path, a `..` segment, a NUL byte or an empty name is refused.
 */
export function safeMemberPath(raw: string): SafePath {
  if (raw.length === 0) return { ok: false, reason: 'empty' };
  if (raw.includes('\0')) return { ok: false, reason: 'nul' };
  let p = raw.replace(/\\/g, '/');
  const drive = /^[A-Za-z]:(\/|$)/.exec(p);
  if (drive) {
    const rest = p.slice(drive[0].length).replace(/^\/+/, '');
    if (!WINDOWS_ROOTS.test(rest)) return { ok: false, reason: 'absolute-windows' };
    p = rest;
  } else if (p.startsWith('/')) {
    return { ok: false, reason: 'absolute' };
  }
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') return { ok: false, reason: 'escapes' };
    parts.push(seg);
  }
  if (parts.length === 0) return { ok: false, reason: 'empty' };
  return { ok: true, path: parts.join('/') };
}

/** Printable form of a hostile name for a warning (control bytes escaped, bounded length). */
export function showName(raw: string): string {
  // eslint-disable-next-line no-control-regex
  const s = raw.replace(/[\x00-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return JSON.stringify(s.length > 200 ? `${s.slice(0, 200)}…` : s);
}

export const TRUNCATED_PREFIX = 'truncated_';

/** Directories the log collector copies from; used to undo its `/` → `_` flattening. Longest first. */
const KNOWN_DIRS = ['var/lib/waagent/history', 'var/log/azure', 'var/lib/waagent', 'var/lib/dhcp', 'var/lib/dhclient', 'var/log', 'etc/azure', 'etc'];
/** Under these the collector copies `<dir>/<folder>/<file>`: the next `_`-separated segment is a folder (handler name). */
const HANDLER_PARENTS = new Set(['var/log/azure', 'var/lib/waagent']);

export interface TruncatedMapping {
  vmPath: string;
  /** Set when the mapping is a guess. */
  warning?: IngestNote;
}

/**
 * Maps a collector `truncated__var_log_syslog.1` member back to `var/log/syslog.1`. The collector replaced every
 * `/` with `_`, so the split is ambiguous when names contain `_`; it is resolved against the folders the bundle
 * itself has (exact), then against the known collector folders (a guess, reported).
 */
export function mapTruncatedName(flat: string, knownDirs: Iterable<string>): TruncatedMapping {
  // (the collector flattens the absolute path, so its members read `truncated__var_log_…`: WALinuxAgent's
  // logcollector.py, and its test's `_truncated_path`; its comment's `truncated_var_log_…` is read alike)
  const body = flat.slice(TRUNCATED_PREFIX.length).replace(/^_+/, '');
  let best = '';
  for (const d of knownDirs) {
    if (d.length > best.length && body.startsWith(`${d.replace(/\//g, '_')}_`)) best = d;
  }
  const known = KNOWN_DIRS.find((d) => body.startsWith(`${d.replace(/\//g, '_')}_`));
  if (best && best.length >= (known?.length ?? 0)) return { vmPath: `${best}/${body.slice(best.length + 1)}` };
  if (known) {
    const d = known;
    const flatDir = `${d.replace(/\//g, '_')}_`;
    let rest = body.slice(flatDir.length);
    let dir = d;
    const us = rest.indexOf('_');
    if (HANDLER_PARENTS.has(d) && us > 0) {
      dir = `${d}/${rest.slice(0, us)}`;
      rest = rest.slice(us + 1);
    }
    const vmPath = `${dir}/${rest}`;
    return rest.includes('_') || dir !== d
      ? { vmPath, warning: msg('ingest.collector-guess', { flat, path: vmPath }) }
      : { vmPath };
  }
  const guess = body.replace(/_/g, '/');
  return { vmPath: guess, warning: msg('ingest.collector-unknown', { flat, path: guess }) };
}

/**
 * sos (3.x and 4.x) keeps only the end of a file over its size limit (`log_size`, 25 MiB by default; each of
 * /var/log/azure's files, and /var/log/waagent* together): the tail goes to `sos_strings/<plugin>/<path, every / a .>.tailed`
 * and the file's own path becomes a link to it (sos/report/plugins/__init__.py `_collect_tailed_files`), which this
 * app does not follow and a re-zipped copy loses.
 */
const SOS_TAILED = /^sos_strings\/([^/]{1,100})\/([^/]{1,1000})\.tailed$/;
/**
 * The VM path of a sos `…tailed` member (`sos_strings/azure/var.log.waagent.log.tailed` → `var/log/waagent.log`), its
 * dots read back as folders the way the log collector's underscores are (mapTruncatedName): the known folder it starts
 * with, then under /var/log/azure or /var/lib/waagent one handler's folder, which keeps its dots
 * (`var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log`), then a file name the formats know (a
 * rotation's number after it); a command's output (`sos_strings/logs/journalctl_--no-pager.tailed`) at its
 * `sos_commands/<plugin>/` path. Undefined when the name is no such member or gives no path the formats declare.
 */
export function sosTailedPath(name: string): string | undefined {
  const m = SOS_TAILED.exec(name);
  if (!m) return undefined;
  const dotted = m[2];
  const dir = KNOWN_DIRS.find((d) => dotted.startsWith(`${d.replace(/\//g, '.')}.`));
  if (!dir) {
    // a command's output over its limit (the journal): its tail in sos_strings, the link at sos_commands/<plugin>/<name>
    const output = `sos_commands/${m[1]}/${dotted}`;
    return kindOfPath(output) !== 'other' ? output : undefined;
  }
  const parts = dotted.slice(dir.length + 1).split('.');
  // the shortest file name the formats know, from the end (`extension.log`, not `VMSnapshotLinux.extension.log`)
  for (let k = parts.length - 1; k >= 0; k--) {
    const base = parts.slice(k).join('.');
    if (formatsNamed(base.replace(/\.\d{1,4}$/, '')).length === 0) continue;
    const between = parts.slice(0, k).join('.');
    if (between && !HANDLER_PARENTS.has(dir)) continue;
    const path = between ? `${dir}/${between}/${base}` : `${dir}/${base}`;
    return kindOfPath(path) !== 'other' ? path : undefined;
  }
  return undefined;
}

/** A link sos left at a tailed log's path, to its `sos_strings/…tailed` member (read at that path instead: not worth a warning). */
export function isSosTailedLink(target: string): boolean {
  return /(?:^|\/)sos_strings\/[^/]{1,100}\/[^/]{1,1000}\.tailed$/.test(target);
}

/** Every directory (and parent directory) of the given paths. */
export function dirsOf(paths: Iterable<string>): Set<string> {
  const dirs = new Set<string>();
  for (const p of paths) {
    let i = p.lastIndexOf('/');
    while (i > 0) {
      const d = p.slice(0, i);
      if (dirs.has(d)) break;
      dirs.add(d);
      i = d.lastIndexOf('/');
    }
  }
  return dirs;
}
