// The platform's ISO times (status files, instance views): a zone is honoured, no zone is UTC, anything else is NaN.
import { describe, expect, it } from 'vitest';
import { parsePlatformIso } from '../../src/shared/time';

describe('parsePlatformIso', () => {
  it('reads the forms a status file and an instance view write', () => {
    expect(parsePlatformIso('2019-08-23T14:51:21Z')).toBe(Date.UTC(2019, 7, 23, 14, 51, 21));
    expect(parsePlatformIso('2019-08-23T14:51:21')).toBe(Date.UTC(2019, 7, 23, 14, 51, 21));
    expect(parsePlatformIso('2019-08-23T14:51:21.5+00:00')).toBe(Date.UTC(2019, 7, 23, 14, 51, 21, 500));
    expect(parsePlatformIso('2019-08-23T16:51:21+0200')).toBe(Date.UTC(2019, 7, 23, 14, 51, 21));
  });

  it('gives NaN for what is no such time', () => {
    for (const s of ['', 'yesterday', '2019-08-23', '23/08/2019 14:51:21', '2019-13-45T99:99:99Z']) expect(parsePlatformIso(s), s).toBeNaN();
  });
});
