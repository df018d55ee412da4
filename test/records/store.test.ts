import { describe, expect, it } from 'vitest';
import { RecordStore } from '../../src/main/records/store';
import { BufferContent } from '../../src/main/ingest/content';
import { LEVEL_CODES, levelCode, RecordBatchBuilder, ZONE_CODES, zoneCode, type RecordBatch } from '../../src/main/records/batch';

function storeOf(files: string[]) {
  const contents = files.map((t, i) => ({ vmPath: `f${i}.log`, content: new BufferContent(Buffer.from(t)) }));
  const store = new RecordStore(contents);
  files.forEach((t, f) => {
    let offset = 0;
    t.split('\n').forEach((line, i) => {
      if (line) {
        const m = /^(\S+) (\w+)/.exec(line)!;
        store.add(f, { line: i + 1, lineCount: 1, offset, length: Buffer.byteLength(line), timeMs: m[1] === '-' ? NaN : Date.parse(m[1]), zone: m[1] === '-' ? 'none' : 'utc', level: m[2] as 'info', source: 'test' });
      }
      offset += Buffer.byteLength(line) + 1;
    });
  });
  return store;
}

describe('RecordStore', () => {
  const store = storeOf([
    '2024-01-01T00:00:03Z info third\n2024-01-01T00:00:05Z error fifth\n- info no-time-after-fifth\n',
    '2024-01-01T00:00:01Z warning first\n2024-01-01T00:00:04Z info fourth\n',
  ]);

  it('merges files by time, keeping untimed records after their predecessor', async () => {
    const page = await store.page({ offset: 0, limit: 10 });
    expect(page.records.map((r) => r.text.split(' ').pop())).toEqual(['first', 'third', 'fourth', 'fifth', 'no-time-after-fifth']);
    expect(page.records[0]).toMatchObject({ file: 'f1.log', line: 1, level: 'warning', time: '2024-01-01T00:00:01.000Z' });
  });

  it('filters by level, file, text and regex, and reports bad regexes', async () => {
    expect((await store.page({ offset: 0, limit: 10, levels: ['error'] })).records.map((r) => r.line)).toEqual([2]);
    expect((await store.page({ offset: 0, limit: 10, fileIds: [1] })).total).toBe(2);
    expect((await store.page({ offset: 0, limit: 10, text: 'FOURTH' })).records[0].text).toContain('fourth');
    expect((await store.page({ offset: 0, limit: 10, text: 'f(ir|if)th', regex: true })).total).toBe(2);
    expect((await store.page({ offset: 0, limit: 10, text: '(', regex: true })).error).toMatch(/invalid regular expression/);
  });

  it('bounds an untimed line by the next timed record of its own file, never by another file\'s', () => {
    const s = storeOf(['- info cut\n2024-01-01T00:00:02Z info a\n- info b\n- info c\n2024-01-01T00:00:06Z info d\n- info e\n', '2024-01-01T00:00:01Z info other\n']);
    expect(s.nextTimeAfterLine(0, 1)).toBe(Date.parse('2024-01-01T00:00:02Z'));
    expect(s.nextTimeAfterLine(0, 3)).toBe(Date.parse('2024-01-01T00:00:06Z'));
    expect(s.nextTimeAfterLine(0, 4)).toBe(Date.parse('2024-01-01T00:00:06Z'));
    // nothing timed after it (f1's record is another file's)
    expect(s.nextTimeAfterLine(0, 6)).toBeNaN();
    expect(s.nextTimeAfterLine(1, 1)).toBeNaN();
  });

  it('locates a (file, line) in the filtered view', async () => {
    expect(await store.locate({}, 0, 2)).toBe(3);
    expect(await store.locate({ levels: ['error'] }, 0, 2)).toBe(0);
  });

  it('locates every line like a walk over the whole view, in files whose clock steps back and runs interleave', async () => {
    // three files added a few records at a time (several runs each), with multi-line records, line gaps,
    // untimed records and a clock that steps back
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const lines = [0, 1, 2].map(() => [] as { line: number; lineCount: number; timeMs: number; level: 'info' | 'error'; word: string }[]);
    for (const f of [0, 1, 2]) {
      let line = 1;
      for (let k = 0; k < 60; k++) {
        const lineCount = 1 + rnd(3);
        const timeMs = rnd(10) === 0 ? NaN : Date.parse('2024-01-01T00:00:00Z') + (k - (rnd(8) === 0 ? 20 : 0)) * 60_000 + f * 1000;
        lines[f].push({ line, lineCount, timeMs, level: rnd(4) === 0 ? 'error' : 'info', word: `w${rnd(3)}` });
        line += lineCount + rnd(2);
      }
    }
    const texts = lines.map((rs) => rs.map((r) => `${r.word} ${'x\n'.repeat(r.lineCount)}`).join(''));
    const s = new RecordStore(texts.map((t, i) => ({ vmPath: `f${i}.log`, content: new BufferContent(Buffer.from(t)) })));
    const offsets = lines.map((rs) => { let o = 0; return rs.map((r) => { const at = o; o += r.word.length + 1 + 2 * r.lineCount; return at; }); });
    for (let k = 0; k < 60; k += 4)
      for (const f of [0, 1, 2])
        for (let j = k; j < k + 4; j++) {
          const r = lines[f][j];
          s.add(f, { line: r.line, lineCount: r.lineCount, offset: offsets[f][j], length: r.word.length + 2 * r.lineCount, timeMs: r.timeMs, zone: Number.isFinite(r.timeMs) ? 'utc' : 'none', level: r.level, source: 'test' });
        }
    const queries = [{}, { levels: ['error' as const] }, { text: 'w1' }, { fileIds: [1] }, { text: 'w2', levels: ['info' as const] }];
    for (const q of queries) {
      const { ids } = await s.select(q);
      const view = Array.from(ids, (id) => ({ id, ...(s as unknown as { toRecord(i: number, t: string): { fileId: number; line: number; lineCount: number } }).toRecord(id, '') }));
      for (const f of [0, 1, 2])
        for (let line = 0; line <= lines[f][59].line + 4; line++) {
          const holding = view.findIndex((r) => r.fileId === f && r.line <= line && line < r.line + r.lineCount);
          let nearest = -1;
          view.forEach((r, k) => { if (r.fileId === f && r.line <= line && (nearest < 0 || r.line > view[nearest].line)) nearest = k; });
          const expected = holding >= 0 ? holding : nearest >= 0 ? nearest : null;
          expect(await s.locate(q, f, line), `${JSON.stringify(q)} f${f}:${line}`).toBe(expected);
        }
    }
  });

  it('shifts local times by an inferred offset', async () => {
    const s = storeOf(['2024-01-01T10:00:00Z info x\n']);
    // pretend it was local: mark and shift by +120 min (local is 2 h ahead of UTC)
    (s as unknown as { zone: { set(i: number, v: number): void } }).zone.set(0, 1);
    s.applyOffset(0, 120);
    const [r] = (await s.page({ offset: 0, limit: 1 })).records;
    expect(r.time).toBe('2024-01-01T08:00:00.000Z');
    expect(r.zone).toBe('local-inferred');
  });

  it('shifts only the clock-shifted file, also when files\' records interleave (added one by one and as batches)', async () => {
    const contents = [0, 1, 2].map((i) => ({ vmPath: `f${i}.log`, content: new BufferContent(Buffer.from('x\n'.repeat(10))) }));
    const s = new RecordStore(contents);
    const t0 = Date.parse('2024-01-01T10:00:00Z');
    const rec = (line: number, zone: 'local' | 'utc') => ({ line, lineCount: 1, offset: (line - 1) * 2, length: 1, timeMs: t0 + line * 1000, zone, level: 'info' as const, source: 'test' });
    // file 0: lines 1-2, then file 1, then file 0 again (line 3), then a batch of file 0 (lines 4-5), then file 2
    s.add(0, rec(1, 'local'));
    s.add(0, rec(2, 'local'));
    s.add(1, rec(1, 'local'));
    s.add(0, rec(3, 'utc'));
    const batch: RecordBatch = {
      count: 2,
      line: Uint32Array.from([4, 5]),
      lineCount: Uint32Array.from([1, 1]),
      offset: Float64Array.from([6, 8]),
      length: Uint32Array.from([1, 1]),
      time: Float64Array.from([t0 + 4000, t0 + 5000]),
      zone: Uint8Array.from([1, 1]),
      level: Uint8Array.from([2, 2]),
      source: Uint16Array.from([1, 1]),
      thread: Uint16Array.from([0, 0]),
      ext: Uint16Array.from([0, 0]),
      strings: { sources: ['', 'test'], threads: [''], exts: [''] },
    };
    s.addBatch(0, batch);
    s.add(2, rec(1, 'local'));
    s.add(1, rec(2, 'local'));
    s.applyOffset(0, 60);
    const byFile = async (f: number) => (await s.page({ offset: 0, limit: 10, fileIds: [f] })).records.map((r) => [r.line, r.time, r.zone]);
    expect(await byFile(0)).toEqual([
      [1, '2024-01-01T09:00:01.000Z', 'local-inferred'],
      [2, '2024-01-01T09:00:02.000Z', 'local-inferred'],
      [3, '2024-01-01T10:00:03.000Z', 'utc'],
      [4, '2024-01-01T09:00:04.000Z', 'local-inferred'],
      [5, '2024-01-01T09:00:05.000Z', 'local-inferred'],
    ]);
    expect(await byFile(1)).toEqual([
      [1, '2024-01-01T10:00:01.000Z', 'local'],
      [2, '2024-01-01T10:00:02.000Z', 'local'],
    ]);
    expect(await byFile(2)).toEqual([[1, '2024-01-01T10:00:01.000Z', 'local']]);
    expect(await byFile(3)).toEqual([]);
  });
});

