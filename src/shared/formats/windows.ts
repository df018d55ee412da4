import { CRP_FAILURE_WINDOWS, handlerNamed, isSnapshotJson, isStatusJson, isWindowsSettings, jsonWith, namesWindowsFolder, SETTINGS_FILE_NAME, STATUS_FILE_NAME, windowsHandlerFolder, windowsHandlerNamed, windowsPackageDir } from './sniff';
import { eventExportShape, looksLikeAgentInstaller, looksLikeVssadmin } from './windows-sniff';
import type { FormatDecl } from './types';
import { plainExcerpt } from './excerpt';
import { UNNAMED_HANDLER, VMSNAP_WINDOWS } from '../model/handler';

/**
 * The Windows guest agent and its extensions (docs/formats.md). Paths are without the drive: a bundle's
 * `C:\WindowsAzure\Logs\…` member or a zip of that folder maps to `WindowsAzure/Logs/…` (ingest/kind.ts).
 */

const LEARN_EXT_CERT = 'https://learn.microsoft.com/troubleshoot/azure/virtual-machines/windows/troubleshoot-extension-certificates-issues-windows-vm';
const WAD_WINDOWS = 'Microsoft.Azure.Diagnostics.IaaSDiagnostics';
/** The Backup extension's line head. */
const BCDR_HEAD = /^(?:\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z )?\[(?:Information|Warning|Error|Verbose)\]:/m;
/** The Diagnostics extension's .NET TraceSource line: `DiagnosticsPluginLauncher.exe Information: 0 : [6/29/2020 1:32:20 PM] …`. */
/** A stack frame of the Diagnostics extension's own code (`at Microsoft.Azure.Plugins.Diagnostics.dll.…(`). */
const WAD_FRAME = /^[ \t]{0,8}at Microsoft\.Azure\.Plugins\.Diagnostics\./m;
const WAD_TRACE = /^DiagnosticsPlugin(?:Launcher)?\.exe (?:Information|Warning|Error|Verbose|Critical): \d+ : \[/m;
/** A Windows handler's own words for settings it cannot decrypt (parse/windows/extension-catalogue.ts). */
const HANDLER_SETTINGS = /^(?:Failed to decode, decrypt, and deserialize the protected settings string\b|Decrypting Protected Settings - \S)/m;

/**
 * A .NET stack frame of a handler decrypting its protected settings, under the CryptographicException a pasted
 * stack starts with (`at System.Security.Cryptography.Pkcs.EnvelopedCms.DecryptContent(…)`, the Diagnostics
 * extension's `…PluginConfigurationSettingsProvider.DecryptPrivateConfig(…)`; LEARN_EXT_CERT, Symptoms).
 */
const SETTINGS_DECRYPT_FRAME = /^[ \t]{0,8}at (?:System\.Security\.Cryptography\.Pkcs\.EnvelopedCms\.DecryptContent|[\w.]{1,200}\.DecryptPrivateConfig)\(/m;

/** A handler reporting that cmd.exe does not know its command (parse/windows/extension-catalogue.ts command-not-recognized). */
const HANDLER_COMMAND = /^(?:Execution Error: |\S{1,100} failed with ")'[^'\n]{1,260}' (?:is not|isn't) recognized as an internal or external command\b/m;

/**
 * The DSC extension's own line writing a path into its package folder: `[2020-07-10 10:24:13Z] Reading handler settings
 * from C:\Packages\Plugins\Microsoft.Powershell.DSC\2.80.0.2\RuntimeSettings\0.settings` (alan-turing-institute/
 * data-safe-haven#754, #944), `VERBOSE: ` before it as PowerShell prints the same log (dsccommunity/SqlServerDsc#1280:
 * `VERBOSE: [2019-02-19 06:52:18Z] Settings handler status to 'transitioning'`, its path wrapped onto the next line).
 */
const DSC_PACKAGE_LINE = /^(?:VERBOSE: )?\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ\] [^\n]{0,400}\\Packages\\Plugins\\[\w.]{1,200}\\/m;

/** Windows advice is for Windows bundles only (a Linux bundle never has these files). */
const windowsBundle = (files: readonly { kind: string }[]) => files.some((f) => f.kind.startsWith('windows-'));

export const WINDOWS_FORMATS: FormatDecl[] = [
  {
    kind: 'windows-agent-log',
    timedLog: true,
    title: { en: 'the Windows guest agent log (WaAppAgent.log)', nl: 'het log van de Windows-gastagent (WaAppAgent.log)' },
    // TransparentInstaller.log and Telemetry.log are written in the same record shape
    windows: ['**/WindowsAzure/Logs/WaAppAgent.log', '**/WindowsAzure/Logs/WaAppAgent.<n>.log', '**/WindowsAzure/Logs/TransparentInstaller.log', '**/WindowsAzure/Logs/Telemetry.log'],
    names: /^(?:WaAppAgent(?:\.\d{1,4})?|TransparentInstaller|Telemetry)\.log$/i,
    place: (name) => `WindowsAzure/Logs/${name ?? 'WaAppAgent.log'}`,
    // `[00000006] [11/14/2019 05:52:13.44] [INFO]  msg` (bracket era) and `[00000018] 2021-01-12T16:35:45Z [INFO]  msg`
    // …or, quoted without its head in an article or a ticket, the agent's start line itself, or a record cut to its
    // level and message (`[ERROR] GetVersions() failed with exception: …`): an untimed `[LEVEL]` line counts when its
    // message names what only the agent's records carry (a .NET exception or namespace, a method call, a C:\ path)
    // …or the agent's verdict on a handler command, which the portal shows as the extension's status message
    // and quotes in a deployment error ("Enable failed for plugin (name: …, version …) with exception Command
    // C:\Packages\Plugins\…\enable.cmd of … has not exited on time! Killing it..."): only the Windows agent says
    // "for plugin (name:" and "<op>.cmd of <handler>", so a ticket's pasted status text is read as the agent's
    // …or the compute provider's `VM has reported a failure when processing extension 'X'` of a Windows extension
    // …or .NET's WebException of an HTTPS call that could not set up TLS, which Learn quotes from WaAppAgent.log alone
    // ("Troubleshooting Azure Windows VM extension failures", Known issues)
    sniff: {
      line: new RegExp(String.raw`${CRP_FAILURE_WINDOWS}|` + /^(?:\[\d{8}\] {1,4})?(?:\[\d\d?\/\d\d?\/\d{4} \d\d:\d\d:\d\d(?:\.\d{1,7})?\]|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,7})?Z) {1,4}\[(?:INFO|WARN|ERROR|HEART|TRACE|VERBOSE)\]|^WindowsAzureGuestAgent (?:starting|stopping)\b|^\[(?:INFO|WARN|ERROR|HEART|TRACE|VERBOSE)\] {1,4}(?=[^\n]{0,400}(?:Exception\b|\b(?:System|Microsoft)\.[A-Z]|\w\(\)|\b[A-Z]:\\))|\b(?:Install|Enable|Update|Disable|Uninstall) failed for plugin \(name: [\w.]{1,200}, version [\d.]{1,40}\) with exception\b|\\\w{1,40}\.cmd of [\w.]{1,200} has (?:not exited on time|exited with Exit code)\b|\bSystem\.Net\.WebException: (?:The underlying connection was closed|The request was aborted): Could not (?:establish trust relationship for the|create) SSL\/TLS secure channel\b/.source),
    },
    samples: [
      {
        text: '        "message": "VM has reported a failure when processing extension \'CustomScriptExtension1\'. Error message: \\"Finished executing command\\"\\r\\n\\r\\nMore information on troubleshooting is available at https://aka.ms/VMExtensionCSEWindowsTroubleshoot "',
        source: 'https://github.com/microsoft/MCW-Building-a-resilient-IaaS-architecture/issues/81',
      },
      {
        text: 'System.Net.WebException: The underlying connection was closed: Could not establish trust relationship for the SSL/TLS secure channel. ---> System.Security.',
        source: 'https://learn.microsoft.com/azure/virtual-machines/extensions/troubleshoot',
      },
      { text: 'WindowsAzureGuestAgent starting. Version 2.7.1198.802', source: 'https://github.com/MicrosoftDocs/SupportArticles-docs/blob/main/support/azure/virtual-machines/failed-get-contents-log-error.md' },
      { text: '[00000006] [11/14/2019 05:52:13.44] [INFO]  WindowsAzureGuestAgent starting. Version 2.7.41491.949', source: 'https://learn.microsoft.com/azure/devtest-labs/devtest-lab-troubleshoot-apply-artifacts' },
      { text: '[00000014] [08/13/2018 10:24:12.96] [INFO]  Start Workflow.', source: 'https://github.com/chef-partners/azure-chef-extension/issues/241' },
      {
        text: "[ERROR] System.Configuration.ConfigurationErrorsException: The type 'Microsoft.VisualStudio.Diagnostics.ServiceModelSink.Behavior, Microsoft.VisualStudio.Diagnostics.ServiceModelSink, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b03f5f7f11d50a3a' registered for extension 'Microsoft.VisualStudio.Diagnostics.ServiceModelSink.Behavior' could not be loaded.",
        source: 'https://learn.microsoft.com/troubleshoot/azure/virtual-machines/windows/windows-azure-guest-agent',
      },
      {
        text: '[ERROR] GetVersions() failed with exception: Microsoft.ServiceModel.Web.WebProtocolException: Server Error: Service Unavailable (ServiceUnavailable) ---> ',
        source: 'https://learn.microsoft.com/troubleshoot/azure/virtual-machines/windows/windows-azure-guest-agent',
      },
      {
        // the portal's status message of the extension, pasted in the issue (test/cases/win-chef-9-portal-status-enable-timeout)
        text: 'Enable failed for plugin (name: Chef.Bootstrap.WindowsAzure.ChefClient, version 1207.12.3.0) with exception Command C:\\Packages\\Plugins\\Chef.Bootstrap.WindowsAzure.ChefClient\\1207.12.3.0\\enable.cmd of Chef.Bootstrap.WindowsAzure.ChefClient has not exited on time! Killing it...',
        source: 'https://github.com/chef-partners/azure-chef-extension/issues/9',
      },
    ],
    missing: {
      order: 1,
      what: 'C:\\WindowsAzure\\Logs\\WaAppAgent.log and TransparentInstaller.log (Windows)',
      why: 'The Windows guest agent log shows whether the agent ran, reached the WireServer (168.63.129.16) and started the backup extension (Beginning enable of plugin Microsoft.Azure.RecoveryServices.VMSnapshot).',
      howToCollect: 'Copy the folder C:\\WindowsAzure\\Logs from the VM, or run CollectGuestLogs.exe from the C:\\WindowsAzure\\GuestAgent_<version> folder in an elevated prompt (it writes a zip of the guest logs). If the VM does not boot, attach its OS disk to a repair VM (az vm repair) and copy the same folder.',
      nl: { what: 'C:\\WindowsAzure\\Logs\\WaAppAgent.log en TransparentInstaller.log (Windows)', why: 'Het log van de Windows-agent toont of de agent draaide, de WireServer (168.63.129.16) bereikte en de back-upextensie startte (Beginning enable of plugin Microsoft.Azure.RecoveryServices.VMSnapshot).', howToCollect: 'Kopieer de map C:\\WindowsAzure\\Logs van de VM, of voer CollectGuestLogs.exe uit vanuit de map C:\\WindowsAzure\\GuestAgent_<version> in een opdrachtprompt met beheerdersrechten (het maakt een zip van de logs). Start de VM niet op, koppel dan de besturingssysteemschijf aan een herstel-VM (az vm repair) en kopieer dezelfde map.' },
      present: (files) => files.some((f) => f.kind === 'windows-agent-log') || !windowsBundle(files),
    },
  },
  {
    kind: 'windows-plugin-status',
    title: { en: "a Windows extension's status file", nl: 'het statusbestand van een Windows-extensie' },
    windows: ['**/Packages/Plugins/*/*/Status/<n>.status'],
    // a loose one: the handler protocol's status file (the Linux one's shape) whose head names Windows folders; it keeps
    // the name it shares with the Linux status file (`0.status`)
    sniff: { head: (h) => isStatusJson(h) && namesWindowsFolder(h) },
    sharedNames: STATUS_FILE_NAME,
    // in the package folder of the handler its folders name (the Backup extension's by its snapshot vocabulary, else
    // its `"name"`), the version its folders give; a renamed file has lost its sequence number: `unknown`
    place: (name, head) =>
      `${windowsPackageDir(head, isSnapshotJson(head) ? VMSNAP_WINDOWS : undefined, handlerNamed(head, true))}/Status/${name ?? 'unknown.status'}`,
  },
  {
    kind: 'windows-plugin-settings',
    title: { en: "a Windows extension's settings file", nl: 'het instellingenbestand van een Windows-extensie' },
    windows: ['**/Packages/Plugins/*/*/RuntimeSettings/<n>.settings'],
    // a loose one: the handler protocol's settings document that is a Windows handler's by what it holds
    // (isWindowsSettings); it keeps the name it shares with the Linux settings file (`0.settings`)
    sniff: { head: (h) => jsonWith(h, 'runtimeSettings') && isWindowsSettings(h) },
    sharedNames: SETTINGS_FILE_NAME,
    // in the package folder of the handler its folders name (the Backup extension's by its snapshot vocabulary, as its
    // status file's), else of no handler; a renamed file has lost its sequence number
    place: (name, head) => `${windowsPackageDir(head, isSnapshotJson(head) ? VMSNAP_WINDOWS : undefined)}/RuntimeSettings/${name ?? 'unknown.settings'}`,
  },
  {
    kind: 'windows-plugin-log',
    timedLog: true,
    title: { en: "a Windows extension's log (IaaSBcdrExtension.log, CommandExecution.log)", nl: 'het log van een Windows-extensie (IaaSBcdrExtension.log, CommandExecution.log)' },
    windows: ['**/WindowsAzure/Logs/Plugins/**/*.log'],
    names: /^IaaSBcdrExtension\d{0,4}\.log$/i,
    // the agent's log of a handler's commands, in every handler's folder (C:\WindowsAzure\Logs\Plugins\<handler>\<version>\
    // CommandExecution.log, Learn's "Troubleshooting Azure Windows VM extension failures"): by name alone the Linux one's
    sharedNames: /^CommandExecution\.log$/i,
    // a loose file goes to its handler's folder: the Diagnostics extension's by its trace lines, the Backup
    // extension's by its line head or name, else the handler whose folders its own paths name (windowsHandlerNamed),
    // another handler's lines to a folder of no handler, the Backup extension's otherwise; the version is the one its
    // paths give for that handler, else `unknown`
    // (judged on the head as the sniffer reads it: an indented or "> "-quoted paste too)
    place: (name, raw) => {
      const head = plainExcerpt(raw, 'chars') ?? raw;
      const named = windowsHandlerNamed(head);
      const at = (handler: string, file: string) => `WindowsAzure/Logs/Plugins/${windowsHandlerFolder(head, handler)}/${name ?? file}`;
      const bcdr = BCDR_HEAD.test(head);
      if (WAD_TRACE.test(head)) return at(WAD_WINDOWS, 'DiagnosticsPluginLauncher.log');
      if (WAD_FRAME.test(head) && !bcdr) return at(WAD_WINDOWS, 'DiagnosticsPlugin.log');
      if (bcdr || /^IaaSBcdrExtension/i.test(name ?? '')) return at(VMSNAP_WINDOWS, 'IaaSBcdrExtension.log');
      if (named) return at(named.handler, 'extension.log');
      if (HANDLER_SETTINGS.test(head) || SETTINGS_DECRYPT_FRAME.test(head) || HANDLER_COMMAND.test(head) || DSC_PACKAGE_LINE.test(head)) return at(UNNAMED_HANDLER, 'extension.log');
      return at(VMSNAP_WINDOWS, 'IaaSBcdrExtension.log');
    },
    // `2018-12-04T07:52:28.8611188Z [Error]: Install provider failed {…}`
    // (excerpts often drop the time: `[Information]:<TAB>Waiting for PrepareForBackup`)
    // …or another handler's: the Diagnostics extension's .NET trace lines, a handler's protected-settings failure
    // …or a pasted stack of a handler decrypting its protected settings, or a handler's report of a command cmd.exe
    // does not know (a loose CommandExecution.log of a Windows handler)
    // …or the DSC extension's line writing into its package folder
    sniff: { line: new RegExp(`${BCDR_HEAD.source}|${WAD_TRACE.source}|${HANDLER_SETTINGS.source}|${SETTINGS_DECRYPT_FRAME.source}|${HANDLER_COMMAND.source}|${DSC_PACKAGE_LINE.source}`, 'm') },
    // IaaSBcdrExtension*.log by name or content (parse/windows/sniff.ts), other handlers' logs generically
    samples: [
      { text: '2018-12-04T07:52:28.8611188Z [Error]: Install provider failed {Exception = System.Runtime.InteropServices.COMException (0x80110401): Errors occurred accessing one or more objects - the ErrorInfo collection may have more detail (Exception from HRESULT: 0x80110401)', source: 'Azure self-help content, articles/microsoft.backup-backup-failed-for-vm-tsg/131216-d-tsg-16c5d754.md (public mirror https://github.com/TheresaLui/SelfHelpContent_v2)' },
      { text: 'DiagnosticsPluginLauncher.exe Information: 0 : [6/29/2020 1:32:20 PM] Decrypting private configuration', source: LEARN_EXT_CERT },
      { text: 'Failed to decode, decrypt, and deserialize the protected settings string. Error Message: Keyset does not exist"', source: LEARN_EXT_CERT },
      { text: 'Decrypting Protected Settings - Invalid provider type specified', source: LEARN_EXT_CERT },
      {
        text: 'System.Security.Cryptography.CryptographicException: Keyset does not exist  \n  at System.Security.Cryptography.Pkcs.EnvelopedCms.DecryptContent(RecipientInfoCollection recipientInfos, X509Certificate2Collection extraStore)  \n  at Microsoft.Azure.Plugins.Diagnostics.dll.PluginConfigurationSettingsProvider.DecryptPrivateConfig(String encryptedConfig)  ',
        source: LEARN_EXT_CERT,
      },
      { text: "Execution Error: '<command>' isn't recognized as an internal or external command, operable program or batch file.", source: 'https://learn.microsoft.com/azure/virtual-machines/extensions/troubleshoot' },
      { text: '[2020-07-10 10:24:13Z] Reading handler settings from C:\\Packages\\Plugins\\Microsoft.Powershell.DSC\\2.80.0.2\\RuntimeSettings\\0.settings', source: 'https://github.com/alan-turing-institute/data-safe-haven/issues/754' },
      { text: '[2021-02-18 10:38:37Z] Restoring C:\\Packages\\Plugins\\Microsoft.Powershell.DSC\\2.83.0.0\\DSCWork\\CreateADBDC.0\\CreateADBDC\\localhost.meta.mof.bk...', source: 'https://github.com/alan-turing-institute/data-safe-haven/issues/944' },
    ],
    missing: {
      order: 2,
      what: 'C:\\WindowsAzure\\Logs\\Plugins\\Microsoft.Azure.RecoveryServices.VMSnapshot\\<version>\\IaaSBcdrExtension.log (Windows)',
      why: 'The Windows backup extension log shows each snapshot: the VSS provider, the VSS steps (PrepareForBackup, DoSnapshotSet, BackupComplete) and the snapshot result.',
      howToCollect: 'Copy C:\\WindowsAzure\\Logs\\Plugins\\Microsoft.Azure.RecoveryServices.VMSnapshot and C:\\Packages\\Plugins\\Microsoft.Azure.RecoveryServices.VMSnapshot (its Status and RuntimeSettings files) from the VM.',
      nl: { what: 'C:\\WindowsAzure\\Logs\\Plugins\\Microsoft.Azure.RecoveryServices.VMSnapshot\\<version>\\IaaSBcdrExtension.log (Windows)', why: 'Het log van de Windows-back-upextensie toont elke momentopname: de VSS-provider, de VSS-stappen (PrepareForBackup, DoSnapshotSet, BackupComplete) en het resultaat van de momentopname.', howToCollect: 'Kopieer C:\\WindowsAzure\\Logs\\Plugins\\Microsoft.Azure.RecoveryServices.VMSnapshot en C:\\Packages\\Plugins\\Microsoft.Azure.RecoveryServices.VMSnapshot (met de bestanden Status en RuntimeSettings) van de VM.' },
      present: (files) => files.some((f) => /IaaSBcdrExtension/i.test(f.vmPath)) || !windowsBundle(files),
    },
  },
  {
    kind: 'windows-event-export',
    timedLog: true,
    title: { en: 'an Application or System event log export (Event Viewer text, tab-separated, CSV or XML)', nl: 'een export van het gebeurtenislogboek Toepassing of Systeem (tekst uit Logboeken, tabgescheiden, CSV of XML)' },
    names: /^(?:System|Application)(?:[-_ .][^/]{0,40})?\.(?:txt|csv|xml)$/i,
    place: (name) => `EventLogs/${name ?? 'System.txt'}`,
    sniff: { head: (head) => eventExportShape(head) !== null },
    samples: [
      {
        text: 'Log Name:      Application\nSource:        .NET Runtime\nDate:          3/07/2023 10:25:59 AM\nEvent ID:      1026\nTask Category: None\nLevel:         Error\nKeywords:      Classic\nUser:          N/A\nComputer:      vm372437823\nDescription:\nApplication: WindowsAzureGuestAgent.exe\nFramework Version: v4.0.30319\nDescription: The process was terminated due to an unhandled exception.\nException Info: System.Configuration.ConfigurationErrorsException',
        source: 'https://learn.microsoft.com/troubleshoot/azure/virtual-machines/windows/windows-azure-guest-agent',
      },
    ],
    missing: {
      order: 40,
      what: 'the Application and System event logs (Windows)',
      why: 'They show the agent services crashing or stopping (Service Control Manager 7031/7034, .NET Runtime 1026, Application Error 1000) and VSS failures during the backup.',
      howToCollect: 'In Event Viewer, select Windows Logs > Application (then System) > Save All Events As… as text or XML, or run `wevtutil qe System /f:xml > System.xml` and `wevtutil qe Application /f:xml > Application.xml` in an elevated prompt.',
      nl: { what: 'de gebeurtenislogboeken Application en System (Windows)', why: 'Ze tonen dat de services van de agent crashen of stoppen (Service Control Manager 7031/7034, .NET Runtime 1026, Application Error 1000) en VSS-fouten tijdens de back-up.', howToCollect: 'Kies in Logboeken (Event Viewer) Windows-logboeken > Toepassing (daarna Systeem) > Alle gebeurtenissen opslaan als… als tekst of XML, of voer `wevtutil qe System /f:xml > System.xml` en `wevtutil qe Application /f:xml > Application.xml` uit in een opdrachtprompt met beheerdersrechten.' },
      present: (files) => files.some((f) => f.kind === 'windows-event-export') || !windowsBundle(files),
    },
  },
  {
    kind: 'windows-vss-writers',
    title: { en: 'the output of `vssadmin list writers`', nl: 'de uitvoer van `vssadmin list writers`' },
    names: /^vssadmin[^/]{0,40}\.txt$/i,
    place: (name) => `vssadmin/${name ?? 'vssadmin-list-writers.txt'}`,
    sniff: { head: (head) => looksLikeVssadmin(head) },
    samples: [
      {
        text: "Writer name: 'Microsoft Hyper-V VSS Writer'\n   Writer Id: {66841cd4-6ded-4f4b-8f17-fd23f8ddc3de}\n   Writer Instance Id: {6162e336-7448-4371-93a7-29581512b103}\n   State: [8] Failed\n   Last error: Inconsistent shadow copy",
        source: 'http://gilkirkpatrick.com/Blog/post/Volume-Shadow-Copy-Service-operation-failed2c-error-0x800423f0',
      },
      {
        // the ids as the article redacts them
        text: "Writer name: 'SqlServerWriter'\nWriter Id: {ID}\nWriter Instance Id: {ID}\nState: [11] Failed\nLast error: Non-retryable error",
        source: 'https://github.com/MicrosoftDocs/SupportArticles-docs/blob/main/support/sql/database-engine/backup-restore/asr-agent-vss-backup-fails.md',
      },
    ],
    missing: {
      order: 41,
      what: 'the output of `vssadmin list writers` (Windows)',
      why: 'VSS writers in a failed state make application-consistent Windows backups fail (ExtensionFailedVssWriterInBadState).',
      howToCollect: 'Run `vssadmin list writers` in an elevated command prompt on the VM and attach the output as a text file.',
      nl: { what: 'de uitvoer van `vssadmin list writers` (Windows)', why: 'VSS-writers in een foutstatus laten applicatieconsistente Windows-back-ups mislukken (ExtensionFailedVssWriterInBadState).', howToCollect: 'Voer `vssadmin list writers` uit in een opdrachtprompt met beheerdersrechten op de VM en voeg de uitvoer toe als tekstbestand.' },
      present: (files) => files.some((f) => f.kind === 'windows-vss-writers') || !windowsBundle(files),
    },
  },
  {
    kind: 'windows-installer-log',
    timedLog: true,
    title: { en: "the Windows agent installer's logs (msiexec.log, VmAgentInstaller.xml)", nl: 'de logs van het installatieprogramma van de Windows-agent (msiexec.log, VmAgentInstaller.xml)' },
    windows: ['**/Windows/Panther/VmAgentInstaller.xml', '**/Windows/Panther/msiexec.log'],
    names: /^(?:VmAgentInstaller\.xml|msiexec[^/]{0,40}\.log)$/i,
    place: (name) => `Windows/Panther/${name ?? 'VmAgentInstaller.xml'}`,
    sniff: { head: (head) => looksLikeAgentInstaller(head) },
    samples: [
      {
        text: '<Event time="2019-12-12T12:49:05.163Z" category="ERROR" source="GuestAgent"><UnhandledError><Message>Setting the new RdAgent service path in registry failed.</Message><Number>424</Number><Description>Object required</Description><Source>Microsoft VBScript runtime error</Source></UnhandledError></Event>',
        source: 'https://learn.microsoft.com/troubleshoot/azure/virtual-machines/windows/windows-azure-guest-agent',
      },
    ],
  },
];
