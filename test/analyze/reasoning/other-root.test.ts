// A held state read only from a root that holds none of the failure's evidence (perhaps another VM's: analyze/engine.ts
// sayLessOfOtherRoots) ranks after the causes the failure's own root shows, at equal weight (weigh.ts rankFindings).
// Every line is a real case's (test/cases) or a perturbation's (test/accuracy/perturb.ts, which names its sources).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../../src/shared';
import { analyzeBundle } from '../../../src/main/pipeline/analyze-bundle';
import { anotherVmBeside, type Files } from '../../accuracy/perturb';
import { caseFiles, CASES_DIR } from '../../accuracy/score';
import { writeBundle } from '../../helpers/bundle';

const tmp = mkdtempSync(join(tmpdir(), 'vmbd-other-root-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const analyse = async (files: Files): Promise<AnalysisResult> => (await analyzeBundle([writeBundle(join(tmp, `b${n++}`), files)])).result;
const filesOf = (id: string): Files => caseFiles(join(CASES_DIR, id)).map(([name, bytes]) => [name, bytes.toString('utf8')]);
const detected = (r: AnalysisResult) => r.findings.filter((f) => f.verdict === 'detected').map((f) => `${f.cause} ${f.confidence}`);

describe("a state from another root ranks after the failure's own causes", () => {
  it("WALinuxAgent #2949's settings certificate stays first with another VM's healthy waagent.log beside it", async () => {
    // the case's only file is VMAccessForLinux's extension.log; the other folder's agent names an old release
    const plain = await analyse(filesOf('waagent-2949-lib-dir-moved-vmaccess-crt-missing'));
    expect(detected(plain)).toEqual(['certificate-missing low']);
    const r = await analyse(anotherVmBeside(filesOf('waagent-2949-lib-dir-moved-vmaccess-crt-missing'))!);
    expect(detected(r)).toEqual(['certificate-missing low', 'agent-outdated low']);
    expect(r.verdict.cause).toBe('certificate-missing');
  });
});
