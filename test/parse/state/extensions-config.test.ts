import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS } from '../../helpers/paths';
import { only, parse, read } from './run-parser';

const DATA = join(CORPUS, 'waagent', 'tests', 'data');
const TICKS_EPOCH = 621355968000000000n;

/** A realistic 2.8+ history ExtensionsConfig for the Backup extension (protectedSettings as the agent redacts them). */
function backupExtConf(opts: { taskId: string; startIso: string; incarnation: number; sas?: string; protectedSettings?: string }): string {
  const ticks = String(BigInt(Date.parse(opts.startIso)) * 10000n + TICKS_EPOCH);
  const settings = {
    runtimeSettings: [
      {
        handlerSettings: {
          protectedSettingsCertThumbprint: '3F2E8A41C5B0D97E6A1F4C2B8D0E5A7193C6B4F2',
          protectedSettings: opts.protectedSettings ?? '***REDACTED***',
          publicSettings: { locale: 'en-us', taskId: opts.taskId, commandToExecute: 'snapshot', commandStartTimeUTCTicks: ticks, vmType: 'microsoft.compute/virtualmachines', logsBlobUri: 'https://x.blob.core.windows.net/c/l?sv=2020&sig=LOGSSECRET' },
        },
      },
    ],
  };
  return `<?xml version="1.0" encoding="utf-8"?>
<Extensions version="1.0.0.0" goalStateIncarnation="${opts.incarnation}"><GuestAgentExtension xmlns:i="http://www.w3.org/2001/XMLSchema-instance">
  <GAFamilies><GAFamily><Name>Prod</Name><Version>2.9.1.1</Version><Uris><Uri>https://umsa.blob.core.windows.net/m/m_manifest.xml</Uri></Uris></GAFamily></GAFamilies>
</GuestAgentExtension>
<StatusUploadBlob statusBlobType="PageBlob">${opts.sas ?? 'https://md-x.z26.blob.storage.azure.net/$system/vm.status?***REDACTED***'}</StatusUploadBlob>
<Plugins>
  <Plugin name="Microsoft.Azure.RecoveryServices.VMSnapshotLinux" version="1.0.9225.0" location="https://umsa/x_manifest.xml" state="enabled" autoUpgrade="false" runAsStartupTask="false" isJson="true" useExactVersion="true" />
</Plugins>
<PluginSettings>
  <Plugin name="Microsoft.Azure.RecoveryServices.VMSnapshotLinux" version="1.0.9225.0">
    <RuntimeSettings seqNo="${opts.incarnation}">${JSON.stringify(settings, null, 2)}</RuntimeSettings>
  </Plugin>
</PluginSettings>
<InVMGoalStateMetaData inSvdSeqNo="14" createdOnTicks="${ticks}" activityId="a" correlationId="b" /></Extensions>`;
}

