// The Dutch output holds no English sentence (issue 22, "Dutch throughout"): every real case in test/cases is
// analysed and rendered as the Dutch Markdown and HTML reports and the CLI's Dutch text and Markdown, and so are
// broken inputs (an empty folder, a zero-byte zip, a PNG named .zip, random text). Each line is checked for
// English prose outside what the output quotes from the logs: code spans, code blocks, "> " quotes, evidence
// lines and, inside a Dutch sentence, log text between double quotes stay verbatim in every language. A quote
// counts as log text only when its words occur in the case's own files, so an English sentence of ours cannot
// hide between quotes.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/main/cli';
import { formatMarkdownSummary } from '../../src/main/cli/markdown';
import { formatText } from '../../src/main/cli/text';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';
import { buildReportModel, renderHtml, renderMarkdown } from '../../src/main/report';
import { LABELS } from '../../src/shared/i18n/labels';
import { ROOT } from '../helpers/paths';
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
 * "…", the redaction marker, a pseudonym such as host-1, a template's placeholder such as <time>) occurs verbatim in the case's files, after the
 * Markdown escapes are undone. Pieces of a character or two say nothing and are passed.
 */
export function fromLogs(quoted: string, logs: string): boolean {
  // (only Markdown escapes its text; the HTML and the terminal print a log's `\` as it is)
  const pieces = (s: string) =>
    s
      .split(/…|<redacted>|<[a-z0-9-]+>|\b(?:host|user|ipv[46]|sub)-\d+\b/)
      .map((p) => fold(p).trim())
      .filter((p) => p.length > 2);
  const all = (list: string[]) => list.length > 0 && list.every((p) => logs.includes(p));
  return all(pieces(quoted)) || all(pieces(quoted.replace(/\\(.)/g, '$1')));
}

