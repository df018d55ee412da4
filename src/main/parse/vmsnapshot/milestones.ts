import type { SnapshotMilestone, SnapshotMilestoneFact } from '../../../shared';
import { STATUS_CODE_BY_NAME, statusNameOf } from '../../../shared/vmsnapshot-codes';
import { isoTime, parseIsoLike } from '../../../shared/time';
import { factDetail, msg as say } from '../../../shared/i18n/analysis';

/**
 * What one extension.log message (the text after the line prefix) says about the snapshot task:
 * the milestones of docs/formats.md "extension.log". Pure; the parser adds evidence, time, task.
 */
export type MilestoneInfo = Pick<SnapshotMilestoneFact, 'milestone'> &
  Partial<Pick<SnapshotMilestoneFact, 'code' | 'statusName' | 'status' | 'path' | 'disk' | 'durationMs' | 'requestedStart' | 'hostTime' | 'detail' | 'note' | 'extensionVersion' | 'seqNo' | 'taskId' | 'ok'>>;

/** Side results a message can have besides a milestone. */
export interface MessageInfo {
  milestone?: MilestoneInfo;
  /** `No space left on device`. */
  diskFull?: boolean;
  /** Sequence number the context parse announced (state only, no milestone). */
  contextSeq?: number;
  /** `Change log file to …`: the first line of every handler process (enable or daemon). */
  processStart?: boolean;
}

type Handler = (msg: string) => MessageInfo | null;

const STATUS_NAME_RE = /StatusCode\.(\w+),/;
function byName(msg: string): { code?: number; statusName?: string } {
  const m = STATUS_NAME_RE.exec(msg);
  if (!m) return {};
  return { statusName: m[1], code: STATUS_CODE_BY_NAME[m[1]] };
}

function ms(milestone: SnapshotMilestone, extra: Partial<MilestoneInfo> = {}): MessageInfo {
  return { milestone: { milestone, ...extra } };
}

/** `0:01:05.123456` (Python timedelta) → ms; also `1 day, 0:00:01`. */
export function timedeltaMs(s: string): number | undefined {
  const m = /(?<!\d)(?:(\d+) days?, )?(\d+):(\d{2}):(\d{2})(?:\.(\d{1,6}))?/.exec(s);
  if (!m) return undefined;
  const days = m[1] ? +m[1] : 0;
  const frac = m[5] ? Math.round(Number(`0.${m[5]}`) * 1000) : 0;
  return ((days * 24 + +m[2]) * 60 + +m[3]) * 60_000 + +m[4] * 1000 + frac;
}

function isoOf(s: string): string | undefined {
  const t = parseIsoLike(s.trim());
  return Number.isFinite(t) ? isoTime(t) : undefined;
}

/** The disk a snapshot URI names, without any query (the `?snapshot=` time is kept apart). */
function diskOf(uri: string): string {
  const noQuery = uri.split('?')[0];
  const m = /^https?:\/\/([^/.]+)(?:\.[^/]*)?\/(.*)$/.exec(noQuery);
  return m ? `${m[1]}/${m[2]}` : noQuery;
}

function httpFailure(status: number): boolean {
  return status !== 200 && status !== 201;
}

