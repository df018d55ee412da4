import type { Evidence, FactKind, FactOf } from '../../shared';
import { FORMATS } from '../../shared/formats';
import { cite, PositionBits, type FactIndex, type FactSeries, type FieldOf } from './facts-index';
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

/**
 * The agent's healthy lines: per kind that has them, its series and a bit per timed fact for each list a line is
 * on (`alive`: heartbeats — lines and 2.2.x HeartBeat events —, goal states, WireServer answers, handler commands
 * that succeeded; and the lines of each proof). Bits, not times: a broken agent's 500 MB log has ~1 M goal states, and lists of their times (grown
 * and sorted) added ~30 MB to its peak RSS. A list is read in time order by merging its kinds' series.
 */
export interface AgentActivity {
  parts: ActivityPart[];
  /** The newest time of the logs, ms (-Infinity when none). */
  newest: number;
}

type ActivityList = 'alive' | Exclude<RecoveryProof, 'heartbeat'>;

interface ActivityPart {
  /** (its times and positions are all a list needs) */
  series: Pick<FactSeries<FactKind>, 'timed' | 'time' | 'atOrAfter' | 'after'>;
  /** Per list, a bit per timed fact of the series (the heartbeat proof is `alive` itself). */
  bits: Record<ActivityList, PositionBits>;
}

/** The agent's healthy activity, read from its own records (agentRecordTest); built once, when a finding asks. */
export function agentActivity(facts: FactIndex, ctx: Pick<RuleContext, 'files'>): AgentActivity {
  const isAgent = agentRecordTest(ctx);
  const parts: ActivityPart[] = [];
  // (`f` reads a field of the fact at hand: a big log's rows are read by position, none built)
  const each = <K extends FactKind>(kind: K, fn: (f: FieldOf<K>, on: (list: ActivityList) => void) => void) => {
    const s = facts.series(kind);
    if (s.timed === 0) return;
    const bits: Record<ActivityList, PositionBits> = { alive: new PositionBits(s.timed), wireserver: new PositionBits(s.timed), 'goal-state': new PositionBits(s.timed) };
    let i = 0;
    const on = (list: ActivityList) => bits[list].add(i);
    const field = <F extends keyof FactOf<K> & string>(key: F): FactOf<K>[F] => s.field(i, key);
    // (a kind's facts come from a file or two: the test is asked again only when the file changes)
    let file: string | undefined;
    let agent = false;
    for (const n = s.timed; i < n; i++) {
      const f = s.file(i);
      if (f !== file) agent = isAgent(kind, (file = f));
      if (agent) fn(field, on);
    }
    parts.push({ series: s, bits });
  };
  each('agent-heartbeat', (f, on) => {
    on('alive');
    // (2.9+) no goal-state update failed since the last heartbeat: the agent reached WireServer all along
    if (f('updateGoalStateErrors') === 0) on('wireserver');
  });
  // 2.2.x's monitor thread: `Event: name=WALA, op=HeartBeat` every 30 minutes
  each('agent-event', (f, on) => {
    if (f('op') === 'HeartBeat') on('alive');
  });
  // a goal state fetched, or started or completed (each comes after its fetch: dhcp-disabled and benign.ts read them
  // so), is an answer from WireServer; the Windows agent logs only the start ("Starting installation/update of
  // plugins. Incarnation: N"), so without it no Windows network failure could ever be lived past
  each('goal-state', (f, on) => {
    const event = f('event');
    if (event === 'processing-failed') return;
    on('alive');
    if (event === 'fetched' || event === 'processing-started' || event === 'processing-completed') on('wireserver');
    if (event === 'processing-completed') on('goal-state');
  });
  each('connectivity', (f, on) => {
    if (!f('ok')) return;
    const endpoint = f('endpoint');
    if (endpoint === 'wireserver' || endpoint === 'hostgaplugin') {
      on('alive');
      on('wireserver');
    }
  });
  each('windows-agent', (f, on) => {
    const event = f('event');
    if (event === 'heartbeat' || event === 'start') on('alive');
  });
  // a handler command the agent ran to success ("Plugin enabled (…), Code: 0" in WaAppAgent.log, `Command:
  // main/handle.sh enable` in waagent.log): the agent doing a goal state's work, not only alive. The Windows agent
  // logs no goal state processed to the end, so for an unresponsive Windows agent this is the proof it works again
  each('extension-operation', (f, on) => {
    if (f('outcome') !== 'succeeded') return;
    on('alive');
    on('goal-state');
  });
  return { parts, newest: facts.newestLine() };
}

