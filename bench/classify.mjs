// A prototype of a byte-level first pass over a UTC-era waagent.log (docs/PERFORMANCE.md, session 24): every line's end,
// whether it starts a record, its time (the day read once per day), level and where its message starts (the two words
// after the level compared with the last record's), and which catalogue entries' start phrases its message may begin
// with (by its first two bytes, then the bytes) — kept as typed columns, no string made for any line. It does not read
// the marker phrases anywhere in a record (markers.ts) nor any fact's fields: what the parse costs before any of that.
// `node bench/classify.mjs FILE` prints {ms, lines, records, candidates}, timed in-process as bench/floor.mjs is.
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const CHUNK = 1 << 22;
const catalogue = readFileSync(fileURLToPath(new URL('../src/main/parse/waagent/catalogue.ts', import.meta.url)), 'utf8');
const starts = [];
for (const m of catalogue.matchAll(/starts: \[([^\]]*)\]/g)) for (const q of m[1].matchAll(/'((?:[^'\\]|\\.)*)'/g)) starts.push(Buffer.from(q[1]));
/** Per first two bytes, the start phrases beginning with them (and their entry's index + 1). */
const table = new Array(65536);
starts.forEach((b, k) => {
  if (b.length < 2) return;
  const key = b[0] * 256 + b[1];
  (table[key] ??= []).push(b, k + 1);
});

const file = process.argv[2];
const size = statSync(file).size;
const t0 = performance.now();
const fd = openSync(file, 'r');
const buf = Buffer.allocUnsafe(CHUNK + 65536);
let cap = 1 << 20;
let offset = new Float64Array(cap);
let time = new Float64Array(cap);
let level = new Uint8Array(cap);
let entry = new Uint16Array(cap);
let records = 0;
let lines = 0;
let candidates = 0;
const day = new Uint8Array(10);
let dayMs = 0;
/** The two words of the last few records, as bytes (a log interleaves a few heads). */
const RECENT = 4;
const recent = Array.from({ length: RECENT }, () => new Uint8Array(200));
const recentLen = new Uint16Array(RECENT);
let next = 0;
/** Whether `buf` holds `b` at `i` (a loop: Buffer#compare is a call into C++, dearer than a short compare). */
const at = (b, i, n = b.length) => {
  for (let k = 0; k < n; k++) if (buf[i + k] !== b[k]) return false;
  return true;
};
const digits = (i, n) => {
  let v = 0;
  for (let k = 0; k < n; k++) v = v * 10 + (buf[i + k] - 48);
  return v;
};
/** A copy of column `a` in a new array of `cap` elements of its own type. */
const widen = (a) => {
  const w = new a.constructor(cap);
  w.set(a);
  return w;
};
function grow() {
  cap *= 2;
  offset = widen(offset);
  time = widen(time);
  level = widen(level);
  entry = widen(entry);
}
function line(s, e, from) {
  lines++;
  if (e - s < 30 || buf[s + 4] !== 45 || buf[s + 10] !== 84 || buf[s + 13] !== 58 || buf[s + 19] !== 46) return;
  if (buf[s + 9] !== day[9] || buf[s + 8] !== day[8] || buf[s + 6] !== day[6] || buf[s + 5] !== day[5] || buf[s + 3] !== day[3] || buf[s + 2] !== day[2]) {
    for (let k = 0; k < 10; k++) day[k] = buf[s + k];
    dayMs = Date.UTC(digits(s, 4), digits(s + 5, 2) - 1, digits(s + 8, 2));
  }
  let i = s + 20;
  let ms = 0;
  for (let n = 0; buf[i] >= 48 && buf[i] <= 57; i++, n++) if (n < 3) ms = ms * 10 + buf[i] - 48;
  if (buf[i] !== 90 || buf[i + 1] !== 32) return;
  i += 2;
  const c = buf[i];
  const lv = c === 73 ? 1 : c === 69 ? 2 : c === 87 ? 3 : c === 86 ? 4 : 0;
  if (lv === 0) return;
  i += lv === 1 ? 5 : lv === 2 ? 6 : lv === 3 ? 8 : 8;
  // the two words (thread and prefix) of the last record again, or scanned
  let m = -1;
  for (let r = 0; r < RECENT && m < 0; r++) {
    const w = recent[r];
    const n = recentLen[r];
    if (n !== 0 && buf[i + n] === 32 && at(w, i, n)) m = i + n + 1;
  }
  if (m < 0) {
    let a = i;
    while (a < e && buf[a] !== 32) a++;
    let b = a + 1;
    while (b < e && buf[b] !== 32) b++;
    if (b >= e) m = a >= e ? e : a + 1;
    else {
      const w = recent[next];
      if (b - i <= w.length) {
        for (let k = i; k < b; k++) w[k - i] = buf[k];
        recentLen[next] = b - i;
        next = (next + 1) % RECENT;
      }
      m = b + 1;
    }
  }
  if (records === cap) grow();
  offset[records] = from;
  time[records] = dayMs + digits(s + 11, 2) * 3_600_000 + digits(s + 14, 2) * 60_000 + digits(s + 17, 2) * 1000 + ms;
  level[records] = lv;
  const cands = m + 1 < e ? table[buf[m] * 256 + buf[m + 1]] : undefined;
  let hit = 0;
  if (cands) {
    for (let k = 0; k < cands.length && hit === 0; k += 2) {
      const p = cands[k];
      if (m + p.length <= e && at(p, m)) hit = cands[k + 1];
    }
  }
  if (hit) candidates++;
  entry[records++] = hit;
}
let carry = 0;
let base = 0;
for (let at = 0; at < size; ) {
  const n = readSync(fd, buf, carry, Math.min(CHUNK, size - at), at);
  if (n <= 0) break;
  const end = carry + n;
  let s = 0;
  for (let nl = buf.indexOf(10, 0); nl !== -1 && nl < end; nl = buf.indexOf(10, s)) {
    line(s, nl, base + s);
    s = nl + 1;
  }
  base += s;
  carry = end - s;
  buf.copy(buf, 0, s, end);
  at += n;
}
if (carry) line(0, carry, base);
closeSync(fd);
process.stdout.write(`${JSON.stringify({ ms: performance.now() - t0, lines, records, candidates })}\n`);
