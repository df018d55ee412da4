import { describe, expect, it } from 'vitest';
import { buildTimeline } from '../../src/renderer/util/timeline-model';
import { buildResult } from './fixtures/analysis';

/**
 * The timeline model's phase bars, key by key: buildTimeline makes ~48,000 of them for 10,000 tasks without a spread
 * per bar, and the model must stay what it was (the same keys in the same order, an optional key only when set), so
 * its JSON is byte for byte the one before.
 */
describe('the timeline model of a snapshot task', () => {
  it('gives each phase bar its keys in one order, detail and open only when they have a value', () => {
    const r = buildResult();
    const task = r.snapshots.find((t) => t.result === 'failed')!;
    const t0 = Date.parse(task.start!);
    const at = (s: number) => new Date(t0 + s * 1000).toISOString();
    task.phases = [
      { name: 'enable', start: at(0), end: at(1), durationMs: 1000, result: 'ok' },
      { name: 'freeze', start: at(2), result: 'timed-out', detail: 'froze 2 of 3 mounts', detailNl: '2 van 3 koppelpunten bevroren' },
      { name: 'snapshot', start: at(3), end: at(2), result: 'ok' },
      { name: 'status', start: at(1), end: at(9), durationMs: 8000, result: 'failed', detail: 'code 122' },
    ];
    const keysOf = (lang: 'en' | 'nl') =>
      buildTimeline(r, lang)
        .segments.filter((s) => s.taskId === task.taskId && s.phase)
        .map((s) => ({ keys: Object.keys(s).join(','), label: s.label, end: s.end - s.start, shade: s.shade }));
    expect(keysOf('en')).toEqual([
      { keys: 'id,lane,start,end,tone,phase,result,shade,label,taskId,count', label: 'enable: ok', end: 1000, shade: 0 },
      // no end logged: the bar runs to the task's end and is open
      { keys: 'id,lane,start,end,tone,phase,result,detail,shade,open,label,taskId,count', label: 'freeze: timed-out — froze 2 of 3 mounts', end: Date.parse(task.end!) - (t0 + 2000), shade: 1 },
      // an end logged before its start: a zero-length bar
      { keys: 'id,lane,start,end,tone,phase,result,shade,label,taskId,count', label: 'snapshot: ok', end: 0, shade: 0 },
    ]);
    expect(keysOf('nl')[1].label).toBe('freeze: timed-out — 2 van 3 koppelpunten bevroren');
  });
});
