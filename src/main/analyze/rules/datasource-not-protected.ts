import { notEvaluable, type Rule, type RuleContext, type RuleOutcome } from '../types';

/**
 * datasource-not-protected: the VM is no longer (actively) protected in the Recovery Services vault
 * (protection stopped, or the backup item deleted) — UserErrorBcmDatasourceNotPresent. Only the vault
 * knows; the guest can at most say when it last saw a backup task, which is added to the reason.
 */
function evaluate(ctx: RuleContext): RuleOutcome {
  const last = [...ctx.snapshots].reverse().find((t) => t.start || t.requestedStart);
  const seen = last ? ` The bundle shows backup tasks up to ${last.start ?? last.requestedStart} (task ${last.taskId}), so the VM was protected until then at least.` : '';
  return notEvaluable(
    `The protection state lives in the Recovery Services vault, not on the VM. In the portal open the vault → Backup items → Azure Virtual Machine and check that this VM is listed with protection state "Protected" (not "Protection stopped" / soft-deleted); if it is missing, configure backup again.${seen}`,
  );
}

export const rule: Rule = { cause: 'datasource-not-protected', evaluate };
