/**
 * The phrases that make a waagent.log record worth reading wherever they appear in it, not only at
 * the message start: restutil's HTTP failure texts, a full disk, the 2.10–2.13 per-extension
 * "processing is disabled" line, and the compute provider's verdict in a pasted deployment error
 * (`VM has reported a failure when processing extension 'X'`, `Provisioning of VM extension X has timed out`,
 * `VM Extension 'X' is marked as failed since it depends upon the VM Extension 'Y'`) or the agent's verdict it relays
 * (`… has reported terminal failure for VM extension 'Y' with error message: '[ExtensionOperationError] …`)
 * (docs/formats.md "waagent.log", markers).
 *
 * One pass over each Buffer's bytes finds all of them, nothing decoded: a window of the shortest phrase's length is
 * moved along, as far as the two bytes it ends with allow (`SHIFT`, Wu and Manber's multi-pattern search), and a phrase
 * is compared only where the window may be its first bytes. It costs less than one irregexp pass over the text
 * (which needs every byte decoded into a string first) and far less than a Buffer#indexOf pass per phrase.
 */

import { AGENT_VERDICT_PHRASE, CRP_DEPENDENCY_PHRASE, CRP_FAILURE_PHRASE, CRP_TIMEOUT_PHRASE } from '../../../shared/formats/crp';
import { OPENSSL_WHY_PHRASES } from '../../../shared/formats/openssl';
import { bytesAt } from '../bytes';

export const MARK_HTTP_FAILURE = 1;
export const MARK_DISK_FULL = 2;
export const MARK_EXTENSIONS_OFF = 4;
/** A Python traceback frame in code the agent runs: a handler's (`/var/lib/waagent/<Handler>-<ver>/`) or the agent's own egg. */
export const MARK_TRACE_FRAME = 8;
/** The compute provider's verdict on an extension, in a pasted deployment error (parse/deployment-error.ts). */
export const MARK_CRP_FAILURE = 16;
/** openssl saying why the agent's certificate command failed, on a line after the command's (formats/openssl.ts). */
export const MARK_OPENSSL_WHY = 32;

/** The phrases, ASCII: the same bytes in a UTF-8 or a latin1 log. */
export const MARKER_PHRASES: readonly string[] = [
  '[HTTP Failed]',
  '[HTTP Retry]',
  'No space left on device',
  '[Errno 28]',
  'since extension processing is disabled',
  'File "/var/lib/waagent/',
  'File "bin/WALinuxAgent-',
  'File "/usr/sbin/waagent", line ',
  `${CRP_FAILURE_PHRASE} '`,
  CRP_TIMEOUT_PHRASE,
  `${CRP_DEPENDENCY_PHRASE} '`,
  `${AGENT_VERDICT_PHRASE} '`,
  ...OPENSSL_WHY_PHRASES,
];

interface Phrase {
  readonly bytes: Buffer;
  readonly kind: number;
}
const PHRASES: readonly Phrase[] = MARKER_PHRASES.map((p) => ({ bytes: Buffer.from(p, 'latin1'), kind: kindOf(p) }));
/** The window the scan moves: the shortest phrase's length, so a window that ends where a phrase's first bytes do lies inside it. */
const WINDOW = Math.min(...MARKER_PHRASES.map((p) => p.length));
/**
 * By the two bytes a window ends with (`a * 256 + b`): how far it may move on without passing the first WINDOW bytes
 * of any phrase (0: they may end there).
 */
const SHIFT = new Uint8Array(1 << 16).fill(WINDOW - 1);
/** By the same two bytes, where SHIFT is 0: the phrases whose first WINDOW bytes end with them. */
const ENDING: (Phrase[] | undefined)[] = new Array<Phrase[] | undefined>(1 << 16).fill(undefined);
for (const p of PHRASES) {
  for (let q = 1; q < WINDOW; q++) {
    const pair = p.bytes[q - 1] * 256 + p.bytes[q];
    SHIFT[pair] = Math.min(SHIFT[pair], WINDOW - 1 - q);
  }
  (ENDING[p.bytes[WINDOW - 2] * 256 + p.bytes[WINDOW - 1]] ??= []).push(p);
}

