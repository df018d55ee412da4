import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/main/ingest';

// A rotated log whose `.gz` was lost on the way (Windows Explorer hides known extensions; a rename then keeps it off, a
// ticket tool drops double extensions): `waagent.log.1` holding gzip bytes. Its name makes it a log; its bytes must be
// inflated, not parsed as text (no record came out of it, and its lines were the older half of the log).

const CASE = join(__dirname, '..', 'cases', 'waagent-3492-iptables-drop-wireserver', 'files', 'waagent.log');
let dir: string;
let log: Buffer;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vmbd-unnamed-'));
  log = await readFile(CASE);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const keys = (r: Awaited<ReturnType<typeof ingest>>) => [...r.warnings, ...r.files.flatMap((f) => f.warnings)].map((w) => w.note?.key);

describe('a log compressed though its name does not say so', () => {
  it('in a folder: waagent.log.1 holding gzip is read decompressed, with a warning saying so', async () => {
    const root = join(dir, 'folder');
    await mkdir(join(root, 'var', 'log'), { recursive: true });
    await writeFile(join(root, 'var', 'log', 'waagent.log.1'), gzipSync(log));
    const r = await ingest([root]);
    const f = r.files.find((x) => x.vmPath === 'var/log/waagent.log.1')!;
    expect(f.kind).toBe('waagent-log');
    expect((await f.content.read(0, f.size)).equals(log)).toBe(true);
    expect(f.warnings.map((w) => w.message).join()).toMatch(/waagent\.log\.1: gzip-compressed though its name does not say so/);
  });

  it('in a flat folder of attachments: placed by its inflated content', async () => {
    const root = join(dir, 'flat');
    await mkdir(root, { recursive: true });
    await writeFile(join(root, 'waagent.log.1'), gzipSync(log));
    const r = await ingest([root]);
    const f = r.files.find((x) => x.kind === 'waagent-log')!;
    expect(f.vmPath).toBe('var/log/waagent.log.1');
    expect((await f.content.read(0, f.size)).equals(log)).toBe(true);
    expect(keys(r)).toContain('ingest.packed-unnamed');
  });

  it('in a zip, and in xz, bzip2 or zstd', async () => {
    const packs: [string, Buffer][] = [
      ['xz', execFileSync('xz', ['-c'], { input: log })],
      ['bzip2', execFileSync('bzip2', ['-c'], { input: log })],
      ['zstd', execFileSync('zstd', ['-q', '-c'], { input: log })],
    ];
    for (const [codec, bytes] of packs) {
      const p = join(dir, `logs-${codec}.zip`);
      await writeFile(p, zipSync({ 'var/log/waagent.log': new Uint8Array(bytes), 'results.txt': new Uint8Array(Buffer.from('ok\n')) }));
      const r = await ingest([p]);
      const f = r.files.find((x) => x.vmPath === 'var/log/waagent.log')!;
      expect((await f.content.read(0, f.size)).equals(log)).toBe(true);
      expect(keys(r)).toContain('ingest.packed-unnamed');
    }
  });

  it('a bomb behind a plain name stops at the ratio cap with a warning, and the file is kept as it was', async () => {
    const root = join(dir, 'bomb');
    await mkdir(join(root, 'var', 'log'), { recursive: true });
    await writeFile(join(root, 'var', 'log', 'waagent.log'), log);
    await writeFile(join(root, 'var', 'log', 'waagent.log.1'), gzipSync(Buffer.alloc(64 * 1024 * 1024)));
    const r = await ingest([root], { limits: { maxRatio: 100 } });
    expect(keys(r)).toContain('ingest.bomb');
    expect(r.files.find((x) => x.vmPath === 'var/log/waagent.log')?.size).toBe(log.length);
  });

  it('a gzip cut short keeps what inflated and says it is damaged', async () => {
    const root = join(dir, 'cut');
    await mkdir(join(root, 'var', 'log'), { recursive: true });
    const big = Buffer.concat(Array.from({ length: 400 }, () => log));
    const gz = gzipSync(big);
    await writeFile(join(root, 'var', 'log', 'waagent.log.1'), gz.subarray(0, gz.length >> 1));
    const r = await ingest([root]);
    const f = r.files.find((x) => x.vmPath === 'var/log/waagent.log.1')!;
    expect(f.size).toBeGreaterThan(0);
    expect(f.truncated).toBe(true);
    expect(keys(r)).toEqual(expect.arrayContaining(['ingest.packed-unnamed', 'ingest.damaged']));
  });
});
