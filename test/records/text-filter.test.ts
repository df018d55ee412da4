import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BufferContent, DiskFileContent, type FileContent } from '../../src/main/ingest/content';
import { narrows, RecordStore } from '../../src/main/records/store';
import { compileText, MAX_TEXT, spanReader } from '../../src/main/records/text-filter';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';
import type { LogLevel } from '../../src/shared';
import { ROOT } from '../helpers/paths';

// Real agent lines (the corpus' record samples) and a real non-ASCII line (systemctl's status bullet, as a
// case's terminal output shows it), repeated into a log of several MB: more than one read span (2 MB)
// and hundreds of decoded chunks (120 KB), so matches fall on every kind of boundary.
const samples = readFileSync(join(ROOT, 'test/fixtures/corpus/waagent/extracted/waagent_log_record_samples.log'), 'utf8').split('\n').filter(Boolean);
const bullet = readFileSync(join(ROOT, 'test/cases/waagent-804-service-failed-exit-code/files/terminal-output.txt'), 'utf8')
  .split('\n')
  .find((l) => l.includes('●'))!;

const LEVELS: LogLevel[] = ['info', 'warning', 'error', 'verbose'];

/** A store over one file of `n` records; every 7th record has continuation lines, every 50th is the bullet line (`bullets`). */
function bigStore(n: number, bullets = true, onDisk = false) {
  const parts: string[] = [];
  const recs: { offset: number; length: number; lines: number }[] = [];
  let offset = 0;
  for (let i = 0; i < n; i++) {
    const lines = [bullets && i % 50 === 49 ? bullet : samples[i % samples.length]];
    if (i % 7 === 3) lines.push(samples[(i * 13) % samples.length], `  ${samples[(i * 29) % samples.length]}`);
    const text = `${lines.join('\n')}${i % 11 === 5 ? '\r\n' : '\n'}`;
    parts.push(text);
    const length = Buffer.byteLength(text);
    recs.push({ offset, length, lines: lines.length });
    offset += length;
  }
  const bytes = Buffer.from(parts.join(''));
  let content: FileContent = new BufferContent(bytes);
  if (onDisk) {
    const path = join(mkdtempSync(join(tmpdir(), 'vmbd-filter-')), 'waagent.log');
    writeFileSync(path, bytes);
    content = new DiskFileContent(path, bytes.length);
  }
  const store = new RecordStore([{ vmPath: 'var/log/waagent.log', content }]);
  let line = 1;
  recs.forEach((r, i) => {
    store.add(0, { line, lineCount: r.lines, offset: r.offset, length: r.length, timeMs: Date.UTC(2024, 0, 1) + i * 1000, zone: 'utc', level: LEVELS[i % 4], source: i % 3 ? 'ExtHandler' : 'Daemon' });
    line += r.lines;
  });
  return { store, bytes, recs, texts: parts.map((p) => p.replace(/\r?\n$/, '')) };
}

/** The records (indexes of `texts`) a text matches, record by record: the reference of the search. */
function hitsOf(texts: readonly string[], text: string, regex = false): number[] {
  const m = compileText(text, regex);
  if ('error' in m) throw new Error(m.error);
  return texts.flatMap((t, i) => (m.test(t) ? [i] : []));
}

