import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/main/ingest';
import { renderAnalysis } from '../../src/shared/i18n/analysis';

// The Backup extensions' settings document as Learn's "Azure Backup for SQL Server running in Azure VM" shows it
// (https://learn.microsoft.com/azure/virtual-machines/extensions/backup-azure-sql-server-running-azure-vm, "Extension
// schema"; its excerpt leaves out the opening brace): the handler protocol's, the same on Linux and Windows, naming no
// folder of either.
const SETTINGS = `{
"runtimeSettings": [{
"handlerSettings": {
"protectedSettingsCertThumbprint": "",
"protectedSettings": {
"objectStr": "",
"logsBlobUri": "",
"statusBlobUri": ""
}
},
"publicSettings": {
"locale": "en-us",
"taskId": "1c0ae461-9d3b-418c-a505-bb31dfe2095d",
"objectStr": "",
"commandStartTimeUTCTicks": "636295005824665976",
"vmType": "vmType"
}
}]
}
`;
// Real WaAppAgent.log lines: https://github.com/chef-partners/azure-chef-extension/issues/241 (2018-08-13).
const AGENT = '[00000014] [08/13/2018 10:24:12.96] [INFO]  Start Workflow.\n[00000014] [08/13/2018 10:24:12.96] [INFO]  Starting installation/update of plugins. Incarnation: 4, extension count: 3\n';
// Real waagent.log lines: test/cases/waagent-812-extension-log-dir-deleted (WALinuxAgent #812).
const WAAGENT = '2017/07/17 10:18:56.439857 INFO WALinuxAgent-2.2.10 did not terminate cleanly\n';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vmbd-shared-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function folder(name: string, files: Record<string, string>): Promise<string> {
  const at = join(dir, name);
  await mkdir(at, { recursive: true });
  for (const [n, text] of Object.entries(files)) await writeFile(join(at, n), text);
  return at;
}
const saidOf = async (input: string, path: string) => {
  const r = await ingest([input]);
  const f = r.files.find((x) => /\.(settings|status)$/.test(x.vmPath))!;
  const w = f.warnings.find((x) => x.note && 'key' in x.note && x.note.key === 'ingest.loose-placed')!;
  expect(f.vmPath, path).toBe(path);
  return { kind: f.kind, en: w.message, nl: renderAnalysis(w.note!, 'nl') };
};

describe("a handler's settings or status file that names no platform, given loose", () => {
  it("beside a Windows VM's files is the Windows handler's, and says so", async () => {
    const at = await folder('win', { 'WaAppAgent.log': AGENT, '0.settings': SETTINGS });
    const said = await saidOf(at, 'Packages/Plugins/Microsoft.Azure.RecoveryServices.VMSnapshot/unknown/RuntimeSettings/0.settings');
    expect(said.kind).toBe('windows-plugin-settings');
    expect(said.en).toContain("taken for a Windows VM's, as the files beside it are (WaAppAgent.log)");
    expect(said.nl).toContain('Windows-VM');
  });

  it("given alone, or beside a Linux VM's files, is the Linux handler's, and says which it was taken for", async () => {
    const alone = await folder('alone', { '0.settings': SETTINGS });
    const a = await saidOf(alone, 'var/lib/waagent/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/config/0.settings');
    expect(a.kind).toBe('extension-settings');
    expect(a.en).toContain("taken for a Linux VM's, as the files beside it are not a Windows VM's");
    expect(a.nl).toContain('Linux-VM');
    const linux = await folder('linux', { 'waagent.log': WAAGENT, '0.settings': SETTINGS });
    expect((await saidOf(linux, 'var/lib/waagent/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/config/0.settings')).kind).toBe('extension-settings');
  });

  it('a status file too (the Linux agent\'s own sample status, naming no folder)', async () => {
    const status = await readFile(join('test', 'fixtures', 'corpus', 'waagent', 'tests', 'data', 'ext', 'sample-status.json'), 'utf8');
    const at = await folder('win-status', { 'WaAppAgent.log': AGENT, '0.status': status });
    expect((await saidOf(at, 'Packages/Plugins/Microsoft.Azure.RecoveryServices.VMSnapshot/unknown/Status/0.status')).kind).toBe('windows-plugin-status');
  });
});

describe("a handler's settings document pasted as the whole text", () => {
  const pasted = async (inputs: Parameters<typeof ingest>[0]) => {
    const r = await ingest(inputs);
    const f = r.files.find((x) => /\.settings$/.test(x.vmPath))!;
    const w = f.warnings.find((x) => x.note && 'key' in x.note && x.note.key === 'ingest.paste-read-as')!;
    return { path: f.vmPath, kind: f.kind, en: w.message, nl: renderAnalysis(w.note!, 'nl') };
  };

  it("beside a Windows VM's files is the Windows handler's, and says so", async () => {
    const at = await folder('win-paste', { 'WaAppAgent.log': AGENT });
    const said = await pasted([at, { pasted: SETTINGS }]);
    expect(said.path).toBe('Packages/Plugins/Microsoft.Azure.RecoveryServices.VMSnapshot/unknown/RuntimeSettings/unknown.settings');
    expect(said.kind).toBe('windows-plugin-settings');
    expect(said.en).toContain("taken for a Windows VM's, as the files beside it are (WaAppAgent.log)");
    expect(said.nl).toContain('Windows-VM, zoals de bestanden ernaast (WaAppAgent.log)');
  });

  it("alone, or beside a Linux VM's files, is the Linux handler's, and says which it was taken for", async () => {
    const alone = await pasted([{ pasted: SETTINGS }]);
    expect(alone.kind).toBe('extension-settings');
    expect(alone.path).toMatch(/^var\/lib\/waagent\//);
    expect(alone.en).toContain("taken for a Linux VM's, as the files beside it are not a Windows VM's");
    expect(alone.nl).toContain('Linux-VM');
    const linux = await folder('linux-paste', { 'waagent.log': WAAGENT });
    expect((await pasted([linux, { pasted: SETTINGS }])).kind).toBe('extension-settings');
  });
});
