// The platform named by what the bundle holds when no file placed it (docs/AUDIT.md, session 22): a terminal's
// `systemctl status waagent.service` is a Linux guest, an instance view of Microsoft.Compute.* handlers a Windows one,
// and the remedy then shows only that platform's steps. Real cases' files (test/cases, sources in case.json).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';

const CASES = join(__dirname, '..', 'cases');
const analyzeCase = async (id: string) => (await analyzeBundle([join(CASES, id, 'files')])).result;
const steps = (r: Awaited<ReturnType<typeof analyzeCase>>) => r.findings.filter((f) => f.verdict === 'detected').flatMap((f) => f.remedy);

describe('platform named by the bundle', () => {
  it('waagent.service in a terminal transcript: Linux, no Windows steps (jpaztech-notready-agent-service-stopped)', async () => {
    const r = await analyzeCase('jpaztech-notready-agent-service-stopped');
    expect(r.vm.platform).toBe('linux');
    expect(steps(r).filter((s) => s.startsWith('Windows VMs'))).toEqual([]);
  }, 60_000);

  it.each(['win-learn-features-windows-instance-view-cse-failed', 'win-learn-exttroubleshoot-vmaccess-firewall-service-0x800706d9'])(
    'Microsoft.Compute.* handlers in an instance view: Windows, no Linux steps (%s)',
    async (id) => {
      const r = await analyzeCase(id);
      expect(r.vm.platform).toBe('windows');
      expect(steps(r).filter((s) => s.startsWith('Linux VMs'))).toEqual([]);
    },
    60_000,
  );
});
