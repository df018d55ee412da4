/**
 * Redaction for everything that leaves the app (reports, exports, copied text). Pure: no Node, no DOM,
 * so the renderer and main share it.
 *
 * Two layers:
 * - secrets are always replaced by `<redacted>` (SAS query strings, `sig=`, protectedSettings, the backup
 *   extension's `snapshotTaskToken` and DD snapshot `token`, passwords, storage account keys);
 * - optional pseudonyms replace identifying values (hostnames, IPs, user names, subscription ids) with
 *   stable stand-ins (`host-1`, `ipv4-1`, …): the same input maps to the same pseudonym for the lifetime
 *   of one redactor, i.e. within one report, so lines stay comparable.
 *
 * Every rule is idempotent (a redacted value never matches again), so redact(redact(x)) = redact(x).
 */

export const REDACTED = '<redacted>';

/** Values that must never be pseudonymized: Azure constants the diagnosis depends on, and loopback. */
const KEEP_IPS = new Set(['168.63.129.16', '169.254.169.254', '127.0.0.1', '0.0.0.0', '255.255.255.255']);
const KEEP_USERS = new Set(['root', 'daemon', 'nobody', 'syslog', 'bin', 'sys', 'user', 'users', 'admin', 'redacted']);
const KEEP_HOSTS = new Set(['localhost', 'localhost.localdomain', 'redacted']);

/** A value that is not already our marker (keeps every rule idempotent). */
const V = `(?!${REDACTED})`;

/**
 * Secret rules, applied in order. Value classes stop at quotes, `<`, `&` and whitespace so the text
 * around a secret (JSON punctuation, XML tags, the rest of a URL) survives.
 */
