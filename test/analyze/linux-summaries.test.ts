import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';
import type { Finding } from '../../src/shared';

/** What a Linux finding says and cites, read on the real cases docs/AUDIT.md names. */
async function findingsOf(id: string): Promise<Finding[]> {
  const { result } = await analyzeBundle([join('test', 'cases', id, 'files')]);
  return result.findings.filter((f) => f.verdict === 'detected');
}

describe('handle.sh\'s exit codes are said as what handle.py returned, not pasted with their date', () => {
  it('says "handle.py returned 1 on every run (7 times, first to last)" (ext-pr2177)', async () => {
    const f = (await findingsOf('ext-pr2177-azurelinux4-python314-enable-exit-1')).find((x) => x.cause === 'extension-failed-state');
    expect(f?.reason).toContain('handle.py returned 1 on every run (7 times, 2026-05-21 17:04:31Z to 2026-05-22 03:08:32Z)');
    expect(f?.reason).not.toContain('PM UTC');
    expect(f?.reasonNl).toContain('handle.py gaf 1 terug bij elke uitvoering (7 keer, 2026-05-21 17:04:31Z tot 2026-05-22 03:08:32Z)');
    expect(f?.evidence).toHaveLength(7);
  }, 60_000);
});
