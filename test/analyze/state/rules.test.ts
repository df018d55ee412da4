import { describe, expect, it } from 'vitest';
import { ADE, AMA, CONF, UBUNTU_OS, analyzeFolder, extConf, finding, probesJson } from './bundle';

const SNAP = { name: 'Microsoft.Azure.RecoveryServices.VMSnapshotLinux', version: '1.0.9225.0' };
const AMA_P = { name: 'Microsoft.Azure.Monitor.AzureMonitorLinuxAgent', version: '1.28.11' };
const HIST = 'var/lib/waagent/history/2026-11-19T22-00-04__15';
const linuxBase = { 'etc/os-release': UBUNTU_OS, 'etc/hostname': 'vm-backup-demo-01\n', 'etc/waagent.conf': CONF };


// These bundles hold no failed backup task, so no finding is above medium (analyze/weigh.ts): the
// cause is detected and primary, but nothing ties it to a failed backup.
describe('extension-failed-state', () => {
  it('detected (high) from HandlerState FailedUpgrade and a NotReady HandlerStatus with an error code', async () => {
    const status = JSON.stringify({ name: AMA_P.name, version: AMA_P.version, status: 'NotReady', code: 1009, message: 'Non-zero exit code: 51, ./shim.sh -enable', supports_multi_config: false, extension_status: null });
    const r = await analyzeFolder({ ...linuxBase, [`${AMA}/config/HandlerState`]: 'FailedUpgrade', [`${AMA}/config/HandlerStatus`]: status });
    const f = finding(r, 'extension-failed-state');
    expect(f).toMatchObject({ verdict: 'detected', confidence: 'medium', role: 'primary' });
    expect(f.reason).toMatch(/^Extension Microsoft\.Azure\.Monitor\.AzureMonitorLinuxAgent is in a failed state \(Microsoft\.Azure\.Monitor\.AzureMonitorLinuxAgent: handler state FailedUpgrade \(1\.28\.11\)\)/);
    expect(f.evidence.map((e) => [e.file, e.line, e.text])).toEqual([
      [`${AMA}/config/HandlerState`, 1, 'FailedUpgrade'],
      [`${AMA}/config/HandlerStatus`, 1, status],
    ]);
    // the extension history shows the state
    expect(r.extensions.find((e) => e.name === AMA_P.name)).toMatchObject({ version: '1.28.11', state: 'FailedUpgrade', status: 'NotReady', lastCode: 1009 });
  });

  it('ruled out (high) when every handler is Enabled and Ready', async () => {
    const r = await analyzeFolder({
      ...linuxBase,
      [`${AMA}/config/HandlerState`]: 'Enabled',
      [`${AMA}/config/HandlerStatus`]: JSON.stringify({ name: AMA_P.name, version: AMA_P.version, status: 'Ready', code: 0, message: 'Plugin enabled' }),
      [`${HIST}/ExtensionsConfig.xml`]: extConf(15, [AMA_P, SNAP]),
    });
    const f = finding(r, 'extension-failed-state');
    expect(f).toMatchObject({ verdict: 'ruled-out', confidence: 'high', reason: 'No extension is in a failed state: Microsoft.Azure.Monitor.AzureMonitorLinuxAgent Enabled.' });
    expect(f.evidence.map((e) => [e.file, e.line, e.text])).toEqual([[`${AMA}/config/HandlerState`, 1, 'Enabled']]);
  });
});

describe('dotnet-missing', () => {
  const WAA = 'WindowsAzure/Logs/WaAppAgent.log';
  it('detected (high) on a Windows bundle from the .NET 4.5 signatures', async () => {
    const log = [
      '[00000006] [11/19/2026 22:00:13.44] [INFO]  WindowsAzureGuestAgent starting. Version 2.7.41491.1102',
      '[00000011] [11/19/2026 22:00:15.02] [ERROR] Failed to start the communication channel: .NET Framework 4.5 is not installed on this machine.',
      "[00000011] [11/19/2026 22:00:15.05] [ERROR] System.IO.FileNotFoundException: Could not load file or assembly 'System.Net.Http, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b03f5f7f11d50a3a' or one of its dependencies.",
    ].join('\r\n');
    const r = await analyzeFolder({ [WAA]: log });
    expect(r.vm.platform).toBe('windows');
    const f = finding(r, 'dotnet-missing');
    expect(f).toMatchObject({ verdict: 'detected', confidence: 'medium', role: 'primary' });
    expect(f.evidence.map((e) => [e.file, e.line])).toEqual([
      [WAA, 2],
      [WAA, 3],
    ]);
    expect(f.evidence[0].text).toContain('.NET Framework 4.5 is not installed');
  });

  it('ruled out on a healthy Windows agent, not evaluable on Linux', async () => {
    const ok = await analyzeFolder({ [WAA]: '[00000004] 2026-11-19T22:00:01.000Z [INFO]  WindowsAzureGuestAgent starting. Version 2.7.41491.1102\n[00000020] 2026-11-19T22:05:01.000Z [HEART] WindowsAzureGuestAgent Heartbeat.\n' });
    expect(finding(ok, 'dotnet-missing')).toMatchObject({ verdict: 'ruled-out', confidence: 'medium' });
    expect(finding(ok, 'dotnet-missing').evidence.map((e) => e.line)).toEqual([1, 2]);
    const linux = await analyzeFolder(linuxBase);
    expect(finding(linux, 'dotnet-missing')).toMatchObject({ verdict: 'not-evaluable', reason: expect.stringMatching(/^Applies to Windows VMs only/) });
  });
});

