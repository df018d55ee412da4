import { describe, expect, it } from 'vitest';
import { parseShellLog } from '../../../src/main/parse/vmsnapshot/shell-log';
import { SHELL_LOG, analyzeFiles, runParser } from './helpers';

/**
 * shell.log: handle.sh writes `` `date -u`- $rc returned from handle.py `` after each command of the Backup
 * extension, the exit code the agent acts on. `date` follows the locale: the C locale's 24-hour clock, or a
 * 12-hour one with AM/PM (Azure Linux 4.0, azure-linux-extensions PR #2177).
 */

// azure-linux-extensions PR #2177 (test/cases/ext-pr2177-azurelinux4-python314-enable-exit-1)
const TWELVE_HOUR = [
  'Thu May 21 05:04:31 PM UTC 2026- 1 returned from handle.py',
  'Thu May 21 05:06:01 PM UTC 2026- 1 returned from handle.py',
  'Thu May 21 08:04:37 PM UTC 2026- 1 returned from handle.py',
  'Thu May 21 11:24:42 PM UTC 2026- 1 returned from handle.py',
  'Fri May 22 12:49:51 AM UTC 2026- 1 returned from handle.py',
  'Fri May 22 02:36:42 AM UTC 2026- 1 returned from handle.py',
  'Fri May 22 03:08:32 AM UTC 2026- 1 returned from handle.py',
].join('\n');

// azure-linux-extensions #946 (test/cases/ext-946-rhel8-no-python): the C locale
const C_LOCALE = ['Mon Nov 18 00:05:10 UTC 2019- python version unknown', 'Mon Nov 18 00:05:10 UTC 2019- 3 returned from handle.py'].join('\n');

describe('shell.log handle.sh exit codes', () => {
  it('reads the 12-hour clock: 12 AM is midnight, PM adds twelve hours', async () => {
    const out = await runParser(parseShellLog, SHELL_LOG, 'vmsnapshot-shell-log', TWELVE_HOUR);
    expect(out.of('vmsnapshot-shell').map((f) => [f.rc, new Date(f.timeMs).toISOString()])).toEqual([
      [1, '2026-05-21T17:04:31.000Z'],
      [1, '2026-05-21T17:06:01.000Z'],
      [1, '2026-05-21T20:04:37.000Z'],
      [1, '2026-05-21T23:24:42.000Z'],
      [1, '2026-05-22T00:49:51.000Z'],
      [1, '2026-05-22T02:36:42.000Z'],
      [1, '2026-05-22T03:08:32.000Z'],
    ]);
  });

  it('the C locale still reads as before', async () => {
    const out = await runParser(parseShellLog, SHELL_LOG, 'vmsnapshot-shell-log', C_LOCALE);
    expect(out.of('vmsnapshot-shell').map((f) => [f.event, new Date(f.timeMs).toISOString()])).toEqual([
      ['python-missing', '2019-11-18T00:05:10.000Z'],
      ['handle-rc', '2019-11-18T00:05:10.000Z'],
    ]);
  });

  it('every command failing: the Backup extension is in a failed state, each failed line as evidence', async () => {
    const r = await analyzeFiles({ 'shell.log': TWELVE_HOUR });
    const f = r.findings.find((x) => x.cause === 'extension-failed-state')!;
    expect(f.verdict).toBe('detected');
    expect(f.evidence.map((e) => e.line)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('a later command that returned 0 clears the earlier failures', async () => {
    // handle.sh's success line in the same locale (`echo "`date -u`- $rc returned from handle.py"` with rc 0)
    const r = await analyzeFiles({ 'shell.log': `${TWELVE_HOUR}\nFri May 22 03:38:32 AM UTC 2026- 0 returned from handle.py` });
    expect(r.findings.find((x) => x.cause === 'extension-failed-state')?.verdict).not.toBe('detected');
  });
});
