// `npm run bench`: generates realistic synthetic inputs under bench/out/ (never committed), runs the
// CLI's analyze on each in a fresh process, measures wall time, throughput and peak RSS, runs lnav
// indexing and `wc -l` on the same waagent.log side by side, and writes docs/PERFORMANCE.md.
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateAzureTree, generateExtensionLog, generateLogsZip, generateWaagentLog } from './generate.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'bench', 'out');
const MB = 1024 * 1024;
const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const quick = process.argv.includes('--quick'); // smaller inputs for a smoke run
// --no-500: the 50 and 150 MB rows only (a quicker full-size run; the 500 MB targets are then not judged)
// --mixes=verbose,info: only these waagent.log mixes (and no bundle rows unless --bundles): for working on one mix
// --runs=N: analyze runs per input, best kept (default 2)
// --no-renderer: only the analyze measurements (the renderer section of the page is then left out)
const no500 = process.argv.includes('--no-500');
const sizes = quick ? [5, 15, 50] : no500 ? [50, 150] : [50, 150, 500];
const MIX_NAMES = ['verbose', 'info', 'broken'];
const mixes = arg('mixes')?.split(',') ?? MIX_NAMES;
const bundles = !arg('mixes') || process.argv.includes('--bundles');
const runCount = Number(arg('runs') ?? 2);
mkdirSync(out, { recursive: true });

const log = (s) => process.stdout.write(`${s}\n`);
const time = (fn) => {
  const t0 = performance.now();
  const r = fn();
  return { ms: performance.now() - t0, r };
};

function analyze(paths) {
  const runs = [];
  for (let i = 0; i < runCount; i++) {
    const r = spawnSync(process.execPath, ['--max-old-space-size=4096', join(root, 'bench', 'child.mjs'), root, ...paths], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (r.status !== 0) throw new Error(`analyze failed: ${r.stderr}`);
    runs.push(JSON.parse(r.stdout.trim().split('\n').pop()));
  }
  const best = runs.reduce((a, b) => (a.ms <= b.ms ? a : b)); // best of the runs (warm cache)
  // peak RSS is the highest of the runs: the budget holds for every run, not the luckiest
  best.maxRssMB = Math.max(...runs.map((r) => r.maxRssMB));
  log(`  analyze ${(best.ms / 1000).toFixed(2)} s${best.cpuMs != null ? ` (${(best.cpuMs / 1000).toFixed(2)} s CPU)` : ''}${best.loadMs != null ? ` after ${best.loadMs.toFixed(0)} ms of module loading` : ''}, peak RSS ${best.maxRssMB.toFixed(0)} MB, ${best.records ?? '?'} records, ${best.facts ?? '?'} facts`);
  return best;
}

function lnavIndex(file) {
  try {
    execFileSync('lnav', ['-V'], { stdio: 'ignore', cwd: out });
  } catch {
    return null;
  }
  const runs = [];
  // lnav writes its config folders into HOME and the working directory: keep both under bench/out.
  const home = join(out, 'lnav-home');
  mkdirSync(home, { recursive: true });
  const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: home };
  for (let i = 0; i < 2; i++) runs.push(time(() => spawnSync('lnav', ['-n', '-c', ';SELECT count(*) FROM all_logs', file], { encoding: 'utf8', cwd: out, env })).ms);
  return Math.min(...runs);
}
const wcL = (file) => Math.min(...[0, 1].map(() => time(() => execFileSync('wc', ['-l', file])).ms));
// bench/floor.mjs: reading the file and finding its line ends in Node, on one thread and on two (best of 2 each)
const nodeScan = (file, threads) =>
  Math.min(
    ...[0, 1].map(() => {
      const r = spawnSync(process.execPath, [join(root, 'bench', 'floor.mjs'), file, String(threads)], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`line scan failed: ${r.stderr}`);
      return JSON.parse(r.stdout.trim()).ms;
    }),
  );

const rows = [];
const loadBefore = loadavg();
log('generating inputs…');
// each mix at each size, and the fact-dense stress case at the largest
const denseSize = sizes[sizes.length - 1];
const MIX_TITLE = { verbose: 'verbose', info: 'INFO-heavy', broken: 'broken agent', dense: 'fact-dense (stress)' };
const inputs = [...mixes.flatMap((mix) => sizes.map((size) => [size, mix])), ...(bundles ? [[denseSize, 'dense']] : [])];
const inputFile = (size, mix) => join(out, `${mix}${size}`, 'waagent.log');
for (const [size, mix] of inputs) {
  const file = inputFile(size, mix);
  if (!existsSync(file) || statSync(file).size < size * MB) await generateWaagentLog(file, size * MB, mix);
}
const zip = join(out, `logs-${quick ? 15 : 150}MB.zip`);
const tree = join(out, 'azure-tree');
const extDir = join(out, 'ext-tasks');
const ext = join(extDir, 'var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log');
if (bundles) {
  if (!existsSync(zip)) await generateLogsZip(zip, (quick ? 15 : 150) * MB);
  if (!existsSync(tree)) generateAzureTree(tree, quick ? 500 : 5000);
  if (!existsSync(ext)) await generateExtensionLog(ext, quick ? 1000 : 10000);
}

