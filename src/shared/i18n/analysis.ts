import type { Lang, Localized } from '../catalog/types';
import type { MissingEvidence } from '../model/missing-evidence';
import { UNKNOWN_TASK_ID } from '../model/task-id';
import type { LegacyEncoding } from '../formats/encoding';
import type { CodeFrom } from '../vmsnapshot-codes';
import { UNNAMED_HANDLER } from '../model/handler';
import { entry, plural, quote, type AnalysisText, type Entry } from './entry';
import { PARSE_MESSAGES } from './parse';
import { PIPELINE_MESSAGES } from './pipeline';
import { SSH_MESSAGES } from './ssh';

export type { AnalysisText } from './entry';

/**
 * Why a path the engineer gave could not be opened, in words, for the errors of Node's they meet (ingest/io-problem.ts);
 * any other error keeps its own text (quoted in Dutch). The error's text stays in the message's params either way.
 */
const IO_PROBLEM = {
  en: { missing: 'it does not exist', denied: 'permission denied', folder: 'it is a folder, not a file', 'not-folder': 'a part of its path is not a folder', loop: 'too many symbolic links' },
  nl: { missing: 'het bestaat niet', denied: 'geen toegang', folder: 'het is een map, geen bestand', 'not-folder': 'een deel van het pad is geen map', loop: 'te veel symbolische koppelingen' },
} as const;
export type IoProblem = keyof (typeof IO_PROBLEM)['en'];

/**
 * The analysis's sentences (rule reasons, not-evaluable reasons, timeline labels) in English and Dutch.
 * A rule returns a message as data — a key and its typed parameters — and the engine renders it in both
 * languages, so no English sentence is built inside a rule and the Dutch report needs no translation step.
 * Each entry gives both languages for the same parameters: a missing language or a wrong parameter is a
 * type error. The English texts are the ones the JSON contract has always carried (docs/CONTRACT.md).
 */

export type GuestOs = 'windows' | 'linux';

/** The agent's log and how to collect it, in the guest's own terms. */
const TERMS: Record<Lang, Record<GuestOs, { log: string; path: string; collect: string; version: string }>> = {
  en: {
    windows: {
      log: 'WaAppAgent.log',
      path: 'C:\\WindowsAzure\\Logs\\WaAppAgent.log',
      collect: 'collect C:\\WindowsAzure\\Logs (WaAppAgent.log, TransparentInstaller.log) and C:\\Packages\\Plugins',
      version: 'the agent version in the portal (VM > Properties) or in WaAppAgent.log',
    },
    linux: { log: 'waagent.log', path: '/var/log/waagent.log', collect: 'collect /var/log/waagent.log* (`waagent -collect-logs`)', version: 'the agent version in the portal or with `waagent --version`' },
  },
  nl: {
    windows: {
      log: 'WaAppAgent.log',
      path: 'C:\\WindowsAzure\\Logs\\WaAppAgent.log',
      collect: 'verzamel C:\\WindowsAzure\\Logs (WaAppAgent.log, TransparentInstaller.log) en C:\\Packages\\Plugins',
      version: 'de agentversie in de portal (VM > Eigenschappen) of in WaAppAgent.log',
    },
    linux: { log: 'waagent.log', path: '/var/log/waagent.log', collect: 'verzamel /var/log/waagent.log* (`waagent -collect-logs`)', version: 'de agentversie in de portal of met `waagent --version`' },
  },
};
const en = (os: GuestOs) => TERMS.en[os];
const nl = (os: GuestOs) => TERMS.nl[os];

/**
 * Where a message about the agent's log read its records: the agent's own log, or (`relayedIn`, a bundle without it)
 * the files that relay them, the journal or syslog (names are not translated). At a sentence's start; `many` picks
 * the verb's number.
 */
type AgentLogIn = { os: GuestOs; relayedIn?: readonly string[] };
const logEn = (p: AgentLogIn) => (p.relayedIn?.length ? { log: `The agent's records in ${p.relayedIn.join(', ')}`, many: true } : { log: en(p.os).log, many: false });
const logNl = (p: AgentLogIn) => (p.relayedIn?.length ? { log: `De records van de agent in ${p.relayedIn.join(', ')}`, many: true } : { log: nl(p.os).log, many: false });

type Use = { mount: string; usedPercent: number };
const usedEn = (u: Use) => `${u.mount} ${u.usedPercent}% used`;
const usedNl = (u: Use) => `${u.mount} ${u.usedPercent}% in gebruik`;

const goneEn = (gone: readonly string[]) =>
  gone.length ? ` (Earlier failures of ${gone.join(', ')} are not counted: ${plural(gone.length, 'that handler is', 'these handlers are')} no longer in the goal state or installed.)` : '';
const goneNl = (gone: readonly string[]) =>
  gone.length ? ` (Eerdere fouten van ${gone.join(', ')} tellen niet mee: ${plural(gone.length, 'die handler staat', 'deze handlers staan')} niet meer in de doelstatus en ${plural(gone.length, 'is', 'zijn')} niet meer geïnstalleerd.)` : '';

const WINDOWS_HANG = {
  en: {
    'stuck-stopping': 'the Windows VM Agent service is stuck stopping',
    'bad-image-format': 'the Windows VM Agent cannot load its plugins (BadImageFormatException: the .NET host runs as 32-bit; set Enable64Bit)',
    'oobe-wait': 'the Windows VM Agent is waiting for OOBE (Windows setup) to finish',
  },
  nl: {
    'stuck-stopping': 'de service van de Windows VM-agent blijft hangen bij het stoppen',
    'bad-image-format': 'de Windows VM-agent kan zijn plug-ins niet laden (BadImageFormatException: de .NET-host draait als 32-bits proces; zet Enable64Bit)',
    'oobe-wait': 'de Windows VM-agent wacht tot OOBE (de Windows-installatie) klaar is',
  },
} as const;
export type WindowsHang = keyof (typeof WINDOWS_HANG)['en'];

const WINDOWS_DOWN = {
  en: {
    'install-failed': 'the Windows VM Agent installation failed, so the agent is not installed',
    'config-error': 'the Windows VM Agent cannot start: its .NET configuration (machine.config) is broken',
  },
  nl: {
    'install-failed': 'is de installatie van de Windows VM-agent mislukt, dus de agent is niet geïnstalleerd',
    'config-error': 'kan de Windows VM-agent niet starten: de .NET-configuratie (machine.config) is defect',
  },
} as const;
export type WindowsDown = keyof (typeof WINDOWS_DOWN)['en'];

/** How a snapshot task is named in a sentence. */
export interface TaskRef {
  taskId: string;
  seqNo?: number;
  /** ISO UTC. */
  start?: string;
}
/** A task the logs give no id: the result says "unknown" (the JSON contract), Dutch sentences say so in Dutch. */
/** How the agent's stop events read in a reason (the lifecycle fact's event codes). */
const STOP_EVENT = {
  'stop-signal': { en: 'stop signal', nl: 'stopsignaal' },
  orphan: { en: 'orphaned process', nl: 'verweesd proces' },
  'memory-limit': { en: 'memory limit reached', nl: 'geheugenlimiet bereikt' },
} as const;
export type AgentStopEvent = keyof typeof STOP_EVENT;

const tid = (id: string) => (id === UNKNOWN_TASK_ID ? '(geen taak-id in de logs)' : id);
/**
 * An extension operation in a Dutch sentence: the handler's commands (install, enable, …) keep their names, the
 * compute provider's "processing" of an extension (a deployment error) is said in Dutch.
 */
const opNl = (op: string) => (op === 'processing' ? 'verwerking' : op);
const tidEn = (id: string) => (id === UNKNOWN_TASK_ID ? '(no task id in the logs)' : id);
/** A task id in a table's column: the id, or "without id" in `lang` where the logs give none. */
export const taskIdIn = (lang: Lang, id: string): string => (id !== UNKNOWN_TASK_ID ? id : lang === 'nl' ? 'zonder id' : 'without id');
/** A task id standing alone (a chart's tooltip): the id, or for a task the logs give none "task without id" in `lang`. */
export const taskLabel = (lang: Lang, id: string): string => (id === UNKNOWN_TASK_ID ? renderAnalysis(msg('task.without-id'), lang) : id);
/** The mount the freeze binary was freezing when the freeze failed without naming one (fsfreeze-failed.task). */
const freezingEn = (mount?: string) => (mount ? ` (the last mount the freeze binary began to freeze: ${mount})` : '');
const freezingNl = (mount?: string) => (mount ? ` (het laatste koppelpunt dat het bevriesprogramma begon te bevriezen: ${mount})` : '');
const stamp = (iso: string) => iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
/**
 * A task in a sentence. One the logs give no id is named by what they do give, its sequence number and start
 * ("the snapshot task (seq 4) started …, no task id in the logs"), not as "task without id".
 */
const taskEn = (t: TaskRef) => {
  const seq = t.seqNo !== undefined ? ` (seq ${t.seqNo})` : '';
  const start = t.start ? ` started ${stamp(t.start)}` : '';
  return t.taskId === UNKNOWN_TASK_ID ? `the snapshot task${seq}${start} (no task id in the logs)` : `task ${t.taskId}${seq}${start}`;
};
const taskNl = (t: TaskRef) => {
  const about = [...(t.seqNo !== undefined ? [`volgnummer ${t.seqNo}`] : []), ...(t.start ? [`gestart om ${stamp(t.start)}`] : [])];
  if (t.taskId === UNKNOWN_TASK_ID) return `de momentopnametaak (${[...about, 'geen taak-id in de logs'].join(', ')})`;
  return `taak ${t.taskId}${about.length ? ` (${about.join(', ')})` : ''}`;
};
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const NO_SNAPSHOT_LOGS = {
  en: "The bundle holds no Backup extension log (/var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log) and no status file of the extension, so the snapshot itself cannot be judged. Collect them (waagent -collect-logs) or check the failed job in the vault's Backup jobs.",
  nl: 'De bundel bevat geen log van de back-upextensie (/var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log) en geen statusbestand van de extensie, dus de momentopname zelf is niet te beoordelen. Verzamel ze (waagent -collect-logs) of bekijk de mislukte taak bij Back-uptaken in de kluis.',
};
/** WireServer 503s are answers (the agent retries them as throttling): they point at the host as much as at a blocked path. */
const WIRE_503 = {
  en: 'All were HTTP 503 (Service Unavailable) answers: the WireServer answered but was unavailable, which a busy or restarting host causes as often as blocked access; test http://168.63.129.16/?comp=versions from the VM before changing its network rules.',
  nl: 'Het waren allemaal HTTP 503-antwoorden (Service Unavailable): de WireServer antwoordde maar was niet beschikbaar, wat een drukke of herstartende host even vaak veroorzaakt als geblokkeerde toegang; test http://168.63.129.16/?comp=versions vanaf de VM voordat u de netwerkregels wijzigt.',
};
const JOBS = {
  en: "Check the vault's Backup jobs for a job still running on this VM (wait for it or cancel it), and the old vault if backup was reconfigured.",
  nl: 'Zoek bij Back-uptaken in de kluis een taak die nog loopt op deze VM (wacht erop of annuleer hem), en kijk ook in de oude kluis als de back-up opnieuw is geconfigureerd.',
};
const RESTORE_POINTS = {
  en: 'Check the restore-point collection in the AzureBackupRG_<geo>_<n> resource group (at most 18 instant restore points), remove any lock on that resource group, and look for extra on-demand backups.',
  nl: 'Controleer de verzameling herstelpunten in de resourcegroep AzureBackupRG_<geo>_<n> (hoogstens 18 directe herstelpunten), verwijder een eventuele vergrendeling op die resourcegroep en zoek naar extra back-ups op aanvraag.',
};
const KEY_VAULT = {
  en: 'Check the Key Vault\'s access policies (or RBAC) in the portal: "Backup Management Service" needs Get/List on keys and secrets (Key Vault → Access policies → Add → template "Azure Backup").',
  nl: 'Controleer in de portal het toegangsbeleid (of RBAC) van de Key Vault: "Backup Management Service" heeft Get/List nodig op sleutels en geheimen (Key Vault → Toegangsbeleid → Toevoegen → sjabloon "Azure Backup").',
};
type TaskResult = 'success' | 'failed' | 'in-progress' | 'unfinished' | 'skipped' | 'unknown';
const SNAPSHOT_LABEL: Record<Lang, Record<TaskResult, string>> = {
  en: { success: 'Snapshot succeeded', failed: 'Snapshot failed', unfinished: 'Snapshot unfinished', skipped: 'Snapshot skipped (duplicate)', 'in-progress': 'Snapshot in progress', unknown: 'Snapshot' },
  nl: { success: 'Momentopname geslaagd', failed: 'Momentopname mislukt', unfinished: 'Momentopname niet afgerond', skipped: 'Momentopname overgeslagen (dubbel)', 'in-progress': 'Momentopname bezig', unknown: 'Momentopname (resultaat onbekend)' },
};
const OUTCOME_NL: Record<string, string> = { started: 'gestart', succeeded: 'geslaagd', failed: 'mislukt', 'timed-out': 'time-out' };
export type AgentMarker =
  | 'daemon-start'
  | 'exthandler-start'
  | 'crash'
  | 'daemon-exception'
  | 'exthandler-exit'
  | 'restart-loop'
  | 'thread-died'
  | 'not-terminated-cleanly'
  | 'stop-signal'
  | 'memory-limit'
  | 'orphan';
const AGENT_MARKER_NL: Record<AgentMarker, string> = {
  'daemon-start': 'Agentdaemon gestart',
  'exthandler-start': 'ExtHandler gestart',
  crash: 'Agent gecrasht',
  'daemon-exception': 'Fout (exception) in de agentdaemon',
  'exthandler-exit': 'ExtHandler gestopt',
  'restart-loop': 'Agent start steeds opnieuw',
  'thread-died': 'Thread van de agent gestopt',
  'not-terminated-cleanly': 'Agent niet netjes afgesloten',
  'stop-signal': 'Agent kreeg een stopsignaal',
  'memory-limit': 'Agent boven zijn geheugengrens',
  orphan: 'Agent als verweesd proces gestopt',
};
const snapshotsTakenNl = (n: number) => `${n} ${plural(n, 'momentopname werd', 'momentopnamen werden')}`;
type Disk = { device: string; size: string; encrypted: boolean };

const PROVISIONING = {
  en: 'Check the VM\'s provisioning state in the portal (VM → Overview → Status, or Activity log for "Create or Update Virtual Machine" / extension operations at the backup time); retry the backup once it shows "Succeeded".',
  nl: 'Controleer de inrichtingsstatus van de VM in de portal (VM → Overzicht → Status, of het activiteitenlogboek voor "Create or Update Virtual Machine" of extensiebewerkingen op het tijdstip van de back-up); probeer de back-up opnieuw zodra die "Geslaagd" toont.',
};
/** A supported version on a line without a time (a `ps` listing, a `waagent --version` paste): the agent updates itself. */
const UNTIMED_VERSION = {
  en: ' The line that names it has no time: it may have been taken after the failure, from an agent that updated itself since, so an older agent at the failure is not ruled out.',
  nl: ' De regel met deze versie heeft geen tijd: hij kan na de fout zijn genomen, van een agent die zichzelf sindsdien heeft bijgewerkt, dus een oudere agent ten tijde van de fout is niet uitgesloten.',
};
/** A supported version first named after the failure (probes.json at collection, the next heartbeat): the same doubt. */
const LATER_VERSION = {
  en: ' The first line that names it was written after the failure: the agent may have updated itself in between, so an older agent at the failure is not ruled out.',
  nl: ' De eerste regel met deze versie is na de fout geschreven: de agent kan zichzelf intussen hebben bijgewerkt, dus een oudere agent ten tijde van de fout is niet uitgesloten.',
};
/** A release with a published problem named on a line without a time, or first after the failure (no sign of it seen). */
const UNTIMED_RELEASE = {
  en: ' The line that names it has no time: the agent may have updated itself to this release after the failure, so its problem may not be the failure\'s.',
  nl: ' De regel met deze versie heeft geen tijd: de agent kan zichzelf na de fout naar deze versie hebben bijgewerkt, dus het probleem ervan is misschien niet dat van de fout.',
};
const LATER_RELEASE = {
  en: ' The first line that names it was written after the failure: the agent may have updated itself to this release in between, so its problem may not be the failure\'s.',
  nl: ' De eerste regel met deze versie is na de fout geschreven: de agent kan zichzelf intussen naar deze versie hebben bijgewerkt, dus het probleem ervan is misschien niet dat van de fout.',
};
/** A version below the minimum on a line without a time: the log may be older than the minimum (Linux and Windows alike). */
const UNTIMED_OLD = {
  en: (minimum: string) => ` The line that names it has no time, so the log may be older than ${minimum}: this alone may not explain the failure.`,
  nl: (minimum: string) => ` De regel met deze versie heeft geen tijd, dus het log kan ouder zijn dan ${minimum}: dit alleen verklaart de fout misschien niet.`,
};
/** A version below the minimum in a log dated before the minimum existed (Linux and Windows alike). */
const LOG_PREDATES = {
  en: (logDate: string, minimum: string) => ` The log is from ${logDate}, before ${minimum} existed, so this alone does not explain a failure then.`,
  nl: (logDate: string, minimum: string) => ` Het log is van ${logDate}, van vóór ${minimum}, dus dit alleen verklaart toen geen fout.`,
};
const POWER = {
  en: "Check the VM's Activity log for a guest-initiated shutdown / deallocation and its power state at the time of the backup (portal > VM > Overview / Activity log).",
  nl: 'Zoek in het activiteitenlogboek van de VM naar een afsluiting of vrijgave vanuit het gastbesturingssysteem en naar de energiestatus op het tijdstip van de back-up (portal > VM > Overzicht / Activiteitenlogboek).',
};
const FREEZE_CODES = {
  en: {
    121: 'the filesystem freeze failed',
    122: 'the filesystem freeze timed out',
    123: 'a mount point could not be opened for the freeze',
    124: 'the safefreeze binary is missing',
  },
  nl: {
    121: 'mislukte het bevriezen van het bestandssysteem',
    122: 'kreeg het bevriezen van het bestandssysteem een time-out',
    123: 'kon een koppelpunt niet worden geopend om het te bevriezen',
    124: 'ontbreekt het programma safefreeze',
  },
} as const;
/** The freeze binary's ioctl a mount point failed (`Failed to FIFREEZE: /data`, `Failed to FITHAW: /boot`). */
export type FreezeIoctl = 'FIFREEZE' | 'FITHAW';
/** "/a", "/a and /b", "/a, /b and 3 more": the mount points a freeze line names. */
const mountList = (mounts: readonly string[], and: string, more: (n: number) => string) => {
  const shown = mounts.slice(0, 4);
  const rest = mounts.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} ${and} ${more(rest)}`;
  return shown.length > 1 ? `${shown.slice(0, -1).join(', ')} ${and} ${shown[shown.length - 1]}` : shown.join('');
};
export type FreezeCode = keyof (typeof FREEZE_CODES)['en'];
/**
 * The id of parse/windows/vss.ts's signature for a VSS writer's veto of a snapshot phase (event VSS 8229), which
 * fsfreeze-failed weighs on its own (a veto alone gives a file-consistent point, not a failed job).
 */
export const VSS_WRITER_VETO = 'writer-rejected';
/** Dutch for parse/windows/vss.ts's VSS failures, by their id (the English is each signature's `what`). */
export const VSS_PROBLEM_NL: Readonly<Record<string, string>> = {
  'hold-writes-timeout': 'de VSS-provider kreeg een time-out terwijl hij schrijfacties vasthield (te veel I/O op het volume tijdens de momentopname)',
  'bitlocker-locked': 'een volume is vergrendeld door BitLocker, dus VSS kan er geen momentopname van maken',
  'volsnap-diff-area': 'de schaduwkopie werd afgebroken omdat het diff-gebied niet op tijd kon groeien (I/O-belasting)',
  'vss-not-registered': 'een onderdeel dat de Volume Shadow Copy-service nodig heeft is niet geregistreerd (VSS bereikt geen enkele writer, dus er kan geen momentopname worden gemaakt)',
  'system-provider-unavailable': 'de schaduwkopieprovider van Windows (swprv) kan niet worden gestart, dus VSS kan de momentopname niet maken',
  [VSS_WRITER_VETO]: 'een VSS-writer weigerde een fase van de momentopname (de writer faalde, dus de momentopname is niet toepassingsconsistent)',
};
/** A VSS writer's veto as its event names it: the writer, and the phase it refused when the event gives it. */
const vssVetoEn = (writer: string, operation?: string) => `the ${writer} rejected ${operation ?? 'a phase of the snapshot'}`;
const vssVetoNl = (writer: string, operation?: string) => `de ${writer} weigerde ${operation ?? 'een fase van de momentopname'}`;
/** Which file a check of the pre/post-script plugin host is about (parse/vmsnapshot/milestones.ts). */
export type PrepostFileRole = 'pre-script' | 'post-script' | 'host-config' | 'plugin-config';
/** What the check found: not owned by root, a mode that gives others access, missing, or unreadable. */
export type PrepostFileProblem = 'owner' | 'mode' | 'missing' | 'unreadable';
export type PrepostFile = { role: PrepostFileRole; problem: PrepostFileProblem; file?: string; owner?: string; mode?: string; error?: string };
const PREPOST_ROLE = {
  en: { 'pre-script': 'the pre-script', 'post-script': 'the post-script', 'host-config': 'the plugin host file', 'plugin-config': 'the script plugin configuration' },
  nl: { 'pre-script': 'het prescript', 'post-script': 'het postscript', 'host-config': 'het pluginhostbestand', 'plugin-config': 'de configuratie van de scriptplugin' },
} as const;
/** The mode each file must have (PluginHost.py / ScriptRunner.py checks): scripts and their JSON no access for group and others. */
const PREPOST_MODE: Record<PrepostFileRole, string> = { 'pre-script': '700', 'post-script': '700', 'host-config': '644', 'plugin-config': '600' };
const PREPOST_PROBLEM_EN: Record<PrepostFileProblem, string> = { owner: 'not owned by root', mode: 'permissions too open', missing: 'missing', unreadable: 'unreadable' };
const PREPOST_PROBLEM_NL: Record<PrepostFileProblem, string> = { owner: 'niet van root', mode: 'machtigingen te ruim', missing: 'ontbreekt', unreadable: 'onleesbaar' };
const fileEn = (p: PrepostFile) => `${PREPOST_ROLE.en[p.role]}${p.file ? ` ${p.file}` : ''}`;
const fileNl = (p: PrepostFile) => `${PREPOST_ROLE.nl[p.role]}${p.file ? ` ${p.file}` : ''}`;
const target = (p: PrepostFile) => p.file ?? (p.role === 'plugin-config' ? '/etc/azure/VMSnapshotScriptPluginConfig.json' : p.role === 'host-config' ? '/etc/azure/VMSnapshotPluginHost.conf' : '<script>');
/** `./main/…` is the extension's own copy, relative to its folder. */
const inExtensionEn = (p: PrepostFile) => (p.file?.startsWith('./') ? ' (relative to the extension\'s folder /var/lib/waagent/Microsoft.Azure.RecoveryServices.VMSnapshotLinux-<version>/)' : '');
const inExtensionNl = (p: PrepostFile) => (p.file?.startsWith('./') ? ' (ten opzichte van de map van de extensie /var/lib/waagent/Microsoft.Azure.RecoveryServices.VMSnapshotLinux-<versie>/)' : '');
const PREPOST_FIX = {
  en: (p: PrepostFile): string => {
    switch (p.problem) {
      case 'owner':
        return `Make root the owner of ${fileEn(p)}${inExtensionEn(p)}: \`chown root ${target(p)}\`.`;
      case 'mode':
        return `Take group and others' ${p.role === 'host-config' ? 'write and execute ' : ''}access away from ${fileEn(p)}${inExtensionEn(p)}: \`chmod ${PREPOST_MODE[p.role]} ${target(p)}\`, owned by root.`;
      case 'missing':
        return p.role === 'host-config'
          ? 'The extension\'s own plugin host file is missing: uninstall the VMSnapshotLinux extension in the portal; the next backup installs it again.'
          : `Put ${fileEn(p)} in place, or correct ${p.role === 'pre-script' ? 'preScriptLocation' : 'postScriptLocation'} in /etc/azure/VMSnapshotScriptPluginConfig.json.`;
      case 'unreadable':
        return p.role === 'host-config'
          ? 'Correct /etc/azure/VMSnapshotPluginHost.conf (section [pre_post] with numberOfPlugins, pluginName0, pluginPath0 and pluginConfigPath0), or remove it so the extension uses its own copy.'
          : 'Correct the JSON of /etc/azure/VMSnapshotScriptPluginConfig.json (preScriptLocation and postScriptLocation are required), or start again from a fresh copy of the sample on GitHub.';
    }
  },
  nl: (p: PrepostFile): string => {
    switch (p.problem) {
      case 'owner':
        return `Maak root eigenaar van ${fileNl(p)}${inExtensionNl(p)}: \`chown root ${target(p)}\`.`;
      case 'mode':
        return `Ontneem groep en anderen de ${p.role === 'host-config' ? 'schrijf- en uitvoerrechten' : 'toegang'} tot ${fileNl(p)}${inExtensionNl(p)}: \`chmod ${PREPOST_MODE[p.role]} ${target(p)}\`, met root als eigenaar.`;
      case 'missing':
        return p.role === 'host-config'
          ? 'Het eigen pluginhostbestand van de extensie ontbreekt: verwijder de VMSnapshotLinux-extensie in de portal; de volgende back-up installeert hem opnieuw.'
          : `Zet ${fileNl(p)} op zijn plaats, of verbeter ${p.role === 'pre-script' ? 'preScriptLocation' : 'postScriptLocation'} in /etc/azure/VMSnapshotScriptPluginConfig.json.`;
      case 'unreadable':
        return p.role === 'host-config'
          ? 'Verbeter /etc/azure/VMSnapshotPluginHost.conf (sectie [pre_post] met numberOfPlugins, pluginName0, pluginPath0 en pluginConfigPath0), of verwijder het zodat de extensie haar eigen exemplaar gebruikt.'
          : 'Verbeter de JSON van /etc/azure/VMSnapshotScriptPluginConfig.json (preScriptLocation en postScriptLocation zijn verplicht), of begin opnieuw met een vers exemplaar van het voorbeeld op GitHub.';
    }
  },
};
type Known = { problem: Localized; source: string };
const knownEn = (k: readonly Known[]) => k.map((x) => `${x.problem.en} (${x.source})`).join(' ');
const knownNl = (k: readonly Known[]) => k.map((x) => `${x.problem.nl} (${x.source})`).join(' ');

