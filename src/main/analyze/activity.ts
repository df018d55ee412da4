import type { ActivityCharts, FactKind } from '../../shared';
import { activityCharts, type EachAgentFact } from '../../shared/chart-data';
import type { RecordStore } from '../records/store';
import { readEach, type FactSource } from './facts-index';

/**
 * The charts' counts for a bundle: agent activity from the facts, warnings and errors by source from every
 * record (passes over the columns, no text read), so the app and the report chart all of the logs. The times
 * are counted where they are read: a list of the time of each warning (1.6 M in a 500 MB broken agent's log)
 * cost ~45 MB of heap.
 */
export function chartActivity(records: RecordStore, facts: FactSource): ActivityCharts {
  return activityCharts(
    (fn) => eachAgentFact(facts, fn),
    (fn) => {
      for (let i = 0; i < records.count; i++) {
        const level = records.levelOf(i);
        if (level !== 'error' && level !== 'warning') continue;
        const t = records.timeOf(i);
        if (Number.isFinite(t)) fn(records.sourceOf(i) || '—', t);
      }
    },
  );
}

const AGENT_KINDS: readonly FactKind[] = ['agent-heartbeat', 'goal-state', 'agent-lifecycle'];

/** The agent's facts in order, a row read by position (a big log's heartbeats and goal states are neither listed nor built). */
function eachAgentFact(facts: FactSource, fn: Parameters<EachAgentFact>[0]): void {
  readEach(facts, AGENT_KINDS, (r) => fn(r.kind, r.kind === 'agent-heartbeat' ? undefined : (r.field('event') as string | undefined), r.timeMs));
}
