import { describe, expect, it } from 'vitest';
import { parseLocalInput, stepLocalInput, toLocalInput } from '../../src/renderer/components/PortalCodeForm';

/** The failed-job time field of "What the portal says": one text field, read in this computer's zone, ↑/↓ step a part. */
describe('the failed-job time field', () => {
  it('reads 2026-11-19 23:10, with a T or seconds, and nothing it cannot place', () => {
    const at = new Date(2026, 10, 19, 23, 10).getTime();
    expect(parseLocalInput('2026-11-19 23:10')).toBe(at);
    expect(parseLocalInput(' 2026-11-19T23:10 ')).toBe(at);
    expect(parseLocalInput('2026-11-19 23:10:05')).toBe(at + 5000);
    for (const bad of ['', '19/11/2026 23:10', '2026-02-30 10:00', '2026-11-19 24:00', '2026-11-19', '2026-11-19 23:10Z']) expect(parseLocalInput(bad), bad).toBeNaN();
    expect(toLocalInput(new Date(at).toISOString())).toBe('2026-11-19 23:10');
    expect(toLocalInput(undefined)).toBe('');
  });

  it('↑/↓ change the part under the caret; a caret just after a part changes that part', () => {
    const t = '2026-11-19 23:10';
    expect(stepLocalInput(t, 2, 1)).toEqual({ text: '2027-11-19 23:10', from: 0, to: 4 });
    expect(stepLocalInput(t, 7, 1)).toEqual({ text: '2026-12-19 23:10', from: 5, to: 7 });
    expect(stepLocalInput(t, 10, -1)).toEqual({ text: '2026-11-18 23:10', from: 8, to: 10 });
    expect(stepLocalInput(t, 11, 1)).toEqual({ text: '2026-11-20 00:10', from: 11, to: 13 });
    expect(stepLocalInput(t, 16, -1)).toEqual({ text: '2026-11-19 23:09', from: 14, to: 16 });
    // written loosely, answered in the field's form
    expect(stepLocalInput('2026-1-5T7:05', 12, 1)).toEqual({ text: '2026-01-05 07:06', from: 14, to: 16 });
    expect(stepLocalInput('not a time', 3, 1)).toBeNull();
  });
});
