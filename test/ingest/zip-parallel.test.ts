import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import type * as zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ingest } from '../../src/main/ingest';

/** Counts the raw inflates running at once (the zip reader's whole-member path is zlib's inflateRaw on the thread pool). */
const track = vi.hoisted(() => ({ inFlight: 0, max: 0 }));
vi.mock('node:zlib', async (importOriginal) => {
  const z = await importOriginal<typeof zlib>();
  const inflateRaw = (buf: Buffer, opts: object, cb: (e: Error | null, r: Buffer) => void) => {
    track.inFlight++;
    track.max = Math.max(track.max, track.inFlight);
    // each inflate takes a while (as a 90 MB member's does), so a reader that waits for one member
    // before it starts the next is seen running one at a time
    z.inflateRaw(buf, opts, (e, r) =>
      setTimeout(() => {
        track.inFlight--;
        cb(e, r);
      }, 30),
    );
  };
  return { ...z, default: { ...z, inflateRaw }, inflateRaw };
});

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vmbd-zip-parallel-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A handler log of about `kb` KB, different per handler so a mixed-up member would show. */
function handlerLog(h: number, kb: number): string {
  let s = '';
  for (let i = 0; s.length < kb * 1024; i++) s += `2026-01-01T10:${String(i % 60).padStart(2, '0')}:00.000Z INFO ExtHandler [Microsoft.Test.Handler${h}-1.0] step ${i} of enable\n`;
  return s;
}

describe('zip members read in parallel', () => {
  it('inflates several members at once, at most 4, and keeps members and warnings in archive order', async () => {
    const members: Record<string, Uint8Array> = {};
    const names: string[] = [];
    for (let h = 0; h < 9; h++) {
      const name = `var/log/azure/Microsoft.Test.Handler${h}/CommandExecution.log`;
      names.push(name);
      members[name] = new Uint8Array(Buffer.from(handlerLog(h, 300 + h * 40)));
      if (h === 2) members['../../etc/evil.sh'] = new Uint8Array(Buffer.from('#!/bin/sh\n'));
      if (h === 6) members['/abs/path.log'] = new Uint8Array(Buffer.from('x\n'));
    }
    const buf = Buffer.from(zipSync(members));
    // damage the deflate data of handler 4's member: its whole-member inflate fails and the streamed
    // fallback (opened after the other members were admitted) keeps what inflates before the damage
    const damaged = names[4];
    const at = buf.indexOf(Buffer.from(damaged)) + Buffer.byteLength(damaged);
    for (let i = at + 2000; i < at + 2400; i++) buf[i] ^= 0x5a;
    const p = join(dir, 'handlers.zip');
    await writeFile(p, buf);

    track.max = 0;
    const r = await ingest([p]);
    expect(track.max).toBeGreaterThan(1);
    expect(track.max).toBeLessThanOrEqual(4);

    // every good member, in archive order, with its own bytes
    const kept = r.files.map((f) => f.vmPath);
    expect(kept.filter((n) => n !== damaged)).toEqual(names.filter((n) => n !== damaged));
    for (const f of r.files.filter((x) => x.vmPath !== damaged)) {
      const h = Number(/Handler(\d+)/.exec(f.vmPath)![1]);
      expect((await f.content.read(0, 200)).toString()).toContain(`Handler${h}-1.0] step 0 `);
      expect(f.size).toBe(Buffer.byteLength(handlerLog(h, 300 + h * 40)));
    }
    // the damaged member: kept as far as it inflates (or reported unreadable), never silently dropped
    const bad = r.files.find((f) => f.vmPath === damaged);
    const text = r.inputs[0].warnings.join('\n');
    if (bad) {
      expect(bad.truncated).toBe(true);
      expect(bad.warnings.map((w) => w.message).join()).toMatch(/damaged/);
    } else expect(text).toMatch(/Handler4\/CommandExecution\.log: could not be read/);
    // the refusals come in the order of their members
    const evil = text.indexOf('evil.sh');
    const abs = text.indexOf('/abs/path.log');
    expect(evil).toBeGreaterThanOrEqual(0);
    expect(abs).toBeGreaterThan(evil);
  });
});