// All-ASCII spans are searched as one string each; a span with a multi-byte character, record by record.
for (const bullets of [true, false])
describe(`text filter over the file bytes${bullets ? ', some records with multi-byte characters' : ', ASCII only'}`, () => {
  const { store, bytes, texts } = bigStore(40_000, bullets);

  /** The filter as the record-by-record reference: the record's text, case-insensitive. */
  const reference = (text: string, regex: boolean, level?: LogLevel) => {
    const m = compileText(text, regex);
    if ('error' in m) throw new Error(m.error);
    const out: number[] = [];
    texts.forEach((t, i) => {
      if ((!level || LEVELS[i % 4] === level) && m.test(t)) out.push(i);
    });
    return out;
  };

  it('spans several read spans and chunks (the test means something)', () => {
    expect(bytes.length).toBeGreaterThan(5 * 2 ** 20);
  });

  for (const [text, regex] of [
    ['HTTP Failed', false],
    ['http failed', false],
    ['walinuxagent.service', false],
    ['● WALINUXAGENT', false],
    ['no such text in any record', false],
    ['extension', false],
    ['Status Code \\d+', true],
    ['^\\s+File ', true],
    ['timed out.*$', true],
    ['exthandler\\s+\\[', true],
    ['\\bagent\\b', true],
    ['Agent.*service', true],
    ['(?<=IOError )\\(', true],
    // a lookbehind that sees the line break before a record in the file, not in the record's own text
    ['(?<=\\n)20\\d\\d-', true],
    ['x*', true],
  ] as const) {
    it(`finds exactly the records a record-by-record test finds: ${regex ? `/${text}/` : `"${text}"`}`, async () => {
      const want = reference(text, regex);
      const { ids, error } = await store.select({ text, ...(regex ? { regex: true } : {}) });
      expect(error).toBeUndefined();
      expect([...ids]).toEqual(want);
      // with another filter the candidates are sparse: the spans skip the records between them
      const warn = await store.select({ text, levels: ['warning'], ...(regex ? { regex: true } : {}) });
      expect([...warn.ids]).toEqual(reference(text, regex, 'warning'));
    });
  }

  if (bullets) it('matches a plain text in a record with multi-byte characters, in any case', async () => {
    const { ids } = await store.select({ text: '● walinuxagent' });
    expect(ids.length).toBe(40_000 / 50);
    expect(texts[ids[0]]).toContain('●');
  });

  if (bullets) it('a regex reads characters, not bytes, where the text has multi-byte ones', async () => {
    // `.` is one character: "●" is three bytes in UTF-8
    const { ids } = await store.select({ text: '^.\\swalinuxagent', regex: true });
    expect(ids.length).toBe(40_000 / 50);
  });

  it('an invalid regex is reported, not answered with no records', async () => {
    const r = await store.select({ text: 'snapshot(', regex: true });
    expect(r.ids.length).toBe(0);
    expect(r.error).toMatch(/^invalid regular expression: .*unterminated group/i);
  });
});

describe('text filter over a file on disk', () => {
  it('finds what it finds in memory, reading spans through one handle', async () => {
    const mem = bigStore(30_000, true).store;
    const disk = bigStore(30_000, true, true).store;
    for (const q of [{ text: 'http failed' }, { text: '● walinuxagent' }, { text: 'Status Code \\d+', regex: true }, { text: 'timed out', levels: ['warning' as const] }]) {
      const want = [...(await mem.select(q)).ids];
      expect(want.length).toBeGreaterThan(0);
      expect([...(await disk.select(q)).ids]).toEqual(want);
    }
  });
});

describe('text filter over many candidates, or candidates out of file order', () => {
  it('finds across blocks of 65,536 candidates what it finds record by record', async () => {
    const { store, texts } = bigStore(70_000, false, true);
    const m = compileText('Status Code \\d+', true);
    if ('error' in m) throw new Error(m.error);
    const want = texts.flatMap((t, i) => (m.test(t) ? [i] : []));
    expect(want.at(-1)).toBeGreaterThan(65_536);
    expect([...(await store.select({ text: 'Status Code \\d+', regex: true })).ids]).toEqual(want);
  });

  it('a file whose records were added out of offset order is searched in offset order', async () => {
    const { bytes, recs, texts } = bigStore(3_000, true);
    const store = new RecordStore([{ vmPath: 'var/log/waagent.log', content: new BufferContent(bytes) }]);
    // the same records, added last half first (as parse ranges of one file may arrive)
    const add = (r: (typeof recs)[number], i: number) => store.add(0, { line: i + 1, lineCount: r.lines, offset: r.offset, length: r.length, timeMs: Date.UTC(2024, 0, 1) + i * 1000, zone: 'utc', level: 'info', source: 'x' });
    recs.slice(1_500).forEach((r, k) => add(r, k + 1_500));
    recs.slice(0, 1_500).forEach((r, k) => add(r, k));
    const m = compileText('http failed', false);
    if ('error' in m) throw new Error(m.error);
    const want = texts.flatMap((t, i) => (m.test(t) ? [i] : []));
    expect(want.length).toBeGreaterThan(10);
    // ids are in add order; the answer is in time order, i.e. by the record's index
    const got = [...(await store.select({ text: 'http failed' })).ids].map((id) => (id >= 1_500 ? id - 1_500 : id + 1_500));
    expect(got).toEqual(want);
  });
});

