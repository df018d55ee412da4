/**
 * Issue 21 point 11: bundles open side by side as tabs. Each tab is an analysis session of its own;
 * the log calls answer for the active one, "add to this VM" re-analyses the union of the inputs, a
 * closed tab releases its session, and a canceled open leaves the open tabs alone.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InProcessAnalysisService } from '../../src/main/worker/in-process';
import { SessionSet } from '../../src/main/worker/sessions';
import { WorkerAnalysisService } from '../../src/main/worker/worker-service';
import { ROOT } from '../helpers/paths';
import { within } from '../security/hostile';

const CASE = (name: string) => join(ROOT, 'test', 'cases', name, 'files');
// Two real Windows cases: a VSS freeze that timed out (failed) and a backup that completed (code 1).
const FAILED = CASE('win-learn-vss-hold-writes-timeout-iops');
const HEALTHY = CASE('win-neg-tsg-vmsnapshot-snapshot-complete');
const HANG = join(ROOT, 'test', 'security', 'fixtures', 'hang-worker.mjs');

const firstFile = async (s: SessionSet) => (await s.queryLogs({ offset: 0, limit: 1 })).records[0]?.file;

describe('analysis sessions (one per tab)', () => {
  it('keeps two bundles apart, answers for the active one, and releases a closed one', async () => {
    const s = new SessionSet(() => new InProcessAnalysisService());
    try {
      const a = await s.open([FAILED], {});
      const b = await s.open([HEALTHY], { session: 'new' });
      expect(a.ok && b.ok).toBe(true);
      if (!a.ok || !b.ok) return;
      expect(a.session).toBe(1);
      expect(b.session).toBe(2);
      expect(s.ids()).toEqual([1, 2]);
      // the one opened last is active
      expect(s.current()?.snapshots[0].code).toBe(1);
      expect(await firstFile(s)).toMatch(/IaaSBcdrExtension\.log$/);
      expect(s.activate(1)).toBe(true);
      expect(s.current()?.snapshots[0]).toMatchObject({ result: 'failed', phases: expect.arrayContaining([expect.objectContaining({ name: 'freeze', result: 'timed-out' })]) });
      expect(await firstFile(s)).toMatch(/Application-event\.txt$/);
      await s.close(2);
      expect(s.ids()).toEqual([1]);
      expect(s.activate(2)).toBe(false);
      expect(s.current()?.snapshots[0]).toMatchObject({ result: 'failed', phases: expect.arrayContaining([expect.objectContaining({ name: 'freeze', result: 'timed-out' })]) });
    } finally {
      await s.dispose();
    }
  });

  it('"add to this VM" re-analyses both inputs as one VM in the same session', async () => {
    const s = new SessionSet(() => new InProcessAnalysisService());
    try {
      const a = await s.open([FAILED], {});
      expect(a.ok).toBe(true);
      const both = await s.open([HEALTHY, FAILED], { session: { addTo: 1 } });
      expect(both.ok).toBe(true);
      if (!both.ok) return;
      expect(both.session).toBe(1);
      expect(s.ids()).toEqual([1]);
      // each input once, the first bundle's first
      expect(both.result.inputs.map((i) => i.path)).toEqual([FAILED, HEALTHY]);
      expect(both.result.files.map((f) => f.vmPath.split('/').pop()).sort()).toEqual(['Application-event.txt', 'IaaSBcdrExtension.log']);
      expect(await s.open([HEALTHY], { session: { addTo: 7 } })).toMatchObject({ ok: false });
    } finally {
      await s.dispose();
    }
  });

  it('opening without a session option replaces the active analysis (one bundle at a time, as before tabs)', async () => {
    const s = new SessionSet(() => new InProcessAnalysisService());
    try {
      await s.open([FAILED], {});
      const r = await s.open([HEALTHY], {});
      expect(r).toMatchObject({ ok: true, session: 1 });
      expect(s.ids()).toEqual([1]);
      expect(s.current()?.snapshots[0].code).toBe(1);
    } finally {
      await s.dispose();
    }
  });

  it('a canceled open (its worker terminated) leaves the tabs already open answering', async () => {
    let n = 0;
    // the first session is a real worker-less analysis; the second one's worker hangs like a runaway regex
    const s = new SessionSet(() => (n++ === 0 ? new InProcessAnalysisService() : new WorkerAnalysisService(HANG)));
    try {
      expect(await s.open([FAILED], {})).toMatchObject({ ok: true, session: 1 });
      const second = s.open(['bundle.zip'], { session: 'new' });
      await new Promise((r) => setTimeout(r, 300));
      s.cancel();
      expect(await within(3_000, 'the canceled open', second)).toMatchObject({ ok: false, canceled: true });
      expect(s.ids()).toEqual([1]);
      expect(s.current()?.snapshots[0]).toMatchObject({ result: 'failed', phases: expect.arrayContaining([expect.objectContaining({ name: 'freeze', result: 'timed-out' })]) });
      expect(await firstFile(s)).toMatch(/Application-event\.txt$/);
    } finally {
      await s.dispose();
    }
  }, 15_000);
});
