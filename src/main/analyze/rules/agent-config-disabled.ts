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

function ranExtensions(ctx: RuleContext): Evidence[] {
  const ops = ctx.facts.of('extension-operation').filter((f) => f.outcome === 'started' || f.outcome === 'succeeded');
  if (ops.length) return [ops[ops.length - 1].at];
  const ts = ctx.facts.of('extension-target-state');
  if (ts.length) return [ts[ts.length - 1].at];
  return [];
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
    const ran = ranExtensions(ctx);
    const lastOff = logged[logged.length - 1];
    const ranAfter = ctx.facts.of('extension-operation').some((f) => (f.outcome === 'started' || f.outcome === 'succeeded') && f.timeMs > lastOff.timeMs);
    if (!ranAfter)
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
      evidence: [lastOff.at, ...ran],
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
