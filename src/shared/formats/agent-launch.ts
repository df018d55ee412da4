/**
 * The Linux agent's own messages about starting its goal-state agent (waagent.log and the event copies the daemon logs):
 * a failed launch, a restart loop, an unclean stop. One declaration for the parser, which writes them as agent-lifecycle
 * facts (src/main/parse/waagent/catalogue.ts), and for the analysis that reads an event copy's message
 * (src/main/analyze/reconstruct/agent-health.ts).
 */

import { msg, type FactDetail } from '../i18n/analysis';
import { redactSecrets } from '../redact';

/** An agent package's name, `WALinuxAgent-2.9.1.1`: its version captured. */
export const AGENT = String.raw`WALinuxAgent-(\d+(?:\.\d+)+)`;
/** _evaluate_agent_health's `Agent {0} restarted more than {1} times in {2} seconds` (ga/update.py), raised inside run_latest. */
export const RESTART_LOOP = new RegExp(`Agent ${AGENT} restarted more than (\\d+) times in (\\d+) seconds`);
export const restartLoopNote = (m: RegExpExecArray): FactDetail => msg('detail.restart-loop', { times: m[2], seconds: m[3] });

/**
 * Why the daemon could not start the goal-state agent, from run_latest's `failed with exception: {2}` (2.2.0–2.4: ustr(e)
 * of Popen's OSError; 2.5+ writes the exception only in its telemetry event, so the line ends there: see
 * `launchFailure`). Popen raises ENOENT or EACCES when the command's program, its `#!` interpreter or the working folder
 * is missing or not executable: Python 3 names the file (`[Errno 2] No such file or directory: 'python3'`, 3.7 twice),
 * Python 2 does not. (2.5+'s event copy puts ustr(e) on the line after `failed with exception: `, after a space.)
 */
const LAUNCH_OS_ERROR = /^:? *(?:\r?\n *)?\[Errno (2|13)\] (?:No such file or directory|Permission denied)(?:: '([^'\n]{1,200})')?/;
function launchException(command: string, rest: string): FactDetail {
  const m = LAUNCH_OS_ERROR.exec(rest);
  if (!m) return msg('detail.return-code', {});
  const program = command.trim().split(/\s+/)[0] ?? '';
  return msg('detail.launch-unrunnable', { program: redactSecrets(program.slice(0, 200)), errno: m[1] as '2' | '13', ...(m[2] ? { file: redactSecrets(m[2]) } : {}) });
}
/** run_latest's failed launch (ga/update.py, every 2.1+ release): `Agent {0} launched with command '{1}' failed with return code: {2}` / `… failed with exception: …`. */
export const LAUNCH_FAILED = new RegExp(`^Agent ${AGENT} launched with command '([^']*)' failed with (?:return code: (-?\\d+)|exception)`);
export const launchDetail = (m: RegExpExecArray, text: string): FactDetail => (m[3] !== undefined ? msg('detail.return-code', { code: m[3] }) : launchException(m[2], text.slice(m[0].length)));

/**
 * The daemon's failed launch of the goal-state agent in the message of its event copy: run_latest follows the WARNING
 * line with add_event(AGENT_NAME, op=WALAEventOperation.Enable, is_success=False, message=…), logged at ERROR as
 * `Event: name=WALinuxAgent, op=Enable, message=…`. 2.2.0–2.4 copy the line (`'{0} {1}'.format(msg,
 * traceback.format_exc())`); from 2.5 the line is `u"Agent {0} launched with command '{1}' failed with exception: \n"`
 * and only the copy says why, `'{0} {1}'.format(msg, textutil.format_exception(e))` (ustr(e), a newline, the traceback:
 * Azure/WALinuxAgent azurelinuxagent/ga/update.py run_latest and common/utils/textutil.py, v2.5.0.2–v2.15.0.1).
 * Null when the message is not one.
 */
export function launchFailure(message: string): { version: string; exitCode?: number; note: FactDetail; loop?: { version: string; note: FactDetail } } | null {
  const m = LAUNCH_FAILED.exec(message);
  if (!m) return null;
  // (the exception a restart loop raises inside run_latest: the line of 2.2.0–2.4 says it, from 2.5 only the copy)
  const loop = m[3] === undefined ? RESTART_LOOP.exec(message.slice(m[0].length)) : null;
  return { version: m[1], ...(m[3] !== undefined ? { exitCode: Number(m[3]) } : {}), note: launchDetail(m, message), ...(loop ? { loop: { version: loop[1], note: restartLoopNote(loop) } } : {}) };
}
/** 2.2.0–2.2.2x's restart note, `WALinuxAgent-2.2.10 did not terminate cleanly` (later `Agent did not terminate cleanly: …`). */
export const UNCLEAN_OLD = new RegExp(`^${AGENT} did not terminate cleanly`);
/** The goal-state agent a restart note's line or event copy (op=Restart) names; undefined when the text is not one. */
export const uncleanVersion = (text: string): string | undefined => UNCLEAN_OLD.exec(text)?.[1];
