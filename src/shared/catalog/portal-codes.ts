import type { CauseId, PortalCodeDefinition } from './types';

const T = (en: string, nl: string) => ({ en, nl });
/** "Troubleshooting backup failures on Azure virtual machines". */
const VMS = 'https://learn.microsoft.com/azure/backup/backup-azure-vms-troubleshoot';

/*
 * The seed article's shared section "the snapshot status cannot be retrieved or a snapshot cannot
 * be taken": its table rows (VM shut down from inside, DHCP) first, then the two reasons its
 * introduction gives (no access to the storage account, the snapshot task is delayed).
 */
const SNAPSHOT_SECTION: CauseId[] = ['vm-state-misreported', 'dhcp-disabled', 'storage-unreachable', 'snapshot-task-delayed'];

/**
 * Portal error codes and the causes to walk for each: first the causes the seed article lists for
 * the code, in its order, then the ones other Microsoft documentation and self-help pages and
 * docs/CONTRACT.md add. A code may list causes whose own `portalCodes` do not name it (the article points
 * at them from this code); the reverse must always hold (checked in test/catalog).
 */
export const PORTAL_CODES: readonly PortalCodeDefinition[] = [
  {
    code: 'UserErrorGuestAgentStatusUnavailable',
    message: T('VM Agent unable to communicate with Azure Backup', 'VM-agent kan niet communiceren met Azure Backup'),
    // Article: agent stopped / inconsistent → restart (Windows: unresponsive steps, Linux: out-of-date
    // steps), then extensions not in "provisioning succeeded". Self-help (Linux): root drive space.
    // Windows' restart steps are the unresponsive-agent section, whose .NET 4.5 check makes dotnet-missing the last.
    causes: ['agent-not-running', 'agent-unresponsive', 'agent-outdated', 'extension-failed-state', 'disk-full', 'no-network-wireserver', 'dotnet-missing'],
    source: 'seed #usererrorguestagentstatusunavailable; Azure portal self-help for the code (Linux)',
  },
  {
    code: 'GuestAgentSnapshotTaskStatusError',
    message: T('Could not communicate with the VM agent for snapshot status', 'Kan niet communiceren met de VM-agent voor de status van de momentopname'),
    // Article causes 1–4: unresponsive agent (Windows, with its .NET check), outdated agent (Linux),
    // the snapshot section, agent configuration options. Research: stuck status code 4, dead agent, no WireServer.
    // The snapshot section's storage account, last (test/catalog/seed-coverage.test.ts). Then the current article's cause 5,
    // an application control solution (AppLocker) blocking IaaSBcdrExtension.exe: the extension cannot run.
    causes: ['agent-unresponsive', 'dotnet-missing', 'agent-outdated', 'vm-state-misreported', 'dhcp-disabled', 'snapshot-task-delayed', 'agent-config-disabled', 'extension-stuck', 'agent-not-running', 'no-network-wireserver', 'storage-unreachable', 'extension-failed-state'],
    source: 'seed #guestagentsnapshottaskstatuserror; cause 5 (AppLocker): https://learn.microsoft.com/azure/backup/backup-azure-troubleshoot-vm-backup-fails-snapshot-timeout#application-control-solution-is-blocking-iaasbcdrextensionexe; Azure Backup troubleshooting articles',
  },
  {
    code: 'UserErrorVmProvisioningStateFailed',
    message: T('The VM is in failed provisioning state', 'De VM heeft de inrichtingsstatus Mislukt'),
    causes: ['extension-failed-state', 'vm-provisioning-updating'],
    source: 'seed #usererrorvmprovisioningstatefailed',
  },
  {
    code: 'UserErrorRpCollectionLimitReached',
    message: T('The Restore Point collection max limit has reached', 'De maximumlimiet van de herstelpuntverzameling is bereikt'),
    causes: ['rp-resource-group-lock', 'rp-collection-limit'],
    source: 'seed #usererrorrpcollectionlimitreached',
  },
  {
    code: 'UserErrorKeyvaultPermissionsNotConfigured',
    message: T("Backup doesn't have sufficient permissions to the key vault for backup of encrypted VMs", "Back-up heeft onvoldoende machtigingen voor de sleutelkluis voor back-ups van versleutelde VM's"),
    causes: ['keyvault-permissions'],
    source: 'seed #usererrorkeyvaultpermissionsnotconfigured',
  },
  {
    code: 'ExtensionSnapshotFailedNoNetwork',
    message: T('Snapshot operation failed due to no network connectivity on the virtual machine', 'Momentopname mislukt omdat de virtuele machine geen netwerkverbinding heeft'),
    // Article: only the snapshot section; its delayed task last, as it is no network failure.
    // Self-help: outbound connectivity, NSG, proxy, responsive agent, DHCP.
    causes: ['vm-state-misreported', 'dhcp-disabled', 'storage-unreachable', 'no-network-wireserver', 'snapshot-task-delayed'],
    source: 'seed #extensionsnapshotfailednonetwork; Azure portal self-help for the code',
  },
  {
    code: 'ExtensionSnapshotFailedNoSecureNetwork',
    message: T(
      'The snapshot operation failed because of failure to create a secure network communication channel',
      'De momentopnamebewerking is mislukt omdat er geen beveiligd kanaal voor netwerkcommunicatie kon worden gemaakt',
    ),
    // The guest's TLS settings: .NET without strong cryptography (SchUseStrongCrypto), or a certificate chain it does not trust.
    causes: ['storage-unreachable'],
    source: 'https://learn.microsoft.com/azure/backup/backup-azure-vms-troubleshoot (ExtensionSnapshotFailedNoSecureNetwork)',
  },
  {
    code: 'ExtensionOperationFailedForManagedDisks',
    message: T('VMSnapshot extension operation failed', 'VMSnapshot-extensiebewerking is mislukt'),
    // Article causes 1–3: the snapshot section, unresponsive agent, outdated agent. Clock skew: azure-docs #76638.
    // Last, what the agent sections also hold: a stopped agent (Windows service, Linux `ps -e`) and .NET 4.5 (Windows).
    causes: [...SNAPSHOT_SECTION, 'agent-unresponsive', 'agent-outdated', 'clock-skew', 'agent-not-running', 'dotnet-missing'],
    source: 'seed #extensionoperationfailedformanageddisks; Azure Backup troubleshooting articles',
  },
  {
    code: 'BackUpOperationFailed',
    message: T('Backup failed with an internal error - Please retry the operation in a few minutes', 'Back-up is mislukt met een interne fout - Probeer de bewerking over enkele minuten opnieuw'),
    // Article causes 1–4: unresponsive agent, outdated agent, the snapshot section, resource-group lock.
    // Then the unresponsive-agent section's .NET 4.5 check (Windows).
    causes: ['agent-unresponsive', 'agent-outdated', ...SNAPSHOT_SECTION, 'rp-resource-group-lock', 'agent-not-running', 'dotnet-missing'],
    source: 'seed #backupoperationfailed--backupoperationfailedv2---backup-fails-with-an-internal-error',
  },
  {
    code: 'BackUpOperationFailedV2',
    message: T('Backup failed with an internal error - Please retry the operation in a few minutes', 'Back-up is mislukt met een interne fout - Probeer de bewerking over enkele minuten opnieuw'),
    // VMS adds the failures after a move from a Standard to an Enhanced policy.
    causes: ['agent-unresponsive', 'agent-outdated', ...SNAPSHOT_SECTION, 'rp-resource-group-lock', 'agent-not-running', 'dotnet-missing', 'enhanced-policy-migration'],
    source: 'seed #backupoperationfailed--backupoperationfailedv2---backup-fails-with-an-internal-error; https://learn.microsoft.com/azure/backup/backup-azure-vms-troubleshoot (BackUpOperationFailedV2)',
  },
  {
    code: 'UserErrorUnsupportedDiskSize',
    message: T('The configured disk size(s) is currently not supported by Azure Backup', 'De geconfigureerde schijfgrootte(s) wordt momenteel niet ondersteund door Azure Backup'),
    causes: ['disk-size-unsupported'],
    source: 'seed #usererrorunsupporteddisksize',
  },
  {
    code: 'UserErrorBackupOperationInProgress',
    message: T('Unable to initiate backup as another backup operation is currently in progress', 'Kan geen back-up starten omdat er al een andere back-upbewerking wordt uitgevoerd'),
    causes: ['backup-in-progress'],
    source: 'seed #usererrorbackupoperationinprogress',
  },
  {
    code: 'UserErrorCrpReportedUserError',
    message: T('Backup failed due to an error. For details, see Job Error Message Details', 'Back-up is mislukt door een fout. Zie de details van het foutbericht van de taak'),
    // A wrapper: the article sends the engineer to the job's error details, where the inner error
    // names the real cause. These are the guest-side causes that report through it; self-help adds
    // "the VM is unable to communicate with the backup service".
    causes: ['fsfreeze-failed', 'prepost-script-failed', 'storage-unreachable', 'extension-failed-state', 'agent-unresponsive'],
    source: 'seed #usererrorcrpreportedusererror; Azure portal self-help for the code',
  },
  {
    code: 'UserErrorBcmDatasourceNotPresent',
    message: T('Backup failed: This virtual machine is not (actively) protected by Azure Backup', 'Back-up mislukt: deze virtuele machine wordt niet (actief) beschermd door Azure Backup'),
    causes: ['datasource-not-protected'],
    source: 'seed #usererrorbcmdatasourcenotpresent',
  },
  // Codes the article does not cover (other Microsoft documentation; docs/causes.md lists them).
  {
    code: 'UserErrorFsFreezeFailed',
    message: T('Failed to freeze one or more mount-points of the VM to take a file-system consistent snapshot', 'Kan een of meer koppelpunten van de VM niet bevriezen voor een bestandssysteemconsistente momentopname'),
    causes: ['fsfreeze-failed'],
    source: 'https://learn.microsoft.com/azure/backup/backup-azure-vms-troubleshoot',
  },
  {
    code: 'UserErrorFsFreezeTimeout',
    message: T('Freezing a file system took more time', 'Het bevriezen van een bestandssysteem duurde te lang'),
    causes: ['fsfreeze-failed'],
    source: 'Azure portal self-help for the code',
  },
  {
    code: 'UserErrorUnableToOpenMount',
    message: T('The backup extension on the VM was unable to open the mount points in the VM', 'De back-upextensie op de VM kon de koppelpunten in de VM niet openen'),
    causes: ['fsfreeze-failed'],
    source: 'https://learn.microsoft.com/azure/backup/backup-azure-vms-troubleshoot',
  },
  // Windows: the VSS side of fsfreeze-failed
  {
    code: 'ExtensionFailedVssWriterInBadState',
    message: T('Snapshot operation failed because VSS writers were in a bad state', 'De momentopname is mislukt omdat VSS-writers in een slechte toestand waren'),
    causes: ['fsfreeze-failed'],
    source: 'https://learn.microsoft.com/azure/backup/backup-azure-vms-troubleshoot (ExtensionFailedVssWriterInBadState)',
  },
  {
    code: 'ExtensionFailedVssServiceInBadState',
    message: T('Snapshot operation failed due to VSS (Volume Shadow Copy) service in bad state', 'De momentopname is mislukt doordat de VSS-service (Volume Shadow Copy) in een slechte toestand was'),
    causes: ['fsfreeze-failed'],
    source: 'https://learn.microsoft.com/azure/backup/backup-azure-vms-troubleshoot (ExtensionFailedVssServiceInBadState)',
  },
  {
    code: 'ExtensionPreScriptTimeout',
    message: T('Execution of App-Consistent Backup Pre-Script timed-out', 'Uitvoering van het prescript voor toepassingsconsistente back-up is verlopen'),
    causes: ['prepost-script-failed'],
    source: 'Azure portal self-help for the code',
  },
  ...(
    [
      ['Pre-ScriptExecutionFailed', 'The prescript returned an error, so backup might not be application-consistent', 'Het prescript gaf een fout, dus de back-up is mogelijk niet toepassingsconsistent'],
      ['Post-ScriptExecutionFailed', 'The post-script returned an error that might impact application state', 'Het postscript gaf een fout die de toestand van de toepassing kan beïnvloeden'],
      ['Pre-ScriptNotFound', 'The prescript was not found at the location given in VMSnapshotScriptPluginConfig.json', 'Het prescript is niet gevonden op de locatie uit VMSnapshotScriptPluginConfig.json'],
      ['Post-ScriptNotFound', 'The post-script was not found at the location given in VMSnapshotScriptPluginConfig.json', 'Het postscript is niet gevonden op de locatie uit VMSnapshotScriptPluginConfig.json'],
      ['IncorrectPluginhostFile', 'The Pluginhost file of the VMSnapshotLinux extension is corrupted, so the scripts cannot run', 'Het Pluginhost-bestand van de VMSnapshotLinux-extensie is beschadigd, dus de scripts kunnen niet worden uitgevoerd'],
      ['IncorrectJSONConfigFile', 'The VMSnapshotScriptPluginConfig.json file is incorrect, so the scripts cannot run', 'Het bestand VMSnapshotScriptPluginConfig.json is onjuist, dus de scripts kunnen niet worden uitgevoerd'],
      ['InsufficientPermissionforPre-Script', 'The prescript must be owned by root with 700 permissions', 'Het prescript moet eigendom zijn van root met machtigingen 700'],
      ['InsufficientPermissionforPost-Script', 'The post-script must be owned by root with 700 permissions', 'Het postscript moet eigendom zijn van root met machtigingen 700'],
      ['Pre-ScriptTimeout', 'The execution of the application-consistent backup prescript timed out', 'De uitvoering van het prescript voor toepassingsconsistente back-up is verlopen'],
      ['Post-ScriptTimeout', 'The execution of the application-consistent backup post-script timed out', 'De uitvoering van het postscript voor toepassingsconsistente back-up is verlopen'],
    ] as const
  ).map(([code, en, nl]): PortalCodeDefinition => ({ code, message: T(en, nl), causes: ['prepost-script-failed'], source: 'https://learn.microsoft.com/azure/backup/backup-azure-linux-app-consistent (Troubleshooting)' })),
  {
    code: 'ExtensionStuckInDeletionState',
    message: T('Extension state is not supportive to the backup operation', 'De status van de extensie staat de back-upbewerking niet toe'),
    causes: ['extension-failed-state'],
    source: 'https://learn.microsoft.com/azure/backup/backup-azure-vms-troubleshoot',
  },
  {
    code: 'NoExtensionStatusButStatusBlobAvailable',
    message: T(
      'The backup extension execution was stuck or crashed, or the system calls might have timed out',
      'De uitvoering van de back-upextensie bleef hangen of crashte, of de systeemaanroepen zijn mogelijk verlopen',
    ),
    causes: ['extension-stuck'],
    source: 'Azure portal self-help for the code',
  },
  {
    code: 'ExtensionFailedSnapshotLimitReachedError',
    message: T('Snapshot operation failed as snapshot limit is exceeded for some of the disks attached', 'Momentopname mislukt omdat de momentopnamelimiet voor sommige gekoppelde schijven is overschreden'),
    causes: ['snapshot-limit-reached'],
    source: 'https://learn.microsoft.com/azure/backup/backup-azure-vms-troubleshoot',
  },
  {
    code: 'ExtensionFailedSnapshotRateExceededError',
    message: T(
      'Backup operation failed as the snapshot call coincided with another snapshot request from a different client',
      'Back-up mislukt omdat de momentopnameaanroep samenviel met een momentopnameverzoek van een andere client',
    ),
    causes: ['snapshot-limit-reached'],
    source: 'Azure portal self-help for the code',
  },
  {
    code: 'GuestAgentCertificateNotFound',
    message: T('Virtual machine guest agent certificate not found', 'Certificaat van de gastagent van de virtuele machine niet gevonden'),
    // Self-help's first remedy is time sync, so a skewed clock is the second cause to walk.
    causes: ['certificate-missing', 'clock-skew'],
    source: 'Azure portal self-help for the code',
  },
  {
    code: 'UserErrorGuestAgentVersionUnsupported',
    message: T('The guest agent version is not supported', 'De versie van de gastagent wordt niet ondersteund'),
    causes: ['agent-outdated'],
    source: 'Azure portal self-help for the code',
  },
  {
    code: 'ManagedRPCreationFailedInCrpButExtensionSucceeded',
    message: T('Backup operation failed for managed disk VM', 'Back-up mislukt voor een VM met beheerde schijven'),
    // Self-help's remedy is "restart/update the guest agent": the extension succeeded, the report did not arrive.
    causes: ['agent-unresponsive', 'agent-outdated'],
    source: 'Azure portal self-help for the code',
  },
  {
    code: 'ExtensionFailedTimeoutVMNetworkUnresponsive',
    message: T('Snapshot operation failed due to inadequate VM resources', 'Momentopname mislukt door onvoldoende VM-resources'),
    causes: ['snapshot-task-delayed', 'storage-unreachable'],
    source: 'https://learn.microsoft.com/azure/backup/backup-azure-vms-troubleshoot',
  },
  /*
   * The rest of "Troubleshooting backup failures on Azure virtual machines" (VMS, ms.date 11/12/2025; its backup
   * sections, in the article's order). Messages as the article prints them; test/catalog/articles.test.ts pins the list.
   */
  {
    code: 'VMRestorePointInternalError',
    // The article gives no message, only its heading; the sign is Application Error 1000 for IaaSBcdrExtension.exe.
    message: T('Antivirus configured in the VM is restricting the execution of backup extension', 'Antivirus op de VM beperkt de uitvoering van de back-upextensie'),
    causes: ['extension-failed-state'],
    source: `${VMS} (VMRestorePointInternalError)`,
  },
  {
    code: 'UserErrorVmNotInDesirableState',
    message: T('VM is not in a state that allows backups', 'De VM heeft geen status die back-ups toestaat'),
    // The VM in Failed state (an extension's failure), a VM between Running and Shut down, SELinux blocking /var/lib/waagent.
    causes: ['extension-failed-state', 'vm-provisioning-updating'],
    source: `${VMS} (UserErrorVmNotInDesirableState)`,
  },
  {
    code: 'ExtensionSnapshotFailedCOM',
    message: T('Snapshot operation failed due to COM+ error', 'Momentopname mislukt door een COM+-fout'),
    causes: ['extension-failed-state'],
    source: `${VMS} (ExtensionSnapshotFailedCOM / ExtensionInstallationFailedCOM / ExtensionInstallationFailedMDTC)`,
  },
  {
    code: 'ExtensionInstallationFailedCOM',
    message: T('Extension installation/operation failed due to a COM+ error', 'Installatie of bewerking van de extensie mislukt door een COM+-fout'),
    causes: ['extension-failed-state'],
    source: `${VMS} (ExtensionSnapshotFailedCOM / ExtensionInstallationFailedCOM / ExtensionInstallationFailedMDTC)`,
  },
  {
    code: 'ExtensionInstallationFailedMDTC',
    message: T(
      'Extension installation failed with the error "COM+ was unable to talk to the Microsoft Distributed Transaction Coordinator',
      'Installatie van de extensie mislukt met de fout "COM+ kon niet communiceren met de Microsoft Distributed Transaction Coordinator"',
    ),
    causes: ['extension-failed-state'],
    source: `${VMS} (ExtensionSnapshotFailedCOM / ExtensionInstallationFailedCOM / ExtensionInstallationFailedMDTC)`,
  },
  {
    code: 'ExtensionConfigParsingFailure',
    message: T('Failure in parsing the config for the backup extension', 'Fout bij het lezen van de configuratie van de back-upextensie'),
    // Changed permissions on MachineKeys: the extension cannot decrypt its protected settings.
    causes: ['certificate-missing'],
    source: `${VMS} (ExtensionConfigParsingFailure)`,
  },
  {
    code: 'CopyingVHDsFromBackUpVaultTakingLongTime',
    message: T('Copying backed up data from vault timed out', 'Het kopiëren van de back-upgegevens van de kluis is verlopen'),
    causes: ['vault-copy-timeout'],
    source: `${VMS} (CopyingVHDsFromBackUpVaultTakingLongTime)`,
  },
  {
    code: 'ResourceNotFound',
    message: T('Could not perform the operation as VM no longer exists', 'Kan de bewerking niet uitvoeren omdat de VM niet meer bestaat'),
    // Error code 320001.
    causes: ['vm-deleted'],
    source: `${VMS} (320001, ResourceNotFound)`,
  },
  {
    code: 'BCMV2VMNotFound',
    message: T("The virtual machine doesn't exist", 'De virtuele machine bestaat niet'),
    // Error code 400094.
    causes: ['vm-deleted'],
    source: `${VMS} (400094, BCMV2VMNotFound)`,
  },
  {
    code: 'UserErrorBCMPremiumStorageQuotaError',
    message: T(
      'Could not copy the snapshot of the virtual machine, due to insufficient free space in the storage account',
      'Kan de momentopname van de virtuele machine niet kopiëren door onvoldoende vrije ruimte in het opslagaccount',
    ),
    causes: ['premium-storage-quota'],
    source: `${VMS} (UserErrorBCMPremiumStorageQuotaError)`,
  },
  {
    code: 'AzureVmOffline',
    message: T('Failed to install Microsoft Recovery Services extension as virtual machine is not running', 'Kan de Microsoft Recovery Services-extensie niet installeren omdat de virtuele machine niet actief is'),
    // Error code 380008; the article's remedy is the VM agent's: install it and check it is installed correctly.
    causes: ['agent-not-running'],
    source: `${VMS} (380008, AzureVmOffline)`,
  },
  {
    code: 'ExtensionSnapshotBitlockerError',
    message: T(
      'The snapshot operation failed with the Volume Shadow Copy Service (VSS) operation error This drive is locked by BitLocker Drive Encryption. You must unlock this drive from the Control Panel.',
      'De momentopname is mislukt met de VSS-bewerkingsfout (Volume Shadow Copy Service) Dit station is vergrendeld door BitLocker-stationsversleuteling. U moet dit station ontgrendelen via het Configuratiescherm.',
    ),
    causes: ['fsfreeze-failed'],
    source: `${VMS} (ExtensionSnapshotBitlockerError)`,
  },
  {
    code: 'VmNotInDesirableState',
    message: T("The VM isn't in a state that allows backups", 'De VM is niet in een status die back-ups toestaat'),
    // As UserErrorVmNotInDesirableState, and "the VM Agent isn't present on the virtual machine".
    causes: ['extension-failed-state', 'vm-provisioning-updating', 'agent-not-running'],
    source: `${VMS} (VmNotInDesirableState)`,
  },
  {
    code: 'ExtensionVCRedistInstallationFailure',
    message: T(
      'The snapshot operation failed because of failure to install Visual C++ Redistributable for Visual Studio 2015',
      'De momentopname is mislukt omdat Visual C++ Redistributable voor Visual Studio 2015 niet kon worden geïnstalleerd',
    ),
    causes: ['extension-failed-state'],
    source: `${VMS} (ExtensionVCRedistInstallationFailure)`,
  },
  {
    code: 'UserErrorRequestDisallowedByPolicy',
    message: T('An invalid policy is configured on the VM which is preventing Snapshot operation', 'Er is een ongeldig beleid op de VM ingesteld dat de momentopname verhindert'),
    causes: ['azure-policy-denied'],
    source: `${VMS} (UserErrorRequestDisallowedByPolicy)`,
  },
  /*
   * Windows extension codes of the portal's self-help pages (Azure/SelfHelpContent, read in the public mirror
   * TheresaLui/SelfHelpContent_v2, articles/microsoft.recoveryservices/azurebackup-crc-<code>.md). Messages as the
   * pages print them (their info bubble, or the issue description where the bubble only repeats the code).
   */
  {
    code: 'ExtensionFailedTimeoutDelayInNetwork',
    message: T('Snapshot operation failed due to delay in network calls made to take disk blob-snapshots', 'Momentopname mislukt door vertraging in de netwerkaanroepen voor de blob-momentopnamen van de schijven'),
    // A proxy delays the calls; the page's remedy is no proxy for LocalSystem.
    causes: ['storage-unreachable'],
    source: 'Azure portal self-help for the code (azurebackup-crc-extensionfailedtimeoutdelayinnetwork)',
  },
  {
    code: 'ExtensionCommandExecFailure',
    message: T('Extension command execution failure', 'Uitvoering van een extensieopdracht mislukt'),
    causes: ['extension-failed-state'],
    source: 'Azure portal self-help for the code (azurebackup-crc-extensioncommandexecfailure)',
  },
  {
    code: 'ExtensionInstallProviderCOMMemoryQuotaReached',
    message: T('Backup operation failed because the extension could not be installed', 'Back-up mislukt omdat de extensie niet kon worden geïnstalleerd'),
    // The desktop heap: the page raises SharedSection, as the COM+ 4689 guide does.
    causes: ['extension-failed-state'],
    source: 'Azure portal self-help for the code (azurebackup-crc-extensioninstallprovidercommemoryquotareached)',
  },
  {
    code: 'GuestAgentPluginInstallCommandProcessingFailed',
    message: T('Extension failed to start. This can be due to runtime environment failure', 'De extensie kon niet starten. Dit kan komen door een fout in de runtime-omgeving'),
    // Windows: .NET; Linux: Python and a supported operating system.
    causes: ['dotnet-missing', 'extension-failed-state'],
    source: 'Azure portal self-help for the code (azurebackup-crc-guestagentplugininstallcommandprocessingfailed)',
  },
  {
    code: 'ExtensionFailedOutOfMemoryError',
    // the page's issue description (its info bubble repeats the COM+ code's text)
    message: T('Snapshot operation failed due to insufficient memory available in VM', 'De momentopname is mislukt doordat er op de VM onvoldoende geheugen beschikbaar was'),
    // The page's remedy: restart the VM to free memory, or add memory. The guest shows a VM out of memory as the
    // kernel's OOM kills (agent-unresponsive reads them); short of memory, the snapshot can also just run late.
    causes: ['agent-unresponsive', 'snapshot-task-delayed'],
    source: 'Azure portal self-help for the code (azurebackup-crc-extensionfailedoutofmemoryerror)',
  },
];

