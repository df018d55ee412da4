import type { CauseDefinition, CauseId, DocLink, GuestPlatform, Lang, Localized, RemedyKey, RemedyOrder } from './types';

/**
 * The cause catalogue: ids are stable (docs/CONTRACT.md) and never renamed once shipped; the array order
 * is the engine's last tie-break, so new causes go at the end.
 *
 * Remedies follow the seed article (test/fixtures/seed, a machine-translated Dutch copy of
 * "Troubleshoot Azure Backup failure: issues with the agent or extension"), translated faithfully,
 * in the article's order, with its links made absolute. Causes the article does not cover take
 * their remedies from the extension's and the agent's own documentation and code (docs/causes.md);
 * `source` says which. A step that is our own reading of the code, not a documented action, says so.
 */
const T = (en: string, nl: string) => ({ en, nl });
type Step = [en: string, nl: string, only?: GuestPlatform, key?: RemedyKey, codes?: readonly string[]];
/**
 * A step written for one platform says so ("Windows VMs: …", "Linux VMs: …") or carries the platform as a third
 * element; remedySteps leaves it out for a guest of the other platform. The fourth element names what the step fixes
 * (RemedyKey), for findings that order the steps; the fifth the portal codes it answers (the fix the article or the
 * portal's self-help gives for that code), which lead when the job failed on one of them.
 */
const R = (steps: Step[]) => ({
  en: steps.map((s) => s[0]),
  nl: steps.map((s) => s[1]),
  only: steps.map((s) => s[2] ?? (/^Windows VMs\b/.test(s[0]) ? 'windows' : /^Linux VMs\b/.test(s[0]) ? 'linux' : null)),
  key: steps.map((s) => s[3] ?? null),
  codes: steps.map((s) => s[4] ?? []),
});

/** The seed article, on learn.microsoft.com; anchors are the article's own. */
const TS = 'https://learn.microsoft.com/azure/backup/backup-azure-troubleshoot-vm-backup-fails-snapshot-timeout';
const VMS = 'https://learn.microsoft.com/azure/backup/backup-azure-vms-troubleshoot';

const L = {
  updateAgent: { title: 'How to update the Azure Linux Agent on a VM', titleNl: 'De Azure Linux-agent op een VM bijwerken', url: 'https://learn.microsoft.com/azure/virtual-machines/linux/update-agent' },
  agentReleases: { title: 'Azure Linux Agent releases (GitHub)', titleNl: 'Versies van de Azure Linux-agent (GitHub)', url: 'https://github.com/Azure/WALinuxAgent/releases' },
  autoRestart: { title: 'Configure the automatic restart of the agent (WALinuxAgent known issues)', titleNl: 'Het automatisch herstarten van de agent instellen (bekende problemen van WALinuxAgent)', url: 'https://github.com/Azure/WALinuxAgent/wiki/Known-Issues#mitigate_agent_crash' },
  agentConfig: { title: 'WALinuxAgent configuration file options', titleNl: 'Opties van het configuratiebestand van WALinuxAgent', url: 'https://github.com/Azure/WALinuxAgent#configuration-file-options' },
  agentMsi: { title: 'Latest Windows VM agent MSI', titleNl: 'Nieuwste MSI van de Windows VM-agent', url: 'https://go.microsoft.com/fwlink/?LinkID=394789&clcid=0x409' },
  dotnet: { title: 'Determine which .NET Framework versions are installed', titleNl: 'Bepalen welke versies van .NET Framework zijn geïnstalleerd', url: 'https://docs.microsoft.com/dotnet/framework/migration-guide/how-to-determine-which-versions-are-installed' },
  provisioningStates: { title: 'VM provisioning states', titleNl: "Inrichtingsstatussen van VM's", url: 'https://docs.microsoft.com/azure/virtual-machines/windows/states-lifecycle#provisioning-states' },
  staticIp: {
    title: 'Set a static private IP address with PowerShell',
    titleNl: 'Een statisch privé-IP-adres instellen met PowerShell',
    url: 'https://learn.microsoft.com/azure/virtual-network/virtual-networks-static-private-ip-arm-ps#change-the-allocation-method-for-a-private-ip-address-assigned-to-a-network-interface',
  },
  fips: { title: 'WALinuxAgent 2.14.0.1: FIPS 140-3 support (GitHub)', titleNl: 'WALinuxAgent 2.14.0.1: ondersteuning voor FIPS 140-3 (GitHub)', url: 'https://github.com/Azure/WALinuxAgent/releases/tag/v2.14.0.1' },
  wireserver: { title: 'What is IP address 168.63.129.16?', titleNl: 'Wat is IP-adres 168.63.129.16?', url: 'https://learn.microsoft.com/azure/virtual-network/what-is-ip-address-168-63-129-16' },
  portal: { title: 'Azure portal', titleNl: 'Azure-portal', url: 'https://portal.azure.com/' },
  stopJob: { title: 'Stop-AzRecoveryServicesBackupJob (PowerShell)', titleNl: 'Stop-AzRecoveryServicesBackupJob (PowerShell)', url: 'https://docs.microsoft.com/powershell/module/az.recoveryservices/stop-azrecoveryservicesbackupjob?view=azps-1.4.0' },
  bestPractices: { title: 'Azure VM backup: best practices', titleNl: "Back-up van Azure-VM's: aanbevolen procedures", url: 'https://learn.microsoft.com/azure/backup/backup-azure-vms-introduction#best-practices' },
  performance: { title: 'Azure VM backup: backup performance', titleNl: "Back-up van Azure-VM's: prestaties van de back-up", url: 'https://learn.microsoft.com/azure/backup/backup-azure-vms-introduction#backup-performance' },
  considerations: { title: 'Azure VM backup: backup and restore considerations', titleNl: "Back-up van Azure-VM's: aandachtspunten voor back-up en herstel", url: 'https://learn.microsoft.com/azure/backup/backup-azure-vms-introduction#backup-and-restore-considerations' },
  kvPortal: { title: 'Back up encrypted Azure VMs (portal)', titleNl: "Back-up maken van versleutelde Azure-VM's (portal)", url: 'https://docs.microsoft.com/azure/backup/backup-azure-vms-encryption' },
  kvPowerShell: { title: 'Enable protection with PowerShell', titleNl: 'Beveiliging inschakelen met PowerShell', url: 'https://docs.microsoft.com/azure/backup/backup-azure-vms-automation#enable-protection' },
  vmsTroubleshoot: { title: 'Troubleshoot backup failures on Azure virtual machines', titleNl: 'Back-upfouten op virtuele Azure-machines oplossen', url: VMS },
  appConsistent: { title: 'Application-consistent backup of Azure Linux VMs (pre/post scripts)', titleNl: "Toepassingsconsistente back-up van Azure Linux-VM's (pre- en postscripts)", url: 'https://learn.microsoft.com/azure/backup/backup-azure-linux-app-consistent' },
  vmBackupSource: { title: 'VMSnapshotLinux extension source (VMBackup)', titleNl: 'Broncode van de extensie VMSnapshotLinux (VMBackup)', url: 'https://github.com/Azure/azure-linux-extensions/tree/master/VMBackup' },
  vmSnapshotLinux: { title: 'VM Snapshot Linux extension for Azure Backup', titleNl: 'De extensie VM Snapshot Linux voor Azure Backup', url: 'https://learn.microsoft.com/azure/virtual-machines/extensions/vmsnapshot-linux' },
  timeSync: { title: 'Time sync for Linux VMs in Azure', titleNl: "Tijdsynchronisatie voor Linux-VM's in Azure", url: 'https://learn.microsoft.com/azure/virtual-machines/linux/time-sync' },
  winAgentTs: { title: 'Troubleshoot Azure Windows VM Agent issues', titleNl: 'Problemen met de Azure Windows VM-agent oplossen', url: 'https://learn.microsoft.com/troubleshoot/azure/virtual-machines/windows/windows-azure-guest-agent' },
  winExtCert: { title: 'Troubleshoot extension certificate issues on a Windows VM', titleNl: 'Problemen met extensiecertificaten op een Windows-VM oplossen', url: 'https://learn.microsoft.com/troubleshoot/azure/virtual-machines/windows/troubleshoot-extension-certificates-issues-windows-vm' },
  backupTls: { title: 'Transport Layer Security in Azure Backup (TLS 1.2 for Windows and .NET)', titleNl: 'Transport Layer Security in Azure Backup (TLS 1.2 voor Windows en .NET)', url: 'https://learn.microsoft.com/azure/backup/transport-layer-security' },
  winAgentVersion: { title: 'Minimum version support for VM agents', titleNl: 'Minimaal ondersteunde versies van VM-agents', url: 'https://learn.microsoft.com/troubleshoot/azure/virtual-machines/windows/support-extensions-agent-version' },
} as const;

/** A section of the seed article; the Dutch title is the Dutch article's own heading (its anchors are the English ones). */
const ts = (anchor: string, title: string, titleNl: string): DocLink => ({ title, titleNl, url: `${TS}#${anchor}` });
const TS_AGENT_LINUX = ts('the-agent-installed-in-the-vm-is-out-of-date-for-linux-vms', 'Troubleshooting: the agent installed in the VM is out of date (Linux VMs)', "Probleemoplossing: de agent in de VM is verouderd (Linux-VM's)");
const TS_AGENT_WINDOWS = ts('the-agent-installed-in-the-vm-but-unresponsive-for-windows-vms', 'Troubleshooting: the agent is installed in the VM but unresponsive (Windows VMs)', "Probleemoplossing: de agent is in de VM geïnstalleerd maar reageert niet (Windows-VM's)");
const TS_SNAPSHOT = ts('the-snapshot-status-cannot-be-retrieved-or-a-snapshot-cannot-be-taken', 'Troubleshooting: the snapshot status cannot be retrieved or a snapshot cannot be taken', 'Probleemoplossing: de status van de momentopname kan niet worden opgehaald of er kan geen momentopname worden gemaakt');

/* Steps the article repeats for several causes, written once so en and nl stay in step. */
const PORTAL_AGENT_READY: Step = [
  'Open Azure portal > VM > Settings > Properties and make sure the VM Status is "Running" and the Agent status is "Ready". If the VM agent is stopped or in an inconsistent state, restart the agent.',
  'Open in de Azure-portal VM > Instellingen > Eigenschappen en controleer of de VM-status "Wordt uitgevoerd" is en de agentstatus "Gereed". Is de VM-agent gestopt of in een inconsistente toestand, start de agent dan opnieuw.',
  undefined,
  undefined,
  ['UserErrorGuestAgentStatusUnavailable', 'AzureVmOffline'],
];
const LINUX_PS_RESTART: Step = [
  'Check that the Azure agent is running on the VM with `ps -e`. If the process is not running, restart it: on Ubuntu `service walinuxagent start`, on other distributions `service waagent start`.',
  'Controleer met `ps -e` of de Azure-agent op de VM draait. Draait het proces niet, start het dan opnieuw: op Ubuntu met `service walinuxagent start`, op andere distributies met `service waagent start`.',
  'linux',
];
const LINUX_AUTO_RESTART: Step = [
  'Configure the automatic restart of the agent (see "mitigate agent crash" in the WALinuxAgent known issues).',
  'Configureer het automatisch herstarten van de agent (zie "mitigate agent crash" in de bekende problemen van WALinuxAgent).',
  'linux',
];
const LINUX_TEST_BACKUP: Step = [
  'Run a new test backup. If the error persists, collect these logs from the VM: /var/lib/waagent/*.xml, /var/log/waagent.log and /var/log/azure/*.',
  'Voer een nieuwe testback-up uit. Blijft de fout optreden, verzamel dan deze logs van de VM: /var/lib/waagent/*.xml, /var/log/waagent.log en /var/log/azure/*.',
  'linux',
];
/**
 * The agent's command whose interpreter is missing (WALinuxAgent#2126: no python3 link; #2699: a unit running
 * /usr/bin/python; dmauser/opnazure#35: `env: python`): no update or restart of the agent starts it. Our reading of the
 * agent's launch (ga/update.py run_latest) and of the maintainers' answers; a finding that saw it leads with it, in the
 * words of the file it names (agent.interpreter-step).
 */
const LINUX_INTERPRETER: Step = [
  'Linux VMs: if the agent\'s command cannot start because its interpreter or a file it runs is missing or not executable ("[Errno 2] No such file or directory: \'python3\'", "[Errno 13] Permission denied", "env: python: No such file or directory", "Failed at step EXEC spawning /usr/bin/python"), updating or restarting the agent does not help: install the interpreter the command names or create the link it calls (python3, python) to the installed Python, then restart the agent.',
  "Linux-VM's: kan de opdracht van de agent niet starten omdat de interpreter of een bestand dat hij uitvoert ontbreekt of niet uitvoerbaar is (\"[Errno 2] No such file or directory: 'python3'\", \"[Errno 13] Permission denied\", \"env: python: No such file or directory\", \"Failed at step EXEC spawning /usr/bin/python\"), dan helpt bijwerken of herstarten van de agent niet: installeer de interpreter die de opdracht noemt of maak de koppeling die hij aanroept (python3, python) naar de geïnstalleerde Python, en start de agent daarna opnieuw.",
  'linux',
  'interpreter',
];
const PORTAL_EXTENSIONS_OK: Step = [
  'Open Azure portal > VM > Settings > Extensions and make sure all extensions are in the "provisioning succeeded" state. If not, follow the steps for UserErrorVmProvisioningStateFailed (extension in a failed state).',
  'Open in de Azure-portal VM > Instellingen > Extensies en controleer of alle extensies de status "Inrichten geslaagd" hebben. Is dat niet zo, volg dan de stappen voor UserErrorVmProvisioningStateFailed (extensie in een mislukte status).',
];
const WINDOWS_AGENT_STEPS: Step[] = [
  [
    'Windows VMs: check in the VM services (services.msc) whether the Windows Azure Guest Agent service is running. Try restarting the service and start the backup.',
    "Windows-VM's: controleer in de services van de VM (services.msc) of de service Windows Azure Guest Agent wordt uitgevoerd. Start de service opnieuw en start de back-up.",
    undefined,
    undefined,
    ['ManagedRPCreationFailedInCrpButExtensionSucceeded'],
  ],
  [
    'Windows VMs: if the Windows Azure Guest Agent service is not visible in Services, go to Control Panel > Programs and Features to determine whether it is installed. If it is listed there, uninstall the Windows Azure Guest Agent.',
    "Windows-VM's: is de service Windows Azure Guest Agent niet zichtbaar bij Services, kijk dan in Configuratiescherm > Programma's en onderdelen of hij is geïnstalleerd. Staat hij daar, verwijder de Windows Azure Guest Agent dan.",
  ],
  [
    'Windows VMs: download and install the latest version of the agent MSI (you need administrator rights), check that the Windows Azure Guest Agent services appear in Services, and run an on-demand backup ("Backup now" in the portal).',
    "Windows-VM's: download en installeer de nieuwste versie van de agent-MSI (daarvoor zijn beheerdersrechten nodig), controleer of de Windows Azure Guest Agent-services bij Services staan en voer een back-up op aanvraag uit (\"Nu back-up maken\" in de portal).",
    undefined,
    undefined,
    ['AzureVmOffline'],
  ],
];
const RETRY: Step = ['Retry the backup operation.', 'Probeer de back-upbewerking opnieuw.'];
const ON_DEMAND_CLEANUP: Step = [
  'Clean up the restore point collection by triggering an on-demand backup. Expect this on-demand backup to fail the first time; it makes the restore points clean up automatically (a few hours later), after which the next scheduled backup should succeed.',
  'Ruim de herstelpuntverzameling op door een back-up op aanvraag te starten. Deze back-up mislukt waarschijnlijk de eerste keer, maar zorgt ervoor dat de herstelpunten automatisch worden opgeruimd (enkele uren later); daarna hoort de volgende geplande back-up te slagen.',
];
const PORTAL_CLEANUP: Step = [
  'If the scheduled backup still fails, delete the restore point collection manually: Azure portal > All resources > the resource group AzureBackupRG_<Geo>_<number> where the VM is > Overview > "Show hidden types" > select the restore point collection AzureBackupRG_<VMName>_<number> > Delete, then retry the backup. With many restore points the deletion can time out; it usually succeeds after 2 or 3 retries.',
  'Mislukt de geplande back-up nog steeds, verwijder de herstelpuntverzameling dan handmatig: Azure-portal > Alle resources > de resourcegroep AzureBackupRG_<Geo>_<nummer> van de VM > Overzicht > "Verborgen typen weergeven" > selecteer de herstelpuntverzameling AzureBackupRG_<VMNaam>_<nummer> > Verwijderen, en probeer de back-up opnieuw. Met veel herstelpunten kan het verwijderen een time-out geven; meestal lukt het na 2 of 3 pogingen.',
];
const VMBACKUP_CONF_COPY: Step = [
  'Copy vmbackup.conf from /var/lib/waagent/Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.XXX.0/main/tempPlugin/vmbackup.conf to /etc/azure/vmbackup.conf if it is not there yet; the settings below go in its [SnapshotThread] section.',
  'Kopieer vmbackup.conf van /var/lib/waagent/Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.XXX.0/main/tempPlugin/vmbackup.conf naar /etc/azure/vmbackup.conf als het daar nog niet staat; de instellingen hieronder horen in de sectie [SnapshotThread].',
  'linux',
  undefined,
  ['UserErrorFsFreezeTimeout'],
];

