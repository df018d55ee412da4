import { MIN_SUPPORTED_AGENT, compareVersions, type Evidence } from '../../../shared';
import { latestGoalStateAgent } from '../reconstruct/agent-health';
import { notEvaluable, type Rule, type RuleContext } from '../types';

/**
 * agent-outdated: the goal-state agent is below the supported minimum (KB 4049215: 2.2.53.1) or
 * cannot update itself.
 *
 * Detected high when the latest goal-state agent version is below 2.2.53.1; medium when the daemon
 * is below it, auto-update is off and no newer goal-state agent is seen; medium when self-update
 * failed or a version was blacklisted after the last successful upgrade (low if the running goal-state
 * agent is supported anyway). Ruled out when the goal-state agent is supported and no update
 * failure is logged. Support is judged on the goal-state agent, never the daemon (§6.1).
 */

function versionEvidence(ctx: RuleContext, role: 'daemon' | 'goal-state-agent', version: string): Evidence[] {
  const f = [...ctx.facts.of('agent-version')].reverse().find((v) => v.role === role && v.version === version);
  if (f) return [f.at];
  const latest = role === 'goal-state-agent' ? latestGoalStateAgent(ctx.facts) : undefined;
  if (latest?.version === version) return [latest.at];
  const s = [...ctx.facts.of('agent-status')].reverse().find((v) => v.agentVersion);
  return s ? [s.at] : [];
}

function evaluate(ctx: RuleContext) {
  const { agent, facts } = ctx;
  const gsa = agent.goalStateAgentVersion;
  const daemon = agent.daemonVersion;
  if (gsa && compareVersions(gsa, MIN_SUPPORTED_AGENT) < 0)
    return {
      verdict: 'detected' as const,
      confidence: 'high' as const,
      reason: `The goal-state agent is WALinuxAgent ${gsa}, below the supported minimum ${MIN_SUPPORTED_AGENT}.`,
      evidence: versionEvidence(ctx, 'goal-state-agent', gsa),
    };
  const updates = facts.of('agent-update');
  const failures = updates.filter((f) => f.event === 'failed' || f.event === 'blacklisted');
  if (!gsa && daemon && compareVersions(daemon, MIN_SUPPORTED_AGENT) < 0 && agent.autoUpdate === false) {
    const conf = facts.last('waagent-conf');
    return {
      verdict: 'detected' as const,
      confidence: 'medium' as const,
      reason: `The daemon is WALinuxAgent ${daemon} (below ${MIN_SUPPORTED_AGENT}) and AutoUpdate is off, so no newer goal-state agent can take over.`,
      evidence: [...versionEvidence(ctx, 'daemon', daemon), ...(conf ? [conf.at] : []), ...updates.filter((u) => u.event === 'disabled').map((u) => u.at)],
    };
  }
  if (failures.length) {
    const lastUpgrade = [...updates].reverse().find((u) => u.event === 'upgrading');
    const recent = failures.filter((f) => !lastUpgrade || f.timeMs > lastUpgrade.timeMs);
    if (recent.length) {
      const supported = gsa ? compareVersions(gsa, MIN_SUPPORTED_AGENT) >= 0 : false;
      return {
        verdict: 'detected' as const,
        confidence: supported ? ('low' as const) : ('medium' as const),
        reason: `The agent's self-update is failing (${recent.length} failed or blacklisted update(s))${gsa ? `; the running goal-state agent is ${gsa}` : ''}.`,
        evidence: recent.slice(-5).map((f) => f.at),
      };
    }
  }
  if (gsa)
    return {
      verdict: 'ruled-out' as const,
      confidence: 'high' as const,
      reason: `The goal-state agent is WALinuxAgent ${gsa}, at or above the supported minimum ${MIN_SUPPORTED_AGENT}.`,
      evidence: versionEvidence(ctx, 'goal-state-agent', gsa),
    };
  if (daemon)
    return notEvaluable(
      `Only the daemon version (${daemon}) is in the bundle; support is judged on the goal-state agent. Run \`waagent --version\` on the VM or check the agent version in the portal (VM > Properties).`,
      'low',
      versionEvidence(ctx, 'daemon', daemon),
    );
  return notEvaluable('No agent version was found (waagent.log, waagent_status.json). Check the agent version in the portal or with `waagent --version`.');
}

export const rule: Rule = { cause: 'agent-outdated', evaluate };
