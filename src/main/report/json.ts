import type { AnalysisResult } from '../../shared';
import { milestoneRowsOf, type MilestoneRows } from '../../shared/model/task-milestones';
import { jsonEscapeControls } from '../../shared/visible';

/**
 * The JSON document of `analyze --format json` and `report --out x.json` (docs/CONTRACT.md): every
 * required field, plus the rest of the analysis. Field order puts the contract first so the document
 * reads top-down.
 */
export function toCliJson(r: AnalysisResult) {
  return {
    schemaVersion: r.schemaVersion,
    tool: r.tool,
    analyzedAt: r.analyzedAt,
    ...(r.portalCode ? { portalCode: r.portalCode } : {}),
    ...(r.failedAt ? { failedAt: r.failedAt } : {}),
    inputs: r.inputs.map(({ notes: _notes, ...i }) => i),
    agent: r.agent,
    verdict: r.verdict,
    ...(r.multipleVms ? { multipleVms: r.multipleVms } : {}),
    ...(r.onlyVm ? { onlyVm: r.onlyVm } : {}),
    ...(r.failedTask ? { failedTask: r.failedTask } : {}),
    findings: r.findings,
    ...(r.benign ? { benign: r.benign } : {}),
    snapshots: r.snapshots,
    extensions: r.extensions.map(({ history: _h, ...e }) => ({ ...e, operations: _h.length })),
    vm: r.vm,
    clock: r.clock,
    missingEvidence: r.missingEvidence,
    ...(r.unexplained ? { unexplained: r.unexplained } : {}),
    ...(r.activity ? { activity: r.activity } : {}),
    files: r.files.map((f) => ({ path: f.vmPath, kind: f.kind, size: f.size, truncated: f.truncated, warnings: f.warnings.length, ...(f.givenName ? { givenName: f.givenName } : {}), ...(f.encoding ? { encoding: f.encoding } : {}) })),
    warnings: r.warnings,
    stats: r.stats,
  };
}

/**
 * The document `JSON.stringify(toCliJson(r), null, 2)` plus a newline, with jsonEscapeControls applied, in
 * pieces whose concatenation is exactly that text: one per top-level member (each stringified as the only member
 * of an object, which gives it the document's indentation), an item a piece for a member that is an array, and the
 * punctuation between them. Pieces are made as they are asked for, so a writer holds one at a time: the bench's
 * logs.zip has 67 MB of snapshot tasks, which as one string was built in parts the garbage collector copied from
 * the young generation (11 scavenges, ~0.7 s) and then flattened, where a task's piece dies young once written.
 * A piece stays a one-byte string unless it holds a character beyond Latin-1 itself (V8 builds one stringify
 * result in two bytes a character from the first such character on: a Dutch remedy's "→" in `findings`).
 */
export function* cliJsonParts(r: AnalysisResult): Generator<string, void, undefined> {
  const doc = toCliJson(r) as Record<string, unknown>;
  let first = true;
  for (const k of Object.keys(doc)) {
    const v = doc[k];
    if (Array.isArray(v) && v.length > 0) {
      // `  "k": [\n    ` + each item at the document's depth, `,\n    ` between them + `\n  ]`
      const head = `{\n  ${JSON.stringify(k)}: [\n    `;
      yield first ? '{\n' : ',\n';
      first = false;
      yield head.slice(2);
      for (let i = 0; i < v.length; i++) {
        if (i > 0) yield ',\n    ';
        const item: unknown = v[i];
        const rows = item !== null && typeof item === 'object' ? milestoneRowsOf(item) : undefined;
        if (rows) {
          yield* rowsItemParts(k, item as object, rows, head);
          continue;
        }
        const one = JSON.stringify({ [k]: [item] }, null, 2);
        yield escapeJsonText(one.slice(head.length, -ITEM_TAIL.length));
      }
      yield '\n  ]';
      continue;
    }
    const one = JSON.stringify({ [k]: v }, null, 2);
    // a member JSON.stringify leaves out (undefined) gives `{}`; every other is `{\n  "k": …\n}`
    if (one === '{}') continue;
    yield first ? '{\n' : ',\n';
    first = false;
    yield escapeJsonText(one.slice(2, -2));
  }
  yield first ? '{}\n' : '\n}\n';
}

