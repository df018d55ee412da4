import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CAUSES, PORTAL_CODES } from '../../src/shared/catalog';
import { causesMarkdown, mdText } from '../../src/shared/catalog/markdown';
import { evidenceModelMarkdown } from '../../src/main/analyze/weigh';
import { ROOT } from '../helpers/paths';

const DOC = join(ROOT, 'docs', 'causes.md');

/**
 * docs/causes.md never drifts from the catalogue: `npm run docs:causes` (UPDATE_DOCS=1) rewrites it,
 * and otherwise this test fails when the committed file differs from what the catalogue generates.
 */
describe('docs/causes.md', () => {
  const generated = causesMarkdown(evidenceModelMarkdown());

  it('is generated deterministically and covers every cause and portal code', () => {
    expect(causesMarkdown(evidenceModelMarkdown())).toBe(generated);
    expect(generated).toContain('## How findings are weighed');
    for (const c of CAUSES) {
      expect(generated).toContain(`### \`${c.id}\` — ${mdText(c.title.en)}`);
      expect(generated).toContain(`### \`${c.id}\` — ${mdText(c.title.nl)}`);
      for (const step of c.remedy.en) expect(generated).toContain(mdText(step));
      for (const step of c.remedy.nl) expect(generated).toContain(mdText(step));
      for (const l of c.links) expect(generated).toContain(`(${l.url})`);
      // a cause with a Windows title shows it too (a VSS failure is not a "freeze" to a Windows engineer)
      if (c.titleWindows) {
        expect(generated).toContain(`- **Title on a Windows guest:** ${mdText(c.titleWindows.en)}`);
        expect(generated).toContain(`- **Titel op een Windows-gast:** ${mdText(c.titleWindows.nl)}`);
        expect(generated).toContain(`<br>Windows: ${mdText(c.titleWindows.en)} |`);
      }
    }
    expect(CAUSES.some((c) => c.titleWindows)).toBe(true);
    for (const p of PORTAL_CODES) expect(generated).toContain(`| \`${p.code}\` |`);
  });

  it('keeps placeholders like <Geo> visible: angle brackets are escaped outside code spans only', () => {
    expect(mdText('AzureBackupRG_<Geo>_<number> and `a <b>`')).toBe('AzureBackupRG_&lt;Geo&gt;_&lt;number&gt; and `a <b>`');
    expect(generated).toContain('AzureBackupRG_&lt;Geo&gt;_&lt;number&gt;');
    expect(generated).not.toMatch(/[^`]<Geo>/);
  });

  it('matches the committed file (run `npm run docs:causes` after changing the catalogue)', () => {
    if (process.env.UPDATE_DOCS === '1') {
      mkdirSync(dirname(DOC), { recursive: true });
      writeFileSync(DOC, generated);
    }
    expect(existsSync(DOC), 'docs/causes.md is missing: run npm run docs:causes').toBe(true);
    expect(readFileSync(DOC, 'utf8')).toBe(generated);
  });
});