describe('narrowing while typing', () => {
  it('narrows only a plain text to a longer one that contains it, with the same other filters', () => {
    expect(narrows({ text: 'snap' }, { text: 'snapshot' })).toBe(true);
    expect(narrows({ text: 'SNAP' }, { text: 'VMSnapshot' })).toBe(true);
    expect(narrows({ text: 'snap', levels: ['error'], fileIds: [2] }, { text: 'snapshot', levels: ['error'], fileIds: [2] })).toBe(true);
    // broader, or another text: all records again
    expect(narrows({ text: 'snapshot' }, { text: 'snap' })).toBe(false);
    expect(narrows({ text: 'snap' }, { text: 'sn ap' })).toBe(false);
    // a regex either side (its hits are no subset of a text's)
    expect(narrows({ text: 'snap' }, { text: 'snap.*', regex: true })).toBe(false);
    expect(narrows({ text: 'snap', regex: true }, { text: 'snapshot' })).toBe(false);
    expect(narrows({ text: 'snap', regex: true }, { text: 'snapshot', regex: true })).toBe(false);
    // other filters changed
    expect(narrows({ text: 'snap', levels: ['error'] }, { text: 'snapshot' })).toBe(false);
    expect(narrows({ text: 'snap' }, { text: 'snapshot', from: '2024-01-01T00:00:00Z', to: '2024-01-01T00:10:00Z' })).toBe(false);
    // a case fold outside ASCII may change a text's length
    expect(narrows({ text: '●' }, { text: '● walinuxagent' })).toBe(false);
  });

  /**
   * A store over content that counts the bytes read: 40,000 real records without "http", and every 2,000th
   * one of the records with "HTTP Failed" (the hits of "http" are far apart: a narrower search reads little).
   */
  function countingStore() {
    const http = samples.filter((l) => /http failed/i.test(l));
    const other = samples.filter((l) => !/http/i.test(l));
    const texts = Array.from({ length: 40_000 }, (_, i) => (i % 2_000 === 1_000 ? http[(i / 2_000) % http.length | 0] : other[i % other.length]));
    const bytes = Buffer.from(texts.map((t) => `${t}\n`).join(''));
    const content = new BufferContent(bytes);
    let read = 0;
    const counted: FileContent = { size: content.size, chunks: () => content.chunks(), text: (m) => content.text(m), read: (o, l) => ((read += Math.min(l, bytes.length - o)), content.read(o, l)) };
    const store = new RecordStore([{ vmPath: 'var/log/waagent.log', content: counted }]);
    let offset = 0;
    texts.forEach((t, i) => {
      const length = Buffer.byteLength(t) + 1;
      store.add(0, { line: i + 1, lineCount: 1, offset, length, timeMs: Date.UTC(2024, 0, 1) + i * 1000, zone: 'utc', level: LEVELS[i % 4], source: 'x' });
      offset += length;
    });
    const reference = (text: string, regex = false, level?: LogLevel) => {
      const m = compileText(text, regex);
      if ('error' in m) throw new Error(m.error);
      return texts.flatMap((t, i) => ((!level || LEVELS[i % 4] === level) && m.test(t) ? [i] : []));
    };
    return { store, bytes, reference, bytesRead: () => read, reset: () => (read = 0) };
  }

  it('a longer text reads only the hits of the shorter one, and finds what a full search finds', async () => {
    const { store, bytes, reference, bytesRead, reset } = countingStore();
    expect([...(await store.select({ text: 'http' })).ids]).toEqual(reference('http'));
    expect(bytesRead()).toBeGreaterThanOrEqual(bytes.length);
    for (const text of ['HTTP Failed', 'http failed] get']) {
      reset();
      const want = reference(text);
      expect(want.length).toBeGreaterThan(5);
      expect([...(await store.select({ text })).ids]).toEqual(want);
      expect(bytesRead()).toBeLessThan(bytes.length / 10);
    }
  });

  it('the pages of a query and its count share one search', async () => {
    const { store, bytes, reference, bytesRead } = countingStore();
    const want = reference('http');
    const [a, b, n] = await Promise.all([store.page({ text: 'http', offset: 0, limit: 5 }), store.page({ text: 'http', offset: 5, limit: 5 }), store.page({ text: 'http', offset: 0, limit: 0 })]);
    expect([...a.records, ...b.records].map((r) => r.id)).toEqual(want.slice(0, 10));
    expect(n.total).toBe(want.length);
    // the file once, and the spans that hold the records of two pages (their hits are ~400 KB apart)
    expect(bytesRead()).toBeLessThan(bytes.length * 1.6);
  });

  it('a broader text, a regex or other filters after a narrower one search everything again', async () => {
    const { store, bytes, reference, bytesRead, reset } = countingStore();
    await store.select({ text: 'http failed' });
    for (const [q, want] of [
      [{ text: 'htt' }, reference('htt')],
      [{ text: 'http failed\\] get', regex: true }, reference('http failed\\] get', true)],
      [{ text: 'http failed] get', levels: ['info'] }, reference('http failed] get', false, 'info')],
    ] as const) {
      reset();
      const { ids } = await store.select(q as { text: string });
      expect([...ids]).toEqual(want);
      expect(want.length).toBeGreaterThan(5);
      // (with a level the records around the last candidate need not be read)
      expect(bytesRead()).toBeGreaterThanOrEqual(bytes.length * 0.9);
    }
  });
});

