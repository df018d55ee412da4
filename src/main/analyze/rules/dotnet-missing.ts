import { notEvaluable, type Rule, type RuleContext, type RuleOutcome } from '../types';

/**
 * dotnet-missing (Windows only): the guest agent needs .NET Framework 4.5; without it the agent
 * cannot talk to the service. Detected (high) from the .NET signatures the WaAppAgent.log parser
 * recognises. Ruled out when WaAppAgent.log shows the agent running (start/heartbeat) with no such
 * signature. Linux bundles: not evaluable, the cause applies to Windows VMs only.
 */
function evaluate(ctx: RuleContext): RuleOutcome {
  const win = ctx.facts.of('windows-agent');
  if (ctx.vm.platform !== 'windows' && !win.length) {
    // low on purpose: non-detected findings rank by confidence, and this one is nothing to check on Linux
    return notEvaluable('Applies to Windows VMs only (.NET Framework 4.5 for the Windows guest agent); this is a Linux bundle.');
  }
  const missing = win.filter((f) => f.event === 'dotnet-missing');
  if (missing.length) {
    return {
      verdict: 'detected',
      confidence: 'high',
      reason: `The Windows guest agent log shows .NET Framework 4.5 missing or not loadable (${missing[0].detail.slice(0, 160)}). Without it the agent cannot communicate with the backup service.`,
      evidence: missing.map((f) => f.at),
    };
  }
  const alive = win.filter((f) => f.event === 'heartbeat' || f.event === 'start');
  if (alive.length) {
    return {
      verdict: 'ruled-out',
      confidence: 'medium',
      reason: `WaAppAgent.log shows the agent running (${alive.length} start/heartbeat line(s)) with no .NET load failure.`,
      evidence: [alive[0].at, alive[alive.length - 1].at].filter((e, i, a) => i === 0 || e !== a[0]),
    };
  }
  return notEvaluable(
    'This is a Windows VM but the bundle has no C:\\WindowsAzure\\Logs\\WaAppAgent.log lines showing the agent; check the installed .NET version (registry HKLM\\SOFTWARE\\Microsoft\\NET Framework Setup\\NDP\\v4\\Full, Release ≥ 378389).',
  );
}

export const rule: Rule = { cause: 'dotnet-missing', evaluate };
