// What support engineers really drag in, beyond the clean bundle: a log rotated with logrotate's `dateext`, a file
// saved on a Chinese Windows desktop (GBK), a log that turns non-ASCII only after its first 64 KB, a terminal session
// with its colour codes, `tail -f` of several files, a log with the NUL block a crash leaves. Each is read as the
// clean file is (test/accuracy/shapes.test.ts checks the findings of every case); here, how.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/main/ingest';
import { BufferContent } from '../../src/main/ingest/content';
import { guessVmPath } from '../../src/main/ingest/loose';
import { pastedFiles } from '../../src/main/ingest/paste';
import { applyRotation, rotationKey } from '../../src/main/ingest/rotation';
import { forEachLine } from '../../src/main/parse/lines';
import { legacyEncodingOf } from '../../src/shared/formats/encoding';
import { renderAnalysis } from '../../src/shared/i18n/analysis';
import { ROOT } from '../helpers/paths';
import { inAnsi } from '../helpers/ansi';

const CASES = join(ROOT, 'test', 'cases');
const caseText = (id: string, name: string) => readFileSync(join(CASES, id, 'files', name), 'utf8');
/** WALinuxAgent#1007's waagent.log (test/cases/waagent-1007-goalstate-xml-missing). */
const WAAGENT = caseText('waagent-1007-goalstate-xml-missing', 'waagent.log');
const tmp = mkdtempSync(join(tmpdir(), 'vmbd-input-shapes-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function folder(files: Record<string, Buffer | string>): string {
  const dir = mkdtempSync(join(tmp, 'in-'));
  for (const [n, b] of Object.entries(files)) writeFileSync(join(dir, n), b);
  return dir;
}
const textOf = async (c: { read(o: number, n: number): Promise<Buffer>; size: number }) => (await c.read(0, c.size)).toString('utf8');

describe("logrotate's dateext", () => {
  it('reads `-%Y%m%d` and `.%Y%m%d` (with or without .gz) as rotations of the log, by date', () => {
    for (const [n, day] of [
      ['var/log/waagent.log-20240115', 15],
      ['var/log/waagent.log-20240115.gz', 15],
      ['var/log/waagent.log.20240115', 15],
      ['var/log/waagent.log.20240114.gz', 14],
    ] as const)
      expect(rotationKey(n)).toEqual({ group: 'var/log/waagent.log', cls: 1, age: -Date.UTC(2024, 0, day) });
    // numbered rotations stay numbered; a number that is no date is no rotation
    expect(rotationKey('var/log/waagent.log.1234')).toMatchObject({ cls: 2, age: 1234 });
    expect(rotationKey('var/log/waagent.log.20241315')).toBeUndefined();
  });

  it('places a loose `waagent.log.20240115.gz` beside the current log, not as it', () => {
    const head = Buffer.from(WAAGENT.slice(0, 4096));
    expect(guessVmPath('waagent.log.20240115.gz', head)).toEqual({ vmPath: 'var/log/waagent.log.20240115.gz', kind: 'waagent-log' });
    expect(guessVmPath('waagent.log.20240115', head)).toEqual({ vmPath: 'var/log/waagent.log.20240115', kind: 'waagent-log' });
    expect(guessVmPath('waagent.log-20240115.gz', head)).toEqual({ vmPath: 'var/log/waagent.log-20240115.gz', kind: 'waagent-log' });
  });

  it('chains loose dated files oldest first, the current log last', async () => {
    const lines = WAAGENT.split('\n');
    const third = Math.ceil(lines.length / 3);
    const part = (a: number, b: number) => `${lines.slice(a, b).join('\n')}\n`;
    const dir = folder({
      'waagent.log': part(2 * third, lines.length),
      'waagent.log.20240115.gz': Buffer.from(gzipSync(Buffer.from(part(third, 2 * third)))),
      'waagent.log.20240114.gz': Buffer.from(gzipSync(Buffer.from(part(0, third)))),
    });
    const { files, warnings } = await ingest([dir]);
    expect(files.map((f) => [f.vmPath, f.rotation?.index])).toEqual([
      ['var/log/waagent.log.20240114.gz', 2],
      ['var/log/waagent.log.20240115.gz', 1],
      ['var/log/waagent.log', 0],
    ]);
    expect(warnings).toEqual([]);
    expect(applyRotation(files).map((f) => f.vmPath)).toEqual(files.map((f) => f.vmPath));
  });
});

/**
 * Simplified Chinese Windows saves text in code page 936 (GBK). The Chinese sentence is Microsoft Learn's (zh-cn)
 * "卷影复制服务" page, https://learn.microsoft.com/zh-cn/windows/win32/vss/the-volume-shadow-copy-service (CC BY 4.0).
 */
const VSS_ZH = '卷影复制服务 (VSS) 提供系统基础结构,用于在基于Windows的系统上运行 VSS 应用程序。';

describe('a file saved on a Chinese Windows (GBK)', () => {
  it('is told from Latin and Japanese code pages', () => {
    expect(legacyEncodingOf(inAnsi(VSS_ZH, 'gbk'))).toBe('gbk');
    // `systemctl status` has only `●` and `└─` past ASCII: in GBK as in Shift_JIS they are symbols, not Latin letters
    const status = caseText('neg-puppeteers-walinuxagent-active-running', 'systemctl-status.txt');
    expect(legacyEncodingOf(inAnsi(status, 'gbk'))).toBe('gbk');
    expect(legacyEncodingOf(inAnsi(status, 'shift_jis'))).toBe('shift_jis');
    const jp = caseText('win-jpabrs-csv-writer-8229-prepare-for-snapshot', 'Application-event.txt');
    expect(legacyEncodingOf(inAnsi(jp, 'shift_jis'))).toBe('shift_jis');
    expect(legacyEncodingOf(inAnsi(jp, 'gbk'))).toBe('gbk');
    // (written by hand, only to keep the Latin pages apart from GBK: pairs of accented letters read as one hanzi)
    expect(legacyEncodingOf(inAnsi('Größe der Schattenkopie überschritten; Gerät nicht bereit.', 'windows-1252'))).toBe('windows-1252');
    expect(legacyEncodingOf(inAnsi('Služba byla neočekávaně ukončena.', 'windows-1250'))).toBe('windows-1250');
  });

  it('is read with its characters and says so, in English and Dutch', async () => {
    // the Japanese event export of win-jpabrs-csv-writer-8229-prepare-for-snapshot: its kanji and kana are in GBK too
    const jp = caseText('win-jpabrs-csv-writer-8229-prepare-for-snapshot', 'Application-event.txt');
    const { files } = await ingest([folder({ 'Application-event.txt': inAnsi(jp, 'gbk') })]);
    const f = files[0];
    expect(f.kind).toBe('windows-event-export');
    expect(await textOf(f.content)).toBe(jp);
    expect(f.encoding).toBe('gbk');
    const note = f.warnings.find((w) => w.note?.key === 'ingest.decoded-as')!.note!;
    expect(renderAnalysis(note, 'en')).toMatch(/not UTF-8; read as GBK \(Simplified Chinese\)$/);
    expect(renderAnalysis(note, 'nl')).toMatch(/geen UTF-8; gelezen als GBK \(Vereenvoudigd Chinees\)$/);
  });
});

describe('the encoding is judged past the first 64 KB', () => {
  const ascii = `${WAAGENT.split('\n').filter((l) => /^[\x20-\x7e]*$/.test(l)).join('\n')}\n`;
  const long = ascii.repeat(Math.ceil((70 * 1024) / ascii.length));
  const german = '2024-01-15T10:00:00.000000Z ERROR ExtHandler Zugriff verweigert: Gerät nicht bereit\n';

  it('a log that is ASCII for 64 KB and then in Windows-1252 reads with its letters', async () => {
    const { files } = await ingest([folder({ 'waagent.log': Buffer.concat([Buffer.from(long), inAnsi(german, 'windows-1252')]) })]);
    expect(files[0].encoding).toBe('windows-1252');
    expect((await textOf(files[0].content)).endsWith(german)).toBe(true);
  });

  it('a UTF-8 log whose first non-ASCII character is past 64 KB stays UTF-8', async () => {
    const { files } = await ingest([folder({ 'waagent.log': Buffer.from(long + german) })]);
    expect(files[0].encoding).toBeUndefined();
    expect(files[0].warnings).toEqual([]);
    expect(await textOf(files[0].content)).toBe(long + german);
  });
});

describe('a terminal session with its colour codes', () => {
  const coloured = WAAGENT.replace(/^(.*\bERROR\b.*)$/gm, '\x1b[0;1;31m$1\x1b[0m').replace(/\bWARNING\b/g, '\x1b[01;31m\x1b[KWARNING\x1b[m\x1b[K');

  it('is read without them, saved or pasted', async () => {
    expect(coloured).not.toBe(WAAGENT);
    const { files } = await ingest([folder({ 'waagent.log': coloured })]);
    expect(await textOf(files[0].content)).toBe(WAAGENT);
    const pasted = pastedFiles(coloured, 0);
    expect(pasted.map((f) => f.vmPath)).toEqual(['var/log/waagent.log']);
    expect((await textOf(pasted[0].content)).replace(/\n+$/, '')).toBe(WAAGENT.replace(/\n+$/, ''));
  });
});

describe('`tail -f` of several files', () => {
  const status = caseText('waagent-713-linuxasm-enable-os-not-supported', '0.status');
  const handler = caseText('waagent-713-linuxasm-enable-os-not-supported', 'HandlerStatus');
  const lines = WAAGENT.split('\n');
  const output = [
    '==> /var/log/waagent.log <==',
    ...lines.slice(0, 5),
    '',
    '==> 0.status <==',
    status.replace(/\n$/, ''),
    '',
    '==> HandlerStatus <==',
    handler.replace(/\n$/, ''),
    '',
    '==> /var/log/waagent.log <==',
    ...lines.slice(5),
  ].join('\n');

  it('is each file at its place, its sections joined in order', async () => {
    for (const files of [pastedFiles(output, 0), (await ingest([folder({ 'tail-output.txt': output })])).files]) {
      const byPath = new Map(files.map((f) => [f.vmPath, f]));
      const log = byPath.get('var/log/waagent.log');
      expect(log?.kind).toBe('waagent-log');
      expect(await textOf(log!.content)).toBe(WAAGENT);
      expect(files.map((f) => f.kind)).toContain('extension-status');
      expect(files.length).toBe(3);
    }
  });
});

describe('a log with the NUL block a crash leaves', () => {
  it('reads the line written after the NULs', async () => {
    const lines: string[] = [];
    const at: number[] = [];
    const body = Buffer.concat([Buffer.from('2024-01-15T10:00:00.000000Z INFO before\n'), Buffer.alloc(4096), Buffer.from('2024-01-15T10:05:00.000000Z INFO after boot\n')]);
    await forEachLine(new BufferContent(body), (buf, s, e, _n, offset) => {
      lines.push(buf.toString('latin1', s, e));
      at.push(offset);
    });
    expect(lines).toEqual(['2024-01-15T10:00:00.000000Z INFO before', '2024-01-15T10:05:00.000000Z INFO after boot']);
    expect(body.toString('latin1', at[1], at[1] + 10)).toBe('2024-01-15');
  });

  it('says a log that is only NULs cannot be read, in English and Dutch', async () => {
    for (const size of [4096, 200 * 1024]) {
      const { files } = await ingest([folder({ 'waagent.log': Buffer.alloc(size) })]);
      const note = files[0].warnings.find((w) => w.note?.key === 'ingest.only-nul')?.note;
      expect(note).toBeDefined();
      expect(renderAnalysis(note!, 'en')).toMatch(new RegExp(`waagent\\.log: ${size} bytes, all NUL: .*nothing in it can be read`));
      expect(renderAnalysis(note!, 'nl')).toMatch(/allemaal NUL: .*er valt niets in te lezen/);
    }
    // NULs at its start only: read, and said to be a block at line 1, not a file of NULs
    const { files } = await ingest([folder({ 'waagent.log': Buffer.concat([Buffer.alloc(70 * 1024), Buffer.from(WAAGENT)]) })]);
    expect(files[0].warnings.map((w) => w.note?.key)).toEqual(['ingest.nul-block']);
    expect(renderAnalysis(files[0].warnings[0].note!, 'en')).toMatch(/a block of 71680 NUL bytes at line 1:/);
  });
});