const byCode = new Map(PORTAL_CODES.map((p) => [p.code.toLowerCase(), p] as const));
/** Case-insensitive lookup; tolerates surrounding spaces. */
export function portalCode(code: string): PortalCodeDefinition | undefined {
  return byCode.get(code.trim().toLowerCase());
}

/**
 * Other ways the portal's words reach us, per code: the Dutch (nl-NL, machine-translated) edition of
 * Microsoft's "Troubleshoot Azure Backup failure: Issues with the agent or extension"
 * (https://learn.microsoft.com/nl-nl/azure/backup/backup-azure-troubleshoot-vm-backup-fails-snapshot-timeout,
 * CC BY 4.0) words several messages differently from the catalogue, and even translates two codes.
 * Texts as that edition prints them.
 */
const ALIASES: Readonly<Record<string, { codes?: string[]; nl?: string[]; en?: string[] }>> = {
  UserErrorGuestAgentStatusUnavailable: { codes: ['UserErrorGuestAgentStatusNiet beschikbaar'] },
  GuestAgentSnapshotTaskStatusError: { nl: ['kan niet communiceren met de VM-agent voor momentopnamestatus'] },
  UserErrorVmProvisioningStateFailed: { nl: ['de VM is in de status van inrichting'] },
  UserErrorRpCollectionLimitReached: { nl: ['de maximumlimiet voor de verzameling Herstelpunt is bereikt.'] },
  ExtensionSnapshotFailedNoNetwork: { nl: ['momentopnamebewerking is mislukt omdat er geen netwerkverbinding op de virtuele machine is'] },
  BackUpOperationFailed: { nl: ['Back-up is mislukt met een interne fout - Probeer de bewerking binnen enkele minuten opnieuw'] },
  BackUpOperationFailedV2: { nl: ['Back-up is mislukt met een interne fout - Probeer de bewerking binnen enkele minuten opnieuw'] },
  UserErrorBackupOperationInProgress: { nl: ['Kan geen back-up starten omdat er momenteel een andere back-upbewerking wordt uitgevoerd'] },
  UserErrorCrpReportedUserError: { nl: ['Back-up is mislukt als gevolg van een fout. Zie Details van het bericht taakfout voor meer informatie.'] },
  UserErrorBcmDatasourceNotPresent: { nl: ['back-up is mislukt: deze virtuele machine wordt niet (actief) beschermd door Azure Backup.'] },
  // the message without the quoted error's second sentence, which a pasted job error may leave out
  ExtensionSnapshotBitlockerError: {
    en: ['The snapshot operation failed with the Volume Shadow Copy Service (VSS) operation error This drive is locked by BitLocker Drive Encryption'],
    nl: ['De momentopname is mislukt met de VSS-bewerkingsfout (Volume Shadow Copy Service) Dit station is vergrendeld door BitLocker-stationsversleuteling'],
  },
};

