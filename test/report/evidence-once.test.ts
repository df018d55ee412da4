import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { buildReportModel, renderHtml, renderMarkdown } from '../../src/main/report';
import { formatText } from '../../src/main/cli/text';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';
import type { AnalysisResult } from '../../src/shared';
import { CASES_DIR } from '../accuracy/score';

/**
 * A finding can reach the same log line through two facts (learn-kb4099558: the known-bad release's sign and the
 * failed extension event are one line). The window shows it once; the terminal, the Markdown and the HTML/PDF
 * report showed it twice, which reads as two events.
 */
const LINE = '2018/03/16 12:00:46.196121 ERROR Event: name=extensionName, op=None, message=[ExtensionError] Downgrade not allowed, duration=0';

async function withRepeat(): Promise<AnalysisResult> {
  const r = (await analyzeBundle([join(CASES_DIR, 'learn-kb4099558-extension-downgrade-not-allowed', 'files')])).result;
  const f = r.findings.find((x) => x.cause === 'agent-outdated' && x.verdict === 'detected')!;
  expect(f.evidence.some((e) => e.text === LINE)).toBe(true);
  // whatever the rules give, the same record twice
  const first = f.evidence.find((e) => e.text === LINE)!;
  f.evidence = [first, ...f.evidence, { ...first }];
  return r;
}

const count = (s: string, needle: string) => s.split(needle).length - 1;

describe('an evidence line reached through two facts', () => {
  it('is printed once per finding by the CLI', async () => {
    const r = await withRepeat();
    for (const lang of ['en', 'nl'] as const) {
      // once for the outdated agent, once for the failed extension (its own finding)
      expect(count(formatText(r, lang), LINE)).toBe(2);
    }
  });

  it('is one row of the report in Markdown and HTML', async () => {
    const r = await withRepeat();
    const m = buildReportModel(r, { lang: 'en', redact: false });
    const f = m.detected.find((x) => x.cause === 'agent-outdated')!;
    expect(f.evidence.filter((e) => e.text === LINE)).toHaveLength(1);
    const md = renderMarkdown(m);
    const html = renderHtml(m);
    // agent-outdated once, extension-failed-state once (its own finding)
    expect(count(md, LINE)).toBe(2);
    // the two findings' evidence tables and the summary's first line of proof
    expect(count(html, LINE)).toBe(3);
  });
});
