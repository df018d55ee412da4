import { compareVersions } from '../version';
import type { Localized } from './types';

const T = (en: string, nl: string): Localized => ({ en, nl });

/**
 * Linux agent releases with a published problem that stops extensions (the Backup one included)
 * from running or reporting. Each row: the goal-state agent versions it affects ([from, until)),
 * the log text it leaves (matched against what the parsers read into facts), its remedy, and the
 * public source. A row matching the VM is evidence for agent-outdated: the remedy is a newer agent.
 */
export interface KnownBadAgent {
  id: string;
  /** First affected version (inclusive). */
  from: string;
  /** First fixed version (exclusive upper bound). */
  until: string;
  /** Only on this OS (matched against os-release ID + VERSION_ID, e.g. `ubuntu 24.04`). */
  os?: RegExp;
  problem: Localized;
  /** Text the problem leaves in the agent's log, as the parsers keep it (fact details and messages). */
  signature?: RegExp;
  /** The signature's text as posted at `source` (tested against `signature`). */
  sample?: string;
  /**
   * Only the affected releases write the signature: a match is evidence even when no version is in the bundle.
   * A pattern instead of `true` when only part of the signature is theirs (the rest is also written by later releases).
   */
  signatureAlone?: boolean | RegExp;
  remedy: Localized;
  source: string;
}

const UPDATE = T(
  'Update the Linux agent: install the distribution’s current WALinuxAgent package (2.2.53.1 or later) and keep AutoUpdate.Enabled=y in /etc/waagent.conf, then restart the agent service.',
  'Werk de Linux-agent bij: installeer het actuele WALinuxAgent-pakket van de distributie (2.2.53.1 of later) en laat AutoUpdate.Enabled=y staan in /etc/waagent.conf; start daarna de agentservice opnieuw.',
);

