import { describe, expect, it } from 'vitest';
import { parseIsoUtc, parseWindowsLocal, windowsDateOrder } from '../../src/shared/time';

// Dates as Windows event exports print them in the exporting machine's locale (lines of the real cases' and tests' copies:
// Learn's `3/07/2023 10:25:59 AM`, duplicati #287's `10/19/2010 6:17:16 AM`, Medusa #10135's tab-separated rows)
describe('Windows local times (the one reader, shared/time.ts)', () => {
  it('reads month first, day first, year first and the 12-hour clock', () => {
    expect(parseWindowsLocal('3/07/2023 10:25:59 AM', false)).toBe(Date.UTC(2023, 2, 7, 10, 25, 59));
    expect(parseWindowsLocal('3/07/2023 10:25:59 AM', true)).toBe(Date.UTC(2023, 6, 3, 10, 25, 59));
    expect(parseWindowsLocal('11/28/2021 2:43:42 PM', false)).toBe(Date.UTC(2021, 10, 28, 14, 43, 42));
    expect(parseWindowsLocal('12/21/2001 12:02:05 AM', false)).toBe(Date.UTC(2001, 11, 21, 0, 2, 5));
    expect(parseWindowsLocal('21.03.2023 17:40:29', true)).toBe(Date.UTC(2023, 2, 21, 17, 40, 29));
    expect(parseWindowsLocal('2021/10/01 12:00:00', true)).toBe(Date.UTC(2021, 9, 1, 12, 0, 0));
  });

  it('gives NaN for what is no date: a 13th month, a 13 PM, no clock', () => {
    expect(parseWindowsLocal('21/03/2023 17:40:29', false)).toBeNaN();
    expect(parseWindowsLocal('3/07/2023 13:25:59 PM', false)).toBeNaN();
    expect(parseWindowsLocal('3/07/2023', false)).toBeNaN();
    expect(parseWindowsLocal('10/19/2010 6:75:16 AM', false)).toBeNaN();
  });

  it("an event's XML SystemTime is UTC, and only an ISO time with nothing after it", () => {
    expect(parseIsoUtc('2013-06-13T00:26:20.184797500Z')).toBe(Date.UTC(2013, 5, 13, 0, 26, 20, 184));
    expect(parseIsoUtc(' 2013-06-13T00:26:20Z ')).toBe(Date.UTC(2013, 5, 13, 0, 26, 20));
    expect(parseIsoUtc('2013-06-13T00:26:20+02:00')).toBeNaN();
    expect(parseIsoUtc('')).toBeNaN();
  });
});

describe("the order of a file's day and month", () => {
  it('is decided by a first number above 12 (day first) or a second one (month first)', () => {
    expect(windowsDateOrder('Date:          21/03/2023 17:40:29\n')).toEqual({ dayFirst: true, by: 'day-first' });
    expect(windowsDateOrder('Date:          10/19/2010 6:17:16 AM\nDate:          3/07/2023 10:25:59 AM\n')).toEqual({ dayFirst: false, by: 'month-first' });
    // a 2003 copy's date alone on its Date line, the clock on the next
    expect(windowsDateOrder('Event ID: 4\nDate: 21/12/2001\nTime: 14:02:05\n')).toEqual({ dayFirst: true, by: 'day-first' });
  });

  it('is assumed month first otherwise, with the first date that reads as two days and where it is', () => {
    const text = 'Log Name:      Application\nSource:        .NET Runtime\nDate:          3/07/2023 10:25:59 AM\n';
    const o = windowsDateOrder(text);
    expect(o).toEqual({ dayFirst: false, by: 'assumed', ambiguous: { text: '3/07/2023', index: text.indexOf('3/07/2023'), monthFirst: '2023-03-07', dayFirst: '2023-07-03' } });
    const copy = 'Event ID: 4\nDate: 5.12.2001\nTime: 14:02:05\n';
    expect(windowsDateOrder(copy).ambiguous).toEqual({ text: '5.12.2001', index: copy.indexOf('5.12.2001'), monthFirst: '2001-05-12', dayFirst: '2001-12-05' });
    // the same number twice reads as one day
    expect(windowsDateOrder('Date: 12/12/2001 2:02:05 PM\n')).toEqual({ dayFirst: false, by: 'assumed' });
    expect(windowsDateOrder('no dates here')).toEqual({ dayFirst: false, by: 'assumed' });
  });
});
