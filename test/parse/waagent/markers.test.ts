import { describe, expect, it } from 'vitest';
import { MARK_DISK_FULL, MARK_EXTENSIONS_OFF, MARK_HTTP_FAILURE, MARKER_PHRASES, MarkerScan } from '../../../src/main/parse/waagent/markers';

/** A span longer than a piece any scan of text might read at a time. */
const PIECE = 64 * 1024;

/** The [start, end) byte ranges of each line of `buf` (as forEachLine hands them over). */
function lines(buf: Buffer): [number, number][] {
  const out: [number, number][] = [];
  let s = 0;
  for (let i = buf.indexOf(0x0a); i !== -1; i = buf.indexOf(0x0a, s)) {
    out.push([s, i]);
    s = i + 1;
  }
  if (s < buf.length) out.push([s, buf.length]);
  return out;
}

describe('MarkerScan: the phrases read anywhere in a record', () => {
  const text = [
    '2026-01-01T00:00:00.000001Z VERBOSE ExtHandler ExtHandler [HTTP Response] Status Code 200',
    '2026-01-01T00:00:01.000001Z ERROR ExtHandler ExtHandler Error fetching the goal state: [HttpError] [HTTP Failed] GET http://168.63.129.16/machine/ -- IOError timed out -- 6 attempts made',
    // non-ASCII before the phrase: offsets are bytes, not characters
    "2026-01-01T00:00:02.000001Z WARNING ExtHandler ExtHandler Schreiben fehlgeschlagen für /var/lib/waagent: [Errno 28] No space left on device: 'x'",
    '2026-01-01T00:00:03.000001Z INFO ExtHandler ExtHandler Microsoft.CPlat.Core.RunCommandLinux: Extension will not be processed since extension processing is disabled. To enable …',
    'Fetch failed: [HTTP Retry] GET https://x.blob.core.windows.net/a -- Status Code 503 -- 1 attempts made',
    'a line that ends in the middle of a phrase: [HTTP Fai',
    'led] and goes on here',
  ].join('\n');
  const buf = Buffer.from(text, 'utf8');

  it('gives each line the kinds of the phrases wholly inside it', () => {
    const scan = new MarkerScan();
    expect(lines(buf).map(([s, e]) => scan.in(buf, s, e))).toEqual([0, MARK_HTTP_FAILURE, MARK_DISK_FULL, MARK_EXTENSIONS_OFF, MARK_HTTP_FAILURE, 0, 0]);
  });

  it('answers the same when asked out of order or for a part of a line', () => {
    const scan = new MarkerScan();
    const ls = lines(buf);
    expect(scan.in(buf, ls[4][0], ls[4][1])).toBe(MARK_HTTP_FAILURE);
    expect(scan.in(buf, ls[1][0], ls[1][1])).toBe(MARK_HTTP_FAILURE);
    // the message part of line 2 after the phrase: nothing
    const after = buf.indexOf('GET http://168.63.129.16/machine/');
    expect(scan.in(buf, after, ls[1][1])).toBe(0);
    expect(scan.in(buf, ls[2][0], ls[2][1])).toBe(MARK_DISK_FULL);
  });

  it('starts again for a new Buffer (the next chunk of the file)', () => {
    const scan = new MarkerScan();
    expect(scan.in(buf, 0, buf.length)).toBe(MARK_HTTP_FAILURE | MARK_DISK_FULL | MARK_EXTENSIONS_OFF);
    const other = Buffer.from('nothing to see here\n');
    expect(scan.in(other, 0, other.length)).toBe(0);
  });

  it('finds a phrase that straddles the pieces a big chunk is read in', () => {
    // every start from 60 bytes before the piece boundary to past it, and a second phrase right after the first
    const piece = PIECE;
    const phrase = 'since extension processing is disabled';
    for (let at = piece - 60; at <= piece + 2; at++) {
      const head = `${'x'.repeat(at - 1)}\n`;
      const line = `${phrase}[Errno 28] tail`;
      const b = Buffer.from(`${head}${line}\nnext line\n${'z'.repeat(piece)}\n[HTTP Retry] last`, 'latin1');
      const scan = new MarkerScan();
      const got = lines(b).map(([s, e]) => scan.in(b, s, e));
      expect(got, `phrase at ${at}`).toEqual([0, MARK_EXTENSIONS_OFF | MARK_DISK_FULL, 0, 0, MARK_HTTP_FAILURE]);
    }
  });
});

