import type { ExtensionOp } from '../../../shared';
import type { FactDraft } from '../waagent/catalogue';
import { factDetail, msg } from '../../../shared/i18n/analysis';
import { CRP_FAILURE_PHRASE, CRP_TIMEOUT_PHRASE } from '../../../shared/formats/crp';
import { escapeRegExp } from '../../../shared/regexp';
import { crpFailureDraft } from '../deployment-error';

/**
 * What the Windows guest agent writes (WaAppAgent.log, TransparentInstaller.log, Telemetry.log), as
 * generic facts the OS-agnostic rules read (docs/formats.md, "Windows guest agent"). The Windows agent is
 * closed source: every entry is built from lines seen in public sources, each quoted verbatim in
 * `samples` with its URL; test/parse/windows/agent-catalogue.test.ts feeds every sample through the
 * parser. An entry matches the whole record (its head line and its continuation lines joined by `\n`),
 * because .NET exceptions put the telling part (`---> SocketException … 168.63.129.16:32526`) on the
 * next line.
 */

export interface AgentMatchContext {
  /** The last `WindowsAzureGuestAgent starting. Version …` seen before this record. */
  version?: string;
  /** The record's level word (`INFO`, `HEART`, …), '' for a bare line. */
  level: string;
}

export interface AgentSample {
  line: string;
  /** Subset of one fact the sample must yield. */
  expect: Record<string, unknown>;
  source: string;
}

export interface AgentEntry {
  id: string;
  /** A plain substring every match contains: records without it never see the regex. */
  needle: string;
  re: RegExp;
  build(m: RegExpExecArray, ctx: AgentMatchContext): FactDraft[];
  samples: AgentSample[];
}

const LEARN_AGENT = 'https://learn.microsoft.com/troubleshoot/azure/virtual-machines/windows/windows-azure-guest-agent';
const LEARN_DEVTEST = 'https://learn.microsoft.com/azure/devtest-labs/devtest-lab-troubleshoot-apply-artifacts';
const CHEF_241 = 'https://github.com/chef-partners/azure-chef-extension/issues/241';
const PACKER_12934 = 'https://github.com/hashicorp/packer/issues/12934';
const DOCS_782 = 'https://github.com/MicrosoftDocs/SupportArticles-docs/issues/782';
const JPAZTECH_7031 = 'https://github.com/jpaztech/blog/blob/master/articles/vm/7031-rdagent-restart.md';
const CHEF_148 = 'https://github.com/chef-partners/azure-chef-extension/issues/148';
const CHEF_9 = 'https://github.com/chef-partners/azure-chef-extension/issues/9';
const LEARN_EXT_TROUBLESHOOT = 'https://learn.microsoft.com/azure/virtual-machines/extensions/troubleshoot';
const REMOTELY_391 = 'https://github.com/immense/Remotely/issues/391';

const OPS: Record<string, ExtensionOp> = { enable: 'enable', install: 'install', update: 'update', disable: 'disable', uninstall: 'uninstall' };
const opOf = (w: string): ExtensionOp => OPS[w.toLowerCase()] ?? 'processing';
const firstLine = (s: string) => s.split('\n', 1)[0].trim();
const cert = (detail: string): FactDraft => ({ kind: 'certificate-problem', detail: firstLine(detail).slice(0, 300) });
/** Network failure words the no-network rule reads: said plainly, with the agent's text after them. */
function netDetail(text: string): string {
  const t = text.replace(/\s+/g, ' ');
  const why = /forbidden by its access permissions/i.test(t)
    ? 'unreachable (socket access forbidden: a local firewall or filter blocks it)'
    : /timed out|timeout/i.test(t)
      ? 'timed out'
      : /actively refused|refused/i.test(t)
        ? 'connection refused'
        : /Unable to connect to the remote server|No connection could be made|unreachable/i.test(t)
          ? 'unreachable'
          : /\((\d{3})\)/.test(t)
            ? `answered HTTP ${/\((\d{3})\)/.exec(t)![1]}`
            : 'failed';
  return `${why}: ${t.slice(0, 260)}`;
}

