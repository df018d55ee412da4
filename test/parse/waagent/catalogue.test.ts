import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, digitsAfter, dispatchAt, draftOf, durationIn, matchMessageInto, type FactDraft, type FactOut, type MatchContext } from '../../../src/main/parse/waagent/catalogue';
import { CORPUS } from '../../helpers/paths';
import { ofKind, parse } from './helpers';

describe('waagent.log message catalogue', () => {
  it('every entry documents at least one sample line', () => {
    for (const e of CATALOGUE) expect(e.samples.length, e.id).toBeGreaterThan(0);
    expect(new Set(CATALOGUE.map((e) => e.id)).size).toBe(CATALOGUE.length);
  });

  for (const entry of CATALOGUE) {
    it(`${entry.id}: each sample line yields its fact through the whole parser`, async () => {
      for (const [line, expected] of entry.samples) {
        const p = await parse(`${line}\n`);
        expect(p.records, line).toHaveLength(1);
        const hit = p.facts.find((f) => Object.entries(expected).every(([k, v]) => (f as unknown as Record<string, unknown>)[k] === v));
        expect(hit, `${entry.id}: ${line}\n got ${JSON.stringify(p.facts.map((f) => ({ ...f, at: undefined })))}`).toBeDefined();
        // evidence is the record's first line, in the file
        expect(hit!.at).toMatchObject({ file: 'var/log/waagent.log', line: 1 });
        expect(line.startsWith(hit!.at.text.replace(/…$/, '').slice(0, 60))).toBe(true);
      }
    });
  }

  it('the corpus samples (real lines from the agent repo) parse with no unknown-era warning', async () => {
    const buf = readFileSync(join(CORPUS, 'waagent', 'extracted', 'waagent_log_record_samples.log'));
    const p = await parse(buf);
    expect(p.warnings).toEqual([]);
    const physical = buf.toString('utf8').split('\n').filter((l, i, a) => i < a.length - 1 || l !== '').length;
    expect(p.records.reduce((s, r) => s + r.lineCount, 0)).toBe(physical);
    expect(p.records.every((r) => r.level !== 'unknown')).toBe(true);
    // a few facts that these real lines must give
    expect(ofKind(p.facts, 'agent-version')).toContainEqual(expect.objectContaining({ role: 'daemon', version: '2.2.45' }));
    expect(ofKind(p.facts, 'endpoint-discovery').map((f) => f.event)).toEqual(expect.arrayContaining(['wireserver-endpoint', 'dhcp-client-not-running']));
    expect(ofKind(p.facts, 'agent-disabled')).toEqual([expect.objectContaining({ reason: 'ovf-provision-guest-agent-false' })]);
    const net = ofKind(p.facts, 'connectivity').filter((c) => c.endpoint === 'wireserver');
    expect(net.some((c) => c.detail.includes('Network is unreachable'))).toBe(true);
    expect(ofKind(p.facts, 'certificate-problem').length).toBeGreaterThanOrEqual(3);
    expect(ofKind(p.facts, 'extension-operation').filter((o) => o.outcome === 'failed').map((o) => o.exitCode)).toEqual(expect.arrayContaining([56, 51, 126, 1, 2]));
  });

  it('a verbose agent (Logs.Verbose=y) logs every request and response: only failures become connectivity facts', async () => {
    // restutil: `HTTP connection [{0}] [{1}] [{2}] [{3}]` and `[HTTP Response] Status Code {0}` for every call,
    // `[HTTP Retry] Attempt {0} of {1} will delay {2} seconds: {3}` before a retry (docs/formats.md "waagent.log", markers)
    const p = await parse(
      [
        "2026-01-01T00:00:00.000001Z VERBOSE ExtHandler ExtHandler HTTP connection [GET] [/machine/?comp=goalstate] [None] [{'x-ms-agent-name': 'WALinuxAgent', 'Connection': 'close'}]",
        '2026-01-01T00:00:00.000002Z VERBOSE ExtHandler ExtHandler [HTTP Response] Status Code 200',
        '2026-01-01T00:00:06.000001Z VERBOSE ExtHandler ExtHandler [HTTP Response] Status Code 200',
        '2026-01-01T00:00:12.000001Z VERBOSE ExtHandler ExtHandler [HTTP Retry] Attempt 2 of 6 will delay 3 seconds: [HTTP Failed] GET http://168.63.129.16/machine/ -- IOError timed out',
        '2026-01-01T00:00:30.000001Z ERROR ExtHandler ExtHandler Error fetching the goal state: [ProtocolError] [HttpError] [HTTP Failed] GET http://168.63.129.16/machine/ -- IOError timed out -- 6 attempts made',
        '',
      ].join('\n'),
    );
    const net = ofKind(p.facts, 'connectivity');
    expect(net.map((c) => [c.at.line, c.endpoint, c.ok])).toEqual([
      [4, 'wireserver', false],
      [5, 'wireserver', false],
    ]);
    expect(net[0].detail).toMatch(/^\[HTTP Retry\] Attempt 2 of 6/);
    expect(net[1].detail).toMatch(/^\[HTTP Failed\] GET http:\/\/168\.63\.129\.16\/machine\//);
  });

  it('never keeps a SAS token: URLs in facts and evidence lose their sig/sv query', async () => {
    const p = await parse(
      '2019/11/27 22:22:48.123985 WARNING ExtHandler Fetch failed: [HttpError] [HTTP Retry] GET https://md-abc.blob.core.windows.net/$system/vm.status?sv=2018-03-28&sr=b&sk=system-1&sig=AbCdEf%2Bsecret%3D&se=9999-01-01T00%3A00%3A00Z&sp=rw -- Status Code 503 -- 1 attempts made\n',
    );
    const [c] = ofKind(p.facts, 'connectivity');
    expect(c).toMatchObject({ endpoint: 'storage', ok: false, url: 'https://md-abc.blob.core.windows.net/$system/vm.status?<redacted>' });
    const all = JSON.stringify(p.facts);
    expect(all).not.toMatch(/sig=|AbCdEf|sv=2018/);
    expect(c.at.text).toContain('?<redacted>');
  });

  it('no space left on device anywhere in a record → a disk-space fact at that line', async () => {
    const p = await parse(
      [
        "2021/03/30 19:40:00.000001 WARNING ExtHandler Agent WALinuxAgent-2.2.53.1 install failed with exception: [Errno 28] No space left on device: '/var/lib/waagent/WALinuxAgent-2.2.53.1'",
        '2023-01-01T00:00:00.000001Z ERROR ExtHandler ExtHandler Event: name=Microsoft.Azure.RecoveryServices.VMSnapshotLinux, op=Enable, message=[ExtensionOperationError] Non-zero exit code: 1, /x/handle.sh enable',
        '[stdout]',
        "OSError: [Errno 28] No space left on device: '/var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log'",
        ', duration=0',
      ].join('\n'),
    );
    expect(ofKind(p.facts, 'disk-space').map((d) => [d.at.line, d.full])).toEqual([
      [1, true],
      [4, true],
    ]);
    expect(ofKind(p.facts, 'agent-update')[0]).toMatchObject({ event: 'failed', version: '2.2.53.1' });
  });

  it('an Enable extension start and its Executing command line are one operation, with the seqNo', async () => {
    const p = await parse(
      [
        '2026-11-19T22:00:04.719033Z INFO ExtHandler [Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9225.0] Enable extension: [main/handle.sh enable]',
        '2026-11-19T22:00:04.720040Z INFO ExtHandler [Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9225.0] Executing command: /var/lib/waagent/Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9225.0/main/handle.sh enable with environment variables: {"ConfigSequenceNumber": "15"}',
        '2026-11-19T22:00:05.900300Z INFO ExtHandler [Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9225.0] Command: main/handle.sh enable',
        '',
        '[stdout]',
        'Started daemon process with pid 48144',
        '',
        '[stderr]',
        '',
        '2018/01/08 10:00:05.000001 INFO [Microsoft.OSTCExtensions.VMAccessForLinux-1.5.3] Enable extension [vmaccess.py -enable]',
      ].join('\n'),
    );
    const ops = ofKind(p.facts, 'extension-operation');
    expect(ops.map((o) => [o.handler.split('.').pop(), o.outcome, o.seqNo ?? null, o.at.line])).toEqual([
      ['VMSnapshotLinux', 'started', 15, 2],
      ['VMSnapshotLinux', 'succeeded', null, 3],
      ['VMAccessForLinux', 'started', null, 10],
    ]);
  });
});

describe('extension processing disabled (2.10–2.13 per-extension line)', () => {
  it('yields extensions-disabled whatever the extension name', async () => {
    const p = await parse(
      "2024-03-27T10:00:00.000001Z INFO ExtHandler ExtHandler Microsoft.Azure.RecoveryServices.VMSnapshotLinux: Extension will not be processed since extension processing is disabled. To enable extension processing, set Extensions.Enabled=y in '/etc/waagent.conf'\n",
    );
    expect(ofKind(p.facts, 'extensions-disabled')).toEqual([expect.objectContaining({ source: 'log-banner', at: expect.objectContaining({ line: 1 }) })]);
  });
});

describe('other configuration banners', () => {
  it('an unknown ******** banner ******** becomes a config-banner fact', async () => {
    const p = await parse('2022-01-01T00:00:00.000001Z INFO ExtHandler ExtHandler ******** lib dir is in an unexpected location: /mnt/waagent ********\n');
    expect(ofKind(p.facts, 'config-banner')).toEqual([expect.objectContaining({ key: 'lib', detail: 'lib dir is in an unexpected location: /mnt/waagent' })]);
  });
});

describe('the catalogue\'s number readers', () => {
  // texts made of the pieces the patterns are made of, and near misses
  const pieces = [' ', '1', '23', '4567', ' ms', ' ms;', ' ms]', 'ms', ';', ']', 'x', '٣', 'HeartbeatCounter: ', 'HeartbeatCounter:', 'UpdateGSErrors: ', 'UpdateGSErrors: x', 'Counter: 9', '[', '99999999999999999999'];
  let seed = 5;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
  const texts = Array.from({ length: 20_000 }, () => Array.from({ length: rand(14) }, () => pieces[rand(pieces.length)]).join(''));
  texts.push('ProcessExtensionsInGoalState completed [Incarnation: 9; 1503 ms; Activity Id: a; Correlation Id: b; GS Creation Time: c]', 'x 12 ms 13 ms]', ' 5 ms;', '5 ms;');

  it('durationIn reads what / (\\d+) ms[;\\]]/ matches', () => {
    for (const t of texts) expect(durationIn(t), JSON.stringify(t)).toBe(/ (\d+) ms[;\]]/.exec(t)?.[1]);
  });

  it('digitsAfter reads what /<label>(\\d+)/ matches', () => {
    for (const t of texts) {
      expect(digitsAfter(t, 'HeartbeatCounter: '), JSON.stringify(t)).toBe(/HeartbeatCounter: (\d+)/.exec(t)?.[1]);
      expect(digitsAfter(t, 'UpdateGSErrors: '), JSON.stringify(t)).toBe(/UpdateGSErrors: (\d+)/.exec(t)?.[1]);
    }
  });
});

