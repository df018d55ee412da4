import { MIN_SUPPORTED_AGENT, compareVersions, type AgentSummary } from '../../../shared';
import type { FactIndex } from '../facts-index';

/** Agent versions and health from the agent facts (waagent.md §2). */
export function summarizeAgent(facts: FactIndex): AgentSummary {
  const versions = facts.of('agent-version');
  const daemon = [...versions].reverse().find((v) => v.role === 'daemon')?.version;
  const gsa = [...versions].reverse().find((v) => v.role === 'goal-state-agent')?.version;
  const conf = facts.last('waagent-conf');
  return {
    daemonVersion: daemon,
    goalStateAgentVersion: gsa,
    minimumSupported: MIN_SUPPORTED_AGENT,
    supported: gsa ? compareVersions(gsa, MIN_SUPPORTED_AGENT) >= 0 : null,
    heartbeats: facts.of('agent-heartbeat').length,
    restarts: facts.of('agent-lifecycle').filter((f) => f.event === 'daemon-exception' || f.event === 'exthandler-exit').length,
    crashes: facts.of('agent-lifecycle').filter((f) => f.event === 'crash').length,
    goalStateErrors: facts.of('goal-state-error').filter((f) => !f.recovered).length,
    selfUpdateFailures: facts.of('agent-update').filter((f) => f.event === 'failed' || f.event === 'blacklisted').length,
    disabled: facts.has('agent-disabled'),
    extensionsEnabled: conf ? conf.effective.extensionsEnabled : null,
    autoUpdate: conf ? conf.effective.autoUpdate : null,
  };
}
