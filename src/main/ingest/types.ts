import type { BundleFile, InputSummary, ProgressEvent, Warning } from '../../shared';
import type { FileContent } from './content';

/** A bundle file with its bytes, before parsing. */
export interface IngestedFile extends Omit<BundleFile, 'id'> {
  content: FileContent;
}

export interface IngestLimits {
  /** Total uncompressed bytes taken from all inputs. */
  maxTotalBytes: number;
  /** Uncompressed bytes per file; larger files are tail-kept and marked truncated. */
  maxFileBytes: number;
  /** Entries per archive (all nesting levels together). */
  maxEntries: number;
  /** Nested archive depth (logs.zip → history/*.zip is depth 2). */
  maxDepth: number;
  /** Compression ratio above which an entry is treated as a bomb. */
  maxRatio: number;
}

export const DEFAULT_LIMITS: IngestLimits = {
  maxTotalBytes: 4 * 1024 * 1024 * 1024,
  maxFileBytes: 2 * 1024 * 1024 * 1024,
  maxEntries: 50_000,
  maxDepth: 3,
  maxRatio: 200,
};

export interface IngestOptions {
  limits?: Partial<IngestLimits>;
  signal?: AbortSignal;
  onProgress?: (p: ProgressEvent) => void;
  /**
   * Which of an input's files to take (the pipeline's one VM of a bundle that holds two), asked as soon as the input is
   * listed: a file left out is not compared with the others, chained into a rotation or warned about.
   */
  keep?: (inputPath: string, file: IngestedFile) => boolean;
}

export interface IngestResult {
  inputs: InputSummary[];
  files: IngestedFile[];
  warnings: Warning[];
}
