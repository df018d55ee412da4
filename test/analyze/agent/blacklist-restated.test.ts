import { describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../../src/shared';
import { analyzeFiles } from '../snapshot/helpers';

/**
 * `is blacklisted - skipping download` (≤2.2.14) repeats an earlier blacklisting on every update check; the
 * maintainers call it excessive logging (WALinuxAgent #862). The blacklisting itself (`is permanently blacklisted`)
 * is a failed self-update.
 */
const outdated = (r: AnalysisResult) => r.findings.find((f) => f.cause === 'agent-outdated')!;

// WALinuxAgent #862 (test/cases/neg-waagent-862-blacklisted-skipping-download-noise)
const NOISE = [
  '2017/08/24 11:12:51.292124 INFO Agent WALinuxAgent-2.2.13 is blacklisted - skipping download',
  '2017/08/24 11:12:54.848243 INFO Agent WALinuxAgent-2.2.13 is blacklisted - skipping download',
  '2017/08/24 11:12:58.129415 INFO Agent WALinuxAgent-2.2.13 is blacklisted - skipping download',
  '2017/08/24 11:13:01.094124 INFO Agent WALinuxAgent-2.2.13 is blacklisted - skipping download',
].join('\n');

describe('agent-outdated and blacklisted update candidates', () => {
  it('repeated "skipping download" lines restate an old blacklisting: no failing self-update is detected from them', async () => {
    // a low hint from them outranked a real low finding of the same weight (test/accuracy/perturb.test.ts: the #862
    // lines inserted in WALinuxAgent #1335's log put agent-outdated before the static-IP DHCP failure)
    const f = outdated(await analyzeFiles({ 'waagent.log': NOISE }));
    expect(f.verdict).not.toBe('detected');
    // with the DHCP failure of test/cases/waagent-1335-static-ip-no-dhcp (its line, retimed after these)
    const withDhcp = await analyzeFiles({ 'waagent.log': `${NOISE}\n2017/08/24 11:13:04.094124 WARNING ExtHandler Failed to send DHCP request: [DhcpError] timed out` });
    expect(withDhcp.findings.find((x) => x.verdict === 'detected')?.cause).toBe('dhcp-disabled');
  });

  it('a version blacklisted now is still a failing self-update (medium)', async () => {
    // the blacklisting as azurelinuxagent/ga/update.py words it from 2.2.x on (`Agent {0} is permanently blacklisted`)
    const log = '2021-03-30T19:40:00.000001Z WARNING ExtHandler ExtHandler Agent WALinuxAgent-2.2.53.1 is permanently blacklisted';
    expect(outdated(await analyzeFiles({ 'waagent.log': log }))).toMatchObject({ verdict: 'detected', confidence: 'medium' });
  });
});
