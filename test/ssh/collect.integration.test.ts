import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Parser } from 'tar';
import type { SshAnswer, SshCollectRequest, SshProgress, SshPrompt } from '../../src/shared';
import { createSshCollector, type SshCollectorOptions } from '../../src/main/ssh';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';
import { runCollect } from '../../src/main/cli/collect';
import { renderAnalysis } from '../../src/shared/i18n/analysis';
import { buildFakeVm, createUser, keygen, startSshd, tempDir, type Sshd } from './sshd';

/** Reads a tar.gz into path → bytes. */
function readBundle(file: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const p = new Parser({
    onReadEntry: (e) => {
      const chunks: Buffer[] = [];
      e.on('data', (c: Buffer) => chunks.push(c));
      e.on('end', () => out.set(e.path, Buffer.concat(chunks)));
    },
  });
  p.end(gunzipSync(readFileSync(file)));
  return out;
}

interface Run {
  prompts: SshPrompt[];
  progress: SshProgress[];
  logs: string[];
  answer: (p: SshPrompt) => Partial<SshAnswer> | undefined;
}

function ioFor(run: Run) {
  return {
    prompt: async (p: SshPrompt): Promise<SshAnswer> => {
      run.prompts.push(p);
      const a = run.answer(p);
      return { id: p.id, accept: a?.accept ?? false, values: a?.values };
    },
    progress: (p: SshProgress) => run.progress.push(p),
  };
}

const trustAll = (p: SshPrompt) => (p.kind === 'host-key-unknown' ? { accept: true } : undefined);

let dir: string;
let vmRoot: string;
let authKeys: string;
let clientKey: string;
let encKey: string;
let target: Sshd;
let jump: Sshd;
let agent: ChildProcess | undefined;
let agentSock: string;
const users: { name: string; remove: () => void }[] = [];
const PASSWORD = `Pw-${randomBytes(6).toString('hex')}-secret`;
const PASSPHRASE = `Ph-${randomBytes(6).toString('hex')}`;
let pwUser: string;
let firstBundle = '';
let cliKnownHosts = '';
let npUser: string;

beforeAll(async () => {
  dir = tempDir();
  vmRoot = buildFakeVm(dir);
  clientKey = join(dir, 'client_ed25519');
  encKey = join(dir, 'client_enc');
  keygen(clientKey);
  keygen(encKey, PASSPHRASE);
  authKeys = join(dir, 'authorized_keys');
  writeFileSync(authKeys, readFileSync(`${clientKey}.pub`, 'utf8') + readFileSync(`${encKey}.pub`, 'utf8'), { mode: 0o644 });
  target = await startSshd(dir, 'target', authKeys, { passwordAuth: true });
  jump = await startSshd(dir, 'jump', authKeys);
  const pw = createUser('vmbdpw', { password: PASSWORD, sudo: 'password' });
  const np = createUser('vmbdnp', { sudo: 'nopasswd' });
  users.push(pw, np);
  pwUser = pw.name;
  npUser = np.name;
  cliKnownHosts = join(dir, 'cli_known_hosts');
  agentSock = join(dir, 'agent.sock');
  agent = spawn('ssh-agent', ['-D', '-a', agentSock], { stdio: 'ignore' });
  for (let i = 0; i < 50 && !existsSync(agentSock); i++) await new Promise((r) => setTimeout(r, 50));
  if (!existsSync(agentSock)) throw new Error('ssh-agent did not start');
  execFileSync('ssh-add', [clientKey], { env: { ...process.env, SSH_AUTH_SOCK: agentSock }, stdio: 'ignore' });
}, 60_000);

afterAll(() => {
  target?.stop();
  jump?.stop();
  if (agent?.pid && agent.exitCode === null) agent.kill('SIGTERM');
  for (const u of users) u.remove();
});

/** The full set of live checks runs in the first test; the others run one cheap check to stay fast. */
const ONE_PROBE = { probeFilter: (n: string) => n === 'disk-free' };

