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
    platform: windows ? 'windows' : linux ? 'linux' : namedPlatform(facts),
    ...(collected ? { collectedAt: collected } : {}),
  };
}

/**
 * Handlers that run on one platform only, by their type: the Linux agent's service and the Linux handlers
 * (Microsoft.OSTCExtensions.*, Microsoft.Azure.Extensions.* such as CustomScript 2.x, a type ending in …Linux… such as
 * VMSnapshotLinux, RunCommandLinux, OmsAgentForLinux), and the Windows ones (Microsoft.Compute.* such as
 * CustomScriptExtension, VMAccessAgent, BGInfo; VMSnapshot without Linux; a type ending in …Windows… such as
 * RunCommandWindows, AzureMonitorWindowsAgent).
 */
const LINUX_HANDLER = /^Microsoft\.(?:OSTCExtensions|Azure\.Extensions)\.|\.[^.]*Linux[^.]*$/i;
const WINDOWS_HANDLER = /^Microsoft\.Compute\.|^Microsoft\.Azure\.RecoveryServices\.VMSnapshot$|\.[^.]*Windows[^.]*$/i;

/**
 * The platform what the bundle names says, when no file placed it (a pasted instance view, a terminal's `systemctl
 * status`): the Linux agent's service (waagent.service, the probes read only it), the handlers' types and the instance
 * view's OS name. Both named, or neither: unknown, and the remedy keeps both platforms' steps.
 */
function namedPlatform(facts: FactIndex): VmSummary['platform'] {
  let linux = facts.has('probe') && [...facts.of('probe')].some((p) => p.probe === 'agent-service' || p.probe === 'waagent-version');
  let windows = false;
  const handler = (name: string) => {
    if (WINDOWS_HANDLER.test(name)) windows = true;
    else if (LINUX_HANDLER.test(name)) linux = true;
  };
  for (const f of facts.of('extension-status')) handler(f.handler);
  for (const f of facts.of('agent-status')) {
    for (const h of f.handlers) handler(h.name);
    if (f.osName && /windows/i.test(f.osName)) windows = true;
  }
  return windows === linux ? 'unknown' : windows ? 'windows' : 'linux';
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
