import { execFileSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkHostKey, fingerprint, hostKeyName, keyTypeOf, loadKnownHosts, parseKnownHosts, rememberHostKey } from '../../src/main/ssh/known-hosts';

const dir = mkdtempSync(join(tmpdir(), 'vmbd-kh-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function newKey(type: 'ed25519' | 'ecdsa' | 'rsa', name: string) {
  const f = join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', type, ...(type === 'rsa' ? ['-b', '2048'] : []), '-N', '', '-f', f]);
  const [t, b64] = readFileSync(`${f}.pub`, 'utf8').trim().split(/\s+/);
  return { type: t, b64, blob: Buffer.from(b64, 'base64'), pub: `${f}.pub` };
}

const a = newKey('ed25519', 'a');
const b = newKey('ed25519', 'b');
const e = newKey('ecdsa', 'e');

function hashed(name: string) {
  const salt = randomBytes(20);
  return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;
}

describe('known_hosts', () => {
  it('fingerprints exactly like ssh-keygen -lf', () => {
    for (const k of [a, e]) expect(execFileSync('ssh-keygen', ['-lf', k.pub], { encoding: 'utf8' })).toContain(` ${fingerprint(k.blob)} `);
    expect(keyTypeOf(a.blob)).toBe('ssh-ed25519');
    expect(keyTypeOf(e.blob)).toBe('ecdsa-sha2-nistp256');
    expect(keyTypeOf(Buffer.from([0, 0, 0, 200, 1]))).toBe('unknown');
  });

  it('names non-22 ports [host]:port', () => {
    expect(hostKeyName('vm1', 22)).toBe('vm1');
    expect(hostKeyName('10.0.0.4', 2222)).toBe('[10.0.0.4]:2222');
  });

  it('matches plain lists, [host]:port, hashed entries, wildcards and negation', () => {
    const text = [
      '# comment',
      `vm1,10.0.0.4 ${a.type} ${a.b64} comment here`,
      `[10.0.0.5]:2222 ${a.type} ${a.b64}`,
      `${hashed('hashed-vm')} ${a.type} ${a.b64}`,
      `*.internal.example,!bad.internal.example ${a.type} ${a.b64}`,
      'garbage line',
      `broken ${a.type} not-base64!!`,
      `mismatch ssh-rsa ${a.b64}`,
    ].join('\n');
    const entries = parseKnownHosts(text, 'kh');
    expect(entries).toHaveLength(4);
    expect(entries[0]).toMatchObject({ file: 'kh', line: 2, keyType: 'ssh-ed25519' });
    for (const n of ['vm1', '10.0.0.4', '[10.0.0.5]:2222', 'hashed-vm', 'x.internal.example']) expect(checkHostKey(entries, n, a.blob).status, n).toBe('known');
    expect(checkHostKey(entries, '10.0.0.5', a.blob).status).toBe('unknown'); // port 22 is a different name
    expect(checkHostKey(entries, 'bad.internal.example', a.blob).status).toBe('unknown');
    expect(checkHostKey(entries, 'mismatch', a.blob).status).toBe('unknown');
  });

  it('a different key of the same type is "changed" (with the entry), another type is "unknown"', () => {
    const entries = parseKnownHosts(`vm1 ${a.type} ${a.b64}\n${hashed('vm2')} ${a.type} ${a.b64}\n`, 'kh');
    const v = checkHostKey(entries, 'vm1', b.blob);
    expect(v.status).toBe('changed');
    if (v.status === 'changed') expect(fingerprint(v.known.key)).toBe(fingerprint(a.blob));
    expect(checkHostKey(entries, 'vm2', b.blob).status).toBe('changed');
    const other = checkHostKey(entries, 'vm1', e.blob);
    expect(other).toEqual({ status: 'unknown', otherTypes: ['ssh-ed25519'] });
  });

  it('@revoked refuses the key everywhere; @cert-authority lines are not host keys', () => {
    const entries = parseKnownHosts(`@revoked * ${a.type} ${a.b64}\n@cert-authority * ${b.type} ${b.b64}\nvm1 ${a.type} ${a.b64}\n@weird vm1 ${b.type} ${b.b64}\n`, 'kh');
    expect(checkHostKey(entries, 'vm1', a.blob).status).toBe('revoked');
    expect(checkHostKey(entries, 'vm1', b.blob).status).toBe('changed');
    expect(checkHostKey(entries, 'vm9', b.blob).status).toBe('unknown');
  });

  it('remembers keys hashed, readable back, and by OpenSSH (ssh-keygen -F)', async () => {
    const f = join(dir, 'app', 'known_hosts');
    await rememberHostKey(f, '[10.1.2.3]:2200', a.blob);
    const text = readFileSync(f, 'utf8');
    expect(text).not.toContain('10.1.2.3');
    const entries = await loadKnownHosts([f, join(dir, 'missing')]);
    expect(checkHostKey(entries, '[10.1.2.3]:2200', a.blob).status).toBe('known');
    expect(checkHostKey(entries, '10.1.2.3', a.blob).status).toBe('unknown');
    expect(execFileSync('ssh-keygen', ['-F', '[10.1.2.3]:2200', '-f', f], { encoding: 'utf8' })).toContain(a.b64);
  });
});
