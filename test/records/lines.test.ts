import { describe, expect, it } from 'vitest';
import { forEachLine, MAX_LINE_HEAD } from '../../src/main/parse/lines';
import { BufferContent, type FileContent } from '../../src/main/ingest/content';

/** Content that yields in small chunks, to exercise lines split across chunk boundaries. */
class ChunkedContent implements FileContent {
  constructor(
    private readonly buf: Buffer,
    private readonly step: number,
  ) {}
  get size() {
    return this.buf.length;
  }
  async *chunks() {
    for (let i = 0; i < this.buf.length; i += this.step) yield this.buf.subarray(i, i + this.step);
  }
  async read(o: number, l: number) {
    return this.buf.subarray(o, o + l);
  }
  async text() {
    return this.buf.toString();
  }
}

async function lines(content: FileContent) {
  const out: { text: string; no: number; offset: number; len: number; cut: boolean }[] = [];
  await forEachLine(content, (b, s, e, no, offset, len, cut) => out.push({ text: b.toString('utf8', s, e), no, offset, len, cut }));
  return out;
}

describe('forEachLine', () => {
  it('splits LF and CRLF lines with 1-based numbers and byte offsets, across chunk boundaries', async () => {
    const text = 'alpha\r\nbeta\n\ngamma';
    for (const step of [1, 2, 3, 7, 1000]) {
      const got = await lines(new ChunkedContent(Buffer.from(text), step));
      expect(got.map((l) => l.text)).toEqual(['alpha', 'beta', '', 'gamma']);
      expect(got.map((l) => l.no)).toEqual([1, 2, 3, 4]);
      expect(got.map((l) => l.offset)).toEqual([0, 7, 12, 13]);
    }
  });

  it('keeps only a bounded head of a giant line but counts it fully', async () => {
    const big = Buffer.concat([Buffer.from('x'.repeat(MAX_LINE_HEAD * 3)), Buffer.from('\nnext\n')]);
    const got = await lines(new ChunkedContent(big, 4096));
    expect(got).toHaveLength(2);
    expect(got[0].text.length).toBe(MAX_LINE_HEAD);
    expect(got[0].len).toBe(MAX_LINE_HEAD * 3);
    expect(got[0].cut).toBe(true);
    expect(got[1]).toMatchObject({ text: 'next', offset: MAX_LINE_HEAD * 3 + 1, cut: false });
  });

  it('handles an empty file and a file without a trailing newline', async () => {
    expect(await lines(new BufferContent(Buffer.alloc(0)))).toEqual([]);
    expect((await lines(new BufferContent(Buffer.from('one')))).map((l) => l.text)).toEqual(['one']);
  });
});
