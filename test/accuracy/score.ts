// The real-case suite's scoring, one way: `npm run accuracy` (scripts/accuracy.mjs) prints it and
// test/accuracy/accuracy.test.ts holds it to test/cases/floor.json. Each case is a folder of files as a
// ticket brought them plus case.json (docs/ACCURACY.md describes the layout and the rules).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CauseId, Confidence, Finding } from '../../src/shared';
import { CAUSE_IDS } from '../../src/shared/catalog';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';

export const CASES_DIR = resolve(import.meta.dirname, '../cases');
export const FLOOR_FILE = join(CASES_DIR, 'floor.json');

export interface CaseDef {
  id: string;
  title: string;
  platform: 'linux' | 'windows';
  source: string;
  attribution: string;
  licence: string;
  expected: CauseId[];
  negative: boolean;
  why: string;
  portalCode?: string;
}

export interface CaseRow {
  id: string;
  title: string;
  source: string;
  platform: CaseDef['platform'];
  negative: boolean;
  expected: CauseId[];
  /** Detected findings in the analyzer's order (cause + confidence). */
  detected: { cause: CauseId; confidence: Confidence }[];
  /** 1-based position of the first expected cause among the detected findings; undefined when absent. */
  rank?: number;
  top1: boolean;
  top3: boolean;
  /** Detected high-confidence causes that the case does not establish. */
  wrongHigh: CauseId[];
  pass: boolean;
  /** Set when the analysis threw (the case then fails). */
  error?: string;
  /** How the pipeline read the case's files ("path: kind") and how many facts it found: why a case gets nothing. */
  files?: string[];
  facts?: number;
}

export interface Totals {
  cases: number;
  failureCases: number;
  top1: number;
  top3: number;
  top1Pct: number;
  top3Pct: number;
  wrongHigh: number;
  negatives: number;
  negativesPassing: number;
}

export interface Floor {
  /** Failure cases whose expected cause is ranked first (a count: adding a hard case never lowers it). */
  top1: number;
  /** Failure cases whose expected cause is in the first three. */
  top3: number;
  /** Most detected high-confidence wrong causes allowed, over all cases. */
  wrongHighMax: number;
  /** Negative cases with nothing detected above low. */
  negativesPassing?: number;
}

const CASE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const CAUSE_SET: ReadonlySet<string> = new Set(CAUSE_IDS);

/** Reads and checks one case.json; throws with the case's path on any problem. */
export function readCase(dir: string): CaseDef {
  const file = join(dir, 'case.json');
  const raw: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const problems: string[] = [];
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error(`${file}: not a JSON object`);
  const o = raw as Record<string, unknown>;
  const str = (k: string) => {
    const v = o[k];
    if (typeof v !== 'string' || v.trim() === '') problems.push(`${k} must be a non-empty string`);
    return typeof v === 'string' ? v : '';
  };
  const id = str('id');
  const folder = dir.split(/[\\/]/).pop();
  if (id !== folder) problems.push(`id "${id}" differs from the folder name "${folder}"`);
  if (!CASE_ID.test(id)) problems.push(`id "${id}" is not kebab-case`);
  const platform = o.platform;
  if (platform !== 'linux' && platform !== 'windows') problems.push('platform must be "linux" or "windows"');
  if (platform === 'windows' && !id.startsWith('win-')) problems.push('a Windows case id starts with "win-"');
  const source = str('source');
  if (!/^https:\/\/\S+$/.test(source)) problems.push('source must be an https URL');
  const expected = Array.isArray(o.expected) ? o.expected : [];
  if (!Array.isArray(o.expected)) problems.push('expected must be an array');
  for (const c of expected) if (typeof c !== 'string' || !CAUSE_SET.has(c)) problems.push(`unknown cause id ${JSON.stringify(c)}`);
  if (typeof o.negative !== 'boolean') problems.push('negative must be true or false');
  if (o.negative === true && expected.length > 0) problems.push('a negative case expects no cause');
  if (o.negative === false && expected.length === 0) problems.push('a failure case names at least one expected cause');
  if (o.portalCode !== undefined && (typeof o.portalCode !== 'string' || !/^[A-Za-z]+$/.test(o.portalCode))) problems.push('portalCode must be a portal error code');
  const def: CaseDef = {
    id,
    title: str('title'),
    platform: platform as CaseDef['platform'],
    source,
    attribution: str('attribution'),
    licence: str('licence'),
    expected: expected as CauseId[],
    negative: o.negative === true,
    why: str('why'),
    ...(typeof o.portalCode === 'string' ? { portalCode: o.portalCode } : {}),
  };
  const files = join(dir, 'files');
  if (!existsSync(files) || !statSync(files).isDirectory() || readdirSync(files).length === 0) problems.push('files/ is missing or empty');
  if (problems.length > 0) throw new Error(`${file}: ${problems.join('; ')}`);
  return def;
}

