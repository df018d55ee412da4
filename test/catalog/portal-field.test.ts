import { describe, expect, it } from 'vitest';
import { MAX_PORTAL_FIELD, portalCode, resolvePortalCode } from '../../src/shared/catalog';
import { validateRequest } from '../../src/shared/ipc/contract';

/**
 * The app's portal code field takes a code or a job error pasted from the portal. What is pasted is hostile text: the
 * IPC contract bounds it, and an input that names no known code is kept on one line and short (it is shown in the
 * verdict); a real pasted job error, with its "Error code:" and "Error message:" lines, is accepted and read.
 */
const BITLOCKER = portalCode('ExtensionSnapshotBitlockerError')!.message;
/** The job error's pane as the portal shows it and an engineer copies it (the message is the catalogue's, as the article prints it). */
const PASTED_EN = `Error code: ExtensionSnapshotBitlockerError\nError message: ${BITLOCKER.en}\n`;
const MESSAGE_ONLY_EN = `Error message: ${BITLOCKER.en}`;
const MESSAGE_ONLY_NL = `Foutbericht: ${BITLOCKER.nl}`;

const rediagnose = (portal: string) => validateRequest('bundle:rediagnose', { options: { portalCode: portal } });
const collect = (portal: string) => validateRequest('ssh:collect', { target: { host: 'vm', user: 'azureuser' }, portalCode: portal });

describe('the portal code field of the app', () => {
  it('accepts a pasted BitLocker job error, longer than a code, and the diagnosis reads the code out of it', () => {
    for (const pasted of [PASTED_EN, MESSAGE_ONLY_EN, MESSAGE_ONLY_NL, `${PASTED_EN}\r\n`.repeat(8)]) {
      expect(pasted.length).toBeGreaterThan(200);
      expect(rediagnose(pasted).options.portalCode).toBe(pasted);
      expect(collect(pasted).portalCode).toBe(pasted);
      expect(resolvePortalCode(pasted)).toBe('ExtensionSnapshotBitlockerError');
    }
  });

  it('refuses more than MAX_PORTAL_FIELD characters, on every channel that takes the field', () => {
    expect(MAX_PORTAL_FIELD).toBeGreaterThanOrEqual(2_000);
    expect(MAX_PORTAL_FIELD).toBeLessThanOrEqual(20_000);
    const limit = 'x'.repeat(MAX_PORTAL_FIELD);
    expect(rediagnose(limit).options.portalCode).toHaveLength(MAX_PORTAL_FIELD);
    expect(() => rediagnose(`${limit}x`)).toThrow(/portalCode/);
    expect(() => collect(`${limit}x`)).toThrow(/portalCode/);
    expect(() => validateRequest('bundle:open-sample', { options: { portalCode: `${limit}x` } })).toThrow(/portalCode/);
  });

  it('keeps text that names no code as typed, on one line and at most 200 characters', () => {
    expect(resolvePortalCode('SomethingElse')).toBe('SomethingElse');
    expect(resolvePortalCode('  Some\tcode\r\nwrapped  ')).toBe('Some code wrapped');
    const hostile = resolvePortalCode(`Error message: ${'\u001b[31mnot a code \u0000'.repeat(300)}`)!;
    expect(hostile.length).toBeLessThanOrEqual(200);
    expect(hostile.endsWith('…')).toBe(true);
    expect(hostile).not.toMatch(/\p{Cc}/u);
  });
});
