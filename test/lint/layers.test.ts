import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ROOT } from '../helpers/paths';

/** Lints a small fixture file at `file` with the project's own eslint.config.js; the layer rule's messages. */
async function layerErrors(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: ROOT });
  const [r] = await eslint.lintText(code, { filePath: join(ROOT, file) });
  return r.messages.filter((m) => m.ruleId === 'layers/layers').map((m) => m.message);
}

describe('layers inside src/main (eslint-rules/layers.js)', () => {
  it('a back edge fails lint: records may not import parse', async () => {
    const msgs = await layerErrors('src/main/records/x.ts', "import { parseFiles } from '../parse/parse-files';\nexport const x = parseFiles;\n");
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toMatch(/'records' is layer \d+ and may not import 'parse'/);
  });

  it('parse and analyze meet only in records and src/shared: neither imports the other', async () => {
    expect((await layerErrors('src/main/parse/x.ts', "import { analyze } from '../analyze/engine';\nexport const x = analyze;\n"))[0]).toMatch(/'parse' and 'analyze' are siblings/);
    expect((await layerErrors('src/main/analyze/x.ts', "import { launchFailure } from '../parse/waagent/catalogue';\nexport const x = launchFailure;\n"))[0]).toMatch(/'analyze' and 'parse' are siblings/);
  });

  it('type-only, re-export and dynamic back edges fail too', async () => {
    expect(await layerErrors('src/main/analyze/x.ts', "import type { ParsedBundle } from '../pipeline/analyze-bundle';\nexport type X = ParsedBundle;\n")).toHaveLength(1);
    expect(await layerErrors('src/main/records/x.ts', "export type { Parser } from '../parse/types';\n")).toHaveLength(1);
    expect(await layerErrors('src/main/report/x.ts', "export const load = () => import('../cli/index');\n")).toHaveLength(1);
    expect(await layerErrors('src/main/ingest/x.ts', "export type T = import('../records/store').RecordInput;\n")).toHaveLength(1);
  });

  it('the JSON export belongs to report: report importing the CLI fails', async () => {
    expect(await layerErrors('src/main/report/index.ts', "import { main } from '../cli';\nexport const x = main;\n")).toHaveLength(1);
  });

  it('siblings may not import each other (cli and ipc; report and ssh)', async () => {
    expect((await layerErrors('src/main/cli/x.ts', "import { createInvokeHandlers } from '../ipc/handlers';\nexport const x = createInvokeHandlers;\n"))[0]).toMatch(/siblings/);
    expect(await layerErrors('src/main/report/x.ts', "import { createSshCollector } from '../ssh';\nexport const x = createSshCollector;\n")).toHaveLength(1);
  });

  it('a folder missing from the layer order fails', async () => {
    expect((await layerErrors('src/main/newthing/x.ts', "import { ingest } from '../ingest';\nexport const x = ingest;\n"))[0]).toMatch(/not in the layer order/);
  });

  it('edges down the stack, inside a folder and to src/shared pass', async () => {
    expect(await layerErrors('src/main/analyze/x.ts', "import type { RecordStore } from '../records/store';\nimport { isFreezeCode } from '../../shared/vmsnapshot-codes';\nimport { y } from './y';\nexport const x = [isFreezeCode, y] as unknown as RecordStore;\n")).toEqual([]);
    expect(await layerErrors('src/main/electron/x.ts', "import { createInvokeHandlers } from '../ipc/handlers';\nimport { findAppRoot } from '../app-root';\nexport const x = [createInvokeHandlers, findAppRoot];\n")).toEqual([]);
  });
});

/* ---------- no import cycles (type-only and dynamic imports included) ---------- */

const SPEC = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)|^\s*import\s*['"](\.[^'"]+)['"]/gm;

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? tsFiles(p) : /\.tsx?$/.test(n) ? [p] : [];
  });
}

function resolveModule(from: string, spec: string, known: Set<string>): string | undefined {
  const base = resolve(dirname(from), spec.replace(/\.js$/, ''));
  return [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')].find((c) => known.has(c));
}

/** Every cycle of the import graph (Tarjan's strongly connected components of size > 1, or a self-import). */
export function importCycles(files: string[], read: (f: string) => string = (f) => readFileSync(f, 'utf8')): string[][] {
  const known = new Set(files);
  const edges = new Map<string, string[]>();
  for (const f of files) {
    const out: string[] = [];
    for (const m of read(f).matchAll(SPEC)) {
      const t = resolveModule(f, m[1] ?? m[2] ?? m[3], known);
      if (t) out.push(t);
    }
    edges.set(f, out);
  }
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    on.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (edges.get(v) ?? []).includes(v)) cycles.push(scc);
    }
  };
  for (const f of files) if (!index.has(f)) visit(f);
  return cycles;
}

describe('no import cycles in src/main and src/shared', () => {
  it('the graph has none, type-only imports included', () => {
    const files = [...tsFiles(join(ROOT, 'src', 'main')), ...tsFiles(join(ROOT, 'src', 'shared'))];
    expect(files.length).toBeGreaterThan(100);
    expect(importCycles(files).map((c) => c.map((f) => relative(ROOT, f)).sort())).toEqual([]);
  });

  it('finds a type-only cycle and a dynamic one (the check can fail)', () => {
    const src = new Map([
      ['/r/a.ts', "import type { B } from './b';\nexport type A = B;\n"],
      ['/r/b.ts', "import { type A } from './a';\nexport type B = A;\n"],
      ['/r/c.ts', "export const c = () => import('./d');\n"],
      ['/r/d/index.ts', "import { c } from '../c';\nexport const d = c;\n"],
      ['/r/e.ts', "import { d } from './d';\nexport const e = d;\n"],
    ]);
    const cycles = importCycles([...src.keys()], (f) => src.get(f)!).map((c) => c.sort());
    expect(cycles).toEqual(expect.arrayContaining([['/r/a.ts', '/r/b.ts'], ['/r/c.ts', '/r/d/index.ts']]));
    expect(cycles).toHaveLength(2);
  });
});
