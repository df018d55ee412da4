import type { PortalCodeDefinition } from './types';

const T = (en: string, nl: string) => ({ en, nl });

/**
 * Portal error codes and the causes to walk for each, in the seed article's order
 * (then the causes research/vmsnapshot.md §3.7 adds).
 */
export const PORTAL_CODES: readonly PortalCodeDefinition[] = [
  {
    code: 'UserErrorGuestAgentStatusUnavailable',
    message: T('VM Agent unable to communicate with Azure Backup', 'VM-agent kan niet communiceren met Azure Backup'),
    causes: ['agent-not-running', 'agent-unresponsive', 'agent-outdated', 'extension-failed-state', 'no-network-wireserver', 'disk-full'],
    source: 'seed #usererrorguestagentstatusunavailable',
  },
  {
    code: 'GuestAgentSnapshotTaskStatusError',
    message: T('Could not communicate with the VM agent for snapshot status', 'Kan niet communiceren met de VM-agent voor de status van de momentopname'),
    causes: ['agent-unresponsive', 'dotnet-missing', 'agent-outdated', 'vm-state-misreported', 'dhcp-disabled', 'agent-config-disabled', 'agent-not-running', 'extension-stuck', 'no-network-wireserver', 'snapshot-task-delayed'],
    source: 'seed #guestagentsnapshottaskstatuserror',
  },
  {
    code: 'UserErrorVmProvisioningStateFailed',
    message: T('The VM is in failed provisioning state', 'De VM heeft de inrichtingsstatus mislukt'),
    causes: ['extension-failed-state', 'vm-provisioning-updating'],
    source: 'seed #usererrorvmprovisioningstatefailed',
  },
  {
    code: 'UserErrorRpCollectionLimitReached',
    message: T('The Restore Point collection max limit has reached', 'De limiet voor de verzameling herstelpunten is bereikt'),
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
    message: T('Snapshot operation failed due to no network connectivity on the virtual machine', 'Momentopname mislukt omdat er geen netwerkverbinding beschikbaar is op de virtuele machine'),
    causes: ['vm-state-misreported', 'dhcp-disabled', 'no-network-wireserver', 'storage-unreachable'],
    source: 'seed #extensionsnapshotfailednonetwork',
  },
  {
    code: 'ExtensionOperationFailedForManagedDisks',
    message: T('VMSnapshot extension operation failed', 'VMSnapshot-extensiebewerking is mislukt'),
    causes: ['snapshot-task-delayed', 'storage-unreachable', 'vm-state-misreported', 'dhcp-disabled', 'agent-unresponsive', 'agent-outdated', 'clock-skew'],
    source: 'seed #extensionoperationfailedformanageddisks',
  },
  {
    code: 'BackUpOperationFailed',
    message: T('Backup failed with an internal error - Please retry the operation in a few minutes', 'Back-up is mislukt met een interne fout - Probeer de bewerking binnen enkele minuten opnieuw'),
    causes: ['agent-unresponsive', 'agent-outdated', 'vm-state-misreported', 'dhcp-disabled', 'storage-unreachable', 'rp-resource-group-lock', 'agent-not-running'],
    source: 'seed #backupoperationfailed--backupoperationfailedv2',
  },
  {
    code: 'BackUpOperationFailedV2',
    message: T('Backup failed with an internal error - Please retry the operation in a few minutes', 'Back-up is mislukt met een interne fout - Probeer de bewerking binnen enkele minuten opnieuw'),
    causes: ['agent-unresponsive', 'agent-outdated', 'vm-state-misreported', 'dhcp-disabled', 'storage-unreachable', 'rp-resource-group-lock', 'agent-not-running'],
    source: 'seed #backupoperationfailed--backupoperationfailedv2',
  },
  {
    code: 'UserErrorUnsupportedDiskSize',
    message: T('The configured disk size(s) is currently not supported by Azure Backup', 'De geconfigureerde schijfgrootte(s) wordt momenteel niet ondersteund door Azure Backup'),
    causes: ['disk-size-unsupported'],
    source: 'seed #usererrorunsupporteddisksize',
  },
  {
    code: 'UserErrorBackupOperationInProgress',
    message: T('Unable to initiate backup as another backup operation is currently in progress', 'Kan geen back-up starten omdat er momenteel een andere back-upbewerking wordt uitgevoerd'),
    causes: ['backup-in-progress'],
    source: 'seed #usererrorbackupoperationinprogress',
  },
  {
    code: 'UserErrorCrpReportedUserError',
    message: T('Backup failed due to an error. For details, see Job Error Message Details', 'Back-up is mislukt als gevolg van een fout. Zie Details van het bericht taakfout voor meer informatie'),
    causes: ['extension-failed-state', 'fsfreeze-failed', 'prepost-script-failed', 'storage-unreachable'],
    source: 'seed #usererrorcrpreportedusererror',
  },
  {
    code: 'UserErrorBcmDatasourceNotPresent',
    message: T('Backup failed: This virtual machine is not (actively) protected by Azure Backup', 'Back-up mislukt: deze virtuele machine wordt niet (actief) beschermd door Azure Backup'),
    causes: ['datasource-not-protected'],
    source: 'seed #usererrorbcmdatasourcenotpresent',
  },
  { code: 'UserErrorFsFreezeFailed', message: T('Failed to freeze one or more mount-points of the VM to take a file-system consistent snapshot', 'Kan een of meer koppelpunten van de VM niet bevriezen voor een bestandssysteemconsistente momentopname'), causes: ['fsfreeze-failed'], source: 'research vmsnapshot.md §3.7' },
  { code: 'UserErrorFsFreezeTimeout', message: T('Filesystem freeze timed out', 'Bevriezen van het bestandssysteem is verlopen'), causes: ['fsfreeze-failed'], source: 'research vmsnapshot.md §3.7' },
  { code: 'UserErrorUnableToOpenMount', message: T('Unable to open a mount point for freezing', 'Kan een koppelpunt niet openen om te bevriezen'), causes: ['fsfreeze-failed'], source: 'research vmsnapshot.md §3.7' },
  { code: 'ExtensionPreScriptTimeout', message: T('The pre-script timed out', 'Het prescript is verlopen'), causes: ['prepost-script-failed'], source: 'research vmsnapshot.md §3.3' },
  { code: 'ExtensionStuckInDeletionState', message: T('Extension state is not supportive to the backup operation', 'De extensiestatus ondersteunt de back-upbewerking niet'), causes: ['extension-failed-state'], source: 'research vmsnapshot.md §3.7' },
  { code: 'NoExtensionStatusButStatusBlobAvailable', message: T('No extension status, but the status blob is available', 'Geen extensiestatus, maar de statusblob is beschikbaar'), causes: ['extension-stuck'], source: 'research vmsnapshot.md §3.7' },
  { code: 'ExtensionFailedSnapshotLimitReachedError', message: T('Snapshot operation failed as snapshot limit is exceeded for some of the disks attached', 'Momentopname mislukt omdat de momentopnamelimiet voor sommige schijven is overschreden'), causes: ['snapshot-limit-reached'], source: 'research vmsnapshot.md §3.7' },
  { code: 'ExtensionFailedSnapshotRateExceededError', message: T('Snapshot operation failed as the snapshot rate is exceeded', 'Momentopname mislukt omdat de momentopnamefrequentie is overschreden'), causes: ['snapshot-limit-reached'], source: 'research vmsnapshot.md §3.7' },
  { code: 'GuestAgentCertificateNotFound', message: T('The guest agent cannot find the certificate to decrypt the settings', 'De gastagent kan het certificaat voor het ontsleutelen van de instellingen niet vinden'), causes: ['certificate-missing'], source: 'research vmsnapshot.md §3.7' },
  { code: 'UserErrorGuestAgentVersionUnsupported', message: T('The guest agent version is not supported', 'De versie van de gastagent wordt niet ondersteund'), causes: ['agent-outdated'], source: 'research vmsnapshot.md §3.7' },
];

const byCode = new Map(PORTAL_CODES.map((p) => [p.code.toLowerCase(), p] as const));
/** Case-insensitive lookup; tolerates surrounding spaces. */
export function portalCode(code: string): PortalCodeDefinition | undefined {
  return byCode.get(code.trim().toLowerCase());
}
