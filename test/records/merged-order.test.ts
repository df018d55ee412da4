// The Logs view's merged order (all files by time) is built by merging each file's ascending runs; it must
// equal the comparator sort it replaced, record for record, on data with everything that makes the order
// subtle: clocks stepping back inside a file, equal times within and across files, records without a time.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/paths';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';
import { RecordStore } from '../../src/main/records/store';
import { BufferContent } from '../../src/main/ingest/content';
import type { RecordBatch } from '../../src/main/records/batch';
// the benchmark's realistic generators: a waagent.log whose 2.2.45 daemon lines are in local time (an hour
// ahead), and an extension.log whose freeze block and binary traces step back in time and carry untimed lines
import { extensionLogGenerator, verboseWaagentLogGenerator, waagentLogGenerator } from '../../bench/generate.mjs';

/** The order as it was computed before (a stable comparator sort of every record), as the reference. */
function sortedOrder(store: RecordStore): number[] {
  const n = store.count;
  const key = new Float64Array(n);
  const lastByFile = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const t = store.timeOf(i);
    const f = store.fileOf(i);
    const last = lastByFile.get(f) ?? -8.64e15;
    // a step back within the same second keeps the file's order (store.ts)
    if (Number.isFinite(t) && !(t < last && Math.floor(t / 1000) === Math.floor(last / 1000))) {
      key[i] = t;
      lastByFile.set(f, t);
    } else key[i] = last;
  }
  const idx = Array.from({ length: n }, (_, i) => i);
  idx.sort((a, b) => key[a] - key[b] || store.fileOf(a) - store.fileOf(b) || store.lineOf(a) - store.lineOf(b));
  return idx;
}

/** Index of the first difference, or -1 (a readable failure instead of two 100,000-element arrays). */
const firstDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  for (let k = 0; k < Math.max(a.length, b.length); k++) if (a[k] !== b[k]) return k;
  return -1;
};

function text(gen: () => string, bytes: number): string {
  let s = '';
  while (s.length < bytes) s += gen();
  return s;
}

describe('merged order of a multi-file bundle', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'vmbd-merge-'));
    const put = (path: string, body: string) => {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), body);
    };
    const start = Date.UTC(2026, 0, 1);
    put('var/log/waagent.log', text(waagentLogGenerator(start), 1_500_000));
    // a second agent log over the same hours (records interleave with the first one's)
    put('var/log/waagent.log.1', text(verboseWaagentLogGenerator(start), 1_000_000));
    // the same extension log twice: every time is equal to one in the other file
    const ext = text(extensionLogGenerator(start), 400_000);
    put('var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log', ext);
    put('var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux.old/extension.log', ext);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('equals the comparator sort, record for record', async () => {
    // and real captures with records without a time (systemctl and syslog lines): before and after timed ones
    const { records } = await analyzeBundle([dir, join(ROOT, 'test/cases/waagent-871-orphan-kworker/files'), join(ROOT, 'test/cases/neg-learn-linux-agent-service-running/files')]);
    const n = records.count;
    // the data has what the test is about
    const files = new Set<number>();
    let untimed = 0;
    let stepsBack = 0;
    let equalAcrossFiles = 0;
    const seen = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const t = records.timeOf(i);
      files.add(records.fileOf(i));
      if (!Number.isFinite(t)) untimed++;
      else {
        if (i > 0 && records.fileOf(i - 1) === records.fileOf(i) && t < records.timeOf(i - 1)) stepsBack++;
        const f = seen.get(t);
        if (f !== undefined && f !== records.fileOf(i)) equalAcrossFiles++;
        seen.set(t, records.fileOf(i));
      }
    }
    expect(files.size).toBeGreaterThanOrEqual(6);
    expect(untimed).toBeGreaterThan(10);
    expect(stepsBack).toBeGreaterThan(10);
    expect(equalAcrossFiles).toBeGreaterThan(100);

    const { ids } = await records.select({});
    expect(ids.length).toBe(n);
    expect(firstDiff(ids, sortedOrder(records))).toBe(-1);
  });
});