describe('first page while the search goes on', () => {
  it('answers a page once its records are found, with the count so far; the count waits for the end', async () => {
    const { store, texts } = bigStore(140_000, false);
    const want = hitsOf(texts, 'exthandler');
    const first = await store.page({ text: 'exthandler', offset: 0, limit: 200 });
    expect(first.counting).toBe(true);
    expect(first.total).toBeGreaterThanOrEqual(200);
    expect(first.total).toBeLessThan(want.length);
    expect(first.records.map((r) => r.id)).toEqual(want.slice(0, 200));
    const count = await store.page({ text: 'exthandler', offset: 0, limit: 0 });
    expect(count.counting).toBeUndefined();
    expect(count.total).toBe(want.length);
    // a page past the hits found so far waits for them
    const last = await store.page({ text: 'exthandler', offset: want.length - 5, limit: 200 });
    expect(last.records.map((r) => r.id)).toEqual(want.slice(-5));
  });

  it('a longer text typed while the shorter one is still counting finds every record, not only those found so far', async () => {
    const { store, texts } = bigStore(140_000, false);
    const want = hitsOf(texts, 'exthandler');
    const first = await store.page({ text: 'exthandl', offset: 0, limit: 200 });
    // the shorter text's search goes on: its hits so far are no set to narrow from
    expect(first.counting).toBe(true);
    expect([...(await store.select({ text: 'exthandler' })).ids]).toEqual(want);
  });
});

describe('typing on, the first page', () => {
  it('a text typed on from a finished one answers its first page from the first of the shorter one\'s hits', async () => {
    const { store, texts } = bigStore(140_000, false);
    const want = hitsOf(texts, 'exthandler');
    await store.select({ text: 'exthandl' });
    const first = await store.page({ text: 'exthandler', offset: 0, limit: 200 });
    expect(first.counting).toBe(true);
    expect(first.records.map((r) => r.id)).toEqual(want.slice(0, 200));
    expect((await store.page({ text: 'exthandler', offset: 0, limit: 0 })).total).toBe(want.length);
  });
});

