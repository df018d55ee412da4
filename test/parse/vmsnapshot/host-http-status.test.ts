import { describe, expect, it } from 'vitest';
import { classifyMessage } from '../../../src/main/parse/vmsnapshot/milestones';

/**
 * The Backup Host Service's HTTP status is not an extension status code: a DoSnapshot 500 once became
 * "500 FailedWorkloadPreError" and a confident pre-script verdict. The extension reports a failed host
 * call as 558. Message from the real body quoted in Azure/azure-linux-extensions PR #2019.
 */
describe('host snapshot call failures', () => {
  it.each([
    'dosnapshot responseBody: StatusCode:500, ErrorMessage: Could not find config corresponding to the Disk  - md-zt1h5xp3fb3q - 4gsgxhsfkwl2/abcd, bhsVersion:3.0.51.0',
    'PreSnapshot: Status Code: 500',
  ])('%s → snapshot-failed 558 with the HTTP status in the detail', (msg) => {
    const m = classifyMessage(msg);
    expect(m?.milestone).toMatchObject({ milestone: 'snapshot-failed', code: 558, path: 'host', detail: expect.stringMatching(/HTTP 500$/) });
  });
});
