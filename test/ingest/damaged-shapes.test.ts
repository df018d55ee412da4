// Shapes an engineer is handed that damage or disguise a log (see test/accuracy/shapes.test.ts for the whole cases):
// a crash's NUL block where a short log's format would be seen or in the middle of a log, a log that leaves ASCII for
// the machine's code page only in its middle or at the end of its .gz, a `tail -f` output saved in UTF-16 or kept in
// the VM's tree. Each is read as the clean file is, and what was taken for what is said; here, how.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/main/ingest';
import { guessVmPath } from '../../src/main/ingest/loose';
import { legacyZip } from '../helpers/legacy-zip';
import { renderAnalysis } from '../../src/shared/i18n/analysis';
import { inAnsi } from '../helpers/ansi';
import { ROOT } from '../helpers/paths';

const CASES = join(ROOT, 'test', 'cases');
const caseText = (id: string, name: string) => readFileSync(join(CASES, id, 'files', name), 'utf8');
/** WALinuxAgent#1007's waagent.log (test/cases/waagent-1007-goalstate-xml-missing). */
const WAAGENT = caseText('waagent-1007-goalstate-xml-missing', 'waagent.log');
const tmp = mkdtempSync(join(tmpdir(), 'vmbd-damaged-shapes-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function folder(files: Record<string, Buffer | string>): string {
  const dir = mkdtempSync(join(tmp, 'in-'));
  for (const [n, b] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, n)), { recursive: true });
    writeFileSync(join(dir, n), b);
  }
  return dir;
}
const textOf = async (c: { read(o: number, n: number): Promise<Buffer>; size: number }) => (await c.read(0, c.size)).toString('utf8');
const lines = WAAGENT.split('\n');

describe("a crash's NUL block in a short log's first 4 KB", () => {
  // a log whose first block was never written, and one cut a few lines in: named so that only its lines tell what it is
  const shapes: Record<string, Buffer> = {
    'at its start': Buffer.concat([Buffer.alloc(4096), Buffer.from(WAAGENT)]),
    'after its first line': Buffer.concat([Buffer.from(`${lines[0]}\n`), Buffer.alloc(8192), Buffer.from(lines.slice(1).join('\n'))]),
    'a pre-allocated extent (200 KB) first': Buffer.concat([Buffer.alloc(200 * 1024), Buffer.from(WAAGENT)]),
  };
  for (const [where, bytes] of Object.entries(shapes)) {
    it(`is read as the log its lines are (${where}): loose, in a folder, in a zip`, async () => {
      for (const input of [
        join(folder({ 'attachment-1.txt': bytes }), 'attachment-1.txt'),
        folder({ 'attachment-1.txt': bytes, 'notes.txt': 'see attached\n' }),
        join(folder({ 'logs.zip': Buffer.from(zipSync({ 'ticket/attachment-1.txt': bytes })) }), 'logs.zip'),
      ]) {
        const { files } = await ingest([input]);
        const log = files.find((f) => f.origin.includes('attachment-1'));
        expect({ where, input: input.slice(tmp.length), vmPath: log?.vmPath, kind: log?.kind }).toEqual({ where, input: input.slice(tmp.length), vmPath: 'var/log/waagent.log', kind: 'waagent-log' });
      }
    });
  }
  it('leaves a binary file with NULs of its own as it was', async () => {
    const bin = Buffer.concat([Buffer.from('LPKSHHRH'), Buffer.alloc(40), Buffer.from([1, 0, 2, 0, 3]), Buffer.alloc(8192), Buffer.from(WAAGENT)]);
    const { files } = await ingest([folder({ 'data.bin': bin })]);
    expect(files[0].kind).toBe('other');
  });
});

