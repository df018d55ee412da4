import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import ssh2 from 'ssh2';
import { c as tarCreate, Parser } from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SshAnswer, SshPrompt } from '../../src/shared';
import { createSshCollector } from '../../src/main/ssh';
import { keygen } from './sshd';

/**
 * Keyboard-interactive (MFA-style prompts) needs PAM in OpenSSH, which the test sshd runs without; ssh2's own
 * server speaks the same protocol, so the prompts are forwarded and answered for real here. The same server
 * then plays a VM whose tar stream is garbage, to show a hostile stream ends in a clear error.
 */
const dir = mkdtempSync(join(tmpdir(), 'vmbd-kbd-'));
const CODE = '493817';
const PW = 'kbd-Secret-pass';
let server: InstanceType<typeof ssh2.Server>;
let port = 0;
let garbage = false;

beforeAll(async () => {
  keygen(join(dir, 'host'));
  execFileSync('ssh-keygen', ['-q', '-t', 'rsa', '-b', '2048', '-N', '', '-f', join(dir, 'host_rsa')]);
  mkdirSync(join(dir, 'vm/var/log'), { recursive: true });
  writeFileSync(join(dir, 'vm/var/log/waagent.log'), '2026-11-19T22:00:03.123456Z INFO ExtHandler ExtHandler Agent WALinuxAgent-2.9.1.1 is running as the goal state agent\n');
  server = new ssh2.Server({ hostKeys: [readFileSync(join(dir, 'host')), readFileSync(join(dir, 'host_rsa'))] }, (client) => {
    client.on('error', () => undefined); // a client that refuses our host key drops the connection
    client.on('authentication', (ctx) => {
      if (ctx.method !== 'keyboard-interactive') return ctx.reject(['keyboard-interactive']);
      ctx.prompt(
        [
          { prompt: 'Verification code: ', echo: true },
          { prompt: 'Password: ', echo: false },
        ],
        'Two-factor login',
        (answers) => (answers[0] === CODE && answers[1] === PW ? ctx.accept() : ctx.reject()),
      );
    });
    client.on('ready', () =>
      client.on('session', (accept) =>
        accept().on('exec', (acceptExec, _reject, info) => {
          const s = acceptExec();
          if (info.command === 'id -u') {
            s.write('0\n');
            s.exit(0);
            return s.end();
          }
          if (info.command.includes('czf')) {
            if (garbage) {
              s.write(Buffer.from('this is not gzip at all\n'));
              s.exit(0);
              return s.end();
            }
            const t = tarCreate({ gzip: true, cwd: join(dir, 'vm') }, ['var/log/waagent.log']);
            t.on('data', (c: Buffer) => s.write(c));
            t.on('end', () => {
              s.exit(0);
              s.end();
            });
            return;
          }
          s.exit(0);
          s.end();
        }),
      ),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  port = (server.address() as { port: number }).port;
});

afterAll(() => server?.close());

function run(name: string, acceptNew = true) {
  const prompts: SshPrompt[] = [];
  const logs: string[] = [];
  const c = createSshCollector({ appDataDir: join(dir, name), bundlesDir: join(dir, name, 'b'), userKnownHosts: [], sshConfigFile: null, defaultIdentities: false, acceptNew, probeFilter: () => false, log: (l) => logs.push(l) });
  const io = {
    prompt: async (p: SshPrompt): Promise<SshAnswer> => {
      prompts.push(p);
      return p.kind === 'keyboard-interactive' ? { id: p.id, accept: true, values: [CODE, PW] } : { id: p.id, accept: false };
    },
    progress: () => undefined,
  };
  return { c, io, prompts, logs, target: { host: '127.0.0.1', port, user: 'azureuser', useAgent: false, allowPassword: true } };
}

describe('keyboard-interactive and a hostile stream (ssh2 server)', () => {
  it('forwards the server\'s prompts (with their echo flags) and logs in with the answers', async () => {
    const r = run('kbd');
    const out = await r.c.collect({ target: r.target }, r.io);
    expect(r.prompts).toHaveLength(1);
    expect(r.prompts[0]).toMatchObject({ kind: 'keyboard-interactive', message: 'Two-factor login', prompts: [{ prompt: 'Verification code: ', echo: true }, { prompt: 'Password: ', echo: false }] });
    const names: string[] = [];
    const p = new Parser({ onReadEntry: (e) => (names.push(e.path), e.resume()) });
    p.end(gunzipSync(readFileSync(out.bundlePath)));
    expect(names.sort()).toEqual(['manifest.json', 'probes.json', 'var/log/waagent.log']);
    expect(r.logs.join('\n')).not.toContain(PW);
  });

  it('a server with several host keys: the type already known is negotiated, so nothing is asked', async () => {
    const r = run('rsa-known', false);
    const [type, b64] = readFileSync(join(dir, 'host_rsa.pub'), 'utf8').split(/\s+/);
    mkdirSync(join(dir, 'rsa-known'), { recursive: true });
    writeFileSync(join(dir, 'rsa-known', 'known_hosts'), `[127.0.0.1]:${port} ${type} ${b64}\n`);
    await r.c.collect({ target: r.target }, r.io);
    expect(r.prompts.map((p) => p.kind)).toEqual(['keyboard-interactive']);
    // without that entry the preferred ed25519 key is offered, and it is unknown
    const r2 = run('rsa-unknown', false);
    await expect(r2.c.collect({ target: r2.target }, r2.io)).rejects.toThrow(/not trusted/);
    expect(r2.prompts[0]).toMatchObject({ kind: 'host-key-unknown', message: expect.stringMatching(/ED25519/) });
  });

  it('a stream that is not a tar.gz ends in a clear error and no bundle', async () => {
    garbage = true;
    const r = run('garbage');
    await expect(r.c.collect({ target: r.target }, r.io)).rejects.toThrow(/nothing was collected: the VM did not send a readable tar\.gz/);
  });
});
