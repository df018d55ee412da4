/**
 * Issue 20 point 8: a host known by an ed25519 key that now offers an RSA key is a changed key for trust:
 * `--accept-new` and the CLI refuse it; the app asks, with a warning. (OpenSSH's accept-new learns the new
 * type silently: an attacker who cannot show the ed25519 key just offers RSA.) A real SSH server (ssh2's)
 * offers only an RSA host key; the known_hosts file knows only an ed25519 key for it.
 */
import { mkdtempSync, rmSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SshPrompt } from '../../src/shared';
import { connectChain, HostKeyError, type HostKeyPolicy } from '../../src/main/ssh/connect';
import { SecretScrubber } from '../../src/main/ssh/scrub';

const { Server, utils } = ssh2;
const dir = mkdtempSync(join(tmpdir(), 'vmbd-hostkey-'));
let server: InstanceType<typeof Server>;
let port = 0;
const ED25519 = 'AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl';

beforeAll(async () => {
  const rsa = utils.generateKeyPairSync('rsa', { bits: 2048 });
  server = new Server({ hostKeys: [rsa.private] }, (client) => {
    client.on('authentication', (ctx) => ctx.reject());
    client.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  port = (server.address() as { port: number }).port;
  writeFileSync(join(dir, 'known_hosts'), `[127.0.0.1]:${port} ssh-ed25519 ${ED25519}\n`);
});
afterAll(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function connect(policy: Partial<HostKeyPolicy>, answer: boolean) {
  const prompts: Omit<SshPrompt, 'id'>[] = [];
  const app = join(dir, `app_known_hosts_${Math.random().toString(36).slice(2)}`);
  const io = { prompt: async (p: Omit<SshPrompt, 'id'>) => (prompts.push(p), { id: '', accept: answer }), progress: () => {}, log: () => {} };
  const ep = { alias: '127.0.0.1', host: '127.0.0.1', port, user: 'u', identityFiles: [] };
  let error: unknown;
  try {
    const hops = await connectChain([ep], { userKnownHosts: [join(dir, 'known_hosts')], appKnownHosts: app, ...policy }, { useAgent: false, allowPassword: false, defaultIdentities: false }, io, new SecretScrubber(), new AbortController().signal);
    for (const h of hops) h.client.end();
  } catch (e) {
    error = e;
  }
  return { prompts, error, remembered: existsSync(app) ? readFileSync(app, 'utf8') : '' };
}

describe('a known host offering another key type', () => {
  it('--accept-new refuses it as a changed key and remembers nothing', async () => {
    const r = await connect({ acceptNew: true }, true);
    expect(r.error).toBeInstanceOf(HostKeyError);
    expect((r.error as Error).message).toMatch(/HOST KEY TYPE CHANGED.*RSA.*ssh-ed25519/);
    expect(r.prompts).toEqual([]);
    expect(r.remembered).toBe('');
  });

  it('the CLI policy refuses it without asking', async () => {
    const r = await connect({ otherKeyType: 'refuse' }, true);
    expect(r.error).toBeInstanceOf(HostKeyError);
    expect(r.prompts).toEqual([]);
  });

  it('the app asks, with a warning; a refusal connects nowhere', async () => {
    const r = await connect({}, false);
    expect(r.prompts.map((p) => p.kind)).toEqual(['host-key-unknown']);
    expect(r.prompts[0].message).toMatch(/^WARNING: .* known by ssh-ed25519 keys, but now offers a RSA key .*man-in-the-middle/);
    expect(r.error).toBeInstanceOf(HostKeyError);
    expect(r.remembered).toBe('');
  });
});
