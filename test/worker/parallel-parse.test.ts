import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';
import { parseWorkerPath } from '../../src/main/parse/parse-files';
import { SPLITTABLE, splitPoints } from '../../src/main/parse/split';

/** A waagent.log with multi-line records, so a bad split would break a record in two. */
function log(lines: number): string {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    const t = new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString().replace('Z', '123Z');
    out.push(i % 5 === 0 ? `${t} ERROR ExtHandler ExtHandler Error fetching the goal state: timed out\nTraceback (most recent call last):\n  File "x.py", line ${i}` : `${t} INFO ExtHandler ExtHandler [HEARTBEAT] Agent WALinuxAgent-2.9.1.1 is running as the goal state agent`);
  }
  return `${out.join('\n')}\n`;
}

describe('parallel parsing (parse workers, split ranges)', () => {
  it('the built parse worker exists (npm test builds first)', () => {
    expect(parseWorkerPath()).not.toBeNull();
  });

  it('splits only at record starts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vmbd-split-'));
    try {
      const path = join(dir, 'waagent.log');
      const text = log(3000);
      writeFileSync(path, text);
      const points = await splitPoints(path, Buffer.byteLength(text), 4);
      expect(points[0]).toBe(0);
      expect(points.at(-1)).toBe(Buffer.byteLength(text));
      for (const p of points.slice(1, -1)) {
        expect(text[p - 1]).toBe('\n');
        expect(text.slice(p, p + 4)).toMatch(/^20\d\d/);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives the same records, lines and facts as in-thread parsing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vmbd-par-'));
    try {
      const path = join(dir, 'var/log');
      const { mkdirSync } = await import('node:fs');
      mkdirSync(path, { recursive: true });
      writeFileSync(join(path, 'waagent.log'), log(6000));
      const a = await analyzeBundle([dir]);
      const b = await analyzeBundle([dir], { parallel: true, workerKinds: SPLITTABLE, splitMinBytes: 64 * 1024 });
      expect(b.result.stats.records).toBe(a.result.stats.records);
      expect(b.result.stats.facts).toBe(a.result.stats.facts);
      const pa = await a.records.page({ offset: 0, limit: 5000 });
      const pb = await b.records.page({ offset: 0, limit: 5000 });
      expect(pb.records.map((r) => [r.line, r.lineCount, r.time, r.level, r.text])).toEqual(pa.records.map((r) => [r.line, r.lineCount, r.time, r.level, r.text]));

      // a tail-kept (over-cap) file starts past byte 0: ranges and offsets stay relative to the kept tail
      const cap = { maxFileBytes: 400 * 1024 };
      const c = await analyzeBundle([dir], { limits: cap });
      const d = await analyzeBundle([dir], { limits: cap, parallel: true, workerKinds: SPLITTABLE, splitMinBytes: 64 * 1024 });
      expect(c.result.files[0].truncated).toBe(true);
      const pc = await c.records.page({ offset: 0, limit: 5000 });
      const pd = await d.records.page({ offset: 0, limit: 5000 });
      expect(pd.total).toBe(pc.total);
      expect(pd.records.map((r) => [r.line, r.time, r.text])).toEqual(pc.records.map((r) => [r.line, r.time, r.text]));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
