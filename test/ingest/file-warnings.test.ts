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

/**
 * A VSS writer's state on its own (KB 826936's `vssadmin list writers` excerpt without its writer's name and ids,
 * https://support.microsoft.com/kb/826936, verbatim lines): no format reads it, and it names no writer, so it is not
 * read; the file says what it was taken for instead of being dropped without a word.
 */
describe('a VSS writer state line on its own, in a file no format reads', () => {
  const STATE = '   State: [10] Failed\r\n   Last error: Retryable error\r\n';
  const AGENT = '[00000014] [08/13/2018 10:24:12.96] [INFO]  Start Workflow.\n';

  it('beside the logs in a zip: not recognised, taken for a writer state, what to attach', async () => {
    const { zipSync } = await import('fflate');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'vmbd-vss-state-'));
    const zip = join(dir, 'ticket.zip');
    // (the agent's line: https://github.com/chef-partners/azure-chef-extension/issues/241)
    writeFileSync(zip, zipSync({ 'WindowsAzure/Logs/WaAppAgent.log': Buffer.from(AGENT), 'notes.txt': Buffer.from(STATE) }));
    const { result } = await analyzeBundle([zip]);
    const notes = result.files.find((f) => f.vmPath === 'notes.txt')!;
    expect(notes.kind).toBe('other');
    const w = (notes.warnings ?? []).find((x) => /VSS writer/.test(x.message));
    expect(w?.message).toMatch(/^.*notes\.txt: not recognised; it holds a VSS writer's state as `vssadmin list writers` prints it \("State: \[10\] Failed"\)/);
    expect(warningIn('nl', w!)).toContain('niet herkend; het bevat de status van een VSS-writer');
    // nothing read from it: no finding rests on a writer it does not name
    expect(result.findings.filter((f) => f.verdict === 'detected')).toEqual([]);
  });

  it('pasted: says the same rather than "no line of it is in a format this app reads"', async () => {
    const { result } = await analyzeBundle([{ pasted: STATE }]);
    const msgs = result.files.flatMap((f) => (f.warnings ?? []).map((x) => x.message));
    expect(msgs).toEqual([expect.stringMatching(/^pasted text: not recognised; it holds a VSS writer's state .*\("State: \[10\] Failed"\)/)]);
  });
});
