import { describe, expect, it } from 'vitest';
import { analyzeFolder } from './bundle';

const SECRETS = ['Sup3rS3cret!', 'I2Nsb3VkLWNvbmZpZwpwYWNrYWdlczoK', 'c2lnbmF0dXJlU0VDUkVU', 'MIIB8AYJKoZIhvcNAQcDoIIBSECRET', 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQSECRET', 'eyJzbmFwc2hvdFRhc2tUb2tlbiI6IlRPS0VOIn0'];

describe('hostile and secret-bearing state files through the whole pipeline', () => {
  it('no secret from ovf-env, settings, ExtensionsConfig or status files appears anywhere in the result', async () => {
    const ovf = `<?xml version="1.0" encoding="utf-8"?>
<Environment xmlns="http://schemas.dmtf.org/ovf/environment/1" xmlns:wa="http://schemas.microsoft.com/windowsazure">
  <wa:ProvisioningSection><LinuxProvisioningConfigurationSet xmlns="http://schemas.microsoft.com/windowsazure">
    <HostName>vm-backup-demo-01</HostName><UserName>azureuser</UserName><UserPassword>${SECRETS[0]}</UserPassword>
    <CustomData>${SECRETS[1]}</CustomData>
    <SSH><PublicKeys><PublicKey><Fingerprint>9C1A4E7B2D5F8036A1B4C7D0E3F6A9B2C5D8E1F4</Fingerprint><Path>/home/azureuser/.ssh/authorized_keys</Path><Value>${SECRETS[4]}</Value></PublicKey></PublicKeys></SSH>
  </LinuxProvisioningConfigurationSet></wa:ProvisioningSection>
  <wa:PlatformSettingsSection><wa:PlatformSettings><wa:ProvisionGuestAgent>true</wa:ProvisionGuestAgent></wa:PlatformSettings></wa:PlatformSettingsSection>
</Environment>`;
    const settings = JSON.stringify({ runtimeSettings: [{ handlerSettings: { protectedSettingsCertThumbprint: '3F2E8A41C5B0D97E6A1F4C2B8D0E5A7193C6B4F2', protectedSettings: SECRETS[3], publicSettings: { taskId: '7d3c2a8e-5b1f-4e62-9a07-3f1c8d2e6b41', objectStr: SECRETS[5], statusBlobUri: `https://x.blob.core.windows.net/s/t?sv=2020&sig=${SECRETS[2]}` } } }] });
    const extConf = `<Extensions version="1.0.0.0" goalStateIncarnation="3"><Plugins><Plugin name="Microsoft.Azure.RecoveryServices.VMSnapshotLinux" version="1.0.9225.0" state="enabled" /></Plugins>
<PluginSettings><Plugin name="Microsoft.Azure.RecoveryServices.VMSnapshotLinux" version="1.0.9225.0"><RuntimeSettings seqNo="3">${settings}</RuntimeSettings></Plugin></PluginSettings>
<StatusUploadBlob statusBlobType="BlockBlob">https://x.blob.core.windows.net/vhds/vm.status?sr=b&amp;sp=rw&amp;sig=${SECRETS[2]}</StatusUploadBlob></Extensions>`;
    const r = await analyzeFolder({
      'var/lib/waagent/ovf-env.xml': ovf,
      'var/lib/waagent/ExtensionsConfig.3.xml': extConf,
      'var/lib/waagent/Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9225.0/config/3.settings': settings,
      'var/lib/waagent/Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9225.0/config/HandlerState': 'Enabled',
    });
    const json = JSON.stringify(r);
    for (const s of SECRETS) expect(json).not.toContain(s);
    expect(r.vm.hostname).toBe('vm-backup-demo-01');
    expect(r.extensions.find((e) => e.name === 'Microsoft.Azure.RecoveryServices.VMSnapshotLinux')?.state).toBe('Enabled');
  });

  it('a one-line ovf-env (everything on the evidence line) still leaks nothing', async () => {
    const ovf = `<Environment xmlns="http://schemas.dmtf.org/ovf/environment/1" xmlns:wa="http://schemas.microsoft.com/windowsazure"><wa:ProvisioningSection><WindowsProvisioningConfigurationSet xmlns="http://schemas.microsoft.com/windowsazure"><ComputerName>win-demo-01</ComputerName><AdminPassword>${SECRETS[0]}</AdminPassword><CustomData>${SECRETS[1]}</CustomData></WindowsProvisioningConfigurationSet></wa:ProvisioningSection><wa:PlatformSettingsSection><wa:PlatformSettings><wa:ProvisionGuestAgent>false</wa:ProvisionGuestAgent></wa:PlatformSettings></wa:PlatformSettingsSection></Environment>`;
    const r = await analyzeFolder({ 'var/lib/waagent/ovf-env.xml': ovf });
    const json = JSON.stringify(r);
    for (const s of SECRETS) expect(json).not.toContain(s);
    expect(r.vm.hostname).toBe('win-demo-01');
    expect(r.findings.find((f) => f.cause === 'agent-not-running')?.verdict).toBe('detected');
  });

  it('truncated XML, XXE, billion laughs, invalid JSON and binary: warnings name the file, the rest still analyses', async () => {
    const lol = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">]>\n<Extensions goalStateIncarnation="7"><Plugins><Plugin name="&lol2;" version="1.0" state="enabled" /></Plugins></Extensions>`;
    const r = await analyzeFolder({
      'etc/hostname': 'vm-backup-demo-01\n',
      'var/lib/waagent/GoalState.4.xml': '<?xml version="1.0"?>\n<GoalState>\n  <Incarnation>4</Incarnation>\n  <Container>\n    <ContainerId>4c1f2b7e',
      'var/lib/waagent/SharedConfig.xml': '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/shadow">]><SharedConfig goalStateIncarnation="&x;"/>',
      'var/lib/waagent/ExtensionsConfig.7.xml': lol,
      'var/lib/waagent/history/2026-11-19T22-00-04__15/waagent_status.json': '{"version": "1.1", "aggregateStatus": {"guestAgentStatus": {"version": "2.9.1.1"',
      'var/lib/waagent/HostingEnvironmentConfig.xml': Buffer.from([0x00, 0x01, 0x02, 0xff, 0x3c]),
    });
    const byFile = (f: string) => r.warnings.filter((w) => w.file === f).map((w) => w.message);
    expect(byFile('var/lib/waagent/GoalState.4.xml').join(' ')).toMatch(/malformed XML|truncated/);
    expect(byFile('var/lib/waagent/SharedConfig.xml')).toEqual([expect.stringMatching(/XXE/)]);
    expect(byFile('var/lib/waagent/ExtensionsConfig.7.xml')).toEqual([expect.stringMatching(/left unexpanded/)]);
    expect(byFile('var/lib/waagent/history/2026-11-19T22-00-04__15/waagent_status.json')).toEqual([expect.stringMatching(/invalid JSON/)]);
    expect(byFile('var/lib/waagent/HostingEnvironmentConfig.xml')).toEqual([expect.stringMatching(/binary/)]);
    // the unexpanded entity stays a short literal
    expect(r.extensions.map((e) => e.name)).toEqual(['&lol2;']);
    expect(r.vm.hostname).toBe('vm-backup-demo-01');
    expect(JSON.stringify(r)).not.toContain('root:');
  });
});