describe('record codes', () => {
  it('codes a level and a zone as their place in LEVEL_CODES and ZONE_CODES', () => {
    LEVEL_CODES.forEach((l, i) => expect(levelCode(l)).toBe(i));
    ZONE_CODES.forEach((z, i) => expect(zoneCode(z)).toBe(i));
  });
});

describe('RecordStore pages (column.ts)', () => {
  it('keeps every record across page boundaries', async () => {
    // 65,536 records a page: 150,001 records span three pages, the last one nearly empty
    const lines: string[] = [];
    for (let i = 0; i < 150_001; i++) lines.push(`2024-01-01T00:00:${String(i % 60).padStart(2, '0')}Z ${i % 7 === 0 ? 'error' : 'info'} r${i}`);
    const s = storeOf([`${lines.join('\n')}\n`]);
    expect(s.count).toBe(150_001);
    for (const i of [0, 65_535, 65_536, 131_071, 131_072, 150_000]) {
      expect(s.lineOf(i)).toBe(i + 1);
      expect(s.levelOf(i)).toBe(i % 7 === 0 ? 'error' : 'info');
    }
    const last = (await s.page({ offset: 149_999, limit: 5, fileIds: [0] })).records;
    expect(last.map((r) => r.text)).toEqual([lines[149_999], lines[150_000]]);
  });

  it('walks its pages: every record once, in id order, with its level and time as levelOf and timeOf read them', () => {
    const lines: string[] = [];
    for (let i = 0; i < 140_000; i++) lines.push(`${i % 11 === 0 ? '-' : `2024-01-01T00:${String((i / 60) % 60 | 0).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z`} ${LEVEL_CODES[i % 4]} r${i}`);
    const s = storeOf([`${lines.join('\n')}\n`]);
    let next = 0;
    s.eachPage(true, (base, m, level, time) => {
      expect(base).toBe(next);
      for (let k = 0; k < m; k++) {
        if (LEVEL_CODES[level[k]] !== s.levelOf(base + k) || !Object.is(time[k], s.timeOf(base + k))) expect.fail(`record ${base + k}`);
      }
      next += m;
    });
    expect(next).toBe(140_000);
    const levels: number[] = [];
    s.eachPage(false, (base, m, level) => levels.push(...level.subarray(0, m)));
    expect(levels.map((c) => LEVEL_CODES[c])).toEqual(lines.map((_, i) => LEVEL_CODES[i % 4]));
  });

  it('says whether a range of records is in time order as a walk over their times says it, also after a clock shift', () => {
    const lines = ['03', '05', '05', '-', '07', '06', '08', '09', '-', '-', '10', '11'].map((t) => `${t === '-' ? '-' : `2024-01-01T00:00:${t}Z`} info x`);
    const s = storeOf([`${lines.join('\n')}\n`, '2024-01-01T00:00:01Z info y\n2024-01-01T00:00:02Z info z\n']);
    const walk = (from: number, to: number) => {
      for (let i = from; i <= to; i++) if (!Number.isFinite(s.timeOf(i)) || (i > from && s.timeOf(i) < s.timeOf(i - 1))) return false;
      return true;
    };
    const check = () => {
      for (let from = 0; from < s.count; from++) for (let to = from; to < s.count; to++) if (s.timesInOrder(from, to) !== walk(from, to)) expect.fail(`${from}..${to}`);
    };
    check();
    expect([s.timesInOrder(0, 2), s.timesInOrder(0, 4), s.timesInOrder(5, 7), s.timesInOrder(10, 11), s.timesInOrder(10, 12), s.timesInOrder(12, 13)]).toEqual([true, false, true, true, false, true]);
    // the second file's records as local times an hour ahead: after the shift they follow the first file's
    s.add(1, { line: 3, lineCount: 1, offset: 0, length: 1, timeMs: Date.parse('2024-01-01T01:00:03Z'), zone: 'local', level: 'info', source: 'test' });
    check();
    s.applyOffset(1, 60);
    check();
  });

  it('appends a batch that starts inside a page and ends in the next one', () => {
    const s = storeOf(['2024-01-01T00:00:00Z info first\n']);
    const b = new RecordBatchBuilder();
    for (let i = 0; i < 70_000; i++) b.add({ line: i + 1, lineCount: 1, offset: i * 10, length: 9, timeMs: i * 1000, zone: 'utc', level: 'warning', source: 'batch' });
    s.addBatch(0, b.finish(), 100, 5000);
    expect(s.count).toBe(70_001);
    expect([s.lineOf(1), s.lineOf(65_536), s.lineOf(70_000)]).toEqual([101, 65_636, 70_100]);
    expect([s.timeOf(65_536), s.levelOf(70_000), s.levelOf(0)]).toEqual([65_535_000, 'warning', 'info']);
  });
});

describe('RecordStore.stage: records kept aside, written a run at a time', () => {
  it('keeps what add keeps, once settled: across files, pages and values that do not fit the narrow columns', async () => {
    const files = [0, 1].map((f) => ({ vmPath: `f${f}.log`, content: new BufferContent(Buffer.alloc(2 << 20, f ? 'b\n' : 'a\n')) }));
    const added = new RecordStore(files);
    const staged = new RecordStore(files);
    const levels = ['verbose', 'info', 'warning', 'error', 'unknown'] as const;
    const zones = ['utc', 'local', 'none'] as const;
    const line = [1, 1];
    for (let i = 0; i < 70_000; i++) {
      // runs of each file, some records long, NaN and fractional times, threads and extensions now and then
      const f = Math.floor(i / 5000) % 2;
      const lineCount = i % 997 === 0 ? 300 : 1 + (i % 3);
      const r = {
        line: line[f],
        lineCount,
        offset: (i * 17) % (1 << 20),
        length: i % 1009 === 0 ? 70_000 : 10 + (i % 50),
        timeMs: i % 101 === 0 ? NaN : 1_700_000_000_000 + i * (i % 13 === 0 ? 1000.5 : 1000),
        zone: zones[i % 3],
        level: levels[i % 5],
        source: i % 4 ? 'ExtHandler' : `[Handler-${i % 7}]`,
        ...(i % 11 === 0 ? { thread: `t${i % 3}` } : {}),
        ...(i % 6 === 0 ? { extension: `Ext${i % 5}` } : {}),
      };
      line[f] += lineCount;
      expect(staged.stage(f, r)).toBe(added.add(f, r));
    }
    staged.settle();
    expect(staged.count).toBe(added.count);
    for (let i = 0; i < added.count; i++) {
      const at = (s: RecordStore) => [s.fileOf(i), s.lineOf(i), s.lineCountOf(i), s.offsetOf(i), s.lengthOf(i), s.timeOf(i), s.zoneOf(i), s.levelOf(i), s.sourceOf(i)];
      expect(at(staged), `record ${i}`).toEqual(at(added));
    }
    for (const fileIds of [[0], [1]]) {
      const page = async (s: RecordStore) => (await s.page({ offset: 0, limit: 40_000, fileIds })).records;
      expect(await page(staged)).toEqual(await page(added));
    }
    expect(staged.facets()).toEqual(added.facets());
  });
});
