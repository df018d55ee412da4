import type { ActivityCharts, Fact, FactKind } from '../../shared';
import { activityCharts } from '../../shared/chart-data';
import type { RecordStore } from '../records/store';
import { FactStore } from '../records/fact-store';
import type { FactSource } from './facts-index';

/**
 * The charts' counts for a bundle: agent activity from the facts, warnings and errors by source from every
 * record (one pass over the columns, no text read), so the app and the report chart all of the logs.
 */
export function chartActivity(records: RecordStore, facts: FactSource): ActivityCharts {
  const agent = agentFacts(facts);
  const bySource = new Map<string, number[]>();
  for (let i = 0; i < records.count; i++) {
    const level = records.levelOf(i);
    if (level !== 'error' && level !== 'warning') continue;
    const t = records.timeOf(i);
    if (!Number.isFinite(t)) continue;
    const s = records.sourceOf(i) || '—';
    let a = bySource.get(s);
    if (!a) bySource.set(s, (a = []));
    a.push(t);
  }
  return activityCharts(agent, bySource);
}

const AGENT_KINDS: ReadonlySet<FactKind> = new Set(['agent-heartbeat', 'goal-state', 'agent-lifecycle']);

/** The agent's facts in order, each built when the chart reaches it (a big log's heartbeats and goal states are not listed). */
function* agentFacts(facts: FactSource): Generator<Fact> {
  if (!(facts instanceof FactStore)) {
    for (const f of facts) if (AGENT_KINDS.has(f.kind)) yield f;
    return;
  }
  for (let i = 0; i < facts.length; i++) if (AGENT_KINDS.has(facts.kindOf(i))) yield facts.get(i);
}