export const CAUSES: readonly CauseDefinition[] = [
  {
    id: 'agent-not-running',
    title: T('The guest agent is not running', 'De gastagent wordt niet uitgevoerd'),
    description: T(
      'The guest agent stopped, crashed, is not installed, or is disabled (/var/lib/waagent/disable_agent, or ProvisionGuestAgent=false in ovf-env.xml). On Windows: the RdAgent or Windows Azure Guest Agent service is stopped, dies at start, or the agent is not installed.',
      'De gastagent is gestopt, gecrasht, niet geïnstalleerd of uitgeschakeld (/var/lib/waagent/disable_agent, of ProvisionGuestAgent=false in ovf-env.xml). Op Windows: de service RdAgent of Windows Azure Guest Agent is gestopt, stopt direct na het starten, of de agent is niet geïnstalleerd.',
    ),
    portalCodes: ['UserErrorGuestAgentStatusUnavailable', 'GuestAgentSnapshotTaskStatusError', 'BackUpOperationFailed', 'AzureVmOffline'],
    visibility: 'yes',
    signals: [
      'waagent.log ends, or has a long gap, before the backup time; no heartbeat after a "stopped" or crash record',
      'daemon or ExtHandler exit/crash records ("Daemon ended with exception", "ExtHandler process … exited with return code", "Agent … failed with exception")',
      '"Disabling the guest agent by sleeping forever" or "Disabling guest agent in accordance with ovf-env.xml"',
      '/var/lib/waagent/disable_agent exists, or ovf-env.xml sets ProvisionGuestAgent to false',
      'no extension.log lines and no new <N>.settings at the job time',
      'the journal shows the daemon exiting while it loads waagent.conf ("Missing configuration in …", a traceback through load_conf_from_file)',
      'Windows: Service Control Manager 7031/7034 for RdAgent or WindowsAzureGuestAgent, .NET Runtime 1026 or Application Error 1000 for WaAppAgent.exe or WindowsAzureGuestAgent.exe, a ConfigurationErrorsException in TransparentInstaller.log',
    ],
    remedy: R([
      PORTAL_AGENT_READY,
      LINUX_PS_RESTART,
      LINUX_AUTO_RESTART,
      PORTAL_EXTENSIONS_OK,
      LINUX_TEST_BACKUP,
      [
        'If /var/lib/waagent/disable_agent exists or ovf-env.xml sets ProvisionGuestAgent=false, the agent was disabled on purpose and Azure Backup cannot work: remove the marker (or reinstall and enable the agent) and restart it.',
        'Bestaat /var/lib/waagent/disable_agent of zet ovf-env.xml ProvisionGuestAgent=false, dan is de agent bewust uitgeschakeld en kan Azure Backup niet werken: verwijder de markering (of installeer en activeer de agent opnieuw) en start hem opnieuw.',
        'linux',
      ],
      [
        'If the daemon exits at start while loading its configuration ("Missing configuration in /etc/waagent.conf", "Failed to load conf file", a traceback through load_conf_from_file in the journal), restore the file from the distribution\'s agent package (CoreOS and Flatcar read /usr/share/oem/waagent.conf) and restart the agent.',
        'Stopt de daemon direct na het starten tijdens het laden van zijn configuratie ("Missing configuration in /etc/waagent.conf", "Failed to load conf file", een traceback via load_conf_from_file in het journal), zet het bestand dan terug uit het agentpakket van de distributie (CoreOS en Flatcar lezen /usr/share/oem/waagent.conf) en start de agent opnieuw.',
        'linux',
        'agent-config',
      ],
      [
        // WALinuxAgent #2646, the maintainer on the posted `systemctl status`: "it looks like the waagent service is
        // disabled on your VM, so it won't start on boot. Try enabling it"
        'Linux VMs: if the agent\'s unit is disabled (`systemctl status` shows "Loaded: loaded (…; disabled; …)"), it does not start at boot, so a start lasts only until the next reboot: enable and start it with `systemctl enable --now walinuxagent` on Ubuntu, `systemctl enable --now waagent` on other distributions.',
        "Linux-VM's: is de unit van de agent uitgeschakeld (`systemctl status` toont \"Loaded: loaded (…; disabled; …)\"), dan start hij niet bij het opstarten en houdt een start maar tot de volgende herstart stand: schakel hem in en start hem met `systemctl enable --now walinuxagent` op Ubuntu, `systemctl enable --now waagent` op andere distributies.",
        'linux',
        'agent-enable',
      ],
      LINUX_INTERPRETER,
      ...WINDOWS_AGENT_STEPS,
      [
        'Windows VMs: if the agent dies at start with a ConfigurationErrorsException (.NET Runtime event 1026, or TransparentInstaller.log), C:\\Windows\\Microsoft.NET\\Framework64\\v4.0.30319\\Config\\machine.config is missing or corrupt, or still holds WCF profiling entries (Microsoft.VisualStudio.Diagnostics.ServiceModelSink.Behavior): copy a working machine.config or remove those entries, then run `net stop RdAgent`, `net stop WindowsAzureGuestAgent`, `net start RdAgent` and `net start WindowsAzureGuestAgent`.',
        'Windows-VM\'s: stopt de agent direct na het starten met een ConfigurationErrorsException (.NET Runtime-gebeurtenis 1026, of TransparentInstaller.log), dan ontbreekt C:\\Windows\\Microsoft.NET\\Framework64\\v4.0.30319\\Config\\machine.config, is het beschadigd of bevat het nog WCF-profileringsvermeldingen (Microsoft.VisualStudio.Diagnostics.ServiceModelSink.Behavior): kopieer een werkende machine.config of verwijder die vermeldingen en voer daarna `net stop RdAgent`, `net stop WindowsAzureGuestAgent`, `net start RdAgent` en `net start WindowsAzureGuestAgent` uit.',
        undefined,
        'machine-config',
      ],
      [
        'Windows VMs: if installing the agent MSI fails (C:\\Windows\\Panther\\msiexec.log "Error 1722", C:\\Windows\\Panther\\VmAgentInstaller.xml "Setting the new RdAgent service path in registry failed"), WMI is broken: check it with `winmgmt /verifyrepository`, repair it with `winmgmt /salvagerepository` and install the MSI again.',
        'Windows-VM\'s: mislukt de installatie van de agent-MSI (C:\\Windows\\Panther\\msiexec.log "Error 1722", C:\\Windows\\Panther\\VmAgentInstaller.xml "Setting the new RdAgent service path in registry failed"), dan is WMI beschadigd: controleer het met `winmgmt /verifyrepository`, herstel het met `winmgmt /salvagerepository` en installeer de MSI opnieuw.',
        undefined,
        'agent-install',
      ],
    ]),
    links: [ts('usererrorguestagentstatusunavailable---vm-agent-unable-to-communicate-with-azure-backup', 'Troubleshooting: UserErrorGuestAgentStatusUnavailable', 'Probleemoplossing: UserErrorGuestAgentStatusUnavailable'), TS_AGENT_LINUX, L.autoRestart, TS_AGENT_WINDOWS, L.winAgentTs],
    source: 'seed: UserErrorGuestAgentStatusUnavailable and "the agent installed in the VM is out of date (Linux VMs)"; disable markers: the WALinuxAgent source (docs/formats.md)',
  },
  {
    id: 'agent-unresponsive',
    title: T('The guest agent is running but unresponsive', 'De gastagent draait maar reageert niet'),
    description: T(
      'The agent process is alive but does not process goal states or report status (heartbeat gaps, restart loops, a hung ExtHandler).',
      'Het agentproces leeft, maar verwerkt geen doelstatussen en rapporteert geen status (ontbrekende heartbeats, herstartlussen, een vastgelopen ExtHandler).',
    ),
    portalCodes: ['UserErrorGuestAgentStatusUnavailable', 'GuestAgentSnapshotTaskStatusError', 'ExtensionOperationFailedForManagedDisks', 'BackUpOperationFailed', 'ExtensionFailedOutOfMemoryError'],
    visibility: 'yes',
    signals: [
      'heartbeat gaps well above the 30-minute period around the backup time',
      'ExtHandler restart loops, goal-state processing errors, or the same incarnation re-processed',
      'the snapshot task was delivered but the extension was not invoked until much later, or not at all',
      'the VM out of memory around the backup time: kernel OOM kills ("Out of memory: Killed process …"), not those of a cgroup\'s own limit or of the agent\'s log collector',
      'Windows WaAppAgent.log: "WindowsAzureGuestAgent could not be stopped" (stuck stopping), "InstallPlugins() failed … BadImageFormatException", no [HEART] lines around the backup time',
    ],
    remedy: R([
      PORTAL_AGENT_READY,
      ...WINDOWS_AGENT_STEPS,
      [
        'Linux VMs: restart the agent (`systemctl restart walinuxagent` on Ubuntu, `systemctl restart waagent` on other distributions) and check with `ps -e` that it runs.',
        "Linux-VM's: start de agent opnieuw (`systemctl restart walinuxagent` op Ubuntu, `systemctl restart waagent` op andere distributies) en controleer met `ps -e` dat hij draait.",
        undefined,
        undefined,
        ['ManagedRPCreationFailedInCrpButExtensionSucceeded'],
      ],
      LINUX_AUTO_RESTART,
      LINUX_TEST_BACKUP,
      LINUX_INTERPRETER,
      [
        'Windows VMs: if WaAppAgent.log shows the agent stuck stopping ("WindowsAzureGuestAgent could not be stopped"), make sure WaAppAgent.exe runs (restart the RdAgent service and wait five minutes), then end the WindowsAzureGuestAgent.exe process; if that does not help, uninstall the agent and install the latest MSI.',
        'Windows-VM\'s: toont WaAppAgent.log dat de agent blijft hangen bij het stoppen ("WindowsAzureGuestAgent could not be stopped"), zorg dan dat WaAppAgent.exe draait (start de service RdAgent opnieuw en wacht vijf minuten) en beëindig daarna het proces WindowsAzureGuestAgent.exe; helpt dat niet, verwijder de agent en installeer de nieuwste MSI.',
        undefined,
        'agent-stuck-stopping',
      ],
      [
        'Windows VMs: if WaAppAgent.log shows a BadImageFormatException (0x8007000B), software on the VM made 64-bit .NET programs run as 32-bit: set HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\.NETFramework\\Enable64Bit to 1 and restart the VM.',
        'Windows-VM\'s: toont WaAppAgent.log een BadImageFormatException (0x8007000B), dan laat software op de VM 64-bits .NET-programma\'s als 32-bits draaien: zet HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\.NETFramework\\Enable64Bit op 1 en start de VM opnieuw op.',
        undefined,
        'enable64bit',
      ],
      [
        'If the VM ran out of memory (ExtensionFailedOutOfMemoryError, or the kernel\'s OOM killer ending processes around the backup time), restart the VM to free the memory, or give it more memory (a larger VM size), and retry the backup.',
        'Had de VM te weinig geheugen (ExtensionFailedOutOfMemoryError, of de OOM-killer van de kernel die rond de back-uptijd processen beëindigde), start de VM dan opnieuw op om het geheugen vrij te maken, of geef hem meer geheugen (een grotere VM-grootte), en probeer de back-up opnieuw.',
        undefined,
        'memory',
        ['ExtensionFailedOutOfMemoryError'],
      ],
    ]),
    links: [TS_AGENT_WINDOWS, TS_AGENT_LINUX, L.agentMsi, L.autoRestart, L.winAgentTs],
    source: 'seed: "the agent is installed in the VM but unresponsive (Windows VMs)" and UserErrorGuestAgentStatusUnavailable; systemctl form: Azure Backup troubleshooting articles [TS 2025]; ExtensionFailedOutOfMemoryError: Azure portal self-help for the code',
  },
  {
    id: 'agent-outdated',
    title: T('The guest agent is out of date', 'De gastagent is verouderd'),
    description: T(
      'The goal-state agent is below the supported minimum (Linux 2.2.53.1, Windows 2.7.41491.1010), or self-update fails or is disabled.',
      'De doelstatusagent is ouder dan het ondersteunde minimum (Linux 2.2.53.1, Windows 2.7.41491.1010), of de zelfupdate mislukt of is uitgeschakeld.',
    ),
    portalCodes: ['UserErrorGuestAgentStatusUnavailable', 'GuestAgentSnapshotTaskStatusError', 'ExtensionOperationFailedForManagedDisks', 'BackUpOperationFailed', 'UserErrorGuestAgentVersionUnsupported'],
    visibility: 'yes',
    signals: [
      'the goal-state agent version in waagent.log ("WALinuxAgent-<ver> running as process", "Goal State Agent version <ver>") below 2.2.53.1',
      'AutoUpdate.Enabled=n (or AutoUpdate.UpdateToLatestVersion=n) in /etc/waagent.conf',
      'self-update failures ("Agent <ver> is permanently blacklisted", "Unable to update Agent", error.json with was_fatal)',
      'Windows: "WindowsAzureGuestAgent starting. Version <ver>" in WaAppAgent.log below 2.7.41491.1010',
    ],
    remedy: R([
      [
        'Update the Linux VM agent following the instructions for updating the Azure Linux agent. Update the agent only through your distribution\'s repository; downloading and installing the agent code directly from GitHub is not recommended. If the latest agent is not available for your distribution, ask the distribution\'s support how to install it. The latest agent is listed on the Azure Linux agent page on GitHub.',
        'Werk de Linux VM-agent bij volgens de instructies voor het bijwerken van de Azure Linux-agent. Werk de agent alleen bij via de opslagplaats van uw distributie; de agentcode rechtstreeks van GitHub downloaden en installeren wordt afgeraden. Is de nieuwste agent voor uw distributie niet beschikbaar, vraag dan de ondersteuning van de distributie hoe u hem installeert. De nieuwste agent staat op de Azure Linux-agentpagina op GitHub.',
        'linux',
        undefined,
        ['UserErrorGuestAgentVersionUnsupported'],
      ],
      LINUX_PS_RESTART,
      LINUX_AUTO_RESTART,
      LINUX_TEST_BACKUP,
      [
        'If you need verbose logging for waagent: in /etc/waagent.conf find the line "Enable verbose logging (y|n)", change Logs.Verbose from n to y, save the change and restart waagent as described above.',
        'Hebt u uitgebreide logging voor waagent nodig: zoek in /etc/waagent.conf de regel "Enable verbose logging (y|n)", wijzig Logs.Verbose van n in y, sla de wijziging op en start waagent opnieuw zoals hierboven beschreven.',
        'linux',
      ],
      [
        'Support is judged on the Goal State Agent version (at least 2.2.53.1), not the daemon version: if the distribution package is older, keep AutoUpdate.Enabled=y in /etc/waagent.conf so the goal-state agent updates itself.',
        'Ondersteuning hangt af van de versie van de doelstatusagent (minimaal 2.2.53.1), niet van de daemonversie: is het distributiepakket ouder, laat AutoUpdate.Enabled=y in /etc/waagent.conf dan staan zodat de doelstatusagent zichzelf bijwerkt.',
        'linux',
      ],
      LINUX_INTERPRETER,
      [
        'Windows VMs: the Windows agent must be 2.7.41491.1010 or later. Download the latest agent MSI from the Windows VM Agent releases and install it (`msiexec.exe /i WindowsAzureVmAgent.<version>.fre.msi /L*v C:\\Windows\\Panther\\msiexec.log`); make sure no backup runs during the update.',
        'Windows-VM\'s: de Windows-agent moet versie 2.7.41491.1010 of later zijn. Download de nieuwste agent-MSI bij de releases van de Windows VM Agent en installeer hem (`msiexec.exe /i WindowsAzureVmAgent.<versie>.fre.msi /L*v C:\\Windows\\Panther\\msiexec.log`); zorg dat er tijdens de update geen back-up loopt.',
        undefined,
        undefined,
        ['UserErrorGuestAgentVersionUnsupported'],
      ],
    ]),
    links: [TS_AGENT_LINUX, L.updateAgent, L.agentReleases, L.autoRestart, L.winAgentVersion],
    source: 'seed: "the agent installed in the VM is out of date (Linux VMs)"; minimum version and auto-update: the WALinuxAgent source (docs/formats.md)',
  },
  {
    id: 'agent-config-disabled',
    title: T('Agent configuration turns extension handling off', 'De agentconfiguratie schakelt extensieverwerking uit'),
    description: T(
      '/etc/waagent.conf disables extensions (Extensions.Enabled=n) or sets provisioning wrongly.',
      '/etc/waagent.conf schakelt extensies uit (Extensions.Enabled=n) of stelt de inrichting verkeerd in.',
    ),
    portalCodes: ['GuestAgentSnapshotTaskStatusError'],
    visibility: 'yes',
    signals: [
      'Extensions.Enabled=n in /etc/waagent.conf',
      'waagent.log "Extension handling is disabled" (verbose only) or "… will not be processed since extension processing is disabled"',
      'Provisioning.Agent=disabled (or Provisioning.Enabled=n on agents before 2.2.45)',
    ],
    remedy: R([
      [
        'The configuration file /etc/waagent.conf controls what waagent does. Set Extensions.Enabled=y (the article writes "Extensions.Enable") and make sure provisioning is enabled (Provisioning.Agent=auto on agent 2.2.45 and later, Provisioning.Enabled=y on older agents) for Backup to work.',
        'Het configuratiebestand /etc/waagent.conf bepaalt wat waagent doet. Zet Extensions.Enabled=y (het artikel schrijft "Extensions.Enable") en zorg dat inrichting is ingeschakeld (Provisioning.Agent=auto vanaf agent 2.2.45, Provisioning.Enabled=y op oudere agents), anders werkt Back-up niet.',
        'linux',
      ],
      [
        'Switches accept only y or n: any other value (yes, true, 0) silently means the default. The file is read once at start, so restart the agent after the change.',
        'Schakelaars accepteren alleen y of n: elke andere waarde (yes, true, 0) betekent stilzwijgend de standaardwaarde. Het bestand wordt alleen bij het starten gelezen, dus start de agent na de wijziging opnieuw.',
        'linux',
      ],
      ['See the WALinuxAgent configuration file options for the full list of options.', 'Zie de configuratieopties van WALinuxAgent voor de volledige lijst met opties.', 'linux'],
    ]),
    links: [ts('vm-agent-configuration-options-are-not-set-for-linux-vms', 'Troubleshooting: VM agent configuration options are not set (Linux VMs)', "Probleemoplossing: de configuratieopties van de VM-agent zijn niet ingesteld (Linux-VM's)"), L.agentConfig],
    source: 'seed: "VM agent configuration options are not set (Linux VMs)"; switch parsing and Provisioning.Agent: the WALinuxAgent source (docs/formats.md)',
  },
  {
    id: 'dotnet-missing',
    title: T('.NET 4.5 is missing (Windows)', '.NET 4.5 ontbreekt (Windows)'),
    description: T('Windows: the agent needs .NET 4.5 to talk to the service.', 'Windows: de agent heeft .NET 4.5 nodig om met de service te communiceren.'),
    portalCodes: ['GuestAgentSnapshotTaskStatusError', 'GuestAgentPluginInstallCommandProcessingFailed'],
    visibility: 'windows-only',
    signals: [
      'only Windows guest logs (WaAppAgent.log) can show this; a Linux bundle rules it out',
      'the registry value HKLM\\SOFTWARE\\Microsoft\\NET Framework Setup\\NDP\\v4\\Full\\Release below 378389, or no Full key: no .NET Framework 4.5 or later',
    ],
    remedy: R([
      [
        'Check that Microsoft .NET 4.5 is installed in the VM. The VM agent needs .NET 4.5 to communicate with the service.',
        'Controleer of Microsoft .NET 4.5 in de VM is geïnstalleerd. De VM-agent heeft .NET 4.5 nodig om met de service te communiceren.',
      ],
      [
        'To check, run in PowerShell: `(Get-ItemPropertyValue -LiteralPath "HKLM:SOFTWARE\\Microsoft\\NET Framework Setup\\NDP\\v4\\Full" -Name Release) -ge 378389`. False, or no Full key, means .NET Framework 4.5 or later is not installed: install a current .NET Framework 4.8 and restart the RdAgent and WindowsAzureGuestAgent services.',
        'Controleer dit in PowerShell: `(Get-ItemPropertyValue -LiteralPath "HKLM:SOFTWARE\\Microsoft\\NET Framework Setup\\NDP\\v4\\Full" -Name Release) -ge 378389`. False, of geen sleutel Full, betekent dat .NET Framework 4.5 of later niet is geïnstalleerd: installeer een actuele .NET Framework 4.8 en start de services RdAgent en WindowsAzureGuestAgent opnieuw.',
      ],
      WINDOWS_AGENT_STEPS[2],
    ]),
    links: [L.dotnet, TS_AGENT_WINDOWS, L.agentMsi],
    source: 'seed: "the agent is installed in the VM but unresponsive (Windows VMs)"; GuestAgentPluginInstallCommandProcessingFailed: Azure portal self-help for the code; AppLocker blocking IaaSBcdrExtension.exe (GuestAgentSnapshotTaskStatusError, cause 5): https://learn.microsoft.com/azure/backup/backup-azure-troubleshoot-vm-backup-fails-snapshot-timeout#application-control-solution-is-blocking-iaasbcdrextensionexe (reported in MicrosoftDocs/azure-docs#53568, oobedan, 2020-04-29), its events: https://learn.microsoft.com/windows/security/application-security/application-control/app-control-for-business/applocker/using-event-viewer-with-applocker',
  },
  {
    id: 'no-network-wireserver',
    title: T('The VM cannot reach the Azure WireServer', 'De VM kan de Azure WireServer niet bereiken'),
    description: T(
      '168.63.129.16 (WireServer :80, HostGAPlugin :32526) is unreachable: firewall, proxy, routes or NSG.',
      '168.63.129.16 (WireServer :80, HostGAPlugin :32526) is onbereikbaar: firewall, proxy, routes of NSG.',
    ),
    portalCodes: ['ExtensionSnapshotFailedNoNetwork', 'GuestAgentSnapshotTaskStatusError', 'UserErrorGuestAgentStatusUnavailable'],
    visibility: 'yes',
    signals: [
      'waagent.log "[HTTP Failed] ... 168.63.129.16 ... IOError", "Error fetching the goal state", "Fetch failed", "Error in SendHostPluginHeartbeat"',
      '"No route exists to 168.63.129.16" and firewall-rule records',
      'WireServer calls answered 503 (Service Unavailable): "Service temporarily unavailable, sleeping 15s before retrying.", "Calling wire server failed: 503", "Status Code 503", 2.0.x "HTTP Err: Status=503"',
      'host snapshot pseudo-status 555/558 in the extension telemetry',
      'Windows WaAppAgent.log: "Exception while fetching supported versions from HostGAPlugin … 168.63.129.16:32526", "GetVersions() failed", "Error state triggered for caller:GAPluginPinger"',
    ],
    remedy: R([
      [
        'Make sure the VM can reach 168.63.129.16 on TCP port 80 (WireServer) and 32526 (HostGAPlugin): no guest firewall (iptables, nftables, firewalld) or route may block it. The agent\'s own firewall rules (OS.EnableFirewall) allow only root, which is expected.',
        'Zorg dat de VM 168.63.129.16 kan bereiken op TCP-poort 80 (WireServer) en 32526 (HostGAPlugin): geen firewall in de gast (iptables, nftables, firewalld) of route mag dit blokkeren. De eigen firewallregels van de agent (OS.EnableFirewall) laten alleen root toe; dat is de bedoeling.',
        undefined,
        undefined,
        ['ExtensionSnapshotFailedNoNetwork'],
      ],
      [
        'Check the outbound connectivity of the VM: NSG rules with DENY must not block it; allow Azure Storage with service tags.',
        'Controleer de uitgaande verbindingen van de VM: NSG-regels met DENY mogen die niet blokkeren; sta Azure Storage toe met servicetags.',
      ],
      [
        'If the VM uses an HTTP proxy, exempt 168.63.129.16 from it (the agent never sends WireServer traffic through HttpProxy) and make sure the proxy path to storage works.',
        'Gebruikt de VM een HTTP-proxy, sluit 168.63.129.16 daarvan dan uit (de agent stuurt WireServer-verkeer nooit via HttpProxy) en zorg dat het pad via de proxy naar opslag werkt.',
      ],
      [
        'Windows VMs: make sure Windows Defender Firewall, a third-party firewall, a proxy or security software does not block 168.63.129.16 on ports 80 and 32526 (test with `Test-NetConnection 168.63.129.16 -Port 80` and `-Port 32526`). With several private IPs on the NIC, the primary IP in Windows must match the primary IP of the NIC in Azure.',
        'Windows-VM\'s: zorg dat Windows Defender Firewall, een firewall van derden, een proxy of beveiligingssoftware 168.63.129.16 op poort 80 en 32526 niet blokkeert (test met `Test-NetConnection 168.63.129.16 -Port 80` en `-Port 32526`). Met meerdere privé-IP\'s op de NIC moet het primaire IP in Windows gelijk zijn aan het primaire IP van de NIC in Azure.',
      ],
      [
        'Make sure the guest agent responds and DHCP is enabled in the guest, then retry the backup.',
        'Zorg dat de gastagent reageert en DHCP in de gast is ingeschakeld, en probeer de back-up opnieuw.',
      ],
    ]),
    links: [TS_SNAPSHOT, L.wireserver, L.vmsTroubleshoot, L.winAgentTs],
    source: 'seed: "the snapshot status cannot be retrieved or a snapshot cannot be taken"; Azure portal self-help for the code ExtensionSnapshotFailedNoNetwork; the WALinuxAgent source (docs/formats.md)',
  },
  {
    id: 'dhcp-disabled',
    title: T('DHCP is disabled or gives no fabric address', 'DHCP is uitgeschakeld of levert geen fabric-adres'),
    description: T(
      'DHCP is off in the guest or its answer lacks option 245, so the agent cannot find the fabric endpoint.',
      'DHCP staat uit in de gast of het antwoord mist optie 245, zodat de agent het fabric-eindpunt niet vindt.',
    ),
    portalCodes: ['GuestAgentSnapshotTaskStatusError', 'ExtensionSnapshotFailedNoNetwork'],
    visibility: 'yes',
    signals: [
      'waagent.log "DHCP not available", "Failed to send DHCP request", "Dhcp client is not running", "WireServer endpoint is not found"',
      'a static address configured inside the guest (no DHCP lease)',
      'Windows WaAppAgent.log: "Empty DHCP option data returned", "Did not discover fabric address on interface <adapter>"',
    ],
    remedy: R([
      [
        'DHCP must be enabled inside the guest for IaaS VM backup to work. If the VM cannot get the host or fabric address from DHCP response 245, it cannot download or run any extensions.',
        'DHCP moet in de gast zijn ingeschakeld om de back-up van de IaaS-VM te laten werken. Kan de VM het host- of fabricadres niet uit DHCP-antwoord 245 halen, dan kan hij geen extensies downloaden of uitvoeren.',
        undefined,
        undefined,
        ['ExtensionSnapshotFailedNoNetwork'],
      ],
      [
        'If you need a static private IP address, configure it through the Azure portal or PowerShell (on the network interface) and make sure the DHCP option inside the VM stays enabled.',
        'Hebt u een statisch privé-IP-adres nodig, stel dit dan in via de Azure-portal of PowerShell (op de netwerkinterface) en zorg dat DHCP in de VM ingeschakeld blijft.',
      ],
      [
        'Windows VMs: enable DHCP on the network adapter (`netsh interface ip set address name="<adapter>" source=dhcp`) and disable adapters that answer the agent\'s fabric discovery without the fabric address, such as the Npcap Loopback Adapter that Wireshark installs.',
        'Windows-VM\'s: schakel DHCP in op de netwerkadapter (`netsh interface ip set address name="<adapter>" source=dhcp`) en schakel adapters uit die de fabric-detectie van de agent zonder fabric-adres beantwoorden, zoals de Npcap Loopback Adapter die Wireshark installeert.',
        undefined,
        'fabric-adapter',
      ],
      RETRY,
    ]),
    links: [TS_SNAPSHOT, L.staticIp],
    source: 'seed: "the snapshot status cannot be retrieved or a snapshot cannot be taken" (DHCP row)',
  },
  {
    id: 'storage-unreachable',
    title: T('Snapshot calls to storage or the backup host service fail', 'Momentopnameaanroepen naar opslag of de back-uphostservice mislukken'),
    description: T(
      'The extension cannot create the disk snapshots (codes 76, 761; host pseudo-codes 555–558).',
      'De extensie kan de schijfmomentopnamen niet maken (codes 76, 761; hostcodes 555–558).',
    ),
    portalCodes: ['ExtensionSnapshotFailedNoNetwork', 'ExtensionSnapshotFailedNoSecureNetwork', 'ExtensionFailedTimeoutDelayInNetwork'],
    visibility: 'yes',
    signals: [
      'extension status code 76 (FailedRetryableSnapshotFailedNoNetwork) or 761 (…RestrictedNetwork)',
      '"taking snapshot failed as blobs are empty or none", "snapshot HttpCallGetResponse failed", "Failed to call http with error"',
      'hostStatusCodePreSnapshot / hostStatusCodeDoSnapshot 555–558 in the extension telemetry',
      'Windows: HTTPS calls failing to set up TLS, "Could not establish trust relationship for the SSL/TLS secure channel" ("The remote certificate is invalid according to the validation procedure") or "Could not create SSL/TLS secure channel", in WaAppAgent.log',
    ],
    remedy: R([
      [
        'VM backup issues a snapshot command to the underlying storage: make sure the VM has outbound connectivity to Azure Storage. NSG rules with DENY must not block it; allow storage with the Storage service tag.',
        'VM-back-up geeft een momentopnameopdracht aan de onderliggende opslag: zorg dat de VM uitgaand Azure Storage kan bereiken. NSG-regels met DENY mogen dit niet blokkeren; sta opslag toe met de servicetag Storage.',
        undefined,
        'network',
        ['ExtensionSnapshotFailedNoNetwork'],
      ],
      [
        'If the VM uses an HTTP proxy (HttpProxy.Host/Port), make sure the proxy lets the snapshot calls through to storage.',
        'Gebruikt de VM een HTTP-proxy (HttpProxy.Host/Port), zorg dan dat de proxy de momentopnameaanroepen naar opslag doorlaat.',
        undefined,
        'network',
      ],
      [
        'Windows VMs: if the calls fail to set up TLS (portal code ExtensionSnapshotFailedNoSecureNetwork, "Could not create SSL/TLS secure channel"), enable TLS 1.2 for .NET: for each .NET Framework version under HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\.NETFramework (and under WOW6432Node) add "SchUseStrongCrypto"=dword:00000001, and make sure TLS 1.2 is not disabled for SChannel clients. If the server\'s certificate is not trusted ("Could not establish trust relationship for the SSL/TLS secure channel"), check in certmgr.msc that the root certificates of Azure\'s TLS chain are under Trusted Root Certification Authorities, and have SSL inspection (a proxy or security product such as ZScaler) bypass Azure\'s endpoints.',
        'Windows-VM\'s: lukt het de aanroepen niet om TLS op te zetten (portalcode ExtensionSnapshotFailedNoSecureNetwork, "Could not create SSL/TLS secure channel"), schakel dan TLS 1.2 in voor .NET: voeg voor elke .NET Framework-versie onder HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\.NETFramework (en onder WOW6432Node) "SchUseStrongCrypto"=dword:00000001 toe, en zorg dat TLS 1.2 niet is uitgeschakeld voor SChannel-clients. Wordt het certificaat van de server niet vertrouwd ("Could not establish trust relationship for the SSL/TLS secure channel"), controleer dan in certmgr.msc of de basiscertificaten van de TLS-keten van Azure onder Vertrouwde basiscertificeringsinstanties staan, en laat SSL-inspectie (een proxy of beveiligingsproduct zoals ZScaler) de eindpunten van Azure overslaan.',
        undefined,
        'tls',
        ['ExtensionSnapshotFailedNoSecureNetwork'],
      ],
      [
        'Windows VMs (ExtensionFailedTimeoutDelayInNetwork): a proxy server delays the network calls that take the disk blob snapshots. Make sure nothing delays them, and let the LocalSystem account go without the proxy: `bitsadmin /Util /SetIEProxy LOCALSYSTEM NO_PROXY` in an elevated prompt.',
        'Windows-VM\'s (ExtensionFailedTimeoutDelayInNetwork): een proxyserver vertraagt de netwerkaanroepen die de blob-momentopnamen van de schijven maken. Zorg dat niets ze vertraagt, en laat het account LocalSystem zonder de proxy werken: `bitsadmin /Util /SetIEProxy LOCALSYSTEM NO_PROXY` in een verhoogde opdrachtprompt.',
        undefined,
        'network',
        ['ExtensionFailedTimeoutDelayInNetwork'],
      ],
      [
        'Make sure 168.63.129.16 port 80 is reachable: the host (BHS) snapshot path calls http://168.63.129.16/metadata/recsvc/snapshot/…',
        'Zorg dat 168.63.129.16 poort 80 bereikbaar is: het hostpad voor momentopnamen (BHS) roept http://168.63.129.16/metadata/recsvc/snapshot/… aan.',
        undefined,
        'network',
      ],
      [
        'Make sure the guest agent responds and DHCP is enabled in the guest.',
        'Zorg dat de gastagent reageert en DHCP in de gast is ingeschakeld.',
        undefined,
        'network',
      ],
      [
        'Retry the backup. If the host keeps answering the snapshot calls with an error (an HTTP error; pseudo-code 556, "BHS is not running on host machine"; 557, a success without a body), only Azure can fix it: open a support case.',
        'Probeer de back-up opnieuw. Blijft de host de momentopnameaanroepen met een fout beantwoorden (een HTTP-fout; code 556, "BHS is not running on host machine"; 557, een succes zonder inhoud), dan kan alleen Azure dit oplossen: open een ondersteuningsaanvraag.',
        undefined,
        'host-error',
      ],
    ]),
    links: [TS_SNAPSHOT, L.vmsTroubleshoot, L.wireserver, L.backupTls],
    source:
      'seed: "the snapshot status cannot be retrieved or a snapshot cannot be taken"; Azure portal self-help for the code ExtensionSnapshotFailedNoNetwork; ExtensionSnapshotFailedNoSecureNetwork (SchUseStrongCrypto): backup-azure-vms-troubleshoot; the trust failure (root certificate, SSL inspection): Troubleshooting Azure Windows VM extension failures, "Known issues"',
  },
  {
    id: 'snapshot-task-delayed',
    title: T('The snapshot task started too late or ran too long', 'De momentopnametaak startte te laat of duurde te lang'),
    description: T(
      'The snapshot command reached the VM too late (code 402) or a host/guest snapshot was slow.',
      'De momentopnameopdracht bereikte de VM te laat (code 402) of een host-/gastmomentopname was traag.',
    ),
    portalCodes: ['GuestAgentSnapshotTaskStatusError', 'ExtensionOperationFailedForManagedDisks'],
    visibility: 'yes',
    signals: [
      'extension status code 402 (FailedGuestAgentInvokedCommandTooLate: more than 140 minutes after the command started)',
      'a long gap between the goal state carrying the task and the extension\'s enable, or a slow snapshot phase',
    ],
    remedy: R([
      [
        'Make sure the guest agent processes goal states promptly (regular heartbeats, no restart loops): a busy or restarting agent hands the snapshot command to the extension too late, and after 140 minutes the extension refuses it (402).',
        'Zorg dat de gastagent doelstatussen direct verwerkt (regelmatige heartbeats, geen herstartlussen): een drukke of herstartende agent geeft de momentopnameopdracht te laat door, en na 140 minuten weigert de extensie die (402).',
        undefined,
        undefined,
        ['ExtensionOperationFailedForManagedDisks'],
      ],
      [
        'Change the backup schedule to a time with less load on the VM (other backups, scans, batch jobs).',
        'Verplaats het back-upschema naar een tijd met minder belasting op de VM (andere back-ups, scans, batchtaken).',
      ],
      [
        'If the VM lacks resources (CPU, memory, network), use a larger VM size.',
        'Heeft de VM te weinig resources (CPU, geheugen, netwerk), gebruik dan een grotere VM-grootte.',
        undefined,
        undefined,
        ['ExtensionFailedTimeoutVMNetworkUnresponsive'],
      ],
      [
        'Keep the faster host snapshot path first: `SnapshotMethod = firstHostThenGuest` (the default) in the [SnapshotThread] section of /etc/azure/vmbackup.conf.',
        'Houd het snellere hostpad voor momentopnamen voorop: `SnapshotMethod = firstHostThenGuest` (de standaard) in de sectie [SnapshotThread] van /etc/azure/vmbackup.conf.',
        'linux',
      ],
      RETRY,
    ]),
    links: [TS_SNAPSHOT, L.vmsTroubleshoot],
    source: 'seed: "the snapshot status cannot be retrieved ... the snapshot task execution is delayed"; Azure Backup troubleshooting articles (402)',
  },
  {
    id: 'fsfreeze-failed',
    title: T('Filesystem freeze failed or timed out', 'Bevriezen van het bestandssysteem mislukte of duurde te lang'),
    titleWindows: T('VSS shadow copy failed or timed out', 'VSS-schaduwkopie mislukte of duurde te lang'),
    description: T(
      'The filesystem freeze failed, timed out, could not open a mount, or the VM hung while frozen (codes 121–124). On Windows: the VSS shadow copy failed or timed out (writers or the VSS service in a bad state, a volume locked by BitLocker).',
      'Het bevriezen van het bestandssysteem mislukte, duurde te lang (time-out), kon een koppelpunt niet openen, of de VM hing tijdens het bevriezen (codes 121–124). Op Windows: de VSS-schaduwkopie mislukte of liep in een time-out (writers of de VSS-service in een slechte toestand, een met BitLocker vergrendeld volume).',
    ),
    portalCodes: ['UserErrorFsFreezeFailed', 'UserErrorFsFreezeTimeout', 'UserErrorUnableToOpenMount', 'ExtensionFailedVssWriterInBadState', 'ExtensionFailedVssServiceInBadState', 'ExtensionSnapshotBitlockerError'],
    visibility: 'yes',
    signals: [
      'extension status code 121 (FsFreezeFailed), 122 (FsFreezeTimeout), 123 (UnableToOpenMount) or 124 (safefreeze binary missing); 201/202/203 in builds before 2019-12',
      'extension.log "freeze timed-out", "Enable failed with error: freeze took longer than timeout StatusCode.FailedRetryableFsFreezeTimeout,", "Failed to open:", "Failed to FITHAW"',
      'extension.log ending at "proceeded for accepting signals" with no "Logs during Freeze" block (the VM hung while frozen)',
      'Windows: `vssadmin list writers` shows a writer that is not [1] Stable (states 6–15 are failures); VSS or VolSnap events ("The shadow copy provider timed out while holding writes…"); IaaSBcdrExtension.log ending at "Waiting for <VSS phase>"',
      'Windows: "This drive is locked by BitLocker Drive Encryption" in an event or IaaSBcdrExtension.log (the VSS error ExtensionSnapshotBitlockerError quotes; Azure Backup troubleshooting articles)',
      'Windows: the VSS service itself in a bad state: a component it needs not registered (VSS 22 or 34, 8193 "Unexpected error calling routine CoCreateInstance. hr = 0x80040154"; KB 2009550, KB 2009533) or Windows\' shadow copy provider SW_PROV not starting (VSS 12292 and 11; KB 2009513)',
    ],
    remedy: R([
      [
        'Check for duplicate mount points (`mount`). Unmount the devices whose filesystem state is not clean, run a filesystem check (`fsck`) on them and mount them again.',
        'Controleer op dubbele koppelpunten (`mount`). Ontkoppel de apparaten waarvan het bestandssysteem niet schoon is, controleer ze met `fsck` en koppel ze opnieuw.',
        'linux',
        undefined,
        ['UserErrorFsFreezeFailed'],
      ],
      [
        'Make all mount points accessible (ext3/ext4, ReiserFS, JFS, XFS). Unmount leftover File Recovery (iSCSI) mounts with `umount`.',
        'Maak alle koppelpunten toegankelijk (ext3/ext4, ReiserFS, JFS, XFS). Ontkoppel achtergebleven File Recovery-koppelingen (iSCSI) met `umount`.',
        'linux',
        undefined,
        ['UserErrorUnableToOpenMount'],
      ],
      VMBACKUP_CONF_COPY,
      [
        'If a mount point cannot be unmounted or must not be frozen, list it in `MountsToSkip` (for example `MountsToSkip = /mnt/resource`); for freeze timeouts set `SafeFreezeWaitInSeconds=600` (the default wait is 66 seconds). The documented `fsfreeze: True` line can stay; current extension versions do not read it.',
        'Kan een koppelpunt niet worden ontkoppeld of mag het niet worden bevroren, zet het dan in `MountsToSkip` (bijvoorbeeld `MountsToSkip = /mnt/resource`); stel bij een time-out van het bevriezen `SafeFreezeWaitInSeconds=600` in (standaard wordt 66 seconden gewacht). De gedocumenteerde regel `fsfreeze: True` mag blijven staan; huidige extensieversies lezen hem niet.',
        'linux',
        undefined,
        ['UserErrorFsFreezeTimeout'],
      ],
      [
        'If the log says the safefreeze binary is missing (code 124), uninstall the VMSnapshotLinux extension in the portal; the next backup reinstalls it.',
        'Meldt het log dat het safefreeze-programma ontbreekt (code 124), verwijder de VMSnapshotLinux-extensie dan in de portal; de volgende back-up installeert hem opnieuw.',
        'linux',
      ],
      [
        'Windows VMs (VSS): run `vssadmin list writers` in an elevated prompt and restart the service of every writer that is not [1] Stable (`net stop <service>`, `net start <service>`), or restart VSS itself (`net stop VSS`, `net start VSS`); check free disk space, memory and CPU. If writers keep failing, run `REG ADD "HKLM\\SOFTWARE\\Microsoft\\BcdrAgentPersistentKeys" /v SnapshotWithoutThreads /t REG_SZ /d True /f` and retry. Drives locked by BitLocker cannot be snapshotted: unlock them or turn BitLocker off.',
        'Windows-VM\'s (VSS): voer `vssadmin list writers` uit in een verhoogde opdrachtprompt en start de service van elke writer die niet [1] Stable is opnieuw (`net stop <service>`, `net start <service>`), of start VSS zelf opnieuw (`net stop VSS`, `net start VSS`); controleer vrije schijfruimte, geheugen en CPU. Blijven writers mislukken, voer dan `REG ADD "HKLM\\SOFTWARE\\Microsoft\\BcdrAgentPersistentKeys" /v SnapshotWithoutThreads /t REG_SZ /d True /f` uit en probeer het opnieuw. Met BitLocker vergrendelde stations kunnen niet worden vastgelegd: ontgrendel ze of schakel BitLocker uit.',
        undefined,
        undefined,
        ['ExtensionFailedVssWriterInBadState', 'ExtensionFailedVssServiceInBadState', 'ExtensionSnapshotBitlockerError'],
      ],
      [
        'Windows VMs, VSS events saying a component is not registered (VSS 22 or 34, 8193 CoCreateInstance 0x80040154) or that the provider SW_PROV cannot start (VSS 12292 and 11): repair the registration as Microsoft describes (KB 2009550 and KB 2009533: the TypeLib value of the VSS event class must be %systemroot%\\system32\\EVENTCLS.DLL, then restart COM+ Event System and Volume Shadow Copy; KB 2009513: the ServiceDll value of swprv must be %Systemroot%\\System32\\swprv.dll), then check that `vssadmin list writers` lists the writers.',
        'Windows-VM\'s met VSS-gebeurtenissen die zeggen dat een onderdeel niet geregistreerd is (VSS 22 of 34, 8193 CoCreateInstance 0x80040154) of dat de provider SW_PROV niet kan starten (VSS 12292 en 11): herstel de registratie zoals Microsoft beschrijft (KB 2009550 en KB 2009533: de TypeLib-waarde van de VSS-gebeurtenisklasse moet %systemroot%\\system32\\EVENTCLS.DLL zijn, start daarna COM+ Event System en Volume Shadow Copy opnieuw; KB 2009513: de ServiceDll-waarde van swprv moet %Systemroot%\\System32\\swprv.dll zijn) en controleer daarna dat `vssadmin list writers` de writers toont.',
        'windows',
        'vss-registration',
      ],
      ['Run an on-demand backup to check the fix.', 'Voer een back-up op aanvraag uit om de oplossing te controleren.'],
    ]),
    links: [L.vmsTroubleshoot, L.vmSnapshotLinux],
    source: 'Azure Backup troubleshooting articles (UserErrorFsFreezeFailed, UserErrorFsFreezeTimeout, UserErrorUnableToOpenMount VM backup troubleshooting, portal self-help)',
  },
  {
    id: 'prepost-script-failed',
    title: T('A pre- or post-script (or workload step) failed', 'Een pre- of postscript (of workloadstap) mislukte'),
    description: T(
      'An application-consistency script or database workload step failed or timed out (codes 300–318, 500–512).',
      'Een script voor toepassingsconsistentie of een databaseworkloadstap mislukte of liep in een time-out (codes 300–318, 500–512).',
    ),
    portalCodes: [
      'ExtensionPreScriptTimeout',
      'Pre-ScriptExecutionFailed',
      'Post-ScriptExecutionFailed',
      'Pre-ScriptNotFound',
      'Post-ScriptNotFound',
      'IncorrectPluginhostFile',
      'IncorrectJSONConfigFile',
      'InsufficientPermissionforPre-Script',
      'InsufficientPermissionforPost-Script',
      'Pre-ScriptTimeout',
      'Post-ScriptTimeout',
    ],
    visibility: 'yes',
    signals: [
      'extension status code or vmHealthStatusCode 300–318 (pre/post plugin) or 500–512 (workload)',
      'ScriptRunner / PluginHost records in extension.log; 316 without a VMSnapshotScriptPluginConfig.json is normal and ignored',
    ],
    remedy: R([
      [
        'The pre-script or post-script returned an error (Pre-ScriptExecutionFailed / Post-ScriptExecutionFailed): look at the failure logs of your script to fix the issue, and after a post-script failure check the application state.',
        'Het prescript of postscript gaf een fout (Pre-ScriptExecutionFailed / Post-ScriptExecutionFailed): bekijk de foutlogs van uw script om het probleem op te lossen, en controleer na een mislukt postscript de toestand van de toepassing.',
        undefined,
        undefined,
        ['Pre-ScriptExecutionFailed', 'Post-ScriptExecutionFailed'],
      ],
      [
        'Script not found (Pre-ScriptNotFound / Post-ScriptNotFound): make sure the script is present at the path given in /etc/azure/VMSnapshotScriptPluginConfig.json.',
        'Script niet gevonden (Pre-ScriptNotFound / Post-ScriptNotFound): zorg dat het script staat op het pad dat in /etc/azure/VMSnapshotScriptPluginConfig.json is opgegeven.',
        undefined,
        undefined,
        ['Pre-ScriptNotFound', 'Post-ScriptNotFound'],
      ],
      [
        'The plugin host file that comes with the VMSnapshotLinux extension is corrupt (IncorrectPluginhostFile): uninstall the VMSnapshotLinux extension; it is reinstalled with the next backup.',
        'Het pluginhostbestand dat bij de VMSnapshotLinux-extensie hoort is beschadigd (IncorrectPluginhostFile): verwijder de VMSnapshotLinux-extensie; de volgende back-up installeert hem opnieuw.',
        undefined,
        undefined,
        ['IncorrectPluginhostFile'],
      ],
      [
        'VMSnapshotScriptPluginConfig.json is incorrect (IncorrectJSONConfigFile): download a fresh copy from GitHub and configure it again; the file must be owned by root with mode 600.',
        'VMSnapshotScriptPluginConfig.json is onjuist (IncorrectJSONConfigFile): download een nieuwe kopie van GitHub en configureer het opnieuw; het bestand moet eigendom zijn van root met modus 600.',
        undefined,
        undefined,
        ['IncorrectJSONConfigFile'],
      ],
      [
        'Insufficient permissions (InsufficientPermissionforPre-Script / …Post-Script): the scripts must be owned by "root" and have "700" permissions.',
        'Onvoldoende machtigingen (InsufficientPermissionforPre-Script / …Post-Script): de scripts moeten eigendom zijn van "root" en de machtigingen "700" hebben.',
        undefined,
        undefined,
        ['InsufficientPermissionforPre-Script', 'InsufficientPermissionforPost-Script'],
      ],
      [
        'When extension.log says a file "does not have desired permissions" or its owner "is <user> but not root", fix that file (the "Permissions of the file <file> are <mode>" line before names it): each script `chown root <script>; chmod 700 <script>`; /etc/azure/VMSnapshotScriptPluginConfig.json `chown root` and `chmod 600`; /etc/azure/VMSnapshotPluginHost.conf, if you made one, owned by root and not writable by group or others (`chmod 644`). "Plugin host Config file does not exist in the location /etc/azure/VMSnapshotPluginHost.conf" is normal; the same line for ./main/VMSnapshotPluginHost.conf means the extension lost its own file: reinstall it as above.',
        'Zegt extension.log dat een bestand "does not have desired permissions" of dat de eigenaar "is <gebruiker> but not root", herstel dan dat bestand (de regel "Permissions of the file <bestand> are <modus>" ervoor noemt het): elk script `chown root <script>; chmod 700 <script>`; /etc/azure/VMSnapshotScriptPluginConfig.json `chown root` en `chmod 600`; /etc/azure/VMSnapshotPluginHost.conf, als u dat zelf maakte, eigendom van root en niet schrijfbaar voor groep of anderen (`chmod 644`). "Plugin host Config file does not exist in the location /etc/azure/VMSnapshotPluginHost.conf" is normaal; dezelfde regel voor ./main/VMSnapshotPluginHost.conf betekent dat de extensie haar eigen bestand kwijt is: installeer haar opnieuw zoals hierboven.',
        'linux',
      ],
      [
        'The script timed out (Pre-ScriptTimeout / Post-ScriptTimeout, portal ExtensionPreScriptTimeout): check the script and increase timeoutInSeconds in /etc/azure/VMSnapshotScriptPluginConfig.json (at most 1800).',
        'Het script liep in een time-out (Pre-ScriptTimeout / Post-ScriptTimeout, in de portal ExtensionPreScriptTimeout): controleer het script en verhoog timeoutInSeconds in /etc/azure/VMSnapshotScriptPluginConfig.json (maximaal 1800).',
        undefined,
        undefined,
        ['ExtensionPreScriptTimeout', 'Pre-ScriptTimeout', 'Post-ScriptTimeout'],
      ],
      [
        'Database workload errors (500–512): check /etc/azure/workload.conf (workload_name, credString or linux_user, role) and the database\'s own logs.',
        'Fouten in de databaseworkload (500–512): controleer /etc/azure/workload.conf (workload_name, credString of linux_user, role) en de logs van de database zelf.',
      ],
    ]),
    links: [L.appConsistent, L.vmBackupSource],
    source: 'Azure Backup troubleshooting articles (doc actions of backup-azure-linux-app-consistent.md)',
  },
  {
    id: 'extension-failed-state',
    title: T('An extension is in a failed state', 'Een extensie verkeert in een mislukte status'),
    description: T(
      'The VMSnapshot extension or another extension failed to install, enable or update, leaving the VM in failed provisioning. On Windows also: COM+ or MSDTC broken, the Visual C++ runtime the extension installs failing, or antivirus or application control (AppLocker) stopping IaaSBcdrExtension.exe.',
      'De VMSnapshot-extensie of een andere extensie kon niet worden geïnstalleerd, ingeschakeld of bijgewerkt, waardoor de VM in een mislukte inrichtingsstatus staat. Op Windows ook: COM+ of MSDTC defect, de Visual C++-runtime die de extensie installeert mislukt, of antivirus of toepassingsbeheer (AppLocker) stopt IaaSBcdrExtension.exe.',
    ),
    portalCodes: [
      'UserErrorVmProvisioningStateFailed',
      'ExtensionStuckInDeletionState',
      'VMRestorePointInternalError',
      'UserErrorVmNotInDesirableState',
      'ExtensionSnapshotFailedCOM',
      'ExtensionInstallationFailedCOM',
      'ExtensionInstallationFailedMDTC',
      'VmNotInDesirableState',
      'ExtensionVCRedistInstallationFailure',
      'ExtensionCommandExecFailure',
      'ExtensionInstallProviderCOMMemoryQuotaReached',
      'GuestAgentPluginInstallCommandProcessingFailed',
      'GuestAgentSnapshotTaskStatusError',
    ],
    visibility: 'yes',
    signals: [
      'waagent.log handler errors for any extension (install/enable/update failed, non-zero exit codes)',
      'an extension .status file with status "error", or VMSnapshot install/enable failing ("python version unknown", shell.log "1 returned from handle.py" on every command)',
      'Windows: IaaSBcdrExtension.log "Install provider failed {Exception = …COMException (0x80110401)…}", Application Error 1000 for IaaSBcdrExtension.exe, WaAppAgent.log "Command … has exited with Exit code: <non-zero>"',
      'Windows: MsiInstaller "Product: Microsoft Visual C++ 20xx x64 Minimum Runtime - <version> -- Error <n>. …" (ExtensionVCRedistInstallationFailure; the event Azure Backup troubleshooting articles quote), COM+ event 4689 "The run-time environment has detected an inconsistency in its internal state" (Azure self-help for ExtensionInstallationFailedCOM)',
      'Windows: AppLocker event 8004 (Microsoft-Windows-AppLocker/EXE and DLL) "<path>\\IAASBCDREXTENSION.EXE was prevented from running." (GuestAgentSnapshotTaskStatusError: an application control solution blocking IaaSBcdrExtension.exe); 8003 "… was allowed to run but would have been prevented from running if the AppLocker policy were enforced." is audit only, shown as harmless',
    ],
    remedy: R([
      [
        'Open Azure portal > VM > Settings > Extensions > Extensions status and check that all extensions are in the "provisioning succeeded" state (see provisioning states).',
        'Open in de Azure-portal VM > Instellingen > Extensies > status van de extensies en controleer of alle extensies de status "Inrichten geslaagd" hebben (zie inrichtingsstatussen).',
        undefined,
        undefined,
        ['UserErrorVmProvisioningStateFailed'],
      ],
      [
        'If the VMSnapshot extension is in a failed state, right-click the failed extension and uninstall it. Trigger an on-demand backup: this reinstalls the extensions and runs the backup job.',
        'Staat de VMSnapshot-extensie in een mislukte status, klik dan met de rechtermuisknop op de mislukte extensie en verwijder hem. Start een back-up op aanvraag: daarmee worden de extensies opnieuw geïnstalleerd en wordt de back-uptaak uitgevoerd.',
        undefined,
        undefined,
        ['ExtensionStuckInDeletionState', 'GuestAgentSnapshotTaskStatusError'],
      ],
      [
        'If another extension is in a failed state, it can interfere with the backup. Make sure those extension issues are resolved and retry the backup operation.',
        'Staat een andere extensie in een mislukte status, dan kan die de back-up verstoren. Zorg dat die extensieproblemen zijn opgelost en probeer de back-upbewerking opnieuw.',
      ],
      [
        'Windows VMs: if IaaSBcdrExtension.log shows "Install provider failed" with a COMException, uninstall the Visual C++ Redistributable (x64) for Visual Studio 2015 (Programs and Features) and install it again by running the vcredist2013_x64 file in C:\\Packages\\Plugins\\Microsoft.Azure.RecoveryServices.VMSnapshot\\<latest version> (the article\'s words; that file installs the Visual C++ 2013 runtime, version 12.0: msvcp120.dll and msvcr120.dll, so the entry to uninstall may be listed as 2013, version 12.0), make sure the COM+ System Application (COMSysApp) and Distributed Transaction Coordinator (MSDTC) services can start, and retry.',
        'Windows-VM\'s: toont IaaSBcdrExtension.log "Install provider failed" met een COMException, verwijder dan de Visual C++ Redistributable (x64) voor Visual Studio 2015 (Programma\'s en onderdelen) en installeer hem opnieuw door het bestand vcredist2013_x64 in C:\\Packages\\Plugins\\Microsoft.Azure.RecoveryServices.VMSnapshot\\<nieuwste versie> uit te voeren (de woorden van het artikel; dat bestand installeert de Visual C++ 2013-runtime, versie 12.0: msvcp120.dll en msvcr120.dll, dus de te verwijderen vermelding kan als 2013, versie 12.0 in de lijst staan), zorg dat de services COM+ System Application (COMSysApp) en Distributed Transaction Coordinator (MSDTC) kunnen starten, en probeer het opnieuw.',
        undefined,
        'vss-provider',
      ],
      [
        'Windows VMs: if IaaSBcdrExtension.exe crashes (Application Error 1000), exclude C:\\Packages\\Plugins\\Microsoft.Azure.RecoveryServices.VMSnapshot and C:\\WindowsAzure\\Logs\\Plugins\\Microsoft.Azure.RecoveryServices.VMSnapshot from antivirus scanning, and retry the backup.',
        'Windows-VM\'s: loopt IaaSBcdrExtension.exe vast (Application Error 1000), sluit dan C:\\Packages\\Plugins\\Microsoft.Azure.RecoveryServices.VMSnapshot en C:\\WindowsAzure\\Logs\\Plugins\\Microsoft.Azure.RecoveryServices.VMSnapshot uit van antivirusscans en probeer de back-up opnieuw.',
        undefined,
        'antivirus',
        ['VMRestorePointInternalError'],
      ],
      [
        'Windows VMs (ExtensionSnapshotFailedCOM, ExtensionInstallationFailedCOM, ExtensionInstallationFailedMDTC): start or restart the COM+ System Application service (`net start COMSysApp` in an elevated prompt) and make sure the Distributed Transaction Coordinator (MSDTC) service runs as the Network Service account. If COM+ still does not start, reinstall MSDTC: stop the MSDTC service, run `msdtc -uninstall` and `msdtc -install`, start the MSDTC service, start COM+ System Application and trigger a backup from the portal.',
        'Windows-VM\'s (ExtensionSnapshotFailedCOM, ExtensionInstallationFailedCOM, ExtensionInstallationFailedMDTC): start de service COM+ System Application (opnieuw) (`net start COMSysApp` in een verhoogde opdrachtprompt) en zorg dat de service Distributed Transaction Coordinator (MSDTC) onder het account Network Service draait. Start COM+ dan nog niet, installeer MSDTC opnieuw: stop de service MSDTC, voer `msdtc -uninstall` en `msdtc -install` uit, start de service MSDTC, start COM+ System Application en start een back-up vanuit de portal.',
        undefined,
        'com-plus',
        ['ExtensionSnapshotFailedCOM', 'ExtensionInstallationFailedCOM', 'ExtensionInstallationFailedMDTC'],
      ],
      [
        'Windows VMs (ExtensionVCRedistInstallationFailure): install vcredist2013_x64 (the Visual C++ 2013 runtime, 12.0) from C:\\Packages\\Plugins\\Microsoft.Azure.RecoveryServices.VMSnapshot\\<version>, with the Start value of HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\Msiserver set to 3 (not 4); if it still fails, run `MSIEXEC /UNREGISTER` and then `MSIEXEC /REGISTER` in an elevated prompt. An MsiInstaller error for the runtime (the article\'s example: "Product: Microsoft Visual C++ 2015 x64 Minimum Runtime - 12.0.21005 -- Error 1401.Could not create key: Software\\Classes.  System error 5. …") means the account may not write HKEY_LOCAL_MACHINE\\SOFTWARE\\Classes: give it that permission and restart the Windows Azure Guest Agent; antivirus must allow the installation.',
        'Windows-VM\'s (ExtensionVCRedistInstallationFailure): installeer vcredist2013_x64 (de Visual C++ 2013-runtime, 12.0) uit C:\\Packages\\Plugins\\Microsoft.Azure.RecoveryServices.VMSnapshot\\<versie>, met de waarde Start van HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\Msiserver op 3 (niet 4); mislukt het nog, voer dan `MSIEXEC /UNREGISTER` en daarna `MSIEXEC /REGISTER` uit in een verhoogde opdrachtprompt. Een MsiInstaller-fout voor de runtime (het voorbeeld van het artikel: "Product: Microsoft Visual C++ 2015 x64 Minimum Runtime - 12.0.21005 -- Error 1401.Could not create key: Software\\Classes.  System error 5. …") betekent dat het account niet in HKEY_LOCAL_MACHINE\\SOFTWARE\\Classes mag schrijven: geef het die machtiging en start de Windows Azure Guest Agent opnieuw; antivirus moet de installatie toestaan.',
        undefined,
        'vcredist',
        ['ExtensionVCRedistInstallationFailure'],
      ],
      [
        'Windows VMs (ExtensionInstallProviderCOMMemoryQuotaReached, or COM+ event 4689 with an extension install that fails until a reboot): the desktop heap is exhausted. In HKEY_LOCAL_MACHINE\\System\\CurrentControlSet\\Control\\Session Manager\\SubSystems set SharedSection in the Windows value to 1024,20480,4096, restart the VM at a scheduled downtime and retry the backup.',
        'Windows-VM\'s (ExtensionInstallProviderCOMMemoryQuotaReached, of COM+-gebeurtenis 4689 met een extensie-installatie die tot een herstart mislukt): de desktopheap is op. Zet in HKEY_LOCAL_MACHINE\\System\\CurrentControlSet\\Control\\Session Manager\\SubSystems SharedSection in de waarde Windows op 1024,20480,4096, start de VM opnieuw op in een gepland onderhoudsvenster en probeer de back-up opnieuw.',
        undefined,
        'desktop-heap',
        ['ExtensionInstallProviderCOMMemoryQuotaReached'],
      ],
      [
        'Windows VMs (ExtensionCommandExecFailure): run `REG ADD "HKLM\\SOFTWARE\\Microsoft\\BcdrAgent" /v IsProviderInstalled /t REG_SZ /d False /f` in an elevated prompt, rename C:\\Windows\\Microsoft.NET\\assembly\\GAC_MSIL\\Microsoft.WindowsAzure.Storage to Microsoft.WindowsAzure.Storage.old, and trigger a backup.',
        'Windows-VM\'s (ExtensionCommandExecFailure): voer `REG ADD "HKLM\\SOFTWARE\\Microsoft\\BcdrAgent" /v IsProviderInstalled /t REG_SZ /d False /f` uit in een verhoogde opdrachtprompt, hernoem C:\\Windows\\Microsoft.NET\\assembly\\GAC_MSIL\\Microsoft.WindowsAzure.Storage in Microsoft.WindowsAzure.Storage.old en start een back-up.',
        undefined,
        'storage-assembly',
        ['ExtensionCommandExecFailure'],
      ],
      [
        'Windows VMs (AppLocker event 8004 "…\\IAASBCDREXTENSION.EXE was prevented from running.", or GuestAgentSnapshotTaskStatusError on a VM with AppLocker or another application control solution): publisher or path rules can block IaaSBcdrExtension.exe. Allow the executable in those rules (it runs from C:\\Packages\\Plugins\\Microsoft.Azure.RecoveryServices.VMSnapshot\\<version>, a folder each extension version changes) and retry the backup.',
        'Windows-VM\'s (AppLocker-gebeurtenis 8004 "…\\IAASBCDREXTENSION.EXE was prevented from running.", of GuestAgentSnapshotTaskStatusError op een VM met AppLocker of een andere oplossing voor toepassingsbeheer): regels op uitgever of pad kunnen IaaSBcdrExtension.exe blokkeren. Sta het programma in die regels toe (het draait vanuit C:\\Packages\\Plugins\\Microsoft.Azure.RecoveryServices.VMSnapshot\\<versie>, een map die met elke extensieversie verandert) en probeer de back-up opnieuw.',
        undefined,
        'app-control',
        ['GuestAgentSnapshotTaskStatusError'],
      ],
      [
        'Linux VMs (GuestAgentPluginInstallCommandProcessingFailed, "Extension failed to start"): make sure the Python the extension needs is installed (Azure\'s self-help names Python 2.7) and the Linux distribution is one Azure Backup supports.',
        'Linux-VM\'s (GuestAgentPluginInstallCommandProcessingFailed, "Extension failed to start"): zorg dat de Python die de extensie nodig heeft geïnstalleerd is (de zelfhulp van Azure noemt Python 2.7) en dat de Linux-distributie een is die Azure Backup ondersteunt.',
        undefined,
        'extension-python',
        ['GuestAgentPluginInstallCommandProcessingFailed'],
      ],
      [
        'Linux VMs (UserErrorVmNotInDesirableState): if the VM uses the Security-Enhanced Linux (SELinux) kernel module, exclude the agent path /var/lib/waagent from the security policy and make sure the Backup extension is installed.',
        'Linux-VM\'s (UserErrorVmNotInDesirableState): gebruikt de VM de kernelmodule Security-Enhanced Linux (SELinux), sluit dan het agentpad /var/lib/waagent uit van het beveiligingsbeleid en zorg dat de back-upextensie geïnstalleerd is.',
        undefined,
        undefined,
        ['UserErrorVmNotInDesirableState'],
      ],
    ]),
    links: [ts('usererrorvmprovisioningstatefailed---the-vm-is-in-failed-provisioning-state', 'Troubleshooting: UserErrorVmProvisioningStateFailed', 'Probleemoplossing: UserErrorVmProvisioningStateFailed'), L.provisioningStates, L.vmsTroubleshoot],
    source: 'seed: UserErrorVmProvisioningStateFailed; ExtensionStuckInDeletionState, VMRestorePointInternalError, the COM+ codes, ExtensionVCRedistInstallationFailure, UserErrorVmNotInDesirableState: https://learn.microsoft.com/azure/backup/backup-azure-vms-troubleshoot; ExtensionCommandExecFailure, ExtensionInstallProviderCOMMemoryQuotaReached (SharedSection), GuestAgentPluginInstallCommandProcessingFailed: Azure portal self-help for the code',
  },
  {
    id: 'extension-stuck',
    title: T('The snapshot extension is stuck in "transitioning"', 'De momentopname-extensie blijft hangen in "transitioning"'),
    description: T(
      'The snapshot extension status stayed at code 4: its daemon was killed, crashed or hung.',
      'De status van de momentopname-extensie bleef op code 4: de daemon is gestopt, gecrasht of blijft hangen.',
    ),
    portalCodes: ['NoExtensionStatusButStatusBlobAvailable', 'GuestAgentSnapshotTaskStatusError'],
    visibility: 'yes',
    signals: [
      'the last VMSnapshot .status file has code "4" / "Transitioning state in extension" long after the task started',
      'extension.log ends at "proceeded for accepting signals", or no daemon block follows "enable"',
      '"Failed to log status in extension173", "cannot get status report parameters , Exception 556"',
    ],
    remedy: R([
      [
        'If the VM has more than 4 disks, set `seqsnapshot = 2` in the [SnapshotThread] section of /etc/azure/vmbackup.conf so the disks are snapshotted one after another.',
        'Heeft de VM meer dan 4 schijven, zet dan `seqsnapshot = 2` in de sectie [SnapshotThread] van /etc/azure/vmbackup.conf, zodat de schijven na elkaar worden vastgelegd.',
        'linux',
        undefined,
        ['NoExtensionStatusButStatusBlobAvailable'],
      ],
      [
        'On Oracle Linux 7.6, where the extension can hang, set `MountsToSkip = /mnt/resources` in the same section (use your resource-disk mount point, usually /mnt/resource).',
        'Op Oracle Linux 7.6, waar de extensie kan blijven hangen, zet u `MountsToSkip = /mnt/resources` in dezelfde sectie (gebruik het koppelpunt van uw resourceschijf, meestal /mnt/resource).',
        'linux',
      ],
      [
        'If extension.log ends at "proceeded for accepting signals" with no "Logs during Freeze" block, the VM hung while frozen: apply the filesystem-freeze remedies (MountsToSkip for the mount that hangs).',
        'Eindigt extension.log bij "proceeded for accepting signals" zonder blok "Logs during Freeze", dan hing de VM tijdens het bevriezen: pas de oplossingen voor het bevriezen van het bestandssysteem toe (MountsToSkip voor het koppelpunt dat blijft hangen).',
        'linux',
      ],
      [
        'Make sure the guest agent and the extension daemon were not killed or restarted during the backup window (out-of-memory killer, agent restart), then run an on-demand backup.',
        'Controleer dat de gastagent en de extensiedaemon tijdens het back-upvenster niet zijn beëindigd of herstart (out-of-memory killer, herstart van de agent) en voer daarna een back-up op aanvraag uit.',
      ],
      [
        'If the status stays stuck, uninstall the VMSnapshotLinux extension in the portal; the next backup reinstalls it.',
        'Blijft de status hangen, verwijder de VMSnapshotLinux-extensie dan in de portal; de volgende back-up installeert hem opnieuw.',
        'linux',
      ],
    ]),
    links: [L.vmsTroubleshoot, L.vmSnapshotLinux],
    source: 'Azure portal self-help for the code NoExtensionStatusButStatusBlobAvailable (seqsnapshot=2, MountsToSkip); reinstall: ExtensionStuckInDeletionState',
  },
  {
    id: 'snapshot-limit-reached',
    title: T('Blob snapshot count or rate limit reached', 'Limiet voor aantal of frequentie van blobmomentopnamen bereikt'),
    description: T(
      'Storage refused the snapshot: too many snapshots on a blob (85) or too many snapshot calls (173).',
      'Opslag weigerde de momentopname: te veel momentopnamen op een blob (85) of te veel aanroepen (173).',
    ),
    portalCodes: ['ExtensionFailedSnapshotLimitReachedError', 'ExtensionFailedSnapshotRateExceededError'],
    visibility: 'yes',
    signals: [
      'extension status code 85 (FailedSnapshotLimitReached) or 173 (FailedRetryableSnapshotRateExceeded)',
      'storage messages "The snapshot count against this blob has been exceeded", "The rate of snapshot blob calls is exceeded"',
    ],
    remedy: R([
      [
        'Delete the disk blob snapshots that are no longer needed.',
        'Verwijder de blobmomentopnamen van de schijven die niet meer nodig zijn.',
        undefined,
        undefined,
        ['ExtensionFailedSnapshotLimitReachedError'],
      ],
      [
        'If soft delete is enabled on the storage account, shorten its retention so deleted snapshots stop counting against the limit.',
        'Is voorlopig verwijderen (soft delete) ingeschakeld op het opslagaccount, verkort dan de bewaartermijn zodat verwijderde momentopnamen niet meer meetellen.',
      ],
      [
        'If Azure Site Recovery also protects the VM, set `isanysnapshotfailed = False` in /etc/azure/vmbackup.conf and schedule the ASR snapshots at another time than the backup (the documented key is not read by current extension versions, so rescheduling is what helps).',
        'Beschermt Azure Site Recovery de VM ook, zet dan `isanysnapshotfailed = False` in /etc/azure/vmbackup.conf en plan de ASR-momentopnamen op een ander tijdstip dan de back-up (huidige extensieversies lezen de gedocumenteerde sleutel niet, dus het verplaatsen van het schema is wat helpt).',
        'linux',
      ],
      [
        'Rate exceeded (173): storage allows one snapshot per disk per minute, so another product took a snapshot at the same time. Move one of the schedules so they do not overlap.',
        'Frequentie overschreden (173): opslag staat één momentopname per schijf per minuut toe, dus een ander product maakte tegelijk een momentopname. Verplaats een van de schema\'s zodat ze elkaar niet overlappen.',
        undefined,
        undefined,
        ['ExtensionFailedSnapshotRateExceededError'],
      ],
      RETRY,
    ]),
    links: [L.vmsTroubleshoot],
    source: 'Azure Backup troubleshooting articles (ExtensionFailedSnapshotLimitReachedError, ExtensionFailedSnapshotRateExceededError)',
  },
  {
    id: 'certificate-missing',
    title: T('The extension settings cannot be decrypted', 'De extensie-instellingen kunnen niet worden ontsleuteld'),
    description: T(
      'The agent or extension cannot decrypt the protected settings (code 16, "Failed to decrypt").',
      'De agent of extensie kan de beveiligde instellingen niet ontsleutelen (code 16, "Failed to decrypt").',
    ),
    portalCodes: ['GuestAgentCertificateNotFound', 'ExtensionConfigParsingFailure'],
    visibility: 'yes',
    signals: [
      'extension status code 16 (FailedHandlerGuestAgentCertificateNotFound, "unable to load certificate")',
      'waagent.log "Failed to decrypt /var/lib/waagent/Certificates.p7m", "Certificate required by goal state is not on disk", "Error fetching the goal state certificates"',
      'Windows WaAppAgent.log: "PInvoke PFXImportCertStore failed", "Installing certificates in the LocalMachine store failed", "RdCrypt Initialization failed", "Failed to get TransportCertificate"',
    ],
    remedy: R([
      [
        'Make sure the VM clock is synchronised (Linux: chrony, systemd-timesyncd or ntp; Windows: the Windows Time service); a wrong clock makes valid certificates look invalid.',
        'Zorg dat de klok van de VM gesynchroniseerd is (Linux: chrony, systemd-timesyncd of ntp; Windows: de service Windows Tijd); met een verkeerde klok lijken geldige certificaten ongeldig.',
        undefined,
        undefined,
        ['GuestAgentCertificateNotFound'],
      ],
      [
        'Linux VMs: restart the guest agent so it fetches the goal state and its certificates again, and check that waagent.log no longer reports "Failed to decrypt".',
        'Linux-VM\'s: start de gastagent opnieuw zodat hij de doelstatus en de certificaten opnieuw ophaalt, en controleer dat waagent.log geen "Failed to decrypt" meer meldt.',
      ],
      [
        // WALinuxAgent #2703 and #1674 (openssl gone: "As soon as we put openssl binary back in the /usr/bin/ and restarted
        // waagent"), #763 (OS.OpensslPath read with its comment), #1402 and #2684 (openssl's configuration file)
        'Linux VMs: if the agent\'s openssl command cannot run (waagent.log: `openssl: not found` or return code 127, `None: not found`, `Unable to load config info from …openssl.cnf`, `configuration file routines`), install openssl (the agent runs /usr/bin/openssl unless OS.OpensslPath in /etc/waagent.conf names another; that line must hold the path alone, with no comment after it), make sure the configuration file openssl reads (OPENSSL_CONF, or its default openssl.cnf) exists and parses, then restart the agent.',
        'Linux-VM\'s: kan de openssl-opdracht van de agent niet draaien (waagent.log: `openssl: not found` of returncode 127, `None: not found`, `Unable to load config info from …openssl.cnf`, `configuration file routines`), installeer dan openssl (de agent voert /usr/bin/openssl uit, tenzij OS.OpensslPath in /etc/waagent.conf een ander noemt; die regel mag alleen het pad bevatten, zonder commentaar erachter), zorg dat het configuratiebestand dat openssl leest (OPENSSL_CONF, of zijn standaard openssl.cnf) bestaat en te lezen is, en start de agent opnieuw.',
        undefined,
        'openssl',
      ],
      [
        // WALinuxAgent #668, #760, #3489; the maintainer on #3494: FIPS compliance came with 2.14 (v2.14.0.1), a public
        // preview that requires opt-in; the compute API documents the VM property (AdditionalCapabilities.enableFips1403Encryption)
        'Linux VMs with FIPS mode enabled: FIPS refuses the cipher of the package Azure sends the goal state\'s certificates in (openssl `unknown cipher`, or `unsupported` with `Algorithm (DES-EDE3-CBC : 65)`), so no extension can decrypt its protected settings. Agent 2.14.0.1 and later support FIPS 140-3 when the VM opts in (the VM property additionalCapabilities.enableFips1403Encryption, in preview): update the agent, set that property on the VM and restart the agent.',
        'Linux-VM\'s met FIPS-modus aan: FIPS weigert het versleutelingsalgoritme van het pakket waarin Azure de certificaten van de doelstatus stuurt (openssl `unknown cipher`, of `unsupported` met `Algorithm (DES-EDE3-CBC : 65)`), zodat geen extensie haar beveiligde instellingen kan ontsleutelen. Agent 2.14.0.1 en later ondersteunen FIPS 140-3 als de VM daarvoor kiest (de VM-eigenschap additionalCapabilities.enableFips1403Encryption, in preview): werk de agent bij, zet die eigenschap op de VM en start de agent opnieuw.',
        undefined,
        'fips',
      ],
      [
        // WALinuxAgent #2949 (Lib.Dir=/usr/local/waagent: VMAccessForLinux 1.5.16 reads /var/lib/waagent, "Can't open
        // /var/lib/waagent/<thumbprint>.crt for reading, No such file or directory"); the same hard-coded path in CustomScript
        // v2, confirmed by its maintainer (Azure/custom-script-extension-linux#93)
        'Linux VMs: if the extension cannot open the certificate or key file it decrypts its settings with ("Can\'t open /var/lib/waagent/<thumbprint>.crt for reading, No such file or directory"), the file is not where it looks. If Lib.Dir in /etc/waagent.conf points elsewhere, extensions that read /var/lib/waagent (VMAccessForLinux, CustomScript) cannot find the agent\'s files: set Lib.Dir back to /var/lib/waagent (or make /var/lib/waagent a link to that directory) and restart the agent; otherwise restart the agent so it writes the goal state\'s certificates again, and check that <thumbprint>.crt and <thumbprint>.prv are there.',
        "Linux-VM's: kan de extensie het certificaat- of sleutelbestand waarmee ze haar instellingen ontsleutelt niet openen (\"Can't open /var/lib/waagent/<thumbprint>.crt for reading, No such file or directory\"), dan staat het bestand niet waar ze zoekt. Wijst Lib.Dir in /etc/waagent.conf naar een andere map, dan vinden extensies die /var/lib/waagent lezen (VMAccessForLinux, CustomScript) de bestanden van de agent niet: zet Lib.Dir terug op /var/lib/waagent (of maak van /var/lib/waagent een koppeling naar die map) en start de agent opnieuw; start anders de agent opnieuw zodat hij de certificaten van de doelstatus opnieuw schrijft, en controleer dat <thumbprint>.crt en <thumbprint>.prv er staan.",
        'linux',
        'certificate-files',
      ],
      [
        'Windows VMs: if the certificate the protected settings were encrypted for is missing from the VM (FailedToDecryptProtectedSettings, `Unable to retrieve the certificate`, `No certficate with given thumbprint found in the certificate store`, `The enveloped-data message does not contain the specified recipient`; the article\'s Solution 1), open the Certificates snap-in for the local computer (Personal > Certificates), delete the "Windows Azure CRP Certificate Generator" certificate (the VM re-creates it when it needs it), trigger a new goal state for the guest agent (`Update-AzVM` on the unchanged VM, or Reapply the VM) and retry the extension operation; C:\\WindowsAzure\\Logs\\WaAppAgent.log should no longer report the error.',
        'Windows-VM\'s: ontbreekt het certificaat waarvoor de beveiligde instellingen zijn versleuteld op de VM (FailedToDecryptProtectedSettings, `Unable to retrieve the certificate`, `No certficate with given thumbprint found in the certificate store`, `The enveloped-data message does not contain the specified recipient`; oplossing 1 van het artikel), open dan de module Certificaten voor de lokale computer (Persoonlijk > Certificaten), verwijder het certificaat "Windows Azure CRP Certificate Generator" (de VM maakt het opnieuw wanneer hij het nodig heeft), start een nieuwe doelstatus voor de gastagent (`Update-AzVM` op de ongewijzigde VM, of Reapply van de VM) en voer de extensiebewerking opnieuw uit; C:\\WindowsAzure\\Logs\\WaAppAgent.log hoort de fout dan niet meer te melden.',
        undefined,
        'crp-certificate',
      ],
      [
        // Troubleshoot extension certificate issues on a Windows VM (Symptoms: the FailedToDecryptProtectedSettings variant
        // with wrong permissions on Crypto\RSA\MachineKeys; Solution 2), its commands as given
        'Windows VMs ("Keyset does not exist", "Invalid provider type specified" while decrypting the protected settings, or the agent\'s "Self-signed Certificate Generation failed. Error Code: -2146893808"): the permissions on the key of the CRP certificate in C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys are wrong (the article\'s Solution 2). In an elevated PowerShell find the key\'s file, `$fileName = (Get-ChildItem Cert:\\LocalMachine\\My | Where-Object {$_.Subject -eq \'DC=Windows Azure CRP Certificate Generator\'}).PrivateKey.CspKeyContainerInfo.UniqueKeyContainerName` (a classic VM: `DC=Windows Azure Service Management for Extensions`); save the ACL with `icacls C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys /save machinekeys_permissions_before.aclfile /t`; run `icacls C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys\\$fileName /grant SYSTEM:(F)` and `icacls C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys\\$fileName /grant Administrators:(RX)`; then retry the extension or restart the guest agent services. If that does not help, run the same icacls commands on C:\\ProgramData\\Microsoft\\Crypto\\SystemKeys\\*.',
        'Windows-VM\'s ("Keyset does not exist", "Invalid provider type specified" bij het ontsleutelen van de beveiligde instellingen, of "Self-signed Certificate Generation failed. Error Code: -2146893808" van de agent): de machtigingen op de sleutel van het CRP-certificaat in C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys kloppen niet (oplossing 2 van het artikel). Zoek in een verhoogde PowerShell het bestand van de sleutel, `$fileName = (Get-ChildItem Cert:\\LocalMachine\\My | Where-Object {$_.Subject -eq \'DC=Windows Azure CRP Certificate Generator\'}).PrivateKey.CspKeyContainerInfo.UniqueKeyContainerName` (een klassieke VM: `DC=Windows Azure Service Management for Extensions`); bewaar de ACL met `icacls C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys /save machinekeys_permissions_before.aclfile /t`; voer `icacls C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys\\$fileName /grant SYSTEM:(F)` en `icacls C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys\\$fileName /grant Administrators:(RX)` uit; probeer daarna de extensie opnieuw of start de services van de gastagent opnieuw. Helpt dat niet, voer dezelfde icacls-opdrachten dan uit op C:\\ProgramData\\Microsoft\\Crypto\\SystemKeys\\*.',
        undefined,
        'machinekeys-acl',
      ],
      [
        'If the certificate has expired or stays missing, stop (deallocate) and start the VM from the portal so Azure issues new certificates, then retry the backup.',
        'Is het certificaat verlopen of blijft het ontbreken, stop (de-allocate) en start de VM dan vanuit de portal zodat Azure nieuwe certificaten uitgeeft, en probeer de back-up opnieuw.',
        undefined,
        undefined,
        ['GuestAgentCertificateNotFound'],
      ],
      [
        'Windows VMs: give the SYSTEM account Full Control on C:\\ProgramData\\Microsoft\\Crypto\\Keys, C:\\ProgramData\\Microsoft\\Crypto\\RSA and C:\\ProgramData\\Microsoft\\Crypto\\SystemKeys (PFXImportCertStore error 86; for a failed self-signed certificate, the key of the CRP certificate in Crypto\\RSA\\MachineKeys), and make sure the CNG Key Isolation service (KeyIso) runs (RdCrypt error -2147023143); then restart the RdAgent and WindowsAzureGuestAgent services.',
        'Windows-VM\'s: geef het account SYSTEM Volledig beheer op C:\\ProgramData\\Microsoft\\Crypto\\Keys, C:\\ProgramData\\Microsoft\\Crypto\\RSA en C:\\ProgramData\\Microsoft\\Crypto\\SystemKeys (PFXImportCertStore-fout 86; bij een mislukt zelfondertekend certificaat de sleutel van het CRP-certificaat in Crypto\\RSA\\MachineKeys) en zorg dat de service CNG-sleutelisolatie (KeyIso) draait (RdCrypt-fout -2147023143); start daarna de services RdAgent en WindowsAzureGuestAgent opnieuw.',
        undefined,
        'crypto-keys',
      ],
      [
        'Windows VMs (ExtensionConfigParsingFailure): run `icacls %systemdrive%\\programdata\\microsoft\\crypto\\rsa\\machinekeys`; the default permissions are Everyone: (R,W) and BUILTIN\\Administrators: (F). If they differ, reset them to the defaults (Everyone keeps list folder/read data, read attributes, read extended attributes, create files/write data, create folders/append data, write attributes, write extended attributes and read permissions), delete every certificate under Personal > Certificates issued to the classic deployment model or to Windows Azure CRP Certificate Generator, and trigger a backup.',
        'Windows-VM\'s (ExtensionConfigParsingFailure): voer `icacls %systemdrive%\\programdata\\microsoft\\crypto\\rsa\\machinekeys` uit; de standaardmachtigingen zijn Everyone: (R,W) en BUILTIN\\Administrators: (F). Wijken ze af, zet ze dan terug op de standaard (Everyone houdt map weergeven/gegevens lezen, kenmerken lezen, uitgebreide kenmerken lezen, bestanden maken/gegevens schrijven, mappen maken/gegevens toevoegen, kenmerken schrijven, uitgebreide kenmerken schrijven en machtigingen lezen), verwijder elk certificaat onder Persoonlijk > Certificaten dat is uitgegeven aan het klassieke implementatiemodel of aan Windows Azure CRP Certificate Generator, en start een back-up.',
        undefined,
        'machinekeys-acl',
        ['ExtensionConfigParsingFailure'],
      ],
    ]),
    links: [L.vmsTroubleshoot, L.timeSync, L.fips, L.winAgentTs, L.winExtCert],
    source: 'Azure portal self-help for the code GuestAgentCertificateNotFound (time sync; deallocate/start); the WALinuxAgent source (docs/formats.md) (Failed to decrypt); https://learn.microsoft.com/troubleshoot/azure/virtual-machines/windows/troubleshoot-extension-certificates-issues-windows-vm (Windows: Solution 1, delete the CRP certificate and trigger a new goal state; Solution 2, MachineKeys ACL); ExtensionConfigParsingFailure: https://learn.microsoft.com/azure/backup/backup-azure-vms-troubleshoot',
  },
  {
    id: 'disk-full',
    title: T('The root or /var filesystem is full', 'Het root- of /var-bestandssysteem is vol'),
    description: T(
      'The agent or extension cannot write state, status or logs because the disk is full.',
      'De agent of extensie kan geen status of logs schrijven omdat de schijf vol is.',
    ),
    portalCodes: ['UserErrorGuestAgentStatusUnavailable'],
    visibility: 'yes',
    signals: ['"No space left on device" (ENOSPC, errno 28) in waagent.log or extension.log', 'df output in the bundle showing / or /var at 100%'],
    remedy: R([
      [
        'Check that the root drive has enough free space: `df -h / /var` (and `df -i` for inodes). The agent and the extension write their state, status and logs under /var/lib/waagent and /var/log.',
        'Controleer of de rootschijf voldoende vrije ruimte heeft: `df -h / /var` (en `df -i` voor inodes). De agent en de extensie schrijven hun status en logs onder /var/lib/waagent en /var/log.',
        undefined,
        undefined,
        ['UserErrorGuestAgentStatusUnavailable'],
      ],
      [
        'Free space (old rotated logs, package caches) or grow the OS disk.',
        'Maak ruimte vrij (oude geroteerde logs, pakketcaches) of vergroot de besturingssysteemschijf.',
      ],
      [
        'Restart the guest agent and run an on-demand backup.',
        'Start de gastagent opnieuw en voer een back-up op aanvraag uit.',
      ],
    ]),
    links: [ts('usererrorguestagentstatusunavailable---vm-agent-unable-to-communicate-with-azure-backup', 'Troubleshooting: UserErrorGuestAgentStatusUnavailable', 'Probleemoplossing: UserErrorGuestAgentStatusUnavailable')],
    source: 'Azure portal self-help for the code (Linux) UserErrorGuestAgentStatusUnavailable ("check if the root drive has sufficient space")',
  },
  {
    id: 'clock-skew',
    title: T('The VM clock is far from real time', 'De VM-klok wijkt sterk af van de echte tijd'),
    description: T(
      'The VM clock differs from the host clock, so tasks look late or certificates and SAS tokens fail.',
      'De VM-klok wijkt af van de hostklok, waardoor taken te laat lijken of certificaten en SAS-tokens falen.',
    ),
    portalCodes: ['ExtensionOperationFailedForManagedDisks'],
    visibility: 'partly',
    signals: [
      'extension timestamps far from the host time anchors (commandStartTimeUTCTicks, HTTP Date headers) of the same task',
      'time jumps in waagent.log; "token is expired" or signature-time errors from storage',
    ],
    remedy: R([
      [
        'Compare the VM clock with real time (`date -u`, `timedatectl`) and make sure time synchronisation runs (chrony or systemd-timesyncd with the Hyper-V clock source, or NTP).',
        'Vergelijk de VM-klok met de echte tijd (`date -u`, `timedatectl`) en zorg dat tijdsynchronisatie draait (chrony of systemd-timesyncd met de Hyper-V-klokbron, of NTP).',
        undefined,
        undefined,
        ['ExtensionOperationFailedForManagedDisks', 'GuestAgentCertificateNotFound'],
      ],
      ['Correct the clock, restart the guest agent and retry the backup.', 'Corrigeer de klok, start de gastagent opnieuw en probeer de back-up opnieuw.'],
    ]),
    links: [L.timeSync],
    azureCheck: T(
      'In the vault, open Backup jobs and compare the failed job\'s start time with the times in the VM\'s logs for the same task; a difference of minutes or more means the guest clock was wrong.',
      'Open in de kluis Back-uptaken en vergelijk de starttijd van de mislukte taak met de tijden in de logs van de VM voor dezelfde taak; een verschil van minuten of meer betekent dat de klok van de gast verkeerd stond.',
    ),
    source: 'Azure Backup troubleshooting articles (MicrosoftDocs/azure-docs #76638: clock skew → ExtensionOperationFailedForManagedDisks; GuestAgentCertificateNotFound: time sync)',
  },
  {
    id: 'vm-provisioning-updating',
    title: T('The VM is in an "updating" provisioning state', 'De VM staat in de inrichtingsstatus "updating"'),
    description: T('An ongoing VM update (provisioning state "updating") blocks the backup.', 'Een lopende VM-update (inrichtingsstatus "updating") blokkeert de back-up.'),
    portalCodes: ['UserErrorVmProvisioningStateFailed', 'UserErrorVmNotInDesirableState', 'VmNotInDesirableState'],
    visibility: 'partly',
    signals: ['goal states that keep changing (new incarnations) around the backup time; the state itself is visible only in Azure'],
    remedy: R([
      [
        'If the VM provisioning state is "updating", it can interfere with the backup. Make sure it is healthy (provisioning succeeded) and retry the backup operation.',
        'Staat de VM in de inrichtingsstatus "updating", dan kan dat de back-up verstoren. Zorg dat de VM in orde is (inrichten geslaagd) en probeer de back-upbewerking opnieuw.',
        undefined,
        undefined,
        ['UserErrorVmProvisioningStateFailed'],
      ],
      [
        'For a backup the VM must be Running, Stopped or Stopped (deallocated) (UserErrorVmNotInDesirableState, VmNotInDesirableState). If the VM is in a transient state between Running and Shut down, wait for the state to change, then trigger the backup job.',
        'Voor een back-up moet de VM de status Wordt uitgevoerd, Gestopt of Gestopt (toewijzing ongedaan gemaakt) hebben (UserErrorVmNotInDesirableState, VmNotInDesirableState). Zit de VM in een tussenstatus tussen Wordt uitgevoerd en Afgesloten, wacht dan tot de status verandert en start daarna de back-uptaak.',
        undefined,
        undefined,
        ['UserErrorVmNotInDesirableState', 'VmNotInDesirableState'],
      ],
    ]),
    links: [ts('usererrorvmprovisioningstatefailed---the-vm-is-in-failed-provisioning-state', 'Troubleshooting: UserErrorVmProvisioningStateFailed', 'Probleemoplossing: UserErrorVmProvisioningStateFailed'), L.provisioningStates, L.vmsTroubleshoot],
    azureCheck: T(
      'Azure portal > VM > Overview / Properties: the provisioning state must be "Succeeded", not "Updating"; the activity log shows which operation is still running. The VM status must be Running, Stopped or Stopped (deallocated), not between two states.',
      'Azure-portal > VM > Overzicht / Eigenschappen: de inrichtingsstatus moet "Geslaagd" zijn, niet "Bijwerken"; het activiteitenlogboek toont welke bewerking nog loopt. De VM-status moet Wordt uitgevoerd, Gestopt of Gestopt (toewijzing ongedaan gemaakt) zijn, niet tussen twee statussen in.',
    ),
    source: 'seed: UserErrorVmProvisioningStateFailed; UserErrorVmNotInDesirableState, VmNotInDesirableState: https://learn.microsoft.com/azure/backup/backup-azure-vms-troubleshoot',
  },
  {
    id: 'vm-state-misreported',
    title: T('The VM state is misreported after a shutdown from inside', 'De VM-status wordt onjuist gerapporteerd na afsluiten vanuit de gast'),
    description: T('The VM was shut down from inside the guest, so Azure reports a wrong state.', 'De VM is vanuit de gast afgesloten, waardoor Azure een onjuiste status rapporteert.'),
    portalCodes: ['GuestAgentSnapshotTaskStatusError'],
    visibility: 'partly',
    signals: ['a guest shutdown or reboot (agent stop records, a log gap) shortly before the backup time'],
    remedy: R([
      [
        'If the VM was shut down from inside the guest (RDP on Windows, `shutdown`/`poweroff` on Linux), check in the portal whether the VM status is correct. If it is not, shut the VM down from the portal with the "Stop" (shut down) option on the VM dashboard.',
        'Is de VM vanuit de gast afgesloten (RDP op Windows, `shutdown`/`poweroff` op Linux), controleer dan in de portal of de VM-status klopt. Klopt die niet, sluit de VM dan af in de portal met de optie "Stoppen" (afsluiten) op het VM-dashboard.',
      ],
    ]),
    links: [TS_SNAPSHOT],
    azureCheck: T(
      'Azure portal > VM > Overview: the status must match reality (running or stopped). A VM shut down from inside may still show "Running"; stop it from the portal.',
      'Azure-portal > VM > Overzicht: de status moet overeenkomen met de werkelijkheid (actief of gestopt). Een VM die vanuit de gast is afgesloten kan nog "Wordt uitgevoerd" tonen; stop hem dan vanuit de portal.',
    ),
    source: 'seed: "the snapshot status cannot be retrieved or a snapshot cannot be taken" (VM shut down in RDP)',
  },
  {
    id: 'backup-in-progress',
    title: T('Another backup operation is in progress', 'Er wordt al een andere back-upbewerking uitgevoerd'),
    description: T('A backup job was still running (or overlapping) when a new one started.', 'Een back-uptaak liep nog (of overlapte) toen een nieuwe startte.'),
    portalCodes: ['UserErrorBackupOperationInProgress'],
    visibility: 'hints',
    signals: ['overlapping snapshot tasks, or "TaskId is same as last" (a re-delivered task) in extension.log; the job list itself is visible only in Azure'],
    remedy: R([
      [
        'Your recent backup job failed because a backup job is already in progress; you cannot start a new one until the current job has finished. To check the backup jobs, sign in to the Azure portal, click All services, type Recovery Services and click Recovery Services vaults.',
        'Uw recente back-uptaak is mislukt omdat er al een back-uptaak loopt; u kunt geen nieuwe starten voordat de huidige taak klaar is. Om de back-uptaken te controleren meldt u zich aan bij de Azure-portal, klikt u op Alle services, typt u Recovery Services en klikt u op Recovery Services-kluizen.',
        undefined,
        undefined,
        ['UserErrorBackupOperationInProgress'],
      ],
      [
        'Select the vault in which the backup is configured and click Backup jobs in its dashboard menu to see all backup jobs.',
        'Selecteer de kluis waarin de back-up is geconfigureerd en klik in het dashboardmenu op Back-uptaken om alle back-uptaken te zien.',
      ],
      [
        'If a backup job is in progress, wait for it to finish or cancel it (right-click the job and click Cancel, or use PowerShell Stop-AzRecoveryServicesBackupJob).',
        'Loopt er een back-uptaak, wacht dan tot die klaar is of annuleer hem (klik met de rechtermuisknop op de taak en kies Annuleren, of gebruik PowerShell Stop-AzRecoveryServicesBackupJob).',
      ],
      [
        'If you reconfigured the backup in another vault, make sure no backup jobs are running in the old vault; cancel any that are.',
        'Hebt u de back-up opnieuw geconfigureerd in een andere kluis, zorg dan dat er in de oude kluis geen back-uptaken meer lopen; annuleer die eventueel.',
      ],
      RETRY,
      [
        'If the scheduled backup takes so long that it conflicts with the next backup, review the best practices, backup performance and backup and restore considerations.',
        'Duurt de geplande back-up zo lang dat hij botst met de volgende back-up, bekijk dan de aanbevolen procedures, de back-upprestaties en de overwegingen voor back-up en herstel.',
      ],
    ]),
    links: [
      ts('usererrorbackupoperationinprogress---unable-to-initiate-backup-as-another-backup-operation-is-currently-in-progress', 'Troubleshooting: UserErrorBackupOperationInProgress', 'Probleemoplossing: UserErrorBackupOperationInProgress'),
      L.stopJob,
      L.bestPractices,
      L.performance,
      L.considerations,
    ],
    azureCheck: T(
      'Recovery Services vault > Backup jobs: is a job for this VM still "In progress"? If backup was reconfigured, check the old vault too.',
      'Recovery Services-kluis > Back-uptaken: loopt er voor deze VM nog een taak ("Wordt uitgevoerd")? Is de back-up opnieuw geconfigureerd, controleer dan ook de oude kluis.',
    ),
    source: 'seed: UserErrorBackupOperationInProgress',
  },
  {
    id: 'rp-collection-limit',
    title: T('The restore point collection limit is reached', 'De limiet van de herstelpuntverzameling is bereikt'),
    description: T(
      '18 instant restore points are attached; more than one backup a day makes this likely.',
      '18 directe herstelpunten zijn gekoppeld; meer dan één back-up per dag maakt dit waarschijnlijk.',
    ),
    portalCodes: ['UserErrorRpCollectionLimitReached'],
    visibility: 'hints',
    signals: ['more than one snapshot task per day in the extension logs; the restore point count is visible only in Azure'],
    remedy: R([
      [
        'Trigger only one backup a day: instant restore points are kept for 1–5 days (the configured snapshot retention) and at most 18 instant restore points can be attached to a VM at a time.',
        'Start maar één back-up per dag: directe herstelpunten worden 1–5 dagen bewaard (de ingestelde bewaartermijn van momentopnamen) en er kunnen maximaal 18 directe herstelpunten tegelijk aan een VM gekoppeld zijn.',
        undefined,
        undefined,
        ['UserErrorRpCollectionLimitReached'],
      ],
      [
        'The restore point collection of a VM cannot hold more than 18 restore points; to create a new one, existing restore points must be deleted. If a lock on the restore point resource group prevents that, remove the lock first.',
        'De herstelpuntverzameling van een VM kan niet meer dan 18 herstelpunten bevatten; voor een nieuw herstelpunt moeten bestaande herstelpunten worden verwijderd. Verhindert een vergrendeling op de resourcegroep van de herstelpunten dat, verwijder dan eerst die vergrendeling.',
      ],
      ON_DEMAND_CLEANUP,
      PORTAL_CLEANUP,
    ]),
    links: [ts('usererrorrpcollectionlimitreached---the-restore-point-collection-max-limit-has-reached', 'Troubleshooting: UserErrorRpCollectionLimitReached', 'Probleemoplossing: UserErrorRpCollectionLimitReached'), ts('clean_up_restore_point_collection', 'Troubleshooting: clean up the restore point collection', 'Probleemoplossing: de verzameling herstelpunten opruimen'), L.portal],
    azureCheck: T(
      'Azure portal > All resources > AzureBackupRG_<Geo>_<number> > "Show hidden types": count the restore points in the collection AzureBackupRG_<VMName>_<number>, and check the backup policy for more than one backup a day.',
      'Azure-portal > Alle resources > AzureBackupRG_<Geo>_<nummer> > "Verborgen typen weergeven": tel de herstelpunten in de verzameling AzureBackupRG_<VMNaam>_<nummer> en controleer of het back-upbeleid meer dan één back-up per dag maakt.',
    ),
    source: 'seed: UserErrorRpCollectionLimitReached, "clean up restore point collection"',
  },
  {
    id: 'rp-resource-group-lock',
    title: T('A lock on the restore point resource group blocks clean-up', 'Een vergrendeling op de resourcegroep van herstelpunten blokkeert het opruimen'),
    description: T(
      'A lock on the AzureBackupRG_<geo>_<n> resource group stops old restore points from being deleted.',
      'Een vergrendeling op de resourcegroep AzureBackupRG_<geo>_<n> voorkomt dat oude herstelpunten worden verwijderd.',
    ),
    portalCodes: ['UserErrorRpCollectionLimitReached', 'BackUpOperationFailed'],
    visibility: 'no',
    signals: ['nothing on the VM: locks live in Azure Resource Manager'],
    remedy: R([
      [
        'The Backup service stores the restore point collection in its own resource group, separate from the VM\'s, named AzureBackupRG_<Geo>_<number> (for example AzureBackupRG_northeurope_1). Do not lock that resource group.',
        'De back-upservice bewaart de herstelpuntverzameling in een eigen resourcegroep, los van die van de VM, met de naam AzureBackupRG_<Geo>_<nummer> (bijvoorbeeld AzureBackupRG_northeurope_1). Vergrendel die resourcegroep niet.',
        undefined,
        undefined,
        ['UserErrorRpCollectionLimitReached', 'BackUpOperationFailed'],
      ],
      ['Sign in to the Azure portal.', 'Meld u aan bij de Azure-portal.'],
      [
        'Go to All resources and select the restore point collection resource group, named AzureBackupRG_<Geo>_<number>.',
        'Ga naar Alle resources en selecteer de resourcegroep van de herstelpuntverzameling, met de naam AzureBackupRG_<Geo>_<nummer>.',
      ],
      ['In the Settings section, select Locks to display the locks.', 'Selecteer in de sectie Instellingen de optie Vergrendelingen om de vergrendelingen te zien.'],
      ['To remove a lock, select the ellipsis (…) and click Delete.', 'Om een vergrendeling te verwijderen selecteert u het beletselteken (…) en klikt u op Verwijderen.'],
      ON_DEMAND_CLEANUP,
      PORTAL_CLEANUP,
    ]),
    links: [ts('remove_lock_from_the_recovery_point_resource_group', 'Troubleshooting: remove the lock from the recovery point resource group', 'Probleemoplossing: de vergrendeling van de resourcegroep met herstelpunten verwijderen'), ts('clean_up_restore_point_collection', 'Troubleshooting: clean up the restore point collection', 'Probleemoplossing: de verzameling herstelpunten opruimen'), L.portal],
    azureCheck: T(
      'Azure portal > Resource groups > AzureBackupRG_<Geo>_<number> > Settings > Locks: any lock (delete or read-only) blocks the clean-up of old restore points.',
      'Azure-portal > Resourcegroepen > AzureBackupRG_<Geo>_<nummer> > Instellingen > Vergrendelingen: elke vergrendeling (verwijderen of alleen-lezen) blokkeert het opruimen van oude herstelpunten.',
    ),
    source: 'seed: UserErrorRpCollectionLimitReached, "remove lock from the recovery point resource group", "clean up restore point collection"; BackUpOperationFailed cause 4',
  },
  {
    id: 'keyvault-permissions',
    title: T('Backup lacks Key Vault permissions for an encrypted VM', 'Back-up heeft onvoldoende Key Vault-machtigingen voor een versleutelde VM'),
    description: T('The VM is encrypted and the backup service cannot read the Key Vault.', 'De VM is versleuteld en de back-upservice kan de sleutelkluis niet lezen.'),
    portalCodes: ['UserErrorKeyvaultPermissionsNotConfigured'],
    visibility: 'hints',
    signals: ['an Azure Disk Encryption extension in the goal state, or isVMADEEnabled in the snapshot settings; the permissions themselves are visible only in Azure'],
    remedy: R([
      [
        'To back up encrypted VMs, Azure Backup needs permissions to access the key vault. Set them through the Azure portal or with PowerShell.',
        "Om versleutelde VM's te back-uppen heeft Azure Backup machtigingen nodig voor de sleutelkluis. Stel die in via de Azure-portal of met PowerShell.",
        undefined,
        undefined,
        ['UserErrorKeyvaultPermissionsNotConfigured'],
      ],
      [
        'If the permissions are already set, retry the backup after some time.',
        'Zijn de machtigingen al ingesteld, probeer de back-up dan na enige tijd opnieuw.',
      ],
    ]),
    links: [
      ts('usererrorkeyvaultpermissionsnotconfigured---backup-doesnt-have-sufficient-permissions-to-the-key-vault-for-backup-of-encrypted-vms', 'Troubleshooting: UserErrorKeyvaultPermissionsNotConfigured', 'Probleemoplossing: UserErrorKeyvaultPermissionsNotConfigured'),
      L.kvPortal,
      L.kvPowerShell,
    ],
    azureCheck: T(
      'Key vault > Access policies (or Access control (IAM) for RBAC vaults): the Backup Management Service must be able to get and list keys and secrets.',
      'Sleutelkluis > Toegangsbeleid (of Toegangsbeheer (IAM) bij RBAC-kluizen): de Backup Management Service moet sleutels en geheimen kunnen ophalen en weergeven.',
    ),
    source: 'seed: UserErrorKeyvaultPermissionsNotConfigured; retry: https://learn.microsoft.com/azure/backup/backup-azure-troubleshoot-vm-backup-fails-snapshot-timeout',
  },
  {
    id: 'disk-size-unsupported',
    title: T('A disk is larger than Azure Backup supports', 'Een schijf is groter dan Azure Backup ondersteunt'),
    description: T('A disk is above 32 TB, or an encrypted disk is above 4 TB.', 'Een schijf is groter dan 32 TB, of een versleutelde schijf is groter dan 4 TB.'),
    portalCodes: ['UserErrorUnsupportedDiskSize'],
    visibility: 'partly',
    signals: ['disk sizes, when the bundle has them (lsblk, the extension\'s disk telemetry); otherwise visible only in Azure'],
    remedy: R([
      [
        'Backup can fail for a VM with a disk larger than 32 TB, and backing up encrypted disks larger than 4 TB is not supported. Keep every disk at or below the supported limit by splitting the disk(s).',
        'De back-up kan mislukken voor een VM met een schijf groter dan 32 TB, en back-ups van versleutelde schijven groter dan 4 TB worden niet ondersteund. Houd elke schijf op of onder de ondersteunde limiet door de schijf of schijven te splitsen.',
        undefined,
        undefined,
        ['UserErrorUnsupportedDiskSize'],
      ],
    ]),
    links: [ts('usererrorunsupporteddisksize---the-configured-disk-sizes-is-currently-not-supported-by-azure-backup', 'Troubleshooting: UserErrorUnsupportedDiskSize', 'Probleemoplossing: UserErrorUnsupportedDiskSize')],
    azureCheck: T(
      'Azure portal > VM > Disks: the size of every disk (32 TB limit) and whether it is encrypted (4 TB limit).',
      'Azure-portal > VM > Schijven: de grootte van elke schijf (limiet 32 TB) en of die versleuteld is (limiet 4 TB).',
    ),
    source: 'seed: UserErrorUnsupportedDiskSize',
  },
  {
    id: 'datasource-not-protected',
    title: T('The VM is not (actively) protected', 'De VM wordt niet (actief) beschermd'),
    description: T('Protection of the VM is paused or removed in the vault.', 'De beveiliging van de VM is in de kluis gepauzeerd of verwijderd.'),
    portalCodes: ['UserErrorBcmDatasourceNotPresent'],
    visibility: 'no',
    signals: ['nothing on the VM: protection state lives in the Recovery Services vault'],
    remedy: R([
      [
        'Check that the virtual machine is actively protected by Azure Backup (not paused). Make sure protection is active (resume it if it is paused), then retry the operation.',
        'Controleer of de virtuele machine actief wordt beschermd door Azure Backup (niet gepauzeerd). Zorg dat de beveiliging actief is (hervat die als ze gepauzeerd is) en probeer de bewerking opnieuw.',
        undefined,
        undefined,
        ['UserErrorBcmDatasourceNotPresent'],
      ],
    ]),
    links: [ts('usererrorbcmdatasourcenotpresent---backup-failed-this-virtual-machine-is-not-actively-protected-by-azure-backup', 'Troubleshooting: UserErrorBcmDatasourceNotPresent', 'Probleemoplossing: UserErrorBcmDatasourceNotPresent')],
    azureCheck: T(
      'Recovery Services vault > Backup items > Azure Virtual Machine: the VM must be listed with protection active, not "Protection stopped" or paused.',
      'Recovery Services-kluis > Back-upitems > Azure Virtual Machine: de VM moet in de lijst staan met actieve beveiliging, niet "Beveiliging gestopt" of gepauzeerd.',
    ),
    source: 'seed: UserErrorBcmDatasourceNotPresent; resume: Azure portal self-help for the code',
  },
  /* Azure-side causes of "Troubleshooting backup failures on Azure virtual machines" (VMS, ms.date 11/12/2025). */
  {
    id: 'azure-policy-denied',
    title: T("An Azure Policy denies the backup's resources", 'Een Azure Policy weigert de resources van de back-up'),
    description: T(
      'An Azure Policy with the Deny effect (for example one that requires tags) refuses the resource group or restore point collection Azure Backup creates for the snapshot.',
      'Een Azure Policy met het effect Deny (bijvoorbeeld een die tags verplicht) weigert de resourcegroep of herstelpuntverzameling die Azure Backup voor de momentopname maakt.',
    ),
    portalCodes: ['UserErrorRequestDisallowedByPolicy'],
    visibility: 'no',
    byOwnCode: true,
    signals: ['nothing on the VM: Azure Policy assignments and their effects live in Azure Resource Manager'],
    remedy: R([
      [
        'If an Azure Policy governs tags in your environment, consider changing its effect from Deny to Modify, so the resources Azure Backup creates are tagged instead of refused.',
        'Regelt een Azure Policy de tags in uw omgeving, overweeg dan het effect van Deny in Modify te veranderen, zodat de resources die Azure Backup maakt een tag krijgen in plaats van geweigerd te worden.',
        undefined,
        undefined,
        ['UserErrorRequestDisallowedByPolicy'],
      ],
      [
        'Or create the resource group for the restore points yourself, named as Azure Backup requires (AzureBackupRG_<Geo>_<number>, or the name set in the backup policy), so that it meets the policy; then retry the backup.',
        'Of maak de resourcegroep voor de herstelpunten zelf, met de naam die Azure Backup vereist (AzureBackupRG_<Geo>_<nummer>, of de naam uit het back-upbeleid), zodat die aan het beleid voldoet; probeer daarna de back-up opnieuw.',
        undefined,
        undefined,
        ['UserErrorRequestDisallowedByPolicy'],
      ],
    ]),
    links: [
      L.vmsTroubleshoot,
      { title: 'Azure Backup resource group for virtual machines', titleNl: "Azure Backup-resourcegroep voor virtuele machines", url: 'https://learn.microsoft.com/azure/backup/backup-during-vm-creation#azure-backup-resource-group-for-virtual-machines' },
      { title: 'Azure Policy: the Modify effect', titleNl: 'Azure Policy: het effect Modify', url: 'https://learn.microsoft.com/azure/governance/policy/concepts/effect-modify' },
    ],
    azureCheck: T(
      "Azure portal > Policy > Assignments, at the VM's subscription and resource group scopes: a policy with the Deny effect that applies to resource groups or restore point collections (tag or naming rules). The activity log shows the denied request and the assignment that denied it.",
      'Azure-portal > Policy > Toewijzingen, op het niveau van het abonnement en de resourcegroep van de VM: een beleid met het effect Deny dat geldt voor resourcegroepen of herstelpuntverzamelingen (regels voor tags of namen). Het activiteitenlogboek toont de geweigerde aanvraag en de toewijzing die hem weigerde.',
    ),
    source: 'https://learn.microsoft.com/azure/backup/backup-azure-vms-troubleshoot (UserErrorRequestDisallowedByPolicy)',
  },
  {
    id: 'vm-deleted',
    title: T('The VM no longer exists', 'De VM bestaat niet meer'),
    description: T(
      'The VM was deleted while its backup stayed protected, so the backup policy still looks for it.',
      'De VM is verwijderd terwijl de back-up beveiligd bleef, dus het back-upbeleid zoekt er nog naar.',
    ),
    portalCodes: ['ResourceNotFound', 'BCMV2VMNotFound'],
    visibility: 'no',
    byOwnCode: true,
    signals: ['nothing on the VM: a deleted VM writes no logs, and an older bundle cannot show that it was deleted since'],
    remedy: R([
      [
        'Re-create the virtual machine with the same name and the same resource group name (cloud service name),',
        'Maak de virtuele machine opnieuw met dezelfde naam en dezelfde naam van de resourcegroep (naam van de cloudservice),',
        undefined,
        undefined,
        ['ResourceNotFound', 'BCMV2VMNotFound'],
      ],
      [
        'or stop protecting the virtual machine, with or without deleting the backup data.',
        'of stop de beveiliging van de virtuele machine, met of zonder het verwijderen van de back-upgegevens.',
        undefined,
        undefined,
        ['ResourceNotFound', 'BCMV2VMNotFound'],
      ],
    ]),
    links: [L.vmsTroubleshoot, { title: 'Stop protecting a VM', titleNl: 'De beveiliging van een VM stoppen', url: 'https://learn.microsoft.com/azure/backup/backup-azure-manage-vms#stop-protecting-a-vm' }],
    azureCheck: T(
      'Azure portal > Virtual machines: the VM of the backup item must still exist in its resource group (the activity log shows a deletion). Recovery Services vault > Backup items > Azure Virtual Machine: stop protection of a VM that is gone.',
      'Azure-portal > Virtuele machines: de VM van het back-upitem moet nog bestaan in zijn resourcegroep (het activiteitenlogboek toont een verwijdering). Recovery Services-kluis > Back-upitems > Azure Virtual Machine: stop de beveiliging van een VM die niet meer bestaat.',
    ),
    source: 'https://learn.microsoft.com/azure/backup/backup-azure-vms-troubleshoot (320001, ResourceNotFound / 400094, BCMV2VMNotFound)',
  },
  {
    id: 'vault-copy-timeout',
    title: T('Copying the backup data to the vault timed out', 'Het kopiëren van de back-upgegevens naar de kluis duurde te lang'),
    description: T(
      'The transfer of the snapshot data to the Recovery Services vault did not finish in time: transient storage errors, or too few storage account IOPS for the backup service.',
      'Het overzetten van de momentopnamegegevens naar de Recovery Services-kluis werd niet op tijd klaar: tijdelijke opslagfouten, of te weinig IOPS van het opslagaccount voor de back-upservice.',
    ),
    portalCodes: ['CopyingVHDsFromBackUpVaultTakingLongTime'],
    visibility: 'no',
    byOwnCode: true,
    signals: ['nothing on the VM: the transfer to the vault runs after the snapshot, outside the guest (the snapshot task itself can have succeeded)'],
    remedy: R([
      [
        'Transient storage errors, or too few storage account IOPS for the backup service to transfer the data to the vault within the timeout, cause this. Configure the VM backup with the best practices and retry the backup operation.',
        'Tijdelijke opslagfouten, of te weinig IOPS van het opslagaccount om de gegevens binnen de time-out naar de kluis over te zetten, veroorzaken dit. Configureer de VM-back-up volgens de aanbevolen procedures en probeer de back-upbewerking opnieuw.',
        undefined,
        undefined,
        ['CopyingVHDsFromBackUpVaultTakingLongTime'],
      ],
    ]),
    links: [L.vmsTroubleshoot, L.bestPractices, L.performance],
    azureCheck: T(
      "Recovery Services vault > Backup jobs > the failed job's details: which sub-task failed and how long it ran (the snapshot, then the transfer of data to the vault); the disks' storage load at the backup time.",
      'Recovery Services-kluis > Back-uptaken > details van de mislukte taak: welke subtaak mislukte en hoe lang die liep (de momentopname, daarna het overzetten van de gegevens naar de kluis); de opslagbelasting van de schijven op het moment van de back-up.',
    ),
    source: 'https://learn.microsoft.com/azure/backup/backup-azure-vms-troubleshoot (CopyingVHDsFromBackUpVaultTakingLongTime)',
  },
  {
    id: 'premium-storage-quota',
    title: T('The storage account has no room for the snapshot copy', 'Het opslagaccount heeft geen ruimte voor de kopie van de momentopname'),
    description: T(
      'For premium VMs on VM backup stack V1 the snapshot is copied to the storage account; without enough free space there the copy fails.',
      "Bij premium-VM's op VM-back-upstack V1 wordt de momentopname naar het opslagaccount gekopieerd; zonder genoeg vrije ruimte daar mislukt de kopie.",
    ),
    portalCodes: ['UserErrorBCMPremiumStorageQuotaError'],
    visibility: 'no',
    byOwnCode: true,
    signals: ["nothing on the VM: the storage account's capacity is visible only in Azure"],
    remedy: R([
      [
        'For premium VMs on VM backup stack V1 the backup service copies the snapshot to the storage account, so that backup traffic does not take IOPS from the application on the premium disks. Allocate only 50 percent (17.5 TB) of the total storage account space, so the service can copy the snapshot there and transfer it to the vault.',
        "Bij premium-VM's op VM-back-upstack V1 kopieert de back-upservice de momentopname naar het opslagaccount, zodat het back-upverkeer geen IOPS afneemt van de toepassing op de premium-schijven. Gebruik maar 50 procent (17,5 TB) van de totale ruimte van het opslagaccount, zodat de service de momentopname daarheen kan kopiëren en naar de kluis kan overzetten.",
        undefined,
        undefined,
        ['UserErrorBCMPremiumStorageQuotaError'],
      ],
    ]),
    links: [L.vmsTroubleshoot],
    azureCheck: T(
      "Azure portal > the storage account of the VM's premium disks > Monitoring (capacity): the used space must leave room for a copy of the disks' data (use at most 50 percent, 17.5 TB).",
      'Azure-portal > het opslagaccount van de premium-schijven van de VM > Bewaking (capaciteit): de gebruikte ruimte moet plaats laten voor een kopie van de gegevens van de schijven (gebruik hoogstens 50 procent, 17,5 TB).',
    ),
    source: 'https://learn.microsoft.com/azure/backup/backup-azure-vms-troubleshoot (UserErrorBCMPremiumStorageQuotaError)',
  },
  {
    id: 'enhanced-policy-migration',
    title: T('Backups fail after a move from a Standard to an Enhanced policy', 'Back-ups mislukken na de overstap van een Standard- naar een Enhanced-beleid'),
    description: T(
      "The Enhanced policy's snapshot retention is applied to the recovery points created under the Standard policy.",
      'De bewaartermijn voor momentopnamen van het Enhanced-beleid wordt toegepast op de herstelpunten die onder het Standard-beleid zijn gemaakt.',
    ),
    portalCodes: ['BackUpOperationFailedV2'],
    visibility: 'no',
    byOwnCode: true,
    signals: ['nothing on the VM: the backup policy and its recovery points live in the Recovery Services vault'],
    remedy: R([
      [
        'If the backups began to fail after the VM was moved from a Standard to an Enhanced backup policy, contact Microsoft Support for resolution.',
        'Begonnen de back-ups te mislukken nadat de VM van een Standard- naar een Enhanced-back-upbeleid is verplaatst, neem dan contact op met Microsoft Support.',
        undefined,
        undefined,
        ['BackUpOperationFailedV2'],
      ],
    ]),
    links: [L.vmsTroubleshoot],
    azureCheck: T(
      "Recovery Services vault > Backup items > the VM: its backup policy, and whether the VM was moved from a Standard to an Enhanced policy shortly before the failures began (the vault's activity log shows the change).",
      'Recovery Services-kluis > Back-upitems > de VM: het back-upbeleid, en of de VM kort voordat de fouten begonnen van een Standard- naar een Enhanced-beleid is verplaatst (het activiteitenlogboek van de kluis toont de wijziging).',
    ),
    source: 'https://learn.microsoft.com/azure/backup/backup-azure-vms-troubleshoot (BackUpOperationFailedV2 after the migration from a Standard to an Enhanced policy)',
  },
];

