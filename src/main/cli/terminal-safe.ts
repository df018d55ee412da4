import { jsonEscapeControls, visibleControls } from '../../shared/visible';
import type { CliIo } from './io';

/**
 * The CLI's side of the one escaping helper (src/shared/visible.ts): everything the CLI writes to stdout
 * or stderr goes through `safeIo`, so a message that quotes an archive member name, an SSH server's
 * keyboard-interactive prompt or a log line cannot carry a terminal control sequence.
 */
export const terminalSafe = visibleControls;

/** For JSON output: JSON.stringify escapes C0 itself; C1 and bidi controls get \u escapes too (still valid JSON). */
export const jsonSafe = jsonEscapeControls;

/** The CLI's streams with every string escaped on its way out (JSON stays valid: the escapes are JSON's own). */
export function safeIo(io: CliIo): CliIo {
  return { ...io, stdout: (s) => io.stdout(visibleControls(s)), stderr: (s) => io.stderr(visibleControls(s)) };
}
