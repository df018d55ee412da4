import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseShellLog } from '../../../src/main/parse/vmsnapshot/shell-log';
import { parseStatusFile } from '../../../src/main/parse/vmsnapshot/status';
import { ROOT } from '../../helpers/paths';
import { EXT_DIR, SHELL_LOG, runParser } from '../../analyze/snapshot/helpers';

const fixture = (name: string) => readFileSync(join(ROOT, 'test', 'fixtures', 'snapshot', name), 'utf8');
const status = (vmPath: string, text: string | Buffer) => runParser(parseStatusFile, vmPath, 'extension-status', text);

describe('status/<N>.status', () => {
  it('the trap: "status": "success" with code 122 is a failed snapshot (verbatim)', async () => {
    const out = await status(`${EXT_DIR}/status/15.status`, fixture('status-4.3-freeze-timeout.json'));
    expect(out.warnings).toEqual([]);
    expect(out.of('extension-status')).toMatchObject([
      { handler: 'Microsoft.Azure.RecoveryServices.VMSnapshotLinux', version: '1.0.9225.0', seqNo: 15, status: 'success', code: 122, timestampUTC: '2024-07-01T02:14:40.000Z' },
    ]);
    const [snap] = out.of('snapshot-status');
    expect(snap).toMatchObject({
      fileStatus: 'success',
      code: 122,
      effectiveStatus: 'failed',
      taskId: '767baff0-3f1e-4363-a974-5d801189250d',
      vmHealthStatusCode: 122,
      message: 'snapshotCreator=backupHostService, hostStatusCodePreSnapshot=200, ',
      snapshotConsistency: '0',
      disks: [],
      at: { line: 1, time: '2024-07-01T02:14:40.000Z', zone: 'utc' },
    });
    // commandStartTimeUTCTicks 638554000000000000 = 17198032000000 ms after the epoch
    expect(snap.requestedStart).toBe("2024-07-01T03:06:40.000Z");
  });

  it('a code 1 status is a success with its per-disk snapshot results (verbatim)', async () => {
    const out = await status(`${EXT_DIR}/status/12.status`, fixture('status-4.2-success.json'));
    const [snap] = out.of('snapshot-status');
    expect(snap).toMatchObject({ code: 1, effectiveStatus: 'success', vmHealthStatusCode: 1 });
    expect(snap.disks).toEqual([{ snapshotUri: 'https://md-xxxx.z1.blob.storage.azure.net/abcd/abcd?snapshot=2024-07-01T02:13:32.1234567Z', isSuccessful: true }]);
  });

  it('code 4 is in progress; other extensions get only an extension-status fact', async () => {
    const t = fixture('status-4.2-success.json').replace('"code": "1", "taskId"', '"code": "4", "taskId"').replace('"status": "success", "substatus": [{', '"status": "transitioning", "substatus": [{');
    const out = await status(`${EXT_DIR}/status/13.status`, t);
    expect(out.of('snapshot-status')[0].effectiveStatus).toBe('in-progress');
    const other = await status('var/lib/waagent/Microsoft.Azure.Monitor.AzureMonitorLinuxAgent-1.28.11/status/3.status', '[{"version": 1.0, "timestampUTC": "2026-11-19T22:00:05Z", "status": {"name": "AzureMonitorLinuxAgent", "operation": "Enable", "status": "success", "code": 0, "formattedMessage": {"lang": "en-US", "message": "Enable succeeded"}}}]');
    expect(other.of('snapshot-status')).toEqual([]);
    expect(other.of('extension-status')).toMatchObject([{ handler: 'Microsoft.Azure.Monitor.AzureMonitorLinuxAgent', version: '1.28.11', seqNo: 3, status: 'success', code: 0, message: 'Enable succeeded' }]);
  });

  it("reads the agent's own sample status (WALinuxAgent tests/data/ext/sample-status.json)", async () => {
    const out = await status(`${EXT_DIR}/status/0.status`, fixture('waagent-sample-status.json'));
    expect(out.of('extension-status')[0]).toMatchObject({ code: 1, status: 'success' });
    expect(out.of('snapshot-status')[0]).toMatchObject({ code: 1, effectiveStatus: 'success', taskId: 'e5e5602b-48a6-4c35-9f96-752043777af1' });
  });

  it('a cut file warns and still salvages handler, code and task; binary and empty files only warn', async () => {
    const full = fixture('status-4.3-freeze-timeout.json');
    const cut = await status(`${EXT_DIR}/status/15.status`, full.slice(0, 900));
    expect(cut.warnings[0].message).toMatch(/not valid JSON/);
    expect(cut.of('snapshot-status')).toMatchObject([{ code: 122, effectiveStatus: 'failed' }]);
    const bin = await status(`${EXT_DIR}/status/16.status`, Buffer.from([0x00, 0x01, 0xff, 0xfe, 0x7b]));
    expect(bin.facts).toEqual([]);
    expect(bin.warnings.length).toBeGreaterThan(0);
    const empty = await status(`${EXT_DIR}/status/17.status`, '');
    expect(empty.facts).toEqual([]);
    expect(empty.warnings.length).toBe(1);
  });

  it('warns when the agent truncated substatus (128 KiB limit) and keeps the top-level verdict', async () => {
    const doc = JSON.parse(fixture('status-4.3-freeze-timeout.json'));
    doc[0].status.substatus[0].name = doc[0].status.substatus[0].name.slice(0, 400) + ' ... [TRUNCATED]';
    const out = await status(`${EXT_DIR}/status/15.status`, JSON.stringify(doc));
    expect(out.warnings.map((w) => w.message).join()).toMatch(/truncated/);
    expect(out.of('snapshot-status')[0]).toMatchObject({ code: 122, effectiveStatus: 'failed' });
  });

  it('never keeps a SAS signature from a snapshot URI or error message', async () => {
    const t = fixture('status-4.2-success.json').replace('abcd?snapshot=2024-07-01T02:13:32.1234567Z', 'abcd?snapshot=2024-07-01T02:13:32.1234567Z&sig=TOPSECRETSIG');
    const out = await status(`${EXT_DIR}/status/12.status`, t);
    expect(JSON.stringify(out.facts)).not.toContain('TOPSECRETSIG');
  });
});

