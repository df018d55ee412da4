// Why a task is unfinished is a code the rules read (snapshots[].unfinishedCode), and its words are the platform's:
// a Windows VSS hang is not described with the Linux freeze binary's "proceeded for accepting signals".
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFiles } from '../snapshot/helpers';
import { CASES_DIR } from '../../accuracy/score';

const lines = (caseId: string, file: string) => readFileSync(join(CASES_DIR, caseId, 'files', file), 'utf8').split('\n');

describe('unfinished tasks by code, said for their platform', () => {
  it('Windows: the plugin log ends waiting for VSS PrepareForBackup → vss-waiting, fsfreeze-failed says VSS', async () => {
    // the VMSnapshot troubleshooting guide's IaaSBcdrExtension.log (test/cases/win-neg-tsg-vmsnapshot-snapshot-complete),
    // cut after its "Waiting for PrepareForBackup" line: the shape of a VSS call that never returned
    const log = lines('win-neg-tsg-vmsnapshot-snapshot-complete', 'IaaSBcdrExtension.log');
    const cut = log.findIndex((l) => l.includes('Waiting for PrepareForBackup'));
    const r = await analyzeFiles({ 'IaaSBcdrExtension.log': log.slice(0, cut + 1).join('\n') });
    expect(r.snapshots.at(-1)).toMatchObject({ result: 'unfinished', unfinishedCode: 'vss-waiting' });
    expect(r.snapshots.at(-1)?.unfinishedReason).toMatch(/waiting for VSS PrepareForBackup/);
    expect(r.snapshots.at(-1)?.unfinishedReasonNl).toMatch(/wacht op VSS PrepareForBackup/);
    const f = r.findings.find((x) => x.cause === 'fsfreeze-failed')!;
    expect(f).toMatchObject({ verdict: 'detected', confidence: 'high' });
    expect(f.reason).toMatch(/VSS snapshot .* never returned: the plugin log ends waiting for VSS PrepareForBackup/);
    for (const text of [f.reason, f.reasonNl ?? '', r.snapshots.at(-1)?.unfinishedReason ?? '']) expect(text).not.toMatch(/accepting signals/);
    expect(r.findings.find((x) => x.cause === 'extension-stuck')).toMatchObject({ verdict: 'detected', confidence: 'medium' });
  });

  it('Linux: the freeze binary\'s log ends at its signal line → frozen (WALinuxAgent #525\'s excerpt cut there)', async () => {
    const log = lines('waagent-525-fifreeze-new-volume', 'extension.log');
    const cut = log.findIndex((l) => l.includes('proceeded for accepting signals'));
    const r = await analyzeFiles({ 'extension.log': log.slice(0, cut + 1).join('\n') });
    expect(r.snapshots.at(-1)).toMatchObject({ result: 'unfinished', unfinishedCode: 'frozen' });
    expect(r.findings.find((x) => x.cause === 'fsfreeze-failed')?.reason).toMatch(/proceeded for accepting signals/);
  });
});