describe('disk-full', () => {
  it('detected (high) from "No space left on device" in syslog', async () => {
    const syslog = [
      '2026-11-19T22:59:58.000000+01:00 vm-backup-demo-01 systemd[1]: Started Session 412 of user azureuser.',
      '2026-11-19T23:00:05.118204+01:00 vm-backup-demo-01 python3[2290]: OSError: [Errno 28] No space left on device: \'/var/lib/waagent/history/2026-11-19T22-00-04__15/waagent_status.json\'',
    ].join('\n');
    const r = await analyzeFolder({ ...linuxBase, 'var/log/syslog': syslog });
    const f = finding(r, 'disk-full');
    expect(f).toMatchObject({ verdict: 'detected', confidence: 'medium', role: 'primary' });
    expect(f.evidence.map((e) => [e.file, e.line, e.time])).toEqual([['var/log/syslog', 2, '2026-11-19T22:00:05.118Z']]);
  });

  it('ruled out (high) when the live check shows space on / and /var', async () => {
    const probes = probesJson([{ name: 'disk-free', ok: true, detail: '/ 41% used, 17.6 GB free', data: { mounts: [{ filesystem: '/dev/sda1', mount: '/', usedPercent: 41, availableBytes: 18897856512 }] } }]);
    const r = await analyzeFolder({ ...linuxBase, 'probes.json': probes });
    const f = finding(r, 'disk-full');
    expect(f).toMatchObject({ verdict: 'ruled-out', confidence: 'high', reason: 'A live check shows free space: / 41% used.' });
    expect(f.evidence.map((e) => [e.file, e.line])).toEqual([['probes.json', 2]]);
  });
});

describe('keyvault-permissions', () => {
  it('detected (low) when the Azure Disk Encryption extension is on the VM', async () => {
    const r = await analyzeFolder({
      ...linuxBase,
      [`${HIST}/ExtensionsConfig.xml`]: extConf(15, [AMA_P, SNAP, { name: 'Microsoft.Azure.Security.AzureDiskEncryptionForLinux', version: '1.1.0.56' }]),
      [`${ADE}/config/HandlerState`]: 'Enabled',
    });
    const f = finding(r, 'keyvault-permissions');
    expect(f).toMatchObject({ verdict: 'detected', confidence: 'low', reason: expect.stringMatching(/Backup Management Service/) });
    expect(f.evidence.map((e) => [e.file, e.line])).toEqual([
      [`${HIST}/ExtensionsConfig.xml`, 2],
      [`${ADE}/config/HandlerState`, 1],
    ]);
    expect(r.extensions.find((e) => e.name === 'Microsoft.Azure.Security.AzureDiskEncryptionForLinux')).toMatchObject({ version: '1.1.0.56', state: 'Enabled' });
  });

  it('ruled out (low) when the goal state lists no ADE extension', async () => {
    const r = await analyzeFolder({ ...linuxBase, [`${HIST}/ExtensionsConfig.xml`]: extConf(15, [AMA_P, SNAP]) });
    const f = finding(r, 'keyvault-permissions');
    expect(f).toMatchObject({ verdict: 'ruled-out', confidence: 'low' });
    expect(f.evidence.map((e) => [e.file, e.line, e.time])).toEqual([[`${HIST}/ExtensionsConfig.xml`, 2, '2026-11-19T22:00:04.000Z']]);
  });
});

