// In-process A/B of two or more builds: `node --expose-gc bench/ab.mjs <mode> <input> <rounds> <root> <root>…
// [--prof=<k>] [--no-build]`. Each <root> is a checkout (a worktree of main, a branch) with node_modules; bench/ab-harness.ts
// is bundled against each root's src into <root>/bench/out/ab-harness/ (vite, not minified), and all of them are
// loaded into this one process. After a warm-up run of each, the rounds run the builds in turn (A B A B …), a GC
// before each run, and print each build's CPU and wall time per run, min and median.
//
// Why: on this shared 2-core machine a fresh process per run (bench/child.mjs) moves by ±20–40 % with the load;
// alternating the builds inside one process, warm, puts them under the same load minute by minute, and CPU (not
// wall) is what a parser change moves. Each run prints two CPU figures: this thread's own (`thread`, from
// /proc/thread-self/schedstat: the code under test) and the process' (`cpu`, user + system of every thread: it
// counts V8's GC helper threads too, which moved a session 31 A/B by 30 ms where this thread's own did not move).
// What it does not show: a cold process (a parse worker's first range, the
// CLI's one run: use bench/child.mjs), and work on other threads (parse workers, zlib) beyond what the process' CPU
// counts. Modes (ab-harness.ts `runOnce`): parse, ext, store (records staged, as the CLI's parse), job (a parse worker's job run here), analyze (the whole
// pipeline in this thread), diagnose (the diagnosis again on one parse), write (the diagnosis, redaction and JSON again), json (the JSON's pieces of one
// redacted result again: the writer alone). `--prof=<k>`: a CPU profile of build k's
// rounds (0-based) into bench/out/ab-<k>-<round>.cpuprofile. `--no-build`: use the harness bundles already built.
import { Session } from 'node:inspector/promises';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadavg } from 'node:os';

/** This thread's CPU time in ms (Linux: schedstat's first field, ns on a CPU), or NaN where there is none. */
function threadCpuMs() {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'latin1').split(' ', 1)[0]) / 1e6;
  } catch {
    return NaN;
  }
}

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const flag = (name) => process.argv.find((a) => a.startsWith(`--${name}`));
const [mode, input, roundsArg, ...roots] = args;
if (!mode || !input || !roundsArg || roots.length < 1) {
  process.stderr.write('usage: node --expose-gc bench/ab.mjs <mode> <input> <rounds> <root> [<root>…] [--prof=<k>] [--no-build]\n');
  process.exit(2);
}
const rounds = Number(roundsArg);
const prof = flag('prof=') ? Number(flag('prof=').slice('--prof='.length)) : -1;

/** The harness bundled against `root`'s src (its `../src/` imports resolved there); returns the module's path. */
async function build(root) {
  const outDir = join(root, 'bench', 'out', 'ab-harness');
  if (flag('no-build')) return join(outDir, 'harness.mjs');
  // (vite from this checkout's node_modules: the roots' own may be links to the same)
  const { build: viteBuild } = await import('vite');
  await viteBuild({
    configFile: false,
    root,
    logLevel: 'warn',
    resolve: { alias: [{ find: /^\.\.\/src\//, replacement: `${join(root, 'src')}/` }] },
    build: {
      ssr: true,
      outDir,
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      sourcemap: false,
      rollupOptions: {
        input: { harness: join(here, 'ab-harness.ts') },
        external: (id) => id === 'electron' || id.startsWith('node:') || builtinModules.includes(id),
        output: { format: 'es', entryFileNames: '[name].mjs', chunkFileNames: 'chunks/[name]-[hash].mjs' },
      },
    },
  });
  return join(outDir, 'harness.mjs');
}

const builds = [];
for (const root of roots.map((r) => resolve(r))) builds.push({ root, mod: await import(pathToFileURL(await build(root)).href), cpu: [], thread: [], wall: [] });
if (!globalThis.gc) process.stderr.write('(run with --expose-gc for a collection before each run)\n');
const path = resolve(input);
let session;
const load0 = loadavg();
for (let r = -1; r < rounds; r++) {
  for (let k = 0; k < builds.length; k++) {
    const b = builds[k];
    globalThis.gc?.();
    const profiling = k === prof && r >= 0;
    if (profiling) {
      if (!session) {
        session = new Session();
        session.connect();
        await session.post('Profiler.enable');
        await session.post('Profiler.setSamplingInterval', { interval: 250 });
      }
      await session.post('Profiler.start');
    }
    const c0 = process.cpuUsage();
    const th0 = threadCpuMs();
    const t0 = performance.now();
    const res = await b.mod.runOnce(mode, path);
    const wall = performance.now() - t0;
    const th = threadCpuMs() - th0;
    const u = process.cpuUsage(c0);
    if (profiling) {
      const { profile } = await session.post('Profiler.stop');
      mkdirSync(join(here, 'out'), { recursive: true });
      writeFileSync(join(here, 'out', `ab-${k}-${r}.cpuprofile`), JSON.stringify(profile));
    }
    if (r < 0) process.stdout.write(`${k} ${b.root}: ${JSON.stringify(res)}\n`);
    else {
      b.cpu.push(Math.round((u.user + u.system) / 1000));
      b.thread.push(Math.round(th));
      b.wall.push(Math.round(wall));
    }
  }
}
const med = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
const load1 = loadavg();
process.stdout.write(`${mode} ${input}, ${rounds} rounds, load ${load0.map((l) => l.toFixed(1)).join(' / ')} → ${load1.map((l) => l.toFixed(1)).join(' / ')}\n`);
for (const [k, b] of builds.entries()) {
  process.stdout.write(
    `${k} thread min ${Math.min(...b.thread)} med ${med(b.thread)} ms (${b.thread.join(' ')}); cpu min ${Math.min(...b.cpu)} med ${med(b.cpu)} ms (${b.cpu.join(' ')}); ` +
      `wall min ${Math.min(...b.wall)} med ${med(b.wall)} ms  ${b.root}\n`,
  );
}