// Ordered: the first needle that occurs in a message decides (more specific ones first).
const RULES: [string, Handler][] = [
  ['Change log file to ', () => ({ processStart: true })],
  ['starting enable', () => ms('enable-start')],
  ['starting daemon initially', () => ms('daemon-start')],
  ['current seq no is ', (m) => seqMilestone(m, /current seq no is (-?\d+)/)],
  ['set most recent sequence number to ', (m) => seqMilestone(m, /set most recent sequence number to (-?\d+)/)],
  ['Sequence Number received ', (m) => {
    const x = /Sequence Number received (-?\d+)/.exec(m);
    // -1 = "not from the environment" (the first parse in main()); it names no task
    return x && +x[1] >= 0 ? { contextSeq: +x[1] } : null;
  }],
  ['the sequence number are same, so skip', () => ms('duplicate-seq')],
  ['TaskId is same as last', () => ms('duplicate-task')],
  ['taskId: ', (m) => {
    const x = /^\s*taskId: ([0-9A-Za-z-]{6,64})/.exec(m);
    return x ? ms('task-id', { taskId: x[1] }) : null;
  }],
  ['Sleeping for milliseconds: ', (m) => {
    const x = /Sleeping for milliseconds: (\d+)/.exec(m);
    return ms('jitter', x ? { durationMs: +x[1] } : {});
  }],
  ['command start time is ', (m) => {
    const x = /command start time is (.+?) and utcNow is (.*)$/.exec(m);
    return ms('command-start-time', x ? { requestedStart: isoOf(x[1]), detail: `utcNow ${x[2].trim()}` } : {});
  }],
  ['Date and time extracted from pre-snapshot request: ', (m) => {
    const x = /pre-snapshot request: (.+)$/.exec(m);
    return ms('host-time', x ? { hostTime: isoOf(x[1]) } : {});
  }],
  ['CRP timeout limit has reached', () => ms('crp-timeout', { code: 402, statusName: 'FailedGuestAgentInvokedCommandTooLate' })],
  ['Failed to log status in extension', (m) => {
    const x = /Failed to log status in extension\s*'?(\d+)?/.exec(m);
    const code = x?.[1] ? +x[1] : undefined;
    return ms('status-write-failed', { code, ...factDetail(say('milestone.status-exception')) });
  }],
  ['cannot get status report parameters', (m) => {
    const x = /Exception\s*'?(\d+)/.exec(m);
    return ms('status-write-failed', { code: x ? +x[1] : undefined, ...factDetail(say('milestone.status-report-failed')) });
  }],
  ['Status file creation failed', () => ms('status-write-failed', factDetail(say('milestone.status-file-failed')))],
  ["'hostStatusCodeDoSnapshot'", () =>
    ms('status-write-failed', { code: 2, ...factDetail(say('milestone.host-status-keyerror')) })],
  ['Failed to do the snapshot with error', () => ms('exception', { code: 2 })],
  ['Failed to enable the extension with error', () => ms('exception', { code: 2 })],
  ['Failed to call the daemon', () => ms('exception', { code: 2 })],
  ['unable to load certificate', () => ms('certificate', { code: 16, statusName: 'FailedHandlerGuestAgentCertificateNotFound' })],
  ['Failed to decrypt protected settings', () => ms('certificate', { code: 16 })],
  ['SMIME decryption failed', () => ms('certificate', { code: 16 })],
  ['SMIME decryption also failed', () => ms('certificate', { code: 16 })],
  ['JSON exception decoding decrypted protected settings', () => ms('certificate', { code: 16 })],
  ['cwd is ', (m) => {
    const x = /VMSnapshotLinux-(\d+(?:\.\d+){1,3})/.exec(m);
    return x ? ms('extension-version', { extensionVersion: x[1] }) : null;
  }],
  // flow selection and scripts
  ['Triggering File System Consistent Backup', (m) => {
    const n = byName(m);
    return ms('flow-selected', { detail: 'file-system consistent', ...n });
  }],
  ['Taking Snapshot through Host', () => ms('flow-selected', { path: 'host', detail: 'host (Backup Host Service) snapshot path' })],
  ['Taking Snapshot through Guest', () => ms('flow-selected', { path: 'guest', detail: 'guest (storage REST) snapshot path' })],
  ['App Consistent Consistent Backup Enabled', () => ms('flow-selected', { detail: 'application consistent (pre/post scripts)' })],
  ['workload backup enabled for workload', (m) => ms('flow-selected', { detail: `workload ${/workload: (\S+)/.exec(m)?.[1] ?? ''}`.trim() })],
  ['Workload Patch failed with', (m) => ms('prescript-failed', { ...factDetail(say('milestone.workload-failed', { warning: m.includes('warning message') })), ...byName(m) })],
  ['Plugin Host Precheck Failed', (m) => ms('prescript-failed', { ...factDetail(say('milestone.precheck-failed')), ...byName(m) })],
  ['PreScript failed for the plugin', (m) => ms('prescript-failed', byName(m))],
  ['PostScript failed for the plugin', (m) => ms('postscript-failed', byName(m))],
  ['Running prescript for', () => ms('prescript-start')],
  ['Prescript for ', (m) => {
    if (m.includes('successfully executed')) return ms('prescript-end');
    if (m.includes('timed out')) return ms('prescript-failed', { code: 308, statusName: 'FailedPrepostPreScriptTimeout' });
    const x = /failed with error code: (-?\d+)/.exec(m);
    if (x) return ms('prescript-failed', { code: 300, statusName: 'FailedPrepostPreScriptFailed', ...factDetail(say('milestone.script-exit', { code: x[1] })) });
    return null;
  }],
  ['Prescript file does not exist', () => ms('prescript-failed', { code: 302, statusName: 'FailedPrepostPreScriptNotFound' })],
  ['Prescript file does not have desired permissions', () => ms('prescript-failed', { code: 306, statusName: 'FailedPrepostPreScriptPermissionError' })],
  ['Finished prescript execution', () => ms('prescript-end')],
  ['Starting postscript for all modules', () => ms('postscript-start')],
  ['Postscript for ', (m) => {
    if (m.includes('successfully executed')) return ms('postscript-end');
    if (m.includes('timed out')) return ms('postscript-failed', { code: 309, statusName: 'FailedPrepostPostScriptTimeout' });
    const x = /failed with error code: (-?\d+)/.exec(m);
    if (x) return ms('postscript-failed', { code: 301, statusName: 'FailedPrepostPostScriptFailed', ...factDetail(say('milestone.script-exit', { code: x[1] })) });
    return null;
  }],
  ['Postscript file does not exist', () => ms('postscript-failed', { code: 303, statusName: 'FailedPrepostPostScriptNotFound' })],
  ['Postscript file does not have desired permissions', () => ms('postscript-failed', { code: 307, statusName: 'FailedPrepostPostScriptPermissionError' })],
  ['Finished postscript execution', () => ms('postscript-end')],
  // freeze
  ['Logs during Freeze Start', () => ms('freeze-block-start')],
  ['Logs during Freeze End', () => ms('freeze-block-end')],
  ['T:S freeze, timeout value', (m) => ms('freeze-start', { detail: m.trim() })],
  ['proceeded for accepting signals', () => ms('freeze-signals')],
  ['****** 4. Freeze Completed', () => ms('frozen')],
  ['freezeTimeTaken=', (m) => ms('freeze-result', { durationMs: timedeltaMs(m.slice(m.indexOf('freezeTimeTaken=') + 16)) })],
  ['T:S freeze result', (m) => {
    const x = /T:S freeze result (.*?), timedout :\s*(\w+)/.exec(m);
    const errs = x?.[1].trim() ?? '';
    return ms('freeze-result', { detail: x ? `errors: ${errs || 'none'}; timed out: ${x[2]}` : m.trim() });
  }],
  ['freeze took longer than timeout', (m) => ms('freeze-failed', { code: 122, statusName: 'FailedRetryableFsFreezeTimeout', ...byName(m) })],
  ['freeze timed-out', () => ms('freeze-failed', { code: 122, statusName: 'FailedRetryableFsFreezeTimeout', ...factDetail(say('milestone.freeze-timed-out')) })],
  ['file open failed for some mount', () => ms('freeze-failed', { code: 123, statusName: 'FailedRetryableUnableToOpenMount' })],
  ['FailedRetryableUnableToOpenMount', () => ms('freeze-failed', { code: 123, statusName: 'FailedRetryableUnableToOpenMount' })],
  ['Mount Points already freezed by some other processor', () =>
    ms('freeze-failed', { code: 121, statusName: 'FailedRetryableFsFreezeFailed', ...factDetail(say('milestone.freeze-lock')) })],
  ['freeze failed for some mount', () => ms('freeze-failed', { code: 121, statusName: 'FailedRetryableFsFreezeFailed' })],
  ['StatusCode.FailedRetryableFsFreezeFailed', () => ms('freeze-failed', { code: 121, statusName: 'FailedRetryableFsFreezeFailed' })],
  ['safefreeze binary is missing', () => ms('freeze-failed', { code: 124, statusName: 'FailedSafeFreezeBinaryNotFound' })],
  ['Failed to FIFREEZE', (m) => ms('freeze-failed', { code: 121, statusName: 'FailedRetryableFsFreezeFailed', detail: m.trim() })],
  ['Failed to open: ', (m) => ms('freeze-failed', { code: 123, statusName: 'FailedRetryableUnableToOpenMount', detail: m.trim() })],
  // snapshot
  ['Snaphotting (', (m) => {
    const x = /\*{6} ([56])\. Snaphotting \(([\w-]+)\)/.exec(m);
    if (!x) return null;
    const path = x[2] === 'Host' ? 'host' : x[2].startsWith('Guest') ? 'guest' : 'unknown';
    return ms(x[1] === '5' ? 'snapshot-start' : 'snapshot-end', { path, detail: x[2] });
  }],
  ['From Host- IsSuccessful:', (m) => {
    const x = /IsSuccessful:\s*(\w+), SnapshotUri:\s*(\S*?),? ErrorMessage:(.*?), StatusCode:\s*(\d+)/.exec(m);
    if (!x) return null;
    const ok = x[1].toLowerCase() === 'true';
    return ms('snapshot-disk', { path: 'host', ok, disk: x[2] && x[2] !== 'None' ? diskOf(x[2]) : undefined, code: +x[4], detail: ok ? undefined : x[3].trim() });
  }],
  ['snapshot_info_indexer: index:', (m) => {
    const x = /index: (\d+) isSuccessful: (\w+) snapshotTs: (\S*) errorMessage: (.*?) statusCode: (\d+)/.exec(m);
    if (!x) return null;
    const ok = x[2].toLowerCase() === 'true';
    return ms('snapshot-disk', { path: 'guest', ok, disk: `disk index ${x[1]}`, code: +x[5], detail: ok ? undefined : x[4] });
  }],
  ['snapshotTimeTaken=', (m) => {
    const path = m.includes('FromHost') ? 'host' : m.includes('FromGuest') ? 'guest' : 'unknown';
    return ms('snapshot-duration', { path, durationMs: timedeltaMs(m.slice(m.indexOf('snapshotTimeTaken=') + 18)) });
  }],
  ['FailedRetryableSnapshotFailedNoNetwork', () => ms('snapshot-failed', { code: 76, statusName: 'FailedRetryableSnapshotFailedNoNetwork' })],
  ['FailedRetryableSnapshotFailedRestrictedNetwork', () => ms('snapshot-failed', { code: 761, statusName: 'FailedRetryableSnapshotFailedRestrictedNetwork' })],
  ['FailedHostSnapshotRemoteServerError', () => ms('snapshot-failed', { code: 556, statusName: 'FailedHostSnapshotRemoteServerError' })],
  ['taking snapshot failed as blobs are empty or none', () => ms('snapshot-failed', { code: 76, statusName: 'FailedRetryableSnapshotFailedNoNetwork' })],
  ['The snapshot count against this blob has been exceeded', () => ms('snapshot-failed', { code: 85, statusName: 'FailedSnapshotLimitReached' })],
  ['FailedSnapshotLimitReached', () => ms('snapshot-failed', { code: 85, statusName: 'FailedSnapshotLimitReached' })],
  ['The rate of snapshot blob calls is exceeded', () => ms('snapshot-failed', { code: 173, statusName: 'FailedRetryableSnapshotRateExceeded' })],
  ['SnapshotRateExceeded', () => ms('snapshot-failed', { code: 173, statusName: 'FailedRetryableSnapshotRateExceeded' })],
  ['BHS is not runnning on host machine', () => ms('snapshot-failed', { code: 556, path: 'host', ...factDetail(say('milestone.bhs-down')) })],
  ['Hitting wrong WireServer IP', () => ms('snapshot-failed', { code: 555, path: 'host', ...factDetail(say('milestone.wireserver-silent')) })],
  ['responseBody is empty but http status code is success', () => ms('snapshot-failed', { code: 557, path: 'host', ...factDetail(say('milestone.empty-response')) })],
  ['Failed to do the pre snapshot in host with error', () => ms('snapshot-failed', { code: 558, path: 'host' })],
  ['Failed to do the snapshot in host with error', () => ms('snapshot-failed', { code: 558, path: 'host' })],
  ['PreSnapshot: Status Code: ', (m) => {
    const x = /Status Code: (\d+)/.exec(m);
    // an HTTP status of the host call, not an extension status code (500 would read as 500 FailedWorkloadPreError):
    // the extension reports a failed host call as 558
    return x && httpFailure(+x[1]) ? ms('snapshot-failed', { code: 558, path: 'host', ...factDetail(say('milestone.host-http', { call: 'presnapshot', status: x[1] })) }) : null;
  }],
  ['dosnapshot responseBody: StatusCode:', (m) => {
    const x = /StatusCode:(\d+)/.exec(m);
    return x && httpFailure(+x[1]) ? ms('snapshot-failed', { code: 558, path: 'host', ...factDetail(say('milestone.host-http', { call: 'dosnapshot', status: x[1] })) }) : null;
  }],
  ['snapshot HttpCallGetResponse failed', () => ms('snapshot-failed', { path: 'guest', ...factDetail(say('milestone.storage-call-failed')) })],
  ['Failed to call http with error', () => ms('snapshot-failed', { path: 'guest', ...factDetail(say('milestone.storage-call-failed')) })],
  [' snapshot failed at index', () => ms('snapshot-failed', factDetail(say('milestone.disk-snapshot-failed')))],
  // thaw
  ['****** 7. Sending Thaw Signal', () => ms('thaw-start')],
  ['T:S thaw result', (m) => {
    const errs = m.slice(m.indexOf('T:S thaw result') + 15).trim();
    return ms('thaw-result', { ...(errs ? factDetail(say('milestone.thaw-errors', { errors: errs })) : { detail: undefined }), ok: errs === '' || errs === 'None' });
  }],
  ['Failed to FITHAW', (m) => ms('thaw-result', { ok: false, detail: m.trim() })],
  ['snapshot result inconsistent', () => ms('thaw-result', { ok: false, ...factDetail(say('milestone.snapshot-inconsistent')) })],
  ['Failed to receive timely Thaw from parent process', () => ms('thaw-result', { ok: false, ...factDetail(say('milestone.thaw-deadline')) })],
];

