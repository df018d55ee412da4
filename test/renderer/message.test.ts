import { describe, expect, it } from 'vitest';
import { findMatcher, messageOf, regexError, splitMatches } from '../../src/renderer/util/message';
import { toQuery, EMPTY_FILTERS } from '../../src/renderer/state/logs';

// Lines from the sample bundle (assets/sample/logs.zip), as the parsers give them.
describe('the message column', () => {
  it('leaves out the time, level, source and thread the other columns show', () => {
    expect(messageOf({ text: '2026-11-19T22:00:02.114503Z INFO ExtHandler ExtHandler ProcessExtensionsGoalState started [incarnation_15 1 ms]', source: 'ExtHandler' })).toBe(
      'ProcessExtensionsGoalState started [incarnation_15 1 ms]',
    );
    expect(messageOf({ text: '2026/11/15 09:00:01.018234 INFO Daemon Running default provisioning handler', source: 'Daemon' })).toBe('Running default provisioning handler');
    expect(messageOf({ text: '2026/11/19 22:01:19.185123  Error  freeze timed-out', source: 'VMSnapshotLinux' })).toBe('freeze timed-out');
  });

  it('drops the handler prefix the source column names, shortens another one', () => {
    expect(messageOf({ text: '2026-11-19 22:00:09.969123 [Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0]T:S freeze, timeout value 60', source: 'VMSnapshotLinux' })).toBe('T:S freeze, timeout value 60');
    expect(
      messageOf({ text: '2026-11-19T22:02:14.902117Z ERROR ExtHandler ExtHandler [Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9225.0] Extension status: code 122', source: 'ExtHandler' }),
    ).toBe('[VMSnapshotLinux-1.0.9225.0] Extension status: code 122');
  });

  it('a line in no known layout stays as written; only the first line is used', () => {
    expect(messageOf({ text: 'Traceback (most recent call last):\n  File "x"', source: 'extension' })).toBe('Traceback (most recent call last):');
    expect(messageOf({ text: '2026-11-19T22:00:02Z', source: 'x' })).toBe('2026-11-19T22:00:02Z');
  });
});

describe('find', () => {
  it('splits a line into plain and matching runs, case-insensitive, regex or not', () => {
    expect(splitMatches('Freeze then freeze', findMatcher('freeze', false)!)).toEqual([
      { text: 'Freeze', hit: true },
      { text: ' then ', hit: false },
      { text: 'freeze', hit: true },
    ]);
    expect(splitMatches('code 122, code 1', findMatcher('code \\d{3}', true)!)).toEqual([
      { text: 'code 122', hit: true },
      { text: ', code 1', hit: false },
    ]);
    // A pattern that matches the empty string highlights nothing rather than looping.
    expect(splitMatches('abc', findMatcher('x*', true)!)).toEqual([{ text: 'abc', hit: false }]);
  });

  it('flags an invalid regex with the browser’s reason', () => {
    expect(regexError('freeze(')).toMatch(/\S/);
    expect(findMatcher('freeze(', true)).toBeNull();
    expect(regexError('freeze.*timed')).toBeNull();
  });

  it('±N minutes around the failure becomes a from/to window around the failed task', () => {
    const failure: [number, number] = [Date.parse('2026-11-19T22:00:05Z'), Date.parse('2026-11-19T22:03:27Z')];
    expect(toQuery({ ...EMPTY_FILTERS, around: 5 }, '', failure)).toEqual({ from: '2026-11-19T21:55:05.000Z', to: '2026-11-19T22:08:27.000Z' });
    expect(toQuery({ ...EMPTY_FILTERS, around: 5 }, '', null)).toEqual({});
    expect(toQuery({ ...EMPTY_FILTERS, around: 0 }, '', failure)).toEqual({});
  });
});

describe('time shown with its zone, and on the VM’s clock', async () => {
  const { formatTime, parseUserTime, setVmOffset, vmOffsetOf, offsetLabel } = await import('../../src/renderer/util/time');
  it('UTC ends in Z; the VM clock carries its offset; local carries the viewer’s', () => {
    setVmOffset(60);
    expect(formatTime('2026-11-19T22:00:05.000Z', 'utc')).toBe('2026-11-19 22:00:05Z');
    expect(formatTime('2026-11-19T22:00:05.000Z', 'vm')).toBe('2026-11-19 23:00:05 +01:00');
    expect(formatTime('2026-11-19T22:00:05.000Z', 'local')).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:05 [+-]\d{2}:\d{2}$/);
    expect(parseUserTime('2026-11-19 23:00', 'vm')).toBe(Date.parse('2026-11-19T22:00:00Z'));
    setVmOffset(null);
    // Without an inferred offset the VM mode falls back to UTC, and says so.
    expect(formatTime('2026-11-19T22:00:05.000Z', 'vm')).toBe('2026-11-19 22:00:05Z');
  });

  it('a converted time says from what to what ("VM +01:00 → UTC"); one shown as written says nothing', async () => {
    const { conversionOf, zoneName } = await import('../../src/renderer/util/time');
    const { LABELS } = await import('../../src/shared/i18n/labels');
    const ms = Date.parse('2026-11-19T22:00:05Z');
    setVmOffset(60);
    // waagent.log's local lines, converted with the offset inferred for that file
    expect(conversionOf('local-inferred', 60, 'utc', ms, LABELS.en.top)).toBe('VM +01:00 → UTC');
    expect(conversionOf('utc', undefined, 'utc', ms, LABELS.en.top)).toBeNull();
    // on the VM's clock it is the UTC lines that are converted
    expect(conversionOf('local-inferred', 60, 'vm', ms, LABELS.en.top)).toBeNull();
    expect(conversionOf('utc', undefined, 'vm', ms, LABELS.en.top)).toBe('UTC → VM +01:00');
    // a file whose own offset differs from the VM's usual one
    expect(conversionOf('local-inferred', -300, 'vm', ms, LABELS.nl.top)).toBe('VM -05:00 → VM +01:00');
    const local = -new Date(ms).getTimezoneOffset();
    expect(conversionOf('utc', undefined, 'local', ms, LABELS.nl.top)).toBe(local === 0 ? null : `UTC → Lokaal ${offsetLabel(local)}`);
    expect(zoneName('local', LABELS.nl.top, ms)).toBe(`Lokaal ${offsetLabel(local)}`);
    // not resolved, or no time: nothing to say (the row marks an unresolved local time with * instead)
    expect(conversionOf('local', undefined, 'utc', ms, LABELS.en.top)).toBeNull();
    expect(conversionOf('none', undefined, 'utc', NaN, LABELS.en.top)).toBeNull();
    setVmOffset(null);
    expect(zoneName('vm', LABELS.en.top)).toBe('UTC');
  });

  it('the VM offset is the one most local-time sources agree on', () => {
    expect(vmOffsetOf({ clock: { offsets: [{ offsetMinutes: 60 }, { offsetMinutes: 60 }, { offsetMinutes: -330 }] } })).toBe(60);
    expect(vmOffsetOf({ clock: { offsets: [] } })).toBeNull();
    expect(offsetLabel(-330)).toBe('-05:30');
  });
});
