import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { main } from '../../src/main/cli';
import { ROOT, SAMPLE } from '../helpers/paths';

/**
 * `--portal-code` with codes from Microsoft's "Troubleshooting backup failures on Azure virtual machines"
 * (https://learn.microsoft.com/azure/backup/backup-azure-vms-troubleshoot) that the catalogue gained from it: the
 * code is known, its cause comes first, and its remedy (the article's steps) is printed, in English and Dutch.
 */
function capture() {
  const out: string[] = [];
  return { io: { stdout: (s: string) => void out.push(s), stderr: (s: string) => void out.push(s) }, out };
}
const CASE = (id: string) => join(ROOT, 'test', 'cases', id, 'files');

describe('--portal-code with the Azure VM troubleshooting article codes', () => {
  it('ExtensionVCRedistInstallationFailure: the failed Visual C++ install is the extension in a failed state, with the article steps', async () => {
    const input = CASE('win-learn-vcredist-install-access-denied');
    const json = capture();
    expect(await main(['analyze', input, '--portal-code', 'extensionvcredistinstallationfailure', '--format', 'json'], json.io)).toBe(0);
    const doc = JSON.parse(json.out.join(''));
    expect(doc.portalCode).toBe('ExtensionVCRedistInstallationFailure');
    expect(doc.verdict.cause).toBe('extension-failed-state');
    expect(doc.verdict.summary).not.toMatch(/not in the catalogue|points to/);
    const found = doc.findings.find((f: { cause: string }) => f.cause === 'extension-failed-state');
    expect(found.portalCodes).toContain('ExtensionVCRedistInstallationFailure');
    expect(found.portalOrder).toBe(0);

    for (const [lang, entered, step] of [
      ['en', 'Portal code entered: ExtensionVCRedistInstallationFailure', /Windows VMs \(ExtensionVCRedistInstallationFailure\): install vcredist2013_x64 .*MSIEXEC \/REGISTER/],
      ['nl', 'Ingevoerde portalcode: ExtensionVCRedistInstallationFailure', /Windows-VM's \(ExtensionVCRedistInstallationFailure\): installeer vcredist2013_x64 .*MSIEXEC \/REGISTER/],
    ] as const) {
      const text = capture();
      expect(await main(['analyze', input, '--portal-code', 'ExtensionVCRedistInstallationFailure', '--lang', lang], text.io)).toBe(0);
      const out = text.out.join('');
      expect(out, lang).toContain(entered);
      expect(out, lang).toMatch(step);
    }
  });

  it("ExtensionSnapshotBitlockerError pasted as the portal's message: the VSS failure, and BitLocker's step", async () => {
    const input = CASE('win-learn-vss-hold-writes-timeout-iops');
    const pasted = 'Error message: The snapshot operation failed with the Volume Shadow Copy Service (VSS) operation error This drive is locked by BitLocker Drive Encryption.';
    const json = capture();
    expect(await main(['analyze', input, '--portal-code', pasted, '--format', 'json'], json.io)).toBe(0);
    const doc = JSON.parse(json.out.join(''));
    expect(doc.portalCode).toBe('ExtensionSnapshotBitlockerError');
    expect(doc.verdict.cause).toBe('fsfreeze-failed');
    expect(doc.findings.find((f: { cause: string }) => f.cause === 'fsfreeze-failed').portalCodes).toContain('ExtensionSnapshotBitlockerError');

    const text = capture();
    expect(await main(['analyze', input, '--portal-code', 'ExtensionSnapshotBitlockerError', '--lang', 'nl'], text.io)).toBe(0);
    const out = text.out.join('');
    expect(out).toContain('Ingevoerde portalcode: ExtensionSnapshotBitlockerError');
    expect(out).not.toContain('staat niet in de catalogus');
    expect(out).toContain('Met BitLocker vergrendelde stations kunnen niet worden vastgelegd');
  });

  it('UserErrorRequestDisallowedByPolicy: the guest cannot show an Azure Policy, so the cause comes with what to check in the portal', async () => {
    const json = capture();
    expect(await main(['analyze', SAMPLE, '--portal-code', 'UserErrorRequestDisallowedByPolicy', '--format', 'json'], json.io)).toBe(0);
    const doc = JSON.parse(json.out.join(''));
    expect(doc.portalCode).toBe('UserErrorRequestDisallowedByPolicy');
    const policy = doc.findings.find((f: { cause: string }) => f.cause === 'azure-policy-denied');
    expect(policy).toMatchObject({ verdict: 'not-evaluable', evidence: [], portalOrder: 0, portalCodes: ['UserErrorRequestDisallowedByPolicy'] });
    expect(policy.reason).toMatch(/visible only in Azure.*Deny effect/);
    expect(doc.verdict.azureChecklist).toEqual([expect.objectContaining({ cause: 'azure-policy-denied', check: expect.stringMatching(/^Azure portal > Policy > Assignments/) })]);
    // the sample's own finding (a freeze timeout) is not hidden; the verdict says the code points elsewhere
    expect(doc.verdict.summary).toMatch(/the entered code UserErrorRequestDisallowedByPolicy points to An Azure Policy denies/);

    for (const [lang, heading, check] of [
      ['en', 'Check in Azure', 'Azure portal > Policy > Assignments'],
      ['nl', 'Controleer in Azure', 'Azure-portal > Policy > Toewijzingen'],
    ] as const) {
      const text = capture();
      expect(await main(['analyze', SAMPLE, '--portal-code', 'UserErrorRequestDisallowedByPolicy', '--lang', lang], text.io)).toBe(0);
      const out = text.out.join('');
      expect(out, lang).toContain(heading);
      expect(out, lang).toContain(check);
    }
  });

  it("a deleted VM's code, pasted as its message, gives the deleted-VM check", async () => {
    const json = capture();
    expect(await main(['analyze', SAMPLE, '--portal-code', 'Error message: Could not perform the operation as VM no longer exists.', '--format', 'json'], json.io)).toBe(0);
    const doc = JSON.parse(json.out.join(''));
    expect(doc.portalCode).toBe('ResourceNotFound');
    expect(doc.verdict.azureChecklist.map((c: { cause: string }) => c.cause)).toEqual(['vm-deleted']);
  });
});
