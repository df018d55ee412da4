import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import ssh2 from 'ssh2';
import type { AnyAuthMethod, AuthenticationType, Client as SshClient, ConnectConfig } from 'ssh2';
import type { SshAnswer, SshProgress, SshPrompt } from '../../shared';
import { checkHostKey, entryMatches, fingerprint, hostKeyAction, hostKeyName, loadKnownHosts, rememberHostKey } from './known-hosts';
import { msg, type SshNote } from '../../shared/i18n/analysis';
import type { SshMethod } from '../../shared/i18n/ssh';
import { say, SshError } from './note';
import type { SecretScrubber } from './scrub';
import type { Endpoint } from './target';

const { Client, utils } = ssh2;

export interface ConnectIo {
  prompt: (p: Omit<SshPrompt, 'id'>) => Promise<SshAnswer>;
  progress: (p: SshProgress) => void;
  log: (line: string) => void;
}

export interface HostKeyPolicy {
  /** Read-only known_hosts files (the user's `~/.ssh/known_hosts`). */
  userKnownHosts: string[];
  /** The app's own known_hosts: read, and appended to when the user trusts a new key. */
  appKnownHosts: string;
  /** OpenSSH `StrictHostKeyChecking accept-new`: trust unknown keys without asking (never changed ones). */
  acceptNew?: boolean;
  /** A known host offering a key of another type: refused (CLI) or asked about with a warning (app, default). */
  otherKeyType?: 'refuse' | 'ask';
}

export interface AuthOptions {
  useAgent: boolean;
  /** SSH_AUTH_SOCK, or 'pageant' on Windows. */
  agent?: string;
  allowPassword: boolean;
  /** Try ~/.ssh/id_* when no identity file is configured. */
  defaultIdentities: boolean;
}

/** A refused host key: the message carries both fingerprints, the connection never happened. */
export class HostKeyError extends SshError {
  constructor(
    note: SshNote,
    readonly host: string,
    readonly offered: string,
    readonly known?: string,
  ) {
    super(note);
  }
}

export interface Hop {
  endpoint: Endpoint;
  client: SshClient;
  fingerprint: string;
  hostKeyName: string;
}

const CONNECT_TIMEOUT_MS = 25_000;

/**
 * Connects hop by hop: the first endpoint over TCP, every next one through the previous hop's `forwardOut`
 * (ssh2 has no ProxyJump). Each hop is authenticated and its host key checked against its own name.
 */
export async function connectChain(chain: Endpoint[], policy: HostKeyPolicy, auth: AuthOptions, io: ConnectIo, scrubber: SecretScrubber, signal: AbortSignal): Promise<Hop[]> {
  const hops: Hop[] = [];
  try {
    for (const ep of chain) {
      if (signal.aborted) throw new SshError(msg('ssh.cancelled'));
      const hopName = `${ep.user}@${ep.host}:${ep.port}`;
      let sock: Duplex | undefined;
      if (hops.length > 0) {
        const prev = hops[hops.length - 1];
        io.progress({ stage: 'connecting', ...say(msg('ssh.tunnel', { via: prev.endpoint.host, host: ep.host, port: ep.port })), hop: hopName });
        sock = await forwardOut(prev.client, ep.host, ep.port);
      } else io.progress({ stage: 'connecting', ...say(msg('ssh.connecting', { host: ep.host, port: ep.port })), hop: hopName });
      hops.push(await connectOne(ep, sock, policy, auth, io, scrubber, signal));
      io.log(`connected to ${hopName} (${hops[hops.length - 1].fingerprint})`);
    }
    return hops;
  } catch (e) {
    for (const h of hops.reverse()) h.client.end();
    throw e;
  }
}

function forwardOut(client: SshClient, host: string, port: number): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    client.forwardOut('127.0.0.1', 0, host, port, (err, stream) => (err ? reject(new SshError(msg('ssh.tunnel-failed', { host, port, error: err.message }))) : resolve(stream)));
  });
}

const HOST_KEY_ALGORITHMS = ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'];

/** Key types already known for this host go first, as OpenSSH does, so a server with several keys is not "unknown". */
export function hostKeyAlgorithmsFor(knownTypes: string[]): string[] {
  const first = knownTypes.flatMap((t) => (t === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : HOST_KEY_ALGORITHMS.includes(t) ? [t] : []));
  return [...new Set([...first, ...HOST_KEY_ALGORITHMS])];
}

