import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { bytesOf, type Files } from '../accuracy/perturb';

/** Writes `files` (VM paths and their text, in their encoding) under the folder `at`, as an engineer's bundle; returns `at`. */
export function writeBundle(at: string, files: Files): string {
  for (const f of files) {
    mkdirSync(dirname(join(at, f[0])), { recursive: true });
    writeFileSync(join(at, f[0]), bytesOf(f));
  }
  return at;
}
