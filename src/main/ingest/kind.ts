import type { BundleKind } from '../../shared';

export type Container = 'folder' | 'zip' | 'tar';

export interface Layout {
  kind: BundleKind;
  /** Leading folder to strip from every name (`sosreport-host-2026-11-20-abcdef/`), or ''. */
  prefix: string;
  /** Folder to put in front of every name (a zip of just `C:\WindowsAzure\Logs`), or ''. */
  addPrefix: string;
}

/** Top-level folders of a VM tree: if a bundle's single top folder holds these, it is a wrapper to strip. */
const VM_ROOTS = /^(var|etc|usr|run|opt|home|root|WindowsAzure|Packages|sos_commands)\//i;

/**
 * Recognises what one input is from its member names: the `waagent -collect-logs` zip (results.txt or
 * `truncated_` members at the root), a sosreport (`sosreport-<host>-<date>/` with `sos_commands/`), a Windows
 * guest-log bundle (`WindowsAzure/Logs`, `Packages/Plugins`), our own SSH collection (`manifest.json` +
 * `probes.json` at the root), or a plain container.
 */
export function detectLayout(names: readonly string[], container: Container): Layout {
  let prefix = '';
  const tops = new Set(names.map((n) => (n.includes('/') ? n.slice(0, n.indexOf('/') + 1) : n)));
  if (tops.size === 1) {
    const top = [...tops][0];
    if (top.endsWith('/') && (/^sosreport-/i.test(top) || names.some((n) => VM_ROOTS.test(n.slice(top.length))))) prefix = top;
  }
  const rel = prefix ? names.map((n) => n.slice(prefix.length)) : names;
  const root = new Set(rel.filter((n) => !n.includes('/')));
  const has = (re: RegExp) => rel.some((n) => re.test(n));

  if (root.has('manifest.json') && root.has('probes.json')) return { kind: 'ssh-collection', prefix, addPrefix: '' };
  if (/^sosreport-/i.test(prefix) || has(/^sos_(commands|reports|logs)\//)) return { kind: 'sosreport', prefix, addPrefix: '' };
  // at the root, or under any wrapper (the agent's log collection zip keeps the drive's folders: ingest maps them)
  if (has(/(^|\/)(WindowsAzure\/Logs|Packages\/Plugins)\//i)) return { kind: 'windows-guest-logs', prefix, addPrefix: '' };
  // A zip or folder of one Windows guest folder itself: C:\WindowsAzure, C:\WindowsAzure\Logs, C:\Packages\Plugins.
  if (has(/^Logs\/WaAppAgent\.log$/i)) return { kind: 'windows-guest-logs', prefix, addPrefix: 'WindowsAzure/' };
  if (has(/^WaAppAgent\.log$/i)) return { kind: 'windows-guest-logs', prefix, addPrefix: 'WindowsAzure/Logs/' };
  if (has(/^Microsoft\.[^/]+\/\d[\d.]*\/(Status\/\d+\.status|RuntimeSettings\/\d+\.settings)$/i)) return { kind: 'windows-guest-logs', prefix, addPrefix: 'Packages/Plugins/' };
  if (container === 'zip' && (root.has('results.txt') || [...root].some((n) => n.startsWith('truncated_')))) return { kind: 'waagent-logcollector-zip', prefix, addPrefix: '' };
  return { kind: container, prefix, addPrefix: '' };
}
