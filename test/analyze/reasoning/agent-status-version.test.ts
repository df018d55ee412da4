// The goal-state agent a `systemctl status` block of the agent's unit names on its CGroup line (the ExtHandler running
// `bin/WALinuxAgent-<version>-py<python>.egg -run-exthandlers`, parse/system/service-state.ts), timed when the status
// was printed: agent-outdated judges a bundle that holds only such a block.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeBundle } from '../../../src/main/pipeline/analyze-bundle';
import { statusPrinted } from '../../../src/main/parse/system/service-state';
import { CASES_DIR } from '../../accuracy/score';

describe('the goal-state agent of a systemctl status block', () => {
  it('reads when the status was printed: the Active line\'s since plus how long ago', () => {
    // Azure/WALinuxAgent#871 (AST: the VM's wall clock), tp-nuage (Ubuntu 22.04), puppeteers (Ubuntu 22.04)
    expect(statusPrinted('   Active: active (running) since Fri 2017-09-01 12:47:46 AST; 1h 37min ago')).toEqual({ ms: Date.parse('2017-09-01T14:24:46Z'), zone: 'local' });
    expect(statusPrinted('     Active: active (running) since Tue 2025-03-18 09:23:51 UTC; 3min 12s ago')).toEqual({ ms: Date.parse('2025-03-18T09:27:03Z'), zone: 'utc' });
    expect(statusPrinted('     Active: active (running) since Mon 2022-08-29 11:43:50 UTC; 37min ago')).toEqual({ ms: Date.parse('2022-08-29T12:20:50Z'), zone: 'utc' });
    // systemd's longer forms (format_timestamp_relative): a month is 30.44 days, a year 365.25
    expect(statusPrinted('   Active: active (running) since Mon 2022-08-29 11:43:50 UTC; 1 year 2 months ago')?.ms).toBe(Date.parse('2022-08-29T11:43:50Z') + 31_557_600_000 + 2 * 2_629_800_000);
    expect(statusPrinted('   Active: active (running) since Mon 2022-08-29 11:43:50 UTC; 2w 3d ago')?.ms).toBe(Date.parse('2022-08-29T11:43:50Z') + 17 * 86_400_000);
    // no relative time (a line cut, `--timestamp` without it): not when the status was printed
    expect(statusPrinted('   Active: failed (Result: start-limit) since 2017-08-16 17:37:56 UTC')).toBeUndefined();
  });

  const cases: [id: string, version: string, verdict: string, confidence: string, line: number, time: string][] = [
    ['neg-tp-nuage-ubuntu2204-agent-2-12-status-pager-cut', '2.12.0.2', 'ruled-out', 'high', 11, '2025-03-18T09:27:03.000Z'],
    ['neg-puppeteers-walinuxagent-active-running', '2.8.0.11', 'ruled-out', 'high', 12, '2022-08-29T12:20:50.000Z'],
    // 2020 and 2017 lines: below today's minimum, which those logs predate (low)
    ['neg-learn-linux-agent-service-running', '2.2.51', 'detected', 'low', 9, '2020-10-08T17:13:38.000Z'],
    // `waagent -version` printed `Goal state agent: b'2.2.13'` (Python 3's bytes): the status block names it
    ['neg-waagent-787-healthy-service-status', '2.2.13', 'detected', 'low', 12, '2017-06-26T11:00:25.000Z'],
  ];
  for (const [id, version, verdict, confidence, line, time] of cases)
    it(`${id}: ${version}, agent-outdated ${verdict} ${confidence}, cited at its CGroup line`, async () => {
      const { result } = await analyzeBundle([join(CASES_DIR, id, 'files')]);
      expect(result.agent.goalStateAgentVersion).toBe(version);
      const f = result.findings.find((x) => x.cause === 'agent-outdated')!;
      expect([f.verdict, f.confidence]).toEqual([verdict, confidence]);
      expect(f.evidence[0]).toMatchObject({ line, time });
      expect(f.evidence[0].text).toMatch(new RegExp(`^\\d+ python3? -u bin/WALinuxAgent-${version.replace(/\./g, '\\.')}-py[\\d.]+\\.egg -run-exthandlers$`));
    });
});
