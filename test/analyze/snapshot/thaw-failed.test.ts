import { describe, expect, it } from 'vitest';
import { recognise } from '../../../src/shared/formats';
import { analyzeFiles } from './helpers';

/**
 * The safefreeze binary cannot undo its own freeze: `Failed to FITHAW: <mount>` (a mount point listed twice). The
 * Learn article files these lines under UserErrorFsFreezeFailed; they reach a ticket as a loose extension.log
 * excerpt without the handler's `[Microsoft…VMSnapshotLinux-1.0]` prefix, often indented.
 */

// Microsoft Learn, "Troubleshooting backup failures on Azure virtual machines", UserErrorFsFreezeFailed step 2
// (test/cases/learn-fsfreeze-fithaw-duplicate-mounts), verbatim with the article's indentation.
const LEARN = [
  '    2017-11-02 11:22:56 Thawing: /boot',
  '    2017-11-02 11:22:56 Failed to FITHAW: /boot',
  '    2017-11-02 11:22:56 Thawing: /sapshare',
  '    2017-11-02 11:22:56 Thawing: /usr/sap',
  '    2017-11-02 11:22:56 Failed to FITHAW: /usr/sap',
].join('\n');

// The later safefreeze.c words the same failure `logger("Failed to FITHAW: %s with error message : %s\n", mountPoint,
// strerror(errno))` after the `%F %X ` time (azure-linux-extensions VMBackup/main/safefreeze/src/safefreeze.c),
// rendered here for one mount and EINVAL.
const LATER = ['2017-11-02 11:22:56 Thawing: /boot', '2017-11-02 11:22:56 Failed to FITHAW: /boot with error message : Invalid argument'].join('\n');

describe('safefreeze thaw failures', () => {
  it('a loose excerpt of the binary output is read as the Backup extension log, indented or not', () => {
    expect(recognise(LEARN)?.kind).toBe('vmsnapshot-extension-log');
    expect(recognise(LATER)?.kind).toBe('vmsnapshot-extension-log');
  });

  it('the article sample: fsfreeze-failed with both FITHAW lines as evidence', async () => {
    const r = await analyzeFiles({ 'extension.log': LEARN });
    const f = r.findings.find((x) => x.cause === 'fsfreeze-failed')!;
    expect(f.verdict).toBe('detected');
    expect(f.evidence.map((e) => e.text.trim())).toEqual(['2017-11-02 11:22:56 Failed to FITHAW: /boot', '2017-11-02 11:22:56 Failed to FITHAW: /usr/sap']);
    expect(r.snapshots[0].phases.find((p) => p.name === 'thaw')?.result).toBe('failed');
  });

  it('the later wording with the error message is the same failure', async () => {
    const r = await analyzeFiles({ 'extension.log': LATER });
    expect(r.findings.find((x) => x.cause === 'fsfreeze-failed')).toMatchObject({ verdict: 'detected', evidence: [expect.objectContaining({ line: 2 })] });
  });

  it('thawing without a failure is not a freeze problem', async () => {
    const r = await analyzeFiles({ 'extension.log': '    2017-11-02 11:22:56 Thawing: /sapshare\n    2017-11-02 11:22:56 Thawing: /usr/sap' });
    expect(r.findings.find((x) => x.cause === 'fsfreeze-failed')?.verdict).not.toBe('detected');
  });
});
