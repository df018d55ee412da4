import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/main/ingest';
import { warningIn } from '../../src/shared/i18n/analysis';

/**
 * The ways a real bundle arrives broken (the app's own sample collector zip, cut and with bytes changed, and a tar of
 * the same files): every member that can still be read is read, and the input gets one plain sentence saying what the
 * file was taken for, what is wrong with it and what to do, in English and Dutch, with none of the readers' own words.
 */
const SAMPLE = join(import.meta.dirname, '../../assets/sample/logs.zip');
let dir: string;
let zip: Buffer;
/** The sample's member names (files only). */
let names: string[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vmbd-broken-'));
  zip = await readFile(SAMPLE);
  const tree = join(dir, 'tree');
  await mkdir(tree);
  execFileSync('unzip', ['-q', SAMPLE, '-d', tree]);
  names = execFileSync('find', ['.', '-type', 'f'], { cwd: tree, encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map((n) => n.slice(2));
  execFileSync('tar', ['--sort=name', '-czf', join(dir, 'logs.tar.gz'), '-C', tree, '.']);
  execFileSync('zip', ['-q', '-r', '-P', 'secret', join(dir, 'enc.zip'), '.'], { cwd: tree });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function open(name: string, bytes: Buffer) {
  const p = join(dir, name);
  await writeFile(p, bytes);
  const r = await ingest([p]);
  const input = r.inputs[0];
  // the readers' own words (yauzl, node-tar, zlib) never reach the engineer
  for (const w of input.warnings) expect(w).not.toMatch(/central directory|signature|comment length|checksum|Truncated input|base256|get_next_output|distance too far/i);
  const first = r.warnings[0];
  return { r, input, first: first?.message ?? '', firstNl: first ? warningIn('nl', first) : '', paths: new Set(r.files.map((f) => f.vmPath)) };
}

const flip = (buf: Buffer, at: number, n: number) => {
  const b = Buffer.from(buf);
  for (let i = at; i < at + n; i++) b[i] ^= 0xff;
  return b;
};

describe('a broken bundle keeps what can be read and says so in one sentence', () => {
  it('a zip cut in half: the members before the cut, the last one up to the cut', async () => {
    const { r, input, first, firstNl } = await open('half.zip', zip.subarray(0, zip.length >> 1));
    expect(r.files.length).toBeGreaterThan(3);
    expect(first).toMatch(/^\S+half\.zip is a zip archive cut short \(the download or copy stopped before its end, where the list of its files is\): \d+ files were still read, the last of them \(\S+\) only up to the cut; collect the bundle again to get the rest$/);
    expect(firstNl).toMatch(/half\.zip is een zip-archief dat is afgebroken .*: \d+ bestanden zijn toch gelezen, het laatste \(\S+\) alleen tot waar het afbreekt; verzamel de bundel opnieuw voor de rest$/);
    expect(input.warnings.length).toBe(2); // and the cut member's own warning
  });

  it('a zip that lost only its last bytes: every member read, and it says nothing is missing', async () => {
    const { paths, first } = await open('end.zip', zip.subarray(0, zip.length - 10));
    const whole = await ingest([SAMPLE]);
    expect([...paths].sort()).toEqual(whole.files.map((f) => f.vmPath).sort());
    expect(first).toMatch(/end\.zip is a zip archive cut short inside the list of its files at its very end: all \d+ files before that list were read, so nothing is missing$/);
  });

  it('a zip whose end record is damaged: every member read from its own header (none were before)', async () => {
    const at = zip.lastIndexOf(Buffer.from('PK\x05\x06', 'latin1'));
    const { paths, first } = await open('eocd.zip', flip(zip, at + 16, 1));
    for (const n of names.filter((x) => !x.endsWith('.zip'))) expect(paths.has(n), n).toBe(true);
    expect(first).toMatch(/eocd\.zip is a zip archive whose list of files is damaged \(bytes in it were changed on the way\): \d+ files were still read from the archive's own file headers; collect the bundle again if a file you need is missing$/);
  });

  it('a zip whose list of files is damaged half-way: the members it did not reach are read from their own headers', async () => {
    const cd = zip.indexOf(Buffer.from('PK\x01\x02', 'latin1'));
    const entries: number[] = [];
    for (let at = cd; at >= 0; at = zip.indexOf(Buffer.from('PK\x01\x02', 'latin1'), at + 4)) entries.push(at);
    const { paths, first } = await open('cd.zip', flip(zip, entries[entries.length >> 1], 4));
    for (const n of ['var/log/waagent.log', 'results.txt', 'var/lib/waagent/ovf-env.xml']) expect(paths.has(n), n).toBe(true);
    expect(first).toMatch(/cd\.zip is a zip archive whose list of files is damaged/);
  });

  it('a member whose name is garbled in a damaged list of files: read once, under its own header\'s name, naming both', async () => {
    const CD = Buffer.from('PK\x01\x02', 'latin1');
    const entries: number[] = [];
    for (let at = zip.indexOf(CD); at >= 0; at = zip.indexOf(CD, at + 4)) entries.push(at);
    const nameAt = (name: string) => entries.find((e) => zip.subarray(e + 46, e + 46 + zip.readUInt16LE(e + 28)).toString('latin1') === name)!;
    // one byte of the name in the list (`etc/És-release` in code page 437), and the list broken further on
    let bytes = flip(zip, nameAt('etc/os-release') + 46 + 4, 1);
    bytes = flip(bytes, nameAt('var/lib/waagent/ovf-env.xml'), 4);
    const { r, input, paths, first } = await open('garbled.zip', bytes);
    expect(first).toMatch(/garbled\.zip is a zip archive whose list of files is damaged/);
    expect(paths.has('etc/os-release')).toBe(true);
    expect([...paths].filter((p) => p.startsWith('etc/') && p.endsWith('s-release') && p !== 'etc/os-release')).toEqual([]);
    const osRelease = await readFile(join(dir, 'tree/etc/os-release'));
    expect(r.files.filter((f) => f.size === osRelease.length && f.vmPath.endsWith('s-release'))).toHaveLength(1);
    expect(input.warnings.filter((w) => /os-release/.test(w))).toEqual([
      expect.stringMatching(/garbled\.zip!etc\/os-release: the archive's list of files names this file "etc\/\S+s-release", its own header names it as here; the two disagree \(one of them is damaged\), so it was read once, under its header's name$/),
    ]);
    // the members the list did reach and the ones read from their headers: every file once
    expect(r.files.length).toBe(new Set(r.files.map((f) => f.vmPath)).size);
    for (const n of names.filter((x) => !x.endsWith('.zip'))) expect(paths.has(n), n).toBe(true);
  });

  it('a streamed zip (zip writing to a pipe: each member\'s sizes after its data) that lost its list: every member read', async () => {
    const tree = join(dir, 'tree');
    // Info-ZIP's zip to a pipe cannot seek back: every member has bit 3 set and a data descriptor after its data
    const streamed = execFileSync('zip', ['-q', '-r', '-', '.'], { cwd: tree, maxBuffer: 64 << 20 });
    expect(streamed.readUInt16LE(6) & 8).toBe(8);
    const sizes = new Map(names.map((n) => [n, statSync(join(tree, n)).size]));
    const files = names.filter((x) => !x.endsWith('.zip'));
    // where the list of files starts, as the end record says (the stored history zips hold lists of their own)
    const eocd = (z: Buffer) => z.lastIndexOf(Buffer.from('PK\x05\x06', 'latin1'));
    const list = (z: Buffer) => z.readUInt32LE(eocd(z) + 16);
    // the list of files cut off, its end record damaged, or a stored (zip -0) copy cut off
    const stored = execFileSync('zip', ['-q', '-0', '-r', '-', '.'], { cwd: tree, maxBuffer: 64 << 20 });
    for (const [name, bytes] of [
      ['streamed-cut.zip', streamed.subarray(0, list(streamed))],
      ['streamed-eocd.zip', flip(streamed, eocd(streamed) + 16, 1)],
      ['stored-cut.zip', stored.subarray(0, list(stored))],
    ] as const) {
      const { r, paths, input } = await open(name, bytes);
      for (const n of files) expect(paths.has(n), `${name}: ${n}`).toBe(true);
      for (const f of r.files) if (sizes.has(f.vmPath)) expect(f.size, `${name}: ${f.vmPath}`).toBe(sizes.get(f.vmPath));
      expect(input.warnings, name).toHaveLength(1); // the one sentence, no member cut or damaged
    }
    // cut inside waagent.log: the members before it whole, waagent.log up to the cut
    const { r, first } = await open('streamed-half.zip', streamed.subarray(0, streamed.indexOf('var/log/waagent.log') + 4000));
    expect(r.files.length).toBeGreaterThan(3);
    expect(first).toMatch(/streamed-half\.zip is a zip archive cut short .*: \d+ files were still read, the last of them \(var\/log\/waagent\.log\) only up to the cut/);
    for (const f of r.files) if (f.vmPath !== 'var/log/waagent.log') expect(f.size, f.vmPath).toBe(sizes.get(f.vmPath));
    expect(r.files.find((f) => f.vmPath === 'var/log/waagent.log')!.size).toBeGreaterThan(10_000);
  });

  it('a member whose data is damaged: the others are read, the damaged one is named', async () => {
    const at = zip.indexOf(Buffer.from('var/log/waagent.log', 'latin1')) + 200;
    const { r, input } = await open('member.zip', flip(zip, at, 64));
    expect(r.files.length).toBeGreaterThan(20);
    expect(input.warnings.join('\n')).toMatch(/member\.zip!var\/log\/waagent\.log: this file is damaged inside the archive, so (only its first \d+ bytes could be read|none of it could be read \(the archive's other files were read\); collect the bundle again to get it)$/m);
  });

  it('a zip protected with a password: one sentence, not one per member', async () => {
    const { r, input, first, firstNl } = await open('enc2.zip', await readFile(join(dir, 'enc.zip')));
    expect(r.files).toHaveLength(0);
    expect(input.warnings).toHaveLength(1);
    expect(first).toMatch(/enc2\.zip is a zip archive protected with a password: all \d+ of its files are encrypted, so nothing in it could be read; extract it with its password and open the folder, or collect the bundle again without a password$/);
    expect(firstNl).toMatch(/enc2\.zip is een zip-archief dat met een wachtwoord is beveiligd/);
  });

  it('a tar.gz cut in half: the files before the cut, one sentence', async () => {
    const tgz = await readFile(join(dir, 'logs.tar.gz'));
    const { r, first } = await open('half.tar.gz', tgz.subarray(0, tgz.length >> 1));
    expect(r.files.length).toBeGreaterThan(2);
    expect(first).toMatch(/half\.tar\.gz is a tar\.gz archive cut short \(the download or copy stopped before its end\): \d+ files were still read(, the last of them \(\S+\) only up to the cut)?; collect the bundle again to get the rest$/);
  });

  it('a tar.gz with bytes changed: one sentence instead of a warning per unreadable header', async () => {
    const tgz = await readFile(join(dir, 'logs.tar.gz'));
    const { r, input, first } = await open('flip.tar.gz', flip(tgz, tgz.length >> 1, 20));
    expect(r.files.length).toBeGreaterThan(0);
    expect(input.warnings.length).toBeLessThanOrEqual(2);
    expect(first).toMatch(/flip\.tar\.gz is a tar\.gz archive (damaged part-way|cut short)/);
  });
});
