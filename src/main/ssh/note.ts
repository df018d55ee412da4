import { msg, renderAnalysis, type SshNote } from '../../shared/i18n/analysis';

/**
 * The collection's words as catalogue messages (src/shared/i18n/ssh.ts): a progress line, a question or an error
 * carries its English `message` (what the contract and the logs have always had) and the `note` the app and the
 * CLI render in the reader's language.
 */
export function say(note: SshNote): { message: string; note: SshNote } {
  return { message: renderAnalysis(note, 'en'), note };
}

/** A collection failure with its message; the English is the Error's `message`. */
export class SshError extends Error {
  constructor(readonly note: SshNote) {
    super(renderAnalysis(note, 'en'));
  }
}

/** Words of ssh2, the system or the VM, as a message (quoted in Dutch). */
export const foreign = (error: string) => msg('ssh.error', { error });

/**
 * A note with every string parameter passed through the scrubber (ssh2's words can quote a secret). Keys of nested
 * messages are left alone: a short password must not turn `ssh.error` into a key the catalogue lacks.
 */
export function scrubNote<T extends SshNote>(note: T, scrub: (s: string) => string): T {
  const walk = (v: unknown): unknown =>
    typeof v === 'string'
      ? scrub(v)
      : Array.isArray(v)
        ? v.map(walk)
        : v && typeof v === 'object'
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === 'key' && 'params' in v ? x : walk(x)]))
          : v;
  return { key: note.key, params: walk(note.params) } as T;
}
