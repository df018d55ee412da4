// The Dutch report holds no English sentence (issue 22, "Dutch throughout"): every real case in test/cases is
// analysed and rendered as a Dutch Markdown report, and each line is checked for English prose outside what
// the report quotes from the logs: code spans, code blocks, "> " quotes and, inside a Dutch sentence, log text
// between double quotes stay verbatim in every language. A quote counts as log text only when its words occur
// in the case's own files, so an English sentence of ours cannot hide between quotes.
import { readdirSync, readFileSync } from 'node:fs';
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

/** Runs of whitespace as one space: the report folds a line's whitespace where the file keeps it. */
const fold = (s: string) => s.replace(/\s+/g, ' ');

/**
 * Whether a quote's content is text of the logs: every piece of it between the report's own insertions (a clip's
 * "…", the redaction marker, a pseudonym such as host-1) occurs verbatim in the case's files, after the
 * Markdown escapes are undone. Pieces of a character or two say nothing and are passed.
 */
export function fromLogs(quoted: string, logs: string): boolean {
  const pieces = quoted
    .replace(/\\(.)/g, '$1')
    .split(/…|<redacted>|\b(?:host|user|ipv[46]|sub)-\d+\b/)
    .map((p) => fold(p).trim())
    .filter((p) => p.length > 2);
  return pieces.length > 0 && pieces.every((p) => logs.includes(p));
}

/** The report's own prose: code spans and blocks, "> " quotes, "quoted" log text and link targets removed. */
export function prose(markdown: string, logs: string): string[] {
  return markdown
    .replace(/```[\s\S]*?```/g, '')
    .split('\n')
    .filter((l) => !l.trimStart().startsWith('>'))
    .map((l) =>
      l
        .replace(/`[^`]*`/g, '')
        .replace(/"([^"]*)"/g, (whole, inner: string) => (fromLogs(inner, logs) ? '' : whole))
        .replace(/<https?:[^>]*>/g, '')
        .replace(/\]\([^)]*\)/g, ']'),
    );
}

/** A case's files as one text (whitespace folded), what its report may quote. */
function caseText(dir: string): string {
  const root = join(dir, 'files');
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => fold(readFileSync(join(e.parentPath, e.name), 'utf8')))
    .join('\n');
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
    expect(prose('Zie `the log of the agent that did not start`\n> the line that was quoted from the log', '')).toEqual(['Zie ']);
    const log = 'Jul 18 15:54:27 vpnfirewall systemd[1]: Failed to start Azure Linux Agent.\n';
    expect(prose('De service viel weg: "Jul 18 15:54:27 vpnfirewall systemd\\[1\\]: Failed to start Azure Linux Agent."', log)).toEqual(['De service viel weg: ']);
    expect(prose('De service viel weg: "Jul 18 15:54:27 host-1 systemd\\[1\\]: Failed to…"', log)).toEqual(['De service viel weg: ']);
  });

  it('keeps a quoted sentence that the logs do not hold', () => {
    const line = 'Melding: "the agent did not answer and the check could not finish".';
    expect(prose(line, 'WARNING the agent did not answer')).toEqual([line]);
    expect(englishWords(prose(line, '')[0]).length).toBeGreaterThanOrEqual(3);
  });
});

describe('Dutch report of every real case', () => {
  for (const dir of listCases()) {
    const def = readCase(dir);
    it(`${def.id}: no English sentence`, async () => {
      const { result } = await analyzeBundle([join(dir, 'files')], def.portalCode ? { portalCode: def.portalCode } : {});
      const md = renderMarkdown(buildReportModel(result, { lang: 'nl', redact: true }));
      const english = prose(md, caseText(dir)).filter((l) => englishWords(l).length >= 3);
      expect(english).toEqual([]);
    }, 60_000);
  }
});
