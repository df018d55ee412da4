// How old the failure is, relative to the newest time the logs give (VerdictSummary.failureAge, verdict.age), on a real
// case as handed in and collected a day later (test/accuracy/perturb.ts collectedNextDay).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../../src/shared';
import { analyzeBundle } from '../../../src/main/pipeline/analyze-bundle';
import { collectedNextDay, cutAtStart, type Files } from '../../accuracy/perturb';
import { caseAnalyser } from './changed-case';
import { CASES_DIR } from '../../accuracy/score';
import { writeBundle } from '../../helpers/bundle';

const tmp = mkdtempSync(join(tmpdir(), 'vmbd-age-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(caseId: string, nextDay: boolean): Promise<AnalysisResult> {
  const dir = join(CASES_DIR, caseId, 'files');
  const files: Files = readdirSync(dir).map((n) => [n, readFileSync(join(dir, n), 'utf8')]);
  const out = nextDay ? collectedNextDay(files) : files;
  if (!out) throw new Error(`${caseId}: the change does not apply`);
  return (await analyzeBundle([writeBundle(join(tmp, `${caseId}-${nextDay}`), out)])).result;
}

describe('the failure\'s age', () => {
  // waagent-525: the freeze failed at 2016-12-10 01:11:00Z (Azure/WALinuxAgent#525)
  const CASE = 'waagent-525-fifreeze-new-volume';

  it('is only in the JSON when the failure is the newest thing in the logs', async () => {
    const r = await run(CASE, false);
    expect(r.verdict.failureAge?.ms).toBeLessThan(3_600_000);
    expect(r.verdict.summary).not.toContain('before the newest log line');
  });

  it('is said in both languages when the logs go on for 20 hours after it', async () => {
    const r = await run(CASE, true);
    expect(r.verdict.cause).toBe('fsfreeze-failed');
    const { ms, newest } = r.verdict.failureAge!;
    // (the added records run 20 hours from the newest record's second, the last status line 1.1 s after the last
    // heartbeat; the task ended half a second into that second)
    expect(ms).toBeGreaterThan(19.9 * 3_600_000);
    expect(ms).toBeLessThanOrEqual(20 * 3_600_000 + 2000);
    expect(Date.parse(newest) - ms).toBe(Date.parse(r.snapshots.find((t) => t.result === 'failed')!.end!));
    expect(r.verdict.summary).toContain(` The task failed 20 h 0 min before the newest log line (${newest.replace('T', ' ').replace(/\.\d+Z$/, 'Z')}).`);
    expect(r.verdict.summaryNl).toContain(' De taak mislukte 20 u 0 min vóór de nieuwste logregel (');
    // one space between the verdict's sentences, whatever spaces the parts bring
    expect(r.verdict.summary).toContain(`(${newest.replace('T', ' ').replace(/\.\d+Z$/, 'Z')}). Filesystem freeze failed or timed out (`);
    expect(r.verdict.summaryNl).toContain('). Bevriezen van het bestandssysteem mislukte');
    expect(r.verdict.summary).not.toContain('  ');
  });

  it('cannot be told of a task none of whose lines has a time, and the verdict says so', async () => {
    // learn-fsfreeze: the article's indented extension.log excerpt; a copy that starts mid-line loses the indentation
    // ingest reads the times through, so no line of the task has one (as a pasted excerpt without times)
    const analyse = caseAnalyser('vmbd-age-untimed-');
    const CASE = 'learn-fsfreeze-fithaw-duplicate-mounts';
    const plain = await analyse(CASE);
    expect(plain.verdict.summary).not.toContain('no time for this task');
    const r = await analyse(CASE, cutAtStart);
    expect(r.failedTask?.start).toBeNull();
    expect(r.verdict.failureAge).toBeUndefined();
    expect(r.verdict.cause).toBe('fsfreeze-failed');
    expect(r.verdict.summary).toContain('The logs give no time for this task, so they cannot tell whether it is the backup the portal reports as failed');
    expect(r.verdict.summaryNl).toContain('De logs geven geen tijd voor deze taak');
    expect(r.verdict.summary).toContain("compare it with the failed job's time in the portal. Filesystem freeze failed or timed out (");
    expect(r.verdict.summaryNl).toContain('vergelijk hem met de tijd van de mislukte job in de portal. Bevriezen van het bestandssysteem mislukte');
    expect(r.verdict.summary).not.toMatch(/ {2}|\s$/);
  });

  it('ends a sentence that a log text ends with one full stop', async () => {
    // Learn's VSS hold-writes message ends with its own full stop
    const r = await run('win-learn-vss-hold-writes-timeout-iops', false);
    expect(r.verdict.cause).toBe('fsfreeze-failed');
    expect(r.verdict.summary).toContain('Try again later when activity on the volume is reduced. None of these lines');
    expect(r.verdict.summary).not.toContain('..');
  });

  it('is absent without a failed task', async () => {
    const r = await run('neg-ext-263-lad-waagent-healthy', false);
    expect(r.verdict.failureAge).toBeUndefined();
  });
});
