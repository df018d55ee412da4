import { parentPort } from 'node:worker_threads';
import { batchTransferables } from '../records/batch';
import type { ParseJob } from './pool';
import { runParseJob, type JobProgress } from './run-job';

/** Parse worker: runs one parser over one file (or one range of a big file) and returns columns. */
const port = parentPort;
if (!port) throw new Error('parse-worker must run as a worker thread');

/** Progress is posted at most this often (the main side adds it to the parse fraction). */
const PROGRESS_MS = 100;

port.on('message', async (job: ParseJob) => {
  let pending = 0;
  let last = Date.now();
  const result = await runParseJob(
    job,
    (n) => {
      pending += n;
      if (Date.now() - last < PROGRESS_MS) return;
      last = Date.now();
      port.postMessage({ id: job.id, parsedBytes: pending } satisfies JobProgress);
      pending = 0;
    },
    (chunk) => port.postMessage(chunk, chunk.buffers),
  );
  // the rest of the job's bytes: a range's progress arrives by the time it is done at the latest
  if (pending) port.postMessage({ id: job.id, parsedBytes: pending } satisfies JobProgress);
  port.postMessage(result, result.buffers ?? batchTransferables(result.batch));
});
