/**
 * Builders for the hostile-input corpus. Everything is generated at test time into a private temp
 * folder (never committed): archives are written byte by byte here so they can say things a normal
 * archiver refuses to (`../` names, absolute names, links, lying sizes).
 */
import { mkdtempSync, readdirSync, lstatSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { constants as zc, deflateRawSync } from 'node:zlib';
import { zipSync, type Zippable } from 'fflate';

/** A raw ustar header + data. `type`: '0' file, '1' hard link, '2' symlink, '5' directory. */
export interface TarMember {
  name: string;
  data?: Buffer;
  type?: '0' | '1' | '2' | '5';
  linkname?: string;
}

function octal(n: number, width: number): string {
  return `${n.toString(8).padStart(width - 1, '0')}\0`;
}

/** A ustar archive; names longer than 100 bytes go into the prefix field when they can. */
export function tarOf(members: TarMember[]): Buffer {
  const blocks: Buffer[] = [];
  for (const m of members) {
    const data = m.data ?? Buffer.alloc(0);
    const h = Buffer.alloc(512);
    let name = m.name;
    let prefix = '';
    if (Buffer.byteLength(name) > 100) {
      const cut = name.lastIndexOf('/', 155);
      prefix = name.slice(0, cut);
      name = name.slice(cut + 1);
    }
    h.write(name, 0, 100, 'utf8');
    h.write(octal(m.type === '5' ? 0o755 : 0o644, 8), 100, 'ascii');
    h.write(octal(0, 8), 108, 'ascii');
    h.write(octal(0, 8), 116, 'ascii');
    h.write(octal(m.type === '0' || !m.type ? data.length : 0, 12), 124, 'ascii');
    h.write(octal(Math.floor(Date.UTC(2026, 10, 20, 9, 14, 3) / 1000), 12), 136, 'ascii');
    h.write('        ', 148, 'ascii');
    h.write(m.type ?? '0', 156, 'ascii');
    if (m.linkname) h.write(m.linkname, 157, 100, 'utf8');
    h.write('ustar\0', 257, 'ascii');
    h.write('00', 263, 'ascii');
    h.write(prefix, 345, 155, 'utf8');
    let sum = 0;
    for (const b of h) sum += b;
    h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
    blocks.push(h);
    if ((m.type ?? '0') === '0' && data.length) {
      blocks.push(data, Buffer.alloc((512 - (data.length % 512)) % 512));
    }
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

/** A zip with arbitrary member names (fflate writes names as given, `../` and `/abs` included). */
export function zipOf(files: Record<string, Buffer | Uint8Array>, level: 0 | 6 | 9 = 6): Buffer {
  const z: Zippable = {};
  for (const [name, data] of Object.entries(files)) z[name] = [data instanceof Buffer ? new Uint8Array(data) : data, { level }];
  return Buffer.from(zipSync(z));
}

/**
 * Rewrites the "uncompressed size" fields (local header and central directory) of the member `name` to
 * `claimed`, so the archive lies about how big it is. Sizes are little-endian u32 at +22 (local) / +24
 * (central); names follow the fixed parts at +30 / +46 with their lengths at +26 / +28.
 */
export function zipLyingSizes(zip: Buffer, name: string, claimed: number): Buffer {
  const out = Buffer.from(zip);
  const want = Buffer.from(name);
  for (let i = 0; i + 4 <= out.length; i++) {
    const sig = out.readUInt32LE(i);
    if (sig === 0x04034b50 && i + 30 <= out.length) {
      const n = out.readUInt16LE(i + 26);
      if (out.subarray(i + 30, i + 30 + n).equals(want)) out.writeUInt32LE(claimed >>> 0, i + 22);
    } else if (sig === 0x02014b50 && i + 46 <= out.length) {
      const n = out.readUInt16LE(i + 28);
      if (out.subarray(i + 46, i + 46 + n).equals(want)) out.writeUInt32LE(claimed >>> 0, i + 24);
    }
  }
  return out;
}

/**
 * A raw-deflate stream of `mib` MiB of zeros, built without ever holding them: one MiB of zeros is
 * compressed with a full flush (a byte-aligned, self-contained run of non-final blocks), repeated, and
 * closed with an empty final block. ~1 KiB of output per MiB.
 */
export function deflatedZeros(mib: number): Buffer {
  const block = deflateRawSync(Buffer.alloc(1024 * 1024), { level: 9, finishFlush: zc.Z_FULL_FLUSH });
  const last = deflateRawSync(Buffer.alloc(0));
  return Buffer.concat([...Array.from({ length: mib }, () => block), last]);
}

/** One member of `rawZip`: stored (method 0) or raw-deflated (8) bytes, with whatever size the header should claim. */
export interface RawZipMember {
  name: string;
  method: 0 | 8;
  data: Buffer;
  /** The uncompressed size written in both headers (a lie, when it differs from what `data` inflates to). */
  claimedSize: number;
}

/** A zip written field by field, so a member can claim any uncompressed size (CRCs are 0: nothing we test checks them). */
/** A zip's end of central directory record (APPNOTE.TXT 4.3.16): `count` members, the directory's size and offset. */
export function zipEnd(count: number, cdSize: number, cdOffset: number): Buffer {
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(cdOffset, 16);
  return end;
}

export function rawZip(members: RawZipMember[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const m of members) {
    const name = Buffer.from(m.name);
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(m.method, 8);
    lh.writeUInt16LE(0x21, 12);
    lh.writeUInt32LE(m.data.length, 18);
    lh.writeUInt32LE(m.claimedSize >>> 0, 22);
    lh.writeUInt16LE(name.length, 26);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(m.method, 10);
    ch.writeUInt16LE(0x21, 14);
    ch.writeUInt32LE(m.data.length, 20);
    ch.writeUInt32LE(m.claimedSize >>> 0, 24);
    ch.writeUInt16LE(name.length, 28);
    ch.writeUInt32LE(offset, 42);
    locals.push(lh, name, m.data);
    centrals.push(ch, name);
    offset += lh.length + name.length + m.data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = zipEnd(members.length, cd.length, offset);
  return Buffer.concat([...locals, cd, end]);
}

/**
 * Samples this process's resident set every few milliseconds while `p` runs and returns the peak. The
 * pipeline inflates on libuv's thread pool and awaits between chunks, so the main thread gets to sample; a transient allocation (an inflate that ignores the declared size, a giant line kept whole) shows
 * here even when it is freed before `p` resolves.
 */
export async function peakRss<T>(p: Promise<T>): Promise<{ value: T; peak: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 2);
  try {
    const value = await p;
    peak = Math.max(peak, process.memoryUsage.rss());
    return { value, peak };
  } finally {
    clearInterval(timer);
  }
}

/** A file of `size` bytes of one repeated byte, compressed: the classic bomb member. */
export function zeros(size: number): Uint8Array {
  return new Uint8Array(size);
}

/** Every path under `dir` (relative), for "nothing was written" comparisons. Symlinks are not followed. */
export function listing(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string) => {
    let names: string[];
    try {
      names = readdirSync(d);
    } catch {
      return;
    }
    for (const n of names) {
      const p = join(d, n);
      const r = rel ? `${rel}/${n}` : n;
      out.push(r);
      try {
        if (lstatSync(p).isDirectory()) walk(p, r);
      } catch {
        /* vanished while listing */
      }
    }
  };
  walk(dir, '');
  return out.sort();
}

export function freshDir(parent: string, prefix: string): string {
  return mkdtempSync(join(parent, prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Rejects after `ms` so a hang fails the test instead of stalling the run. */
export async function within<T>(ms: number, what: string, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms (hang)`)), ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Walks a parsed JSON value and yields every string (keys and values). */
export function* stringsOf(v: unknown): Generator<string> {
  if (typeof v === 'string') yield v;
  else if (Array.isArray(v)) for (const x of v) yield* stringsOf(x);
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      yield k;
      yield* stringsOf(x);
    }
  }
}

export const XSS_IMG = '<img src=x onerror=alert(1)>';
export const XSS_SCRIPT = '<script>alert(document.domain)</script>';
export const BIDI = '\u202E';
export const EVIL_URL = 'https://evil.example.net/steal?sig=SECRETSASVALUE0123456789&se=2026-11-20';
