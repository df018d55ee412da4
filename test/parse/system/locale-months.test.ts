// Journals and syslogs whose lines start with the locale's month (journalctl prints `%b` in the VM's locale): the
// real lines of test/fixtures/system (SOURCE.md there), and the agent's records of a real case relayed so.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Fact } from '../../../src/shared';
import { recognise } from '../../../src/shared/formats';
import { ABBREVIATED_MONTHS, monthOfAbbreviation } from '../../../src/shared/time';
import { takeRelayed } from '../../../src/main/parse/types';
import { syslogStampEnd } from '../../../src/main/parse/system/syslog-stamp';
import { pastedFiles } from '../../../src/main/ingest/paste';
import { parse } from '../state/run-parser';
import { readEvidenceText } from '../waagent/helpers';
import { UBUNTU_2695 } from './relayed-lines';

const FIXTURES = join('test', 'fixtures', 'system');
const lines = (name: string) => readFileSync(join(FIXTURES, name), 'utf8').replace(/\n$/, '').split('\n');

/** The real journal lines, each file with the month it shows. */
const REAL: [file: string, month: number][] = [
  ['crowdsec-530-journalctl-fr.txt', 11],
  ['lnav-533-journalctl-fr.txt', 7],
  ['lnav-1086-journalctl-fr.txt', 10],
  ['journalcheck-2-journalctl-fr.txt', 9],
  ['systemd-22719-journalctl-cs.txt', 0],
];

/** Relayed facts of `text` read as `vmPath`, their evidence text read back (byte offsets) and the file left out. */
async function relayed(vmPath: string, text: Buffer): Promise<Fact[]> {
  const p = await parse(vmPath, text);
  const facts = readEvidenceText(p.facts.filter((f) => takeRelayed(f)), text);
  return facts.map((f) => ({ ...f, at: { ...f.at, file: '' } }));
}

describe('the month table is glibc\'s abmon', () => {
  it('has twelve names per locale, and no token names two months', () => {
    const seen = new Map<string, number>();
    for (const [locale, names] of Object.entries(ABBREVIATED_MONTHS)) {
      expect(names, locale).toHaveLength(12);
      names.forEach((n, i) => {
        expect(seen.get(n) ?? i, `${locale} ${n}`).toBe(i);
        seen.set(n, i);
        expect(monthOfAbbreviation(n)).toBe(i);
        // as a parser reading bytes as Latin-1 sees the UTF-8 text
        expect(monthOfAbbreviation(Buffer.from(n, 'utf8').toString('latin1'))).toBe(i);
      });
    }
  });

  it('reads the month of every real line', () => {
    for (const [file, month] of REAL) for (const l of lines(file)) expect(monthOfAbbreviation(l.slice(0, l.indexOf(' '))), file).toBe(month);
    expect(monthOfAbbreviation('Mär')).toBe(2);
    expect(monthOfAbbreviation('Dec.')).toBe(-1);
    expect(monthOfAbbreviation('foo')).toBe(-1);
  });
});

