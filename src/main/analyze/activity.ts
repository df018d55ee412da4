import type { ActivityCharts, FactKind } from '../../shared';
import { activityCharts, HOUR } from '../../shared/chart-data';
import { levelCode } from '../records/batch';
import type { RecordStore } from '../records/store';
import { readEach, type FactSource } from './facts-index';

/**
 * The charts' counts for a bundle: agent activity from the facts, warnings and errors by source from every
 * record (a pass over the columns, no text read), so the app and the report chart all of the logs. The records and
 * the facts are read once, counted by hour (`HourRuns`); the charts read those counts as often as they need: a list
 * of the time of each warning (1.6 M in a 500 MB broken agent's log) cost ~45 MB of heap, a second pass over the
 * records ~80 ms.
 */
export function chartActivity(records: RecordStore, facts: FactSource): ActivityCharts {
  let agent: { runs: HourRuns; groups: AgentGroup[] } | undefined;
  let problems: HourRuns | undefined;
  return activityCharts(
    (fn) => {
      const { runs, groups } = (agent ??= agentFacts(facts));
      runs.each((g, t, n) => fn(groups[g].kind, groups[g].event, t, n));
    },
    (fn) => (problems ??= problemRecords(records)).each((source, t, n) => fn(records.sourceName(source) || '—', t, n)),
  );
}

/** Each warning and error record's source (its id) by hour: the level and time columns read a page at a time. */
function problemRecords(records: RecordStore): HourRuns {
  const error = levelCode('error');
  const warning = levelCode('warning');
  const out = new HourRuns();
  records.eachPage(true, (base, m, level, time) => {
    for (let k = 0; k < m; k++) {
      const l = level[k];
      if (l !== error && l !== warning) continue;
      const t = time[k];
      if (Number.isFinite(t)) out.add(records.sourceIdOf(base + k), t);
    }
  });
  return out;
}

const AGENT_KINDS: readonly FactKind[] = ['agent-heartbeat', 'goal-state', 'agent-lifecycle'];

interface AgentGroup {
  kind: FactKind;
  event: string | undefined;
}

/** The agent's facts by kind, event and hour, a row read by position (a big log's heartbeats and goal states are neither listed nor built). */
function agentFacts(facts: FactSource): { runs: HourRuns; groups: AgentGroup[] } {
  const runs = new HourRuns();
  // (a few: a kind's events)
  const groups: AgentGroup[] = [];
  readEach(facts, AGENT_KINDS, (r) => {
    const kind = r.kind;
    const event = kind === 'agent-heartbeat' ? undefined : (r.field('event') as string | undefined);
    let g = 0;
    while (g < groups.length && (groups[g].kind !== kind || groups[g].event !== event)) g++;
    if (g === groups.length) groups.push({ kind, event });
    runs.add(g, r.timeMs);
  });
  return { runs, groups };
}

/**
 * Counts of a pass's items by group (a small number) and the hour of their time, handed on as one call per group and
 * hour with the hour's start as its time (what the charts do with a time: its span by the hour and its hour's bin, so an
 * hour's start stands for every time in it; a time that is not finite is NaN, which they skip). Each group's hour at
 * hand and its count are kept by its number, and a finished hour goes to the group's map: a broken agent's sources, and
 * a goal state's events, take turns item by item, while a group's hour changes once an hour.
 */
class HourRuns {
  private hour = new Float64Array(16);
  private n = new Uint32Array(16);
  private readonly byHour: (Map<number, number> | undefined)[] = [];
  /** The groups in the order of their first item. */
  private readonly order: number[] = [];

  add(g: number, t: number): void {
    const h = Number.isFinite(t) ? Math.floor(t / HOUR) : NaN;
    if (g >= this.n.length) this.grow(g);
    if (this.n[g] !== 0) {
      const at = this.hour[g];
      if (h === at || (h !== h && at !== at)) {
        this.n[g]++;
        return;
      }
      this.flush(g);
    } else if (this.byHour[g] === undefined) {
      this.byHour[g] = new Map();
      this.order.push(g);
    }
    this.hour[g] = h;
    this.n[g] = 1;
  }

  each(fn: (g: number, t: number, n: number) => void): void {
    for (const g of this.order) {
      this.flush(g);
      for (const [h, n] of this.byHour[g]!) fn(g, Number.isNaN(h) ? NaN : h * HOUR, n);
    }
  }

  private flush(g: number): void {
    const n = this.n[g];
    if (n === 0) return;
    const byHour = this.byHour[g]!;
    byHour.set(this.hour[g], (byHour.get(this.hour[g]) ?? 0) + n);
    this.n[g] = 0;
  }

  private grow(g: number): void {
    const size = Math.max(g + 1, this.n.length * 2);
    const hour = new Float64Array(size);
    const n = new Uint32Array(size);
    hour.set(this.hour);
    n.set(this.n);
    this.hour = hour;
    this.n = n;
  }
}
