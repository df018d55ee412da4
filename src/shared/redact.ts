/**
 * Redaction for everything that leaves the app (reports, exports, copied text). Pure: no Node, no DOM,
 * so the renderer and main share it.
 *
 * The one secret redactor: parsers (evidence and fact text), the SSH collector's scrubber, every export and
 * the CLI all use these rules, with one marker (`<redacted>`) and one keyword list (KEYWORD_LIST).
 *
 * Two layers:
 * - secrets are always replaced by `<redacted>`: SAS query strings and `sig=` (also URL-encoded twice),
 *   protectedSettings (string, object at any depth, XML), the backup extension's `snapshotTaskToken` and DD
 *   snapshot `token`, any key or JSON member named like a secret (password, passwd, pwd, secret,
 *   client_secret, token, access_token, sasToken, passphrase, SAS URIs), `Authorization: Bearer` and
 *   `Basic` credentials, JWTs, PEM private key blocks, `user:password@` in URLs, `AccountKey=`,
 *   `SharedAccessKey=` and bare 64-byte storage keys;
 * - optional pseudonyms replace identifying values (hostnames, IPs, user names, subscription ids) with
 *   stable stand-ins (`host-1`, `ipv4-1`, …): the same input maps to the same pseudonym for the lifetime
 *   of one redactor, i.e. within one report, so lines stay comparable.
 *
 * Every rule leaves its own marker alone (a redacted value never matches again), and redactSecrets repeats the rules
 * until nothing changes, so redact(redact(x)) = redact(x).
 */

import { replaceAt } from './replace-at';
import { escapeRegExp, firstCharAlternation } from './regexp';
import { milestoneRowsOf, type MilestoneRows } from './model/task-milestones';

export const REDACTED = '<redacted>';

/** Values that must never be pseudonymized: Azure constants the diagnosis depends on, and loopback. */
const KEEP_IPS = new Set(['168.63.129.16', '169.254.169.254', '127.0.0.1', '0.0.0.0', '255.255.255.255']);
const KEEP_USERS = new Set(['root', 'daemon', 'nobody', 'syslog', 'bin', 'sys', 'user', 'users', 'admin', 'redacted']);
const KEEP_HOSTS = new Set(['localhost', 'localhost.localdomain', 'redacted']);

/** A value that is not already our marker (keeps every rule idempotent). */
const V = `(?!${REDACTED})`;

/**
 * Every rule's match starts at, or a fixed distance before, one of these words (or ends in the `==` of
 * a base64 key). One case-insensitive pass finds them all; no word is a prefix of another, so each
 * position holds at most one. (One alternation over the text is ~3× faster than a pass per word.)
 */
const KEYWORD_LIST = [
  'http',
  'sig',
  'protectedsettings',
  'token',
  'password',
  'accountkey',
  'passwd',
  'pwd',
  'secret',
  'passphrase',
  'sasuri',
  'sas_uri',
  'bloburi',
  'accesskey',
  'objectstr',
  'customdata',
  'privatekey',
  'bearer',
  'basic',
  'eyj',
  '-----begin',
  '://',
] as const;
type Keyword = (typeof KEYWORD_LIST)[number];
const KEYWORD_FINDER = new RegExp(KEYWORD_LIST.join('|'), 'gi');

type Hits = Record<Keyword, number[]>;

export function keywordHits(s: string): Hits {
  // (keys added in one order every time: one hidden class, where Object.fromEntries made a dictionary per text)
  const hits = {} as Hits;
  for (let k = 0; k < KEYWORD_LIST.length; k++) hits[KEYWORD_LIST[k]] = [];
  KEYWORD_FINDER.lastIndex = 0;
  for (let m = KEYWORD_FINDER.exec(s); m; m = KEYWORD_FINDER.exec(s)) {
    hits[m[0].toLowerCase() as Keyword].push(m.index);
    KEYWORD_FINDER.lastIndex = m.index + 1;
  }
  return hits;
}

/** Where a rule's matches can start, ascending (see replaceAt); extra positions only cost a failed try. */
type Starts = (s: string, hits: Hits) => Iterable<number>;

/** The match starts `back` characters before the keyword (`"snapshotTaskToken"`: 13 before `token`). */
const at =
  (word: Keyword, back = 0): Starts =>
  function* (_s, hits) {
    for (const q of hits[word]) if (q >= back) yield q - back;
  };

