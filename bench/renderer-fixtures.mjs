// Inputs for `bench/renderer.mjs` (never committed), written under bench/out/renderer/:
//  - log-1m/   a VM-shaped folder whose var/log/waagent.log has exactly N lines (default 1,000,000)
//  - tasks-10k/ a VM-shaped folder whose VMSnapshotLinux extension.log holds N snapshot tasks (default 10,000)
//  - verbose-430mb/ a VM-shaped folder with a verbose-mode waagent.log of N MB (430 MB: 2.7 M records), for the text filter
// Both reuse the realistic generators of bench/generate.mjs. A `.complete` file records the parameters, so a
// second run reuses the inputs and an interrupted one (no marker) is regenerated rather than measured half-written.
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { extensionLogGenerator, generateWaagentLog, waagentLogGenerator } from './generate.mjs';

const EXT_LOG = 'var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log';

/** Writes chunks from `next()` (null = done) through one buffered stream, honouring back-pressure. */
async function writeChunks(path, next) {
  mkdirSync(dirname(path), { recursive: true });
  const out = createWriteStream(path);
  let buf = [];
  let len = 0;
  let bytes = 0;
  for (let s = next(); s !== null; s = next()) {
    buf.push(s);
    len += s.length;
    bytes += s.length;
    if (len > 1 << 20) {
      if (!out.write(buf.join(''))) await new Promise((r) => out.once('drain', r));
      buf = [];
      len = 0;
    }
  }
  out.write(buf.join(''));
  await new Promise((r, j) => {
    out.once('error', j);
    out.end(r);
  });
  return bytes;
}

/** Exactly `lines` lines of the generator's output: the last chunk is cut at a line boundary. */
function limitLines(gen, lines) {
  let left = lines;
  return () => {
    if (left <= 0) return null;
    let s = gen();
    let n = 0;
    for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) {
      n++;
      if (n === left) {
        s = s.slice(0, i + 1);
        break;
      }
    }
    left -= n;
    return s;
  };
}

/** Creates (or reuses) a folder bundle; `make(dir)` writes it and returns a summary kept in the marker. */
async function fixture(dir, params, make) {
  const marker = join(dir, '.complete');
  if (existsSync(marker)) {
    try {
      const m = JSON.parse(readFileSync(marker, 'utf8'));
      if (JSON.stringify(m.params) === JSON.stringify(params)) return { dir, ...m.summary, reused: true };
    } catch {
      // An unreadable marker is as good as none: regenerate.
    }
  }
  rmSync(dir, { recursive: true, force: true });
  const summary = await make(dir);
  writeFileSync(marker, JSON.stringify({ params, summary }));
  return { dir, ...summary, reused: false };
}

/** A folder with a `lines`-line waagent.log (mixed 2.2.45 daemon / 2.9 ExtHandler eras, tracebacks). */
export function logBundle(root, lines = 1_000_000) {
  return fixture(join(root, `log-${lines}`), { kind: 'waagent', lines }, async (dir) => {
    const bytes = await writeChunks(join(dir, 'var/log/waagent.log'), limitLines(waagentLogGenerator(), lines));
    return { file: 'var/log/waagent.log', lines, bytes };
  });
}

/** A folder with an extension.log of `tasks` full snapshot tasks (every 7th fails with a freeze timeout). */
export function tasksBundle(root, tasks = 10_000) {
  return fixture(join(root, `tasks-${tasks}`), { kind: 'extension', tasks }, async (dir) => {
    const gen = extensionLogGenerator();
    let n = 0;
    const bytes = await writeChunks(join(dir, EXT_LOG), () => (n++ < tasks ? gen() : null));
    return { file: EXT_LOG, tasks, bytes };
  });
}

/** A folder with a verbose-mode waagent.log of `mb` MB (bench/generate.mjs; 430 MB holds ~2.7 M records). */
export function verboseLogBundle(root, mb = 430) {
  return fixture(join(root, `verbose-${mb}mb`), { kind: 'waagent-verbose', mb }, async (dir) => {
    const file = join(dir, 'var/log/waagent.log');
    const bytes = await generateWaagentLog(file, mb * 1024 * 1024, 'verbose');
    return { file: 'var/log/waagent.log', mb, bytes };
  });
}
