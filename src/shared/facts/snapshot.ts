import type { FactBase } from './common';
import type { FactDetail } from '../i18n/analysis';
import type { CodeFrom } from '../vmsnapshot-codes';

export type { CodeFrom };

/**
 * Facts read from the Backup extension (VMSnapshotLinux): extension.log, shell.log and its status
 * files. Milestones: docs/formats.md "extension.log (VMSnapshotLinux)".
 */

export type SnapshotMilestone =
  | 'enable-start' // `starting enable`
  | 'daemon-start' // `starting daemon initially`
  | 'sequence-number' // `current seq no is <N>` / `set most recent sequence number to <N>`
  | 'task-id' // `taskId: <id>`
  | 'duplicate-seq' // `the sequence number are same, so skip`
  | 'duplicate-task' // `TaskId is same as last, so skip`
  | 'jitter' // `Sleeping for milliseconds: <n>`
  | 'transitioning' // `Enable,success,4,Transitioning state in extension`
  | 'command-start-time' // `command start time is <UTC> and utcNow is <...>`
  | 'host-time' // `Date and time extracted from pre-snapshot request: <host UTC>`
  | 'crp-timeout' // `CRP timeout limit has reached, should abort.` (402)
  | 'flow-selected' // workload vs pre/post plugin vs FS-consistent
  | 'prescript-start'
  | 'prescript-end'
  | 'prescript-failed'
  | 'freeze-start' // `T:S freeze, timeout value`
  | 'freeze-signals' // `proceeded for accepting signals` (last line before the in-memory buffer)
  | 'freeze-block-start' // `Logs during Freeze Start`
  | 'freeze-block-end' // `Logs during Freeze End`
  | 'frozen' // `****** 4.` inner line: filesystems frozen
  | 'freeze-result' // `T:S ***** freeze, ... freezeTimeTaken=` / `T:S freeze result <errors>, timedout :<b>`
  | 'freeze-failed' // 121/122/123/124 signatures
  | 'freeze-mount' // the freeze binary's `Freezing: <mount>` (`freezing the mount: <mount>` before 2016-12), relayed
  | 'snapshot-start' // `****** 5. Snaphotting (...) Started`
  | 'snapshot-end' // `****** 6. Snaphotting (...) Completed`
  | 'snapshot-disk' // per-disk result (host or guest)
  | 'snapshot-duration' // `T:S takeSnapshotFromHost|Guest, ... snapshotTimeTaken=<timedelta>`
  | 'snapshot-failed' // storage / BHS failures (76, 761, 85, 173, 555–558)
  | 'snapshot-result' // `doFreezeSnapshot : run_result - <n> run_status - <success|error> all_failed - <b> …`
  | 'thaw-start' // `****** 7. Sending Thaw Signal`
  | 'thaw-result' // `T:S thaw result <errors>`
  | 'postscript-start'
  | 'postscript-end'
  | 'postscript-failed'
  | 'final-status' // `Enable,<status>,<code>,<message>,...`
  | 'status-write-failed' // `Failed to log status in extension173`, `cannot get status report parameters`
  | 'exception' // `Failed to do the snapshot with error:` and other tracebacks
  | 'certificate' // `unable to load certificate`, decryption failures
  | 'extension-version'; // `cwd is .../VMSnapshotLinux-<ver>`

export interface SnapshotMilestoneFact extends FactBase {
  kind: 'snapshot-milestone';
  milestone: SnapshotMilestone;
  /** Which process wrote it: the enable handler or the daemon it spawns. */
  process?: 'enable' | 'daemon' | 'unknown';
  taskId?: string;
  seqNo?: number;
  /** Extension status code (1 FS-consistent, 0 app-consistent, 4 running, 121 freeze failed, ...). */
  code?: number;
  /** `StatusCode.<Name>` name when logged. */
  statusName?: string;
  /**
   * Where `code` came from when the line does not hold the number: `name`, the extension's table's number for the
   * status name the line gives (`StatusCode.FailedRetryableSnapshotFailedRestrictedNetwork,` → 761); `words`, the number
   * the extension reports for what the line says (`Failed to FIFREEZE` → 121; then `statusName` is not logged either).
   * Absent: the line gives the number.
   */
  codeFrom?: CodeFrom;
  /** The snapshot step's own `errorcode: <n>` (`T:S snapshot result: errorcode: 409`), not an extension status code. */
  errorCode?: number;
  /** `success` / `error` / `transitioning` in final-status lines. */
  status?: string;
  /** Snapshot path: host (BHS), guest (storage REST), or unknown. */
  path?: 'host' | 'guest' | 'unknown';
  disk?: string;
  durationMs?: number;
  /** For command-start-time: the requested start (from commandStartTimeUTCTicks), ISO UTC. */
  requestedStart?: string;
  /** For host-time: the host's UTC clock, ISO. */
  hostTime?: string;
  detail?: string;
  /** The detail as a catalogue message, when it is the parser's own words (a phase shows it in the reader's language). */
  note?: FactDetail;
  /** For extension-version. */
  extensionVersion?: string;
  /**
   * Which process run of the extension wrote it (one per `starting enable` / `starting daemon initially`,
   * counted per file), so a re-delivered (duplicate) enable is not merged into the task it repeats.
   */
  run?: number;
  /** For snapshot-disk: whether that disk's snapshot succeeded. */
  ok?: boolean;
}

/** One `status/<N>.status` of the snapshot extension (the file's `status: success` can hide a failure). */
export interface SnapshotStatusFact extends FactBase {
  kind: 'snapshot-status';
  handlerVersion?: string;
  seqNo?: number;
  taskId?: string;
  operation?: string;
  /** What the file says (`success` even for failures on ARM VMs). */
  fileStatus: string;
  code: number;
  /** What actually happened, from the code and the JSON in substatus[0].name. */
  effectiveStatus: 'success' | 'failed' | 'in-progress' | 'unknown';
  message: string;
  timestampUTC?: string;
  requestedStart?: string;
  vmHealthStatusCode?: number;
  snapshotConsistency?: string;
  disks?: { snapshotUri?: string; isSuccessful?: boolean; errorMessage?: string }[];
}

export interface ShellLogFact extends FactBase {
  kind: 'vmsnapshot-shell';
  event: 'command' | 'sequence-number' | 'python-found' | 'python-missing' | 'handle-rc';
  command?: string;
  seqNo?: number;
  rc?: number;
  detail?: string;
}

export type SnapshotFact = SnapshotMilestoneFact | SnapshotStatusFact | ShellLogFact;
