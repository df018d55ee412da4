import { notEvaluable, type Rule, type RuleContext, type RuleOutcome } from '../types';
import { msg } from '../../../shared/i18n/analysis';

/**
 * dotnet-missing (Windows only): the guest agent needs .NET Framework 4.5; without it the agent
 * cannot talk to the service (the seed article's Windows cause).
 *
 * Detected (high) from the .NET signatures the WaAppAgent.log parser recognises (`windows-agent`
 * dotnet-missing). Ruled out (medium) when the Windows agent is seen working — it starts, sends
 * heartbeats, or runs extension commands — since it is a .NET 4 program and could do none of that
 * without the framework. A crash record of the agent with `Framework Version: v4.0.30319` proves the
 * 4.x runtime is present but not which 4.x, so it decides nothing. Linux bundles: not evaluable.
 */
const WINDOWS_LOG = /(?:^|\/)(?:WaAppAgent|TransparentInstaller|Telemetry)[^/]*$|WindowsAzure\/Logs\//i;

function evaluate(ctx: RuleContext): RuleOutcome {
  const win = ctx.facts.of('windows-agent');
  if (ctx.vm.platform !== 'windows' && !win.length) {
    // low on purpose: non-detected findings rank by confidence, and this one is nothing to check on Linux
    return notEvaluable(msg('dotnet-missing.linux'));
  }
  const missing = win.filter((f) => f.event === 'dotnet-missing');
  if (missing.length) {
    return {
      verdict: 'detected',
      confidence: 'high',
      reason: msg('dotnet-missing.missing', { detail: missing[0].detail.slice(0, 160) }),
      evidence: missing.map((f) => f.at),
    };
  }
  const fromWindowsLog = (f: { at: { file: string } }) => WINDOWS_LOG.test(f.at.file);
  const alive = [
    ...win.filter((f) => f.event === 'heartbeat' || f.event === 'start'),
    ...ctx.facts.of('agent-heartbeat').filter(fromWindowsLog),
    ...ctx.facts.of('extension-operation').filter((f) => f.outcome === 'succeeded' && fromWindowsLog(f)),
  ].sort((a, b) => (Number.isFinite(a.timeMs) && Number.isFinite(b.timeMs) ? a.timeMs - b.timeMs : 0));
  if (alive.length) {
    const seen = new Set<string>();
    const evidence = [alive[0].at, alive[alive.length - 1].at].filter((e) => !seen.has(`${e.file}:${e.line}`) && !!seen.add(`${e.file}:${e.line}`));
    return {
      verdict: 'ruled-out',
      confidence: 'medium',
      reason: msg('dotnet-missing.ran', { count: alive.length }),
      evidence,
    };
  }
  return notEvaluable(msg('dotnet-missing.unknown'));
}

export const rule: Rule = { cause: 'dotnet-missing', evaluate };
