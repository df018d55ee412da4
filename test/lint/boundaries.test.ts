import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { join } from 'node:path';
import { ROOT } from '../helpers/paths';

/** The architecture's layer rules are enforced by ESLint; these cases must fail lint. */
async function lint(file: string, code: string) {
  const eslint = new ESLint({ cwd: ROOT });
  const [r] = await eslint.lintText(code, { filePath: join(ROOT, file) });
  return r.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer boundaries', () => {
  it('a renderer → main import fails lint', async () => {
    const msgs = await lint('src/renderer/views/Bad.tsx', "import { ingest } from '../../main/ingest';\nexport const x = ingest;\n");
    expect(msgs.join()).toMatch(/window\.vmbd/);
  });
  it('the renderer cannot import Node built-ins or Electron', async () => {
    expect((await lint('src/renderer/x.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n")).length).toBeGreaterThan(0);
    expect((await lint('src/renderer/x.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n")).length).toBe(1);
  });
  it('shared imports nothing from main, renderer, Node or Electron', async () => {
    expect((await lint('src/shared/x.ts', "import { RULES } from '../main/analyze/rules';\nexport const x = RULES;\n")).length).toBe(1);
    expect((await lint('src/shared/x.ts', "import { App } from '../renderer/App';\nexport const x = App;\n")).length).toBe(1);
    expect((await lint('src/shared/x.ts', "import { join } from 'path';\nexport const x = join;\n")).length).toBe(1);
  });
  it('services never import electron; the Electron glue may', async () => {
    expect((await lint('src/main/analyze/x.ts', "import { app } from 'electron';\nexport const x = app;\n")).length).toBe(1);
    expect((await lint('src/main/electron/x.ts', "import { app } from 'electron';\nexport const x = app;\n")).length).toBe(0);
  });
  it('a clean renderer → shared import passes', async () => {
    expect((await lint('src/renderer/x.ts', "import { CAUSES } from '../shared';\nexport const x = CAUSES;\n")).length).toBe(0);
  });
});
