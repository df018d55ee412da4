import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/main/ingest';

// Real WaAppAgent.log lines: https://github.com/chef-partners/azure-chef-extension/issues/241 (2018-08-13).
const AGENT = '[00000014] [08/13/2018 10:24:12.96] [INFO]  Start Workflow.\n[00000014] [08/13/2018 10:24:12.96] [INFO]  Starting installation/update of plugins. Incarnation: 4, extension count: 3\n';
const STATUS = '[{"version":1.0,"timestampUTC":"2018-08-13T10:24:35Z","status":{"name":"Microsoft.Azure.RecoveryServices.VMSnapshot","operation":"Enable","status":"success","code":0,"formattedMessage":{"lang":"en-US","message":"ok"}}}]';
const PLUGIN = 'Microsoft.Azure.RecoveryServices.VMSnapshot/1.0.81.0';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vmbd-win-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('Windows bundle forms', () => {
  it("the agent's log collection zip: the drive's folders under a wrapper map to their Windows paths", async () => {
    const zip = join(dir, 'VMAgentLogs.zip');
    const enc = (s: string) => new TextEncoder().encode(s);
    await writeFile(
      zip,
      zipSync({
        [`VMAgentLogs/C/WindowsAzure/Logs/WaAppAgent.log`]: enc(AGENT),
        [`VMAgentLogs/C/Packages/Plugins/${PLUGIN}/Status/3.status`]: enc(STATUS),
      }),
    );
    const r = await ingest([zip]);
    expect(r.inputs[0].kind).toBe('windows-guest-logs');
    expect(r.files.map((f) => [f.vmPath, f.kind]).sort()).toEqual([
      [`Packages/Plugins/${PLUGIN}/Status/3.status`, 'windows-plugin-status'],
      ['WindowsAzure/Logs/WaAppAgent.log', 'windows-agent-log'],
    ]);
  });

  it('the C:\\WindowsAzure\\Logs and C:\\Packages\\Plugins folders, given as they are', async () => {
    const logs = join(dir, 'Logs');
    await mkdir(join(logs, 'Plugins', PLUGIN), { recursive: true });
    await writeFile(join(logs, 'WaAppAgent.log'), AGENT);
    const plugins = join(dir, 'Plugins');
    await mkdir(join(plugins, PLUGIN, 'Status'), { recursive: true });
    await writeFile(join(plugins, PLUGIN, 'Status', '3.status'), STATUS);
    const r = await ingest([logs, plugins]);
    expect(r.files.map((f) => [f.vmPath, f.kind]).sort()).toEqual([
      [`Packages/Plugins/${PLUGIN}/Status/3.status`, 'windows-plugin-status'],
      ['WindowsAzure/Logs/WaAppAgent.log', 'windows-agent-log'],
    ]);
  });

  it("a ticket's attachments in one folder with WaAppAgent.log: each other file is placed by its name and content", async () => {
    // real files: test/cases/win-learn-vss-hold-writes-timeout-iops (an Application export with the VSS failure) and
    // win-neg-tsg-vmsnapshot-snapshot-complete (the Backup extension's log); before, the folder was read as
    // C:\WindowsAzure\Logs and both were left unread beside the agent's log
    const flat = join(dir, 'ticket-attachments');
    await mkdir(flat, { recursive: true });
    await writeFile(join(flat, 'WaAppAgent.log'), AGENT);
    await writeFile(join(flat, 'Application-event.txt'), await readFile(join('test', 'cases', 'win-learn-vss-hold-writes-timeout-iops', 'files', 'Application-event.txt')));
    await writeFile(join(flat, 'IaaSBcdrExtension.log'), await readFile(join('test', 'cases', 'win-neg-tsg-vmsnapshot-snapshot-complete', 'files', 'IaaSBcdrExtension.log')));
    const r = await ingest([flat]);
    expect(r.files.map((f) => [f.vmPath, f.kind]).sort()).toEqual([
      ['EventLogs/Application-event.txt', 'windows-event-export'],
      [`WindowsAzure/Logs/Plugins/Microsoft.Azure.RecoveryServices.VMSnapshot/unknown/IaaSBcdrExtension.log`, 'windows-plugin-log'],
      ['WindowsAzure/Logs/WaAppAgent.log', 'windows-agent-log'],
    ]);
  });

  it("a handler's pasted stack of decrypting its protected settings is that handler's log, under any name", async () => {
    // test/cases/win-learn-extcert-wad-keyset-does-not-exist-stack (Learn, troubleshoot-extension-certificates-issues-windows-vm)
    const flat = join(dir, 'pasted-stack');
    await mkdir(flat, { recursive: true });
    await writeFile(join(flat, 'WaAppAgent.log'), AGENT);
    await writeFile(join(flat, 'error.txt'), await readFile(join('test', 'cases', 'win-learn-extcert-wad-keyset-does-not-exist-stack', 'files', 'DiagnosticsPlugin.log')));
    const r = await ingest([flat]);
    expect(r.files.map((f) => [f.vmPath, f.kind]).sort()).toEqual([
      ['WindowsAzure/Logs/Plugins/Microsoft.Azure.Diagnostics.IaaSDiagnostics/unknown/DiagnosticsPlugin.log', 'windows-plugin-log'],
      ['WindowsAzure/Logs/WaAppAgent.log', 'windows-agent-log'],
    ]);
  });

  it('a loose renamed WaAppAgent.log is recognised by its lines', async () => {
    const p = join(dir, 'ticket-4711 agent log.txt');
    await writeFile(p, AGENT);
    const r = await ingest([p]);
    expect(r.files[0]).toMatchObject({ vmPath: 'WindowsAzure/Logs/WaAppAgent.log', kind: 'windows-agent-log' });
  });
});

