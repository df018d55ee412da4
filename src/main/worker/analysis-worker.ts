import { parentPort, workerData } from 'node:worker_threads';
import { InProcessAnalysisService } from './in-process';
import type { WorkerMessage, WorkerRequest } from './protocol';

/** Worker entry: owns the analysis session (records stay here; the main side asks for pages). */
const port = parentPort;
if (!port) throw new Error('analysis-worker must run as a worker thread');
const service = new InProcessAnalysisService((workerData as { limits?: object } | undefined)?.limits, true, true);
const post = (m: WorkerMessage) => port.postMessage(m);

port.on('message', (msg: WorkerRequest) => {
  const reply = (p: Promise<unknown>) =>
    p.then(
      (value) => post({ id: msg.id, type: 'reply', ok: true, value }),
      (e: unknown) => post({ id: msg.id, type: 'reply', ok: false, error: (e as Error)?.message ?? String(e) }),
    );
  switch (msg.type) {
    case 'open':
      reply(service.open(msg.paths, msg.options, (progress) => post({ type: 'progress', requestId: msg.id, progress })));
      break;
    case 'rediagnose':
      reply(service.rediagnose(msg.options));
      break;
    case 'query':
      reply(service.queryLogs(msg.query));
      break;
    case 'read-file':
      reply(service.readFile(msg.fileId));
      break;
    case 'locate':
      reply(service.locate(msg.req));
      break;
    case 'find':
      reply(service.findLog(msg.req));
      break;
    case 'cancel':
      service.cancel();
      reply(Promise.resolve(null));
      break;
  }
});
