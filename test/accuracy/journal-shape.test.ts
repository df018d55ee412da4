// The real cases whose ticket brings waagent.log, as a ticket brings the same records from the journal or syslog:
// the agent logs every record to stdout too (azurelinuxagent/agent.py), so under systemd each line also lands
// behind the prefix of its process, as journalctl and syslog show it (`Oct 30 00:00:12 recboxlogdb python3[1654075]:
// 2022-10-30T00:00:12.833653Z WARNING ExtHandler …`, Azure/WALinuxAgent#2695). The answer must not depend on which
// copy the ticket brings, nor count a record twice when it brings both.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/shared';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';
import { clockStepBack, journalForm } from './perturb';
import { listCases, readCase } from './score';

/** The locales whose months the journal form is also printed in (shared/time.ts ABBREVIATED_MONTHS). */
const LOCALES = ['fr_FR', 'de_DE'];

const tmp = mkdtempSync(join(tmpdir(), 'vmbd-journal-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/**
 * The causes detected, and what agent-not-running made of the agent's activity: it asked the path `waagent.log`
 * once, and the journal form of 10 cases whose agent ran said "no agent activity lines to judge from".
 */
const detected = (fs: readonly Finding[]) => [
  ...fs.filter((f) => f.verdict === 'detected').map((f) => `${f.cause} (${f.confidence})`),
  ...fs.filter((f) => f.cause === 'agent-not-running').map((f) => `agent-not-running: ${f.verdict} (${f.confidence})`),
];

/**
 * The case's files with waagent.log replaced by its journal form at `name`, or joined by it: whole (`keepLog`), or
 * holding only the newer half of the records (`newerHalf`: the older half rotated away, the journal still has it), or
 * only the older half (`olderHalf`: a copy taken earlier, the journal holds the records after its end).
 */
function variant(dir: string, at: string, name: string, keepLog: boolean | 'newerHalf' | 'olderHalf', locale = 'C', latin1 = false): string {
  cpSync(join(dir, 'files'), at, { recursive: true });
  const log = join(at, 'waagent.log');
  const bytes = readFileSync(log);
  const journal = journalForm(bytes, locale);
  if (!keepLog) rmSync(log);
  if (keepLog === 'newerHalf' || keepLog === 'olderHalf') {
    // cut where the time changes, as a record of several lines is written at once
    const lines = bytes.toString('latin1').split('\n');
    const time = (l: string | undefined) => (l && /^\d{4}[-/]\d\d[-/]\d\d[ T]\d\d:\d\d:\d\d/.test(l) ? l.slice(0, 19) : undefined);
    let cut = Math.ceil(lines.length / 2);
    while (cut < lines.length && !(time(lines[cut]) && time(lines[cut - 1]) && time(lines[cut]) !== time(lines[cut - 1]))) cut++;
    const kept = keepLog === 'newerHalf' ? lines.slice(Math.min(cut, lines.length - 1)) : lines.slice(0, Math.max(cut, 1));
    writeFileSync(log, Buffer.from(kept.join('\n'), 'latin1'));
  }
  mkdirSync(join(at, name, '..'), { recursive: true });
  writeFileSync(join(at, name), latin1 ? inLatin1(journal) : journal);
  return at;
}

/**
 * A case folder (`at`/files) of the case's files with waagent.log's clock stepped back ten minutes halfway through its
 * time range (`clockStepBack`): the log is no longer in time order, and a copy of half of it spans times of records it
 * does not hold.
 */
function stepped(dir: string, at: string): string | undefined {
  const log = readFileSync(join(dir, 'files', 'waagent.log'), 'latin1');
  const changed = clockStepBack([['waagent.log', log]])?.[0][1];
  if (changed === undefined) return undefined;
  cpSync(join(dir, 'files'), join(at, 'files'), { recursive: true });
  writeFileSync(join(at, 'files', 'waagent.log'), Buffer.from(changed, 'latin1'));
  return at;
}

/**
 * The journal as a terminal under a Latin-1 locale (`fr_FR.ISO-8859-1`, `de_DE@euro`) saves it: every character one
 * byte (`déc.` with 0xE9). A line with a character Latin-1 lacks keeps its UTF-8 bytes, as a file mixing both would.
 */
function inLatin1(utf8: Buffer): Buffer {
  return Buffer.concat(utf8.toString('utf8').split(/(?<=\n)/).map((l) => ([...l].every((c) => c.charCodeAt(0) <= 0xff) ? Buffer.from(l, 'latin1') : Buffer.from(l, 'utf8'))));
}

/**
 * The cases that bring a waagent.log, but for records posted without their times (waagent-1390's `WARNING ExtHandler
 * Monitor: …`): the agent writes each record to stdout with its time, so the journal never holds such a record.
 */
const withLog = listCases().filter((dir) => {
  const log = join(dir, 'files', 'waagent.log');
  if (!existsSync(log)) return false;
  const text = readFileSync(log, 'latin1');
  // a lone line of a handler's own output posted under the log's name (nixpkgs #266310's shim line): the journal holds
  // it only inside the agent's record that quotes it, which the post did not bring
  if (text.split('\n').filter((l) => l.trim()).length === 1 && !/^\d{4}[-/]\d\d[-/]\d\d|^(?:VERBOSE|INFO|WARNING|ERROR) /.test(text)) return false;
  return /^\d{4}[-/]\d\d[-/]\d\d[T ]\d\d:\d\d:\d\d/m.test(text) || !/^(?:VERBOSE|INFO|WARNING|ERROR) \S/m.test(text);
});

describe('every real case with a waagent.log gives the same findings from its journal form', () => {
  it('covers the cases that bring a waagent.log', () => {
    expect(withLog.length).toBeGreaterThanOrEqual(30);
  });
  withLog.forEach((dir, i) => {
    const def = readCase(dir);
    // journalctl under the VM's locale prints its months (`déc. 13`, `Okt 30`): French and German by turns
    const locale = LOCALES[i % LOCALES.length];
    it(def.id, async () => {
      const opts = def.portalCode ? { portalCode: def.portalCode } : {};
      const want = detected((await analyzeBundle([join(dir, 'files')], opts)).result.findings);
      const shapes: Record<string, string> = {
        'journalctl output (journal.txt)': variant(dir, join(tmp, def.id, 'journal'), 'journal.txt', false),
        [`journalctl output under ${locale} (journal.txt)`]: variant(dir, join(tmp, def.id, 'locale'), 'journal.txt', false, locale),
        [`journalctl output under ${locale}.ISO-8859-1 (journal.txt)`]: variant(dir, join(tmp, def.id, 'latin1'), 'journal.txt', false, locale, true),
        'var/log/syslog': variant(dir, join(tmp, def.id, 'syslog'), join('var', 'log', 'syslog'), false),
        'waagent.log and var/log/syslog': variant(dir, join(tmp, def.id, 'both'), join('var', 'log', 'syslog'), true),
        'the newer half of waagent.log and all of it in var/log/syslog': variant(dir, join(tmp, def.id, 'half'), join('var', 'log', 'syslog'), 'newerHalf'),
        // (waagent.log ends, the journal goes on: the time after its end is the journal's alone, no gap, no outage)
        'the older half of waagent.log and all of it in var/log/syslog': variant(dir, join(tmp, def.id, 'older'), join('var', 'log', 'syslog'), 'olderHalf'),
      };
      const got: Record<string, string[]> = {};
      for (const [shape, at] of Object.entries(shapes)) got[shape] = detected((await analyzeBundle([at], opts)).result.findings);
      expect(got).toEqual(Object.fromEntries(Object.keys(shapes).map((s) => [s, want])));
      // a log whose clock stepped back: each half of it beside the journal of all of it holds every record once
      const back = stepped(dir, join(tmp, def.id, 'stepped'));
      if (!back) return;
      const wantBack = detected((await analyzeBundle([join(back, 'files')], opts)).result.findings);
      const backShapes: Record<string, string> = {
        'clock stepped back: journalctl output (journal.txt)': variant(back, join(tmp, def.id, 'stepped-journal'), 'journal.txt', false),
        'clock stepped back: the newer half of waagent.log and all of it in var/log/syslog': variant(back, join(tmp, def.id, 'stepped-half'), join('var', 'log', 'syslog'), 'newerHalf'),
        'clock stepped back: the older half of waagent.log and all of it in var/log/syslog': variant(back, join(tmp, def.id, 'stepped-older'), join('var', 'log', 'syslog'), 'olderHalf'),
      };
      const gotBack: Record<string, string[]> = {};
      for (const [shape, at] of Object.entries(backShapes)) gotBack[shape] = detected((await analyzeBundle([at], opts)).result.findings);
      expect(gotBack).toEqual(Object.fromEntries(Object.keys(backShapes).map((s) => [s, wantBack])));
    }, 120_000);
  });
});
