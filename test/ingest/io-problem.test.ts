// A path the engineer gave that cannot be opened is said in words (en/nl) for the errors of Node's they meet; the
// error's own text stays in the message's params, and an error about another file keeps its text.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/main/ingest';
import { ioError } from '../../src/main/ingest/io-problem';
import { msg, renderAnalysis } from '../../src/shared/i18n/analysis';

const dir = mkdtempSync(join(tmpdir(), 'vmbd-io-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('an input that cannot be opened', () => {
  it('a missing path: "it does not exist" / "het bestaat niet", the error text kept', async () => {
    const missing = join(dir, 'no-such', 'logs.zip');
    const r = await ingest([missing]);
    const note = r.inputs[0].notes?.find((x) => x?.key === 'ingest.input-unreadable');
    if (note?.key !== 'ingest.input-unreadable') throw new Error('no unreadable-input note');
    expect(r.inputs[0].warnings).toContain(`cannot read ${missing}: it does not exist`);
    expect(renderAnalysis(note, 'nl')).toBe(`${missing} kan niet worden gelezen: het bestaat niet`);
    expect(note.params.error).toMatch(/^ENOENT: no such file or directory/);
  });

  it('maps the codes an engineer meets, only for the path itself', () => {
    const err = (code: string, path?: string) => Object.assign(new Error(`${code}: x`), { code, ...(path ? { path } : {}) });
    expect(ioError(err('EACCES', '/a/b'), '/a/b')).toEqual({ error: 'EACCES: x', problem: 'denied' });
    expect(ioError(err('EISDIR'), '/a/b').problem).toBe('folder');
    expect(ioError(err('ENOENT', '/a/b/inner.tmp'), '/a/b')).toEqual({ error: 'ENOENT: x' });
    expect(ioError(err('EMFILE', '/a/b'), '/a/b')).toEqual({ error: 'EMFILE: x' });
    expect(ioError('not an error', '/a/b')).toEqual({ error: 'not an error' });
    const denied = msg('ingest.cannot-read', { path: '/mnt/bundle/var/log/syslog', error: "EACCES: permission denied, lstat '/mnt/bundle/var/log/syslog'", problem: 'denied' });
    expect([renderAnalysis(denied, 'en'), renderAnalysis(denied, 'nl')]).toEqual(['/mnt/bundle/var/log/syslog: cannot read (permission denied)', '/mnt/bundle/var/log/syslog: kan niet worden gelezen (geen toegang)']);
  });

  it('a readable folder beside it is still read', async () => {
    const ok = join(dir, 'bundle', 'var', 'log');
    mkdirSync(ok, { recursive: true });
    writeFileSync(join(ok, 'waagent.log'), '2024-01-14T22:16:48.792020Z INFO Daemon Azure Linux Agent Version: 2.9.1.1\n');
    const r = await ingest([join(dir, 'bundle'), join(dir, 'gone')]);
    expect(r.files.map((f) => f.vmPath)).toContain('var/log/waagent.log');
  });
});