describe('shell.log', () => {
  it('reads `date -u` lines as UTC and the host daemon form, one record each', async () => {
    const out = await runParser(
      parseShellLog,
      SHELL_LOG,
      'vmsnapshot-shell-log',
      [
        'Thu Nov 19 22:00:04 UTC 2026- ConfigSequenceNumber from environment variable seqNo:15',
        'Thu Nov 19 22:00:04 UTC 2026- python3.8 path exists',
        'Mon Jul  1 02:13:20 UTC 2024- The command is install, exiting with conf file copy',
        'Mon Jul  1 02:13:21 UTC 2024- python version unknown',
        'Thu Nov 19 22:03:28 UTC 2026- 0 returned from handle.py',
        '[2024-07-01 02:13:20:123456789] python3 path exists',
        'garbage without a time',
      ].join('\n'),
    );
    expect(out.records.map((r) => [r.zone, r.level, Number.isFinite(r.timeMs) ? new Date(r.timeMs).toISOString() : null])).toEqual([
      ['utc', 'info', '2026-11-19T22:00:04.000Z'],
      ['utc', 'info', '2026-11-19T22:00:04.000Z'],
      ['utc', 'info', '2024-07-01T02:13:20.000Z'],
      ['utc', 'error', '2024-07-01T02:13:21.000Z'],
      ['utc', 'info', '2026-11-19T22:03:28.000Z'],
      ['utc', 'info', '2024-07-01T02:13:20.123Z'],
      ['none', 'info', null],
    ]);
    expect(out.of('vmsnapshot-shell').map((f) => [f.event, f.seqNo ?? f.rc ?? f.command ?? f.detail])).toEqual([
      ['sequence-number', 15],
      ['python-found', 'python3.8'],
      ['command', 'install'],
      ['python-missing', 'python version unknown'],
      ['handle-rc', 0],
      ['python-found', 'python3'],
    ]);
  });
});
