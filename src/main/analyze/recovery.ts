import type { FactKind, FactOf } from '../../shared';
import { firstAfter } from '../../shared/sorted';
import type { FactIndex } from './facts-index';
import { agentRecordTest, type RuleContext, type RecoveryProof } from './types';

/**
 * Whether the agent (or its channel to WireServer) recovered from a failure a rule saw: after the failure's last
 * line, the kind of line that proves the failure over (`RecoveryProof`), and from there the agent's healthy activity
 * without a long silence up to the newest line of the logs, for hours. A failure the VM has lived past like that is
 * history: weigh.ts ages it unless the failed backup task came before the recovery.
 */

/** How long the agent must have worked after the proof for the failure to count as recovered from. */
export const RECOVERED_FOR_MS = 6 * 3_600_000;
/**
 * The longest silence allowed in that activity, and between its last line and the newest line of the logs: the Linux
 * agent logs a heartbeat every 30 minutes, so two hours is four missed ones (a VM switched off for a night is not
 * read as healthy: the recovery is then not claimed).
 */
export const MAX_QUIET_MS = 2 * 3_600_000;

export interface AgentActivity {
  /** The times (ascending) of the agent's healthy lines: heartbeats (lines and 2.2.x HeartBeat events), goal states, WireServer answers, handler commands that succeeded. */
  alive: Float64Array;
  /** The times of each kind of proof, ascending. */
  proof: Record<RecoveryProof, Float64Array>;
  /** The newest time of the logs, ms (-Infinity when none). */
  newest: number;
}

const sorted = (list: number[]): Float64Array => Float64Array.from(list).sort();

/** The agent's healthy activity, read from its own records (agentRecordTest); built once, when a finding asks. */
export function agentActivity(facts: FactIndex, ctx: Pick<RuleContext, 'files'>): AgentActivity {
  const isAgent = agentRecordTest(ctx);
  const alive: number[] = [];
  const wire: number[] = [];
  const processed: number[] = [];
  const each = <K extends FactKind>(kind: K, fn: (f: () => FactOf<K>, t: number) => void) => {
    const s = facts.series(kind);
    for (let i = 0; i < s.timed; i++) if (isAgent(kind, s.file(i))) fn(() => s.get(i), s.time(i));
  };
  each('agent-heartbeat', (f, t) => {
    alive.push(t);
    // (2.9+) no goal-state update failed since the last heartbeat: the agent reached WireServer all along
    if (f().updateGoalStateErrors === 0) wire.push(t);
  });
  // 2.2.x's monitor thread: `Event: name=WALA, op=HeartBeat` every 30 minutes
  each('agent-event', (f, t) => {
    if (f().op === 'HeartBeat') alive.push(t);
  });
  each('goal-state', (get, t) => {
    const f = get();
    if (f.event === 'processing-failed') return;
    alive.push(t);
    if (f.event === 'fetched' || f.event === 'processing-completed') wire.push(t);
    if (f.event === 'processing-completed') processed.push(t);
  });
  each('connectivity', (get, t) => {
    const f = get();
    if (f.ok && (f.endpoint === 'wireserver' || f.endpoint === 'hostgaplugin')) {
      alive.push(t);
      wire.push(t);
    }
  });
  each('windows-agent', (get, t) => {
    const f = get();
    if (f.event === 'heartbeat' || f.event === 'start') alive.push(t);
  });
  // a handler command the agent ran to success ("Plugin enabled (…), Code: 0" in WaAppAgent.log, `Command:
  // main/handle.sh enable` in waagent.log): the agent doing a goal state's work, not only alive. The Windows agent
  // logs no goal state processed to the end, so for an unresponsive Windows agent this is the proof it works again
  each('extension-operation', (get, t) => {
    if (get().outcome !== 'succeeded') return;
    alive.push(t);
    processed.push(t);
  });
  const a = sorted(alive);
  return { alive: a, proof: { heartbeat: a, wireserver: sorted(wire), 'goal-state': sorted(processed) }, newest: facts.newestTime() };
}

/**
 * When the agent recovered from a failure whose last line is at `lastFailureMs` (undefined when it did not, or the
 * logs cannot tell): the first proof at or after it (the heartbeat that ends a gap is the gap's last line), followed by activity with no silence over MAX_QUIET_MS up to within
 * MAX_QUIET_MS of the newest line, RECOVERED_FOR_MS or longer.
 */
export function recoveredAt(activity: AgentActivity, proof: RecoveryProof, lastFailureMs: number): { at: number; until: number } | undefined {
  if (!Number.isFinite(lastFailureMs)) return undefined;
  const proofs = activity.proof[proof];
  const p = firstAfter(proofs, lastFailureMs, true);
  if (p >= proofs.length) return undefined;
  const at = proofs[p];
  const { alive } = activity;
  let prev = at;
  for (let i = firstAfter(alive, at); i < alive.length; i++) {
    if (alive[i] - prev > MAX_QUIET_MS) return undefined;
    prev = alive[i];
  }
  if (activity.newest - prev > MAX_QUIET_MS || prev - at < RECOVERED_FOR_MS) return undefined;
  return { at, until: prev };
}
