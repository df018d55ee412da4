import { open } from 'node:fs/promises';
import type { BundleFile, FileKind } from '../../shared';
import { BufferContent } from '../ingest/content';
import type { Parser } from './types';
import { newHead, readHead } from './waagent/records';

/** Kinds whose records never depend on lines before the previous record start (safe to split): the formats' `split`. */
export { SPLITTABLE } from '../../shared/formats';

const head = newHead();
/**
 * Per kind, a line its parser always reads as a record's head, whatever came before it (cutPoints' `isStart`): a range
 * cut there starts in the state the whole file's parse is in at that line. The agent's own format: `readHead`.
 */
export const RECORD_START: ReadonlyMap<FileKind, (buf: Buffer, start: number, end: number) => boolean> = new Map([
  ['waagent-log', (buf: Buffer, start: number, end: number) => readHead(buf, start, end, head)],
]);

/** Files above this size are split into ranges parsed in parallel. */
export const SPLIT_MIN_BYTES = 48 * 1024 * 1024;

/** `2024-01-14T…` or `2024/01/14 …` at a line start: a record can begin there. */
function looksLikeRecordStart(b: Buffer, i: number): boolean {
  if (i + 20 > b.length) return false;
  const d = (k: number) => b[i + k] >= 0x30 && b[i + k] <= 0x39;
  return d(0) && d(1) && d(2) && d(3) && (b[i + 4] === 0x2d || b[i + 4] === 0x2f) && d(5) && d(6) && (b[i + 7] === 0x2d || b[i + 7] === 0x2f);
}

/**
 * Byte offsets that cut a log into `parts` ranges, each starting at a line that starts a record,
 * so no record spans two ranges. The content is `size` bytes of `path` from byte `base` (a
 * tail-kept file starts past 0). Returns offsets relative to `base`: [0, …, size].
 */
export async function splitPoints(path: string, size: number, parts: number, base = 0): Promise<number[]> {
  return cutPoints(path, size, Array.from({ length: parts - 1 }, (_, k) => Math.floor((size * (k + 1)) / parts)), base);
}

/**
 * `splitPoints` at the first record start at or after each of `targets` (ascending, relative to `base`); `isStart`
 * tells a line (`buf[start, end)`, without its line end) that starts a record (default: a date at its start).
 */
export async function cutPoints(path: string, size: number, targets: readonly number[], base = 0, isStart?: (buf: Buffer, start: number, end: number) => boolean): Promise<number[]> {
  const points = [0];
  const fh = await open(path, 'r');
  try {
    const probe = Buffer.alloc(1 << 20);
    for (const target of targets) {
      if (target <= points[points.length - 1] || target >= size) continue;
      const { bytesRead } = await fh.read(probe, 0, Math.min(probe.length, size - target), base + target);
      let cut = -1;
      for (let i = probe.indexOf(0x0a, 0); i !== -1 && i + 1 < bytesRead; i = probe.indexOf(0x0a, i + 1)) {
        if (!looksLikeRecordStart(probe, i + 1)) continue;
        if (isStart) {
          let end = probe.indexOf(0x0a, i + 1);
          if (end === -1 || end > bytesRead) end = bytesRead;
          if (end > i + 1 && probe[end - 1] === 0x0d) end--;
          if (!isStart(probe, i + 1, end)) continue;
        }
        cut = target + i + 1;
        break;
      }
      if (cut > 0 && cut > points[points.length - 1]) points.push(cut);
    }
  } finally {
    await fh.close();
  }
  points.push(size);
  return points;
}

/** What the parser made of the sample of a log at a cut (`sampleAt`): its bytes, records and facts. */
export interface CutSample {
  bytes: number;
  records: number;
  facts: number;
}

/** Bytes of a log parsed at a cut to measure its records (`sampleAt`). */
const SAMPLE_BYTES = 1 << 20;

/**
 * Parses the whole lines of SAMPLE_BYTES of the content from `at` (relative to `base`) with the file's own parser and
 * counts its records and facts: what a record of this log costs to parse (`rangePlan`) depends on what its records say,
 * which only the parser can tell (a verbose agent's poll lines yield nothing, a broken agent's a fact or two each).
 */
export async function sampleAt(path: string, size: number, at: number, base: number, parser: Parser, file: BundleFile): Promise<CutSample> {
  const fh = await open(path, 'r');
  let bytes: Buffer;
  try {
    const probe = Buffer.alloc(Math.max(0, Math.min(SAMPLE_BYTES, size - at)));
    const { bytesRead } = await fh.read(probe, 0, probe.length, base + at);
    // (from the line after the one `at` falls in, to the end of the last whole line)
    const from = at === 0 ? 0 : probe.indexOf(0x0a) + 1;
    const to = probe.lastIndexOf(0x0a, bytesRead - 1) + 1;
    bytes = from > 0 && to > from ? probe.subarray(from, to) : Buffer.alloc(0);
  } finally {
    await fh.close();
  }
  const sample: CutSample = { bytes: bytes.length, records: 0, facts: 0 };
  if (!bytes.length) return sample;
  const fact = () => void sample.facts++;
  await parser(
    { file, content: new BufferContent(bytes) },
    { record: () => void sample.records++, fact, recordFact: fact, rowLayout: () => 0, recordRow: () => (fact(), true), warn: () => undefined },
  );
  return sample;
}

