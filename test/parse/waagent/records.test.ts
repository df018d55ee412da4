import { describe, expect, it } from 'vitest';
import { parse } from './helpers';

/** One line per era of docs/formats.md "waagent.log", plus the foreign waagent-2.0 logger. */
const ERA_LINES = [
  '2018/01/08 10:00:00.123456 INFO Azure Linux Agent Version:2.2.20', // 2.2.0–2.2.30, no prefix
  '2018/01/08 10:00:05.000001 INFO [Microsoft.OSTCExtensions.VMAccessForLinux-1.5.3] Install extension [vmaccess.py -install]', // 2.2.x per-extension
  '2021/03/30 19:35:35.971742 INFO Daemon Azure Linux Agent Version:2.2.45', // 2.2.31–2.2.45
  '2021-05-28T01:17:40.683072Z INFO ExtHandler Wire server endpoint:168.63.129.16', // 2.2.46
  '2021-03-30T19:45:33.793213Z INFO ExtHandler [Microsoft.Azure.Security.Monitoring.AzureSecurityLinuxAgent-2.14.64] Target handler state: enabled [incarnation 3]', // 2.2.47+ ext
  '2023-08-27T08:13:42.520557Z WARNING MainThread LogCollector Fetch failed: [HttpError] timeout', // 2.2.47+ thread + prefix
  '2021-07-29T04:40:17.190879Z WARNING EnvHandler ExtHandler Dhcp client is not running.', // thread + prefix
  '2025-07-30T02:15:50.523569Z WARNING ExtHandler Error converting PFX to PEM [-nomacver: True]: failed', // thread only (2.14)
  '2021/03/30 19:45:31 [Microsoft.Azure.Monitor.AzureMonitorLinuxAgent-1.7.0] cwd is /var/lib/waagent/x', // foreign
  '2021/03/30 19:45:32 ERROR:Something broke in the extension', // foreign with level marker
  '2019-11-27T22:22:48.123985Z VERBOSE ExtHandler ExtHandler Report vm agent status',
];

