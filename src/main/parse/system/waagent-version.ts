/**
 * What `waagent --version` prints (azurelinuxagent/agent.py `version()`; the third line since 2.1.6, PR #424):
 *
 *   WALinuxAgent-2.2.45 running on ubuntu 18.04
 *   Python: 3.6.9
 *   Goal state agent: 2.8.0.11
 *
 * (Azure/WALinuxAgent#2670). The first version is the installed package's (the daemon), the last the ExtHandler
 * process running from /var/lib/waagent (common/version.py `set_goal_state_agent`: read from its command line, the
 * package's own version when none runs). One reader for the SSH probe's output (ssh/probes.ts) and the same output
 * pasted or saved in a terminal transcript (service-state.ts), so both give the same facts.
 */
// a type, not an interface: the SSH check keeps it as its data record
export type WaagentVersionOutput = {
  daemonVersion: string;
  goalStateVersion: string | undefined;
  python: string | undefined;
};

const DAEMON = /WALinuxAgent-(\d+(?:\.\d+)+)/;
/**
 * The goal-state agent's version; under Python 3 the 2.2 packages of 2017–2018 printed it as bytes: `Goal state agent:
 * b'2.2.13'` (Azure/WALinuxAgent#787, 2.2.2 on Debian 8), `b'2.2.20'` (#1177, 2.2.14).
 */
const GOAL = /Goal state agent:\s*(?:b')?(\d+(?:\.\d+)+)/i;
const PYTHON = /Python:\s*(\S+)/;

/** The versions in `out` (the command's whole output), undefined when it names no agent version. */
export function readWaagentVersion(out: string): WaagentVersionOutput | undefined {
  const daemon = DAEMON.exec(out)?.[1];
  if (!daemon) return undefined;
  return { daemonVersion: daemon, goalStateVersion: GOAL.exec(out)?.[1], python: PYTHON.exec(out)?.[1] };
}

/** The output's first line (`WALinuxAgent-2.9.1.1 running on ubuntu 24.04`), which also names the distribution. */
export const WAAGENT_VERSION_HEAD = /^WALinuxAgent-[\d.]{1,20} running on ([a-z][\w-]{0,30}) (\d{1,4}(?:\.\d{1,4}){0,3})\b/;
/** The lines after it. */
export const WAAGENT_VERSION_MORE = /^(?:Python: \S|Goal state agent: \S)/;