/**
 * A worker's parse of a record, and of a fact, cold (its range is the first thing it parses): ~0.9 µs and 1.6–1.9 µs
 * (session 26's profiles). This thread's, straight into the stores, is about the same: the bench's 500 MB INFO-heavy and
 * broken-agent logs split at 0.6 gave 3.35 and 4.66 s of this thread's CPU for its part against 2.12 and 3.05 s of the
 * worker's thread for the rest, start included (one run each at load 18–24, session 27): per record a little more
 * here (the record store), per fact the same.
 */
export const RECORD_US = 0.9;
export const FACT_US = 1.8;
/** A worker's start before it parses: its thread and isolate, the parser's modules loaded (~0.3 s of CPU at load 14). */
export const WORKER_START_MS = 300;
/**
 * This thread's merge of the worker's records and facts (RecordStore.addBatch, FactStore.addBatch), as a share of what
 * parsing them costs: 0.10–0.16 in session 29's profiles (INFO-heavy 500 MB: 0.61 s merging 1.40 M records and 0.73 M
 * facts against 6.05 s parsing 1.59 M and 0.84 M; broken agent 500 MB: ~2.0 s against 14.2 s, at load 10).
 */
export const MERGE_SHARE = 0.12;
/** This thread's share of a split log, at most (and where its sample is taken, `sampleAt`). */
export const HEAD_SHARE_MAX = 0.6;

/**
 * This thread's share of a log split in two, from the sample at the cut (`sampleAt`): where this thread has parsed its
 * part and merged the worker's when the worker ends its part, after its start, each part costing about as much in
 * either thread (RECORD_US, FACT_US): h·T + (1 − h)·T·MERGE_SHARE = S + (1 − h)·T. This thread merges each chunk the
 * worker sends as it comes once its own part is parsed (parse-files.ts), so ending its part early costs nothing up to
 * the merge, and ending it late delays the whole. A big log's is about half (the bench's 500 MB INFO-heavy and
 * broken-agent logs: ~0.50 and ~0.49); a log of ~150 MB ~0.55–0.57, a smaller one HEAD_SHARE_MAX.
 */
export function headShare(size: number, sample: CutSample): number {
  const wholeMs = sample.bytes > 0 ? (((sample.records * RECORD_US + sample.facts * FACT_US) / sample.bytes) * size) / 1000 : 0;
  return wholeMs > 0 ? Math.min(HEAD_SHARE_MAX, (WORKER_START_MS + (1 - MERGE_SHARE) * wholeMs) / ((2 - MERGE_SHARE) * wholeMs)) : HEAD_SHARE_MAX;
}

/**
 * A split pays where the worker's range would take this thread at least this long: a worker first starts its
 * isolate, loads and warms up the parser (~0.3 s of CPU), and this thread then merges its columns. On the 150 MB
 * logs, split against one thread (same minutes, a loaded machine): verbose (a range of ~0.45 s) 1.19, 1.10 against
 * 1.10, 1.05 s with 65 % more CPU; INFO-heavy (~0.85 s) 2.80, 1.65 against 2.13, 2.04 s; broken agent (~1.1 s)
 * 1.99, 1.90 against 3.08, 2.45 s. At 50 MB (ranges of 0.15–0.45 s) it lost on all three.
 */
export const RANGE_MIN_MS = 600;
/**
 * A log estimated to hold more records than this stays in this thread: a worker costs ~16–35 MB of resident memory (its
 * thread's malloc arena, V8's and Node's structures), and the stores of that many records would leave no room for it
 * under the 300 MB peak of a 500 MB log. The INFO-heavy 500 MB log (2.99 M records, 1.57 M facts) split: 238–241 MB
 * against 221–226 MB in one thread, wall −17 % (docs/PERFORMANCE.md, session 26; session 20's stores took 279 MB).
 */
export const RANGE_MAX_RECORDS = 3_400_000;
/**
 * A range pays a worker by its facts, not by its records alone: a log whose sample holds fewer facts a record than this
 * stays in this thread. The verbose 500 MB log (0.005 a record; 1.27 M records and 5,700 facts in its range) split gave
 * the same wall time as one thread for +0.9 s of CPU and +20 MB (session 26).
 */
export const RANGE_MIN_FACTS_PER_RECORD = 0.05;

/** Whether to parse a log's range from `head` to its end (of `size` bytes) in a worker, and the estimates it was decided on. */
export interface RangePlan {
  split: boolean;
  /** Records in the whole log. */
  records: number;
  /** This thread's parse of the range, ms. */
  rangeMs: number;
}

/** The one split decision, from the sample at the cut (`sampleAt`): the range is worth a worker, by its facts, and the log's records leave room for one. */
export function rangePlan(size: number, head: number, sample: CutSample, minMs = RANGE_MIN_MS): RangePlan {
  if (sample.bytes <= 0) return { split: false, records: 0, rangeMs: 0 };
  const records = (sample.records / sample.bytes) * size;
  const rangeMs = (((sample.records * RECORD_US + sample.facts * FACT_US) / sample.bytes) * (size - head)) / 1000;
  const split = records <= RANGE_MAX_RECORDS && rangeMs >= minMs && sample.facts >= sample.records * RANGE_MIN_FACTS_PER_RECORD;
  return { split, records, rangeMs };
}
