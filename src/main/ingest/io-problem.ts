import { resolve } from 'node:path';
import type { IoProblem } from '../../shared/i18n/analysis';

const BY_CODE: Readonly<Record<string, IoProblem>> = { ENOENT: 'missing', EACCES: 'denied', EPERM: 'denied', EISDIR: 'folder', ENOTDIR: 'not-folder', ELOOP: 'loop' };

/**
 * An error of opening `path`: its text, and the problem in words when Node's code is one an engineer meets and the error
 * is about `path` itself (an error about another file, deeper in, keeps its own text, which names that file).
 */
export function ioError(e: unknown, path: string): { error: string; problem?: IoProblem } {
  const error = e instanceof Error ? e.message : String(e);
  const { code, path: about } = (e ?? {}) as NodeJS.ErrnoException;
  const problem = code !== undefined ? BY_CODE[code] : undefined;
  return problem && (about === undefined || resolve(about) === resolve(path)) ? { error, problem } : { error };
}
