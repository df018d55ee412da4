/** Where a CLI command writes (the real process streams, or a test's buffers). */
export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Standard input as text (`analyze -`); the process's own when absent. */
  stdin?: () => Promise<string>;
}

/** A bad command line: printed with the usage, exit code 2. */
export class UsageError extends Error {}
