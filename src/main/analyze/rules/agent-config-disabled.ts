import type { Evidence } from '../../../shared';
import { msg } from '../../../shared/i18n/analysis';
import { isWindows, notEvaluable, type Rule, type RuleContext } from '../types';

/**
 * agent-config-disabled: /etc/waagent.conf (or the platform) switches extension handling off.
 *
 * Detected high when the effective configuration has Extensions.Enabled=n, or the agent logged that
 * extension processing is disabled (2.3+ banner, 2.14+ Event, 2.2.x VERBOSE line); medium when
 * extension handling is on hold (InVMArtifactsProfile) or Provisioning.Agent=disabled (the VM was
 * never provisioned by an agent; extensions may still run, so not high). Ruled out (high) when the
 * conf enables extensions and extensions ran; (medium) when only one of the two is known.
 */

/** Whether an extension operation started or succeeded. */
const ran = (outcome: string) => outcome === 'started' || outcome === 'succeeded';

// the newest operation that ran, read back from the end of the series (not the kind's whole list: a
// broken agent's log has hundreds of thousands of operations)
function ranExtensions(ctx: RuleContext): Evidence[] {
  const ops = ctx.facts.series('extension-operation');
  for (let i = ops.length - 1; i >= 0; i--) if (ran(ops.field(i, 'outcome'))) return [ops.get(i).at];
  const ts = ctx.facts.last('extension-target-state');
  return ts ? [ts.at] : [];
}

/** Whether an operation that ran is timed after `t` (the series' window after it). */
function ranAfter(ctx: RuleContext, t: number): boolean {
  if (Number.isNaN(t)) return false;
  const ops = ctx.facts.series('extension-operation');
  for (let i = ops.after(t); i < ops.timed; i++) if (ran(ops.field(i, 'outcome'))) return true;
  return false;
}

function evaluate(ctx: RuleContext) {
  const { facts } = ctx;
  const conf = facts.last('waagent-conf');
  const off = facts.of('extensions-disabled');
  const logged = off.filter((f) => f.source === 'log-banner' || f.source === 'log-event' || f.source === 'log-verbose');
  if (conf && !conf.effective.extensionsEnabled)
    return {
      verdict: 'detected' as const,
      confidence: 'high' as const,
      reason: msg('agent-config-disabled.conf-off'),
      evidence: [conf.at, ...logged.slice(-2).map((f) => f.at)],
    };
  if (logged.length) {
    // a later conf may have re-enabled them; only the latest state counts
    const lastRan = ranExtensions(ctx);
    const lastOff = logged[logged.length - 1];
    if (!ranAfter(ctx, lastOff.timeMs))
      return {
        verdict: 'detected' as const,
        confidence: 'high' as const,
        reason: msg('agent-config-disabled.logged-off'),
        evidence: logged.slice(-3).map((f) => f.at),
      };
    return {
      verdict: 'ruled-out' as const,
      confidence: 'medium' as const,
      reason: msg('agent-config-disabled.re-enabled'),
      evidence: [lastOff.at, ...lastRan],
    };
  }
  const hold = off.filter((f) => f.source === 'on-hold');
  if (hold.length)
    return { verdict: 'detected' as const, confidence: 'medium' as const, reason: msg('agent-config-disabled.on-hold'), evidence: hold.slice(-2).map((f) => f.at) };
  if (conf && conf.values['Provisioning.Agent']?.toLowerCase() === 'disabled' && !ranExtensions(ctx).length)
    return {
      verdict: 'detected' as const,
      confidence: 'medium' as const,
      reason: msg('agent-config-disabled.provisioning-disabled'),
      evidence: [conf.at],
    };
  const ran = ranExtensions(ctx);
  if (conf && ran.length)
    return { verdict: 'ruled-out' as const, confidence: 'high' as const, reason: msg('agent-config-disabled.enabled-ran'), evidence: [conf.at, ...ran] };
  if (conf) return { verdict: 'ruled-out' as const, confidence: 'medium' as const, reason: msg('agent-config-disabled.enabled'), evidence: [conf.at] };
  if (ran.length)
    return { verdict: 'ruled-out' as const, confidence: 'medium' as const, reason: msg('agent-config-disabled.ran'), evidence: ran };
  if (isWindows(ctx)) return notEvaluable(msg('agent-config-disabled.windows'));
  return notEvaluable(msg('agent-config-disabled.nothing'));
}

export const rule: Rule = { cause: 'agent-config-disabled', evaluate };