/** The output's own prose: code spans and blocks, "> " quotes, "quoted" log text, log lines, addresses and link targets removed. */
export function prose(markdown: string, logs: string): string[] {
  return markdown
    .replace(/```[\s\S]*?```/g, '')
    .split('\n')
    .filter((l) => !l.trimStart().startsWith('>'))
    .map((l) =>
      l
        // (a code span inside a quote, a log's URL, is the report's insertion there, like a clip's "…")
        .replace(/`[^`]*`/g, '…')
        .replace(/"([^"]*)"/g, (whole, inner: string) => (fromLogs(inner, logs) ? '' : whole))
        .replace(/<https?:[^>]*>/g, '')
        .replace(/\bhttps?:\/\/[^\s;)"]+/g, '')
        .replace(/\]\([^)]*\)/g, ']'),
    )
    .map((l) => withoutLogText(l, logs));
}

/**
 * A line without the log text it shows as it is: a whole line of log text (a template of the unexplained errors),
 * or the log text after a run of spaces (the terminal's evidence line `file:12 2024-01-14 22:16:48Z  <line>`).
 */
export function withoutLogText(line: string, logs: string): string {
  if (fromLogs(line, logs)) return '';
  for (const m of line.matchAll(/\S\s{2,}/g)) if (fromLogs(line.slice(m.index + m[0].length), logs)) return line.slice(0, m.index + 1);
  return line;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'", nbsp: ' ' };

/**
 * The HTML report as the reader sees it, in lines: styles and scripts dropped, evidence (`<pre>`) and code
 * (`<code>`) dropped like Markdown's code, tooltips (`title`, `aria-label`, `alt`) kept as lines of their own,
 * a block element ending a line and an inline one not (so a sentence with a bold word stays one line).
 */
export function htmlText(html: string): string {
  const tips = [...html.matchAll(/\s(?:title|aria-label|alt)="([^"]*)"/g)].map((m) => m[1]);
  const body = html
    .replace(/<(style|script|pre|code)\b[\s\S]*?<\/\1>/g, ' ')
    .replace(/<\/?(?:p|div|li|ul|ol|tr|td|th|table|thead|tbody|h[1-6]|br|section|header|footer|details|summary|figure|figcaption|text|title|tspan|dt|dd|dl)\b[^>]*>/g, '\n')
    .replace(/<[^>]*>/g, '');
  return [...tips, body].join('\n').replace(/&(#?\w+);/g, (whole, name: string) => ENTITIES[name] ?? whole);
}

/** A label as compared: whitespace folded, case and a closing colon or ellipsis ignored. */
const labelKey = (s: string) => fold(s).trim().toLowerCase().replace(/\s*[:…]$/, '');

/** Every text of a label catalogue: its strings, and what its functions of a count or of nothing give. */
function labelTexts(labels: object): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.push(v);
    else if (typeof v === 'function' && v.length <= 1) {
      let r: unknown;
      try {
        r = (v as (n: number) => unknown)(2);
      } catch {
        return; // (a function of a record or an object: its words are tested where it is used)
      }
      if (typeof r === 'string' && !/undefined|\[object|NaN/.test(r)) out.push(r);
    } else if (v && typeof v === 'object') for (const x of Object.values(v)) walk(x);
  };
  walk(labels);
  return out;
}

/**
 * The English labels no Dutch label shares ("Cause", "Evidence", "Not evaluable"): too short for the function-word
 * test, so a Dutch output showing one as a heading, a cell or a "label:" shows English.
 */
const ENGLISH_LABELS = (() => {
  const nl = new Set(labelTexts(LABELS.nl).map(labelKey));
  return new Set(labelTexts(LABELS.en).map(labelKey).filter((k) => /[a-z]{3}/.test(k) && !nl.has(k)));
})();

/** The pieces of a line a label can fill: the line, its table cells, what stands before and after a "label: ". */
const segments = (line: string) => [line, ...line.split(/\s*(?:\||·|—|:\s|\t)\s*/)].map((s) => s.trim()).filter((s) => s !== '');

/**
 * The lines that read as English: a sentence, or an English label standing on its own. A piece that is a word of
 * the case's files ("ERROR", an operation "Enable") or the name of one of its inputs is theirs, not a label of ours.
 */
const englishLines = (lines: string[], logs = '', names: ReadonlySet<string> = new Set()) =>
  lines.filter(
    (l) =>
      englishWords(l).length >= 3 ||
      segments(l).some((s) => ENGLISH_LABELS.has(labelKey(s)) && !names.has(labelKey(s)) && !(logs && fromLogs(s, logs))),
  );

/** The names a case's inputs show under: its folder and the names of the files and folders in it. */
function caseNames(dir: string): Set<string> {
  const root = join(dir, 'files');
  return new Set(['files', ...readdirSync(root, { recursive: true }).flatMap((p) => String(p).split(/[\\/]/))].map(labelKey));
}

/** A JSON file's strings as a report quotes them: decoded (a `\n` in the file is a line break there), else ''. */
function jsonStrings(text: string): string {
  const out: string[] = [];
  try {
    JSON.parse(text, (_k, v: unknown) => {
      if (typeof v === 'string') out.push(v);
      return v;
    });
  } catch {
    return '';
  }
  return out.join('\n');
}

/** A case's files as one text (whitespace folded), what its report may quote. */
function caseText(dir: string): string {
  const root = join(dir, 'files');
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'))
    .map((t) => `${fold(t)}\n${fold(jsonStrings(t))}`)
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
    expect(prose('Zie `the log of the agent that did not start`\n> the line that was quoted from the log', '')).toEqual(['Zie …']);
    const log = 'Jul 18 15:54:27 vpnfirewall systemd[1]: Failed to start Azure Linux Agent.\n';
    expect(prose('De service viel weg: "Jul 18 15:54:27 vpnfirewall systemd\\[1\\]: Failed to start Azure Linux Agent."', log)).toEqual(['De service viel weg: ']);
    expect(prose('De service viel weg: "Jul 18 15:54:27 host-1 systemd\\[1\\]: Failed to…"', log)).toEqual(['De service viel weg: ']);
  });

  it('flags an English label standing alone, in a table cell or before a colon, and passes its Dutch', () => {
    const [e, n] = [LABELS.en.report.evidence, LABELS.nl.report.evidence];
    expect(ENGLISH_LABELS.has(labelKey(e)) && englishWords(e).length < 3).toBe(true);
    expect(englishLines([e, `| ${e} | 3 |`, `${e}: 12`])).toHaveLength(3);
    expect(englishLines([n, `| ${n} | 3 |`, `${n}: 12`])).toEqual([]);
    // the same word quoted from the case's logs is theirs
    expect(englishLines([`${e}: 12`], `INFO ${e}: 12 lines`)).toEqual([]);
  });

  it('keeps a quoted sentence that the logs do not hold', () => {
    const line = 'Melding: "the agent did not answer and the check could not finish".';
    expect(prose(line, 'WARNING the agent did not answer')).toEqual([line]);
    expect(englishWords(prose(line, '')[0]).length).toBeGreaterThanOrEqual(3);
  });
});

describe('Dutch output of every real case', () => {
  for (const dir of listCases()) {
    const def = readCase(dir);
    it(`${def.id}: no English sentence in the reports (HTML, Markdown) and the CLI's text and Markdown`, async () => {
      const { result } = await analyzeBundle([join(dir, 'files')], def.portalCode ? { portalCode: def.portalCode } : {});
      const logs = caseText(dir);
      const names = caseNames(dir);
      const model = buildReportModel(result, { lang: 'nl', redact: true });
      expect({
        markdown: englishLines(prose(renderMarkdown(model), logs), logs, names),
        html: englishLines(prose(htmlText(renderHtml(model)), logs), logs, names),
        text: englishLines(prose(formatText(result, 'nl'), logs), logs, names),
        summary: englishLines(prose(formatMarkdownSummary(result, 'nl'), logs), logs, names),
      }).toEqual({ markdown: [], html: [], text: [], summary: [] });
      // a count of one takes the singular ("1 bestand", never "1 bestanden")
      const one = /(?<![\d.,])1 (?:bestanden|waarschuwingen|invoeren|taken|minuten|gebeurtenissen)\b/g;
      expect([renderMarkdown(model), htmlText(renderHtml(model)), formatText(result, 'nl')].flatMap((s) => s.match(one) ?? [])).toEqual([]);
    }, 60_000);
  }
});

