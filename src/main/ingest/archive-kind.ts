import { inflateHeadSync } from './inflate';

/**
 * The one archive-type detector: what a file's first bytes (and, for a gzip, the start of its content)
 * say it is. Every reader decides by it, for inputs on disk and for archives nested in archives.
 */
export type ArchiveKind = 'zip' | 'tar' | 'tar.gz' | 'tar.xz' | 'tar.bz2' | 'tar.zst';

export function isZip(head: Buffer): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5) && (head[3] === 4 || head[3] === 6);
}

export function isGzip(head: Buffer): boolean {
  return head.length >= 3 && head[0] === 0x1f && head[1] === 0x8b && head[2] === 0x08;
}

export function isXz(head: Buffer): boolean {
  return head.length >= 6 && head[0] === 0xfd && head[1] === 0x37 && head[2] === 0x7a && head[3] === 0x58 && head[4] === 0x5a && head[5] === 0x00;
}

/** A zstd frame (magic 0xFD2FB528, little-endian). */
export function isZstd(head: Buffer): boolean {
  return head.length >= 4 && head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd;
}

/**
 * A bzip2 stream: `BZh`, a block size digit, then a block's magic (the digits of π) or, for empty input, the
 * end-of-stream magic (of √π). Ten bytes, so a text file that happens to start with `BZh1` is not taken for one.
 */
export function isBzip2(head: Buffer): boolean {
  if (head.length < 10 || head.toString('latin1', 0, 3) !== 'BZh' || head[3] < 0x31 || head[3] > 0x39) return false;
  const next = head.toString('hex', 4, 10);
  return next === '314159265359' || next === '177245385090';
}

/** A POSIX/GNU tar header has `ustar` at offset 257. */
export function isTar(head: Buffer): boolean {
  return head.length >= 262 && head.subarray(257, 262).toString('latin1') === 'ustar';
}

/** The compression a file's first bytes say it is in (a log that lost its `.gz` on the way), or undefined. */
export function compressedBy(head: Buffer): 'gzip' | 'xz' | 'bzip2' | 'zstd' | undefined {
  return isGzip(head) ? 'gzip' : isXz(head) ? 'xz' : isBzip2(head) ? 'bzip2' : isZstd(head) ? 'zstd' : undefined;
}

const TAR_BZ2 = /\.(tar\.bz2|tbz2?)$/i;
const TAR_ZST = /\.(tar\.zst|tzst)$/i;

/** Enough of a gzip's content to see a tar header or sniff a log (8 KiB of deflate could give 8 MiB). */
const HEAD_INFLATE_MAX = 64 * 1024;

/** The start of a gzip's content (to see a tar inside, or sniff a loose log); empty when it does not inflate. */
export function gunzipHead(head: Buffer): Buffer {
  return inflateHeadSync(head, 'gzip', HEAD_INFLATE_MAX);
}

/**
 * The archive `head` starts, or undefined for a plain file (a `.gz` log is not an archive). A gzip is a
 * tar.gz when its content starts with a tar header, or when `name` says so (`.tar.gz`, `.tgz`: a tar.gz
 * whose first member header is past the sniffed head). A bzip2 is a tar.bz2 when `name` says so: its head
 * cannot be decoded from a few KB (a block is up to 900 kB), so a loose `.bz2` is looked into after decoding; the
 * same for zstd (`.tar.zst`, sos 4.x's default; a loose `.zst` is looked into after decoding).
 */
export function archiveKind(head: Buffer, name?: string): ArchiveKind | undefined {
  if (isZip(head)) return 'zip';
  if (isXz(head)) return 'tar.xz';
  if (isGzip(head)) return (name !== undefined && /\.(tar\.gz|tgz)$/i.test(name)) || isTar(gunzipHead(head)) ? 'tar.gz' : undefined;
  if (isBzip2(head)) return name !== undefined && TAR_BZ2.test(name) ? 'tar.bz2' : undefined;
  if (isZstd(head)) return name !== undefined && TAR_ZST.test(name) ? 'tar.zst' : undefined;
  if (isTar(head)) return 'tar';
  return undefined;
}