export const CAUSE_IDS: readonly CauseId[] = CAUSES.map((c) => c.id);

const byId = new Map(CAUSES.map((c) => [c.id, c] as const));
export function causeById(id: CauseId): CauseDefinition {
  const c = byId.get(id);
  if (!c) throw new Error(`unknown cause ${id}`);
  return c;
}

/** The links that are about one platform's guest: a Windows VM's finding does not send the engineer to a Linux page. */
const LINK_ONLY = new Map<DocLink, GuestPlatform>([
  [L.updateAgent, 'linux'],
  [L.agentReleases, 'linux'],
  [L.autoRestart, 'linux'],
  [L.agentConfig, 'linux'],
  [L.appConsistent, 'linux'],
  [L.vmBackupSource, 'linux'],
  [L.vmSnapshotLinux, 'linux'],
  [L.timeSync, 'linux'],
  [L.fips, 'linux'],
  [TS_AGENT_LINUX, 'linux'],
  [L.agentMsi, 'windows'],
  [L.dotnet, 'windows'],
  [L.winAgentTs, 'windows'],
  [L.winExtCert, 'windows'],
  [L.winAgentVersion, 'windows'],
  [L.backupTls, 'windows'],
  [TS_AGENT_WINDOWS, 'windows'],
]);

/**
 * Portal codes only one platform's guest can get: the freeze and mount codes and the pre/post-script codes are the
 * VMSnapshotLinux extension's (its status codes 121–123, 300–318); VSS, BitLocker, COM+/MSDTC and its desktop heap, the
 * Visual C++ runtime, MachineKeys, IaaSBcdrExtension.exe, the GAC and bitsadmin's proxy are Windows'
 * (backup-azure-vms-troubleshoot, backup-azure-linux-app-consistent, the portal's self-help pages).
 * GuestAgentPluginInstallCommandProcessingFailed is not here: its self-help page gives a Windows step (.NET) and a
 * Linux one (Python, a supported distribution); nor is ExtensionFailedOutOfMemoryError, whose page names no platform.
 */