/** Every case folder under `root` (folders holding a case.json), sorted by id. */
/** A case's files under files/, each with its path there (`a/b.log`), in name order. */
export function caseFiles(caseDir: string): [name: string, bytes: Buffer][] {
  const out: [string, Buffer][] = [];
  const walk = (dir: string, rel: string) => {
    for (const n of readdirSync(dir).sort()) {
      const p = join(dir, n);
      if (statSync(p).isDirectory()) walk(p, `${rel}${n}/`);
      else out.push([`${rel}${n}`, readFileSync(p)]);
    }
  };
  walk(join(caseDir, 'files'), '');
  return out;
}

export function listCases(root = CASES_DIR): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'case.json')))
    .map((d) => join(root, d.name))
    .sort();
}

/** Scores one case's detected findings against what its thread established (CASES.md rules). */
export function scoreFindings(def: CaseDef, findings: readonly Finding[]): CaseRow {
  const detected = findings.filter((f) => f.verdict === 'detected').map((f) => ({ cause: f.cause, confidence: f.confidence }));
  const want = new Set<CauseId>(def.expected);
  const idx = detected.findIndex((d) => want.has(d.cause));
  const rank = idx >= 0 ? idx + 1 : undefined;
  const wrongHigh = detected.filter((d) => d.confidence === 'high' && !want.has(d.cause)).map((d) => d.cause);
  const top1 = rank === 1;
  const top3 = rank !== undefined && rank <= 3;
  const pass = def.negative ? detected.every((d) => d.confidence === 'low') : top1 && wrongHigh.length === 0;
  return { id: def.id, title: def.title, source: def.source, platform: def.platform, negative: def.negative, expected: def.expected, detected, rank, top1, top3, wrongHigh, pass };
}

/** Analyses one case folder with the project's pipeline, as the CLI does, and scores it. */
export async function runCase(dir: string): Promise<CaseRow> {
  const def = readCase(dir);
  try {
    const { result } = await analyzeBundle([join(dir, 'files')], def.portalCode ? { portalCode: def.portalCode } : {});
    return { ...scoreFindings(def, result.findings), files: result.files.map((f) => `${f.vmPath}: ${f.kind}`), facts: result.stats.facts };
  } catch (e) {
    const row = scoreFindings(def, []);
    return { ...row, pass: false, error: e instanceof Error ? e.message : String(e) };
  }
}

export async function runSuite(root = CASES_DIR, only?: (id: string) => boolean): Promise<CaseRow[]> {
  const rows: CaseRow[] = [];
  for (const dir of listCases(root)) {
    const id = dir.split(/[\\/]/).pop() ?? dir;
    if (only && !only(id)) continue;
    rows.push(await runCase(dir));
  }
  return rows;
}

const pct = (n: number, d: number) => (d === 0 ? 0 : Math.round((1000 * n) / d) / 10);

export function totalsOf(rows: readonly CaseRow[]): Totals {
  const failures = rows.filter((r) => !r.negative);
  const negatives = rows.filter((r) => r.negative);
  const top1 = failures.filter((r) => r.top1).length;
  const top3 = failures.filter((r) => r.top3).length;
  return {
    cases: rows.length,
    failureCases: failures.length,
    top1,
    top3,
    top1Pct: pct(top1, failures.length),
    top3Pct: pct(top3, failures.length),
    wrongHigh: rows.reduce((s, r) => s + r.wrongHigh.length, 0),
    negatives: negatives.length,
    negativesPassing: negatives.filter((r) => r.pass).length,
  };
}