describe('find (F3) by position', () => {
  // the records' times follow their ids: a record's place in the unfiltered view is its id
  it('goes to the next or previous hit from the cursor as soon as it is found, the count so far with it', async () => {
    const { store, texts } = bigStore(140_000, false);
    const want = hitsOf(texts, 'exthandler');
    expect(want.length).toBeGreaterThan(1000);
    const next = await store.find({ query: {}, text: 'exthandler', from: want[10], dir: 1 });
    expect(next).toMatchObject({ index: want[11], hit: 11, counting: true });
    expect(next.record?.id).toBe(want[11]);
    expect(next.total).toBeLessThan(want.length);
    // from a record between hits, and backwards
    const k = want.findIndex((i, j) => want[j + 1] > i + 1);
    expect(await store.find({ query: {}, text: 'exthandler', from: want[k] + 1, dir: 1 })).toMatchObject({ index: want[k + 1], hit: k + 1 });
    expect(await store.find({ query: {}, text: 'exthandler', from: want[k] + 1, dir: -1 })).toMatchObject({ index: want[k], hit: k });
    expect(await store.find({ query: {}, text: 'exthandler', from: want[10], dir: -1 })).toMatchObject({ index: want[9], hit: 9 });
    // no cursor: the first hit, or the last (which waits for the whole search)
    expect(await store.find({ query: {}, text: 'exthandler', from: null, dir: 1 })).toMatchObject({ index: want[0], hit: 0 });
    const last = await store.find({ query: {}, text: 'exthandler', from: null, dir: -1 });
    expect(last).toMatchObject({ index: want.at(-1), hit: want.length - 1, total: want.length });
    expect(last.counting).toBeUndefined();
    expect(last.wrapped).toBeUndefined();
  });

  it('goes round past either end and says so', async () => {
    const { store, texts } = bigStore(20_000, false);
    const want = hitsOf(texts, 'exthandler');
    expect(await store.find({ query: {}, text: 'exthandler', from: want.at(-1)!, dir: 1 })).toMatchObject({ index: want[0], hit: 0, total: want.length, wrapped: true });
    expect(await store.find({ query: {}, text: 'exthandler', from: want[0], dir: -1 })).toMatchObject({ index: want.at(-1), hit: want.length - 1, wrapped: true });
    // the cursor on the only hit (a view of one record): round to itself
    const t = new Date(Date.UTC(2024, 0, 1) + 12_345 * 1000).toISOString();
    const text = texts[12_345].slice(0, 12);
    expect(await store.find({ query: { from: t, to: t }, text, from: 0, dir: 1 })).toMatchObject({ index: 0, hit: 0, total: 1, wrapped: true });
  });

  it('within the view: its filters, its text, and no match or an invalid regex said', async () => {
    const { store, texts } = bigStore(20_000, false);
    // a level: positions in the filtered view
    const errors = texts.flatMap((_, i) => (LEVELS[i % 4] === 'error' ? [i] : []));
    const hits = errors.filter((i) => /exthandler/i.test(texts[i]));
    const at = (i: number) => errors.indexOf(i);
    expect(await store.find({ query: { levels: ['error'] }, text: 'exthandler', from: at(hits[3]), dir: 1 })).toMatchObject({ index: at(hits[4]), hit: 4 });
    // a text of the view's own: only hits the view holds, not numbered (the find's count would be over more records)
    const view = hitsOf(texts, 'exthandler');
    const both = view.filter((i) => /info/i.test(texts[i]));
    expect(both.length).toBeGreaterThan(5);
    expect(both.length).toBeLessThan(view.length);
    const r = await store.find({ query: { text: 'exthandler' }, text: 'INFO', from: view.indexOf(both[2]), dir: 1 });
    expect(r).toMatchObject({ index: view.indexOf(both[3]), hit: null, total: null });
    expect(r.record?.id).toBe(both[3]);
    expect(await store.find({ query: {}, text: 'zzqx not in any record', from: 5, dir: 1 })).toMatchObject({ index: null, total: 0 });
    const bad = await store.find({ query: {}, text: 'freeze(', regex: true, from: null, dir: 1 });
    expect(bad.index).toBeNull();
    expect(bad.error).toMatch(/invalid regular expression/);
  });
});

