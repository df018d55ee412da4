import { open } from 'node:fs/promises';

/** Kinds whose records never depend on lines before the previous record start (safe to split): the formats' `split`. */
export { SPLITTABLE } from '../../shared/formats';

/** Files above this size are split into ranges parsed in parallel. */
export const SPLIT_MIN_BYTES = 48 * 1024 * 1024;

/** `2024-01-14T…` or `2024/01/14 …` at a line start: a record can begin there. */
function looksLikeRecordStart(b: Buffer, i: number): boolean {
  if (i + 20 > b.length) return false;
  const d = (k: number) => b[i + k] >= 0x30 && b[i + k] <= 0x39;
  return d(0) && d(1) && d(2) && d(3) && (b[i + 4] === 0x2d || b[i + 4] === 0x2f) && d(5) && d(6) && (b[i + 7] === 0x2d || b[i + 7] === 0x2f);
}

/**
 * Byte offsets that cut a log into `parts` ranges, each starting at a line that starts a record,
 * so no record spans two ranges. The content is `size` bytes of `path` from byte `base` (a
 * tail-kept file starts past 0). Returns offsets relative to `base`: [0, …, size].
 */
export async function splitPoints(path: string, size: number, parts: number, base = 0): Promise<number[]> {
  const points = [0];
  const fh = await open(path, 'r');
  try {
    const probe = Buffer.alloc(1 << 20);
    for (let p = 1; p < parts; p++) {
      const target = Math.floor((size * p) / parts);
      if (target <= points[points.length - 1]) continue;
      const { bytesRead } = await fh.read(probe, 0, Math.min(probe.length, size - target), base + target);
      let cut = -1;
      for (let i = probe.indexOf(0x0a, 0); i !== -1 && i + 1 < bytesRead; i = probe.indexOf(0x0a, i + 1)) {
        if (looksLikeRecordStart(probe, i + 1)) {
          cut = target + i + 1;
          break;
        }
      }
      if (cut > 0) points.push(cut);
    }
  } finally {
    await fh.close();
  }
  points.push(size);
  return points;
}
