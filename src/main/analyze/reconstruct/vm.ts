import type { BundleFile, VmSummary } from '../../../shared';
import type { FactIndex } from '../facts-index';

/** Host name, OS and collection time from whatever the bundle holds. */
export function summarizeVm(facts: FactIndex, files: readonly BundleFile[]): VmSummary {
  const host = facts.last('hostname')?.name ?? facts.last('ovf-env')?.hostname;
  const os = facts.last('os-release');
  const windows = files.some((f) => f.kind.startsWith('windows-'));
  return {
    hostname: host,
    os: os?.prettyName ?? (os?.id ? `${os.id} ${os.versionId ?? ''}`.trim() : undefined),
    platform: windows ? 'windows' : files.some((f) => f.vmPath.startsWith('var/')) ? 'linux' : 'unknown',
  };
}
