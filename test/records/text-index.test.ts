import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { BufferContent, type FileContent } from '../../src/main/ingest/content';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';
import { RecordStore } from '../../src/main/records/store';
import { compileText } from '../../src/main/records/text-filter';
import { requiredBits, requiredLiterals } from '../../src/main/records/text-index';
import type { LogLevel, LogQuery } from '../../src/shared';
import { ROOT } from '../helpers/paths';

type Query = Omit<LogQuery, 'offset' | 'limit'>;

describe('the literals a regex cannot match without', () => {
  it('takes top-level literal runs, leaving out what may be absent', () => {
    expect(requiredLiterals('status code \\d+')).toEqual(['status code ']);
    expect(requiredLiterals('\\bexit[- ]?code\\W+\\d+')).toEqual(['exit', 'code']);
    expect(requiredLiterals('snapshots?Failed')).toEqual(['snapshot', 'Failed']);
    expect(requiredLiterals('abc+?defg*')).toEqual(['abc', 'def']);
    expect(requiredLiterals('Status\\.Code\\/')).toEqual(['Status.Code/']);
    expect(requiredLiterals('abcd{2,3}xyz')).toEqual(['abc', 'xyz']);
    expect(requiredLiterals('\\x41bcd\\u0041efg\\cJhij\\k<n>klm\\1234nop')).toEqual(['bcd', 'efg', 'hij', 'klm', 'nop']);
    expect(requiredLiterals('(?:optional)?tail[^\\]x)]end')).toEqual(['tail', 'end']);
    expect(requiredLiterals('(?<=\\] )[A-Z]\\w+ed\\b')).toEqual([]);
  });

  it('gives up on a top-level alternation, and on a text without a 3-byte literal', () => {
    expect(requiredLiterals('timeout|failed')).toEqual([]);
    expect(requiredLiterals('(timeout|failed) after')).toEqual([' after']);
    expect(requiredBits('ab', false)).toBeNull();
    expect(requiredBits('énorme', false)).toBeNull();
    expect(requiredBits('a.b.c', true)).toBeNull();
    expect(requiredBits('status', false)).not.toBeNull();
  });
});

/*
 * The property: with the index, a search answers exactly what it answers without it (a block may be read for
 * nothing, never skipped when it holds a match). Real captures (every test case's files and the corpus: CRLF,
 * UTF-8, multi-line records) are indexed in blocks of 128 bytes, so that most texts skip most blocks; the texts
 * are pieces of the captures' own records, case-flipped, sometimes with a character changed (no match).
 */
describe('text filter with the block index over real captures (property)', () => {
  const dirs = readdirSync(join(ROOT, 'test/cases'))
    .map((c) => join(ROOT, 'test/cases', c, 'files'))
    .filter((d) => existsSync(d))
    .concat(join(ROOT, 'test/fixtures/corpus'));
  let plain: RecordStore;
  let indexed: RecordStore;
  let texts: string[];
  beforeAll(async () => {
    ({ records: plain } = await analyzeBundle(dirs));
    ({ records: indexed } = await analyzeBundle(dirs));
    await indexed.indexText(undefined, 128);
    texts = (await plain.materialize(Array.from({ length: plain.count }, (_, i) => i))).map((r) => r.text);
  }, 60_000);

  /** A piece of record `r`'s text from `at` (fractions of its length), its case flipped where `flips` has a bit. */
  const pieceOf = (r: number, at: number, len: number, flips: number, change: number | null) => {
    const t = texts[r % texts.length];
    const start = Math.floor(at * Math.max(0, t.length - 1));
    let s = t.slice(start, start + len).split('\n')[0];
    s = [...s].map((c, i) => ((flips >> i % 31) & 1 ? (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()) : c)).join('');
    if (change !== null && s.length) {
      const i = change % s.length;
      s = s.slice(0, i) + String.fromCharCode(0x21 + ((s.charCodeAt(i) + 7) % 94)) + s.slice(i + 1);
    }
    return s;
  };
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
  /** A regex around a piece: escaped, with one of the constructs the literal reader must get right. */
  const regexOf = (piece: string, kind: number, at: number) => {
    const i = Math.floor(at * piece.length);
    const [a, b] = [escape(piece.slice(0, i)), escape(piece.slice(i))];
    return [
      `${a}.${b.slice(1)}`,
      `${a}\\s*${b}`,
      // an optional letter that is mostly absent: a literal reader that requires it misses the records
      `${a}q?${b}`,
      `${a}q*${b}`,
      `${a}q{0,2}${b}`,
      `(?:${a})?${b}`,
      `${a}|zzqx${b}`,
      `${a}[^\\n]{0,3}${b}`,
      `^.*${a}${b}`,
      `${a}\\w*${b}$`,
      `${a}+${b}`,
      `(?<=${a})${b}`,
    ][kind % 13];
  };

  const same = async (q: Query) => {
    const want = (await plain.select(q)).ids;
    const got = (await indexed.select(q)).ids;
    expect([...got], JSON.stringify(q)).toEqual([...want]);
    return want.length;
  };

  it('has what the test is about: many blocks, records larger than a block, text with no match skips most of them', async () => {
    expect(texts.length).toBeGreaterThan(300);
    expect(texts.some((t) => Buffer.byteLength(t) > 128)).toBe(true);
    expect(texts.some((t) => /[\u0080-\uffff]/.test(t))).toBe(true);
  });

  it('a plain text: the same hits with and without the index, also with a level filter', async () => {
    let found = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 40 }), fc.nat(), fc.option(fc.nat(), { freq: 3 }), fc.constantFrom<LogLevel | null>(null, null, 'info', 'error'), async (r, at, len, flips, change, level) => {
        const text = pieceOf(r, at, len, flips, change);
        if (!text) return;
        found += (await same({ text, ...(level ? { levels: [level] } : {}) })) > 0 ? 1 : 0;
      }),
      { numRuns: 300, seed: 21 },
    );
    // most pieces are found (the property is not only about texts found nowhere)
    expect(found).toBeGreaterThan(80);
  });

  it('a regex: the same hits with and without the index', async () => {
    let found = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 4, max: 30 }), fc.nat(), fc.nat(), fc.double({ min: 0, max: 1, noNaN: true }), async (r, at, len, flips, kind, cut) => {
        const piece = pieceOf(r, at, len, flips, null);
        if (piece.length < 2) return;
        const text = regexOf(piece, kind, cut);
        if ('error' in compileText(text, true)) return;
        found += (await same({ text, regex: true })) > 0 ? 1 : 0;
      }),
      { numRuns: 300, seed: 2112 },
    );
    expect(found).toBeGreaterThan(100);
  });

  it('typing on: a text narrowed from its start finds what a fresh search finds', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 4, max: 30 }), fc.nat(), fc.option(fc.nat(), { freq: 4 }), async (r, at, len, flips, change) => {
        const text = pieceOf(r, at, len, flips, change);
        if (text.length < 4) return;
        // the shorter text first: the longer one then searches only its hits (store.ts `narrows`)
        for (const k of [2, 3, text.length]) await same({ text: text.slice(0, k) });
      }),
      { numRuns: 150, seed: 7 },
    );
  });
});

