import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { ROOT } from '../helpers/paths';

/**
 * The repository stands alone: a plain clone must build and test with nothing beside it. No file under
 * src/ or test/ may name the reference material outside the repo (the sibling `shared` folder, its corpus,
 * its research notes); fixtures live in test/fixtures with their source and licence, formats in docs/.
 */
// Spelled in pieces so this file does not match itself.
const SHARED = 'shared';
const UP_TO_SHARED = new RegExp(`(?:\\.\\./)+${SHARED}\\b`, 'g');
const OUTSIDE = [
  { name: 'a path joined to ../shared', re: new RegExp(`'\\.\\.',\\s*'${SHARED}'`) },
  { name: 'the shared corpus', re: new RegExp(`${SHARED}/corpus`) },
  { name: 'a research note', re: new RegExp(`${'research'}/`) },
];

/** `../shared` is fine when it is src/shared seen from src/…; a hit when it climbs out of the repo. */
function climbsOut(root: string, file: string, text: string): number {
  for (const m of text.matchAll(UP_TO_SHARED)) {
    const target = resolve(dirname(file), m[0]);
    if (!target.startsWith(root + sep)) return m.index;
  }
  return -1;
}

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else yield p;
  }
}

/** Every file under src/ and test/ that names something outside the repo, with the line. */
export function outsideReferences(root: string): string[] {
  const hits: string[] = [];
  for (const top of ['src', 'test']) {
    for (const f of files(join(root, top))) {
      const text = readFileSync(f, 'latin1');
      const at = climbsOut(root, f, text);
      if (at >= 0) hits.push(`${relative(root, f)}:${text.slice(0, at).split('\n').length}: the sibling shared folder`);
      for (const { name, re } of OUTSIDE) {
        const m = re.exec(text);
        if (m) hits.push(`${relative(root, f)}:${text.slice(0, m.index).split('\n').length}: ${name}`);
      }
    }
  }
  return hits;
}

describe('the repository is self-contained', () => {
  it('no file under src/ or test/ names ../shared, the shared corpus or research notes', () => {
    expect(outsideReferences(ROOT)).toEqual([]);
  });

  it('the scan finds each kind of reference (it can fail)', () => {
    const up = '..';
    for (const [line, kind] of [
      [`readFileSync(join(ROOT, '${up}', '${SHARED}', 'CAUSES.md'))`, 'a path joined to ../shared'],
      [`const C = '${SHARED}/corpus/waagent';`, 'the shared corpus'],
      [`// see ${'research'}/waagent.md §2`, 'a research note'],
    ]) {
      expect(OUTSIDE.filter(({ re }) => re.test(line)).map((o) => o.name), line).toContain(kind);
    }
    // src/shared from src/renderer stays inside; the same specifier from the repo root climbs out
    const imp = `import { CAUSES } from '${up}/${SHARED}';`;
    expect(climbsOut(ROOT, join(ROOT, 'src', 'renderer', 'x.ts'), imp)).toBe(-1);
    expect(climbsOut(ROOT, join(ROOT, 'x.ts'), imp)).toBeGreaterThanOrEqual(0);
    expect(climbsOut(ROOT, join(ROOT, 'test', 'helpers', 'x.ts'), `'${up}/${up}/${up}/${SHARED}/CAUSES.md'`)).toBeGreaterThanOrEqual(0);
  });

  it('the fixtures the tests read are in the repo, with their source and licence', () => {
    for (const p of ['test/fixtures/corpus/README.md', 'test/fixtures/corpus/LICENSE-Apache-2.0.txt', 'test/fixtures/corpus/waagent/SOURCE.md', 'test/fixtures/corpus/vmsnapshot/SOURCE.md', 'test/fixtures/seed/SOURCE.md', 'docs/CONTRACT.md', 'docs/formats.md'])
      expect(statSync(join(ROOT, p)).size, p).toBeGreaterThan(100);
  });
});
