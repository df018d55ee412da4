import { CLI_LABELS, type CliLabels } from '../../shared/i18n/cli';

/** Where a CLI command writes (the real process streams, or a test's buffers). */
export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Standard input as text (`analyze -`); the process's own when absent. */
  stdin?: () => Promise<string>;
}

/**
 * A bad command line: printed with the usage, exit code 2, in the language the command line asks for (`say` picks
 * the sentence from the CLI catalogue; `message` is the English).
 */
export class UsageError extends Error {
  constructor(readonly say: (C: CliLabels) => string) {
    super(say(CLI_LABELS.en));
  }
}

/** An ISO 8601 date and time with its zone (Z or ±hh:mm): without one the machine's own zone would decide. */
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * `--failed-at`: when the portal says the job failed (the app's "pin the failed job's time", bundle:rediagnose's
 * `failedAt`), as ISO UTC; a value that is not a zoned time is a usage error rather than silently ignored.
 */
export function failedAtOption(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const ms = ISO_WITH_ZONE.test(value.trim()) ? Date.parse(value.trim().replace(' ', 'T')) : NaN;
  if (!Number.isFinite(ms)) throw new UsageError((C) => C.failedAtFormat(value));
  return new Date(ms).toISOString();
}
