import { describe, expect, it, vi } from 'vitest';
import type { LogPage, LogQuery, LogRecord } from '../../src/shared';
import { LogPages } from '../../src/renderer/state/log-pages';

/** Lets the promise callbacks of answered requests run (microtasks only, so fake timers do not matter). */
const settle = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

/** A scripted transport: every request waits until the test answers it (or fails it). */
function transport(total: number) {
  const pending: { q: LogQuery; resolve: (p: LogPage) => void; reject: (e: Error) => void }[] = [];
  const asked: number[] = [];
  const fetch = (q: LogQuery) =>
    new Promise<LogPage>((resolve, reject) => {
      asked.push(q.offset / q.limit);
      pending.push({ q, resolve, reject });
    });
  const page = (q: LogQuery): LogPage => ({
    total,
    offset: q.offset,
    records: Array.from({ length: Math.max(0, Math.min(q.limit, total - q.offset)) }, (_, i): LogRecord => ({
      id: q.offset + i,
      fileId: 0,
      file: '/var/log/waagent.log',
      line: q.offset + i + 1,
      lineCount: 1,
      time: null,
      zone: 'none',
      level: 'info',
      source: i % 2 ? 'ExtHandler' : 'Daemon',
      text: `line ${q.offset + i + 1}`,
    })),
  });
  /** Answers the requests in flight (all, or those for `pages`), then lets the promise callbacks run. */
  const answer = async (pages?: number[]) => {
    for (const p of [...pending]) {
      const n = p.q.offset / p.q.limit;
      if (pages && !pages.includes(n)) continue;
      pending.splice(pending.indexOf(p), 1);
      p.resolve(page(p.q));
    }
    await settle();
  };
  const fail = async () => {
    for (const p of pending.splice(0)) p.reject(new Error('worker gone'));
    await settle();
  };
  const inflight = () => pending.map((p) => p.q.offset / p.q.limit).sort((a, b) => a - b);
  return { fetch, answer, fail, asked, inflight };
}

