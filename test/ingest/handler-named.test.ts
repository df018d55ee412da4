import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { guessVmPath } from '../../src/main/ingest/loose';
import { windowsHandlerNamed } from '../../src/shared/formats/sniff';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';

/**
 * Loose per-extension files whose own content names their extension, verbatim:
 * - Azure/custom-script-extension-linux#67 (xpillons, 2016): CustomScript 2.0.1's handler.log, which prints the paths
 *   of its folder under /var/lib/waagent;
 * - Azure/WALinuxAgent#713 (test/cases/waagent-713-…): a HandlerStatus with its `"name"`, and a status file without one.
 */
const CSE_67 = `+ /var/lib/waagent/Microsoft.Azure.Extensions.CustomScript-2.0.1/bin/custom-script-extension install
time=2016-09-26T13:30:21Z version=v2.0.1/git@0f92134-clean operation=install seq=0 event=start
time=2016-09-26T13:30:21Z version=v2.0.1/git@0f92134-clean operation=install seq=0 status="not reported for operation (by design)"
time=2016-09-26T13:30:21Z version=v2.0.1/git@0f92134-clean operation=install seq=0 event="created data dir" path=/var/lib/waagent/custom-script
time=2016-09-26T13:30:21Z version=v2.0.1/git@0f92134-clean operation=install seq=0 event=installed
time=2016-09-26T13:30:21Z version=v2.0.1/git@0f92134-clean operation=install seq=0 status="not reported for operation (by design)"
time=2016-09-26T13:30:21Z version=v2.0.1/git@0f92134-clean operation=install seq=0 event=end
Writing status to /var/lib/waagent/Microsoft.Azure.Extensions.CustomScript-2.0.1/status/0.status.
+ nohup /var/lib/waagent/Microsoft.Azure.Extensions.CustomScript-2.0.1/bin/custom-script-extension enable
time=2016-09-26T13:30:26Z version=v2.0.1/git@0f92134-clean operation=enable seq=0 event=start
time=2016-09-26T13:30:26Z version=v2.0.1/git@0f92134-clean operation=enable seq=0 message="checking for state migration"
`;
const CASE_713 = join('test', 'cases', 'waagent-713-linuxasm-enable-os-not-supported', 'files');