async function connectOne(ep: Endpoint, sock: Duplex | undefined, policy: HostKeyPolicy, auth: AuthOptions, io: ConnectIo, scrubber: SecretScrubber, signal: AbortSignal): Promise<Hop> {
  const name = hostKeyName(ep.host, ep.port);
  const knownTypes = (await loadKnownHosts([...policy.userKnownHosts, policy.appKnownHosts]))
    .filter((e) => !e.marker && entryMatches(e, name))
    .map((e) => e.keyType);
  const client = new Client();
  let hostKeyProblem: HostKeyError | undefined;
  let offered = '';
  // Our own timer instead of ssh2's readyTimeout: it must not run while the user reads a prompt.
  let timer: NodeJS.Timeout | undefined;
  let fail: (e: Error) => void = () => undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => fail(new SshError(msg('ssh.timeout', { host: ep.host, port: ep.port }))), CONNECT_TIMEOUT_MS);
  };
  const ask = async (p: Omit<SshPrompt, 'id'>): Promise<SshAnswer> => {
    clearTimeout(timer);
    try {
      return await io.prompt(p);
    } finally {
      arm();
    }
  };

  const hostVerifier = (key: Buffer, verify: (ok: boolean) => void) => {
    void (async () => {
      offered = fingerprint(key);
      const entries = await loadKnownHosts([...policy.userKnownHosts, policy.appKnownHosts]);
      const v = checkHostKey(entries, name, key);
      if (v.status === 'known') return verify(true);
      if (v.status === 'revoked') {
        hostKeyProblem = new HostKeyError(msg('ssh.key-revoked', { name, offered, file: v.entry.file, line: v.entry.line }), name, offered);
        return verify(false);
      }
      if (v.status === 'changed') {
        const known = fingerprint(v.known.key);
        hostKeyProblem = new HostKeyError(
          msg('ssh.key-changed', { name, offered, file: v.known.file, line: v.known.line, known }),
          name,
          offered,
          known,
        );
        // Informational only: the answer cannot change the outcome.
        void io.prompt({ kind: 'host-key-changed', host: name, ...say(hostKeyProblem.note), fingerprint: offered, knownFingerprint: known }).catch(() => undefined);
        return verify(false);
      }
      const action = hostKeyAction(v, policy);
      const others = v.otherTypes.join(', ');
      if (action === 'refuse') {
        hostKeyProblem = new HostKeyError(
          msg('ssh.key-type-changed', { name, type: keyLabel(key), offered, others }),
          name,
          offered,
        );
        return verify(false);
      }
      if (action === 'ask' || action === 'ask-warn') {
        const a = await ask({
          kind: 'host-key-unknown',
          host: name,
          fingerprint: offered,
          ...say(action === 'ask-warn' ? msg('ssh.ask-key-other-type', { name, type: keyLabel(key), offered, others }) : msg('ssh.ask-key', { name, type: keyLabel(key), offered })),
        });
        if (!a.accept) {
          hostKeyProblem = new HostKeyError(msg('ssh.key-not-trusted', { name, offered }), name, offered);
          return verify(false);
        }
      }
      await rememberHostKey(policy.appKnownHosts, name, key);
      io.log(`remembered host key of ${name}: ${offered}`);
      verify(true);
    })().catch((e: Error) => {
      hostKeyProblem = new HostKeyError(msg('ssh.key-check-failed', { name, error: e.message }), name, offered);
      verify(false);
    });
  };

  const methods = authMethods(ep, auth, ask, scrubber);
  const authHandler = (left: AuthenticationType[] | null, _partial: boolean, next: (m: AnyAuthMethod | false) => void) => {
    void (async () => {
      for (;;) {
        const m = methods.shift();
        if (!m) return next(false);
        if (left && !left.includes(m.type)) continue;
        const method = await m.make();
        if (method) {
          io.progress({ stage: 'authenticating', ...say(msg('ssh.authenticating', { host: ep.host, user: ep.user, method: m.method })) });
          return next(method);
        }
      }
    })().catch(() => next(false));
  };

  return new Promise<Hop>((resolve, reject) => {
    let settled = false;
    fail = (e) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      client.end();
      reject(e);
    };
    const onAbort = () => fail(new SshError(msg('ssh.cancelled')));
    signal.addEventListener('abort', onAbort, { once: true });
    client.on('ready', () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve({ endpoint: ep, client, fingerprint: offered, hostKeyName: name });
    });
    client.on('error', (e: Error & { level?: string }) => {
      if (hostKeyProblem) return fail(hostKeyProblem);
      const text = scrubber.scrub(e.message);
      if (/All configured authentication methods failed/i.test(text))
        return fail(new SshError(msg('ssh.auth-failed', { user: ep.user, host: ep.host, port: ep.port, tried: tried(ep, auth) })));
      fail(new SshError(msg('ssh.endpoint-error', { host: ep.host, port: ep.port, error: text })));
    });
    client.on('close', () => fail(hostKeyProblem ?? new SshError(msg('ssh.endpoint-closed', { host: ep.host, port: ep.port }))));
    arm();
    const cfg: ConnectConfig = {
      host: ep.host,
      port: ep.port,
      username: ep.user,
      sock: sock as ConnectConfig['sock'],
      readyTimeout: 24 * 3600 * 1000,
      keepaliveInterval: 15_000,
      keepaliveCountMax: 4,
      tryKeyboard: auth.allowPassword,
      hostVerifier,
      algorithms: { serverHostKey: hostKeyAlgorithmsFor(knownTypes) as NonNullable<ConnectConfig['algorithms']>['serverHostKey'] },
      authHandler: authHandler as ConnectConfig['authHandler'],
    };
    try {
      client.connect(cfg);
    } catch (e) {
      fail(new SshError(msg('ssh.error', { error: scrubber.scrub((e as Error).message) })));
    }
  });
}

