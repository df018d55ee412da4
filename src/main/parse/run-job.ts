import type { BundleFile, Fact, Warning } from '../../shared';
import { BufferContent, DiskFileContent, type FileContent } from '../ingest/content';
import { RecordBatchBuilder, type RecordBatch } from '../records/batch';
import { countingContent } from './progress';
import { parserFor } from './registry';
import { noted } from '../ingest/limits';
import { msg } from '../../shared/i18n/analysis';

export type ParseSource =
  /** `size` bytes of the file at `path` from byte `start` (a whole file, a tail-kept file, or a range of one). */
  | { type: 'disk'; path: string; start: number; size: number; /** Count its physical lines (a range that has a successor). */ countLines?: boolean }
  | { type: 'buffer'; data: Uint8Array };

export interface ParseJob {
  id: number;
  file: BundleFile;
  source: ParseSource;
  /** ParserInput.factsFrom, relative to this source. */
  factsFrom: number;
}

/** A worker's progress message during a job: bytes parsed since its last one. */
export interface JobProgress {
  id: number;
  parsedBytes: number;
}

export interface ParseJobResult {
  id: number;
  batch: RecordBatch;
  facts: Fact[];
  warnings: Warning[];
  /** Physical lines the job covered (for line numbering of the next range). */
  lines: number;
}

/**
 * Runs one parse job (one file, or one range of a big file) into record columns, facts and warnings.
 * The parse worker runs it for the jobs it is sent; the pool runs it in this thread for jobs too small
 * to be worth a worker round trip. Either way the result is the same.
 */
export async function runParseJob(job: ParseJob, onBytes?: (n: number) => void): Promise<ParseJobResult> {
  // a record per ~100 bytes to start with: a 2 KB log's columns are not allocated for 4,096 rows
  const builder = new RecordBatchBuilder(Math.min(4096, jobBytes(job.source) / 100));
  const facts: Fact[] = [];
  const warnings: Warning[] = [];
  let content: FileContent;
  if (job.source.type === 'disk') content = new DiskFileContent(job.source.path, job.source.size, job.source.start);
  else content = new BufferContent(Buffer.from(job.source.data.buffer, job.source.data.byteOffset, job.source.data.byteLength));
  if (onBytes) content = countingContent(content, onBytes);
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
          warn: (note, line) => warnings.push({ file: job.file.vmPath, ...(line ? { line } : {}), ...noted(note) }),
          lines: (count) => {
            counted = count;
          },
        },
      );
    }
  } catch (e) {
    warnings.push({ file: job.file.vmPath, ...noted(msg('ingest.parse-incomplete', { error: (e as Error).message })) });
  }
  // the next range's line numbers start after this one's lines
  if (job.source.type === 'disk' && job.source.countLines) lines = counted ?? (await countLines(content));
  return { id: job.id, batch: builder.finish(), facts, warnings, lines };
}

/** The size of the text a job parses. */
export function jobBytes(source: ParseSource): number {
  return source.type === 'disk' ? source.size : source.data.byteLength;
}

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
