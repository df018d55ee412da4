import { describe, expect, it } from 'vitest';
import { RecordStore } from '../../src/main/records/store';
import { BufferContent } from '../../src/main/ingest/content';

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

  it('locates a (file, line) in the filtered view', async () => {
    expect(await store.locate({}, 0, 2)).toBe(3);
    expect(await store.locate({ levels: ['error'] }, 0, 2)).toBe(0);
  });

  it('shifts local times by an inferred offset', async () => {
    const s = storeOf(['2024-01-01T10:00:00Z info x\n']);
    // pretend it was local: mark and shift by +120 min (local is 2 h ahead of UTC)
    (s as unknown as { zone: Uint8Array }).zone[0] = 1;
    s.applyOffset(0, 120);
    const [r] = (await s.page({ offset: 0, limit: 1 })).records;
    expect(r.time).toBe('2024-01-01T08:00:00.000Z');
    expect(r.zone).toBe('local-inferred');
  });
});
