import { notEvaluable, type Rule, type RuleContext, type RuleOutcome } from '../types';
import { msg } from '../../../shared/i18n/analysis';

/**
 * datasource-not-protected: the VM is no longer (actively) protected in the Recovery Services vault
 * (protection stopped, or the backup item deleted) — UserErrorBcmDatasourceNotPresent. Only the vault
 * knows; the guest can at most say when it last saw a backup task, which is added to the reason.
 */
function evaluate(ctx: RuleContext): RuleOutcome {
  const last = [...ctx.snapshots].reverse().find((t) => t.start || t.requestedStart);
  const time = last?.start ?? last?.requestedStart;
  return notEvaluable(msg('datasource-not-protected.vault', last && time ? { upTo: { time, taskId: last.taskId } } : {}));
}

export const rule: Rule = { cause: 'datasource-not-protected', evaluate };
