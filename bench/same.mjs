// Whether two builds give the same analysis: `node bench/same.mjs <root> <out.json> [CASES] [paths…]` runs the CLI's
// `analyze --format json` of the build under <root> (its dist/node) on each input in this one process and writes, per
// input, the exit code, the JSON's length and its SHA-1 with `analyzedAt` and `durationMs` taken out (the only parts
// that change from run to run). CASES stands for every test/cases bundle's files. Run it for main's build and for a
// candidate's (the same inputs, by the same paths: they are in the JSON) and compare the two files with `cmp`.
import { pathToFileURL, fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { readdirSync, writeFileSync } from 'node:fs';

const [root, out, ...inputs] = process.argv.slice(2);
if (!root || !out) {
  process.stderr.write('usage: node bench/same.mjs <root> <out.json> [CASES] [paths…]\n');
  process.exit(2);
}
const { main } = await import(pathToFileURL(join(resolve(root), 'dist', 'node', 'cli.js')).href);
const cases = join(fileURLToPath(new URL('.', import.meta.url)), '..', 'test', 'cases');
const list = inputs.flatMap((a) => (a === 'CASES' ? readdirSync(cases).sort().map((c) => join(cases, c, 'files')) : [resolve(a)]));
const result = {};
for (const path of list) {
  const hash = createHash('sha1');
  let length = 0;
  const sink = {
    stdout: (s) => {
      const kept = s.replace(/"analyzedAt": "[^"]*"/g, '').replace(/"durationMs": [0-9.e+-]+/g, '');
      hash.update(kept);
      length += kept.length;
    },
    stderr: () => undefined,
  };
  const code = await main(['analyze', path, '--format', 'json'], sink);
  result[path] = `${code} ${length} ${hash.digest('hex')}`;
}
writeFileSync(out, `${JSON.stringify(result, null, 1)}\n`);
process.stdout.write(`${list.length} inputs\n`);