/** Lower case, accents off, every run of non-alphanumerics one space: line wraps, punctuation and case do not matter. */
function words(s: string): string {
  return ` ${s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()} `;
}
const compact = (s: string) => words(s).replace(/ /g, '');

export interface PortalCodeMatch {
  code: string;
  /** Found by the code itself (`code`) or by its message text (`message`, in `lang`). */
  by: 'code' | 'message';
  lang?: 'en' | 'nl';
}

interface Needle {
  code: string;
  by: 'code' | 'message';
  lang?: 'en' | 'nl';
  text: string;
}

const CODE_NEEDLES: Needle[] = PORTAL_CODES.flatMap((p) => [p.code, ...(ALIASES[p.code]?.codes ?? [])].map((c) => ({ code: p.code, by: 'code' as const, text: compact(c) })));
const MESSAGE_NEEDLES: Needle[] = PORTAL_CODES.flatMap((p) => {
  const a = ALIASES[p.code];
  return [
    ...[p.message.en, ...(a?.en ?? [])].map((t) => ({ code: p.code, by: 'message' as const, lang: 'en' as const, text: words(t) })),
    ...[p.message.nl, ...(a?.nl ?? [])].map((t) => ({ code: p.code, by: 'message' as const, lang: 'nl' as const, text: words(t) })),
  ];
});

