import { open } from 'node:fs/promises';
import type { FileKind } from '../../shared';
import { newHead, readHead } from './waagent/records';

/** Kinds whose records never depend on lines before the previous record start (safe to split): the formats' `split`. */
export { SPLITTABLE } from '../../shared/formats';

const head = newHead();
/**
 * Per kind, a line its parser always reads as a record's head, whatever came before it (cutPoints' `isStart`): a range
 * cut there starts in the state the whole file's parse is in at that line. The agent's own format: `readHead`.
 */
export const RECORD_START: ReadonlyMap<FileKind, (buf: Buffer, start: number, end: number) => boolean> = new Map([
  ['waagent-log', (buf: Buffer, start: number, end: number) => readHead(buf, start, end, head)],
]);

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
  return cutPoints(path, size, Array.from({ length: parts - 1 }, (_, k) => Math.floor((size * (k + 1)) / parts)), base);
}

/**
 * `splitPoints` at the first record start at or after each of `targets` (ascending, relative to `base`); `isStart`
 * tells a line (`buf[start, end)`, without its line end) that starts a record (default: a date at its start).
 */
export async function cutPoints(path: string, size: number, targets: readonly number[], base = 0, isStart?: (buf: Buffer, start: number, end: number) => boolean): Promise<number[]> {
  const points = [0];
  const fh = await open(path, 'r');
  try {
    const probe = Buffer.alloc(1 << 20);
    for (const target of targets) {
      if (target <= points[points.length - 1] || target >= size) continue;
      const { bytesRead } = await fh.read(probe, 0, Math.min(probe.length, size - target), base + target);
      let cut = -1;
      for (let i = probe.indexOf(0x0a, 0); i !== -1 && i + 1 < bytesRead; i = probe.indexOf(0x0a, i + 1)) {
        if (!looksLikeRecordStart(probe, i + 1)) continue;
        if (isStart) {
          let end = probe.indexOf(0x0a, i + 1);
          if (end === -1 || end > bytesRead) end = bytesRead;
          if (end > i + 1 && probe[end - 1] === 0x0d) end--;
          if (!isStart(probe, i + 1, end)) continue;
        }
        cut = target + i + 1;
        break;
      }
      if (cut > 0 && cut > points[points.length - 1]) points.push(cut);
    }
  } finally {
    await fh.close();
  }
  points.push(size);
  return points;
}

/** Records a byte, estimated from the record starts (`isStart`) in 1 MB of the content from `at` (relative to `base`). */
export async function recordDensity(path: string, size: number, at: number, base = 0, isStart?: (buf: Buffer, start: number, end: number) => boolean): Promise<number> {
  const fh = await open(path, 'r');
  try {
    const probe = Buffer.alloc(Math.min(1 << 20, size - at));
    const { bytesRead } = await fh.read(probe, 0, probe.length, base + at);
    let starts = 0;
    for (let i = probe.indexOf(0x0a, 0); i !== -1 && i + 1 < bytesRead; i = probe.indexOf(0x0a, i + 1)) {
      if (!looksLikeRecordStart(probe, i + 1)) continue;
      let end = probe.indexOf(0x0a, i + 1);
      if (end === -1 || end > bytesRead) end = bytesRead;
      if (!isStart || isStart(probe, i + 1, end)) starts++;
    }
    return bytesRead ? starts / bytesRead : 0;
  } finally {
    await fh.close();
  }
}
