import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { AnalysisResult, CauseId, Finding } from '../../../src/shared';
import { analyzeBundle } from '../../../src/main/pipeline/analyze-bundle';

/** Writes a VM-shaped folder (paths as on the VM) and analyses it through the whole pipeline. */
export async function analyzeFolder(files: Record<string, string | Buffer>): Promise<AnalysisResult> {
  const dir = mkdtempSync(join(tmpdir(), 'vmbd-state-'));
  for (const [rel, data] of Object.entries(files)) {
    const p = join(dir, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, data);
  }
  return (await analyzeBundle([dir])).result;
}

export function finding(r: AnalysisResult, cause: CauseId): Finding {
  const f = r.findings.find((x) => x.cause === cause);
  if (!f) throw new Error(`no finding for ${cause}`);
  return f;
}

export const UBUNTU_OS = 'NAME="Ubuntu"\nVERSION="20.04.6 LTS (Focal Fossa)"\nID=ubuntu\nPRETTY_NAME="Ubuntu 20.04.6 LTS"\nVERSION_ID="20.04"\n';
export const CONF = 'Extensions.Enabled=y\nProvisioning.Agent=auto\nLogs.Verbose=n\nOS.EnableFirewall=y\n';
export const AMA = 'var/lib/waagent/Microsoft.Azure.Monitor.AzureMonitorLinuxAgent-1.28.11';
export const ADE = 'var/lib/waagent/Microsoft.Azure.Security.AzureDiskEncryptionForLinux-1.1.0.56';

/** A 2.8+ history ExtensionsConfig with the given plugins (protected settings redacted as the agent does). */
export function extConf(incarnation: number, plugins: { name: string; version: string; state?: string }[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<Extensions version="1.0.0.0" goalStateIncarnation="${incarnation}"><GuestAgentExtension xmlns:i="http://www.w3.org/2001/XMLSchema-instance">
  <GAFamilies><GAFamily><Name>Prod</Name><Uris><Uri>https://umsa.blob.core.windows.net/m/m_manifest.xml</Uri></Uris></GAFamily></GAFamilies>
</GuestAgentExtension>
<StatusUploadBlob statusBlobType="PageBlob">https://md-x.z26.blob.storage.azure.net/$system/vm.status?***REDACTED***</StatusUploadBlob>
<Plugins>
${plugins.map((p) => `  <Plugin name="${p.name}" version="${p.version}" location="https://umsa/${p.name}_manifest.xml" state="${p.state ?? 'enabled'}" autoUpgrade="true" runAsStartupTask="false" isJson="true" useExactVersion="true" />`).join('\n')}
</Plugins>
<PluginSettings>
${plugins.map((p) => `  <Plugin name="${p.name}" version="${p.version}">\n    <RuntimeSettings seqNo="0">{"runtimeSettings":[{"handlerSettings":{"protectedSettingsCertThumbprint":"3F2E8A41C5B0D97E6A1F4C2B8D0E5A7193C6B4F2","protectedSettings":"***REDACTED***","publicSettings":{}}}]}</RuntimeSettings>\n  </Plugin>`).join('\n')}
</PluginSettings>
<InVMGoalStateMetaData inSvdSeqNo="${incarnation - 1}" createdOnTicks="639307224024880000" activityId="a" correlationId="b" /></Extensions>`;
}

/** probes.json of an SSH collection (one probe per line, as the collector writes it). */
export function probesJson(probes: { name: string; ok: boolean | null; detail: string; data?: unknown }[]): string {
  return `{"schemaVersion":1,"collectedAt":"2026-11-20T09:14:03.000Z","probes":[\n${probes.map((p) => JSON.stringify(p)).join(',\n')}\n]}\n`;
}
