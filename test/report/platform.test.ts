import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { buildReportModel, renderHtml, renderMarkdown } from '../../src/main/report';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';
import { CASES_DIR } from '../accuracy/score';

/**
 * The report names a cause as the guest's platform has it: a Windows VSS failure (win-learn-vss-hold-writes-timeout-iops,
 * Microsoft Learn's VSS event) is the VSS shadow copy, with the Windows extension's codes, not Linux's freeze; a Linux
 * freeze failure (waagent-525) keeps its title and lists no VSS code. The cause id is the same on both.
 */
const open = async (id: string) => (await analyzeBundle([join(CASES_DIR, id, 'files')])).result;

describe('the report on a Windows and a Linux consistency failure', () => {
  it('Windows: the VSS title and codes, English and Dutch, in HTML and Markdown', async () => {
    const r = await open('win-learn-vss-hold-writes-timeout-iops');
    expect(r.vm.platform).toBe('windows');
    for (const [lang, title] of [
      ['en', 'VSS shadow copy failed or timed out'],
      ['nl', 'VSS-schaduwkopie mislukte of duurde te lang'],
    ] as const) {
      const m = buildReportModel(r, { lang, redact: true });
      expect(m.verdict.headline).toContain(title);
      expect(m.detected[0]).toMatchObject({ cause: 'fsfreeze-failed', title, portalCodes: ['ExtensionFailedVssWriterInBadState', 'ExtensionFailedVssServiceInBadState', 'ExtensionSnapshotBitlockerError'] });
      expect(m.verdict.portalCodes).toEqual(['ExtensionFailedVssWriterInBadState', 'ExtensionFailedVssServiceInBadState', 'ExtensionSnapshotBitlockerError']);
      for (const out of [renderHtml(m), renderMarkdown(m)]) {
        expect(out).toContain(title);
        expect(out).not.toMatch(/Filesystem freeze failed|Bevriezen van het bestandssysteem mislukte|UserErrorFsFreeze/);
      }
    }
  });

  it('Linux: the freeze title; no VSS code', async () => {
    const r = await open('waagent-525-fifreeze-new-volume');
    expect(r.vm.platform).toBe('linux');
    const m = buildReportModel(r, { lang: 'en', redact: true });
    const freeze = [...m.detected, ...m.notEvaluable, ...m.ruledOut].find((f) => f.cause === 'fsfreeze-failed')!;
    expect(freeze.title).toBe('Filesystem freeze failed or timed out');
    expect(freeze.portalCodes).toEqual(['UserErrorFsFreezeFailed', 'UserErrorFsFreezeTimeout', 'UserErrorUnableToOpenMount']);
    expect(renderHtml(m)).not.toMatch(/ExtensionFailedVss|ExtensionSnapshotBitlockerError|FailedCOM|FailedMDTC|VCRedist/);
  });
});
