import { describe, expect, it } from 'vitest';
import { parseExtensionLog } from '../../../src/main/parse/vmsnapshot/extension-log';
import type { SnapshotMilestoneFact } from '../../../src/shared';
import { EXT_LOG, runParser } from '../../analyze/snapshot/helpers';

const P = '[Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0]';
const parse = (text: string | Buffer) => runParser(parseExtensionLog, EXT_LOG, 'vmsnapshot-extension-log', text);
const iso = (ms: number) => new Date(ms).toISOString();

describe('extension.log line shapes', () => {
  it('A: py3 records are UTC, fraction optional, no space after the bracket; continuation lines join the record', async () => {
    const out = await parse(
      [
        `2024-01-14 22:16:48.792020 ${P}PreSnapshot: Status Code: 200`,
        `2024-01-14 22:16:49 ${P}Failed to do the snapshot with error: boom, stack trace: Traceback (most recent call last):`,
        '  File "/var/lib/waagent/x/main/handle.py", line 412, in daemon',
        'KeyError: 3',
      ].join('\n'),
    );
    expect(out.records).toHaveLength(2);
    expect(out.records[0]).toMatchObject({ line: 1, lineCount: 1, zone: 'utc', level: 'info', source: 'VMSnapshotLinux', extension: 'Microsoft.Azure.RecoveryServices.VMSnapshotLinux' });
    expect(iso(out.records[0].timeMs)).toBe('2024-01-14T22:16:48.792Z');
    expect(out.records[1]).toMatchObject({ line: 2, lineCount: 3, zone: 'utc' });
    expect(iso(out.records[1].timeMs)).toBe('2024-01-14T22:16:49.000Z');
    expect(out.of('snapshot-milestone').map((f) => f.milestone)).toEqual(['exception']);
  });

  it('B: hutil.error lines are VM-local with the ERROR:/WARNING: level; every physical line is its own record', async () => {
    const out = await parse(
      [
        `2024/01/14 22:16:48 ERROR:${P}Unable to locate a .settings file!`,
        `2024/01/14 22:16:48 WARNING:${P}something odd`,
        `2017/11/14 03:06:52 ${P}T:S snapshotall ends...`,
      ].join('\n'),
    );
    expect(out.records.map((r) => [r.zone, r.level])).toEqual([
      ['local', 'error'],
      ['local', 'warning'],
      ['local', 'info'],
    ]);
    // local wall clock read as UTC until the clock inference shifts it
    expect(iso(out.records[0].timeMs)).toBe('2024-01-14T22:16:48.000Z');
  });

  it('C: legacy records carry the level inside; the empty timestamp line after them is part of the record', async () => {
    const out = await parse([`2016/12/10 01:11:00 ${P}2016-12-10 01:11:00.519872  Error  freeze failed for some mount`, '2016/12/10 01:11:00', `2016/12/10 01:11:01 ${P}2016-12-10 01:11:01.000001  Info  T:S thaw result `].join('\n'));
    expect(out.records).toHaveLength(2);
    expect(out.records[0]).toMatchObject({ lineCount: 2, level: 'error', zone: 'local' });
    expect(out.of('snapshot-milestone').map((f) => [f.milestone, f.code])).toEqual([
      ['freeze-failed', 121],
      ['thaw-result', undefined],
    ]);
  });

  it('C: the backuplogger\'s microsecond time is the record\'s, so lines of one second keep their write order in time', async () => {
    // test/cases/waagent-525-fifreeze-new-volume (WALinuxAgent #525), two of its records
    const out = await parse(
      [
        `2016/12/10 01:11:00 ${P}2016-12-10 01:11:00.521585  Info  proceeded for accepting signals`,
        `2016/12/10 01:11:00 ${P}2016-12-10 01:11:00.532512  Info  Failed to FIFREEZE: /data/dblog`,
      ].join('\n'),
    );
    expect(out.records.map((r) => iso(r.timeMs))).toEqual(['2016-12-10T01:11:00.521Z', '2016-12-10T01:11:00.532Z']);
  });

  it('D: the freeze block becomes one record per inner line with its own UTC time; the outer record keeps the flush time', async () => {
    const text = [
      `2024-01-14 22:16:45.000001 ${P}proceeded for accepting signals`,
      `2024-01-14 22:16:55.101010 ${P}================== Logs during Freeze Start ==============`,
      '2021/02/26 09:41:45.748281  Info  /etc/azure/MicrosoftRecoverySvcsSafeFreezeLock/SafeFreezeLockFile file opened Sucessfully ',
      '2024/01/14 22:16:48.811200  Info  Aquiring lock succeeded ',
      '2024/01/14 22:16:50.000100  Info  ****** 4. Freeze Completed (Signal=1 received) ',
      '2024/01/14 22:16:52.500000  Warning  child still running sigusr1 sent ',
      '  a continuation of the warning',
      '================== Logs during Freeze End ==============',
      '',
      `2024-01-14 22:16:55.200000 ${P}T:S thaw result `,
    ].join('\n');
    const out = await parse(text);
    const rows = out.records.map((r) => [r.line, r.lineCount, iso(r.timeMs), r.zone, r.level]);
    expect(rows).toEqual([
      [1, 1, '2024-01-14T22:16:45.000Z', 'utc', 'info'],
      [2, 1, '2024-01-14T22:16:55.101Z', 'utc', 'info'],
      [3, 1, '2021-02-26T09:41:45.748Z', 'utc', 'info'],
      [4, 1, '2024-01-14T22:16:48.811Z', 'utc', 'info'],
      [5, 1, '2024-01-14T22:16:50.000Z', 'utc', 'info'],
      [6, 2, '2024-01-14T22:16:52.500Z', 'utc', 'warning'],
      [8, 2, '2024-01-14T22:16:55.101Z', 'utc', 'info'], // End marker: written at the flush
      [10, 1, '2024-01-14T22:16:55.200Z', 'utc', 'info'],
    ]);
    const ms = out.of('snapshot-milestone');
    const byName = (n: string) => ms.find((f) => f.milestone === n)!;
    expect(byName('freeze-signals').at.time).toBe('2024-01-14T22:16:45.000Z');
    expect(byName('freeze-block-start').at.time).toBe('2024-01-14T22:16:55.101Z');
    expect(byName('frozen').at).toMatchObject({ line: 5, time: '2024-01-14T22:16:50.000Z', zone: 'utc' });
    expect(byName('freeze-block-end').at).toMatchObject({ line: 8, time: '2024-01-14T22:16:55.101Z' });
    expect(byName('thaw-result').ok).toBe(true);
  });

  it('E: safefreeze lines inside the binary-trace block are VM-local records of their own, also when wrapped in A or D', async () => {
    const out = await parse(
      [
        `2024-01-14 22:17:00.000001 ${P}============== Binary output traces start ================= `,
        `2024-01-14 22:17:00.000002 ${P}2024-01-14 23:16:49 ****** 2. Binary Freeze Started `,
        '2024/01/14 22:17:00.000003  Info  2024-01-14 23:16:49 Freezing: /data ',
        '2017-11-14 03:06:52 Thawing: /mnt',
        `2024-01-14 22:17:00.000004 ${P}============== Binary output traces end ================= `,
        `2024-01-14 22:17:00.000005 ${P}2024-01-14 23:16:49 not a binary line: outside the block`,
      ].join('\n'),
    );
    expect(out.records.map((r) => [r.source, r.zone, iso(r.timeMs)])).toEqual([
      ['VMSnapshotLinux', 'utc', '2024-01-14T22:17:00.000Z'],
      ['safefreeze', 'local', '2024-01-14T23:16:49.000Z'],
      ['safefreeze', 'local', '2024-01-14T23:16:49.000Z'],
      ['safefreeze', 'local', '2017-11-14T03:06:52.000Z'],
      ['VMSnapshotLinux', 'utc', '2024-01-14T22:17:00.000Z'],
      ['VMSnapshotLinux', 'utc', '2024-01-14T22:17:00.000Z'],
    ]);
  });

  it('treats shape A as local time for builds up to 1.0.9184.0 (before the 2021-09 UTC change), UTC after', async () => {
    const old = await parse([`2021/03/01 10:00:00 ${P}x`, `2021-03-01 10:00:00.1 ${P}cwd is /var/lib/waagent/Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9184.0`, `2021-03-01 10:00:00.2 ${P}starting enable`].join('\n'));
    // the build named a few lines in decides the clock of the lines before it too
    expect(old.records.map((r) => r.zone)).toEqual(['local', 'local', 'local']);
    expect(old.of('snapshot-milestone').map((f) => f.at.zone)).toEqual(['local', 'local']);
    expect(old.of('snapshot-milestone').find((f) => f.milestone === 'extension-version')?.extensionVersion).toBe('1.0.9184.0');
    const fresh = await parse([`2024-03-01 10:00:00.1 ${P}cwd is /var/lib/waagent/Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9225.0`, `2024-03-01 10:00:00.2 ${P}starting enable`].join('\n'));
    expect(fresh.records.map((r) => r.zone)).toEqual(['utc', 'utc']);
  });
});

