import type { SnapshotMilestone, SnapshotMilestoneFact } from '../../../shared';
import { STATUS_CODE_BY_NAME, statusNameOf } from '../../../shared/vmsnapshot-codes';
import { isoTime, parseIsoLike } from '../../../shared/time';
import { factDetail, msg as say, type AnalysisParams, type FactDetail, type PrepostFileProblem, type PrepostFileRole } from '../../../shared/i18n/analysis';

/**
 * What one extension.log message (the text after the line prefix) says about the snapshot task:
 * the milestones of docs/formats.md "extension.log". Pure; the parser adds evidence, time, task.
 */
export type MilestoneInfo = Pick<SnapshotMilestoneFact, 'milestone'> &
  Partial<Pick<SnapshotMilestoneFact, 'code' | 'statusName' | 'codeFrom' | 'errorCode' | 'status' | 'path' | 'disk' | 'durationMs' | 'requestedStart' | 'hostTime' | 'detail' | 'note' | 'extensionVersion' | 'seqNo' | 'taskId' | 'ok'>>;

/** Side results a message can have besides a milestone. */
export interface MessageInfo {
  milestone?: MilestoneInfo;
  /** `No space left on device`. */
  diskFull?: boolean;
  /** Sequence number the context parse announced (state only, no milestone). */
  contextSeq?: number;
  /** `Change log file to …`: the first line of every handler process (enable or daemon). */
  processStart?: boolean;
  /** `Permissions of the file <file> are <mode>`: names the file a following `does not have desired permissions` is about. */
  permissions?: { file: string; mode: string };
}

type Handler = (msg: string) => MessageInfo | null;

const STATUS_NAME_RE = /StatusCode\.(\w+),/;
const ERRORCODE_NEEDLE = 'snapshot result: errorcode: ';
function errorCodeOf(msg: string): number | undefined {
  const x = /snapshot result: errorcode: (-?\d+)/.exec(msg);
  return x ? +x[1] : undefined;
}
/** Milestones whose code is the number the line gives (a disk's result, `Failed to log status in extension173`). */
const NUMBER_LOGGED = new Set<SnapshotMilestone>(['snapshot-disk', 'status-write-failed']);

/**
 * Says where a handler's code came from when the line does not hold its number (SnapshotMilestoneFact.codeFrom), and
 * adds the snapshot step's own error code when the line gives one.
 */
function provenance(msg: string, r: MessageInfo): MessageInfo {
  const m = r.milestone;
  if (!m) return r;
  const errorCode = m.errorCode === undefined && msg.includes(ERRORCODE_NEEDLE) ? errorCodeOf(msg) : undefined;
  const from = m.code !== undefined && !NUMBER_LOGGED.has(m.milestone) ? (m.statusName && msg.includes(m.statusName) ? 'name' : 'words') : undefined;
  if (from === undefined && errorCode === undefined) return r;
  return { ...r, milestone: { ...m, ...(from ? { codeFrom: from } : {}), ...(errorCode !== undefined ? { errorCode } : {}) } };
}
function byName(msg: string): { code?: number; statusName?: string } {
  const m = STATUS_NAME_RE.exec(msg);
  if (!m) return {};
  return { statusName: m[1], code: STATUS_CODE_BY_NAME[m[1]] };
}

function ms(milestone: SnapshotMilestone, extra: Partial<MilestoneInfo> = {}): MessageInfo {
  return { milestone: { milestone, ...extra } };
}

