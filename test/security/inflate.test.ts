/**
 * Issue 20 points 1 and 10: every inflate path goes through the one bounded inflater
 * (src/main/ingest/inflate.ts), and a compressed stream with bytes after its end keeps what was readable.
 *
 * - A zip without a central directory is recovered from its local headers; a member there claiming a tiny
 *   size used to be inflated a second time with no bound at all when the bounded inflate failed (1 MB of
 *   zip → 1 GiB in memory). Now the ratio ceiling holds whatever the header says.
 * - raw deflate, gzip and xz each stop at the ceiling, buffered or streamed.
 * - a tar.gz or .gz with trailing garbage keeps its data (zlib's gunzip dropped the output of the last
 *   write, for a small archive all of it).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/main/ingest';
import { BombError, inflateBuffer, inflateStream, ratioCeiling, type Codec } from '../../src/main/ingest/inflate';
import { deflatedZeros, peakRss, rawZip, tarOf } from './hostile';

const MiB = 1024 * 1024;
const dir = mkdtempSync(join(tmpdir(), 'vmbd-inflate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const LOG = Buffer.from('2026-11-20T09:14:03.123456Z INFO Daemon Azure Linux Agent Version: 2.9.1.1\n'.repeat(50));

/** gzip framing around a raw deflate body (CRC left 0: the reader does not need it to find the data). */
function gzipOfRaw(raw: Buffer, size: number): Buffer {
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(size >>> 0, 4);
  return Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]), raw, trailer]);
}

function withoutCentralDirectory(zip: Buffer): Buffer {
  return zip.subarray(0, zip.indexOf(Buffer.from([0x50, 0x4b, 1, 2])));
}

describe('one bounded inflater', () => {
  it('a zip with no central directory cannot inflate a lying member past the ratio ceiling', async () => {
    const bomb = deflatedZeros(512); // 512 MiB of zeros in ~0.5 MB
    const zip = withoutCentralDirectory(
      rawZip([
        { name: 'var/log/waagent.log', method: 0, data: LOG, claimedSize: LOG.length },
        { name: 'var/log/syslog', method: 8, data: bomb, claimedSize: 4096 },
      ]),
    );
    const p = join(dir, 'cut.zip');
    writeFileSync(p, zip);
    const before = process.memoryUsage.rss();
    const { value: r, peak } = await peakRss(ingest([p]));
    const ceiling = ratioCeiling(bomb.length, 200);
    expect(r.files.map((f) => f.vmPath)).toEqual(['var/log/waagent.log']);
    for (const f of r.files) expect(f.size).toBeLessThanOrEqual(ceiling);
    expect(r.warnings.map((w) => w.message).join('\n')).toMatch(/var\/log\/syslog: refused, it inflates past 200× .*zip bomb/);
    // the unbounded retry held all 512 MiB
    expect(peak - before).toBeLessThan(ceiling + 150 * MiB);
  }, 60_000);

  const codecs: [Codec, () => { packed: Buffer }][] = [
    ['deflate-raw', () => ({ packed: deflatedZeros(64) })],
    ['gzip', () => ({ packed: gzipOfRaw(deflatedZeros(64), 64 * MiB) })],
    ['xz', () => ({ packed: execFileSync('xz', ['-c', '-1'], { input: Buffer.alloc(64 * MiB), maxBuffer: 64 * MiB }) })],
  ];
  it.each(codecs)('%s: buffered and streamed inflates stop at the ceiling', async (codec, make) => {
    const { packed } = make();
    const ceiling = ratioCeiling(packed.length, 200);
    expect(ceiling).toBeLessThan(64 * MiB);
    await expect(inflateBuffer(packed, codec, 1024 * MiB, { ceiling })).rejects.toBeInstanceOf(BombError);
    let seen = 0;
    const run = async () => {
      for await (const c of inflateStream((async function* () {
        for (let i = 0; i < packed.length; i += 4096) yield packed.subarray(i, i + 4096);
      })(), codec, { ceiling: (n) => ratioCeiling(n, 200) })) seen += c.length;
    };
    await expect(run()).rejects.toBeInstanceOf(BombError);
    expect(seen).toBeLessThanOrEqual(ceiling);
    // an honest input under the ceiling inflates whole
    const ok = await inflateBuffer(packed, codec, 1024 * MiB, { ceiling: 64 * MiB });
    expect(ok.seen).toBe(64 * MiB);
    expect(ok.error).toBeUndefined();
  }, 60_000);

  it('a damaged stream keeps what inflated before the damage, bounded', async () => {
    const packed = gzipSync(LOG);
    const cut = packed.subarray(0, Math.floor(packed.length * 0.6));
    const r = await inflateBuffer(cut, 'gzip', MiB, { ceiling: MiB });
    expect(r.error).toBeDefined();
    expect(LOG.subarray(0, r.data.length).equals(r.data)).toBe(true);
  });
});

describe('trailing garbage after compressed data (point 10)', () => {
  const tar = tarOf([
    { name: 'var/log/waagent.log', data: LOG },
    { name: 'var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log', data: Buffer.from('2026-11-20 09:14:03 INFO: hello\n') },
  ]);

  it('a tar.gz with bytes after the gzip data keeps every member, with a warning', async () => {
    const p = join(dir, 'trailing.tar.gz');
    writeFileSync(p, Buffer.concat([gzipSync(tar), Buffer.from('\0\0\0garbage appended by a broken upload\n')]));
    const r = await ingest([p]);
    expect(r.files.map((f) => f.vmPath).sort()).toEqual(['var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log', 'var/log/waagent.log']);
    expect((await r.files.find((f) => f.vmPath === 'var/log/waagent.log')!.content.read(0, LOG.length)).equals(LOG)).toBe(true);
    expect(r.warnings.map((w) => w.message).join('\n')).toMatch(/bytes after the end of the compressed data were ignored/);
  });

  it('a .gz log with trailing garbage, and a two-member .gz, are read whole', async () => {
    const junk = join(dir, 'waagent.log.1.gz');
    writeFileSync(junk, Buffer.concat([gzipSync(LOG), Buffer.from('trailing junk')]));
    const multi = join(dir, 'waagent.log.2.gz');
    writeFileSync(multi, Buffer.concat([gzipSync(LOG.subarray(0, 1000)), gzipSync(LOG.subarray(1000))]));
    for (const p of [junk, multi]) {
      const r = await ingest([p]);
      expect(r.files).toHaveLength(1);
      expect((await r.files[0].content.read(0, LOG.length + 10)).equals(LOG)).toBe(true);
    }
  });
});