const NEEDLES = RULES.map(([n]) => n);
const HANDLERS = new Map(RULES);
const NEEDLE_INDEX = new Map<string, number>();
NEEDLES.forEach((n, i) => {
  if (!NEEDLE_INDEX.has(n)) NEEDLE_INDEX.set(n, i);
});
/**
 * Every needle, in rule order. At one position the alternation takes the first needle of the list that
 * matches there; restarting one character after each match visits every position, so the smallest rule
 * index seen is the first rule whose needle occurs anywhere in the message: what a loop of `includes`
 * over the rules would find, in one scan.
 */
const NEEDLE_RE = new RegExp(NEEDLES.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
const FINAL_RE = /^\s*Enable,(\w+),(-?\d+),(.*)$/;

/** Index of the first rule (in rule order) whose needle occurs in `msg`; -1 when none does. */
function firstNeedle(msg: string): number {
  let best = -1;
  NEEDLE_RE.lastIndex = 0;
  for (let m = NEEDLE_RE.exec(msg); m; m = NEEDLE_RE.exec(msg)) {
    const i = NEEDLE_INDEX.get(m[0])!;
    if (best < 0 || i < best) best = i;
    if (best === 0) break;
    NEEDLE_RE.lastIndex = m.index + 1;
  }
  return best;
}

function seqMilestone(m: string, re: RegExp): MessageInfo | null {
  const x = re.exec(m);
  return x ? ms('sequence-number', { seqNo: +x[1] }) : null;
}

/**
 * Classifies one message. One alternation scan rejects the ~95% of lines that are noise (mount
 * lists, HTTP headers); only a hit runs the needle's own, small regex.
 */
export function classifyMessage(msg: string): MessageInfo | null {
  const fin = msg.startsWith('Enable,') || msg.startsWith(' Enable,') ? FINAL_RE.exec(msg) : null;
  if (fin) {
    const code = +fin[2];
    // `"{0},{1},{2},{3},{4}".format(operation, status, code, message, failure_flag)`: the flag is last.
    const rest = fin[3];
    const comma = rest.lastIndexOf(',');
    const message = (comma >= 0 ? rest.slice(0, comma) : rest).trim();
    if (code === 4 && fin[1] !== 'error') return ms('transitioning', { code, status: fin[1], detail: message });
    return ms('final-status', { code, status: fin[1], detail: message, ...pickName(message, code) });
  }
  // ENOSPC can ride on any failure line (a status write, an exception): report it besides the milestone
  const diskFull = msg.includes('No space left on device');
  const first = firstNeedle(msg);
  if (first < 0) return diskFull ? { diskFull } : null;
  // A hit may be a needle that declines (a 200 status code); the later ones still get their chance.
  for (let i = first; i < NEEDLES.length; i++) {
    const needle = NEEDLES[i];
    if (i === first || msg.includes(needle)) {
      const r = HANDLERS.get(needle)!(msg);
      if (r) return diskFull ? { ...r, diskFull } : r;
    }
  }
  return diskFull ? { diskFull } : null;
}

function pickName(message: string, code: number): { statusName?: string } {
  const n = byName(message);
  if (n.statusName) return { statusName: n.statusName };
  const name = statusNameOf(code); // the first name with that code, as a scan of the table finds it
  return name ? { statusName: name } : {};
}