describe('milestones', () => {
  const cases: [string, Partial<SnapshotMilestoneFact>][] = [
    ['starting enable', { milestone: 'enable-start', process: 'enable' }],
    ['current seq no is 15', { milestone: 'sequence-number', seqNo: 15 }],
    ['the sequence number are same, so skip, current:15== last:15', { milestone: 'duplicate-seq' }],
    ['TaskId is same as last, so skip with Processed Status, current:abc-123== last:abc-123', { milestone: 'duplicate-task' }],
    ['Sleeping for milliseconds: 2371', { milestone: 'jitter', durationMs: 2371 }],
    ['Enable,success,4,Transitioning state in extension,False', { milestone: 'transitioning', code: 4 }],
    ['command start time is 2026-11-19 21:59:58.170123 and utcNow is 2026-11-19 22:00:08', { milestone: 'command-start-time', requestedStart: '2026-11-19T21:59:58.170Z' }],
    ['Date and time extracted from pre-snapshot request: 2026-11-19 22:00:08', { milestone: 'host-time', hostTime: '2026-11-19T22:00:08.000Z' }],
    ['CRP timeout limit has reached, should abort.', { milestone: 'crp-timeout', code: 402 }],
    ['Triggering File System Consistent Backup because of error code StatusCode.FailedPrepostPluginConfigNotFound,', { milestone: 'flow-selected', code: 316, statusName: 'FailedPrepostPluginConfigNotFound' }],
    ['Running prescript for ScriptRunner module...', { milestone: 'prescript-start' }],
    ['Prescript for ScriptRunner failed with error code: 3 .', { milestone: 'prescript-failed', code: 300 }],
    ['Prescript for ScriptRunner timed out.', { milestone: 'prescript-failed', code: 308 }],
    ['Postscript for ScriptRunner failed with error code: 1 .', { milestone: 'postscript-failed', code: 301 }],
    ['T:S freeze, timeout value 60', { milestone: 'freeze-start' }],
    ['freeze timed-out', { milestone: 'freeze-failed', code: 122 }],
    ['T:S ###### Enable failed with error: freeze took longer than timeout StatusCode.FailedRetryableFsFreezeTimeout,', { milestone: 'freeze-failed', code: 122, statusName: 'FailedRetryableFsFreezeTimeout' }],
    ['file open failed for some mount', { milestone: 'freeze-failed', code: 123 }],
    ['Mount Points already freezed by some other processor', { milestone: 'freeze-failed', code: 121 }],
    ['safefreeze binary is missing in the following path /x', { milestone: 'freeze-failed', code: 124 }],
    ['T:S ***** freeze, time_before_freeze=2024-01-14 23:16:45, time_after_freeze=2024-01-14 23:16:50, freezeTimeTaken=0:00:05.250000', { milestone: 'freeze-result', durationMs: 5250 }],
    ['****** 5. Snaphotting (Host) Started', { milestone: 'snapshot-start', path: 'host' }],
    ['****** 6. Snaphotting (Guest-seq) Completed', { milestone: 'snapshot-end', path: 'guest' }],
    ['From Host- IsSuccessful:false, SnapshotUri:None, ErrorMessage:disk gone, StatusCode:556', { milestone: 'snapshot-disk', path: 'host', ok: false, code: 556 }],
    ['snapshot_info_indexer: index: 0 isSuccessful: True snapshotTs: 2019-06-06T23:53:14.9090608Z errorMessage:  statusCode: 201', { milestone: 'snapshot-disk', path: 'guest', ok: true, disk: 'disk index 0' }],
    ['T:S takeSnapshotFromHost, time_before_snapshot=a, time_after_snapshot=b, snapshotTimeTaken=0:01:02.500000', { milestone: 'snapshot-duration', durationMs: 62_500, path: 'host' }],
    ['T:S Enable failed with FailedRetryableSnapshotFailedNoNetwork error StatusCode.FailedRetryableSnapshotFailedNoNetwork,', { milestone: 'snapshot-failed', code: 76 }],
    ['T:S Enable failed with FailedRetryableSnapshotFailedRestrictedNetwork errror StatusCode.FailedRetryableSnapshotFailedRestrictedNetwork,', { milestone: 'snapshot-failed', code: 761 }],
    ['T:S Enable failed with FailedSnapshotLimitReached errror StatusCode.FailedSnapshotLimitReached,', { milestone: 'snapshot-failed', code: 85 }],
    ['Retrying when snapshot failed with SnapshotRateExceeded', { milestone: 'snapshot-failed', code: 173 }],
    ['presnapshot Hitting wrong WireServer IP', { milestone: 'snapshot-failed', code: 555 }],
    ['BHS is not runnning on host machine', { milestone: 'snapshot-failed', code: 556 }],
    ['PreSnapshot: Status Code: 503', { milestone: 'snapshot-failed', code: 558, detail: 'presnapshot HTTP 503' }],
    ['dosnapshot responseBody: StatusCode:500, ErrorMessage: Could not find config corresponding to the Disk  - md-x - y/abcd, bhsVersion:3.0.51.0', { milestone: 'snapshot-failed', code: 558, detail: 'dosnapshot HTTP 500' }],
    ['****** 7. Sending Thaw Signal to Binary', { milestone: 'thaw-start' }],
    ['snapshot result inconsistent as child returns with failure', { milestone: 'thaw-result', ok: false }],
    ['Enable,error,122,snapshotCreator=backupHostService, hostStatusCodePreSnapshot=200, ,False', { milestone: 'final-status', code: 122, status: 'error', statusName: 'FailedRetryableFsFreezeTimeout' }],
    ['Enable,success,1,snapshotCreator=backupHostService, hostStatusCodePreSnapshot=200, hostStatusCodeDoSnapshot=200, ,False', { milestone: 'final-status', code: 1, status: 'success' }],
    ['Failed to log status in extension173', { milestone: 'status-write-failed', code: 173 }],
    ['cannot get status report parameters , Exception 556, stack trace: x', { milestone: 'status-write-failed', code: 556 }],
    ["Failed to do the snapshot with error: 'hostStatusCodeDoSnapshot', stack trace: x", { milestone: 'status-write-failed', code: 2 }],
    ['unable to load certificate', { milestone: 'certificate', code: 16 }],
    ['Failed to decrypt protected settings using both CMS and SMIME commands', { milestone: 'certificate', code: 16 }],
  ];
  it.each(cases)('%s', async (msg, expected) => {
    const out = await parse(`2026-11-19 22:00:08.500000 ${P}${msg}\n`);
    const ms = out.of('snapshot-milestone');
    expect(ms).toHaveLength(1);
    expect(ms[0]).toMatchObject({ ...expected, at: { file: EXT_LOG, line: 1, time: '2026-11-19T22:00:08.500Z', zone: 'utc' } });
  });

  it('carries task id, sequence number and process onto later milestones; the daemon keeps the enable task', async () => {
    const out = await parse(
      [
        `2026-11-19 22:00:05.000000 ${P}Change log file to /var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log`,
        `2026-11-19 22:00:05.100000 ${P}current seq no is 15`,
        `2026-11-19 22:00:05.200000 ${P}starting enable`,
        `2026-11-19 22:00:05.300000 ${P}taskId: 7d3c2a8e-5b1f-4e62-9a07-3f1c8d2e6b41`,
        `2026-11-19 22:00:09.300000 ${P}Change log file to /var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log`,
        `2026-11-19 22:00:09.400000 ${P}starting daemon initially`,
        `2026-11-19 22:00:10.000000 ${P}T:S freeze, timeout value 60`,
      ].join('\n'),
    );
    const ms = out.of('snapshot-milestone');
    expect(ms.map((f) => [f.milestone, f.process, f.taskId, f.seqNo])).toEqual([
      ['sequence-number', 'unknown', undefined, 15],
      ['enable-start', 'enable', undefined, 15],
      ['task-id', 'enable', '7d3c2a8e-5b1f-4e62-9a07-3f1c8d2e6b41', 15],
      ['daemon-start', 'daemon', '7d3c2a8e-5b1f-4e62-9a07-3f1c8d2e6b41', 15],
      ['freeze-start', 'daemon', '7d3c2a8e-5b1f-4e62-9a07-3f1c8d2e6b41', 15],
    ]);
    expect(new Set(ms.slice(1, 3).map((f) => f.run)).size).toBe(1);
    expect(ms[3].run).toBeGreaterThan(ms[2].run!);
  });

  it('reports a full disk as a disk-space fact', async () => {
    const out = await parse(`2026-11-19 22:00:08.5 ${P}Status file creation failed with error: [Errno 28] No space left on device\n`);
    expect(out.of('disk-space')).toMatchObject([{ full: true, at: { line: 1 } }]);
  });
});

