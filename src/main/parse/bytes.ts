/** Byte-level helpers for the parsers' hot paths (a hand loop: Buffer#compare costs more than the bytes for short words). */

/** Whether `word` stands at `buf[p]`, wholly before `end`. */
export function bytesAt(buf: Buffer, p: number, end: number, word: Buffer): boolean {
  if (p + word.length > end) return false;
  for (let k = 0; k < word.length; k++) if (buf[p + k] !== word[k]) return false;
  return true;
}

/** An ASCII digit byte. */
export const isDigit = (b: number): boolean => b >= 0x30 && b <= 0x39;

/** `\d\d:\d\d:\d\d` at `i` (8 bytes), wholly before `end`: the clock of every log time the parsers read from bytes. */
export function clockAt(buf: Buffer, i: number, end: number): boolean {
  return (
    i + 8 <= end &&
    isDigit(buf[i]) &&
    isDigit(buf[i + 1]) &&
    buf[i + 2] === 0x3a &&
    isDigit(buf[i + 3]) &&
    isDigit(buf[i + 4]) &&
    buf[i + 5] === 0x3a &&
    isDigit(buf[i + 6]) &&
    isDigit(buf[i + 7])
  );
}

/**
 * A DataView of `buf`, kept for the last Buffer asked about (a parser asks line after line of one chunk): a
 * `getInt32` reads four bytes for about the cost of one indexed load once optimised, so a hot path that compares
 * known words (a timestamp's minute, a record's head words) reads a quarter of the loads. Reads must stay below
 * `buf.length` (a DataView throws past its end): the callers check against the line end first.
 */
export function viewOf(buf: Buffer): DataView {
  if (buf !== viewed) {
    viewed = buf;
    view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }
  return view;
}
let viewed: Buffer | null = null;
let view: DataView = new DataView(new ArrayBuffer(0));

/** The four bytes at `word[k]` as `viewOf(…).getInt32` reads them (big-endian): a known word to compare a line's bytes with. */
export function int32At(word: Uint8Array, k: number): number {
  return ((word[k] << 24) | (word[k + 1] << 16) | (word[k + 2] << 8) | word[k + 3]) | 0;
}
