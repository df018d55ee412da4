import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/main/ingest';
import { isBzip2 } from '../../src/main/ingest/archive-kind';
import { BombError, inflateBuffer, inflateStream } from '../../src/main/ingest/inflate';

// verbatim waagent.log records (test/fixtures/corpus/waagent/extracted, see its SOURCE.md)
const LOG = '2021-03-31T06:43:17.806663Z WARNING ExtHandler ExtHandler Download failed, switching to host plugin\n2019-11-27T22:22:48.123985Z VERBOSE ExtHandler ExtHandler Report vm agent status\n';

const CASES = join(__dirname, '..', 'cases');
/** Real logs of public cases (their case.json cites the thread). */
const CASE_WAAGENT = join(CASES, 'waagent-3492-iptables-drop-wireserver', 'files', 'waagent.log');
const CASE_EXTENSION = join(CASES, 'ext-1868-freeze-never-thawed', 'files', 'extension.log');

/** Real bzip2 output (the bzip2 tool), never a hand-made stream. */
const bzip2 = (data: Buffer | string, level = 9): Buffer => execFileSync('bzip2', [`-${level}`, '-c'], { input: data });
/** `n` MiB of zeros through bzip2: a few hundred bytes that inflate up to 45 MB a block (a bzip2 bomb). */
const bzip2Zeros = (mib: number): Buffer => execFileSync('sh', ['-c', `head -c ${mib}M /dev/zero | bzip2 -9 -c`]);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vmbd-comp-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const messages = (ws: { message: string }[]) => ws.map((w) => w.message).join('\n');

describe('loose compressed logs', () => {
  it('a renamed .xz log is inflated (bounded) and placed by its content', async () => {
    const p = join(dir, 'waagent-vm1.log.xz');
    await writeFile(p, execFileSync('xz', ['-c'], { input: LOG }));
    const r = await ingest([p]);
    expect(r.inputs[0].kind).toBe('single-file');
    expect(r.files[0]).toMatchObject({ vmPath: 'var/log/waagent.log', kind: 'waagent-log', size: LOG.length });
    expect(await r.files[0].content.text()).toBe(LOG);
  });

  it('a renamed .gz log keeps its place too', async () => {
    const p = join(dir, 'ticket-4711 agent.txt.gz');
    await writeFile(p, gzipSync(LOG));
    const r = await ingest([p]);
    expect(r.files[0]).toMatchObject({ vmPath: 'var/log/waagent.log', kind: 'waagent-log' });
  });

  it('a rotated .bz2 log is decoded and placed as the rotated log it is', async () => {
    const text = await readFile(CASE_WAAGENT);
    const p = join(dir, 'waagent.log.1.bz2');
    await writeFile(p, bzip2(text));
    const r = await ingest([p]);
    expect(r.inputs[0].kind).toBe('single-file');
    expect(r.files).toHaveLength(1);
    expect(r.files[0]).toMatchObject({ vmPath: 'var/log/waagent.log.1', kind: 'waagent-log', size: text.length, truncated: false });
    expect(await r.files[0].content.read(0, text.length)).toEqual(text);
    expect(messages(r.files[0].warnings)).not.toMatch(/bzip2|damaged/);
  });

  it('a renamed .bz2 is placed by its content, whatever its name says', async () => {
    const p = join(dir, 'ticket-4711-log.bz2');
    await writeFile(p, bzip2(await readFile(CASE_EXTENSION)));
    const r = await ingest([p]);
    expect(r.files[0]).toMatchObject({ vmPath: 'var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log', kind: 'vmsnapshot-extension-log' });
  });

  it('concatenated bzip2 streams (pbzip2, cat a.bz2 b.bz2) are read in turn', async () => {
    const text = await readFile(CASE_WAAGENT);
    const half = text.indexOf('\n', text.length >> 1) + 1;
    const p = join(dir, 'waagent.log.2.bz2');
    await writeFile(p, Buffer.concat([bzip2(text.subarray(0, half)), bzip2(text.subarray(half), 1)]));
    const r = await ingest([p]);
    expect(await r.files[0].content.read(0, text.length + 1)).toEqual(text);
  });

  it('a cut .bz2 keeps what decoded before the cut, and says so', async () => {
    // several blocks (100 kB each at -1) of a real log repeated verbatim, cut in the middle
    const one = await readFile(CASE_WAAGENT);
    const text = Buffer.concat(Array.from({ length: Math.ceil(250_000 / one.length) }, () => one));
    const packed = bzip2(text, 1);
    const p = join(dir, 'waagent.log.3.bz2');
    await writeFile(p, packed.subarray(0, Math.floor(packed.length * 0.6)));
    const r = await ingest([p]);
    const f = r.files[0];
    expect(f.truncated).toBe(true);
    expect(f.size).toBeGreaterThan(90_000); // at least the first whole block
    expect(f.size).toBeLessThan(text.length);
    expect(await f.content.read(0, f.size)).toEqual(text.subarray(0, f.size));
    expect(messages(f.warnings)).toMatch(/damaged bzip2 \(.+\); kept the \d+ bytes before the damage/);
  });

  it('a .tar.bz2 bundle, and a tar.bz2 saved under another name, are read as tars', async () => {
    const root = join(dir, 'vm');
    await mkdir(join(root, 'var', 'log'), { recursive: true });
    await writeFile(join(root, 'var', 'log', 'waagent.log'), await readFile(CASE_WAAGENT));
    const tar = execFileSync('tar', ['-C', root, '-cf', '-', 'var']);
    for (const name of ['vm.tar.bz2', 'vm-logs.bz2']) {
      const p = join(dir, name);
      await writeFile(p, bzip2(tar));
      const r = await ingest([p]);
      expect(r.files.map((f) => [f.vmPath, f.kind]), name).toEqual([['var/log/waagent.log', 'waagent-log']]);
    }
  });

  it('.bz2 members of a zip, a folder and a nested archive are decoded and placed', async () => {
    const text = await readFile(CASE_WAAGENT);
    const packed = new Uint8Array(bzip2(text));
    const zip = join(dir, 'bz2-members.zip');
    await writeFile(zip, zipSync({ 'var/log/waagent.log.1.bz2': packed, 'attachments/agent log.bz2': packed }));
    const r = await ingest([zip]);
    const byPath = new Map(r.files.map((f) => [f.vmPath, f]));
    expect(byPath.get('var/log/waagent.log.1.bz2')).toMatchObject({ kind: 'waagent-log', size: text.length });
    expect(byPath.get('var/log/waagent.log')).toMatchObject({ kind: 'waagent-log', size: text.length });
    // rotation reads the .bz2 as the older file of the same log
    expect(byPath.get('var/log/waagent.log.1.bz2')!.rotation).toEqual({ group: 'var/log/waagent.log', index: 1 });

    const folder = join(dir, 'flat-bz2');
    await mkdir(folder);
    await writeFile(join(folder, 'waagent.log.bz2'), packed);
    const f = await ingest([folder]);
    expect(f.files[0]).toMatchObject({ vmPath: 'var/log/waagent.log', kind: 'waagent-log', size: text.length });
    expect(await f.files[0].content.read(0, text.length)).toEqual(text);

    const tbz = join(dir, 'case.zip');
    const tar = execFileSync('tar', ['-C', folder, '-cf', '-', '.']);
    await writeFile(tbz, zipSync({ 'ticket/logs.tar.bz2': new Uint8Array(bzip2(tar)) }));
    const n = await ingest([tbz]);
    expect(n.files.map((x) => [x.vmPath, x.kind])).toEqual([['var/log/waagent.log', 'waagent-log']]);
  });

  it('a file named .bz2 that is not bzip2 is read as is, and says so; text starting with BZh is not bzip2', async () => {
    const zip = join(dir, 'not-bz2.zip');
    await writeFile(zip, zipSync({ 'var/log/waagent.log.1.bz2': new TextEncoder().encode(LOG) }));
    const r = await ingest([zip]);
    expect(r.files[0]).toMatchObject({ vmPath: 'var/log/waagent.log.1.bz2', kind: 'waagent-log', size: LOG.length });
    expect(messages(r.files[0].warnings)).toMatch(/named \.bz2 but is not bzip2 data; read as is/);
    expect(isBzip2(Buffer.from('BZh9 is how a bzip2 file starts\n'))).toBe(false);
    expect(isBzip2(bzip2(LOG))).toBe(true);
    expect(isBzip2(bzip2(''))).toBe(true);
  });
});

