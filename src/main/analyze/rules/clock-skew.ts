import type { Evidence } from '../../../shared';
import { notEvaluable, type Rule } from '../types';
import { milestonesWhere } from '../reconstruct/snapshots';
import { msg } from '../../../shared/i18n/analysis';

/**
 * The VM clock is far from real time. The guest shows it only partly: the daemon logs the host's
 * UTC (`Date and time extracted from pre-snapshot request:`) next to its own clock, which gives
 * VM − host directly (ClockSummary.skewSeconds). A 402 "too late" with a skewed clock is the
 * article's ExtensionOperationFailedForManagedDisks case.
 */
const LOW_S = 120;
const MEDIUM_S = 600;
const HIGH_S = 1800;

export const rule: Rule = {
  cause: 'clock-skew',
  evaluate(ctx) {
    const hostTimes = milestonesWhere(ctx.facts, (f) => f('milestone') === 'host-time' && f('hostTime'), (f) => Number.isFinite(f.timeMs));
    const skewOf = (f: (typeof hostTimes)[number]) => (f.timeMs - Date.parse(f.hostTime!)) / 1000;
    const skew = ctx.clock.skewSeconds;
    if (skew === undefined || hostTimes.length === 0) {
      return notEvaluable(msg('clock-skew.no-host-time'));
    }
    // judged at the failed task (the host time nearest its start), not the worst ever seen: a clock
    // fixed since then is history; without a failed task, at the newest snapshot
    const taskStart = Date.parse(ctx.lastFailedTask?.start ?? '');
    const at = Number.isFinite(taskStart)
      ? hostTimes.reduce((a, b) => (Math.abs(b.timeMs - taskStart) < Math.abs(a.timeMs - taskStart) ? b : a))
      : hostTimes.reduce((a, b) => (b.timeMs >= a.timeMs ? b : a));
    const evidence: Evidence[] = [at.at];
    const atSkew = skewOf(at);
    const abs = Math.abs(atSkew);
    const worstAbs = Math.abs(skew);
    const too402 = ctx.snapshots.some((t) => t.code === 402);
    if (abs >= LOW_S) {
      const confidence = abs >= HIGH_S || (too402 && abs >= MEDIUM_S) ? 'high' : abs >= MEDIUM_S ? 'medium' : 'low';
      return {
        verdict: 'detected',
        confidence,
        reason: msg('clock-skew.detected', { seconds: Math.round(abs), ahead: atSkew > 0, too402 }),
        evidence,
      };
    }
    return {
      verdict: 'ruled-out',
      confidence: hostTimes.length >= 2 ? 'high' : 'medium',
      reason: msg('clock-skew.ruled-out', { seconds: Math.max(1, Math.round(abs)), atTask: Number.isFinite(taskStart), ...(worstAbs >= LOW_S ? { worst: Math.round(worstAbs) } : {}) }),
      evidence,
    };
  },
};
