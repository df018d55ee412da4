// At equal weight, a cause whose failure explains another's ranks first (analyze/weigh.ts rankFindings, RuleOutcome
// explainedBy): an agent on an old release, without that release's own sign, is what an agent that cannot reach the
// WireServer to fetch a newer one looks like; a release whose own sign is logged explains its network errors instead.
// Every line is a real case's (test/cases) or a perturbation's (test/accuracy/perturb.ts, which names its sources).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CauseId, Evidence } from '../../../src/shared';
import { diagnose } from '../../../src/main/analyze/engine';
import type { Rule, RuleOutcome } from '../../../src/main/analyze/types';
import { msg } from '../../../src/shared/i18n/analysis';
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

/** WALinuxAgent #812's waagent.log (test/cases/waagent-812-extension-log-dir-deleted), lines 1 and 5. */
const UNCLEAN: Evidence = { file: 'waagent.log', line: 1, time: '2017-07-17T10:18:56.439Z', text: '2017/07/17 10:18:56.439857 INFO WALinuxAgent-2.2.10 did not terminate cleanly' };
const SIGN: Evidence = {
  file: 'waagent.log',
  line: 5,
  time: '2017-07-17T10:18:56.520Z',
  text: "2017/07/17 10:18:56.520270 WARNING Agent WALinuxAgent-2.2.10 failed with exception: [Errno 20] Not a directory: '/var/log/azure/Microsoft.OSTCExtensions.VMAccessForLinux'",
};
const says = (cause: CauseId, o: Partial<RuleOutcome>): Rule => ({
  cause,
  evaluate: () => ({ verdict: 'detected', confidence: 'medium', reason: msg('engine.rule-failed', { error: cause }), evidence: [], ...o }),
});
const firstOf = (rules: Rule[]) => diagnose([], [], { clock: { offsets: [], unresolved: [] }, offsets: new Map() }, { rules }).findings.map((f) => f.cause);

describe('a cause that names another it explains ranks first, where that one cites its line (RuleOutcome.explains)', () => {
  it("a known-bad release whose logged sign is the agent's crash ranks before the crash (#812)", async () => {
    const r = await analyse(filesOf('waagent-812-extension-log-dir-deleted'));
    expect(detected(r)).toEqual(['agent-outdated medium', 'agent-unresponsive medium']);
    expect(r.verdict.cause).toBe('agent-outdated');
  });

  it('only where the explained cause cites one of its lines, and never against that cause saying the reverse', () => {
    // agent-unresponsive comes first in the catalogue: without a reason it stays first
    const hung = (evidence: Evidence[], o: Partial<RuleOutcome> = {}) => says('agent-unresponsive', { evidence, ...o });
    const release = says('agent-outdated', { evidence: [SIGN], explains: ['agent-unresponsive'] });
    expect(firstOf([hung([UNCLEAN, SIGN]), release])).toEqual(['agent-outdated', 'agent-unresponsive']);
    expect(firstOf([hung([UNCLEAN]), release])).toEqual(['agent-unresponsive', 'agent-outdated']);
    expect(firstOf([hung([UNCLEAN, SIGN], { explainedBy: [] }), says('agent-outdated', { evidence: [SIGN], explains: ['no-network-wireserver'] })])).toEqual(['agent-unresponsive', 'agent-outdated']);
    expect(firstOf([hung([UNCLEAN, SIGN]), says('agent-outdated', { evidence: [SIGN], explains: ['agent-unresponsive'], explainedBy: ['agent-unresponsive'] })])).toEqual(['agent-unresponsive', 'agent-outdated']);
  });
});
