// Two failures of different causes in one bundle: a snapshot task that failed on one (its own task lines), and an agent
// or network failure after it that left no task lines (a backup it stops never reaches the extension). The newest
// failed job is the ticket's, but the logs do not say a job ran after the task: the newer failure leads, and neither
// is said with more than medium confidence, the verdict saying which job's time tells them apart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeBundle } from '../../../src/main/pipeline/analyze-bundle';
import type { Files } from '../../accuracy/perturb';
import { writeBundle } from '../../helpers/bundle';
import { detectedCauses, realCaseFiles } from '../../helpers/real-case';

const tmp = mkdtempSync(join(tmpdir(), 'vmbd-newer-failure-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const analyse = async (files: Files, failedAt?: string, portalCode?: string) =>
  (await analyzeBundle([writeBundle(join(tmp, `b${n++}`), files)], { ...(failedAt ? { failedAt } : {}), ...(portalCode ? { portalCode } : {}) })).result;

// ext-pr2019's task: the host answered dosnapshot with HTTP 500 at 2024-10-22 22:49:39 (storage-unreachable, high)
const task = realCaseFiles('ext-pr2019-dosnapshot-bhs-500');
// waagent-1801's three WireServer timeouts (Azure/WALinuxAgent#1801), on the day `day` (yyyy/mm/dd), same hours
const outageOn = (day: string): Files[number] => ['waagent.log', realCaseFiles('waagent-1801-host-wireserver-restart-timeouts')[0][1].replaceAll('2020/01/19', day)];

describe('a failed task, and a network failure a day after it without task lines', () => {
  it('leads with the newer failure, neither above medium, and says the job\'s time tells them apart', async () => {
    expect(detectedCauses(await analyse(task))).toEqual(['storage-unreachable high']);
    const r = await analyse([...task, outageOn('2024/10/23')]);
    expect(detectedCauses(r).slice(0, 2)).toEqual(['no-network-wireserver medium', 'storage-unreachable medium']);
    expect(r.findings[0].role).toBe('primary');
    expect(r.verdict.cause).toBe('no-network-wireserver');
    expect(r.verdict.summary).toContain('cannot tell which');
    expect(r.verdict.summaryNl).toContain('kunnen niet zeggen welke');
  });

  it('the failed job\'s time given (the task\'s own): the task\'s cause stands, high', async () => {
    const r = await analyse([...task, outageOn('2024/10/23')], '2024-10-22T22:50:00Z');
    expect(detectedCauses(r)[0]).toBe('storage-unreachable high');
    expect(r.verdict.summary).not.toContain('cannot tell which');
  });

  it('the reverse, the network failure a day before the task: the task\'s cause stands, high', async () => {
    const r = await analyse([...task, outageOn('2024/10/21')]);
    expect(detectedCauses(r)).toEqual(['storage-unreachable high', 'no-network-wireserver low']);
    expect(r.verdict.summary).not.toContain('cannot tell which');
  });
});

// The error code the engineer entered is the failed job's: where it names one side's cause and not the other's, it tells
// the jobs apart, and the verdict says so. learn-fsfreeze's task thawed badly (UserErrorFsFreezeFailed, the article's
// own example); waagent-1801's timeouts a day after it stop any later backup before it reaches the extension.
describe('a failed task, a network failure a day after it, and the error code of the failed job', () => {
  const fsfreeze = realCaseFiles('learn-fsfreeze-fithaw-duplicate-mounts');
  // (the case has no waagent.log: the outage is one of its own)
  const withOutage = (files: Files): Files => [...files, outageOn('2017/11/03')];

  it("names the task's cause only: the job is the task's; its cause leads as sure as alone, the later failure is background", async () => {
    const alone = detectedCauses(await analyse(fsfreeze, undefined, 'UserErrorFsFreezeFailed'))[0];
    const r = await analyse(withOutage(fsfreeze), undefined, 'UserErrorFsFreezeFailed');
    expect(detectedCauses(r)[0]).toBe(alone);
    expect(r.findings.find((f) => f.cause === 'no-network-wireserver')).toMatchObject({ verdict: 'detected', role: 'background' });
    expect(r.verdict.summary).toContain("UserErrorFsFreezeFailed names this task's cause");
    expect(r.verdict.summaryNl).toContain('UserErrorFsFreezeFailed noemt de oorzaak van deze taak');
    expect(r.verdict.summary).not.toContain('cannot tell which');
  });

  it("names the later failure's cause only: the later failure leads, the task's cause at most medium, and the verdict says why", async () => {
    const r = await analyse([...task, outageOn('2024/10/23')], undefined, 'UserErrorGuestAgentStatusUnavailable');
    expect(detectedCauses(r).slice(0, 2)).toEqual(['no-network-wireserver medium', 'storage-unreachable medium']);
    expect(r.verdict.summary).toContain('the error code UserErrorGuestAgentStatusUnavailable names its cause');
    expect(r.verdict.summaryNl).toContain('de foutcode UserErrorGuestAgentStatusUnavailable noemt de oorzaak daarvan');
  });
});
