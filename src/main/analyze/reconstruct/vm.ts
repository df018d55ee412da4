import type { BundleFile, VmSummary } from '../../../shared';
import type { FactIndex } from '../facts-index';

/** `sosreport-<host>[-<case>]-YYYY-MM-DD-<rand>.tar.xz` carries the collection date (day only). */
const SOSREPORT_DATE = /sosreport-[^/\\]*?(\d{4}-\d{2}-\d{2})-[a-z0-9]+\.tar/i;

/**
 * Host name, OS, platform and collection time from whatever the bundle holds. Sources in order of
 * trust: /etc/hostname, ovf-env, the status blob's guestOSInfo; os-release, then guestOSInfo;
 * collection time from the log collector's results.txt, the SSH manifest, then a sosreport name.
 */
export function summarizeVm(facts: FactIndex, files: readonly BundleFile[]): VmSummary {
  const status = [...facts.of('agent-status')].reverse().find((s) => s.computerName || s.osName);
  const host = facts.last('hostname')?.name ?? facts.last('ovf-env')?.hostname ?? status?.computerName;
  const os = facts.last('os-release');
  const osName = os?.prettyName ?? (os?.id ? `${os.id} ${os.versionId ?? ''}`.trim() : status?.osName ? `${status.osName} ${status.osVersion ?? ''}`.trim() : undefined);
  const windows = files.some((f) => f.kind.startsWith('windows-')) || facts.has('windows-agent');
  const linux = files.some((f) => f.vmPath.startsWith('var/') || f.vmPath.startsWith('etc/'));
  const collected = collectedAt(facts, files);
  return {
    hostname: host,
    os: osName,
    platform: windows ? 'windows' : linux ? 'linux' : 'unknown',
    ...(collected ? { collectedAt: collected } : {}),
  };
}

function collectedAt(facts: FactIndex, files: readonly BundleFile[]): string | undefined {
  const lc = facts.of('logcollector');
  const done = [...lc].reverse().find((f) => f.event === 'completed' && f.at.time);
  if (done?.at.time) return done.at.time;
  const ssh = facts.last('collection');
  if (ssh?.collectedAt) return ssh.collectedAt;
  const anyLc = [...lc].reverse().find((f) => f.at.time);
  if (anyLc?.at.time) return anyLc.at.time;
  for (const f of files) {
    const m = SOSREPORT_DATE.exec(f.origin);
    if (m) return `${m[1]}T00:00:00.000Z`;
  }
  return undefined;
}
