// An agent or network failure the agent worked past for hours, up to the newest line, is history (analyze/recovery.ts,
// weigh.ts): on a real case, with the running agent of another real case going on after it (perturb.ts agentWorkedOn).
import { describe, expect, it } from 'vitest';
import type { AnalysisResult, CauseId } from '../../../src/shared';
import { agentWorkedOn, type Perturbation } from '../../accuracy/perturb';
import { caseAnalyser } from './changed-case';

const run = caseAnalyser('vmbd-recovered-');
const find = (r: AnalysisResult, c: CauseId) => r.findings.find((f) => f.cause === c)!;

describe('a WireServer failure the agent worked past', () => {
  // learn-linux-agent-goal-state-unreachable: one goal-state fetch timing out at 2020-10-02 18:11:13Z
  const CASE = 'learn-linux-agent-goal-state-unreachable';

  it('is history once the agent processed a goal state and kept its heartbeat for 20 hours up to the newest line', async () => {
    const plain = find(await run(CASE), 'no-network-wireserver');
    expect(plain).toMatchObject({ verdict: 'detected', role: 'primary' });
    expect(plain.recovered).toBeUndefined();
    const r = await run(CASE, agentWorkedOn(20));
    const f = find(r, 'no-network-wireserver');
    expect(f).toMatchObject({ verdict: 'detected', confidence: 'low', role: 'background', relation: 'history' });
    // the goal state processed half an hour after the failure is the first answer from WireServer
    expect(f.recovered).toEqual({ at: '2020-10-02T18:41:13.148Z', until: '2020-10-03T14:11:14.148Z' });
    expect(r.verdict.cause).not.toBe('no-network-wireserver');
    expect(r.verdict.summary).toContain('The agent recovered at 2020-10-02 18:41:13Z');
    expect(r.verdict.summary).toContain('explains only a backup that failed before 2020-10-02 18:41:13Z');
    expect(r.verdict.summaryNl).toContain('De agent herstelde om 2020-10-02 18:41:13Z');
  });

  it('is not history after a few hours of work: that is not yet a recovery', async () => {
    const f = find(await run(CASE, agentWorkedOn(3)), 'no-network-wireserver');
    expect(f.recovered).toBeUndefined();
    expect(f.relation).not.toBe('history');
  });

  it('is not history when the failure came back after the work', async () => {
    // 20 hours of work, then the same failure two days on
    const worked = agentWorkedOn(20);
    const later: Perturbation = (files) => {
      const w = worked(files);
      if (!w) return undefined;
      return w.map(([n, t]): [string, string] => [n, n.endsWith('waagent.log') ? `${t}${files.find(([m]) => m === n)![1].replace(/2020-10-02T/g, '2020-10-04T')}` : t]);
    };
    const f = find(await run(CASE, later), 'no-network-wireserver');
    expect(f.recovered).toBeUndefined();
  });
});
