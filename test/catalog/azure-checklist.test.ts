import { describe, expect, it } from 'vitest';
import { CAUSES, portalCode, type AgentSummary, type CauseId } from '../../src/shared';
import { summarizeVerdict } from '../../src/main/analyze/verdict';
import { CAUSE_LAYER } from '../../src/main/analyze/weigh';

/** An agent of which the logs told nothing: the verdict has no guest-side cause to give. */
const AGENT: AgentSummary = {
  minimumSupported: '2.2.53',
  supported: null,
  heartbeats: 0,
  restarts: 0,
  crashes: 0,
  goalStateErrors: 0,
  selfUpdateFailures: 0,
  disabled: false,
  extensionsEnabled: null,
  autoUpdate: null,
};

function checklist(code?: string): CauseId[] {
  const portal = code ? portalCode(code) : undefined;
  return (summarizeVerdict([], undefined, AGENT, portal?.code ?? code, portal).azureChecklist ?? []).map((c) => c.cause);
}

const AZURE = CAUSES.filter((c) => CAUSE_LAYER[c.id] === 'azure');

describe('the "Check in Azure" list when nothing on the guest explains the failure', () => {
  it('without a code lists the likely Azure-side causes: those of the seed article, not the ones the portal names by a code of their own', () => {
    expect(checklist()).toEqual(['backup-in-progress', 'rp-collection-limit', 'rp-resource-group-lock', 'keyvault-permissions', 'datasource-not-protected']);
    const byOwnCode = AZURE.filter((c) => c.byOwnCode).map((c) => c.id);
    expect(byOwnCode).toEqual(['azure-policy-denied', 'vm-deleted', 'vault-copy-timeout', 'premium-storage-quota', 'enhanced-policy-migration']);
    for (const id of byOwnCode) expect(checklist(), id).not.toContain(id);
  });

  it('lists a cause the portal names by its own code when that code is entered, also as its pasted message', () => {
    for (const c of AZURE.filter((x) => x.byOwnCode)) {
      for (const code of c.portalCodes) expect(checklist(code), `${c.id} ${code}`).toContain(c.id);
    }
    expect(checklist('ResourceNotFound')).toEqual(['vm-deleted']);
    expect(checklist('CopyingVHDsFromBackUpVaultTakingLongTime')).toEqual(['vault-copy-timeout']);
    expect(checklist('UserErrorBCMPremiumStorageQuotaError')).toEqual(['premium-storage-quota']);
    // the code the seed's causes share: the article's Azure-side cause first, then the migration
    expect(checklist('BackUpOperationFailedV2')).toEqual(['rp-resource-group-lock', 'enhanced-policy-migration']);
  });

  it('marks only Azure-side causes that have a code of their own, each with a portal check in both languages', () => {
    for (const c of CAUSES.filter((x) => x.byOwnCode)) {
      expect(CAUSE_LAYER[c.id], c.id).toBe('azure');
      expect(c.visibility, c.id).toBe('no');
      expect(c.portalCodes.length, c.id).toBeGreaterThan(0);
      expect(c.azureCheck?.en.trim() && c.azureCheck?.nl.trim(), c.id).toBeTruthy();
    }
  });
});
