import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BundleFile } from '../../src/shared';
import { parseWaagentLog } from '../../src/main/parse/waagent';
import { FACT_US, HEAD_SHARE_MAX, headShare, MERGE_SHARE, RANGE_MAX_RECORDS, RANGE_MIN_FACTS_PER_RECORD, RANGE_MIN_MS, RECORD_US, rangePlan, sampleAt, WORKER_START_MS, type CutSample } from '../../src/main/parse/split';

const MB = 1024 * 1024;
const HEAD = 0.6;

/** A sample of `bytes` with `perRecord` bytes a record and `factsPerRecord` facts each (the bench mixes' shapes). */
const sample = (perRecord: number, factsPerRecord: number, bytes = MB): CutSample => ({ bytes, records: Math.round(bytes / perRecord), facts: Math.round((bytes / perRecord) * factsPerRecord) });
const plan = (mb: number, s: CutSample, minMs?: number) => rangePlan(mb * MB, Math.floor(mb * MB * HEAD), s, minMs);

// the bench's three mixes (bench/generate.mjs): bytes a record and facts a record, as their 150 MB logs have them
const verbose = sample(165, 0.0074);
const infoHeavy = sample(175, 0.525);
const broken = sample(228, 1.21);

describe('rangePlan: whether a big log is split, from the sample at the cut', () => {
  it('keeps the verbose logs in one thread: their records cost too little for a worker to pay', () => {
    for (const mb of [50, 150]) expect(plan(mb, verbose).split).toBe(false);
  });

  it('splits the heavy logs once their range is worth a worker, not below', () => {
    expect(plan(50, infoHeavy).split).toBe(false);
    expect(plan(50, broken).split).toBe(false);
    expect(plan(150, infoHeavy).split).toBe(true);
    expect(plan(150, broken).split).toBe(true);
    expect(plan(500, broken).split).toBe(true);
  });

  it('keeps a log of more records than the memory allows for a worker in one thread, however heavy', () => {
    // the INFO-heavy 500 MB log holds ~3 M records: room for a worker since the stores shrank (session 26)
    expect(plan(500, infoHeavy).records).toBeLessThan(RANGE_MAX_RECORDS);
    expect(plan(500, infoHeavy).split).toBe(true);
    const dense = sample(140, 0.525);
    expect(plan(500, dense).records).toBeGreaterThan(RANGE_MAX_RECORDS);
    expect(plan(500, dense).split).toBe(false);
    expect(plan(500, sample(500, 2)).split).toBe(true);
  });

  it('keeps a log with almost no facts in one thread, however many records its range holds', () => {
    expect(plan(500, verbose).rangeMs).toBeGreaterThan(RANGE_MIN_MS);
    expect(plan(500, verbose).split).toBe(false);
    const few = (perRecord: number) => plan(500, sample(220, perRecord));
    expect(few(RANGE_MIN_FACTS_PER_RECORD * 0.9).split).toBe(false);
    expect(few(RANGE_MIN_FACTS_PER_RECORD * 1.1).split).toBe(true);
  });

  it('estimates the range from the per-record cost: records and facts of the sample, scaled to the range', () => {
    const p = plan(100, { bytes: MB, records: 1000, facts: 500 });
    expect(p.records).toBeCloseTo(100_000);
    expect(p.rangeMs).toBeCloseTo((40 * (1000 * RECORD_US + 500 * FACT_US)) / 1000);
    // twice the facts a record: a costlier range, the same records
    const heavier = plan(100, { bytes: MB, records: 1000, facts: 1000 });
    expect(heavier.rangeMs).toBeGreaterThan(p.rangeMs);
    expect(heavier.records).toBeCloseTo(p.records);
  });

  it('decides at the threshold, and nothing without a sample', () => {
    // (a fact every ten records: above the facts' floor, the estimate decides)
    const at = (ms: number) => {
      const records = Math.round((ms * 1000) / 40 / (RECORD_US + FACT_US / 10));
      return plan(100, { bytes: MB, records, facts: records / 10 });
    };
    expect(at(RANGE_MIN_MS * 1.01).split).toBe(true);
    expect(at(RANGE_MIN_MS * 0.99).split).toBe(false);
    expect(plan(100, { bytes: MB, records: 10, facts: 1 }, 0).split).toBe(true);
    expect(plan(100, { bytes: 0, records: 0, facts: 0 }).split).toBe(false);
  });
});

describe('headShare: this thread\'s part of a split log, where its part and the merge end with the worker\'s part', () => {
  it('gives a big log about half, a smaller one more (the worker starts first), never past the maximum', () => {
    for (const s of [infoHeavy, broken]) {
      expect(headShare(500 * MB, s)).toBeGreaterThan(0.48);
      expect(headShare(500 * MB, s)).toBeLessThan(0.51);
      expect(headShare(150 * MB, s)).toBeGreaterThan(headShare(500 * MB, s));
      expect(headShare(150 * MB, s)).toBeLessThanOrEqual(HEAD_SHARE_MAX);
      expect(headShare(5 * MB, s)).toBe(HEAD_SHARE_MAX);
    }
    expect(headShare(500 * MB, { bytes: 0, records: 0, facts: 0 })).toBe(HEAD_SHARE_MAX);
  });

  it('has this thread parse its part and merge the worker\'s by the time the worker ends the rest, after its start', () => {
    const s = sample(200, 1);
    const wholeMs = (((s.records * RECORD_US + s.facts * FACT_US) / s.bytes) * 800 * MB) / 1000;
    const h = headShare(800 * MB, s);
    expect(h * wholeMs + (1 - h) * wholeMs * MERGE_SHARE).toBeCloseTo(WORKER_START_MS + (1 - h) * wholeMs);
    expect(h).toBeLessThan(0.5 + WORKER_START_MS / (2 * wholeMs));
  });
});

describe('sampleAt: the parser counts the records and facts of the whole lines at a cut', () => {
  it('counts what the waagent.log parser gives for them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vmbd-sample-'));
    try {
      const lines: string[] = [];
      for (let i = 0; i < 400; i++) {
        const t = `2026-01-01T00:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.000001Z`;
        lines.push(
          i % 2 === 0
            ? `${t} INFO ExtHandler ExtHandler [HEARTBEAT] Agent WALinuxAgent-2.9.1.1 is running as the goal state agent [DEBUG HeartbeatCounter: ${i};HeartbeatId: 1f2e3d4c-5b6a-4798-8a9b-0c1d2e3f4a5b;DroppedPackets: 0;UpdateGSErrors: 0;AutoUpdate: 1]`
            : `${t} VERBOSE ExtHandler ExtHandler [HTTP Response] Status Code 200`,
        );
      }
      const text = `${lines.join('\n')}\n`;
      const path = join(dir, 'waagent.log');
      writeFileSync(path, text);
      const file = { id: 0, kind: 'waagent-log', vmPath: 'var/log/waagent.log', size: text.length, warnings: [] } as unknown as BundleFile;
      // from the middle of line 100: lines 101–400, whole
      const at = text.indexOf('\n', lines.slice(0, 100).join('\n').length - 20) - 5;
      const s = await sampleAt(path, text.length, at, 0, parseWaagentLog, file);
      expect(s.records).toBe(300);
      expect(s.facts).toBe(150);
      expect(s.bytes).toBe(Buffer.byteLength(`${lines.slice(100).join('\n')}\n`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
