import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';
import { formatText } from '../../src/main/cli/text';
import { ROOT } from '../helpers/paths';

/**
 * One Dutch word for one thing (docs/AUDIT.md, session 22: "De logboeken bevatten …, geen taak-id in de logs"; the
 * analysis said "goal-state-agent" where the CLI's agent line said "doelstatusagent"): "log" / "logs" for a log file,
 * "doelstatusagent" for the goal-state agent. Windows' and Azure's own Dutch names stay: Logboeken (Event Viewer),
 * Windows-logboeken, gebeurtenislogboek (an event log), activiteitenlogboek (Azure's activity log).
 */
const SOURCES = ['src/shared/i18n', 'src/shared/catalog', 'src/shared/formats', 'src/main/analyze', 'src/main/cli', 'src/renderer'];
const KEPT = /^(?:Logboeken|Windows-logboeken|(?:Windows-)?gebeurtenislogboek(?:en)?|[Aa]ctiviteitenlogboek)$/;

function files(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

describe('Dutch: one word for a log and one for the goal-state agent', () => {
  it('no "logboek(en)" for a log file and no "goal-state-agent" in a Dutch text of the sources', () => {
    const found: string[] = [];
    for (const f of SOURCES.flatMap(files)) {
      const text = readFileSync(join(ROOT, f), 'utf8');
      for (const m of text.matchAll(/[\p{L}-]*logboek[\p{L}]*/giu)) if (!KEPT.test(m[0])) found.push(`${f}: ${m[0]}`);
      // the role's id in code is 'goal-state-agent'; a sentence says it with a word before it
      for (const m of text.matchAll(/\b(?:de|De|nieuwere|noemt) goal-state-agent\b|Goal State Agent \(minimaal/g)) found.push(`${f}: ${m[0]}`);
    }
    expect(found).toEqual([]);
  });

  it('learn-kb4099558 (both words in session 22): the Dutch text says "doelstatusagent" and "logs" only', async () => {
    const { result } = await analyzeBundle([join(ROOT, 'test', 'cases', 'learn-kb4099558-extension-downgrade-not-allowed', 'files')]);
    const nl = formatText(result, 'nl');
    expect(nl).toContain('doelstatusagent');
    expect(nl).not.toMatch(/goal-state-agent|\blogboek(?:en)?\b/);
  }, 60_000);
});
