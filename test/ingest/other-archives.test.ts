import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/main/ingest';
import { renderAnalysis } from '../../src/shared/i18n/analysis';

// Users on Windows zip with 7-Zip. No 7z reader here (the pure-JS ones extract to disk, which ingest never does), so a
// 7z or RAR archive anywhere in the input must say what it is and what to do, never be passed over in silence.

const CASE = join(__dirname, '..', 'cases', 'waagent-3492-iptables-drop-wireserver', 'files', 'waagent.log');

/** A 7z archive's signature header (7zFormat.txt: signature, version 0.4, start-header CRC, next header) and a body. */
function sevenZip(body: Buffer): Buffer {
  const start = Buffer.alloc(20);
  start.writeBigUInt64LE(0n, 0); // next header offset
  start.writeBigUInt64LE(BigInt(body.length), 8); // next header size
  start.writeUInt32LE(crc32(body), 16);
  const head = Buffer.concat([Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0x00, 0x04]), Buffer.alloc(4), start]);
  head.writeUInt32LE(crc32(start), 8);
  return Buffer.concat([head, body]);
}

let dir: string;
let log: Buffer;
const packed = () => sevenZip(Buffer.from([0x17, 0x06, 0x80, 0x91, 0x2d, 0x5c, 0x33, 0x01, 0x09, 0x80, 0x85, 0x00, 0x07, 0x0b, 0x01, 0x00]));
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vmbd-7z-'));
  log = await readFile(CASE);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const said = (r: Awaited<ReturnType<typeof ingest>>) => [...r.warnings, ...r.files.flatMap((f) => f.warnings)].filter((w) => w.note?.key === 'ingest.other-archive');

describe('a 7-Zip or RAR archive is named, with what to do, wherever it is', () => {
  it('given beside the agent log: the log is read and the 7z is named in a warning (en and nl)', async () => {
    const p = join(dir, 'logs.7z');
    await writeFile(p, packed());
    await writeFile(join(dir, 'waagent.log'), log);
    const r = await ingest([join(dir, 'waagent.log'), p]);
    expect(r.files.some((f) => f.kind === 'waagent-log')).toBe(true);
    const w = said(r);
    expect(w).toHaveLength(1);
    expect(w[0].message).toContain(`${p}: a 7-Zip (.7z) archive, which this app cannot open`);
    expect(w[0].message).toMatch(/extract it .* or zip its files again as a \.zip/);
    expect(renderAnalysis(w[0].note!, 'nl')).toContain(`${p}: een 7-Zip-archief (.7z), dat deze app niet kan openen`);
  });

  it('inside the ticket zip beside the logs: named by its place in the zip', async () => {
    const p = join(dir, 'ticket-1234.zip');
    await writeFile(p, zipSync({ 'ticket-1234/waagent.log': log, 'ticket-1234/customer-logs.7z': packed() }));
    const r = await ingest([p]);
    expect(r.files.some((f) => f.kind === 'waagent-log')).toBe(true);
    expect(said(r).map((w) => w.message.slice(0, w.message.indexOf(':')))).toEqual([`${p}!ticket-1234/customer-logs.7z`]);
  });

  it('a 7z renamed .zip, on its own, is named for what its bytes are', async () => {
    const p = join(dir, 'logs.zip');
    await writeFile(p, packed());
    const r = await ingest([p]);
    expect(r.files[0].seenAs).toBe('7z');
    expect(said(r)).toHaveLength(1);
  });

  it('a RAR archive and a later volume of a split 7z are named too', async () => {
    const rar = join(dir, 'logs.rar');
    await writeFile(rar, Buffer.concat([Buffer.from('Rar!\x1a\x07\x01\x00', 'latin1'), Buffer.alloc(64, 0x33)]));
    const vol = join(dir, 'logs.7z.002');
    await writeFile(vol, Buffer.from(Array.from({ length: 256 }, (_, i) => (i * 37) & 0xff)));
    await writeFile(join(dir, 'waagent.log'), log);
    const r = await ingest([join(dir, 'waagent.log'), rar, vol]);
    const ws = said(r).map((w) => w.message);
    expect(ws).toHaveLength(2);
    expect(ws[0].startsWith(`${rar}: a RAR archive, which this app cannot open`)).toBe(true);
    expect(ws[1].startsWith(`${vol}: a 7-Zip (.7z) archive`)).toBe(true);
  });

  it('a text file that happens to be named .7z is not called an archive', async () => {
    const p = join(dir, 'notes.7z');
    await writeFile(p, 'customer says backups fail since Thursday\n');
    await writeFile(join(dir, 'waagent.log'), log);
    const r = await ingest([join(dir, 'waagent.log'), p]);
    expect(said(r)).toHaveLength(0);
  });
});