const CODE_ONLY = new Map<string, GuestPlatform>([
  ...(['UserErrorFsFreezeFailed', 'UserErrorFsFreezeTimeout', 'UserErrorUnableToOpenMount'] as const).map((c) => [c, 'linux'] as const),
  ...(['Pre-ScriptExecutionFailed', 'Post-ScriptExecutionFailed', 'Pre-ScriptNotFound', 'Post-ScriptNotFound', 'IncorrectPluginhostFile', 'IncorrectJSONConfigFile'] as const).map((c) => [c, 'linux'] as const),
  ...(['InsufficientPermissionforPre-Script', 'InsufficientPermissionforPost-Script', 'Pre-ScriptTimeout', 'Post-ScriptTimeout'] as const).map((c) => [c, 'linux'] as const),
  ...(['ExtensionFailedVssWriterInBadState', 'ExtensionFailedVssServiceInBadState', 'ExtensionSnapshotBitlockerError', 'ExtensionVCRedistInstallationFailure'] as const).map((c) => [c, 'windows'] as const),
  ...(['ExtensionSnapshotFailedCOM', 'ExtensionInstallationFailedCOM', 'ExtensionInstallationFailedMDTC', 'ExtensionConfigParsingFailure', 'VMRestorePointInternalError'] as const).map((c) => [c, 'windows'] as const),
  ...(['ExtensionInstallProviderCOMMemoryQuotaReached', 'ExtensionCommandExecFailure', 'ExtensionFailedTimeoutDelayInNetwork'] as const).map((c) => [c, 'windows'] as const),
]);