describe('query answers', () => {
  it('keeps recent answers and shares a running one', async () => {
    const { store } = bigStore(2_000);
    const a = store.select({ text: 'HTTP' });
    expect(store.select({ text: 'HTTP' })).toBe(a);
    const first = await a;
    await store.select({ text: 'Agent' });
    await store.select({ text: 'Agent', levels: ['error'] });
    // the view's query and find's alternate (F3): both still known
    expect(await store.select({ text: 'HTTP' })).toBe(first);
  });

  it('a scan that two newer ones overtook is given up (typing), the newer ones answer', async () => {
    const { store } = bigStore(60_000);
    const old = store.select({ text: 'h' });
    const mid = store.select({ text: 'ht' });
    const now = store.select({ text: 'htt' });
    await expect(old).rejects.toThrow(/superseded/);
    expect((await mid).ids.length).toBeGreaterThan(0);
    expect((await now).ids.length).toBeGreaterThan(0);
    // asked again, the given-up query runs again
    expect((await store.select({ text: 'h' })).ids.length).toBeGreaterThanOrEqual((await mid).ids.length);
  });

  it('a find text typed while the list counts gives up the older find, not the list\'s count', async () => {
    const { store } = bigStore(60_000);
    // the list's query: its first page comes while its hits are still counted
    const page = await store.page({ text: 'h', offset: 0, limit: 10 });
    expect(page.counting).toBe(true);
    const count = store.page({ text: 'h', offset: 0, limit: 0 });
    // F3 with "ht", then "htt" typed: three scans run, and the one given up is the older find
    const older = store.find({ query: { text: 'h' }, text: 'ht', from: null, dir: -1 });
    const newer = store.find({ query: { text: 'h' }, text: 'htt', from: null, dir: -1 });
    await expect(older).rejects.toThrow(/superseded/);
    const total = await count;
    expect(total.error).toBeUndefined();
    expect(total.total).toBe((await store.select({ text: 'h' })).ids.length);
    expect((await newer).index).not.toBeNull();
  });

  it('adding records forgets the answers', async () => {
    const { store } = bigStore(100);
    const before = (await store.select({})).ids.length;
    store.add(0, { line: 1, lineCount: 1, offset: 0, length: 10, timeMs: NaN, zone: 'none', level: 'info', source: 'x' });
    expect((await store.select({})).ids.length).toBe(before + 1);
  });
});

describe('text filter over real captures (every test case\'s files)', () => {
  // each file is searched as one range of its bytes (a query with only a text) or candidate by candidate
  // (with a level): both must give the record-by-record answer, on real text with CRLF, UTF-8 and continuation lines
  const dirs = readdirSync(join(ROOT, 'test/cases'))
    .map((c) => join(ROOT, 'test/cases', c, 'files'))
    .filter((d) => existsSync(d))
    .concat(join(ROOT, 'test/fixtures/corpus'));
  let store: RecordStore;
  let texts: string[];
  beforeAll(async () => {
    ({ records: store } = await analyzeBundle(dirs));
    const all = Array.from({ length: store.count }, (_, i) => i);
    texts = (await store.materialize(all)).map((r) => r.text);
  });

  it('has what the test is about', () => {
    expect(store.count).toBeGreaterThan(300);
    expect(new Set(Array.from({ length: store.count }, (_, i) => store.fileOf(i))).size).toBeGreaterThan(20);
    expect(texts.some((t) => t.includes('\n'))).toBe(true);
    expect(texts.some((t) => /[\u0080-\uffff]/.test(t))).toBe(true);
  });

  for (const [text, regex] of [
    ['walinuxagent', false],
    ['WALinuxAgent', false],
    ['WALINUXAGENT', false],
    ['● walinuxagent.service', false],
    ['exit code', false],
    ['no such text in any capture', false],
    ['^\\s*Active: ', true],
    ['failed\\.?$', true],
    ['\\bexit[- ]?code\\W+\\d+', true],
    ['^\\d{4}-\\d\\d-\\d\\dT', true],
    ['[^\\x00-\\x7f]', true],
    ['(?<=\\] )[A-Z]\\w+ed\\b', true],
    // lookarounds that see past a record's ends in the file, not in its own text
    ['(?<!\\n)20\\d\\d-', true],
    ['\\w(?![\\s\\S])', true],
  ] as const) {
    it(`finds what a record-by-record test finds: ${regex ? `/${text}/` : `"${text}"`}`, async () => {
      const m = compileText(text, regex);
      if ('error' in m) throw new Error(m.error);
      const { ids: order } = await store.select({});
      const want = (level?: LogLevel) => [...order].filter((i) => (!level || store.levelOf(i) === level) && m.test(texts[i]));
      const q = { text, ...(regex ? { regex: true } : {}) };
      const got = [...(await store.select(q)).ids];
      expect(got).toEqual(want());
      if (text !== 'no such text in any capture') expect(got.length).toBeGreaterThan(0);
      for (const level of ['info', 'error'] as const) expect([...(await store.select({ ...q, levels: [level] })).ids]).toEqual(want(level));
    });
  }
});

