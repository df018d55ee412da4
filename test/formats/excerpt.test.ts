import { describe, expect, it } from 'vitest';
import { dedent, mayBeDressed, plainExcerpt, unnumber, unquote } from '../../src/shared/formats/excerpt';
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

describe('an excerpt quoted in a reply or copied from a web page', () => {
  it('loses "> " quoting (several levels, a lone ">" for an empty line) and keeps its lines', () => {
    const text = ['> ' + LOG[0], '>', '>> ' + LOG[2], ''].join('\n');
    expect(unquote(text)).toBe([LOG[0], '', LOG[2], ''].join('\n'));
    expect(plainExcerpt(text, 'chars')).toBe([LOG[0], '', LOG[2], ''].join('\n'));
  });

  it('a reply\'s own words around the quote do not stop it; a log with a line starting ">" is not a quote', () => {
    expect(unquote(['On Tue someone wrote:', '> ' + LOG[0], '> ' + LOG[2]].join('\n'))).toBe(['On Tue someone wrote:', LOG[0], LOG[2]].join('\n'));
    expect(unquote([LOG[0], LOG[1], '> not a quote', LOG[2]].join('\n'))).toBeUndefined();
  });

  it('turns non-breaking spaces back into spaces: as characters, and as UTF-8 bytes but never half a character', () => {
    const web = LOG[2].replace(/ {2}/g, '\u00a0 ');
    expect(plainExcerpt(web, 'chars')).toBe(LOG[2]);
    const bytes = Buffer.from(web, 'utf8').toString('latin1');
    expect(Buffer.from(plainExcerpt(bytes, 'bytes')!, 'latin1').toString('utf8')).toBe(LOG[2]);
    // "à" is C3 A0 in UTF-8: its A0 is not a space
    const french = Buffer.from('Nom de l’application défaillante : à', 'utf8').toString('latin1');
    expect(plainExcerpt(french, 'bytes')).toBeUndefined();
  });

  it('says from the head whether the rest needs reading', () => {
    expect(mayBeDressed(LOG[0], 'chars')).toBe(false);
    expect(mayBeDressed(`    ${LOG[0]}`, 'chars')).toBe(true);
    expect(mayBeDressed(`On Tue someone wrote:\n> ${LOG[0]}`, 'chars')).toBe(true);
    expect(mayBeDressed(Buffer.from(LOG[2].replace(/ {2}/g, '\u00a0 '), 'utf8').toString('latin1'), 'bytes')).toBe(true);
  });

  it('a quoted or web-copied excerpt is recognised as what it is', () => {
    expect(recognise(LOG.map((l) => `> ${l}`).join('\n'))?.kind).toBe('vmsnapshot-extension-log');
    expect(recognise(LOG.map((l) => l.replace(/ {2}/g, '\u00a0 ')).join('\n'))?.kind).toBe('vmsnapshot-extension-log');
  });
});

describe('an excerpt printed with its lines numbered (cat -n, nl)', () => {
  // WALinuxAgent #797 (test/cases/waagent-797-wireserver-503-blocked), its first lines, with a record's second line
  const AGENT = [
    '2017/07/08 09:23:37.465812 WARNING Fetch failed: [HttpError] HTTP GET failed',
    '2017/07/08 09:23:37.466151 ERROR Event: name=WALA, op=HeartBeat, message=',
    'Service temporarily unavailable',
  ];

  it('loses cat -n\'s numbers (blank lines numbered too, CRLF kept) and nl\'s (blank lines its seven blanks)', () => {
    const cat = [...AGENT, '', AGENT[0]].map((l, i) => `${String(i + 9).padStart(6)}\t${l}`).join('\r\n');
    expect(unnumber(cat)).toBe([...AGENT, '', AGENT[0]].join('\r\n'));
    const nl = [`     1\t${AGENT[0]}`, '       ', `     2\t${AGENT[1]}`, `     3\t${AGENT[2]}`, ''].join('\n');
    expect(unnumber(nl)).toBe([AGENT[0], '', AGENT[1], AGENT[2], ''].join('\n'));
    expect(plainExcerpt(nl, 'chars')).toBe([AGENT[0], '', AGENT[1], AGENT[2], ''].join('\n'));
  });

  it('a head cut inside its last line\'s number still reads; a numbered excerpt is recognised as what it is', () => {
    expect(unnumber(`     1\t${AGENT[0]}\n     2\t${AGENT[1]}\n     `)).toBe(`${AGENT[0]}\n${AGENT[1]}\n`);
    expect(recognise(AGENT.map((l, i) => `${String(i + 1).padStart(6)}\t${l}`).join('\n'))?.kind).toBe('waagent-log');
  });

  it('leaves alone a text whose numbers do not go up by one, a line without a number, and a lone numbered line', () => {
    expect(unnumber(`     1\t${AGENT[0]}\n     3\t${AGENT[1]}\n`)).toBeUndefined();
    expect(unnumber(`     1\t${AGENT[0]}\n${AGENT[1]}\n     2\t${AGENT[2]}\n`)).toBeUndefined();
    expect(unnumber(`     1\t${AGENT[0]}\n`)).toBeUndefined();
    expect(unnumber(AGENT.join('\n'))).toBeUndefined();
  });
});
