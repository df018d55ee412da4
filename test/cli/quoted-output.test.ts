import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { main } from '../../src/main/cli';
import { CASES_DIR } from '../accuracy/score';

/**
 * A summary can quote an extension's own output with its line breaks (learn-features-linux-instance-view-cse-exit-127:
 * "exit status=127\n[stdout]\n\n[stderr]\n/bin/sh: 1: ech: not found"). The terminal printed the stderr at the left
 * margin, outside the finding it belongs to; `--format md` split the verdict into paragraphs, and log text went
 * in unescaped (a `_` or `*` of a path or a message would be read as emphasis).
 */
const CASE = join(CASES_DIR, 'learn-features-linux-instance-view-cse-exit-127', 'files');

async function run(...args: string[]): Promise<string> {
  const out: string[] = [];
  expect(await main(['analyze', CASE, ...args], { stdout: (s) => void out.push(s), stderr: () => {} })).toBe(0);
  return out.join('');
}

describe("an extension's quoted stdout and stderr", () => {
  it('stays on its line in the terminal, en and nl', async () => {
    for (const lang of ['en', 'nl']) {
      const text = await run('--format', 'text', '--lang', lang);
      expect(text).toContain('exit status=127 [stdout] [stderr] /bin/sh: 1: ech: not found');
      expect(text).not.toMatch(/^(\[stdout\]|\[stderr\]|\/bin\/sh)/m);
    }
  });

  it('is one escaped paragraph of the Markdown summary', async () => {
    const md = await run('--format', 'md');
    const verdict = md.split('\n').find((l) => l.startsWith('**Verdict:**'))!;
    expect(verdict).toContain('exit status=127 \\[stdout\\] \\[stderr\\] /bin/sh: 1: ech: not found');
    expect(md).not.toMatch(/^(\[stdout\]|\[stderr\]|\/bin\/sh)/m);
  });
});
