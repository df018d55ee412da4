import { jsonWith, windowsOnly } from './sniff';
import { VMSNAP_LINUX } from '../model/handler';
import type { FormatDecl } from './types';

/** The Backup extension for Linux (VMSnapshotLinux): its logs, status and configuration (docs/formats.md). */

const EXT_LOG_DIR = `var/log/azure/${VMSNAP_LINUX}`;
const REPO = 'https://github.com/Azure/azure-linux-extensions';

/**
 * Words only the Backup extension's extension.log holds, wherever they stand in it: for an `extension.log` whose head
 * no sniffer knows (an excerpt that starts inside a snapshot, a head of command output), read whole (ingest/index.ts).
 * Its handler prefix (${REPO}/issues/1868), the freeze binary's steps and the snapshot summary of the Azure Backup
 * troubleshooting guide ("Review Extension logs", TheresaLui/SelfHelpContent_v2), the freeze lock (${REPO}/pull/1309),
 * safefreeze's own failures (Learn backup-azure-vms-troubleshoot, UserErrorFsFreezeFailed; WALinuxAgent#525), the
 * host snapshot's reply (${REPO}/pull/2019) and the task's timing lines (${REPO}/issues/494, /issues/1868).
 */
export const VMSNAPSHOT_MARKERS: readonly string[] = [
  `[${VMSNAP_LINUX}-`,
  'Starting Freeze Binary',
  'Binary Thaw Signal Received',
  'doFreezeSnapshot : ',
  'T:S snapshotall ',
  'T:S freeze',
  'MicrosoftRecoverySvcsSafeFreezeLock',
  'Failed to FIFREEZE: ',
  'Failed to FITHAW: ',
  'dosnapshot responseBody: ',
];

