import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyMessage } from '../../../src/main/parse/vmsnapshot/milestones';
import { EXT_LOG, analyzeFiles } from './helpers';

/**
 * `doFreezeSnapshot : run_result - <n> run_status - <success|error> all_failed - <b> unable_to_sleep - <b>
 * is_inconsistent - <b> values post snapshot` (Azure/azure-linux-extensions@b7eecd4b VMBackup/main/freezesnapshotter.py:190,
 * the same words since @27336e63 2019-09): the snapshot phase's result, logged after the thaw.
 */
const GUIDE = readFileSync(new URL('../../cases/neg-tsg-vmsnapshotlinux-extension-log-normal-backup/files/extension.log', import.meta.url), 'utf8');
const guideLines = GUIDE.split('\n').filter((l) => l.trim() !== '');

describe('run_status after the snapshot', () => {
  it('reads the guide\'s line as a successful snapshot phase, and the format string\'s other values as not', () => {
    // the troubleshooting guide's normal backup, verbatim
    expect(classifyMessage(guideLines.at(-1)!)?.milestone).toMatchObject({ milestone: 'snapshot-result', status: 'success', ok: true });
    // freezesnapshotter.py:190 format string, with run_status 'error' (freezesnapshotter.py:250-300) and with every disk failed
    expect(classifyMessage('doFreezeSnapshot : run_result - 2 run_status - error all_failed - False unable_to_sleep - False is_inconsistent - False values post snapshot')?.milestone).toMatchObject({ milestone: 'snapshot-result', status: 'error', ok: false });
    expect(classifyMessage('doFreezeSnapshot : run_result - 1 run_status - success all_failed - True unable_to_sleep - False is_inconsistent - False values post snapshot')?.milestone).toMatchObject({ milestone: 'snapshot-result', status: 'success', ok: false });
  });

  it('the guide\'s normal backup is a successful task, not the failed one', async () => {
    const r = await analyzeFiles({ [EXT_LOG]: GUIDE });
    expect(r.snapshots.map((t) => t.result)).toEqual(['success']);
    expect(r.failedTask).toBeUndefined();
  });
});