describe('a `tail -f` output of several files', () => {
  const status = caseText('waagent-713-linuxasm-enable-os-not-supported', '0.status');
  const output = ['==> /var/log/waagent.log <==', ...lines.slice(0, 5), '', '==> /var/lib/waagent/Microsoft.Azure.Extensions.CustomScript-2.1.6/status/0.status <==', status.replace(/\n$/, ''), '', '==> /var/log/waagent.log <==', ...lines.slice(5)].join('\n');
  const utf16 = (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s.replace(/\r?\n/g, '\r\n'), 'utf16le')]);

  const read = async (input: string) => {
    const { files } = await ingest([input]);
    const log = files.find((f) => f.vmPath === 'var/log/waagent.log');
    return { paths: files.map((f) => f.vmPath).sort(), log: log && (await textOf(log.content)).replace(/\r\n/g, '\n') };
  };
  const want = { paths: ['var/lib/waagent/Microsoft.Azure.Extensions.CustomScript-2.1.6/status/0.status', 'var/log/waagent.log'], log: WAAGENT };

  it('saved by PowerShell 5 (UTF-16LE, CRLF) or Notepad (UTF-8 BOM) is split into its files', async () => {
    expect(await read(join(folder({ 'tail.txt': utf16(output) }), 'tail.txt'))).toEqual(want);
    expect(await read(folder({ 'tail.txt': utf16(output) }))).toEqual(want);
    expect(await read(join(folder({ 'tail.txt': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(output)]) }), 'tail.txt'))).toEqual(want);
  });

  it('kept in the VM tree (a home folder the collection took) is split into its files', async () => {
    const zip = Buffer.from(zipSync({ 'home/azureuser/tail.txt': Buffer.from(output), 'etc/hostname': Buffer.from('vm1\n') }));
    const got = await read(join(folder({ 'vm.zip': zip }), 'vm.zip'));
    expect(got.log).toBe(WAAGENT);
    expect(got.paths).toContain(want.paths[0]);
  });
});

describe('a log that leaves ASCII for the code page only past its first 64 KB and before its last', () => {
  const ascii = `${lines.filter((l) => /^[\x20-\x7e]*$/.test(l)).join('\n')}\n`;
  const long = ascii.repeat(Math.ceil((70 * 1024) / ascii.length));
  const german = '2024-01-15T10:00:00.000000Z ERROR ExtHandler Zugriff verweigert: Gerät nicht bereit\n';
  const bytes = Buffer.concat([Buffer.from(long), inAnsi(german, 'windows-1252'), Buffer.from(long)]);

  it('is read in that code page: in its middle, at the end of its .gz, with a NUL block, on disk or in a zip', async () => {
    const shapes: Record<string, string> = {
      'in its middle, in a folder': folder({ 'waagent.log': bytes }),
      'in its middle, loose': join(folder({ 'waagent.log': bytes }), 'waagent.log'),
      'in its middle, in a zip': join(folder({ 'logs.zip': Buffer.from(zipSync({ 'var/log/waagent.log': bytes })) }), 'logs.zip'),
      'at the end of its .gz, loose': join(folder({ 'waagent.log.1.gz': Buffer.from(gzipSync(Buffer.concat([Buffer.from(long), inAnsi(german, 'windows-1252')]))) }), 'waagent.log.1.gz'),
      'at the end of its .gz, in a folder': folder({ 'waagent.log.1.gz': Buffer.from(gzipSync(Buffer.concat([Buffer.from(long), inAnsi(german, 'windows-1252')]))) }),
      'with a NUL block, short': folder({ 'waagent.log': Buffer.concat([Buffer.from(ascii.slice(0, 2000)), Buffer.alloc(4096), inAnsi(german, 'windows-1252')]) }),
    };
    const got: Record<string, unknown> = {};
    for (const [shape, input] of Object.entries(shapes)) {
      const { files } = await ingest([input]);
      const log = files.find((f) => f.kind === 'waagent-log');
      got[shape] = { encoding: log?.encoding, letters: !!log && (await textOf(log.content)).includes('Gerät nicht bereit') };
    }
    expect(got).toEqual(Object.fromEntries(Object.keys(shapes).map((k) => [k, { encoding: 'windows-1252', letters: true }])));
  });
});

