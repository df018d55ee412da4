import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';
import type { Finding } from '../../src/shared';

/**
 * What a finding cites and quotes, read on the real cases docs/AUDIT.md names: the line that holds the proof (not the
 * first line of its record, nor a neighbour), and the part of a message that says what failed.
 */
async function findingsOf(id: string, portalCode?: string): Promise<Finding[]> {
  const { result } = await analyzeBundle([join('test', 'cases', id, 'files')], portalCode ? { portalCode } : {});
  return result.findings.filter((f) => f.verdict === 'detected');
}
const places = (f: Finding | undefined) => (f?.evidence ?? []).map((e) => `${e.file.split('/').pop()}:${e.line}`);

describe('a multi-line record is cited at the line that proves the finding', () => {
  it('cites the telemetry event\'s "[HTTP Failed] … timed out" line and curl\'s error, not the event head and the command (jpaztech)', async () => {
    const [f] = await findingsOf('jpaztech-notready-guest-firewall-drops-wireserver');
    expect(f.cause).toBe('no-network-wireserver');
    expect(places(f).sort()).toEqual(['terminal-output.txt:2', 'waagent.log:2']);
    expect(f.evidence.find((e) => e.file.endsWith('waagent.log'))?.text).toContain('[HTTP Failed] POST http://168.63.129.16/machine -- IOError timed out');
    expect(f.evidence.find((e) => e.file.endsWith('terminal-output.txt'))?.text).toContain('curl: (7) Failed to connect to 168.63.129.16 port 80: Connection timed out');
  }, 60_000);

  it("cites what curl printed (000), not the command typed (waagent-3492)", async () => {
    const [f] = await findingsOf('waagent-3492-iptables-drop-wireserver');
    expect(f.cause).toBe('no-network-wireserver');
    expect(places(f).sort()).toEqual(['terminal-output.txt:2', 'waagent.log:1']);
    expect(f.evidence.find((e) => e.file.endsWith('terminal-output.txt'))?.text.trim()).toBe('000');
  }, 60_000);
});
