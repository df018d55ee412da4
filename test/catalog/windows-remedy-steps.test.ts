import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';
import type { CauseId } from '../../src/shared';

const CASES = join(__dirname, '../cases');

async function finding(id: string, cause: CauseId) {
  const { result } = await analyzeBundle([join(CASES, id, 'files')]);
  const f = result.findings.find((x) => x.cause === cause && x.verdict === 'detected');
  if (!f) throw new Error(`${id}: no ${cause}`);
  return f;
}

/** What the engineer reads in the remedy of Windows cases, as docs/AUDIT.md's rows asked. */
describe('Windows remedy steps', () => {
  // the self-help guide's Cause 3 and ExtensionVCRedistInstallationFailure name the 2015 redistributable, but the
  // package's vcredist2013_x64 file installs the 2013 runtime, 12.0 (msvcp120/msvcr120): an engineer looking for
  // "2015" in Programs and Features must not be misled
  it('win-tsg-vmsnapshot-install-provider-com: the VC++ step says what vcredist2013_x64 installs', async () => {
    const f = await finding('win-tsg-vmsnapshot-install-provider-com', 'extension-failed-state');
    const step = f.remedy.find((s) => s.includes('Install provider failed'));
    expect(step).toContain("(the article's words; that file installs the Visual C++ 2013 runtime, version 12.0: msvcp120.dll and msvcr120.dll");
    expect(f.remedyNl?.find((s) => s.includes('Install provider failed'))).toContain('dat bestand installeert de Visual C++ 2013-runtime, versie 12.0');
    expect(f.remedy.find((s) => s.includes('ExtensionVCRedistInstallationFailure'))).toContain('vcredist2013_x64 (the Visual C++ 2013 runtime, 12.0)');
  }, 60_000);
});

/**
 * A finding leads with the step its evidence points at (RemedyOrder): the article's fix for that error before the
 * cause's other steps, which keep their order.
 */
describe('Windows remedy steps the evidence puts first', () => {
  // "Troubleshoot extension certificate issues on a Windows VM in Azure": these errors are the variant of
  // FailedToDecryptProtectedSettings caused by wrong permissions on Crypto\RSA\MachineKeys; Solution 2 fixes the ACL
  for (const id of ['win-learn-extcert-invalid-provider-type', 'win-learn-extcert-keyset-does-not-exist', 'win-learn-extcert-wad-keyset-does-not-exist-stack']) {
    it(`${id}: the MachineKeys ACL, not the clock or a missing certificate`, async () => {
      const f = await finding(id, 'certificate-missing');
      expect(f.reason).toContain('could not use the private key of the certificate that protects its settings');
      expect(f.reason).toContain('wrong permissions on C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys');
      expect(f.reason).not.toContain("without the goal state's certificates");
      expect(f.reasonNl).toContain('verkeerde machtigingen op C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys');
      expect(f.remedy[0]).toMatch(/^Windows VMs \("Keyset does not exist", "Invalid provider type specified".*Solution 2.*\/grant SYSTEM:\(F\).*\/grant Administrators:\(RX\)/);
      expect(f.remedy[1]).toMatch(/^Windows VMs \(ExtensionConfigParsingFailure\): run `icacls/);
      expect(f.remedyNl![0]).toMatch(/^Windows-VM's \("Keyset does not exist".*oplossing 2 van het artikel/);
      // every step still there, once; the error the first step names is named by it alone (EN and NL)
      expect(f.remedy).toHaveLength(new Set(f.remedy).size);
      expect(f.remedy.filter((s) => s.includes('Keyset does not exist'))).toEqual([f.remedy[0]]);
      expect(f.remedyNl!.filter((s) => s.includes('Keyset does not exist'))).toEqual([f.remedyNl![0]]);
      expect(f.remedy.some((s) => s.startsWith('Make sure the VM clock is synchronised'))).toBe(true);
    }, 60_000);
  }

  it("win-learn-extcert-self-signed-generation-failed: another certificate error keeps the article's order and clause", async () => {
    const f = await finding('win-learn-extcert-self-signed-generation-failed', 'certificate-missing');
    expect(f.reason).toContain("without the goal state's certificates");
    expect(f.remedy[0]).toMatch(/^Make sure the VM clock is synchronised/);
  }, 60_000);

  // "Troubleshoot Azure Windows VM Agent issues": the agent stops at start with a ConfigurationErrorsException when
  // machine.config is missing or corrupt; reinstalling the agent does not fix that
  it('win-learn-machine-config-agent-1026: the machine.config step first for a ConfigurationErrorsException', async () => {
    const f = await finding('win-learn-machine-config-agent-1026', 'agent-not-running');
    expect(f.remedy[0]).toMatch(/^Windows VMs: if the agent dies at start with a ConfigurationErrorsException .*machine\.config/);
    expect(f.remedyNl![0]).toMatch(/^Windows-VM's: stopt de agent direct na het starten met een ConfigurationErrorsException/);
    expect(f.remedy[1]).toMatch(/^Open Azure portal > VM > Settings > Properties/);
  }, 60_000);

  it('win-windowsvmagent-20-agent-1193-dllnotfound-2008r2: another exception keeps the order', async () => {
    const f = await finding('win-windowsvmagent-20-agent-1193-dllnotfound-2008r2', 'agent-not-running');
    expect(f.remedy[0]).not.toContain('machine.config');
  }, 60_000);
});