describe("a crash's NUL block in the middle of a log", () => {
  // the case's records over and over: a log of 60 lines
  const log = Array.from({ length: 60 }, (_, i) => lines.filter((l) => l !== '')[i % lines.filter((l) => l !== '').length]);
  const body = (nuls: number[]) => Buffer.concat(log.flatMap((l, i) => [...(nuls.includes(i) ? [Buffer.alloc(4096)] : []), Buffer.from(`${l}\n`)]));
  const noteOf = (w: { note?: { key: string } }[]) => w.find((x) => x.note?.key === 'ingest.nul-block')?.note as Parameters<typeof renderAnalysis>[0] | undefined;

  it('is said, with where, in English and Dutch', async () => {
    const { files } = await ingest([folder({ 'waagent.log': body([40]) })]);
    const note = noteOf(files[0].warnings);
    expect(note).toBeDefined();
    expect(renderAnalysis(note!, 'en')).toMatch(/\/waagent\.log: a block of 4096 NUL bytes at line 41: the VM stopped .* the lines after it are read$/);
    expect(renderAnalysis(note!, 'nl')).toMatch(/\/waagent\.log: een blok van 4096 NUL-bytes op regel 41: de VM stopte .* de regels erna zijn gelezen$/);
  });

  it('counts several, and is said of a .gz, a UTF-16 copy and a zip member too', async () => {
    const two = body([10, 40]);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(two.toString('latin1'), 'utf16le')]);
    for (const input of [
      folder({ 'waagent.log': two }),
      folder({ 'waagent.log.1.gz': Buffer.from(gzipSync(two)) }),
      folder({ 'waagent.log': utf16 }),
      join(folder({ 'logs.zip': Buffer.from(zipSync({ 'var/log/waagent.log': two })) }), 'logs.zip'),
    ]) {
      const { files } = await ingest([input]);
      const note = noteOf(files[0].warnings);
      expect(note && renderAnalysis(note, 'en')).toMatch(/: 2 blocks of NUL bytes \(8192 bytes\) the first at line 11: /);
    }
  });

  it('is not said of a log without one', async () => {
    const { files } = await ingest([folder({ 'waagent.log': body([]) })]);
    expect(noteOf(files[0].warnings)).toBeUndefined();
  });
});

describe("a zip's member names in the zipping desktop's code page (no UTF-8 flag)", () => {
  const agent = caseText('win-learn-agent-stuck-stopping', 'WaAppAgent.log');
  // Explorer on a Chinese (936), Japanese (932) and US (437) Windows; "日志" is logs, "ログ" log, "Protokolle für" German
  const names: [string, Buffer, string][] = [
    ['GBK', Buffer.concat([inAnsi('日志', 'gbk'), Buffer.from('/WindowsAzure/Logs/WaAppAgent.log')]), '日志/WindowsAzure/Logs/WaAppAgent.log'],
    ['Shift_JIS', Buffer.concat([inAnsi('ログ', 'shift_jis'), Buffer.from('/WindowsAzure/Logs/WaAppAgent.log')]), 'ログ/WindowsAzure/Logs/WaAppAgent.log'],
    ['code page 437', Buffer.concat([Buffer.from('Protokolle f'), Buffer.from([0x81]), Buffer.from('r M'), Buffer.from([0x81]), Buffer.from('ller/WindowsAzure/Logs/WaAppAgent.log')]), 'Protokolle für Müller/WindowsAzure/Logs/WaAppAgent.log'],
    ['UTF-8 without the flag', Buffer.from('日志/WindowsAzure/Logs/WaAppAgent.log'), '日志/WindowsAzure/Logs/WaAppAgent.log'],
  ];
  for (const [page, raw, name] of names) {
    it(`reads ${page} names as the desktop wrote them`, async () => {
      const zip = join(folder({ 'logs.zip': legacyZip([{ name: raw, data: Buffer.from(agent) }]) }), 'logs.zip');
      const { files } = await ingest([zip]);
      expect(files.map((f) => [f.origin.slice(f.origin.indexOf('!') + 1), f.vmPath, f.kind])).toEqual([[name, 'WindowsAzure/Logs/WaAppAgent.log', 'windows-agent-log']]);
    });
  }

  it("knows Explorer's copy tag in the desktop's language", () => {
    const head = Buffer.from(WAAGENT.slice(0, 4096));
    for (const tag of ['Copy', 'Kopie', 'Copie', 'copia', 'Cópia', '副本', 'コピー']) expect(guessVmPath(`waagent - ${tag}.log`, head).vmPath).toBe('var/log/waagent.log');
  });
});
