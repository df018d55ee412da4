import type { ActivityCharts, Fact } from '../../shared';
import { activityCharts } from '../../shared/chart-data';
import type { RecordStore } from '../records/store';
import { eachFact, type FactSource } from './facts-index';

/**
 * The charts' counts for a bundle: agent activity from the facts, warnings and errors by source from every
 * record (one pass over the columns, no text read), so the app and the report chart all of the logs.
 */
export function chartActivity(records: RecordStore, facts: FactSource): ActivityCharts {
  const agent: Fact[] = [];
  eachFact(facts, ['agent-heartbeat', 'goal-state', 'agent-lifecycle'], (f) => agent.push(f));
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