const SECRET_RULES: readonly [RegExp, string | ((...m: string[]) => string)][] = [
  // The guest agent's own SAS rule (textutil.SAS_TOKEN_RE), for http too: everything after the `?`.
  [new RegExp(`(https?://[^\\s"'<>?]+\\?)${V}((?:sv|st|se|sr|sp|sip|spr|sig|skoid|sktid|skt|ske|sks|skv|ss|srt|si|sdd)=[^\\s"'<>]+)`, 'gi'), `$1${REDACTED}`],
  // Any other signature parameter (exception texts log URLs verbatim, sometimes URL-encoded).
  [new RegExp(`((?:(?<![a-z])|(?<=%3F|%26))sig(?:=|%3D))${V}[^\\s&"'<>]+`, 'gi'), `$1${REDACTED}`],
  // protectedSettings in JSON (string value, possibly unterminated in a truncated line) ...
  [new RegExp(`("protectedSettings"\\s*:\\s*")${V}(?:[^"\\\\]|\\\\.)*("|$)`, 'gim'), `$1${REDACTED}$2`],
  // ... as an object value (one nesting level is all the handler settings use) ...
  [/("protectedSettings"\s*:\s*)\{(?:[^{}]|\{[^{}]*\})*\}?/gi, `$1"${REDACTED}"`],
  // ... XML-escaped JSON inside ExtensionsConfig ...
  [new RegExp(`(&quot;protectedSettings&quot;\\s*:\\s*&quot;)${V}.*?(&quot;|$)`, 'gim'), `$1${REDACTED}$2`],
  // ... and element / attribute forms.
  [new RegExp(`(<(ProtectedSettings)\\b[^>]*>)${V}[\\s\\S]*?(</\\2>|$)`, 'gi'), `$1${REDACTED}$3`],
  [new RegExp(`(\\bprotectedSettings\\s*=\\s*")${V}[^"]*("|$)`, 'gim'), `$1${REDACTED}$2`],
  // The backup extension logs `snapshotTaskToken : <token>`; the host request body has it as JSON.
  [new RegExp(`("snapshotTaskToken"\\s*:\\s*")${V}(?:[^"\\\\]|\\\\.)*("|$)`, 'gim'), `$1${REDACTED}$2`],
  [new RegExp(`(\\bsnapshotTaskToken\\s*[:=]\\s*)${V}[^\\s,"'<>]+`, 'gi'), `$1${REDACTED}`],
  // DD snapshot identifier: `creationTime : …, id : …, token : <token>, …`.
  [new RegExp(`(\\btoken\\s*:\\s*)${V}[^\\s,"'<>]+`, 'gi'), `$1${REDACTED}`],
  // Passwords: XML elements, JSON members, key=value (keys ending in "password").
  [new RegExp(`(<(\\w*Password)\\b[^>]*>)${V}[\\s\\S]*?(</\\2>|$)`, 'gi'), `$1${REDACTED}$3`],
  [new RegExp(`("\\w*password"\\s*:\\s*")${V}(?:[^"\\\\]|\\\\.)*("|$)`, 'gim'), `$1${REDACTED}$2`],
  [new RegExp(`((?<![\\w.-])(?![\\w.-]*DeleteRootPassword\\b)[\\w.-]*password\\s*[=:]\\s*)${V}[^\\s,;&"'<>]+`, 'gi'), `$1${REDACTED}`],
  // Storage connection strings and bare 64-byte base64 account keys (88 characters ending in ==).
  [new RegExp(`(\\bAccountKey\\s*=\\s*)${V}[^;\\s"'<>]+`, 'gi'), `$1${REDACTED}`],
  [/(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{86}==(?![A-Za-z0-9+/=])/g, REDACTED],
];

const BASE64_KEY = /(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{86}==/;

/**
 * Every rule needs one of these words or an 88-character key, so ordinary lines skip the rule list.
 * Plain `includes` is ~10× faster than one case-insensitive alternation regex (reports redact every
 * string of a result: tens of thousands of lines).
 */
function mayHoldSecret(s: string): boolean {
  const l = s.toLowerCase();
  return (
    l.includes('sig') || l.includes('sv=') || l.includes('protectedsettings') || l.includes('token') || l.includes('password') || l.includes('accountkey') || (s.length >= 88 && s.includes('==') && BASE64_KEY.test(s))
  );
}

/** Replaces secrets by `<redacted>`. Cheap when there is nothing to do (one prefilter test). */
export function redactSecrets(s: string): string {
  if (!mayHoldSecret(s)) return s;
  let out = s;
  for (const [re, rep] of SECRET_RULES) out = out.replace(re, rep as string);
  return out;
}

export interface RedactOptions {
  /** Also replace hostnames, IPs, user names and subscription ids with consistent pseudonyms. */
  pseudonymize?: boolean;
  /** Hostnames known from the bundle (the VM's hostname); more are learned with `learn`. */
  hostnames?: string[];
  /** User names known from the bundle; more are learned with `learn` (`/home/<user>`, `user=`). */
  users?: string[];
}

export interface Redactor {
  /** Redacts one string (secrets always; pseudonyms when enabled). */
  (s: string): string;
  /** Secrets only: for catalogue texts and versions that pseudonym heuristics could mangle. */
  secrets(s: string): string;
  /** Learns hostnames/user names from a string before redacting, so all strings use the same map. */
  learn(s: string): void;
  readonly pseudonymize: boolean;
  /** How many distinct values got a pseudonym, per category (for the report's redaction notice). */
  counts(): Record<'host' | 'ipv4' | 'ipv6' | 'user' | 'subscription', number>;
}

// Versions look like addresses (`2.9.1.1`, `version="1.0.0.0"`): a preceding "version" keeps them.
const IPV4 = /(?<![\w.-])(?<![Vv]ersion["']?\s{0,2}[:=]?\s{0,2}["']?)((?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3})(?![\w-]|\.\d)/g;
// Full 8-group form, or a compressed form with `::` (times like 22:16:48 and MAC addresses never match).
const IPV6 = /(?<![\w:.])((?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}|(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,6})?::(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,6})?)(?![\w:.])/gi;
const SUBSCRIPTION = /(\/subscriptions\/)([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/gi;
const USER_HINTS = /(?:\/home\/|\buser(?:name)?\s*[=:]\s*|\bfor user\s+|\buser account:?\s+|<UserName>)([a-z_][a-z0-9_.-]{0,31})/gi;
const HOST_HINTS = /(?:\bhost ?name\s*[=:]\s*|<HostName>|\bset hostname\s+)([A-Za-z0-9][A-Za-z0-9.-]{1,62})/gi;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A redactor for one report (pseudonyms are consistent within it). */
export function createRedactor(opts: RedactOptions = {}): Redactor {
  const pseudonymize = opts.pseudonymize === true;
  const maps = { host: new Map<string, string>(), ipv4: new Map<string, string>(), ipv6: new Map<string, string>(), user: new Map<string, string>(), subscription: new Map<string, string>() };
  const hosts = new Set<string>();
  const users = new Set<string>();
  let nameRe: RegExp | null = null;
  let nameList: string[] = [];
  let dirty = true;

  const pseudo = (kind: keyof typeof maps, value: string, prefix: string) => {
    const key = value.toLowerCase();
    let p = maps[kind].get(key);
    if (!p) {
      p = `${prefix}-${maps[kind].size + 1}`;
      maps[kind].set(key, p);
    }
    return p;
  };
  const addHost = (h: string) => {
    const v = h.trim().toLowerCase();
    if (v.length < 2 || KEEP_HOSTS.has(v) || /^(?:host|user|ipv[46]|sub)-\d+$/.test(v)) return;
    if (!hosts.has(v)) {
      hosts.add(v);
      // The short name of an FQDN is the same machine.
      const short = v.split('.')[0];
      if (short.length >= 2 && short !== v) hosts.add(short);
      dirty = true;
    }
  };
  const addUser = (u: string) => {
    const v = u.toLowerCase();
    if (v.length < 2 || KEEP_USERS.has(v) || /^(?:host|user|ipv[46]|sub)-\d+$/.test(v)) return;
    if (!users.has(v)) {
      users.add(v);
      dirty = true;
    }
  };
  for (const h of opts.hostnames ?? []) addHost(h);
  for (const u of opts.users ?? []) addUser(u);

  // One alternation for all known names, longest first so an FQDN wins over its short name.
  const names = () => {
    if (dirty) {
      const all = [...[...hosts].map((h) => ({ v: h, k: 'host' as const })), ...[...users].map((u) => ({ v: u, k: 'user' as const }))].sort((a, b) => b.v.length - a.v.length);
      nameList = all.map((a) => a.v);
      nameRe = all.length ? new RegExp(`(?<![\\w-])(${all.map((a) => escapeRe(a.v)).join('|')})(?![\\w-])`, 'gi') : null;
      dirty = false;
    }
    return nameRe;
  };

  const pseudonyms = (s: string): string => {
    // Cheap `includes` guards first: most strings hold none of these, and the regexes are the cost.
    const low = s.toLowerCase();
    let out = low.includes('/subscriptions/') ? s.replace(SUBSCRIPTION, (_m, pre: string, id: string) => `${pre}${pseudo('subscription', id, 'sub')}`) : s;
    if (/\d\.\d/.test(out)) out = out.replace(IPV4, (m: string) => (KEEP_IPS.has(m) ? m : pseudo('ipv4', m, 'ipv4')));
    if (out.includes('::') || (out.includes(':') && /(?:[0-9a-f]{1,4}:){7}/i.test(out))) {
      out = out.replace(IPV6, (m: string) => (m === '::' || m === '::1' || !/[0-9a-f]/i.test(m) ? m : pseudo('ipv6', m, 'ipv6')));
    }
    const re = names();
    if (re && nameList.some((n) => low.includes(n))) out = out.replace(re, (m: string) => (hosts.has(m.toLowerCase()) ? pseudo('host', m, 'host') : pseudo('user', m, 'user')));
    return out;
  };

  const redactor = ((s: string) => {
    const r = redactSecrets(s);
    return pseudonymize ? pseudonyms(r) : r;
  }) as Redactor;
  redactor.secrets = redactSecrets;
  redactor.learn = (s: string) => {
    if (!pseudonymize || !s) return;
    const low = s.toLowerCase();
    if (low.includes('home/') || low.includes('user')) for (const m of s.matchAll(USER_HINTS)) addUser(m[1].replace(/[.-]+$/, ''));
    if (low.includes('host')) for (const m of s.matchAll(HOST_HINTS)) addHost(m[1].replace(/[.-]+$/, ''));
  };
  Object.defineProperty(redactor, 'pseudonymize', { value: pseudonymize });
  redactor.counts = () => ({ host: maps.host.size, ipv4: maps.ipv4.size, ipv6: maps.ipv6.size, user: maps.user.size, subscription: maps.subscription.size });
  return redactor;
}
