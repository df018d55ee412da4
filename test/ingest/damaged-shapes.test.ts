// Shapes an engineer is handed that damage or disguise a log (see test/accuracy/shapes.test.ts for the whole cases):
// a crash's NUL block where a short log's format would be seen, a `tail -f` output saved in UTF-16 or kept in the VM's
// tree. Each is read as the clean file is; here, how.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/main/ingest';
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