describe('bzip2 bombs', () => {
  it('the decoder stops at the ceiling, mid-block, without building the block', async () => {
    const bomb = bzip2Zeros(48); // one 45 MB block and a bit
    expect(bomb.length).toBeLessThan(4096);
    const before = process.memoryUsage().rss;
    const t0 = Date.now();
    await expect(inflateBuffer(bomb, 'bzip2', 1 << 30, { ceiling: 1 << 20 })).rejects.toBeInstanceOf(BombError);
    expect(Date.now() - t0).toBeLessThan(5000);
    // the library's own stream would hold one block as a JS number array (1.1 GB measured): stay far below
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
    // streamed: the chunks before the stop add up to the ceiling at most
    let seen = 0;
    const stream = inflateStream((async function* () { yield bomb; })(), 'bzip2', { ceiling: (inBytes) => inBytes * 1000 });
    await expect((async () => { for await (const c of stream) seen += c.length; })()).rejects.toBeInstanceOf(BombError);
    expect(seen).toBeLessThanOrEqual(bomb.length * 1000);
  });

  it('a loose .bz2 bomb, a .bz2 member and a tar.bz2 bomb are refused with a clear warning', async () => {
    const bomb = bzip2Zeros(16);
    const loose = join(dir, 'waagent.log.5.bz2');
    await writeFile(loose, bomb);
    const zip = join(dir, 'bz2bomb.zip');
    await writeFile(zip, zipSync({ 'var/log/waagent.log.4.bz2': new Uint8Array(bomb) }, { level: 0 }));
    const root = join(dir, 'bombtree');
    await mkdir(join(root, 'var', 'log'), { recursive: true });
    await writeFile(join(root, 'var', 'log', 'syslog'), Buffer.alloc(16 * 1024 * 1024));
    const tbz = join(dir, 'bomb.tar.bz2');
    await writeFile(tbz, execFileSync('sh', ['-c', `tar -C '${root}' -cf - var | bzip2 -9 -c`], { maxBuffer: 1 << 20 }));
    const r = await ingest([loose, zip, tbz]);
    expect(r.files).toEqual([]);
    const w = messages(r.warnings);
    expect(w).toMatch(/waagent\.log\.5\.bz2: refused, it inflates to more than 200× its size \(a decompression bomb\?\)/);
    expect(w).toMatch(/var\/log\/waagent\.log\.4\.bz2: refused, it inflates to more than 200× its size/);
    expect(w).toMatch(/bomb\.tar\.bz2: refused the rest, it inflates past \d+ bytes .*decompression bomb/);
  });
});
