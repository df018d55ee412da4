import { AGENT_VERDICT_MESSAGE, AGENT_VERDICT_TAG } from './crp';
import { CRP_FAILURE_LINUX, handlerNamed, isSnapshotJson, isStatusJson, isWindowsSettings, jsonWith, LIB, namesWindowsFolder, SETTINGS_FILE_NAME, startsWith, STATUS_FILE_NAME, windowsOnly, windowsPackageDir, xmlRoot } from './sniff';
import type { FormatDecl } from './types';
import { UNNAMED_HANDLER_DIR, VMSNAP_LINUX } from '../model/handler';

/** The Linux guest agent (WALinuxAgent): its log, configuration and the state under /var/lib/waagent (docs/formats.md). */

const WAAGENT_SOURCE = 'WALinuxAgent tests_e2e/tests/lib/agent_log.py comments (https://github.com/Azure/WALinuxAgent, Apache-2.0); test/fixtures/corpus/waagent/SOURCE.md';
const CORPUS = 'test/fixtures/corpus/waagent/SOURCE.md (https://github.com/Azure/WALinuxAgent tests/data, Apache-2.0)';

/**
 * The handler folder a per-extension file belongs to: the Backup extension's when its content says so, else the one
 * its content names (handlerNamed; `json`: its `"name"` is the handler's), else a placeholder.
 */
const handlerDir = (head: string, json = false) => `${LIB}/${isSnapshotJson(head) ? VMSNAP_LINUX : (handlerNamed(head, json) ?? UNNAMED_HANDLER_DIR)}`;

/** The agent's verdict on a Linux handler's command as a deployment or az CLI error quotes it (formats/crp.ts). */
/** What a failed Linux handler command's message starts with after its tag: its exit code and path, or its timeout. */
const VERDICT_COMMAND = String.raw`(?:Non-zero exit code: -?\d{1,5}, /var/lib/waagent/|Timeout\(\d{1,6}\))`;
const AGENT_VERDICT = new RegExp(AGENT_VERDICT_MESSAGE + AGENT_VERDICT_TAG + VERDICT_COMMAND);

