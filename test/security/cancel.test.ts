/**
 * Issue 20 point 3: a parse that runs too long is abandoned with a warning, and Cancel terminates the
 * analysis worker, so later opens never queue behind a running regular expression. The workers here are
 * stand-ins that spin forever (test/security/fixtures/hang-worker.mjs), as a catastrophic regex does: a
 * cancel message is never read by them.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BundleFile } from '../../src/shared';
import { ParsePool } from '../../src/main/parse/pool';
import { WorkerAnalysisService } from '../../src/main/worker/worker-service';
import { within } from './hostile';

const HANG = join(__dirname, 'fixtures', 'hang-worker.mjs');
const file = (vmPath: string): BundleFile => ({ id: 0, vmPath, kind: 'waagent-log', size: 100_000, truncated: false, origin: 'x', input: 0, warnings: [] });
const big = () => ({ type: 'buffer' as const, data: new Uint8Array(100_000) });

describe('a parse cannot hold the analysis hostage', () => {
  it('Cancel during an open terminates the worker; the open ends as canceled and the next call is answered by a fresh worker', async () => {
    const svc = new WorkerAnalysisService(HANG);
    try {
      const open = svc.open(['bundle.zip'], {});
      await new Promise((r) => setTimeout(r, 300));
      svc.cancel();
      const r = await within(3_000, 'the canceled open', open);
      expect(r).toMatchObject({ ok: false, canceled: true });
      // not queued behind the spinning worker
      await expect(within(3_000, 'a query after cancel', svc.queryLogs({ offset: 0, limit: 10 } as never))).resolves.toMatchObject({ total: 0 });
    } finally {
      await svc.dispose();
    }
  }, 15_000);

  it('a worker parse past its budget is abandoned with a warning; the pool goes on with a fresh worker', async () => {
    // the stuck file (100 kB) gets 400 ms; the next one a budget a loaded CI machine cannot miss
    const pool = new ParsePool(HANG, 1, (bytes) => (bytes >= 100_000 ? 400 : 30_000));
    try {
      const stuck = await within(5_000, 'the stuck parse', pool.run(file('var/log/hang/waagent.log'), big()));
      expect(stuck.facts).toEqual([]);
      expect(stuck.warnings.map((w) => w.message).join()).toMatch(/var\/log\/hang\/waagent\.log: parsing took longer than 0 s and was abandoned/);
      const next = await within(20_000, 'the next parse', pool.run(file('var/log/waagent.log'), { type: 'buffer' as const, data: new Uint8Array(1_000) }));
      expect(next.lines).toBe(1);
    } finally {
      await pool.close();
    }
  }, 30_000);
});
