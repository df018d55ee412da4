/** Byte-level helpers for the parsers' hot paths (a hand loop: Buffer#compare costs more than the bytes for short words). */

/** Whether `word` stands at `buf[p]`, wholly before `end`. */
export function bytesAt(buf: Buffer, p: number, end: number, word: Buffer): boolean {
  if (p + word.length > end) return false;
  for (let k = 0; k < word.length; k++) if (buf[p + k] !== word[k]) return false;
  return true;
}
