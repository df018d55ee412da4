import type { FactBase } from './common';
import type { FactDetail } from '../i18n/analysis';

/** Facts read from agent state, configuration and system files (docs/formats.md, goal-state to system files). */

export interface GoalStateDocFact extends FactBase {
  kind: 'goal-state-doc';
  incarnation?: number;
  containerId?: string;
  roleInstanceId?: string;
  /** For history folders: the folder's timestamp, ISO UTC. */
  historyTime?: string;
}

export interface ExtensionsConfigFact extends FactBase {
  kind: 'extensions-config';
  incarnation?: number;
  plugins: { name: string; version: string; state: string; autoUpgrade?: boolean }[];
  /** seqNo of the RuntimeSettings per handler name. */
  seqNos: Record<string, number>;
  statusUploadBlob: boolean;
  gaFamilies: { name: string; version?: string }[];
  createdOnTicks?: string;
  /** Backup-specific public settings of the VMSnapshot plugin, if present (never protected settings). */
  snapshotSettings?: { taskId?: string; commandStartTime?: string; vmType?: string; commandToExecute?: string };
}

export interface HandlerStateFact extends FactBase {
  kind: 'handler-state';
  handler: string;
  version: string;
  /** NotInstalled / Installed / Enabled / FailedUpgrade / Failed. */
  state: string;
}

export interface HandlerStatusFact extends FactBase {
  kind: 'handler-status';
  handler: string;
  version: string;
  status: string;
  code: number;
  message: string;
}

/** Any extension's `status/<N>.status` (the Backup extension also yields a SnapshotStatusFact). */
export interface ExtensionStatusFact extends FactBase {
  kind: 'extension-status';
  handler: string;
  version: string;
  seqNo?: number;
  operation?: string;
  status: string;
  code: number;
  message: string;
  timestampUTC?: string;
}

export interface ExtensionSettingsFact extends FactBase {
  kind: 'extension-settings';
  handler: string;
  version: string;
  seqNo: number;
  hasProtectedSettings: boolean;
  thumbprint?: string;
  /** Names of the public settings (values only for a small allowlist of non-secret keys). */
  publicSettingKeys: string[];
  taskId?: string;
  requestedStart?: string;
  commandToExecute?: string;
}

export interface ExtensionSequenceFact extends FactBase {
  kind: 'extension-mrseq';
  handler: string;
  version: string;
  seqNo: number;
}

export interface AgentStatusFact extends FactBase {
  kind: 'agent-status';
  agentVersion?: string;
  status?: string;
  message?: string;
  handlers: { name: string; version?: string; status?: string; code?: number; message?: string; sequenceNumber?: number }[];
  osName?: string;
  osVersion?: string;
  computerName?: string;
  lastSuccessfulUpload?: string;
}

/**
 * The VM's own state as the platform reports it in its instance view (docs/formats.md "Instance view"), one per status
 * of the VM's `statuses`: `ProvisioningState/<state>` (the last operation on the VM: succeeded, updating, failed, …)
 * or `PowerState/<state>` (running, stopped, deallocated, …).
 */
export interface VmPlatformStateFact extends FactBase {
  kind: 'vm-platform-state';
  aspect: 'provisioning' | 'power';
  /** The state, lower case (`updating`, `deallocated`). */
  state: string;
  /** The platform's words for it (`displayStatus`: `Updating`, `VM deallocated`). */
  display?: string;
}

export interface AgentErrorRecordFact extends FactBase {
  kind: 'agent-error-record';
  agentVersion?: string;
  failureCount: number;
  wasFatal: boolean;
  reason?: string;
  lastFailure?: string;
}

export interface WaagentConfFact extends FactBase {
  kind: 'waagent-conf';
  /** Raw key → value as written (comments stripped). */
  values: Record<string, string>;
  /** What the agent will actually do, with defaults applied. */
  effective: {
    extensionsEnabled: boolean;
    provisioningAgent: string;
    autoUpdate: boolean;
    verbose: boolean;
    endpointDiscovery?: string;
    httpProxy?: string;
    libDir: string;
    enableFirewall?: boolean;
  };
  /** Values the agent silently treats as the default (`Extensions.Enabled=no`, removed keys, ...). */
  ignored: { key: string; value: string; reason: string; line: number }[];
}

export interface OsReleaseFact extends FactBase {
  kind: 'os-release';
  id?: string;
  versionId?: string;
  prettyName?: string;
}

export interface HostnameFact extends FactBase {
  kind: 'hostname';
  name: string;
}