describe('ExtensionsConfig', () => {
  it('reads plugins, seqNo, GA families, status blob presence and createdOnTicks (corpus wire/ext_conf.xml)', async () => {
    const p = await parse('var/lib/waagent/ExtensionsConfig.9.xml', read(join(DATA, 'wire', 'ext_conf.xml')));
    expect(p.warnings).toEqual([]);
    const [f] = only(p, 'extensions-config');
    expect(f).toMatchObject({
      incarnation: 9,
      plugins: [{ name: 'OSTCExtensions.ExampleHandlerLinux', version: '1.0.0', state: 'enabled', autoUpgrade: false }],
      seqNos: { 'OSTCExtensions.ExampleHandlerLinux': 0 },
      statusUploadBlob: true,
      gaFamilies: [{ name: 'Prod' }, { name: 'Test' }],
      createdOnTicks: '637726657706205217',
      at: { file: 'var/lib/waagent/ExtensionsConfig.9.xml', line: 1, time: '2021-11-16T13:22:50.620Z', zone: 'utc' },
    });
    // the SAS signature and the protected settings of the fixture never reach a fact
    const json = JSON.stringify(p);
    expect(json).not.toContain('sig=hfRh7gzUE7sUtYwke78IOlZOrTRCYvkec4hGZ9zZzXo');
    expect(json).not.toContain('MIICWgYJK');
    expect(json).not.toContain('MIInEAYJKoZIhvcNAQcCoIInATCCJv0CAQMxDTALBglghkgBZQMEAgIwCQYHgUuDSAcICaCCDXYw');
  });

  it('multi-config ExtensionRuntimeSettings give the handler its highest seqNo (corpus wire/multi-config)', async () => {
    const p = await parse('var/lib/waagent/ExtensionsConfig.2.xml', read(join(DATA, 'wire', 'multi-config', 'ext_conf_with_multi_config.xml')));
    const [f] = only(p, 'extensions-config');
    expect(f.seqNos['Microsoft.CPlat.Core.RunCommandHandlerWindows']).toBe(2);
    expect(f.seqNos['Microsoft.Compute.CustomScriptExtension']).toBe(2);
    expect(f.plugins.map((x) => x.name)).toContain('Microsoft.Compute.VMAccessAgent');
  });

  it('the Backup extension task settings come from public settings only; secrets stay out', async () => {
    const xml = backupExtConf({
      taskId: '7d3c2a8e-5b1f-4e62-9a07-3f1c8d2e6b41',
      startIso: '2026-11-19T22:00:02.488Z',
      incarnation: 15,
      sas: 'https://md-x.blob.core.windows.net/$system/vm.status?sv=2018-03-28&sr=b&sk=system-1&sig=SASSIGNATURE%3d&se=9999',
      protectedSettings: 'MIIB8AYJKoZIhvcNAQcDoIIB4TCCAd0CAQAxggFpMIIBZQIBADBNMDkxNzA1BgoJkiaJk/IsZAEZFidXaW5kb3dzIEF6dXJlIENSUCBDZXJ0aWZpY2F0ZSBHZW5lcmF0b3ICEB',
    });
    const p = await parse('var/lib/waagent/history/2026-11-19T22-00-04__15/ExtensionsConfig.xml', xml);
    const [f] = only(p, 'extensions-config');
    expect(f).toMatchObject({
      incarnation: 15,
      seqNos: { 'Microsoft.Azure.RecoveryServices.VMSnapshotLinux': 15 },
      snapshotSettings: { taskId: '7d3c2a8e-5b1f-4e62-9a07-3f1c8d2e6b41', commandStartTime: '2026-11-19T22:00:02.488Z', vmType: 'microsoft.compute/virtualmachines', commandToExecute: 'snapshot' },
      gaFamilies: [{ name: 'Prod', version: '2.9.1.1' }],
      statusUploadBlob: true,
      at: { time: '2026-11-19T22:00:04.000Z' },
    });
    const json = JSON.stringify(p);
    expect(json).not.toContain('SASSIGNATURE');
    expect(json).not.toContain('LOGSSECRET');
    expect(json).not.toContain('MIIB8AYJ');
  });

  it('vmSettings (FastTrack) give the same fact, without the status blob SAS (corpus hostgaplugin/vm_settings.json)', async () => {
    const p = await parse('var/lib/waagent/history/2024-01-02T03-04-05__1-637726657706205299/VmSettings.json', read(join(DATA, 'hostgaplugin', 'vm_settings.json')));
    expect(p.warnings).toEqual([]);
    const [f] = only(p, 'extensions-config');
    expect(f.plugins.length).toBeGreaterThan(2);
    expect(f.statusUploadBlob).toBe(true);
    expect(f.gaFamilies[0].name).toBe('Prod');
    expect(f.createdOnTicks).toBe('637726657706205299');
    expect(JSON.stringify(p)).not.toContain('KNWgC2');
    const broken = await parse('var/lib/waagent/VmSettings.1.json', read(join(DATA, 'hostgaplugin', 'vm_settings-parse_error.json')));
    expect(broken.facts).toEqual([]);
    expect(broken.warnings[0].message).toMatch(/invalid JSON/);
  });

  it("the Backup extension's settings read the same from vmSettings as from ExtensionsConfig (one goal state, two shapes)", async () => {
    const opts = { taskId: '7d3c2a8e-5b1f-4e62-9a07-3f1c8d2e6b41', startIso: '2026-11-19T22:00:02.488Z', incarnation: 15 };
    const xml = backupExtConf(opts);
    const handlerSettings = JSON.parse(/<RuntimeSettings seqNo="15">([^<]*)<\/RuntimeSettings>/.exec(xml)![1]).runtimeSettings[0].handlerSettings;
    // vmSettings carries the public settings as a JSON string (HostGAPlugin's extensionGoalStates[].settings[])
    const vmSettings = JSON.stringify({
      hostGAPluginVersion: '1.0.8.133',
      extensionGoalStates: [{ name: 'Microsoft.Azure.RecoveryServices.VMSnapshotLinux', version: '1.0.9225.0', state: 'enabled', settingsSeqNo: 15, settings: [{ ...handlerSettings, publicSettings: JSON.stringify(handlerSettings.publicSettings) }] }],
    });
    const [fromXml] = only(await parse('var/lib/waagent/history/2026-11-19T22-00-04__15/ExtensionsConfig.xml', xml), 'extensions-config');
    const [fromJson] = only(await parse('var/lib/waagent/history/2026-11-19T22-00-04__15/VmSettings.json', vmSettings), 'extensions-config');
    expect(fromJson.snapshotSettings).toEqual(fromXml.snapshotSettings);
    expect(fromJson.snapshotSettings).toMatchObject({ taskId: opts.taskId, commandStartTime: opts.startIso, vmType: 'microsoft.compute/virtualmachines' });
    expect([fromJson.timeMs, fromJson.at.zone]).toEqual([fromXml.timeMs, fromXml.at.zone]);
  });

  it('a truncated ExtensionsConfig keeps the plugins read before the cut', async () => {
    const xml = read(join(DATA, 'hibernate', 'goal_state_1', 'ExtensionsConfig.xml')).toString('utf8');
    const cut = xml.slice(0, xml.indexOf('<PluginSettings>') + 40);
    const p = await parse('var/lib/waagent/history/2024-06-20T23-38-29__1/ExtensionsConfig.xml', cut);
    expect(p.warnings.length).toBeGreaterThan(0);
    const [f] = only(p, 'extensions-config');
    expect(f.plugins.map((x) => x.name)).toEqual(['Microsoft.GuestConfiguration.ConfigurationforLinux', 'Microsoft.Azure.Extensions.CustomScript', 'Microsoft.CPlat.Core.LinuxHibernateExtension']);
  });
});

