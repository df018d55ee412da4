import { describe, expect, it } from 'vitest';
import { cliJsonParts, toCliJson } from '../../src/main/report/json';
import { jsonEscapeControls, visibleControls } from '../../src/shared/visible';
import type { AnalysisResult, SnapshotTask } from '../../src/shared';
import { keepMilestoneRows, milestoneRowsOf } from '../../src/shared/model/task-milestones';
import { MilestoneTable, TableRows, type MilestoneInfo } from '../../src/main/records/milestones';
import { sampleResult } from './fixture';

/**
 * `r` with each task's milestones kept as rows of a milestone table (what the extension.log's tasks hold), with the
 * texts, times, files and lines a writer of their bytes must still write as JSON.stringify does.
 */
function withRows(r: AnalysisResult): AnalysisResult {
  const files = [{ vmPath: 'var/log/azure/x/extension.log' }, { vmPath: 'var/log/azure/ö "q"\\u\u202e/extension.log' }];
  const table = new MilestoneTable(files);
  const texts = ['plain line 1', '', 'a "quoted" one', 'back\\slash', 'tab\there', 'del \u007f', 'c1 \u009b31m', 'bidi \u202egol.txt \u2028', 'accent é and → arrow', 'lone \ud800 half', 'x'.repeat(5000), '~ ends in an ellipsis…'];
  const times = [Date.parse('2026-11-19T22:00:13.601Z'), NaN, -1, 0.5, 86_400_000 * 3_000_000, Date.parse('1999-12-31T23:59:59.999Z')];
  const snapshots = r.snapshots.map((t, n) => {
    const rows: number[] = [];
    for (let k = 0; k < 14 + n; k++) {
      const info: MilestoneInfo = { milestone: k % 2 ? 'freeze-start' : 'enable-start' };
      rows.push(table.push({ line: k * 9_999 + n, timeMs: times[k % times.length], zone: k % 3 ? 'utc' : 'local', text: texts[(k + n) % texts.length], process: 'enable', run: 1, taskId: t.taskId, seqNo: t.seqNo, info, detail: undefined }, k % 4 === 3 ? 1 : 0));
    }
    // (a local time shifted by the clock is written as the shift writes it)
    if (n === 0) table.applyOffset(0, 60);
    const task = {} as SnapshotTask;
    for (const [key, value] of Object.entries(t)) {
      if (key === 'milestones') keepMilestoneRows(task, new TableRows(table, Int32Array.from(rows), 0, n === 1 ? 0 : rows.length));
      else (task as unknown as Record<string, unknown>)[key] = value;
    }
    return task;
  });
  return { ...r, snapshots };
}

/** The document as it was written in one piece: the pieces must join to exactly this. */
const whole = (r: AnalysisResult) => jsonEscapeControls(`${JSON.stringify(toCliJson(r), null, 2)}\n`);

