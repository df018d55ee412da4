// A status code is shown as the log says it (docs/AUDIT.md, session 22): the extension's number for a logged status name
// (761 for StatusCode.FailedRetryableSnapshotFailedRestrictedNetwork) or for logged words (121 for `Failed to FIFREEZE`)
// is not in the log, and an engineer searching the log for it finds nothing. Real cases' files (test/cases, sources in
// case.json).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';
import { classifyMessage } from '../../src/main/parse/vmsnapshot/milestones';
import { formatText } from '../../src/main/cli/text';

const CASES = join(__dirname, '..', 'cases');
const analyzeCase = async (id: string) => (await analyzeBundle([join(CASES, id, 'files')])).result;

describe('codes as the log says them', () => {
  it('a status name is said as logged, with the log\'s own errorcode, not our number (ext-494-restricted-network-409)', async () => {
    const r = await analyzeCase('ext-494-restricted-network-409');
    const f = r.findings.find((x) => x.cause === 'storage-unreachable')!;
    expect(f.reason).toContain("failed (StatusCode.FailedRetryableSnapshotFailedRestrictedNetwork; the log's errorcode is 409)");
    expect(f.reasonNl).toContain('(StatusCode.FailedRetryableSnapshotFailedRestrictedNetwork; de errorcode in het log is 409)');
    for (const text of [f.reason, f.reasonNl, r.verdict.summary, r.verdict.summaryNl]) expect(text).not.toContain('761');
    // the line with the number is cited beside the name's
    expect(f.evidence.map((e) => e.line)).toEqual([6, 7]);
    const t = r.snapshots[0];
    expect(t).toMatchObject({ code: 761, codeFrom: 'name', errorCode: 409, statusName: 'FailedRetryableSnapshotFailedRestrictedNetwork' });
    const text = formatText(r, 'en');
    expect(text).not.toContain('761');
    expect(text).toContain('code StatusCode.FailedRetryableSnapshotFailedRestrictedNetwork (errorcode 409)');
  }, 60_000);

  it('a code a line gives as a number stays the log\'s; one from a name or from words says where it came from', () => {
    expect(classifyMessage(' Enable,error,121,Freeze failed,')?.milestone).not.toHaveProperty('codeFrom');
    expect(classifyMessage('T:S snapshot result: errorcode: 409 StatusCode.FailedRetryableSnapshotFailedRestrictedNetwork,')?.milestone).toMatchObject({
      code: 761,
      codeFrom: 'name',
      errorCode: 409,
    });
    expect(classifyMessage('2016-12-10 01:11:00.532512  Info  Failed to FIFREEZE: /data/dblog')?.milestone).toMatchObject({ code: 121, codeFrom: 'words' });
  });

  it('a failed FIFREEZE names the mount point and no inferred code (waagent-525-fifreeze-new-volume)', async () => {
    const r = await analyzeCase('waagent-525-fifreeze-new-volume');
    const f = r.findings.find((x) => x.cause === 'fsfreeze-failed')!;
    expect(f.reason).toContain('the freeze of /data/dblog failed (Failed to FIFREEZE).');
    expect(f.reasonNl).toContain('mislukte het bevriezen van /data/dblog (Failed to FIFREEZE).');
    for (const text of [f.reason, f.reasonNl, r.verdict.summary, r.verdict.summaryNl, formatText(r, 'en')]) expect(text).not.toContain('121');
    expect(f.evidence.map((e) => e.text).join('\n')).not.toContain('proceeded for accepting signals');
    expect(f.evidence.some((e) => e.text.includes('Failed to FIFREEZE: /data/dblog'))).toBe(true);
  }, 60_000);

  it('a failed FITHAW is said as the thaw, with both mount points (learn-fsfreeze-fithaw-duplicate-mounts)', async () => {
    const r = await analyzeCase('learn-fsfreeze-fithaw-duplicate-mounts');
    const f = r.findings.find((x) => x.cause === 'fsfreeze-failed')!;
    expect(f.reason).toContain('the thaw of /boot and /usr/sap failed (Failed to FITHAW).');
    expect(f.reason).not.toContain('freeze failed');
    expect(f.reasonNl).toContain('mislukte het ontdooien van /boot en /usr/sap (Failed to FITHAW).');
  }, 60_000);
});
