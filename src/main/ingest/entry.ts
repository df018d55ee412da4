import type { Warning } from '../../shared';
import type { FileContent } from './content';

/**
 * One file read from an input, before it is mapped to a VM path: `name` is its safe relative path inside the
 * input (archive member, path under the folder). In-memory members keep their bytes in `data` so nested
 * archives and `.gz` members can be opened without reading twice.
 */
export interface RawEntry {
  name: string;
  content: FileContent;
  data?: Buffer;
  size: number;
  truncated: boolean;
  origin: string;
  warnings: Warning[];
}
