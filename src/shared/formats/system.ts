import { MONTH_ABBREVIATION } from '../time';
import type { FormatDecl } from './types';

/** Files of the operating system that explain the agent's behaviour (docs/formats.md). */

const CORPUS = 'test/fixtures/corpus/waagent/SOURCE.md (https://github.com/Azure/WALinuxAgent tests/data, Apache-2.0)';

/** supervisord's own line: `2017-06-17 22:20:18,229 DEBG ` (its levels: CRIT ERRO WARN INFO DEBG TRAC BLAT). */
export const SUPERVISORD_LINE = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} (?:CRIT|ERRO|WARN|INFO|DEBG|TRAC|BLAT) /;
/**
 * A process listing's line for the goal-state agent's ExtHandler, which runs from the release it downloaded
 * (`bin/WALinuxAgent-<version>-py<python>.egg -run-exthandlers`; the daemon runs the package's /usr/sbin/waagent), as
 * `systemctl status` draws its CGroup (`└─1023 python3 -u bin/WALinuxAgent-2.12.0.2-py3.9.egg -run-exthandlers`), `ps`
 * prints it (`root 1231 0.2 0.1 … 0:01 /usr/bin/python3 -u bin/WALinuxAgent-2.9.1.1-py3.8.egg -run-exthandlers`),
 * pstree (Azure/WALinuxAgent#963: `` |   `-python3 -u bin/WALinuxAgent-2.2.18-py2.7.egg -run-exthandlers``) or a post
 * quotes the bare command (#1177). Not the command quoted (`'python -u bin/…'`), as the agent's own log and its
 * HandlerManifest.json write it: the interpreter follows a space, a tree's glyph or the line's start. Group: the version.
 */
