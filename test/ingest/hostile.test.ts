import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/main/ingest';
import { collectorZip, writeFolder } from '../fixtures/generate';
import { realisticVmState, type VmState } from '../fixtures/vm-state';

let dir: string;
let state: VmState;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vmbd-hostile-'));
  state = realisticVmState();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const u8 = (s: string | Buffer) => new Uint8Array(Buffer.isBuffer(s) ? s : Buffer.from(s));
const allWarnings = (r: Awaited<ReturnType<typeof ingest>>) => [...r.inputs.flatMap((i) => i.warnings)].join('\n');

describe('hostile names and links', () => {
  it('zip: refuses zip-slip, absolute, C:\\, NUL and empty names, keeps the good members', async () => {
    const p = join(dir, 'slip.zip');
    await writeFile(
      p,
      zipSync({
        'var/log/waagent.log': u8(state.get('var/log/waagent.log')!),
        '../../../../tmp/evil.sh': u8('#!/bin/sh\nrm -rf ~\n'),
        'var/log/../../../etc/cron.d/evil': u8('* * * * * root evil\n'),
        '/etc/passwd': u8('root:x:0:0::/root:/bin/bash\n'),
        'C:\\Windows\\System32\\evil.dll': u8('MZ'),
        'var/log/nul\0.log': u8('x'),
        '': u8('nameless'),
      }),
    );
    const r = await ingest([p]);
    expect(r.files.map((f) => f.vmPath)).toEqual(['var/log/waagent.log']);
    const w = allWarnings(r);
    expect(w).toMatch(/refused entry "..\/..\/..\/..\/tmp\/evil.sh": path escapes the bundle/);
    expect(w).toMatch(/refused entry "var\/log\/..\/..\/..\/etc\/cron.d\/evil"/);
    expect(w).toMatch(/refused entry "\/etc\/passwd": absolute path/);
    expect(w).toMatch(/refused entry "C:\\\\Windows\\\\System32\\\\evil.dll": absolute Windows path/);
    expect(w).toMatch(/refused entry "var\/log\/nul\\\\x00.log": entry name contains a NUL byte/);
    expect(w).toMatch(/refused entry "": empty entry name/);
  });

  it('tar: symlinks and hard links are refused, ../ and absolute names too', async () => {
    const root = join(dir, 'linktree');
    await writeFolder(new Map([['var/log/waagent.log', state.get('var/log/waagent.log')!]]), root);
    await symlink('/etc/shadow', join(root, 'var/log/shadow-link'));
    execFileSync('ln', [join(root, 'var/log/waagent.log'), join(root, 'var/log/hardlink.log')]);
    const p = join(dir, 'links.tar');
    execFileSync('tar', ['--sort=name', '-cf', p, '-C', root, 'var']);
    // append members whose names escape (GNU tar strips them unless -P)
    execFileSync('tar', ['-rPf', p, '--transform=s,^.*$,../../escape.txt,', join(root, 'var/log/waagent.log')]);
    const r = await ingest([p]);
    // tar stores the first name (sorted: hardlink.log) as the file, the second as a hard link to it
    expect(r.files.map((f) => f.vmPath)).toEqual(['var/log/hardlink.log']);
    const w = allWarnings(r);
    expect(w).toMatch(/refused symbolic link "var\/log\/shadow-link" → "\/etc\/shadow"/);
    expect(w).toMatch(/refused hard link "var\/log\/waagent.log" → "var\/log\/hardlink.log"/);
    expect(w).toMatch(/refused entry "..\/..\/escape.txt": path escapes/);
  });

  it('zip: a stored symbolic link (Unix mode in the external attributes) is refused', async () => {
    const p = join(dir, 'zlink.zip');
    await writeFile(
      p,
      zipSync({
        'var/log/waagent.log': u8(state.get('var/log/waagent.log')!),
        'var/log/azure/evil': [u8('/etc/shadow'), { os: 3, attrs: (0o120777 << 16) >>> 0 }],
      }),
    );
    const r = await ingest([p]);
    expect(r.files.map((f) => f.vmPath)).toEqual(['var/log/waagent.log']);
    expect(allWarnings(r)).toMatch(/refused symbolic link "var\/log\/azure\/evil"/);
  });

  it('folder: symbolic links (to files and to folders) are skipped with a warning', async () => {
    const root = join(dir, 'linkfolder');
    await writeFolder(new Map([['var/log/waagent.log', state.get('var/log/waagent.log')!]]), root);
    await symlink('/etc/passwd', join(root, 'var/log/passwd'));
    await symlink('/etc', join(root, 'etc'));
    const r = await ingest([root]);
    expect(r.files.map((f) => f.vmPath)).toEqual(['var/log/waagent.log']);
    const w = allWarnings(r);
    expect(w).toMatch(/var\/log\/passwd: skipped, symbolic links are not followed/);
    expect(w).toMatch(/linkfolder\/etc: skipped, symbolic links are not followed/);
  });
});

