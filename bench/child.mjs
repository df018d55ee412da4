// Runs one `analyze` in a fresh process and reports wall time, the process' CPU time during it (user + system),
// peak RSS (ru_maxrss) and the result's record and fact counts as JSON; loadMs and loadCpuMs are the CLI's module
// loading before it (a real run pays them before the ingest's first byte; `ms` leaves them out).
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

const [root, ...paths] = process.argv.slice(2);
const load0 = process.cpuUsage();
const l0 = performance.now();
const { main } = await import(pathToFileURL(join(root, 'dist', 'node', 'cli.js')).href);
const loadMs = performance.now() - l0;
const loadCpu = process.cpuUsage(load0);
// the JSON arrives a top-level member a piece, an array member an item a piece (cliJsonParts): keep only the
// stats, so the bench does not pay for parsing the whole document (the logs.zip's 87 MB: ~2.5 s of CPU that
// /usr/bin/time used to count)
let stats = {};
let text = '';
const sink = {
  stdout: (s) => {
    if (s.startsWith('  "stats": ')) stats = JSON.parse(`{${s}}`).stats;
    else if (text.length < 1 << 16) text += s;
  },
  stderr: (s) => process.stderr.write(s),
};
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const code = await main(['analyze', ...paths, '--format', 'json'], sink);
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const maxRssMB = process.resourceUsage().maxRSS / 1024;
if (stats.records === undefined) {
  try {
    stats = JSON.parse(text).stats ?? {}; // a document in one piece (a small result or an older build)
  } catch {
    // not JSON (a usage error): the exit code says it
  }
}
process.stdout.write(`${JSON.stringify({ code, ms, cpuMs: (cpu.user + cpu.system) / 1000, maxRssMB, records: stats.records, facts: stats.facts, loadMs, loadCpuMs: (loadCpu.user + loadCpu.system) / 1000 })}\n`);
