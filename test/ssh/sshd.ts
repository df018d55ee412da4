/**
 * Real OpenSSH servers for the SSH tests: sshd on 127.0.0.1 with a random free port,
 * in a private mount namespace with a tmpfs /run (so /run/sshd exists without touching the machine's /run).
 * Everything lives in one temp dir; every process is stopped by its pid.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, chownSync, symlinkSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { CORPUS, ROOT, SAMPLE } from '../helpers/paths';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const ok = await new Promise<boolean>((resolve) => {
      const c = createConnection({ host: '127.0.0.1', port });
      c.once('connect', () => {
        c.destroy();
        resolve(true);
      });
      c.once('error', () => resolve(false));
    });
    if (ok) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

export function fingerprintOfPub(pubFile: string): string {
  const b64 = readFileSync(pubFile, 'utf8').trim().split(/\s+/)[1];
  return `SHA256:${createHash('sha256').update(Buffer.from(b64, 'base64')).digest('base64').replace(/=+$/, '')}`;
}

export function keygen(file: string, passphrase = ''): void {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', passphrase, '-C', 'vmbd-test', '-f', file]);
}

export interface Sshd {
  port: number;
  dir: string;
  hostKeyPub: string;
  fingerprint: () => string;
  log: () => string;
  /** Session processes (children of the listener): killing them cuts live connections. */
  sessionPids: () => number[];
  regenerateHostKey: () => Promise<void>;
  stop: () => void;
}

