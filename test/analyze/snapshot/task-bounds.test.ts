import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { analyzeBundle } from '../../../src/main/pipeline/analyze-bundle';
import { ROOT } from '../../helpers/paths';

describe('snapshot task bounds', () => {
  it("a task ends with its own run, not at the next run's `cwd is` line", async () => {
    const { result } = await analyzeBundle([join(ROOT, 'assets/sample/vm')]);
    expect(result.snapshots).toHaveLength(5);
    for (const t of result.snapshots) {
      expect(t.durationMs, t.taskId).toBeGreaterThan(0);
      // the sample's tasks take seconds to a few minutes; the next day's run must not stretch them
      expect(t.durationMs!, t.taskId).toBeLessThan(10 * 60_000);
      expect(t.end!.slice(0, 10), t.taskId).toBe(t.start!.slice(0, 10));
    }
  });

  it('the verdict points at the failed task itself', async () => {
    const { result } = await analyzeBundle([join(ROOT, 'assets/sample/vm')]);
    const fs = result.findings.find((f) => f.cause === 'fsfreeze-failed')!;
    expect(fs.verdict).toBe('detected');
    expect(fs.taskId).toBe('7d3c2a8e-5b1f-4e62-9a07-3f1c8d2e6b41');
  });
});