for (const [size, mix] of inputs) {
  const file = inputFile(size, mix);
  const bytes = statSync(file).size;
  const input = `waagent.log ${size} MB, ${MIX_TITLE[mix]}`;
  log(`${input}…`);
  const a = analyze([file]);
  const lnav = lnavIndex(file);
  const wc = wcL(file);
  rows.push({ input, mix, size, bytes, ...a, lnavMs: lnav, wcMs: wc, scan1Ms: nodeScan(file, 1), scan2Ms: nodeScan(file, 2) });
}
if (bundles) {
  log('logs.zip…');
  rows.push({ input: `logs.zip (${quick ? 15 : 150} MB uncompressed)`, bytes: statSync(zip).size, ...analyze([zip]) });
  log('/var/log/azure tree…');
  rows.push({ input: `/var/log/azure tree, ${quick ? 500 : 5000} files`, bytes: 0, ...analyze([tree]) });
  log('extension.log with snapshot tasks…');
  rows.push({ input: `extension.log, ${quick ? 1000 : 10000} snapshot tasks`, bytes: statSync(ext).size, ...analyze([extDir]) });
}

const loadAfter = loadavg();
const fmt = (ms) => (ms == null ? '—' : `${(ms / 1000).toFixed(2)} s`);
const load = (l) => l.map((x) => x.toFixed(1)).join(' / ');
const zipRow = rows.find((r) => r.input.startsWith('logs.zip'));
const treeRow = rows.find((r) => r.input.startsWith('/var/log/azure tree'));
const verdict = (ok) => (ok ? 'met' : '**not met**');
const perMB = (r) => r.ms / (r.bytes / MB);
const row = (mix, size) => rows.find((r) => r.mix === mix && r.size === size);
const largest = sizes[sizes.length - 1];
// analyze ÷ lnav allowed per mix (issue 23): the realistic mixes at half lnav's indexing, the broken agent at 1.5×
const LNAV_TARGET = { verbose: 0.5, info: 0.5, broken: 1.5 };
const targets = [];
if (quick) targets.push('(a --quick run: the targets are judged on the full run)');
else {
  targets.push('| target | measured | |', '|---|---|---|');
  for (const mix of mixes) {
    const big = row(mix, largest);
    const small = row(mix, sizes[0]);
    if (!big) continue;
    if (largest === 500) {
      targets.push(
        `| ${MIX_TITLE[mix]} ${largest} MB: analyze ≤ ${LNAV_TARGET[mix]} × lnav | ${big.lnavMs ? `${(big.ms / big.lnavMs).toFixed(2)} × lnav` : 'lnav not installed'} | ${big.lnavMs ? verdict(big.ms <= LNAV_TARGET[mix] * big.lnavMs) : '—'} |`,
        `| ${MIX_TITLE[mix]} ${largest} MB: peak RSS ≤ 300 MB | ${big.maxRssMB.toFixed(0)} MB | ${verdict(big.maxRssMB <= 300)} |`,
      );
    }
    targets.push(`| ${MIX_TITLE[mix]}: time per MB flat (${largest} MB ÷ ${sizes[0]} MB) | ${(perMB(big) / perMB(small)).toFixed(2)} | ${verdict(perMB(big) / perMB(small) <= 1.25)} |`);
  }
  // what no Node parser can go under: the line scan of bench/floor.mjs, set against the same lnav run
  for (const mix of mixes) {
    const big = row(mix, largest);
    if (big?.lnavMs && big.scan1Ms != null)
      targets.push(`| (the floor, not a target) ${MIX_TITLE[mix]} ${largest} MB: Node reading it and finding its line ends | ${(big.scan1Ms / big.lnavMs).toFixed(2)} × lnav on 1 thread, ${(big.scan2Ms / big.lnavMs).toFixed(2)} × on 2 | |`);
  }
  if (zipRow) targets.push(`| the 150 MB logs.zip < 1.5 s | ${fmt(zipRow.ms)} | ${verdict(zipRow.ms < 1500)} |`);
  if (treeRow) targets.push(`| the 5,000-file tree < 1 s | ${fmt(treeRow.ms)} | ${verdict(treeRow.ms < 1000)} |`);
  if (largest !== 500) targets.push('| (a --no-500 run: the 500 MB targets are judged on the full run) | | |');
}
const lnavVersion = (() => {
  try {
    return execFileSync('lnav', ['-V'], { encoding: 'utf8', cwd: out }).trim();
  } catch {
    return 'not installed';
  }
})();
const md = [
  '# Performance',
  '',
  `Measured by \`npm run bench\`${process.argv.slice(2).map((a) => ` ${a}`).join('')} on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.versions.node}, ${lnavVersion}.`,
  `Each analyze run is a fresh process (\`vmbackup-doctor analyze --format json\`: ingest + parse + timeline + diagnosis), best of ${runCount};`,
  'peak RSS is the process maximum resident set (the highest of the runs). lnav indexes the same file with `lnav -n -c ";SELECT count(*) FROM all_logs"`;',
  '`wc -l` is the floor (reading the bytes once); the Node line scan (bench/floor.mjs, in a fresh process, timed in-process like',
  'analyze) is what any parser written for Node must do at least: read the bytes and find every line end, on 1 thread and on 2.',
  '',
  'Inputs (bench/generate.mjs), three waagent.log mixes at each size:',
  '- **verbose**: an agent with `Logs.Verbose=y` (as the Backup troubleshooting docs ask): the 6-second poll\'s VERBOSE lines, a',
  '  heartbeat every 30 minutes, an hourly backup with its goal state and command output, throttled HTTP errors, a 2.2.45 head;',
  '- **INFO-heavy**: a long-lived agent whose INFO lines are mostly recognised messages (heartbeats, goal states, handler',
  '  state, cgroup/monitoring notices), 3 % warnings and errors;',
  '- **broken agent**: about 70 % warnings and errors (goal-state fetch and host plugin failures, failed installs, certificates,',
  '  missing status files), about a fact per record.',
  'The INFO-heavy and broken-agent records are real agent messages from the repository\'s test corpus with new timestamps.',
  'The fact-dense row is the old stress case: a catalogue message in 85% of records, one every 0.7 s, which no agent writes.',
  '',
  `Load average (1/5/15 min) ${load(loadBefore)} at the start, ${load(loadAfter)} at the end on ${cpus().length} cores: on a busy machine the times are upper bounds.`,
  '',
  '| input | analyze | MB/s | peak RSS | records | facts | lnav index | analyze ÷ lnav | wc -l | analyze ÷ wc | Node line scan, 1 / 2 threads |',
  '|---|---|---|---|---|---|---|---|---|---|---|',
  ...rows.map((r) =>
    [
      r.input,
      fmt(r.ms),
      r.bytes ? ((r.bytes / MB) / (r.ms / 1000)).toFixed(0) : '—',
      `${r.maxRssMB.toFixed(0)} MB`,
      r.records?.toLocaleString('en-US') ?? '—',
      r.facts?.toLocaleString('en-US') ?? '—',
      fmt(r.lnavMs),
      r.lnavMs ? (r.ms / r.lnavMs).toFixed(2) : '—',
      fmt(r.wcMs),
      r.wcMs ? (r.ms / r.wcMs).toFixed(1) : '—',
      r.scan1Ms != null ? `${fmt(r.scan1Ms)} / ${fmt(r.scan2Ms)}` : '—',
    ].join(' | ').replace(/^/, '| ').concat(' |'),
  ),
  '',
  '### Targets (issue 23)',
  '',
  ...targets,
  '',
];
// the hand-written `## Notes` section at the end of the page (what the numbers mean, what is next) survives a rerun
const pagePath = join(root, 'docs', 'PERFORMANCE.md');
const oldPage = existsSync(pagePath) ? readFileSync(pagePath, 'utf8') : '';
const notes = oldPage.includes('\n## Notes\n') ? oldPage.slice(oldPage.indexOf('\n## Notes\n')) : '';
writeFileSync(pagePath, md.join('\n'));
log(md.join('\n'));
// Renderer measurements (bench/renderer.mjs: 1M-line log view, scrolling, 10k-task timeline), appended to the same page.
if (!process.argv.includes('--no-renderer')) {
  let section;
  try {
    const { rendererBench } = await import('./renderer.mjs');
    section = (await rendererBench({ quick, log })).markdown;
  } catch (e) {
    section = `\n## Renderer\n\nNot measured: ${e.message}\n`;
  }
  appendFileSync(pagePath, section);
  log(section);
} else if (oldPage.includes('\n## Renderer\n')) {
  // not measured this time: the last renderer measurements (they carry their own date) stay on the page
  const from = oldPage.indexOf('\n## Renderer\n');
  const to = oldPage.indexOf('\n## Notes\n');
  appendFileSync(pagePath, oldPage.slice(from, to > from ? to : undefined));
}
if (notes) appendFileSync(pagePath, notes);
if (process.argv.includes('--clean')) rmSync(out, { recursive: true, force: true });
