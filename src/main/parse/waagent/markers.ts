/**
 * The phrases that make a waagent.log record worth reading wherever they appear in it, not only at
 * the message start: restutil's HTTP failure texts, a full disk, the 2.10–2.13 per-extension
 * "processing is disabled" line, and the compute provider's verdict in a pasted deployment error
 * (`VM has reported a failure when processing extension 'X'`, `Provisioning of VM extension X has timed out`,
 * `VM Extension 'X' is marked as failed since it depends upon the VM Extension 'Y'`) or the agent's verdict it relays
 * (`… has reported terminal failure for VM extension 'Y' with error message: '[ExtensionOperationError] …`)
 * (docs/formats.md "waagent.log", markers).
 *
 * One regular-expression pass per Buffer finds all of them: on a 500 MB log five Buffer#indexOf
 * passes (one per phrase) cost ~1.6 s, one irregexp pass over the chunk's latin1 view ~0.5 s. The
 * phrases are ASCII, so latin1 offsets are byte offsets and a UTF-8 log is read correctly.
 * The pass looks for each phrase's anchor (`anchorOf`), not the phrase: irregexp tries the alternation
 * wherever a character that starts an alternative stands, and the phrases' first letters (`s`, `r`, `i`,
 * `[`) stand at one position in five of an agent's log; the anchors' (`H`, `E`, `N`, `F`, `x`) rarely.
 */

import { AGENT_VERDICT_PHRASE, CRP_DEPENDENCY_PHRASE, CRP_FAILURE_PHRASE, CRP_TIMEOUT_PHRASE } from '../../../shared/formats/crp';
import { escapeRegExp } from '../../../shared/regexp';

export const MARK_HTTP_FAILURE = 1;
export const MARK_DISK_FULL = 2;
export const MARK_EXTENSIONS_OFF = 4;
/** A Python traceback frame in code the agent runs: a handler's (`/var/lib/waagent/<Handler>-<ver>/`) or the agent's own egg. */
export const MARK_TRACE_FRAME = 8;
/** The compute provider's verdict on an extension, in a pasted deployment error (parse/deployment-error.ts). */
export const MARK_CRP_FAILURE = 16;

/** The phrases, ASCII (so that latin1 offsets are byte offsets). */
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
];

/**
 * The part of a phrase the pass searches for: `xtension ` in the four that name an extension, a bracketed phrase
 * without its `[`, else the phrase. No anchor holds another, nor ends with another's start, and no phrase overlaps
 * another (test/parse/waagent/markers.test.ts): every anchor in a text is a match of the pass, and a phrase is found
 * where its anchor is, whole around it.
 */
export function anchorOf(phrase: string): string {
  return phrase.includes('xtension ') ? 'xtension ' : phrase.startsWith('[') ? phrase.slice(1) : phrase;
}
interface Anchored {
  phrase: string;
  /** Where the anchor starts in the phrase. */
  at: number;
  kind: number;
}
/** The phrases by their anchor. */
const BY_ANCHOR = new Map<string, Anchored[]>();
for (const phrase of MARKER_PHRASES) {
  const anchor = anchorOf(phrase);
  const list = BY_ANCHOR.get(anchor) ?? [];
  list.push({ phrase, at: phrase.indexOf(anchor), kind: kindOf(phrase) });
  BY_ANCHOR.set(anchor, list);
}
const ANCHORS = new RegExp([...BY_ANCHOR.keys()].map(escapeRegExp).join('|'), 'g');

/**
 * Bytes decoded at a time (see `scan`): a piece's string must be a young one of V8's own. From Node's EXTERN_APEX
 * (0xFBEE9 bytes) up it is an external string (malloc'd, freed only when a GC finds it); from V8's largest regular
 * object (128 KB) up it is a large object, mapped for itself and unmapped by a full GC: 50 MB decoded in 512 KB
 * pieces cost ~230–330 ms of CPU (~1 s of wall time at load 7, mostly page faults), in 64 KB pieces 6–20 ms.
 */
export const MARKER_PIECE_BYTES = 64 * 1024;
/** The longest marker's length: a piece's text runs this far past its end (see `scan`). */
const MAX_MARKER = Math.max(...MARKER_PHRASES.map((p) => p.length));

function kindOf(match: string): number {
  if (match.startsWith('[HTTP')) return MARK_HTTP_FAILURE;
  if (match.startsWith('since')) return MARK_EXTENSIONS_OFF;
  if (match.startsWith('File')) return MARK_TRACE_FRAME;
  if (match.startsWith('reported') || match.startsWith('Provisioning') || match.startsWith('is marked')) return MARK_CRP_FAILURE;
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
    // in pieces of young strings: a 1 MB chunk's latin1 string was an external string, malloc'd outside V8's heap
    // and freed only when a GC found it: ~45 MB of them waited at a time and left the C heap fragmented between the
    // record store's pages (~20–30 MB of RSS at a 500 MB log's end). A piece's text runs MAX_MARKER past it so that
    // a marker starting in it is whole; one that starts past it is the next piece's.
    for (let from = 0; from < buf.length; ) {
      const to = Math.min(buf.length, from + MARKER_PIECE_BYTES);
      const text = buf.toString('latin1', from, Math.min(buf.length, to + MAX_MARKER));
      let next = to;
      ANCHORS.lastIndex = 0;
      for (let m = ANCHORS.exec(text); m !== null; m = ANCHORS.exec(text)) {
        // (a phrase that starts before this piece's text is the piece's before, whose text holds it whole)
        const found = phraseAround(text, m.index, BY_ANCHOR.get(m[0])!);
        if (found === null) continue;
        const start = from + m.index - found.at;
        if (start >= to) break;
        this.starts.push(start);
        this.ends.push(start + found.phrase.length);
        this.kinds.push(found.kind);
        next = Math.max(next, start + found.phrase.length);
      }
      from = next;
    }
  }
}

/** The phrase of `list` that stands whole in `text` around its anchor found at `i`, or null. */
function phraseAround(text: string, i: number, list: readonly Anchored[]): Anchored | null {
  for (let k = 0; k < list.length; k++) {
    const a = list[k];
    if (i >= a.at && text.startsWith(a.phrase, i - a.at)) return a;
  }
  return null;
}
