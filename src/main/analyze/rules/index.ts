import type { Rule } from '../types';
import { rule as agentNotRunning } from './agent-not-running';
import { rule as agentUnresponsive } from './agent-unresponsive';
import { rule as agentOutdated } from './agent-outdated';
import { rule as agentConfigDisabled } from './agent-config-disabled';
import { rule as dotnetMissing } from './dotnet-missing';
import { rule as noNetworkWireserver } from './no-network-wireserver';
import { rule as dhcpDisabled } from './dhcp-disabled';
import { rule as storageUnreachable } from './storage-unreachable';
import { rule as snapshotTaskDelayed } from './snapshot-task-delayed';
import { rule as fsfreezeFailed } from './fsfreeze-failed';
import { rule as prepostScriptFailed } from './prepost-script-failed';
import { rule as extensionFailedState } from './extension-failed-state';
import { rule as extensionStuck } from './extension-stuck';
import { rule as snapshotLimitReached } from './snapshot-limit-reached';
import { rule as certificateMissing } from './certificate-missing';
import { rule as diskFull } from './disk-full';
import { rule as clockSkew } from './clock-skew';
import { rule as vmProvisioningUpdating } from './vm-provisioning-updating';
import { rule as vmStateMisreported } from './vm-state-misreported';
import { rule as backupInProgress } from './backup-in-progress';
import { rule as rpCollectionLimit } from './rp-collection-limit';
import { rule as rpResourceGroupLock } from './rp-resource-group-lock';
import { rule as keyvaultPermissions } from './keyvault-permissions';
import { rule as diskSizeUnsupported } from './disk-size-unsupported';
import { rule as datasourceNotProtected } from './datasource-not-protected';
import { AZURE_ONLY_RULES } from './azure-only';

/** One rule per cause (docs/CONTRACT.md); the engine evaluates every one of them. */
export const RULES: readonly Rule[] = [
  agentNotRunning,
  agentUnresponsive,
  agentOutdated,
  agentConfigDisabled,
  dotnetMissing,
  noNetworkWireserver,
  dhcpDisabled,
  storageUnreachable,
  snapshotTaskDelayed,
  fsfreezeFailed,
  prepostScriptFailed,
  extensionFailedState,
  extensionStuck,
  snapshotLimitReached,
  certificateMissing,
  diskFull,
  clockSkew,
  vmProvisioningUpdating,
  vmStateMisreported,
  backupInProgress,
  rpCollectionLimit,
  rpResourceGroupLock,
  keyvaultPermissions,
  diskSizeUnsupported,
  datasourceNotProtected,
  ...AZURE_ONLY_RULES,
];
