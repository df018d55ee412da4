import type { CauseId } from '../../src/shared';

/**
 * Every portal error code and every cause of the seed article ("Troubleshoot Azure Backup failure: Issues with the
 * agent or extension", ms.date 07/05/2019; its Dutch edition is test/fixtures/seed, see SOURCE.md there), written
 * down in this project's own words and ids, with how the app answers each: from guest evidence (`guest`, with a real
 * case or a fixture of test/catalog/seed-coverage.test.ts that shows it detected with evidence), or as "cannot be seen
 * from the guest" with what to check in the portal (`azure`), or, for the one wrapper code, by sending the engineer to
 * the job's own error details (`job-details`).
 */
export type SeedAnswer =
  | { seen: 'guest'; id: CauseId; proof: { case: string } | { fixture: SeedFixture } }
  | { seen: 'azure'; id: CauseId }
  | { seen: 'job-details' };

export type SeedFixture = 'dotnet-missing' | 'vm-state-misreported' | 'snapshot-task-delayed' | 'disk-size-unsupported';

export interface SeedCause {
  /** The cause in our words. */
  what: string;
  /** The article's section that names it (its English anchor). */
  section: string;
  /** The portal codes under which the article walks to it, directly or through a shared section. */
  codes: readonly string[];
  answer: SeedAnswer;
}

/** The article's 13 codes, in its order (BackUpOperationFailed and its V2 share a section). */
export const SEED_CODES = [
  'UserErrorGuestAgentStatusUnavailable',
  'GuestAgentSnapshotTaskStatusError',
  'UserErrorVmProvisioningStateFailed',
  'UserErrorRpCollectionLimitReached',
  'UserErrorKeyvaultPermissionsNotConfigured',
  'ExtensionSnapshotFailedNoNetwork',
  'ExtensionOperationFailedForManagedDisks',
  'BackUpOperationFailed',
  'BackUpOperationFailedV2',
  'UserErrorUnsupportedDiskSize',
  'UserErrorBackupOperationInProgress',
  'UserErrorCrpReportedUserError',
  'UserErrorBcmDatasourceNotPresent',
] as const;

/* The codes that walk to the article's shared sections ("Cause 1…4" links and the agent-status code's steps). */
const WINDOWS_AGENT = ['UserErrorGuestAgentStatusUnavailable', 'GuestAgentSnapshotTaskStatusError', 'ExtensionOperationFailedForManagedDisks', 'BackUpOperationFailed', 'BackUpOperationFailedV2'];
const LINUX_AGENT = WINDOWS_AGENT;
const SNAPSHOT = ['GuestAgentSnapshotTaskStatusError', 'ExtensionSnapshotFailedNoNetwork', 'ExtensionOperationFailedForManagedDisks', 'BackUpOperationFailed', 'BackUpOperationFailedV2'];

