// A finding all of whose lines are a log's lines cut of their time says so in its reason (engine.ts toFinding), in
// both languages, in the JSON, the text report and the Dutch one; the weighing caps it (weigh.ts), never raises it.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AnalysisResult, CauseId } from '../../../src/shared';
import { renderAnalysis, msg } from '../../../src/shared/i18n/analysis';
import { timesCut, type Files } from '../../accuracy/perturb';
import { CASES_DIR } from '../../accuracy/score';
import { writeBundle } from '../../helpers/bundle';
import { runCli } from '../../helpers/cli';
import { caseAnalyser } from './changed-case';

const run = caseAnalyser('vmbd-untimed-reason-');
const tmp = mkdtempSync(join(tmpdir(), 'vmbd-untimed-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const find = (r: AnalysisResult, c: CauseId) => r.findings.find((f) => f.cause === c)!;
const filesOf = (id: string): Files => readdirSync(join(CASES_DIR, id, 'files')).map((n) => [n, readFileSync(join(CASES_DIR, id, 'files', n), 'utf8')]);
const SAID = { en: 'None of these lines carries a time', nl: 'Geen van deze regels heeft een tijd' };
const noTask = { en: renderAnalysis(msg('engine.untimed-lines', { timedTask: false }), 'en'), nl: renderAnalysis(msg('engine.untimed-lines', { timedTask: false }), 'nl') };
const timedTask = { en: renderAnalysis(msg('engine.untimed-lines', { timedTask: true }), 'en'), nl: renderAnalysis(msg('engine.untimed-lines', { timedTask: true }), 'nl') };

// waagent-797 (Azure/WALinuxAgent#797): "WARNING Service temporarily unavailable, sleeping 15s before retrying." five
// times, 2017/07/07 11:53:52–11:54:52; perturb.ts timesCut cuts each record's stamp (the test's change, not posted)
const CASE = 'waagent-797-wireserver-503-blocked';

describe('a finding whose lines all lost their time', () => {
  it('says so in English and Dutch, and keeps its confidence (no failed task: nothing to place it against)', async () => {
    const plain = find(await run(CASE), 'no-network-wireserver');
    expect(plain.reason).not.toContain(SAID.en);
    const r = await run(CASE, timesCut());
    const f = find(r, 'no-network-wireserver');
    expect(f).toMatchObject({ verdict: 'detected', relation: 'untimed', confidence: plain.confidence });
    expect(f.evidence.every((e) => e.time === null)).toBe(true);
    expect(f.reason.endsWith(noTask.en)).toBe(true);
    expect(f.reasonNl?.endsWith(noTask.nl)).toBe(true);
    // the verdict quotes the top finding's reason
    expect(r.verdict.cause).toBe('no-network-wireserver');
    expect(r.verdict.summary).toContain(noTask.en.trim());
    expect(r.verdict.summaryNl).toContain(noTask.nl.trim());
  });

  it('against a failed task with a time: capped as a line written before it, and says so', async () => {
    // ext-494's extension.log (its failed snapshot, 2017-11-14) beside 797's waagent.log with its stamps cut
    const r = await run('ext-494-restricted-network-409', (files) => [...files, ...timesCut()(filesOf(CASE))!]);
    expect(r.failedTask?.start).toBeTruthy();
    const f = find(r, 'no-network-wireserver');
    expect(f).toMatchObject({ verdict: 'detected', relation: 'untimed' });
    expect(f.confidence).not.toBe('high');
    expect(f.reason.endsWith(timedTask.en)).toBe(true);
    expect(f.reasonNl?.endsWith(timedTask.nl)).toBe(true);
    // the task's own finding has times: it says nothing of the kind
    expect(find(r, 'storage-unreachable').reason).not.toContain(SAID.en);
  });

  it('is said in the CLI\'s JSON, its text report and its Dutch report', async () => {
    const dir = writeBundle(tmp, timesCut()(filesOf(CASE))!);
    const json = await runCli(['analyze', dir, '--format', 'json']);
    const parsed = JSON.parse(json.out) as AnalysisResult;
    expect(find(parsed, 'no-network-wireserver').reason).toContain(noTask.en);
    expect(find(parsed, 'no-network-wireserver').reasonNl).toContain(noTask.nl);
    const text = await runCli(['analyze', dir]);
    expect(text.out).toContain(SAID.en);
    const nl = await runCli(['analyze', dir, '--lang', 'nl']);
    expect(nl.out).toContain(SAID.nl);
    expect(nl.out).not.toContain(SAID.en);
  });
});
