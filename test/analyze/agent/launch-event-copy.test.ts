import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CASES_DIR } from '../../accuracy/score';
import { analyzeFiles, finding } from './helpers';

/**
 * From 2.5 the daemon's failed launch of the goal-state agent says why only in its event copy (Azure/WALinuxAgent
 * azurelinuxagent/ga/update.py run_latest, v2.5.0.2–v2.15.0.1):
 *   msg = u"Agent {0} launched with command '{1}' failed with exception: \n".format(agent_name, agent_cmd)
 *   logger.warn(msg)
 *   detailed_message = '{0} {1}'.format(msg, textutil.format_exception(e))
 *   add_event(AGENT_NAME, version=agent_version, op=WALAEventOperation.Enable, is_success=False, message=detailed_message)
 * format_exception is `ustr(exception) + "\n"` and Python's traceback (common/utils/textutil.py); add_event logs the
 * event at ERROR as `Event: name={0}, op={1}, message={2}, duration={3}` (common/event.py _log_event). The lines below
 * are those format strings filled in: the 2.9.1.1 egg's command as the daemon names it, ustr() of Popen's OSError and of
 * _evaluate_agent_health's `Agent {0} restarted more than {1} times in {2} seconds`, and a traceback whose frames are
 * update.py v2.9.1.1's Popen call (line 243) and Python 3.11's subprocess.py; the reading uses none of the frames.
 */
const V = '2.9.1.1';
const CMD = `python3 -u bin/WALinuxAgent-${V}-py3.8.egg -run-exthandlers`;
const head = `Agent WALinuxAgent-${V} launched with command '${CMD}' failed with exception: `;
const enoent = "[Errno 2] No such file or directory: 'python3'";
const UPDATE_PY = `  File "bin/WALinuxAgent-${V}-py3.8.egg/azurelinuxagent/ga/update.py"`;
/** Popen's OSError: update.py's Popen call and Python 3.11's subprocess.py frames. */
const popenTraceback = (exception: string) => [
  'Traceback (most recent call last):',
  `${UPDATE_PY}, line 243, in run_latest`,
  '    self.child_process = subprocess.Popen(',
  '  File "/usr/lib/python3.11/subprocess.py", line 1026, in __init__',
  '    self._execute_child(args, executable, preexec_fn, close_fds,',
  '  File "/usr/lib/python3.11/subprocess.py", line 1950, in _execute_child',
  '    raise child_exception_type(errno_num, err_msg, err_filename)',
  exception,
];
/** _evaluate_agent_health's raise (update.py v2.9.1.1 lines 241 and 937). */
const healthTraceback = (exception: string) => [
  'Traceback (most recent call last):',
  `${UPDATE_PY}, line 241, in run_latest`,
  '    self._evaluate_agent_health(latest_agent)',
  `${UPDATE_PY}, line 937, in _evaluate_agent_health`,
  '    raise Exception(msg)',
  exception,
];
/** The WARNING line (its message ends with "\n": an empty line follows) and, where `copy`, its ERROR event copy. */
function launchFailed(at: string, ustr: string, exception: string, copy = true, line = true): string[] {
  const t = Date.parse(at);
  return [
    ...(line ? [`${stamp(t)} WARNING Daemon Daemon ${head}`, ''] : []),
    ...(copy ? [`${stamp(t + 2)} ERROR Daemon Daemon Event: name=WALinuxAgent, op=Enable, message=${head}`, ` ${ustr}`, ...(ustr.startsWith('Agent ') ? healthTraceback(exception) : popenTraceback(exception)), ', duration=0'] : []),
  ];
}
const stamp = (ms: number) => new Date(ms).toISOString().replace(/Z$/, '001Z');
const daemonStart = (at: string) => [`${stamp(Date.parse(at))} INFO Daemon Daemon Azure Linux Agent Version: ${V}`];
const log = (...parts: string[][]) => `${parts.flat().join('\n')}\n`;

async function unresponsive(text: string) {
  const r = await analyzeFiles({ 'var/log/waagent.log': text });
  return finding(r, 'agent-unresponsive');
}