const isWord = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
const isWordDotDash = (c: number) => isWord(c) || c === 0x2e || c === 0x2d;
const isBase64 = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x2b || c === 0x2f;

/** Key names (JSON members, `key=value`, `key: value`) whose value is a secret: the name ends in one of these. */
const SECRET_NAMES = ['password', 'passwd', 'pwd', 'secret', 'token', 'passphrase', 'sasuri', 'sas_uri', 'bloburi', 'accesskey', 'accountkey', 'objectstr', 'customdata', 'privatekey', 'protectedsettings'] as const;
const NAME = `(?:${SECRET_NAMES.join('|')})`;

/**
 * The match starts before a run of characters that ends in a secret name (`"\w*password"`, `[\w.-]*token`):
 * from each occurrence back over the run to its first character, and to the `open` character before it
 * when the rule starts with one (`"`, or the backslashes of JSON escaped in a string).
 */
const beforeName =
  (inRun: (c: number) => boolean, open?: string): Starts =>
  function* (s, hits) {
    const all: number[] = [];
    for (const w of SECRET_NAMES) for (const q of hits[w]) all.push(q);
    all.sort((a, b) => a - b);
    let last = -1;
    for (const q of all) {
      let r = q;
      while (r > 0 && inRun(s.charCodeAt(r - 1))) r--;
      if (open === undefined) {
        if (r > last) yield (last = r);
        continue;
      }
      // JSON escaped in a string (`\\"name\\"`) from its first backslash, then the plain opening quote
      let b = r - 1;
      while (b > 0 && s[b - 1] === '\\') b--;
      if (b < r - 1 && s[r - 1] === '"' && b > last) yield (last = b);
      if (r > 0 && s[r - 1] === open && r - 1 > last) yield (last = r - 1);
    }
  };

/** `<[ns:]…Password>`, `<[ns:]CustomData>`, `<[ns:]PrivateKey>`: from the `<`. */
const beforeElement: Starts = function* (s, hits) {
  const all = [...hits.password, ...hits.customdata, ...hits.privatekey].sort((a, b) => a - b);
  let last = -1;
  for (const q of all) {
    let r = q;
    while (r > 0 && isWord(s.charCodeAt(r - 1))) r--;
    if (r > 0 && s[r - 1] === ':') {
      r--;
      while (r > 0 && (isWord(s.charCodeAt(r - 1)) || s[r - 1] === '-')) r--;
    }
    if (r > 0 && s[r - 1] === '<' && r - 1 > last) yield (last = r - 1);
  }
};

/** A URL's scheme ends at `://`: back over the scheme's characters. */
const beforeScheme: Starts = function* (s, hits) {
  let last = -1;
  for (const q of hits['://']) {
    let r = q;
    while (r > 0 && (isWord(s.charCodeAt(r - 1)) || s[r - 1] === '+' || s[r - 1] === '.' || s[r - 1] === '-')) r--;
    // the scheme may start anywhere in the run after a `+`, `.` or `-` (a word boundary): try each
    for (let p = Math.max(r, last + 1); p < q; p++) yield (last = p);
  }
};

/** An 88-character base64 key ends in `==` after a base64 character, with none of `[A-Za-z0-9+/=]` after it: 86 characters back. */
function* keyStarts(s: string): Generator<number> {
  for (let q = s.indexOf('=='); q >= 0; q = s.indexOf('==', q + 1)) {
    if (q >= 86 && isBase64(s.charCodeAt(q - 1)) && !(isBase64(s.charCodeAt(q + 2)) || s.charCodeAt(q + 2) === 0x3d)) yield q - 86;
  }
}

/**
 * Secret rules, applied in order. Value classes stop at quotes, `<`, `&` and whitespace so the text
 * around a secret (JSON punctuation, XML tags, the rest of a URL) survives. Each rule says where its
 * matches can start, so a long text (a whole JSON result) is searched from those places only.
 */
