// The CLI's `analyze` writes no timeline in any format, so it asks for none (`timeline: false`): the rest of the result
// must be the one a full analysis gives. The bundles are real cases (test/cases).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../src/shared';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';
import { cliJsonParts } from '../../src/main/report/json';

const cases = join(__dirname, '..', 'cases');
const strip = (r: AnalysisResult) => JSON.stringify({ ...r, analyzedAt: '', stats: { ...r.stats, durationMs: 0 } });
const cliJson = (r: AnalysisResult) => [...cliJsonParts({ ...r, analyzedAt: '', stats: { ...r.stats, durationMs: 0 } })].join('');

describe('an analysis without a timeline', () => {
  it.each(['ext-1868-freeze-never-thawed', 'ext-pr2019-dosnapshot-bhs-500'])('%s: an empty timeline, the rest as a full analysis gives it', async (name) => {
    const files = join(cases, name, 'files');
    const full = (await analyzeBundle([files])).result;
    const lean = (await analyzeBundle([files], { timeline: false })).result;
    expect(full.timeline.length).toBeGreaterThan(0);
    expect(lean.timeline).toEqual([]);
    expect(strip({ ...lean, timeline: full.timeline })).toBe(strip(full));
    expect(cliJson(lean)).toBe(cliJson(full));
  });

  it('asks for none again when it diagnoses the bundle again with other options', async () => {
    const session = await analyzeBundle([join(cases, 'ext-1868-freeze-never-thawed', 'files')]);
    expect((await session.rediagnose({ timeline: false })).timeline).toEqual([]);
    expect((await session.rediagnose({})).timeline.length).toBeGreaterThan(0);
  });
});
