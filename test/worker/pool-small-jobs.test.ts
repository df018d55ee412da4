import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BundleFile } from '../../src/shared';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';
import { IN_THREAD_MAX_BYTES, ParsePool } from '../../src/main/parse/pool';

/** A handler's CommandExecution.log as the agent writes it: timestamped lines, a failed enable with its output. */
function commandLog(handler: number, lines: number): string {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    const t = `2026-01-01T${String(10 + (i % 12)).padStart(2, '0')}:00:${String(i % 60).padStart(2, '0')}.${String(100 + i).slice(-3)}Z`;
    out.push(
      i % 7 === 3
        ? `${t} ERROR ExtHandler [Microsoft.Test.Handler${handler}-1.0.${i}] Command failed with exit code 1\n[stdout]\nenable step ${i} failed\n[stderr]\nNo space left on device`
        : `${t} INFO ExtHandler [Microsoft.Test.Handler${handler}-1.0.${i}] Executing command: handler.sh enable (seq ${i})`,
    );
  }
  return `${out.join('\n')}\n`;
}

const file = (id: number, size: number): BundleFile => ({ id, vmPath: `var/log/azure/Microsoft.Test.Handler${id}/CommandExecution.log`, kind: 'command-execution-log', size, truncated: false, origin: 'test', input: 0, warnings: [] });

describe('parse pool: small jobs run in this thread', () => {
  it('parses a small job here (no worker needed) and sends a big one to a worker', async () => {
    // a worker path that does not exist: any job that reaches a worker fails
    const pool = new ParsePool(join(tmpdir(), 'no-such-parse-worker.js'), 1);
    try {
      const small = Buffer.from(commandLog(1, 40));
      expect(small.length).toBeLessThanOrEqual(IN_THREAD_MAX_BYTES);
      const results = await Promise.all([0, 1, 2].map((k) => pool.run(file(k, small.length), { type: 'buffer', data: small })));
      for (const r of results) {
        expect(r.batch.count).toBe(40);
        expect(r.lines).toBeGreaterThanOrEqual(40);
      }
      expect(results.map((r) => r.id)).toEqual([1, 2, 3]);
      const big = Buffer.from(commandLog(2, 2000));
      expect(big.length).toBeGreaterThan(IN_THREAD_MAX_BYTES);
      await expect(pool.run(file(9, big.length), { type: 'buffer', data: big })).rejects.toThrow();
    } finally {
      await pool.close();
    }
  });

  it('a tree of small and big CommandExecution logs gives the same records, facts and warnings with the pool as without', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vmbd-small-jobs-'));
    try {
      for (let h = 0; h < 30; h++) {
        const d = join(dir, 'var/log/azure', `Microsoft.Test.Handler${h}`);
        mkdirSync(d, { recursive: true });
        // every tenth handler's log is big enough for a worker; the others are a few KB
        writeFileSync(join(d, 'CommandExecution.log'), commandLog(h, h % 10 === 0 ? 1500 : 20 + h));
      }
      const a = await analyzeBundle([dir]);
      const b = await analyzeBundle([dir], { parallel: true });
      expect(b.result.stats.records).toBe(a.result.stats.records);
      expect(b.result.stats.facts).toBe(a.result.stats.facts);
      expect(b.result.warnings).toEqual(a.result.warnings);
      expect(b.result.findings).toEqual(a.result.findings);
      const pa = await a.records.page({ offset: 0, limit: 5000 });
      const pb = await b.records.page({ offset: 0, limit: 5000 });
      expect(pb.total).toBe(pa.total);
      expect(pb.records.map((r) => [r.file, r.line, r.lineCount, r.time, r.level, r.text])).toEqual(pa.records.map((r) => [r.file, r.line, r.lineCount, r.time, r.level, r.text]));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
