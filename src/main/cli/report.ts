import type { CliIo } from './index';

/** `vmbackup-doctor report …` */
export async function runReport(_args: string[], io: CliIo): Promise<number> {
  io.stderr('vmbackup-doctor report: not available yet.\n');
  return 2;
}
