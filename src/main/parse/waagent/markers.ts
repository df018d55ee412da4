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
    this.starts = [];
    this.ends = [];
    this.kinds = [];
    this.next = 0;
    this.lastStart = 0;
    const n = buf.length;
    // (`i`: the window's last byte; a phrase found is passed whole: no phrase overlaps another, markers.test.ts)
    for (let i = WINDOW - 1; i < n; ) {
      const pair = buf[i - 1] * 256 + buf[i];
      const shift = SHIFT[pair];
      if (shift !== 0) {
        i += shift;
        continue;
      }
      const start = i - (WINDOW - 1);
      const list = ENDING[pair]!;
      let found: Phrase | null = null;
      for (let k = 0; k < list.length && found === null; k++) if (bytesAt(buf, start, n, list[k].bytes)) found = list[k];
      if (found === null) {
        i++;
        continue;
      }
      this.starts.push(start);
      this.ends.push(start + found.bytes.length);
      this.kinds.push(found.kind);
      i = start + found.bytes.length + WINDOW - 1;
    }
  }
}
