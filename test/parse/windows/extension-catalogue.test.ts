import { describe, expect, it } from 'vitest';
import { guessVmPath } from '../../../src/main/ingest/loose';
import { EXTENSION_CATALOGUE } from '../../../src/main/parse/windows/extension-catalogue';
import { parseWindowsPluginLog } from '../../../src/main/parse/windows/sniff';
import { of, run } from './run';

const WAD_LOG = 'WindowsAzure/Logs/Plugins/Microsoft.Azure.Diagnostics.IaaSDiagnostics/1.18.0.0/DiagnosticsPluginLauncher.log';

describe('Windows extension catalogue: every sample, through the plugin-log parser', () => {
  for (const e of EXTENSION_CATALOGUE) {
    for (const s of e.samples) {
      it(`${e.id}: ${s.line.slice(0, 70)}`, async () => {
        expect(s.source).toMatch(/^https:\/\//);
        const p = await run(parseWindowsPluginLog, WAD_LOG, s.line);
        const c = e.means === 'command-failed' ? of(p, 'extension-operation') : of(p, 'certificate-problem');
        expect(c).toHaveLength(1);
        expect(s.line).toContain(String(c[0].detail ?? '').replace(/…$/, ''));
        expect(c[0].at).toMatchObject({ file: WAD_LOG, line: 1 });
        expect(p.records).toHaveLength(1);
        if (e.means === 'command-failed') expect(of(p, 'extension-operation')[0]).toMatchObject({ handler: 'Microsoft.Azure.Diagnostics.IaaSDiagnostics', outcome: 'failed' });
        else expect(of(p, 'extension-operation')).toEqual([]);
      });
    }
  }
});

// Learn, "Troubleshoot extension certificate issues on a Windows VM in Azure", verbatim (its blank lines dropped)
const wadLines = [
  'DiagnosticsPluginLauncher.exe Information: 0 : [6/29/2020 1:32:20 PM] Decrypting private configuration',
  'DiagnosticsPluginLauncher.exe Warning: 0 : [6/29/2020 1:32:20 PM] No certficate with given thumbprint found in the certificate store. Thumbprint:34C8CDC747693E0E33A9648703E3990EC4F2C484',
  'DiagnosticsPluginLauncher.exe Information: 0 : [6/29/2020 1:32:20 PM] Retrying after 30 seconds. Retry attempt 1',
  'DiagnosticsPluginLauncher.exe Error: 0 : [6/29/2020 1:33:50 PM] System.Security.Cryptography.CryptographicException: The enveloped-data message does not contain the specified recipient.',
  '  at System.Security.Cryptography.Pkcs.EnvelopedCms.DecryptContent(RecipientInfoCollection recipientInfos, X509Certificate2Collection extraStore)',
];

describe('Windows extension logs', () => {
  const wad = wadLines.join('\r\n');

  it('reads the Diagnostics extension failing to decrypt its private configuration, with the trace lines\' local times', async () => {
    const p = await run(parseWindowsPluginLog, WAD_LOG, wad);
    const c = of(p, 'certificate-problem');
    expect(c.map((f) => [f.at.line, f.at.time, f.at.zone])).toEqual([
      [2, '2020-06-29T13:32:20.000Z', 'local'],
      [4, '2020-06-29T13:33:50.000Z', 'local'],
    ]);
  });

  it("a protected settings string that does not parse is the deployment's settings, not a certificate", async () => {
    // azure-sdk-for-net #32459: the Custom Script extension's status message, as the deployment error quoted it
    const line = "Failed to decode the protected settings string. Error Message: Unexpected character encountered while parsing value: [. Path 'fileUris', line 1, position 14.";
    const p = await run(parseWindowsPluginLog, 'WindowsAzure/Logs/Plugins/Microsoft.Compute.CustomScriptExtension/1.10.12/CustomScriptHandler.log', line);
    expect(of(p, 'certificate-problem')).toEqual([]);
  });

  it('says nothing of a handler log without a decryption failure', async () => {
    const p = await run(parseWindowsPluginLog, WAD_LOG, wad.split('\r\n')[0] + '\r\nDiagnosticsPluginLauncher.exe Information: 0 : [6/29/2020 1:32:20 PM] Will use thumbprint 838673A5DE90FFF95585F75FA7570033C859BEEF');
    expect(of(p, 'certificate-problem')).toEqual([]);
  });

  it('a loose Diagnostics log or a pasted handler message is placed as a plugin log of its handler, not of the Backup extension', () => {
    expect(guessVmPath('DiagnosticsPluginLauncher.log', Buffer.from(wad))).toMatchObject({
      vmPath: 'WindowsAzure/Logs/Plugins/Microsoft.Azure.Diagnostics.IaaSDiagnostics/unknown/DiagnosticsPluginLauncher.log',
      kind: 'windows-plugin-log',
    });
    const pasted = guessVmPath('error.txt', Buffer.from('Failed to decode, decrypt, and deserialize the protected settings string. Error Message: Keyset does not exist"\n'));
    expect(pasted.kind).toBe('windows-plugin-log');
    expect(pasted.vmPath).toMatch(/^WindowsAzure\/Logs\/Plugins\/unknown\/unknown\//);
    // pasted indented or quoted, as a ticket brings it
    const indented = wad.split('\r\n').map((l) => `> ${l}`).join('\n');
    expect(guessVmPath('attachment-1.txt', Buffer.from(indented)).vmPath).toMatch(/^WindowsAzure\/Logs\/Plugins\/Microsoft\.Azure\.Diagnostics\.IaaSDiagnostics\//);
    expect(guessVmPath('IaaSBcdrExtension.log', Buffer.from('[Information]:\tWaiting for PrepareForBackup\n')).vmPath).toMatch(/Microsoft\.Azure\.RecoveryServices\.VMSnapshot\/unknown\//);
  });

});

describe("a Windows handler's own line times", () => {
  // the DSC extension's log as posted in alan-turing-institute/data-safe-haven#754 (jemrobinson, 2020), and as PowerShell
  // prints it with `VERBOSE: ` before it (dsccommunity/SqlServerDsc#1280): the time in brackets is UTC
  const DSC = [
    String.raw`[2020-07-10 10:24:13Z] Reading handler settings from C:\Packages\Plugins\Microsoft.Powershell.DSC\2.80.0.2\RuntimeSettings\0.settings`,
    '[2020-07-10 10:24:13Z] Found protected settings on Azure VM. Decrypting.',
    String.raw`[2020-07-10 10:29:52Z] Settings handler status to 'transitioning' (C:\Packages\Plugins\Microsoft.Powershell.DSC\2.80.0.2\Status\0.status)`,
    "VERBOSE: [2019-02-19 06:52:18Z] Settings handler status to 'transitioning'",
  ].join('\r\n');
  const DSC_LOG = 'WindowsAzure/Logs/Plugins/Microsoft.Powershell.DSC/2.80.0.2/DscExtensionHandler.0.20200710-102413.log';

  it("the DSC extension's `[YYYY-MM-DD hh:mm:ssZ]`: one record a line, at its UTC time", async () => {
    const p = await run(parseWindowsPluginLog, DSC_LOG, DSC);
    expect(p.records.map((r) => [r.line, new Date(r.timeMs).toISOString(), r.zone])).toEqual([
      [1, '2020-07-10T10:24:13.000Z', 'utc'],
      [2, '2020-07-10T10:24:13.000Z', 'utc'],
      [3, '2020-07-10T10:29:52.000Z', 'utc'],
      [4, '2019-02-19T06:52:18.000Z', 'utc'],
    ]);
  });

  it("the Diagnostics extension's trace head: its records at the line's local time, as its facts", async () => {
    const p = await run(parseWindowsPluginLog, WAD_LOG, wadLines.join('\r\n'));
    expect(p.records.map((r) => [r.line, r.lineCount, Number.isFinite(r.timeMs) ? new Date(r.timeMs).toISOString() : null, r.zone])).toEqual([
      [1, 1, '2020-06-29T13:32:20.000Z', 'local'],
      [2, 1, '2020-06-29T13:32:20.000Z', 'local'],
      [3, 1, '2020-06-29T13:32:20.000Z', 'local'],
      // the stack frame under it continues the record
      [4, 2, '2020-06-29T13:33:50.000Z', 'local'],
    ]);
  });
});

describe("a handler's report of a command cmd.exe does not know", () => {
  // Learn, "Troubleshooting Azure Windows VM extension failures", Known issues (test/cases/win-learn-exttroubleshoot-commandexecution-not-recognized)
  const LINE = "Execution Error: '<command>' isn't recognized as an internal or external command, operable program or batch file.";
  it('fails the handler of its folder; a loose CommandExecution.log with it is a Windows handler log, not a Linux one', async () => {
    const path = 'WindowsAzure/Logs/Plugins/Microsoft.Compute.CustomScriptExtension/1.10.12/CommandExecution.log';
    const p = await run(parseWindowsPluginLog, path, LINE);
    expect(of(p, 'extension-operation')).toMatchObject([{ handler: 'Microsoft.Compute.CustomScriptExtension', op: 'processing', outcome: 'failed' }]);
    expect(guessVmPath('CommandExecution.log', Buffer.from(LINE))).toMatchObject({ kind: 'windows-plugin-log' });
  });
  it("cmd's words in a script's own output are not the handler's report", async () => {
    const out = "'foo' is not recognized as an internal or external command,\noperable program or batch file.";
    const p = await run(parseWindowsPluginLog, WAD_LOG, out);
    expect(of(p, 'extension-operation')).toEqual([]);
  });
});
