import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFiles } from '../snapshot/helpers';

/**
 * A run of unknown result is the failed task only where a step of it did not end well: a log that ends inside the
 * freeze (ext-1868) is a hang; lines that show no step at all (neg-ext-pr1309's "Logs during Freeze Start" banner and
 * its lock retries, a test that passed) are not a failure.
 */
const caseFile = (id: string) => readFileSync(join(__dirname, '..', '..', 'cases', id, 'files', 'extension.log'), 'utf8');

describe('a run of unknown result', () => {
  it('with no step shown is no failed task (neg-ext-pr1309)', async () => {
    const r = await analyzeFiles({ 'extension.log': caseFile('neg-ext-pr1309-safefreeze-lock-retries') });
    expect(r.snapshots.map((t) => t.result)).toEqual(['unknown']);
    expect(r.failedTask).toBeUndefined();
  });

  it('that ends inside the freeze is the failed task (ext-1868)', async () => {
    const r = await analyzeFiles({ 'extension.log': caseFile('ext-1868-freeze-never-thawed') });
    expect(r.failedTask?.reached).toBe('freeze');
    expect(r.findings.find((f) => f.cause === 'fsfreeze-failed')).toMatchObject({ verdict: 'detected', confidence: 'medium' });
  });
});
