import { describe, expect, it } from 'vitest';
import type { FactOf } from '../../../src/shared';
import { parse } from './helpers';

/**
 * The daemon's launch of the goal-state agent failing because Popen cannot run the command (ga/update.py run_latest,
 * 2.2.0–2.4: `failed with exception: {ustr(e)}`): ENOENT or EACCES, as Python 3 (names the file) and Python 2 (does not)
 * write it. The first line is #2126's as posted; the others render the same format with the other OSErrors.
 */
async function note(line: string) {
  const p = await parse(`${line}\n`);
  const f = p.facts.find((x): x is FactOf<'agent-lifecycle'> => x.kind === 'agent-lifecycle' && x.event === 'exthandler-exit');
  return f?.note;
}

describe('launched with command … failed with exception: an OSError', () => {
  it('Python 3.7, no python3 (WALinuxAgent#2126)', async () => {
    expect(await note("WARNING Daemon Agent WALinuxAgent-2.2.45 launched with command 'python3 -u /usr/local/sbin/waagent -run-exthandlers' failed with exception: [Errno 2] No such file or directory: 'python3': 'python3'")).toEqual({
      key: 'detail.launch-unrunnable',
      params: { program: 'python3', errno: '2', file: 'python3' },
    });
  });
  it('Python 2: ENOENT without a file name', async () => {
    expect(await note("2018/05/01 10:00:00.000001 WARNING Daemon Agent WALinuxAgent-2.2.18 launched with command 'python -u bin/WALinuxAgent-2.2.18-py2.7.egg -run-exthandlers' failed with exception: [Errno 2] No such file or directory")).toEqual({
      key: 'detail.launch-unrunnable',
      params: { program: 'python', errno: '2' },
    });
  });
  it('EACCES names the file that may not be run', async () => {
    expect(await note("2020/06/01 10:00:00.000001 WARNING Daemon Agent WALinuxAgent-2.2.45 launched with command 'python3 -u /usr/sbin/waagent -run-exthandlers' failed with exception: [Errno 13] Permission denied: 'python3'")).toEqual({
      key: 'detail.launch-unrunnable',
      params: { program: 'python3', errno: '13', file: 'python3' },
    });
  });
  it('another exception stays an exception (openlogic#116)', async () => {
    expect((await note("2021-08-21T12:18:54.354483Z WARNING Daemon Daemon Agent WALinuxAgent-2.3.1.1 launched with command 'python -u /usr/sbin/waagent -run-exthandlers' failed with exception: name 'get_python_cmd' is not defined"))?.key).toBe('detail.return-code');
  });
});