function freezeMount(x: RegExpExecArray | null): MessageInfo | null {
  return x ? ms('freeze-mount', { detail: x[1] }) : null;
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

/** Where the plugin host looks first; when it is absent the extension's own copy is read (PluginHost.py pre_check). */
const HOST_CONF_ETC = '/etc/azure/VMSnapshotPluginHost.conf';

/** A pre/post-script check that names a file (or, for permissions, the file of the `Permissions of the file` line before it). */
export function fileNote(role: PrepostFileRole, problem: PrepostFileProblem, about: { file?: string; owner?: string; mode?: string; error?: string } = {}): { detail: string; note: FactDetail } {
  const p: AnalysisParams<'milestone.prepost-file'> = { role, problem };
  if (about.file) p.file = about.file;
  if (about.owner !== undefined) p.owner = about.owner;
  if (about.mode) p.mode = about.mode;
  if (about.error) p.error = about.error.trim().slice(0, 200);
  return factDetail(say('milestone.prepost-file', p));
}

/** `The owner of the <what> file <path> is <user> but not root` (`but  not root` for the post-script). */
function ownerMilestone(m: string, role: PrepostFileRole, code: number, statusName: string, milestone: SnapshotMilestone = 'prescript-failed'): MessageInfo {
  const x = / file (.+?) is (\S*)\s+but\s+not root/.exec(m);
  return ms(milestone, { code, statusName, ...fileNote(role, 'owner', x ? { file: x[1], owner: x[2] } : {}) });
}

/** The text after `marker` up to `, stack trace:` (the traceback follows), without the leading `.`/`:`; undefined without the marker. */
function errorAfter(m: string, marker: string): string | undefined {
  const i = m.indexOf(marker);
  if (i < 0) return undefined;
  let rest = m.slice(i + marker.length);
  const cut = rest.indexOf(', stack trace:');
  if (cut >= 0) rest = rest.slice(0, cut);
  return rest.replace(/^[.:\s]+/, '').trim();
}

/** The path after ` the location ` (`… does not exist in the location <path>`). */
function locationOf(m: string): string | undefined {
  const i = m.indexOf(' the location ');
  return i < 0 ? undefined : m.slice(i + 14).trim() || undefined;
}

function configError(m: string): MessageInfo | null {
  // only the script runner's own config (`… <plugin> config file.`), not another module's `Error in opening …`
  const error = errorAfter(m, ' config file.');
  return error === undefined ? null : ms('prescript-failed', { code: 305, statusName: 'FailedPrepostPluginConfigParsing', ...fileNote('plugin-config', 'unreadable', { error }) });
}

/** The `Permissions of the file <path> are <mode>` line every permission check logs first (`Permisisons  of` before 2020, @d78cd87e). */
const PERMISSIONS_RE = /Permis(?:sions|isons)\s+of the file (.+?) are (\d{3,4})\s*$/;
function permissionsOf(m: string): MessageInfo | null {
  const x = PERMISSIONS_RE.exec(m);
  return x ? { permissions: { file: x[1], mode: x[2] } } : null;
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
  // Azure/azure-linux-extensions@b7eecd4b VMBackup/main/freezesnapshotter.py:510 (`… should abort.`, since @46d9b8af 2020-04)
  // and handle.py:405 (`… will not take snapshot.`); after a freeze, freezesnapshotter.py:381/469
  // `T:S takeSnapshotFrom<Guest|OnlyHost> : Thawing as failing due to CRP timeout` (since @78980362 2021-05)
  ['CRP timeout limit has reached', () => ms('crp-timeout', { code: 402, statusName: 'FailedGuestAgentInvokedCommandTooLate' })],
  ['failing due to CRP timeout', () => ms('crp-timeout', { code: 402, statusName: 'FailedGuestAgentInvokedCommandTooLate' })],
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
  // The plugin host's and the script runner's checks of each file, before any script runs (Azure/azure-linux-extensions
  // @b7eecd4b VMBackup/main/PluginHost.py:77-171 pre_check/load_modules, VMBackup/main/ScriptRunner.py:106-190
  // get_config/validate_scripts; the same words since @e405b9d7, 2017-03). A failed check makes the extension skip the
  // scripts (`Triggering File System Consistent Backup because of error code StatusCode.<Name>,`); the codes are
  // VMBackup/main/common.py's. 316 (no VMSnapshotScriptPluginConfig.json: `Plugin host file does not exist in the
  // location …`) is the normal case and is not read; so is the first `Plugin host Config file does not exist in the
  // location /etc/azure/VMSnapshotPluginHost.conf`, after which the extension reads its own ./main/VMSnapshotPluginHost.conf.
  ['Permissions of the file ', permissionsOf],
  ['Permisisons  of the file ', permissionsOf],
  ['Plugin host Config file does not exist in the location ', (m) => {
    const file = locationOf(m);
    return file === undefined || file === HOST_CONF_ETC ? null : ms('prescript-failed', { code: 313, statusName: 'FailedPrepostPluginhostConfigNotFound', ...fileNote('host-config', 'missing', { file }) });
  }],
  ['Plugin host Config file does not have desired permissions', () => ms('prescript-failed', { code: 314, statusName: 'FailedPrepostPluginhostConfigPermissionError', ...fileNote('host-config', 'mode') })],
  ['The owner of the Plugin host Config file ', (m) => ownerMilestone(m, 'host-config', 314, 'FailedPrepostPluginhostConfigPermissionError')],
  ['Error in reading PluginHost config file', (m) => ms('prescript-failed', { code: 304, statusName: 'FailedPrepostPluginhostConfigParsing', ...fileNote('host-config', 'unreadable', { error: errorAfter(m, 'PluginHost config file') }) })],
  ['Plugin Config file does not have desired permissions', () => ms('prescript-failed', { code: 317, statusName: 'FailedPrepostPluginConfigPermissionError', ...fileNote('plugin-config', 'mode') })],
  ['The owner of the Plugin Config file ', (m) => ownerMilestone(m, 'plugin-config', 317, 'FailedPrepostPluginConfigPermissionError')],
  ['The owner of the PreScript file ', (m) => ownerMilestone(m, 'pre-script', 306, 'FailedPrepostPreScriptPermissionError')],
  ['The owner of the PostScript file ', (m) => ownerMilestone(m, 'post-script', 307, 'FailedPrepostPostScriptPermissionError', 'postscript-failed')],
  // the JSON of VMSnapshotScriptPluginConfig.json: `Error in decoding|opening <plugin> config file.: <error>, stack trace: …`,
  // `Error in fetching value for the key <key> in <plugin> config file.…`, then `Cant run prescript for <plugin> . Config File error.`
  // (`Cant run postscript for …` in the 2017 builds before @8c76b77d)
  ['Error in decoding ', (m) => configError(m)],
  ['Error in opening ', (m) => configError(m)],
  ['Error in fetching value for the key ', (m) => configError(m)],
  ['Cant run prescript for ', () => ms('prescript-failed', { code: 305, statusName: 'FailedPrepostPluginConfigParsing', ...fileNote('plugin-config', 'unreadable') })],
  ['Cant run postscript for ', () => ms('prescript-failed', { code: 305, statusName: 'FailedPrepostPluginConfigParsing', ...fileNote('plugin-config', 'unreadable') })],
  ['Running prescript for', () => ms('prescript-start')],
  ['Prescript for ', (m) => {
    if (m.includes('successfully executed')) return ms('prescript-end');
    if (m.includes('timed out')) return ms('prescript-failed', { code: 308, statusName: 'FailedPrepostPreScriptTimeout' });
    const x = /failed with error code: (-?\d+)/.exec(m);
    if (x) return ms('prescript-failed', { code: 300, statusName: 'FailedPrepostPreScriptFailed', ...factDetail(say('milestone.script-exit', { code: x[1] })) });
    return null;
  }],
  ['Prescript file does not exist', (m) => ms('prescript-failed', { code: 302, statusName: 'FailedPrepostPreScriptNotFound', ...fileNote('pre-script', 'missing', { file: locationOf(m) }) })],
  ['Prescript file does not have desired permissions', () => ms('prescript-failed', { code: 306, statusName: 'FailedPrepostPreScriptPermissionError', ...fileNote('pre-script', 'mode') })],
  ['Finished prescript execution', () => ms('prescript-end')],
  ['Starting postscript for all modules', () => ms('postscript-start')],
  ['Postscript for ', (m) => {
    if (m.includes('successfully executed')) return ms('postscript-end');
    if (m.includes('timed out')) return ms('postscript-failed', { code: 309, statusName: 'FailedPrepostPostScriptTimeout' });
    const x = /failed with error code: (-?\d+)/.exec(m);
    if (x) return ms('postscript-failed', { code: 301, statusName: 'FailedPrepostPostScriptFailed', ...factDetail(say('milestone.script-exit', { code: x[1] })) });
    return null;
  }],
  ['Postscript file does not exist', (m) => ms('postscript-failed', { code: 303, statusName: 'FailedPrepostPostScriptNotFound', ...fileNote('post-script', 'missing', { file: locationOf(m) }) })],
  ['Postscript file does not have desired permissions', () => ms('postscript-failed', { code: 307, statusName: 'FailedPrepostPostScriptPermissionError', ...fileNote('post-script', 'mode') })],
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
  // the mount the freeze binary is about to freeze, from its output the extension relays: `Freezing: <mount>` since
  // Azure/azure-linux-extensions@169b315d (2016-12-23, VMBackup/main/safefreeze/src/safefreeze.c:152 @b7eecd4b),
  // `freezing the mount: <mount>` from @69bb7614 (2016-07) to then; not the thaw's `unfreezing the mount: <mount>`
  ['Freezing: ', (m) => freezeMount(/(?:^|\s)Freezing: (\S+)/.exec(m))],
  ['freezing the mount: ', (m) => freezeMount(/(?<!un)freezing the mount: (\S+)/.exec(m))],
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
  // the blob snapshot's error text the extension itself tests (Azure/azure-linux-extensions@b7eecd4b
  // VMBackup/main/freezesnapshotter.py:261-272: `Retrying when snapshot failed with SnapshotRateExceeded`, 173 since
  // @efa31dfa 2019-03; `T:S Enable failed with FailedSnapshotLimitReached errror StatusCode.FailedSnapshotLimitReached,`;
  // builds @c4a5214a 2018-10 to @efa31dfa reported a repeated rate failure as 85)
  ['The snapshot count against this blob has been exceeded', () => ms('snapshot-failed', { code: 85, statusName: 'FailedSnapshotLimitReached' })],
  ['FailedSnapshotLimitReached', () => ms('snapshot-failed', { code: 85, statusName: 'FailedSnapshotLimitReached' })],
  ['The rate of snapshot blob calls is exceeded', () => ms('snapshot-failed', { code: 173, statusName: 'FailedRetryableSnapshotRateExceeded' })],
  ['SnapshotRateExceeded', () => ms('snapshot-failed', { code: 173, statusName: 'FailedRetryableSnapshotRateExceeded' })],
  // Blob storage's own error codes (learn.microsoft.com/rest/api/storageservices/blob-service-error-codes), in the
  // guest path's `responseBody: <storage XML>` (guestsnapshotter.py:168 @b7eecd4b) when the message text is not there
  ['SnapshotCountExceeded', () => ms('snapshot-failed', { code: 85, statusName: 'FailedSnapshotLimitReached' })],
  ['SnapshotOperationRateExceeded', () => ms('snapshot-failed', { code: 173, statusName: 'FailedRetryableSnapshotRateExceeded' })],
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
  // the snapshot phase's result, after the thaw and before the disk errors (`updateErrorCode`) and post-scripts decide the
  // run's: Azure/azure-linux-extensions@b7eecd4b VMBackup/main/freezesnapshotter.py:190 (since @27336e63 2019-09),
  // run_status 'success' or 'error' (freezesnapshotter.py:171-401); a success with all_failed, unable_to_sleep or
  // is_inconsistent True becomes an error (freezesnapshotter.py:244-303)
  ['run_status - ', (m) => {
    const x = /run_result - (-?\d+) run_status - (\w+) all_failed - (\w+) unable_to_sleep - (\w+) is_inconsistent - (\w+)/.exec(m);
    if (!x) return null;
    const ok = x[2] === 'success' && x[3] === 'False' && x[4] === 'False' && x[5] === 'False';
    return ms('snapshot-result', { status: x[2], ok });
  }],
  // thaw
  ['****** 7. Sending Thaw Signal', () => ms('thaw-start')],
  ['T:S thaw result', (m) => {
    const errs = m.slice(m.indexOf('T:S thaw result') + 15).trim();
    return ms('thaw-result', { ...(errs ? factDetail(say('milestone.thaw-errors', { errors: errs })) : { detail: undefined }), ok: errs === '' || errs === 'None' });
  }],
  ['Failed to FITHAW', (m) => ms('thaw-result', { ok: false, detail: m.trim() })],
  ['snapshot result inconsistent', () => ms('thaw-result', { ok: false, ...factDetail(say('milestone.snapshot-inconsistent')) })],
  ['Failed to receive timely Thaw from parent process', () => ms('thaw-result', { ok: false, ...factDetail(say('milestone.thaw-deadline')) })],
  // the snapshot step's own number (`T:S snapshot result: errorcode: 409`, azure-linux-extensions#494, 2017), its status
  // name on the same line or the next (`StatusCode.FailedRetryableSnapshotFailedRestrictedNetwork,`); last, so a name on
  // the same line is read by its own rule and the number added to it (classifyMessage)
  [ERRORCODE_NEEDLE, (m) => {
    const n = errorCodeOf(m);
    return n === undefined ? null : ms('snapshot-result', { errorCode: n });
  }],
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
      const h = HANDLERS.get(needle)!(msg);
      const r = h && provenance(msg, h);
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
