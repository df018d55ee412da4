import { join } from 'node:path';
import type { AnalysisResult } from '../../src/shared';
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
