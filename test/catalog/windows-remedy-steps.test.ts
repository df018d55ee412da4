import { describe, expect, it } from 'vitest';
import { causeById, remedySteps } from '../../src/shared';
import { caseFinding as finding } from '../helpers/real-case';

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

  // the same article lists the agent's "Self-signed Certificate Generation failed. Error Code: -2146893808" in that
  // variant: Solution 2 leads, though the agent (not the extension) failed, so the reason keeps its own clause
  it('win-learn-extcert-self-signed-generation-failed: the MachineKeys ACL first, the general clause kept', async () => {
    const f = await finding('win-learn-extcert-self-signed-generation-failed', 'certificate-missing');
    expect(f.reason).toContain("without the goal state's certificates");
    expect(f.remedy[0]).toMatch(/^Windows VMs \("Keyset does not exist".*Solution 2/);
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

/**
 * The Windows Backup extension fails in several ways, each with its own fix in Microsoft's guidance: the finding leads
 * with the fix of the failure its logs show, and the other steps keep the article's order.
 */
describe("the Backup extension's failure leads its fix", () => {
  const same = (f: { remedy: string[]; remedyNl?: string[] }) => {
    expect(new Set(f.remedy).size).toBe(f.remedy.length);
    expect(f.remedyNl).toHaveLength(f.remedy.length);
  };

  // Learn: IaaSBcdrExtension.exe faulting (Application Error 1000) is antivirus interfering: exclude its folders
  it('win-learn-iaasbcdr-faulting-antivirus: the antivirus exclusion first, not reinstalling the extension', async () => {
    const f = await finding('win-learn-iaasbcdr-faulting-antivirus', 'extension-failed-state', 'VMRestorePointInternalError');
    expect(f.remedy[0]).toMatch(/^Windows VMs: if IaaSBcdrExtension\.exe crashes \(Application Error 1000\), exclude C:\\Packages\\Plugins\\Microsoft\.Azure\.RecoveryServices\.VMSnapshot and .* from antivirus scanning/);
    expect(f.remedyNl![0]).toMatch(/^Windows-VM's: loopt IaaSBcdrExtension\.exe vast \(Application Error 1000\), sluit dan .* uit van antivirusscans/);
    expect(f.remedy[1]).toMatch(/^Open Azure portal > VM > Settings > Extensions/);
    // the provider step no longer carries the antivirus advice: it is said once
    expect(f.remedy.filter((s) => s.includes('antivirus scanning'))).toEqual([f.remedy[0]]);
    same(f);
  }, 60_000);

  // the MsiInstaller error for the runtime vcredist2013_x64 installs is ExtensionVCRedistInstallationFailure's sign
  it('win-learn-vcredist-install-access-denied: the Visual C++ runtime step first', async () => {
    const f = await finding('win-learn-vcredist-install-access-denied', 'extension-failed-state');
    expect(f.remedy[0]).toMatch(/^Windows VMs \(ExtensionVCRedistInstallationFailure\): install vcredist2013_x64/);
    expect(f.remedyNl![0]).toMatch(/^Windows-VM's \(ExtensionVCRedistInstallationFailure\): installeer vcredist2013_x64/);
    same(f);
  }, 60_000);

  // Azure self-help for ExtensionInstallationFailedCOM: COM+ 4689 with the install failing until a reboot is the
  // desktop heap; the code names the COM+ services' step, which comes next
  it('win-tsg-complus-4689-desktop-heap: SharedSection first, then the step the code names', async () => {
    const f = await finding('win-tsg-complus-4689-desktop-heap', 'extension-failed-state', 'ExtensionInstallationFailedCOM');
    expect(f.remedy[0]).toMatch(/^Windows VMs \(ExtensionInstallProviderCOMMemoryQuotaReached, or COM\+ event 4689.*SharedSection/);
    expect(f.remedy[1]).toMatch(/^Windows VMs \(ExtensionSnapshotFailedCOM, ExtensionInstallationFailedCOM, ExtensionInstallationFailedMDTC\): start or restart the COM\+ System Application/);
    same(f);
  }, 60_000);

  it('win-tsg-vmsnapshot-install-provider-com: the VSS provider step first for "Install provider failed"', async () => {
    const f = await finding('win-tsg-vmsnapshot-install-provider-com', 'extension-failed-state');
    expect(f.remedy[0]).toMatch(/^Windows VMs: if IaaSBcdrExtension\.log shows "Install provider failed" with a COMException/);
    expect(f.remedy[0]).not.toContain('antivirus');
    same(f);
  }, 60_000);

  // another extension's failure is not fixed by the Backup extension's steps: the article's order stays
  it("win-chef-220-enable-exit-code-1: another extension's failure keeps the article's order", async () => {
    const f = await finding('win-chef-220-enable-exit-code-1', 'extension-failed-state');
    expect(f.remedy[0]).toMatch(/^Open Azure portal > VM > Settings > Extensions/);
  }, 60_000);
});

/** The portal code the job failed on names the step that fixes it; the code comes after the logs' own signs. */
describe('the steps the portal code names', () => {
  const def = causeById('extension-failed-state');
  it('lead a cause whose evidence points nowhere, on the guest the step is for', () => {
    const steps = remedySteps(def, 'en', 'windows', { code: 'ExtensionCommandExecFailure' });
    expect(steps[0]).toMatch(/^Windows VMs \(ExtensionCommandExecFailure\): run `REG ADD/);
    expect(steps.slice(1)).toEqual(remedySteps(def, 'en', 'windows').filter((s) => s !== steps[0]));
    expect(remedySteps(def, 'nl', 'windows', { code: 'ExtensionCommandExecFailure' })[0]).toMatch(/^Windows-VM's \(ExtensionCommandExecFailure\): voer `REG ADD/);
    // a Linux guest has no such step: its order stays
    expect(remedySteps(def, 'en', 'linux', { code: 'ExtensionCommandExecFailure' })).toEqual(remedySteps(def, 'en', 'linux'));
  });

  it('name a code as a whole word, and a code of another cause changes nothing', () => {
    const scripts = causeById('prepost-script-failed');
    expect(remedySteps(scripts, 'en', 'linux', { code: 'Pre-ScriptTimeout' })[0]).toMatch(/^The script timed out \(Pre-ScriptTimeout/);
    expect(remedySteps(def, 'en', 'windows', { code: 'Pre-ScriptTimeout' })).toEqual(remedySteps(def, 'en', 'windows'));
  });

  it("follow the evidence's steps", () => {
    const steps = remedySteps(def, 'en', 'windows', { code: 'ExtensionCommandExecFailure', first: ['antivirus'] });
    expect(steps[0]).toMatch(/antivirus scanning/);
    expect(steps[1]).toMatch(/^Windows VMs \(ExtensionCommandExecFailure\)/);
  });
});