describe('the dispatch from bytes', () => {
  /** The facts `matchMessageInto` gives for `text`, dispatched from its bytes or (`fromText`) from the text. */
  const factsOf = (text: string, fromText: boolean): FactDraft[] => {
    const got: FactDraft[] = [];
    const out: FactOut = { values: [], row: (layout) => got.push(draftOf(layout, out.values)), draft: (d) => got.push(d) };
    const ctx: MatchContext = { source: '[Microsoft.Azure.Extensions.CustomScript-2.1.6]', extension: 'Microsoft.Azure.Extensions.CustomScript', extensionVersion: '2.1.6' };
    const bytes = Buffer.from(text, 'utf8');
    matchMessageInto(text, ctx, out, fromText ? undefined : dispatchAt(bytes, 0, bytes.length));
    return got;
  };

  it('runs the entries the text dispatch runs, with the same facts', () => {
    // every sample line from each of its spaces on (a message start at every word), every start and each of them
    // cut short, wrapped (`[PERIODIC] `, `***`, `*`) and followed by nothing or by text
    const texts = new Set<string>();
    for (const e of CATALOGUE) {
      for (const [line] of e.samples) for (let i = line.indexOf(' '); i >= 0; i = line.indexOf(' ', i + 1)) texts.add(line.slice(i + 1));
      for (const s of e.starts) {
        for (let n = 0; n <= s.length; n++) texts.add(s.slice(0, n));
        for (const t of [s, `${s} x`, `${s}: [HTTP Failed] GET http://168.63.129.16/machine/ -- IOError timed out`]) texts.add(t).add(`[PERIODIC] ${t}`).add(`*** ${t} ***`).add(`*${t}`).add(`é${t}`);
      }
    }
    texts.add('******** AutoUpdate.Enabled is set to False ********');
    let matched = 0;
    for (const t of texts) {
      const want = factsOf(t, true);
      expect(factsOf(t, false), JSON.stringify(t)).toEqual(want);
      if (want.length) matched++;
    }
    expect(matched).toBeGreaterThan(CATALOGUE.length);
  });

  it('decodes nothing that starts no entry', () => {
    for (const t of ['HTTP connection [GET] [/machine/?comp=goalstate]', '[HTTP Response] Status Code 200', 'E', '', 'Zzz']) {
      const b = Buffer.from(t);
      expect(dispatchAt(b, 0, b.length), t).toBeNull();
    }
  });
});
