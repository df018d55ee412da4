import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';
import { warningIn } from '../../src/shared/i18n/analysis';
import { ROOT } from '../helpers/paths';

/**
 * Warnings that name a file's format say the format's title in the reader's language (a format title is a pair of
 * texts: one put into an English sentence as is printed "[object Object]").
 */
describe('warnings that name a format', () => {
  it('pasted text read whole as one format', async () => {
    // the agent's own test data: a goal state's ExtensionsConfig.xml, pasted into the box
    const xml = readFileSync(join(ROOT, 'test/fixtures/corpus/waagent/tests/data/hibernate/goal_state_1/ExtensionsConfig.xml'), 'utf8');
    const { result } = await analyzeBundle([{ pasted: xml }]);
    const w = result.files.flatMap((f) => f.warnings ?? []).find((x) => /read as/.test(x.message));
    expect(w, JSON.stringify(result.files.map((f) => [f.vmPath, f.warnings]))).toBeDefined();
    expect(w!.message).not.toContain('[object');
    expect(w!.message).toMatch(/^pasted text: read as .*ExtensionsConfig.*, at \/var\/lib\/waagent\//);
    expect(warningIn('nl', w!)).toMatch(/^geplakte tekst: gelezen als .*, op \/var\/lib\/waagent\//);
  });
});
