// A backup that worked the night before the failure (test/accuracy/perturb.ts `backupSucceededNightBefore`, real
// lines of the troubleshooting guide retimed a day before the case's oldest record) says nothing of tonight's
// failure: the latest run decides, and it is the failure.
import { describe, expect, it } from 'vitest';
import type { AnalysisResult, CauseId } from '../../../src/shared';
import { backupSucceededNightBefore, windowsBackupSucceededNightBefore } from '../../accuracy/perturb';
import { caseAnalyser } from './changed-case';

const changed = caseAnalyser('vmbd-older-success-');
const detected = (r: AnalysisResult) => r.findings.filter((f) => f.verdict === 'detected');
const find = (r: AnalysisResult, c: CauseId) => r.findings.find((f) => f.cause === c)!;

describe('an excerpt of tonight\'s run after last night\'s whole run is a run of its own', () => {
  // before: the excerpt's lines (no start, no task id) joined the finished run a day earlier, whose success then
  // decided: "the last backup task succeeded and none failed", the freeze failure gone
  for (const [id, confidence] of [['ext-1868-freeze-never-thawed', 'medium'], ['learn-fsfreeze-fithaw-duplicate-mounts', 'high']] as const) {
    it(`${id}: two tasks, the success and tonight's, and fsfreeze-failed still ${confidence}`, async () => {
      const r = await changed(id, backupSucceededNightBefore);
      expect(r.snapshots.map((t) => t.result)).toEqual(['success', expect.not.stringMatching(/^success$/)]);
      expect(detected(r)[0]).toMatchObject({ cause: 'fsfreeze-failed', confidence });
      expect(r.verdict.summary).not.toMatch(/last backup task in the logs succeeded/);
    });
  }

  it('win-tsg-vmsnapshot-install-provider-com: the provider install failing a day after a completed snapshot stays high', async () => {
    // before: the failure's line joined the completed snapshot's task; the verdict said no task failed, and the
    // failed extension dropped to medium
    const r = await changed('win-tsg-vmsnapshot-install-provider-com', windowsBackupSucceededNightBefore);
    expect(detected(r)[0]).toMatchObject({ cause: 'extension-failed-state', confidence: 'high' });
    expect(r.verdict.summary).not.toMatch(/last backup task in the logs succeeded/);
  });
});

describe('an answer from WireServer a day before its failures is no recovery from them', () => {
  it('jpaztech-notready-guest-firewall-drops-wireserver: the guide\'s goal state a day before → still ongoing, medium', async () => {
    // before: the terminal's untimed curl failure sorted last, so no time compared, and the old answer was read as
    // "the agent recovered afterwards" (low)
    const r = await changed('jpaztech-notready-guest-firewall-drops-wireserver', backupSucceededNightBefore);
    expect(find(r, 'no-network-wireserver')).toMatchObject({ verdict: 'detected', confidence: 'medium' });
    expect(find(r, 'no-network-wireserver').reason).not.toMatch(/recovered/);
  });
});

describe('a goal state whose extensions the agent handled was worked on', () => {
  // the guide's enable: "Fetching new goal state [incarnation 392 …]", "Target handler state: enabled [incarnation
  // 392]", "Enable extension [main/handle.sh enable]", then "ProcessGoalState completed" without the bracket the
  // parser reads. Before: "goal state incarnation_392 was fetched but never processed", agent-unresponsive medium
  for (const id of ['neg-waagent-2960-transient-goal-state-error-recovered', 'neg-waagent-2940-b1ls-heartbeats-hourly-manifest', 'neg-waagent-pr1794-normal-goal-state-processing']) {
    it(`${id}: nothing above low`, async () => {
      const r = await changed(id, backupSucceededNightBefore);
      expect(find(r, 'agent-unresponsive').verdict).not.toBe('detected');
      expect(detected(r).filter((f) => f.confidence !== 'low')).toEqual([]);
    });
  }
});
