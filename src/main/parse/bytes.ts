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
