// The storage rule's closing advice follows what the log shows: a host that answered the snapshot call with an HTTP
// error was reached (a network check would send the engineer the wrong way); a restricted network keeps the network
// check. Real cases' files (test/cases, sources in case.json).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';

const CASES = join(__dirname, '..', 'cases');
const storageFinding = async (id: string) => {
  const { result } = await analyzeBundle([join(CASES, id, 'files')]);
  const f = result.findings.find((x) => x.cause === 'storage-unreachable');
  expect(f?.verdict).toBe('detected');
  return f!;
};

describe('storage-unreachable: the host answered, or the network did not', () => {
  it('a DoSnapshot HTTP 500 names the answer and the Azure side, not outbound access (ext-pr2019-dosnapshot-bhs-500)', async () => {
    const f = await storageFinding('ext-pr2019-dosnapshot-bhs-500');
    // (the host's own message quoted between the status and the conclusion)
    expect(f.reason).toContain('The host answered dosnapshot with HTTP 500 ("Could not find config corresponding to the Disk');
    expect(f.reason).toContain('), so the way to 168.63.129.16 works');
    expect(f.reason).toContain('a server error, on the Azure side');
    expect(f.reason).not.toContain('Check outbound access');
    expect(f.reasonNl).toContain('De host beantwoordde dosnapshot met HTTP 500 (');
    expect(f.reasonNl).toContain('Could not find config corresponding to the Disk');
    expect(f.reasonNl).toContain(', dus de weg naar 168.63.129.16 werkt');
    expect(f.reasonNl).not.toContain('uitgaande toegang');
  }, 60_000);

  it('a restricted network keeps the network check (ext-494-restricted-network-409)', async () => {
    const f = await storageFinding('ext-494-restricted-network-409');
    expect(f.reason).toContain('Check outbound access to Azure Storage (NSG, firewall, proxy) and the WireServer.');
    expect(f.reason).not.toContain('The host answered');
  }, 60_000);
});
