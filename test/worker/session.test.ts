import { describe, expect, it } from 'vitest';
import { WorkerAnalysisService } from '../../src/main/worker/worker-service';
import { DIST_WORKER, SAMPLE } from '../helpers/paths';

describe('the analysis worker keeps the session for a new diagnosis and the raw file view', () => {
  it('rediagnoses with a portal code and a pinned failure, and reads a file by id', async () => {
    const svc = new WorkerAnalysisService(DIST_WORKER);
    try {
      expect(await svc.rediagnose({ portalCode: 'UserErrorFsFreezeTimeout' })).toMatchObject({ ok: false, error: /Open a bundle first/ });
      const r = await svc.open([SAMPLE], {});
      if (!r.ok) throw new Error(r.error);
      const again = await svc.rediagnose({ portalCode: 'UserErrorFsFreezeTimeout', failedAt: '2026-11-19T22:10:00Z' });
      if (!again.ok) throw new Error(again.error);
      expect(again.result).toMatchObject({ portalCode: 'UserErrorFsFreezeTimeout', failedAt: '2026-11-19T22:10:00.000Z' });
      expect(again.result.failedTask?.taskId).toBe(r.result.failedTask?.taskId);
      expect(svc.current()).toBe(again.result);
      const conf = r.result.files.find((f) => f.vmPath === 'etc/waagent.conf')!;
      const raw = await svc.readFile(conf.id);
      expect(raw).toMatchObject({ vmPath: 'etc/waagent.conf', size: 3639, clipped: false });
      expect(raw.text).toMatch(/^Extensions\.Enabled=y$/m);
      await expect(svc.readFile(9999)).rejects.toThrow(/No such file/);
    } finally {
      await svc.dispose();
    }
  });
});