describe('LogPages (the log viewer’s page cache)', () => {
  it('starts with page 0, learns the total, then prefetches ahead of the viewport', async () => {
    const t = transport(1_000_000);
    const onPage = vi.fn();
    const p = new LogPages('k', { levels: ['error'] }, t.fetch, { pageSize: 200, onPage });
    expect(t.asked).toEqual([0]);
    expect(p.total).toBeNull();
    const seen = vi.fn();
    p.subscribe(seen);
    await t.answer();
    expect(p.total).toBe(1_000_000);
    expect(onPage).toHaveBeenCalledWith(0);
    expect(seen).toHaveBeenCalled();
    expect(p.record(0)?.line).toBe(1);
    expect(p.record(199)?.line).toBe(200);
    expect(p.record(200)).toBeUndefined();
    p.setView(0, 40);
    // Three pages ahead in the (initial, forward) scroll direction; none behind page 0.
    expect(t.inflight()).toEqual([1, 2, 3]);
  });

  it('asks for the visible pages first, follows a scrollbar jump and never exceeds the in-flight limit', async () => {
    const t = transport(1_000_000);
    // (two jumps in the same millisecond are a drag, whose pages wait for it to rest: not here, see below)
    const p = new LogPages('k', {}, t.fetch, { pageSize: 200, maxInflight: 2, ahead: 0, restMs: 0 });
    await t.answer();
    t.asked.length = 0;
    // A jump to row 100,190: the two pages the viewport spans, nothing else yet (the limit).
    p.setView(100_190, 100_230);
    expect([...t.asked].sort()).toEqual([500, 501]);
    expect(t.inflight()).toHaveLength(2);
    // While those are out, the viewer jumps on: nothing more is asked (the limit), and when an answer frees
    // a slot the request goes to where the viewport is *now*, not to the stale prefetch of the old place.
    p.setView(200_000, 200_040);
    expect(t.inflight()).toHaveLength(2);
    await t.answer([500]);
    expect(t.asked[2]).toBe(1000);
    // The jump of ~100,000 rows is expected to continue: the next landing place is prefetched too.
    await t.answer();
    expect(t.asked).toContain(Math.floor((200_000 + (200_000 - 100_190)) / 200));
    expect(t.inflight().length).toBeLessThanOrEqual(2);
  });

  it('asks for a dragged view’s pages once the drag rests, not for every place it passes', async () => {
    vi.useFakeTimers();
    try {
      const t = transport(1_000_000);
      const p = new LogPages('k', {}, t.fetch, { pageSize: 200, restMs: 40 });
      await t.answer();
      await t.answer();
      expect(t.inflight()).toEqual([]);
      t.asked.length = 0;
      // a scrollbar drag: 20 frames of 2,500 rows, 16 ms apart
      for (let i = 1; i <= 20; i++) {
        p.setView(i * 2500, i * 2500 + 40);
        vi.advanceTimersByTime(16);
      }
      // the first jump is asked at once (a jump to a line is one), none of the places the drag then passed over
      expect(t.asked).toEqual([12]);
      // 40 ms after the last move: the page the view rests on (row 50,000), and nothing else while it is out
      vi.advanceTimersByTime(24);
      expect(t.asked).toEqual([12, 250]);
      // in: the prefetch around it resumes
      await t.answer();
      expect(p.hasPage(250)).toBe(true);
      expect(t.inflight()).toContain(251);
      p.close();
    } finally {
      vi.useRealTimers();
    }
  });

  it('prefetches in the scroll direction, backwards too', async () => {
    const t = transport(100_000);
    const p = new LogPages('k', {}, t.fetch, { pageSize: 100, maxInflight: 10, ahead: 2 });
    await t.answer();
    p.setView(5_000, 5_030);
    await t.answer();
    t.asked.length = 0;
    p.setView(4_990, 5_020); // scrolling up
    p.setView(4_980, 5_010);
    await t.answer();
    // Pages 49–50 hold the rows (held already); the two pages above them are fetched, and one below is kept.
    expect(t.asked.sort((a, b) => a - b)).toEqual([47, 48]);
    expect(p.hasPage(48)).toBe(true);
    expect(p.hasPage(47)).toBe(true);
    expect(p.hasPage(50)).toBe(true);
  });

  it('keeps at most maxPages pages, dropping the farthest and never a visible one', async () => {
    const t = transport(1_000_000);
    const p = new LogPages('k', {}, t.fetch, { pageSize: 100, maxPages: 6, maxInflight: 10, ahead: 1 });
    await t.answer();
    for (const row of [10_000, 20_000, 30_000, 40_000, 50_000]) {
      p.setView(row, row + 30);
      await t.answer();
    }
    expect(p.heldPages().length).toBeLessThanOrEqual(6);
    expect(p.hasPage(500)).toBe(true);
    expect(p.hasPage(0)).toBe(false);
    expect(p.hasPage(100)).toBe(false);
  });

  it('keeps a held record’s identity when other pages arrive (memoised rows stay put)', async () => {
    const t = transport(10_000);
    const p = new LogPages('k', {}, t.fetch, { pageSize: 100 });
    await t.answer();
    const r = p.record(5);
    const v = p.version;
    p.setView(0, 30);
    await t.answer();
    expect(p.version).toBeGreaterThan(v);
    expect(p.record(5)).toBe(r);
  });

  it('collects the sources it has seen for the filter suggestions', async () => {
    const t = transport(1000);
    const p = new LogPages('k', {}, t.fetch, { pageSize: 100 });
    await t.answer();
    expect([...p.sources].sort()).toEqual(['Daemon', 'ExtHandler']);
  });

  it('reports a failed request and retries it later, not in a loop', async () => {
    vi.useFakeTimers();
    try {
      const t = transport(1000);
      const p = new LogPages('k', {}, t.fetch, { pageSize: 100, retryMs: 1000, maxInflight: 1, ahead: 0 });
      await t.answer();
      const asks5 = () => t.asked.filter((x) => x === 5).length;
      p.setView(500, 530);
      expect(asks5()).toBe(1);
      await t.fail();
      expect(p.error).toBe('worker gone');
      expect(t.inflight()).not.toContain(5);
      p.setView(500, 530);
      await t.answer();
      expect(asks5()).toBe(1);
      await vi.advanceTimersByTimeAsync(1100);
      expect(asks5()).toBe(2);
      expect(t.inflight()).toContain(5);
    } finally {
      vi.useRealTimers();
    }
  });

  it('ignores answers after close', async () => {
    const t = transport(1000);
    const p = new LogPages('k', {}, t.fetch);
    const seen = vi.fn();
    p.subscribe(seen);
    p.close();
    await t.answer();
    expect(p.total).toBeNull();
    expect(seen).not.toHaveBeenCalled();
    p.setView(0, 10);
    expect(t.asked).toEqual([0]);
  });
});

describe('LogPages while the worker still counts a text search', () => {
  it('shows the count so far, asks once for the whole count, and keeps it once known', async () => {
    const asked: LogQuery[] = [];
    const answers: { q: LogQuery; resolve: (p: LogPage) => void }[] = [];
    const fetch = (q: LogQuery) => new Promise<LogPage>((resolve) => (asked.push(q), answers.push({ q, resolve })));
    const reply = async (match: (q: LogQuery) => boolean, page: Omit<LogPage, 'records' | 'offset'>) => {
      const k = answers.findIndex((a) => match(a.q));
      const [a] = answers.splice(k, 1);
      a.resolve({ ...page, offset: a.q.offset, records: [] });
      await settle();
    };
    const p = new LogPages('k', { text: 'heartbeat' }, fetch, { pageSize: 200 });
    await reply((q) => q.offset === 0 && q.limit === 200, { total: 230, counting: true });
    expect(p.total).toBe(230);
    expect(p.counting).toBe(true);
    // the whole count: one request of no records
    expect(asked.filter((q) => q.limit === 0)).toEqual([{ text: 'heartbeat', offset: 0, limit: 0 }]);
    // a later page knows more hits; the count only grows while counting
    await reply((q) => q.offset === 200, { total: 610, counting: true });
    expect(p.total).toBe(610);
    expect(asked.filter((q) => q.limit === 0)).toHaveLength(1);
    await reply((q) => q.limit === 0, { total: 2052 });
    expect(p.total).toBe(2052);
    expect(p.counting).toBe(false);
    // a page answered before the end but arriving after the whole count does not change it
    const late = answers.find((a) => a.q.limit === 200)!;
    expect(late).toBeDefined();
    await reply((q) => q === late.q, { total: 900, counting: true });
    expect(p.total).toBe(2052);
    p.close();
  });
});