export const KNOWN_BAD_AGENTS: readonly KnownBadAgent[] = [
  {
    id: 'single-file-2.0',
    from: '1.0',
    until: '2.1',
    problem: T(
      'The 2.0.x single-file agent is unsupported: it does not pick up newer extension versions, stops installs after 5 minutes, and can loop on a missing extension version until it runs out of file handles.',
      'De 2.0.x-agent (één bestand) wordt niet ondersteund: hij neemt geen nieuwere extensieversies over, breekt installaties na 5 minuten af en kan bij een ontbrekende extensieversie blijven herhalen tot de bestandshandles op zijn.',
    ),
    signature: /Unable to send status reports|too many open files|Too many file under/i,
    sample: 'Error parsing ExtensionsConfig.  Unable to send status reports',
    remedy: UPDATE,
    source: 'https://github.com/Azure/WALinuxAgent/issues/419 ; https://github.com/Azure/WALinuxAgent/issues/355 ; https://github.com/Azure/WALinuxAgent/issues/861',
  },
  {
    id: 'state-migration-2.1',
    from: '2.1',
    until: '2.1.5.2',
    problem: T(
      'Agents 2.1.0–2.1.5.1 do not find the state of extensions installed by a 2.0.x agent, so those extensions are handled as not installed.',
      'Agents 2.1.0–2.1.5.1 vinden de status niet van extensies die een 2.0.x-agent installeerde, waardoor die extensies als niet geïnstalleerd worden behandeld.',
    ),
    remedy: UPDATE,
    source: 'https://github.com/Azure/WALinuxAgent/issues/337',
  },
  {
    id: 'fips-decrypt-2.2.0',
    from: '2.2.0',
    until: '2.2.14',
    problem: T(
      'With FIPS mode on, agents before 2.2.14 cannot decrypt the goal state’s certificates (openssl: unknown cipher), so no extension gets its protected settings.',
      'Met FIPS-modus aan kunnen agents vóór 2.2.14 de certificaten uit de doelstatus niet ontsleutelen (openssl: unknown cipher), zodat geen extensie zijn beveiligde instellingen krijgt.',
    ),
    signature: /openssl|unknown cipher|Failed to decrypt/i,
    sample: "2017/04/12 20:45:37.445520 ERROR run cmd '/usr/bin/openssl cms -decrypt -in /var/lib/waagent/Certificates.p7m -inkey /var/lib/waagent/TransportPrivate.pem -recip /var/lib/waagent/TransportCert.pem | /usr/bin/openssl pkcs12 -nodes -password pass: -out /var/lib/waagent/Certificates.pem' failed",
    remedy: UPDATE,
    source: 'https://github.com/Azure/WALinuxAgent/issues/668 ; https://github.com/Azure/WALinuxAgent/issues/760',
  },
  {
    // hostplugin.py marked the channel initialised even when it was not available (2.2.0–2.2.12); PR #751 fixed it
    id: 'hostplugin-init-not-retried-2.2.0',
    from: '2.2.0',
    until: '2.2.13',
    problem: T(
      'Agents before 2.2.13 never retry the HostGAPlugin channel after a failed first attempt (for example after WireServer 503s): extensions keep failing with “Host plugin channel is not available” until the agent restarts.',
      'Agents vóór 2.2.13 proberen het HostGAPlugin-kanaal nooit opnieuw na een mislukte eerste poging (bijvoorbeeld na 503-antwoorden van de WireServer): extensies blijven falen met “Host plugin channel is not available” tot de agent herstart.',
    ),
    signature: /host plugin channel is not available/i,
    sample: 'Inner error: [000008] HostGAPlugin: Host plugin channel is not available',
    remedy: T(
      'Restart the agent service to make it retry the HostGAPlugin channel, then update the agent: install the distribution’s current WALinuxAgent package (2.2.53.1 or later) and keep AutoUpdate.Enabled=y in /etc/waagent.conf.',
      'Start de agentservice opnieuw zodat hij het HostGAPlugin-kanaal opnieuw probeert, en werk daarna de agent bij: installeer het actuele WALinuxAgent-pakket van de distributie (2.2.53.1 of later) en laat AutoUpdate.Enabled=y staan in /etc/waagent.conf.',
    ),
    source: 'https://github.com/Azure/WALinuxAgent/issues/745 ; https://github.com/Azure/WALinuxAgent/pull/751',
  },
  {
    id: 'missing-log-dir-2.2.10',
    from: '2.2.10',
    until: '2.2.11',
    problem: T(
      'Agent 2.2.10 exits when an extension’s folder under /var/log/azure was deleted (Not a directory / No such file), and keeps failing until the folder is back.',
      'Agent 2.2.10 stopt wanneer de map van een extensie onder /var/log/azure is verwijderd (Not a directory / No such file) en blijft falen tot de map terug is.',
    ),
    signature: /(?:Not a directory|No such file or directory): '\/var\/log\/azure\//,
    sample: "2017/07/17 10:18:56.520270 WARNING Agent WALinuxAgent-2.2.10 failed with exception: [Errno 20] Not a directory: '/var/log/azure/Microsoft.OSTCExtensions.VMAccessForLinux'",
    remedy: T(
      'Recreate /var/log/azure (mkdir -p /var/log/azure) and update the agent; do not delete /var/log/azure to free space.',
      'Maak /var/log/azure opnieuw aan (mkdir -p /var/log/azure) en werk de agent bij; verwijder /var/log/azure niet om ruimte vrij te maken.',
    ),
    source: 'https://github.com/Azure/WALinuxAgent/issues/812',
  },
  {
    id: 'goal-state-xml-missing-2.2.19',
    from: '2.2.19',
    until: '2.2.20',
    problem: T(
      'Agent 2.2.19 loses track of its cached goal state (“[ProtocolError] /var/lib/waagent/GoalState.N.xml is missing”) and stops processing extensions, so no backup runs until the agent is updated and restarted.',
      'Agent 2.2.19 raakt zijn gecachte doelstatus kwijt (“[ProtocolError] /var/lib/waagent/GoalState.N.xml is missing”) en verwerkt geen extensies meer, zodat geen back-up draait tot de agent is bijgewerkt en herstart.',
    ),
    signature: /GoalState\.\d+\.xml is missing/,
    sample: '2017/12/15 12:49:24.269432 WARNING Exception retrieving extension handlers: [ProtocolError] /var/lib/waagent/GoalState.1.xml is missing.',
    signatureAlone: true,
    remedy: UPDATE,
    source: 'https://github.com/Azure/WALinuxAgent/wiki/Known-Issues#2219---protocolerror-varlibwaagentgoalstate1xml-is-missing ; https://github.com/Azure/WALinuxAgent/issues/945',
  },
  {
    id: 'downgrade-not-allowed-2.2.21',
    from: '2.2.21',
    until: '2.2.25',
    problem: T(
      'Agents 2.2.21–2.2.24 stop processing extensions with “[ExtensionError] Downgrade not allowed”, which also stops Azure Backup.',
      'Agents 2.2.21–2.2.24 stoppen met het verwerken van extensies met “[ExtensionError] Downgrade not allowed”, waardoor ook Azure Backup stopt.',
    ),
    signature: /Downgrade not allowed/,
    signatureAlone: true,
    sample: '2018/03/16 12:00:46.196121 ERROR Event: name=extensionName, op=None, message=[ExtensionError] Downgrade not allowed, duration=0',
    remedy: T(
      'Update the agent (2.2.25 or later); until then remove the cached extension manifests (rm /var/lib/waagent/*.manifest.xml) and restart the agent service.',
      'Werk de agent bij (2.2.25 of later); verwijder tot dan de opgeslagen extensiemanifesten (rm /var/lib/waagent/*.manifest.xml) en start de agentservice opnieuw.',
    ),
    source: 'https://learn.microsoft.com/en-us/troubleshoot/azure/virtual-machines/linux/extensions-stop-running',
  },
  {
    id: 'cgroups-block-2.2.31',
    from: '2.2.31',
    until: '2.2.41',
    problem: T(
      'Agents 2.2.31–2.2.40 let a cgroups error block extension processing (e.g. no cpu hierarchy in /proc/cgroups on CloudLinux): the backup snapshot never completes.',
      'Agents 2.2.31–2.2.40 laten een cgroups-fout de verwerking van extensies blokkeren (bijv. geen cpu-hiërarchie in /proc/cgroups op CloudLinux): de back-upmomentopname wordt nooit voltooid.',
    ),
    // every wrapper these releases put around a cgroups error, and the error itself (cgroups.py also raises it in 2.2.42)
    signature: /failed to update cgroups tracked extensions|cgroups not initialized|Unable to setup cgroup |Cgroup hierarchy \S+ not found/i,
    sample: "WARNING ExtHandler Monitor: failed to update cgroups tracked extensions: 'Cgroup hierarchy cpu not found in /proc/cgroups'",
    // monitor.py's two cgroups warnings exist only in 2.2.32–2.2.40, exthandlers.py's set-up warning only in 2.2.39–2.2.40
    signatureAlone: /Monitor: (?:failed to update cgroups tracked extensions|cgroups not initialized)|Unable to setup cgroup /,
    remedy: T(
      'Update the agent to 2.2.41 or later, where cgroups errors no longer block extensions.',
      'Werk de agent bij naar 2.2.41 of later, waarin cgroups-fouten extensies niet meer blokkeren.',
    ),
    source: 'https://github.com/Azure/WALinuxAgent/issues/1390',
  },
  {
    id: 'redownload-2.2.32',
    from: '2.2.32',
    until: '2.2.36',
    problem: T(
      'Agents 2.2.32–2.2.35 download a failing extension update again on every retry, with high CPU and traffic.',
      'Agents 2.2.32–2.2.35 downloaden een mislukte extensie-update bij elke nieuwe poging opnieuw, met veel CPU-gebruik en verkeer.',
    ),
    remedy: UPDATE,
    source: 'https://github.com/Azure/WALinuxAgent/issues/1342',
  },
  {
    id: 'get-python-cmd-2.3.1.1',
    from: '2.3.1.1',
    until: '2.3.1.2',
    problem: T(
      'Agent 2.3.1.1 can fail in a loop with NameError get_python_cmd and fill the disk with waagent.log.',
      'Agent 2.3.1.1 kan in een lus falen met NameError get_python_cmd en de schijf vullen met waagent.log.',
    ),
    signature: /get_python_cmd/,
    sample: "[BUG] WAAgent fills disk with log entries - error: \"NameError: name 'get_python_cmd' is not defined\"",
    remedy: T(
      'Free the disk (truncate /var/log/waagent.log), then update the agent and check which python the agent service starts.',
      'Maak de schijf vrij (kap /var/log/waagent.log af), werk daarna de agent bij en controleer welke python de agentservice start.',
    ),
    source: 'https://github.com/Azure/WALinuxAgent/issues/2336',
  },
  {
    id: 'ubuntu-24.04-cpu-quota-2.9.1.1',
    from: '2.9.1.1',
    until: '2.9.1.2',
    os: /^ubuntu 24\.04/,
    problem: T(
      'Ubuntu 24.04’s packaged agent 2.9.1.1 was patched to enable a 50% CPU quota that can also apply to VM extensions, slowing them down.',
      'De agent 2.9.1.1 van Ubuntu 24.04 is gepatcht met een CPU-quotum van 50% dat ook voor VM-extensies kan gelden en ze vertraagt.',
    ),
    remedy: T(
      'Let the agent update itself (AutoUpdate.Enabled=y) to a release with the fix, or update the walinuxagent package.',
      'Laat de agent zichzelf bijwerken (AutoUpdate.Enabled=y) naar een release met de oplossing, of werk het walinuxagent-pakket bij.',
    ),
    source: 'https://github.com/Azure/WALinuxAgent/issues/3355',
  },
];

