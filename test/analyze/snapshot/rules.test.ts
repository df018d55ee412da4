import { describe, expect, it } from 'vitest';
import type { AnalysisResult, CauseId, Finding } from '../../../src/shared';
import { EXT_LOG, OUR_CAUSES, analyzeFiles, scenario, taskIdOf } from './helpers';

const finding = (r: AnalysisResult, cause: CauseId): Finding => r.findings.find((f) => f.cause === cause)!;
const ours = (r: AnalysisResult) => r.findings.filter((f) => (OUR_CAUSES as readonly string[]).includes(f.cause));
const U = (s: string) => Date.parse(s);

/** 1-based line numbers in the generated extension.log of the lines matching `re`, for exact evidence checks. */
function linesOf(lines: string[], re: RegExp, from = 0): number[] {
  const out: number[] = [];
  lines.forEach((l, i) => i >= from && re.test(l) && out.push(i + 1));
  return out;
}
const extLines = (f: Finding) => f.evidence.filter((e) => e.file === EXT_LOG).map((e) => e.line);

describe('a healthy bundle: five daily successes', () => {
  it('detects none of the snapshot causes and rules most of them out', async () => {
    const s = scenario(['success', 'success', 'success', 'success', 'success']);
    const r = await analyzeFiles(s.files);
    expect(r.snapshots.map((t) => t.result)).toEqual(['success', 'success', 'success', 'success', 'success']);
    expect(ours(r).filter((f) => f.verdict === 'detected')).toEqual([]);
    for (const c of ['storage-unreachable', 'snapshot-task-delayed', 'fsfreeze-failed', 'prepost-script-failed', 'extension-stuck', 'snapshot-limit-reached', 'clock-skew', 'certificate-missing'] as const) {
      expect([c, finding(r, c).verdict, finding(r, c).confidence]).toEqual([c, 'ruled-out', 'high']);
    }
    // only Azure can tell: explained not-evaluable with the portal check
    expect(finding(r, 'backup-in-progress')).toMatchObject({ verdict: 'not-evaluable', reason: expect.stringMatching(/Backup jobs/) });
    expect(finding(r, 'rp-collection-limit')).toMatchObject({ verdict: 'not-evaluable', reason: expect.stringMatching(/AzureBackupRG/) });
  });
});

describe('fsfreeze-failed', () => {
  it('121: freeze failed on the last task → detected high with the freeze lines as evidence', async () => {
    const s = scenario(['success', 'success', 'freeze-failed']);
    const r = await analyzeFiles(s.files);
    const f = finding(r, 'fsfreeze-failed');
    expect(f).toMatchObject({ verdict: 'detected', confidence: 'high', taskId: taskIdOf(2) });
    const start = s.lines.findIndex((l) => l.includes(`taskId: ${taskIdOf(2)}`));
    // evidence is in time order; the safefreeze line (VM local time, shifted by the inferred +60 min) sorts by when it
    // happened; the lines that failed, not the freeze's start and signal lines
    expect(extLines(f).sort((a, b) => a - b)).toEqual(linesOf(s.lines, /freeze failed for some mount|Failed to FIFREEZE|T:S freeze result|\]Enable,error,121/, start));
    expect(f.reason).toMatch(/121 FailedRetryableFsFreezeFailed/);
  });

  it('a VM hung frozen (log ends at "proceeded for accepting signals") → detected high, task unfinished; extension-stuck medium', async () => {
    const s = scenario(['success', 'hang']);
    const r = await analyzeFiles(s.files);
    const last = r.snapshots[r.snapshots.length - 1];
    expect(last).toMatchObject({ result: 'unfinished', taskId: taskIdOf(1), unfinishedReason: expect.stringMatching(/never flushed/) });
    expect(last.phases.find((p) => p.name === 'freeze')?.result).toBe('unfinished');
    const f = finding(r, 'fsfreeze-failed');
    expect(f).toMatchObject({ verdict: 'detected', confidence: 'high', reason: expect.stringMatching(/hung while the filesystems were frozen/) });
    expect(f.evidence).toContainEqual(expect.objectContaining({ file: EXT_LOG, line: s.lines.length, text: expect.stringMatching(/proceeded for accepting signals$/) }));
    expect(finding(r, 'extension-stuck')).toMatchObject({ verdict: 'detected', confidence: 'medium' });
  });

  it('an old freeze failure followed by successes is only low confidence', async () => {
    const r = await analyzeFiles(scenario(['freeze-timeout', 'success', 'success']).files);
    expect(finding(r, 'fsfreeze-failed')).toMatchObject({ verdict: 'detected', confidence: 'medium' });
    const r2 = await analyzeFiles(scenario(['freeze-timeout', 'success', 'storage-76']).files);
    expect(finding(r2, 'fsfreeze-failed')).toMatchObject({ verdict: 'detected', confidence: 'low' });
    expect(finding(r2, 'storage-unreachable')).toMatchObject({ verdict: 'detected', confidence: 'high' });
    expect(r2.verdict.cause).toBe('storage-unreachable');
  });
});

