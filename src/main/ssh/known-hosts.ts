import { createHash, createHmac, randomBytes } from 'node:crypto';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * OpenSSH known_hosts, read-only for the user's file and append-only for the app's own (TOFU).
 * ssh2 auto-accepts every host key unless `hostVerifier` decides (ssh2's documented default), so this module
 * is what stands between the collector and a man in the middle.
 */

export interface KnownHostEntry {
  marker?: 'revoked' | 'cert-authority';
  /** Plain patterns (`host`, `[host]:port`, wildcards, `!negation`), or one hashed `|1|salt|hash`. */
  hosts: string[];
  keyType: string;
  key: Buffer;
  file: string;
  line: number;
}

/** `SHA256:<base64 without padding>`, exactly what `ssh-keygen -lf` prints. */
export function fingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/={1,2}$/, '')}`;
}

/** The key type written inside the blob itself (`ssh-ed25519`, `ecdsa-sha2-nistp256`, ...). */
export function keyTypeOf(blob: Buffer): string {
  if (blob.length < 4) return 'unknown';
  const n = blob.readUInt32BE(0);
  if (n <= 0 || n > 64 || 4 + n > blob.length) return 'unknown';
  return blob.subarray(4, 4 + n).toString('latin1');
}

/** The name known_hosts uses for a host: plain on port 22, `[host]:port` otherwise. */
export function hostKeyName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

export function parseKnownHosts(text: string, file: string): KnownHostEntry[] {
  const out: KnownHostEntry[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].trim();
    if (!raw || raw.startsWith('#')) continue;
    const parts = raw.split(/\s+/);
    let marker: KnownHostEntry['marker'];
    if (parts[0].startsWith('@')) {
      const m = parts.shift()!;
      if (m === '@revoked') marker = 'revoked';
      else if (m === '@cert-authority') marker = 'cert-authority';
      else continue; // an unknown marker: OpenSSH ignores the line, so do we
    }
    if (parts.length < 3) continue;
    const [hostField, keyType, b64] = parts;
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) continue;
    const key = Buffer.from(b64, 'base64');
    // A line whose blob does not name its own type is corrupt; never let it match anything.
    if (keyTypeOf(key) !== keyType) continue;
    out.push({ marker, hosts: hostField.split(','), keyType, key, file, line: i + 1 });
  }
  return out;
}

function globMatch(pattern: string, name: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return re.test(name);
}

/** Does one entry's host field name `name` (already `[host]:port` for non-22 ports)? */
export function entryMatches(entry: KnownHostEntry, name: string): boolean {
  let positive = false;
  for (const h of entry.hosts) {
    if (h.startsWith('|1|')) {
      const [, , salt, hash] = h.split('|');
      if (!salt || !hash) continue;
      const mac = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64');
      if (mac === hash) positive = true;
    } else if (h.startsWith('!')) {
      if (globMatch(h.slice(1), name)) return false;
    } else if (globMatch(h, name)) positive = true;
  }
  return positive;
}

export type HostKeyVerdict =
  | { status: 'known'; entry: KnownHostEntry }
  | { status: 'unknown'; otherTypes: string[] }
  | { status: 'changed'; known: KnownHostEntry }
  | { status: 'revoked'; entry: KnownHostEntry };

/** What the host-key check does with a verdict. */
export type HostKeyAction = 'accept' | 'refuse' | 'ask' | 'ask-warn' | 'trust';

/**
 * The decision, apart from the connection so it can be tested. A host known only by keys of other types
 * offering a new type is a changed key as far as trust goes: an attacker who cannot show the ed25519 key
 * simply offers RSA. `acceptNew` and the CLI (`otherKeyType: 'refuse'`) refuse it; the app asks, warning.
 */
export function hostKeyAction(v: HostKeyVerdict, policy: { acceptNew?: boolean; otherKeyType?: 'refuse' | 'ask' }): HostKeyAction {
  if (v.status === 'known') return 'accept';
  if (v.status === 'revoked' || v.status === 'changed') return 'refuse';
  if (v.otherTypes.length > 0) return policy.acceptNew || policy.otherKeyType === 'refuse' ? 'refuse' : 'ask-warn';
  return policy.acceptNew ? 'trust' : 'ask';
}

/** Compares the offered key (type + blob) with every entry for `name`. */
export function checkHostKey(entries: KnownHostEntry[], name: string, blob: Buffer): HostKeyVerdict {
  const type = keyTypeOf(blob);
  const mine = entries.filter((e) => e.marker !== 'cert-authority' && entryMatches(e, name));
  const revoked = entries.find((e) => e.marker === 'revoked' && e.key.equals(blob));
  if (revoked) return { status: 'revoked', entry: revoked };
  const same = mine.find((e) => !e.marker && e.key.equals(blob));
  if (same) return { status: 'known', entry: same };
  const changed = mine.find((e) => !e.marker && e.keyType === type);
  if (changed) return { status: 'changed', known: changed };
  return { status: 'unknown', otherTypes: [...new Set(mine.filter((e) => !e.marker).map((e) => e.keyType))] };
}

export async function loadKnownHosts(files: string[]): Promise<KnownHostEntry[]> {
  const all: KnownHostEntry[] = [];
  for (const f of files) {
    try {
      all.push(...parseKnownHosts(await readFile(f, 'utf8'), f));
    } catch {
      // a missing known_hosts simply knows nothing
    }
  }
  return all;
}

/** Appends a hashed entry (like `HashKnownHosts yes`), so the app's file does not list the hosts an engineer visited. */
export async function rememberHostKey(file: string, name: string, blob: Buffer): Promise<void> {
  const salt = randomBytes(20);
  const hash = createHmac('sha1', salt).update(name).digest('base64');
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  await appendFile(file, `|1|${salt.toString('base64')}|${hash} ${keyTypeOf(blob)} ${blob.toString('base64')}\n`, { mode: 0o600 });
}
