import type { Evidence } from '../../../shared';
import { taskWindow } from '../reconstruct/agent-health';
import { agentLogTerms, hasAgentLog, notEvaluable, type Rule, type RuleContext } from '../types';

/**
 * no-network-wireserver: the VM could not reach 168.63.129.16 (WireServer :80, HostGAPlugin :32526).
 *
 * A failure counts only when it is a network failure (IOError, timeout, unreachable, refused, reset):
 * an HTTP status (`[410: Gone]`, `[502: Bad Gateway]`, 403) means the endpoint answered. Failing
 * `wireserver`/`hostgaplugin` SSH probes count too. Near the failed task (task start −2 h … end +1 h):
 * failures and no successful goal-state fetch/processing ⇒ detected high; failures and successes ⇒
 * medium (intermittent). No task known: failures after the last success ⇒ medium, otherwise low.
 * Ruled out when goal states were fetched/processed around the task with no network failure there
 * (the backup command itself reaches the VM through the WireServer).
 */

const NETWORK = /IOError|timed out|\bTimeout\b|unreachable|refused|reset by peer|No route|Errno (?:101|104|110|111|113)|Name or service not known|Connection aborted|RemoteDisconnected/i;
const ANSWERED = /\[\d{3}: /;

function evaluate(ctx: RuleContext) {
  const { facts } = ctx;
  const probes = facts.of('probe').filter((p) => p.probe === 'wireserver' || p.probe === 'hostgaplugin');
  const badProbes = probes.filter((p) => p.ok === false);
  if (badProbes.length)
    return {
      verdict: 'detected' as const,
      confidence: 'high' as const,
      reason: `The live check could not reach ${badProbes.map((p) => p.probe).join(' and ')} (168.63.129.16): ${badProbes[0].detail}`,
      evidence: badProbes.map((p) => p.at),
    };
  const fails = [
    ...facts.of('connectivity').filter((c) => !c.ok && (c.endpoint === 'wireserver' || c.endpoint === 'hostgaplugin') && NETWORK.test(c.detail) && !ANSWERED.test(c.detail)),
    ...facts.of('goal-state-error').filter((g) => !g.recovered && NETWORK.test(g.detail) && !ANSWERED.test(g.detail)),
  ].sort((a, b) => a.timeMs - b.timeMs);
  const okays = [
    ...facts.of('goal-state').filter((g) => g.event === 'fetched' || g.event === 'processing-completed'),
    ...facts.of('connectivity').filter((c) => c.ok && (c.endpoint === 'wireserver' || c.endpoint === 'hostgaplugin')),
    ...probes.filter((p) => p.ok === true),
  ].sort((a, b) => a.timeMs - b.timeMs);
  if (!hasAgentLog(ctx) && !probes.length)
    return notEvaluable(`The bundle has no ${agentLogTerms(ctx).path} (and no live checks), so WireServer connectivity cannot be judged. Check that 168.63.129.16 ports 80 and 32526 are allowed (NSG, firewall, proxy).`);

  const task = ctx.lastFailedTask;
  const win = taskWindow(task, 120, 60);
  if (win && task) {
    const near = fails.filter((f) => f.timeMs >= win.from && f.timeMs <= win.to);
    const good = okays.filter((f) => f.timeMs >= win.from && f.timeMs <= win.to);
    if (near.length)
      return {
        verdict: 'detected' as const,
        confidence: good.length ? ('medium' as const) : ('high' as const),
        reason: `${near.length} failure(s) to reach the WireServer/HostGAPlugin around the failed task ${task.taskId}${good.length ? ', with some successful goal-state fetches in between (intermittent)' : ' and no successful goal-state fetch'}.`,
        evidence: near.slice(0, 5).map((f) => f.at),
        taskId: task.taskId,
        // one failure, or failures between successes, is a hiccup; repeated failures with no success are an outage
        strength: near.length >= 3 && !good.length ? ('strong' as const) : ('weak' as const),
        spansTask: near.length >= 3 && !good.length && near[0].timeMs <= win.start && near[near.length - 1].timeMs >= win.start,
      };
    if (good.length)
      return {
        verdict: 'ruled-out' as const,
        confidence: 'high' as const,
        reason: `The agent fetched and processed goal states around the failed task ${task.taskId} with no network failure to 168.63.129.16${fails.length ? ` (${fails.length} older failure(s) elsewhere in the log)` : ''}.`,
        evidence: [good[0].at, good[good.length - 1].at],
        taskId: task.taskId,
      };
  }
  if (fails.length) {
    const lastFail = fails[fails.length - 1];
    const lastOk = okays[okays.length - 1];
    const ongoing = !lastOk || lastOk.timeMs < lastFail.timeMs;
    return {
      verdict: 'detected' as const,
      confidence: ongoing ? ('medium' as const) : ('low' as const),
      reason: `${fails.length} network failure(s) reaching 168.63.129.16${ongoing ? ', the last one after the last successful goal-state fetch' : ', the agent recovered afterwards'}.`,
      evidence: [...fails.slice(-4).map((f) => f.at), ...(lastOk && !ongoing ? [lastOk.at] : [])] as Evidence[],
      strength: ongoing && fails.length >= 3 ? ('strong' as const) : ('weak' as const),
    };
  }
  if (okays.length)
    return { verdict: 'ruled-out' as const, confidence: 'medium' as const, reason: 'The agent fetched goal states from the WireServer and logged no network failure to 168.63.129.16.', evidence: [okays[okays.length - 1].at] };
  return notEvaluable(`${agentLogTerms(ctx).log} shows neither successful goal-state fetches nor WireServer failures; check 168.63.129.16 ports 80 and 32526 (NSG, firewall, proxy).`);
}

export const rule: Rule = { cause: 'no-network-wireserver', evaluate };
