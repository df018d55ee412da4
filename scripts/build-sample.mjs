#!/usr/bin/env node
/**
 * Builds the app's sample bundle, assets/sample/logs.zip, from the VM tree in assets/sample/vm/, shaped like
 * the zip `waagent -collect-logs` writes (research/waagent.md §5):
 *   - every file at its VM path without the leading `/`;
 *   - each `var/lib/waagent/history/<dir>/` folder as `var/lib/waagent/history/<dir>.zip`, except the newest,
 *     which the agent keeps unzipped and the collector's manifest (`$LIB_DIR/history/*.zip`) does not take;
 *   - members in the collector's priority order (`_MUST_COLLECT_FILES`), then the rest by path;
 *   - `results.txt` at the root, last. It is generated from the tree (what the collector would have logged for
 *     it) and also written to var/lib/waagent/logcollector/results.txt, where the agent keeps it.
 * Output is deterministic (fixed mtimes, sorted input) so a rebuild gives the same bytes.
 *
 *   node scripts/build-sample.mjs           write results.txt and logs.zip
 *   node scripts/build-sample.mjs --check   exit 1 if the committed files differ from a rebuild (nothing written)
 *
 * Plain Node ESM on purpose: it runs before any build, with only fflate.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const VM = join(ROOT, 'assets', 'sample', 'vm');
const ZIP = join(ROOT, 'assets', 'sample', 'logs.zip');
const RESULTS_VM_PATH = 'var/lib/waagent/logcollector/results.txt';

/** The scenario's collection time (UTC); the VM's clock is CET (UTC+1), which `ls -l` shows. */
const COLLECTED_END = Date.parse('2026-11-20T09:14:03Z');
const COLLECTED_START = COLLECTED_END - 1874;
const MTIME = new Date(COLLECTED_END);
const HISTORY_FILE = /^var\/lib\/waagent\/history\/([^/]+)\/(.+)$/;

/** Reads the tree: VM path → bytes, sorted by path. */
function readTree(root) {
  const files = new Map();
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const abs = join(dir, e.name);
      if (e.isDirectory()) walk(abs);
      else if (e.isFile()) files.set(relative(root, abs).split(sep).join('/'), readFileSync(abs));
    }
  };
  if (existsSync(root)) walk(root);
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Collector priority (`_MUST_COLLECT_FILES` in logcollector.py); lower first, then by path. */
function priority(p) {
  if (p === 'var/log/waagent.log') return 0;
  if (p === 'var/lib/waagent/waagent_status.json') return 1;
  if (/^var\/lib\/waagent\/history\/[^/]+\.zip$/.test(p)) return 2;
  if (/^var\/log\/azure\/[^/]+\/[^/]+$/.test(p)) return 3;
  if (/^var\/log\/azure\/[^/]+\/[^/]+\/[^/]+$/.test(p)) return 4;
  if (/^var\/log\/waagent\.log\./.test(p)) return 5;
  return 9;
}

