import { describe, expect, it } from 'vitest';
import { dedent } from '../../src/shared/formats/indent';
import { recognise } from '../../src/shared/formats';

// WALinuxAgent #525 (test/cases/waagent-525-fifreeze-new-volume), as a Markdown code block indents it
const LOG = [
  '2016/12/10 01:11:00 [Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0]2016-12-10 01:11:00.531655  Info  freezing the mount: /data/dblog',
  '2016/12/10 01:11:00',
  '2016/12/10 01:11:00 [Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0]2016-12-10 01:11:00.532512  Info  Failed to FIFREEZE: /data/dblog',
];

describe('an excerpt indented as a whole', () => {
  it('loses the indentation all its non-empty lines share, and keeps its lines', () => {
    const text = ['', ...LOG.map((l) => `    ${l}`), '', '  ', ''].join('\n');
    expect(dedent(text)).toBe(['', ...LOG, '', '', ''].join('\n'));
  });

  it('keeps the further indentation of a stack trace and CRLF line ends', () => {
    const text = ['\tTraceback (most recent call last):', '\t  File "/var/lib/waagent/x.py", line 1, in <module>', '\tModuleNotFoundError: x'].join('\r\n');
    expect(dedent(text)).toBe(['Traceback (most recent call last):', '  File "/var/lib/waagent/x.py", line 1, in <module>', 'ModuleNotFoundError: x'].join('\r\n'));
  });

  it('shares only the blanks every line has: tabs and spaces are not the same indentation', () => {
    expect(dedent('    a\n  b\n')).toBe('  a\nb\n');
    expect(dedent('    a\n\tb\n')).toBeUndefined();
  });

  it('leaves a text alone when one line starts at its first column', () => {
    expect(dedent(`    ${LOG[0]}\n${LOG[2]}`)).toBeUndefined();
    expect(dedent(LOG.join('\n'))).toBeUndefined();
    expect(dedent('')).toBeUndefined();
    expect(dedent('\n\n')).toBeUndefined();
  });

  it('an indented excerpt is recognised as what it is', () => {
    expect(recognise(LOG.map((l) => `    ${l}`).join('\n'))?.kind).toBe('vmsnapshot-extension-log');
  });
});