function keyLabel(blob: Buffer): string {
  const t = blob.subarray(4, 4 + blob.readUInt32BE(0)).toString('latin1');
  return t.replace(/^ssh-/, '').toUpperCase();
}

/** What authentication tried, for the error. */
function tried(ep: Endpoint, auth: AuthOptions): SshMethod[] {
  const t: SshMethod[] = [];
  if (auth.useAgent && auth.agent) t.push({ kind: 'agent' });
  if (ep.identityFiles.length) t.push({ kind: 'key', file: ep.identityFiles.join(', ') });
  else if (auth.defaultIdentities) t.push({ kind: 'default-keys' });
  if (auth.allowPassword) t.push({ kind: 'password' });
  return t;
}

interface MethodCandidate {
  type: AuthenticationType;
  method: SshMethod;
  make: () => Promise<AnyAuthMethod | undefined>;
}

/** The order OpenSSH uses: agent, key files, keyboard-interactive, password. Secrets are asked for only when needed. */
function authMethods(ep: Endpoint, auth: AuthOptions, ask: (p: Omit<SshPrompt, 'id'>) => Promise<SshAnswer>, scrubber: SecretScrubber): MethodCandidate[] {
  const username = ep.user;
  const out: MethodCandidate[] = [];
  if (auth.useAgent && auth.agent) out.push({ type: 'agent', method: { kind: 'agent' }, make: async () => ({ type: 'agent', username, agent: auth.agent! }) });
  const files = ep.identityFiles.length > 0 ? ep.identityFiles : auth.defaultIdentities ? ['id_ed25519', 'id_ecdsa', 'id_rsa'].map((f) => join(homedir(), '.ssh', f)) : [];
  for (const file of files) {
    out.push({
      type: 'publickey',
      method: { kind: 'key', file },
      make: async () => {
        let data: Buffer;
        try {
          data = readFileSync(file);
        } catch {
          return undefined;
        }
        const parsed = utils.parseKey(data);
        if (!(parsed instanceof Error)) return { type: 'publickey', username, key: data };
        if (!/encrypted|passphrase/i.test(parsed.message)) return undefined;
        for (let attempt = 0; attempt < 3; attempt++) {
          const a = await ask({ kind: 'passphrase', host: ep.host, ...say(msg('ssh.ask-passphrase', { file, retry: attempt > 0 })) });
          const pass = a.accept ? a.values?.[0] : undefined;
          if (pass === undefined) return undefined;
          scrubber.add(pass);
          if (!(utils.parseKey(data, pass) instanceof Error)) return { type: 'publickey', username, key: data, passphrase: pass };
        }
        return undefined;
      },
    });
  }
  if (auth.allowPassword) {
    out.push({
      type: 'keyboard-interactive',
      method: { kind: 'keyboard-interactive' },
      make: async () => ({
        type: 'keyboard-interactive',
        username,
        prompt: (name, instructions, _lang, prompts, finish) => {
          if (prompts.length === 0) return finish([]);
          void ask({ kind: 'keyboard-interactive', host: ep.host, message: [name, instructions].filter(Boolean).join(': ') || `${ep.user}@${ep.host}`, prompts: prompts.map((p) => ({ prompt: p.prompt, echo: !!p.echo })) })
            .then((a) => {
              const values = a.accept ? (a.values ?? []) : [];
              values.forEach((v) => scrubber.add(v));
              finish(values);
            })
            .catch(() => finish([]));
        },
      }),
    });
    for (let attempt = 0; attempt < 3; attempt++) {
      out.push({
        type: 'password',
        method: { kind: 'password' },
        make: async () => {
          const a = await ask({ kind: 'password', host: ep.host, ...say(msg('ssh.ask-password', { user: ep.user, host: ep.host, retry: attempt > 0 })) });
          const pw = a.accept ? a.values?.[0] : undefined;
          if (pw === undefined) {
            out.length = 0; // the user cancelled: stop asking
            return undefined;
          }
          scrubber.add(pw);
          return { type: 'password', username, password: pw };
        },
      });
    }
  }
  return out;
}
