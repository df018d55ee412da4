import type { BundleFile, Fact, Warning } from '../../shared';
import { BufferContent, DiskFileContent, type FileContent } from '../ingest/content';
import { PackedColumns, RecordBatchBuilder, type RecordBatch } from '../records/batch';
import { FactStore, type FactBatch } from '../records/fact-store';
import type { RecordStore } from '../records/store';
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
  /**
   * Keep the facts as FactStore rows and send them as columns (`ParseJobResult.rows`), not as cloned objects: a
   * range of a big waagent.log, whose records nearly all yield a fact.
   */
  rows?: boolean;
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
  /** With `ParseJob.rows`: the facts, in order, as columns (`facts` is empty then). */
  rows?: FactBatch;
  /**
   * With `ParseJob.rows`: the fact a waagent.log's parser gives at its end about the whole input (`agent-era`, from its
   * last record of a local-time era), held out of `rows`: a split file gives it once, at its end, from the last range
   * that has one.
   */
  endFacts?: Fact[];
  /** With `ParseJob.rows`: the buffers `batch` and `rows` are in (PackedColumns), freed once merged. */
  buffers?: ArrayBuffer[];
}

/**
 * Part of a `rows` job's result sent while it runs (`runParseJob`'s `onChunk`): its records so far, and their facts. The
 * result holds the rest. A worker then holds a chunk's columns, not a range's, and nothing grows by doubling.
 */
export interface ParseChunk {
  id: number;
  batch: RecordBatch;
  rows: FactBatch;
  /** The buffers all its columns are in (PackedColumns): transferred, and freed once merged. */
  buffers: ArrayBuffer[];
}
/** Records of a chunk (ParseChunk). */
export const CHUNK_RECORDS = 1 << 16;

/** Facts a parser gives at the end of its input, about all of it (ParseJobResult.endFacts). */
export const isEndFact = (f: Fact): boolean => f.kind === 'agent-era';

/**
 * Runs one parse job (one file, or one range of a big file) into record columns, facts and warnings.
 * The parse worker runs it for the jobs it is sent; the pool runs it in this thread for jobs too small
 * to be worth a worker round trip. Either way the result is the same.
 */
export async function runParseJob(job: ParseJob, onBytes?: (n: number) => void, onChunk?: (c: ParseChunk) => void): Promise<ParseJobResult> {
  // a record per ~100 bytes to start with: a 2 KB log's columns are not allocated for 4,096 rows
  const builder = new RecordBatchBuilder(Math.min(job.rows && onChunk ? CHUNK_RECORDS : 4096, jobBytes(job.source) / 100));
  const facts: Fact[] = [];
  const warnings: Warning[] = [];
  let content: FileContent;
  if (job.source.type === 'disk') content = new DiskFileContent(job.source.path, job.source.size, job.source.start);
  else content = new BufferContent(Buffer.from(job.source.data.buffer, job.source.data.byteOffset, job.source.data.byteLength));
  if (onBytes) content = countingContent(content, onBytes);
  let lines = 0;
  let counted: number | undefined;
  // (a store of this range's facts only: its rows' record ids are the batch's, and it reads no record)
  const store = job.rows ? new FactStore(null as unknown as RecordStore, []) : undefined;
  const endFacts: Fact[] = [];
  try {
    const parser = parserFor(job.file.kind);
    if (parser) {
      await parser(
        { file: job.file, content, factsFrom: job.factsFrom },
        {
          record: (r) => {
            // (a record's facts follow it: the chunk so far has every fact of its records)
            if (store && onChunk && builder.count >= CHUNK_RECORDS) {
              const packed = new PackedColumns();
              onChunk({ id: job.id, batch: builder.finish(packed), rows: store.takeBatch(packed), buffers: packed.buffers });
              builder.reset();
            }
            builder.add(r);
            if (r.line + r.lineCount - 1 > lines) lines = r.line + r.lineCount - 1;
          },
          fact: store ? (f) => void (isEndFact(f) ? endFacts.push(f) : store.push(f, job.file.id)) : (f) => facts.push(f),
          ...(store
            ? {
                recordFact: (d, firstLen) => store.pushAtRecord(d, builder.count - 1, firstLen),
                rowLayout: (sample) => store.layoutOf(sample),
                recordRow: (layout, values, firstLen) => store.pushRowAtRecord(layout, values, builder.count - 1, firstLen),
              }
            : {}),
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
  if (!store) return { id: job.id, batch: builder.finish(), facts, warnings, lines };
  const packed = new PackedColumns();
  return { id: job.id, batch: builder.finish(packed), facts, warnings, lines, rows: store.toBatch(packed), endFacts, buffers: packed.buffers };
}

/** The size of the text a job parses. */
export function jobBytes(source: ParseSource): number {
  return source.type === 'disk' ? source.size : source.data.byteLength;
}

/** Physical lines in a range (ranges end right after a newline, except the last). */
export async function countLines(content: FileContent): Promise<number> {
  let n = 0;
  let last = 0x0a;
  for await (const c of content.chunks()) {
    for (let i = c.indexOf(0x0a); i !== -1; i = c.indexOf(0x0a, i + 1)) n++;
    if (c.length) last = c[c.length - 1];
  }
  return last === 0x0a ? n : n + 1;
}
