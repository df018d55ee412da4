import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/main/ingest';
import { zipEnd } from '../security/hostile';

/**
 * A collector-sized logs.zip (150 MiB uncompressed: five 30 MiB logs, the collector's caps) must ingest with
 * little overhead beyond inflating it, and without holding more than the members themselves.
 */

const MEMBER = 30 * 1024 * 1024;
const NAMES = ['var/log/waagent.log', 'var/log/waagent.log.1', 'var/log/syslog', 'var/log/syslog.1', 'var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log'];

/** A realistic-looking 30 MiB agent log (varied heartbeats, so it compresses like a real one, not like zeros). */
function bigLog(): Buffer {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < MEMBER; i++) {
    const t = new Date(Date.UTC(2026, 10, 1) + i * 1_800_000 + (i % 977) * 13).toISOString().replace('Z', `${String(i % 1000).padStart(3, '0')}Z`);
    const l = `${t} INFO ExtHandler ExtHandler [HEARTBEAT] Agent WALinuxAgent-2.9.1.1 is running as the goal state agent [DEBUG HeartbeatCounter: ${i};HeartbeatId: ${(i * 2654435761) >>> 0};DroppedPackets: ${i % 3};UpdateGSErrors: 0;AutoUpdate: 1]\n`;
    lines.push(l);
    size += l.length;
  }
  return Buffer.from(lines.join('')).subarray(0, MEMBER);
}

/** Writes a zip by hand so the 150 MiB compresses once (all members share the same deflated bytes). */
function zipOf(data: Buffer, names: string[]): { zip: Buffer; packed: Buffer } {
  const packed = deflateRawSync(data, { level: 1 });
  const crc = crc32(data);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const name of names) {
    const n = Buffer.from(name);
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(0x800, 6);
    lh.writeUInt16LE(8, 8);
    lh.writeUInt32LE(crc, 14);
    lh.writeUInt32LE(packed.length, 18);
    lh.writeUInt32LE(data.length, 22);
    lh.writeUInt16LE(n.length, 26);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(0x800, 8);
    ch.writeUInt16LE(8, 10);
    ch.writeUInt32LE(crc, 16);
    ch.writeUInt32LE(packed.length, 20);
    ch.writeUInt32LE(data.length, 24);
    ch.writeUInt16LE(n.length, 28);
    ch.writeUInt32LE(offset, 42);
    locals.push(lh, n, packed);
    centrals.push(ch, n);
    offset += 30 + n.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = zipEnd(names.length, cd.length, offset);
  return { zip: Buffer.concat([...locals, cd, end]), packed };
}

let dir: string;
let zipPath: string;
let packed: Buffer;
let log: Buffer;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vmbd-perf-'));
  log = bigLog();
  const z = zipOf(log, NAMES);
  packed = z.packed;
  zipPath = join(dir, 'logs.zip');
  await writeFile(zipPath, z.zip);
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('performance', () => {
  it('a 150 MiB logs.zip ingests with well under a second of overhead beyond inflating it', async () => {
    // Baseline: reading the file and inflating the five members, nothing else; measured before and after
    // ingest (the load of a shared machine drifts) and the larger kept.
    const baseline = async () => {
      const t0 = performance.now();
      await readFile(zipPath);
      for (let i = 0; i < NAMES.length; i++) inflateRawSync(packed);
      return performance.now() - t0;
    };
    const before = await baseline();
    const t = performance.now();
    const r = await ingest([zipPath]);
    const ingestMs = performance.now() - t;
    const inflateMs = Math.max(before, await baseline());

    expect(r.files.map((f) => f.vmPath).sort()).toEqual([...NAMES].sort());
    expect(r.files.every((f) => f.size === MEMBER && !f.truncated)).toBe(true);
    expect((await r.files[0].content.read(MEMBER - 100, 100)).equals(log.subarray(MEMBER - 100))).toBe(true);
    // Under a second of overhead on an idle machine (one positioned read and one inflate per member). On a
    // loaded 2-core box timings swing by 2× between runs, so the bound also scales with the baseline.
    expect(ingestMs - inflateMs, `ingest ${ingestMs.toFixed(0)} ms vs read+inflate ${inflateMs.toFixed(0)} ms`).toBeLessThan(Math.max(1000, inflateMs));
  }, 120_000);

  it('memory stays bounded: members over the per-file cap keep only their tail', async () => {
    const cap = 4 * 1024 * 1024;
    global.gc?.();
    const before = process.memoryUsage().arrayBuffers;
    const r = await ingest([zipPath], { limits: { maxFileBytes: cap } });
    const held = process.memoryUsage().arrayBuffers - before;
    expect(r.files.every((f) => f.size === cap && f.truncated)).toBe(true);
    expect((await r.files[0].content.read(cap - 100, 100)).equals(log.subarray(MEMBER - 100))).toBe(true);
    // five 4 MiB tails are kept, not five 30 MiB members (slack for the zip reader's buffers)
    expect(held).toBeLessThan(NAMES.length * cap + 40 * 1024 * 1024);
  }, 120_000);
});
