// KeptSpans notes a row's evidence by its record, which is staged (RecordStore.stage) while its file is parsed: the
// record's place is read once the records are settled, also when a log's rows outrun the pending list mid-parse.
import { describe, expect, it } from 'vitest';
import { BufferContent } from '../../src/main/ingest/content';
import { KeptSpans } from '../../src/main/parse/kept-spans';
import { RecordStore } from '../../src/main/records/store';
import type { FactDraft } from '../../src/main/records/fact-store';

const LINES = 90_000;
const lines = Array.from({ length: LINES }, (_, i) => `2026-01-01T10:00:00.000000Z INFO ExtHandler line ${i} of the agent\n`);
const bytes = Buffer.from(lines.join(''));
const offsets: number[] = [];
for (let i = 0, o = 0; i < LINES; o += Buffer.byteLength(lines[i]), i++) offsets.push(o);

describe('KeptSpans with staged records', () => {
  it("keeps each row's evidence line (over 65,536 rows: noted mid-parse) and lets the rest go", async () => {
    let made = 0;
    const content = new BufferContent(Buffer.from(bytes), async () => {
      made++;
      return Buffer.from(bytes);
    });
    // a first file before it, so record ids are not file offsets' line numbers
    const other = new BufferContent(Buffer.from('x\n'));
    const records = new RecordStore([
      { vmPath: 'other.log', content: other },
      { vmPath: 'var/log/waagent.log', content },
    ]);
    records.stage(0, { line: 1, lineCount: 1, offset: 0, length: 2, timeMs: NaN, zone: 'none', level: 'info', source: 'x' });
    records.settle();
    const kept = new KeptSpans([other, content], records);
    const rows: number[] = [];
    const sink = kept.wrap({ push: () => undefined, pushAtRecord: (_d: FactDraft, record: number) => void rows.push(record) });
    const before = records.count;
    // a row at three of every four lines: 67,500 rows, 10 bytes each (under half the file); the 65,536th is line 87,380,
    // whose record and the few thousand before it are still staged when the pending rows are noted
    for (let i = 0; i < LINES; i++) {
      const r = records.stage(1, { line: i + 1, lineCount: 1, offset: offsets[i], length: Buffer.byteLength(lines[i]), timeMs: Date.UTC(2026, 0, 1, 10), zone: 'utc', level: 'info', source: 'ExtHandler' });
      if (i % 4 !== 3) sink.pushAtRecord!({ kind: 'agent-heartbeat' } as unknown as FactDraft, r, 10);
    }
    expect(rows.length).toBeGreaterThan(1 << 16);
    records.settle();
    kept.release(1, before);
    expect(content.releasable).toBe(false);
    for (const i of [0, 1, 2, 40_000, 65_536, 70_001, 87_000, 87_380, LINES - 2]) {
      expect((await content.read(offsets[i], 10)).equals(bytes.subarray(offsets[i], offsets[i] + 10))).toBe(true);
    }
    expect(made).toBe(0);
    // a line with no row was let go: reading it makes the file again
    expect((await content.read(offsets[70_003], 10)).equals(bytes.subarray(offsets[70_003], offsets[70_003] + 10))).toBe(true);
    expect(made).toBe(1);
  });
});
