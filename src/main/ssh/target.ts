import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import SSHConfig from 'ssh-config';
import { msg } from '../../shared/i18n/analysis';
import { SshError } from './note';

/** One SSH endpoint after `~/.ssh/config` has been applied. */
export interface Endpoint {
  /** The name the user typed (an alias or a host); host keys are checked against `host`, the real name. */
  alias: string;
  host: string;
  port: number;
  user: string;
  identityFiles: string[];
}

export interface ResolvedTarget {
  target: Endpoint;
  /** Hops in order, first = the one we dial directly. */
  jumps: Endpoint[];
}

/** `user@host[:port]`, `ssh://user@host[:port]`, `[v6]:port`. */
export function parseDestination(s: string): { user?: string; host: string; port?: number } {
  let rest = s.trim().replace(/^ssh:\/\//i, '').replace(/\/$/, '');
  let user: string | undefined;
  const at = rest.lastIndexOf('@');
  if (at >= 0) {
    user = decodeURIComponent(rest.slice(0, at));
    rest = rest.slice(at + 1);
  }
  let host = rest;
  let port: number | undefined;
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(rest);
  if (v6) {
    host = v6[1];
    port = v6[2] ? Number(v6[2]) : undefined;
  } else {
    const m = /^([^:]+):(\d+)$/.exec(rest);
    if (m) {
      host = m[1];
      port = Number(m[2]);
    }
  }
  if (!host || /[\s/]/.test(host)) throw new SshError(msg('ssh.bad-destination', { dest: s }));
  if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535)) throw new SshError(msg('ssh.bad-port', { dest: s }));
  return { user, host, port };
}

function expandHome(p: string): string {
  return p.startsWith('~/') ? join(homedir(), p.slice(2)) : p;
}

export function loadSshConfig(path = join(homedir(), '.ssh', 'config')): SSHConfig | undefined {
  try {
    return SSHConfig.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/** Applies the effective ssh config for one name; explicit values win over the config, as with `ssh -p/-l/-i`. */
export function resolveEndpoint(
  dest: { user?: string; host: string; port?: number },
  cfg: SSHConfig | undefined,
  explicit: { identityFile?: string } = {},
): Endpoint & { proxyJump?: string } {
  const c = cfg ? cfg.compute(dest.host) : {};
  const hostName = first(c.HostName)?.replace(/%h/g, dest.host) ?? dest.host;
  const port = dest.port ?? (Number(first(c.Port)) || 22);
  const user = dest.user ?? first(c.User) ?? process.env.USER ?? process.env.USERNAME ?? 'root';
  const idf = c.IdentityFile === undefined ? [] : Array.isArray(c.IdentityFile) ? c.IdentityFile : [c.IdentityFile];
  const identityFiles = [...(explicit.identityFile ? [explicit.identityFile] : []), ...idf].map(expandHome);
  const pj = first(c.ProxyJump);
  return { alias: dest.host, host: hostName, port, user, identityFiles, proxyJump: pj && pj.toLowerCase() !== 'none' ? pj : undefined };
}

/**
 * The whole chain: explicit jumps (`--jump`, the dialog) win over the config's ProxyJump, like OpenSSH's `-J`.
 * Each hop is resolved through the config on its own name, so aliases work for hops too.
 */
export function resolveTarget(
  req: { host: string; port?: number; user?: string; identityFile?: string; jump?: string[] },
  cfg: SSHConfig | undefined,
): ResolvedTarget {
  const dest = parseDestination(req.host);
  const target = resolveEndpoint({ user: req.user ?? dest.user, host: dest.host, port: req.port ?? dest.port }, cfg, { identityFile: req.identityFile });
  const jumpSpecs = req.jump && req.jump.length > 0 ? req.jump.flatMap((j) => j.split(',')).map((j) => j.trim()).filter(Boolean) : (target.proxyJump?.split(',') ?? []);
  if (jumpSpecs.length > 8) throw new SshError(msg('ssh.too-many-jumps'));
  const jumps = jumpSpecs.map((j) => {
    // The identity chosen for the target is offered to every hop too (after the hop's own config keys).
    const e = resolveEndpoint(parseDestination(j), cfg);
    if (req.identityFile) e.identityFiles.push(req.identityFile);
    return { alias: e.alias, host: e.host, port: e.port, user: e.user, identityFiles: e.identityFiles };
  });
  return { target: { alias: target.alias, host: target.host, port: target.port, user: target.user, identityFiles: target.identityFiles }, jumps };
}