/** Real agent lines repeated into a log of `mb` MB: one record a line, every 5th with a continuation line. */
function corpusLog(mb: number) {
  const samples = readFileSync(join(ROOT, 'test/fixtures/corpus/waagent/extracted/waagent_log_record_samples.log'), 'utf8').split('\n').filter(Boolean);
  const recs: string[] = [];
  let size = 0;
  for (let i = 0; size < mb * 2 ** 20; i++) {
    const t = i % 5 === 2 ? `${samples[i % samples.length]}\n  ${samples[(i * 7) % samples.length]}\n` : `${samples[i % samples.length]}\n`;
    recs.push(t);
    size += Buffer.byteLength(t);
  }
  return recs;
}

/** A store over one file of these records, counting the bytes the search reads. */
function countingStore(recs: string[]) {
  const bytes = Buffer.from(recs.join(''));
  const content = new BufferContent(bytes);
  let read = 0;
  const counted: FileContent = { size: content.size, chunks: () => content.chunks(), text: (m) => content.text(m), read: (o, l) => ((read += Math.min(l, bytes.length - o)), content.read(o, l)) };
  const store = new RecordStore([{ vmPath: 'var/log/waagent.log', content: counted }]);
  let offset = 0;
  recs.forEach((t, i) => {
    const length = Buffer.byteLength(t);
    store.add(0, { line: i + 1, lineCount: t.split('\n').length - 1, offset, length, timeMs: Date.UTC(2024, 0, 1) + i * 1000, zone: 'utc', level: 'info', source: 'x' });
    offset += length;
  });
  return { store, bytes, bytesRead: () => read, reset: () => (read = 0) };
}

describe('text filter with the block index: what it reads', () => {
  const recs = corpusLog(6);
  const reference = (text: string) => {
    const m = compileText(text, false);
    if ('error' in m) throw new Error(m.error);
    return recs.flatMap((t, i) => (m.test(t.replace(/\n$/, '')) ? [i] : []));
  };

  it('a text found nowhere reads almost nothing; a found one reads its blocks and finds every record', async () => {
    const { store, bytes, bytesRead, reset } = countingStore(recs);
    await store.indexText();
    for (const [text, most] of [
      ['no such text in this log', 0.01],
      ['HTTP Failed', 1],
      ['http failed', 1],
    ] as const) {
      reset();
      expect([...(await store.select({ text })).ids]).toEqual(reference(text));
      expect(bytesRead()).toBeLessThanOrEqual(bytes.length * most);
    }
  });

  it('blocks bigger than a read span (a big bundle) are hashed in pieces: a text across a piece boundary is found', async () => {
    const plain = countingStore(recs).store;
    const { store } = countingStore(recs);
    // 3 MB blocks: each hashed in a 2 MB piece and the rest, with the trigram carried over
    await store.indexText(undefined, 3 << 20);
    const joined = recs.join('');
    let p = 2 << 20;
    // the record that holds byte 2 MB of the file, and a piece of it across that byte
    let start = 0;
    let r = 0;
    while (start + Buffer.byteLength(recs[r]) <= p) start += Buffer.byteLength(recs[r++]);
    p = Math.max(start + 2, p);
    const text = Buffer.from(joined).toString('latin1', p - 2, p + 2);
    expect(text.includes('\n')).toBe(false);
    const want = (await plain.select({ text })).ids;
    expect([...want]).toContain(r);
    expect([...(await store.select({ text })).ids]).toEqual([...want]);
  });

  it('an index built before records were added is not used (nothing is missed)', async () => {
    const { store } = countingStore(recs.slice(0, 1000));
    await store.indexText(undefined, 512);
    const last = Buffer.byteLength(recs.slice(0, 1000).join(''));
    expect(last).toBeGreaterThan(0);
    // a record added later: the old index knows nothing of its bytes
    store.add(0, { line: 1001, lineCount: 1, offset: 0, length: Buffer.byteLength(recs[0]), timeMs: NaN, zone: 'none', level: 'info', source: 'x' });
    const text = recs[0].slice(0, 20);
    expect((await store.select({ text })).ids).toContain(1000);
  });
});