/**
 * A Windows handler's state files dropped alone. Their JSON is the handler protocol's on both platforms (docs/formats.md,
 * "Extension status files"); what makes one Windows is the folders it names. The values are verbatim from public
 * sources: the DSC extension's status message as Learn quotes it ("Troubleshoot … Azure Virtual Desktop", DeploymentFailed
 * – Error downloading: `More information about the failure can be found in the logs located under
 * 'C:\\WindowsAzure\\Logs\\Plugins\\Microsoft.Powershell.DSC\\2.77.0.0' on the VM.`), and the Chef extension's handler
 * environment as it logs it (chef-partners/azure-chef-extension#37: `C:\Packages\Plugins\Chef.Bootstrap.WindowsAzure.
 * ChefClient\1206.12.3.0\RuntimeSettings --> …\Status --> …\Status\HeartBeat.Json --> C:\WindowsAzure\Logs\Plugins\
 * Chef.Bootstrap.WindowsAzure.ChefClient\1206.12.3.0`).
 */
const DSC_STATUS = String.raw`[{"version":"1.0","timestampUTC":"2019-04-01T17:48:52Z","status":{"name":"Microsoft.Powershell.DSC","operation":"Enable","status":"error","code":1,"formattedMessage":{"lang":"en-US","message":"The DSC Extension failed to execute: Error downloading https://catalogartifact.azureedge.net/publicartifacts/rds.wvd-provision-host-pool-2dec7a4d-006c-4cc0-965a-02bbe438d6ff-prod/Artifacts/DSC/Configuration.zip after 29 attempts: The remote name could not be resolved: 'catalogartifact.azureedge.net'.\nMore information about the failure can be found in the logs located under 'C:\\WindowsAzure\\Logs\\Plugins\\Microsoft.Powershell.DSC\\2.77.0.0' on the VM."}}}]`;
const CHEF = String.raw`Chef.Bootstrap.WindowsAzure.ChefClient\\1206.12.3.0`;
const CHEF_ENV = String.raw`[{"version":1.0,"handlerEnvironment":{"logFolder":"C:\\WindowsAzure\\Logs\\Plugins\\${CHEF}","configFolder":"C:\\Packages\\Plugins\\${CHEF}\\RuntimeSettings","statusFolder":"C:\\Packages\\Plugins\\${CHEF}\\Status","heartbeatFile":"C:\\Packages\\Plugins\\${CHEF}\\Status\\HeartBeat.Json"}}]`;