describe('a journal in the locale\'s months is a syslog, one record per line', () => {
  for (const [file] of REAL) {
    it(`${file}: recognised as the system log, loose or pasted, every line a record's head`, async () => {
      const text = lines(file).join('\n');
      expect(recognise(text)?.kind).toBe('syslog');
      expect(pastedFiles(text, 0).map((f) => f.kind)).toEqual(['syslog']);
      const p = await parse('var/log/syslog', `${text}\n`);
      expect(p.records.map((r) => r.line)).toEqual(lines(file).map((_, i) => i + 1));
      // (no year, no zone: the traditional time is kept as none, as for English months)
      expect(p.records.every((r) => Number.isNaN(r.timeMs))).toBe(true);
    });
  }

  it("util-linux#161's `Mär  5 14:08:36` (German, day padded with a space) is a time's head, in UTF-8 and in Latin-1", () => {
    const [line] = lines('util-linux-161-logger-de.txt');
    const at = line.indexOf('M');
    for (const enc of ['utf8', 'latin1'] as const) {
      const buf = Buffer.from(line, enc);
      const start = Buffer.from(line.slice(0, at), enc).length;
      const end = syslogStampEnd(buf, start, buf.length);
      expect(buf.toString(enc, start, end)).toBe('Mär  5 14:08:36');
    }
  });

  it('a Latin-1 journal (fr_FR.ISO-8859-1) reads as the UTF-8 one', async () => {
    const text = `${lines('crowdsec-530-journalctl-fr.txt').join('\n')}\n${lines('lnav-533-journalctl-fr.txt').join('\n')}\n`;
    const p = await parse('var/log/syslog', Buffer.from(text, 'latin1'));
    expect(p.records.map((r) => r.line)).toEqual([1, 2]);
    expect(recognise(Buffer.from(text, 'latin1'))?.kind).toBe('syslog');
  });
});

describe("the agent's records relayed in a journal of the locale's months are read as in English", () => {
  // #2695's lines (relayed-lines.ts) with the month as journalctl prints October under fr_FR, de_DE, cs_CZ and pl_PL (Polish `paź` and
  // Czech `pro` start with the letter a headerless `python:` tag does): constructed, only the month token differs
  for (const month of ['oct.', 'Okt', 'říj', 'paź', 'okt', 'ott', 'out']) {
    it(`\`${month} 30 00:00:12 …\`: the same facts as \`Oct 30 00:00:12 …\``, async () => {
      const want = await relayed('var/log/syslog', Buffer.from(UBUNTU_2695.join('\n'), 'utf8'));
      expect(want.length).toBeGreaterThan(0);
      const text = UBUNTU_2695.map((l) => l.replace(/^Oct /, `${month} `)).join('\n');
      expect(recognise(text)?.kind).toBe('syslog');
      expect(await relayed('var/log/syslog', Buffer.from(text, 'utf8'))).toEqual(want);
      expect(await relayed('sos_commands/logs/journalctl_--no-pager', Buffer.from(text, 'utf8'))).toEqual(want);
    });
  }

  it("a line of Czech December (`pro`) that is no agent's is not taken for a headerless tag", async () => {
    const line = 'pro 30 22:13:54 host python3[981]: 2022-12-30T22:13:54.000000Z INFO ExtHandler ExtHandler [HEARTBEAT] Agent WALinuxAgent-2.2.46 is running as the goal state agent';
    const p = await parse('var/log/syslog', line);
    expect(p.facts.some((f) => takeRelayed(f) && f.kind === 'agent-heartbeat')).toBe(true);
  });
});

describe('a month word alone makes no syslog line (false positives)', () => {
  // prose and tables that start with a word some locale uses for a month, and times that are no syslog head
  const NOT_SYSLOG = [
    'mai 12 personnes ont signalé le problème à 12:00:00',
    'set 12 10:00:00 as the backup window in the policy',
    'out 12 10:00:00',
    'mar 2 12:00:00 2024',
    'lis 30 22:13:54 no identifier here',
    'foo 30 22:13:54 host sshd[1]: not a month',
    'Mars 12 12:00:00 host sshd[1]: the planet is no month in any table',
  ];
  it.each(NOT_SYSLOG)('%s', async (l) => {
    expect(recognise(`${l}\n${l}\n${l}`)?.kind).not.toBe('syslog');
  });

  it('a lower-case word that is no month, before a time, starts no record', async () => {
    const p = await parse('var/log/syslog', 'oct. 12 15:59:10 h a[1]: one\nfoo 30 22:13:54 host sshd[1]: two\nsept. 01 00:00:00 h a[1]: three');
    expect(p.records.map((r) => [r.line, r.lineCount])).toEqual([
      [1, 2],
      [3, 1],
    ]);
  });
});
