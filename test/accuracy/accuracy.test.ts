// The real-case suite held to its floor (test/cases/floor.json): a change that loses a case the analyzer
// used to get right fails here. `npm run accuracy` prints the same scoring as a table.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../../src/shared';
import { ROOT } from '../helpers/paths';
import { belowFloor, coverageMarkdown, formatMarkdown, listCases, readCase, readFloor, readmeTable, readmeTableIn, runSuite, scoreFindings, totalsOf, withReadmeTable, type CaseDef } from './score';

const finding = (cause: Finding['cause'], confidence: Finding['confidence'], verdict: Finding['verdict'] = 'detected'): Finding => ({
  cause, verdict, confidence, portalCodes: [], title: cause, reason: '', evidence: [], remedy: [], links: [],
});
const failure: CaseDef = {
  id: 'x', title: 'x', platform: 'linux', source: 'https://example.org', attribution: 'a', licence: 'l', expected: ['fsfreeze-failed'], negative: false, why: 'w',
};

describe('scoring rules', () => {
  it('ranks among detected findings only and counts confident wrong causes', () => {
    const row = scoreFindings(failure, [
      finding('agent-not-running', 'low', 'ruled-out'),
      finding('disk-full', 'high'),
      finding('fsfreeze-failed', 'medium'),
    ]);
    expect(row.rank).toBe(2);
    expect(row.top1).toBe(false);
    expect(row.top3).toBe(true);
    expect(row.wrongHigh).toEqual(['disk-full']);
    expect(row.pass).toBe(false);
  });

  it('a negative case passes only when nothing is detected above low', () => {
    const neg: CaseDef = { ...failure, expected: [], negative: true };
    expect(scoreFindings(neg, [finding('clock-skew', 'low')]).pass).toBe(true);
    const bad = scoreFindings(neg, [finding('clock-skew', 'medium')]);
    expect(bad.pass).toBe(false);
    expect(totalsOf([bad]).negativesPassing).toBe(0);
  });
});

describe("the README's table", () => {
  it('is replaced between its markers, the text around it kept', () => {
    const rows = [scoreFindings(failure, [finding('fsfreeze-failed', 'high')]), scoreFindings({ ...failure, id: 'win-x', platform: 'windows' }, []), scoreFindings({ ...failure, id: 'n', expected: [], negative: true }, [])];
    const table = readmeTable(rows, totalsOf(rows));
    expect(table.split('\n')[2]).toBe('| 2 failures (1 Linux, 1 Windows) + 1 negatives | 1 / 2 (50 %) | 1 / 2 (50 %) | 0 | 1 / 1 |');
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const written = withReadmeTable(readme, table);
    expect(readmeTableIn(written)).toBe(table);
    expect(withReadmeTable(written, readmeTableIn(readme)!)).toBe(readme);
    expect(() => withReadmeTable('# no markers', table)).toThrow(/markers/);
  });
});

describe('real-case suite (test/cases)', () => {
  const dirs = listCases();

  it('every case.json is well-formed (known causes, a source, files present)', () => {
    for (const dir of dirs) expect(() => readCase(dir)).not.toThrow();
  });

  it('holds the floor, and the README table says what the suite gives', async () => {
    const rows = await runSuite();
    const totals = totalsOf(rows);
    expect(belowFloor(totals, readFloor()), JSON.stringify(totals)).toEqual([]);
    // `npm run accuracy -- --write-docs` writes it; a hand edit or a forgotten run shows here
    expect(readmeTableIn(readFileSync(join(ROOT, 'README.md'), 'utf8')), 'README.md accuracy table: run `npm run accuracy -- --write-docs`').toBe(readmeTable(rows, totals));
    // and docs/ACCURACY.md's per-case table and coverage, which a change of one case's confidence alone moves
    const doc = readFileSync(join(ROOT, 'docs', 'ACCURACY.md'), 'utf8');
    expect(doc.includes(formatMarkdown(rows, totals)), 'docs/ACCURACY.md case table: run `npm run accuracy -- --write-docs`').toBe(true);
    expect(doc.includes(coverageMarkdown(rows)), 'docs/ACCURACY.md coverage: run `npm run accuracy -- --write-docs`').toBe(true);
  }, 300_000);
});