/** What follows the item of `{ k: [item] }` stringified with an indent of 2. */
const ITEM_TAIL = '\n  ]\n}';

/** A task's `milestones` key in its item's piece: a key at the item's depth (a string holds no raw newline). */
const ROWS_KEY = '\n      "milestones": ';

/**
 * The pieces of item `item` of array member `k` (`head` its `{ k: [` text) whose milestones are rows
 * (task-milestones.ts keepMilestoneRows): the item stringified with its milestones left out, and those written from the
 * rows as bytes (rowsJson) where JSON.stringify would have read the list the rows make, 200 objects a task, each with
 * two new strings.
 */
function* rowsItemParts(k: string, item: object, rows: MilestoneRows, head: string): Generator<string, void, undefined> {
  // the item with its milestones as 0, at their place: its JSON then says where theirs goes
  const stand: Record<string, unknown> = {};
  for (const key in item) stand[key] = key === 'milestones' ? 0 : (item as Record<string, unknown>)[key];
  const one = JSON.stringify({ [k]: [stand] }, null, 2);
  const at = one.indexOf(`${ROWS_KEY}0`, head.length) + ROWS_KEY.length;
  yield escapeJsonText(one.slice(head.length, at));
  yield rowsJson(rows);
  yield escapeJsonText(one.slice(at + 1, -ITEM_TAIL.length));
}

/**
 * jsonEscapeControls of a JSON text, which reads an ASCII text once in native code: the characters it escapes are DEL
 * and characters beyond ASCII, and a text whose UTF-8 length is its length has none of the latter (Buffer.byteLength:
 * the bench's 87 MB logs.zip document in ~25 ms, where the regular expression took ~160 ms to find nothing).
 */
function escapeJsonText(s: string): string {
  return Buffer.byteLength(s, 'utf8') === s.length && !s.includes('\u007f') ? s : jsonEscapeControls(s);
}

/** The bytes of an ASCII text. */
const bytesOf = (s: string) => Buffer.from(s, 'latin1');
const OPEN = bytesOf('[\n        {\n          "name": ');
const NEXT = bytesOf(',\n        {\n          "name": ');
const TIME = bytesOf(',\n          "time": ');
const FILE = bytesOf(',\n          "file": ');
const LINE = bytesOf(',\n          "line": ');
const TEXT = bytesOf(',\n          "text": ');
const SHUT = bytesOf('\n        }');
const CLOSE = bytesOf('\n      ]');
const NULL = bytesOf('null');
/** Room for a milestone's bytes but its name, file and text. */
const FIXED = 256;
/** Room for a text copied as it is (a parser's evidence text is at most 800 bytes and `…`). */
const TEXT_ROOM = 4096;

/** The writer's buffer (grown, never shrunk: a task's milestones are ~10 KB) and whether what it holds is ASCII. */
let out = Buffer.allocUnsafe(1 << 16);
let ascii = true;

function room(at: number, n: number): void {
  if (at + n <= out.length) return;
  const grown = Buffer.allocUnsafe(Math.max(out.length * 2, at + n));
  out.copy(grown, 0, 0, at);
  out = grown;
}

function put(b: Uint8Array, at: number): number {
  room(at, b.length);
  out.set(b, at);
  return at + b.length;
}

/** A string's JSON text as the document has it (escapeJsonText), at `at`. */
function putString(json: string, at: number): number {
  const n = Buffer.byteLength(json, 'utf8');
  if (n !== json.length) ascii = false;
  room(at, n);
  return at + out.write(json, at, 'utf8');
}

/** Names and files, each JSON text made once (a bundle has a few dozen); at most STRINGS kept. */
const strings = new Map<string, { bytes: Buffer; ascii: boolean }>();
const STRINGS = 4096;
function putCached(s: string, at: number): number {
  let c = strings.get(s);
  if (!c) {
    const json = escapeJsonText(JSON.stringify(s));
    const bytes = Buffer.from(json, 'utf8');
    c = { bytes, ascii: bytes.length === json.length };
    if (strings.size >= STRINGS) strings.clear();
    strings.set(s, c);
  }
  if (!c.ascii) ascii = false;
  return put(c.bytes, at);
}