export function readFloor(file = FLOOR_FILE): Floor {
  if (!existsSync(file)) return { top1: 0, top3: 0, wrongHighMax: Number.MAX_SAFE_INTEGER, negativesPassing: 0 };
  const o = JSON.parse(readFileSync(file, 'utf8')) as Partial<Floor>;
  const n = (v: unknown, dflt: number) => (typeof v === 'number' && Number.isFinite(v) ? v : dflt);
  return { top1: n(o.top1, 0), top3: n(o.top3, 0), wrongHighMax: n(o.wrongHighMax, Number.MAX_SAFE_INTEGER), negativesPassing: n(o.negativesPassing, 0) };
}

/** What fell below the floor, one sentence each; empty when the suite holds it. */
export function belowFloor(t: Totals, floor: Floor): string[] {
  const out: string[] = [];
  if (t.top1 < floor.top1) out.push(`top-1 ${t.top1} < floor ${floor.top1}`);
  if (t.top3 < floor.top3) out.push(`top-3 ${t.top3} < floor ${floor.top3}`);
  if (t.wrongHigh > floor.wrongHighMax) out.push(`wrong-high ${t.wrongHigh} > floor ${floor.wrongHighMax}`);
  if (t.negativesPassing < (floor.negativesPassing ?? 0)) out.push(`negatives passing ${t.negativesPassing} < floor ${floor.negativesPassing}`);
  return out;
}

// ---- presentation (the script's table and docs/ACCURACY.md) ----

export interface TableRow {
  case: string;
  platform: string;
  expected: string;
  got: string;
  rank: string;
  result: string;
}

export function tableRows(rows: readonly CaseRow[]): TableRow[] {
  return rows.map((r) => {
    const first = r.detected[0];
    let result = r.pass ? 'pass' : 'FAIL';
    if (r.error) result = `FAIL (error: ${r.error})`;
    else if (!r.pass && !r.negative && r.top3 && !r.top1) result = 'FAIL (top-3)';
    if (r.wrongHigh.length > 0) result += ` wrong-high: ${r.wrongHigh.join(', ')}`;
    return {
      case: r.id,
      platform: r.platform,
      expected: r.negative ? '(negative)' : r.expected.join(' | '),
      got: first ? `${first.cause} (${first.confidence})` : 'nothing detected',
      rank: r.negative ? '-' : r.rank === undefined ? '—' : String(r.rank),
      result,
    };
  });
}

export function totalsLines(t: Totals): string[] {
  return [
    `cases: ${t.cases} (${t.failureCases} failure, ${t.negatives} negative)`,
    `top-1: ${t.top1}/${t.failureCases} = ${t.top1Pct} %`,
    `top-3: ${t.top3}/${t.failureCases} = ${t.top3Pct} %`,
    `wrong-high: ${t.wrongHigh}`,
    `negatives passing: ${t.negativesPassing}/${t.negatives}`,
  ];
}

const HEAD: Record<keyof TableRow, string> = { case: 'case', platform: 'platform', expected: 'expected', got: 'got (top detected)', rank: 'rank', result: 'result' };
const COLS = Object.keys(HEAD) as (keyof TableRow)[];

/** Plain text table for the terminal; `withFiles` adds each case's file kinds, fact count and detected causes. */
export function formatText(rows: readonly CaseRow[], t: Totals, withFiles = false): string {
  const body = tableRows(rows);
  const width = (k: keyof TableRow) => Math.max(HEAD[k].length, ...body.map((r) => r[k].length));
  const line = (r: Record<keyof TableRow, string>) => COLS.map((k, i) => (i === COLS.length - 1 ? r[k] : r[k].padEnd(width(k)))).join('  ');
  const lines = [line(HEAD), COLS.map((k) => '-'.repeat(width(k))).join('  ')];
  body.forEach((r, i) => {
    lines.push(line(r));
    const row = rows[i];
    if (withFiles && row) {
      lines.push(`    files: ${(row.files ?? []).join(', ') || '(none)'}; facts: ${row.facts ?? 0}`);
      lines.push(`    detected: ${row.detected.map((d) => `${d.cause} (${d.confidence})`).join(', ') || '(none)'}`);
    }
  });
  return [...lines, '', ...totalsLines(t)].join('\n');
}