/** Longest input read: a pasted job error is a few lines; a whole log pasted by mistake is cut. */
const MAX_INPUT = 20_000;

/**
 * The longest portal code field the app accepts (the IPC contract's limit; the CLI reads up to MAX_INPUT): room for
 * a job's whole pasted error pane (code, message, recommended action, a link, a few hundred characters in English
 * or Dutch) several times over, and still bounded.
 */
export const MAX_PORTAL_FIELD = 4_000;
/** An input that names no known code is kept as typed, on one line and at most this long (it is shown in the verdict). */
const MAX_UNKNOWN = 200;

/**
 * The portal codes a pasted backup-job error names: by the code itself (also spaced, hyphenated,
 * wrapped or translated as the Dutch article prints them) and by the code's message in English or
 * Dutch. Codes found by name come first, in the order they appear; a code that is only part of a
 * longer code found at the same place (`BackUpOperationFailed` in `…FailedV2`) is not reported.
 */
export function findPortalCodes(text: string): PortalCodeMatch[] {
  const input = text.length > MAX_INPUT ? text.slice(0, MAX_INPUT) : text;
  const flat = compact(input);
  const found: { code: string; start: number; end: number }[] = [];
  for (const n of CODE_NEEDLES) {
    for (let i = flat.indexOf(n.text); i >= 0; i = flat.indexOf(n.text, i + 1)) found.push({ code: n.code, start: i, end: i + n.text.length });
  }
  const inside = (a: (typeof found)[number]) => found.some((b) => b !== a && b.code !== a.code && b.start <= a.start && b.end >= a.end && b.end - b.start > a.end - a.start);
  const out: PortalCodeMatch[] = [];
  const seen = new Set<string>();
  for (const f of found.filter((x) => !inside(x)).sort((a, b) => a.start - b.start)) {
    if (seen.has(f.code)) continue;
    seen.add(f.code);
    out.push({ code: f.code, by: 'code' });
  }
  const prose = words(input);
  for (const n of MESSAGE_NEEDLES) {
    if (seen.has(n.code) || !prose.includes(n.text)) continue;
    seen.add(n.code);
    out.push({ code: n.code, by: 'message', lang: n.lang });
  }
  return out;
}

/**
 * The portal code an engineer's input names: the code itself (any case), else the first code found in
 * a pasted job error (`findPortalCodes`), else the input as typed (an unknown code stays visible), on one line and
 * cut at MAX_UNKNOWN characters.
 */
export function resolvePortalCode(input: string | undefined): string | undefined {
  const text = input?.trim();
  if (!text) return undefined;
  const known = portalCode(text)?.code ?? findPortalCodes(text)[0]?.code;
  if (known) return known;
  const line = (text.length > MAX_INPUT ? text.slice(0, MAX_INPUT) : text).replace(/[\s\p{Cc}]+/gu, ' ');
  return line.length > MAX_UNKNOWN ? `${line.slice(0, MAX_UNKNOWN - 1)}…` : line;
}
