// A real case's files changed by a perturbation (test/accuracy/perturb.ts), written to a temporary folder and
// analysed: the reasoning tests' one way to ask "what does this change do to that case".
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { AnalysisResult } from '../../../src/shared';
import { analyzeBundle } from '../../../src/main/pipeline/analyze-bundle';
import type { Files, Perturbation } from '../../accuracy/perturb';
import { writeBundle } from '../../helpers/bundle';
import { CASES_DIR } from '../../accuracy/score';

/** The analysis of case `caseId` after `change` (none: as it is); each test file gets its own temporary folder. */
export function caseAnalyser(prefix: string): (caseId: string, change?: Perturbation) => Promise<AnalysisResult> {
  const tmp = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  return async (caseId, change) => {
    const dir = join(CASES_DIR, caseId, 'files');
    const files: Files = readdirSync(dir).map((n) => [n, readFileSync(join(dir, n), 'utf8')]);
    const out = change ? change(files) : files;
    if (!out) throw new Error(`${caseId}: the change does not apply`);
    const at = writeBundle(join(tmp, `${caseId}-${Math.random().toString(36).slice(2)}`), out);
    return (await analyzeBundle([at])).result;
  };
}
