// A Windows backup's consistency step is VSS: a VSS failure the event log tells is said in VSS words, with no
// extension status code the Windows logs never wrote (the Linux extension's 122 was shown before), whatever the
// event export's file is called.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeBundle } from '../../../src/main/pipeline/analyze-bundle';
import { CASES_DIR } from '../../accuracy/score';

const tmp = mkdtempSync(join(tmpdir(), 'vmbd-vss-words-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const EVENT = join(CASES_DIR, 'win-learn-vss-hold-writes-timeout-iops', 'files', 'Application-event.txt');

describe('a VSS failure from a Windows event export', () => {
  for (const name of ['Application-event.txt', 'notes.txt']) {
    it(`saved as ${name}: no Linux status code, the VSS snapshot named as the step`, async () => {
      const dir = join(tmp, name);
      mkdirSync(dir, { recursive: true });
      copyFileSync(EVENT, join(dir, name));
      const r = (await analyzeBundle([dir])).result;
      const [task] = r.snapshots;
      expect(task.result).toBe('failed');
      expect(task.code).toBeUndefined();
      expect(task.statusName).toBeUndefined();
      // the phase keeps its timeout, and names no event id the bare message does not carry
      expect(task.phases.find((p) => p.name === 'freeze')).toMatchObject({ result: 'timed-out' });
      expect(task.phases.map((p) => p.detail ?? '').join(' ')).not.toMatch(/\(VSS 0\)/);
      expect(r.verdict.summary).toMatch(/stopped at the VSS snapshot/);
      expect(r.verdict.summaryNl).toMatch(/stopte bij de VSS-momentopname/);
      for (const text of [r.verdict.summary, r.verdict.summaryNl]) expect(text).not.toMatch(/\b122\b|FailedRetryable|filesystem freeze\)|unknown/);
      const finding = r.findings.find((f) => f.cause === 'fsfreeze-failed')!;
      expect(finding.reason).toMatch(/the snapshot task \(no task id in the logs\) the VSS snapshot \(Windows application consistency\) failed: The shadow copy provider timed out/);
      // the log's own words are quoted inside the Dutch sentence
      expect(finding.reasonNl).toMatch(/: "The shadow copy provider timed out/);
    });
  }
});

describe("a VSS writer's veto alone (VSS 8229)", () => {
  // win-jpabrs-csv-writer-8229-prepare-for-snapshot (jpabrs-scem blog, Azure Backup support Japan): the Cluster Shared
  // Volume VSS Writer vetoed PrepareForSnapshot; the post says the backup is then only file-system consistent, as Learn's
  // "About Azure VM backup" says of "Some VSS writers failed"
  const CASE = join(CASES_DIR, 'win-jpabrs-csv-writer-8229-prepare-for-snapshot', 'files');

  it('is the cause at medium without a portal code, and says the backup falls back rather than fails', async () => {
    const r = (await analyzeBundle([CASE])).result;
    const f = r.findings.find((x) => x.cause === 'fsfreeze-failed')!;
    expect(f).toMatchObject({ verdict: 'detected', confidence: 'medium', role: 'primary' });
    expect(r.verdict.cause).toBe('fsfreeze-failed');
    expect(f.reason).toContain("A VSS writer's veto alone does not fail a backup");
    expect(f.reasonNl).toContain('Een weigering van een VSS-writer alleen laat een back-up niet mislukken');
  });

  it('stays high when the portal code says the job failed on the writers', async () => {
    const r = (await analyzeBundle([CASE], { portalCode: 'ExtensionFailedVssWriterInBadState' })).result;
    expect(r.findings.find((x) => x.cause === 'fsfreeze-failed')).toMatchObject({ verdict: 'detected', confidence: 'high' });
  });

  it('other VSS failures keep their confidence (the hold-writes timeout fails the snapshot)', async () => {
    const dir = join(tmp, 'hold-writes');
    mkdirSync(dir, { recursive: true });
    copyFileSync(EVENT, join(dir, 'Application-event.txt'));
    const f = (await analyzeBundle([dir])).result.findings.find((x) => x.cause === 'fsfreeze-failed')!;
    expect(f.confidence).toBe('high');
    expect(f.reason).not.toContain('veto');
  });
});