describe('caps', () => {
  it('per-file cap keeps the tail of a big log and marks it truncated (zip member, folder file, gz)', async () => {
    const log = state.get('var/log/waagent.log')!;
    const zipPath = join(dir, 'cap.zip');
    await writeFile(zipPath, zipSync({ 'var/log/waagent.log': u8(log), 'var/log/waagent.log.1.gz': u8(gzipSync(log)) }));
    const root = await writeFolder(new Map([['var/log/waagent.log', log], ['var/log/waagent.log.1.gz', gzipSync(log)]]), join(dir, 'capfolder'));
    // one input at a time: together, the folder's copies would be read once (the same files as the zip's)
    for (const input of [zipPath, root]) {
      const r = await ingest([input], { limits: { maxFileBytes: 1000 } });
      expect(r.files).toHaveLength(2);
      for (const f of r.files) {
        expect(f).toMatchObject({ truncated: true, size: 1000 });
        expect((await f.content.text()).toString()).toBe(log.subarray(log.length - 1000).toString());
        expect(f.warnings.map((w) => w.message).join()).toMatch(/per-file cap/);
      }
    }
  });

  it('total cap: stops taking files and says so', async () => {
    const p = join(dir, 'total.zip');
    await writeFile(p, collectorZip(state));
    const r = await ingest([p], { limits: { maxTotalBytes: 30_000 } });
    const total = r.files.reduce((s, f) => s + f.size, 0);
    expect(total).toBeLessThanOrEqual(30_000);
    expect(r.files.length).toBeGreaterThan(0);
    expect(r.warnings.map((w) => w.message).join()).toMatch(/total uncompressed size would pass 30000 bytes.*total size cap/);
  });

  it('entry cap: a zip with too many entries is cut with one message', async () => {
    const many: Record<string, Uint8Array> = {};
    for (let i = 0; i < 500; i++) many[`var/log/azure/x/f${i}.log`] = u8(`line ${i}\n`);
    const p = join(dir, 'many.zip');
    await writeFile(p, zipSync(many));
    const progress: string[] = [];
    const r = await ingest([p], { limits: { maxEntries: 100 }, onProgress: (e) => void progress.push(e.message) });
    expect(r.files).toHaveLength(100);
    expect(progress[0]).toMatch(/many\.zip: 100 entries/);
    expect(r.warnings.filter((w) => /entry cap/.test(w.message))).toHaveLength(1);
  });

  it('nesting cap: history zips deeper than maxDepth stay unopened', async () => {
    const p = join(dir, 'nest.zip');
    await writeFile(p, collectorZip(state, { includeNewestHistory: true }));
    const r = await ingest([p], { limits: { maxDepth: 1 } });
    const hz = r.files.filter((f) => f.kind === 'history-zip');
    expect(hz).toHaveLength(3);
    expect(hz[0].warnings[0].message).toMatch(/nested deeper than 1 archive levels \(nesting cap\)/);
  });

  it('zip bomb: a member with an absurd ratio is refused before inflating', async () => {
    const p = join(dir, 'bomb.zip');
    await writeFile(p, zipSync({ 'var/log/waagent.log': u8(state.get('var/log/waagent.log')!), 'var/log/syslog': new Uint8Array(64 * 1024 * 1024) }, { level: 9 }));
    const r = await ingest([p]);
    expect(r.files.map((f) => f.vmPath)).toEqual(['var/log/waagent.log']);
    expect(r.warnings.map((w) => w.message).join()).toMatch(/var\/log\/syslog: refused.*ratio above 200.*zip bomb/);
  });

  it('gzip bomb: a loose .gz and a .gz member are refused', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
    const loose = join(dir, 'waagent.log.3.gz');
    await writeFile(loose, bomb);
    const z = join(dir, 'gzbomb.zip');
    await writeFile(z, zipSync({ 'var/log/waagent.log.4.gz': new Uint8Array(bomb) }, { level: 0 }));
    const r = await ingest([loose, z]);
    expect(r.files).toEqual([]);
    expect(r.warnings.map((w) => w.message).join('\n').match(/decompression bomb/g)).toHaveLength(2);
  });

  it('tar.gz bomb: the stream is stopped once the ratio passes the cap', async () => {
    const root = await writeFolder(new Map([['var/log/syslog', Buffer.alloc(40 * 1024 * 1024)]]), join(dir, 'tarbomb'));
    const p = join(dir, 'bomb.tar.gz');
    execFileSync('tar', ['-czf', p, '-C', root, 'var']);
    const r = await ingest([p], { limits: { maxRatio: 50 } });
    expect(r.warnings.map((w) => w.message).join()).toMatch(/decompression bomb/);
  });
});

