import { isAscii } from 'node:buffer';
import { LEGACY_SAMPLE_BYTES } from '../../shared/formats/encoding';

/** The shortest run of NUL bytes taken for the block a crash leaves in a log (parse/lines.ts reads the line after it). */
export const NUL_BLOCK_MIN = 16;

/** The shortest such run, as bytes to look for. */
export const CRASH_NULS = Buffer.alloc(NUL_BLOCK_MIN);

/** `bytes` without the NUL blocks a crash left in them: what a sniffer should see of a head. */
export function withoutNulBlocks(bytes: Buffer): Buffer {
  let at = bytes.indexOf(CRASH_NULS);
  if (at < 0) return bytes;
  const parts: Buffer[] = [];
  let from = 0;
  while (at >= 0) {
    parts.push(bytes.subarray(from, at));
    from = at + CRASH_NULS.length;
    while (from < bytes.length && bytes[from] === 0) from++;
    at = bytes.indexOf(CRASH_NULS, from);
  }
  parts.push(bytes.subarray(from));
  return Buffer.concat(parts);
}

/**
 * What one pass over a text file's bytes finds for its decoding (ingest/text-encoding.ts): where it first leaves ASCII
 * (a log written in English for weeks, then a line in the machine's code page), and the blocks of NUL bytes a crash
 * left in it. Fed in order, chunk by chunk (`at` jumps over the parts of a big file not read); holds one sample.
 */
export class TextSurvey {
  /** Up to LEGACY_SAMPLE_BYTES from the first byte past ASCII; undefined while every byte seen is ASCII. */
  nonAscii: Buffer | undefined;
  /** The first NUL block's offset, and how many blocks and bytes there are. */
  firstBlock: number | undefined;
  blocks = 0;
  nulBytes = 0;
  private parts: Buffer[] = [];
  private taken = 0;
  private pos = 0;
  private runStart = 0;
  private run = 0;

  push(chunk: Buffer, at = this.pos): void {
    if (at !== this.pos) this.endRun();
    this.pos = at;
    let i = chunk.indexOf(0);
    if (this.run > 0 && i !== 0) this.endRun();
    while (i >= 0) {
      let j = i;
      while (j < chunk.length && chunk[j] === 0) j++;
      if (this.run === 0) this.runStart = this.pos + i;
      this.run += j - i;
      if (j === chunk.length) break; // (the run may go on in the next chunk)
      this.endRun();
      i = chunk.indexOf(0, j);
    }
    this.sample(chunk);
    this.pos += chunk.length;
  }

  /** Ends the pass: the sample past ASCII and the last run are complete. `skip`: the first bytes are not kept (a capped tail). */
  finish(skip = 0): this {
    this.endRun();
    if (skip > 0 && this.firstBlock !== undefined) {
      // the blocks in the part dropped are not the kept file's; the counts keep them, the place is of the first kept
      this.firstBlock = this.firstBlock >= skip ? this.firstBlock - skip : undefined;
    }
    if (this.parts.length > 0) this.nonAscii = Buffer.concat(this.parts, this.taken);
    this.parts = [];
    return this;
  }

  private sample(chunk: Buffer): void {
    if (this.taken >= LEGACY_SAMPLE_BYTES) return;
    let from = 0;
    if (this.taken === 0) {
      if (isAscii(chunk)) return;
      while (chunk[from] < 0x80) from++;
    }
    const piece = chunk.subarray(from, from + LEGACY_SAMPLE_BYTES - this.taken);
    // (a copy: a chunk's buffer may be reused by its reader)
    this.parts.push(Buffer.from(piece));
    this.taken += piece.length;
  }

  private endRun(): void {
    if (this.run >= NUL_BLOCK_MIN) {
      this.firstBlock ??= this.runStart;
      this.blocks++;
      this.nulBytes += this.run;
    }
    this.run = 0;
  }
}