export const SEED_CAUSES: readonly SeedCause[] = [
  // UserErrorGuestAgentStatusUnavailable: the agent stopped, outdated, inconsistent or not installed; extensions not provisioned
  { what: 'the guest agent is stopped or not installed', section: 'usererrorguestagentstatusunavailable', codes: ['UserErrorGuestAgentStatusUnavailable'], answer: { seen: 'guest', id: 'agent-not-running', proof: { case: 'jpaztech-notready-agent-service-stopped' } } },
  { what: 'the guest agent is in an inconsistent state', section: 'usererrorguestagentstatusunavailable', codes: ['UserErrorGuestAgentStatusUnavailable'], answer: { seen: 'guest', id: 'agent-unresponsive', proof: { case: 'waagent-626-2-2-6-hostplugin-400-restart-loop' } } },
  { what: 'the guest agent is out of date', section: 'usererrorguestagentstatusunavailable', codes: ['UserErrorGuestAgentStatusUnavailable'], answer: { seen: 'guest', id: 'agent-outdated', proof: { case: 'waagent-1390-cgroups-error-blocks-extensions' } } },
  { what: 'an extension is not in the "provisioning succeeded" state', section: 'usererrorguestagentstatusunavailable', codes: ['UserErrorGuestAgentStatusUnavailable'], answer: { seen: 'guest', id: 'extension-failed-state', proof: { case: 'cse-107-deployment-error-enable-exit-status-1' } } },
  // "the agent is installed in the VM but unresponsive (Windows VMs)"
  { what: 'Windows: the guest agent service is stopped, dies or is not installed', section: 'the-agent-installed-in-the-vm-but-unresponsive-for-windows-vms', codes: WINDOWS_AGENT, answer: { seen: 'guest', id: 'agent-not-running', proof: { case: 'win-windowsvmagent-8-rdagent-1018-crash' } } },
  { what: 'Windows: the guest agent is installed but does not respond', section: 'the-agent-installed-in-the-vm-but-unresponsive-for-windows-vms', codes: WINDOWS_AGENT, answer: { seen: 'guest', id: 'agent-unresponsive', proof: { case: 'win-learn-agent-stuck-stopping' } } },
  { what: 'Windows: .NET 4.5, which the agent needs to talk to the service, is missing', section: 'the-agent-installed-in-the-vm-but-unresponsive-for-windows-vms', codes: WINDOWS_AGENT, answer: { seen: 'guest', id: 'dotnet-missing', proof: { fixture: 'dotnet-missing' } } },
  // "the agent installed in the VM is out of date (Linux VMs)"
  { what: 'Linux: the guest agent is out of date', section: 'the-agent-installed-in-the-vm-is-out-of-date-for-linux-vms', codes: LINUX_AGENT, answer: { seen: 'guest', id: 'agent-outdated', proof: { case: 'waagent-589-hostplugin-unavailable-exthandler-crash' } } },
  { what: 'Linux: the guest agent process is not running', section: 'the-agent-installed-in-the-vm-is-out-of-date-for-linux-vms', codes: LINUX_AGENT, answer: { seen: 'guest', id: 'agent-not-running', proof: { case: 'waagent-2646-service-disabled-no-start-on-boot' } } },
  // "VM agent configuration options are not set (Linux VMs)"
  { what: 'Linux: Extensions.Enable or Provisioning.Agent is not set as backup needs it', section: 'vm-agent-configuration-options-are-not-set-for-linux-vms', codes: ['GuestAgentSnapshotTaskStatusError'], answer: { seen: 'guest', id: 'agent-config-disabled', proof: { case: 'docs-42262-extensions-enabled-n' } } },
  // "the snapshot status cannot be retrieved or a snapshot cannot be taken": its table's two rows, then its introduction's two reasons
  { what: 'the VM was shut down from inside the guest (RDP), so Azure reports its state wrongly', section: 'the-snapshot-status-cannot-be-retrieved-or-a-snapshot-cannot-be-taken', codes: SNAPSHOT, answer: { seen: 'guest', id: 'vm-state-misreported', proof: { fixture: 'vm-state-misreported' } } },
  { what: 'the VM gets no host or fabric address from DHCP', section: 'the-snapshot-status-cannot-be-retrieved-or-a-snapshot-cannot-be-taken', codes: SNAPSHOT, answer: { seen: 'guest', id: 'dhcp-disabled', proof: { case: 'waagent-1335-static-ip-no-dhcp' } } },
  { what: 'the backup cannot reach the storage account', section: 'the-snapshot-status-cannot-be-retrieved-or-a-snapshot-cannot-be-taken', codes: SNAPSHOT, answer: { seen: 'guest', id: 'storage-unreachable', proof: { case: 'ext-494-restricted-network-409' } } },
  { what: 'the snapshot task runs late', section: 'the-snapshot-status-cannot-be-retrieved-or-a-snapshot-cannot-be-taken', codes: SNAPSHOT, answer: { seen: 'guest', id: 'snapshot-task-delayed', proof: { fixture: 'snapshot-task-delayed' } } },
  // ExtensionSnapshotFailedNoNetwork: the code's own message, no network connectivity on the VM (the host's endpoint unreachable)
  { what: 'the VM has no network connectivity: the agent cannot reach the host (WireServer)', section: 'extensionsnapshotfailednonetwork', codes: ['ExtensionSnapshotFailedNoNetwork'], answer: { seen: 'guest', id: 'no-network-wireserver', proof: { case: 'waagent-3492-iptables-drop-wireserver' } } },
  // UserErrorVmProvisioningStateFailed
  { what: 'the VMSnapshot extension is in a failed state', section: 'usererrorvmprovisioningstatefailed', codes: ['UserErrorVmProvisioningStateFailed'], answer: { seen: 'guest', id: 'extension-failed-state', proof: { case: 'win-tsg-vmsnapshot-install-provider-com' } } },
  { what: 'another extension is in a failed state', section: 'usererrorvmprovisioningstatefailed', codes: ['UserErrorVmProvisioningStateFailed'], answer: { seen: 'guest', id: 'extension-failed-state', proof: { case: 'cse-107-deployment-error-enable-exit-status-1' } } },
  { what: 'the VM is in an updating provisioning state', section: 'usererrorvmprovisioningstatefailed', codes: ['UserErrorVmProvisioningStateFailed'], answer: { seen: 'guest', id: 'vm-provisioning-updating', proof: { case: 'waagent-1565-vm-stuck-updating-parse-ext-status' } } },
  // UserErrorRpCollectionLimitReached (and BackUpOperationFailed's cause 4)
  { what: 'a lock on the restore point resource group stops the cleanup of old restore points', section: 'remove_lock_from_the_recovery_point_resource_group', codes: ['UserErrorRpCollectionLimitReached', 'BackUpOperationFailed', 'BackUpOperationFailedV2'], answer: { seen: 'azure', id: 'rp-resource-group-lock' } },
  { what: 'more backups a day than the 18 instant restore points allow', section: 'usererrorrpcollectionlimitreached', codes: ['UserErrorRpCollectionLimitReached'], answer: { seen: 'azure', id: 'rp-collection-limit' } },
  { what: 'the backup has no permission to the key vault of an encrypted VM', section: 'usererrorkeyvaultpermissionsnotconfigured', codes: ['UserErrorKeyvaultPermissionsNotConfigured'], answer: { seen: 'azure', id: 'keyvault-permissions' } },
  { what: 'a disk larger than 32 TB, or an encrypted disk larger than 4 TB', section: 'usererrorunsupporteddisksize', codes: ['UserErrorUnsupportedDiskSize'], answer: { seen: 'guest', id: 'disk-size-unsupported', proof: { fixture: 'disk-size-unsupported' } } },
  { what: 'another backup job of the VM is still running', section: 'usererrorbackupoperationinprogress', codes: ['UserErrorBackupOperationInProgress'], answer: { seen: 'azure', id: 'backup-in-progress' } },
  { what: "the job's own error details name the cause", section: 'usererrorcrpreportedusererror', codes: ['UserErrorCrpReportedUserError'], answer: { seen: 'job-details' } },
  { what: 'the VM is not (actively) protected by Azure Backup', section: 'usererrorbcmdatasourcenotpresent', codes: ['UserErrorBcmDatasourceNotPresent'], answer: { seen: 'azure', id: 'datasource-not-protected' } },
];