describe('damaged archives keep what is readable', () => {
  it('a zip cut in the middle (no central directory) recovers the complete members', async () => {
    const whole = Buffer.from(collectorZip(state));
    const p = join(dir, 'cut.zip');
    await writeFile(p, whole.subarray(0, Math.floor(whole.length * 0.6)));
    const r = await ingest([p]);
    expect(r.files.length).toBeGreaterThan(3);
    const first = r.files.find((f) => f.vmPath === 'var/log/waagent.log.2.gz')!;
    expect(first.truncated).toBe(false);
    expect((await first.content.text()).toString()).toMatch(/Azure Linux Agent Version:2\.2\.45/);
    // one sentence: what it was taken for, that it is cut short, how much was still read, what to do
    expect(r.warnings[0].message).toMatch(/cut\.zip is a zip archive cut short \(.*\): \d+ files were still read, the last of them \(.+\) only up to the cut; collect the bundle again to get the rest$/);
    expect(allWarnings(r)).not.toMatch(/central directory|signature|comment length/i);
  });

  it('a zip with a corrupted member keeps the others', async () => {
    const buf = Buffer.from(zipSync({ 'var/log/waagent.log': u8(state.get('var/log/waagent.log')!), 'etc/waagent.conf': u8(state.get('etc/waagent.conf')!) }));
    // flip bytes inside the first member's deflate data
    for (let i = 80; i < 400; i++) buf[i] ^= 0x5a;
    const p = join(dir, 'corrupt.zip');
    await writeFile(p, buf);
    const r = await ingest([p]);
    expect(r.files.map((f) => f.vmPath)).toContain('etc/waagent.conf');
    expect(allWarnings(r)).toMatch(/var\/log\/waagent\.log/);
  });

  it('a truncated tar.xz keeps the entries before the cut, the cut one marked truncated', async () => {
    const root = await writeFolder(state, join(dir, 'xztree'));
    const whole = join(dir, 'whole.tar.xz');
    execFileSync('tar', ['--sort=name', '-cJf', whole, '-C', root, 'etc', 'var']);
    const { readFile } = await import('node:fs/promises');
    const bytes = await readFile(whole);
    const p = join(dir, 'cut.tar.xz');
    await writeFile(p, bytes.subarray(0, Math.floor(bytes.length * 0.7)));
    const r = await ingest([p]);
    expect(r.files.length).toBeGreaterThan(2);
    expect(r.files.map((f) => f.vmPath)).toContain('etc/waagent.conf');
    expect(r.files.length).toBeLessThan(state.size);
    expect(allWarnings(r)).not.toBe('');
  });

  it('a truncated tar keeps the partial last entry marked truncated', async () => {
    const root = await writeFolder(new Map([['etc/waagent.conf', state.get('etc/waagent.conf')!], ['var/log/waagent.log', state.get('var/log/waagent.log')!]]), join(dir, 'ttree'));
    const whole = join(dir, 'whole.tar');
    execFileSync('tar', ['--sort=name', '-cf', whole, '-C', root, 'etc', 'var']);
    const { readFile } = await import('node:fs/promises');
    const bytes = await readFile(whole);
    const p = join(dir, 'cut.tar');
    await writeFile(p, bytes.subarray(0, 512 * 12 + 5000));
    const r = await ingest([p]);
    const log = r.files.find((f) => f.vmPath === 'var/log/waagent.log')!;
    expect(r.files.find((f) => f.vmPath === 'etc/waagent.conf')).toMatchObject({ truncated: false });
    expect(log.truncated).toBe(true);
    expect(log.size).toBeGreaterThan(0);
    expect(log.size).toBeLessThan(state.get('var/log/waagent.log')!.length);
    expect(log.warnings[0].message).toMatch(/the archive ends inside this file, so only \d+ of its \d+ bytes were read/);
  });

  it('binary garbage, an empty file and a damaged .gz never crash', async () => {
    const junk = join(dir, 'junk.bin');
    await writeFile(junk, Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256)));
    const empty = join(dir, 'empty.log');
    await writeFile(empty, '');
    const badGz = join(dir, 'waagent.log.5.gz');
    const gzBytes = gzipSync(state.get('var/log/waagent.log')!);
    await writeFile(badGz, gzBytes.subarray(0, Math.floor(gzBytes.length / 2)));
    const fakeZip = join(dir, 'fake.zip');
    await writeFile(fakeZip, Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(100, 0xff)]));
    const r = await ingest([junk, empty, badGz, fakeZip]);
    expect(r.inputs.map((i) => i.kind)).toEqual(['single-file', 'single-file', 'single-file', 'zip']);
    const gz = r.files.find((f) => f.vmPath === 'var/log/waagent.log.5.gz')!;
    expect(gz.truncated).toBe(true);
    expect(gz.size).toBeGreaterThan(0);
    expect((await gz.content.text()).toString()).toMatch(/HEARTBEAT/);
    expect(gz.warnings.map((w) => w.message).join()).toMatch(/damaged gzip/);
  });
});

