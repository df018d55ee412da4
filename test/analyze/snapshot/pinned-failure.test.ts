import { describe, expect, it } from 'vitest';
import { analyzeBundle } from '../../../src/main/pipeline/analyze-bundle';
import { scenario, taskIdOf, writeBundle } from './helpers';

/**
 * The engineer pins when the portal says the job failed (issue 21 point 10): the diagnosis weighs against
 * the failed task nearest that time instead of the last failed one. Scenario: a freeze timeout on day 0
 * (2026-11-15 22:00Z), a good night, then storage unreachable (76) on day 2.
 */
describe('pinning the failed job time', () => {
  it('without a pin the last failed task is the anchor; a pin near day 0 moves it there', async () => {
    const root = await writeBundle(scenario(['freeze-timeout', 'success', 'storage-76']).files);
    const session = await analyzeBundle([root]);
    expect(session.result.failedTask?.taskId).toBe(taskIdOf(2));
    expect(session.result.verdict.cause).toBe('storage-unreachable');
    expect(session.result.failedAt).toBeUndefined();

    // the portal's time of the job, a few minutes after the extension started
    const pinned = await session.rediagnose({ failedAt: '2026-11-15T22:07:00.000Z' });
    expect(pinned.failedAt).toBe('2026-11-15T22:07:00.000Z');
    expect(pinned.failedTask?.taskId).toBe(taskIdOf(0));
    expect(pinned.verdict.cause).toBe('fsfreeze-failed');
    // a later good night followed the pinned failure: not more than medium
    expect(pinned.findings.find((f) => f.cause === 'fsfreeze-failed')).toMatchObject({ verdict: 'detected', role: 'primary', confidence: 'medium' });
    // the same parse: records and files are those of the first analysis
    expect(pinned.stats.records).toBe(session.result.stats.records);
    expect(pinned.files).toBe(session.result.files);
  });

  it('a pin far from every failed task (or not a time) keeps the last failed task', async () => {
    const root = await writeBundle(scenario(['freeze-timeout', 'success', 'storage-76']).files);
    const session = await analyzeBundle([root]);
    // day 1 at noon: 14 h after day 0's failure, 10 h before day 2's
    expect((await session.rediagnose({ failedAt: '2026-11-16T12:00:00.000Z' })).failedTask?.taskId).toBe(taskIdOf(2));
    const bad = await session.rediagnose({ failedAt: 'yesterday' });
    expect(bad.failedTask?.taskId).toBe(taskIdOf(2));
    expect(bad.failedAt).toBeUndefined();
  });

  it('opening with a pin is the same as pinning afterwards', async () => {
    const root = await writeBundle(scenario(['freeze-timeout', 'success', 'storage-76']).files);
    const r = (await analyzeBundle([root], { failedAt: '2026-11-15T23:00:00+01:00', portalCode: 'UserErrorFsFreezeTimeout' })).result;
    expect(r.failedAt).toBe('2026-11-15T22:00:00.000Z');
    expect(r.failedTask?.taskId).toBe(taskIdOf(0));
    expect(r.portalCode).toBe('UserErrorFsFreezeTimeout');
  });
});