describe('disk-size-unsupported', () => {
  const sizes = (disks: { name: string; sizeBytes: number; encrypted?: boolean }[]) =>
    probesJson([{ name: 'disk-sizes', ok: true, detail: disks.map((d) => `${d.name} ${d.sizeBytes}`).join(', '), data: { disks } }]);
  it('detected (high) for a 40 TiB data disk', async () => {
    const r = await analyzeFolder({ ...linuxBase, 'probes.json': sizes([{ name: 'sda', sizeBytes: 32 * 1024 ** 3 }, { name: 'sdc', sizeBytes: 40 * 1024 ** 4 }]) });
    const f = finding(r, 'disk-size-unsupported');
    expect(f).toMatchObject({ verdict: 'detected', confidence: 'medium', role: 'primary', reason: expect.stringContaining('/dev/sdc 40.0 TiB') });
    expect(f.evidence.map((e) => [e.file, e.line])).toEqual([['probes.json', 2]]);
  });

  it('detected for a 5 TiB encrypted disk; ruled out for normal sizes; not evaluable without sizes', async () => {
    const enc = await analyzeFolder({ ...linuxBase, 'probes.json': sizes([{ name: 'sdc', sizeBytes: 5 * 1024 ** 4, encrypted: true }]) });
    expect(finding(enc, 'disk-size-unsupported')).toMatchObject({ verdict: 'detected', confidence: 'medium', role: 'primary', reason: expect.stringContaining('(encrypted)') });
    const ok = await analyzeFolder({ ...linuxBase, 'probes.json': sizes([{ name: 'sda', sizeBytes: 30 * 1024 ** 3 }, { name: 'sdc', sizeBytes: 1024 ** 4 }]) });
    expect(finding(ok, 'disk-size-unsupported')).toMatchObject({ verdict: 'ruled-out', confidence: 'high', reason: 'All 2 disks are within the supported sizes (largest 1.0 TiB).' });
    const none = await analyzeFolder(linuxBase);
    expect(finding(none, 'disk-size-unsupported')).toMatchObject({ verdict: 'not-evaluable', reason: expect.stringMatching(/^Disk sizes were not collected/) });
  });
});

describe('Azure-side causes', () => {
  it('rp-resource-group-lock and datasource-not-protected are not evaluable from any bundle, with the portal check', async () => {
    for (const files of [linuxBase, { ...linuxBase, [`${AMA}/config/HandlerState`]: 'FailedUpgrade' }]) {
      const r = await analyzeFolder(files);
      expect(finding(r, 'rp-resource-group-lock')).toMatchObject({ verdict: 'not-evaluable', evidence: [], reason: expect.stringContaining('AzureBackupRG_<geo>_<n>') });
      expect(finding(r, 'datasource-not-protected')).toMatchObject({ verdict: 'not-evaluable', evidence: [], reason: expect.stringContaining('Backup items') });
    }
  });

  it('vm-provisioning-updating is not evaluable without a failed task', async () => {
    const r = await analyzeFolder(linuxBase);
    expect(finding(r, 'vm-provisioning-updating')).toMatchObject({ verdict: 'not-evaluable', reason: expect.stringMatching(/No failed snapshot task/) });
  });
});