describe('nothing is written to disk', () => {
  it('ingesting zips, tars, folders and gz files leaves the temp folder untouched', async () => {
    const work = join(dir, 'nodisk');
    await mkdir(work, { recursive: true });
    const zip = join(work, 'logs.zip');
    await writeFile(zip, collectorZip(state, { truncate: ['var/log/syslog'] }));
    const tree = await writeFolder(state, join(work, 'tree'));
    const tarxz = join(work, 'b.tar.xz');
    execFileSync('tar', ['-cJf', tarxz, '-C', tree, 'var', 'etc']);
    const beforeWork = (await readdir(work, { recursive: true })).sort();
    // Point os.tmpdir() at an empty folder of our own (other test files share the real one concurrently).
    const privateTmp = join(dir, 'private-tmp');
    await mkdir(privateTmp);
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = privateTmp;
    try {
      expect(tmpdir()).toBe(privateTmp);
      // one input at a time: together, the three copies of the same VM would be read once
      for (const input of [zip, tree, tarxz]) {
        const r = await ingest([input]);
        expect(r.files.length).toBeGreaterThan(20);
        for (const f of r.files) await f.content.text().catch(() => '');
      }
    } finally {
      process.env.TMPDIR = saved;
    }
    expect(await readdir(privateTmp)).toEqual([]);
    expect((await readdir(work, { recursive: true })).sort()).toEqual(beforeWork);
  });
});

describe('fuzz: damaged archives never crash ingest', () => {
  it('random byte damage to a collector zip and a tar.gz: ingest resolves, every file stays readable', async () => {
    const fc = (await import('fast-check')).default;
    const zip = Buffer.from(collectorZip(state, { truncate: ['var/log/syslog'] }));
    const root = await writeFolder(state, join(dir, 'fuzztree'));
    const tgzPath = join(dir, 'fuzz-src.tar.gz');
    execFileSync('tar', ['-czf', tgzPath, '-C', root, 'var', 'etc']);
    const { readFile } = await import('node:fs/promises');
    const tgz = await readFile(tgzPath);
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('zip', 'tgz'),
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 40 }),
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        async (kind, flips, keep) => {
          const src = Buffer.from(kind === 'zip' ? zip : tgz);
          for (const [at, v] of flips) src[Math.floor(at * (src.length - 1))] = v;
          const p = join(dir, `fuzz-${run++}.${kind === 'zip' ? 'zip' : 'tar.gz'}`);
          await writeFile(p, src.subarray(0, Math.max(1, Math.floor(src.length * keep))));
          const r = await ingest([p]);
          for (const f of r.files) {
            expect(f.size).toBe(f.content.size);
            const all = await f.content.read(0, f.size);
            expect(all.length).toBe(f.size);
          }
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);
});

describe('a big rotated .gz log on disk', () => {
  it('random reads across the 1 MiB cache blocks return the right bytes', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 40_000; i++) lines.push(`2026-11-1${i % 10}T00:00:${String(i % 60).padStart(2, '0')}.000000Z INFO ExtHandler ExtHandler line ${i} ${'x'.repeat(i % 37)}\n`);
    const plain = Buffer.from(lines.join(''));
    const root = await writeFolder(new Map([['var/log/waagent.log.1.gz', gzipSync(plain)]]), join(dir, 'biggz'));
    const r = await ingest([root]);
    const f = r.files[0];
    expect(f.size).toBe(plain.length);
    expect(plain.length).toBeGreaterThan(3 * 1024 * 1024);
    for (const [off, len] of [[0, 10], [1024 * 1024 - 5, 10], [2 * 1024 * 1024 + 17, 1024 * 1024 + 3], [plain.length - 7, 50], [12345, 0], [plain.length + 5, 10]]) {
      expect((await f.content.read(off, len)).equals(plain.subarray(off, Math.min(plain.length, off + len))), `read(${off}, ${len})`).toBe(true);
    }
    const streamed: Buffer[] = [];
    for await (const c of f.content.chunks()) streamed.push(c);
    expect(Buffer.concat(streamed).equals(plain)).toBe(true);
  });
});