describe('a loose extension file is placed in the folder of the extension its content names', () => {
  it("CustomScript's handler.log (#67): its paths under /var/lib/waagent name it; it is read as that extension's log", async () => {
    expect(guessVmPath('handler.log', Buffer.from(CSE_67))).toMatchObject({ vmPath: 'var/log/azure/Microsoft.Azure.Extensions.CustomScript/handler.log', kind: 'extension-log' });
    const dir = mkdtempSync(join(tmpdir(), 'vmbd-handler-'));
    writeFileSync(join(dir, 'handler.log'), CSE_67);
    const { result } = await analyzeBundle([dir]);
    expect(result.files.map((f) => [f.vmPath, f.kind])).toEqual([['var/log/azure/Microsoft.Azure.Extensions.CustomScript/handler.log', 'extension-log']]);
  });

  it("a HandlerStatus's name places it (#713); its status file, which names none, keeps the placeholder", () => {
    const read = (f: string) => readFileSync(join(CASE_713, f));
    expect(guessVmPath('HandlerStatus', read('HandlerStatus')).vmPath).toBe('var/lib/waagent/Microsoft.Azure.Extensions.LinuxAsm/config/HandlerStatus');
    expect(guessVmPath('0.status', read('0.status')).vmPath).toBe('var/lib/waagent/unknown-extension/status/0.status');
  });

  it("a head naming two extensions' folders names neither", () => {
    // #67's lines with the Azure Monitor agent's warning quoted in OMS-Agent-for-Linux#1079 (test/cases/ext-oms1079-…)
    const ama = readFileSync(join('test', 'cases', 'ext-oms1079-ama-debian12-unsupported-os-cli-error', 'files', 'az-cli-error.txt'), 'utf8')
      .split('\n')
      .find((l) => l.includes('/agent.py:46: DeprecationWarning'))!;
    expect(ama).toMatch(/^\/var\/lib\/waagent\/Microsoft\.Azure\.Monitor\.AzureMonitorLinuxAgent-1\.29\.4\//);
    expect(guessVmPath('handler.log', Buffer.from(`${CSE_67}${ama}\n`)).vmPath).toBe('var/log/azure/unknown-extension/handler.log');
  });

  it('a name that is no handler name (a path, a parent folder) is not taken', () => {
    for (const head of ['{"status": "NotReady", "code": -1, "name": "../../etc", "version": "1"}', '{"status": "NotReady", "code": -1, "name": "x/y.z", "version": "1"}'])
      expect(guessVmPath('HandlerStatus', Buffer.from(head)).vmPath).toBe('var/lib/waagent/unknown-extension/config/HandlerStatus');
  });
});

/**
 * Windows handlers' own files, verbatim: the DSC extension's log as posted in alan-turing-institute/data-safe-haven#754
 * (jemrobinson, 2020, `C:\WindowsAzure\Logs\Plugins\Microsoft.Powershell.DSC\2.80.0.2\…`); the Backup extension's
 * IaaSBcdrExtension.log from Azure Backup's troubleshooting guide (test/cases/win-neg-tsg-vmsnapshot-snapshot-complete).
 */
const DSC_754 = String.raw`[2020-07-10 10:24:13Z] Getting handler execution status HKLM:\SOFTWARE\Microsoft\Azure\DSC\2.80.0.2\Status ...
[2020-07-10 10:24:13Z] Getting handler execution status HKLM:\SOFTWARE\Microsoft\Azure\DSC\2.80.0.2\Status ...
[2020-07-10 10:24:13Z] Reading handler settings from C:\Packages\Plugins\Microsoft.Powershell.DSC\2.80.0.2\RuntimeSettings\0.settings
[2020-07-10 10:24:13Z] Found protected settings on Azure VM. Decrypting.
[2020-07-10 10:24:16Z] Getting handler execution status HKLM:\SOFTWARE\Microsoft\Azure\DSC\2.80.0.2\Status ...
[2020-07-10 10:24:17Z] Getting handler execution status HKLM:\SOFTWARE\Microsoft\Azure\DSC\2.80.0.2\Status ...
[2020-07-10 10:24:17Z] Updating execution status (HKLM:\SOFTWARE\Microsoft\Azure\DSC\2.80.0.2\Status)
[2020-07-10 10:24:17Z] Settings handler status to 'transitioning' (C:\Packages\Plugins\Microsoft.Powershell.DSC\2.80.0.2\Status\0.status)
[2020-07-10 10:24:17Z] Will continue the existing configuration. Executing Start-DscConfiguration with -UseExisting option ...
[2020-07-10 10:24:17Z] Settings handler status to 'transitioning' (C:\Packages\Plugins\Microsoft.Powershell.DSC\2.80.0.2\Status\0.status)
[2020-07-10 10:29:52Z] Settings handler status to 'transitioning' (C:\Packages\Plugins\Microsoft.Powershell.DSC\2.80.0.2\Status\0.status)
`;
const BCDR_TSG = join('test', 'cases', 'win-neg-tsg-vmsnapshot-snapshot-complete', 'files', 'IaaSBcdrExtension.log');

describe("a loose Windows handler's log is placed in the folder its own paths name", () => {
  it("the DSC extension's log (data-safe-haven#754): Microsoft.Powershell.DSC, version 2.80.0.2, its name kept for the engineer", async () => {
    const name = 'DscExtensionHandler.0.20200710-102413.log';
    const g = guessVmPath(name, Buffer.from(DSC_754));
    expect(g).toMatchObject({ vmPath: 'WindowsAzure/Logs/Plugins/Microsoft.Powershell.DSC/2.80.0.2/extension.log', kind: 'windows-plugin-log', givenName: name });
    const dir = mkdtempSync(join(tmpdir(), 'vmbd-dsc-'));
    writeFileSync(join(dir, name), DSC_754);
    const { result } = await analyzeBundle([dir]);
    expect(result.files.map((f) => [f.vmPath, f.kind])).toEqual([['WindowsAzure/Logs/Plugins/Microsoft.Powershell.DSC/2.80.0.2/extension.log', 'windows-plugin-log']]);
    expect(result.findings.filter((f) => f.confidence !== 'low')).toEqual([]);
    // pasted, the same lines land in the same folder
    const pasted = await analyzeBundle([{ pasted: DSC_754 }]);
    expect(pasted.result.files.map((f) => f.vmPath)).toEqual(['WindowsAzure/Logs/Plugins/Microsoft.Powershell.DSC/2.80.0.2/extension.log']);
  });

  it("the Backup extension's log stays the Backup extension's; its truncated path names no version", () => {
    expect(guessVmPath('IaaSBcdrExtension.log', readFileSync(BCDR_TSG)).vmPath).toBe('WindowsAzure/Logs/Plugins/Microsoft.Azure.RecoveryServices.VMSnapshot/unknown/IaaSBcdrExtension.log');
    // the same lines under another name: the line head is the Backup extension's
    expect(guessVmPath('log.txt', readFileSync(BCDR_TSG)).vmPath).toBe('WindowsAzure/Logs/Plugins/Microsoft.Azure.RecoveryServices.VMSnapshot/unknown/IaaSBcdrExtension.log');
  });

  it('two handlers named, or two versions of one, name no folder or no version', () => {
    // #754's lines with the agent's line on Chef's enable.cmd (test/cases/win-chef-241-…, azure-chef-extension#241)
    const chef = readFileSync(join('test', 'cases', 'win-chef-241-waappagent-txt-enable-killed', 'files', 'WaAppAgent.txt'), 'utf8').split('\n')[0];
    expect(chef).toMatch(/^\[ERROR\] Command C:\\Packages\\Plugins\\Chef\.Bootstrap\.WindowsAzure\.ChefClient\\1210\.12\.110\.1001\\enable\.cmd /);
    expect(guessVmPath('dsc.log', Buffer.from(`${DSC_754}${chef}\n`)).vmPath).toBe('WindowsAzure/Logs/Plugins/unknown/unknown/extension.log');
    // #754's lines with #944's, a later version of the same extension (alan-turing-institute/data-safe-haven#944)
    const later = String.raw`[2021-02-18 10:38:37Z] Restoring C:\Packages\Plugins\Microsoft.Powershell.DSC\2.83.0.0\DSCWork\CreateADBDC.0\CreateADBDC\localhost.meta.mof.bk...`;
    expect(guessVmPath('dsc.log', Buffer.from(`${DSC_754}${later}\n`)).vmPath).toBe('WindowsAzure/Logs/Plugins/Microsoft.Powershell.DSC/unknown/extension.log');
  });

  it('a name that is no handler name (a parent folder, a path, a placeholder) is not taken', () => {
    for (const head of [String.raw`C:\Packages\Plugins\..\..\Windows\x`, String.raw`C:\Packages\Plugins\Microsoft.Powershell.DSC[Version Number]`, String.raw`C:\Packages\Plugins\a.b/../c\1.0\x`])
      expect(windowsHandlerNamed(head)).toBeUndefined();
    // (a JSON string doubles its backslashes; any case, as Windows paths are)
    expect(windowsHandlerNamed(String.raw`"C:\\PACKAGES\\PLUGINS\\Microsoft.Powershell.DSC\\2.80.0.2\\Status"`)).toEqual({ handler: 'Microsoft.Powershell.DSC', version: '2.80.0.2' });
  });
});

/**
 * A handler's CommandExecution.log, verbatim: the Linux one as posted in Azure/azure-linux-extensions#215 (rcarmo, 2016,
 * /var/log/azure/Microsoft.OSTCExtensions.CustomScriptForLinux/1.5.2.0/CommandExecution.log; its lines are the agent's
 * format), the Windows one as Learn quotes it (test/cases/win-learn-exttroubleshoot-commandexecution-not-recognized).
 */
const CMD_215 = `2016/08/04 09:18:23.537351 INFO [Microsoft.OSTCExtensions.CustomScriptForLinux-1.5.2.0] Expected handler state: enabled
2016/08/04 09:18:23.539338 INFO [Microsoft.OSTCExtensions.CustomScriptForLinux-1.5.2.0] Decide which version to use
2016/08/04 09:18:23.598958 INFO [Microsoft.OSTCExtensions.CustomScriptForLinux-1.5.2.0] Use version: 1.5.2.0
2016/08/04 09:18:23.601708 INFO [Microsoft.OSTCExtensions.CustomScriptForLinux-1.5.2.0] Current handler state is: NotInstalled
2016/08/04 09:18:23.603730 INFO [Microsoft.OSTCExtensions.CustomScriptForLinux-1.5.2.0] Download extension package
2016/08/04 09:18:25.910002 INFO [Microsoft.OSTCExtensions.CustomScriptForLinux-1.5.2.0] Unpack extension package
2016/08/04 09:18:25.938203 INFO [Microsoft.OSTCExtensions.CustomScriptForLinux-1.5.2.0] Initialize extension directory
`;

describe('a loose CommandExecution.log stays a handler\'s command log, on either platform', () => {
  it("the Linux one, in the agent's line format, is its handler's command log, not waagent.log (#215)", () => {
    expect(guessVmPath('CommandExecution.log', Buffer.from(CMD_215))).toMatchObject({ vmPath: 'var/log/azure/Microsoft.OSTCExtensions.CustomScriptForLinux/CommandExecution.log', kind: 'command-execution-log' });
    // the same lines under a name that says nothing are the agent's log by their content
    expect(guessVmPath('log.txt', Buffer.from(CMD_215)).kind).toBe('waagent-log');
  });

  it('the Windows one keeps its name in the folder of no handler (Learn)', () => {
    const learn = readFileSync(join('test', 'cases', 'win-learn-exttroubleshoot-commandexecution-not-recognized', 'files', 'CommandExecution.log'));
    expect(guessVmPath('CommandExecution.log', learn)).toMatchObject({ vmPath: 'WindowsAzure/Logs/Plugins/unknown/unknown/CommandExecution.log', kind: 'windows-plugin-log', givenName: 'CommandExecution.log' });
  });
});
