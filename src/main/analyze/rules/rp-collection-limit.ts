import type { SnapshotTask } from '../../../shared';
import { taskEvidence } from '../reconstruct/snapshots';
import { distinctRuns, latestOf, notEvaluable, type Rule } from '../types';
import { msg } from '../../../shared/i18n/analysis';

/**
 * The restore-point collection holds at most 18 instant restore points; more than one backup a day
 * fills it quickly. The collection lives in Azure, so the guest can only count snapshot tasks per day.
 */

export const rule: Rule = {
  cause: 'rp-collection-limit',
  evaluate(ctx) {
    const perDay = new Map<string, SnapshotTask[]>();
    // (one backup logged twice is one restore point)
    for (const t of distinctRuns(ctx.snapshots)) {
      if (!t.start || t.result === 'skipped') continue;
      const day = t.start.slice(0, 10);
      let l = perDay.get(day);
      if (!l) perDay.set(day, (l = []));
      l.push(t);
    }
    const busy = [...perDay.entries()].filter(([, l]) => l.length > 1);
    if (busy.length > 0) {
      const [day, list] = busy[busy.length - 1];
      const maxPerDay = latestOf(busy.map(([, l]) => l.length));
      return {
        verdict: 'detected',
        confidence: busy.length >= 3 || maxPerDay >= 3 ? 'medium' : 'low',
        reason: msg('rp-collection-limit.busy', { count: list.length, day, days: busy.length }),
        evidence: list.flatMap((t) => taskEvidence(t, (n) => n === 'enable-start' || n === 'task-id', 1)),
      };
    }
    return notEvaluable(msg('rp-collection-limit.azure-only', { days: perDay.size }));
  },
};
