import { describe, expect, it } from 'vitest';
import { only, parse } from './run-parser';

/** Line shapes of docs/formats.md "Windows" (from the DevTest Labs doc and a user-pasted packer log). */
const OLD_AGENT = [
  '[00000006] [11/14/2019 05:52:13.44] [INFO]  WindowsAzureGuestAgent starting. Version 2.7.41491.949',
  '[00000006] [11/14/2019 05:52:31.77] [WARN]  Waiting for OOBE to Complete ...',
  '[00000020] [11/14/2019 06:02:33.43] [HEART] WindowsAzureGuestAgent Heartbeat.',
  '[00000011] [11/14/2019 06:03:02.10] [ERROR] Failed to start the communication channel: .NET Framework 4.5 is not installed on this machine.',
  '[00000011] [11/14/2019 06:03:02.12] [ERROR] System.IO.FileNotFoundException: Could not load file or assembly \'System.Net.Http, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b03f5f7f11d50a3a\' or one of its dependencies.',
  '   at Microsoft.WindowsAzure.GuestAgent.ContainerStateMachine.Start()',
].join('\r\n');

const NEW_AGENT = [
  '[00000004] 2024-04-17T07:19:26.812Z [INFO]  Beginning enable of plugin Microsoft.Azure.RecoveryServices.VMSnapshot.',
  '[00000004] 2024-04-17T07:19:26.812Z [TRACE] Microsoft.CPlat.Core.RunCommandWindows: A job object was already existing ...',
  '[00000004] 2024-04-17T07:19:26.812Z [ERROR] Microsoft.CPlat.Core.RunCommandWindows: Error SetCPUNotification: 87',
  "[00000009] 2024-04-17T07:24:31.050Z [ERROR] Enable of plugin 'Microsoft.Azure.RecoveryServices.VMSnapshot' failed with exception: timed out after 300 seconds",
].join('\n');

describe('WaAppAgent.log', () => {
  it('old shape (local time): start/version, heartbeat, .NET missing signatures, continuation lines', async () => {
    const p = await parse('WindowsAzure/Logs/WaAppAgent.log', OLD_AGENT);
    expect(p.records.map((r) => [r.line, r.lineCount, r.zone, r.level, r.thread])).toEqual([
      [1, 1, 'local', 'info', '00000006'],
      [2, 1, 'local', 'warning', '00000006'],
      [3, 1, 'local', 'info', '00000020'],
      [4, 1, 'local', 'error', '00000011'],
      [5, 2, 'local', 'error', '00000011'],
    ]);
    expect(p.records[0].timeMs).toBe(Date.UTC(2019, 10, 14, 5, 52, 13, 440));
    const w = only(p, 'windows-agent');
    // the start line is one windows-agent fact, the start with its version (and its version once, as agent-version)
    expect(w.filter((f) => f.at.line === 1)).toEqual([expect.objectContaining({ event: 'start', version: '2.7.41491.949', at: expect.objectContaining({ line: 1, zone: 'local' }) })]);
    expect(only(p, 'agent-version').map((f) => [f.version, f.at.line])).toEqual([['2.7.41491.949', 1]]);
    expect(w.filter((f) => f.event === 'heartbeat').map((f) => f.at.line)).toEqual([3]);
    expect(w.filter((f) => f.event === 'dotnet-missing').map((f) => f.at.line)).toEqual([4, 5]);
  });

  it('new shape (UTC): plugin enable, plugin failure, errors with the plugin named', async () => {
    const p = await parse('WindowsAzure/Logs/WaAppAgent.log', NEW_AGENT);
    expect(p.records.every((r) => r.zone === 'utc')).toBe(true);
    const w = only(p, 'windows-agent');
    expect(w.map((f) => [f.event, f.plugin, f.at.line, f.at.time])).toEqual([
      ['plugin-enable', 'Microsoft.Azure.RecoveryServices.VMSnapshot', 1, '2024-04-17T07:19:26.812Z'],
      ['error', 'Microsoft.CPlat.Core.RunCommandWindows', 3, '2024-04-17T07:19:26.812Z'],
      ['plugin-failed', 'Microsoft.Azure.RecoveryServices.VMSnapshot', 4, '2024-04-17T07:24:31.050Z'],
    ]);
    expect(w.some((f) => f.event === 'dotnet-missing')).toBe(false);
  });

  it('binary garbage becomes one record, no facts, no crash', async () => {
    const p = await parse('WindowsAzure/Logs/WaAppAgent.log', Buffer.from([0x00, 0xff, 0x5b, 0x00, 0x0a, 0x5b, 0x31, 0x5d, 0x0a]));
    expect(p.facts).toEqual([]);
    expect(p.records.length).toBe(1);
  });
});

describe('Windows plugin files', () => {
  const dir = 'Packages/Plugins/Microsoft.Azure.RecoveryServices.VMSnapshot/1.0.76.0';
  it('Status/N.status → extension-status', async () => {
    const p = await parse(`${dir}/Status/12.status`, JSON.stringify([{ version: '1.0', timestampUTC: '2024-04-17T07:24:31Z', status: { name: 'Microsoft.Azure.RecoveryServices.VMSnapshot', operation: 'Enable', status: 'error', code: 122, formattedMessage: { lang: 'en-US', message: 'Snapshot failed: VSS writers timed out' } } }]));
    expect(only(p, 'extension-status')[0]).toMatchObject({ handler: 'Microsoft.Azure.RecoveryServices.VMSnapshot', version: '1.0.76.0', seqNo: 12, status: 'error', code: 122, operation: 'Enable', at: { time: '2024-04-17T07:24:31.000Z' } });
  });

  it('RuntimeSettings/N.settings → extension-settings without protected settings', async () => {
    const p = await parse(`${dir}/RuntimeSettings/12.settings`, '{"runtimeSettings":[{"handlerSettings":{"protectedSettingsCertThumbprint":"A1B2C3D4E5F60718293A4B5C6D7E8F9012345678","protectedSettings":"MIIBsAYJKoZIhvcNAQcDWINSECRET","publicSettings":{"taskId":"0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9","commandToExecute":"snapshot"}}}]}');
    expect(only(p, 'extension-settings')[0]).toMatchObject({ seqNo: 12, hasProtectedSettings: true, taskId: '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9', thumbprint: 'A1B2C3D4E5F60718293A4B5C6D7E8F9012345678' });
    expect(JSON.stringify(p)).not.toContain('WINSECRET');
  });
});
