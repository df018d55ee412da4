// FactIndex's series queries (windows, counts, files, the newest time) over a big log's FactStore rows answer
// exactly what the same queries over the parser's fact objects answer, on the benchmark's realistic mixes.
import { describe, expect, it } from 'vitest';
import type { Fact, FactKind } from '../../src/shared';
import { anyAfter, byTime, cite, FactIndex, firstWhere, lastWhere } from '../../src/main/analyze/facts-index';
import { setAsideBenign } from '../../src/main/analyze/benign';
import { heartbeatGaps, longestHeartbeatGap } from '../../src/main/analyze/reconstruct/agent-health';
// real agent messages with new timestamps (bench/generate.mjs: from the repository's corpus and cases)
import { brokenAgentWaagentLogGenerator, infoHeavyWaagentLogGenerator } from '../../bench/generate.mjs';
import { parseBothWays, plainFact } from '../helpers/waagent-facts';

/** The same log as a list of objects and as a FactStore, each behind a FactIndex. */
async function indexes(gen: () => string, bytes: number) {
  let text = '';
  while (text.length < bytes) text += gen();
  const { objects, store } = await parseBothWays(text);
  return { list: new FactIndex(objects), rows: new FactIndex(store), objects, store };
}

const KINDS: FactKind[] = ['agent-heartbeat', 'goal-state', 'extension-target-state', 'connectivity', 'goal-state-error', 'agent-event', 'extension-operation', 'certificate-problem', 'extension-status-problem'];