describe('text filter over records longer than a chunk, a span or the searched text', () => {
  // one record is searched in one string however long it is; only its first MAX_TEXT bytes are searched
  it('finds a text anywhere in a record\'s first MAX_TEXT bytes, in the middle of a long run of records', async () => {
    const needle = samples.find((l) => /HTTP Failed/.test(l))!;
    const other = samples.filter((l) => !/http failed/i.test(l));
    const long = (bytes: number, at: number[]) => {
      // a real first line and real lines as its continuation, with the needle's line at each byte position in `at`
      const lines = [other[0]];
      let size = other[0].length + 1;
      let k = 0;
      for (const pos of [...at, bytes]) {
        for (let l = `  ${other[k % other.length]}`; size + l.length + 1 <= pos; l = `  ${other[++k % other.length]}`) {
          lines.push(l);
          size += l.length + 1;
        }
        // (the last line before it cut short, so that the needle's line starts at `pos`)
        if (pos - size >= 3) lines.push(`  ${other[k++ % other.length]}`.slice(0, pos - size - 1));
        size = Math.max(size, pos);
        if (pos !== bytes) {
          lines.push(`  ${needle}`);
          size += needle.length + 3;
        }
      }
      return lines.join('\n');
    };
    const texts: string[] = [];
    for (let i = 0; i < 30_000; i++) texts.push(other[i % other.length]);
    // longer than a chunk (120 KB) with the text near its end; longer than MAX_TEXT with the text only past it,
    // and across it; several records of a span (2 MB) long, so that spans end at different places
    texts[200] = long(200_000, [190_000]);
    texts[400] = long(400_000, [300_000]);
    // ("http failed" from 5 bytes before the cut)
    texts[600] = long(300_000, [MAX_TEXT - 2 - needle.toLowerCase().indexOf('http failed') - 5]);
    texts[800] = long(250_000, [10_000, 240_000]);
    for (let i = 1_000; i < 1_020; i++) texts[i] = long(150_000 + i * 7, [i * 100, 149_000]);
    texts[20_000] = `${needle}\r`;
    const bytes = Buffer.from(texts.map((t) => `${t}\n`).join(''));
    const store = new RecordStore([{ vmPath: 'var/log/waagent.log', content: new BufferContent(bytes) }]);
    let offset = 0;
    texts.forEach((t, i) => {
      const length = Buffer.byteLength(t) + 1;
      store.add(0, { line: i + 1, lineCount: t.split('\n').length, offset, length, timeMs: Date.UTC(2024, 0, 1) + i * 1000, zone: 'utc', level: LEVELS[i % 4], source: 'x' });
      offset += length;
    });
    const m = compileText('http failed', false);
    if ('error' in m) throw new Error(m.error);
    // the searched text: the first MAX_TEXT bytes (these texts are ASCII), without the final line break
    const want = texts.flatMap((t, i) => (m.test(`${t}\n`.slice(0, MAX_TEXT).replace(/\r?\n$/, '')) ? [i] : []));
    expect(want).toContain(200);
    expect(want).not.toContain(400);
    expect(want).not.toContain(600);
    expect(want).toContain(1_019);
    expect([...(await store.select({ text: 'http failed' })).ids]).toEqual(want);
    expect([...(await store.select({ text: 'HTTP FAILED', levels: ['info', 'warning'] })).ids]).toEqual(want.filter((i) => i % 4 < 2));
    const re = compileText('failed\\].*$', true);
    if ('error' in re) throw new Error(re.error);
    const wantRe = texts.flatMap((t, i) => (re.test(`${t}\n`.slice(0, MAX_TEXT).replace(/\r?\n$/, '')) ? [i] : []));
    expect(wantRe.length).toBeGreaterThan(20);
    expect([...(await store.select({ text: 'failed\\].*$', regex: true })).ids]).toEqual(wantRe);
  });
});

