import type { FactBase } from './common';
import type { FactDetail } from '../i18n/analysis';

/** Facts read from /var/log/waagent.log (and the agent's records in other logs). See docs/formats.md "waagent.log". */

export interface AgentVersionFact extends FactBase {
  kind: 'agent-version';
  /** daemon = the distro package (`Azure Linux Agent Version:`); goal-state-agent = the ExtHandler. */
  role: 'daemon' | 'goal-state-agent' | 'unknown';
  version: string;
  /**
   * What the release said went wrong on this line, when the line names the release by what raised (the single-file
   * 2.0 agent's closing `Exception:`): a known-bad release's sign, not a crash of its own (agent-outdated).
   */
  said?: string;
}

export interface AgentLifecycleFact extends FactBase {
  kind: 'agent-lifecycle';
  event:
    | 'daemon-start'
    | 'exthandler-start'
    | 'stop-signal'
    | 'daemon-exception'
    | 'exthandler-exit'
    | 'crash'
    | 'not-terminated-cleanly'
    | 'restart-loop'
    | 'orphan'
    | 'thread-died'
    | 'memory-limit'
    /** The ExtHandler waits for an orphaned agent process to end before it does anything (repeated every few seconds, possibly for days). */
    | 'orphan-wait'
    /** The agent's cgroups handling raised (2.2.32–2.2.40 monitor / extension set-up warnings; in 2.2.31–2.2.40 such errors block extensions, WALinuxAgent #1390). */
    | 'cgroups-error'
    /** systemd could not end the agent's service: its processes outlived SIGKILL (hung in the kernel, uninterruptible). */
    | 'unkillable';
  detail?: string;
  /** The detail as a catalogue message, when the parser gave one (the rules render it in the reader's language). */
  note?: FactDetail;
  exitCode?: number;
  version?: string;
}

/**
 * The goal-state agent's version bounded by the log format of records only it writes (per-extension
 * `[Name-Ver]` and `ExtHandler` lines): VM-local `YYYY/MM/DD` timestamps mean 2.2.45 or older
 * (2.2.30 or older without a `Daemon`/`ExtHandler` prefix). Read when no line names the version.
 */
export interface AgentEraFact extends FactBase {
  kind: 'agent-era';
  maxVersion: string;
  detail: string;
}

export interface AgentHeartbeatFact extends FactBase {
  kind: 'agent-heartbeat';
  version: string;
  counter?: number;
  updateGoalStateErrors?: number;
  /**
   * Read from the journal lines a `systemctl status` block shows (the unit's last few lines), or from a syslog line
   * quoted without its header: an excerpt, so the time to the heartbeat before it is lines left out, not a quiet
   * agent (it ends no heartbeat gap).
   */
  excerpt?: true;
}

export interface GoalStateFact extends FactBase {
  kind: 'goal-state';
  event: 'fetched' | 'processing-started' | 'processing-completed' | 'processing-failed' | 'not-all-completed';
  /** `incarnation_<N>` or `etag_<etag>` when known. */
  id?: string;
  incarnation?: number;
  durationMs?: number;
  detail?: string;
}

export interface GoalStateErrorFact extends FactBase {
  kind: 'goal-state-error';
  detail: string;
  /** True for the "recovered from previous errors" line. */
  recovered?: boolean;
}

/** An `Event: name=..., op=..., message=..., duration=...` record (failures since 2.2.31). */
export interface AgentEventFact extends FactBase {
  kind: 'agent-event';
  name: string;
  op: string;
  message: string;
  durationMs?: number;
  /** The message was base64+zlib (2.2.31–2.2.54) and we decoded it. */
  decoded: boolean;
}

export type ExtensionOp = 'download' | 'install' | 'enable' | 'disable' | 'update' | 'uninstall' | 'processing';

export interface ExtensionOperationFact extends FactBase {
  kind: 'extension-operation';
  handler: string;
  version?: string;
  op: ExtensionOp;
  outcome: 'started' | 'succeeded' | 'failed' | 'timed-out';
  exitCode?: number;
  detail?: string;
  /** The detail as a catalogue message, when the parser gave one (the rules render it in the reader's language). */
  note?: FactDetail;
  durationMs?: number;
  /** Sequence number (ConfigSequenceNumber) when the line gives it. */
  seqNo?: number;
  /**
   * The failure as the platform's verdict on the extension quotes it (a deployment error, a portal notification: "VM
   * has reported a failure when processing extension", "has reported terminal failure for VM extension"): the
   * extension's provisioning state, not one run's line in a log.
   */
  verdict?: true;
}

