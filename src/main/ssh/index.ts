import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rename, rm, stat, statfs, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { create as tarCreate } from 'tar';
import type { SshAnswer, SshCollectRequest, SshProgress, SshPrompt } from '../../shared';
import { DEFAULT_LIMITS } from '../ingest/types';
import { TOOL_VERSION } from '../pipeline/version';
import { msg, renderAnalysis, type SshNote } from '../../shared/i18n/analysis';
import { connectChain, HostKeyError, type AuthOptions, type Hop } from './connect';
import { execBuffered } from './exec';
import { foreign, say, scrubNote, SshError } from './note';
import { formatProbesJson, interpretProbe, PROBE_TIMED_OUT, type ProbeResult } from './probes';
import { TarReceiver, type ReceiveResult } from './receive';
import { collectScript, PROBES, privileged, type Privilege } from './remote';
import { SecretScrubber } from './scrub';
import type { SshCollector } from './service';
import { loadSshConfig, resolveTarget } from './target';

export { HostKeyError } from './connect';

export interface SshCollectorOptions {
  appDataDir: string;
  bundlesDir: string;
  /** The app's known_hosts (default `<appDataDir>/known_hosts`); the CLI's `--known-hosts`. */
  knownHostsFile?: string;
  /** Read-only known_hosts files (default `~/.ssh/known_hosts`). */
  userKnownHosts?: string[];
  /** `~/.ssh/config` (default), or another file; `null` = none. */
  sshConfigFile?: string | null;
  /** Trust unknown host keys without asking (OpenSSH accept-new). Changed keys are always refused. */
  acceptNew?: boolean;
  /** A known host offering a key of another type: 'refuse' (the CLI) or ask with a warning (the app, default). */
  otherKeyType?: 'refuse' | 'ask';
  /** Collect from this directory on the VM instead of `/` (a rescue VM's mounted OS disk; tests). */
  remoteRoot?: string;
  /** Output path (CLI `--out`); default `<bundlesDir>/<host>-<UTC>.tar.gz`. */
  outPath?: string;
  /** Default size cap of the compressed stream. */
  maxBytes?: number;
  /** Cap of the uncompressed bytes written to disk (default: the ingest total cap), lowered to the free space. */
  maxPlainBytes?: number;
  /** Free bytes on the disk holding `dir` (tests replace it). */
  freeBytes?: (dir: string) => Promise<number>;
  /** Try ~/.ssh/id_* when no identity is given (default true). */
  defaultIdentities?: boolean;
  /** Which live checks to run (default all). */
  probeFilter?: (name: string) => boolean;
  /** Diagnostic log (already scrubbed). */
  log?: (line: string) => void;
}

const DEFAULT_MAX_BYTES = 512 * 1024 * 1024;

/** Left free beside the staged files: the bundle tar.gz written from them (at most the compressed cap) and a margin. */
const FREE_MARGIN = 64 * 1024 * 1024;

/**
 * How many uncompressed bytes a collection may write: the ingest budget (what opening the bundle would
 * take anyway), lowered so the staged files, the bundle made from them and a margin fit the free space.
 */
export function plainCapFor(free: number, maxBytes: number, ingestCap: number): { cap: number; byDisk: boolean } {
  const room = free - maxBytes - FREE_MARGIN;
  return room < ingestCap ? { cap: Math.max(0, room), byDisk: true } : { cap: ingestCap, byDisk: false };
}

async function freeBytesOf(dir: string): Promise<number> {
  const s = await statfs(dir);
  return s.bavail * s.bsize;
}

interface CommandLog {
  purpose: string;
  command: string;
  exitCode: number | null;
  durationMs: number;
  error?: string;
}

/** SSH collection from a live VM: connect (hops, host keys, auth) → live checks → root tar stream → local bundle. */
export function createSshCollector(opts: SshCollectorOptions): SshCollector {
  let current: AbortController | undefined;
  return {
    collect: async (req, io) => {
      const ac = new AbortController();
      current = ac;
      try {
        return await collect(req, io, opts, ac.signal);
      } finally {
        if (current === ac) current = undefined;
      }
    },
    cancel: () => current?.abort(),
  };
}

