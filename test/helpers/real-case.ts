import { join } from 'node:path';
import type { AnalysisResult, CauseId, Finding } from '../../src/shared';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';
import type { Files } from '../accuracy/perturb';
import { caseFiles, CASES_DIR } from '../accuracy/score';
import { writeBundle } from './bundle';

/** A real case's files (test/cases/<id>/files) as text, to analyse as they are or perturbed. */
export function realCaseFiles(id: string): Files {
  return caseFiles(join(CASES_DIR, id)).map(([name, bytes]) => [name, bytes.toString('utf8')]);
}

/** Analyses `files` as a bundle written in a fresh folder under `tmp`, as the CLI does. */
export function bundleAnalyser(tmp: string): (files: Files) => Promise<AnalysisResult> {
  let n = 0;
  return async (files) => (await analyzeBundle([writeBundle(join(tmp, `b${n++}`), files)])).result;
}

/** The detected causes of a result in their rank order, each with its confidence (`cause confidence`). */
export const detectedCauses = (r: AnalysisResult): string[] => r.findings.filter((f) => f.verdict === 'detected').map((f) => `${f.cause} ${f.confidence}`);

/** The detected finding of `cause` for a real case's files as they are (with the portal code an engineer entered). */
export async function caseFinding(id: string, cause: CauseId, portalCode?: string): Promise<Finding> {
  const { result } = await analyzeBundle([join(CASES_DIR, id, 'files')], portalCode ? { portalCode } : {});
  const f = result.findings.find((x) => x.cause === cause && x.verdict === 'detected');
  if (!f) throw new Error(`${id}: no ${cause}`);
  return f;
}
