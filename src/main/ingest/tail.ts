/**
 * Collects a stream of chunks but keeps only the last `cap` bytes. Logs are appended at the end, so when a
 * member is over the per-file cap the newest records (the ones that explain a recent failure) survive —
 * the same choice the agent's log collector makes (`tail -c`).
 */
export class TailBuffer {
  private chunks: Buffer[] = [];
  private kept = 0;
  /** Every byte seen, kept or not. */
  seen = 0;

  constructor(private readonly cap: number) {}

  push(chunk: Buffer): void {
    this.seen += chunk.length;
    if (chunk.length >= this.cap) {
      this.chunks = [chunk.subarray(chunk.length - this.cap)];
      this.kept = this.cap;
      return;
    }
    this.chunks.push(chunk);
    this.kept += chunk.length;
    // Drop whole chunks from the front while the rest still covers the cap, then trim the first one.
    while (this.kept - this.chunks[0].length >= this.cap) this.kept -= this.chunks.shift()!.length;
    if (this.kept > this.cap) {
      const over = this.kept - this.cap;
      this.chunks[0] = this.chunks[0].subarray(over);
      this.kept -= over;
    }
  }

  get truncated(): boolean {
    return this.seen > this.kept;
  }

  result(): Buffer {
    return this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.kept);
  }
}
