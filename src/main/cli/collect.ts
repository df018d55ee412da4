import type { CliIo } from './index';

/** `vmbackup-doctor collect ssh://…` */
export async function runCollect(_args: string[], io: CliIo): Promise<number> {
  io.stderr('vmbackup-doctor collect: not available yet.\n');
  return 2;
}
