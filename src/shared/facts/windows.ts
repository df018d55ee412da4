import type { FactBase } from './common';
import type { FactDetail } from '../i18n/analysis';

/**
 * Facts only a Windows guest yields (docs/formats.md, "Windows guest"). Everything that has a generic
 * meaning (agent version, heartbeats, goal states, WireServer failures, certificate problems, extension
 * operations, VSS failures as snapshot milestones) is emitted as the generic fact; these carry what
 * has no generic kind.
 */

/** One event of an Application/System event log export (text, tab-separated, CSV or XML). */
export interface WindowsEventFact extends FactBase {
  kind: 'windows-event';
  /** `Application`, `System`, … when the export says. */
  channel?: string;
  /** Provider / source (`Service Control Manager`, `.NET Runtime`, `VSS`, `Application Error`). */
  provider: string;
  /** 0 when a pasted message does not say. */
  eventId: number;
  /** `error` / `warning` / `information` / `unknown`. */
  level: string;
  /** The rendered description (or the XML parameters), whitespace collapsed, whole up to 4,000 characters. */
  message: string;
  /** What the event means for the backup, when it is one the catalogue knows. */
  meaning?: WindowsEventMeaning;
  /** The process or service the event is about (`WindowsAzureGuestAgent.exe`, `RdAgent`). */
  subject?: string;
}

export type WindowsEventMeaning =
  | 'agent-crash' // .NET Runtime 1026 / Application Error 1000 for the agent's processes
  | 'agent-service-stopped' // SCM 7031/7034 (terminated unexpectedly) for RdAgent / WindowsAzureGuestAgent
  | 'agent-service-start-failed' // SCM 7000/7009/7011/7024 for the agent's services
  | 'agent-service-state' // SCM 7036 for the agent's services
  | 'extension-crash' // Application Error 1000 for IaaSBcdrExtension.exe
  | 'extension-blocked' // AppLocker 8004: IaaSBcdrExtension.exe was prevented from running
  | 'extension-block-audited' // AppLocker 8003: IaaSBcdrExtension.exe ran, but an enforced policy would block it
  | 'complus-failure' // COM+ 4689: the COM+ runtime the Backup extension's VSS provider needs is inconsistent
  | 'vss-failure' // VSS / VolSnap errors that fail a shadow copy
  | 'backup-gac-retry' // COM+ SOAP Services failing to remove or install the Backup extension's assembly in the GAC (retried, harmless)
  | 'vss-noise'; // VSS errors Microsoft documents as unrelated to Azure Backup (8194 IVssWriterCallback)

/** One writer of a `vssadmin list writers` output. */
export interface VssWriterFact extends FactBase {
  kind: 'vss-writer';
  writer: string;
  /** The bracketed VSS_WRITER_STATE number (1 = stable, 5 = waiting for completion, 6–15 = failed at a phase). */
  stateCode: number;
  state: string;
  lastError: string;
  failed: boolean;
}

/**
 * A Windows guest agent condition that has no generic fact kind: the agent stuck stopping, waiting for
 * OOBE, its .NET host misconfigured (Enable64Bit, machine.config), its installer failing.
 */
export interface WindowsAgentIssueFact extends FactBase {
  kind: 'windows-agent-issue';
  issue: 'stuck-stopping' | 'oobe-wait' | 'bad-image-format' | 'config-error' | 'install-failed' | 'plugin-install-failed';
  detail: string;
  /** The detail as a catalogue message, when the parser gave one (the rules render it in the reader's language). */
  note?: FactDetail;
}

export type WindowsFact = WindowsEventFact | VssWriterFact | WindowsAgentIssueFact;
