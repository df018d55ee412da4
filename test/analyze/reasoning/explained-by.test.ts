// At equal weight, a cause whose failure explains another's ranks first (analyze/weigh.ts rankFindings, RuleOutcome
// explainedBy): an agent on an old release, without that release's own sign, is what an agent that cannot reach the
// WireServer to fetch a newer one looks like; a release whose own sign is logged explains its network errors instead.
// Every line is a real case's (test/cases) or a perturbation's (test/accuracy/perturb.ts, which names its sources).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { agentUpdatedBefore } from '../../accuracy/perturb';
import { bundleAnalyser, detectedCauses as detected, realCaseFiles as filesOf } from '../../helpers/real-case';

const tmp = mkdtempSync(join(tmpdir(), 'vmbd-explained-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const analyse = bundleAnalyser(tmp);

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