/** How far a snapshot task got (model/analysis.ts TaskStage, named here so the catalogue imports no model). */
const STAGE = {
  en: {
    'goal-state': 'the goal state',
    'agent-processed': 'the agent',
    enable: "the extension's enable",
    'pre-script': 'the pre-script',
    freeze: 'the filesystem freeze',
    snapshot: 'the snapshot',
    thaw: 'the thaw',
    'post-script': 'the post-script',
    status: 'the final status',
  },
  nl: {
    'goal-state': 'de doelstatus',
    'agent-processed': 'de agent',
    enable: 'het inschakelen (enable) van de extensie',
    'pre-script': 'het prescript',
    freeze: 'het bevriezen van het bestandssysteem',
    snapshot: 'de momentopname',
    thaw: 'het ontdooien',
    'post-script': 'het postscript',
    status: 'de eindstatus',
  },
} as const;
export type VerdictStage = keyof (typeof STAGE)['en'];
type Confidence = 'high' | 'medium' | 'low';
const CONFIDENCE: Record<Lang, Record<Confidence, string>> = { en: { high: 'high', medium: 'medium', low: 'low' }, nl: { high: 'hoog', medium: 'gemiddeld', low: 'laag' } };
/** The verdict's task: what it reached, where it stopped and with which code. */
interface VerdictTask {
  taskId: string;
  seqNo?: number;
  /** The extension ran the task (else it was only requested). */
  reached: boolean;
  /** ISO UTC: the extension's enable, or the task's start. */
  at?: string;
  stoppedAt?: VerdictStage;
  code?: number;
  statusName?: string;
  codeFrom?: CodeFrom;
  errorCode?: number;
  /** ISO UTC start of a later backup that succeeded. */
  laterSuccess?: string;
  /** A Windows guest: its consistency step is the VSS snapshot. */
  windows?: boolean;
}
const stageOf = (lang: Lang, p: VerdictTask): string => (p.windows && p.stoppedAt === 'freeze' ? VSS_STAGE[lang] : STAGE[lang][p.stoppedAt!]);
const VSS_STAGE: Record<Lang, string> = { en: 'the VSS snapshot (application consistency)', nl: 'de VSS-momentopname (applicatieconsistentie)' };
/** A task's status code as the log says it (SnapshotTask.codeFrom, errorCode). */
export type CodeSaid = { code?: number; statusName?: string; codeFrom?: CodeFrom; errorCode?: number };
/**
 * " (code 121 FailedRetryableFsFreezeFailed)" for a logged number; for a logged name the name as the log writes it and
 * the log's own error code (" (StatusCode.FailedRetryableSnapshotFailedRestrictedNetwork; the log's errorcode is 409)"):
 * the extension's number for a name is not in the log, and an engineer searching the log for it finds nothing. Nothing
 * for a code the log says in words only (`Failed to FIFREEZE`): the reason quotes the words.
 */
const codeParts = (lang: Lang, p: CodeSaid): string[] => {
  const parts: string[] = [];
  if (p.code !== undefined && !p.codeFrom) parts.push(`code ${p.code}${p.statusName ? ` ${p.statusName}` : ''}`);
  else if (p.code !== undefined && p.codeFrom === 'name' && p.statusName) parts.push(`StatusCode.${p.statusName}`);
  if (p.errorCode !== undefined) parts.push(lang === 'nl' ? `de errorcode in het log is ${p.errorCode}` : `the log's errorcode is ${p.errorCode}`);
  return parts;
};
const codeSaid = (lang: Lang, p: CodeSaid): string => {
  const parts = codeParts(lang, p);
  return parts.length ? ` (${parts.join('; ')})` : '';
};
/** "(Failed to FITHAW)", with the code as codeSaid says it. */
const ioctlSaid = (lang: Lang, ioctl: FreezeIoctl, p: CodeSaid) => `(${[`Failed to ${ioctl}`, ...codeParts(lang, p)].join('; ')})`;
const at = (word: string, iso?: string) => (iso ? ` ${word} ${stamp(iso)}` : '');
/** An age in days and hours ("3 d 4 h"), or hours and minutes under a day; `hour` is the language's unit (h, u). */
const age = (ms: number, hour: string) => {
  const min = Math.floor(ms / 60_000);
  const h = Math.floor(min / 60);
  return h >= 24 ? `${Math.floor(h / 24)} d ${h % 24} ${hour}` : `${h} ${hour} ${min % 60} min`;
};
/** Why an archive member's name is refused (ingest/paths.ts safeMemberPath). */
const REFUSED_NAME = {
  en: { empty: 'empty entry name', nul: 'entry name contains a NUL byte', 'absolute-windows': 'absolute Windows path', absolute: 'absolute path', escapes: 'path escapes the bundle (..)' },
  nl: { empty: 'lege naam', nul: 'de naam bevat een NUL-byte', 'absolute-windows': 'absoluut Windows-pad', absolute: 'absoluut pad', escapes: 'het pad gaat buiten de bundel (..)' },
} as const;
export type RefusedName = keyof (typeof REFUSED_NAME)['en'];
/** "origin: " in front of an ingest warning, nothing when the warning's file already says where. */
const where = (origin: string) => (origin ? `${origin}: ` : '');

/** What an archive was taken for (by its first bytes), as the damaged-archive warnings name it. */
export type ArchiveFormat = 'zip' | 'tar' | 'tar.gz' | 'tar.xz' | 'tar.bz2' | 'tar.zst';
const ARCHIVE_FORMAT: { en: Record<ArchiveFormat, string>; nl: Record<ArchiveFormat, string> } = {
  en: { zip: 'a zip archive', tar: 'a tar archive', 'tar.gz': 'a tar.gz archive', 'tar.xz': 'a tar.xz archive', 'tar.bz2': 'a tar.bz2 archive', 'tar.zst': 'a tar.zst archive' },
  nl: { zip: 'een zip-archief', tar: 'een tar-archief', 'tar.gz': 'een tar.gz-archief', 'tar.xz': 'een tar.xz-archief', 'tar.bz2': 'een tar.bz2-archief', 'tar.zst': 'een tar.zst-archief' },
};
/** A few names of `count` (the rest as "and N more"). */
const listed = (names: readonly string[], count: number, more: string) => `${names.join(', ')}${count > names.length ? ` ${more === 'more' ? 'and' : 'en'} ${count - names.length} ${more}` : ''}`;
/** What placed a loose file: the format its content is (title in both languages), its name, or both. */
const ENCODING_NAMES: Record<LegacyEncoding, Localized> = {
  'windows-1252': { en: 'Windows-1252 (Western European)', nl: 'Windows-1252 (West-Europees)' },
  'windows-1250': { en: 'Windows-1250 (Central European)', nl: 'Windows-1250 (Centraal-Europees)' },
  'iso-8859-2': { en: 'ISO-8859-2 (Latin-2, Central European)', nl: 'ISO-8859-2 (Latin-2, Centraal-Europees)' },
  shift_jis: { en: 'Shift_JIS (Japanese)', nl: 'Shift_JIS (Japans)' },
  gbk: { en: 'GBK (Simplified Chinese)', nl: 'GBK (Vereenvoudigd Chinees)' },
};
/**
 * Why a loose file was placed where it was. `platform`: a handler's settings or status document, the same on Linux and
 * Windows, taken for the platform the files beside it are (`beside`: their names), Linux when none is a Windows VM's.
 */
export type LooseWhy =
  | { by: 'content' | 'name-and-content' | 'name-and-folder'; title: Localized }
  | { by: 'name'; name: string }
  | ({ by: 'platform'; title: Localized } & TakenFor);
/** The platform a document both platforms' handlers write alike was taken for, and the files beside it that decided (`beside`). */
export type TakenFor = { platform: 'linux' | 'windows'; beside?: string };
const takenForEn = (t: TakenFor) =>
  `which Linux and Windows handlers write alike; taken for a ${t.platform === 'windows' ? `Windows VM's, as the files beside it are (${t.beside ?? ''})` : "Linux VM's, as the files beside it are not a Windows VM's"}`;
const takenForNl = (t: TakenFor) =>
  `die Linux- en Windows-extensies gelijk schrijven; aangenomen als die van een ${t.platform === 'windows' ? `Windows-VM, zoals de bestanden ernaast (${t.beside ?? ''})` : 'Linux-VM, want de bestanden ernaast zijn niet die van een Windows-VM'}`;
const looseWhyEn = (w: LooseWhy) =>
  w.by === 'name'
    ? `its name is ${w.name}`
    : w.by === 'platform'
      ? `its content is ${w.title.en}, ${takenForEn(w)}`
      : w.by === 'content'
        ? `its content is ${w.title.en}`
        : w.by === 'name-and-folder'
          ? `its name and folder are those of ${w.title.en}`
          : `its name and content are those of ${w.title.en}`;
const looseWhyNl = (w: LooseWhy) =>
  w.by === 'name'
    ? `de naam is ${w.name}`
    : w.by === 'platform'
      ? `de inhoud is die van ${w.title.nl}, ${takenForNl(w)}`
      : w.by === 'content'
        ? `de inhoud is die van ${w.title.nl}`
        : w.by === 'name-and-folder'
          ? `naam en map zijn die van ${w.title.nl}`
          : `naam en inhoud zijn die van ${w.title.nl}`;

/** Sentences joined by one space: some parts bring a leading space, some a trailing one. */
/** A sentence ended by a log's own text gets its full stop only when the text has none. */
const fullStop = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);
const joinSentences = (texts: readonly string[]) =>
  texts
    .map((x) => x.trim())
    .filter((x) => x !== '')
    .join(' ');

