import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from './helpers';

/** The parser writes evidence times itself (one flat string per record): they must read exactly as Date#toISOString. */
describe('waagent.log evidence times', () => {
  it('equal toISOString for any UTC and local-era time (ms precision, day changes included)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: Date.UTC(2015, 0, 1), max: Date.UTC(2035, 11, 31, 23, 59, 59, 999) }), { minLength: 1, maxLength: 40 }), async (times) => {
        const lines = times.map((t, i) => {
          const iso = new Date(t).toISOString();
          return i % 2
            ? `${iso.replace('Z', '123Z')} INFO ExtHandler ExtHandler [HEARTBEAT] Agent WALinuxAgent-2.9.1.1 is running as the goal state agent`
            : `${iso.slice(0, 10).replace(/-/g, '/')} ${iso.slice(11, 23)}456 INFO Daemon Azure Linux Agent Version:2.2.45`;
        });
        const { facts } = await parse(`${lines.join('\n')}\n`);
        const byLine = new Map(facts.map((f) => [f.at.line, f]));
        times.forEach((t, i) => {
          const f = byLine.get(i + 1);
          expect(f, `line ${i + 1}`).toBeDefined();
          expect(f!.at.time).toBe(new Date(t).toISOString());
          expect(f!.timeMs).toBe(t);
        });
      }),
      { numRuns: 200 },
    );
  });
});
