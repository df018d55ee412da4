// At equal weight, a cause whose failure explains another's ranks first (analyze/weigh.ts rankFindings, RuleOutcome
// explainedBy): an agent on an old release, without that release's own sign, is what an agent that cannot reach the
// WireServer to fetch a newer one looks like; a release whose own sign is logged explains its network errors instead.
// Every line is a real case's (test/cases) or a perturbation's (test/accuracy/perturb.ts, which names its sources).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../../src/shared';
import { analyzeBundle } from '../../../src/main/pipeline/analyze-bundle';
import { agentUpdatedBefore, type Files } from '../../accuracy/perturb';
import { caseFiles, CASES_DIR } from '../../accuracy/score';
import { writeBundle } from '../../helpers/bundle';

const tmp = mkdtempSync(join(tmpdir(), 'vmbd-explained-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const analyse = async (files: Files): Promise<AnalysisResult> => (await analyzeBundle([writeBundle(join(tmp, `b${n++}`), files)])).result;
const filesOf = (id: string): Files => caseFiles(join(CASES_DIR, id)).map(([name, bytes]) => [name, bytes.toString('utf8')]);
const detected = (r: AnalysisResult) => r.findings.filter((f) => f.verdict === 'detected').map((f) => `${f.cause} ${f.confidence}`);

describe('a cause that explains another ranks first at equal weight', () => {
  it('a WireServer blocked by a guest firewall ranks before the old agent a start line names', async () => {
    // jpaztech blog (guest firewall drops 168.63.129.16) with an agent 2.2.46 start line three hours before its last record
    const r = await analyse(agentUpdatedBefore(filesOf('jpaztech-notready-guest-firewall-drops-wireserver'))!);
    expect(detected(r)).toEqual(['no-network-wireserver medium', 'agent-outdated medium']);
    expect(r.verdict.cause).toBe('no-network-wireserver');
  });

  it("a known-bad release whose own sign is logged keeps its place before its network errors (#745)", async () => {
    const r = await analyse(filesOf('waagent-745-hostplugin-init-not-retried-after-503'));
    expect(detected(r)).toEqual(['agent-outdated medium', 'no-network-wireserver medium']);
  });
});
