// Runs one `analyze` in a fresh process and reports wall time and peak RSS (ru_maxrss) as JSON.
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

const [root, ...paths] = process.argv.slice(2);
const { main } = await import(pathToFileURL(join(root, 'dist', 'node', 'cli.js')).href);
const sink = { stdout: () => undefined, stderr: (s) => process.stderr.write(s) };
const t0 = performance.now();
const code = await main(['analyze', ...paths, '--format', 'json'], sink);
const ms = performance.now() - t0;
process.stdout.write(`${JSON.stringify({ code, ms, maxRssMB: process.resourceUsage().maxRSS / 1024 })}\n`);
