/**
 * Issue 20 point 10: the renderer test host (src/main/testhost, built to dist/node/test-host.js) is a
 * test-only HTTP bridge; it must not be in the packaged app. electron-builder's `files` patterns are
 * applied in order, later ones winning, `!` excluding — evaluated here the same way.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');

function filesPatterns(): string[] {
  const yml = readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8');
  const block = /^files:\n((?:[ \t]+(?:-.*|#.*)\n)+)/m.exec(yml)?.[1] ?? '';
  return block
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('- '))
    .map((l) => l.slice(2).trim().replace(/^"(.*)"$/, '$1'));
}

function globRe(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      re += '.*';
      i++;
      if (glob[i + 1] === '/') i++;
    } else if (c === '*') re += '[^/]*';
    else re += c.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function packaged(path: string): boolean {
  let inc = false;
  for (const p of filesPatterns()) {
    if (p.startsWith('!')) {
      if (globRe(p.slice(1)).test(path)) inc = false;
    } else if (globRe(p).test(path)) inc = true;
  }
  return inc;
}

/** Every source file reachable from `entry` through relative imports. */
function reachable(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const src = readFileSync(entry, 'utf8');
  for (const m of src.matchAll(/(?:from|import\()\s*'(\.[^']+)'/g)) {
    const base = join(entry, '..', m[1]);
    for (const cand of [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), base]) {
      try {
        if (readFileSync(cand) && !seen.has(cand)) {
          reachable(cand, seen);
          break;
        }
      } catch {
        // not this candidate
      }
    }
  }
  return seen;
}

describe('the test host is not packaged', () => {
  it('electron-builder excludes dist/node/test-host.js and keeps the app entries', () => {
    expect(packaged('dist/node/test-host.js')).toBe(false);
    for (const f of ['dist/node/electron-main.js', 'dist/node/analysis-worker.js', 'dist/node/parse-worker.js', 'dist/node/cli.js', 'dist/renderer/index.html']) expect(packaged(f), f).toBe(true);
    // the built test host is that file (the vite entry name)
    expect(readFileSync(join(ROOT, 'vite.node.config.ts'), 'utf8')).toMatch(/'test-host': 'src\/main\/testhost\/server\.ts'/);
  });

  it('no packaged entry reaches src/main/testhost', () => {
    for (const entry of ['src/main/electron/main.ts', 'src/main/worker/analysis-worker.ts', 'src/main/parse/parse-worker.ts', 'src/main/cli/index.ts']) {
      const files = [...reachable(join(ROOT, entry))].map((f) => f.slice(ROOT.length + 1));
      expect(files.filter((f) => f.startsWith('src/main/testhost/')), entry).toEqual([]);
    }
  });

  it('when built, every dist file but the test host is packaged', () => {
    let built: string[];
    try {
      built = readdirSync(join(ROOT, 'dist/node')).filter((f) => f.endsWith('.js'));
    } catch {
      return; // not built: the pattern test above still holds
    }
    for (const f of built) expect(packaged(`dist/node/${f}`), f).toBe(f !== 'test-host.js');
  });
});