describe('storage-unreachable', () => {
  it('76: host snapshot calls failed → detected high with the failure lines', async () => {
    const s = scenario(['success', 'storage-76']);
    const r = await analyzeFiles(s.files);
    const f = finding(r, 'storage-unreachable');
    expect(f).toMatchObject({ verdict: 'detected', confidence: 'high', taskId: taskIdOf(1) });
    expect(f.evidence.map((e) => e.text)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Error {2}dosnapshot Hitting wrong WireServer IP$/),
        expect.stringMatching(/Failed to do the snapshot in host with error/),
        expect.stringMatching(/T:S Enable failed with FailedRetryableSnapshotFailedNoNetwork/),
        expect.stringMatching(/Enable,error,76,/),
      ]),
    );
    expect(finding(r, 'fsfreeze-failed').verdict).toBe('ruled-out');
  });
});

describe('snapshot-limit-reached', () => {
  it('85: blob snapshot count exceeded → detected high', async () => {
    const r = await analyzeFiles(scenario(['success', 'limit-85']).files);
    expect(finding(r, 'snapshot-limit-reached')).toMatchObject({ verdict: 'detected', confidence: 'high', reason: expect.stringMatching(/85 FailedSnapshotLimitReached/) });
    expect(finding(r, 'storage-unreachable').verdict).not.toBe('detected');
    expect(r.verdict.cause).toBe('snapshot-limit-reached');
  });

  it('173: rate exceeded, the status write fails → limit detected and the stuck status too', async () => {
    const r = await analyzeFiles(scenario(['success', 'rate-173']).files);
    expect(finding(r, 'snapshot-limit-reached')).toMatchObject({ verdict: 'detected', confidence: 'high', reason: expect.stringMatching(/173/) });
    expect(finding(r, 'snapshot-limit-reached').evidence.map((e) => e.text)).toEqual(expect.arrayContaining([expect.stringMatching(/Failed to log status in extension173$/)]));
    expect(finding(r, 'extension-stuck')).toMatchObject({ verdict: 'detected', reason: expect.stringMatching(/final status write failed/) });
  });
});

describe('prepost-script-failed', () => {
  it('308: the pre-script timed out with continueBackupOnFailure false → detected high', async () => {
    const s = scenario(['success', 'prescript-timeout']);
    const r = await analyzeFiles(s.files);
    const f = finding(r, 'prepost-script-failed');
    expect(f).toMatchObject({ verdict: 'detected', confidence: 'high', reason: expect.stringMatching(/308 FailedPrepostPreScriptTimeout/) });
    expect(extLines(f)).toEqual(linesOf(s.lines, /\]Running prescript for|\]Prescript for ScriptRunner timed out|\]PreScript failed for the plugin|\]Finished prescript execution|\]Enable,error,308/));
  });
  it('the normal 316 "no plugin config" flow is not a script failure', async () => {
    const r = await analyzeFiles(scenario(['success']).files);
    expect(finding(r, 'prepost-script-failed')).toMatchObject({ verdict: 'ruled-out', reason: expect.stringMatching(/316/) });
  });
});

describe('extension-stuck', () => {
  it('556: the final status could not be built, the status stays at code 4 → detected high', async () => {
    const s = scenario(['success', 'stuck-556']);
    const r = await analyzeFiles(s.files);
    const f = finding(r, 'extension-stuck');
    expect(f).toMatchObject({ verdict: 'detected', confidence: 'high', taskId: taskIdOf(1) });
    expect(f.evidence.map((e) => e.text)).toEqual(expect.arrayContaining([expect.stringMatching(/cannot get status report parameters , Exception 556/)]));
    expect(finding(r, 'storage-unreachable').verdict).toBe('detected');
  });
  it('an enable whose daemon never started, followed by a good backup → detected medium', async () => {
    const r = await analyzeFiles(scenario(['success', 'no-daemon', 'success']).files);
    expect(r.snapshots[1]).toMatchObject({ result: 'unfinished', taskId: taskIdOf(1) });
    expect(finding(r, 'extension-stuck')).toMatchObject({ verdict: 'detected', confidence: 'medium', reason: expect.stringMatching(/daemon never started/) });
  });
});

