import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';
import { parseWorkerPath } from '../../src/main/parse/parse-files';
import { ParseProgress } from '../../src/main/parse/progress';
import { SPLITTABLE } from '../../src/main/parse/split';
import type { ProgressEvent } from '../../src/shared';
import { ROOT } from '../helpers/paths';

describe('parse progress accounting', () => {
  it('is bytes parsed ÷ bytes to parse, throttled, never past a file, settled when a file is done', () => {
    let clock = 0;
    const events: ProgressEvent[] = [];
    let records = 0;
    const m = new ParseProgress(1000, (p) => events.push(p), () => records, 100, () => clock);
    m.add(0, 600, 100, 'a.log');
    expect(events.at(-1)).toMatchObject({ phase: 'parsing', fraction: 0.1, bytes: 100, totalBytes: 1000, records: 0, file: 'a.log' });
    // within the throttle window: counted, not sent
    clock = 50;
    records = 7;
    m.add(0, 600, 200, 'a.log');
    expect(events).toHaveLength(1);
    expect(m.bytesDone).toBe(300);
    clock = 200;
    // a file never counts past its size (a parser may read a chunk twice)
    m.add(0, 600, 900, 'a.log');
    expect(events.at(-1)).toMatchObject({ fraction: 0.6, bytes: 600, records: 7 });
    // what a parser did not read through chunks() is settled at the end of the file, and that is always sent
    clock = 210;
    m.add(1, 400, 100, 'b.log');
    m.fileDone(1, 400, 'b.log', 2);
    expect(events.at(-1)).toMatchObject({ fraction: 1, bytes: 1000, files: 2, message: 'Parsed b.log' });
    const fractions = events.map((e) => e.fraction!);
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
  });
});

/**
 * One big log moves the bar while it is parsed, in this thread and in parse workers: the issue was a bar
 * that sat at 100 % "Reading the bundle…" for 6 s. The log is the corpus' real agent lines, repeated to 6 MB.
 */
describe('progress while a big log is parsed', () => {
  let dir: string;
  beforeAll(() => {
    const lines = readFileSync(join(ROOT, 'test/fixtures/corpus/waagent/extracted/waagent_log_record_samples.log'), 'utf8');
    dir = mkdtempSync(join(tmpdir(), 'vmbd-progress-'));
    mkdirSync(join(dir, 'var/log'), { recursive: true });
    writeFileSync(join(dir, 'var/log/waagent.log'), lines.repeat(Math.ceil((6 << 20) / lines.length)));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const parsing = (events: ProgressEvent[]) => events.filter((e) => e.phase === 'parsing');

  const check = (events: ProgressEvent[], records: number) => {
    const p = parsing(events);
    // fractions of the one file before it was done: the bar moved during the parse
    expect(p.filter((e) => e.fraction! > 0 && e.fraction! < 1).length).toBeGreaterThanOrEqual(2);
    const fractions = p.map((e) => e.fraction!);
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
    expect(p.at(-1)).toMatchObject({ fraction: 1, bytes: p.at(-1)!.totalBytes });
    expect(p.at(-1)!.totalBytes).toBeGreaterThan(6 << 20);
    expect(p.at(-1)!.records).toBe(records);
    // reading comes first, analysing after the parse, with the records
    expect(events[0].phase).toBe('reading');
    const a = events.findIndex((e) => e.phase === 'analysing');
    expect(a).toBeGreaterThan(events.lastIndexOf(p.at(-1)!));
    expect(events[a].records).toBe(records);
  };

  it('in this thread', async () => {
    const events: ProgressEvent[] = [];
    // a parse of 6 MB may take less than the 100 ms throttle: every 1 MB chunk is reported here
    const s = await analyzeBundle([dir], { onProgress: (e) => events.push(e), progressEveryMs: 0 });
    expect(s.result.stats.records).toBeGreaterThan(20_000);
    check(events, s.result.stats.records);
  });

  it.runIf(parseWorkerPath() !== null)('in parse workers, a split log reports each range as it goes', async () => {
    const events: ProgressEvent[] = [];
    const s = await analyzeBundle([dir], { onProgress: (e) => events.push(e), parallel: true, workerKinds: SPLITTABLE, splitMinBytes: 512 * 1024 });
    check(events, s.result.stats.records);
  });
});
