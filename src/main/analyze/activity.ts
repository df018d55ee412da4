import type { ActivityCharts, FactKind } from '../../shared';
import { activityCharts, HOUR } from '../../shared/chart-data';
import type { RecordStore } from '../records/store';
import { readEach, type FactSource } from './facts-index';

/**
 * The charts' counts for a bundle: agent activity from the facts, warnings and errors by source from every
 * record (a pass over the columns, no text read), so the app and the report chart all of the logs. The records and
 * the facts are read once, counted by hour (`HourGroups`); the charts read those counts as often as they need: a list
 * of the time of each warning (1.6 M in a 500 MB broken agent's log) cost ~45 MB of heap, a second pass over the
 * records ~80 ms.
 */
export function chartActivity(records: RecordStore, facts: FactSource): ActivityCharts {
  let agent: HourGroups<FactKind, string | undefined> | undefined;
  let problems: HourGroups<string, null> | undefined;
  return activityCharts(
    (fn) => (agent ??= agentFacts(facts)).each(fn),
    (fn) => (problems ??= problemRecords(records)).each((source, _, t, n) => fn(source, t, n)),
  );
}

/** Each warning and error record's source by hour. */
function problemRecords(records: RecordStore): HourGroups<string, null> {
  const out = new HourGroups<string, null>();
  for (let i = 0; i < records.count; i++) {
    const level = records.levelOf(i);
    if (level !== 'error' && level !== 'warning') continue;
    const t = records.timeOf(i);
    if (Number.isFinite(t)) out.add(records.sourceOf(i) || '—', null, t);
  }
  return out;
}

const AGENT_KINDS: readonly FactKind[] = ['agent-heartbeat', 'goal-state', 'agent-lifecycle'];

/** The agent's facts by kind, event and hour, a row read by position (a big log's heartbeats and goal states are neither listed nor built). */
function agentFacts(facts: FactSource): HourGroups<FactKind, string | undefined> {
  const out = new HourGroups<FactKind, string | undefined>();
  readEach(facts, AGENT_KINDS, (r) => out.add(r.kind, r.kind === 'agent-heartbeat' ? undefined : (r.field('event') as string | undefined), r.timeMs));
  return out;
}

/**
 * Counts of a pass's items by two keys and the hour of their time, handed on as one call per group with the hour's
 * start as its time (what the charts do with a time: its span by the hour and its hour's bin, so an hour's start
 * stands for every time in it; a time that is not finite is NaN, which they skip). A run of one group (a source's
 * lines in one hour) is counted without a lookup.
 */
class HourGroups<A, B> {
  private readonly groups = new Map<A, Map<B, Map<number, number>>>();
  private a: A | undefined;
  private b: B | undefined;
  private h = NaN;
  private n = 0;

  add(a: A, b: B, t: number): void {
    const h = Number.isFinite(t) ? Math.floor(t / HOUR) : NaN;
    if (this.n > 0 && a === this.a && b === this.b && (h === this.h || (Number.isNaN(h) && Number.isNaN(this.h)))) {
      this.n++;
      return;
    }
    this.flush();
    this.a = a;
    this.b = b;
    this.h = h;
    this.n = 1;
  }

  each(fn: (a: A, b: B, t: number, n: number) => void): void {
    this.flush();
    for (const [a, byB] of this.groups) for (const [b, byHour] of byB) for (const [h, n] of byHour) fn(a, b, Number.isNaN(h) ? NaN : h * HOUR, n);
  }

  private flush(): void {
    if (this.n === 0) return;
    let byB = this.groups.get(this.a!);
    if (!byB) this.groups.set(this.a!, (byB = new Map()));
    let byHour = byB.get(this.b!);
    if (!byHour) byB.set(this.b!, (byHour = new Map()));
    byHour.set(this.h, (byHour.get(this.h) ?? 0) + this.n);
    this.n = 0;
  }
}
