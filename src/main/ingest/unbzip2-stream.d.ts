// The block decoder of unbzip2-stream 1.4.3 (CommonJS, no types of its own); see bzip2Chunks in inflate.ts.
declare module 'unbzip2-stream/lib/bzip2.js' {
  type Bits = (n: number | null) => number;
  const bzip2: {
    /** Reads `BZh<level>`; returns the block size in 100 kB units; throws on bad magic. */
    header(bits: Bits): number;
    /** Decodes one block, calling `out` per byte; returns the running stream CRC, or null at the end-of-stream marker. */
    decompress(bits: Bits, out: (byte: number) => void, buf: Int32Array, bufsize: number, streamCRC: number): number | null;
  };
  export default bzip2;
}
declare module 'unbzip2-stream/lib/bit_iterator.js' {
  type Bits = ((n: number | null) => number) & { bytesRead: number };
  export default function bitIterator(next: () => Buffer | undefined): Bits;
}
