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

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Archive names are bytes: UTF-8 when valid (the collector writes UTF-8), else Latin-1 so nothing is lost. */
export function decodeName(raw: Buffer): string {
  try {
    return utf8.decode(raw);
  } catch {
    return raw.toString('latin1');
  }
}