describe('MARKER_PHRASES', () => {
  it('are ASCII, so that a latin1 offset is a byte offset of a UTF-8 log', () => {
    for (const p of MARKER_PHRASES) expect(p, p).toMatch(/^[\x20-\x7e]+$/);
  });

  it('find a phrase that straddles two pieces, whichever is the longest', () => {
    const longest = MARKER_PHRASES.reduce((a, b) => (b.length > a.length ? b : a));
    const head = 'x'.repeat(PIECE - 3);
    const buf = Buffer.from(`${head}${longest}tail\nnext line`, 'latin1');
    const scan = new MarkerScan();
    expect(scan.in(buf, 0, head.length + longest.length + 4)).not.toBe(0);
  });
});

describe('MarkerScan: the phrases it searches for', () => {
  it('never overlap: each is found whole and once, the scan passes it before looking again', () => {
    // a suffix of one text that is a prefix of another (or of itself): the two could overlap in a log
    const overlaps = (a: string, b: string) => {
      for (let k = 1; k < Math.min(a.length, b.length + (a === b ? 0 : 1)); k++) if (b.startsWith(a.slice(a.length - k))) return true;
      return false;
    };
    for (const a of MARKER_PHRASES) for (const b of MARKER_PHRASES) {
      if (a !== b) expect(a.includes(b), `${a} holds ${b}`).toBe(false);
      expect(overlaps(a, b), `${a} / ${b}`).toBe(false);
    }
  });

  it('finds a phrase at every offset from a buffer\'s start to its end', () => {
    for (const p of MARKER_PHRASES) {
      for (let at = 0; at < 24; at++) {
        const b = Buffer.from(`${'y'.repeat(at)}${p}`, 'latin1');
        expect(new MarkerScan().in(b, 0, b.length), `${p} at ${at}`).not.toBe(0);
        // one byte short of the phrase: nothing
        expect(new MarkerScan().in(b.subarray(0, b.length - 1), 0, b.length - 1), `${p} cut at ${at}`).toBe(0);
      }
    }
  });

  it('finds a phrase once, where it starts, wherever it stands around the middle of a buffer (where the two halves of the scan meet)', () => {
    for (const p of MARKER_PHRASES) {
      const kind = new MarkerScan().in(Buffer.from(p, 'latin1'), 0, p.length);
      for (const size of [2 * p.length + 40, 2 * p.length + 41, 301]) {
        const mid = size >> 1;
        for (let at = Math.max(0, mid - p.length - 2); at <= mid + 2 && at + p.length <= size; at++) {
          const b = Buffer.from(`${'y'.repeat(at)}${p}${'y'.repeat(size - at - p.length)}`, 'latin1');
          const scan = new MarkerScan();
          expect(scan.in(b, at, at + p.length), `${p} at ${at} of ${size}`).toBe(kind);
          expect(scan.in(b, at + 1, size), `${p} at ${at} of ${size}, after its start`).toBe(0);
          expect(scan.in(b, 0, at + p.length - 1), `${p} at ${at} of ${size}, before its end`).toBe(0);
        }
      }
    }
  });

  it('gives each line what one pass of all the phrases over the whole text gives', () => {
    const all = new RegExp(MARKER_PHRASES.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
    // (each phrase's kind, read alone)
    const kindOfPhrase = new Map(MARKER_PHRASES.map((p) => [p, new MarkerScan().in(Buffer.from(p, 'latin1'), 0, p.length)]));
    for (const [p, k] of kindOfPhrase) expect(k, p).not.toBe(0);
    const pieces = ['xtension ', 'e', ' ', '[', 'HTTP ', '\n', 'since e', 'VM E', 'File "', "'", 'x', 'Errno', 'No space'];
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
    for (let t = 0; t < 40; t++) {
      let s = '';
      while (s.length < 2 * PIECE + 500) {
        const r = rnd(10);
        const p = MARKER_PHRASES[rnd(MARKER_PHRASES.length)];
        if (r < 3) s += p;
        else if (r < 6) s += p.slice(0, rnd(p.length));
        else if (r < 8) s += pieces[rnd(pieces.length)];
        else s += 'y'.repeat(rnd(PIECE / 8));
      }
      const buf = Buffer.from(s, 'latin1');
      const found: [number, number, number][] = [];
      for (const m of s.matchAll(all)) found.push([m.index, m.index + m[0].length, kindOfPhrase.get(m[0])!]);
      const scan = new MarkerScan();
      for (const [ls, le] of lines(buf)) {
        let want = 0;
        for (const [fs, fe, k] of found) if (fs >= ls && fe <= le) want |= k;
        expect(scan.in(buf, ls, le), `text ${t}, line at ${ls}`).toBe(want);
      }
    }
  });
});