/** Runs the CLI, returning what it printed on both streams. */
async function cli(args: string[]): Promise<string> {
  const out: string[] = [];
  await main(args, { stdout: (s) => void out.push(s), stderr: (s) => void out.push(s) });
  return out.join('');
}

describe('Dutch output of broken inputs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vmbd-nl-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'empty'));
  writeFileSync(join(dir, 'zero.zip'), '');
  writeFileSync(join(dir, 'image.zip'), readFileSync(join(ROOT, 'docs', 'screenshots', 'timeline.png')));
  // text that is no log: the case README's prose would be quoted back as "the file's words", so numbers and letters
  writeFileSync(join(dir, 'random.txt'), Array.from({ length: 40 }, (_, i) => `${(i * 7919).toString(36)} ${'qzx'.repeat(i % 5)} ${i * 31}`).join('\n'));
  const inputs = { 'an empty folder': 'empty', 'a zero-byte zip': 'zero.zip', 'a PNG named .zip': 'image.zip', 'random text': 'random.txt', 'a path that does not exist': 'missing.log' };
  for (const [what, name] of Object.entries(inputs)) {
    it(`${what}: the CLI's text and Markdown and both reports are Dutch`, async () => {
      const path = join(dir, name);
      const text = await cli(['analyze', path, '--lang', 'nl']);
      const md = await cli(['analyze', path, '--lang', 'nl', '--format', 'md']);
      const html = await cli(['report', path, '--lang', 'nl', '--out', join(dir, `${name}.html`)]);
      const report = await cli(['report', path, '--lang', 'nl', '--out', join(dir, `${name}.md`)]);
      const written = (ext: string) => {
        try {
          return readFileSync(join(dir, `${name}.${ext}`), 'utf8');
        } catch {
          return '';
        }
      };
      expect({
        text: englishLines(prose(text, '')),
        md: englishLines(prose(md, '')),
        cli: englishLines(prose(`${html}\n${report}`, '')),
        html: englishLines(prose(htmlText(written('html')), '')),
        report: englishLines(prose(written('md'), '')),
      }).toEqual({ text: [], md: [], cli: [], html: [], report: [] });
    }, 60_000);
  }
});