/** The rows whose version range holds `version` (and whose OS condition holds, when it has one). */
/** Rows whose signature alone (without a version) identifies them, for a text the agent logged. */
export function knownBadBySignature(text: string): KnownBadAgent[] {
  return KNOWN_BAD_AGENTS.filter((r) => (r.signatureAlone instanceof RegExp ? r.signatureAlone.test(text) : r.signatureAlone && r.signature?.test(text)));
}

export function knownBadAgentsFor(version: string, os?: string): KnownBadAgent[] {
  return KNOWN_BAD_AGENTS.filter((r) => compareVersions(version, r.from) >= 0 && compareVersions(version, r.until) < 0 && (!r.os || (os !== undefined && r.os.test(os))));
}

/**
 * Extension releases with a published problem on some systems (the same idea for handlers): the fix is a
 * newer extension version, which Azure installs when the old one is removed.
 */
export interface KnownBadExtension {
  id: string;
  handler: RegExp;
  /** First fixed version (exclusive upper bound). */
  until: string;
  /** Only on these systems (os-release ID + VERSION_ID, e.g. `ubuntu 24.04`). */
  os: RegExp;
  problem: Localized;
  remedy: Localized;
  source: string;
}

export const KNOWN_BAD_EXTENSIONS: readonly KnownBadExtension[] = [
  {
    id: 'vmsnapshot-python312-1.0.9220',
    handler: /^Microsoft\.Azure\.RecoveryServices\.VMSnapshotLinux$/i,
    until: '1.0.9220.0',
    // Ubuntu 24.04 ships Python 3.12 only
    os: /^ubuntu (?:2[4-9]|[3-9]\d)\./,
    problem: T(
      'VMSnapshotLinux before 1.0.9220.0 fails to enable on Ubuntu 24.04 (Python 3.12), so no backup runs.',
      'VMSnapshotLinux vóór 1.0.9220.0 kan niet inschakelen op Ubuntu 24.04 (Python 3.12), zodat geen back-up draait.',
    ),
    remedy: T(
      'Uninstall the VMSnapshotLinux extension (portal: VM > Extensions + applications); the next backup installs 1.0.9220.0 or later.',
      'Verwijder de extensie VMSnapshotLinux (portal: VM > Extensies en toepassingen); de volgende back-up installeert 1.0.9220.0 of later.',
    ),
    source: 'https://github.com/Azure/azure-linux-extensions/issues/1922',
  },
];

/** Rows matching a handler at a version on a system (`ubuntu 24.04`). */
export function knownBadExtensionsFor(handler: string, version: string, os: string | undefined): KnownBadExtension[] {
  if (!os) return [];
  return KNOWN_BAD_EXTENSIONS.filter((r) => r.handler.test(handler) && r.os.test(os) && compareVersions(version, r.until) < 0);
}
