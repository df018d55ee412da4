import { describe, expect, it } from 'vitest';
import { BasedColumn } from '../../src/main/records/column';

const PAGE = 1 << 16;

/** Writes `values` from record 0 on and expects each to read back the same (Object.is: NaN and -0 too). */
function roundTrip(of: 'time' | 'uint', values: number[]): void {
  const c = new BasedColumn(of);
  values.forEach((v, i) => c.set(i, v));
  const back = values.map((_, i) => c.get(i));
  values.forEach((v, i) => {
    if (!Object.is(back[i], v)) expect.fail(`record ${i}: wrote ${v}, read ${back[i]}`);
  });
}

describe('BasedColumn', () => {
  it('keeps log times exactly, with NaN, fractions, -0, infinities and jumps beyond an offset', () => {
    const t0 = Date.UTC(2026, 0, 1);
    const values: number[] = [];
    // a page that starts untimed, then times a second apart; a page with a year's jump in it; a page of odd values
    for (let i = 0; i < PAGE + 10; i++) values.push(i < 3 ? NaN : t0 + i * 1000);
    values.push(t0 + 365 * 86_400_000, t0, NaN, t0 - 2 ** 31, t0 + 2 ** 31 - 1);
    while (values.length < 2 * PAGE) values.push(t0 + values.length);
    values.push(0.5, -0, 0, Infinity, -Infinity, NaN, t0, 2 ** 53 + 2, -(2 ** 40));
    roundTrip('time', values);
  });

  it('keeps line numbers exactly when a second file starts inside a page and lines run past 16 bits', () => {
    const values: number[] = [];
    for (let i = 0; i < 1000; i++) values.push(i + 1);
    for (let i = 0; i < 1000; i++) values.push(i + 1); // the next file's lines: below the page's base
    for (let i = 0; values.length < PAGE + 5; i++) values.push(1 + i * 3); // a page whose lines span 3 × 65,536
    for (let i = 0; values.length < 2 * PAGE + 5; i++) values.push(70_000 + i);
    roundTrip('uint', values);
  });

  it('sets a record again (a clock shift) in a narrow and in a widened page', () => {
    const c = new BasedColumn('time');
    for (let i = 0; i < 10; i++) c.set(i, 1_000_000 + i);
    c.set(PAGE, 5);
    c.set(PAGE + 1, 5.25); // the second page is widened
    c.set(3, 1_000_000 - 3_600_000);
    c.set(PAGE, NaN);
    expect([c.get(3), c.get(4), c.get(PAGE), c.get(PAGE + 1)]).toEqual([1_000_000 - 3_600_000, 1_000_004, NaN, 5.25]);
  });
});
