import { describe, expect, it } from 'vitest';
import { cliJsonParts, toCliJson } from '../../src/main/report/json';
import { jsonEscapeControls, visibleControls } from '../../src/shared/visible';
import type { AnalysisResult } from '../../src/shared';
import { sampleResult } from './fixture';

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
