// The Windows Backup extension's host snapshot line gives the snapshot's start and completion
// (`DoSnapshotHost=complete. startTime:…, completionTime:…`) and is timed at the completion: in an excerpt with no other
// time, the task and its snapshot phase start at that start, not at the completion (reconstruct/snapshots.ts).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeBundle } from '../../../src/main/pipeline/analyze-bundle';
import { CASES_DIR } from '../../accuracy/score';

describe('a Windows snapshot that succeeded, read from its host snapshot line', () => {
  it('starts at the host snapshot\'s startTime and ends at its completionTime', async () => {
    // win-neg-tsg-vmsnapshot-snapshot-complete (TheresaLui/SelfHelpContent_v2 TSG): the line reads
    // startTime:2021-01-06T21:41:03.2451404Z, completionTime:2021-01-06T21:41:04.4326503Z
    const { result } = await analyzeBundle([join(CASES_DIR, 'win-neg-tsg-vmsnapshot-snapshot-complete', 'files')]);
    expect(result.snapshots).toHaveLength(1);
    const [task] = result.snapshots;
    expect(task).toMatchObject({ result: 'success', start: '2021-01-06T21:41:03.245Z', end: '2021-01-06T21:41:04.432Z', durationMs: 1187 });
    expect(task.phases.find((p) => p.name === 'snapshot')).toMatchObject({ result: 'ok', start: '2021-01-06T21:41:03.245Z', end: '2021-01-06T21:41:04.432Z', durationMs: 1187 });
  });
});