describe('hostile input', () => {
  it('never keeps snapshotTaskToken, DD tokens, SAS signatures or customSettings in facts', async () => {
    const out = await parse(
      [
        `2026-11-19 22:00:08.1 ${P}snapshotTaskToken : 5e0c9a8b7d6f4e3c2b1a0f9e8d7c6b5a`,
        `2026-11-19 22:00:08.2 ${P}Host Request body : {"taskId": "t", "snapshotTaskToken": "5e0c9a8b7d6f4e3c2b1a0f9e8d7c6b5a"}`,
        `2026-11-19 22:00:08.3 ${P}Failed to do the snapshot with error: PUT https://acct.blob.core.windows.net/vhds/os.vhd?sv=2020&sig=AbCdSeCrEt%2B&comp=snapshot failed, token : zzTOKENzz`,
        `2026-11-19 22:00:08.4 ${P}customSettings : {"backupTaskId": "SECRETCUSTOM"} StatusCode.FailedRetryableFsFreezeFailed,`,
      ].join('\n'),
    );
    const dump = JSON.stringify(out.facts);
    expect(out.facts.length).toBeGreaterThan(0);
    for (const secret of ['5e0c9a8b7d6f4e3c2b1a0f9e8d7c6b5a', 'AbCdSeCrEt', 'zzTOKENzz', 'SECRETCUSTOM']) expect(dump).not.toContain(secret);
    expect(dump).toContain('?<redacted>');
  });

  it('reads around binary garbage, invalid UTF-8 and a giant line, and warns about the cut line', async () => {
    const giant = 'x'.repeat(300_000);
    const buf = Buffer.concat([
      Buffer.from(`2026-11-19 22:00:08.1 ${P}starting enable\n`),
      Buffer.from([0x00, 0xff, 0xfe, 0x80, 0x0a]),
      Buffer.from(`2026-11-19 22:00:08.2 ${P}${giant}\n`),
      Buffer.from(`2026-11-19 22:00:08.3 ${P}freeze timed-out\n`),
      Buffer.from(`2026-11-19 22:00:08.4 ${P}truncated mid-li`),
    ]);
    const out = await parse(buf);
    expect(out.records.map((r) => r.line)).toEqual([1, 3, 4, 5]);
    expect(out.records[0].lineCount).toBe(2); // the garbage line continues the first record
    expect(out.records[1].length).toBe(Buffer.byteLength(`2026-11-19 22:00:08.2 ${P}${giant}`));
    expect(out.of('snapshot-milestone').map((f) => f.milestone)).toEqual(['enable-start', 'freeze-failed']);
    expect(out.warnings).toEqual([expect.objectContaining({ line: 3, message: expect.stringMatching(/first part/) })]);
  });

  it('an empty file yields nothing and no error', async () => {
    const out = await parse('');
    expect(out.records).toEqual([]);
    expect(out.facts).toEqual([]);
  });
});
