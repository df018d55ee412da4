import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';
import { ROOT } from '../helpers/paths';

/**
 * Every sentence the analysis writes comes with its Dutch sibling (docs/CONTRACT.md): findings, missing
 * evidence, timeline labels and why a task did not finish. Run on real cases (test/cases), a Linux one whose
 * freeze never thawed and a Windows one whose agent cannot load its plugins.
 */
const CASES = ['ext-1868-freeze-never-thawed', 'win-learn-badimageformat-enable64bit'];

describe.each(CASES)('the result of %s in Dutch', (id) => {
  it('gives every finding, missing-evidence row, timeline label and unfinished task a Dutch text', async () => {
    const { result } = await analyzeBundle([join(ROOT, 'test', 'cases', id, 'files')]);
    expect(result.findings.length).toBeGreaterThan(20);
    for (const f of result.findings) {
      expect(f.reasonNl, f.cause).toBeTruthy();
      expect(f.reasonNl, f.cause).not.toBe(f.reason);
    }
    expect(result.missingEvidence.length).toBeGreaterThan(0);
    for (const m of result.missingEvidence) {
      expect(m.whyNl).toBeTruthy();
      expect(m.whyNl).not.toBe(m.why);
      expect(m.howToCollectNl).not.toBe(m.howToCollect);
    }
    for (const t of result.timeline.filter((i) => i.lane !== 'error')) expect(t.labelNl, t.label).not.toBe(t.label);
    for (const s of result.snapshots.filter((x) => x.unfinishedReason)) expect(s.unfinishedReasonNl).not.toBe(s.unfinishedReason);
  });
});

describe('a reason in Dutch', () => {
  it('says the same as the English, in the words of the support article', async () => {
    const { result } = await analyzeBundle([join(ROOT, 'test', 'cases', 'win-learn-badimageformat-enable64bit', 'files')]);
    const f = result.findings.find((x) => x.cause === 'agent-unresponsive')!;
    expect(f.reason).toMatch(/^The agent was alive but not working: the Windows VM Agent cannot load its plugins \(BadImageFormatException/);
    expect(f.reasonNl).toMatch(/^De agent leefde maar deed zijn werk niet: de Windows VM-agent kan zijn plug-ins niet laden \(BadImageFormatException/);
    expect(result.verdict.summaryNl).toContain(f.reasonNl);
    const notEvaluable = result.findings.filter((x) => x.verdict === 'not-evaluable');
    expect(notEvaluable.length).toBeGreaterThan(0);
    for (const x of notEvaluable) expect(x.reasonNl, x.cause).not.toMatch(/niet-evalueerba|\bverliep\b/);
  });
});
