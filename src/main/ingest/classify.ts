import type { FileKind } from '../../shared';
import { kindOfPath } from '../../shared/formats';

/**
 * Decides a file's kind from the path it had on the VM (no leading slash): the first format declaration
 * (src/shared/formats) whose Linux or Windows glob matches. Content decides only for files whose path is not a
 * VM path (ingest/place.ts).
 */
export function classify(vmPath: string): FileKind {
  return kindOfPath(vmPath);
}