describe("a Windows handler's state file given alone", () => {
  it("a status file naming its Windows folders is the Windows extension's, in its package folder", async () => {
    const p = join(dir, '0.status');
    await writeFile(p, DSC_STATUS);
    const r = await ingest([p]);
    expect(r.files.map((f) => [f.vmPath, f.kind])).toEqual([['Packages/Plugins/Microsoft.Powershell.DSC/2.77.0.0/Status/0.status', 'windows-plugin-status']]);
  });

  it('a HandlerEnvironment.json whose folders are on C: is placed in the Windows package folder it names', async () => {
    const p = join(dir, 'HandlerEnvironment.json');
    await writeFile(p, CHEF_ENV);
    const r = await ingest([p]);
    expect(r.files.map((f) => [f.vmPath, f.kind])).toEqual([['Packages/Plugins/Chef.Bootstrap.WindowsAzure.ChefClient/1206.12.3.0/HandlerEnvironment.json', 'handler-environment']]);
  });

  it("a settings file whose public settings run Windows PowerShell is a Windows handler's RuntimeSettings file", async () => {
    // the Custom Script extension's public settings as NetSPI/MicroBurst Misc/Get-AzureVMExtensionSettings.ps1 prints
    // them from C:\\Packages\\Plugins\\Microsoft.Compute.CustomScriptExtension\\1.10.5\\RuntimeSettings\\0.settings, in
    // the handler protocol's runtimeSettings document (docs/formats.md); before, it went through the Linux declaration to
    // var/lib/waagent/…/config/0.settings, and a Windows bundle holding it was taken for a Linux one
    const p = join(dir, 'win', '0.settings');
    await mkdir(join(dir, 'win'), { recursive: true });
    await writeFile(p, '{"runtimeSettings":[{"handlerSettings":{"publicSettings":{"commandToExecute":"powershell -ExecutionPolicy Unrestricted -file launcher.ps1 "}}}]}');
    const r = await ingest([p]);
    expect(r.files.map((f) => [f.vmPath, f.kind])).toEqual([['Packages/Plugins/unknown/unknown/RuntimeSettings/0.settings', 'windows-plugin-settings']]);
  });

  it('a Linux settings file is still the Linux one', async () => {
    // the Linux agent's settings as its own test data holds them (test/fixtures/corpus/waagent tests/data/wire/ext_conf.xml)
    const p = join(dir, 'linux-settings', '0.settings');
    await mkdir(join(dir, 'linux-settings'), { recursive: true });
    const conf = await readFile(join('test', 'fixtures', 'corpus', 'waagent', 'tests', 'data', 'wire', 'ext_conf.xml'), 'utf8');
    await writeFile(p, /\{"runtimeSettings".*?\}(?=<\/RuntimeSettings>)/.exec(conf)![0]);
    const r = await ingest([p]);
    expect(r.files[0].kind).toBe('extension-settings');
    expect(r.files[0].vmPath).toMatch(/^var\/lib\/waagent\//);
  });

  it('a Linux status file is still the Linux one (WALinuxAgent#713)', async () => {
    const p = join(dir, 'linux', '0.status');
    await mkdir(join(dir, 'linux'), { recursive: true });
    await writeFile(p, await readFile(join('test', 'cases', 'waagent-713-linuxasm-enable-os-not-supported', 'files', '0.status')));
    const r = await ingest([p]);
    expect(r.files[0].kind).toBe('extension-status');
    expect(r.files[0].vmPath).toMatch(/^var\/lib\/waagent\//);
  });
});