const SECRET_RULES: readonly { re: RegExp; rep: string; starts: Starts; needs?: readonly Keyword[] }[] = [
  // The guest agent's own SAS rule (textutil.SAS_TOKEN_RE), for http too: everything after the `?`.
  { re: new RegExp(`(https?://[^\\s"'<>?]+\\?)${V}((?:sv|st|se|sr|sp|sip|spr|sig|skoid|sktid|skt|ske|sks|skv|ss|srt|si|sdd)=[^\\s"'<>]+)`, 'gi'), rep: `$1${REDACTED}`, starts: at('http'), needs: ['http'] },
  // Any other signature parameter (exception texts log URLs verbatim, sometimes URL-encoded).
  { re: new RegExp(`((?:(?<![a-z])|(?<=%3F|%26|%253F|%2526))sig(?:=|%3D|%253D|%25253D))${V}[^\\s&"'<>]+`, 'gi'), rep: `$1${REDACTED}`, starts: at('sig'), needs: ['sig'] },
  // Credentials in a URL (`https://user:PASS@host`).
  { re: new RegExp(`(\\b[a-z][a-z0-9+.-]*://[^\\s/:@"'<>]+:)${V}[^\\s/@"'<>]+(?=@)`, 'gi'), rep: `$1${REDACTED}`, starts: beforeScheme, needs: ['://'] },
  // HTTP authorization: `Bearer <token>`, `Basic <base64>` (a word after "Basic" is not base64 with a digit or +/=).
  { re: new RegExp(`(\\bBearer\\s+)${V}[\\w.~+/-]+=*`, 'gi'), rep: `$1${REDACTED}`, starts: at('bearer'), needs: ['bearer'] },
  { re: new RegExp(`(\\bBasic\\s+)${V}(?:(?<=Authorization\\s{0,3}:\\s{0,3}Basic\\s{1,3})[A-Za-z0-9+/]{4,}=*|(?=[A-Za-z0-9+/]*[0-9+/=])[A-Za-z0-9+/]{12,}=*)`, 'gi'), rep: `$1${REDACTED}`, starts: at('basic'), needs: ['basic'] },
  // A JWT anywhere (header.payload.signature, both base64url JSON objects).
  { re: /(?<![\w-])eyJ[\w-]{5,}\.eyJ[\w-]{5,}\.[\w-]*/g, rep: REDACTED, starts: at('eyj'), needs: ['eyj'] },
  // PEM private key blocks (the whole body; a cut block to the end of the text).
  { re: new RegExp(`(-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----)${V}[\\s\\S]*?(-----END [A-Z0-9 ]*PRIVATE KEY-----|$)`, 'g'), rep: `$1${REDACTED}$2`, starts: at('-----begin'), needs: ['-----begin'] },
  // protectedSettings in JSON (string value, possibly unterminated in a truncated line) ...
  { re: new RegExp(`("protectedSettings"\\s*:\\s*")${V}(?:[^"\\\\]|\\\\.)*("|$)`, 'gim'), rep: `$1${REDACTED}$2`, starts: at('protectedsettings', 1), needs: ['protectedsettings'] },
  // ... as an object value (one nesting level is all the handler settings use) ...
  { re: /("protectedSettings"\s*:\s*)\{(?:[^{}]|\{[^{}]*\})*\}?/gi, rep: `$1"${REDACTED}"`, starts: at('protectedsettings', 1), needs: ['protectedsettings'] },
  // ... XML-escaped JSON inside ExtensionsConfig ...
  { re: new RegExp(`(&quot;protectedSettings&quot;\\s*:\\s*&quot;)${V}.*?(&quot;|$)`, 'gim'), rep: `$1${REDACTED}$2`, starts: at('protectedsettings', 6), needs: ['protectedsettings'] },
  // ... and element / attribute forms.
  { re: new RegExp(`(<(ProtectedSettings)\\b[^>]*>)${V}[\\s\\S]*?(</\\2>|$)`, 'gi'), rep: `$1${REDACTED}$3`, starts: at('protectedsettings', 1), needs: ['protectedsettings'] },
  { re: new RegExp(`(\\bprotectedSettings\\s*=\\s*")${V}[^"]*("|$)`, 'gim'), rep: `$1${REDACTED}$2`, starts: at('protectedsettings'), needs: ['protectedsettings'] },
  // The backup extension logs `snapshotTaskToken : <token>`; the host request body has it as JSON.
  { re: new RegExp(`("snapshotTaskToken"\\s*:\\s*")${V}(?:[^"\\\\]|\\\\.)*("|$)`, 'gim'), rep: `$1${REDACTED}$2`, starts: at('token', 13), needs: ['token'] },
  { re: new RegExp(`(\\bsnapshotTaskToken\\s*[:=]\\s*)${V}[^\\s,"'<>]+`, 'gi'), rep: `$1${REDACTED}`, starts: at('token', 12), needs: ['token'] },
  // DD snapshot identifier: `creationTime : …, id : …, token : <token>, …`.
  { re: new RegExp(`(\\btoken\\s*:\\s*)${V}[^\\s,"'<>]+`, 'gi'), rep: `$1${REDACTED}`, starts: at('token'), needs: ['token'] },
  // Passwords and other secrets by name: XML elements, JSON members (also JSON escaped inside a string),
  // key=value and key: value (names ending in one of SECRET_NAMES).
  { re: new RegExp(`(<(?:[\\w-]+:)?(\\w*(?:Password|CustomData|PrivateKey))\\b[^>]*>)${V}[\\s\\S]*?(</(?:[\\w-]+:)?\\2>|$)`, 'gi'), rep: `$1${REDACTED}$3`, starts: beforeElement, needs: ['password', 'customdata', 'privatekey'] },
  { re: new RegExp(`("[\\w.-]*${NAME}"\\s*:\\s*")${V}(?:[^"\\\\]|\\\\.)*("|$)`, 'gim'), rep: `$1${REDACTED}$2`, starts: beforeName(isWordDotDash, '"'), needs: SECRET_NAMES },
  { re: new RegExp(`((?<!\\\\)\\\\+"[\\w.-]*${NAME}\\\\+"\\s*:\\s*\\\\+")${V}[^"\\\\]*`, 'gi'), rep: `$1${REDACTED}`, starts: beforeName(isWordDotDash, '"'), needs: SECRET_NAMES },
  { re: new RegExp(`((?<![\\w.-])(?![\\w.-]*DeleteRootPassword\\b)[\\w.-]*${NAME}\\s*[=:]\\s*)${V}(?:"[^"]*"?|'[^']*'?|[^\\s,;&"'<>]+)`, 'gi'), rep: `$1${REDACTED}`, starts: beforeName(isWordDotDash), needs: SECRET_NAMES },
  // Storage connection strings and bare 64-byte base64 account keys (88 characters ending in ==).
  { re: new RegExp(`(\\bAccountKey\\s*=\\s*)${V}[^;\\s"'<>]+`, 'gi'), rep: `$1${REDACTED}`, starts: at('accountkey'), needs: ['accountkey'] },
  { re: new RegExp(`(\\bSharedAccessKey\\s*=\\s*)${V}[^;\\s"'<>]+`, 'gi'), rep: `$1${REDACTED}`, starts: at('accesskey', 6), needs: ['accesskey'] },
  { re: /(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{86}==(?![A-Za-z0-9+/=])/g, rep: REDACTED, starts: keyStarts },
];

const BASE64_KEY = /(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{86}==/;
/**
 * What every rule needs: a keyword (KEYWORD_LIST, but `sig` only before `=` or `%`, as its rule wants: "signals"
 * and "sign in" are in thousands of extension log lines and catalogue texts; `http` and `://` below) or `sv=`. The `i` flag folds ASCII
 * only (no `u`), exactly as the rules' own `i` does, so a text this misses no rule can match. The words are grouped
 * by their first letter (firstCharAlternation): ~14 % less CPU than the plain alternation on the bench's lines.
 */
const KEYWORDS = new RegExp(firstCharAlternation(['sv=', 'sig=', 'sig%', ...KEYWORD_LIST.filter((k) => k !== 'sig' && k !== 'http' && k !== '://')]), 'i');
/** Every word `mayHoldSecret` looks for (case aside); besides them it looks only for `?`, `@` and an 88-character key. */
export const PREFILTER_WORDS: readonly string[] = ['sv=', 'sig=', 'sig%', ...KEYWORD_LIST];
/**
 * `http` and `://` start only two rules, and each needs a character most texts lack: a SAS query after its `?`, a
 * URL's credentials before their `@`. A broken agent's failure texts name a URL (`[HTTP Failed] GET http://…`)
 * with neither: they skip the keyword table and the rules.
 */
const URL_KEYWORDS = /http|:\/\//i;

/**
 * Every rule needs one of these words or an 88-character key, so ordinary strings skip the rule list. One
 * case-insensitive regex test: on the 1.2 M strings of the bench's logs.zip result it costs a third of lowering
 * each string and 22 `includes` (0.19 s against 0.55 s of CPU), for lines and for whole JSON texts alike.
 */
export function mayHoldSecret(s: string): boolean {
  return KEYWORDS.test(s) || ((s.includes('?') || s.includes('@')) && URL_KEYWORDS.test(s)) || (s.length >= 88 && s.includes('==') && BASE64_KEY.test(s));
}
function anyHit(hits: Hits, words: readonly Keyword[]): boolean {
  for (let i = 0; i < words.length; i++) if (hits[words[i]].length !== 0) return true;
  return false;
}

/** At most this many passes of the rules over one text (redactSecrets). */
const MAX_PASSES = 8;

/**
 * Replaces secrets by `<redacted>`. Cheap when there is nothing to do (one prefilter test). A replacement can give
 * another rule the context it lacked (of two 88-character keys back to back, the second is redacted first, and only
 * then does the first end where a key must), so a text that changed is redacted again until nothing changes: the
 * answer is a fixed point, and redacting it again gives the very string.
 */
export function redactSecrets(s: string): string {
  let out = redactOnce(s);
  for (let prev = s, n = 1; out !== prev; n++) {
    // (two passes settle every text the tests know; a text that would not is withheld whole)
    if (n === MAX_PASSES) return REDACTED;
    out = redactOnce((prev = out));
  }
  return out;
}

function redactOnce(s: string): string {
  if (!mayHoldSecret(s)) return s;
  let out = s;
  let hits = keywordHits(out);
  if (hits.protectedsettings.length) {
    const next = redactSettingsObjects(out, hits.protectedsettings);
    if (next !== out) hits = keywordHits((out = next));
  }
  for (const { re, rep, starts, needs } of SECRET_RULES) {
    // a rule whose matches start only at keywords the text lacks is skipped (its starts would yield nothing)
    if (needs !== undefined && !anyHit(hits, needs)) continue;
    const next = replaceAt(out, re, rep, starts(out, hits));
    if (next !== out) hits = keywordHits((out = next)); // positions moved: find the words again
  }
  return out;
}

/**
 * `"protectedSettings": { … }` at any nesting depth: the object is skipped to its matching brace (quotes
 * and escapes respected; a cut object to the end of the text) and replaced by `"<redacted>"`. A regex
 * cannot match nested braces.
 */
function redactSettingsObjects(s: string, at: number[]): string {
  let out = '';
  let copied = 0;
  for (const q of at) {
    if (q < copied || q < 1 || s[q - 1] !== '"' || s.slice(q + 17, q + 18) !== '"') continue;
    let p = q + 18;
    while (p < s.length && (s[p] === ' ' || s[p] === '\t' || s[p] === '\n' || s[p] === '\r')) p++;
    if (s[p] !== ':') continue;
    p++;
    while (p < s.length && (s[p] === ' ' || s[p] === '\t' || s[p] === '\n' || s[p] === '\r')) p++;
    if (s[p] !== '{') continue;
    let depth = 0;
    let end = s.length;
    let inStr = false;
    for (let i = p; i < s.length; i++) {
      const c = s[i];
      if (inStr) {
        if (c === '\\') i++;
        else if (c === '"') inStr = false;
      } else if (c === '"') inStr = true;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) {
        end = i + 1;
        break;
      }
    }
    out += `${s.slice(copied, p)}"${REDACTED}"`;
    copied = end;
  }
  return copied === 0 ? s : out + s.slice(copied);
}

/**
 * The same rules as plain global `replace` calls over the whole text and without the keyword prefilter, for the
 * test that proves the sticky search (replaceAt from candidate starts) and the prefilter give the same string
 * (test/report/redact-scan.test.ts).
 */
export function redactSecretsByGlobalReplace(s: string, passes = MAX_PASSES): string {
  // no prefilter: the test proves that what mayHoldSecret lets through is all the rules can match
  const at = [...s.matchAll(/protectedsettings/gi)].map((m) => m.index);
  let out = at.length ? redactSettingsObjects(s, at) : s;
  for (const { re, rep } of SECRET_RULES) out = out.replace(re, rep);
  return out === s ? out : passes > 1 ? redactSecretsByGlobalReplace(out, passes - 1) : REDACTED;
}

/**
 * A JSON-like value with every string redacted. Data is redacted before it is serialised: a redactor run over
 * serialised JSON sees `\"` where the value had `"` (`"password": "…"` inside a string leaked from `analyze
 * --format json`). Plain objects and arrays are copied only on the way to a string that changed, and shared
 * where nothing in them did: copying every one of them was half the cost of redacting the bench's logs.zip
 * result (1.1 M strings in 293 k objects, 1.65 s → 0.9 s of CPU), and they serialise the same. Any other object
 * (a Date, a class instance) is copied as before, so its JSON is that of its own enumerable fields. Copies have
 * a null prototype (keys are input).
 */
export function redactDeep<T>(v: T): T {
  return deep(v, { seen: new Array<string>(SEEN_SLOTS), out: new Array<string>(SEEN_SLOTS), names: new Map() });
}

/** Lists whose elements' `text` redactSecrets leaves as it is (`redactedTexts`). */
const REDACTED_TEXTS = new WeakSet<object>();

/**
 * Says that the `text` of every element of `list` is an Evidence text a parser made (evidenceText: redactSecrets'
 * answer, trimmed), which redactSecrets leaves as it is (test/report/redact-scan.test.ts): redactDeep keeps those texts
 * instead of testing them again (the extension.log's 200,000 milestone texts were most of the CLI's redaction). A text
 * that ends in `…` is redacted again all the same: evidenceText clips after redacting, and a cut (`<redacte…`, a key
 * now at the end) is no fixed point. Every other field of the elements is redacted as before. Returns `list`.
 */
export function redactedTexts<T extends { text: string }>(list: T[]): T[] {
  REDACTED_TEXTS.add(list);
  return list;
}

/** Lists of SnapshotMilestoneRef (`redactedRefs`). */
const REDACTED_REFS = new WeakSet<object>();

/**
 * Says that every element of `list` is a plain object of exactly the fields `name`, `time` (a string or null),
 * `file`, `line` (a number) and `text`, in that order, its `text` as redactedTexts says: redactDeep then reads those
 * fields instead of walking each element's keys (the logs.zip's 200,000 milestone refs were most of its walk). Returns
 * `list`.
 */
export function redactedRefs<T extends { name: string; time: string | null; file: string; line: number; text: string }>(list: T[]): T[] {
  REDACTED_REFS.add(list);
  return list;
}

/** Whether `list` was made by `redactedRefs`: its elements have those five fields only (no deferred text, no object). */
export function isRefList(list: object): boolean {
  return REDACTED_REFS.has(list);
}

/**
 * Whether `s`, of 24 characters, is a time as isoTime writes it (`2026-12-06T18:05:00.000Z`): digits, `-`, `:`, `.`, `T` and `Z` hold no
 * keyword and no 88-character key, so redactSecrets gives it back as it is (a result has one per task, phase and
 * milestone, each a string of its own: the repeat memo never answers them).
 */
function isIsoTime(s: string): boolean {
  if (s.charCodeAt(10) !== 84 || s.charCodeAt(23) !== 90) return false;
  for (let i = 0; i < 23; i++) {
    const c = s.charCodeAt(i);
    // digits and `-`, `.`, `:` (`T` at 10 is checked above)
    if (i !== 10 && !((c >= 48 && c <= 58) || c === 45 || c === 46)) return false;
  }
  return true;
}

function refName(v: string, memo: Seen): string {
  let out = memo.names.get(v);
  if (out === undefined) {
    out = deep(v, memo);
    if (memo.names.size < REF_NAMES) memo.names.set(v, out);
  }
  return out;
}

/** `deepObject` of an element of a `redactedRefs` list: the same answer, read field by field. */
function deepRef<T extends { name: string; time: string | null; file: string; text: string }>(v: T, memo: Seen): T {
  const name = refName(v.name, memo);
  const time = deep(v.time, memo);
  const file = refName(v.file, memo);
  const text = v.text.endsWith('…') ? deep(v.text, memo) : v.text;
  if (name === v.name && time === v.time && file === v.file && text === v.text) return v;
  const out = Object.assign(Object.create(null) as T, v);
  out.name = name;
  out.time = time;
  out.file = file;
  out.text = text;
  return out;
}

/**
 * Whether `deep` of the refs `rows` makes (task-milestones.ts) gives each back as it is, asked as `deepRef` asks it
 * without making them. A row's time is `Date#toISOString`'s form: digits and `+-:.TZ` hold no keyword and no key, so
 * redactSecrets gives it back (test/report/redact-deep.test.ts).
 */
function rowsKept(rows: MilestoneRows, memo: Seen): boolean {
  for (let k = 0; k < rows.length; k++) {
    const name = rows.name(k);
    const file = rows.file(k);
    if (refName(name, memo) !== name || refName(file, memo) !== file) return false;
    if (rows.clipped(k)) {
      const text = rows.text(k);
      if (deep(text, memo) !== text) return false;
    }
  }
  return true;
}

/**
 * The last string of each length (mod SEEN_SLOTS) and its redaction: a result repeats a few strings between
 * others (every milestone of the logs.zip's 200,000 names its file and its milestone), and a repeat is answered
 * by `===` instead of the keyword test (redactDeep of that result 205 → 160 ms, idle-priority runs at load ~12).
 */
const SEEN_SLOTS = 128;
interface Seen {
  seen: string[];
  out: string[];
  /** Milestone refs' names and files and their redaction (a bundle has a few dozen of each; at most REF_NAMES kept). */
  names: Map<string, string>;
}
const REF_NAMES = 4096;

function deep<T>(v: T, memo: Seen): T {
  if (typeof v === 'string') {
    const slot = v.length & (SEEN_SLOTS - 1);
    if (memo.seen[slot] === v) return memo.out[slot] as T;
    if (v.length === 24 && isIsoTime(v)) return v;
    const out = redactSecrets(v);
    memo.seen[slot] = v;
    memo.out[slot] = out;
    return out as T;
  }
  if (Array.isArray(v)) {
    if (REDACTED_REFS.has(v)) {
      let out: unknown[] | undefined;
      for (let i = 0; i < v.length; i++) {
        const x = v[i] as { name: string; time: string | null; file: string; text: string };
        const y = deepRef(x, memo);
        if (out) out.push(y);
        else if (y !== x) (out = v.slice(0, i)).push(y);
      }
      return (out ?? v) as T;
    }
    const textsDone = REDACTED_TEXTS.has(v);
    let out: unknown[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      const y = textsDone && x !== null && typeof x === 'object' && !Array.isArray(x) ? deepObject(x, memo, true) : deep(x, memo);
      if (out) out.push(y);
      else if (y !== x) (out = v.slice(0, i)).push(y);
    }
    return (out ?? v) as T;
  }
  if (v && typeof v === 'object') return deepObject(v, memo, false);
  return v;
}

/** `deep` of an object that is not an array; `textDone`: its `text` needs no redaction (redactedTexts). */
function deepObject<T extends object>(v: T, memo: Seen, textDone: boolean): T {
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) {
    const copy: Record<string, unknown> = Object.create(null);
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) copy[k] = deep(x, memo);
    return copy as T;
  }
  // for-in walks the same keys as Object.entries here (no prototype, or the bare Object.prototype) without
  // an array of entries per object
  let out: Record<string, unknown> | undefined;
  for (const k in v) {
    // a task's milestones kept as rows: read in place, not made as refs to be redacted and dropped
    if (k === 'milestones') {
      const rows = milestoneRowsOf(v);
      if (rows && rowsKept(rows, memo)) continue;
    }
    const x = (v as Record<string, unknown>)[k];
    const y = textDone && k === 'text' && typeof x === 'string' && !x.endsWith('…') ? x : deep(x, memo);
    if (y !== x) (out ??= Object.assign(Object.create(null) as Record<string, unknown>, v))[k] = y;
  }
  return (out ?? v) as T;
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
      nameRe = all.length ? new RegExp(`(?<![\\w-])(${all.map((a) => escapeRegExp(a.v)).join('|')})(?![\\w-])`, 'gi') : null;
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
    if (low.includes('home/') || low.includes('user')) for (const m of s.matchAll(USER_HINTS)) addUser(m[1].replace(/(?<![.-])[.-]+$/, ''));
    if (low.includes('host')) for (const m of s.matchAll(HOST_HINTS)) addHost(m[1].replace(/(?<![.-])[.-]+$/, ''));
  };
  Object.defineProperty(redactor, 'pseudonymize', { value: pseudonymize });
  redactor.counts = () => ({ host: maps.host.size, ipv4: maps.ipv4.size, ipv6: maps.ipv6.size, user: maps.user.size, subscription: maps.subscription.size });
  return redactor;
}