/** The most untimed failure lines bounded one by one (with more, when the failure ended stays unknown). */
export const MAX_UNTIMED_BOUNDED = 16;

/** The logs whose records carry a time (as their formats declare): a line of theirs without one lost it (an excerpt). */
const TIMED_LOGS: ReadonlySet<string> = new Set(FORMATS.filter((f) => f.timedLog).map((f) => f.kind));

/** Whether a file (by its path in the VM) is a timed log of the bundle: its untimed lines lost their time. */
export function timedLogTest(files: RuleContext['files']): (file: string) => boolean {
  const logs = new Set(files.filter((f) => TIMED_LOGS.has(f.kind)).map((f) => f.vmPath));
  return (file) => logs.has(file);
}

/**
 * When a failure ended at the latest, ms: its last timed line (`lastTimedMs`; -Infinity when none is), and each of its
 * lines without a time (`untimed`) that a timed log holds, bounded by the next timed record of its own file — a line
 * cut of its time still lies before the records after it. NaN when such a line has no bound (another kind of file, no
 * timed record after it) or when there are more than MAX_UNTIMED_BOUNDED of them: when the failure ended is unknown.
 * The one bound of the rules that ask when a failure ended (its recovery, the goal states after it); the lines keep
 * no time.
 */
export function failureEnd(ctx: Pick<RuleContext, 'facts' | 'files'>, lastTimedMs: number, untimed: readonly Pick<Evidence, 'file' | 'line'>[]): number {
  if (untimed.length > MAX_UNTIMED_BOUNDED) return NaN;
  const timedLog = untimed.length ? timedLogTest(ctx.files) : undefined;
  let last = lastTimedMs;
  for (const e of untimed) last = Math.max(last, timedLog!(e.file) ? ctx.facts.nextTimeAfter(e.file, e.line) : NaN);
  return last;
}

/** failureEnd of the failures a series holds (its timed ones first, as every series is ordered). */
export function seriesEnd<K extends FactKind>(ctx: Pick<RuleContext, 'facts' | 'files'>, s: FactSeries<K>): number {
  if (s.length - s.timed > MAX_UNTIMED_BOUNDED) return NaN;
  return failureEnd(ctx, s.timed ? s.time(s.timed - 1) : -Infinity, cite(s, s.timed, s.length));
}

/**
 * When the agent recovered from a failure whose last line is at `lastFailureMs` (undefined when it did not, or the
 * logs cannot tell): the first proof at or after it (the heartbeat that ends a gap is the gap's last line), followed by activity with no silence over MAX_QUIET_MS up to within
 * MAX_QUIET_MS of the newest line, RECOVERED_FOR_MS or longer.
 */
export function recoveredAt(activity: AgentActivity, proof: RecoveryProof, lastFailureMs: number): { at: number; until: number } | undefined {
  if (!Number.isFinite(lastFailureMs)) return undefined;
  const { parts } = activity;
  const list: ActivityList = proof === 'heartbeat' ? 'alive' : proof;
  // the first proof at or after the failure, over every kind
  let at = Infinity;
  for (const { series, bits } of parts) {
    const i = bits[list].nextSet(series.atOrAfter(lastFailureMs), series.timed);
    if (i < series.timed && series.time(i) < at) at = series.time(i);
  }
  if (at === Infinity) return undefined;
  // then the activity after it in time order: the kinds merged, a cursor on each one's next line of activity
  const next = parts.map(({ series, bits }) => bits.alive.nextSet(series.after(at), series.timed));
  let prev = at;
  for (;;) {
    let k = -1;
    let t = Infinity;
    for (let p = 0; p < parts.length; p++) {
      if (next[p] < parts[p].series.timed && parts[p].series.time(next[p]) < t) {
        t = parts[p].series.time(next[p]);
        k = p;
      }
    }
    if (k < 0) break;
    if (t - prev > MAX_QUIET_MS) return undefined;
    prev = t;
    next[k] = parts[k].bits.alive.nextSet(next[k] + 1, parts[k].series.timed);
  }
  if (activity.newest - prev > MAX_QUIET_MS || prev - at < RECOVERED_FOR_MS) return undefined;
  return { at, until: prev };
}
