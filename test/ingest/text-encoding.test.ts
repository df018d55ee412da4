import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gzipSync } from 'fflate';
import { encodingOf, legacyEncodingOf, utf16Text } from '../../src/shared/formats/encoding';
import { renderAnalysis } from '../../src/shared/i18n/analysis';
import { toCliJson } from '../../src/main/report/json';
import { ingest } from '../../src/main/ingest';
import { plainTexts } from '../../src/main/ingest/text-encoding';
import { BufferContent } from '../../src/main/ingest/content';
import type { IngestedFile } from '../../src/main/ingest/types';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';
import { InProcessAnalysisService } from '../../src/main/worker/in-process';
import { ROOT } from '../helpers/paths';
import { inAnsi } from '../helpers/ansi';

/**
 * Windows saves text as UTF-16LE (PowerShell 5's `>`, Notepad's "Unicode", Event Viewer), Notepad adds a UTF-8 BOM:
 * the same log in any of these must read as the UTF-8 original. Real lines: WALinuxAgent#1007's waagent.log
 * (test/cases/waagent-1007-goalstate-xml-missing), the Microsoft Learn msiexec case (win-learn-agent-install-wmi).
 */
const CASES = join(ROOT, 'test', 'cases');
const WAAGENT = readFileSync(join(CASES, 'waagent-1007-goalstate-xml-missing', 'files', 'waagent.log'));
const tmp = mkdtempSync(join(tmpdir(), 'vmbd-enc-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const BOM8 = Buffer.from([0xef, 0xbb, 0xbf]);
const le = (b: Buffer, bom = true) => Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(b.toString('utf8'), 'utf16le')]);
const be = (b: Buffer) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(b.toString('utf8'), 'utf16le').swap16()]);

function folderWith(name: string, bytes: Buffer): string {
  const dir = mkdtempSync(join(tmp, 'vm-'));
  writeFileSync(join(dir, name), bytes);
  return dir;
}

describe('encodingOf', () => {
  it('tells UTF-16 by its byte-order mark or its NULs, and a UTF-8 BOM', () => {
    expect(encodingOf(WAAGENT)).toBe('utf8');
    expect(encodingOf(Buffer.concat([BOM8, WAAGENT]))).toBe('utf8-bom');
    expect(encodingOf(le(WAAGENT))).toBe('utf16le');
    expect(encodingOf(le(WAAGENT, false))).toBe('utf16le');
    expect(encodingOf(be(WAAGENT))).toBe('utf16be');
    expect(encodingOf(be(WAAGENT).subarray(2))).toBe('utf16be');
  });

  it('binary content with NULs is not taken for UTF-16', () => {
    expect(encodingOf(Buffer.from(gzipSync(WAAGENT)))).toBe('utf8');
    expect(encodingOf(Buffer.alloc(600))).toBe('utf8');
    expect(encodingOf(Buffer.from([0x41, 0]))).toBe('utf8'); // too short to judge
  });

  it('decodes both byte orders with and without the mark', () => {
    const text = WAAGENT.toString('utf8');
    expect(utf16Text(le(WAAGENT), 'utf16le')).toBe(text);
    expect(utf16Text(le(WAAGENT, false), 'utf16le')).toBe(text);
    expect(utf16Text(be(WAAGENT), 'utf16be')).toBe(text);
  });
});