/** `Date#toISOString`'s range of four-digit years. */
const MIN_ISO = -62_167_219_200_000;
const MAX_ISO = 253_402_300_799_999;
let isoDay = NaN;
/** `"YYYY-MM-DDT` of isoDay. */
const dayHead = Buffer.alloc(12);

/** `JSON.stringify(new Date(t).toISOString())` (null when `t` is not finite), the clock's digits written one by one. */
function putTime(t: number, at: number): number {
  if (!Number.isFinite(t)) return put(NULL, at);
  if (!Number.isInteger(t) || t < MIN_ISO || t > MAX_ISO) return putString(JSON.stringify(new Date(t).toISOString()), at);
  const day = Math.floor(t / 86_400_000);
  if (day !== isoDay) {
    isoDay = day;
    dayHead[0] = 0x22;
    dayHead.write(new Date(day * 86_400_000).toISOString().slice(0, 11), 1, 'latin1');
  }
  let r = t - day * 86_400_000;
  const h = (r / 3_600_000) | 0;
  r -= h * 3_600_000;
  const mi = (r / 60_000) | 0;
  r -= mi * 60_000;
  const s = (r / 1000) | 0;
  const ms = r - s * 1000;
  room(at, 26);
  out.set(dayHead, at);
  let p = at + 12;
  out[p++] = 0x30 + ((h / 10) | 0);
  out[p++] = 0x30 + (h % 10);
  out[p++] = 0x3a;
  out[p++] = 0x30 + ((mi / 10) | 0);
  out[p++] = 0x30 + (mi % 10);
  out[p++] = 0x3a;
  out[p++] = 0x30 + ((s / 10) | 0);
  out[p++] = 0x30 + (s % 10);
  out[p++] = 0x2e;
  out[p++] = 0x30 + ((ms / 100) | 0);
  out[p++] = 0x30 + (((ms / 10) | 0) % 10);
  out[p++] = 0x30 + (ms % 10);
  out[p++] = 0x5a;
  out[p++] = 0x22;
  return p;
}

/** A line number as JSON.stringify writes it. */
function putLine(n: number, at: number): number {
  if (!Number.isSafeInteger(n) || n < 0) return putString(JSON.stringify(n), at);
  let digits = 1;
  for (let x = n; x >= 10; x = Math.floor(x / 10)) digits++;
  room(at, digits);
  for (let p = at + digits - 1, x = n; p >= at; p--, x = Math.floor(x / 10)) out[p] = 0x30 + (x % 10);
  return at + digits;
}

/**
 * A task's `milestones` as JSON.stringify writes the list its rows make (refsOf), at the depth of a task's key in the
 * document, with escapeJsonText applied: from the rows' own bytes where they give them (a text of plain ASCII copied,
 * a time's digits written from its number), else from their strings.
 */
function rowsJson(rows: MilestoneRows): string {
  const n = rows.length;
  if (n === 0) return '[]';
  ascii = true;
  let at = 0;
  for (let k = 0; k < n; k++) {
    room(at, FIXED);
    at = put(k === 0 ? OPEN : NEXT, at);
    at = putCached(rows.name(k), at);
    at = put(TIME, at);
    if (rows.timeMs) at = putTime(rows.timeMs(k), at);
    else {
      const t = rows.time(k);
      at = t === null ? put(NULL, at) : putString(escapeJsonText(JSON.stringify(t)), at);
    }
    at = put(FILE, at);
    at = putCached(rows.file(k), at);
    at = put(LINE, at);
    at = putLine(rows.line(k), at);
    at = put(TEXT, at);
    room(at, TEXT_ROOM);
    const plain = rows.plainText ? rows.plainText(k, out, at + 1) : -1;
    if (plain >= 0) {
      out[at] = 0x22;
      room(at + 1 + plain, 1);
      out[at + 1 + plain] = 0x22;
      at += plain + 2;
    } else at = putString(escapeJsonText(JSON.stringify(rows.text(k))), at);
    at = put(SHUT, at);
  }
  at = put(CLOSE, at);
  return out.toString(ascii ? 'latin1' : 'utf8', 0, at);
}
