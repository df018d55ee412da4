// Compares in-thread and parallel parsing on one input: same records and facts, and the times.
import { pathToFileURL } from 'node:url';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const [root, mode, ...paths] = process.argv.slice(2);
const chunk = readdirSync(join(root, 'dist/node/chunks')).find((f) => f.startsWith('analyze-bundle') && f.endsWith('.js'));
const mod = await import(pathToFileURL(join(root, 'dist/node/chunks', chunk)).href);
const analyzeBundle = Object.values(mod).find((v) => typeof v === 'function' && v.name === 'analyzeBundle');
const t0 = performance.now();
const s = await analyzeBundle(paths, { parallel: mode === 'parallel' });
const ms = performance.now() - t0;
console.log(JSON.stringify({ mode, ms: Math.round(ms), records: s.result.stats.records, facts: s.result.stats.facts, rss: Math.round(process.resourceUsage().maxRSS / 1024) }));