describe('text filter over a file whose clock steps (the view\'s order is not the file\'s)', () => {
  /**
   * 60,000 real records, every 300th stamped an hour later (a command's output in local time, as the bench's
   * verbose log has it): in the view's order each search step holds long stretches of consecutive records and
   * a few from elsewhere in the file. Counts the bytes read.
   */
  function steppedStore() {
    const texts = Array.from({ length: 60_000 }, (_, i) => samples[(i * 7) % samples.length]);
    const bytes = Buffer.from(texts.map((t) => `${t}\n`).join(''));
    const content = new BufferContent(bytes);
    let read = 0;
    const counted: FileContent = { size: content.size, chunks: () => content.chunks(), text: (m) => content.text(m), read: (o, l) => ((read += Math.min(l, bytes.length - o)), content.read(o, l)) };
    const store = new RecordStore([{ vmPath: 'var/log/waagent.log', content: counted }]);
    let offset = 0;
    texts.forEach((t, i) => {
      const length = Buffer.byteLength(t) + 1;
      store.add(0, { line: i + 1, lineCount: 1, offset, length, timeMs: Date.UTC(2024, 0, 1) + i * 1000 + (i % 300 === 299 ? 3_600_000 : 0), zone: 'utc', level: LEVELS[i % 4], source: 'x' });
      offset += length;
    });
    return { store, bytes, texts, bytesRead: () => read, reset: () => (read = 0) };
  }

  it('finds what a record-by-record test finds, in the view\'s order, reading the file about once', async () => {
    for (const indexed of [false, true]) {
      const { store, bytes, texts, bytesRead, reset } = steppedStore();
      if (indexed) await store.indexText(undefined, 4096);
      const { ids: order } = await store.select({});
      expect([...order.slice(0, 300)]).not.toEqual(Array.from({ length: 300 }, (_, i) => i));
      for (const [text, regex] of [
        ['exthandler', false],
        ['HTTP Failed', false],
        ['no such text in this log', false],
        ['status code \\d+', true],
      ] as const) {
        const m = compileText(text, regex);
        if ('error' in m) throw new Error(m.error);
        reset();
        const got = [...(await store.select({ text, ...(regex ? { regex: true } : {}) })).ids];
        expect(got, text).toEqual([...order].filter((i) => m.test(texts[i])));
        expect(bytesRead(), text).toBeLessThan(bytes.length * 1.1);
        if (text !== 'no such text in this log') expect(got.length).toBeGreaterThan(50);
      }
    }
  });

  it('a common text\'s first page is answered from the search\'s first few thousand records', async () => {
    const { store, texts } = steppedStore();
    const { ids: order } = await store.select({});
    const m = compileText('exthandler', false);
    if ('error' in m) throw new Error(m.error);
    const want = [...order].filter((i) => m.test(texts[i]));
    expect(want.length).toBeGreaterThan(20_000);
    const first = await store.page({ text: 'exthandler', offset: 0, limit: 200 });
    expect(first.counting).toBe(true);
    expect(first.records.map((r) => r.id)).toEqual(want.slice(0, 200));
    // the hits of the first step (4,096 records) when the page was answered, not of the first 65,536
    expect(first.total).toBeGreaterThanOrEqual(200);
    expect(first.total).toBeLessThan(4_096);
  });
});

describe('spanReader', () => {
  it('keeps one buffer while its spans grow a little at a time, and reads the bytes asked for', async () => {
    const bytes = Buffer.from(samples.join('\n').repeat(20));
    expect(bytes.length).toBeGreaterThan(40_000);
    const path = join(mkdtempSync(join(tmpdir(), 'vmbd-span-')), 'waagent.log');
    writeFileSync(path, bytes);
    const scratch = { buf: Buffer.allocUnsafe(0) };
    const reader = spanReader(new DiskFileContent(path, bytes.length), scratch);
    const buffers = new Set<Buffer>();
    try {
      for (let len = 20_000; len < 20_400; len += 40) {
        const at = len / 4;
        expect((await reader.read(at, len)).equals(bytes.subarray(at, at + len))).toBe(true);
        buffers.add(scratch.buf);
      }
    } finally {
      reader.close();
    }
    expect(buffers.size).toBe(1);
  });
});
