import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DiskFileContent, SMALL_FILE_BYTES } from '../../src/main/ingest/content';

const dir = mkdtempSync(join(tmpdir(), 'vmbd-content-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function all(c: DiskFileContent): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of c.chunks()) parts.push(chunk);
  return Buffer.concat(parts);
}

/** Byte equality without a per-element deep compare (megabyte buffers). */
const same = (a: Buffer, b: Buffer) => a.length === b.length && a.equals(b);

describe('DiskFileContent', () => {
  const bytes = Buffer.from(Array.from({ length: 5000 }, (_, i) => `line ${i}\n`).join(''));
  const small = join(dir, 'small.log');
  writeFileSync(small, bytes);
  const big = join(dir, 'big.log');
  const bigBytes = Buffer.alloc(SMALL_FILE_BYTES * 2 + 123, 'x');
  writeFileSync(big, bigBytes);

  it('streams small files (one read) and big files (a stream) byte for byte, whole or tail-kept', async () => {
    expect(same(await all(new DiskFileContent(small, bytes.length)), bytes)).toBe(true);
    expect(same(await all(new DiskFileContent(small, 100, bytes.length - 100)), bytes.subarray(bytes.length - 100))).toBe(true);
    expect(same(await all(new DiskFileContent(big, bigBytes.length)), bigBytes)).toBe(true);
    expect(same(await all(new DiskFileContent(big, 1000, bigBytes.length - 1000)), bigBytes.subarray(bigBytes.length - 1000))).toBe(true);
    expect(await new DiskFileContent(small, bytes.length).text()).toBe(bytes.toString());
    expect(same(await all(new DiskFileContent(small, 0)), Buffer.alloc(0))).toBe(true);
  });

  it('a file that shrank after it was listed yields what is left; a vanished file throws', async () => {
    const p = join(dir, 'shrinks.log');
    writeFileSync(p, bytes);
    const c = new DiskFileContent(p, bytes.length);
    truncateSync(p, 10);
    expect(same(await all(c), bytes.subarray(0, 10))).toBe(true);
    rmSync(p);
    await expect(all(c)).rejects.toThrow(/ENOENT/);
  });

  it('reads a big file into two buffers in turn, the next chunk while this one is used (transient), the same bytes', async () => {
    // distinct bytes at every position, so that a chunk read into the wrong place shows
    const varied = Buffer.from(Array.from({ length: 700_000 }, (_, i) => `${i} `).join(''));
    const p = join(dir, 'varied.log');
    writeFileSync(p, varied);
    for (const [size, start] of [[varied.length, 0], [varied.length - 77, 77]]) {
      const copies: Buffer[] = [];
      const views = new Set<Buffer>();
      const memory = new Set<ArrayBufferLike>();
      let before: ArrayBufferLike | undefined;
      for await (const chunk of new DiskFileContent(p, size, start).chunks(undefined, { transient: true })) {
        const copy = Buffer.from(chunk);
        // the read ahead of the next chunk (let it finish) does not write into the one in use
        await new Promise((r) => setTimeout(r, 20));
        expect(same(chunk, copy)).toBe(true);
        expect(chunk.buffer).not.toBe(before);
        before = chunk.buffer;
        copies.push(copy);
        views.add(chunk);
        memory.add(chunk.buffer);
      }
      expect(same(Buffer.concat(copies), varied.subarray(start))).toBe(true);
      expect(copies.length).toBeGreaterThan(2);
      // a new view each time (a consumer may tell chunks apart by identity), of two buffers
      expect(views.size).toBe(copies.length);
      expect(memory.size).toBe(2);
    }
    // a file that shrank: what is left
    const shrinking = new DiskFileContent(p, varied.length);
    truncateSync(p, SMALL_FILE_BYTES + 10);
    const left: Buffer[] = [];
    for await (const chunk of shrinking.chunks(undefined, { transient: true })) left.push(Buffer.from(chunk));
    expect(same(Buffer.concat(left), varied.subarray(0, SMALL_FILE_BYTES + 10))).toBe(true);
  });

  it('an aborted read stops before reading', async () => {
    const ac = new AbortController();
    ac.abort(new Error('stop'));
    const it = new DiskFileContent(small, bytes.length).chunks(ac.signal)[Symbol.asyncIterator]();
    await expect(it.next()).rejects.toThrow('stop');
  });
});