export const LINUX_AGENT_FORMATS: FormatDecl[] = [
  {
    kind: 'waagent-log',
    timedLog: true,
    title: { en: 'the Linux guest agent log (waagent.log)', nl: 'het log van de Linux-gastagent (waagent.log)' },
    linux: ['var/log/waagent.log', 'var/log/waagent.log*', '**/waagent.log{,.<n>}{,.gz,.bz2,.xz,.zst}', '**/waagent.log-*'],
    names: /^waagent\.log(?:\.\d{1,4}|-[\d-]{1,30})?$/,
    // every agent era: `2024-01-14T22:16:48.792020Z INFO ExtHandler …` and 2.2.45's `2019/11/27 22:22:48.123985 INFO …`
    // (and excerpts that kept no timestamp: a traceback through the agent's code, its exception's name; the agent's
    // verdict on a handler command as a deployment error quotes it: `The handler for VM extension type 'X' has
    // reported terminal failure for VM extension 'Y' with error message: '[ExtensionOperationError] Non-zero exit
    // code: 1, /var/lib/waagent/X-1.2/install.sh`, or pasted on its own; the compute provider's `VM has reported a
    // failure when processing extension 'X'` of a Linux extension, deployment-error.ts; a record quoted without its
    // time stamp that kept its level and its logger or extension: `WARNING ExtHandler Monitor: …`, #1390; before the
    // agent named its threads, one that names the agent: `WARNING Agent WALinuxAgent-2.1.6.1 failed with exception: …`, #398)
    sniff: {
      // a paste whose head holds the agent's verdict on a Linux handler is that error, however many of the handler's own
      // timed lines it quotes after it: the az CLI prints the extension's stdout on lines of their own, and the Azure
      // Monitor agent's (OMS-Agent-for-Linux #1079) would outnumber the one verdict line and make it that handler's log
      head: (text) => AGENT_VERDICT.test(text),
      line: new RegExp(String.raw`${CRP_FAILURE_LINUX}|` + /^\d{4}[-/]\d\d[-/]\d\d[T ]\d\d:\d\d:\d\d\.\d{1,9}Z? (?:VERBOSE|INFO|WARNING|ERROR) \S|^(?:VERBOSE|INFO|WARNING|ERROR) (?:[A-Z][\w-]{1,47} )?(?:Daemon|ExtHandler|LogCollector|Firewall|\[[\w.]{1,200}-\d[\d.]{0,30}\]) \S|^(?:VERBOSE|INFO|WARNING|ERROR) Agent WALinuxAgent-\d[\d.]{0,30} \S|^(?:(?:ERROR|WARNING):)?\s{0,8}File "(?:\/usr\/sbin\/waagent|\/var\/lib\/waagent\/|[^"\n]{0,200}\/azurelinuxagent\/)[^"\n]{0,200}", line \d|^azurelinuxagent\.common\.exception\.\w{1,60}: /.source + String.raw`|(?:^|error message: ')${AGENT_VERDICT_TAG}${VERDICT_COMMAND}`),
    },
    collect: [['var/log/waagent.log', 0], ['var/log/waagent.log.*', 27]],
    split: true,
    worker: 'ranges',
    samples: [
      { text: '2021-03-30T19:45:33.793213Z INFO ExtHandler [Microsoft.Azure.Security.Monitoring.AzureSecurityLinuxAgent-2.14.64] Target handler state: enabled [incarnation 3]', source: WAAGENT_SOURCE },
      { text: '2019-11-27T22:22:48.123985Z VERBOSE ExtHandler ExtHandler Report vm agent status', source: WAAGENT_SOURCE },
      { text: "WARNING ExtHandler Monitor: failed to update cgroups tracked extensions: 'Cgroup hierarchy cpu not found in /proc/cgroups'", source: 'https://github.com/Azure/WALinuxAgent/issues/1390' },
      { text: "WARNING Agent WALinuxAgent-2.1.6.1 failed with exception: 'ExtHandlerPackage' object has no attribute 'disallow_major_upgrade'", source: 'https://github.com/Azure/WALinuxAgent/issues/398' },
      { text: 'ERROR:Error Traceback (most recent call last):\nERROR:  File "/usr/sbin/waagent", line 5659, in AddExtensionEvent\nERROR:    event.Save()\nERROR:  File "/usr/sbin/waagent", line 5630, in Save', source: 'https://github.com/Azure/WALinuxAgent/issues/605' },
      { text: 'azurelinuxagent.common.exception.ProtocolError: [ProtocolError] [Wireserver Exception] [HttpError] [HTTP Failed] GET http://168.63.129.16/machine/ -- IOError timed out -- 6 attempts made', source: 'https://github.com/Azure/WALinuxAgent/issues/3492' },
      {
        text: "Deployment failed. Correlation ID: 7ca42ed1-b452-46e1-a23c-7fbd5c862e80. The handler for VM extension type 'Chef.Bootstrap.WindowsAzure.LinuxChefClient' has reported terminal failure for VM extension 'LinuxChefClient' with error message: '[ExtensionOperationError] Non-zero exit code: 1, /var/lib/waagent/Chef.Bootstrap.WindowsAzure.LinuxChefClient-1210.13.4.2/install.sh",
        source: 'https://github.com/chef-partners/azure-chef-extension/issues/334',
      },
      {
        text: "(VMExtensionHandlerNonTransientError) The handler for VM extension type 'Microsoft.Azure.Monitor.AzureMonitorLinuxAgent' has reported terminal failure for VM extension 'AzureMonitorLinuxAgent' with error message: '[ExtensionOperationError] Non-zero exit code: 51, /var/lib/waagent/Microsoft.Azure.Monitor.AzureMonitorLinuxAgent-1.29.4/./shim.sh -install\n[stdout]\n2024/01/16 19:00:37 [Microsoft.Azure.Monitor.AzureMonitorLinuxAgent-1.29.4] Install,failed,51,Unsupported operating system: debian 12",
        source: 'https://github.com/microsoft/OMS-Agent-for-Linux/issues/1079',
      },
      {
        text: ` "message": "VM has reported a failure when processing extension 'prepNodes'. Error message: \\"Command is running...\\n---stdout---\\nLoaded plugins: langpacks, product-id, rhui-lb, search-disabled-repos\\n\\n---errout---\\n\\n\\"."`,
        source: 'https://github.com/Azure/azure-linux-extensions/issues/113',
      },
    ],
    missing: {
      order: 0,
      what: '/var/log/waagent.log',
      why: 'The guest agent log shows whether the agent ran, reached the WireServer and executed the backup extension.',
      howToCollect: 'Run `sudo waagent -collect-logs` on the VM and attach /var/lib/waagent/logcollector/logs.zip, or copy /var/log/waagent.log*.',
      nl: { what: '/var/log/waagent.log', why: 'Het log van de agent toont of de agent draaide, de WireServer bereikte en de back-upextensie uitvoerde.', howToCollect: 'Voer `sudo waagent -collect-logs` uit op de VM en voeg /var/lib/waagent/logcollector/logs.zip toe, of kopieer /var/log/waagent.log*.' },
      present: (files) => files.some((f) => f.kind === 'waagent-log') || windowsOnly(files),
      relayed: {
        log: {
          why: "The agent's records were read from {files}, which relays them (the agent also logs to stdout, and to the serial console: since agent 2.2.53 only until provisioning ends). waagent.log holds the same records and may reach further back and later.",
          howToCollect: 'Copy /var/log/waagent.log* if the diagnosis needs an older time, or run `sudo waagent -collect-logs` and attach /var/lib/waagent/logcollector/logs.zip.',
          nl: {
            why: 'De records van de agent zijn gelezen uit {files}, dat ze doorgeeft (de agent logt ook naar stdout, en naar de seriële console: sinds agent 2.2.53 alleen tot het inrichten klaar is). waagent.log bevat dezelfde records en kan verder teruggaan en verder doorlopen.',
            howToCollect: 'Kopieer /var/log/waagent.log* als de diagnose een eerdere tijd nodig heeft, of voer `sudo waagent -collect-logs` uit en voeg /var/lib/waagent/logcollector/logs.zip toe.',
          },
        },
        excerpt: {
          why: "The agent's only records in the bundle are the few lines `systemctl status` showed in {files}: an excerpt. The full log shows whether the agent ran, reached the WireServer and executed the backup extension.",
          howToCollect: 'Run `sudo waagent -collect-logs` on the VM and attach /var/lib/waagent/logcollector/logs.zip, or copy /var/log/waagent.log* (or `journalctl -u walinuxagent` / `journalctl -u waagent`).',
          nl: {
            why: 'De enige records van de agent in de bundel zijn de paar regels die `systemctl status` toonde in {files}: een uittreksel. Het volledige log toont of de agent draaide, de WireServer bereikte en de back-upextensie uitvoerde.',
            howToCollect: 'Voer `sudo waagent -collect-logs` uit op de VM en voeg /var/lib/waagent/logcollector/logs.zip toe, of kopieer /var/log/waagent.log* (of `journalctl -u walinuxagent` / `journalctl -u waagent`).',
          },
        },
      },
    },
  },
  {
    kind: 'command-execution-log',
    timedLog: true,
    title: { en: "an extension's command log (CommandExecution.log)", nl: 'het opdrachtlog van een extensie (CommandExecution.log)' },
    // its lines are the agent's own format, so only its name tells it from waagent.log
    linux: ['var/log/azure/**/CommandExecution{,_*}.log'],
    names: /^CommandExecution(?:_[^/]{0,200})?\.log$/,
    linesOf: 'waagent-log',
    place: (name, head) => `var/log/azure/${handlerNamed(head) ?? UNNAMED_HANDLER_DIR}/${name ?? 'CommandExecution.log'}`,
    split: true,
    worker: true,
  },
  {
    kind: 'waagent-conf',
    home: 'etc/waagent.conf',
    title: { en: 'the agent configuration (waagent.conf)', nl: 'de configuratie van de agent (waagent.conf)' },
    linux: ['etc/waagent.conf', '**/waagent.conf'],
    names: /^waagent\.conf$/,
    sniff: { line: /^(?:Provisioning|ResourceDisk|Logs|OS|AutoUpdate|Extensions|HttpProxy|CGroups|Debug|Lib|DetectScvmmEnv|EnableOverProvisioning)\.\w{1,80} ?=/ },
    collect: [['etc/waagent.conf', 17]],
    samples: [{ text: '# Enable extension handling. Do not disable this unless you do not need password reset,\n# backup, monitoring, or any extension handling whatsoever.\nExtensions.Enabled=y', source: 'test/fixtures/corpus/waagent/config/waagent.conf (WALinuxAgent, Apache-2.0)' }],
    missing: {
      order: 3,
      what: '/etc/waagent.conf',
      why: 'The agent configuration shows whether extension handling, provisioning and auto-update are enabled.',
      howToCollect: 'Copy /etc/waagent.conf (included in `waagent -collect-logs`).',
      nl: { what: '/etc/waagent.conf', why: 'De configuratie van de agent toont of de afhandeling van extensies, het inrichten en het automatisch bijwerken aanstaan.', howToCollect: 'Kopieer /etc/waagent.conf (zit in `waagent -collect-logs`).' },
      present: (files) => files.some((f) => f.kind === 'waagent-conf') || windowsOnly(files),
    },
  },
  {
    kind: 'goal-state-xml',
    home: `${LIB}/GoalState.xml`,
    title: { en: 'a goal state (GoalState.xml)', nl: 'een doelstatus (GoalState.xml)' },
    linux: ['**/GoalState{,.<n>}.xml'],
    names: /^GoalState(?:\.\d{1,12})?\.xml$/,
    sniff: { head: (h) => xmlRoot(h) === 'GoalState' },
    collect: [['var/lib/waagent/*.xml', 3]],
    samples: [{ text: '<?xml version="1.0" encoding="utf-8"?>\n<GoalState xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="goalstate10.xsd">\n  <Version>2010-12-15</Version>', source: `${CORPUS}: tests/data/wire/goal_state.xml` }],
    missing: {
      order: 1,
      what: '/var/lib/waagent (goal states, extension status and settings)',
      why: 'Extension status files and goal states show what the agent was asked to do and what the extension reported. A sosreport does not include /var/lib/waagent.',
      howToCollect: 'Run `sudo waagent -collect-logs` (it includes /var/lib/waagent/history and the extension status files), or connect over SSH from this app.',
      nl: { what: '/var/lib/waagent (doelstatussen, status en instellingen van extensies)', why: 'De statusbestanden van extensies en de doelstatussen tonen wat de agent moest doen en wat de extensie meldde. Een sosreport bevat /var/lib/waagent niet.', howToCollect: 'Voer `sudo waagent -collect-logs` uit (dat neemt /var/lib/waagent/history en de statusbestanden van extensies mee), of maak vanuit deze app verbinding via SSH.' },
      present: (files) => files.some((f) => f.vmPath.startsWith(`${LIB}/`)) || windowsOnly(files),
    },
  },
  {
    kind: 'extensions-config-xml',
    home: `${LIB}/ExtensionsConfig.xml`,
    title: { en: 'an extensions configuration (ExtensionsConfig.xml)', nl: 'een extensieconfiguratie (ExtensionsConfig.xml)' },
    linux: ['**/ExtensionsConfig{,.<n>}.xml'],
    names: /^ExtensionsConfig(?:\.\d{1,12})?\.xml$/,
    sniff: { head: (h) => xmlRoot(h) === 'Extensions' },
  },
  {
    kind: 'hosting-environment-xml',
    home: `${LIB}/HostingEnvironmentConfig.xml`,
    title: { en: 'the hosting environment configuration', nl: 'de configuratie van de hostingomgeving' },
    linux: ['**/HostingEnvironmentConfig.xml'],
    names: /^HostingEnvironmentConfig\.xml$/,
    sniff: { head: (h) => xmlRoot(h) === 'HostingEnvironmentConfig' },
  },
  {
    kind: 'shared-config-xml',
    home: `${LIB}/SharedConfig.xml`,
    title: { en: 'the shared configuration (SharedConfig.xml)', nl: 'de gedeelde configuratie (SharedConfig.xml)' },
    linux: ['**/SharedConfig.xml'],
    names: /^SharedConfig\.xml$/,
    sniff: { head: (h) => xmlRoot(h) === 'SharedConfig' },
  },
  {
    kind: 'certificates-xml',
    home: `${LIB}/Certificates.xml`,
    title: { en: 'the certificates document (Certificates.xml)', nl: 'het certificatendocument (Certificates.xml)' },
    linux: ['**/Certificates.xml'],
    names: /^Certificates\.xml$/,
    sniff: { head: (h) => xmlRoot(h) === 'CertificateFile' },
  },
  {
    kind: 'ovf-env-xml',
    home: `${LIB}/ovf-env.xml`,
    title: { en: 'the provisioning document (ovf-env.xml)', nl: 'het inrichtingsdocument (ovf-env.xml)' },
    linux: ['**/ovf-env.xml'],
    names: /^ovf-env\.xml$/,
    sniff: { head: (h) => /^(?:ns\d:)?Environment$/.test(xmlRoot(h) ?? '') },
  },
  {
    kind: 'vm-settings-json',
    title: { en: "the HostGAPlugin's vmSettings", nl: 'de vmSettings van de HostGAPlugin' },
    linux: ['**/VmSettings{,.<n>}.json'],
    nocase: true,
    names: /^VmSettings(?:\.\d{1,20})?\.json$|^vm_settings\.json$/i,
    place: (name) => `${LIB}/${name && /^VmSettings/i.test(name) ? name : 'VmSettings.json'}`,
    sniff: { head: (h) => jsonWith(h, 'hostGAPluginVersion') || jsonWith(h, 'extensionGoalStates') },
    samples: [{ text: '{\n    "hostGAPluginVersion": "1.0.8.133",\n    "vmSettingsSchemaVersion": "0.0",', source: `${CORPUS}: tests/data/hostgaplugin/vm_settings.json` }],
  },
  {
    kind: 'waagent-status-json',
    home: `${LIB}/waagent_status.json`,
    title: { en: "the agent's status report (waagent_status.json)", nl: 'het statusrapport van de agent (waagent_status.json)' },
    linux: ['**/waagent_status{,.<n>}.json'],
    names: /^waagent_status(?:\.\d{1,12})?\.json$/,
    sniff: { head: (h) => jsonWith(h, 'guestAgentStatus') || jsonWith(h, 'agent_name', 'extensions_status') },
    collect: [['var/lib/waagent/waagent_status.json', 1]],
  },
  {
    kind: 'agent-error-json',
    title: { en: "the agent's update error record (error.json)", nl: 'het foutrecord van de agentupdate (error.json)' },
    linux: ['**/var/lib/waagent/{,WALinuxAgent-*/}error.json'],
    place: (_name) => `${LIB}/error.json`,
    sniff: { head: (h) => jsonWith(h, 'last_failure', 'failure_count') },
    collect: [['var/lib/waagent/error.json', 2], ['var/lib/waagent/*/error.json', 16.5]],
  },
  {
    kind: 'incarnation',
    title: { en: 'the goal state incarnation', nl: 'de incarnatie van de doelstatus' },
    linux: ['var/lib/waagent/Incarnation'],
    names: /^Incarnation$/,
    collect: [['var/lib/waagent/Incarnation', 4]],
  },
  {
    kind: 'disable-agent-marker',
    title: { en: 'the disable_agent marker', nl: 'de markering disable_agent' },
    linux: ['var/lib/waagent/disable_agent'],
    names: /^disable_agent$/,
    collect: [['var/lib/waagent/disable_agent', 6]],
  },
  {
    kind: 'history-zip',
    title: { en: 'a goal-state history zip', nl: 'een geschiedeniszip van doelstatussen' },
    linux: ['**/var/lib/waagent/history/**/*.zip'],
    collect: [['var/lib/waagent/history', 26]],
  },
  {
    kind: 'handler-state',
    title: { en: "an extension's HandlerState", nl: 'de HandlerState van een extensie' },
    linux: ['**/config/{*.,}HandlerState'],
    names: /^(?:[^/]{1,200}\.)?HandlerState$/,
    place: (name, head) => `${handlerDir(head)}/config/${name ?? 'HandlerState'}`,
    collect: [['var/lib/waagent/*/config/HandlerState', 7]],
  },
  {
    kind: 'handler-status',
    title: { en: "an extension's HandlerStatus", nl: 'de HandlerStatus van een extensie' },
    linux: ['**/config/HandlerStatus'],
    names: /^HandlerStatus$/,
    place: (name, head) => `${handlerDir(head, true)}/config/${name ?? 'HandlerStatus'}`,
    // the agent's ExtHandlerStatus, one object: name, version, status Ready/NotReady, code, message (plus
    // `extensions` before 2.2.53, `supports_multi_config` after); the agent's own report and the instance view
    // name handlers `handlerName` / say `displayStatus`, so they are told apart
    sniff: {
      head: (h) =>
        startsWith(h, '{') &&
        jsonWith(h, 'name', 'version', 'status', 'code') &&
        /"status"\s{0,20}:\s{0,20}"(?:Not)?Ready"/.test(h) &&
        !/"(?:guestAgentStatus|aggregateStatus|handlerAggregateStatus|handlerName|displayStatus)"/.test(h),
    },
    collect: [['var/lib/waagent/*/config/HandlerStatus', 8]],
    samples: [
      {
        text: '{"status": "NotReady", "code": -1, "name": "Microsoft.Azure.Extensions.LinuxAsm", "version": "2.2.3", "extensions": [], "message": "(000003)Non-zero exit code: 14, asm-extension enable"}',
        source: 'https://github.com/Azure/WALinuxAgent/issues/713 (test/cases/waagent-713-linuxasm-enable-os-not-supported)',
      },
    ],
  },
  {
    kind: 'handler-environment',
    title: { en: "an extension's HandlerEnvironment.json", nl: 'de HandlerEnvironment.json van een extensie' },
    linux: ['**/var/lib/waagent/*/HandlerEnvironment.json'],
    // the same file in a Windows handler's package folder (C:\Packages\Plugins\<Handler>\<version>\)
    windows: ['**/Packages/Plugins/*/*/HandlerEnvironment.json'],
    names: /^HandlerEnvironment\.json$/,
    // a loose one goes where its folders say: a Windows handler's names C:\ folders, its own package's among them
    place: (_name, head) => {
      if (!namesWindowsFolder(head)) return `${handlerDir(head, true)}/HandlerEnvironment.json`;
      return `${windowsPackageDir(head)}/HandlerEnvironment.json`;
    },
    sniff: { head: (h) => jsonWith(h, 'handlerEnvironment') },
    collect: [['var/lib/waagent/*/HandlerEnvironment.json', 15]],
  },
  {
    kind: 'handler-manifest',
    title: { en: "an extension's HandlerManifest.json", nl: 'de HandlerManifest.json van een extensie' },
    linux: ['**/var/lib/waagent/*/HandlerManifest.json'],
    names: /^HandlerManifest\.json$/,
    place: (_name, head) => `${handlerDir(head)}/HandlerManifest.json`,
    sniff: { head: (h) => jsonWith(h, 'handlerManifest') },
    collect: [['var/lib/waagent/*/HandlerManifest.json', 16]],
    samples: [{ text: '[\n    {\n        "handlerManifest": {\n            "disableCommand": "main/handle.sh disable", ', source: 'test/fixtures/corpus/vmsnapshot/SOURCE.md: VMBackup/HandlerManifest.json (https://github.com/Azure/azure-linux-extensions, Apache-2.0)' }],
  },
  {
    kind: 'extension-settings',
    title: { en: "an extension's settings (<N>.settings)", nl: 'de instellingen van een extensie (<N>.settings)' },
    linux: ['**/var/lib/waagent/*/config/{*.,}<n>.settings'],
    names: SETTINGS_FILE_NAME,
    place: (name, head) => `${handlerDir(head)}/config/${name ?? 'unknown.settings'}`,
    // a settings document that is a Windows handler's by what it holds goes to formats/windows.ts
    sniff: { head: (h) => jsonWith(h, 'runtimeSettings') && !isWindowsSettings(h) },
    collect: [['var/lib/waagent/*/config/*.settings', 9], ['var/lib/waagent/*/config/*_settings', 11]],
  },
  {
    kind: 'extension-status',
    title: { en: "an extension's status file (<N>.status)", nl: 'het statusbestand van een extensie (<N>.status)' },
    linux: ['**/var/lib/waagent/*/status/{*.,}<n>.status'],
    names: STATUS_FILE_NAME,
    // a status file renamed by the engineer has lost its sequence number: `unknown`, never a made-up one
    place: (name, head) => `${handlerDir(head, true)}/status/${name ?? 'unknown.status'}`,
    // a status file (isStatusJson) that names no Windows folder: one that does is a Windows handler's (formats/windows.ts)
    sniff: { head: (h) => isStatusJson(h) && !namesWindowsFolder(h) },
    collect: [['var/lib/waagent/*/status/*.status', 10], ['var/lib/waagent/*/status/*_status', 12]],
    samples: [
      {
        text: '[\n    {\n        "status": {\n            "status": "success",\n            "code": 1,\n            "snapshotInfo": null,\n            "name": "Microsoft.Azure.Extension.VMExtension",\n            "commandStartTimeUTCTicks": "636953997844977993",\n            "taskId": "e5e5602b-48a6-4c35-9f96-752043777af1",\n            "formattedMessage": {',
        source: `${CORPUS}: tests/data/ext/sample-status.json`,
      },
      {
        text: '[\n        {\n                "version": 1,\n                "timestampUTC": "2017-05-13T18:56:32Z",\n                "status": {\n                        "operation": "Enable ASM",\n                        "status": "error",\n                        "formattedMessage": {',
        source: 'https://github.com/Azure/WALinuxAgent/issues/713 (test/cases/waagent-713-linuxasm-enable-os-not-supported)',
      },
    ],
  },
  {
    kind: 'extension-mrseq',
    title: { en: "an extension's mrseq", nl: 'de mrseq van een extensie' },
    linux: ['**/var/lib/waagent/*/mrseq'],
    names: /^mrseq$/,
    place: (_name, head) => `${handlerDir(head)}/mrseq`,
    collect: [['var/lib/waagent/*/mrseq', 14]],
  },
  {
    kind: 'extension-heartbeat',
    title: { en: "an extension's heartbeat.log", nl: 'de heartbeat.log van een extensie' },
    linux: ['**/var/lib/waagent/*/heartbeat.log'],
    names: /^heartbeat\.log$/,
    place: (_name, head) => `${handlerDir(head)}/heartbeat.log`,
    sniff: { head: (h) => jsonWith(h, 'heartbeat', 'status') && !h.includes('"timestampUTC"') },
  },
  {
    kind: 'extension-log',
    timedLog: true,
    title: { en: "an extension's own log", nl: 'het eigen log van een extensie' },
    linux: ['var/log/azure/**/*.log{,.<n>}'],
    // (the Go handlers' is handler.log: custom-script-extension-linux#67, /var/log/azure/custom-script/handler.log)
    names: /^(?:extension|handler)\.log(?:\.\d{1,4})?$/,
    place: (name, head) => `var/log/azure/${handlerNamed(head) ?? UNNAMED_HANDLER_DIR}/${name ?? 'extension.log'}`,
    // `2024-01-14 22:16:48.792020 [Microsoft.Foo-1.0]msg` (the extension handler library's prefix); the Go handlers'
    // logfmt handler.log, `time=2018-03-10T11:38:27Z version=v2.0.6/git@1008306-dirty operation=enable seq=19 event=start`
    // (custom-script-extension-linux's go-kit logger, every 2.x release; /var/log/azure/custom-script/handler.log); and the
    // handlers' shims saying they cannot run, to stderr (azure-linux-extensions CustomScript, DSC, VMAccess, VMEncryption
    // shims: `No Python interpreter found on the box`; AzureMonitorAgent's and OmsAgent's: `No Python interpreter found,
    // which is an AMA extension dependency. …`), as the agent quotes a command's [stderr] (Azure/WALinuxAgent#1719)
    sniff: {
      line: /^(?:\d{4}[-/]\d\d[-/]\d\d \d\d:\d\d:\d\d(?:\.\d{1,9})? (?:ERROR:|WARNING:)?\[(?:Microsoft|Azure)\.[\w.]{1,200}-[\d.]{1,30}\]|time=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ version=\S{1,100} operation=[a-z]{1,20} |No Python interpreter found(?: on the box|, which is an? \w{2,10} extension dependency))/,
    },
    collect: [['var/log/azure', 25]],
    split: true,
    samples: [
      {
        text: 'time=2017-04-25T12:03:30Z version=v2.0.3/git@f21ef81-clean operation=enable seq=7 event="comparing seqnum" path=/var/lib/waagent/custom-script/seqnum',
        source: 'https://github.com/Azure/custom-script-extension-linux/issues/84 (test/cases/cse-84-upgrade-removed-data-dir-seqnum-pre-check-failed)',
      },
      { text: '[stderr]\n/usr/bin/env: \u2018python\u2019: No such file or directory\n..\n[stderr]\nNo Python interpreter found on the box', source: 'https://github.com/Azure/WALinuxAgent/issues/1719' },
    ],
  },
];
