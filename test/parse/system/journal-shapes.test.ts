// journalctl's other short output modes and a journal in ISO-8859-2: the real lines of test/fixtures/system (SOURCE.md
// there). Each must be read as the system log it is, one record per line, by the sniffer, the syslog reader, the
// generic reader and the unexplained-error grouping alike.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RecordInput } from '../../../src/main/records/store';
import { recognise } from '../../../src/shared/formats';
import { monthOfAbbreviation } from '../../../src/shared/time';
import { pastedFiles } from '../../../src/main/ingest/paste';
import { BufferContent } from '../../../src/main/ingest/content';
import { parseGenericLog } from '../../../src/main/parse/generic-log';
import { templateOf } from '../../../src/main/analyze/unexplained';
import { parse } from '../state/run-parser';
import { takeRelayed } from '../../../src/main/parse/types';
import { UBUNTU_2695 } from './relayed-lines';

const FIXTURES = join('test', 'fixtures', 'system');
const lines = (name: string) => readFileSync(join(FIXTURES, name), 'utf8').replace(/\n$/, '').split('\n');

async function genericRecords(buf: Buffer): Promise<RecordInput[]> {
  const out: RecordInput[] = [];
  await parseGenericLog({ file: { id: 0, vmPath: 'var/log/other.log', kind: 'generic-log', size: buf.length } as never, content: new BufferContent(buf) }, { record: (r) => void out.push({ ...r }), fact: () => undefined, warn: () => undefined });
  return out;
}

const MODES = ['bottlerocket-2900-journalctl-short-precise.txt', 'systemd-29134-journalctl-short-iso.txt', 'systemd-29134-journalctl-short-iso-precise.txt'];

describe("journalctl -o short-precise, short-iso, short-iso-precise are journals", () => {
  for (const file of MODES) {
    it(`${file}: recognised as the system log, loose or pasted, every line a record's head`, async () => {
      const text = lines(file).join('\n');
      expect(recognise(text)?.kind).toBe('syslog');
      expect(pastedFiles(text, 0).map((f) => f.kind)).toEqual(['syslog']);
      // a continuation line between records stays with the record above it
      const withCont = [...lines(file), '  a continuation'].join('\n');
      const p = await parse('var/log/syslog', `${withCont}\n`);
      expect(p.records.map((r) => [r.line, r.lineCount])).toEqual(lines(file).map((_, i) => [i + 1, i === lines(file).length - 1 ? 2 : 1]));
    });
  }

  it('short-iso times are read with their offset (`+0200`), to the microsecond when precise', async () => {
    const iso = await parse('var/log/syslog', lines('systemd-29134-journalctl-short-iso.txt').join('\n'));
    expect(iso.records[0].timeMs).toBe(Date.UTC(2023, 8, 8, 15, 20, 30));
    const precise = await parse('var/log/syslog', lines('systemd-29134-journalctl-short-iso-precise.txt').join('\n'));
    expect(precise.records[0].timeMs).toBe(Date.UTC(2023, 8, 8, 15, 20, 30, 655));
  });

  it("the agent's records relayed in short-precise are read as in the default short mode (#2695's lines)", async () => {
    const facts = async (text: string) =>
      (await parse('var/log/syslog', text)).facts.filter((f) => takeRelayed(f)).map((f) => ({ kind: f.kind, timeMs: f.timeMs, line: f.at.line }));
    const want = await facts(UBUNTU_2695.join('\n'));
    expect(want.length).toBeGreaterThan(0);
    // constructed from the real lines: journalctl -o short-precise adds the microseconds after the seconds
    expect(await facts(UBUNTU_2695.map((l) => l.replace(/^(Oct \d\d \d\d:\d\d:\d\d)/, '$1.833653')).join('\n'))).toEqual(want);
  });

  it('the generic reader starts a record at a short-precise or a locale month head too', async () => {
    const precise = lines('bottlerocket-2900-journalctl-short-precise.txt');
    expect((await genericRecords(Buffer.from(`${precise.join('\n')}\n`))).map((r) => r.line)).toEqual([1, 2, 3, 4]);
    const fr = [...lines('crowdsec-530-journalctl-fr.txt'), ...lines('lnav-1086-journalctl-fr.txt')];
    expect((await genericRecords(Buffer.from(`${fr.join('\n')}\n`))).map((r) => r.line)).toEqual(fr.map((_, i) => i + 1));
  });
});

describe('a Czech or Polish journal in ISO-8859-2', () => {
  // systemd#22719's real Czech line (cs_CZ, `led` = January) with the month as the same journal prints March, May,
  // October (Czech) and October (Polish), in the locales' legacy charset: constructed, only the month token differs
  const [CZECH] = lines('systemd-22719-journalctl-cs.txt');
  const MONTHS: [string, number][] = [
    ['bře', 2],
    ['kvě', 4],
    ['říj', 9],
    ['čen', 5],
    ['paź', 9],
  ];
  it.each(MONTHS)('`%s` read from its ISO-8859-2 bytes is month %i', async (month, index) => {
    const latin2 = encodeLatin2(month);
    expect(monthOfAbbreviation(latin2.toString('latin1'))).toBe(index);
    const text = Buffer.concat([latin2, Buffer.from(`${CZECH.slice(3)}\n`, 'latin1'), latin2, Buffer.from(`${CZECH.slice(3)}\n`, 'latin1')]);
    expect(recognise(text)?.kind).toBe('syslog');
    expect((await parse('var/log/syslog', text)).records.map((r) => r.line)).toEqual([1, 2]);
  });
});

describe('unexplained errors group across the months of every table', () => {
  it('a journal line in English, French, Czech or short-precise gives one template', () => {
    const t = templateOf('Oct 30 00:00:12 host sshd[1]: error: x');
    for (const l of ['déc. 13 12:00:47 host sshd[4036]: error: x', 'janv. 02 12:00:47 host sshd[9]: error: x', 'říj 30 00:00:12 host sshd[1]: error: x', 'Mar 14 10:12:31.545053 host sshd[1]: error: x'])
      expect(templateOf(l), l).toBe(t);
    // a word that is no month keeps its word
    expect(templateOf('foo 30 00:00:12 host sshd[1]: error: x')).not.toBe(t);
  });
});

/** The ISO-8859-2 bytes of a Czech or Polish month (the letters of ABBREVIATED_MONTHS' cs_CZ and pl_PL rows). */
function encodeLatin2(s: string): Buffer {
  const table: Record<string, number> = { ř: 0xf8, ě: 0xec, č: 0xe8, ź: 0xbc, ú: 0xfa, á: 0xe1, í: 0xed };
  return Buffer.from([...s].map((c) => table[c] ?? c.charCodeAt(0)));
}