const pad = (n, w = 2) => String(n).padStart(w, ' ');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** `ls -l` time column in the VM's local time (CET). */
function lsTime(ms) {
  const d = new Date(ms + 3600_000);
  return `${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}
const utc = (ms) => `${new Date(ms).toISOString().slice(0, 19)}Z`;

/** `ls -alF <dir>` as the collector logs it, from the tree's direct children of `dir`. */
function lsOutput(tree, dir) {
  const children = new Map();
  for (const [p, c] of tree) {
    if (!p.startsWith(`${dir}/`)) continue;
    const rest = p.slice(dir.length + 1);
    const slash = rest.indexOf('/');
    if (slash < 0) children.set(rest, { dir: false, size: c.length });
    else children.set(rest.slice(0, slash), { dir: true, size: 4096 });
  }
  const when = lsTime(COLLECTED_START - 60_000);
  const rows = [
    `drwxr-xr-x ${pad([...children.values()].filter((c) => c.dir).length + 2, 3)} root root ${pad(4096, 8)} ${when} ./`,
    `drwxr-xr-x ${pad(14, 3)} root root ${pad(4096, 8)} Mar 14  2025 ../`,
  ];
  for (const [name, c] of [...children].sort(([a], [b]) => (a < b ? -1 : 1))) {
    rows.push(c.dir ? `drwxr-xr-x ${pad(2, 3)} root root ${pad(4096, 8)} ${when} ${name}/` : `-rw-r--r-- ${pad(1, 3)} root root ${pad(c.size, 8)} ${when} ${name}`);
  }
  const blocks = [...children.values()].reduce((s, c) => s + Math.ceil(c.size / 4096) * 4, 8);
  return [`total ${blocks}`, ...rows].join('\n');
}

/**
 * What logcollector.py (2.9) writes to results.txt for this tree: `%Y-%m-%dT%H:%M:%SZ LEVEL message` lines
 * (Python logging, UTC), with the `ls -alF` outputs of the manifest's `ll` entries spanning several lines.
 */
function resultsTxt(tree, members, uncompressed, compressedSize) {
  const t0 = utc(COLLECTED_START);
  const t1 = utc(COLLECTED_START + 900);
  const t2 = utc(COLLECTED_END);
  const line = (t, msg, level = 'INFO') => `${t} ${level} ${msg}`;
  const out = [
    line(t0, `Starting log collection at ${t0}`),
    line(t0, 'Using log collection mode normal'),
    line(t0, 'Using /var/lib/waagent as $LIB_DIR'),
    line(t0, 'Using /var/log/azure as $LOG_DIR'),
    line(t0, 'Using /var/log/waagent.log as $AGENT_LOG'),
    line(t0, '### Probing Directories ###'),
    line(t0, `Output of command [ls -alF /var/log]:\n${lsOutput(tree, 'var/log')}`),
    line(t0, `Output of command [ls -alF /var/lib/waagent]:\n${lsOutput(tree, 'var/lib/waagent')}`),
    line(t0, '### Gathering Configuration Files ###'),
    ...[...tree.keys()].filter((p) => p.startsWith('etc/')).map((p) => line(t0, `/${p}`)),
    line(t0, '### Gathering Log Files ###'),
    ...[...tree.keys()].filter((p) => p.startsWith('var/log/')).map((p) => line(t0, `/${p}`)),
    line(t0, '### Gathering Extension Files ###'),
    ...members.filter((m) => m.path.startsWith('var/lib/waagent/')).map((m) => line(t0, `/${m.path}`)),
    line(t1, '### Preparing list of files to add to archive ###'),
    ...members.map((m) => line(t1, `Adding file /${m.path}, size ${m.data.length} b`)),
    line(t1, `Uncompressed archive size is ${uncompressed} b`),
    line(t1, '### Creating compressed archive ###'),
    line(t2, `Successfully compressed files. Compressed archive size is ${compressedSize} b`),
    line(t2, `Finishing log collection at ${t2}`),
    line(t2, 'Elapsed time: 1874 ms'),
  ];
  return `${out.join('\n')}\n`;
}

/** Builds the zip and results.txt for a VM tree, in memory. */
export function buildSample(vmRoot = VM) {
  const tree = readTree(vmRoot);
  tree.delete(RESULTS_VM_PATH); // generated below, goes to the archive root
  const history = new Map();
  const members = [];
  for (const [p, data] of tree) {
    const h = HISTORY_FILE.exec(p);
    if (h) {
      if (!history.has(h[1])) history.set(h[1], {});
      history.get(h[1])[h[2]] = [data, { mtime: MTIME }];
    } else members.push({ path: p, data });
  }
  const dirs = [...history.keys()].sort();
  for (const d of dirs.slice(0, -1)) {
    members.push({ path: `var/lib/waagent/history/${d}.zip`, data: Buffer.from(zipSync(history.get(d), { level: 9, mtime: MTIME })), stored: true });
  }
  members.sort((a, b) => priority(a.path) - priority(b.path) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const entries = () => Object.fromEntries(members.map((m) => [m.path, [m.data, { mtime: MTIME, level: m.stored ? 0 : 9 }]]));
  const uncompressed = members.reduce((s, m) => s + m.data.length, 0);
  const withoutResults = zipSync(entries(), { mtime: MTIME });
  const results = resultsTxt(tree, members, uncompressed, withoutResults.length);
  const zip = zipSync({ ...entries(), 'results.txt': [Buffer.from(results), { mtime: MTIME, level: 9 }] }, { mtime: MTIME });
  return { zip: Buffer.from(zip), results, members: members.map((m) => m.path).concat('results.txt') };
}

function main() {
  const { zip, results, members } = buildSample();
  if (process.argv.includes('--check')) {
    const resultsPath = join(VM, RESULTS_VM_PATH);
    const zipOk = existsSync(ZIP) && readFileSync(ZIP).equals(zip);
    const resultsOk = existsSync(resultsPath) && readFileSync(resultsPath, 'utf8') === results;
    if (zipOk && resultsOk) {
      console.log(`assets/sample/logs.zip is up to date (${members.length} members, ${zip.length} bytes)`);
      return;
    }
    console.error(`out of date: ${[!zipOk && 'assets/sample/logs.zip', !resultsOk && RESULTS_VM_PATH].filter(Boolean).join(', ')}; run node scripts/build-sample.mjs`);
    process.exitCode = 1;
    return;
  }
  mkdirSync(dirname(join(VM, RESULTS_VM_PATH)), { recursive: true });
  writeFileSync(join(VM, RESULTS_VM_PATH), results);
  writeFileSync(ZIP, zip);
  console.log(`wrote assets/sample/logs.zip: ${members.length} members, ${zip.length} bytes`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