describe('ovf-env.xml', () => {
  it('keeps host name and ProvisionGuestAgent; never the password, custom data or keys (corpus ovf-env.xml)', async () => {
    const p = await parse('var/lib/waagent/ovf-env.xml', read(join(DATA, 'ovf-env.xml')));
    expect(p.warnings).toEqual([]);
    expect(only(p, 'ovf-env')[0]).toMatchObject({ hostname: 'HostName', provisionGuestAgent: false, at: { line: 7, text: '<HostName>HostName</HostName>' } });
    expect(only(p, 'agent-disabled')[0]).toMatchObject({ reason: 'ovf-provision-guest-agent-false', at: { line: 33, text: '<wa:ProvisionGuestAgent>false</wa:ProvisionGuestAgent>' } });
    const json = JSON.stringify(p);
    for (const secret of ['UserPassword', 'CustomData', 'AAAANOTAREALKEY']) expect(json).not.toContain(secret);
  });

  it('corpus ovf-env-2.xml (agent enabled) gives no agent-disabled fact', async () => {
    const p = await parse('var/lib/waagent/ovf-env.xml', read(join(DATA, 'ovf-env-2.xml')));
    expect(only(p, 'agent-disabled')).toEqual([]);
    expect(only(p, 'ovf-env')).toHaveLength(1);
  });
});
