/**
 * Walks the frames of a zstd stream as its bytes arrive, without decoding them (RFC 8878 §3.1), so that each frame's
 * window is known from its header before the decoder sees the frame: the decoder (fzstd) allocates the whole window
 * when it reads the header. Only headers are read: a frame header, then each block's 3-byte header, whose size says
 * how many bytes to pass over (and the 4-byte checksum after the last block when the frame has one); a skippable frame
 * is passed over by its size. Bytes that are not a frame stop the walk: the decoder says what is wrong with them.
 */

const ZSTD_MAGIC = 0xfd2fb528;
/** Skippable frames: 0x184D2A50 to 0x184D2A5F (§3.1.2). */
const SKIPPABLE = 0x184d2a5;
/** The longest frame header: magic 4, descriptor 1, window 1, dictionary id 4, content size 8 (§3.1.1). */
const HEADER_MAX = 18;
const DICT_ID_BYTES = [0, 1, 2, 4];
const CONTENT_SIZE_BYTES = [0, 2, 4, 8];

type Step = 'magic' | 'frame-header' | 'skippable-size' | 'block-header' | 'off';

/** A frame asks for too big a window; `keep` bytes of the chunk fed last come before that frame and may be decoded. */
export class ZstdWindowError extends Error {
  constructor(
    message: string,
    readonly keep: number,
  ) {
    super(message);
  }
}

export class ZstdFrameWalk {
  private readonly head = new Uint8Array(HEADER_MAX);
  private have = 0;
  private need = 4;
  private step: Step = 'magic';
  /** Bytes still to pass over (a block's content, a checksum, a skippable frame's content). */
  private skip = 0;
  /** Bytes of checksum after the current frame's last block. */
  private checksum = 0;
  /** Stream offsets: of the chunk being fed, and of the current frame's first byte. */
  private fed = 0;
  private frameStart = 0;

  constructor(private readonly maxWindow: number) {}

  /** Reads the next bytes of the stream; throws ZstdWindowError when a frame asks for a window over maxWindow. */
  feed(bytes: Uint8Array): void {
    try {
      this.walk(bytes);
    } finally {
      this.fed += bytes.length;
    }
  }

  private walk(bytes: Uint8Array): void {
    let i = 0;
    while (i < bytes.length && this.step !== 'off') {
      if (this.skip > 0) {
        const n = Math.min(this.skip, bytes.length - i);
        this.skip -= n;
        i += n;
        continue;
      }
      if (this.step === 'magic' && this.have === 0) this.frameStart = this.fed + i;
      const n = Math.min(this.need - this.have, bytes.length - i);
      this.head.set(bytes.subarray(i, i + n), this.have);
      this.have += n;
      i += n;
      if (this.have === this.need) this.advance();
    }
  }

  private advance(): void {
    const h = this.head;
    switch (this.step) {
      case 'magic': {
        const magic = u32(h, 0);
        if (magic === ZSTD_MAGIC) this.expect('frame-header', 5);
        else if (magic >>> 4 === SKIPPABLE) this.expect('skippable-size', 8);
        else this.step = 'off';
        return;
      }
      case 'skippable-size':
        this.skip = u32(h, 4);
        this.restart();
        return;
      case 'frame-header': {
        // Frame_Header_Descriptor (§3.1.1.1.1): content-size flag, single segment, reserved bit, checksum, dictionary id
        const fhd = h[4];
        if (fhd & 8) {
          this.step = 'off';
          return;
        }
        const single = (fhd >> 5) & 1;
        const fcsFlag = fhd >> 6;
        const dictBytes = DICT_ID_BYTES[fhd & 3];
        const fcsBytes = fcsFlag === 0 ? single : CONTENT_SIZE_BYTES[fcsFlag];
        const size = 5 + (single ? 0 : 1) + dictBytes + fcsBytes;
        if (this.have < size) {
          this.need = size;
          return;
        }
        const window = single ? contentSize(h, 5 + dictBytes, fcsBytes) : windowSize(h[5]);
        if (window > this.maxWindow) {
          throw new ZstdWindowError(`a zstd frame asks for a ${window}-byte window, more than ${this.maxWindow}`, Math.max(0, this.frameStart - this.fed));
        }
        this.checksum = (fhd >> 2) & 1 ? 4 : 0;
        this.expect('block-header', 3, true);
        return;
      }
      case 'block-header': {
        // Block_Header (§3.1.1.2): Last_Block, Block_Type (raw, RLE, compressed, reserved), Block_Size
        const b = h[0] | (h[1] << 8) | (h[2] << 16);
        const type = (b >> 1) & 3;
        if (type === 3) {
          this.step = 'off';
          return;
        }
        this.skip = type === 1 ? 1 : b >>> 3;
        if (b & 1) {
          this.skip += this.checksum;
          this.restart();
        } else this.expect('block-header', 3, true);
        return;
      }
      case 'off':
        return;
    }
  }

  private expect(step: Step, need: number, fresh = false): void {
    this.step = step;
    this.need = need;
    if (fresh) this.have = 0;
  }

  private restart(): void {
    this.expect('magic', 4, true);
  }
}

function u32(b: Uint8Array, at: number): number {
  return (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
}

/** Window_Descriptor (§3.1.1.1.2): 2^(10 + Exponent) plus Mantissa eighths of it. */
function windowSize(descriptor: number): number {
  const base = 2 ** (10 + (descriptor >> 3));
  return base + (base / 8) * (descriptor & 7);
}

/** A single-segment frame's window is its Frame_Content_Size (§3.1.1.1.4): little-endian, the 2-byte form plus 256. */
function contentSize(b: Uint8Array, at: number, bytes: number): number {
  let v = 0;
  for (let k = bytes - 1; k >= 0; k--) v = v * 256 + b[at + k];
  return bytes === 2 ? v + 256 : v;
}
