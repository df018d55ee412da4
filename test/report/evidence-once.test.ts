import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { buildReportModel, renderHtml, renderMarkdown } from '../../src/main/report';
import { cliJsonParts } from '../../src/main/report/json';
import { formatText } from '../../src/main/cli/text';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';
import { evidenceKey } from '../../src/shared/evidence-place';
import type { Finding } from '../../src/shared';
import { CASES_DIR } from '../accuracy/score';

/**
 * A rule can reach one log line through two facts (waagent-1801: the goal-state line is both a failed call and a
 * goal-state error, so no-network-wireserver's rule cites waagent.log:3 twice). The engine cites it once where the
 * finding is made (analyze/engine.ts toFinding), and every output shows the finding's evidence as it is: the terminal,
 * the JSON, the Markdown and the HTML/PDF report.
 */
const LINE = '2020/01/19 09:15:21.783005 ERROR ExtHandler ProtocolError processing goal state, giving up';

const count = (s: string, needle: string) => s.split(needle).length - 1;
const once = (f: Pick<Finding, 'evidence'>) => new Set(f.evidence.map(evidenceKey)).size === f.evidence.length;

describe('an evidence line a rule reaches through two facts', () => {
  it('is cited once by the finding, and so once in the text, the JSON and the report', async () => {
    const r = (await analyzeBundle([join(CASES_DIR, 'waagent-1801-host-wireserver-restart-timeouts', 'files')])).result;
    const f = r.findings.find((x) => x.cause === 'no-network-wireserver' && x.verdict === 'detected')!;
    expect(f.evidence.map((e) => e.line)).toEqual([1, 2, 3]);
    expect(r.findings.every(once)).toBe(true);
    // the only detected finding that cites it
    expect(r.findings.filter((x) => x.verdict === 'detected' && x.evidence.some((e) => e.text.startsWith(LINE)))).toEqual([f]);
    for (const lang of ['en', 'nl'] as const) expect(count(formatText(r, lang), LINE)).toBe(1);
    const json = JSON.parse([...cliJsonParts(r)].join('')) as { findings: Finding[] };
    expect(json.findings.every(once)).toBe(true);
    expect(json.findings.find((x) => x.cause === 'no-network-wireserver')!.evidence.map((e) => e.line)).toEqual([1, 2, 3]);
    const m = buildReportModel(r, { lang: 'en', redact: false });
    expect(m.detected.find((x) => x.cause === 'no-network-wireserver')!.evidence.map((e) => e.line)).toEqual([1, 2, 3]);
    expect(count(renderMarkdown(m), LINE)).toBe(1);
    // the finding's evidence table and the summary's first line of proof
    expect(count(renderHtml(m), LINE)).toBe(2);
  }, 60_000);
});
