import { describe, expect, it } from 'vitest';
import { classifyMessage } from '../../../src/main/parse/vmsnapshot/milestones';

/**
 * Signatures read from the Backup extension's source, for causes no public log shows in full. Each message below is
 * WRITTEN FROM A FORMAT STRING of Azure/azure-linux-extensions@b7eecd4b (not observed on a VM), named next to it.
 */
const said = (m: string) => {
  const x = classifyMessage(m)?.milestone;
  return x ? [x.milestone, x.code, x.statusName] : undefined;
};

describe('snapshot-task-delayed (402) wordings', () => {
  it('every CRP-timeout line is a crp-timeout with 402', () => {
    for (const m of [
      'CRP timeout limit has reached, should abort.', // VMBackup/main/freezesnapshotter.py:510 format string
      'CRP timeout limit has reached, will not take snapshot.', // VMBackup/main/handle.py:405 format string
      'T:S takeSnapshotFromGuest : Thawing as failing due to CRP timeout', // VMBackup/main/freezesnapshotter.py:381 format string
      'T:S takeSnapshotFromOnlyHost : Thawing as failing due to CRP timeout', // VMBackup/main/freezesnapshotter.py:469 format string
    ]) {
      expect([m, said(m)]).toEqual([m, ['crp-timeout', 402, 'FailedGuestAgentInvokedCommandTooLate']]);
    }
  });
});

describe('snapshot-limit-reached (85, 173) wordings', () => {
  it('the extension\'s own lines and the storage error codes of the guest path\'s response body', () => {
    // VMBackup/main/freezesnapshotter.py:264 format string
    expect(said('Retrying when snapshot failed with SnapshotRateExceeded')).toEqual(['snapshot-failed', 173, 'FailedRetryableSnapshotRateExceeded']);
    // VMBackup/main/freezesnapshotter.py:271-273 format string
    expect(said('T:S Enable failed with FailedSnapshotLimitReached errror StatusCode.FailedSnapshotLimitReached,')).toEqual(['snapshot-failed', 85, 'FailedSnapshotLimitReached']);
    // VMBackup/main/guestsnapshotter.py:168 format string ("responseBody: " + body); the body is a storage error
    // document with only its code (learn.microsoft.com/rest/api/storageservices/blob-service-error-codes)
    expect(said('responseBody: <?xml version="1.0" encoding="utf-8"?><Error><Code>SnapshotCountExceeded</Code>')).toEqual(['snapshot-failed', 85, 'FailedSnapshotLimitReached']);
    expect(said('responseBody: <?xml version="1.0" encoding="utf-8"?><Error><Code>SnapshotOperationRateExceeded</Code>')).toEqual(['snapshot-failed', 173, 'FailedRetryableSnapshotRateExceeded']);
    // a successful snapshot's empty body says nothing
    expect(said('responseBody: ')).toBeUndefined();
  });
});
