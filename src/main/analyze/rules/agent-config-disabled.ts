import type { Evidence } from '../../../shared';
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
      reason: 'waagent.conf sets Extensions.Enabled=n: the agent does not run any extension, including the backup (VMSnapshot) extension.',
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
        reason: 'The agent logged that extension processing is disabled (Extensions.Enabled=n in waagent.conf).',
        evidence: logged.slice(-3).map((f) => f.at),
      };
    return {
      verdict: 'ruled-out' as const,
      confidence: 'medium' as const,
      reason: 'Extension processing was disabled earlier but extensions ran again afterwards.',
      evidence: [lastOff.at, ...ran],
    };
  }
  const hold = off.filter((f) => f.source === 'on-hold');
  if (hold.length)
    return { verdict: 'detected' as const, confidence: 'medium' as const, reason: 'The agent reported that extension handling is on hold (set by the platform in the VM artifacts profile).', evidence: hold.slice(-2).map((f) => f.at) };
  if (conf && conf.values['Provisioning.Agent']?.toLowerCase() === 'disabled' && !ranExtensions(ctx).length)
    return {
      verdict: 'detected' as const,
      confidence: 'medium' as const,
      reason: 'waagent.conf sets Provisioning.Agent=disabled and no extension ran; check that the agent is meant to handle extensions on this image.',
      evidence: [conf.at],
    };
  const ran = ranExtensions(ctx);
  if (conf && ran.length)
    return { verdict: 'ruled-out' as const, confidence: 'high' as const, reason: 'waagent.conf enables extension handling and the agent ran extensions.', evidence: [conf.at, ...ran] };
  if (conf) return { verdict: 'ruled-out' as const, confidence: 'medium' as const, reason: 'waagent.conf enables extension handling (no extension run was seen to confirm it).', evidence: [conf.at] };
  if (ran.length)
    return { verdict: 'ruled-out' as const, confidence: 'medium' as const, reason: 'The agent ran extensions, so extension handling was enabled (waagent.conf is not in the bundle).', evidence: ran };
  if (isWindows(ctx)) return notEvaluable('The Windows agent has no switch that turns extension handling off; a Windows VM is not affected by this cause.');
  return notEvaluable('Neither /etc/waagent.conf nor any extension activity is in the bundle. Collect /etc/waagent.conf and check Extensions.Enabled.');
}

export const rule: Rule = { cause: 'agent-config-disabled', evaluate };