export interface VmBackupConfFact extends FactBase {
  kind: 'vmbackup-conf';
  sections: Record<string, Record<string, string>>;
}

export interface PluginConfigFact extends FactBase {
  kind: 'plugin-config';
  fsFreezeEnabled?: boolean;
  preScriptLocation?: string;
  postScriptLocation?: string;
  timeoutInSeconds?: number;
  continueBackupOnFailure?: boolean;
  valid: boolean;
  detail?: string;
  /** The detail as a catalogue message, when the parser gave one (the rules render it in the reader's language). */
  note?: FactDetail;
}

export interface OvfEnvFact extends FactBase {
  kind: 'ovf-env';
  hostname?: string;
  provisionGuestAgent?: boolean;
}

export interface DiskInfoFact extends FactBase {
  kind: 'disk-info';
  device: string;
  sizeBytes: number;
  encrypted?: boolean;
}

/** Presence of a file that matters by existing (disable_agent, an ADE extension folder, ...). */
export interface MarkerFact extends FactBase {
  kind: 'marker';
  marker: 'disable-agent' | 'ade-extension' | 'provisioned' | 'logs-truncated' | 'windows-guest';
  detail: string;
  /** The detail as a catalogue message, when the parser gave one (the rules render it in the reader's language). */
  note?: FactDetail;
}

/** Windows guest agent (WaAppAgent.log) facts. */
export interface WindowsAgentFact extends FactBase {
  kind: 'windows-agent';
  event: 'start' | 'heartbeat' | 'error' | 'dotnet-missing' | 'plugin-enable' | 'plugin-failed';
  /** The start's: the version the start line names. */
  version?: string;
  plugin?: string;
  detail: string;
}

/** One live check run over SSH (probes.json). */
export interface ProbeFact extends FactBase {
  kind: 'probe';
  probe: string;
  ok: boolean | null;
  detail: string;
  /** The detail as a catalogue message, when the parser gave one (the rules render it in the reader's language). */
  note?: FactDetail;
  data?: Record<string, unknown>;
}

export interface CollectionFact extends FactBase {
  kind: 'collection';
  host: string;
  user?: string;
  collectedAt: string;
  hostKeyFingerprint?: string;
  incomplete: boolean;
  detail?: string;
  /** The detail as a catalogue message (the English is `detail`). */
  note?: FactDetail;
}

export interface LogCollectorFact extends FactBase {
  kind: 'logcollector';
  event: 'completed' | 'failed' | 'archive-too-big' | 'file-truncated' | 'file-discarded';
  detail: string;
}

/**
 * Agent-independent system events from syslog/messages/dmesg: a guest-initiated shutdown or reboot
 * (the VM state Azure reports can then be wrong), a boot, a task hung (often a frozen filesystem),
 * the OOM killer.
 */
export interface SystemEventFact extends FactBase {
  kind: 'system-event';
  event: 'shutdown' | 'reboot' | 'boot' | 'hung-task' | 'oom-kill';
  detail: string;
  /** oom-kill: the process the kernel killed (`Killed process 1782 (python)`), when the report names it. */
  victim?: string;
  /** oom-kill: the process whose allocation started the OOM report (`python3 invoked oom-killer`). */
  invoker?: string;
  /**
   * oom-kill: `system` when the whole VM ran out of memory; `cgroup` when a memory cgroup hit its own
   * limit (`Memory cgroup out of memory`, `constraint=CONSTRAINT_MEMCG`): the VM itself had memory.
   */
  scope?: 'system' | 'cgroup';
  /** oom-kill: the memory cgroup whose limit was hit, when the report names it. */
  cgroup?: string;
  /** oom-kill: the agent's periodic log collector (its 30 MB cgroup, or a kill right after it started). */
  logCollector?: boolean;
}

export type StateFact =
  | GoalStateDocFact
  | ExtensionsConfigFact
  | HandlerStateFact
  | HandlerStatusFact
  | ExtensionStatusFact
  | ExtensionSettingsFact
  | ExtensionSequenceFact
  | AgentStatusFact
  | VmPlatformStateFact
  | AgentErrorRecordFact
  | WaagentConfFact
  | OsReleaseFact
  | HostnameFact
  | VmBackupConfFact
  | PluginConfigFact
  | OvfEnvFact
  | DiskInfoFact
  | MarkerFact
  | WindowsAgentFact
  | ProbeFact
  | CollectionFact
  | LogCollectorFact
  | SystemEventFact;
