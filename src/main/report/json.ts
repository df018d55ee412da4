import type { AnalysisResult } from '../../shared';
import { milestoneRowsOf, type MilestoneRows } from '../../shared/model/task-milestones';
import { jsonEscapeControls } from '../../shared/visible';
import { writeIsoTime } from '../../shared/time';

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
 * (task-milestones.ts keepMilestoneRows): the item written from what its fields are (putTask), or, when it holds a value
 * putTask leaves to JSON.stringify, the item stringified with its milestones left out and those written from the rows
 * (rowsJson) where JSON.stringify would have read the list the rows make, 200 objects a task, each with two new
 * strings.
 */
function* rowsItemParts(k: string, item: object, rows: MilestoneRows, head: string): Generator<string, void, undefined> {
  ascii = true;
  const end = putTask(item as Record<string, unknown>, rows);
  if (end >= 0) {
    yield out.toString(ascii ? 'latin1' : 'utf8', 0, end);
    return;
  }
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
const TIME = ',\n          "time": ';
const FILE = ',\n          "file": ';
const LINE = ',\n          "line": ';
const TEXT = bytesOf(',\n          "text": ');
const SHUT = bytesOf('\n        }');
const CLOSE = bytesOf('\n      ]');
const NULL = bytesOf('null');
const TRUE = bytesOf('true');
const FALSE = bytesOf('false');
const EMPTY_ARRAY = bytesOf('[]');
const EMPTY_OBJECT = bytesOf('{}');
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

/** A cache of a few dozen strings' bytes (a bundle's milestone names and files); at most STRINGS kept. */
type Cached = Map<string, { bytes: Buffer; ascii: boolean }>;
const STRINGS = 4096;
/** A milestone's name: its JSON text and the time's key after it. */
const names: Cached = new Map();
/** A milestone's file: the file's key, its JSON text and the line's key after it. */
const files: Cached = new Map();
/** `before` + string `s`'s JSON text (escapeJsonText) + `after`, at `at`: made once per string. */
function putCached(cache: Cached, s: string, before: string, after: string, at: number): number {
  let c = cache.get(s);
  if (!c) {
    const text = `${before}${escapeJsonText(JSON.stringify(s))}${after}`;
    const bytes = Buffer.from(text, 'utf8');
    c = { bytes, ascii: bytes.length === text.length };
    if (cache.size >= STRINGS) cache.clear();
    cache.set(s, c);
  }
  if (!c.ascii) ascii = false;
  return put(c.bytes, at);
}

/** `JSON.stringify(new Date(t).toISOString())` (null when `t` is not finite), from writeIsoTime's bytes. */
function putTime(t: number, at: number): number {
  if (!Number.isFinite(t)) return put(NULL, at);
  room(at, 26);
  const end = writeIsoTime(t, out, at + 1);
  if (end < 0) return putString(JSON.stringify(new Date(t).toISOString()), at);
  out[at] = 0x22;
  out[end] = 0x22;
  return end + 1;
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
  ascii = true;
  const at = putRows(rows, 0);
  return out.toString(ascii ? 'latin1' : 'utf8', 0, at);
}

/** rowsJson's bytes at `at`: the new end. */
function putRows(rows: MilestoneRows, at: number): number {
  const n = rows.length;
  if (n === 0) {
    room(at, 2);
    out[at] = 0x5b;
    out[at + 1] = 0x5d;
    return at + 2;
  }
  for (let k = 0; k < n; k++) {
    room(at, FIXED);
    at = put(k === 0 ? OPEN : NEXT, at);
    at = putCached(names, rows.name(k), '', TIME, at);
    if (rows.timeMs) at = putTime(rows.timeMs(k), at);
    else {
      const t = rows.time(k);
      at = t === null ? put(NULL, at) : putString(escapeJsonText(JSON.stringify(t)), at);
    }
    at = putCached(files, rows.file(k), FILE, LINE, at);
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
  return put(CLOSE, at);
}

/** A task's depth in the document (an item of `snapshots`): its keys are indented by 6 spaces. */
const TASK_DEPTH = 2;
const TASK_OPEN = bytesOf('{');
/** Deeper than any value of a task (a phase's field is at 5). */
const MAX_DEPTH = 32;

/**
 * Task `task` (an item of `snapshots`) as JSON.stringify writes it at its depth in the document, escapeJsonText applied,
 * from offset 0 of the buffer, its milestones written from `rows` (putRows): the end, or -1 when it holds a value
 * putValue leaves to JSON.stringify (what is written is then let go).
 */
function putTask(task: Record<string, unknown>, rows: MilestoneRows): number {
  if (task.toJSON !== undefined) return -1;
  let at = put(TASK_OPEN, 0);
  let some = false;
  for (const key of Object.keys(task)) {
    if (key === 'milestones') {
      at = putKey(key, TASK_DEPTH + 1, some, at);
      at = putRows(rows, at);
      some = true;
      continue;
    }
    const v = task[key];
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    at = putValue(v, TASK_DEPTH + 1, putKey(key, TASK_DEPTH + 1, some, at));
    if (at < 0) return -1;
    some = true;
  }
  if (!some) {
    room(at, 1);
    out[at] = 0x7d;
    return at + 1;
  }
  at = putIndent(TASK_DEPTH, at);
  out[at] = 0x7d;
  return at + 1;
}

/** A newline and `depth` levels of two spaces (with room for one more byte). */
function putIndent(depth: number, at: number): number {
  room(at, 2 + 2 * depth);
  out[at++] = 0x0a;
  for (let n = 2 * depth; n > 0; n--) out[at++] = 0x20;
  return at;
}

/** An object's key at `depth` (`,` before it when not the first), then `: `. */
function putKey(key: string, depth: number, notFirst: boolean, at: number): number {
  if (notFirst) {
    room(at, 1);
    out[at++] = 0x2c;
  }
  at = putJsonString(key, putIndent(depth, at));
  room(at, 2);
  out[at] = 0x3a;
  out[at + 1] = 0x20;
  return at + 2;
}

/**
 * `v` (at `depth`) as JSON.stringify(…, null, 2) writes it inside the document, escapeJsonText applied: strings,
 * numbers, booleans, null, and plain arrays and objects of them (a task's fields, phases and disks); -1 for anything
 * else (a toJSON, a bigint, a cycle), which is left to JSON.stringify.
 */
function putValue(v: unknown, depth: number, at: number): number {
  // (deeper than a task's values go: a cycle, which JSON.stringify then reports as it does)
  if (depth > MAX_DEPTH) return -1;
  switch (typeof v) {
    case 'string':
      return putJsonString(v, at);
    case 'number':
      return putNumber(v, at);
    case 'boolean':
      return put(v ? TRUE : FALSE, at);
    case 'object':
      break;
    default:
      return -1;
  }
  if (v === null) return put(NULL, at);
  if (Array.isArray(v)) {
    if (Object.getPrototypeOf(v) !== Array.prototype || (v as { toJSON?: unknown }).toJSON !== undefined) return -1;
    if (v.length === 0) return put(EMPTY_ARRAY, at);
    room(at, 1);
    out[at++] = 0x5b;
    for (let i = 0; i < v.length; i++) {
      if (i > 0) {
        room(at, 1);
        out[at++] = 0x2c;
      }
      at = putIndent(depth + 1, at);
      const item: unknown = v[i];
      // (an array writes null where an object leaves a key out)
      at = item === undefined || typeof item === 'function' || typeof item === 'symbol' ? put(NULL, at) : putValue(item, depth + 1, at);
      if (at < 0) return -1;
    }
    at = putIndent(depth, at);
    out[at] = 0x5d;
    return at + 1;
  }
  const proto: unknown = Object.getPrototypeOf(v);
  if ((proto !== Object.prototype && proto !== null) || (v as { toJSON?: unknown }).toJSON !== undefined) return -1;
  const o = v as Record<string, unknown>;
  let some = false;
  for (const key of Object.keys(o)) {
    const x = o[key];
    if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue;
    room(at, 1);
    if (!some) out[at++] = 0x7b;
    at = putValue(x, depth + 1, putKey(key, depth + 1, some, at));
    if (at < 0) return -1;
    some = true;
  }
  if (!some) return put(EMPTY_OBJECT, at);
  at = putIndent(depth, at);
  out[at] = 0x7d;
  return at + 1;
}

/**
 * A string's JSON text, escapeJsonText applied: a string of printable ASCII but `"` and `\` (ids, times, a task's
 * words) copied character by character, any other through JSON.stringify.
 */
function putJsonString(s: string, at: number): number {
  const n = s.length;
  room(at, n + 2);
  const start = at;
  out[at++] = 0x22;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) return putString(escapeJsonText(JSON.stringify(s)), start);
    out[at++] = c;
  }
  out[at] = 0x22;
  return at + 1;
}

/** A number as JSON.stringify writes it (an integer's digits here; null when not finite). */
function putNumber(x: number, at: number): number {
  if (!Number.isSafeInteger(x)) return putString(JSON.stringify(x), at);
  if (x < 0) {
    room(at, 1);
    out[at++] = 0x2d;
    x = -x;
  }
  return putLine(x, at);
}
