import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { WorkerAnalysisService } from '../../src/main/worker/worker-service';
import { DIST_WORKER, SAMPLE } from '../helpers/paths';
import type { ProgressEvent } from '../../src/shared';

describe('analysis worker (heavy work off the main loop)', () => {
  it('is built (npm test builds before the unit tests)', () => {
    expect(existsSync(DIST_WORKER)).toBe(true);
  });

  it('opens a bundle in a worker thread, reports progress, and serves log pages', async () => {
    const svc = new WorkerAnalysisService(DIST_WORKER);
    try {
      const progress: ProgressEvent[] = [];
      const r = await svc.open([SAMPLE], {}, (p) => progress.push(p));
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.result.files.length).toBeGreaterThan(0);
      expect(progress.some((p) => p.phase === 'parsing')).toBe(true);
      expect(progress.at(-1)?.phase).toBe('done');
      const page = await svc.queryLogs({ offset: 0, limit: 10 });
      expect(page.total).toBeGreaterThan(0);
      expect(page.records[0].text.length).toBeGreaterThan(0);
      expect(svc.current()?.schemaVersion).toBe(1);
    } finally {
      await svc.dispose();
    }
  });

  it('reports an unreadable input as an error result, not a crash', async () => {
    const svc = new WorkerAnalysisService(DIST_WORKER);
    try {
      const r = await svc.open(['/nonexistent/path.zip'], {});
      expect(r.ok).toBe(false);
    } finally {
      await svc.dispose();
    }
  });
});
