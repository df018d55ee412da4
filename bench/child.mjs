// Runs one `analyze` in a fresh process and reports wall time, peak RSS (ru_maxrss) and the result's record and fact counts as JSON.
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

const [root, ...paths] = process.argv.slice(2);
const { main } = await import(pathToFileURL(join(root, 'dist', 'node', 'cli.js')).href);
let json = '';
const sink = { stdout: (s) => void (json += s), stderr: (s) => process.stderr.write(s) };
const t0 = performance.now();
const code = await main(['analyze', ...paths, '--format', 'json'], sink);
const ms = performance.now() - t0;
const maxRssMB = process.resourceUsage().maxRSS / 1024;
let stats = {};
try {
  stats = JSON.parse(json).stats ?? {};
} catch {
  // not JSON (a usage error): the exit code says it
}
process.stdout.write(`${JSON.stringify({ code, ms, maxRssMB, records: stats.records, facts: stats.facts })}\n`);