describe('waagent.log record boundaries', () => {
  it('recognises every era in one file, with times, zones, levels, sources, threads and extensions', async () => {
    const p = await parse(ERA_LINES.join('\n') + '\n');
    expect(p.warnings).toEqual([]);
    expect(p.records.map((r) => r.line)).toEqual(ERA_LINES.map((_, i) => i + 1));
    const cols = p.records.map((r) => [r.zone, r.level, r.source, r.thread ?? null, r.extension ?? null]);
    expect(cols).toEqual([
      ['local', 'info', 'agent', null, null],
      ['local', 'info', '[Microsoft.OSTCExtensions.VMAccessForLinux-1.5.3]', null, 'Microsoft.OSTCExtensions.VMAccessForLinux'],
      ['local', 'info', 'Daemon', null, null],
      ['utc', 'info', 'ExtHandler', null, null],
      ['utc', 'info', '[Microsoft.Azure.Security.Monitoring.AzureSecurityLinuxAgent-2.14.64]', 'ExtHandler', 'Microsoft.Azure.Security.Monitoring.AzureSecurityLinuxAgent'],
      ['utc', 'warning', 'LogCollector', 'MainThread', null],
      ['utc', 'warning', 'ExtHandler', 'EnvHandler', null],
      ['utc', 'warning', 'ExtHandler', null, null],
      ['local', 'info', '[Microsoft.Azure.Monitor.AzureMonitorLinuxAgent-1.7.0]', null, 'Microsoft.Azure.Monitor.AzureMonitorLinuxAgent'],
      ['local', 'error', 'extension', null, null],
      ['utc', 'verbose', 'ExtHandler', 'ExtHandler', null],
    ]);
    // local eras: the wall clock read as UTC, never shifted by a guess
    expect(new Date(p.records[2].timeMs).toISOString()).toBe('2021-03-30T19:35:35.971Z');
    expect(new Date(p.records[3].timeMs).toISOString()).toBe('2021-05-28T01:17:40.683Z');
    expect(new Date(p.records[8].timeMs).toISOString()).toBe('2021-03-30T19:45:31.000Z');
  });

  it('reads the time of each line whatever the one before it said: fraction digits, day and month changes, bad dates', async () => {
    const lines = [
      '2021-05-28T23:59:59.9Z INFO ExtHandler ExtHandler a',
      '2021-05-29T00:00:00.05Z INFO ExtHandler ExtHandler b',
      '2021-05-29T00:00:01.123456789Z INFO ExtHandler ExtHandler c',
      '2021-05-29T00:00:02Z INFO ExtHandler ExtHandler d',
      '2021/05/29 00:00:03.000007 INFO Daemon e',
      '2021-06-29T00:00:04.5Z INFO ExtHandler ExtHandler f',
      '2021-13-29T00:00:05.5Z INFO ExtHandler ExtHandler g', // month 13: a continuation
      '2021-06-29T24:00:05.5Z INFO ExtHandler ExtHandler h', // hour 24: a continuation
      '2020-06-29T00:00:06.999Z INFO ExtHandler ExtHandler i',
    ];
    const p = await parse(lines.join('\n') + '\n');
    expect(p.records.map((r) => new Date(r.timeMs).toISOString())).toEqual([
      '2021-05-28T23:59:59.900Z',
      '2021-05-29T00:00:00.050Z',
      '2021-05-29T00:00:01.123Z',
      '2021-05-29T00:00:02.000Z',
      '2021-05-29T00:00:03.000Z',
      '2021-06-29T00:00:04.500Z',
      '2020-06-29T00:00:06.999Z',
    ]);
    expect(p.records.map((r) => r.lineCount)).toEqual([1, 1, 1, 1, 1, 3, 1]);
  });

  it('reads the words after the level of interleaved heads as each line writes them', async () => {
    const heads = ['ExtHandler ExtHandler', 'MonitorHandler ExtHandler', 'ExtHandler [Microsoft.CPlat.Core.RunCommandLinux-1.0.1]', 'EnvHandler ExtHandler', 'ExtHandler [Microsoft.CPlat.Core.RunCommandLinux-1.0.10]', 'MainThread LogCollector'];
    const order = [0, 1, 2, 0, 3, 4, 5, 2, 4, 1, 0, 5, 3, 2];
    const p = await parse(order.map((k, i) => `2021-05-29T00:00:${String(i).padStart(2, '0')}.000Z INFO ${heads[k]} message ${i}`).join('\n') + '\n');
    expect(p.records.map((r) => [r.thread, r.source, r.extension ?? null])).toEqual(
      order.map((k) => {
        const [thread, source] = heads[k].split(' ');
        return [thread, source, source[0] === '[' ? source.slice(1, source.lastIndexOf('-')) : null];
      }),
    );
  });

  it('folds continuation lines into the record: line count, offset and length cover all lines', async () => {
    const log = [
      '2022-12-02T05:45:51.771876Z ERROR ExtHandler ExtHandler Error fetching the goal state: [ProtocolError] boom',
      'Traceback (most recent call last):',
      '  File "bin/WALinuxAgent-2.9.1.1-py3.8.egg/azurelinuxagent/ga/update.py", line 412, in _try_update_goal_state',
      '',
      '2022-12-02T05:45:52.000001Z INFO ExtHandler ExtHandler ProcessExtensionsGoalState completed [incarnation_2 10 ms]',
      '',
      '2022-12-02T05:45:53.000001Z INFO ExtHandler ExtHandler next',
    ].join('\n');
    const p = await parse(log);
    expect(p.records.map((r) => [r.line, r.lineCount])).toEqual([
      [1, 4],
      [5, 2],
      [7, 1],
    ]);
    expect(p.text(p.records[0])).toBe(log.split('\n').slice(0, 4).join('\n'));
    expect(p.text(p.records[2])).toBe('2022-12-02T05:45:53.000001Z INFO ExtHandler ExtHandler next');
  });

  it('handles CRLF files', async () => {
    const p = await parse('2021-05-28T01:17:40.683072Z INFO ExtHandler a\r\ncontinued\r\n2021-05-28T01:17:41.000000Z ERROR ExtHandler b\r\n');
    expect(p.records.map((r) => [r.line, r.lineCount, r.level])).toEqual([
      [1, 2, 'info'],
      [3, 1, 'error'],
    ]);
  });

  it('never throws on hostile bytes: junk before the first record, invalid UTF-8, binary, a bad date', async () => {
    const junk = Buffer.concat([
      Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x0a]),
      Buffer.from('2021-05-28T01:17:40.683072Z INFO ExtHandler ExtHandler caf\xe9 ', 'latin1'),
      Buffer.from([0xc3, 0x28, 0x0a]),
      Buffer.from('2021-13-45T99:99:99.000000Z INFO not a date\n'),
      Buffer.from('2021-05-28T01:17:41.000000Z INFO ExtHandler ExtHandler after'),
    ]);
    const p = await parse(junk);
    expect(p.records.map((r) => [r.line, r.lineCount, r.zone])).toEqual([
      [1, 1, 'none'],
      [2, 2, 'utc'],
      [4, 1, 'utc'],
    ]);
  });

  it('warns once, with the line, about timestamps in an unknown layout, and keeps them as records', async () => {
    const p = await parse('2021-05-28T01:17:40.683072Z NOTICE something odd\n2021-05-28 01:17:41.000000 [ext]py3 style\n2021-05-28T01:17:42.000000Z INFO ExtHandler ok\n');
    expect(p.records).toHaveLength(3);
    expect(p.records[0].level).toBe('unknown');
    expect(p.warnings).toHaveLength(1);
    expect(p.warnings[0]).toMatchObject({ line: 1 });
    expect(p.warnings[0].message).toMatch(/^2 records start with a timestamp in a layout/);
  });

  it('keeps a giant line bounded and warns with its line number', async () => {
    const big = 'x'.repeat(200 * 1024);
    const first = `2021-05-28T01:17:40.683072Z INFO ExtHandler ExtHandler ${big}`;
    const p = await parse(`${first}\n2021-05-28T01:17:41.000000Z INFO ExtHandler ExtHandler after\n`);
    expect(p.records).toHaveLength(2);
    // the record still spans the whole line (the viewer reads it lazily); only the parsed head is capped
    expect(p.records[0].length).toBe(first.length);
    expect(p.records[1].offset).toBe(first.length + 1);
    expect(p.warnings.map((w) => w.line)).toEqual([1]);
  });

  it('CommandExecution.log yields the records but no facts (waagent.log has the same lines)', async () => {
    const p = await parse(
      '2026-11-19T22:00:04.719033Z INFO ExtHandler [Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9225.0] Enable extension: [main/handle.sh enable]\n',
      'var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/CommandExecution.log',
      true,
    );
    expect(p.records).toHaveLength(1);
    expect(p.records[0].extension).toBe('Microsoft.Azure.RecoveryServices.VMSnapshotLinux');
    expect(p.facts).toEqual([]);
  });

  it('a 200k-line synthetic log parses completely (sanity, no timing assertion)', async () => {
    const parts: string[] = [];
    for (let i = 0; i < 50_000; i++) {
      const s = String(i % 60).padStart(2, '0');
      const m = String(Math.floor(i / 60) % 60).padStart(2, '0');
      parts.push(
        i % 100 === 0
          ? `2026-11-19T22:${m}:${s}.000001Z INFO ExtHandler ExtHandler [HEARTBEAT] Agent WALinuxAgent-2.9.1.1 is running as the goal state agent [DEBUG HeartbeatCounter: ${i};HeartbeatId: X;DroppedPackets: 0;UpdateGSErrors: 0;AutoUpdate: 1]`
          : `2026-11-19T22:${m}:${s}.000001Z INFO MonitorHandler ExtHandler Routine monitoring message ${i}`,
        `2021/03/30 19:35:${s}.971742 INFO Daemon Some daemon message ${i}`,
        i % 1000 === 0
          ? `2022-12-02T05:45:51.771876Z ERROR ExtHandler ExtHandler Error fetching the goal state: [ProtocolError] [HTTP Failed] GET http://168.63.129.16/machine/ -- IOError timed out -- 6 attempts made`
          : `2021/03/30 19:45:${s} [Microsoft.Azure.Monitor.AzureMonitorLinuxAgent-1.7.0] foreign line ${i}`,
        'Traceback (most recent call last):',
      );
    }
    const p = await parse(parts.join('\n'));
    expect(p.records).toHaveLength(150_000);
    expect(p.records.reduce((s, r) => s + r.lineCount, 0)).toBe(200_000);
    expect(p.facts.filter((f) => f.kind === 'agent-heartbeat')).toHaveLength(500);
    expect(p.facts.filter((f) => f.kind === 'connectivity')).toHaveLength(50);
    expect(p.warnings).toEqual([]);
  });
});