/** Starts sshd; throws with the reason (and sshd's log) if it cannot. */
export async function startSshd(dir: string, name: string, authorizedKeys: string, opts: { passwordAuth?: boolean } = {}): Promise<Sshd> {
  const d = join(dir, name);
  mkdirSync(d, { recursive: true, mode: 0o755 });
  chmodSync(d, 0o755);
  const hostKey = join(d, 'host_ed25519');
  keygen(hostKey);
  const port = await freePort();
  const cfg = join(d, 'sshd_config');
  writeFileSync(
    cfg,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${hostKey}`,
      `PidFile ${join(d, 'sshd.pid')}`,
      `AuthorizedKeysFile ${authorizedKeys}`,
      'PermitRootLogin prohibit-password',
      'PubkeyAuthentication yes',
      `PasswordAuthentication ${opts.passwordAuth ? 'yes' : 'no'}`,
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      'StrictModes no',
      'AllowTcpForwarding yes',
      'MaxSessions 20',
      'LogLevel VERBOSE',
      '',
    ].join('\n'),
  );
  let proc: ChildProcess | undefined;
  const launch = async () => {
    const sshdLog = join(d, 'sshd.log');
    proc = spawn('unshare', ['-m', '--propagation', 'private', 'sh', '-c', `mount -t tmpfs -o mode=755 tmpfs /run && mkdir -m 755 /run/sshd && exec /usr/sbin/sshd -D -f ${cfg} -E ${sshdLog}`], { stdio: 'ignore' });
    if (!(await waitForPort(port, 8000))) {
      const why = existsSync(sshdLog) ? readFileSync(sshdLog, 'utf8') : '(no sshd log)';
      proc.kill('SIGKILL');
      throw new Error(`sshd ${name} did not start on 127.0.0.1:${port}: ${why}`);
    }
  };
  await launch();
  const sessionPids = () => {
    if (!proc?.pid) return [];
    try {
      return execFileSync('ps', ['-o', 'pid=', '--ppid', String(proc.pid)], { encoding: 'utf8' }).split('\n').map((s) => Number(s.trim())).filter((n) => n > 0);
    } catch {
      return [];
    }
  };
  const stop = () => {
    for (const pid of sessionPids()) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
    if (proc?.pid && proc.exitCode === null) proc.kill('SIGTERM');
  };
  return {
    port,
    dir: d,
    hostKeyPub: `${hostKey}.pub`,
    fingerprint: () => fingerprintOfPub(`${hostKey}.pub`),
    log: () => (existsSync(join(d, 'sshd.log')) ? readFileSync(join(d, 'sshd.log'), 'utf8') : ''),
    sessionPids,
    regenerateHostKey: async () => {
      stop();
      await new Promise((r) => setTimeout(r, 300));
      rmSync(hostKey, { force: true });
      rmSync(`${hostKey}.pub`, { force: true });
      keygen(hostKey);
      await launch();
    },
    stop,
  };
}

/** A fake VM root built from the shared sample (plus Backup-extension state), with root-only agent state. */
export function buildFakeVm(dir: string): string {
  const root = join(dir, 'vm');
  mkdirSync(root, { recursive: true });
  const sampleTree = join(ROOT, 'assets', 'sample', 'vm');
  if (existsSync(sampleTree)) cpSync(sampleTree, root, { recursive: true });
  else for (const [name, data] of Object.entries(unzipSync(readFileSync(SAMPLE)))) {
    if (name.endsWith('/')) continue;
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), data);
  }
  // Fill in what an older sample might lack (never overwrite the sample's own files).
  const put = (rel: string, data: string | Buffer) => {
    const abs = join(root, rel);
    if (existsSync(abs)) return;
    mkdirSync(join(abs, '..'), { recursive: true });
    writeFileSync(abs, data);
  };
  const ext = 'var/lib/waagent/Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9225.0';
  put(`${ext}/HandlerManifest.json`, readFileSync(join(CORPUS, 'vmsnapshot/VMBackup/HandlerManifest.json')));
  put(`${ext}/config/HandlerState`, 'Enabled');
  put(
    `${ext}/status/15.status`,
    JSON.stringify([
      {
        version: '1.0',
        timestampUTC: '2026-11-19T22:01:48Z',
        status: {
          name: 'Microsoft.Azure.RecoveryServices.VMSnapshotLinux',
          operation: 'Enable',
          status: 'error',
          code: 122,
          formattedMessage: { lang: 'en-US', message: 'Enable failed with error: freeze took longer than timeout StatusCode.FailedRetryableFsFreezeTimeout,' },
        },
      },
    ]),
  );
  // On a live VM the current goal state sits at the top of /var/lib/waagent (the collector keeps only history).
  const hist = join(root, 'var/lib/waagent/history/2026-11-19T22-00-04__15/ExtensionsConfig.xml');
  put('var/lib/waagent/ExtensionsConfig.15.xml', existsSync(hist) ? readFileSync(hist) : '<?xml version="1.0" encoding="utf-8"?>\n<Extensions version="1.0.0.0" goalStateIncarnation="15"><Plugins /></Extensions>\n');
  put('etc/azure/vmbackup.conf', readFileSync(join(CORPUS, 'vmsnapshot/VMBackup/main/tempPlugin/vmbackup.conf')));
  put('etc/os-release', 'NAME="Ubuntu"\nVERSION_ID="20.04"\nPRETTY_NAME="Ubuntu 20.04.6 LTS"\nID=ubuntu\n');
  put('etc/hostname', 'vm-backup-demo-01\n');
  // Never collected: key material and anything outside the list.
  writeFileSync(join(root, 'var/lib/waagent/TransportPrivate.pem'), '-----BEGIN PRIVATE KEY-----\nnot-a-real-key\n-----END PRIVATE KEY-----\n');
  // A symlink planted in a collected folder must not make us read what it points to.
  mkdirSync(join(root, 'var/log/azure'), { recursive: true });
  symlinkSync('/etc/shadow', join(root, 'var/log/azure/shadow-link'));
  // /var/lib/waagent is 0700 root on a real VM.
  execFileSync('chown', ['-R', 'root:root', join(root, 'var/lib/waagent')]);
  chmodSync(join(root, 'var/lib/waagent'), 0o700);
  chmodSync(join(root, 'var/lib/waagent/ExtensionsConfig.15.xml'), 0o600);
  return root;
}

/** A local user for sudo tests; removed by `remove()`. */
export function createUser(prefix: string, opts: { password?: string; sudo: 'password' | 'nopasswd' }): { name: string; remove: () => void } {
  const name = `${prefix}${randomBytes(3).toString('hex')}`;
  execFileSync('useradd', ['-M', '-s', '/bin/sh', '-d', '/tmp', name]);
  if (opts.password) execFileSync('chpasswd', [], { input: `${name}:${opts.password}\n` });
  else execFileSync('usermod', ['-p', '*', name]); // not locked (`!`), so sshd accepts its key with UsePAM no
  const sudoers = `/etc/sudoers.d/${name}`;
  writeFileSync(
    sudoers,
    opts.sudo === 'nopasswd' ? `${name} ALL=(ALL) NOPASSWD: ALL\n` : `Defaults:${name} timestamp_timeout=0, !lecture\n${name} ALL=(ALL) ALL\n`,
    { mode: 0o440 },
  );
  chownSync(sudoers, 0, 0);
  execFileSync('visudo', ['-c', '-f', sudoers]);
  return {
    name,
    remove: () => {
      rmSync(sudoers, { force: true });
      try {
        execFileSync('userdel', [name]);
      } catch {
        /* already gone */
      }
    },
  };
}

export function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'vmbd-ssh-'));
  chmodSync(d, 0o755);
  return d;
}
