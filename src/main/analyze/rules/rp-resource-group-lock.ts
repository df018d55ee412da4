import { notEvaluable, type Rule, type RuleOutcome } from '../types';

/**
 * rp-resource-group-lock: a lock on the restore-point resource group stops the backup service from
 * deleting old restore points (then UserErrorRpCollectionLimitReached / BackUpOperationFailed).
 * Locks are Azure resources; nothing in the guest shows them, so this is always not evaluable with
 * the exact check to make.
 */
function evaluate(): RuleOutcome {
  return notEvaluable(
    'Resource locks are visible only in Azure. In the portal open the resource group the backup service uses for restore points, named AzureBackupRG_<geo>_<n> (for example AzureBackupRG_westeurope_1, or the custom name set in the backup policy), then Settings → Locks: remove any "Delete" or "Read-only" lock (on the group or its restore point collections), and trigger a backup to let the service clean up old restore points.',
  );
}

export const rule: Rule = { cause: 'rp-resource-group-lock', evaluate };