/** The portal codes of a cause a guest of `platform` can get (all of them when none would be left). */
export function portalCodesFor(codes: readonly string[], platform: GuestPlatform | 'unknown'): string[] {
  const kept = forPlatform(codes, (c) => CODE_ONLY.get(c), platform);
  return kept.length ? kept : [...codes];
}

/** A cause's title for a guest of `platform`: on Windows its Windows wording where it has one. */
export function causeTitle(def: Pick<CauseDefinition, 'title' | 'titleWindows'>, platform: GuestPlatform | 'unknown'): Localized {
  return platform === 'windows' && def.titleWindows ? def.titleWindows : def.title;
}

/** Both languages of the title whose English is `en` (a finding carries the English title chosen for its guest). */
export function titleNamed(def: Pick<CauseDefinition, 'title' | 'titleWindows'>, en: string): Localized {
  return def.titleWindows?.en === en ? def.titleWindows : def.title;
}

/** The items for every guest (`only` gives null or nothing) and for `platform`'s; with the platform unknown, all of them. */
function forPlatform<T>(items: readonly T[], only: (item: T, i: number) => GuestPlatform | null | undefined, platform: GuestPlatform | 'unknown'): T[] {
  return platform === 'unknown' ? [...items] : items.filter((x, i) => (only(x, i) ?? platform) === platform);
}

