// A held state read only from a root that holds none of the failure's evidence (perhaps another VM's: analyze/engine.ts
// sayLessOfOtherRoots) ranks after the causes the failure's own root shows, at equal weight (weigh.ts rankFindings).
// Every line is a real case's (test/cases) or a perturbation's (test/accuracy/perturb.ts, which names its sources).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { anotherVmBeside } from '../../accuracy/perturb';
import { bundleAnalyser, detectedCauses as detected, realCaseFiles as filesOf } from '../../helpers/real-case';

const tmp = mkdtempSync(join(tmpdir(), 'vmbd-other-root-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const analyse = bundleAnalyser(tmp);

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