describe('ingest makes every file a parser reads plain UTF-8', () => {
  it('a UTF-16 or BOM waagent.log gives the same records and facts as the original', async () => {
    const plain = await analyzeBundle([folderWith('waagent.log', WAAGENT)]);
    for (const bytes of [le(WAAGENT), le(WAAGENT, false), be(WAAGENT), Buffer.concat([BOM8, WAAGENT])]) {
      const s = await analyzeBundle([folderWith('waagent.log', bytes)]);
      expect(s.result.stats.facts).toBe(plain.result.stats.facts);
      expect(s.records.count).toBe(plain.records.count);
      expect(JSON.stringify(s.result.findings)).toBe(JSON.stringify(plain.result.findings));
      expect(s.result.warnings).toEqual([]); // UTF-16 is how Windows saves text, not a fault
    }
  });

  it('the log view and the raw file show the text, not NULs', async () => {
    const a = new InProcessAnalysisService();
    const r = await a.open([folderWith('waagent.log', le(WAAGENT))], {});
    expect(r.ok).toBe(true);
    const page = await a.queryLogs({ offset: 0, limit: 5 });
    const first = WAAGENT.toString('utf8').split('\n')[0];
    expect(page.records[0].text).toBe(first);
    const raw = await a.readFile(0);
    expect(raw.text).toBe(WAAGENT.toString('utf8'));
  });

  it('a UTF-16 msiexec.log placed by its content is read like the original', async () => {
    const src = readFileSync(join(CASES, 'win-learn-agent-install-wmi', 'files', 'msiexec.log'));
    const plain = await analyzeBundle([folderWith('msiexec.log', src)]);
    const wide = await analyzeBundle([folderWith('msiexec.log', le(src))]);
    expect(wide.result.files.map((f) => f.kind)).toEqual(plain.result.files.map((f) => f.kind));
    expect(wide.result.stats.facts).toBe(plain.result.stats.facts);
    expect(plain.result.stats.facts).toBeGreaterThan(0);
  });

  it('a UTF-16 file over the cap keeps its newest part and says so', async () => {
    const { files } = await ingest([folderWith('waagent.log', le(WAAGENT))]);
    expect(files[0].content.size).toBe(WAAGENT.length); // converted by ingest
    // the same file before conversion, with a cap of 400 bytes (200 characters)
    const raw = le(WAAGENT);
    const f: IngestedFile = { ...files[0], content: new BufferContent(raw), size: raw.length, truncated: false, warnings: [] };
    await plainTexts([f], 400);
    const text = (await f.content.read(0, f.content.size)).toString('utf8');
    expect(f.truncated).toBe(true);
    expect(text).toBe(WAAGENT.toString('utf8').slice(-200));
    expect(f.warnings[0].message).toContain('per-file cap');
  });
});

/**
 * Windows saves text in its ANSI code page too (PowerShell 5's Set-Content and Export-Csv, Notepad's "ANSI", a copy
 * pasted into a .txt there): Windows-1252 on a German or French machine, Shift_JIS on a Japanese one. Such a file is
 * read in that encoding, never as UTF-8 with replacement characters, and says which encoding was assumed. Real lines:
 * the Japanese event exports of test/cases/win-jpabrs-csv-writer-8229-prepare-for-snapshot (jpabrs blog) and
 * win-neg-jpaztech-rdagent-7031-agent-update, the `systemctl status` of neg-puppeteers-walinuxagent-active-running,
 * and a German Application Error 1000 event as phoenX80 pasted it in loyejaotdiqr47123/rdpwrap#13 (2024-04-12).
 */
const caseText = (id: string, name: string) => readFileSync(join(CASES, id, 'files', name), 'utf8');
const GERMAN_1000 = [
  'Name der fehlerhaften Anwendung: svchost.exe_TermService, Version: 10.0.22000.2600, Zeitstempel: 0x86a2ea8d',
  'Name des fehlerhaften Moduls: rdpwrap.dll, Version: 0.0.0.0, Zeitstempel: 0x65d1bab3',
  'Ausnahmecode: 0xc0000005',
  'Pfad der fehlerhaften Anwendung: C:\\WINDOWS\\System32\\svchost.exe',
  'Vollständiger Name des fehlerhaften Pakets: ',
  'Anwendungs-ID, die relativ zum fehlerhaften Paket ist: ',
].join('\r\n');