export const VMSNAPSHOT_FORMATS: FormatDecl[] = [
  {
    kind: 'vmsnapshot-extension-log',
    timedLog: true,
    title: { en: "the Backup extension's log (VMSnapshotLinux extension.log)", nl: 'het log van de back-upextensie (VMSnapshotLinux extension.log)' },
    linux: ['**/*VMSnapshotLinux/extension.log*'],
    names: /^extension\.log(?:\.\d{1,4})?$/,
    place: (name) => `${EXT_LOG_DIR}/${name ?? 'extension.log'}`,
    // py3 `2024-01-14 22:16:48.792020 [Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0]msg`, the local-time
    // `2024/01/14 22:16:48 ERROR:[…]msg` of hutil.error and py2, the legacy pre-2017 shape, and the extension's own
    // backup logger `2024-10-22 22:49:39.187634  Info  msg` (two spaces round the level; one where a page that
    // collapses runs of spaces showed it, with the microseconds it always has) as it appears once the
    // handler prefix is cut off: an excerpt, or the lines echoed to the serial console while the VM hung frozen;
    // and the safefreeze binary's own `%F %X msg` lines (`2017-11-02 11:22:56 Failed to FITHAW: /boot`, its
    // messages as main/safefreeze/src/safefreeze.c words them), which only this extension writes, also when an
    // article or a ticket indents the excerpt; and the handler's crash at import quoted without its file's name or
    // its paths (`File ".../WaagentLib.py"`): Python prints each frame's source line, and the first modules of its
    // own that VMBackup/main/handle.py imports (mounts, fsfreezer, parameterparser, …) only this extension has; a
    // module a newer Python dropped (crypt, imp, distutils) is reached through them (handle.py -> mounts.py -> …
    // -> WaagentLib.py, PR #2177). WaagentLib.py and WAAgentUtil.py alone are not its own: others bundle such files.
    sniff: {
      line: /^\d{4}[-/]\d\d[-/]\d\d \d\d:\d\d:\d\d(?:\.\d{1,9})? (?:(?:ERROR:|WARNING:)?\[[\w.]{0,100}VMSnapshotLinux-[\d.]{1,30}\]| (?:Info|Warning|Error|Verbose) {2}\S)|^\d{4}[-/]\d\d[-/]\d\d \d\d:\d\d:\d\d\.\d{6} (?:Info|Warning|Error|Verbose) \S|^[ \t]{0,8}\d{4}-\d\d-\d\d \d\d:\d\d:\d\d (?:(?:Freezing|Thawing|Failed to (?:FIFREEZE|FITHAW|open|stat)|Path not a directory): |\*{6} \d\. Binary |Failed to receive timely Thaw|Inconsistent snapshot because of SLEEP)|^[ \t]{0,12}from (?:mounts import Mounts?|fsfreezer import FsFreezer|freezesnapshotter import FreezeSnapshotter|backuplogger import Backuplogger|blobwriter import BlobWriter|parameterparser import ParameterParser|taskidentity import TaskIdentity)\b/,
    },
    // not split: a record's facts depend on the task and clock the lines before it announced
    samples: [
      { text: '2024-01-14 22:16:48.792020 [Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0]PreSnapshot: Status Code: 200', source: `${REPO}/issues/1868` },
      { text: '2017/11/14 03:06:52 [Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0]T:S snapshotall ends...', source: `${REPO}/issues/494` },
      { text: '2024-10-22 22:49:39.187634  Info  dosnapshot responseBody: StatusCode:500, ErrorMessage: Could not find config corresponding to the Disk  - md-zt1h5xp3fb3q - 4gsgxhsfkwl2/abcd, bhsVersion:3.0.51.0', source: `${REPO}/pull/2019` },
      { text: '2019-11-23 21:11:18.333008  Info  T:S freeze, timeout value 60 ', source: `${REPO}/issues/951` },
      { text: '    2017-11-02 11:22:56 Thawing: /boot\n    2017-11-02 11:22:56 Failed to FITHAW: /boot', source: 'https://learn.microsoft.com/azure/backup/backup-azure-vms-troubleshoot (UserErrorFsFreezeFailed)' },
      { text: 'File "main/handle.py", line 40, in <module>\n    from mounts import Mounts', source: `${REPO}/pull/2196` },
    ],
    missing: {
      order: 2,
      what: `/${EXT_LOG_DIR}/extension.log`,
      why: 'The backup extension log shows each snapshot task: freeze, snapshot, thaw and the final status code.',
      howToCollect: 'Collect /var/log/azure/* (included in `waagent -collect-logs`).',
      nl: { what: `/${EXT_LOG_DIR}/extension.log`, why: 'Het log van de back-upextensie toont elke momentopnametaak: bevriezen, momentopname, ontdooien en de eindstatuscode.', howToCollect: 'Verzamel /var/log/azure/* (zit in `waagent -collect-logs`).' },
      present: (files) => files.some((f) => f.kind === 'vmsnapshot-extension-log') || windowsOnly(files),
    },
  },
  {
    kind: 'vmsnapshot-shell-log',
    timedLog: true,
    title: { en: "the Backup extension's shell.log", nl: 'de shell.log van de back-upextensie' },
    linux: ['**/*VMSnapshotLinux/shell.log*'],
    names: /^shell\.log(?:\.\d{1,4})?$/,
    place: (name) => `${EXT_LOG_DIR}/${name ?? 'shell.log'}`,
    // handle.sh's `date -u`: `Mon Jul  1 02:13:20 UTC 2024- msg` (C locale) or `Thu May 21 05:04:31 PM UTC 2026- msg`
    // (a 12-hour locale); handle_host_daemon.sh's `[2024-07-01 02:13:20:123456789] msg`
    sniff: { line: /^(?:[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]?\d \d\d:\d\d:\d\d(?: [AP]M)? UTC \d{4} ?- ?|\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d:\d{1,9}\] )/ },
    samples: [{ text: 'Thu May 21 05:04:31 PM UTC 2026- 1 returned from handle.py', source: `${REPO}/pull/2177` }],
  },
  {
    kind: 'vmbackup-conf',
    title: { en: "the Backup extension's configuration (vmbackup.conf)", nl: 'de configuratie van de back-upextensie (vmbackup.conf)' },
    linux: ['etc/azure/vmbackup.conf'],
    names: /^vmbackup\.conf$/,
    sniff: { head: (h) => /^\[SnapshotThread\]/m.test(h) },
    collect: [['etc/azure/vmbackup.conf', 22]],
    samples: [{ text: '[SnapshotThread]\nfsfreeze: True\n', source: `test/fixtures/corpus/vmsnapshot/SOURCE.md: VMBackup/main/tempPlugin/vmbackup.conf (${REPO}, Apache-2.0)` }],
  },
  {
    kind: 'vmsnapshot-plugin-config',
    title: { en: 'the pre/post script configuration (VMSnapshotScriptPluginConfig.json)', nl: 'de configuratie van de pre- en postscripts (VMSnapshotScriptPluginConfig.json)' },
    linux: ['etc/azure/VMSnapshotScriptPluginConfig.json'],
    names: /^VMSnapshotScriptPluginConfig\.json$/,
    sniff: { head: (h) => jsonWith(h, 'pluginName') || jsonWith(h, 'preScriptLocation') },
    collect: [['etc/azure/VMSnapshotScriptPluginConfig.json', 23]],
  },
  {
    kind: 'workload-conf',
    title: { en: 'the database workload configuration (workload.conf)', nl: 'de configuratie van de databaseworkload (workload.conf)' },
    linux: ['etc/azure/workload.conf'],
    names: /^workload\.conf$/,
    sniff: { head: (h) => /^\[workload\]/m.test(h) },
    collect: [['etc/azure/workload.conf', 24]],
  },
];