export const EXTHANDLER_COMMAND = /(?:^|[\s`─_-])[^\s'"]{0,100}?python[\d.]{0,6} -u bin\/WALinuxAgent-(\d{1,4}(?:\.\d{1,6}){1,3})-py[\d.]{1,8}\.egg -run-exthandlers(?![\w.-])/;

/**
 * Its header of a chunk of the agent's output (`2017-06-17 22:20:18,229 DEBG 'walinuxagent' stdout output:`, #770):
 * the program (`%r`: `'walinuxagent'`, Python 2's `u'…'`) the agent's. Multiline, so that it finds the header in a head.
 */
export const SUPERVISORD_AGENT_HEADER = new RegExp(
  String.raw`${SUPERVISORD_LINE.source}u?'[\w.:-]{0,40}(?:waagent|walinuxagent)[\w.:-]{0,40}' (?:stdout|stderr) output:\r?$`,
  'im',
);

/**
 * A syslog / journal line: RFC 3164 `Nov 19 22:00:01 vm1 waagent[1234]: …` (the month may be the locale's, as
 * journalctl prints it: `déc. 13 12:00:47 horous sshd[4036]: …`, shared/time.ts ABBREVIATED_MONTHS; the host may be
 * left out, `--no-hostname`; `-o short-precise` adds microseconds, `Mar 14 10:12:31.545053 localhost kernel: …`,
 * bottlerocket-os/bottlerocket#2900) and rsyslog's ISO form (some exports leave the host name out:
 * `2021-07-19T14:41:39.830627+00:00  python3[14949]: …`); a line quoted without its header keeps the agent's tag before
 * the agent's record (`python: 2020-08-06T07:11:47.785201Z INFO …`, #1973), and ABRT's catch of a Python crash quoted
 * with its tag (`abrt: detected unhandled Python exception in '…'`, syslog.ts). A month token alone makes nothing a
 * syslog line: the day, the time and the identifier's `: ` must follow.
 */
const SYSLOG_LINE = new RegExp(
  String.raw`^(?:(?:${MONTH_ABBREVIATION}) [ \d]\d \d\d:\d\d:\d\d(?:\.\d{1,9})?|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:?\d\d))(?: [\w.-]{1,255})? {1,2}[^\s:[]{1,100}(?:\[\d{1,10}\])?: |^(?:(?:platform-)?python[\d.]{0,6}|waagent|WALinuxAgent)(?:\[\d{1,10}\])?: \d{4}[-/]\d\d[-/]\d\d[T ]\d\d:\d\d:\d\d|^(?:abrt|python[\d.]{0,6})(?:\[\d{1,10}\])?: detected unhandled Python exception in '/`,
);

/**
 * The VM's serial console as boot diagnostics keeps it (the portal's "Serial log", `az vm boot-diagnostics
 * get-boot-log`, the `<vm>.<id>.serialconsole.log` blob): the kernel's lines (`[  273.540003] …`), systemd's and
 * cloud-init's, and the agent's records as waagent.log has them, which the agent also writes to /dev/console
 * (`Logs.Console`, on by default; from 2.2.53 only until provisioning ends, "End of log to /dev/console"). Writers
 * share the line: a kernel line lands inside an agent record (`….scop[  273.540003] serial8250: too much work for
 * irq4` then `e`, Azure/WALinuxAgent#1544) and a record follows a getty's prompt (`vm1 login: 2017/12/08
 * 01:24:19.945575 INFO Event: …`, #965).
 */
export const KERNEL_ON_CONSOLE = /(?:^|\S)\[ {0,12}\d{1,12}\.\d{6}\] /m;
/** A getty's prompt, which the agent's next record may follow on the same line (#965). */
export const CONSOLE_LOGIN_PROMPT = /^[\w.-]{1,64} login: /;
/** A getty's banner before its prompt (`Ubuntu 16.04.3 LTS amitchat-pilottestvm ttyS0`, #965). */
export const CONSOLE_BANNER = /^[^\n]{1,120} ttyS\d{1,2}\r?$/;
/** What only a console shows beside the agent's lines: a kernel line, a getty's banner or prompt. */
const CONSOLE_MARK = new RegExp(String.raw`${KERNEL_ON_CONSOLE.source}|${CONSOLE_BANNER.source}|${CONSOLE_LOGIN_PROMPT.source}`, 'm');
/** An agent record at a console line's start, or behind a getty's prompt. */
export const CONSOLE_AGENT_RECORD = new RegExp(String.raw`^(?:[\w.-]{1,64} login: )?\d{4}[-/]\d\d[-/]\d\d[T ]\d\d:\d\d:\d\d\.\d{1,9}Z? (?:VERBOSE|INFO|WARNING|ERROR) \S`, 'm');

/** Whether a head is a serial console's: the agent's records among what only a console shows. */
export function isSerialConsole(head: string): boolean {
  return CONSOLE_AGENT_RECORD.test(head) && CONSOLE_MARK.test(head);
}

export const SYSTEM_FORMATS: FormatDecl[] = [
  {
    kind: 'os-release',
    title: { en: 'the distribution release file (os-release)', nl: 'het releasebestand van de distributie (os-release)' },
    linux: ['etc/os-release', 'usr/lib/os-release', 'etc/*-release'],
    names: /^(?:os-release|[\w.]{1,50}-release)$/,
    place: (name) => `etc/${name ?? 'os-release'}`,
    sniff: { line: /^(?:NAME|ID|ID_LIKE|VERSION|VERSION_ID|PRETTY_NAME|HOME_URL)="?[^=]/ },
    collect: [['etc/os-release', 18], ['etc/*-release', 19]],
  },
  {
    kind: 'hostname',
    title: { en: 'the host name file', nl: 'het bestand met de hostnaam' },
    linux: ['etc/hostname', 'etc/HOSTNAME'],
    names: /^(?:hostname|HOSTNAME)$/,
    collect: [['etc/hostname', 20], ['etc/HOSTNAME', 21]],
  },
  {
    kind: 'syslog',
    timedLog: true,
    title: { en: 'the system log (syslog / messages)', nl: 'het systeemlog (syslog / messages)' },
    // (supervisord's log too, where it runs the agent in a container: it relays the agent's output as syslog does)
    linux: ['var/log/{syslog,messages}{,.<n>,-<n>}{,.gz,.bz2,.xz,.zst}', '**/supervisord.log{,.<n>}'],
    names: /^(?:syslog|messages)(?:\.\d{1,4}|-\d{8})?$|^supervisord\.log(?:\.\d{1,4})?$/,
    place: (name) => (name?.startsWith('supervisord') ? `var/log/supervisor/${name}` : `var/log/${name ?? 'syslog'}`),
    // SYSLOG_LINE's lines, and supervisord's header of a chunk of the agent's output (`2017-06-17 22:20:18,229 DEBG
    // 'walinuxagent' stdout output:`, its lines are waagent.log's and would otherwise take the file for one:
    // relayed-agent.ts)
    sniff: {
      head: (h) => SUPERVISORD_AGENT_HEADER.test(h),
      line: SYSLOG_LINE,
    },
    samples: [
      {
        // https://github.com/Azure/WALinuxAgent/issues/770 (supervisord's log in the agent's container)
        text: "2017/06/17 22:20:18.227809 INFO Agent WALinuxAgent-2.2.13 error state: Last Failure: 1497738018.19, Total Failures: 2, Fatal: True\n\n2017-06-17 22:20:18,229 DEBG 'walinuxagent' stdout output:\n2017/06/17 22:20:18.227894 INFO Ensuring Agent WALinuxAgent-2.2.13 is downloaded\n2017/06/17 22:20:18.227959 INFO Agent WALinuxAgent-2.2.13 is blacklisted - skipping download",
        source: 'https://github.com/Azure/WALinuxAgent/issues/770',
      },
      {
        text: 'python: 2020-08-06T07:11:47.785201Z INFO ExtHandler ExtHandler [HEARTBEAT] Agent WALinuxAgent-2.2.49.2 is running as the goal state agent [DEBUG HeartbeatCounter: 1298;HeartbeatId: 5940AE0A-F20C-4BE2-8B5A-3C12605F955F;DroppedPackets: 0;UpdateGSErrors: 0;AutoUpdate: 1]',
        source: 'https://github.com/Azure/WALinuxAgent/issues/1973',
      },
      {
        text: "abrt: detected unhandled Python exception in '/var/lib/waagent/Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.7.0/main/handle.py'",
        source: 'https://github.com/Azure/azure-linux-extensions/issues/120 ("Alert in message.log", quoted without its syslog header)',
      },
    ],
    collect: [['var/log/syslog*', 31], ['var/log/messages*', 32]],
    split: true,
    worker: true,
  },
  {
    kind: 'dmesg',
    timedLog: true,
    title: { en: 'the kernel ring buffer (dmesg)', nl: 'de ringbuffer van de kernel (dmesg)' },
    linux: ['var/log/dmesg*'],
    names: /^dmesg(?:\.\d{1,4})?$/,
    place: (name) => `var/log/${name ?? 'dmesg'}`,
    sniff: { line: /^\[ {0,12}\d{1,12}\.\d{6}\] / },
    collect: [['var/log/dmesg*', 30]],
  },
  {
    kind: 'serial-console',
    timedLog: true,
    title: { en: "the VM's serial console log (boot diagnostics)", nl: 'het log van de seriële console van de VM (diagnostische gegevens over opstarten)' },
    // not a VM file: a bundle holds it where the engineer put it, under the name it was saved as
    linux: ['**/*.serialconsole.log', '**/serial{-,_,}console{,-log,_log}.{log,txt}', '**/boot{-,_,}diagnostics{,-log,_log}.{log,txt}'],
    nocase: true,
    names: /^(?:[^/]{1,200}\.serialconsole\.log|serial[-_]?console(?:[-_]log)?\.(?:log|txt)|boot[-_]?diagnostics(?:[-_]log)?\.(?:log|txt))$/i,
    // its kernel lines are dmesg's: a head of only those, so named, is the console's (ingest/loose.ts looks further
    // into one not so named for the agent's records)
    linesOf: 'dmesg',
    home: 'serial-console.log',
    sniff: { head: isSerialConsole },
    samples: [
      {
        text: 'Ubuntu 16.04.3 LTS amitchat-pilottestvm ttyS0\n\namitchat-pilottestvm login: 2017/12/08 01:24:19.945575 INFO Event: name=Microsoft.EnterpriseCloud.Monitoring.OmsAgentForLinux, op=Enable, message=Launch command succeeded: omsagent.py -enable, duration=0\n2017/12/08 01:24:20.039393 INFO Event: name=WALinuxAgent, op=ProcessGoalState, message=Incarnation 1, duration=6435',
        source: 'https://github.com/Azure/WALinuxAgent/issues/965 (amitchat, 2017-12-11: the console after a reboot; the Markdown bold the post put on the host name left out)',
      },
      {
        text: "2020/01/22 19:21:48.835214 INFO ExtHandler Started extension using scope 'Microsoft.OSTCExtensions.VMAccessForLinux_1.5.4_6bd8f420-3126-4df4-a7a5-159fd0a515a4'\n2020/01/22 19:21:48.841894 INFO ExtHandler Started tracking new cgroup: Microsoft.OSTCExtensions.VMAccessForLinux-1.5.4, path: /sys/fs/cgroup/cpu/system.slice/Microsoft.OSTCExtensions.VMAccessForLinux_1.5.4_6bd8f420-3126-4df4-a7a5-159fd0a515a4.scop[  273.540003] serial8250: too much work for irq4\ne",
        source: 'https://github.com/Azure/WALinuxAgent/issues/1544 (phillbo, 2020-01-22)',
      },
    ],
  },
  {
    kind: 'logcollector-results',
    timedLog: true,
    title: { en: "the agent log collector's results.txt", nl: 'de results.txt van de logverzamelaar van de agent' },
    linux: ['**/results.txt'],
    names: /^results\.txt$/,
    place: () => 'results.txt',
    // `2024-01-14T22:16:48Z INFO Finishing log collection …`: no fraction (waagent.log has one)
    sniff: { line: /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ (?:DEBUG|INFO|WARNING|ERROR|CRITICAL) / },
  },
  {
    kind: 'dhcp-lease',
    title: { en: 'a DHCP lease file', nl: 'een DHCP-leasebestand' },
    linux: ['**/dhclient*.lease{,s}', '**/dhclient/*.lease{,s}', 'var/lib/dhcp/*.lease{,s}', '**/netif/leases/*'],
    names: /^[\w.-]{0,100}\.leases?$/,
    // systemd-networkd writes KEY=value lines, dhclient `lease { … }` blocks
    place: (name, head) => (/^SERVER_ADDRESS=/m.test(head) ? `run/systemd/netif/leases/${name ?? 'lease'}` : `var/lib/dhcp/${name ?? 'dhclient.leases'}`),
    sniff: { line: /^\s{0,8}(?:lease \{|option unknown-245 |option dhcp-server-identifier |OPTION_245=|SERVER_ADDRESS=)/ },
    collect: [['var/lib/dhcp/*.leases', 28], ['var/lib/dhclient/*.lease*', 29]],
    samples: [{ text: 'lease {\n  interface "eth0";\n  fixed-address 10.0.1.4;', source: `${CORPUS}: tests/data/dhcp.leases` }],
  },
  {
    kind: 'service-output',
    timedLog: true,
    title: { en: "output of system commands about the agent's service and network (systemctl status, journalctl, iptables, df, curl)", nl: 'uitvoer van systeemopdrachten over de service en het netwerk van de agent (systemctl status, journalctl, iptables, df, curl)' },
    names: /^(?:terminal-output|systemctl[^/]{0,60}|journal(?:ctl)?[^/]{0,60}|iptables[^/]{0,60}|df[^/]{0,20})\.(?:txt|log)$/i,
    // the same outputs as a sosreport saves them
    linux: [
      'sos_commands/systemd/systemctl_status_--all',
      'sos_commands/logs/journalctl_--no-pager*',
      'sos_commands/networking/iptables_-vnxL*',
      'sos_commands/networking/ip6tables_-vnxL*',
      'sos_commands/networking/nft_list_ruleset',
      'sos_commands/filesys/df_-al*',
    ],
    place: (name) => `commands/${name ?? 'command-output.txt'}`,
    // a status block of the agent's unit, a journal line about it, the FreeBSD rc script failing to start it
    // (parse/system/service-state.ts RC_DOWN), the SysV init script's start or stop (WALinuxAgent init/waagent, gaia:
    // `Starting AzureLinuxAgent: `, `Stopping AzureLinuxAgent: `; the 2.0 scripts' WindowsAzureLinuxAgent, SUSE's
    // `Shutting down …`, MicrosoftAzureLinuxAgent), a firewall listing, df, curl to WireServer, a process listing's ExtHandler
    sniff: {
      line: new RegExp(
        String.raw`^\s{0,4}(?:[●*○×]\s{0,2})?(?:walinuxagent|waagent)\.service -|^\s{0,4}(?:Starting|Stopping|Shutting down) (?:Windows|Microsoft)?AzureLinuxAgent\b|^\s{0,12}(?:\/usr\/local)?\/etc\/rc\.d\/waagent: WARNING: |^\s{0,12}(?:Active: (?:active|inactive|failed|activating|deactivating)\b|Loaded: (?:loaded|not-found|masked) \()|(?:walinuxagent|waagent)\.service: |^Chain (?:INPUT|OUTPUT|FORWARD) \(policy |^Filesystem\s{1,20}(?:1K-blocks|Size|Inodes)\s|^-A (?:INPUT|OUTPUT) |^[^\n]{0,40}\bcurl\b[^\n]{0,200}168\.63\.129\.16|^WALinuxAgent-[\d.]{1,20} running on [a-z]|${EXTHANDLER_COMMAND.source}`,
      ),
    },
    samples: [
      { text: 'WALinuxAgent-2.9.1.1 running on ubuntu 24.04\nPython: 3.12.3\nGoal state agent: 2.11.1.4', source: 'https://github.com/Azure/azure-linux-extensions/issues/1922' },
      {
        text: '● walinuxagent.service - Azure Linux Agent\n   Loaded: loaded (/lib/systemd/system/walinuxagent.service; enabled; vendor preset: enabled)\n   Active: inactive (dead) (Result: exit-code) since Tue 2017-07-18 15:54:27 CST; 10min ago',
        source: 'https://github.com/Azure/WALinuxAgent/issues/804',
      },
      { text: ' Starting waagent.\nenv: python: No such file or directory\n/etc/rc.d/waagent: WARNING: failed to start waagent', source: 'https://github.com/dmauser/opnazure/issues/35' },
      {
        // the init script's start prints the agent's own traceback when it cannot load its package
        text: '[root@redhat67 bin]# service waagent restart\nStopping AzureLinuxAgent:                                  [FAILED]\nStarting AzureLinuxAgent: Traceback (most recent call last):\n  File "/usr/sbin/waagent", line 31, in <module>\n    import azurelinuxagent.agent as agent\nImportError: No module named azurelinuxagent.agent',
        source: 'https://github.com/Azure/WALinuxAgent/issues/952',
      },
      { text: '  |-python3 -u /usr/sbin/waagent -daemon\n  |   `-python3 -u bin/WALinuxAgent-2.2.18-py2.7.egg -run-exthandlers\n  |       `-2*[{python3}]', source: 'https://github.com/Azure/WALinuxAgent/issues/963 (pstree)' },
    ],
  },
];