describe('snapshot-task-delayed', () => {
  it('402: the task reached the VM 150 minutes after the request → detected high', async () => {
    const enableAt = U('2026-11-16T22:00:03.420Z');
    const s = scenario(['success', { outcome: 'crp-402', requestedAt: enableAt - 150 * 60_000 }]);
    const r = await analyzeFiles(s.files);
    const f = finding(r, 'snapshot-task-delayed');
    expect(f).toMatchObject({ verdict: 'detected', confidence: 'high', reason: expect.stringMatching(/402 FailedGuestAgentInvokedCommandTooLate/) });
    expect(f.evidence.map((e) => e.text)).toEqual(expect.arrayContaining([expect.stringMatching(/CRP timeout limit has reached, should abort\.$/), expect.stringMatching(/command start time is 2026-11-16 19:30:/)]));
    expect(r.snapshots[1].requestedStart).toBe('2026-11-16T19:30:03.420Z');
  });
  it('tasks that start seconds after the request are ruled out', async () => {
    const r = await analyzeFiles(scenario(['success', 'success']).files);
    expect(finding(r, 'snapshot-task-delayed')).toMatchObject({ verdict: 'ruled-out', confidence: 'high', reason: expect.stringMatching(/within 1 minute/) });
  });
});

describe('clock-skew', () => {
  it('the VM clock 40 minutes ahead of the host at snapshots that succeeded → detected, but background (low); the skew is in ClockSummary', async () => {
    const r = await analyzeFiles(scenario(['success', 'success'], { hostSkewSec: 2400 }).files);
    expect(r.clock.skewSeconds).toBeGreaterThanOrEqual(2400);
    expect(r.clock.skewSeconds).toBeLessThan(2403);
    const f = finding(r, 'clock-skew');
    // the skew was seen at a snapshot that succeeded anyway: it did not fail a backup (history)
    expect(f).toMatchObject({ verdict: 'detected', confidence: 'low', role: 'background', relation: 'history', reason: expect.stringMatching(/ahead of the Azure host's clock/) });
    expect(f.evidence[0].text).toMatch(/Date and time extracted from pre-snapshot request: 2026-11-1[56] 21:2/);
    const r2 = await analyzeFiles(scenario(['success'], { hostSkewSec: -900 }).files);
    expect(finding(r2, 'clock-skew')).toMatchObject({ verdict: 'detected', confidence: 'low', reason: expect.stringMatching(/behind/) });
    // the same skew at a task that failed (a 402 "too late") is the primary cause
    const r3 = await analyzeFiles(scenario(['success', 'crp-402'], { hostSkewSec: 2400 }).files);
    expect(finding(r3, 'clock-skew')).toMatchObject({ verdict: 'detected', confidence: 'high' });
  });
  it('without a host time the rule says what to check instead', async () => {
    const r = await analyzeFiles(scenario(['cert-16']).files);
    expect(finding(r, 'clock-skew')).toMatchObject({ verdict: 'not-evaluable', reason: expect.stringMatching(/chrony/) });
  });
});

describe('backup-in-progress and rp-collection-limit (hints only)', () => {
  it('a second task starting while the first runs → backup-in-progress low; two tasks a day → rp-collection-limit low', async () => {
    const day = U('2026-11-15T22:00:03.420Z');
    const s = scenario([
      { outcome: 'success', enableAt: day },
      { outcome: 'success', enableAt: day + 5_000 },
    ]);
    const r = await analyzeFiles(s.files);
    expect(finding(r, 'backup-in-progress')).toMatchObject({ verdict: 'detected', confidence: 'low', taskId: taskIdOf(1) });
    const rp = finding(r, 'rp-collection-limit');
    expect(rp).toMatchObject({ verdict: 'detected', confidence: 'low', reason: expect.stringMatching(/^2 snapshot tasks ran on 2026-11-15/) });
    expect(rp.evidence).toHaveLength(2);
  });
});

describe('certificate-missing', () => {
  it('16: unable to load certificate → detected high', async () => {
    const s = scenario(['success', 'cert-16']);
    const r = await analyzeFiles(s.files);
    const f = finding(r, 'certificate-missing');
    expect(f).toMatchObject({ verdict: 'detected', confidence: 'high' });
    expect(extLines(f)).toEqual(linesOf(s.lines, /\]unable to load certificate$|\]Enable,error,16,/));
  });
});

describe('without Backup extension evidence', () => {
  it('every snapshot rule is not-evaluable (or a hint) and says what to collect', async () => {
    const r = await analyzeFiles({ 'etc/hostname': 'vm-backup-demo-01\n' });
    for (const f of ours(r)) expect([f.cause, f.verdict]).toEqual([f.cause, 'not-evaluable']);
    expect(finding(r, 'fsfreeze-failed').reason).toMatch(/extension\.log/);
  });
});

describe('storage-unreachable with the agent side', () => {
  it("adds the agent's failed storage downloads near the task as evidence", async () => {
    const s = scenario(['success', 'storage-76']);
    const waagent = '2026-11-16T21:55:10.000001Z WARNING ExtHandler ExtHandler Download failed, switching to host plugin\n';
    const r = await analyzeFiles({ ...s.files, 'var/log/waagent.log': waagent });
    const f = finding(r, 'storage-unreachable');
    expect(f).toMatchObject({ verdict: 'detected', confidence: 'high', reason: expect.stringMatching(/guest agent also failed to reach storage/) });
    expect(f.evidence).toContainEqual(expect.objectContaining({ file: 'var/log/waagent.log', line: 1 }));
  });
});
