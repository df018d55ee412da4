import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './paths';

/**
 * A log as the VM's serial console shows it (boot diagnostics' serial log): the kernel's boot lines and cloud-init's
 * first (more than the 4 KB a format is told by), then the log's lines, a kernel line before each of its records (as
 * the console interleaves writers: Azure/WALinuxAgent#1544), and getty's banner and prompt at the end. The kernel's and
 * cloud-init's lines are real (test/fixtures/system/SOURCE.md); only their number is made up.
 */
const FIXTURES = join(ROOT, 'test', 'fixtures', 'system');
const BOOT = readFileSync(join(FIXTURES, 'waagent-2498-serial-boot-log.txt'), 'utf8');
const CLOUD_INIT = readFileSync(join(FIXTURES, 'waagent-2498-serial-cloud-init.txt'), 'utf8');
const SPLICED = readFileSync(join(FIXTURES, 'waagent-1544-serial-console-splice.txt'), 'utf8');
/** The kernel's line #1544 shows inside an agent record, on a line of its own. */
export const KERNEL_LINE = /\[ {2}273\.540003\] serial8250: too much work for irq4/.exec(SPLICED)![0];
const GETTY = readFileSync(join(FIXTURES, 'waagent-965-serial-console-login.txt'), 'utf8').split('\n').slice(0, 2).join('\n');

/** A record's first line in any era of the agent's log (`2024-01-14T22:16:48.792020Z`, `2019/11/27 22:22:48.123985`). */
const RECORD = /^\d{4}[-/]\d\d[-/]\d\d[T ]\d\d:\d\d:\d\d/;

export function onSerialConsole(log: string, eol = '\n'): string {
  const prelude = `${BOOT.repeat(Math.ceil(4096 / BOOT.length))}${CLOUD_INIT}`;
  const lines = log.replace(/\r?\n$/, '').split(/\r?\n/);
  const body = lines.flatMap((l) => (RECORD.test(l) ? [KERNEL_LINE, l] : [l]));
  return `${prelude}${body.join('\n')}\n${GETTY}\n`.replace(/\n/g, eol);
}