async function collect(
  req: SshCollectRequest,
  io: { prompt: (p: SshPrompt) => Promise<SshAnswer>; progress: (p: SshProgress) => void },
  opts: SshCollectorOptions,
  signal: AbortSignal,
): Promise<{ bundlePath: string; incomplete: boolean; message?: string; note?: SshNote }> {
  const scrubber = new SecretScrubber();
  const scrub = (s: string) => scrubber.scrub(s);
  const log = (s: string) => opts.log?.(scrub(s));
  const progress = (p: SshProgress) => io.progress({ ...p, message: scrub(p.message), ...(p.note ? { note: scrubNote(p.note, scrub) } : {}) });
  // A cancel must also end a question the user never answers.
  const prompt = (p: Omit<SshPrompt, 'id'>) =>
    new Promise<SshAnswer>((resolve, reject) => {
      const no = () => resolve({ id: '', accept: false });
      if (signal.aborted) return no();
      signal.addEventListener('abort', no, { once: true });
      io.prompt({ ...p, id: randomUUID() }).then(
        (a) => {
          signal.removeEventListener('abort', no);
          resolve(a);
        },
        (e: unknown) => {
          signal.removeEventListener('abort', no);
          reject(e instanceof Error ? e : new Error(String(e)));
        },
      );
    });
  let sudoPassword: Buffer | undefined;
  let hops: Hop[] = [];
  const startedAt = new Date();
  try {
    const cfg = opts.sshConfigFile === null ? undefined : loadSshConfig(opts.sshConfigFile ?? join(homedir(), '.ssh', 'config'));
    const resolved = resolveTarget(req.target, cfg);
    const agent = process.platform === 'win32' ? 'pageant' : process.env.SSH_AUTH_SOCK;
    const auth: AuthOptions = { useAgent: req.target.useAgent ?? true, agent, allowPassword: req.target.allowPassword ?? false, defaultIdentities: opts.defaultIdentities ?? true };
    hops = await connectChain(
      [...resolved.jumps, resolved.target],
      { userKnownHosts: opts.userKnownHosts ?? [join(homedir(), '.ssh', 'known_hosts')], appKnownHosts: opts.knownHostsFile ?? join(opts.appDataDir, 'known_hosts'), acceptNew: opts.acceptNew, otherKeyType: opts.otherKeyType },
      auth,
      { prompt, progress, log },
      scrubber,
      signal,
    );
    const target = hops[hops.length - 1];
    const client = target.client;
    const commands: CommandLog[] = [];
    let lost: SshNote | undefined;
    client.on('close', () => (lost ??= msg('ssh.connection-closed')));
    client.on('error', (e: Error) => (lost ??= foreign(scrub(e.message))));

    // Live checks: read-only, unprivileged, each bounded in time, a few at once (sshd allows 10 sessions).
    progress({ stage: 'probing', ...say(msg('ssh.probing')) });
    const specs = PROBES.filter((p) => opts.probeFilter?.(p.name) ?? true);
    const probes: ProbeResult[] = new Array(specs.length);
    let nextProbe = 0;
    const worker = async () => {
      while (nextProbe < specs.length && !signal.aborted && !lost) {
        const i = nextProbe++;
        const p = specs[i];
        const t0 = Date.now();
        const secs = Math.ceil(p.timeoutMs / 1000);
        const command = `if command -v timeout >/dev/null 2>&1; then timeout ${secs} sh -c ${shellQuote(p.script)}; else sh -c ${shellQuote(p.script)}; fi`;
        const r = await execBuffered(client, command, { timeoutMs: p.timeoutMs + 2000 });
        const durationMs = Date.now() - t0;
        commands.push({ purpose: `probe ${p.name}`, command: `sh -c <probe ${p.name}>`, exitCode: r.code, durationMs, error: r.error && scrubber.scrub(r.error) });
        probes[i] = interpretProbe({ name: p.name, stdout: scrubber.scrub(r.stdout), exitCode: r.code, durationMs, error: r.code === 124 ? PROBE_TIMED_OUT : r.error, receivedAtMs: Date.now() });
        log(`probe ${p.name}: ${probes[i].detail}`);
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    if (signal.aborted) throw new SshError(msg('ssh.cancelled'));

    // Privilege: /var/lib/waagent is root-only.
    if (lost) throw new SshError(msg('ssh.lost-in-checks', { why: lost }));
    // the sudo password joins the scrubber like the login secrets: nothing this collection logs may carry it
    const sudoPrompt: typeof prompt = async (req) => {
      const answer = await prompt(req);
      answer.values?.forEach((v) => scrubber.add(v));
      return answer;
    };
    const privilege = await choosePrivilege(client, sudoPrompt, target.endpoint.user, target.endpoint.host, (pw) => (sudoPassword = pw), commands, log);
    log(`privilege: ${privilege}`);

    // Collection.
    progress({ stage: 'collecting', ...say(msg('ssh.collecting', { root: privilege !== 'none' })), bytes: 0 });
    await mkdir(opts.bundlesDir, { recursive: true });
    const staging = await mkdtemp(join(opts.bundlesDir, '.collect-'));
    try {
      const script = collectScript(opts.remoteRoot ?? '/');
      const command = privileged(script, privilege);
      const maxBytes = req.maxBytes ?? opts.maxBytes ?? DEFAULT_MAX_BYTES;
      const free = await (opts.freeBytes ?? freeBytesOf)(opts.bundlesDir);
      const plain = plainCapFor(free, maxBytes, opts.maxPlainBytes ?? DEFAULT_LIMITS.maxTotalBytes);
      if (plain.cap <= 0) throw new SshError(msg('ssh.no-space', { dir: opts.bundlesDir, free, need: maxBytes + FREE_MARGIN }));
      const capReason = plain.byDisk ? msg('ssh.stop-disk', { dir: opts.bundlesDir, free, cap: plain.cap }) : msg('ssh.stop-plain-cap', { cap: plain.cap });
      let stopCollect: (why: SshNote) => void = () => undefined;
      const receiver = new TarReceiver(staging, plain.cap, () => stopCollect(capReason));
      const t0 = Date.now();
      const stream = await streamCollect(client, command, privilege === 'sudo-password' ? sudoPassword : undefined, receiver, maxBytes, signal, progress, () => lost, (f) => (stopCollect = f));
      sudoPassword?.fill(0);
      const reasonNote = stream.reason ? scrubNote(stream.reason, scrub) : undefined;
      // manifest.json and the command log keep the English reason they always had
      const reason = reasonNote ? renderAnalysis(reasonNote, 'en') : undefined;
      commands.push({ purpose: 'collect', command: privileged('<collect script: see collectScript in the app>', privilege), exitCode: stream.exitCode, durationMs: Date.now() - t0, error: reason });
      if (signal.aborted) throw new SshError(msg('ssh.cancelled'));
      const received = stream.received;
      const incomplete = stream.incomplete;
      if (received.files.length === 0 && !incomplete) {
        const why: SshNote =
          stream.exitCode === 4
            ? msg('ssh.none-expected')
            : (reasonNote ??
              (received.warnings.length > 0
                ? msg('ssh.not-targz', { warning: scrub(received.warnings[0]).slice(0, 200) })
                : msg('ssh.tar-exit', { code: stream.exitCode, stderr: scrub(stream.stderr).slice(0, 300) })));
        throw new SshError(msg('ssh.nothing-collected', { why }));
      }

      progress({ stage: 'saving', ...say(msg('ssh.saving')) });
      const collectedAt = startedAt.toISOString();
      const probesJson = formatProbesJson(probes.filter(Boolean), collectedAt);
      const manifest = {
        schemaVersion: 1,
        tool: 'vmbackup-doctor',
        toolVersion: TOOL_VERSION,
        host: target.endpoint.host,
        alias: target.endpoint.alias !== target.endpoint.host ? target.endpoint.alias : undefined,
        port: target.endpoint.port,
        user: target.endpoint.user,
        hostKeyFingerprint: target.fingerprint,
        jumps: hops.slice(0, -1).map((h) => ({ host: h.endpoint.host, port: h.endpoint.port, user: h.endpoint.user, hostKeyFingerprint: h.fingerprint })),
        collectedAt,
        finishedAt: new Date().toISOString(),
        privilege,
        remoteRoot: opts.remoteRoot && opts.remoteRoot !== '/' ? opts.remoteRoot : undefined,
        commands,
        compressedBytes: stream.bytes,
        files: received.files,
        dropped: received.dropped,
        warnings: [...received.warnings, ...(stream.stderr.trim() ? [`tar: ${scrubber.scrub(stream.stderr.trim()).slice(0, 2000)}`] : [])],
        incomplete,
        reason,
      };
      await writeFile(join(staging, 'probes.json'), scrubber.scrub(probesJson), { mode: 0o600 });
      await writeFile(join(staging, 'manifest.json'), `${scrubber.scrub(JSON.stringify(manifest, null, 2))}\n`, { mode: 0o600 });
      const out = opts.outPath ?? join(opts.bundlesDir, `${safeName(target.endpoint.alias)}-${stamp(startedAt)}.tar.gz`);
      const part = `${out}.part`;
      await tarCreate({ gzip: true, cwd: staging, file: part, portable: true, mode: 0o600 } as Parameters<typeof tarCreate>[0] & { file: string }, [
        'manifest.json',
        'probes.json',
        ...received.files.map((f) => f.path),
      ]);
      await rename(part, out);
      const size = (await stat(out)).size;
      const note = incomplete ? msg('ssh.incomplete', { reason: reasonNote ?? msg('ssh.stop-cancelled'), files: received.files.length }) : undefined;
      progress({ stage: 'done', ...say(msg('ssh.saved', { path: out, bytes: size, files: received.files.length })), bytes: stream.bytes });
      log(`saved ${out}${incomplete ? ` (incomplete: ${reason})` : ''}`);
      return { bundlePath: out, incomplete, ...(note ? say(note) : {}) };
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  } catch (e) {
    const note: SshNote = signal.aborted ? msg('ssh.cancelled') : e instanceof SshError ? scrubNote(e.note, scrub) : foreign(scrub((e as Error).message));
    const said = say(note);
    progress({ stage: 'failed', ...said });
    log(`failed: ${said.message}`);
    // A fresh error: ssh2's errors can carry the config (and so a password) in their properties.
    if (e instanceof HostKeyError) throw new HostKeyError(note, e.host, e.offered, e.known);
    // the cause is dropped on purpose (it may hold secrets)
    throw new SshError(note);
  } finally {
    sudoPassword?.fill(0);
    for (const h of [...hops].reverse()) h.client.end();
    scrubber.clear();
  }
}

/** root → no sudo; `sudo -n true` → NOPASSWD (or cached); else ask, and check the password with `sudo -S -p '' true`. */
async function choosePrivilege(
  client: Hop['client'],
  prompt: (p: Omit<SshPrompt, 'id'>) => Promise<SshAnswer>,
  user: string,
  host: string,
  keep: (pw: Buffer) => void,
  commands: CommandLog[],
  log: (s: string) => void,
): Promise<Privilege> {
  const run = async (purpose: string, command: string, stdin?: Buffer) => {
    const t0 = Date.now();
    const r = await execBuffered(client, command, { timeoutMs: 15000, stdin });
    commands.push({ purpose, command, exitCode: r.code, durationMs: Date.now() - t0 });
    return r;
  };
  const id = await run('who am I', 'id -u');
  if (id.stdout.trim() === '0') return 'root';
  const n = await run('sudo without password', 'sudo -n true');
  if (n.code === 0) return 'sudo-nopasswd';
  for (let attempt = 0; attempt < 3; attempt++) {
    const a = await prompt({ kind: 'sudo-password', host, ...say(msg('ssh.ask-sudo', { user, host, retry: attempt > 0 })) });
    const value = a.accept ? a.values?.[0] : undefined;
    if (value === undefined) {
      log('sudo password not given: collecting without root');
      return 'none';
    }
    const pw = Buffer.from(`${value}\n`, 'utf8');
    const probe = Buffer.from(pw);
    const r = await run('sudo with password', `sudo -S -p '' true`, probe);
    probe.fill(0);
    if (r.code === 0) {
      keep(pw);
      return 'sudo-password';
    }
    pw.fill(0);
    if (/not in the sudoers|not allowed|may not run sudo/i.test(r.stderr)) {
      log(`${user} may not use sudo: collecting without root`);
      return 'none';
    }
  }
  return 'none';
}

interface StreamOutcome {
  received: ReceiveResult;
  bytes: number;
  exitCode: number | null;
  stderr: string;
  incomplete: boolean;
  reason?: SshNote;
}

/** Streams the remote tar.gz into the receiver, with byte progress, the size cap and cancel. */
function streamCollect(
  client: Hop['client'],
  command: string,
  stdin: Buffer | undefined,
  receiver: TarReceiver,
  maxBytes: number,
  signal: AbortSignal,
  progress: (p: SshProgress) => void,
  lost: () => SshNote | undefined,
  onStop: (stop: (why: SshNote) => void) => void,
): Promise<StreamOutcome> {
  return new Promise((resolve) => {
    let bytes = 0;
    let exitCode: number | null = null;
    let stderr = '';
    let reason: SshNote | undefined;
    let lastProgress = 0;
    let ended = false;
    const end = async () => {
      if (ended) return;
      ended = true;
      signal.removeEventListener('abort', onAbort);
      const received = await receiver.finish();
      if (!reason && exitCode === null) reason = msg('ssh.stop-lost', { bytes, why: lost() });
      if (!reason && exitCode !== null && exitCode > 1 && exitCode !== 4) reason = msg('ssh.stop-tar-status', { code: exitCode });
      resolve({ received, bytes, exitCode, stderr, incomplete: !!reason, reason });
    };
    const onAbort = () => {
      reason = msg('ssh.stop-cancelled');
      void end();
    };
    signal.addEventListener('abort', onAbort, { once: true });
    client.exec(command, (err, ch) => {
      if (err) {
        reason = msg('ssh.stop-no-start', { error: err.message });
        return void end();
      }
      signal.addEventListener('abort', () => ch.close(), { once: true });
      // the receiver's uncompressed cap: stop reading, keep the members that arrived whole
      onStop((why) => {
        reason ??= why;
        ch.close();
        void end();
      });
      ch.on('data', (c: Buffer) => {
        if (ended) return;
        if (bytes + c.length > maxBytes) {
          receiver.write(c.subarray(0, Math.max(0, maxBytes - bytes)));
          bytes = maxBytes;
          reason = msg('ssh.stop-size-cap', { max: maxBytes });
          ch.close();
          return void end();
        }
        bytes += c.length;
        if (!receiver.write(c)) {
          ch.pause();
          receiver.onDrain(() => ch.resume());
        }
        const now = Date.now();
        if (now - lastProgress > 200) {
          lastProgress = now;
          progress({ stage: 'collecting', ...say(msg('ssh.received', { bytes })), bytes });
        }
      });
      ch.stderr.on('data', (c: Buffer) => {
        if (stderr.length < 64 * 1024) stderr += c.toString('utf8');
      });
      ch.on('exit', (code: number | null) => {
        exitCode = code;
      });
      ch.on('close', () => void end());
      ch.on('error', (e: Error) => {
        reason ??= foreign(e.message);
        void end();
      });
      if (stdin) ch.end(stdin);
      else ch.end();
    });
    client.once('close', () => void end());
  });
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function safeName(host: string): string {
  return host.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80) || 'vm';
}

function stamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}
