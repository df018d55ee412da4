import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { main } from '../../src/main/cli';
import { ROOT } from '../helpers/paths';

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
});