function kindOf(match: string): number {
  if (match.startsWith('[HTTP')) return MARK_HTTP_FAILURE;
  if (match.startsWith('since')) return MARK_EXTENSIONS_OFF;
  if (match.startsWith('File')) return MARK_TRACE_FRAME;
  if (match.startsWith('reported') || match.startsWith('Provisioning') || match.startsWith('is marked')) return MARK_CRP_FAILURE;
  if (OPENSSL_WHY_PHRASES.includes(match)) return MARK_OPENSSL_WHY;
  return MARK_DISK_FULL;
}

/** The markers of the Buffer being read, asked line by line in order. */
export class MarkerScan {
  private buf: Buffer | null = null;
  private starts: number[] = [];
  private ends: number[] = [];
  private kinds: number[] = [];
  /** First marker not before the last line asked about. */
  private next = 0;
  private lastStart = 0;

  /** The MARK_* bits of the markers that lie wholly in `buf[start, end)`. */
  in(buf: Buffer, start: number, end: number): number {
    if (buf !== this.buf) this.scan(buf);
    if (start < this.lastStart) this.next = 0; // asked out of order: search from the beginning again
    this.lastStart = start;
    const n = this.starts.length;
    while (this.next < n && this.starts[this.next] < start) this.next++;
    let mask = 0;
    for (let k = this.next; k < n && this.starts[k] < end; k++) if (this.ends[k] <= end) mask |= this.kinds[k];
    return mask;
  }

  private scan(buf: Buffer): void {
    this.buf = buf;
    this.next = 0;
    this.lastStart = 0;
    const n = buf.length;
    // Two halves in one loop: each step's shift depends on the bytes the step before landed on, a chain of loads the
    // CPU waits on, and two chains that do not depend on each other overlap (−20–35 % on the bench's 500 MB logs).
    // The first takes the windows that start before `mid`, the second those from `mid`: as no phrase overlaps another
    // (markers.test.ts), the phrases found are those one pass finds, in order once the second's follow the first's.
    // (`i`, `j`: a window's last byte; a phrase found is passed whole)
    const mid = n >> 1;
    const firstEnd = Math.min(n, mid + WINDOW - 1);
    const first: Found = { starts: [], ends: [], kinds: [] };
    const second: Found = { starts: [], ends: [], kinds: [] };
    let i = WINDOW - 1;
    let j = mid + WINDOW - 1;
    while (i < firstEnd && j < n) {
      const si = SHIFT[buf[i - 1] * 256 + buf[i]];
      const sj = SHIFT[buf[j - 1] * 256 + buf[j]];
      i = si !== 0 ? i + si : phraseAt(buf, i, first);
      j = sj !== 0 ? j + sj : phraseAt(buf, j, second);
    }
    while (i < firstEnd) {
      const si = SHIFT[buf[i - 1] * 256 + buf[i]];
      i = si !== 0 ? i + si : phraseAt(buf, i, first);
    }
    while (j < n) {
      const sj = SHIFT[buf[j - 1] * 256 + buf[j]];
      j = sj !== 0 ? j + sj : phraseAt(buf, j, second);
    }
    for (let k = 0; k < second.starts.length; k++) {
      first.starts.push(second.starts[k]);
      first.ends.push(second.ends[k]);
      first.kinds.push(second.kinds[k]);
    }
    this.starts = first.starts;
    this.ends = first.ends;
    this.kinds = first.kinds;
  }
}

/** Phrases found by a scan, in order. */
interface Found {
  starts: number[];
  ends: number[];
  kinds: number[];
}

/**
 * Where a scan goes on from a window that ends at `i` with no shift (it may be a phrase's first bytes): past the phrase
 * that starts there (added to `out`), else the next byte.
 */
function phraseAt(buf: Buffer, i: number, out: Found): number {
  const start = i - (WINDOW - 1);
  const list = ENDING[buf[i - 1] * 256 + buf[i]]!;
  for (let k = 0; k < list.length; k++) {
    const p = list[k];
    if (!bytesAt(buf, start, buf.length, p.bytes)) continue;
    out.starts.push(start);
    out.ends.push(start + p.bytes.length);
    out.kinds.push(p.kind);
    return start + p.bytes.length + WINDOW - 1;
  }
  return i + 1;
}