describe("2.5+: a failed launch's reason is read from its event copy", () => {
  it('the copy names the missing interpreter: the launch fails on every pass, the interpreter step first', async () => {
    const f = await unresponsive(log(daemonStart('2023-08-01T10:00:00Z'), launchFailed('2023-08-01T10:00:01Z', enoent, `FileNotFoundError: ${enoent}`)));
    expect(f.verdict).toBe('detected');
    expect(f.reason).toContain('its program python3 is not on the VM (No such file or directory)');
    expect(f.reason).not.toContain('once is a symptom');
    expect(f.remedy[0]).toContain('its interpreter python3 is not on the VM');
    // one failure, cited once, at its line (the copy adds its reason, not a second failure)
    expect(f.evidence.map((e) => e.line)).toEqual([2]);
  });

  it('a log filtered to errors (the copy only) reads the same reason', async () => {
    const f = await unresponsive(log(launchFailed('2023-08-01T10:00:01Z', enoent, `FileNotFoundError: ${enoent}`, true, false)));
    expect(f.reason).toContain('its program python3 is not on the VM');
    expect(f.remedy[0]).toContain('its interpreter python3 is not on the VM');
  });

  it("another launch's copy, of another version or minutes later, lends no reason", async () => {
    const other = launchFailed('2023-08-01T10:09:01Z', enoent, `FileNotFoundError: ${enoent}`, true, false).map((l) => l.replace(/2\.9\.1\.1/g, '2.10.0.8'));
    const f = await unresponsive(log(daemonStart('2023-08-01T10:00:00Z'), launchFailed('2023-08-01T10:00:01Z', '', '', false), other));
    expect(f.reason).toContain('it failed with an exception, so that pass ran no extension');
    expect(f.remedy.some((s) => s.includes('python3 is not on the VM'))).toBe(false);
  });

  it("the health check's restart loop, said only in the copy, is read as the restart loop", async () => {
    // three launches that exited with 1 within five minutes, then the fourth raises before Popen
    const exit1 = (at: string) => [`${stamp(Date.parse(at))} WARNING Daemon Daemon Agent WALinuxAgent-${V} launched with command '${CMD}' failed with return code: 1`];
    const loop = `Agent WALinuxAgent-${V} restarted more than 3 times in 300 seconds`;
    const f = await unresponsive(
      log(daemonStart('2023-08-01T10:00:00Z'), exit1('2023-08-01T10:00:30Z'), exit1('2023-08-01T10:01:30Z'), exit1('2023-08-01T10:02:30Z'), launchFailed('2023-08-01T10:02:31Z', loop, `Exception: ${loop}`)),
    );
    expect(f.reason).toContain('the daemon reported a restart loop (restarted more than 3 times in 300 seconds)');
    expect(f.evidence.some((e) => e.text.includes('op=Enable'))).toBe(true);
  });

  it("2.2.x: a line that says its loop, and the copy that repeats it, are one restart loop", async () => {
    // v2.2.18 run_latest: the line `Agent {0} launched with command '{1}' failed with exception: {2}` (ustr(e)) and
    // add_event(..., op=WALAEventOperation.Enable, is_success=False, message=msg), the same words
    const said = `Agent WALinuxAgent-2.2.18 launched with command 'python -u bin/WALinuxAgent-2.2.18-py2.7.egg -run-exthandlers' failed with exception: Agent WALinuxAgent-2.2.18 restarted more than 3 times in 300 seconds`;
    const f = await unresponsive(
      log([`2018/05/01 10:00:00.000001 INFO Azure Linux Agent Version:2.2.18`, `2018/05/01 10:05:00.000001 WARNING ${said}`, `2018/05/01 10:05:00.000002 ERROR Event: name=WALinuxAgent, op=Enable, message=${said}, duration=0`]),
    );
    expect(f.reason).toContain('the daemon reported a restart loop');
    expect(f.evidence.map((e) => e.line)).toEqual([2]);
  });

  it('#2126 (2.2.45, one untimed line): a missing interpreter stays low, its step first', async () => {
    // the line cannot be placed against any backup: it may predate the failure, so it does not say the failure more
    // than low, however plainly it names the fix (the remedy leads with it)
    const f = await unresponsive(readFileSync(join(CASES_DIR, 'waagent-2126-freebsd-python3-link-missing-exthandler-launch', 'files', 'waagent.log'), 'utf8'));
    expect(f).toMatchObject({ verdict: 'detected', confidence: 'low' });
    expect(f.remedy[0]).toContain('its interpreter python3 is not on the VM');
  });
});