describe('merged order of records added out of file order', () => {
  it('equals the comparator sort when files interleave and a file\'s ranges arrive last part first', async () => {
    const contents = [0, 1].map((i) => ({ vmPath: `f${i}.log`, content: new BufferContent(Buffer.from('x\n'.repeat(20))) }));
    const s = new RecordStore(contents);
    const t0 = Date.UTC(2024, 0, 1, 10);
    const rec = (line: number, sec: number) => ({ line, lineCount: 1, offset: (line - 1) * 2, length: 1, timeMs: Number.isNaN(sec) ? NaN : t0 + sec * 1000, zone: Number.isNaN(sec) ? ('none' as const) : ('utc' as const), level: 'info' as const, source: 'test' });
    const batch = (lines: number[], secs: number[]): RecordBatch => ({
      count: lines.length,
      line: Uint32Array.from(lines),
      lineCount: new Uint32Array(lines.length).fill(1),
      offset: Float64Array.from(lines.map((l) => (l - 1) * 2)),
      length: new Uint32Array(lines.length).fill(1),
      time: Float64Array.from(secs.map((x) => (Number.isNaN(x) ? NaN : t0 + x * 1000))),
      zone: new Uint8Array(lines.length).fill(1),
      level: new Uint8Array(lines.length).fill(2),
      source: new Uint16Array(lines.length).fill(1),
      thread: new Uint16Array(lines.length),
      ext: new Uint16Array(lines.length),
      strings: { sources: ['', 'test'], threads: [''], exts: [''] },
    });
    // file 0's second range (lines 6-9) is added before its first (lines 1-5), the first starting at the
    // time the second ends; file 1 comes in between, with times equal to file 0's and an untimed head
    s.addBatch(0, batch([6, 7, 8, 9], [5, 5, NaN, 3]));
    s.add(1, rec(1, NaN));
    s.add(1, rec(2, 2));
    s.add(1, rec(3, 5));
    s.addBatch(0, batch([1, 2, 3, 4, 5], [3, 4, 4, NaN, 6]));
    s.add(1, rec(4, 5));
    const { ids } = await s.select({});
    expect([...ids]).toEqual(sortedOrder(s));
    // and what that order is: by time, then file, then line; untimed with the time before them in id order
    expect([...ids].map((i) => `${s.fileOf(i)}:${s.lineOf(i)}`)).toEqual(['1:1', '1:2', '0:1', '0:9', '0:2', '0:3', '0:4', '0:6', '0:7', '0:8', '1:3', '1:4', '0:5']);
  });
});

describe('file order within a second', () => {
  it('a record a little earlier in the same second as the one before it in its file stays after it; a step over a second is a real step back', async () => {
    // waagent.log mixes the daemon's whole-second local times (converted) with ExtHandler's milliseconds: in
    // the sample, line 67 (08:00:04, written later) would otherwise sort before line 27 (08:00:04.100)
    const contents = [0, 1].map((i) => ({ vmPath: `f${i}.log`, content: new BufferContent(Buffer.from('x\n'.repeat(20))) }));
    const s = new RecordStore(contents);
    const t0 = Date.UTC(2026, 10, 15, 8);
    const add = (file: number, line: number, ms: number) => s.add(file, { line, lineCount: 1, offset: (line - 1) * 2, length: 1, timeMs: t0 + ms, zone: 'utc', level: 'info', source: 'test' });
    add(0, 1, 4100);
    add(0, 2, 4000); // whole second, written after line 1
    add(0, 3, 5000);
    add(0, 4, 3900); // a second earlier than line 3: the clock stepped back
    add(1, 1, 4050);
    const { ids } = await s.select({});
    expect([...ids]).toEqual(sortedOrder(s));
    expect([...ids].map((i) => `${s.fileOf(i)}:${s.lineOf(i)}`)).toEqual(['0:4', '1:1', '0:1', '0:2', '0:3']);
  });
});
