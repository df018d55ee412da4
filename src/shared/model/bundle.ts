import type { LegacyEncoding } from '../formats/encoding';
import type { ForeignContent } from '../formats/foreign';
import type { WarningNote } from '../i18n/analysis';
/**
 * A bundle is what the engineer dropped (or what SSH collected): one or more inputs, merged into
 * one list of files, each mapped back to the path it had on the VM.
 */

/** How an input was recognised. */
export type BundleKind =
  | 'folder'
  | 'waagent-logcollector-zip'
  | 'sosreport'
  | 'zip'
  | 'tar'
  | 'single-file'
  | 'windows-guest-logs'
  | 'ssh-collection'
  | 'pasted-text'
  | 'unknown';

/** What an analysis reads: a path (folder, archive, single file), or text the engineer pasted. */
export type BundleInput = string | { pasted: string };

/** What a file is; decides which parser reads it. */
export type FileKind =
  // Linux guest agent
  | 'waagent-log'
  | 'waagent-conf'
  | 'goal-state-xml'
  | 'extensions-config-xml'
  | 'hosting-environment-xml'
  | 'shared-config-xml'
  | 'certificates-xml'
  | 'ovf-env-xml'
  | 'vm-settings-json'
  | 'waagent-status-json'
  | 'agent-error-json'
  | 'incarnation'
  | 'disable-agent-marker'
  | 'history-zip'
  // per-extension state under /var/lib/waagent/<Handler>-<Version>/
  | 'handler-state'
  | 'handler-status'
  | 'handler-environment'
  | 'handler-manifest'
  | 'extension-settings'
  | 'extension-status'
  | 'extension-mrseq'
  | 'extension-heartbeat'
  // Backup extension (VMSnapshotLinux) and other extension logs
  | 'vmsnapshot-extension-log'
  | 'vmsnapshot-shell-log'
  | 'command-execution-log'
  | 'extension-log'
  | 'vmbackup-conf'
  | 'vmsnapshot-plugin-config'
  | 'workload-conf'
  // system
  | 'os-release'
  | 'hostname'
  | 'syslog'
  | 'dmesg'
  // the VM's serial console as boot diagnostics keeps it (not a VM file)
  | 'serial-console'
  | 'logcollector-results'
  | 'dhcp-lease'
  | 'service-output'
  // Windows guest
  | 'windows-agent-log'
  | 'windows-plugin-status'
  | 'windows-plugin-settings'
  | 'windows-plugin-log'
  | 'windows-event-export'
  | 'windows-vss-writers'
  | 'windows-installer-log'
  // the platform's view of the VM, pasted or saved from the portal, the az CLI or PowerShell
  | 'instance-view-json'
  // what the VM's Instance Metadata Service answered a sosreport (sos_commands/azure/instance_metadata.json)
  | 'instance-metadata-json'
  // our own collection
  | 'probes-json'
  | 'collection-manifest'
  | 'other';

export interface Warning {
  /** VM path of the file the warning is about, when there is one. */
  file?: string;
  /** 1-based line, when known. */
  line?: number;
  /** English, as the JSON and the CLI have always carried it. */
  message: string;
  /** The same as a catalogue message, when ingest or a parser gave one: the app and the report show it in their language. */
  note?: WarningNote;
}

export interface BundleFile {
  /** Index into AnalysisResult.files; records and facts refer to files by this id. */
  id: number;
  /** The path the file had on the VM, without a leading slash (`var/log/waagent.log`). */
  vmPath: string;
  kind: FileKind;
  /**
   * For a file no format reads (kind `other`): what its bytes are (a PNG, an .evtx, text), so the window can say
   * what it was taken for. Set when nothing in the bundle is a known format, and for every `.evtx`.
   */
  seenAs?: ForeignContent;
  /** Uncompressed size in bytes (of what we read). */
  size: number;
  /** The collector tail-truncated it (`truncated_<path>` members) or our size cap cut it. */
  truncated: boolean;
  /** Where it came from: the input path and, inside archives, the member path(s). */
  origin: string;
  /**
   * The file's own name when ingest placed it under another path by its name or content
   * (`systemctl-status-waagent.txt` read as var/log/syslog): evidence names it by this, the name the engineer has.
   */
  givenName?: string;
  /**
   * The 8-bit encoding the file was read in, set when it was not UTF-8 (a Windows export in its ANSI code page): its
   * text, evidence and raw view are that decode, converted to UTF-8 (shared/formats/encoding.ts legacyEncodingOf).
   */
  encoding?: LegacyEncoding;
  /** Index of the input (AnalysisResult.inputs) that provided it. */
  input: number;
  /**
   * A syslog or journal that relays the agent's own records (the agent logs to stdout too): facts were read from
   * them as from waagent.log, where no waagent.log of its VM root covers their time. Set by the parse.
   */
  relaysAgentLog?: boolean;
  /**
   * Set with `relaysAgentLog` when all the file relays of the agent are the journal lines `systemctl status` blocks
   * show (the unit's last few lines: an excerpt, not the agent's log).
   */
  relaysAgentExcerpt?: boolean;
  /**
   * For rotated logs: 0 = current file, higher = older, counted within the file's VM root (two VMs' trees in one
   * bundle each have their current file). `group` is the current file's VM path, the same under every root.
   */
  rotation?: { group: string; index: number };
  warnings: Warning[];
}

export interface InputSummary {
  /** The path as given by the user (or the SSH target). */
  path: string;
  kind: BundleKind;
  /** Number of files taken from this input. */
  files: number;
  /** Its ingest warnings and those of its files, in English (the JSON's `inputs[].warnings`). */
  warnings: string[];
  /**
   * The same warnings as catalogue messages (null where one has none), in the same order: the window and the
   * report show them in their language. Not in the JSON, whose `inputs` keep their four fields.
   */
  notes?: (WarningNote | null)[];
}
