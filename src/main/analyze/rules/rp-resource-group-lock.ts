import { notEvaluable, type Rule, type RuleOutcome } from '../types';
import { msg } from '../../../shared/i18n/analysis';

/**
 * rp-resource-group-lock: a lock on the restore-point resource group stops the backup service from
 * deleting old restore points (then UserErrorRpCollectionLimitReached / BackUpOperationFailed).
 * Locks are Azure resources; nothing in the guest shows them, so this is always not evaluable with
 * the exact check to make.
 */
function evaluate(): RuleOutcome {
  return notEvaluable(msg('rp-resource-group-lock.azure-only'));
}

export const rule: Rule = { cause: 'rp-resource-group-lock', evaluate };