function collector(name: string, extra: Partial<SshCollectorOptions> = {}, run?: Run) {
  const appDataDir = join(dir, 'app', name);
  const bundlesDir = join(appDataDir, 'bundles');
  mkdirSync(bundlesDir, { recursive: true });
  const c = createSshCollector({ appDataDir, bundlesDir, userKnownHosts: [], sshConfigFile: null, remoteRoot: vmRoot, defaultIdentities: false, log: (s) => run?.logs.push(s), ...ONE_PROBE, ...extra });
  return { c, appDataDir, bundlesDir };
}

function newRun(answer: Run['answer'] = trustAll): Run {
  return { prompts: [], progress: [], logs: [], answer };
}

const req = (over: Partial<SshCollectRequest['target']> = {}, maxBytes?: number): SshCollectRequest => ({
  target: { host: '127.0.0.1', port: target.port, user: 'root', identityFile: clientKey, useAgent: false, ...over },
  maxBytes,
});

function sha(b: Buffer) {
  return createHash('sha256').update(b).digest('hex');
}

describe('SSH collection against a real sshd', { timeout: 60_000 }, () => {
  it('key auth: asks about the unknown host key (ssh-keygen fingerprint), remembers it, collects the agent files as root', async () => {
    const run = newRun();
    const { c, appDataDir } = collector('key', { probeFilter: undefined }, run);
    const r = await c.collect(req(), ioFor(run));
    expect(r.incomplete).toBe(false);
    const hk = run.prompts.filter((p) => p.kind === 'host-key-unknown');
    expect(hk).toHaveLength(1);
    expect(hk[0].fingerprint).toBe(target.fingerprint());
    expect(hk[0].host).toBe(`[127.0.0.1]:${target.port}`);
    // the fingerprint format is ssh-keygen's
    expect(execFileSync('ssh-keygen', ['-lf', target.hostKeyPub], { encoding: 'utf8' })).toContain(hk[0].fingerprint!);
    expect(readFileSync(join(appDataDir, 'known_hosts'), 'utf8')).toMatch(/^\|1\|[^|]+\|[^ ]+ ssh-ed25519 /);

    const files = readBundle(r.bundlePath);
    expect(files.get('var/log/waagent.log')?.equals(readFileSync(join(vmRoot, 'var/log/waagent.log')))).toBe(true);
    expect(files.has('var/lib/waagent/ExtensionsConfig.15.xml')).toBe(true);
    expect(files.has('var/lib/waagent/Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9225.0/status/15.status')).toBe(true);
    expect(files.has('etc/azure/vmbackup.conf')).toBe(true);
    expect(files.has('var/lib/waagent/TransportPrivate.pem')).toBe(false);
    expect([...files.keys()].some((k) => k.includes('shadow'))).toBe(false);
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8'));
    expect(manifest).toMatchObject({ schemaVersion: 1, host: '127.0.0.1', port: target.port, user: 'root', privilege: 'root', incomplete: false, hostKeyFingerprint: target.fingerprint() });
    for (const f of manifest.files) expect(sha(files.get(f.path)!)).toBe(f.sha256);
    expect(manifest.files.length).toBe(files.size - 2);
    const probes = JSON.parse(files.get('probes.json')!.toString('utf8'));
    expect(probes.schemaVersion).toBe(1);
    expect(probes.probes.map((p: { name: string }) => p.name)).toEqual(['waagent-version', 'agent-service', 'wireserver', 'hostgaplugin', 'imds', 'dhcp-245', 'disk-free', 'noexec', 'clock-sync', 'disk-sizes']);
    for (const p of probes.probes) {
      expect([true, false, null]).toContain(p.ok);
      expect(typeof p.detail).toBe('string');
    }
    // this machine runs no agent: the live check must say so, not be fooled by its own command line
    const svc = probes.probes.find((p: { name: string }) => p.name === 'agent-service');
    if (!/did not finish/.test(svc.detail)) expect(svc.data.processes).toBe(0);
    expect(run.progress.some((p) => p.stage === 'collecting' && typeof p.bytes === 'number')).toBe(true);
    expect(run.progress.at(-1)?.stage).toBe('done');

    expect(files.has('var/lib/waagent/Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9225.0/status/11_status')).toBe(files.size > 0 && existsSync(join(vmRoot, 'var/lib/waagent/Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9225.0/status/11_status')));
    firstBundle = r.bundlePath;

    // second connection: the key is known, nothing is asked
    const run2 = newRun(() => ({ accept: false }));
    const r2 = await collector('key', ONE_PROBE, run2).c.collect(req(), ioFor(run2));
    expect(run2.prompts).toHaveLength(0);
    expect(existsSync(r2.bundlePath)).toBe(true);
  }, 120_000);

  it('the collected bundle goes through the normal pipeline: probe and collection facts, the sample\'s freeze timeout', async () => {
    const session = await analyzeBundle([firstBundle]);
    const { result } = session;
    expect(result.inputs[0].kind).toBe('ssh-collection');
    const kinds = new Map(result.files.map((f) => [f.vmPath, f.kind]));
    expect(kinds.get('probes.json')).toBe('probes-json');
    expect(kinds.get('manifest.json')).toBe('collection-manifest');
    expect(result.files.find((f) => f.vmPath === 'var/lib/waagent/TransportPrivate.pem')).toBeUndefined();
    const freeze = result.findings.find((f) => f.cause === 'fsfreeze-failed');
    expect(freeze?.verdict).toBe('detected');
  });

  it('agent auth through SSH_AUTH_SOCK', async () => {
    const run = newRun();
    const prev = process.env.SSH_AUTH_SOCK;
    process.env.SSH_AUTH_SOCK = agentSock;
    try {
      const r = await collector('agent', { acceptNew: true }, run).c.collect(req({ identityFile: undefined, useAgent: true }), ioFor(run));
      expect(readBundle(r.bundlePath).has('var/log/waagent.log')).toBe(true);
      expect(run.progress.some((p) => /SSH agent/.test(p.message))).toBe(true);
      // every progress line is a catalogue message too, its English the `message` (issue 22: the app shows it in Dutch)
      for (const p of run.progress) expect(p.note && renderAnalysis(p.note, 'en')).toBe(p.message);
      expect(run.progress.map((p) => renderAnalysis(p.note!, 'nl'))).toEqual(expect.arrayContaining([expect.stringMatching(/^Aanmelden bij .* als root \(SSH-agent\)$/), 'Controles op de VM uitvoeren', expect.stringMatching(/^Opgeslagen: .*bestand/)]));
      expect(run.prompts).toHaveLength(0); // --accept-new: no host-key question
    } finally {
      process.env.SSH_AUTH_SOCK = prev;
    }
  });

  it('an encrypted key asks for its passphrase', async () => {
    const run = newRun((p) => (p.kind === 'passphrase' ? { accept: true, values: [PASSPHRASE] } : trustAll(p)));
    const r = await collector('enc', {}, run).c.collect(req({ identityFile: encKey }), ioFor(run));
    expect(run.prompts.map((p) => p.kind)).toEqual(['host-key-unknown', 'passphrase']);
    expect(existsSync(r.bundlePath)).toBe(true);
    expect(run.logs.join('\n')).not.toContain(PASSPHRASE);
  });

  it('refusing an unknown host key connects nowhere and writes nothing', async () => {
    const run = newRun(() => ({ accept: false }));
    const { c, bundlesDir, appDataDir } = collector('refuse', {}, run);
    await expect(c.collect(req(), ioFor(run))).rejects.toThrow(/not trusted/);
    expect(readdirSync(bundlesDir)).toEqual([]);
    expect(existsSync(join(appDataDir, 'known_hosts'))).toBe(false);
  });

  it('cancel while a question is open: the question ends, nothing is written', async () => {
    const run = newRun();
    const { c, bundlesDir } = collector('cancel', {}, run);
    const err = await c
      .collect(req(), {
        prompt: (p) => {
          run.prompts.push(p);
          setTimeout(() => c.cancel(), 50);
          return new Promise<SshAnswer>(() => undefined); // the user never answers
        },
        progress: (p) => run.progress.push(p),
      })
      .then(
        () => undefined,
        (e: Error) => e,
      );
    expect(err?.message).toMatch(/cancelled/);
    expect(run.prompts.map((p) => p.kind)).toEqual(['host-key-unknown']);
    expect(run.progress.at(-1)).toMatchObject({ stage: 'failed', message: 'The SSH collection was cancelled.' });
    expect(renderAnalysis(run.progress.at(-1)!.note!, 'nl')).toBe('De SSH-verzameling is geannuleerd.');
    expect(readdirSync(bundlesDir)).toEqual([]);
  });

  it('through a jump host: each hop verified against its own name', async () => {
    const run = newRun();
    const r = await collector('jump', {}, run).c.collect(req({ jump: [`root@127.0.0.1:${jump.port}`] }), ioFor(run));
    const hk = run.prompts.filter((p) => p.kind === 'host-key-unknown');
    expect(hk.map((p) => [p.host, p.fingerprint])).toEqual([
      [`[127.0.0.1]:${jump.port}`, jump.fingerprint()],
      [`[127.0.0.1]:${target.port}`, target.fingerprint()],
    ]);
    const manifest = JSON.parse(readBundle(r.bundlePath).get('manifest.json')!.toString());
    expect(manifest.jumps).toEqual([{ host: '127.0.0.1', port: jump.port, user: 'root', hostKeyFingerprint: jump.fingerprint() }]);
    expect(jump.log()).toMatch(/Accepted publickey for root/);
  });

  it('sudo without a password (NOPASSWD) reads the root-only agent state', async () => {
    const run = newRun();
    const r = await collector('np', { acceptNew: true }, run).c.collect(req({ user: npUser }), ioFor(run));
    const files = readBundle(r.bundlePath);
    expect(JSON.parse(files.get('manifest.json')!.toString()).privilege).toBe('sudo-nopasswd');
    const df = JSON.parse(files.get('probes.json')!.toString()).probes[0];
    expect(df.name).toBe('disk-free');
    expect(df.ok, JSON.stringify(df)).not.toBeNull();
    expect(df.data.mounts[0]).toMatchObject({ mount: '/', usedPercent: expect.any(Number), availableBytes: expect.any(Number) });
    expect(files.get('var/lib/waagent/ExtensionsConfig.15.xml')?.toString()).toContain('goalStateIncarnation="15"');
    expect(run.prompts).toHaveLength(0);
  });

  it('password login + sudo password: the root-only file arrives and the password is nowhere', async () => {
    const run = newRun((p) => (p.kind === 'password' || p.kind === 'sudo-password' ? { accept: true, values: [PASSWORD] } : trustAll(p)));
    const { c, bundlesDir } = collector('pw', {}, run);
    const r = await c.collect(req({ user: pwUser, identityFile: undefined, allowPassword: true }), ioFor(run));
    expect(run.prompts.map((p) => p.kind)).toEqual(['host-key-unknown', 'password', 'sudo-password']);
    const raw = readFileSync(r.bundlePath);
    const files = readBundle(r.bundlePath);
    const manifest = JSON.parse(files.get('manifest.json')!.toString());
    expect(manifest.privilege).toBe('sudo-password');
    expect(files.get('var/lib/waagent/ExtensionsConfig.15.xml')?.toString()).toContain('goalStateIncarnation="15"');
    // nowhere: logs, progress, prompts' messages, manifest, any bundle member, the compressed bytes, the bundles folder
    const everything = [run.logs.join('\n'), JSON.stringify(run.progress), JSON.stringify(run.prompts), ...[...files.values()].map((b) => b.toString('latin1')), raw.toString('latin1'), gunzipSync(raw).toString('latin1')].join('\n');
    expect(everything).not.toContain(PASSWORD);
    const grep = spawnSync('grep', ['-rlF', PASSWORD, bundlesDir, join(dir, 'app')], { encoding: 'utf8' });
    expect(grep.status).toBe(1); // 1 = no match (2 would be an error)
    expect(grep.stdout).toBe('');
  });

  it('a wrong sudo password is asked again; cancelling collects without root and says so', async () => {
    let sudoAsks = 0;
    const run = newRun((p) => {
      if (p.kind === 'password') return { accept: true, values: [PASSWORD] };
      if (p.kind === 'sudo-password') return ++sudoAsks === 1 ? { accept: true, values: ['wrong-password'] } : { accept: false };
      return trustAll(p);
    });
    const r = await collector('nosudo', {}, run).c.collect(req({ user: pwUser, identityFile: undefined, allowPassword: true }), ioFor(run));
    expect(sudoAsks).toBe(2);
    expect(run.prompts.filter((p) => p.kind === 'sudo-password')[1].message).toMatch(/wrong password/);
    const files = readBundle(r.bundlePath);
    expect(JSON.parse(files.get('manifest.json')!.toString()).privilege).toBe('none');
    expect(files.has('var/lib/waagent/ExtensionsConfig.15.xml')).toBe(false);
    expect(files.has('var/log/waagent.log')).toBe(true);
  });

  it('a connection cut mid-transfer keeps every whole member and marks the bundle incomplete', async () => {
    // a big incompressible file, last in the collection order
    const big = join(vmRoot, 'var/log/syslog');
    writeFileSync(big, randomBytes(48 * 1024 * 1024));
    try {
      const run = newRun();
      let killed = false;
      const { c } = collector('cut', { acceptNew: true }, run);
      const io = ioFor(run);
      const r = await c.collect(req(), {
        ...io,
        progress: (p) => {
          io.progress(p);
          if (!killed && p.stage === 'collecting' && (p.bytes ?? 0) > 2 * 1024 * 1024) {
            killed = true;
            for (const pid of target.sessionPids()) process.kill(pid, 'SIGKILL');
          }
        },
      });
      expect(killed).toBe(true);
      expect(r.incomplete).toBe(true);
      expect(r.message).toMatch(/incomplete.*connection was lost/i);
      expect(renderAnalysis(r.note!, 'nl')).toMatch(/^De verzameling is onvolledig \(de verbinding viel weg na \d+ bytes.*\)\. De bundel bevat de \d+ bestanden die volledig zijn aangekomen/);
      const files = readBundle(r.bundlePath);
      const manifest = JSON.parse(files.get('manifest.json')!.toString());
      expect(manifest.incomplete).toBe(true);
      expect(manifest.reason).toMatch(/connection was lost/);
      expect(files.get('var/log/waagent.log')?.equals(readFileSync(join(vmRoot, 'var/log/waagent.log')))).toBe(true);
      expect(files.has('var/log/syslog')).toBe(false);
      expect(manifest.dropped.some((d: { path: string }) => d.path === 'var/log/syslog')).toBe(true);
    } finally {
      writeFileSync(big, 'Nov 19 22:00:01 vm-backup-demo-01 CRON[1234]: (root) CMD (true)\n');
    }
  });

  it('the size cap stops reading and marks the bundle incomplete', async () => {
    const big = join(vmRoot, 'var/log/syslog.1');
    writeFileSync(big, randomBytes(8 * 1024 * 1024));
    try {
      const run = newRun();
      const r = await collector('cap', { acceptNew: true }, run).c.collect(req({}, 1024 * 1024), ioFor(run));
      expect(r.incomplete).toBe(true);
      const manifest = JSON.parse(readBundle(r.bundlePath).get('manifest.json')!.toString());
      expect(manifest.reason).toMatch(/size cap of 1048576 bytes/);
      expect(manifest.compressedBytes).toBeLessThanOrEqual(1024 * 1024);
    } finally {
      appendFileSync(big, '');
      execFileSync('rm', ['-f', big]);
    }
  });

  function cli(args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const io = { stdout: (x: string) => void out.push(x), stderr: (x: string) => void err.push(x) };
    const deps = { prompter: { interactive: false, ask: async () => undefined }, collector: { userKnownHosts: [], sshConfigFile: null, defaultIdentities: false, ...ONE_PROBE } };
    const base = [`ssh://root@127.0.0.1:${target.port}`, '--identity', clientKey, '--no-agent', '--known-hosts', cliKnownHosts, '--remote-root', vmRoot];
    return runCollect([...base, ...args], io, deps).then((code) => ({ code, out: out.join(''), err: err.join('') }));
  }

  it('CLI without a TTY: an unknown host key is refused unless --accept-new; then it prints the bundle path', async () => {
    const out1 = join(dir, 'cli-1.tar.gz');
    const r1 = await cli(['--out', out1]);
    expect(r1.code).not.toBe(0);
    expect(r1.err).toContain(target.fingerprint());
    expect(r1.err).toMatch(/--accept-new/);
    expect(existsSync(out1)).toBe(false);
    const out2 = join(dir, 'cli-2.tar.gz');
    const r2 = await cli(['--out', out2, '--accept-new']);
    expect(r2.code).toBe(0);
    expect(r2.out.trim()).toBe(out2);
    expect(r2.err).toMatch(/vmbackup-doctor analyze/);
    expect(readBundle(out2).has('var/log/waagent.log')).toBe(true);
    expect(await runCollect([], { stdout: () => undefined, stderr: () => undefined })).toBe(2);
  });

  it('CLI --lang nl: progress, warnings and the next step in Dutch; the bundle path and manifest as in English', async () => {
    // the host key is known from the test above (--accept-new wrote it to --known-hosts)
    const out = join(dir, 'cli-nl.tar.gz');
    const r = await cli(['--out', out, '--lang', 'nl']);
    expect(r.code).toBe(0);
    expect(r.out.trim()).toBe(out);
    expect(r.err).toContain(`Verbinden met 127.0.0.1:${target.port}`);
    expect(r.err).toContain('Controles op de VM uitvoeren');
    expect(r.err).toMatch(/Opgeslagen: .* \(\d+ bytes, \d+ bestanden?\)/);
    expect(r.err).toContain('Volgende stap: vmbackup-doctor analyze');
    for (const english of ['Connecting to', 'Running live checks', 'Saved ', 'Next:']) expect(r.err).not.toContain(english);
    const manifest = JSON.parse(readBundle(out).get('manifest.json')!.toString());
    expect(manifest).toMatchObject({ incomplete: false, host: '127.0.0.1' });
    const bad = await cli(['--out', out, '--lang', 'de']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('Unknown language: de');
  });

  it('a changed host key is refused with both fingerprints and nothing is written (runs last: it replaces the key)', async () => {
    const run = newRun();
    const { c, bundlesDir } = collector('changed', {}, run);
    await c.collect(req(), ioFor(run));
    const before = target.fingerprint();
    await target.regenerateHostKey();
    const after = target.fingerprint();
    expect(after).not.toBe(before);
    const run2 = newRun(() => ({ accept: true })); // even "yes" must not help
    const { c: c2 } = collector('changed', {}, run2);
    const n = readdirSync(bundlesDir).length;
    const err = await c2.collect(req(), ioFor(run2)).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(err?.message).toContain(before);
    expect(err?.message).toContain(after);
    expect(err?.message).toMatch(/HOST KEY CHANGED/);
    expect(run2.prompts.map((p) => [p.kind, p.fingerprint, p.knownFingerprint])).toEqual([['host-key-changed', after, before]]);
    expect(readdirSync(bundlesDir).length).toBe(n);
    // the CLI (which trusted the old key above) refuses too, even with --accept-new, and prints both fingerprints
    const out3 = join(dir, 'cli-3.tar.gz');
    const r3 = await cli(['--out', out3, '--accept-new']);
    expect(r3.code).not.toBe(0);
    expect(r3.err).toContain(before);
    expect(r3.err).toContain(after);
    expect(existsSync(out3)).toBe(false);
  });
});