describe('cliJsonParts', () => {
  it('joins to the one-piece document byte for byte, with C1 and bidi controls escaped', () => {
    // a C1 control (CSI), a bidi override, a line separator, beyond Latin-1 (→) and a C0 escape in a task and a finding
    const r = sampleResult({ inject: ' \u009b31m \u202egol.txt \u2028 → \u001b[2J' });
    const parts = [...cliJsonParts(r)];
    expect(parts.join('')).toBe(whole(r));
    expect(parts.join('')).not.toMatch(/[\u009b\u202e\u2028]/);
    expect(parts[0]).toBe('{\n');
    expect(parts.at(-1)).toBe('\n}\n');
    // a member that is not an array is one piece (the bench reads `stats` from its own piece)
    expect(parts.filter((p) => p.startsWith('  "stats": '))).toEqual([`  "stats": ${JSON.stringify(r.stats, null, 2).replaceAll('\n', '\n  ')}`]);
    // an array member comes an item a piece: each task is its own piece, at the document's indentation
    expect(r.snapshots.length).toBeGreaterThan(1);
    const tasks = r.snapshots.map((t) => jsonEscapeControls(JSON.stringify(t, null, 2).replaceAll('\n', '\n    ')));
    for (const t of tasks) expect(parts).toContain(t);
  });

  it('writes tasks whose milestones are rows as the one-piece document does', () => {
    const r = withRows(sampleResult({ inject: ' \u009b31m \u202egol.txt \u2028 → \u001b[2J' }));
    expect(r.snapshots.every((t) => milestoneRowsOf(t))).toBe(true);
    const parts = [...cliJsonParts(r)];
    expect(parts.join('')).toBe(whole(r));
    // each task is one piece, at the document's indentation (one task has no milestones)
    for (const t of r.snapshots) expect(parts).toContain(jsonEscapeControls(JSON.stringify(t, null, 2).replaceAll('\n', '\n    ')));
    expect(whole(r)).toContain('"milestones": []');
    expect(whole(r)).toContain('"time": null');
    expect(whole(r)).toContain('\\u202e');
  });

  it('writes each kind of value a task holds as the one-piece document does', () => {
    const r = withRows(sampleResult());
    const odd = ' "q" \\ tab\t nl\n del \u007f c1 \u009b bidi \u202e ls \u2028 é → lone \ud800';
    const [a, b, c] = r.snapshots as unknown as Record<string, unknown>[];
    Object.assign(a, { message: `Enable failed${odd}`, code: -2, durationMs: 0.5, errorCode: -0, seqNo: 1e21, unfinishedReason: undefined, statusName: NaN });
    a.disks = [{ disk: `lun${odd}`, ok: null, detail: 'x' }, { disk: 'lun1', ok: true }, { disk: 'lun2', ok: false, detail: undefined }];
    a.phases = [{ name: 'enable', result: 'ok', detail: odd, detailNl: '→' }, {}, { name: undefined }, [], [undefined, () => 1, null], Object.assign(Object.create(null), { name: 'thaw' })];
    a[`k${odd}`] = 1;
    // what JSON.stringify writes its own way: a Date, a toJSON, a boxed string or number
    Object.assign(b, { extensionVersion: new Date(0), nested: { at: { toJSON: () => 'then' } } });
    c.phases = [new String('s'), new Number(2)];
    const parts = [...cliJsonParts(r)];
    expect(parts.join('')).toBe(whole(r));
    expect(whole(r)).toContain('"seqNo": 1e+21');
    expect(whole(r)).toContain('"errorCode": 0');
    expect(whole(r)).toContain('"statusName": null');
    expect(whole(r)).toContain('"at": "then"');
    expect(whole(r)).toContain('\\u009b');
  });

  it('gives a task it cannot write as JSON.stringify does the error JSON.stringify gives', () => {
    const r = withRows(sampleResult());
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    (r.snapshots[2] as unknown as Record<string, unknown>).phases = [loop];
    expect(() => whole(r)).toThrow(TypeError);
    expect(() => [...cliJsonParts(r)]).toThrow(TypeError);
    (r.snapshots[2] as unknown as Record<string, unknown>).phases = [{ size: 1n }];
    expect(() => [...cliJsonParts(r)]).toThrow(TypeError);
  });

  it('escapes a DEL in text that is otherwise ASCII', () => {
    const r = sampleResult({ inject: ' \u007f ' });
    const parts = [...cliJsonParts(r)];
    expect(parts.join('')).toBe(whole(r));
    expect(parts.join('')).toContain('\\u007f');
    expect(parts.join('')).not.toContain('\u007f');
  });

  it('escapes what the CLI\'s other output escapes, on JSON.stringify\'s text', () => {
    // the pieces are written past safeIo (visibleControls), so their escapes must be its escapes: on JSON.stringify's
    // text both agree for every character they act on (it leaves no raw C0 but \n)
    const r = sampleResult({ inject: ' \u009b31m \u202egol.txt \u2028 → \u001b[2J' });
    expect(visibleControls([...cliJsonParts(r)].join(''))).toBe(whole(r));
    const every = Array.from({ length: 0x2070 }, (_, c) => String.fromCharCode(c)).join('');
    const json = JSON.stringify({ s: [every] }, null, 2);
    expect(visibleControls(json)).toBe(jsonEscapeControls(json));
  });

  it('writes an empty array member as the one-piece document does', () => {
    const r = { ...sampleResult(), snapshots: [], findings: [] } as AnalysisResult;
    expect([...cliJsonParts(r)].join('')).toBe(whole(r));
    expect(whole(r)).toContain('"snapshots": []');
  });

  it('leaves out members JSON.stringify leaves out, as the one-piece document does', () => {
    const r = { ...sampleResult(), activity: undefined, unexplained: undefined, portalCode: 'UserErrorFsFreezeTimeout' } as AnalysisResult;
    // toCliJson keeps `agent` even when it is undefined; JSON.stringify drops it
    const odd = { ...r, agent: undefined } as unknown as AnalysisResult;
    for (const x of [r, odd]) expect([...cliJsonParts(x)].join('')).toBe(whole(x));
    expect([...cliJsonParts(odd)].join('')).not.toContain('"agent"');
  });
});
