import type { Evidence } from '../../../shared';
import { notEvaluable, type Rule } from '../types';

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
    const hostTimes = ctx.facts.of('snapshot-milestone').filter((f) => f.milestone === 'host-time' && f.hostTime && Number.isFinite(f.timeMs));
    const skewOf = (f: (typeof hostTimes)[number]) => (f.timeMs - Date.parse(f.hostTime!)) / 1000;
    const skew = ctx.clock.skewSeconds;
    if (skew === undefined || hostTimes.length === 0) {
      return notEvaluable(
        'The bundle has no host time to compare the VM clock with (the Backup extension logs it only on the host snapshot path: "Date and time extracted from pre-snapshot request"). Compare `date -u` on the VM with real time, and check chrony/ntpd or the Hyper-V time sync.',
      );
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
    const dir = atSkew > 0 ? 'ahead of' : 'behind';
    const too402 = ctx.snapshots.some((t) => t.code === 402);
    if (abs >= LOW_S) {
      const confidence = abs >= HIGH_S || (too402 && abs >= MEDIUM_S) ? 'high' : abs >= MEDIUM_S ? 'medium' : 'low';
      return {
        verdict: 'detected',
        confidence,
        reason: `The VM clock was ${Math.round(abs)} s ${dir} the Azure host's clock when the snapshot was prepared${too402 ? ', and a task was rejected as too late (402)' : ''}. Fix time synchronisation (chrony/ntpd, Hyper-V time sync).`,
        evidence,
      };
    }
    return {
      verdict: 'ruled-out',
      confidence: hostTimes.length >= 2 ? 'high' : 'medium',
      reason: `The VM clock agreed with the Azure host's clock within ${Math.max(1, Math.round(abs))} s ${Number.isFinite(taskStart) ? 'at the failed task' : 'at the newest snapshot'}${worstAbs >= LOW_S ? ` (it was ${Math.round(worstAbs)} s off at another snapshot, since corrected)` : ''}.`,
      evidence,
    };
  },
};
