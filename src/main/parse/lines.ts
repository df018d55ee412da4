import type { FileContent } from '../ingest/content';

/** Longest line head handed to a parser; the rest of a giant line is counted, not kept. */
export const MAX_LINE_HEAD = 64 * 1024;

export interface LineVisitor {
  /**
   * One physical line, without its `\n` / `\r\n`.
   * `buf[start, end)` is the line head (at most MAX_LINE_HEAD bytes); `byteLength` is the true
   * length of the line in the file (larger than end-start when `cut` is set).
   * `buf` is only valid during the call.
   */
  (buf: Buffer, start: number, end: number, lineNo: number, offset: number, byteLength: number, cut: boolean): void;
}

/**
 * Splits a file into lines on Buffers (no whole-file string), streaming, with bounded memory even
 * for a 100 MB line. Line numbers are 1-based; offsets are byte offsets in the file.
 */
export async function forEachLine(content: FileContent, visit: LineVisitor, signal?: AbortSignal): Promise<number> {
  let lineNo = 0;
  let fileOffset = 0; // offset of the first byte of `carry`/current line
  let carry: Buffer | null = null; // partial line head from previous chunks
  let carryLen = 0; // true length of the partial line so far
  const emit = (buf: Buffer, start: number, end: number, trueLen: number, cut: boolean) => {
    let e = end;
    // strip a trailing \r (CRLF files), only when we hold the line's end
    if (!cut && e > start && buf[e - 1] === 0x0d) {
      e--;
      trueLen--;
    }
    lineNo++;
    // a crash leaves NUL bytes where a block of the file was not written, and the next boot's line is written after them
    let s = start;
    while (s < e && buf[s] === 0) s++;
    visit(buf, s, e, lineNo, fileOffset + (s - start), trueLen - (s - start), cut);
  };
  // (a chunk is done with here once its lines are visited: a visitor copies what it keeps, see LineVisitor)
  for await (const chunk of content.chunks(signal, { transient: true })) {
    if (signal?.aborted) throw signal.reason ?? new Error('aborted');
    let pos = 0;
    while (pos < chunk.length) {
      const nl = chunk.indexOf(0x0a, pos);
      if (nl === -1) {
        // partial line: keep at most MAX_LINE_HEAD bytes of head
        const room = carry ? MAX_LINE_HEAD - carry.length : MAX_LINE_HEAD;
        const take = Math.max(0, Math.min(room, chunk.length - pos));
        const piece = chunk.subarray(pos, pos + take);
        carry = carry ? Buffer.concat([carry, piece]) : Buffer.from(piece);
        carryLen += chunk.length - pos;
        break;
      }
      const segLen = nl - pos;
      if (carry) {
        const room = MAX_LINE_HEAD - carry.length;
        const piece = chunk.subarray(pos, pos + Math.max(0, Math.min(room, segLen)));
        const head = Buffer.concat([carry, piece]);
        const trueLen = carryLen + segLen;
        emit(head, 0, head.length, trueLen, trueLen > head.length);
        carry = null;
        carryLen = 0;
        fileOffset += trueLen + 1;
      } else {
        const headEnd = pos + Math.min(segLen, MAX_LINE_HEAD);
        emit(chunk, pos, headEnd, segLen, segLen > MAX_LINE_HEAD);
        fileOffset += segLen + 1;
      }
      pos = nl + 1;
    }
  }
  if (carry && carryLen > 0) {
    emit(carry, 0, carry.length, carryLen, carryLen > carry.length);
    fileOffset += carryLen;
  }
  return lineNo;
}