describe('extension-failed-state from the agent log', () => {
  const LOG = 'var/log/waagent.log';
  it('detected, a possible cause only (low), from an unrecovered Install failure Event of another extension', async () => {
    const log = [
      '2026-11-19T21:40:02.118204Z INFO ExtHandler [Microsoft.Azure.Security.Monitoring.AzureSecurityLinuxAgent-2.21.115] Target handler state: enabled [incarnation_15]',
      '2026-11-19T21:40:02.120000Z INFO ExtHandler [Microsoft.Azure.Security.Monitoring.AzureSecurityLinuxAgent-2.21.115] Install extension: [handler.sh install]',
      '2026-11-19T21:40:09.798415Z ERROR ExtHandler ExtHandler Event: name=Microsoft.Azure.Security.Monitoring.AzureSecurityLinuxAgent, op=Install, message=[ExtensionOperationError] Non-zero exit code: 56, /var/lib/waagent/Microsoft.Azure.Security.Monitoring.AzureSecurityLinuxAgent-2.21.115/handler.sh install',
      '[stdout]',
      'dpkg: error processing package azsec-monitor (--configure)',
      '',
      '[stderr]',
      ', duration=7640',
    ].join('\n');
    const r = await analyzeFolder({ ...linuxBase, [LOG]: log });
    const f = finding(r, 'extension-failed-state');
    expect(f).toMatchObject({ verdict: 'detected', confidence: 'low', role: 'primary', reason: expect.stringMatching(/^Extension Microsoft\.Azure\.Security\.Monitoring\.AzureSecurityLinuxAgent is in a failed state \(.*install failed \(exit code 56\).*a possible cause only: check the VM's provisioning state .*UserErrorVmProvisioningStateFailed/) });
    expect(f.reasonNl).toMatch(/alleen een mogelijke oorzaak: controleer de inrichtingsstatus van de VM/);
    expect(f.evidence.map((e) => [e.file, e.line, e.time])).toEqual([[LOG, 3, '2026-11-19T21:40:09.798Z']]);
  });

  // a Custom Script status file that says error (waagent-713's form), then four days of the agent at work
  const STATUS = 'var/lib/waagent/Microsoft.Azure.Extensions.CustomScript-2.1.10/status/0.status';
  const failedStatus = JSON.stringify([{ version: 1, timestampUTC: '2026-11-15T21:40:09Z', status: { operation: 'Enable', status: 'error', code: 1, formattedMessage: { lang: 'en', message: 'Enable failed: failed to execute command: command terminated with exit status=1' } } }], null, 2);
  const laterEnable = '2026-11-16T22:00:14.000000Z INFO ExtHandler [Microsoft.Azure.Extensions.CustomScript-2.1.10] Command: bin/custom-script-shim enable';
  const beats = Array.from({ length: 96 }, (_, h) => `2026-11-${String(16 + Math.floor((h + 1) / 24)).padStart(2, '0')}T${String((21 + h + 1) % 24).padStart(2, '0')}:40:10.000000Z INFO ExtHandler ExtHandler [HEARTBEAT] Agent WALinuxAgent-2.9.1.1 is running as the goal state agent [DEBUG HeartbeatCounter: ${h};HeartbeatId: 1;DroppedPackets: 0;UpdateGSErrors: 0;AutoUpdate: 1]`);

  it('a status that says error, no success of its handler after it, still holds 96 hours on: age does not weaken it', async () => {
    const fresh = finding(await analyzeFolder({ ...linuxBase, [STATUS]: failedStatus, [LOG]: beats[0] }), 'extension-failed-state');
    const r = await analyzeFolder({ ...linuxBase, [STATUS]: failedStatus, [LOG]: beats.join('\n') });
    expect(finding(r, 'extension-failed-state')).toMatchObject({ verdict: 'detected', confidence: fresh.confidence, role: 'primary', relation: 'untimed' });
  });

  it('the same status a later success of its handler followed is history 96 hours on', async () => {
    const r = await analyzeFolder({ ...linuxBase, [STATUS]: failedStatus, [LOG]: [laterEnable, ...beats].join('\n') });
    expect(finding(r, 'extension-failed-state')).toMatchObject({ verdict: 'detected', confidence: 'low', role: 'background', relation: 'long-before' });
  });

  it('hundreds of failures: the first 50 are shown, every handler is named', async () => {
    // the Install failure Event above, repeated each minute (a broken agent retries for hours), and one of another handler last
    const line = (m: number, name: string) =>
      `2026-11-19T${String(10 + Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}:09.798415Z ERROR ExtHandler ExtHandler Event: name=${name}, op=Install, message=[ExtensionOperationError] Non-zero exit code: 56, /var/lib/waagent/${name}-2.21.115/handler.sh install, duration=7640`;
    const sec = 'Microsoft.Azure.Security.Monitoring.AzureSecurityLinuxAgent';
    const log = [...Array.from({ length: 600 }, (_, m) => line(m, sec)), line(600, 'Microsoft.EnterpriseCloud.Monitoring.OmsAgentForLinux')].join('\n');
    const r = await analyzeFolder({ ...linuxBase, [LOG]: log });
    const f = finding(r, 'extension-failed-state');
    expect(f).toMatchObject({ verdict: 'detected', confidence: 'low', reason: expect.stringMatching(/AzureSecurityLinuxAgent.*OmsAgentForLinux|OmsAgentForLinux.*AzureSecurityLinuxAgent/) });
    expect(f.evidence.map((e) => e.line)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(f.evidence[49].time).toBe('2026-11-19T10:49:09.798Z');
  });

  it('ruled out when a later install of the same handler succeeded', async () => {
    const log = [
      '2026-11-19T21:40:09.798415Z ERROR ExtHandler ExtHandler Event: name=Microsoft.Azure.Security.Monitoring.AzureSecurityLinuxAgent, op=Install, message=[ExtensionOperationError] Non-zero exit code: 56, /var/lib/waagent/Microsoft.Azure.Security.Monitoring.AzureSecurityLinuxAgent-2.21.115/handler.sh install, duration=7640',
      '2026-11-19T21:45:02.120000Z INFO ExtHandler [Microsoft.Azure.Security.Monitoring.AzureSecurityLinuxAgent-2.21.115] Install extension: [handler.sh install]',
      '2026-11-19T21:45:20.000000Z INFO ExtHandler [Microsoft.Azure.Security.Monitoring.AzureSecurityLinuxAgent-2.21.115] Command: handler.sh install',
    ].join('\n');
    const r = await analyzeFolder({ ...linuxBase, [LOG]: log });
    expect(finding(r, 'extension-failed-state')).toMatchObject({ verdict: 'ruled-out', confidence: 'medium' });
  });
});
