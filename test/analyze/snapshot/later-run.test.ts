import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers/paths';
import { analyzeFiles } from './helpers';

/**
 * The next night's backup in the same extension.log, its excerpt without a sequence-number line of its own: the
 * extension's log context still holds the failed job's sequence number, which names that job's task. A run that starts
 * hours after that job finished is a run of its own, not more of the failed job.
 */

// the sample VM's extension.log: four nights that worked, then the freeze failed (task 7d3c2a8e…, sequence 15)
const SAMPLE = readFileSync(join(ROOT, 'assets/sample/vm/var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log'), 'utf8').replace(/\n+$/, '');
// the troubleshooting guide's key lines of a backup that worked (test/cases/neg-tsg-vmsnapshotlinux-extension-log-normal-backup),
// a day and a half after the failure, each behind a time stamp as the sample writes its handler's lines
const GUIDE = readFileSync(join(ROOT, 'test/cases/neg-tsg-vmsnapshotlinux-extension-log-normal-backup/files/extension.log'), 'utf8').split('\n').filter((l) => l.trim());
const at = (k: number) => `2026-11-21 09:14:${String(3 + Math.floor(k / 100)).padStart(2, '0')}.${String((k % 100) * 10).padStart(3, '0')}123`;
const LATER = GUIDE.map((l, k) => `${at(k)} ${l}`);

const detected = (r: Awaited<ReturnType<typeof analyzeFiles>>) => r.findings.filter((f) => f.verdict === 'detected').map((f) => `${f.cause} (${f.confidence})`);

describe('a later run whose excerpt names no sequence number of its own', () => {
  it('is a task of its own, and the failed job keeps its own end', async () => {
    const alone = await analyzeFiles({ 'extension.log': `${SAMPLE}\n` });
    const failed = alone.snapshots.find((t) => t.taskId === alone.failedTask?.taskId)!;
    expect(failed.taskId.startsWith('7d3c2a8e')).toBe(true);
    expect(detected(alone)).toEqual(['fsfreeze-failed (high)']);

    const r = await analyzeFiles({ 'extension.log': `${SAMPLE}\n${LATER.join('\n')}\n` });
    expect(r.snapshots).toHaveLength(alone.snapshots.length + 1);
    expect(r.failedTask?.taskId).toBe(failed.taskId);
    expect(r.snapshots.find((t) => t.taskId === failed.taskId)?.end).toBe(failed.end);
    const later = r.snapshots.at(-1)!;
    expect(later.taskId).not.toBe(failed.taskId);
    expect(later.seqNo).toBeUndefined();
    expect(later.start?.startsWith('2026-11-21T09:14')).toBe(true);
    // a later backup worked: the failure is real, no longer the VM's state
    expect(detected(r)).toEqual(['fsfreeze-failed (medium)']);
  });

  it('a run minutes after the failed job, of the same sequence number, is still that job', async () => {
    const soon = LATER.map((l) => l.replace('2026-11-21 09:14', '2026-11-19 22:04'));
    const r = await analyzeFiles({ 'extension.log': `${SAMPLE}\n${soon.join('\n')}\n` });
    const alone = await analyzeFiles({ 'extension.log': `${SAMPLE}\n` });
    expect(r.snapshots).toHaveLength(alone.snapshots.length);
  });
});
