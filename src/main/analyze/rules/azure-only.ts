import { notEvaluable, type Rule } from '../types';
import { msg } from '../../../shared/i18n/analysis';

/**
 * Causes Microsoft's "Troubleshooting backup failures on Azure virtual machines" names that live wholly in Azure: an
 * Azure Policy that denies the backup's resources, a deleted VM, the copy to the vault timing out, a premium VM's
 * storage account without room for the snapshot copy, a move from a Standard to an Enhanced policy. Nothing in the
 * guest shows them, so each is always not evaluable, with the check to make in Azure.
 */
export const AZURE_ONLY_RULES: readonly Rule[] = [
  { cause: 'azure-policy-denied', evaluate: () => notEvaluable(msg('azure-policy-denied.azure-only')) },
  { cause: 'vm-deleted', evaluate: () => notEvaluable(msg('vm-deleted.azure-only')) },
  { cause: 'vault-copy-timeout', evaluate: () => notEvaluable(msg('vault-copy-timeout.azure-only')) },
  { cause: 'premium-storage-quota', evaluate: () => notEvaluable(msg('premium-storage-quota.azure-only')) },
  { cause: 'enhanced-policy-migration', evaluate: () => notEvaluable(msg('enhanced-policy-migration.azure-only')) },
];