/** A cause's links for a guest of `platform` (all of them when none would be left). */
export function linksFor(def: Pick<CauseDefinition, 'links'>, platform: GuestPlatform | 'unknown'): DocLink[] {
  const kept = forPlatform(def.links, (l) => LINK_ONLY.get(l), platform);
  return kept.length ? kept : [...def.links];
}

/**
 * The remedy steps for one guest, in the article's order: a Linux VM is not told to open services.msc, a Windows
 * VM not to edit /etc/azure/vmbackup.conf. With the platform unknown every step stays. A finding's `order` puts the
 * steps its evidence points at first, then those that name the job's portal code, and leaves out those its evidence
 * shows do not apply (RemedyOrder).
 */
export function remedySteps(def: Pick<CauseDefinition, 'remedy'>, lang: Lang, platform: GuestPlatform | 'unknown', order?: RemedyOrder): string[] {
  const { only, key } = def.remedy;
  const kept = forPlatform(def.remedy[lang].map((text, i) => ({ text, i })), (s) => only[s.i], platform).filter((s) => !order?.omit?.includes(key[s.i] as RemedyKey));
  const first = order?.first ?? [];
  const code = order?.code;
  const rank = (s: { i: number }) => {
    const at = first.indexOf(key[s.i] as RemedyKey);
    return at >= 0 ? at : code !== undefined && def.remedy.codes[s.i].includes(code) ? first.length : first.length + 1;
  };
  return kept.sort((a, b) => rank(a) - rank(b) || a.i - b.i).map((s) => order?.say?.[key[s.i] as RemedyKey]?.[lang] ?? s.text);
}
