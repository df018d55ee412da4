import type { ActivityCharts, Fact, FactKind } from '../../shared';
import { activityCharts } from '../../shared/chart-data';
import type { RecordStore } from '../records/store';
import { FactStore } from '../records/fact-store';
import type { FactSource } from './facts-index';

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

const AGENT_KINDS: ReadonlySet<FactKind> = new Set(['agent-heartbeat', 'goal-state', 'agent-lifecycle']);

/** The agent's facts in order, each built when reached (a big log's heartbeats and goal states are not listed). */
function eachAgentFact(facts: FactSource, fn: (f: Fact) => void): void {
  if (!(facts instanceof FactStore)) {
    for (const f of facts) if (AGENT_KINDS.has(f.kind)) fn(f);
    return;
  }
  const codes = new Set<number>();
  for (let c = 0; c < facts.kindCodes; c++) if (AGENT_KINDS.has(facts.kindOfCode(c))) codes.add(c);
  for (let i = 0; i < facts.length; i++) if (codes.has(facts.kindCodeOf(i))) fn(facts.get(i));
}