describe.each([
  ['INFO-heavy', infoHeavyWaagentLogGenerator],
  ['broken agent', brokenAgentWaagentLogGenerator],
])('FactIndex series over the %s mix', (_, generator) => {
  it('sets the same benign facts aside from rows as from objects, and the index then holds the same facts', async () => {
    const { objects, store } = await indexes(generator(), 512 * 1024);
    const a = setAsideBenign(objects);
    const b = setAsideBenign(store);
    expect(b.dropped.size).toBe(a.dropped.size);
    // (the broken agent's vmSettings failures are followed by goal states: benign)
    if (generator === brokenAgentWaagentLogGenerator) expect(a.dropped.size).toBeGreaterThan(100);
    for (let i = 0; i < objects.length; i++) expect(b.dropped.has(i), String(i)).toBe(a.dropped.has(i));
    const list = new FactIndex(objects, new Set(Array.from({ length: objects.length }, (_, i) => i).filter((i) => a.dropped.has(i))));
    const rows = new FactIndex(store, b.dropped);
    for (const kind of KINDS) expect(rows.of(kind).map(plainFact), kind).toEqual(list.of(kind));
    expect(rows.all.length).toBe(list.all.length);
  });

  it('finds the facts of every kind within a window as a filter of all of them does, benign ones set aside', async () => {
    const { objects, store } = await indexes(generator(), 512 * 1024);
    const dropped = setAsideBenign(store).dropped;
    const rows = new FactIndex(store, dropped);
    const list = new FactIndex(objects, dropped);
    const timed = objects.map((f) => f.timeMs).filter(Number.isFinite);
    const mid = timed[Math.floor(timed.length / 2)];
    const keep = (f: Fact) => f.kind !== 'agent-heartbeat';
    for (const [from, to] of [
      [mid - 600_000, mid + 600_000],
      [mid, mid],
      [-Infinity, Infinity],
      [-Infinity, timed[0] - 1],
      [Math.max(...timed) + 1, Infinity],
    ]) {
      const all = [...rows.all].filter((f) => Number.isFinite(f.timeMs) && f.timeMs >= from && f.timeMs <= to && keep(f)).map(plainFact);
      expect(rows.within(from, to, keep).map(plainFact), `[${from}, ${to}]`).toEqual(all);
      expect(list.within(from, to, keep).map(plainFact), `[${from}, ${to}]`).toEqual(all);
      if (to - from <= 1_200_000 && from !== to) expect(all.length).toBeGreaterThan(0);
    }
  });

  it('answers windows, counts, files and times as the facts themselves say', async () => {
    const { list, rows, objects, store } = await indexes(generator(), 1024 * 1024);
    // most of the log's facts are rows: the queries below read columns, not objects
    let rowCount = 0;
    for (let i = 0; i < store.length; i++) if (store.isRow(i)) rowCount++;
    expect(rowCount).toBeGreaterThan(2000);
    expect(rowCount).toBeGreaterThan(store.length * 0.9);
    let kindsSeen = 0;
    for (const kind of KINDS) {
      const facts = list.of(kind);
      const s = rows.series(kind);
      if (facts.length) kindsSeen++;
      expect(rows.count(kind), kind).toBe(facts.length);
      expect(s.length, kind).toBe(facts.length);
      expect(s.timed, kind).toBe(facts.filter((f) => Number.isFinite(f.timeMs)).length);
      for (let i = 0; i < s.length; i++) {
        expect(s.time(i)).toBe(facts[i].timeMs);
        expect(s.file(i)).toBe(facts[i].at.file);
        expect(s.hasTime(i)).toBe(!!facts[i].at.time);
      }
      if (facts.length) {
        const k = Math.floor(facts.length / 2);
        expect(plainFact(s.get(k))).toEqual(plainFact(facts[k]));
        // windows: an hour around a fact's own time, and the span's edges
        for (const [from, to] of [
          [facts[k].timeMs - 1_800_000, facts[k].timeMs + 1_800_000],
          [facts[k].timeMs, facts[k].timeMs],
          [-Infinity, facts[0].timeMs - 1],
          [facts[facts.length - 1].timeMs + 1, Infinity],
        ]) {
          const inside = facts.filter((f) => f.timeMs >= from && f.timeMs <= to);
          expect(s.after(to) - s.atOrAfter(from), `${kind} [${from}, ${to}]`).toBe(inside.length);
          if (inside.length) expect(s.time(s.atOrAfter(from))).toBe(inside[0].timeMs);
        }
      }
    }
    expect(kindsSeen).toBeGreaterThanOrEqual(6);
    expect(rows.newestLine()).toBe(Math.max(...objects.map((f) => f.timeMs).filter(Number.isFinite)));
    // a fact's evidence file, zone and time, read from its row without building the evidence
    for (const f of rows.all) {
      expect(rows.fileOf(f)).toBe(f.at.file);
      expect(rows.zoneOf(f)).toBe(f.at.zone);
      expect(rows.hasTime(f)).toBe(!!f.at.time);
      expect(rows.lineOf(f)).toBe(f.at.line);
      expect(rows.evidenceTime(f)).toBe(f.at.time ? Date.parse(f.at.time) : NaN);
    }
  });

  it('selects and merges by time as filtering and a stable sort of the lists do', async () => {
    const { list, rows } = await indexes(generator(), 1024 * 1024);
    const failing = (c: { ok: boolean }) => !c.ok;
    const unrecovered = (g: { recovered?: boolean }) => !g.recovered;
    const fetched = (g: { event: string }) => g.event === 'fetched';
    const want = [...list.of('connectivity').filter(failing), ...list.of('goal-state-error').filter(unrecovered), ...list.of('goal-state').filter(fetched)].sort((a, b) => a.timeMs - b.timeMs);
    expect(want.length).toBeGreaterThan(500);
    for (const ix of [list, rows]) {
      const got = byTime(ix.select('connectivity', failing), ix.select('goal-state-error', unrecovered), ix.select('goal-state', fetched));
      expect(got.length).toBe(want.length);
      expect(got.timed).toBe(want.length);
      for (let i = 0; i < got.length; i++) expect(got.time(i)).toBe(want[i].timeMs);
      for (const i of [0, 1, Math.floor(got.length / 2), got.length - 1]) expect(plainFact(got.get(i))).toEqual(plainFact(want[i]));
      expect(cite(got, got.length - 4, got.length)).toEqual(want.slice(-4).map((f) => f.at));
      const mid = want[Math.floor(want.length / 2)].timeMs;
      expect(got.after(mid + 3_600_000) - got.atOrAfter(mid)).toBe(want.filter((f) => f.timeMs >= mid && f.timeMs <= mid + 3_600_000).length);
    }
  });

  it('merges equal times in the order of the series given, and the untimed facts after the timed ones', async () => {
    const { objects } = await indexes(generator(), 512 * 1024);
    // every third fact without a time (as a fact of an untimed source is): they go last in their kind; the
    // others' times cut to the minute (as a log with whole-minute times has them): times tied across kinds
    const facts = objects.map((f, i) => ({ ...f, timeMs: i % 3 === 0 ? NaN : Math.floor(f.timeMs / 60_000) * 60_000 }) as typeof f);
    const ix = new FactIndex(facts);
    const fetched = (g: { event: string }) => g.event === 'fetched';
    const failing = (c: { ok: boolean }) => !c.ok;
    const other = (g: { event: string }) => g.event !== 'fetched';
    const got = byTime(ix.select('goal-state', fetched), ix.select('connectivity', failing), ix.select('goal-state', other));
    const timedOf = (l: Fact[]) => l.filter((f) => Number.isFinite(f.timeMs));
    const untimedOf = (l: Fact[]) => l.filter((f) => !Number.isFinite(f.timeMs));
    const parts: Fact[][] = [ix.of('goal-state').filter(fetched), ix.of('connectivity').filter(failing), ix.of('goal-state').filter(other)];
    const fetchTimes = new Set(parts[0].map((f) => f.timeMs));
    expect(parts[1].filter((f) => Number.isFinite(f.timeMs) && fetchTimes.has(f.timeMs)).length).toBeGreaterThan(20);
    expect(parts[2].filter((f) => Number.isFinite(f.timeMs) && fetchTimes.has(f.timeMs)).length).toBeGreaterThan(20);
    const want = [...parts.flatMap(timedOf).sort((x, y) => x.timeMs - y.timeMs), ...parts.flatMap(untimedOf)];
    expect(untimedOf(want).length).toBeGreaterThan(50);
    expect(got.length).toBe(want.length);
    expect(got.timed).toBe(timedOf(want).length);
    for (let i = 0; i < got.length; i++) expect(got.get(i), String(i)).toBe(want[i]);
    for (let i = 0; i < got.length; i++) expect(Object.is(got.time(i), want[i].timeMs)).toBe(true);
    // a selection of everything is the series itself
    const all = ix.select('goal-state', () => true);
    const s = ix.series('goal-state');
    expect([all.length, all.timed]).toEqual([s.length, s.timed]);
    for (let i = 0; i < s.length; i += 7) expect(all.get(i)).toBe(s.get(i));
    for (const t of [s.time(0) - 1, s.time(Math.floor(s.timed / 2)), s.time(s.timed - 1), s.time(s.timed - 1) + 1]) {
      expect(all.atOrAfter(t)).toBe(s.atOrAfter(t));
      expect(all.after(t)).toBe(s.after(t));
      expect(got.atOrAfter(t)).toBe(want.filter((f) => f.timeMs < t).length);
      expect(got.after(t)).toBe(want.filter((f) => f.timeMs <= t).length);
    }
  });

  it('answers "any after a time" and the first and last in a window as scans of the whole kind do', async () => {
    const { list, rows } = await indexes(generator(), 512 * 1024);
    for (const kind of ['agent-heartbeat', 'goal-state', 'goal-state-error'] as const) {
      const facts: Fact[] = list.of(kind);
      expect(facts.length, kind).toBeGreaterThan(10);
      const s = rows.series(kind);
      const mid = facts[Math.floor(facts.length / 2)].timeMs;
      const last = facts[facts.length - 1].timeMs;
      // (each third fact, by its evidence line: a test of one column by position)
      const third = (line: number) => line % 3 === 0;
      for (const t of [NaN, -Infinity, facts[0].timeMs - 1, mid, last - 1, last, Infinity]) {
        expect(anyAfter(s, t), `${kind} ${t}`).toBe(facts.some((f) => f.timeMs > t));
        expect(anyAfter(s, t, (i) => third(s.line(i))), `${kind} ${t}`).toBe(facts.some((f) => f.timeMs > t && third(f.at.line)));
      }
      for (const [from, to] of [
        [mid - 3_600_000, mid + 3_600_000],
        [-Infinity, mid],
        [mid, Infinity],
      ]) {
        const a = s.atOrAfter(from);
        const b = s.after(to);
        const inside = (f: Fact) => f.timeMs >= from && f.timeMs <= to && third(f.at.line);
        expect(firstWhere(a, b, (i) => third(s.line(i)))).toBe(facts.some(inside) ? facts.findIndex(inside) : b);
        expect(lastWhere(a, b, (i) => third(s.line(i)))).toBe(facts.findLastIndex(inside));
      }
    }
  });

  it('finds the heartbeat gaps over a length as the whole list of gaps does', async () => {
    // heartbeats every 30 minutes of log time; a gap appears where the generator's clock jumps
    const { list, rows } = await indexes(generator(), 2 * 1024 * 1024);
    const all = heartbeatGaps(list);
    expect(all.length).toBeGreaterThan(10);
    const minutes = all.map((g) => g.minutes).sort((a, b) => a - b);
    const over = minutes[Math.floor(minutes.length / 2)];
    const long = heartbeatGaps(rows, over);
    expect(long.map((g) => [g.from.timeMs, g.to.timeMs, g.minutes])).toEqual(all.filter((g) => g.minutes > over).map((g) => [g.from.timeMs, g.to.timeMs, g.minutes]));
    expect(longestHeartbeatGap(rows)).toEqual({ count: all.length, minutes: Math.max(...minutes) });
    // a silence of 3 hours in the middle (every fact after it later): the long gaps are read from the pass the summary
    // made (agent-unresponsive asks for those over 60 minutes), and are those of a walk of every gap
    const facts = rows.all.filter(() => true).map(plainFact);
    const mid = facts[Math.floor(facts.length / 2)].timeMs;
    const later = facts.map((f) => (f.timeMs > mid ? ({ ...f, timeMs: f.timeMs + 3 * 3_600_000 } as typeof f) : f));
    const ix = new FactIndex(later);
    const every = heartbeatGaps(new FactIndex(later));
    expect(longestHeartbeatGap(ix).minutes).toBeGreaterThan(180);
    expect(every.filter((g) => g.minutes > 60).length).toBeGreaterThan(0);
    const ends = (gaps: ReturnType<typeof heartbeatGaps>) => gaps.map((g) => [g.from.timeMs, g.to.timeMs, g.minutes]);
    for (const over of [60, 61, 600]) expect(ends(heartbeatGaps(ix, over)), String(over)).toEqual(ends(every.filter((g) => g.minutes > over)));
  });
});