export const AGENT_CATALOGUE: AgentEntry[] = [
  {
    id: 'agent-start',
    needle: 'starting',
    re: /WindowsAzureGuestAgent starting\.\s+Version (\d+(?:\.\d+)+)/,
    // role 'unknown': the goal-state-agent role is judged against the Linux agent's minimum (2.2.53.1), which
    // every Windows version (2.7.x) passes; the Windows minimum is 2.7.41491.1010 (docs/causes.md, agent-outdated)
    build: (m) => [
      { kind: 'agent-version', role: 'unknown', version: m[1] },
      { kind: 'agent-lifecycle', event: 'exthandler-start', version: m[1] },
    ],
    samples: [
      { line: '[00000006] [11/14/2019 05:52:13.44] [INFO]  WindowsAzureGuestAgent starting. Version 2.7.41491.949', expect: { kind: 'agent-version', version: '2.7.41491.949' }, source: LEARN_DEVTEST },
    ],
  },
  {
    id: 'agent-stopping',
    needle: 'stopping',
    re: /^WindowsAzureGuestAgent stopping\./,
    build: () => [{ kind: 'agent-lifecycle', event: 'stop-signal', ...factDetail(msg('detail.win-agent-stopping')) }],
    samples: [{ line: '[00000007] [07/18/2019 14:46:28.87] [WARN] WindowsAzureGuestAgent stopping.', expect: { kind: 'agent-lifecycle', event: 'stop-signal' }, source: LEARN_AGENT }],
  },
  {
    // the agent updating itself: it stops and the new version starts (an RdAgent 7031 at that moment is expected)
    id: 'agent-stop-for-update',
    needle: 'Stopping from update',
    re: /\bStopping from update\b/,
    build: () => [{ kind: 'agent-lifecycle', event: 'stop-signal', ...factDetail(msg('detail.win-agent-stopping-for-update')) }],
    samples: [{ line: '> *[000000XX] [XX/XX/XXXX XX:XX:XX.XX] [WARN]  Stopping from update*', expect: { kind: 'agent-lifecycle', event: 'stop-signal' }, source: JPAZTECH_7031 }],
  },
  {
    id: 'agent-stopped',
    needle: 'stopped successfully',
    re: /\bWindowsAzureGuestAgent stopped successfully\./,
    build: () => [{ kind: 'agent-lifecycle', event: 'stop-signal', ...factDetail(msg('detail.win-agent-stopped')) }],
    samples: [{ line: '> *[000000XX] [XX/XX/XXXX XX:XX:XX.XX] [INFO]  WindowsAzureGuestAgent stopped successfully.*', expect: { kind: 'agent-lifecycle', event: 'stop-signal' }, source: JPAZTECH_7031 }],
  },
  {
    // the service's stop hangs: it neither works nor exits (Learn: "stuck in the Stopping process")
    id: 'agent-stuck-stopping',
    needle: 'could not be stopped',
    re: /WindowsAzureGuestAgent could not be stopped\.\s*(.*)/,
    build: (m) => [{ kind: 'windows-agent-issue', issue: 'stuck-stopping', detail: firstLine(`WindowsAzureGuestAgent could not be stopped. ${m[1]}`).slice(0, 300) }],
    samples: [
      {
        line: '[00000004] [07/18/2019 14:46:28.89] [WARN] WindowsAzureGuestAgent could not be stopped. Exception: System.NullReferenceException: Object reference not set to an instance of an object.',
        expect: { kind: 'windows-agent-issue', issue: 'stuck-stopping' },
        source: LEARN_AGENT,
      },
    ],
  },
  {
    id: 'oobe-wait',
    needle: 'OOBE',
    re: /Waiting for OOBE to Complete/,
    build: () => [{ kind: 'windows-agent-issue', issue: 'oobe-wait', ...factDetail(msg('detail.oobe-wait')) }],
    samples: [{ line: '[00000006] [11/14/2019 05:52:31.77] [WARN]  Waiting for OOBE to Complete ...', expect: { kind: 'windows-agent-issue', issue: 'oobe-wait' }, source: LEARN_DEVTEST }],
  },
  {
    id: 'goal-state-incarnation',
    needle: 'Incarnation',
    re: /Starting installation\/update of plugins\. Incarnation: (\d+)/,
    build: (m) => [{ kind: 'goal-state', event: 'processing-started', id: `incarnation_${m[1]}`, incarnation: Number(m[1]) }],
    samples: [
      { line: '[00000014] [08/13/2018 10:24:12.96] [INFO]  Starting installation/update of plugins. Incarnation: 4, extension count: 3', expect: { kind: 'goal-state', event: 'processing-started', incarnation: 4 }, source: CHEF_241 },
    ],
  },
  {
    id: 'plugin-enable-begin',
    needle: 'Beginning enable',
    re: /Beginning enable of plugin '?([A-Za-z][\w.]*?)'?\.?(?:\s|$)/,
    build: (m) => [{ kind: 'extension-operation', handler: m[1], op: 'enable', outcome: 'started' }],
    samples: [
      { line: '[00000004] 2024-04-17T07:19:26.812Z [INFO]  Beginning enable of plugin Microsoft.CPlat.Core.RunCommandWindows.', expect: { kind: 'extension-operation', handler: 'Microsoft.CPlat.Core.RunCommandWindows', op: 'enable', outcome: 'started' }, source: PACKER_12934 },
    ],
  },
  {
    id: 'plugin-enabled',
    needle: 'Plugin enabled',
    re: /Plugin enabled \(handler name: ([\w.]+), extension name: [^,]*, version: (\d+(?:\.\d+)*)\)\.?, Code: (-?\d+)/,
    build: (m) => [{ kind: 'extension-operation', handler: m[1], version: m[2], op: 'enable', outcome: m[3] === '0' ? 'succeeded' : 'failed', exitCode: Number(m[3]) }],
    samples: [
      {
        line: '[00000013] [08/13/2018 10:24:26.90] [WARN]  Plugin enabled (handler name: Microsoft.EnterpriseCloud.Monitoring.MicrosoftMonitoringAgent, extension name: , version: 1.0.11081.5)., Code: 0',
        expect: { kind: 'extension-operation', handler: 'Microsoft.EnterpriseCloud.Monitoring.MicrosoftMonitoringAgent', op: 'enable', outcome: 'succeeded' },
        source: CHEF_241,
      },
    ],
  },
  {
    id: 'plugin-installed',
    needle: 'Installed plugin',
    re: /Installed plugin \(name: ([\w.]+), version: (\d+(?:\.\d+)*)\), Code: (-?\d+)/,
    build: (m) => [{ kind: 'extension-operation', handler: m[1], version: m[2], op: 'install', outcome: m[3] === '0' ? 'succeeded' : 'failed', exitCode: Number(m[3]) }],
    samples: [
      {
        line: '[00000014] [08/13/2018 10:24:35.07] [WARN]  Installed plugin (name: Chef.Bootstrap.WindowsAzure.ChefClient, version: 1210.12.110.1001), Code: 0',
        expect: { kind: 'extension-operation', handler: 'Chef.Bootstrap.WindowsAzure.ChefClient', op: 'install', outcome: 'succeeded' },
        source: CHEF_241,
      },
    ],
  },
  {
    id: 'plugin-command-exit',
    needle: 'has exited with Exit code',
    re: /Command \S{0,400}?\\(\w+)\.cmd of ([\w.]+) has exited with Exit code: (-?\d+)/,
    build: (m) => [{ kind: 'extension-operation', handler: m[2], op: opOf(m[1]), outcome: m[3] === '0' ? 'succeeded' : 'failed', exitCode: Number(m[3]) }],
    samples: [
      {
        line: '[00000014] [08/13/2018 10:24:35.06] [INFO]  Command C:\\Packages\\Plugins\\Chef.Bootstrap.WindowsAzure.ChefClient\\1210.12.110.1001\\install.cmd of Chef.Bootstrap.WindowsAzure.ChefClient has exited with Exit code: 0',
        expect: { kind: 'extension-operation', handler: 'Chef.Bootstrap.WindowsAzure.ChefClient', op: 'install', outcome: 'succeeded', exitCode: 0 },
        source: CHEF_241,
      },
    ],
  },
  {
    // before plugin-command-timeout: one fact of a kind per record, and this one also names the version
    id: 'plugin-operation-failed',
    needle: 'failed for plugin',
    // the exception may go on over the next lines when a deployment error is pasted wrapped ("… with exception
    // Command\nC:\Packages\…\install.cmd of … has not exited on time! Killing it...'", chef-extension #148)
    re: /(Install|Enable|Update|Disable|Uninstall) failed for plugin \(name: ([\w.]+), version (\d+(?:\.\d+)*)\) with exception ([^\n]{0,300}(?:\n[^\n]{0,300}){0,2})/,
    build: (m) => {
      // the next lines only when the first stops short of the command's fate (a stack trace is not the message)
      const first = firstLine(m[4]);
      const said = /\.cmd of |Exit code|Killing it/.test(first) ? first : m[4].split('\n').map((l) => l.trim()).join(' ');
      return [{ kind: 'extension-operation', handler: m[2], version: m[3], op: opOf(m[1]), outcome: /has not exited on time/.test(said) ? 'timed-out' : 'failed', detail: said.slice(0, 240) }];
    },
    samples: [
      {
        line: 'Enable failed for plugin (name: Chef.Bootstrap.WindowsAzure.ChefClient, version 1207.12.3.0) with exception Command C:\\Packages\\Plugins\\Chef.Bootstrap.WindowsAzure.ChefClient\\1207.12.3.0\\enable.cmd of Chef.Bootstrap.WindowsAzure.ChefClient has not exited on time! Killing it...',
        expect: { kind: 'extension-operation', handler: 'Chef.Bootstrap.WindowsAzure.ChefClient', op: 'enable', outcome: 'timed-out' },
        source: CHEF_9,
      },
    ],
  },
  {
    // the agent kills a handler command after its timeout (20 minutes for most extensions)
    id: 'plugin-command-timeout',
    needle: 'has not exited on time',
    re: /Command \S{0,400}?\\(\w+)\.cmd of ([\w.]+) has not exited on time! Killing it/,
    build: (m) => [{ kind: 'extension-operation', handler: m[2], op: opOf(m[1]), outcome: 'timed-out', ...factDetail(msg('detail.install-cmd-timeout', { op: m[1], handler: m[2] })) }],
    samples: [
      {
        line: '[06/20/2016 22:35:48.86] [ERROR] Command C:\\Packages\\Plugins\\Chef.Bootstrap.WindowsAzure.ChefClient\\1210.12.104.1000\\install.cmd of Chef.Bootstrap.WindowsAzure.ChefClient has not exited on time! Killing it...',
        expect: { kind: 'extension-operation', handler: 'Chef.Bootstrap.WindowsAzure.ChefClient', op: 'install', outcome: 'timed-out' },
        source: CHEF_148,
      },
    ],
  },
  {
    // the compute provider's verdict on an extension in a pasted deployment error, for a Windows extension (the
    // Linux ones are read with waagent.log's format; deployment-error.ts); after the plugin entries, which name
    // the handler's version when the verdict quotes the agent's own words
    id: 'deployment-error-extension',
    needle: CRP_FAILURE_PHRASE,
    re: new RegExp(String.raw`\bVM (?:has )?${escapeRegExp(CRP_FAILURE_PHRASE)} '[^\n]*`),
    build: (m) => {
      const d = crpFailureDraft(m[0], (s) => s);
      return d ? [d] : [];
    },
    samples: [
      {
        line: '        "message": "VM has reported a failure when processing extension \'CustomScriptExtension1\'. Error message: \\"Finished executing command\\"\\r\\n\\r\\nMore information on troubleshooting is available at https://aka.ms/VMExtensionCSEWindowsTroubleshoot "',
        expect: { kind: 'extension-operation', handler: 'CustomScriptExtension1', op: 'processing', outcome: 'failed' },
        source: 'https://github.com/microsoft/MCW-Building-a-resilient-IaaS-architecture/issues/81',
      },
    ],
  },
  {
    // the provider's time-out verdict on a Windows extension (VMExtensionProvisioningTimeout), the same way
    id: 'deployment-error-extension-timeout',
    needle: CRP_TIMEOUT_PHRASE,
    re: new RegExp(String.raw`\b${escapeRegExp(CRP_TIMEOUT_PHRASE)}'?[\w.-]{1,200}'? has timed out\b[^\n]*`),
    build: (m) => {
      const d = crpFailureDraft(m[0], (s) => s);
      return d ? [d] : [];
    },
    samples: [
      {
        line: 'Provisioning of VM extension enablevmaccess has timed out. Extension provisioning has taken too long to complete. The extension did not report a message.',
        expect: { kind: 'extension-operation', handler: 'enablevmaccess', op: 'processing', outcome: 'timed-out' },
        source: 'https://learn.microsoft.com/en-us/troubleshoot/azure/virtual-machines/windows/reset-rdp',
      },
    ],
  },
  {
    // the agent could not unpack any plugin: a 64-bit agent loading 32-bit code (Enable64Bit = 0)
    id: 'install-plugins-failed',
    needle: 'InstallPlugins() failed',
    re: /InstallPlugins\(\) failed with exception: (.*)/,
    build: (m) => [{ kind: 'windows-agent-issue', issue: /BadImageFormatException/.test(m[1]) ? 'bad-image-format' : 'plugin-install-failed', detail: firstLine(`InstallPlugins() failed: ${m[1]}`).slice(0, 300) }],
    samples: [
      {
        line: '[00000010] 2021-01-12T16:35:45Z [ERROR] InstallPlugins() failed with exception: System.AggregateException: One or more errors occurred. ---> System.BadImageFormatException: An attempt was made to load a program with an incorrect format. (Exception from HRESULT: 0x8007000B)',
        expect: { kind: 'windows-agent-issue', issue: 'bad-image-format' },
        source: LEARN_AGENT,
      },
    ],
  },
  {
    // machine.config unreadable or naming a type that cannot load: every .NET service of the agent dies at start
    id: 'config-error',
    needle: 'ConfigurationErrorsException',
    re: /System\.Configuration\.ConfigurationErrorsException:? ?(.*)/,
    build: (m) => [{ kind: 'windows-agent-issue', issue: 'config-error', detail: firstLine(`ConfigurationErrorsException: ${m[1]}`).slice(0, 300) }],
    samples: [
      {
        line: "[ERROR] System.Configuration.ConfigurationErrorsException: The type 'Microsoft.VisualStudio.Diagnostics.ServiceModelSink.Behavior, Microsoft.VisualStudio.Diagnostics.ServiceModelSink, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b03f5f7f11d50a3a' registered for extension 'Microsoft.VisualStudio.Diagnostics.ServiceModelSink.Behavior' could not be loaded.",
        expect: { kind: 'windows-agent-issue', issue: 'config-error' },
        source: LEARN_AGENT,
      },
    ],
  },
  // WireServer / HostGAPlugin (168.63.129.16:80 and :32526)
  {
    id: 'hostgaplugin-versions',
    needle: 'HostGAPlugin',
    re: /Exception while fetching supported versions from HostGAPlugin: ([\s\S]*)/,
    build: (m) => [{ kind: 'connectivity', endpoint: 'hostgaplugin', ok: false, url: 'http://168.63.129.16:32526', detail: netDetail(m[1]) }],
    samples: [
      {
        line: '[00000011] [12/11/2018 06:27:55.66] [WARN]  (Ignoring) Exception while fetching supported versions from HostGAPlugin: System.Net.WebException: Unable to connect to the remote server \n---> System.Net.Sockets.SocketException: An attempt was made to access a socket in a way forbidden by its access permissions 168.63.129.16:32526',
        expect: { kind: 'connectivity', endpoint: 'hostgaplugin', ok: false },
        source: LEARN_AGENT,
      },
    ],
  },
  {
    id: 'get-versions-failed',
    needle: 'GetVersions() failed',
    re: /GetVersions\(\) failed with exception: ([\s\S]*)/,
    build: (m) => [{ kind: 'connectivity', endpoint: /32526/.test(m[1]) ? 'hostgaplugin' : 'wireserver', ok: false, detail: netDetail(m[1]) }],
    samples: [
      {
        line: '[ERROR] GetVersions() failed with exception: Microsoft.ServiceModel.Web.WebProtocolException: Server Error: Service Unavailable (ServiceUnavailable) ---> \nSystem.Net.WebException: The remote server returned an error: (503) Server Unavailable.',
        expect: { kind: 'connectivity', ok: false },
        source: LEARN_AGENT,
      },
    ],
  },
  {
    // the HostGAPlugin client never came up; the pinger marks it unhealthy every 5 minutes
    id: 'gaplugin-pinger',
    needle: 'HostGAPluginServiceClient is not initialized',
    re: /WriteGAPluginHeartbeat: HostGAPluginServiceClient is not initialized/,
    build: () => [{ kind: 'connectivity', endpoint: 'hostgaplugin', ok: false, ...factDetail(msg('detail.hostgaplugin-not-initialized')) }],
    samples: [
      {
        line: '[00000013] [11/11/2022 06:34:12.06] [INFO]  WriteGAPluginHeartbeat: HostGAPluginServiceClient is not initialized so setting isCurrentlyHealthy as false',
        expect: { kind: 'connectivity', endpoint: 'hostgaplugin', ok: false },
        source: DOCS_782,
      },
    ],
  },
  {
    /*
     * The agent's HTTPS calls (extension packages and status blobs in Azure Storage; WireServer and HostGAPlugin are plain
     * HTTP) failing to set up TLS, in .NET's words: `The underlying connection was closed: Could not establish trust
     * relationship for the SSL/TLS secure channel` (the chain is not trusted: a missing root certificate, SSL inspection;
     * its inner `AuthenticationException: The remote certificate is invalid according to the validation procedure`) and
     * `The request was aborted: Could not create SSL/TLS secure channel` (no TLS version both sides accept: TLS 1.2 off
     * for .NET, SchUseStrongCrypto). The Backup extension's snapshot calls to storage fail the same way
     * (ExtensionSnapshotFailedNoSecureNetwork).
     */
    id: 'tls-secure-channel',
    needle: 'SSL/TLS secure channel',
    re: /(?:(?:The underlying connection was closed|The request was aborted): )?Could not (establish trust relationship for|create) (?:the )?SSL\/TLS secure channel[^\n]*/,
    build: (m) => [{ kind: 'connectivity', endpoint: 'storage', ok: false, tls: m[1] === 'create' ? 'channel' : 'trust', detail: firstLine(m[0]).slice(0, 300) }],
    samples: [
      {
        line: 'System.Net.WebException: The underlying connection was closed: Could not establish trust relationship for the SSL/TLS secure channel. ---> System.Security.\nAuthentication.AuthenticationException: The remote certificate is invalid according to the validation procedure.',
        expect: { kind: 'connectivity', endpoint: 'storage', ok: false, tls: 'trust' },
        source: LEARN_EXT_TROUBLESHOOT,
      },
      {
        // .NET Framework's own wording (WebClient on Windows 7, a non-Azure program): the agent is a .NET Framework program
        line: '2021-11-12 14:26:33.698\t[Error]\tThe request was aborted: Could not create SSL/TLS secure channel.\t   at System.Net.HttpWebRequest.EndGetResponse(IAsyncResult asyncResult)',
        expect: { kind: 'connectivity', endpoint: 'storage', ok: false, tls: 'channel' },
        source: REMOTELY_391,
      },
    ],
  },
  // DHCP option 245 (fabric address)
  {
    id: 'dhcp-empty-option',
    needle: 'Empty DHCP option',
    re: /Empty DHCP option data returned/,
    build: () => [{ kind: 'endpoint-discovery', event: 'lease-without-245', ...factDetail(msg('detail.dhcp-empty-option')) }],
    samples: [{ line: '[00000024] [06/20/2019 07:44:28.93] [WARN] Empty DHCP option data returned', expect: { kind: 'endpoint-discovery', event: 'lease-without-245' }, source: LEARN_AGENT }],
  },
  {
    id: 'dhcp-no-fabric-address',
    needle: 'Did not discover fabric address',
    re: /Did not discover fabric address on interface (.+)/,
    build: (m) => [{ kind: 'endpoint-discovery', event: 'dhcp-no-response', ...factDetail(msg('detail.dhcp-no-fabric-address', { iface: firstLine(m[1]).slice(0, 120) })) }],
    samples: [
      {
        line: '[00000006] [06/20/2019 07:44:28.93] [ERROR] Did not discover fabric address on interface Npcap Loopback Adapter',
        expect: { kind: 'endpoint-discovery', event: 'dhcp-no-response' },
        source: LEARN_AGENT,
      },
    ],
  },
  // certificates (goal-state tenant certificate, transport certificate, key storage)
  {
    id: 'rdcrypt-init',
    needle: 'RdCrypt Initialization failed',
    re: /RdCrypt Initialization failed\.?.*/,
    build: (m) => [cert(m[0])],
    samples: [{ line: '[00000004] [01/12/2019 00:30:47.24] [ERROR] RdCrypt Initialization failed. Error Code: -2147023143.', expect: { kind: 'certificate-problem' }, source: LEARN_AGENT }],
  },
  {
    id: 'transport-certificate',
    needle: 'ransportCertificate',
    re: /Failed to get TransportCertificate\.?.*/,
    build: (m) => [cert(m[0])],
    samples: [{ line: '[00000004] [01/12/2019 00:30:47.24] [ERROR] Failed to get TransportCertificate. Error: System.AccessViolationException', expect: { kind: 'certificate-problem' }, source: LEARN_AGENT }],
  },
  {
    id: 'transport-certificate-subject',
    needle: 'Could not get transport certificate',
    re: /Could not get transport certificate .*/,
    build: (m) => [cert(m[0])],
    samples: [
      {
        line: '[00000004] [01/12/2019 00:30:47.24] [WARN]  Could not get transport certificate from agent runtime for subject name: 12345678-d7c8-4387-8cf3-d7ecf62544e5. Installing certificates in the LocalMachine store failed.',
        expect: { kind: 'certificate-problem' },
        source: LEARN_AGENT,
      },
    ],
  },
  {
    id: 'localmachine-store',
    needle: 'Installing certificates in the LocalMachine store failed with exception',
    re: /Installing certificates in the LocalMachine store failed with exception: .*/,
    build: (m) => [cert(m[0])],
    samples: [
      {
        line: '[00000003] [10/21/2020 02:37:45.98] [ERROR] Installing certificates in the LocalMachine store failed with exception: Microsoft.WindowsAzure.GuestAgent.CertificateManager.CryptographyNative+PInvokeException: PInvoke PFXImportCertStore failed and null handle is returned. Error Code: 86.',
        expect: { kind: 'certificate-problem' },
        source: LEARN_AGENT,
      },
    ],
  },
  {
    // quoted on its own (no record head) in the Learn article: a bare continuation of the exception
    id: 'pfx-import',
    needle: 'PFXImportCertStore failed',
    re: /^PInvoke PFXImportCertStore failed.*/,
    build: (m) => [cert(m[0])],
    samples: [{ line: 'PInvoke PFXImportCertStore failed and null handle is returned. Error Code: 86', expect: { kind: 'certificate-problem' }, source: LEARN_AGENT }],
  },
  {
    id: 'certificate-blob',
    needle: 'Fetching certificate blob',
    re: /Fetching certificate blob from the cert URI: \S+ failed with exception: .*/,
    build: (m) => [cert(m[0].replace(/(cert URI: )\S+/, '$1…'))],
    samples: [
      {
        line: '[00000004] [01/12/2019 00:30:47.24] [WARN] Fetching certificate blob from the cert URI: http://168.63.129.16/machine/12345678-d7c8-4387-8cf3-d7ecf62544e5/12345678-d447-4b10-a5da-1ba1581cd7d7._VMName?comp=certificates&incarnation=2 failed with exception: System.NullReferenceException',
        expect: { kind: 'certificate-problem' },
        source: LEARN_AGENT,
      },
    ],
  },
];
