import { parentPort } from 'node:worker_threads';
import type { Fact, Warning } from '../../shared';
import { BufferContent, DiskFileContent, type FileContent } from '../ingest/content';
import { batchTransferables, RecordBatchBuilder } from '../records/batch';
import { parserFor } from './registry';
import type { ParseJob, ParseJobResult } from './pool';

/** Parse worker: runs one parser over one file (or one range of a big file) and returns columns. */
const port = parentPort;
if (!port) throw new Error('parse-worker must run as a worker thread');

port.on('message', async (job: ParseJob) => {
  const builder = new RecordBatchBuilder();
  const facts: Fact[] = [];
  const warnings: Warning[] = [];
  let content: FileContent;
  if (job.source.type === 'disk') content = new DiskFileContent(job.source.path, job.source.size, job.source.start);
  else content = new BufferContent(Buffer.from(job.source.data.buffer, job.source.data.byteOffset, job.source.data.byteLength));
  let lines = 0;
  let counted: number | undefined;
  try {
    const parser = parserFor(job.file.kind);
    if (parser) {
      await parser(
        { file: job.file, content, factsFrom: job.factsFrom },
        {
          record: (r) => {
            builder.add(r);
            if (r.line + r.lineCount - 1 > lines) lines = r.line + r.lineCount - 1;
          },
          fact: (f) => facts.push(f),
          warn: (message, line) => warnings.push({ file: job.file.vmPath, ...(line ? { line } : {}), message }),
          lines: (count) => {
            counted = count;
          },
        },
      );
    }
  } catch (e) {
    warnings.push({ file: job.file.vmPath, message: `could not be parsed completely: ${(e as Error).message}` });
  }
  // the next range's line numbers start after this one's lines
  if (job.source.type === 'disk' && job.source.countLines) lines = counted ?? (await countLines(content));
  const batch = builder.finish();
  const result: ParseJobResult = { id: job.id, batch, facts, warnings, lines };
  port.postMessage(result, batchTransferables(batch));
});

/** Physical lines in a range (ranges end right after a newline, except the last). */
async function countLines(content: FileContent): Promise<number> {
  let n = 0;
  let last = 0x0a;
  for await (const c of content.chunks()) {
    for (let i = c.indexOf(0x0a); i !== -1; i = c.indexOf(0x0a, i + 1)) n++;
    if (c.length) last = c[c.length - 1];
  }
  return last === 0x0a ? n : n + 1;
}
