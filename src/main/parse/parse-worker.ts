import { parentPort } from 'node:worker_threads';
import { batchTransferables } from '../records/batch';
import type { ParseJob } from './pool';
import { runParseJob } from './run-job';

/** Parse worker: runs one parser over one file (or one range of a big file) and returns columns. */
const port = parentPort;
if (!port) throw new Error('parse-worker must run as a worker thread');

port.on('message', async (job: ParseJob) => {
  const result = await runParseJob(job);
  port.postMessage(result, batchTransferables(result.batch));
});
