// The Dutch report holds no English sentence (issue 22, "Dutch throughout"): every real case in test/cases is
// analysed and rendered as a Dutch Markdown report, and each line is checked for English prose outside what
// the report quotes from the logs: code spans, code blocks, "> " quotes and, inside a Dutch sentence, log text
// between double quotes stay verbatim in every language.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';
import { buildReportModel, renderMarkdown } from '../../src/main/report';
import { listCases, readCase } from '../accuracy/score';

/**
 * English function words that Dutch prose never uses as words of its own ("is", "in", "een" are shared or
 * ambiguous and left out, and so are "was", "of", "die" and "had", which are Dutch words too). A line with three or more different ones is an
 * English sentence: a Dutch sentence quoting a term or two ("Backup Host Service", "Extensions.Enabled") stays
 * below that, and a real English sentence of any length reaches it.
 */
const ENGLISH = ['the', 'and', 'did', 'not', 'with', 'which', 'this', 'that', 'from', 'has', 'when', 'its', 'to', 'on', 'are', 'were', 'for', 'could', 'cannot', 'does', 'but'];

/** The report's own prose: code spans and blocks, "> " quotes, "quoted" log text and link targets removed. */
export function prose(markdown: string): string[] {
  return markdown
    .replace(/```[\s\S]*?```/g, '')
    .split('\n')
    .filter((l) => !l.trimStart().startsWith('>'))
    .map((l) => l.replace(/`[^`]*`/g, '').replace(/"[^"]*"/g, '').replace(/<https?:[^>]*>/g, '').replace(/\]\([^)]*\)/g, ']'));
}

/** The distinct English function words of a line. */
export function englishWords(line: string): string[] {
  const words = new Set(line.toLowerCase().match(/[a-z']+/g) ?? []);
  return ENGLISH.filter((w) => words.has(w));
}

describe('the heuristic', () => {
  it('flags an English sentence and passes a Dutch one quoting English terms', () => {
    expect(englishWords("the agent's service went down and did not come back").length).toBeGreaterThanOrEqual(3);
    expect(englishWords('De agent kon de Backup Host Service (168.63.129.16) niet bereiken via de WireServer.').length).toBeLessThan(3);
    expect(prose('Zie `the log of the agent that did not start`\n> the line that was quoted from the log')).toEqual(['Zie ']);
    expect(prose('De service viel weg: "Jul 18 15:54:27 vpnfirewall systemd[1]: Failed to start Azure Linux Agent."')).toEqual(['De service viel weg: ']);
  });
});

describe('Dutch report of every real case', () => {
  for (const dir of listCases()) {
    const def = readCase(dir);
    it(`${def.id}: no English sentence`, async () => {
      const { result } = await analyzeBundle([join(dir, 'files')], def.portalCode ? { portalCode: def.portalCode } : {});
      const md = renderMarkdown(buildReportModel(result, { lang: 'nl', redact: true }));
      const english = prose(md).filter((l) => englishWords(l).length >= 3);
      expect(english).toEqual([]);
    }, 60_000);
  }
});