export const ANALYSIS = {
  /** Parts rendered one after the other (a reason with a note appended). */
  seq: entry({ en: (p: { parts: readonly AnalysisText[] }, t) => p.parts.map(t).join(''), nl: (p, t) => p.parts.map(t).join('') }),
  /** Whole sentences one after the other, one space between them whatever spaces their own texts begin or end with. */
  sentences: entry({ en: (p: { parts: readonly AnalysisText[] }, t) => joinSentences(p.parts.map(t)), nl: (p, t) => joinSentences(p.parts.map(t)) }),
  /** Text quoted from the bundle (a log line's detail): the same in every language. */
  raw: entry({ en: (p: { text: string }) => p.text, nl: (p) => p.text }),
  /** A snapshot task the logs give no id (UNKNOWN_TASK_ID), named on its own. */
  'task.without-id': entry({ en: () => 'task without id', nl: () => 'taak zonder id' }),
  /** Log text inside a Dutch sentence: quoted, so the reader sees where the log's own (English) words begin. */
  line: entry({ en: (p: { text: string }) => p.text, nl: (p) => quote(p.text) }),
  /** The parsers' warnings and fact details (parse.ts). */
  ...PARSE_MESSAGES,
  /** The pipeline's, the app's and the SSH live checks' own sentences (pipeline.ts). */
  ...PIPELINE_MESSAGES,
  /** The SSH collection's progress, questions and errors (ssh.ts). */
  ...SSH_MESSAGES,

  // What a parser says about a fact (FactDetail): the fact's English `detail` is the `en` text, which the
  // JSON keeps; the log line it quotes stays verbatim.
  /** A fact's detail: in English the text the fact (and the JSON) carries, in Dutch its message. */
  'fact-detail': entry({ en: (p: { detail: string; note: AnalysisText }) => p.detail, nl: (p, t) => t(p.note) }),
  'detail.service-down': entry({
    en: (p: { line: string }) => `the agent's service went down and did not come back: ${p.line}`,
    nl: (p) => `de service van de agent viel weg en kwam niet terug: ${quote(p.line)}`,
  }),
  'detail.service-started': entry({
    en: (p: { line: string }) => `the agent's service started: ${p.line}`,
    nl: (p) => `de service van de agent startte: ${quote(p.line)}`,
  }),
  'detail.service-status': entry({
    en: (p: { unit: string; state: string; sub?: string; disabled: boolean }) =>
      `${p.unit}: ${p.state}${p.sub ? ` (${p.sub})` : ''} (systemctl status)${p.disabled ? '; the unit is disabled, so it does not start at boot' : ''}`,
    nl: (p) => `${p.unit}: ${p.state}${p.sub ? ` (${p.sub})` : ''} (systemctl status)${p.disabled ? '; de unit is uitgeschakeld, dus hij start niet bij het opstarten van de VM' : ''}`,
  }),
  'detail.service-not-loaded': entry({
    en: (p: { unit: string; state: string }) => `${p.unit} is ${p.state} (systemctl status)`,
    nl: (p) => `${p.unit}: ${p.state} (systemctl status)`,
  }),
  'detail.interpreter-missing': entry({
    en: (p: { line: string; interpreter: string }) => `the agent's start runs ${p.interpreter}, which the VM does not have: ${p.line}`,
    nl: (p) => `de start van de agent roept ${p.interpreter} aan, dat niet op de VM staat: ${quote(p.line)}`,
  }),
  'detail.conf-missing': entry({
    en: (p: { line: string }) => `the daemon exits while loading its configuration file (waagent.conf missing or unreadable): ${p.line}`,
    nl: (p) => `de daemon stopt bij het laden van zijn configuratiebestand (waagent.conf ontbreekt of is onleesbaar): ${quote(p.line)}`,
  }),
  'detail.windows-install-failed': entry({
    en: (p: { failure: string; line: string }) => `The Windows VM Agent installation failed: ${p.failure}`,
    nl: (p) => `het installatieprogramma van de Windows VM-agent meldde: ${quote(p.line)}`,
  }),
  'detail.install-cmd-timeout': entry({
    en: (p: { op: string; handler: string }) => `${p.op}.cmd of ${p.handler} did not exit in time and was killed`,
    nl: (p) => `${p.op}.cmd van ${p.handler} was niet op tijd klaar en werd beëindigd`,
  }),
  'detail.vcredist-failed': entry({
    en: (p: { product: string; error: string; line: string }) => `the Visual C++ runtime the backup extension needs did not install (${p.product}: ${p.error})`,
    nl: (p) => `de Visual C++-runtime die de back-upextensie nodig heeft, is niet geïnstalleerd (${quote(p.line)})`,
  }),
  'detail.vss-provider-failed': entry({
    en: (p: { message: string }) => `VSS provider installation failed: ${p.message}`,
    nl: (p) => `de installatie van de VSS-provider mislukte: ${quote(p.message)}`,
  }),
  'detail.curl-failed': entry({
    en: (p: { output: string }) => `curl to 168.63.129.16 timed out or got no HTTP answer (${p.output})`,
    nl: (p) => `curl naar 168.63.129.16 kreeg een time-out of geen HTTP-antwoord (${quote(p.output)})`,
  }),
  'detail.curl-answered': entry({
    en: (p: { status: string }) => `curl to 168.63.129.16 answered HTTP ${p.status}`,
    nl: (p) => `curl naar 168.63.129.16 kreeg antwoord: HTTP ${p.status}`,
  }),
  'detail.firewall-drop': entry({
    en: (p: { rule: string }) => `168.63.129.16 unreachable: a firewall rule drops its traffic (${p.rule})`,
    nl: (p) => `168.63.129.16 is onbereikbaar: een firewallregel laat het verkeer niet door (${quote(p.rule)})`,
  }),
  /** A `df` (or `df -i`) row for / or /var; the row is quoted as printed (whitespace folded). */
  'detail.df': entry({
    en: (p: { inodes: boolean; mount: string; used: number; row: string }) => `${p.inodes ? 'inodes' : 'space'} on ${p.mount}: ${p.used}% used (df${p.inodes ? ' -i' : ''}: ${p.row})`,
    nl: (p) => `${p.inodes ? 'inodes' : 'ruimte'} op ${p.mount}: ${p.used}% in gebruik (df${p.inodes ? ' -i' : ''}: ${quote(p.row)})`,
  }),
  /** A mount's use from the SSH collection's live `df` (probes.json). */
  'detail.live-df': entry({
    en: (p: { mount: string; used: number; available: number }) => `${p.mount}: ${p.used}% used, ${p.available} bytes available (live check)`,
    nl: (p) => `${p.mount}: ${p.used}% in gebruik, ${p.available} bytes vrij (controle op de VM)`,
  }),
  /** What an SSH collection's manifest.json says it holds (its `reason` is the collector's English, quoted in Dutch). */
  'detail.ssh-collection': entry({
    en: (p: { files: number; root: boolean; incomplete: boolean; reason?: string }) =>
      p.incomplete
        ? `incomplete: ${p.reason ?? 'unknown reason'} (${p.files} ${plural(p.files, 'file', 'files')} arrived)`
        : `${p.files} ${plural(p.files, 'file', 'files')} collected${p.root ? '' : ' without root (agent state may be missing)'}`,
    nl: (p) =>
      p.incomplete
        ? `onvolledig: ${p.reason !== undefined ? quote(p.reason) : 'onbekende reden'} (${p.files} ${plural(p.files, 'bestand', 'bestanden')} aangekomen)`
        : `${p.files} ${plural(p.files, 'bestand', 'bestanden')} verzameld${p.root ? '' : ' zonder root (de toestand van de agent kan ontbreken)'}`,
  }),
  // the Windows agent's own lifecycle lines (WaAppAgent.log)
  'detail.win-agent-stopping': entry({ en: () => 'WindowsAzureGuestAgent stopping', nl: () => 'WindowsAzureGuestAgent stopt' }),
  'detail.win-agent-stopping-for-update': entry({ en: () => 'WindowsAzureGuestAgent stopping to update itself', nl: () => 'WindowsAzureGuestAgent stopt om zichzelf bij te werken' }),
  'detail.win-agent-stopped': entry({ en: () => 'WindowsAzureGuestAgent stopped', nl: () => 'WindowsAzureGuestAgent is gestopt' }),
  'detail.oobe-wait': entry({
    en: () => 'The agent is waiting for Windows setup (OOBE) to complete before it starts work',
    nl: () => 'de agent wacht tot de Windows-installatie (OOBE) klaar is voordat hij aan het werk gaat',
  }),
  // ingest warnings (Warning.note): the English is Warning.message, as the JSON and the CLI have it
  'ingest.twice': entry({
    en: (p: { path: string; first: string; second: string }) => `/${p.path} is in the bundle twice (${p.first} and ${p.second}); both are kept`,
    nl: (p) => `/${p.path} zit twee keer in de bundel (${p.first} en ${p.second}); beide worden bewaard`,
  }),
  'ingest.same-file': entry({
    en: (p: { path: string; kept: string; dropped: string }) => `/${p.path} was given twice: ${p.dropped} is the same file as ${p.kept} (or an older copy of it), so it is read once, from ${p.kept}`,
    nl: (p) => `/${p.path} is twee keer gegeven: ${p.dropped} is hetzelfde bestand als ${p.kept} (of een oudere kopie ervan) en wordt dus één keer gelezen, uit ${p.kept}`,
  }),
  /** An archive whose end is missing (a download or copy that stopped early): what was still read, what to do. */
  'ingest.archive-cut': entry({
    en: (p: { origin: string; format: ArchiveFormat; read: number; partial?: string; whole?: boolean }) =>
      p.whole
        ? `${p.origin} is ${ARCHIVE_FORMAT.en[p.format]} cut short inside the list of its files at its very end: all ${p.read} ${plural(p.read, 'file', 'files')} before that list ${p.read === 1 ? 'was' : 'were'} read, so nothing is missing`
        : `${p.origin} is ${ARCHIVE_FORMAT.en[p.format]} cut short (the download or copy stopped before its end${p.format === 'zip' ? ', where the list of its files is' : ''}): ${
            p.read > 0 ? `${p.read} ${plural(p.read, 'file was', 'files were')} still read${p.partial ? `, the last ${p.read === 1 ? 'one' : 'of them'} (${p.partial}) only up to the cut` : ''}` : 'nothing in it could be read'
          }; collect the bundle again to get ${p.read > 0 ? 'the rest' : 'its files'}`,
    nl: (p) =>
      p.whole
        ? `${p.origin} is ${ARCHIVE_FORMAT.nl[p.format]} dat helemaal aan het einde is afgebroken, in de lijst van de bestanden: ${p.read === 1 ? 'het bestand' : `alle ${p.read} bestanden`} vóór die lijst ${p.read === 1 ? 'is' : 'zijn'} gelezen, dus er ontbreekt niets`
        : `${p.origin} is ${ARCHIVE_FORMAT.nl[p.format]} dat is afgebroken (het downloaden of kopiëren stopte vóór het einde${p.format === 'zip' ? ', waar de lijst van de bestanden staat' : ''}): ${
            p.read > 0
              ? `${p.read} ${plural(p.read, 'bestand is', 'bestanden zijn')} toch gelezen${p.partial ? `, ${p.read === 1 ? 'dat' : 'het laatste'} (${p.partial}) alleen tot waar het afbreekt` : ''}`
              : 'er kon niets uit worden gelezen'
          }; verzamel de bundel opnieuw voor ${p.read > 0 ? 'de rest' : 'de bestanden'}`,
  }),
  /**
   * An archive with wrong bytes in it: `part` says where (a zip's list of files, which the files' own headers stand in for;
   * the data, after which nothing more can be read).
   */
  'ingest.archive-damaged': entry({
    en: (p: { origin: string; format: ArchiveFormat; read: number; part: 'directory' | 'data' }) =>
      p.part === 'directory'
        ? `${p.origin} is ${ARCHIVE_FORMAT.en[p.format]} whose list of files is damaged (bytes in it were changed on the way): ${p.read} ${plural(p.read, 'file was', 'files were')} still read from the archive's own file headers; collect the bundle again if a file you need is missing`
        : `${p.origin} is ${ARCHIVE_FORMAT.en[p.format]} damaged part-way (bytes in it were changed on the way): ${p.read > 0 ? `${p.read} ${plural(p.read, 'file was', 'files were')} still read, what stood in the damaged part is lost` : 'nothing in it could be read'}; collect the bundle again to get ${p.read > 0 ? 'the rest' : 'its files'}`,
    nl: (p) =>
      p.part === 'directory'
        ? `${p.origin} is ${ARCHIVE_FORMAT.nl[p.format]} waarvan de lijst van bestanden beschadigd is (er zijn onderweg bytes in veranderd): ${p.read} ${plural(p.read, 'bestand is', 'bestanden zijn')} toch gelezen uit de eigen kopteksten van de bestanden in het archief; verzamel de bundel opnieuw als er een bestand ontbreekt dat u nodig hebt`
        : `${p.origin} is ${ARCHIVE_FORMAT.nl[p.format]} dat halverwege beschadigd is (er zijn onderweg bytes in veranderd): ${p.read > 0 ? `${p.read} ${plural(p.read, 'bestand is', 'bestanden zijn')} toch gelezen, wat in het beschadigde deel stond is verloren` : 'er kon niets uit worden gelezen'}; verzamel de bundel opnieuw voor ${p.read > 0 ? 'de rest' : 'de bestanden'}`,
  }),
  /** A zip with encrypted (password-protected) members: how many, the first few names, and how to read them. */
  'ingest.zip-encrypted': entry({
    en: (p: { origin: string; count: number; read: number; names: readonly string[] }) =>
      p.read === 0
        ? `${p.origin} is a zip archive protected with a password: ${p.count === 1 ? 'its file is' : `all ${p.count} of its files are`} encrypted, so nothing in it could be read; extract it with its password and open the folder, or collect the bundle again without a password`
        : `${p.origin} is a zip archive with ${p.count} encrypted (password-protected) ${plural(p.count, 'file', 'files')} that could not be read (${listed(p.names, p.count, 'more')}); the other ${p.read} ${plural(p.read, 'file was', 'files were')} read; extract it with its password and open the folder to read them all`,
    nl: (p) =>
      p.read === 0
        ? `${p.origin} is een zip-archief dat met een wachtwoord is beveiligd: ${p.count === 1 ? 'het bestand erin is' : `alle ${p.count} bestanden erin zijn`} versleuteld, dus er kon niets uit worden gelezen; pak het uit met het wachtwoord en open de map, of verzamel de bundel opnieuw zonder wachtwoord`
        : `${p.origin} is een zip-archief met ${p.count} ${plural(p.count, 'versleuteld', 'versleutelde')} (met een wachtwoord beveiligde) ${plural(p.count, 'bestand', 'bestanden')} die niet gelezen ${p.count === 1 ? 'kon' : 'konden'} worden (${listed(p.names, p.count, 'meer')}); de andere ${p.read} ${plural(p.read, 'bestand is', 'bestanden zijn')} gelezen; pak het uit met het wachtwoord en open de map om alles te lezen`,
  }),
  'ingest.refused-entry': entry({
    en: (p: { origin: string; name: string; reason: RefusedName }) => `${p.origin}: refused entry ${p.name}: ${REFUSED_NAME.en[p.reason]}`,
    nl: (p) => `${p.origin}: bestand ${p.name} geweigerd: ${REFUSED_NAME.nl[p.reason]}`,
  }),
  /** A link in an archive; a tar names its target, a zip's target is its content (not read). */
  'ingest.refused-link': entry({
    en: (p: { origin: string; name: string; hard?: boolean; target?: string }) =>
      `${p.origin}: refused ${p.hard ? 'hard link' : 'symbolic link'} ${p.name}${p.target !== undefined ? ` → ${p.target}` : ''} (links are never followed)`,
    nl: (p) => `${p.origin}: ${p.hard ? 'harde' : 'symbolische'} koppeling ${p.name}${p.target !== undefined ? ` → ${p.target}` : ''} geweigerd (koppelingen worden nooit gevolgd)`,
  }),
  'ingest.zip-bomb': entry({
    en: (p: { origin: string; packed: number; size: number; ratio: number }) => `${p.origin}: refused, it would inflate ${p.packed} bytes to ${p.size} (ratio above ${p.ratio}: a zip bomb?)`,
    nl: (p) => `${p.origin}: geweigerd, het zou ${p.packed} bytes uitpakken tot ${p.size} (verhouding boven ${p.ratio}: een zipbom?)`,
  }),
  'ingest.bomb': entry({
    en: (p: { origin: string; ratio: number }) => `${p.origin}: refused, it inflates to more than ${p.ratio}× its size (a decompression bomb?)`,
    nl: (p) => `${p.origin}: geweigerd, het wordt uitgepakt meer dan ${p.ratio}× zo groot (een decompressiebom?)`,
  }),
  'ingest.not-gzip': entry({
    en: (p: { origin: string }) => `${p.origin}: named .gz but is not gzip data; read as is`,
    nl: (p) => `${p.origin}: heet .gz maar bevat geen gzip-gegevens; gelezen zoals het is`,
  }),
  'ingest.too-deep': entry({
    en: (p: { origin: string; depth: number }) => `${p.origin}: not opened, nested deeper than ${p.depth} archive levels (nesting cap)`,
    nl: (p) => `${p.origin}: niet geopend, dieper genest dan ${p.depth} archiefniveaus (grens voor nesting)`,
  }),
  'ingest.cannot-list': entry({
    en: (p: { path: string; error: string }) => `${p.path}: cannot list (${p.error})`,
    nl: (p) => `${p.path}: de inhoud van de map kan niet worden opgevraagd (${quote(p.error)})`,
  }),
  'ingest.link-skipped': entry({
    en: (p: { path: string }) => `${p.path}: skipped, symbolic links are not followed`,
    nl: (p) => `${p.path}: overgeslagen, symbolische koppelingen worden niet gevolgd`,
  }),
  'ingest.cannot-read': entry({
    en: (p: { path: string; error: string; problem?: IoProblem }) => `${p.path}: cannot read (${p.problem ? IO_PROBLEM.en[p.problem] : p.error})`,
    nl: (p) => `${p.path}: kan niet worden gelezen (${p.problem ? IO_PROBLEM.nl[p.problem] : quote(p.error)})`,
  }),
  'ingest.capped-reading': entry({
    en: (p: { origin: string; size: number; cap: number; kept: number }) => `${p.origin}: ${p.size} bytes, more than the ${p.cap}-byte per-file cap; reading the last ${p.kept} bytes`,
    nl: (p) => `${p.origin}: ${p.size} bytes, meer dan de per-bestandslimiet van ${p.cap} bytes; alleen de laatste ${p.kept} bytes worden gelezen`,
  }),
  'ingest.input-unreadable': entry({
    en: (p: { path: string; error: string; problem?: IoProblem }) => `cannot read ${p.path}: ${p.problem ? IO_PROBLEM.en[p.problem] : p.error}`,
    nl: (p) => `${p.path} kan niet worden gelezen: ${p.problem ? IO_PROBLEM.nl[p.problem] : quote(p.error)}`,
  }),
  'ingest.evtx': entry({
    en: (p: { origin: string }) =>
      `${p.origin}: a Windows event log in its binary form (.evtx), which this app cannot read; export it readable: in Event Viewer, Windows Logs > System (then Application) > Save All Events As… as .xml, .csv or .txt, or run \`wevtutil qe System /f:xml > System.xml\` (and the same for Application) in an elevated prompt`,
    nl: (p) =>
      `${p.origin}: een Windows-gebeurtenislogboek in binaire vorm (.evtx), dat deze app niet kan lezen; exporteer het leesbaar: in Logboeken (Event Viewer), Windows-logboeken > Systeem (daarna Toepassing) > Alle gebeurtenissen opslaan als… als .xml, .csv of .txt, of voer \`wevtutil qe System /f:xml > System.xml\` (en hetzelfde voor Application) uit in een opdrachtprompt met beheerdersrechten`,
  }),
  /** A file (or a paste) no format reads that holds a VSS writer's state line on its own (formats/windows-sniff.ts vssWriterStateLine). */
  'ingest.vss-state-unread': entry({
    en: (p: { origin: string; line: string }) =>
      `${p.origin}: not recognised; it holds a VSS writer's state as \`vssadmin list writers\` prints it ("${p.line}") but not the writer's name and ids, so it is not read: attach the whole output of \`vssadmin list writers\``,
    nl: (p) =>
      `${p.origin}: niet herkend; het bevat de status van een VSS-writer zoals \`vssadmin list writers\` die toont ("${p.line}") maar niet de naam en id's van de writer, dus het is niet gelezen: voeg de volledige uitvoer van \`vssadmin list writers\` toe`,
  }),
  /** A 7-Zip or RAR archive (by its name or its first bytes): no reader for it here, so the user is told what to do. */
  'ingest.other-archive': entry({
    en: (p: { origin: string; format: '7z' | 'rar' }) =>
      `${p.origin}: a ${p.format === '7z' ? '7-Zip (.7z)' : 'RAR'} archive, which this app cannot open, so nothing in it was read; extract it (in 7-Zip: Extract Here) and open the folder, or zip its files again as a .zip (in Explorer: Send to > Compressed (zipped) folder)`,
    nl: (p) =>
      `${p.origin}: een ${p.format === '7z' ? '7-Zip-archief (.7z)' : 'RAR-archief'}, dat deze app niet kan openen, dus er is niets uit gelezen; pak het uit (in 7-Zip: Hier uitpakken) en open de map, of zip de bestanden opnieuw als .zip (in Verkenner: Kopiëren naar > Gecomprimeerde (gezipte) map)`,
  }),
  /** A file compressed though its name does not say so (ingest/index.ts unpackUnnamed). */
  'ingest.packed-unnamed': entry({
    en: (p: { origin: string; codec: string }) => `${p.origin}: ${p.codec}-compressed though its name does not say so (did it lose its extension on the way?); read decompressed`,
    nl: (p) => `${p.origin}: met ${p.codec} gecomprimeerd hoewel de naam dat niet zegt (is de extensie onderweg verloren gegaan?); gedecomprimeerd gelezen`,
  }),
  'ingest.capped-not-read': entry({
    en: (p: { origin: string; size: number; cap: number }) => `${p.origin}: ${p.size} compressed bytes, more than the ${p.cap}-byte per-file cap; not read`,
    nl: (p) => `${p.origin}: ${p.size} gecomprimeerde bytes, meer dan de per-bestandslimiet van ${p.cap} bytes; niet gelezen`,
  }),
  'ingest.capped-tail': entry({
    en: (p: { origin: string; cap: number; kept: number }) => `${p.origin}: more than the ${p.cap}-byte per-file cap; reading the last ${p.kept} bytes`,
    nl: (p) => `${p.origin}: meer dan de per-bestandslimiet van ${p.cap} bytes; alleen de laatste ${p.kept} bytes worden gelezen`,
  }),
  'ingest.only-nul': entry({
    en: (p: { origin: string; size: number }) =>
      `${p.origin}: ${p.size} bytes, all NUL: the VM stopped (a crash, a forced restart) before this file's content reached the disk, so nothing in it can be read; collect it again once the VM has run, and the rotated copies beside it`,
    nl: (p) =>
      `${p.origin}: ${p.size} bytes, allemaal NUL: de VM stopte (een crash, een geforceerde herstart) voordat de inhoud van dit bestand op schijf stond, dus er valt niets in te lezen; verzamel het opnieuw als de VM weer gedraaid heeft, en ook de geroteerde kopieën ernaast`,
  }),
  /** A log with the NUL blocks a crash leaves where a block was not written (parse/lines.ts reads the line after one). */
  'ingest.nul-block': entry({
    en: (p: { origin: string; blocks: number; bytes: number; line: number }) =>
      `${p.origin}: ${p.blocks === 1 ? `a block of ${p.bytes} NUL bytes` : `${p.blocks} blocks of NUL bytes (${p.bytes} bytes)`} ${p.blocks === 1 ? 'at' : 'the first at'} line ${p.line}: the VM stopped (a crash, a forced restart) before that part of the file reached the disk; the lines written there are lost, the lines after it are read`,
    nl: (p) =>
      `${p.origin}: ${p.blocks === 1 ? `een blok van ${p.bytes} NUL-bytes` : `${p.blocks} blokken NUL-bytes (${p.bytes} bytes)`} ${p.blocks === 1 ? 'op' : 'het eerste op'} regel ${p.line}: de VM stopte (een crash, een geforceerde herstart) voordat dat deel van het bestand op schijf stond; de regels die daar stonden zijn verloren, de regels erna zijn gelezen`,
  }),
  /** A file that is not UTF-8, read in the 8-bit encoding its bytes fit (shared/formats/encoding.ts legacyEncodingOf). */
  'ingest.decoded-as': entry({
    en: (p: { origin: string; encoding: LegacyEncoding }) => `${p.origin}: not UTF-8; read as ${ENCODING_NAMES[p.encoding].en}`,
    nl: (p) => `${p.origin}: geen UTF-8; gelezen als ${ENCODING_NAMES[p.encoding].nl}`,
  }),
  'ingest.capped-inflated': entry({
    en: (p: { origin: string; cap: number; kept: number }) => `${p.origin}: inflates to more than the ${p.cap}-byte per-file cap; reading the last ${p.kept} bytes`,
    nl: (p) => `${p.origin}: wordt uitgepakt groter dan de per-bestandslimiet van ${p.cap} bytes; alleen de laatste ${p.kept} bytes worden gelezen`,
  }),
  'ingest.capped-packed': entry({
    en: (p: { origin: string; cap: number }) => `${p.origin}: more compressed bytes than the ${p.cap}-byte per-file cap; not decompressed`,
    nl: (p) => `${p.origin}: meer gecomprimeerde bytes dan de per-bestandslimiet van ${p.cap} bytes; niet uitgepakt`,
  }),
  /** A damaged compressed stream (origin '' when the warning's file already names it: a loose .xz or .bz2). */
  'ingest.damaged': entry({
    en: (p: { origin: string; codec: string; error: string; kept: number }) =>
      `${where(p.origin)}damaged ${p.codec} (${p.error}); ${p.kept > 0 ? `kept the ${p.kept} bytes before the damage` : 'nothing could be read before the damage: collect the file again'}`,
    nl: (p) => `${where(p.origin)}beschadigde ${p.codec} (${quote(p.error)}); ${p.kept > 0 ? `de ${p.kept} bytes vóór de beschadiging zijn bewaard` : 'er kon niets worden gelezen vóór de beschadiging: verzamel het bestand opnieuw'}`,
  }),
  'ingest.history-unopened': entry({
    en: (p: { origin: string }) => `${p.origin}: the history zip could not be opened; kept as is`,
    nl: (p) => `${p.origin}: de history-zip kan niet worden geopend; bewaard zoals hij is`,
  }),
  'ingest.not-codec': entry({
    en: (p: { origin: string; ext: string; codec: string }) => `${p.origin}: named .${p.ext} but is not ${p.codec} data; read as is`,
    nl: (p) => `${p.origin}: heet .${p.ext} maar bevat geen ${p.codec}-gegevens; gelezen zoals het is`,
  }),
  'ingest.not-inflated': entry({
    en: (p: { origin: string; error: string }) => `${p.origin}: could not be inflated (${p.error}); read as is`,
    nl: (p) => `${p.origin}: kan niet worden uitgepakt (${quote(p.error)}); gelezen zoals het is`,
  }),
  'ingest.capped-kept': entry({
    en: (p: { origin: string; size: number; cap: number; kept: number }) => `${p.origin}: ${p.size} bytes, more than the ${p.cap}-byte per-file cap; kept the last ${p.kept} bytes`,
    nl: (p) => `${p.origin}: ${p.size} bytes, meer dan de per-bestandslimiet van ${p.cap} bytes; alleen de laatste ${p.kept} bytes zijn bewaard`,
  }),
  /** A member whose compressed data is corrupt from some point on (`error`: the inflater's words, kept for the JSON's note). */
  'ingest.member-damaged': entry({
    en: (p: { origin: string; error: string; kept: number }) => `${p.origin}: this file is damaged inside the archive, so only its first ${p.kept} bytes could be read`,
    nl: (p) => `${p.origin}: dit bestand is in het archief beschadigd, dus alleen de eerste ${p.kept} bytes konden worden gelezen`,
  }),
  'ingest.member-unreadable': entry({
    en: (p: { origin: string; error: string }) => `${p.origin}: this file is damaged inside the archive, so none of it could be read (the archive's other files were read); collect the bundle again to get it`,
    nl: (p) => `${p.origin}: dit bestand is in het archief beschadigd, dus er kon niets van worden gelezen (de andere bestanden in het archief wel); verzamel de bundel opnieuw om het te krijgen`,
  }),
  /** The member the archive ends in (cut short): the bytes of it that were there. */
  'ingest.member-cut': entry({
    en: (p: { origin: string; kept: number }) => `${p.origin}: the archive ends inside this file, so only its first ${p.kept} bytes were read`,
    nl: (p) => `${p.origin}: het archief houdt op binnen dit bestand, dus alleen de eerste ${p.kept} bytes zijn gelezen`,
  }),
  /** A member the zip's list of files names otherwise than its own header does (`listed`): read once, under the header's name. */
  'ingest.member-renamed': entry({
    en: (p: { origin: string; listed: string }) =>
      `${p.origin}: the archive's list of files names this file ${p.listed}, its own header names it as here; the two disagree (one of them is damaged), so it was read once, under its header's name`,
    nl: (p) =>
      `${p.origin}: de lijst van bestanden in het archief noemt dit bestand ${p.listed}, de eigen kop ervan noemt het zoals hier; die twee verschillen (een van beide is beschadigd), dus het is één keer gelezen, onder de naam uit de kop`,
  }),
  'ingest.too-large-to-recover': entry({
    en: (p: { path: string }) => `${p.path}: too large to recover without a central directory`,
    nl: (p) => `${p.path}: te groot om zonder centrale map terug te halen`,
  }),
  'ingest.method-unsupported': entry({
    en: (p: { origin: string; method: number }) => `${p.origin}: compression method ${p.method} is not supported`,
    nl: (p) => `${p.origin}: compressiemethode ${p.method} wordt niet ondersteund`,
  }),
  /** Bytes after a compressed stream; `codec` when the warning names it (origin '' as for ingest.damaged). */
  'ingest.trailing': entry({
    en: (p: { origin: string; bytes: number; codec?: string }) => `${where(p.origin)}${p.bytes} bytes after the end of the ${p.codec ?? 'compressed'} data were ignored`,
    nl: (p) => `${where(p.origin)}${p.bytes} bytes na het einde van de ${p.codec ? `${p.codec}-gegevens` : 'gecomprimeerde gegevens'} zijn genegeerd`,
  }),
  'ingest.unpacked-capped': entry({
    en: (p: { origin: string; seen: number; cap: number; kept: number }) => `${where(p.origin)}inflates to ${p.seen} bytes, more than the ${p.cap}-byte per-file cap; kept the last ${p.kept} bytes`,
    nl: (p) => `${where(p.origin)}wordt uitgepakt tot ${p.seen} bytes, meer dan de per-bestandslimiet van ${p.cap} bytes; alleen de laatste ${p.kept} bytes zijn bewaard`,
  }),
  'ingest.entry-cap': entry({
    en: (p: { origin: string; max: number }) => `${p.origin}: more than ${p.max} entries; the rest were not read (entry cap)`,
    nl: (p) => `${p.origin}: meer dan ${p.max} bestanden; de rest is niet gelezen (grens voor het aantal bestanden)`,
  }),
  'ingest.total-cap': entry({
    en: (p: { origin: string; max: number; name: string }) =>
      `${p.origin}: total uncompressed size would pass ${p.max} bytes at ${p.name}; it and later entries were skipped (total size cap)`,
    nl: (p) => `${p.origin}: bij ${p.name} zou de uitgepakte grootte samen boven ${p.max} bytes komen; dat bestand en de volgende zijn overgeslagen (grens voor de totale grootte)`,
  }),
  /** What the tar reader itself says about a bad header (its own English, quoted in Dutch). */
  'ingest.tar-warning': entry({
    en: (p: { origin: string; message: string }) => `${p.origin}: ${p.message}`,
    nl: (p) => `${p.origin}: melding van de tar-lezer: ${quote(p.message)}`,
  }),
  'ingest.tar-bomb': entry({
    en: (p: { origin: string; limit: number; ratio: number }) => `${p.origin}: refused the rest, it inflates past ${p.limit} bytes (ratio above ${p.ratio}: a decompression bomb?)`,
    nl: (p) => `${p.origin}: de rest is geweigerd, het wordt uitgepakt groter dan ${p.limit} bytes (verhouding boven ${p.ratio}: een decompressiebom?)`,
  }),
  'ingest.tar-cut': entry({
    en: (p: { origin: string; seen: number; size: number }) => `${p.origin}: the archive ends inside this file, so only ${p.seen} of its ${p.size} bytes were read`,
    nl: (p) => `${p.origin}: het archief houdt op binnen dit bestand, dus alleen ${p.seen} van de ${p.size} bytes zijn gelezen`,
  }),
  'ingest.zip-ratio-declared': entry({
    en: (p: { origin: string; ratio: number }) => `${p.origin}: refused, declared ratio above ${p.ratio} (a zip bomb?)`,
    nl: (p) => `${p.origin}: geweigerd, opgegeven verhouding boven ${p.ratio} (een zipbom?)`,
  }),
  'ingest.zip-ratio-inflated': entry({
    en: (p: { origin: string; ratio: number; packed: number }) => `${p.origin}: refused, it inflates past ${p.ratio}× its ${p.packed} bytes (a zip bomb?)`,
    nl: (p) => `${p.origin}: geweigerd, het wordt uitgepakt groter dan ${p.ratio}× zijn ${p.packed} bytes (een zipbom?)`,
  }),
  /** Pasted text read whole as one format (no line of it matched a line format on its own). */
  'ingest.paste-read-as': entry({
    // `taken`: a handler's settings or status document, which names no platform: the one it was taken for (LooseWhy's `platform`)
    en: (p: { title: Localized; path: string; taken?: TakenFor }) => `pasted text: read as ${p.title.en}, at /${p.path}${p.taken ? ` (${takenForEn(p.taken)})` : ''}`,
    nl: (p) => `geplakte tekst: gelezen als ${p.title.nl}, op /${p.path}${p.taken ? ` (${takenForNl(p.taken)})` : ''}`,
  }),
  /** Lines of a paste a mail client or a terminal had wrapped, read joined (ingest/paste.ts): the evidence shows them as one. */
  'ingest.paste-joined': entry({
    // `at`: the file's own lines, when a `tail` or search output's file does not number its lines as the paste does
    en: (p: { lines: readonly (readonly [number, number])[]; at?: readonly number[] }) =>
      `pasted text, lines ${p.lines.map(([a, b]) => `${a}–${b}`).join(', ')}: ${p.lines.length === 1 ? 'one line' : 'each one line'} a mail client or terminal had wrapped, read (and shown) as one at line ${(p.at ?? p.lines.map(([a]) => a)).join(', ')}`,
    nl: (p) =>
      `geplakte tekst, regels ${p.lines.map(([a, b]) => `${a}–${b}`).join(', ')}: ${p.lines.length === 1 ? 'één regel' : 'telkens één regel'} die een mailprogramma of terminal had afgebroken, gelezen (en getoond) als één op regel ${(p.at ?? p.lines.map(([a]) => a)).join(', ')}`,
  }),
  'ingest.paste-unknown': entry({
    en: () => 'pasted text: no line of it is in a format this app reads',
    nl: () => 'geplakte tekst: geen enkele regel ervan is in een formaat dat deze app leest',
  }),
  /** Files the parse stage could not read (parse/parse-files.ts): warnings about a file, like the ones above. */
  'ingest.not-read': entry({
    en: (p: { path: string; mb: string }) => `${p.path} (${p.mb} MB) was not read: its name and first lines match no format this app reads, so nothing in it is in the diagnosis`,
    nl: (p) => `${p.path} (${p.mb} MB) is niet gelezen: de naam en de eerste regels passen bij geen formaat dat deze app leest, dus niets eruit zit in de diagnose`,
  }),
  'ingest.no-record': entry({
    en: (p: { path: string; mb: string; title: Localized }) =>
      `${p.path} (${p.mb} MB) was read as ${p.title.en} but gave no record: none of its lines starts the way that format's lines do, so nothing in it is in the diagnosis`,
    nl: (p) => `${p.path} (${p.mb} MB) is gelezen als ${p.title.nl} maar gaf geen enkel record: geen van de regels begint zoals de regels van dat formaat, dus niets eruit zit in de diagnose`,
  }),
  'ingest.parse-incomplete': entry({
    en: (p: { error: string }) => `could not be parsed completely: ${p.error}`,
    nl: (p) => `kon niet volledig worden gelezen: ${quote(p.error)}`,
  }),
  'ingest.loose-unknown': entry({
    en: (p: { name: string }) => `${p.name}: loose file, not recognised by its name or content; kept under its own name`,
    nl: (p) => `${p.name}: los bestand, niet herkend aan zijn naam of inhoud; bewaard onder zijn eigen naam`,
  }),
  /** A loose file placed by a guess, and what the guess went by: its content, its name, or both. */
  'ingest.loose-placed': entry({
    en: (p: { name: string; path: string; why: LooseWhy }) => `${p.name}: loose file, placed at /${p.path} (${looseWhyEn(p.why)})`,
    nl: (p) => `${p.name}: los bestand, geplaatst op /${p.path} (${looseWhyNl(p.why)})`,
  }),
  /** A sosreport's `sos_strings/<plugin>/….tailed` member: the end of a log sos cut to its size limit (ingest/paths.ts sosTailedPath). */
  'ingest.sos-tailed': entry({
    en: (p: { origin: string; path: string }) =>
      `${p.origin}: read as /${p.path}, of which sos kept only the end (the log was over its size limit); its earlier lines are not in the report: for them, copy the whole file or run sos again with --all-logs`,
    nl: (p) =>
      `${p.origin}: gelezen als /${p.path}, waarvan sos alleen het einde bewaarde (het log was groter dan de limiet); de eerdere regels staan niet in het rapport: kopieer daarvoor het hele bestand of voer sos opnieuw uit met --all-logs`,
  }),
  'ingest.collector-guess': entry({
    en: (p: { flat: string; path: string }) => `${p.flat}: the collector flattened its path; guessed ${p.path} (underscores in the name are ambiguous)`,
    nl: (p) => `${p.flat}: de logverzamelaar heeft het pad platgeslagen; geraden: ${p.path} (underscores in de naam zijn dubbelzinnig)`,
  }),
  'ingest.collector-unknown': entry({
    en: (p: { flat: string; path: string }) => `${p.flat}: could not tell where this truncated file lived on the VM; guessed ${p.path}`,
    nl: (p) => `${p.flat}: niet te zeggen waar dit ingekorte bestand op de VM stond; geraden: ${p.path}`,
  }),
  'engine.rule-failed': entry({
    en: (p: { error: string }) => `The rule failed on this bundle: ${p.error}`,
    nl: (p) => `De regel liep vast op deze bundel: ${p.error}`,
  }),
  /**
   * Appended to a detected finding's reason when every line it cites is a log's line that lost its time (a posted
   * excerpt): it cannot be placed against the failed task, so weigh.ts caps it as a line written before the task.
   */
  'engine.untimed-lines': entry({
    en: (p: { timedTask: boolean }) =>
      p.timedTask
        ? ' None of these lines carries a time, so they cannot be placed against the failed backup\'s time (they may be from before or after it); the confidence is capped for that: compare them with the failed job\'s time in the portal.'
        : ' None of these lines carries a time, so they cannot be placed against any backup\'s time: compare them with the failed job\'s time in the portal.',
    nl: (p) =>
      p.timedTask
        ? ' Geen van deze regels heeft een tijd, dus ze zijn niet te plaatsen tegenover de tijd van de mislukte back-up (ze kunnen van ervoor of erna zijn); de betrouwbaarheid is daarom begrensd: vergelijk ze met de tijd van de mislukte job in de portal.'
        : ' Geen van deze regels heeft een tijd, dus ze zijn niet te plaatsen tegenover de tijd van een back-up: vergelijk ze met de tijd van de mislukte job in de portal.',
  }),

  /**
   * Appended to a frozen hang's findings (the Backup extension's log ends inside the freeze) when the system log shows
   * the VM shutting down or rebooting cleanly right after: engine.ts caps them at low.
   */
  'engine.went-down-frozen': entry({
    en: (p: { at: string; minutes: number }) =>
      ` The system log shows the VM ${p.minutes < 1 ? 'shutting down or rebooting less than a minute' : `shutting down or rebooting ${p.minutes} minute${p.minutes === 1 ? '' : 's'}`} after the extension's last line (${p.at}), and a clean shutdown is written only where the file systems are no longer frozen: the extension's log may end there because the VM went down during the backup (shut down, restarted or hibernated), not because it hung. Check in the VM's activity log whether it was stopped, restarted or hibernated at that time.`,
    nl: (p) =>
      ` Het systeemlog toont dat de VM ${p.minutes < 1 ? 'minder dan een minuut' : `${p.minutes} minu${p.minutes === 1 ? 'ut' : 'ten'}`} na de laatste regel van de extensie (${p.at}) afsloot of herstartte, en een nette afsluiting wordt alleen geschreven als de bestandssystemen niet meer bevroren zijn: het log van de extensie kan daar eindigen omdat de VM tijdens de back-up uitging (afgesloten, herstart of in slaapstand gezet), niet omdat hij vastliep. Kijk in het activiteitenlogboek van de VM of hij op dat moment is gestopt, herstart of in slaapstand gezet.`,
  }),

  // disk-full
  'disk-full.full': entry({
    en: (p: { what: AnalysisText | Use; inodes: boolean; near: boolean }, t) =>
      `The disk holding the agent's or extension's files is full (${'key' in p.what ? t(p.what) : usedEn(p.what)}).${p.inodes ? ' No file can be created while the inode table is full, whatever the free space.' : ''} The agent cannot write status or state files, so the backup cannot report or run.${p.near ? '' : ' The sign is more than a day away from the failed task.'}`,
    nl: (p, t) =>
      `De schijf met de bestanden van de agent of de extensie is vol (${'key' in p.what ? t(p.what) : usedNl(p.what)}).${p.inodes ? ' Zolang de inodetabel vol is, kan er geen bestand worden aangemaakt, hoeveel ruimte er ook vrij is.' : ''} De agent kan geen status- of toestandsbestanden schrijven, dus de back-up kan niet draaien of zijn resultaat niet melden.${p.near ? '' : ' Het signaal ligt meer dan een dag van de mislukte taak af.'}`,
  }),
  'disk-full.free': entry({
    en: (p: { mounts: readonly Use[]; live?: boolean; days?: number; untimed?: boolean }) =>
      `${p.live === false ? 'The disk usage in the bundle shows' : 'A live check shows'} free space: ${p.mounts.map(usedEn).join(', ')}.${p.days !== undefined ? ` It was taken ${p.days} ${plural(p.days, 'day', 'days')} after the failed backup; a disk freed since (logs rotated, files deleted) would look the same.` : p.untimed ? ' It is not dated, so it may have been taken after the failed backup; a disk freed since would look the same.' : ''}`,
    nl: (p) =>
      `${p.live === false ? 'Het schijfgebruik in de bundel toont' : 'Een controle op de VM toont'} vrije ruimte: ${p.mounts.map(usedNl).join(', ')}.${p.days !== undefined ? ` Die is ${p.days} ${plural(p.days, 'dag', 'dagen')} na de mislukte back-up gedaan; een schijf die sindsdien is vrijgemaakt (logs geroteerd, bestanden verwijderd) ziet er net zo uit.` : p.untimed ? ' Die heeft geen datum en kan dus na de mislukte back-up zijn gedaan; een schijf die sindsdien is vrijgemaakt, ziet er net zo uit.' : ''}`,
  }),
  'disk-full.no-usage': entry({
    en: () => 'No "No space left on device" in the agent, extension or system logs, but the bundle holds no disk usage. Run `df -h / /var` on the VM (or collect over SSH) to rule it out.',
    nl: () => 'Geen "No space left on device" in de logs van de agent, de extensie of het systeem, maar de bundel bevat geen schijfgebruik. Voer `df -h / /var` uit op de VM (of verzamel via SSH) om het uit te sluiten.',
  }),
  'disk-full.nothing': entry({
    en: () => 'The bundle has neither logs nor disk usage. Run `df -h / /var` on the VM.',
    nl: () => 'De bundel bevat geen logs en geen schijfgebruik. Voer `df -h / /var` uit op de VM.',
  }),

  // agent-unresponsive: the parts of one sentence, then the sentences
  'agent-unresponsive.part.gap': entry({
    en: (p: { minutes: number; taskId?: string; telemetry?: boolean }) =>
      `no agent heartbeat${p.telemetry ? ' (the HeartBeat events of its monitor thread: an agent before 2.2.47)' : ''} for ${p.minutes} ${plural(p.minutes, 'minute', 'minutes')}${p.taskId !== undefined ? ` around the failed task ${tidEn(p.taskId)}` : ''} while the agent was not stopped`,
    nl: (p) =>
      `${p.minutes} ${plural(p.minutes, 'minuut', 'minuten')} geen heartbeat van de agent${p.telemetry ? ' (de HeartBeat-events van zijn monitorthread: een agent ouder dan 2.2.47)' : ''}${p.taskId !== undefined ? ` rond de mislukte taak ${tid(p.taskId)}` : ''}, terwijl de agent niet was gestopt`,
  }),
  'agent-unresponsive.part.beats-stop': entry({
    en: (p: { at: string; minutes: number; taskId: string; telemetry?: boolean }) =>
      `the agent's last ${p.telemetry ? "HeartBeat event (its monitor thread's, an agent before 2.2.47)" : '[HEARTBEAT] line'} is at ${p.at}, ${p.minutes} ${plural(p.minutes, 'minute', 'minutes')} before the failed task ${tidEn(p.taskId)}, and no goal state was processed after it: the log does not show the agent alive when the task failed`,
    nl: (p) =>
      `${p.telemetry ? 'de laatste HeartBeat-event van de agent (van zijn monitorthread, een agent ouder dan 2.2.47)' : 'de laatste [HEARTBEAT]-regel van de agent'} is van ${p.at}, ${p.minutes} ${plural(p.minutes, 'minuut', 'minuten')} voor de mislukte taak ${tid(p.taskId)}, en daarna is geen doelstatus verwerkt: het log laat niet zien dat de agent leefde toen de taak mislukte`,
  }),
  'agent-unresponsive.part.restart-loop': entry({
    en: (p: { detail?: AnalysisText }, t) => `the daemon reported a restart loop (${p.detail ? t(p.detail) : 'restarted too often'})`,
    nl: (p, t) => `de daemon meldde dat hij steeds opnieuw startte (${p.detail ? t(p.detail) : 'te vaak herstart'})`,
  }),
  'agent-unresponsive.part.exits': entry({
    en: (p: { count: number }) => `the ExtHandler exited or the daemon failed ${p.count} ${plural(p.count, 'time', 'times')}`,
    nl: (p) => `de ExtHandler stopte of de daemon faalde ${p.count} keer`,
  }),
  'agent-unresponsive.part.orphan-wait': entry({
    en: (p: { count: number; minutes?: number }) =>
      `the daemon waited for an orphaned agent process to terminate ${p.count} ${plural(p.count, 'time', 'times')}${p.minutes !== undefined ? ` over ${p.minutes} ${plural(p.minutes, 'minute', 'minutes')}` : ''} instead of running the extension handler`,
    nl: (p) => `de daemon wachtte ${p.count} keer${p.minutes !== undefined ? ` in ${p.minutes} ${plural(p.minutes, 'minuut', 'minuten')}` : ''} tot een verweesd agentproces stopte, in plaats van de extensiehandler te starten`,
  }),
  'agent-unresponsive.part.unclean': entry({
    en: (p: { count: number }) => `the goal-state agent crashed and did not terminate cleanly ${p.count} ${plural(p.count, 'time', 'times')}`,
    nl: (p) => `de doelstatusagent crashte ${p.count} keer zonder netjes af te sluiten`,
  }),
  'agent-unresponsive.part.one-crash': entry({
    en: () => 'the goal-state agent crashed once and the daemon relaunched it (once is a symptom: a longer log shows whether it crashes on every pass)',
    nl: () => 'de doelstatusagent crashte één keer en de daemon startte hem opnieuw (één keer is een symptoom: een langer log toont of hij bij elke ronde crasht)',
  }),
  'agent-unresponsive.part.handler-died': entry({
    en: () => "the extension handler process ended with an unhandled exception ('Failed to run'), so no extension ran until it was started again (once is a symptom: a longer log shows whether the daemon restarted it and whether it fails again)",
    nl: () => "het extensiehandlerproces stopte met een onafgehandelde uitzondering ('Failed to run'), dus er draaide geen extensie tot het opnieuw startte (één keer is een symptoom: een langer log toont of de daemon het herstartte en of het opnieuw faalt)",
  }),
  'agent-unresponsive.part.run-loop-died': entry({
    en: () => "the goal-state agent stopped with an unhandled exception ('failed with exception': it exits right after), so no extension ran until the daemon started it again (once is a symptom: a longer log shows whether it fails on every pass)",
    nl: () => "de doelstatusagent stopte met een onafgehandelde uitzondering ('failed with exception': hij sluit direct daarna af), dus er draaide geen extensie tot de daemon hem opnieuw startte (één keer is een symptoom: een langer log toont of hij bij elke ronde faalt)",
  }),
  'agent-unresponsive.part.unkillable': entry({
    en: () => "systemd could not stop the agent's service: its processes were still there after SIGKILL, which only a process stuck in the kernel survives, so the agent was hung",
    nl: () => 'systemd kon de service van de agent niet stoppen: de processen bestonden nog na SIGKILL, wat alleen een in de kernel vastgelopen proces overleeft, dus de agent hing',
  }),
  'agent-unresponsive.part.launch-failed': entry({
    en: () => 'the daemon could not launch the goal-state agent: it failed with an exception, so that pass ran no extension (once is a symptom: a longer log shows whether every launch fails)',
    nl: () => 'de daemon kon de doelstatusagent niet starten: die faalde met een uitzondering, dus die ronde voerde geen extensie uit (één keer is een symptoom: een langer log toont of elke start faalt)',
  }),
  'agent-unresponsive.part.launch-unrunnable': entry({
    en: (p: { detail: AnalysisText }, t) => `the daemon could not launch the goal-state agent: ${t(p.detail)}, so no extension runs; the launch fails the same way on every pass until that is fixed`,
    nl: (p, t) => `de daemon kon de doelstatusagent niet starten: ${t(p.detail)}, dus er draait geen extensie; elke ronde faalt de start op dezelfde manier tot dat is opgelost`,
  }),
  'agent-unresponsive.part.goal-state-errors': entry({
    en: (p: { count: number; detail: string }) => `the agent failed to read its goal state ${p.count} ${plural(p.count, 'time', 'times')} without recovering (${p.detail})`,
    nl: (p) => `de agent kon zijn doelstatus ${p.count} keer niet lezen en herstelde niet (${p.detail})`,
  }),
  'agent-unresponsive.part.thread-died': entry({
    en: (p: { count: number }) => `an agent thread died and was restarted ${p.count} ${plural(p.count, 'time', 'times')}`,
    nl: (p) => `een thread van de agent stopte onverwacht en werd ${p.count} keer herstart`,
  }),
  'agent-unresponsive.part.unprocessed': entry({
    en: (p: { id: string }) => `goal state ${p.id} was fetched but never processed`,
    nl: (p) => `doelstatus ${p.id} werd opgehaald maar nooit verwerkt`,
  }),
  'agent-unresponsive.part.oom': entry({
    en: (p: { count: number; victims: string; taskId?: string }) =>
      `the VM ran out of memory${p.taskId !== undefined ? ` around the failed task ${tidEn(p.taskId)}` : ''}: the kernel's OOM killer ended ${p.count} ${plural(p.count, 'process', 'processes')}${p.victims ? ` (${p.victims})` : ''}`,
    nl: (p) =>
      `de VM had geen geheugen meer${p.taskId !== undefined ? ` rond de mislukte taak ${tid(p.taskId)}` : ''}: de OOM-killer van de kernel beëindigde ${p.count} ${plural(p.count, 'proces', 'processen')}${p.victims ? ` (${p.victims})` : ''}`,
  }),
  'agent-unresponsive.part.windows': entry({
    en: (p: { issue: WindowsHang }) => WINDOWS_HANG.en[p.issue],
    nl: (p) => WINDOWS_HANG.nl[p.issue],
  }),
  'agent-unresponsive.detected': entry({
    en: (p: { parts: readonly AnalysisText[] }, t) => `The agent was alive but not working: ${p.parts.map(t).join('; ')}.`,
    nl: (p, t) => `De agent leefde maar deed zijn werk niet: ${p.parts.map(t).join('; ')}.`,
  }),
  'agent-unresponsive.telemetry-heartbeats': entry({
    en: (p: { count: number; gapMinutes: number }) =>
      `The agent's monitor thread logged ${p.count} HeartBeat ${plural(p.count, 'event', 'events')} (an agent before 2.2.47) with no gap over ${p.gapMinutes} ${plural(p.gapMinutes, 'minute', 'minutes')}, and no restart loop or unprocessed goal state was found. Those events show the agent's process alive, not that it processed extensions.`,
    nl: (p) =>
      `De monitorthread van de agent logde ${p.count} HeartBeat-${plural(p.count, 'event', 'events')} (een agent ouder dan 2.2.47) zonder onderbreking van meer dan ${p.gapMinutes} ${plural(p.gapMinutes, 'minuut', 'minuten')}, en er is geen herstartlus of onverwerkte doelstatus gevonden. Die events tonen dat het proces van de agent leefde, niet dat hij extensies verwerkte.`,
  }),
  'agent-unresponsive.heartbeats-apart': entry({
    en: (p: { count: number; at: string; minutes: number; after: boolean; taskId: string }) =>
      `The agent sent ${p.count} ${plural(p.count, 'heartbeat', 'heartbeats')}, but the ${p.after ? 'first' : 'last'} is at ${p.at}, ${p.minutes} ${plural(p.minutes, 'minute', 'minutes')} ${p.after ? 'after' : 'before'} the failed task ${tidEn(p.taskId)}: they do not show whether the agent was alive when the task failed.`,
    nl: (p) =>
      `De agent stuurde ${p.count} ${plural(p.count, 'heartbeat', 'heartbeats')}, maar de ${p.after ? 'eerste' : 'laatste'} is van ${p.at}, ${p.minutes} ${plural(p.minutes, 'minuut', 'minuten')} ${p.after ? 'na' : 'voor'} de mislukte taak ${tid(p.taskId)}: ze laten niet zien of de agent leefde toen de taak mislukte.`,
  }),
  'agent-unresponsive.heartbeats': entry({
    en: (p: { count: number; gapMinutes: number }) => `The agent sent ${p.count} ${plural(p.count, 'heartbeat', 'heartbeats')} with no gap over ${p.gapMinutes} ${plural(p.gapMinutes, 'minute', 'minutes')}, and no restart loop or unprocessed goal state was found.`,
    nl: (p) => `De agent stuurde ${p.count} ${plural(p.count, 'heartbeat', 'heartbeats')} zonder onderbreking van meer dan ${p.gapMinutes} ${plural(p.gapMinutes, 'minuut', 'minuten')}, en er is geen herstartlus of onverwerkte doelstatus gevonden.`,
  }),
  'agent.platform-not-ready': entry({
    en: (p: { message?: string }) =>
      `The platform reports the VM agent Not Ready${p.message ? ` ("${p.message}")` : ''}: it has no current status from the agent, which is stopped, hung, or cannot reach WireServer; the agent's own log tells which.`,
    nl: (p) =>
      `Het platform meldt de VM-agent als Niet gereed${p.message ? ` (${quote(p.message)})` : ''}: het heeft geen actuele status van de agent, die gestopt is, vastzit of WireServer niet bereikt; het eigen log van de agent laat zien welke van de drie.`,
  }),
  'agent.vm-not-running': entry({
    en: (p: { display: string }) =>
      `The VM's instance view shows it "${p.display}": an agent on a VM that does not run reports nothing, so its Not Ready says nothing of the agent. Read the agent's log, or the instance view taken while the VM runs.`,
    nl: (p) =>
      `De instance view van de VM toont hem als ${quote(p.display)}: een agent op een VM die niet draait, meldt niets, dus zijn Niet gereed zegt niets over de agent. Lees het log van de agent, of de instance view van terwijl de VM draait.`,
  }),
  'agent-unresponsive.no-log': entry({
    en: (p: { os: GuestOs }) => `The bundle has no ${en(p.os).path}, so heartbeats and goal-state processing cannot be checked: ${en(p.os).collect}, or check the VM agent status in the portal.`,
    nl: (p) => `De bundel bevat geen ${nl(p.os).path}, dus de heartbeats en de verwerking van doelstatussen zijn niet te controleren: ${nl(p.os).collect}, of controleer de status van de VM-agent in de portal.`,
  }),
  'agent-unresponsive.no-heartbeats': entry({
    en: (p: AgentLogIn & { one?: boolean }) =>
      p.os === 'windows'
        ? "The Windows agent's log shows no heartbeats this tool can time, so a hung agent cannot be told from an idle one; check the VM agent status (Ready / Not ready) in the portal."
        : p.one
          ? `${logEn(p).log} ${logEn(p).many ? 'have' : 'has'} only one heartbeat, so a hung agent cannot be told from an idle one.`
          : `${logEn(p).log} ${logEn(p).many ? 'have' : 'has'} no heartbeats (agents from 2.2.47 on write [HEARTBEAT] lines, agents up to about 2.2.26 HeartBeat events, and the releases between none), so a hung agent cannot be told from an idle one.`,
    nl: (p) =>
      p.os === 'windows'
        ? 'Het log van de Windows-agent toont geen heartbeats met een tijd die dit hulpmiddel kan lezen, dus een vastgelopen agent is niet te onderscheiden van een agent zonder werk; controleer de status van de VM-agent (Gereed / Niet gereed) in de portal.'
        : p.one
          ? `${logNl(p).log} ${logNl(p).many ? 'bevatten' : 'bevat'} maar één heartbeat, dus een vastgelopen agent is niet te onderscheiden van een agent zonder werk.`
          : `${logNl(p).log} ${logNl(p).many ? 'bevatten' : 'bevat'} geen heartbeats (agents vanaf 2.2.47 schrijven [HEARTBEAT]-regels, agents tot ongeveer 2.2.26 HeartBeat-events, en de versies daartussen geen van beide), dus een vastgelopen agent is niet te onderscheiden van een agent zonder werk.`,
  }),

  // no-network-wireserver
  'no-network-wireserver.probe-failed': entry({
    en: (p: { endpoints: readonly string[]; detail: AnalysisText }, t) => `The live check could not reach ${p.endpoints.join(' and ')} (168.63.129.16): ${t(p.detail)}`,
    nl: (p, t) => `De controle op de VM kon ${p.endpoints.join(' en ')} (168.63.129.16) niet bereiken: ${t(p.detail)}`,
  }),
  'no-network-wireserver.no-log': entry({
    en: (p: { os: GuestOs }) =>
      `The bundle has no ${en(p.os).path} (and no live checks), so WireServer connectivity cannot be judged. Check that 168.63.129.16 ports 80 and 32526 are allowed (NSG, firewall, proxy).`,
    nl: (p) =>
      `De bundel bevat geen ${nl(p.os).path} (en geen controles op de VM), dus de verbinding met de WireServer is niet te beoordelen. Controleer of 168.63.129.16 op poort 80 en 32526 bereikbaar is (NSG, firewall, proxy).`,
  }),
  'no-network-wireserver.near-task': entry({
    en: (p: { count: number; atLeast?: boolean; taskId: string; intermittent: boolean; only503?: boolean }) =>
      `${p.atLeast ? 'At least ' : ''}${p.count} ${plural(p.count, 'failure', 'failures')} to reach the WireServer/HostGAPlugin around the failed task ${tidEn(p.taskId)}${p.intermittent ? ', with some successful goal-state fetches in between (intermittent)' : ' and no successful goal-state fetch'}.${p.only503 ? ` ${WIRE_503.en}` : ''}`,
    nl: (p) =>
      `${p.atLeast ? 'Minstens ' : ''}${p.count} ${plural(p.count, 'mislukte verbinding', 'mislukte verbindingen')} met de WireServer/HostGAPlugin rond de mislukte taak ${tid(p.taskId)}${p.intermittent ? ', met tussendoor enkele keren een doelstatus die wel werd opgehaald (de verbinding hapert)' : ' en geen enkele doelstatus die wel werd opgehaald'}.${p.only503 ? ` ${WIRE_503.nl}` : ''}`,
  }),
  'no-network-wireserver.fine-near-task': entry({
    en: (p: { taskId: string; older: number }) =>
      `The agent fetched and processed goal states around the failed task ${tidEn(p.taskId)} with no network failure to 168.63.129.16${p.older ? ` (${p.older} older ${plural(p.older, 'failure', 'failures')} elsewhere in the log)` : ''}.`,
    nl: (p) =>
      `De agent haalde rond de mislukte taak ${tid(p.taskId)} doelstatussen op en verwerkte ze, zonder netwerkfout naar 168.63.129.16${p.older ? ` (${p.older} ${plural(p.older, 'oudere fout', 'oudere fouten')} elders in het log)` : ''}.`,
  }),
  'no-network-wireserver.fast-track-only': entry({
    en: () =>
      'Every one of them is the HostGAPlugin\'s vmSettings call (or a report): when it fails the agent fetches the goal state from the WireServer instead, and the agent\'s maintainers ignore these errors unless other calls fail too, so this is a possible cause only. To confirm it, look for failed WireServer goal-state fetches around the failure, or run `curl http://168.63.129.16/?comp=versions` on the VM.',
    nl: () =>
      'Het is telkens de vmSettings-aanroep naar de HostGAPlugin (of een rapportage): als die mislukt haalt de agent de doelstatus bij de WireServer op, en de beheerders van de agent negeren deze fouten tenzij ook andere aanroepen mislukken, dus dit is alleen een mogelijke oorzaak. Zoek om het te bevestigen naar mislukte ophaalacties van de doelstatus bij de WireServer rond de fout, of voer `curl http://168.63.129.16/?comp=versions` uit op de VM.',
  }),
  'no-network-wireserver.failures': entry({
    en: (p: { count: number; atLeast?: boolean; ongoing: boolean; only503?: boolean }) =>
      `${p.atLeast ? 'At least ' : ''}${p.count} ${p.only503 ? `HTTP 503 ${plural(p.count, 'answer', 'answers')} from` : `network ${plural(p.count, 'failure', 'failures')} reaching`} 168.63.129.16${p.ongoing ? `, and no goal-state fetch succeeded after ${p.count === 1 ? 'it' : 'the last one'}` : ', the agent recovered afterwards'}.${p.only503 ? ` ${WIRE_503.en}` : ''}`,
    nl: (p) =>
      `${p.atLeast ? 'Minstens ' : ''}${p.count} ${p.only503 ? `${plural(p.count, 'HTTP 503-antwoord', 'HTTP 503-antwoorden')} van` : `${plural(p.count, 'netwerkfout', 'netwerkfouten')} bij het bereiken van`} 168.63.129.16${p.ongoing ? `, en ${p.count === 1 ? 'daarna' : 'na de laatste'} werd geen enkele doelstatus opgehaald` : ', daarna herstelde de agent'}.${p.only503 ? ` ${WIRE_503.nl}` : ''}`,
  }),
  'no-network-wireserver.fetched': entry({
    en: () => 'The agent fetched goal states from the WireServer and logged no network failure to 168.63.129.16.',
    nl: () => 'De agent haalde doelstatussen op bij de WireServer en logde geen netwerkfout naar 168.63.129.16.',
  }),
  'no-network-wireserver.nothing': entry({
    en: (p: AgentLogIn) => `${logEn(p).log} ${logEn(p).many ? 'show' : 'shows'} neither successful goal-state fetches nor WireServer failures; check 168.63.129.16 ports 80 and 32526 (NSG, firewall, proxy).`,
    nl: (p) => `${logNl(p).log} ${logNl(p).many ? 'tonen' : 'toont'} geen opgehaalde doelstatussen en geen WireServer-fouten; controleer 168.63.129.16 op poort 80 en 32526 (NSG, firewall, proxy).`,
  }),

  // agent-config-disabled
  'agent-config-disabled.conf-off': entry({
    en: () => 'waagent.conf sets Extensions.Enabled=n: the agent does not run any extension, including the backup (VMSnapshot) extension.',
    nl: () => 'waagent.conf zet Extensions.Enabled=n: de agent voert geen enkele extensie uit, ook de back-upextensie (VMSnapshot) niet.',
  }),
  'agent-config-disabled.logged-off': entry({
    en: () => 'The agent logged that extension processing is disabled (Extensions.Enabled=n in waagent.conf).',
    nl: () => 'De agent logde dat de verwerking van extensies is uitgeschakeld (Extensions.Enabled=n in waagent.conf).',
  }),
  'agent-config-disabled.re-enabled': entry({
    en: () => 'Extension processing was disabled earlier but extensions ran again afterwards.',
    nl: () => 'De verwerking van extensies was eerder uitgeschakeld, maar daarna draaiden er weer extensies.',
  }),
  'agent-config-disabled.on-hold': entry({
    en: () => 'The agent reported that extension handling is on hold (set by the platform in the VM artifacts profile).',
    nl: () => 'De agent meldde dat de afhandeling van extensies is gepauzeerd (door het platform ingesteld in het VM-artefactenprofiel).',
  }),
  'agent-config-disabled.provisioning-disabled': entry({
    en: () => 'waagent.conf sets Provisioning.Agent=disabled and no extension ran; check that the agent is meant to handle extensions on this image.',
    nl: () => 'waagent.conf zet Provisioning.Agent=disabled en er draaide geen extensie; controleer of de agent op deze image extensies hoort af te handelen.',
  }),
  'agent-config-disabled.enabled-ran': entry({
    en: () => 'waagent.conf enables extension handling and the agent ran extensions.',
    nl: () => 'waagent.conf schakelt de afhandeling van extensies in en de agent voerde extensies uit.',
  }),
  'agent-config-disabled.enabled': entry({
    en: () => 'waagent.conf enables extension handling (no extension run was seen to confirm it).',
    nl: () => 'waagent.conf schakelt de afhandeling van extensies in (er is geen uitgevoerde extensie gezien die dat bevestigt).',
  }),
  'agent-config-disabled.ran': entry({
    en: () => 'The agent ran extensions, so extension handling was enabled (waagent.conf is not in the bundle).',
    nl: () => 'De agent voerde extensies uit, dus de afhandeling van extensies stond aan (waagent.conf zit niet in de bundel).',
  }),
  'agent-config-disabled.windows': entry({
    en: () => 'The Windows agent has no switch that turns extension handling off; a Windows VM is not affected by this cause.',
    nl: () => 'De Windows-agent heeft geen schakelaar die de afhandeling van extensies uitzet; een Windows-VM heeft geen last van deze oorzaak.',
  }),
  'agent-config-disabled.nothing': entry({
    en: () => 'Neither /etc/waagent.conf nor any extension activity is in the bundle. Collect /etc/waagent.conf and check Extensions.Enabled.',
    nl: () => 'De bundel bevat geen /etc/waagent.conf en geen activiteit van extensies. Verzamel /etc/waagent.conf en controleer Extensions.Enabled.',
  }),

  // agent-not-running
  'agent-not-running.windows-down': entry({
    en: (p: { issue: WindowsDown; detail: AnalysisText; backupLater?: string }, t) =>
      p.backupLater
        ? `On this Windows VM ${WINDOWS_DOWN.en[p.issue]} (${t(p.detail)}), and the agent logged nothing afterwards; but the Backup extension ran a backup after it (started ${stamp(p.backupLater)}), and only a running agent starts it: the agent was there by then.`
        : `On this Windows VM ${WINDOWS_DOWN.en[p.issue]} (${t(p.detail)}), and the agent logged nothing afterwards.`,
    nl: (p, t) =>
      p.backupLater
        ? `Op deze Windows-VM ${WINDOWS_DOWN.nl[p.issue]} (${t(p.detail)}), en de agent logde daarna niets meer; maar de back-upextensie voerde daarna een back-up uit (gestart ${stamp(p.backupLater)}), en alleen een draaiende agent start die: de agent was er toen wel.`
        : `Op deze Windows-VM ${WINDOWS_DOWN.nl[p.issue]} (${t(p.detail)}), en de agent logde daarna niets meer.`,
  }),
  'agent-not-running.windows-events': entry({
    en: (p: { subject?: string; serious: boolean; count: number; exception?: string; config?: boolean }) =>
      `The Windows event log shows ${p.subject ?? 'the agent'} ${p.serious ? 'crashing or failing to start' : 'terminating unexpectedly'} (${p.count} ${plural(p.count, 'event', 'events')}${p.exception ? `, ${p.exception}${p.config ? ', the sign of a missing or corrupt .NET configuration file, machine.config' : ''}` : ''}), with no agent activity afterwards: the guest agent was not running.`,
    nl: (p) =>
      `Het Windows-gebeurtenislogboek toont dat ${p.subject ?? 'de agent'} ${p.serious ? 'crashte of niet kon starten' : 'onverwacht stopte'} (${p.count} ${plural(p.count, 'gebeurtenis', 'gebeurtenissen')}${p.exception ? `, ${p.exception}${p.config ? ', het teken van een ontbrekend of beschadigd .NET-configuratiebestand, machine.config' : ''}` : ''}), zonder activiteit van de agent daarna: de agent draaide niet.`,
  }),
  'agent-not-running.disabled': entry({
    en: () => 'The guest agent is disabled on this VM (/var/lib/waagent/disable_agent or ProvisionGuestAgent=false in ovf-env.xml), so it never runs the backup extension.',
    nl: () => 'De agent is op deze VM uitgeschakeld (/var/lib/waagent/disable_agent of ProvisionGuestAgent=false in ovf-env.xml), dus hij voert de back-upextensie nooit uit.',
  }),
  'agent-not-running.disabled-but-ran': entry({
    en: (p: { file: string; text: string; count: number; last?: string }) =>
      ` The VM carries a disable marker (${p.file}: ${p.text}), but the agent ran after it (${p.count} ${plural(p.count, 'heartbeat, goal state or backup run', 'heartbeats, goal states or backup runs')}, the last at ${p.last ?? 'an unknown time'}), so the marker (for example a stale ProvisionGuestAgent=false) did not stop it.`,
    nl: (p) =>
      ` De VM heeft een markering die de agent uitschakelt (${p.file}: ${p.text}), maar de agent draaide daarna nog (${p.count} ${plural(p.count, 'heartbeat, doelstatus of back-up', 'heartbeats, doelstatussen of back-ups')}, de laatste om ${p.last ?? 'een onbekend tijdstip'}), dus de markering (bijvoorbeeld een verouderde ProvisionGuestAgent=false) hield hem niet tegen.`,
  }),
  'agent-not-running.service-down': entry({
    en: (p: { detail: AnalysisText; backupLater?: string }, t) =>
      `The agent's service is not running (service manager state): ${t(p.detail)}${p.backupLater ? `; but the Backup extension ran a backup after it (started ${stamp(p.backupLater)}), and only a running agent starts it: the agent was running again by then.` : ''}`,
    nl: (p, t) =>
      `De service van de agent draait niet (volgens de servicebeheerder): ${t(p.detail)}${p.backupLater ? `; maar de back-upextensie voerde daarna een back-up uit (gestart ${stamp(p.backupLater)}), en alleen een draaiende agent start die: de agent draaide toen weer.` : ''}`,
  }),
  'agent-not-running.no-log': entry({
    en: (p: { os: GuestOs }) =>
      `The bundle has no ${en(p.os).path} and no agent status file, so whether the agent ran cannot be seen: ${en(p.os).collect}, or check the VM agent status (Ready / Not ready) in the portal.`,
    nl: (p) =>
      `De bundel bevat geen ${nl(p.os).path} en geen statusbestand van de agent, dus of de agent draaide is niet te zien: ${nl(p.os).collect}, of controleer de status van de VM-agent (Gereed / Niet gereed) in de portal.`,
  }),
  'agent-not-running.stopped-before-task': entry({
    en: (p: { event: AgentStopEvent; detail?: AnalysisText; taskId: string }, t) => `The agent was stopped (${STOP_EVENT[p.event].en}${p.detail ? `: ${t(p.detail)}` : ''}) and not started again before the failed snapshot task ${tidEn(p.taskId)}.`,
    nl: (p, t) => `De agent werd gestopt (${STOP_EVENT[p.event].nl}${p.detail ? `: ${t(p.detail)}` : ''}) en niet opnieuw gestart vóór de mislukte momentopnametaak ${tid(p.taskId)}.`,
  }),
  'agent-not-running.active-near-task': entry({
    en: (p: { count: number; taskId: string }) => `The agent logged ${p.count} heartbeat/goal-state ${plural(p.count, 'line', 'lines')} within an hour of the failed task ${tidEn(p.taskId)}; it was running.`,
    nl: (p) => `De agent logde ${p.count} ${plural(p.count, 'regel', 'regels')} met een heartbeat of doelstatus binnen een uur van de mislukte taak ${tid(p.taskId)}; hij draaide.`,
  }),
  'agent-not-running.silent-near-task': entry({
    en: (p: { taskId: string; loggedAgain: boolean; os?: GuestOs; relayedIn?: readonly string[] }) =>
      `${logEn({ ...p, os: p.os ?? 'linux' }).log} ${p.relayedIn?.length ? 'show' : 'has'} no agent activity from an hour before to an hour after the failed task ${tidEn(p.taskId)} although ${p.loggedAgain ? 'the agent logs again afterwards' : 'other logs continue in that time'}: the agent was not running then.`,
    nl: (p) =>
      `${logNl({ ...p, os: p.os ?? 'linux' }).log} ${p.relayedIn?.length ? 'tonen' : 'toont'} geen activiteit van de agent van een uur vóór tot een uur na de mislukte taak ${tid(p.taskId)}, terwijl ${p.loggedAgain ? 'de agent daarna weer logt' : 'andere logs in die tijd doorlopen'}: de agent draaide toen niet.`,
  }),
  'agent-not-running.not-covered': entry({
    en: (p: AgentLogIn & { taskId: string }) =>
      p.relayedIn?.length
        ? `${logEn(p).log} do not cover the time of the failed task ${tidEn(p.taskId)}; collect /var/log/waagent.log* (it may reach further back) or check the agent status in the portal.`
        : `${en(p.os).log} does not cover the time of the failed task ${tidEn(p.taskId)}; collect its older rotations (${p.os === 'windows' ? 'WaAppAgent.*.log' : '/var/log/waagent.log.*'}) or check the agent status in the portal.`,
    nl: (p) =>
      p.relayedIn?.length
        ? `${logNl(p).log} reiken niet tot de tijd van de mislukte taak ${tid(p.taskId)}; verzamel /var/log/waagent.log* (dat kan verder teruggaan) of controleer de agentstatus in de portal.`
        : `${nl(p.os).log} reikt niet tot de tijd van de mislukte taak ${tid(p.taskId)}; verzamel ook de oudere logbestanden (${p.os === 'windows' ? 'WaAppAgent.*.log' : '/var/log/waagent.log.*'}) of controleer de agentstatus in de portal.`,
  }),
  'agent-not-running.stopped-at-end': entry({
    en: (p: { event: AgentStopEvent; detail?: AnalysisText }, t) => `The agent was stopped (${STOP_EVENT[p.event].en}${p.detail ? `: ${t(p.detail)}` : ''}) and not started again before the end of its log.`,
    nl: (p, t) => `De agent werd gestopt (${STOP_EVENT[p.event].nl}${p.detail ? `: ${t(p.detail)}` : ''}) en niet opnieuw gestart vóór het einde van zijn log.`,
  }),
  'agent-not-running.heartbeats-to-end': entry({
    en: () => 'The agent was sending heartbeats up to the end of its log.',
    nl: () => 'De agent stuurde heartbeats tot het einde van zijn log.',
  }),
  'agent-not-running.activity': entry({
    en: () => 'The agent logged activity and no stop, crash or disabled state was found.',
    nl: () => 'De agent logde activiteit en er is geen stop, crash of uitgeschakelde toestand gevonden.',
  }),
  'agent-not-running.status': entry({
    en: (p: { status: string }) => `The last aggregate status the agent wrote says ${p.status}.`,
    nl: (p) => `De laatste totaalstatus die de agent schreef, is ${p.status}.`,
  }),
  'agent-not-running.no-activity': entry({
    en: (p: AgentLogIn) => `${logEn(p).log} ${logEn(p).many ? 'have' : 'has'} no agent activity lines to judge from; check the VM agent status in the portal.`,
    nl: (p) => `${logNl(p).log} ${logNl(p).many ? 'bevatten' : 'bevat'} geen regels met activiteit van de agent om op te beoordelen; controleer de status van de VM-agent in de portal.`,
  }),

  // extension-failed-state: what failed (a part), then the sentences
  'extension-failed-state.part.handler-state': entry({
    en: (p: { state: string; version: string }) => `handler state ${p.state} (${p.version})`,
    nl: (p) => `HandlerState ${p.state} (${p.version})`,
  }),
  'extension-failed-state.part.handler-status': entry({
    en: (p: { code: number; message?: string }) => `handler status NotReady, code ${p.code}${p.message ? `: ${p.message}` : ''}`,
    nl: (p) => `HandlerStatus NotReady, code ${p.code}${p.message ? `: ${quote(p.message)}` : ''}`,
  }),
  'extension-failed-state.part.operation': entry({
    en: (p: { op: string; outcome: 'failed' | 'timed-out'; exitCode?: number; detail?: AnalysisText }, t) =>
      `${p.op} ${p.outcome}${p.exitCode !== undefined ? ` (exit code ${p.exitCode})` : ''}${p.detail ? `: ${t(p.detail)}` : ''}`,
    nl: (p, t) => `${opNl(p.op)} ${p.outcome === 'failed' ? 'mislukt' : 'kreeg een time-out'}${p.exitCode !== undefined ? ` (afsluitcode ${p.exitCode})` : ''}${p.detail ? `: ${t(p.detail)}` : ''}`,
  }),
  /** handle.sh's `<date>- 1 returned from handle.py` lines since the last 0 (shell.log), said once with their count and span. */
  'extension-failed-state.part.handle-rc': entry({
    en: (p: { rc: string; count: number; command?: string; sinceOk: boolean; from?: string; to?: string }) =>
      p.count === 1
        ? `handle.py returned ${p.rc}${p.command ? ` on ${p.command}` : ''}${p.from ? ` at ${stamp(p.from)}` : ''}`
        : `handle.py returned ${p.rc} on every ${p.command ?? 'run'}${p.sinceOk ? ' since it last returned 0' : ''} (${p.count} times${p.from && p.to ? `, ${stamp(p.from)} to ${stamp(p.to)}` : ''})`,
    nl: (p) =>
      p.count === 1
        ? `handle.py gaf ${p.rc} terug${p.command ? ` bij ${opNl(p.command)}` : ''}${p.from ? ` om ${stamp(p.from)}` : ''}`
        : `handle.py gaf ${p.rc} terug bij elke ${p.command ? opNl(p.command) : 'uitvoering'}${p.sinceOk ? ' sinds het laatst 0 teruggaf' : ''} (${p.count} keer${p.from && p.to ? `, ${stamp(p.from)} tot ${stamp(p.to)}` : ''})`,
  }),
  'extension-failed-state.part.event': entry({
    en: (p: { op: string; message: string }) => `${p.op} failed: ${p.message}`,
    nl: (p) => `${opNl(p.op)} mislukt: ${quote(p.message)}`,
  }),
  'extension-failed-state.part.status-error': entry({
    en: (p: { operation?: string; code: number; message?: string }) => `${p.operation ?? 'status'} error, code ${p.code}${p.message ? `: ${p.message}` : ''}`,
    nl: (p) => `fout bij ${p.operation ?? 'status'}, code ${p.code}${p.message ? `: ${quote(p.message)}` : ''}`,
  }),
  'extension-failed-state.part.reported-not-ready': entry({
    en: (p: { code: number; message?: string }) => `reported NotReady, code ${p.code}${p.message ? `: ${p.message}` : ''}`,
    nl: (p) => `meldde NotReady, code ${p.code}${p.message ? `: ${p.message}` : ''}`,
  }),
  'extension-failed-state.known-bad': entry({
    en: (p: { handler: string; version: string; os?: string; problem: Localized; remedy: Localized; source: string }) =>
      `${p.handler} ${p.version}${p.os ? ` runs on ${p.os}` : ''}: ${p.problem.en} Remedy: ${p.remedy.en} (${p.source})`,
    nl: (p) => `${p.handler} ${p.version}${p.os ? ` draait op ${p.os}` : ''}: ${p.problem.nl} Oplossing: ${p.remedy.nl} (${p.source})`,
  }),
  'extension-failed-state.detected': entry({
    en: (p: { backup: boolean; handlers: readonly string[]; handler: string; what: AnalysisText; gone: readonly string[] }, t) =>
      `${p.backup ? 'The Backup extension' : p.handlers.length > 1 ? `Extensions ${p.handlers.join(', ')}` : p.handlers[0] === UNNAMED_HANDLER ? 'An extension (its log came without its folder, so its name is not known)' : `Extension ${p.handlers[0]}`} ${p.handlers.length > 1 && !p.backup ? 'are' : 'is'} in a failed state (${p.handler === UNNAMED_HANDLER ? '' : `${p.handler}: `}${t(p.what)}). A failed extension leaves the VM in a failed provisioning state, which blocks backups until the extension is repaired or removed.${goneEn(p.gone)}`,
    nl: (p, t) =>
      `${p.backup ? 'De back-upextensie is' : p.handlers.length > 1 ? `De extensies ${p.handlers.join(', ')} zijn` : p.handlers[0] === UNNAMED_HANDLER ? 'Een extensie (het log kwam zonder zijn map, dus de naam is onbekend) is' : `De extensie ${p.handlers[0]} is`} mislukt (${p.handler === UNNAMED_HANDLER ? '' : `${p.handler}: `}${t(p.what)}). Een mislukte extensie zet de VM in de inrichtingsstatus Mislukt, en dat blokkeert back-ups tot de extensie is hersteld of verwijderd.${goneNl(p.gone)}`,
  }),
  'extension-failed-state.possible-only': entry({
    en: () =>
      'Nothing in the bundle shows that this left the VM in a failed provisioning state, so it is a possible cause only: check the VM\'s provisioning state in the portal (VM → Overview → Status, or Extensions + applications) and whether the backup job\'s error is UserErrorVmProvisioningStateFailed.',
    nl: () =>
      'Niets in de bundel laat zien dat de VM hierdoor in de inrichtingsstatus Mislukt kwam, dus dit is alleen een mogelijke oorzaak: controleer de inrichtingsstatus van de VM in de portal (VM → Overzicht → Status, of Extensies + toepassingen) en of de fout van de back-uptaak UserErrorVmProvisioningStateFailed is.',
  }),
  'extension-failed-state.ruled-out': entry({
    en: (p: { states: readonly { handler: string; state: string }[]; gone: readonly string[] }) =>
      `No extension is in a failed state: ${p.states.length ? p.states.map((s) => `${s.handler} ${s.state}`).join(', ') : 'the agent logged no unrecovered install/enable/update failure'}.${goneEn(p.gone)}`,
    nl: (p) =>
      `Geen extensie is mislukt: ${p.states.length ? p.states.map((s) => `${s.handler} ${s.state}`).join(', ') : 'de agent logde geen onherstelde fout bij het installeren, inschakelen of bijwerken'}.${goneNl(p.gone)}`,
  }),
  'extension-failed-state.nothing': entry({
    en: () =>
      'The bundle has no extension state (/var/lib/waagent/<Handler>-<Version>/config/HandlerState, HandlerStatus) and no agent log of extension operations. Check the VM in the portal: Extensions + applications, look for any extension in "Provisioning failed".',
    nl: () =>
      'De bundel bevat geen toestand van extensies (/var/lib/waagent/<Handler>-<Version>/config/HandlerState, HandlerStatus) en geen agentlog van extensiebewerkingen. Controleer de VM in de portal: Extensies + toepassingen, zoek een extensie met "Inrichten mislukt".',
  }),

  // timeline items (TimelineItem.label)
  'timeline.snapshot': entry({
    en: (p: { result: TaskResult } & CodeSaid) => `${SNAPSHOT_LABEL.en[p.result]}${codeSaid('en', p)}`,
    nl: (p) => `${SNAPSHOT_LABEL.nl[p.result]}${codeSaid('nl', p)}`,
  }),
  'timeline.extension': entry({
    en: (p: { op: string; outcome: string; exitCode?: number }) => `${p.op} ${p.outcome}${p.exitCode !== undefined ? ` (exit ${p.exitCode})` : ''}`,
    nl: (p) => `${opNl(p.op)} ${OUTCOME_NL[p.outcome] ?? p.outcome}${p.exitCode !== undefined ? ` (afsluitcode ${p.exitCode})` : ''}`,
  }),
  'timeline.agent': entry({
    en: (p: { event: AgentMarker }) => (p.event === 'daemon-start' ? 'Agent daemon started' : p.event === 'exthandler-start' ? 'ExtHandler started' : `Agent ${p.event.replace(/-/g, ' ')}`),
    nl: (p) => AGENT_MARKER_NL[p.event],
  }),
  'timeline.heartbeat-gap': entry({
    en: (p: { minutes: number }) => `No agent heartbeat for ${p.minutes} min`,
    nl: (p) => `${p.minutes} min geen heartbeat van de agent`,
  }),
  'timeline.goal-state': entry({
    en: (p: { recovered: boolean }) => (p.recovered ? 'Goal state recovered' : 'Goal state error'),
    nl: (p) => (p.recovered ? 'Doelstatus hersteld' : 'Fout bij doelstatus'),
  }),
  'timeline.self-update': entry({
    en: (p: { event: 'failed' | 'blacklisted'; version?: string }) => `Agent self-update ${p.event}${p.version ? ` (${p.version})` : ''}`,
    nl: (p) => `Automatisch bijwerken van de agent ${p.event === 'failed' ? 'mislukt' : 'geblokkeerd'}${p.version ? ` (${p.version})` : ''}`,
  }),

  // why a snapshot task did not finish (SnapshotTask.unfinishedReason)
  'snapshot.unfinished.next-task': entry({
    en: () => 'no final status was logged before the next backup task started',
    nl: () => 'er is geen eindstatus gelogd voordat de volgende back-uptaak begon',
  }),
  'snapshot.unfinished.logs-continue': entry({
    en: () => 'no final status was logged, and the logs continue long after the task',
    nl: () => 'er is geen eindstatus gelogd, en de logs lopen nog lang na de taak door',
  }),
  'snapshot.unfinished.unplaced': entry({
    en: () => 'no final status was logged, and none of the task\'s lines has a time, so whether the logs go on past it cannot be told',
    nl: () => 'er is geen eindstatus gelogd, en geen van de regels van de taak heeft een tijd, dus of de logs na de taak doorlopen is niet te zeggen',
  }),
  'snapshot.unfinished.frozen': entry({
    en: () =>
      'the log ends at "proceeded for accepting signals": the filesystems were being frozen and the in-memory freeze log was never flushed (the VM or the extension hung while frozen)',
    nl: () =>
      'het log eindigt bij "proceeded for accepting signals": de bestandssystemen werden bevroren en het log van het bevriezen, dat in het geheugen stond, werd nooit weggeschreven (de VM of de extensie bleef hangen in bevroren toestand)',
  }),
  'snapshot.unfinished.vss-waiting': entry({
    en: (p: { phase: string }) =>
      `the plugin log ends waiting for VSS ${p.phase}: the VSS call never returned (the VM, a VSS writer or the provider hung during the snapshot's consistency step)`,
    nl: (p) =>
      `het log van de plug-in eindigt terwijl het wacht op VSS ${p.phase}: de VSS-aanroep kwam nooit terug (de VM, een VSS-writer of de provider bleef hangen tijdens de consistentiestap van de momentopname)`,
  }),
  'snapshot.unfinished.status-not-written': entry({
    en: (p: { detail?: AnalysisText }, t) => `the final status was never written (${p.detail ? t(p.detail) : 'status write failed'}), so it stayed at code 4 (transitioning)`,
    nl: (p, t) => `de eindstatus werd nooit geschreven (${p.detail ? t(p.detail) : 'schrijven van de status mislukt'}), dus bleef hij op code 4 (transitioning) staan`,
  }),
  'snapshot.unfinished.no-daemon': entry({
    en: () => 'the enable handler reported "transitioning" but the snapshot daemon never logged its start',
    nl: () => 'de enable-handler meldde "transitioning", maar de momentopname-daemon logde nooit dat hij startte',
  }),

  // What a snapshot milestone says (SnapshotMilestoneFact.note), shown as a phase's detail or a task's message;
  // the English is the milestone's `detail`, which the JSON keeps.
  /** A VSS failure the Windows extension's log or the event log names (parse/windows/vss.ts, by its id). */
  'detail.applocker-blocked': entry({
    en: (p: { event?: string }) => `AppLocker prevented the Backup extension's IaaSBcdrExtension.exe from running${p.event ? ` (${p.event})` : ''}`,
    nl: (p) => `AppLocker heeft IaaSBcdrExtension.exe van de back-upextensie niet laten starten${p.event ? ` (${p.event})` : ''}`,
  }),
  'milestone.vss-failed': entry({
    en: (p: { id: string; what: string; event?: string; writer?: string; operation?: string }) =>
      `VSS: ${p.writer ? vssVetoEn(p.writer, p.operation) : p.what}${p.event ? ` (${p.event})` : ''}`,
    nl: (p) => `VSS: ${p.writer ? vssVetoNl(p.writer, p.operation) : Object.hasOwn(VSS_PROBLEM_NL, p.id) ? VSS_PROBLEM_NL[p.id] : quote(p.what)}${p.event ? ` (${p.event})` : ''}`,
  }),
  'milestone.vss-snapshot-set': entry({ en: () => 'VSS snapshot set created', nl: () => 'VSS-momentopnameset gemaakt' }),
  'milestone.vss-waiting': entry({
    en: (p: { phase: string }) => `the log ends waiting for VSS ${p.phase}`,
    nl: (p) => `het log eindigt terwijl het wacht op VSS ${p.phase}`,
  }),
  /** `DoSnapshotHost=<result>`: the word is the log's. */
  'milestone.host-snapshot': entry({
    en: (p: { result: string }) => `host snapshot ${p.result}`,
    nl: (p) => `momentopname via de host: ${p.result}`,
  }),
  'milestone.dosnapshot-complete': entry({ en: () => 'DoSnapshot complete, no snapshot failed', nl: () => 'DoSnapshot voltooid, geen enkele momentopname mislukt' }),
  'milestone.status-exception': entry({
    en: () => 'the final status raised an exception and was never written (status stays at code 4)',
    nl: () => 'het schrijven van de eindstatus gaf een exception en gebeurde nooit (de status blijft op code 4)',
  }),
  'milestone.status-report-failed': entry({
    en: () => 'the status report could not be built (status stays at code 4)',
    nl: () => 'het statusrapport kon niet worden opgesteld (de status blijft op code 4)',
  }),
  'milestone.status-file-failed': entry({ en: () => 'the status file could not be written', nl: () => 'het statusbestand kon niet worden geschreven' }),
  'milestone.host-status-keyerror': entry({
    en: () => "KeyError 'hostStatusCodeDoSnapshot': all guest snapshots failed and the failure was reported as a generic error",
    nl: () => "KeyError 'hostStatusCodeDoSnapshot': alle momentopnamen via de VM mislukten en de fout werd als algemene fout gemeld",
  }),
  'milestone.workload-failed': entry({
    en: (p: { warning: boolean }) => `workload step failed${p.warning ? ' (warning)' : ''}`,
    nl: (p) => `workloadstap mislukt${p.warning ? ' (waarschuwing)' : ''}`,
  }),
  /** A check of the pre/post-script plugin host on one file (PluginHost.py, ScriptRunner.py). */
  'milestone.prepost-file': entry({
    en: (p: PrepostFile) => {
      switch (p.problem) {
        case 'owner':
          return `${fileEn(p)} is owned by ${p.owner ? p.owner : 'an unknown user'}, not root`;
        case 'mode':
          return `${fileEn(p)} does not have the required permissions${p.mode ? ` (mode ${p.mode}, at most ${PREPOST_MODE[p.role]})` : ` (at most ${PREPOST_MODE[p.role]})`}`;
        case 'missing':
          return `${fileEn(p)} does not exist`;
        case 'unreadable':
          return `${fileEn(p)} could not be read${p.error ? `: ${p.error}` : ''}`;
      }
    },
    nl: (p) => {
      switch (p.problem) {
        case 'owner':
          return `${fileNl(p)} is eigendom van ${p.owner ? p.owner : 'een onbekende gebruiker'}, niet van root`;
        case 'mode':
          return `${fileNl(p)} heeft niet de vereiste machtigingen${p.mode ? ` (modus ${p.mode}, hoogstens ${PREPOST_MODE[p.role]})` : ` (hoogstens ${PREPOST_MODE[p.role]})`}`;
        case 'missing':
          return `${fileNl(p)} bestaat niet`;
        case 'unreadable':
          return `${fileNl(p)} kon niet worden gelezen${p.error ? `: ${quote(p.error)}` : ''}`;
      }
    },
  }),
  'milestone.precheck-failed': entry({ en: () => 'plugin host precheck failed', nl: () => 'voorcontrole van de pluginhost mislukt' }),
  'milestone.script-exit': entry({
    en: (p: { code: string }) => `script exit code ${p.code}`,
    nl: (p) => `afsluitcode van het script: ${p.code}`,
  }),
  'milestone.freeze-timed-out': entry({ en: () => 'freeze timed out', nl: () => 'time-out bij het bevriezen' }),
  'milestone.freeze-lock': entry({ en: () => 'another process holds the freeze lock', nl: () => 'een ander proces houdt de vergrendeling voor het bevriezen vast' }),
  'milestone.bhs-down': entry({ en: () => 'Backup Host Service not running (HTTP 500)', nl: () => 'Backup Host Service draait niet (HTTP 500)' }),
  'milestone.wireserver-silent': entry({ en: () => 'no response from 168.63.129.16', nl: () => 'geen antwoord van 168.63.129.16' }),
  'milestone.empty-response': entry({ en: () => 'empty response body', nl: () => 'antwoord zonder inhoud (lege response body)' }),
  /** A failed HTTP call of the host snapshot path (`presnapshot` or `dosnapshot`), with its HTTP status. */
  'milestone.host-http': entry({
    en: (p: { call: 'presnapshot' | 'dosnapshot'; status: string }) => `${p.call} HTTP ${p.status}`,
    nl: (p) => `${p.call} kreeg HTTP-status ${p.status}`,
  }),
  'milestone.storage-call-failed': entry({ en: () => 'storage snapshot call failed', nl: () => 'de aanroep van de opslag voor de momentopname mislukte' }),
  'milestone.disk-snapshot-failed': entry({ en: () => 'a disk snapshot failed', nl: () => 'de momentopname van een schijf mislukte' }),
  /** `T:S thaw result <errors>`: the errors are the log's. */
  'milestone.thaw-errors': entry({
    en: (p: { errors: string }) => `errors: ${p.errors}`,
    nl: (p) => `fouten: ${quote(p.errors)}`,
  }),
  'milestone.snapshot-inconsistent': entry({
    en: () => 'snapshot inconsistent: the freeze binary failed or thawed by itself',
    nl: () => 'momentopname inconsistent: het programma dat bevriest, mislukte of ontdooide uit zichzelf',
  }),
  'milestone.thaw-deadline': entry({
    en: () => 'the freeze binary hit its thaw deadline',
    nl: () => 'het programma dat bevriest, bereikte zijn uiterste tijd voor het ontdooien',
  }),
  // a snapshot task's phases (SnapshotPhase.detail) in the app's own words
  'phase.code': entry({
    en: (p: { code?: number; statusName?: string }) => `code ${p.code}${p.statusName ? ` ${p.statusName}` : ''}`,
    nl: (p) => `statuscode ${p.code ?? 'onbekend'}${p.statusName ? ` ${p.statusName}` : ''}`,
  }),
  'phase.no-final-status': entry({ en: () => 'no final status', nl: () => 'geen eindstatus' }),
  'phase.not-taken': entry({ en: () => 'not taken after the freeze failed', nl: () => 'niet gemaakt, want het bevriezen mislukte' }),

  // the snapshot rules
  'snapshot.no-logs': entry({ en: () => NO_SNAPSHOT_LOGS.en, nl: () => NO_SNAPSHOT_LOGS.nl }),

  // certificate-missing
  'certificate-missing.task': entry({
    en: (p: { task: TaskRef; agentToo: boolean }) =>
      `In ${taskEn(p.task)} the extension could not decrypt its protected settings (code 16: the tenant certificate is missing or the settings are empty)${p.agentToo ? '; the agent also logged certificate problems' : ''}.`,
    nl: (p) =>
      `In ${taskNl(p.task)} kon de extensie haar beveiligde instellingen niet ontsleutelen (code 16: het tenantcertificaat ontbreekt of de instellingen zijn leeg)${p.agentToo ? '; ook de agent logde certificaatproblemen' : ''}.`,
  }),
  'certificate-missing.agent': entry({
    en: (p: { count: number; call?: string; fips: boolean; opensslPath?: string; keyAcl?: boolean }) => {
      const conf = [...(p.fips ? ['OS.EnableFIPS=y (FIPS mode: openssl refuses the non-FIPS ciphers of older certificate packages)'] : []), ...(p.opensslPath ? [`OS.OpensslPath=${p.opensslPath}`] : [])];
      const why = p.keyAcl
        ? "the extension could not use the private key of the certificate that protects its settings, which Microsoft's article on extension certificate issues attributes to wrong permissions on C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys"
        : "extensions cannot decrypt their protected settings without the goal state's certificates";
      return `The guest logged ${p.count} certificate problem${plural(p.count, '', 's')}${p.call ? ` (${p.call})` : ''}; ${why}.${conf.length ? ` waagent.conf sets ${conf.join(' and ')}.` : ''}`;
    },
    nl: (p) => {
      const conf = [...(p.fips ? ['OS.EnableFIPS=y (FIPS-modus: openssl weigert de niet-FIPS-versleuteling van oudere certificaatpakketten)'] : []), ...(p.opensslPath ? [`OS.OpensslPath=${p.opensslPath}`] : [])];
      const why = p.keyAcl
        ? 'de extensie kon de persoonlijke sleutel van het certificaat dat haar instellingen beveiligt niet gebruiken, wat het artikel van Microsoft over certificaatproblemen van extensies wijt aan verkeerde machtigingen op C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys'
        : 'zonder de certificaten van de doelstatus kunnen extensies hun beveiligde instellingen niet ontsleutelen';
      return `De VM logde ${p.count} ${plural(p.count, 'certificaatprobleem', 'certificaatproblemen')}${p.call ? ` (${quote(p.call)})` : ''}; ${why}.${conf.length ? ` waagent.conf zet ${conf.join(' en ')}.` : ''}`;
    },
  }),
  'certificate-missing.read': entry({
    en: (p: { count: number }) => `The extension read its protected settings in ${p.count} task${plural(p.count, '', 's')} (the daemon ran) and no certificate or decryption failure was logged.`,
    nl: (p) => `De extensie las haar beveiligde instellingen in ${p.count} ${plural(p.count, 'taak', 'taken')} (de daemon draaide) en er is geen certificaat- of ontsleutelingsfout gelogd.`,
  }),
  'certificate-missing.not-far': entry({
    en: () => 'No snapshot task got far enough to show whether the settings could be decrypted.',
    nl: () => 'Geen momentopnametaak kwam ver genoeg om te tonen of de instellingen konden worden ontsleuteld.',
  }),

  // extension-stuck
  'extension-stuck.task': entry({
    en: (p: { task: TaskRef; why: 'write-failed' | 'no-daemon' | 'frozen-hang' | 'unfinished' | 'unplaced'; unfinished?: Localized }) =>
      `In ${taskEn(p.task)} ${
        p.why === 'write-failed'
          ? 'the final status write failed, so the status stayed at code 4 (transitioning)'
          : p.why === 'no-daemon'
            ? 'the enable handler reported "transitioning" but the snapshot daemon never started'
            : p.why === 'frozen-hang'
              ? 'the extension hung while the filesystems were frozen and never reported a final status'
              : p.why === 'unplaced'
                ? 'no final status is on its lines'
                : `no final status was ever reported (${p.unfinished?.en ?? 'the task did not finish'})`
      }.`,
    nl: (p) =>
      `In ${taskNl(p.task)} ${
        p.why === 'write-failed'
          ? 'mislukte het schrijven van de eindstatus, dus bleef de status op code 4 (transitioning) staan'
          : p.why === 'no-daemon'
            ? 'meldde de enable-handler "transitioning", maar de momentopname-daemon startte nooit'
            : p.why === 'frozen-hang'
              ? 'bleef de extensie hangen terwijl de bestandssystemen bevroren waren, en meldde ze nooit een eindstatus'
              : p.why === 'unplaced'
                ? 'staat op de regels geen eindstatus'
                : `werd nooit een eindstatus gemeld (${p.unfinished?.nl ?? 'de taak werd niet afgerond'})`
      }.`,
  }),
  'extension-stuck.status-file': entry({
    en: () => 'The newest status file of the Backup extension still says code 4 (transitioning) and no log shows the task finishing.',
    nl: () => 'Het nieuwste statusbestand van de back-upextensie staat nog op code 4 (transitioning) en geen log toont dat de taak klaar is.',
  }),
  'extension-stuck.finished': entry({
    en: (p: { count: number; running: boolean }) =>
      `Every snapshot task that started reached a final status (${p.count} task${plural(p.count, '', 's')}); none stayed in "transitioning".${p.running ? ' The newest task was still running when the logs were collected.' : ''}`,
    nl: (p) =>
      `Elke gestarte momentopnametaak kreeg een eindstatus (${p.count} ${plural(p.count, 'taak', 'taken')}); geen enkele bleef op "transitioning" staan.${p.running ? ' De nieuwste taak liep nog toen de logs werden verzameld.' : ''}`,
  }),
  'extension-stuck.none': entry({
    en: () => 'No snapshot task with a start and an end is in the bundle.',
    nl: () => 'De bundel bevat geen momentopnametaak met een begin en een einde.',
  }),

  // snapshot-limit-reached
  'snapshot-limit-reached.rate': entry({
    en: (p: { task: TaskRef }) =>
      `In ${taskEn(p.task)} storage refused the snapshot because another snapshot of the same disk ran in the same minute (173 FailedRetryableSnapshotRateExceeded): another product snapshots these disks at the backup time.`,
    nl: (p) =>
      `In ${taskNl(p.task)} weigerde de opslag de momentopname omdat er in dezelfde minuut een andere momentopname van dezelfde schijf liep (173 FailedRetryableSnapshotRateExceeded): een ander product maakt op het tijdstip van de back-up momentopnamen van deze schijven.`,
  }),
  'snapshot-limit-reached.count': entry({
    en: (p: { task: TaskRef }) => `In ${taskEn(p.task)} storage refused the snapshot because the disk blob has too many snapshots (85 FailedSnapshotLimitReached). Delete unneeded blob snapshots.`,
    nl: (p) => `In ${taskNl(p.task)} weigerde de opslag de momentopname omdat de schijfblob te veel momentopnamen heeft (85 FailedSnapshotLimitReached). Verwijder overbodige momentopnamen van de blob.`,
  }),
  'snapshot-limit-reached.ruled-out': entry({
    en: (p: { count: number }) => `${p.count} snapshot${plural(p.count, ' was', 's were')} taken and storage never reported a snapshot count or rate limit (85/173).`,
    nl: (p) => `${snapshotsTakenNl(p.count)} gemaakt en de opslag meldde nooit een limiet op het aantal momentopnamen of op hun frequentie (85/173).`,
  }),
  'snapshot-limit-reached.none': entry({
    en: () => 'No snapshot task reached the snapshot step, so blob snapshot limits cannot be judged.',
    nl: () => 'Geen momentopnametaak bereikte de stap momentopname, dus de limieten voor momentopnamen van blobs zijn niet te beoordelen.',
  }),

  // snapshot-task-delayed
  'snapshot-task-delayed.too-late': entry({
    en: (p: { task: TaskRef; minutes?: number }) =>
      `In ${taskEn(p.task)} the extension ran${p.minutes !== undefined ? ` ${p.minutes} ${plural(p.minutes, 'minute', 'minutes')}` : ' more than 140 minutes'} after the backup service asked for the snapshot and gave up (402 FailedGuestAgentInvokedCommandTooLate). The agent was late delivering the task (busy, restarted, or the VM was stopped).`,
    nl: (p) =>
      `In ${taskNl(p.task)} startte de extensie ${p.minutes !== undefined ? `${p.minutes} ${plural(p.minutes, 'minuut', 'minuten')}` : 'meer dan 140 minuten'} nadat de back-upservice om de momentopname had gevraagd, en gaf ze het op (402 FailedGuestAgentInvokedCommandTooLate). De agent leverde de taak te laat af (hij had het druk, werd herstart, of de VM was gestopt).`,
  }),
  'snapshot-task-delayed.waited': entry({
    en: (p: { task: TaskRef; minutes: number }) => `In ${taskEn(p.task)} the extension started ${p.minutes} ${plural(p.minutes, 'minute', 'minutes')} after the service's request: the task waited in the agent before it ran.`,
    nl: (p) => `In ${taskNl(p.task)} startte de extensie ${p.minutes} ${plural(p.minutes, 'minuut', 'minuten')} na het verzoek van de service: de taak wachtte in de agent voordat ze werd uitgevoerd.`,
  }),
  'snapshot-task-delayed.slow': entry({
    en: (p: { task: TaskRef; minutes: number }) => `In ${taskEn(p.task)} the snapshot itself took ${p.minutes} ${plural(p.minutes, 'minute', 'minutes')}.`,
    nl: (p) => `In ${taskNl(p.task)} duurde de momentopname zelf ${p.minutes} ${plural(p.minutes, 'minuut', 'minuten')}.`,
  }),
  'snapshot-task-delayed.on-time': entry({
    en: (p: { minutes: number; measured: number }) =>
      `Every task started within ${p.minutes} minute${plural(p.minutes, '', 's')} of the service's request (${p.measured} measured); none came near the 140-minute limit.`,
    nl: (p) => `Elke taak startte binnen ${p.minutes} ${plural(p.minutes, 'minuut', 'minuten')} na het verzoek van de service (${p.measured} gemeten); geen enkele kwam in de buurt van de grens van 140 minuten.`,
  }),
  'snapshot-task-delayed.unmeasured': entry({
    en: () => 'No task reported 402 (too late), but the request times were not logged, so delays cannot be measured.',
    nl: () => 'Geen taak meldde 402 (te laat), maar de tijden van de verzoeken zijn niet gelogd, dus vertragingen zijn niet te meten.',
  }),
  'snapshot-task-delayed.none': entry({
    en: () => 'No snapshot task is in the bundle, so its timing cannot be judged.',
    nl: () => 'De bundel bevat geen momentopnametaak, dus de timing is niet te beoordelen.',
  }),

  // storage-unreachable
  'storage-unreachable.task': entry({
    en: (p: { task: TaskRef; agentToo: boolean; proxy?: string; hostAnswered?: { call: string; status: string; message?: string } } & CodeSaid) =>
      `In ${taskEn(p.task)} the snapshot calls to storage / the Backup Host Service (168.63.129.16) failed${codeSaid('en', p)}.${p.agentToo ? ' The guest agent also failed to reach storage around that time.' : ''}${p.proxy !== undefined ? ` waagent.conf sends calls to storage through the HTTP proxy ${p.proxy} (never those to 168.63.129.16): check that the proxy passes them.` : ''}${
        p.hostAnswered
          ? ` The host answered ${p.hostAnswered.call} with HTTP ${p.hostAnswered.status}${p.hostAnswered.message ? ` ("${p.hostAnswered.message}")` : ''}, so the way to 168.63.129.16 works: the call was refused, not lost${/^5/.test(p.hostAnswered.status) ? ' (a server error, on the Azure side)' : ''}. Retry the backup; if it fails the same way again, open a support case with that answer.`
          : ' Check outbound access to Azure Storage (NSG, firewall, proxy) and the WireServer.'
      }`,
    nl: (p) =>
      `In ${taskNl(p.task)} mislukten de aanroepen voor de momentopname naar de opslag of de Backup Host Service (168.63.129.16)${codeSaid('nl', p)}.${p.agentToo ? ' Ook de agent kon de opslag rond die tijd niet bereiken.' : ''}${p.proxy !== undefined ? ` Volgens waagent.conf gaan aanroepen naar de opslag via de HTTP-proxy ${p.proxy} (aanroepen naar 168.63.129.16 nooit): controleer of de proxy ze doorlaat.` : ''}${
        p.hostAnswered
          ? ` De host beantwoordde ${p.hostAnswered.call} met HTTP ${p.hostAnswered.status}${p.hostAnswered.message ? ` (${quote(p.hostAnswered.message)})` : ''}, dus de weg naar 168.63.129.16 werkt: de aanroep is geweigerd, niet verloren gegaan${/^5/.test(p.hostAnswered.status) ? ' (een serverfout, aan de kant van Azure)' : ''}. Probeer de back-up opnieuw; mislukt die weer op dezelfde manier, open dan een supportaanvraag met dat antwoord.`
          : ' Controleer de uitgaande toegang tot Azure Storage (NSG, firewall, proxy) en de WireServer.'
      }`,
  }),
  /**
   * The interpreter step of the agent causes' remedy in the words of what the finding saw (RemedyOrder.say): the file the
   * agent's command cannot run, an interpreter (python3) or another file, missing or not executable.
   */
  'agent.interpreter-step': entry({
    en: (p: { name: string; problem: 'missing' | 'not-executable'; interpreter: boolean }) =>
      `Linux VMs: the agent's command cannot start, so updating or restarting the agent does not help until this is fixed: ${
        p.problem === 'not-executable'
          ? `${p.name} may not be executed (Permission denied). Make it executable (\`chmod 755\`, or reinstall the package it comes from) and check that its file system is not mounted noexec`
          : p.interpreter
            ? `its interpreter ${p.name} is not on the VM. Install it, or create the link ${p.name}${p.name.includes('/') ? '' : ' on the PATH'} to the Python the agent runs with (\`ls -l /usr/bin/python* /usr/local/bin/python*\` lists them)`
            : `${p.name} is missing. Reinstall the agent from the distribution's package so that it is there again`
      }; then restart the agent (\`systemctl restart walinuxagent\` on Ubuntu, \`systemctl restart waagent\` on other distributions, \`service waagent restart\` on FreeBSD).`,
    nl: (p) =>
      `Linux-VM's: de opdracht van de agent kan niet starten, dus bijwerken of herstarten van de agent helpt niet tot dit is opgelost: ${
        p.problem === 'not-executable'
          ? `${p.name} mag niet worden uitgevoerd (Permission denied). Maak het uitvoerbaar (\`chmod 755\`, of installeer het pakket waar het uit komt opnieuw) en controleer dat het bestandssysteem niet met noexec is gekoppeld`
          : p.interpreter
            ? `de interpreter ${p.name} staat niet op de VM. Installeer hem, of maak de koppeling ${p.name}${p.name.includes('/') ? '' : ' in het PATH'} naar de Python waarmee de agent draait (\`ls -l /usr/bin/python* /usr/local/bin/python*\` toont ze)`
            : `${p.name} ontbreekt. Installeer de agent opnieuw uit het pakket van de distributie zodat het er weer is`
      }; start de agent daarna opnieuw (\`systemctl restart walinuxagent\` op Ubuntu, \`systemctl restart waagent\` op andere distributies, \`service waagent restart\` op FreeBSD).`,
  }),
  /** The retry step of storage-unreachable's remedy in the words of the host's answer the finding saw (RemedyOrder.say). */
  'storage-unreachable.retry-step': entry({
    en: (p: { answer: 'http'; call: string; status: string; message?: string } | { answer: 'bhs-down' } | { answer: 'empty'; call?: string }) =>
      `Retry the backup. If the host keeps answering ${
        p.answer === 'http'
          ? `${p.call} with HTTP ${p.status}${p.message ? ` ("${p.message}")` : ''}`
          : p.answer === 'bhs-down'
            ? 'that its Backup Host Service is not running (pseudo-code 556, "BHS is not running on host machine")'
            : `${p.call ?? 'the snapshot call'} with a success that has no body (pseudo-code 557)`
      }, only Azure can fix it: open a support case${p.answer === 'http' ? ' with that answer' : ''}.`,
    nl: (p) =>
      `Probeer de back-up opnieuw. Blijft de host ${
        p.answer === 'http'
          ? `${p.call} met HTTP ${p.status}${p.message ? ` (${quote(p.message)})` : ''} beantwoorden`
          : p.answer === 'bhs-down'
            ? 'antwoorden dat zijn Backup Host Service niet draait (code 556, "BHS is not running on host machine")'
            : `${p.call ?? 'de momentopnameaanroep'} beantwoorden met een succes zonder inhoud (code 557)`
      }, dan kan alleen Azure dit oplossen: open een ondersteuningsaanvraag${p.answer === 'http' ? ' met dat antwoord' : ''}.`,
  }),
  'storage-unreachable.tls': entry({
    en: (p: { count: number; trust: boolean; channel: boolean; call: string }) =>
      `The guest's HTTPS calls failed to set up TLS ${p.count} time${plural(p.count, '', 's')} (${p.call})${p.trust ? ': the server\'s certificate chain is not trusted (a missing root certificate, or SSL inspection by a proxy or security product)' : ''}${p.channel ? `${p.trust ? '; and' : ':'} no TLS version both sides accept (TLS 1.2 not enabled for .NET)` : ''}. The Backup extension's snapshot calls to storage use the same TLS settings and fail the same way (portal code ExtensionSnapshotFailedNoSecureNetwork).`,
    nl: (p) =>
      `De HTTPS-aanroepen van de VM konden ${p.count} keer geen TLS-verbinding opzetten (${quote(p.call)})${p.trust ? ': de certificaatketen van de server wordt niet vertrouwd (een ontbrekend basiscertificaat, of SSL-inspectie door een proxy of beveiligingsproduct)' : ''}${p.channel ? `${p.trust ? '; en' : ':'} er is geen TLS-versie die beide kanten accepteren (TLS 1.2 niet ingeschakeld voor .NET)` : ''}. De momentopnameaanroepen van de Backup-extensie naar de opslag gebruiken dezelfde TLS-instellingen en mislukken op dezelfde manier (portalcode ExtensionSnapshotFailedNoSecureNetwork).`,
  }),
  'storage-unreachable.ruled-out': entry({
    en: (p: { count: number; via?: 'host' | 'guest' | 'unknown' }) =>
      `${p.count} snapshot${plural(p.count, ' was', 's were')} taken successfully${p.via ? ` through the ${p.via} path` : ''} and no storage or Backup Host Service failure was logged.`,
    nl: (p) =>
      `${snapshotsTakenNl(p.count)} met succes gemaakt${p.via ? ` (${p.via === 'host' ? 'via de host' : p.via === 'guest' ? 'vanuit de VM zelf' : 'langs een onbekende weg'})` : ''} en er is geen fout van de opslag of de Backup Host Service gelogd.`,
  }),
  'storage-unreachable.none': entry({
    en: () => 'No snapshot task in the bundle reached the snapshot step, so storage connectivity cannot be judged.',
    nl: () => 'Geen momentopnametaak in de bundel bereikte de stap momentopname, dus de verbinding met de opslag is niet te beoordelen.',
  }),

  // backup-in-progress
  'backup-in-progress.overlap': entry({
    en: (p: { later: TaskRef; earlier: TaskRef; unfinished: boolean }) =>
      `${taskEn(p.later)} began while ${taskEn(p.earlier)} was still ${p.unfinished ? 'unfinished' : 'running'}: two backup operations overlapped on this VM. ${JOBS.en}`,
    nl: (p) => `${capital(taskNl(p.later))} begon terwijl ${taskNl(p.earlier)} nog ${p.unfinished ? 'niet was afgerond' : 'liep'}: twee back-ups liepen tegelijk op deze VM. ${JOBS.nl}`,
  }),
  'backup-in-progress.none': entry({
    en: () => `Whether another backup was in progress is decided by the backup service; the guest logs show no overlapping tasks. ${JOBS.en}`,
    nl: () => `Of er al een andere back-up bezig was, bepaalt de back-upservice; de logs van de VM tonen geen overlappende taken. ${JOBS.nl}`,
  }),

  // datasource-not-protected
  'datasource-not-protected.vault': entry({
    en: (p: { upTo?: { time: string; taskId: string } }) =>
      `The protection state lives in the Recovery Services vault, not on the VM. In the portal open the vault → Backup items → Azure Virtual Machine and check that this VM is listed with protection state "Protected" (not "Protection stopped" / soft-deleted); if it is missing, configure backup again.${p.upTo ? ` The bundle shows backup tasks up to ${p.upTo.time} (task ${p.upTo.taskId}), so the VM was protected until then at least.` : ''}`,
    nl: (p) =>
      `De beveiligingsstatus staat in de Recovery Services-kluis, niet op de VM. Open in de portal de kluis → Back-upitems → Azure Virtual Machine en controleer of deze VM erin staat met de beveiligingsstatus "Beveiligd" (niet "Beveiliging gestopt" of voorlopig verwijderd); ontbreekt hij, configureer de back-up dan opnieuw.${p.upTo ? ` De bundel toont back-uptaken tot ${p.upTo.time} (taak ${tid(p.upTo.taskId)}), dus de VM was tot dan in elk geval beveiligd.` : ''}`,
  }),

  // rp-collection-limit
  'rp-collection-limit.busy': entry({
    en: (p: { count: number; day: string; days: number }) =>
      `${p.count} snapshot tasks ran on ${p.day}${p.days > 1 ? ` (${p.days} days with more than one)` : ''}: more than one backup a day fills the restore-point collection faster. ${RESTORE_POINTS.en}`,
    nl: (p) =>
      `Op ${p.day} liepen ${p.count} momentopnametaken${p.days > 1 ? ` (${p.days} dagen met meer dan één)` : ''}: meer dan één back-up per dag vult de verzameling herstelpunten sneller. ${RESTORE_POINTS.nl}`,
  }),
  'rp-collection-limit.azure-only': entry({
    en: (p: { days: number }) =>
      `The restore-point collection is visible only in Azure${p.days ? `; the logs show at most one backup per day (${p.days} day${plural(p.days, '', 's')})` : ''}. ${RESTORE_POINTS.en}`,
    nl: (p) => `De verzameling herstelpunten is alleen in Azure te zien${p.days ? `; de logs tonen hoogstens één back-up per dag (${p.days} ${plural(p.days, 'dag', 'dagen')})` : ''}. ${RESTORE_POINTS.nl}`,
  }),

  // rp-resource-group-lock
  'rp-resource-group-lock.azure-only': entry({
    en: () =>
      'Resource locks are visible only in Azure. In the portal open the resource group the backup service uses for restore points, named AzureBackupRG_<geo>_<n> (for example AzureBackupRG_westeurope_1, or the custom name set in the backup policy), then Settings → Locks: remove any "Delete" or "Read-only" lock (on the group or its restore point collections), and trigger a backup to let the service clean up old restore points.',
    nl: () =>
      'Resourcevergrendelingen zijn alleen in Azure te zien. Open in de portal de resourcegroep die de back-upservice voor herstelpunten gebruikt, met de naam AzureBackupRG_<geo>_<n> (bijvoorbeeld AzureBackupRG_westeurope_1, of de eigen naam uit het back-upbeleid), en dan Instellingen → Vergrendelingen: verwijder elke vergrendeling "Verwijderen" of "Alleen-lezen" (op de groep of op de verzamelingen herstelpunten daarin) en start een back-up, zodat de service oude herstelpunten opruimt.',
  }),

  // the Azure-only causes of the VM troubleshooting article (rules/azure-only.ts)
  'azure-policy-denied.azure-only': entry({
    en: () =>
      'Azure Policy assignments are visible only in Azure. In the portal open Policy → Assignments at the VM\'s subscription and resource group scopes and look for a policy with the Deny effect on resource groups or restore point collections (tag or naming rules); change its effect to Modify, or create the restore point resource group (AzureBackupRG_<geo>_<n>) yourself so it meets the policy. The activity log names the assignment that denied the request.',
    nl: () =>
      'Toewijzingen van Azure Policy zijn alleen in Azure te zien. Open in de portal Policy → Toewijzingen op het niveau van het abonnement en de resourcegroep van de VM en zoek een beleid met het effect Deny op resourcegroepen of herstelpuntverzamelingen (regels voor tags of namen); verander het effect in Modify, of maak de resourcegroep voor herstelpunten (AzureBackupRG_<geo>_<n>) zelf zodat die aan het beleid voldoet. Het activiteitenlogboek noemt de toewijzing die de aanvraag weigerde.',
  }),
  'vm-deleted.azure-only': entry({
    en: () =>
      'Whether the VM still exists is visible only in Azure: a deleted VM writes no logs. In the portal check that the VM of the backup item still exists in its resource group (the activity log shows a deletion); if it is gone, re-create it with the same name and resource group, or stop protecting it in the vault (Backup items).',
    nl: () =>
      'Of de VM nog bestaat is alleen in Azure te zien: een verwijderde VM schrijft geen logs. Controleer in de portal of de VM van het back-upitem nog in zijn resourcegroep staat (het activiteitenlogboek toont een verwijdering); is hij weg, maak hem dan opnieuw met dezelfde naam en resourcegroep, of stop de beveiliging in de kluis (Back-upitems).',
  }),
  'vault-copy-timeout.azure-only': entry({
    en: () =>
      "The transfer of the snapshot to the vault runs outside the guest. In the portal open the vault's Backup jobs → the failed job's details to see which sub-task failed and how long it ran; for a transfer that timed out, follow the backup best practices and retry.",
    nl: () =>
      'Het overzetten van de momentopname naar de kluis gebeurt buiten de gast. Open in de portal Back-uptaken van de kluis → details van de mislukte taak om te zien welke subtaak mislukte en hoe lang die liep; volg bij een overzetting die te lang duurde de aanbevolen procedures voor back-ups en probeer het opnieuw.',
  }),
  'premium-storage-quota.azure-only': entry({
    en: () =>
      "A storage account's free space is visible only in Azure. For a premium VM on backup stack V1, check the capacity of its disks' storage account in the portal: keep the used space at no more than 50 percent (17.5 TB) so the snapshot copy fits.",
    nl: () =>
      'De vrije ruimte van een opslagaccount is alleen in Azure te zien. Controleer bij een premium-VM op back-upstack V1 in de portal de capaciteit van het opslagaccount van de schijven: gebruik hoogstens 50 procent (17,5 TB), zodat de kopie van de momentopname past.',
  }),
  'enhanced-policy-migration.azure-only': entry({
    en: () =>
      "The backup policy lives in the Recovery Services vault. If the failures began after the VM was moved from a Standard to an Enhanced policy (the vault's Backup items and activity log show it), contact Microsoft Support.",
    nl: () =>
      'Het back-upbeleid staat in de Recovery Services-kluis. Begonnen de fouten nadat de VM van een Standard- naar een Enhanced-beleid is verplaatst (Back-upitems en het activiteitenlogboek van de kluis tonen dat), neem dan contact op met Microsoft Support.',
  }),

  // keyvault-permissions
  'keyvault-permissions.ade': entry({
    en: () =>
      `The Azure Disk Encryption extension is on this VM, so its disks are encrypted with keys in a Key Vault. If the backup fails with UserErrorKeyvaultPermissionsNotConfigured, the vault lacks permissions for the backup service. ${KEY_VAULT.en}`,
    nl: () =>
      `De extensie Azure Disk Encryption staat op deze VM, dus de schijven zijn versleuteld met sleutels in een Key Vault. Mislukt de back-up met UserErrorKeyvaultPermissionsNotConfigured, dan mist de Key Vault rechten voor de back-upservice. ${KEY_VAULT.nl}`,
  }),
  'keyvault-permissions.no-ade': entry({
    en: () =>
      'No Azure Disk Encryption extension in the goal state or among the installed handlers; disks with platform- or customer-managed server-side encryption need no Key Vault permission for backup.',
    nl: () =>
      'Geen extensie Azure Disk Encryption in de doelstatus of bij de geïnstalleerde handlers; schijven met versleuteling aan de serverkant (door het platform of de klant beheerd) hebben voor de back-up geen Key Vault-rechten nodig.',
  }),
  'keyvault-permissions.unknown': entry({
    en: () => `The bundle does not show which extensions are installed, so disk encryption cannot be seen. ${KEY_VAULT.en}`,
    nl: () => `De bundel toont niet welke extensies geïnstalleerd zijn, dus schijfversleuteling is niet te zien. ${KEY_VAULT.nl}`,
  }),

  // disk-size-unsupported
  'disk-size-unsupported.not-collected': entry({
    en: () => 'Disk sizes were not collected. Check the disk sizes in the portal (VM → Disks) or run `lsblk -b -d -o NAME,SIZE` on the VM: no disk may exceed 32 TiB, and no encrypted disk 4 TiB.',
    nl: () =>
      'De schijfgroottes zijn niet verzameld. Controleer ze in de portal (VM → Schijven) of voer `lsblk -b -d -o NAME,SIZE` uit op de VM: geen schijf mag groter zijn dan 32 TiB, en geen versleutelde schijf groter dan 4 TiB.',
  }),
  'disk-size-unsupported.too-big': entry({
    en: (p: { disks: readonly Disk[] }) =>
      `Disk size not supported by Azure VM backup: ${p.disks.map((d) => `${d.device} ${d.size}${d.encrypted ? ' (encrypted)' : ''}`).join(', ')} (limit 32 TiB, 4 TiB for encrypted disks). Exclude the disk from backup or resize it.`,
    nl: (p) =>
      `Schijfgrootte niet ondersteund door de back-up van Azure-VM's: ${p.disks.map((d) => `${d.device} ${d.size}${d.encrypted ? ' (versleuteld)' : ''}`).join(', ')} (grens 32 TiB, 4 TiB voor versleutelde schijven). Sluit de schijf uit van de back-up of maak hem kleiner.`,
  }),
  'disk-size-unsupported.ok': entry({
    en: (p: { count: number; largest: string; encrypted: boolean }) =>
      `${p.count === 1 ? 'The disk is' : `All ${p.count} disks are`} within the supported sizes (largest ${p.largest}${p.encrypted ? ', encrypted limit 4 TiB' : ''}).`,
    nl: (p) =>
      `${p.count === 1 ? 'De schijf valt' : `Alle ${p.count} schijven vallen`} binnen de ondersteunde groottes (grootste ${p.largest}${p.encrypted ? ', grens voor versleutelde schijven 4 TiB' : ''}).`,
  }),

  // dotnet-missing
  'dotnet-missing.linux': entry({
    en: () => 'Applies to Windows VMs only (.NET Framework 4.5 for the Windows guest agent); this is a Linux bundle.',
    nl: () => "Geldt alleen voor Windows-VM's (.NET Framework 4.5 voor de Windows-agent); dit is een Linux-bundel.",
  }),
  'dotnet-missing.missing': entry({
    en: (p: { detail: string }) =>
      `The Windows guest agent log shows .NET Framework 4.5 missing or not loadable (${p.detail}). Without it the agent cannot communicate with the backup service.`,
    nl: (p) =>
      `Het log van de Windows-agent toont dat .NET Framework 4.5 ontbreekt of niet kan worden geladen (${p.detail}). Zonder .NET kan de agent niet met de back-upservice communiceren.`,
  }),
  'dotnet-missing.ran': entry({
    en: (p: { count: number }) =>
      `The Windows guest agent ran (${p.count} start, heartbeat or successful extension ${plural(p.count, 'line', 'lines')} in its log) with no .NET load failure; it could not run without .NET Framework 4.`,
    nl: (p) =>
      `De Windows-agent draaide (${p.count} ${plural(p.count, 'regel', 'regels')} met een start, heartbeat of geslaagde extensie in zijn log) zonder fout bij het laden van .NET; zonder .NET Framework 4 had hij niet kunnen draaien.`,
  }),
  'dotnet-missing.unknown': entry({
    en: () =>
      'This is a Windows VM but the bundle shows neither the agent running nor a .NET failure. Check the installed .NET version: in PowerShell, `(Get-ItemPropertyValue -LiteralPath "HKLM:SOFTWARE\\Microsoft\\NET Framework Setup\\NDP\\v4\\Full" -Name Release) -ge 378389` must print True (.NET Framework 4.5 or later), and collect C:\\WindowsAzure\\Logs\\WaAppAgent.log.',
    nl: () =>
      'Dit is een Windows-VM, maar de bundel toont niet dat de agent draaide en ook geen .NET-fout. Controleer de geïnstalleerde .NET-versie: in PowerShell moet `(Get-ItemPropertyValue -LiteralPath "HKLM:SOFTWARE\\Microsoft\\NET Framework Setup\\NDP\\v4\\Full" -Name Release) -ge 378389` True geven (.NET Framework 4.5 of nieuwer), en verzamel C:\\WindowsAzure\\Logs\\WaAppAgent.log.',
  }),

  // fsfreeze-failed
  /** Appended when all a Windows task shows is a VSS writer's veto (8229): Azure Backup falls back, it does not fail. */
  'fsfreeze-failed.veto-only': entry({
    en: () =>
      " A VSS writer's veto alone does not fail a backup: Azure Backup then takes a file-system consistent snapshot instead of an application-consistent one, so check in the portal whether the job failed (ExtensionFailedVssWriterInBadState) or completed file-system consistent.",
    nl: () =>
      ' Een weigering van een VSS-writer alleen laat een back-up niet mislukken: Azure Backup maakt dan een bestandssysteemconsistente momentopname in plaats van een toepassingsconsistente, dus controleer in de portal of de job mislukte (ExtensionFailedVssWriterInBadState) of bestandssysteemconsistent voltooid werd.',
  }),
  'fsfreeze-failed.task': entry({
    en: (p: {
      task: TaskRef;
      what: { vss: string } | { vssWriter: string; operation?: string; event?: string } | { vssHung: string } | { hung: true } | { code: FreezeCode; shown: CodeSaid; mount?: string } | { ioctl: FreezeIoctl; mounts: readonly string[]; shown: CodeSaid } | { thaw: true } | { failed: true; mount?: string };
      others: number;
      lessLikely: boolean;
    }) =>
      `${fullStop(`In ${taskEn(p.task)} ${
        'vssWriter' in p.what
          ? `the VSS snapshot (Windows application consistency) failed: ${vssVetoEn(p.what.vssWriter, p.what.operation)}${p.what.event ? ` (event ${p.what.event})` : ''}`
          : 'vss' in p.what
          ? `the VSS snapshot (Windows application consistency) failed: ${p.what.vss}`
          : 'vssHung' in p.what
            ? `the VSS snapshot (Windows application consistency) never returned: the plugin log ends waiting for VSS ${p.what.vssHung}`
          : 'hung' in p.what
            ? 'the VM or the extension hung while the filesystems were frozen: the log ends at "proceeded for accepting signals" and the frozen-window log was never flushed'
            : 'ioctl' in p.what
              ? `the ${p.what.ioctl === 'FITHAW' ? 'thaw' : 'freeze'} of ${mountList(p.what.mounts, 'and', (n) => `${n} more`)} failed ${ioctlSaid('en', p.what.ioctl, p.what.shown)}`
            : 'code' in p.what
              ? `${FREEZE_CODES.en[p.what.code]}${codeSaid('en', p.what.shown)}${freezingEn(p.what.mount)}`
              : 'thaw' in p.what
                ? 'the thaw of the frozen filesystems failed'
                : `the filesystem freeze failed${freezingEn(p.what.mount)}`
      }`)}${p.others ? ` ${p.others} other task${plural(p.others, '', 's')} failed the same way.` : ''}${p.lessLikely ? ' Later or other failures make it less likely to be the cause of the failure at hand.' : ''}`,
    nl: (p) =>
      `${fullStop(`In ${taskNl(p.task)} ${
        'vssWriter' in p.what
          ? `mislukte de VSS-momentopname (applicatieconsistentie van Windows): ${vssVetoNl(p.what.vssWriter, p.what.operation)}${p.what.event ? ` (gebeurtenis ${p.what.event})` : ''}`
          : 'vss' in p.what
          ? `mislukte de VSS-momentopname (applicatieconsistentie van Windows): ${quote(p.what.vss)}`
          : 'vssHung' in p.what
            ? `kwam de VSS-momentopname (applicatieconsistentie van Windows) nooit terug: het log van de plug-in eindigt terwijl het wacht op VSS ${p.what.vssHung}`
          : 'hung' in p.what
            ? 'bleef de VM of de extensie hangen terwijl de bestandssystemen bevroren waren: het log eindigt bij "proceeded for accepting signals" en het log van de bevroren periode werd nooit weggeschreven'
            : 'ioctl' in p.what
              ? `mislukte het ${p.what.ioctl === 'FITHAW' ? 'ontdooien' : 'bevriezen'} van ${mountList(p.what.mounts, 'en', (n) => `${n} andere`)} ${ioctlSaid('nl', p.what.ioctl, p.what.shown)}`
            : 'code' in p.what
              ? `${FREEZE_CODES.nl[p.what.code]}${codeSaid('nl', p.what.shown)}${freezingNl(p.what.mount)}`
              : 'thaw' in p.what
                ? 'mislukte het ontdooien van de bevroren bestandssystemen'
                : `mislukte het bevriezen van het bestandssysteem${freezingNl(p.what.mount)}`
      }`)}${p.others ? ` ${p.others} andere ${plural(p.others, 'taak mislukte', 'taken mislukten')} op dezelfde manier.` : ''}${p.lessLikely ? ' Latere of andere fouten maken het minder waarschijnlijk dat dit de oorzaak van deze fout is.' : ''}`,
  }),
  'fsfreeze-failed.ends-in-freeze': entry({
    en: (p: { task: TaskRef; next?: string }) =>
      p.next
        ? `In ${taskEn(p.task)} the task's lines end inside the filesystem freeze: it started and no frozen, thaw or snapshot line of that run followed; the next run began ${stamp(p.next)}. The VM hung with its filesystems frozen, or it was restarted in the middle of the freeze (check whether the VM responded after that time).`
        : `In ${taskEn(p.task)} the log ends inside the filesystem freeze: it started and no frozen, thaw or snapshot line followed. Either the freeze was still running when the log was taken, or the VM hung with its filesystems frozen (check whether the VM responded after that time).`,
    nl: (p) =>
      p.next
        ? `In ${taskNl(p.task)} eindigen de regels van de taak midden in het bevriezen van het bestandssysteem: het begon en er volgde geen regel van die uitvoering over bevroren, ontdooien of momentopname; de volgende uitvoering begon ${stamp(p.next)}. De VM bleef hangen met bevroren bestandssystemen, of werd midden in het bevriezen herstart (controleer of de VM na dat tijdstip nog reageerde).`
        : `In ${taskNl(p.task)} eindigt het log midden in het bevriezen van het bestandssysteem: het begon en er volgde geen regel over bevroren, ontdooien of momentopname. Of het bevriezen liep nog toen het log werd verzameld, of de VM bleef hangen met bevroren bestandssystemen (controleer of de VM na dat tijdstip nog reageerde).`,
  }),
  'fsfreeze-failed.froze': entry({
    en: (p: { count: number }) => `${p.count} task${plural(p.count, '', 's')} froze and thawed the filesystems normally and no freeze failure (121–124) or frozen hang was logged.`,
    nl: (p) =>
      `${p.count} ${plural(p.count, 'taak bevroor en ontdooide', 'taken bevroren en ontdooiden')} de bestandssystemen normaal en er is geen fout bij het bevriezen (121–124) of vastlopen in bevroren toestand gelogd.`,
  }),
  'fsfreeze-failed.snapshots-ok': entry({
    en: () => 'Snapshots succeeded and no freeze failure (121–124) was logged.',
    nl: () => 'Momentopnamen slaagden en er is geen fout bij het bevriezen (121–124) gelogd.',
  }),
  'fsfreeze-failed.none': entry({
    en: () => 'No snapshot task in the bundle reached the freeze, so a freeze problem can neither be seen nor excluded.',
    nl: () => 'Geen momentopnametaak in de bundel kwam tot het bevriezen, dus een probleem met bevriezen is niet te zien en ook niet uit te sluiten.',
  }),

  // prepost-script-failed
  'prepost-script-failed.warning': entry({
    en: (p: { task: TaskRef; file?: PrepostFile }) =>
      p.file
        ? `In ${taskEn(p.task)} the pre/post scripts were skipped because ${fileEn(p.file)} failed a check (${PREPOST_PROBLEM_EN[p.file.problem]}), and the backup continued file-system consistent: a warning, not the failure. ${PREPOST_FIX.en(p.file)}`
        : `In ${taskEn(p.task)} a pre/post script failed, but the backup continued file-system consistent (continueBackupOnFailure): a warning, not the failure.`,
    nl: (p) =>
      p.file
        ? `In ${taskNl(p.task)} werden de pre- en postscripts overgeslagen omdat ${fileNl(p.file)} een controle niet doorstond (${PREPOST_PROBLEM_NL[p.file.problem]}), en de back-up ging bestandssysteemconsistent verder: een waarschuwing, niet de fout. ${PREPOST_FIX.nl(p.file)}`
        : `In ${taskNl(p.task)} mislukte een pre- of postscript, maar de back-up ging bestandssysteemconsistent verder (continueBackupOnFailure): een waarschuwing, niet de fout.`,
  }),
  'prepost-script-failed.task': entry({
    en: (p: { task: TaskRef; file?: PrepostFile } & CodeSaid) =>
      `In ${taskEn(p.task)} the application-consistency step failed${codeSaid('en', p)}. ${p.file ? `${capital(fileEn(p.file))} failed a check (${PREPOST_PROBLEM_EN[p.file.problem]}). ${PREPOST_FIX.en(p.file)}` : 'Check the script or workload configuration in /etc/azure/VMSnapshotScriptPluginConfig.json or /etc/azure/workload.conf.'}`,
    nl: (p) =>
      `In ${taskNl(p.task)} mislukte de stap voor applicatieconsistentie${codeSaid('nl', p)}. ${p.file ? `${capital(fileNl(p.file))} doorstond een controle niet (${PREPOST_PROBLEM_NL[p.file.problem]}). ${PREPOST_FIX.nl(p.file)}` : 'Controleer de configuratie van het script of de workload in /etc/azure/VMSnapshotScriptPluginConfig.json of /etc/azure/workload.conf.'}`,
  }),
  'prepost-script-failed.health': entry({
    en: (p: { code: number; statusName?: string }) =>
      `The status file reports a successful snapshot but vmHealthStatusCode ${p.code} (${p.statusName ?? 'script failure'}): a pre/post script failed and the backup fell back to file-system consistency.`,
    nl: (p) =>
      `Het statusbestand meldt een geslaagde momentopname, maar vmHealthStatusCode ${p.code} (${p.statusName ?? 'scriptfout'}): een pre- of postscript mislukte en de back-up viel terug op bestandssysteemconsistentie.`,
  }),
  'prepost-script-failed.not-configured': entry({
    en: () => 'No pre/post scripts are configured (316, no /etc/azure/VMSnapshotScriptPluginConfig.json: the normal file-system consistent flow) and no workload step failed.',
    nl: () => 'Er zijn geen pre- of postscripts ingesteld (316, geen /etc/azure/VMSnapshotScriptPluginConfig.json: de gewone bestandssysteemconsistente back-up) en geen workloadstap mislukte.',
  }),
  'prepost-script-failed.ruled-out': entry({
    en: () => 'No pre/post script or workload failure (300–318, 500–512) was logged.',
    nl: () => 'Er is geen fout van een pre- of postscript of van een workload (300–318, 500–512) gelogd.',
  }),
  'prepost-script-failed.none': entry({
    en: () => 'No snapshot task reached the consistency step, so scripts cannot be judged.',
    nl: () => 'Geen momentopnametaak bereikte de stap voor consistentie, dus scripts zijn niet te beoordelen.',
  }),

  // clock-skew
  'clock-skew.no-host-time': entry({
    en: () =>
      'The bundle has no host time to compare the VM clock with (the Backup extension logs it only on the host snapshot path: "Date and time extracted from pre-snapshot request"). Compare `date -u` on the VM with real time, and check chrony/ntpd or the Hyper-V time sync.',
    nl: () =>
      'De bundel bevat geen hosttijd om de klok van de VM mee te vergelijken (de back-upextensie logt die alleen als de momentopname via de host loopt: "Date and time extracted from pre-snapshot request"). Vergelijk `date -u` op de VM met de echte tijd, en controleer chrony/ntpd of de tijdsynchronisatie van Hyper-V.',
  }),
  'clock-skew.detected': entry({
    en: (p: { seconds: number; ahead: boolean; too402: boolean }) =>
      `The VM clock was ${p.seconds} s ${p.ahead ? 'ahead of' : 'behind'} the Azure host's clock when the snapshot was prepared${p.too402 ? ', and a task was rejected as too late (402)' : ''}. Fix time synchronisation (chrony/ntpd, Hyper-V time sync).`,
    nl: (p) =>
      `De klok van de VM liep ${p.seconds} s ${p.ahead ? 'voor op' : 'achter op'} de klok van de Azure-host toen de momentopname werd voorbereid${p.too402 ? ', en een taak werd als te laat geweigerd (402)' : ''}. Herstel de tijdsynchronisatie (chrony/ntpd, tijdsynchronisatie van Hyper-V).`,
  }),
  'clock-skew.ruled-out': entry({
    en: (p: { seconds: number; atTask: boolean; worst?: number }) =>
      `The VM clock agreed with the Azure host's clock within ${p.seconds} s ${p.atTask ? 'at the failed task' : 'at the newest snapshot'}${p.worst !== undefined ? ` (it was ${p.worst} s off at another snapshot, since corrected)` : ''}.`,
    nl: (p) =>
      `De klok van de VM week ${p.atTask ? 'bij de mislukte taak' : 'bij de nieuwste momentopname'} hoogstens ${p.seconds} s af van de klok van de Azure-host${p.worst !== undefined ? ` (bij een andere momentopname was dat ${p.worst} s, sindsdien hersteld)` : ''}.`,
  }),

  // dhcp-disabled
  'dhcp-disabled.no-log': entry({
    en: (p: { os: GuestOs }) =>
      `The bundle has no ${en(p.os).path}, so endpoint discovery cannot be checked. Check that DHCP is enabled in the guest (the agent needs option 245 or the well-known 168.63.129.16).`,
    nl: (p) =>
      `De bundel bevat geen ${nl(p.os).path}, dus het vinden van het WireServer-adres is niet te controleren. Controleer of DHCP aanstaat in de VM (de agent heeft optie 245 nodig of het vaste adres 168.63.129.16).`,
  }),
  // `later`: the first goal state processed after the problems, when it came only after an outage (not at once)
  'dhcp-disabled.gave-up': entry({
    en: (p: { later?: string }) =>
      p.later !== undefined
        ? `The agent could not discover the WireServer endpoint over DHCP (no option 245) and processed no goal state until ${stamp(p.later)}: a backup in that time had no way to reach the VM.`
        : 'The agent could not discover the WireServer endpoint over DHCP (no option 245) and processed no goal state afterwards.',
    nl: (p) =>
      p.later !== undefined
        ? `De agent kon het adres van de WireServer niet via DHCP vinden (geen optie 245) en verwerkte tot ${stamp(p.later)} geen doelstatus: een back-up in die tijd kon de VM niet bereiken.`
        : 'De agent kon het adres van de WireServer niet via DHCP vinden (geen optie 245) en verwerkte daarna geen doelstatus.',
  }),
  'dhcp-disabled.problems': entry({
    en: (p: { later?: string }) =>
      p.later !== undefined
        ? `DHCP problems were logged during endpoint discovery and no goal state was processed until ${stamp(p.later)}: a backup in that time may not have reached the VM.`
        : 'DHCP problems were logged during endpoint discovery and no goal state was processed afterwards.',
    nl: (p) =>
      p.later !== undefined
        ? `Er zijn DHCP-problemen gelogd bij het zoeken naar het WireServer-adres en tot ${stamp(p.later)} is geen doelstatus verwerkt: een back-up in die tijd heeft de VM mogelijk niet bereikt.`
        : 'Er zijn DHCP-problemen gelogd bij het zoeken naar het WireServer-adres en daarna is geen doelstatus verwerkt.',
  }),
  'dhcp-disabled.tell-apart': entry({
    en: () =>
      'A guest without a usable network interface or route logs the same lines (no route to 168.63.129.16, "Network is unreachable"): to tell whether DHCP is what is missing, connect over SSH from this app (it reads the DHCP leases) or collect the output of `ip addr` and `ip route` and the DHCP client\'s leases (/var/lib/dhclient, /var/lib/dhcp).',
    nl: () =>
      'Een gast zonder bruikbare netwerkinterface of route logt dezelfde regels (geen route naar 168.63.129.16, "Network is unreachable"): om te zien of DHCP ontbreekt, maak vanuit deze app verbinding via SSH (die leest de DHCP-leases) of verzamel de uitvoer van `ip addr` en `ip route` en de leases van de DHCP-client (/var/lib/dhclient, /var/lib/dhcp).',
  }),
  'extension-stuck.unplaced': entry({
    en: () =>
      'None of the task\'s lines has a time, so whether the logs go on past it cannot be told: its final status may be on a line the bundle lacks. A possible cause only: collect the whole plugin log and compare the task with the failed job\'s time in the portal.',
    nl: () =>
      'Geen van de regels van de taak heeft een tijd, dus of de logs na de taak doorlopen is niet te zeggen: de eindstatus kan op een regel staan die de bundel mist. Alleen een mogelijke oorzaak: verzamel het hele log van de plugin en vergelijk de taak met de tijd van de mislukte taak in de portal.',
  }),
  'dhcp-disabled.notice-only': entry({
    en: () =>
      'The only such line is the agent\'s "Dhcp client is not running.": it looks only for the dhclient process, and distros that use systemd-networkd or NetworkManager\'s internal DHCP client log it while DHCP works, so DHCP is a possible cause only. To confirm it, collect `ip addr` and `ip route` (an address and a route to 168.63.129.16) or the DHCP client\'s leases.',
    nl: () =>
      'De enige zulke regel is "Dhcp client is not running." van de agent: die zoekt alleen naar het proces dhclient, en distributies die systemd-networkd of de interne DHCP-client van NetworkManager gebruiken loggen hem terwijl DHCP werkt, dus DHCP is alleen een mogelijke oorzaak. Verzamel om het te bevestigen `ip addr` en `ip route` (een adres en een route naar 168.63.129.16) of de leases van de DHCP-client.',
  }),
  'dhcp-disabled.recovered': entry({
    en: () => 'DHCP warnings were logged, but the agent found the endpoint and processed goal states afterwards, so DHCP did not stop the backup.',
    nl: () => 'Er zijn DHCP-waarschuwingen gelogd, maar de agent vond het adres en verwerkte daarna doelstatussen, dus DHCP hield de back-up niet tegen.',
  }),
  'dhcp-disabled.found': entry({
    en: () => 'The agent found the WireServer endpoint and logged no DHCP failure.',
    nl: () => 'De agent vond het adres van de WireServer en logde geen DHCP-fout.',
  }),
  'dhcp-disabled.processed': entry({
    en: () => 'The agent processed goal states, so it found the fabric endpoint.',
    nl: () => 'De agent verwerkte doelstatussen, dus hij vond het adres van de WireServer.',
  }),
  'dhcp-disabled.nothing': entry({
    en: (p: AgentLogIn) => `${logEn(p).log} ${logEn(p).many ? 'show' : 'shows'} no endpoint discovery and no goal-state processing; check that DHCP is enabled in the guest.`,
    nl: (p) => `${logNl(p).log} ${logNl(p).many ? 'tonen' : 'toont'} niet dat het WireServer-adres werd gezocht en ook geen verwerking van doelstatussen; controleer of DHCP aanstaat in de VM.`,
  }),

  // vm-state-misreported
  'vm-state-misreported.no-task': entry({
    en: () => `No failed snapshot task to check against. ${POWER.en}`,
    nl: () => `Er is geen mislukte momentopnametaak om mee te vergelijken. ${POWER.nl}`,
  }),
  'vm-state-misreported.stopped': entry({
    en: (p: { detail?: AnalysisText; taskId: string; restarted: boolean }, t) =>
      `The agent was stopped from inside the guest (${p.detail ? t(p.detail) : 'signal forwarded'}) while snapshot task ${tidEn(p.taskId)} ran${p.restarted ? ', and started again later (a guest shutdown or reboot)' : ''}. ${POWER.en}`,
    nl: (p, t) =>
      `De agent werd vanuit de VM zelf gestopt (${p.detail ? t(p.detail) : 'signaal doorgegeven'}) terwijl momentopnametaak ${tid(p.taskId)} liep${p.restarted ? ', en later weer gestart (de VM werd afgesloten of opnieuw opgestart)' : ''}. ${POWER.nl}`,
  }),
  'vm-state-misreported.kept-running': entry({
    en: (p: { taskId: string }) => `The agent kept sending heartbeats before and after task ${tidEn(p.taskId)} with no stop in between: the guest was not shut down.`,
    nl: (p) => `De agent bleef heartbeats sturen vóór en na taak ${tid(p.taskId)}, zonder stop daartussen: de VM werd niet afgesloten.`,
  }),
  'vm-state-misreported.unknown': entry({
    en: (p: { taskId: string }) => `The guest logs show no shutdown around task ${tidEn(p.taskId)}, but they cannot prove the VM ran. ${POWER.en}`,
    nl: (p) => `De logs van de VM tonen geen afsluiting rond taak ${tid(p.taskId)}, maar kunnen niet bewijzen dat de VM draaide. ${POWER.nl}`,
  }),

  // vm-provisioning-updating
  'vm-provisioning-updating.processing-stuck': entry({
    en: (p: { count: number; message: string }) =>
      `The agent failed to process the extensions goal state ${p.count > 1 ? `${p.count} times` : 'once in these logs'} ("${p.message}") and never completed one afterwards: the goal state cannot finish, which keeps the VM "Updating". ${PROVISIONING.en}`,
    nl: (p) =>
      `De agent kon de doelstatus van de extensies ${p.count > 1 ? `${p.count} keer` : 'één keer in deze logs'} niet verwerken ("${p.message}") en voltooide er daarna geen: de doelstatus kan niet worden afgerond, en dat houdt de VM op "Bijwerken". ${PROVISIONING.nl}`,
  }),
  'vm-provisioning-updating.no-task': entry({
    en: () => `No failed snapshot task with a start time in the bundle to compare with. ${PROVISIONING.en}`,
    nl: () => `De bundel bevat geen mislukte momentopnametaak met een begintijd om mee te vergelijken. ${PROVISIONING.nl}`,
  }),
  'vm-provisioning-updating.in-flight': entry({
    en: (p: { taskId: string }) =>
      `An extension install/update was still running when snapshot task ${tidEn(p.taskId)} started, so the VM was most likely in the "Updating" provisioning state. ${PROVISIONING.en}`,
    nl: (p) =>
      `Er liep nog een installatie of update van een extensie toen momentopnametaak ${tid(p.taskId)} begon, dus de VM had waarschijnlijk de inrichtingsstatus "Bijwerken". ${PROVISIONING.nl}`,
  }),
  'vm-provisioning-updating.churn': entry({
    en: (p: { incarnations: readonly number[]; taskId: string }) =>
      `${p.incarnations.length} goal states (incarnations ${p.incarnations.join(', ')}) arrived within an hour of snapshot task ${tidEn(p.taskId)}: the VM's model was being changed around the backup, which puts it in the "Updating" state. ${PROVISIONING.en}`,
    nl: (p) =>
      `Binnen een uur van momentopnametaak ${tid(p.taskId)} kwamen ${p.incarnations.length} doelstatussen binnen (incarnaties ${p.incarnations.join(', ')}): het model van de VM werd rond de back-up gewijzigd, en dat zet hem op "Bijwerken". ${PROVISIONING.nl}`,
  }),
  'vm-provisioning-updating.platform': entry({
    en: (p: { display: string; time?: string }) =>
      `The VM's instance view shows its provisioning state "${p.display}"${p.time ? ` at ${p.time}` : ''}: the platform was still applying a change to the VM (an extension, a resize, a start or stop), and a backup taken then fails. ${PROVISIONING.en}`,
    nl: (p) =>
      `De instance view van de VM toont de inrichtingsstatus ${quote(p.display)}${p.time ? ` om ${p.time}` : ''}: het platform was nog een wijziging aan de VM aan het doorvoeren (een extensie, een andere grootte, een start of stop), en een back-up die dan loopt, mislukt. ${PROVISIONING.nl}`,
  }),
  'vm-provisioning-updating.quiet': entry({
    en: (p: { taskId: string }) =>
      `No extension update in flight and no goal-state churn around snapshot task ${tidEn(p.taskId)}; the provisioning state itself is visible only in Azure. ${PROVISIONING.en}`,
    nl: (p) =>
      `Geen lopende update van een extensie en geen reeks nieuwe doelstatussen rond momentopnametaak ${tid(p.taskId)}; de inrichtingsstatus zelf is alleen in Azure te zien. ${PROVISIONING.nl}`,
  }),

  // agent-outdated
  'agent-outdated.windows-old': entry({
    en: (p: { version: string; minimum: string; logDate?: string; untimed?: boolean }) =>
      `The Windows VM Agent is ${p.version}, below the supported minimum ${p.minimum}: install the latest Windows VM Agent MSI.${p.logDate ? LOG_PREDATES.en(p.logDate, p.minimum) : p.untimed ? UNTIMED_OLD.en(p.minimum) : ''}`,
    nl: (p) =>
      `De Windows VM-agent is versie ${p.version}, lager dan het ondersteunde minimum ${p.minimum}: installeer de nieuwste MSI van de Windows VM-agent.${p.logDate ? LOG_PREDATES.nl(p.logDate, p.minimum) : p.untimed ? UNTIMED_OLD.nl(p.minimum) : ''}`,
  }),
  'agent-outdated.windows-at-failure': entry({
    en: (p: { version: string; later: string }) =>
      ` Windows VM Agent ${p.version} is the agent that ran the failed task; later lines name ${p.later}, which the agent changed to after the failure and which did not run that backup.`,
    nl: (p) =>
      ` Windows VM-agent ${p.version} is de agent die de mislukte taak uitvoerde; latere regels noemen ${p.later}, waarnaar de agent na de fout overging en die die back-up niet uitvoerde.`,
  }),
  'agent-outdated.windows-ok': entry({
    en: (p: { version: string; minimum: string; untimed?: boolean; afterFailure?: boolean }) =>
      `The Windows VM Agent is ${p.version}, at or above the supported minimum ${p.minimum}.${p.untimed ? UNTIMED_VERSION.en : p.afterFailure ? LATER_VERSION.en : ''}`,
    nl: (p) => `De Windows VM-agent is versie ${p.version}, gelijk aan of hoger dan het ondersteunde minimum ${p.minimum}.${p.untimed ? UNTIMED_VERSION.nl : p.afterFailure ? LATER_VERSION.nl : ''}`,
  }),
  'agent-outdated.below-minimum': entry({
    en: (p: { version: string; single: boolean; minimum: string; logDate?: string; untimed?: boolean; signSeen?: boolean; known: readonly Known[] }) =>
      `The goal-state agent is WALinuxAgent ${p.version}${p.single ? ' (the single-file 2.0.x agent, which cannot update itself)' : ''}, below the supported minimum ${p.minimum}.${p.logDate ? LOG_PREDATES.en(p.logDate, p.minimum) : p.untimed ? UNTIMED_OLD.en(p.minimum) : ''}${p.known.length ? ` Known problem of this release${p.signSeen ? ', and the log shows its sign' : p.signSeen === false ? ' (its sign is not in the bundle)' : ''}: ${knownEn(p.known)}` : ''}`,
    nl: (p) =>
      `De doelstatusagent is WALinuxAgent ${p.version}${p.single ? ' (de 2.0.x-agent uit één bestand, die zichzelf niet kan bijwerken)' : ''}, lager dan het ondersteunde minimum ${p.minimum}.${p.logDate ? LOG_PREDATES.nl(p.logDate, p.minimum) : p.untimed ? UNTIMED_OLD.nl(p.minimum) : ''}${p.known.length ? ` Bekend probleem van deze versie${p.signSeen ? ', en het log toont het kenmerk ervan' : p.signSeen === false ? ' (het kenmerk ervan zit niet in de bundel)' : ''}: ${knownNl(p.known)}` : ''}`,
  }),
  'agent-outdated.daemon-unsupported': entry({
    en: (p: { version: string; floor: string; logDate?: string }) =>
      `The daemon is WALinuxAgent ${p.version}; agents at or below ${p.floor} are not supported even with auto-update, and no newer goal-state agent is seen in the bundle.${p.logDate ? ` The log is from ${p.logDate}.` : ''}`,
    nl: (p) =>
      `De daemon is WALinuxAgent ${p.version}; agents tot en met ${p.floor} worden niet ondersteund, ook niet met automatisch bijwerken, en de bundel toont geen nieuwere doelstatusagent.${p.logDate ? ` Het log is van ${p.logDate}.` : ''}`,
  }),
  'agent-outdated.no-auto-update': entry({
    en: (p: { version: string; minimum: string }) => `The daemon is WALinuxAgent ${p.version} (below ${p.minimum}) and AutoUpdate is off, so no newer goal-state agent can take over.`,
    nl: (p) => `De daemon is WALinuxAgent ${p.version} (lager dan ${p.minimum}) en AutoUpdate staat uit, dus kan geen nieuwere doelstatusagent het overnemen.`,
  }),
  'agent-outdated.signature': entry({
    en: (p: { known: readonly Known[]; named?: string }) =>
      `${p.named ? `An earlier line names goal-state agent WALinuxAgent ${p.named}, but after it the log shows the sign of another known-bad release (the agent updated since)` : "No line names the goal-state agent's version, but the log shows the sign of a known-bad release"}: ${knownEn(p.known)}`,
    nl: (p) =>
      `${p.named ? `Een eerdere regel noemt doelstatusagent WALinuxAgent ${p.named}, maar daarna toont het log het kenmerk van een andere versie met een bekend probleem (de agent is sindsdien bijgewerkt)` : 'Geen regel noemt de versie van de doelstatusagent, maar het log toont het kenmerk van een versie met een bekend probleem'}: ${knownNl(p.known)}`,
  }),
  'agent-outdated.era': entry({
    en: (p: { agents: string; maxVersion: string; minimum: string }) =>
      `No line names the goal-state agent's version, but its records use the VM-local timestamp format of agents ${p.agents}: it is probably ${p.maxVersion} or older, below the supported minimum ${p.minimum}. Run \`waagent --version\` on the VM to know.`,
    nl: (p) =>
      `Geen regel noemt de versie van de doelstatusagent, maar de regels gebruiken de lokale tijdnotatie van de VM van agents ${p.agents}: waarschijnlijk is het ${p.maxVersion} of ouder, lager dan het ondersteunde minimum ${p.minimum}. Voer \`waagent --version\` uit op de VM om het zeker te weten.`,
  }),
  'agent-outdated.known-release': entry({
    en: (p: { version: string; signSeen: boolean; known: readonly Known[]; untimed?: boolean; afterFailure?: boolean }) =>
      `The goal-state agent WALinuxAgent ${p.version} is a release with a published problem${p.signSeen ? ' and its log shows the sign of it' : ' (its sign is not in the bundle)'}: ${knownEn(p.known)}${p.untimed ? UNTIMED_RELEASE.en : p.afterFailure ? LATER_RELEASE.en : ''}`,
    nl: (p) =>
      `De doelstatusagent WALinuxAgent ${p.version} is een versie met een gepubliceerd probleem${p.signSeen ? ' en het log toont het kenmerk ervan' : ' (het kenmerk ervan zit niet in de bundel)'}: ${knownNl(p.known)}${p.untimed ? UNTIMED_RELEASE.nl : p.afterFailure ? LATER_RELEASE.nl : ''}`,
  }),
  'agent-outdated.self-update-failing': entry({
    en: (p: { count: number; version?: string; untimed?: boolean; afterFailure?: boolean }) =>
      `The agent's self-update is failing (${p.count} failed or blacklisted ${plural(p.count, 'update', 'updates')})${p.version ? `; the running goal-state agent is ${p.version}` : ''}.${p.untimed ? UNTIMED_VERSION.en : p.afterFailure ? LATER_VERSION.en : ''}`,
    nl: (p) =>
      `Het automatisch bijwerken van de agent mislukt (${p.count} ${plural(p.count, 'mislukte of geblokkeerde update', 'mislukte of geblokkeerde updates')})${p.version ? `; de draaiende doelstatusagent is ${p.version}` : ''}.${p.untimed ? UNTIMED_VERSION.nl : p.afterFailure ? LATER_VERSION.nl : ''}`,
  }),
  'agent-outdated.supported': entry({
    en: (p: { version: string; minimum: string; untimed?: boolean; afterFailure?: boolean }) =>
      `The goal-state agent is WALinuxAgent ${p.version}, at or above the supported minimum ${p.minimum}.${p.untimed ? UNTIMED_VERSION.en : p.afterFailure ? LATER_VERSION.en : ''}`,
    nl: (p) => `De doelstatusagent is WALinuxAgent ${p.version}, gelijk aan of hoger dan het ondersteunde minimum ${p.minimum}.${p.untimed ? UNTIMED_VERSION.nl : p.afterFailure ? LATER_VERSION.nl : ''}`,
  }),
  'agent-outdated.at-failure': entry({
    en: (p: { version: string; later: string }) =>
      ` WALinuxAgent ${p.version} is the goal-state agent that ran the failed task; later lines name ${p.later}, which the agent changed to after the failure and which did not run that backup.`,
    nl: (p) =>
      ` WALinuxAgent ${p.version} is de doelstatusagent die de mislukte taak uitvoerde; latere regels noemen ${p.later}, waarnaar de agent na de fout overging en die die back-up niet uitvoerde.`,
  }),
  'agent-outdated.daemon-only': entry({
    en: (p: { version: string }) =>
      `Only the daemon version (${p.version}) is in the bundle; support is judged on the goal-state agent. Run \`waagent --version\` on the VM or check the agent version in the portal (VM > Properties).`,
    nl: (p) =>
      `De bundel bevat alleen de versie van de daemon (${p.version}); of de agent ondersteund wordt, hangt af van de doelstatusagent. Voer \`waagent --version\` uit op de VM of bekijk de agentversie in de portal (VM > Eigenschappen).`,
  }),
  'agent-outdated.no-version': entry({
    en: (p: { os: GuestOs }) => `No agent version was found in the bundle. Check ${en(p.os).version}.`,
    nl: (p) => `De bundel bevat geen agentversie. Controleer ${nl(p.os).version}.`,
  }),
  // the verdict (VerdictSummary.summary / summaryNl), in the order its sentence is built
  'verdict.task': entry({
    en: (p: VerdictTask) => {
      const code = codeSaid('en', p);
      const stopped = p.stoppedAt ? ` and stopped at ${stageOf('en', p)}${code}.` : code ? ` and ended with${code}.` : '.';
      const later = p.laterSuccess ? `A later backup (started ${stamp(p.laterSuccess)}) succeeded, so the VM may have recovered since. ` : '';
      const name = p.taskId === UNKNOWN_TASK_ID ? `The snapshot task (${p.seqNo !== undefined ? `seq ${p.seqNo}, ` : ''}no task id in the logs)` : `Task ${p.taskId}${p.seqNo !== undefined ? ` (seq ${p.seqNo})` : ''}`;
      return `${name}${p.reached ? ` reached the Backup extension${at('at', p.at)}` : ` was requested${at('at', p.at)}`}${stopped} ${later}`;
    },
    nl: (p) => {
      const code = codeSaid('nl', p);
      const stopped = p.stoppedAt ? ` en stopte bij ${stageOf('nl', p)}${code}.` : code ? ` en eindigde met${code}.` : '.';
      const later = p.laterSuccess ? `Een latere back-up (gestart om ${stamp(p.laterSuccess)}) slaagde, dus de VM is sindsdien mogelijk hersteld. ` : '';
      const name = p.taskId === UNKNOWN_TASK_ID ? `De momentopnametaak (${p.seqNo !== undefined ? `volgnummer ${p.seqNo}, ` : ''}geen taak-id in de logs)` : `Taak ${p.taskId}${p.seqNo !== undefined ? ` (volgnummer ${p.seqNo})` : ''}`;
      return `${name}${p.reached ? ` bereikte de back-upextensie${at('om', p.at)}` : ` werd aangevraagd${at('om', p.at)}`}${stopped} ${later}`;
    },
  }),
  'verdict.no-task': entry({
    en: () => 'The logs hold no failed backup task, so no finding can be tied to one. ',
    nl: () => 'De logs bevatten geen mislukte back-uptaak, dus kan geen enkele bevinding aan een taak worden gekoppeld. ',
  }),
  /** No failed task, and the newest task of the logs succeeded: said with its time, not as "no failed task". */
  'verdict.last-succeeded': entry({
    en: (p: { start?: string }) =>
      `The last backup task in the logs succeeded (${p.start ? `started ${stamp(p.start)}` : 'its lines carry no time'}) and none of them failed: a job the portal shows as failed is not in these logs — one before or after the time they cover, or one that never reached the VM. `,
    nl: (p) =>
      `De laatste back-uptaak in de logs slaagde (${p.start ? `gestart om ${stamp(p.start)}` : 'de regels ervan hebben geen tijd'}) en geen enkele mislukte: een taak die de portal als mislukt toont, staat niet in deze logs — een van vóór of na de tijd die ze beslaan, of een die de VM nooit bereikte. `,
  }),
  'verdict.no-guest-cause': entry({
    en: (p: { code?: string }) => `No guest-side cause found: the VM's logs show nothing that explains the failure. Check the Azure side (listed below) for ${p.code ?? "the job's error code"}.`,
    nl: (p) => `Geen oorzaak in de VM gevonden: de logs van de VM tonen niets dat de fout verklaart. Controleer de Azure-kant (hieronder) voor ${p.code ?? 'de foutcode van de taak'}.`,
  }),
  /**
   * No failed task, no successful one, and no cause above low: the logs may not reach the job (rotated away, collected
   * from another day); said with what to collect, so a loss of the failure's lines is never silent.
   */
  'verdict.logs-may-miss-job': entry({
    en: (p: { os: GuestOs }) =>
      ` These logs may not reach the failed job: if it ran before or after the time they cover, collect the logs of its day (${p.os === 'windows' ? 'the folder C:\\WindowsAzure\\Logs, its older files included' : '/var/log/waagent.log* and /var/log/azure/*, or `sudo waagent -collect-logs`'}).`,
    nl: (p) =>
      ` Deze logs reiken misschien niet tot de mislukte taak: liep die vóór of na de tijd die ze beslaan, verzamel dan de logs van die dag (${p.os === 'windows' ? 'de map C:\\WindowsAzure\\Logs, met de oudere bestanden' : '/var/log/waagent.log* en /var/log/azure/*, of `sudo waagent -collect-logs`'}).`,
  }),
  /** The cause: its title and the finding's reason come in both languages already. */
  'verdict.cause': entry({
    en: (p: { title: Localized; confidence: Confidence; reason: Localized }) => `${p.title.en} (${CONFIDENCE.en[p.confidence]} confidence): ${p.reason.en}`,
    nl: (p) => `${p.title.nl} (betrouwbaarheid ${CONFIDENCE.nl[p.confidence]}): ${p.reason.nl}`,
  }),
  /** The delivery causes ruled out, with their evidence: the agent ran (heartbeats or goal states), WireServer answered. */
  'verdict.ruled-out': entry({
    en: (p: { agent?: { heartbeats?: number; gapMinutes?: number; activityOnly?: boolean }; wireserver?: { at?: string } }) =>
      ` Ruled out: ${[
        ...(p.agent ? [`the agent was running (${p.agent.heartbeats ? `${p.agent.heartbeats} heartbeats${p.agent.gapMinutes !== undefined ? `, longest gap ${p.agent.gapMinutes} min` : ''}` : p.agent.activityOnly ? 'it logged activity' : 'it processed goal states'})`] : []),
        ...(p.wireserver ? [`WireServer answered${p.wireserver.at ? ` (goal state at ${stamp(p.wireserver.at)})` : ''}`] : []),
      ].join(' and ')}.`,
    nl: (p) =>
      ` Uitgesloten: ${[
        ...(p.agent ? [`de agent draaide (${p.agent.heartbeats ? `${p.agent.heartbeats} heartbeats${p.agent.gapMinutes !== undefined ? `, langste onderbreking ${p.agent.gapMinutes} min` : ''}` : p.agent.activityOnly ? 'hij logde activiteit' : 'hij verwerkte doelstatussen'})`] : []),
        ...(p.wireserver ? [`de WireServer antwoordde${p.wireserver.at ? ` (doelstatus om ${stamp(p.wireserver.at)})` : ''}`] : []),
      ].join(' en ')}.`,
  }),
  /** How long before the newest line of the logs the failed task failed (VerdictSummary.failureAge). */
  'verdict.age': entry({
    en: (p: { ms: number; newest: string }) => ` The task failed ${age(p.ms, 'h')} before the newest log line (${stamp(p.newest)}).`,
    nl: (p) => ` De taak mislukte ${age(p.ms, 'u')} vóór de nieuwste logregel (${stamp(p.newest)}).`,
  }),
  /** An agent or network failure after the failed task leads (analyze/engine.ts newerFailures): which is the job's. */
  'verdict.newer-failure': entry({
    en: (p: { title: Localized; later?: Localized; code?: string; taskCause?: Localized; start?: string }) => {
      const lead = p.later ? ` A failure logged after this task (${p.later.en})` : ' It came after this task';
      return p.code
        ? `${lead}, and the error code ${p.code} names its cause, not this task's${p.taskCause ? ` (${p.taskCause.en})` : ''}: the failed job is a later backup's, which this stopped before it reached the Backup extension, so it left no task lines.`
        : `${lead}, and the logs hold no task of a later backup, so they cannot tell which failure is the failed job's: this task's${p.taskCause ? ` (${p.taskCause.en})` : ''} or a later backup's, which this stops before it reaches the Backup extension. Compare the failed job's time in the vault's Backup jobs with this task's${p.start ? ` (${stamp(p.start)})` : ''}, or give it (the failed job's time).`;
    },
    nl: (p) => {
      const lead = p.later ? ` Een fout die na deze taak is gelogd (${p.later.nl})` : ' Dit kwam na deze taak';
      return p.code
        ? `${lead}, en de foutcode ${p.code} noemt de oorzaak daarvan, niet die van deze taak${p.taskCause ? ` (${p.taskCause.nl})` : ''}: de mislukte job is die van een latere back-up, die hierdoor stopte voordat hij de Backup-extensie bereikte en daarom geen taakregels achterliet.`
        : `${lead}, en de logs bevatten geen taak van een latere back-up, dus ze kunnen niet zeggen welke fout die van de mislukte job is: die van deze taak${p.taskCause ? ` (${p.taskCause.nl})` : ''} of die van een latere back-up, die hierdoor stopt voordat hij de Backup-extensie bereikt. Vergelijk de tijd van de mislukte job in Back-uptaken van de kluis met die van deze taak${p.start ? ` (${stamp(p.start)})` : ''}, of geef hem op (de tijd van de mislukte job).`;
    },
  }),
  /** A failure after the failed task, but the error code names the task's cause and not that one: the job is the task's. */
  'verdict.newer-not-the-job': entry({
    en: (p: { code: string; later: Localized }) =>
      ` After this task the logs show a later failure (${p.later.en}), but the error code ${p.code} names this task's cause and not that one, so the failed job is this task's; that failure would stop a later backup before it reaches the Backup extension.`,
    nl: (p) =>
      ` Na deze taak tonen de logs een latere fout (${p.later.nl}), maar de foutcode ${p.code} noemt de oorzaak van deze taak en niet die, dus de mislukte job is die van deze taak; die fout zou een latere back-up stoppen voordat hij de Backup-extensie bereikt.`,
  }),
  /** The failed task's lines carry no time (a pasted excerpt, a copy cut at its start): how old it is cannot be told. */
  'verdict.untimed': entry({
    en: () => ' The logs give no time for this task, so they cannot tell whether it is the backup the portal reports as failed: compare it with the failed job\'s time in the portal.',
    nl: () => ' De logs geven geen tijd voor deze taak, dus ze kunnen niet zeggen of dit de back-up is die de portal als mislukt meldt: vergelijk hem met de tijd van de mislukte job in de portal.',
  }),
  /** An agent or network failure the agent recovered from (analyze/recovery.ts): when, and what that leaves it explaining. */
  'verdict.recovered': entry({
    en: (p: { title: Localized; at: string; hours: number; taskBefore: boolean }) =>
      p.taskBefore
        ? ` The agent recovered at ${stamp(p.at)}, after this task: from then on it worked normally for ${p.hours} h up to the newest log line, so the next backup may succeed.`
        : ` The agent recovered at ${stamp(p.at)}: after the last sign of "${p.title.en}" it worked normally for ${p.hours} h up to the newest log line, so that explains only a backup that failed before ${stamp(p.at)}.`,
    nl: (p) =>
      p.taskBefore
        ? ` De agent herstelde om ${stamp(p.at)}, na deze taak: vanaf dan werkte hij ${p.hours} u normaal tot de nieuwste logregel, dus de volgende back-up kan slagen.`
        : ` De agent herstelde om ${stamp(p.at)}: na het laatste teken van "${p.title.nl}" werkte hij ${p.hours} u normaal tot de nieuwste logregel, dus dat verklaart alleen een back-up die vóór ${stamp(p.at)} mislukte.`,
  }),
  'verdict.others': entry({
    en: (p: { count: number }) => ` ${p.count} other cause${plural(p.count, '', 's')} may have contributed.`,
    nl: (p) => ` ${p.count} andere oorza${plural(p.count, 'ak heeft', 'ken hebben')} mogelijk bijgedragen.`,
  }),
  /** The logs' cause is not one the entered portal code stands for. */
  'verdict.mismatch': entry({
    en: (p: { title: Localized; codes: readonly string[]; entered: string; causes: readonly Localized[] }) =>
      ` The logs point to ${p.title.en}, which Azure reports as ${p.codes.join(', ') || 'another code'}; the entered code ${p.entered} points to ${p.causes.map((c) => c.en).join(', ')} — check the code.`,
    nl: (p) =>
      ` De logs wijzen op ${p.title.nl}, wat Azure meldt als ${p.codes.join(', ') || 'een andere code'}; de ingevoerde code ${p.entered} wijst op ${p.causes.map((c) => c.nl).join(', ')} — controleer de code.`,
  }),
  'verdict.crp': entry({
    en: () => ' UserErrorCrpReportedUserError is a wrapper: in the Recovery Services vault open Backup jobs, select the failed job and read its error details; the inner error names the real cause.',
    nl: () => ' UserErrorCrpReportedUserError is een verzamelcode: open in de Recovery Services-kluis Back-uptaken, selecteer de mislukte taak en lees de foutdetails; de onderliggende fout noemt de echte oorzaak.',
  }),
  'verdict.unknown-code': entry({
    en: (p: { code: string }) => ` The portal code ${p.code} is not in the catalogue; all causes were evaluated.`,
    nl: (p) => ` De portalcode ${p.code} staat niet in de catalogus; alle oorzaken zijn beoordeeld.`,
  }),
} as const;

export type AnalysisKey = keyof typeof ANALYSIS;
/** A key's parameters (none: an empty object). */
export type AnalysisParams<K extends AnalysisKey> = Parameters<(typeof ANALYSIS)[K]['en']>[0] extends infer P ? (P extends object ? P : Record<never, never>) : never;

/** A message of the catalogue with its parameters: the only kind of reason a rule can return. */
export type AnalysisMessage = { [K in AnalysisKey]: { readonly key: K; readonly params: AnalysisParams<K> } }[AnalysisKey];

/** Builds a message; keys without parameters need none. */
export function msg<K extends AnalysisKey>(
  key: K,
  ...params: Record<never, never> extends AnalysisParams<K> ? [AnalysisParams<K>?] : [AnalysisParams<K>]
): { readonly key: K; readonly params: AnalysisParams<K> } {
  // Not Extract<AnalysisMessage, { key: K }>: that distributes over every key of the catalogue at each call and was
  // most of the typecheck's time (the rules' files took 1.2–1.4 s per msg call).
  return { key, params: (params[0] ?? {}) as AnalysisParams<K> };
}

/** The text of a message in one language. */
export function renderAnalysis(m: AnalysisText, lang: Lang): string {
  const e = (ANALYSIS as Record<string, Entry<object>>)[m.key];
  if (!e) throw new Error(`unknown analysis message ${m.key}`);
  return e[lang](m.params, (sub) => renderAnalysis(sub, lang));
}

/** A result's English text or, in Dutch, its `…Nl` sibling (a result from before the sibling existed has English only). */
export function textIn(lang: Lang, en: string, nl: string | undefined): string {
  return lang === 'nl' && nl ? nl : en;
}

/** A missing-evidence row in one language. */
export function missingIn(lang: Lang, m: MissingEvidence): { what: string; why: string; howToCollect: string } {
  return { what: textIn(lang, m.what, m.whatNl), why: textIn(lang, m.why, m.whyNl), howToCollect: textIn(lang, m.howToCollect, m.howToCollectNl) };
}

/** Both languages at once, for the result's `…` / `…Nl` pairs. */
export function renderBoth(m: AnalysisText): Localized {
  return { en: renderAnalysis(m, 'en'), nl: renderAnalysis(m, 'nl') };
}

/** What a parser can say about a fact: a `detail.*`, `milestone.*` or `probe.*` message (or a quoted log line), rendered in the reader's language. */
export type FactDetail = Extract<AnalysisMessage, { key: `detail.${string}` | `milestone.${string}` | `probe.${string}` | 'line' }>;

/** An ingest warning as data (Warning.note). */
export type IngestNote = Extract<AnalysisMessage, { key: `ingest.${string}` }>;
/** A parser's warning as data (Warning.note; ParseSink.warn takes nothing else). */
export type ParseNote = Extract<AnalysisMessage, { key: `parse.${string}` }>;
/** The pipeline's own warning (evidence whose text could not be read back). */
export type PipelineNote = Extract<AnalysisMessage, { key: 'pipeline.evidence-unread' }>;
/** The SSH collection's progress, questions and failures. */
export type SshNote = Extract<AnalysisMessage, { key: `ssh.${string}` }>;
/** What a warning can carry as its catalogue message. */
export type WarningNote = IngestNote | ParseNote | PipelineNote | Extract<SshNote, { key: 'ssh.incomplete' | 'ssh.incomplete-unknown' }>;

/** Why the app's main side could not do what the window asked (OpenResult / ExportResult `note`). */
export type ErrorNote = Extract<AnalysisMessage, { key: `app.${string}` | 'pipeline.no-input' | 'pipeline.no-vm-root' }> | SshNote;

/** A failed answer of main: the English `error` the contract has always carried, and its message. */
export function failure(note: ErrorNote): { ok: false; error: string; note: ErrorNote } {
  return { ok: false, error: renderAnalysis(note, 'en'), note };
}

/** What an exception says as a message: its own note when it has one (NoInputError), else its text, quoted in Dutch. */
export function errorNote(e: unknown): ErrorNote {
  const note = (e as { note?: AnalysisText } | null)?.note;
  if (note && (note.key === 'pipeline.no-input' || note.key === 'pipeline.no-vm-root' || note.key.startsWith('app.') || note.key.startsWith('ssh.'))) return note as ErrorNote;
  return msg('app.failed', { error: e instanceof Error ? e.message : String(e) });
}

/** A failed answer's text in `lang`: its note when main gave one, else its English. */
export function errorIn(lang: Lang, r: { error: string; note?: ErrorNote }): string {
  return r.note ? renderAnalysis(r.note, lang) : r.error;
}

/** A warning in `lang`: its note when ingest or a parser gave one, else its English message. */
export function warningIn(lang: Lang, w: { message: string; note?: WarningNote }): string {
  return w.note ? renderAnalysis(w.note, lang) : w.message;
}

/** An input's warnings in `lang` (InputSummary.notes, where ingest gave them; else the English). */
export function inputWarningsIn(lang: Lang, i: { warnings: readonly string[]; notes?: readonly (WarningNote | null)[] }): string[] {
  return i.warnings.map((message, k) => warningIn(lang, { message, note: i.notes?.[k] ?? undefined }));
}

/**
 * A fact's detail as a message: in English the fact's own `detail`; in Dutch the parser's code when it gave one,
 * else the same text quoted (it is then the log's own words, which must not read as Dutch prose).
 */
export function detailOf(f: { detail?: string; note?: FactDetail }): AnalysisText {
  return f.note ? msg('fact-detail', { detail: f.detail ?? '', note: f.note }) : msg('line', { text: f.detail ?? '' });
}

/** A parser's detail as the fact carries it: the message, and its English text (bounded by `fit`: the caller's evidenceText) as `detail`, the JSON field. */
export function factDetail(note: FactDetail, fit: (en: string) => string = (s) => s): { detail: string; note: FactDetail } {
  return { detail: fit(renderAnalysis(note, 'en')), note };
}