export interface ExtensionTargetStateFact extends FactBase {
  kind: 'extension-target-state';
  handler: string;
  version?: string;
  state: string;
  goalStateId?: string;
}

export interface ExtensionStatusProblemFact extends FactBase {
  kind: 'extension-status-problem';
  handler: string;
  detail: string;
}

export type Endpoint = 'wireserver' | 'hostgaplugin' | 'imds' | 'storage' | 'backup-host-service' | 'unknown';

export interface ConnectivityFact extends FactBase {
  kind: 'connectivity';
  endpoint: Endpoint;
  ok: boolean;
  url?: string;
  detail: string;
  /** The detail as a catalogue message, when the parser gave one (the rules render it in the reader's language). */
  note?: FactDetail;
  /**
   * The call failed setting up TLS, not reaching the host: the server's certificate chain is not trusted (`trust`: a
   * missing root certificate, SSL inspection) or no TLS version both sides accept (`channel`: TLS 1.2 off for .NET).
   */
  tls?: 'trust' | 'channel';
}

export interface EndpointDiscoveryFact extends FactBase {
  kind: 'endpoint-discovery';
  event:
    | 'wireserver-endpoint'
    | 'route-exists'
    | 'no-route'
    | 'dhcp-request-failed'
    | 'dhcp-no-response'
    | 'lease-found'
    | 'lease-without-245'
    | 'hardcoded-endpoint'
    | 'dhcp-not-available'
    | 'protocol-not-found'
    | 'dhcp-client-not-running'
    | 'dhcp-discovery-disabled';
  detail: string;
  /** The detail as a catalogue message, when the parser gave one (the rules render it in the reader's language). */
  note?: FactDetail;
  endpoint?: string;
}

export interface AgentUpdateFact extends FactBase {
  kind: 'agent-update';
  event: 'discovered' | 'upgrading' | 'failed' | 'blacklisted' | 'disabled' | 'downgrade-refused' | 'purged';
  version?: string;
  detail: string;
  /** The detail as a catalogue message, when the parser gave one (the rules render it in the reader's language). */
  note?: FactDetail;
}

export interface ProvisioningFact extends FactBase {
  kind: 'provisioning';
  event: 'started' | 'succeeded' | 'failed' | 'disabled' | 'skipped' | 'cloud-init';
  detail: string;
}

export interface AgentDisabledFact extends FactBase {
  kind: 'agent-disabled';
  reason: 'disable-agent-file' | 'ovf-provision-guest-agent-false';
}

export interface ExtensionsDisabledFact extends FactBase {
  kind: 'extensions-disabled';
  source: 'log-banner' | 'log-event' | 'log-verbose' | 'conf' | 'on-hold';
}

export interface ConfigBannerFact extends FactBase {
  kind: 'config-banner';
  key: string;
  detail: string;
  /** The detail as a catalogue message, when the parser gave one (the rules render it in the reader's language). */
  note?: FactDetail;
}

export interface NoexecFact extends FactBase {
  kind: 'noexec';
  path: string;
}

export interface CertificateProblemFact extends FactBase {
  kind: 'certificate-problem';
  detail: string;
}

/** Disk or filesystem full as reported by a process (`No space left on device`, ENOSPC). */
export interface DiskSpaceFact extends FactBase {
  kind: 'disk-space';
  /** Mount point when known (`/`, `/var`). */
  mount?: string;
  usedPercent?: number;
  availableBytes?: number;
  full: boolean;
  detail: string;
  /** The detail as a catalogue message, when the parser gave one (the rules render it in the reader's language). */
  note?: FactDetail;
}

export type AgentFact =
  | AgentVersionFact
  | AgentLifecycleFact
  | AgentEraFact
  | AgentHeartbeatFact
  | GoalStateFact
  | GoalStateErrorFact
  | AgentEventFact
  | ExtensionOperationFact
  | ExtensionTargetStateFact
  | ExtensionStatusProblemFact
  | ConnectivityFact
  | EndpointDiscoveryFact
  | AgentUpdateFact
  | ProvisioningFact
  | AgentDisabledFact
  | ExtensionsDisabledFact
  | ConfigBannerFact
  | NoexecFact
  | CertificateProblemFact
  | DiskSpaceFact;