describe('a file in an 8-bit code page', () => {
  it('tells the code page from the bytes, and leaves UTF-8 and binary files alone', () => {
    const jp = caseText('win-jpabrs-csv-writer-8229-prepare-for-snapshot', 'Application-event.txt');
    const status = caseText('neg-puppeteers-walinuxagent-active-running', 'systemctl-status.txt');
    expect(legacyEncodingOf(inAnsi(jp, 'shift_jis'))).toBe('shift_jis');
    expect(legacyEncodingOf(inAnsi(status, 'shift_jis'))).toBe('shift_jis'); // `●` and `└─` only, no kana
    expect(legacyEncodingOf(inAnsi(GERMAN_1000, 'windows-1252'))).toBe('windows-1252');
    expect(legacyEncodingOf(Buffer.from(jp))).toBeUndefined();
    expect(legacyEncodingOf(Buffer.from(GERMAN_1000))).toBeUndefined();
    // a UTF-8 log's tail kept from mid-character, and a stray byte among well-formed characters
    expect(legacyEncodingOf(Buffer.from(jp).subarray(1))).toBeUndefined();
    expect(legacyEncodingOf(Buffer.concat([Buffer.from(jp), Buffer.from([0xff])]))).toBeUndefined();
    expect(legacyEncodingOf(readFileSync(join(ROOT, 'test', 'ingest', 'fixtures', 'Application.evtx')))).toBeUndefined();
    // (not a real line: Czech written by hand, only to tell the two Central European code pages apart)
    const cs = 'Služba byla neočekávaně ukončena. Stalo se to již 1krát.';
    expect(legacyEncodingOf(inAnsi(cs, 'windows-1250'))).toBe('windows-1250');
    expect(legacyEncodingOf(inAnsi(cs, 'iso-8859-2'))).toBe('iso-8859-2');
  });

  it('decodes every byte to one character of its own: nothing is lost or added', () => {
    for (const enc of ['windows-1252', 'windows-1250', 'iso-8859-2'] as const) {
      const all = Buffer.from(Array.from({ length: 255 }, (_, i) => i + 1));
      const text = new TextDecoder(enc).decode(all);
      expect(text.length).toBe(255);
      expect(new Set(text).size).toBe(255);
      expect(inAnsi(text, enc)).toEqual(all);
    }
  });

  it('a Japanese event export in Shift_JIS gives the findings, evidence and raw text of the UTF-8 original', async () => {
    const id = 'win-jpabrs-csv-writer-8229-prepare-for-snapshot';
    const dir = (enc?: 'shift_jis') => {
      const d = mkdtempSync(join(tmp, 'jp-'));
      for (const n of ['Application-event.txt', 'System-event.txt']) writeFileSync(join(d, n), enc ? inAnsi(caseText(id, n), enc) : Buffer.from(caseText(id, n)));
      return d;
    };
    const plain = (await analyzeBundle([dir()])).result;
    const sjis = (await analyzeBundle([dir('shift_jis')])).result;
    const detected = (r: typeof plain) => r.findings.filter((f) => f.verdict === 'detected').map((f) => [f.cause, f.confidence, f.evidence.map((e) => e.text)]);
    expect(detected(plain).length).toBeGreaterThan(0);
    expect(detected(sjis)).toEqual(detected(plain));
    expect(JSON.stringify(detected(sjis))).toMatch(/エラー 0x/);
    expect(sjis.files.map((f) => [f.kind, f.encoding])).toEqual(plain.files.map((f) => [f.kind, 'shift_jis']));
    const w = sjis.files[0].warnings.find((x) => x.note?.key === 'ingest.decoded-as')!;
    expect(w.message).toMatch(/: not UTF-8; read as Shift_JIS \(Japanese\)$/);
    expect(toCliJson(sjis).files[0]).toMatchObject({ encoding: 'shift_jis' });
    expect(toCliJson(plain).files[0]).not.toHaveProperty('encoding');

    const a = new InProcessAnalysisService();
    expect((await a.open([dir('shift_jis')], {})).ok).toBe(true);
    const raw = await a.readFile(0);
    expect(raw.text).toBe(caseText(id, plain.files[0].vmPath.split('/').pop()!));
  });

  it('a German event text in Windows-1252 reads with its umlauts, and the Dutch warning names the code page', async () => {
    const { files } = await ingest([folderWith('Application.txt', inAnsi(GERMAN_1000, 'windows-1252'))]);
    const f: IngestedFile = { ...files[0], kind: 'windows-event-export', content: new BufferContent(inAnsi(GERMAN_1000, 'windows-1252')), warnings: [] };
    await plainTexts([f]);
    expect((await f.content.read(0, f.content.size)).toString('utf8')).toBe(GERMAN_1000);
    expect(f.encoding).toBe('windows-1252');
    expect(renderAnalysis(f.warnings[0].note!, 'nl')).toMatch(/: geen UTF-8; gelezen als Windows-1252 \(West-Europees\)$/);
  });
});