const mdCell = (s: string) => s.replace(/\|/g, '\\|');

/** Markdown table (docs/ACCURACY.md). */
export function formatMarkdown(rows: readonly CaseRow[], t: Totals): string {
  const body = tableRows(rows);
  return [
    `| ${COLS.map((k) => HEAD[k]).join(' | ')} |`,
    `|${COLS.map(() => '---').join('|')}|`,
    ...body.map((r) => `| ${COLS.map((k) => mdCell(r[k])).join(' | ')} |`),
    '',
    ...totalsLines(t).map((l) => `- ${l}`),
  ].join('\n');
}

/** Where the README's accuracy table stands: between these two lines, written by `npm run accuracy -- --write-docs`. */
export const README_TABLE_BEGIN = '<!-- accuracy table: written by `npm run accuracy -- --write-docs` (scripts/accuracy.mjs) -->';
export const README_TABLE_END = '<!-- end of accuracy table -->';

/** The README's one-row accuracy table: the suite's size (failures per platform, negatives) and its totals. */
export function readmeTable(rows: readonly CaseRow[], t: Totals): string {
  const failures = rows.filter((r) => !r.negative);
  const on = (p: CaseDef['platform']) => failures.filter((r) => r.platform === p).length;
  return [
    '| cases | top-1 | top-3 | wrong high-confidence answers | healthy logs kept quiet |',
    '|---|---|---|---|---|',
    `| ${t.failureCases} failures (${on('linux')} Linux, ${on('windows')} Windows) + ${t.negatives} negatives | ${t.top1} / ${t.failureCases} (${t.top1Pct} %) | ${t.top3} / ${t.failureCases} (${t.top3Pct} %) | ${t.wrongHigh} | ${t.negativesPassing} / ${t.negatives} |`,
  ].join('\n');
}

/** The table between the README's markers (undefined when they are missing). */
export function readmeTableIn(readme: string): string | undefined {
  const a = readme.indexOf(README_TABLE_BEGIN);
  const b = readme.indexOf(README_TABLE_END, a);
  if (a < 0 || b < 0) return undefined;
  return readme.slice(a + README_TABLE_BEGIN.length, b).trim();
}

/** `readme` with the table between its markers replaced by `table`; throws when the markers are missing. */
export function withReadmeTable(readme: string, table: string): string {
  const a = readme.indexOf(README_TABLE_BEGIN);
  const b = readme.indexOf(README_TABLE_END, a);
  if (a < 0 || b < 0) throw new Error(`README.md has no accuracy table markers (${README_TABLE_BEGIN} … ${README_TABLE_END})`);
  return `${readme.slice(0, a + README_TABLE_BEGIN.length)}\n${table}\n${readme.slice(b)}`;
}

/** Markdown table: for each cause of the catalogue, how many cases establish it and how many of those are top-1. */
export function coverageMarkdown(rows: readonly CaseRow[]): string {
  const lines = ['| cause | cases | top-1 | platforms |', '|---|---|---|---|'];
  for (const cause of CAUSE_IDS) {
    const withIt = rows.filter((r) => r.expected.includes(cause));
    const platforms = [...new Set(withIt.map((r) => r.platform))].sort().join(', ') || '—';
    lines.push(`| \`${cause}\` | ${withIt.length} | ${withIt.filter((r) => r.top1).length} | ${platforms} |`);
  }
  return lines.join('\n');
}

/** Markdown list of the cases' titles and sources (docs/ACCURACY.md). */
export function sourcesMarkdown(rows: readonly CaseRow[]): string {
  return rows.map((r) => `- \`${r.id}\`: ${mdCell(r.title)} — <${r.source}>`).join('\n');
}
