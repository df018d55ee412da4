// The catalogue's order only breaks ties (analyze/weigh.ts rankFindings), and no real case's answer may rest on it:
// with the catalogue read in reverse, every failure case keeps an expected cause first. A tie at the top must be
// decided by a reason (role, confidence, a cause before one it explains, closeness), never by where a cause is listed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { analyzeBundle } from '../../../src/main/pipeline/analyze-bundle';
import type * as Causes from '../../../src/shared/catalog/causes';
import { oldHandlerFolderLeft, pastedTwice } from '../../accuracy/perturb';
import { listCases, readCase } from '../../accuracy/score';
import { bundleAnalyser, detectedCauses, realCaseFiles } from '../../helpers/real-case';

vi.mock('../../../src/shared/catalog/causes', async (importOriginal) => {
  const real = await importOriginal<typeof Causes>();
  return { ...real, CAUSES: [...real.CAUSES].reverse() };
});

const tmp = mkdtempSync(join(tmpdir(), 'vmbd-catalogue-order-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const analyse = bundleAnalyser(tmp);

describe("no failure case's first cause depends on the catalogue's order", () => {
  it('reads the catalogue in reverse here', async () => {
    const { CAUSES } = await import('../../../src/shared');
    expect(CAUSES[0].id).not.toBe('agent-not-running');
  });

  const cases = listCases()
    .map((dir) => ({ dir, def: readCase(dir) }))
    .filter(({ def }) => !def.negative);
  it.each(cases.map((c) => [c.def.id, c] as const))('%s', async (_, { dir, def }) => {
    const { result } = await analyzeBundle([join(dir, 'files')], def.portalCode ? { portalCode: def.portalCode } : {});
    const first = result.findings.find((f) => f.verdict === 'detected');
    expect(def.expected).toContain(first?.cause);
  });
});

describe("no perturbed case's first cause depends on the catalogue's order", () => {
  it("KB 4099558 with another extension's month-old failed status beside: the release whose sign is the failed extension's line comes first", async () => {
    // the "Downgrade not allowed" line is the release's sign (2.2.21-2.2.24) and the extension's failure both: the
    // release explains it (RuleOutcome.explains), in either order of the catalogue; the old status is history
    // (old-state-file.test.ts), so the extension's failure stays possible only
    const r = await analyse(oldHandlerFolderLeft(realCaseFiles('learn-kb4099558-extension-downgrade-not-allowed'))!);
    expect(detectedCauses(r)).toEqual(['agent-outdated medium', 'extension-failed-state low']);
  });

  it('a healthy Windows snapshot pasted twice is one backup logged twice: neither an overlap nor two a day', async () => {
    // both said low at equal weight, ordered by the catalogue alone; the same task (id, start and end to the 100 ns
    // the host stamps) twice over is one backup, and neither rule has a second one to count
    const r = await analyse(pastedTwice(realCaseFiles('win-neg-tsg-vmsnapshot-snapshot-complete'))!);
    expect(detectedCauses(r)).toEqual([]);
  });
});
