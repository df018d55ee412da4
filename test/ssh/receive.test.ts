import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { c as tarCreate } from 'tar';
import { safeMemberPath, TarReceiver } from '../../src/main/ssh/receive';
import { SecretScrubber, scrubPatterns } from '../../src/main/ssh/scrub';

function tarHeader(name: string, size: number, type = '0'): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0, 100, 'utf8');
  h.write('0000644\0', 100);
  h.write('0000000\0', 108);
  h.write('0000000\0', 116);
  h.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
  h.write(`${Math.floor(Date.now() / 1000).toString(8).padStart(11, '0')}\0`, 136);
  h.write('        ', 148);
  h.write(type, 156);
  if (type === '2') h.write('/etc/shadow', 157);
  h.write('ustar\0', 257);
  h.write('00', 263);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return h;
}

function member(name: string, data: Buffer, type = '0'): Buffer {
  const pad = Buffer.alloc((512 - (data.length % 512)) % 512);
  return Buffer.concat([tarHeader(name, data.length, type), data, pad]);
}

async function receive(gz: Buffer, chunk = 4096) {
  const staging = mkdtempSync(join(tmpdir(), 'vmbd-recv-'));
  const r = new TarReceiver(staging);
  for (let i = 0; i < gz.length; i += chunk) r.write(gz.subarray(i, i + chunk));
  return { staging, result: await r.finish() };
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('receiving the remote tar.gz', () => {
  it('writes each member with its SHA-256 (made by real tar)', async () => {
    const src = mkdtempSync(join(tmpdir(), 'vmbd-src-'));
    mkdirSync(join(src, 'var/log'), { recursive: true });
    const log = Buffer.from('2026-11-19T22:00:03.123456Z INFO ExtHandler ExtHandler Daemon\n'.repeat(500));
    writeFileSync(join(src, 'var/log/waagent.log'), log);
    const gzFile = join(src, 'x.tar.gz');
    await tarCreate({ gzip: true, cwd: src, file: gzFile }, ['var']);
    const { staging, result } = await receive(readFileSync(gzFile), 700);
    expect(result.files).toEqual([expect.objectContaining({ path: 'var/log/waagent.log', size: log.length, sha256: sha(log) })]);
    expect(readFileSync(join(staging, 'var/log/waagent.log')).equals(log)).toBe(true);
  });

  it('a stream cut mid-member keeps the whole members and drops the partial one', async () => {
    const a = Buffer.from('first file\n');
    const big = randomBytes(300_000);
    const tarBytes = Buffer.concat([member('var/log/waagent.log', a), member('var/log/syslog', big), Buffer.alloc(1024)]);
    const gz = gzipSync(tarBytes);
    const { staging, result } = await receive(gz.subarray(0, Math.floor(gz.length / 2)));
    expect(result.files.map((f) => f.path)).toEqual(['var/log/waagent.log']);
    expect(result.dropped).toEqual([{ path: 'var/log/syslog', reason: expect.stringMatching(/arrived incomplete \(\d+ of 300000 bytes\)/) }]);
    expect(readdirSync(join(staging, 'var/log'))).toEqual(['waagent.log']);
  });

  it('refuses unsafe paths, links and devices; never writes outside the staging folder', async () => {
    const ok = Buffer.from('ok');
    const tarBytes = Buffer.concat([
      member('../../etc/evil', ok),
      member('/etc/waagent.conf', ok),
      member('var/../../x', ok),
      member('home/user/.bashrc', ok),
      member('var/log/azure/link', Buffer.alloc(0), '2'),
      member('var/log/dev', Buffer.alloc(0), '3'),
      Buffer.alloc(1024),
    ]);
    const { staging, result } = await receive(gzipSync(tarBytes));
    expect(result.files.map((f) => f.path)).toEqual(['etc/waagent.conf']);
    expect(result.dropped.map((d) => d.reason)).toEqual(['unsafe path', 'unsafe path', 'unsafe path', expect.stringMatching(/not a regular file/), expect.stringMatching(/not a regular file/)]);
    expect(readdirSync(staging).sort()).toEqual(['etc']);
    expect(safeMemberPath('./var/log/x')).toBe('var/log/x');
    expect(safeMemberPath('var//x')).toBeUndefined();
    // A backslash is a separator on Windows (`var\..\..\x` would climb out of the staging folder there), and a
    // NUL would cut the name short in the filesystem call: both are refused.
    expect(safeMemberPath('var/log/..\\..\\..\\Users\\evil')).toBeUndefined();
    expect(safeMemberPath('var/log/a\0.log')).toBeUndefined();
  });

  it('garbage instead of gzip is a warning, not a crash', async () => {
    const { result } = await receive(Buffer.from('sudo: a password is required\n'));
    expect(result.files).toEqual([]);
    expect(result.warnings.join('\n')).toMatch(/gzip|tar/i);
  });
});

describe('secret scrubbing', () => {
  it('removes typed secrets and secret-looking patterns', () => {
    const s = new SecretScrubber();
    s.add('hunter2-pass');
    s.add('ab'); // too short to scrub safely
    expect(s.scrub('auth failed for hunter2-pass at ab')).toBe('auth failed for <redacted> at ab');
    expect(scrubPatterns('https://x.blob.core.windows.net/c/b?sv=2020&sig=AbC%2B123&se=1')).toBe('https://x.blob.core.windows.net/c/b?<redacted>');
    expect(scrubPatterns('{"protectedSettings":"MIIB...","password": "x y"}')).toBe('{"protectedSettings":"<redacted>","password": "<redacted>"}');
    s.clear();
    expect(s.scrub('hunter2-pass')).toBe('hunter2-pass');
  });
});
