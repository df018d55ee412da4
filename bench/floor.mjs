// The least any log parser written for Node must do with a file: read its bytes and find every line end
// (Buffer.indexOf, native code), nothing else — no string, no record, no fact. `node bench/floor.mjs FILE [THREADS]`
// prints {ms, lines} for one thread or for THREADS worker threads each scanning a part of the file (the part's
// first line end found by its left neighbour), timed in-process like bench/child.mjs's analyze (Node's own start
// and module loading not counted). bench/run.mjs sets analyze's time against it: what a Node parser can still win.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';

const CHUNK = 1 << 22;

/** Line ends in [from, to) of the file. */
function scan(file, from, to) {
  const fd = openSync(file, 'r');
  const buf = Buffer.allocUnsafe(CHUNK);
  let lines = 0;
  try {
    for (let at = from; at < to; ) {
      const n = readSync(fd, buf, 0, Math.min(CHUNK, to - at), at);
      if (n <= 0) break;
      for (let i = buf.indexOf(10, 0); i !== -1 && i < n; i = buf.indexOf(10, i + 1)) lines++;
      at += n;
    }
  } finally {
    closeSync(fd);
  }
  return lines;
}

if (!isMainThread) {
  const { file, from, to } = workerData;
  parentPort.postMessage(scan(file, from, to));
} else {
  const [file, threadArg] = process.argv.slice(2);
  const threads = Number(threadArg ?? 1);
  const size = statSync(file).size;
  const t0 = performance.now();
  let lines;
  if (threads <= 1) lines = scan(file, 0, size);
  else {
    const part = Math.ceil(size / threads);
    const counts = await Promise.all(
      Array.from({ length: threads }, (_, k) =>
        new Promise((resolve, reject) => {
          const w = new Worker(fileURLToPath(import.meta.url), { workerData: { file, from: k * part, to: Math.min(size, (k + 1) * part) } });
          w.once('message', resolve);
          w.once('error', reject);
        }),
      ),
    );
    lines = counts.reduce((a, b) => a + b, 0);
  }
  process.stdout.write(`${JSON.stringify({ ms: performance.now() - t0, lines, threads })}\n`);
}
