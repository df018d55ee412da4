import { BufferContent, DiskFileContent, type FileContent } from './content';
import type { IngestedFile } from './types';
import { noted } from './limits';
import { msg } from '../../shared/i18n/analysis';
import { encodingOf, ENCODING_HEAD_BYTES, utf16Text } from '../../shared/formats/encoding';

/** The content without its first `n` bytes (a byte-order mark), read lazily like the original. */
class SkipContent implements FileContent {
  constructor(
    private readonly inner: FileContent,
    private readonly n: number,
  ) {}
  get size() {
    return this.inner.size - this.n;
  }
  async *chunks(signal?: AbortSignal): AsyncIterable<Buffer> {
    let skip = this.n;
    for await (const c of this.inner.chunks(signal)) {
      if (skip >= c.length) {
        skip -= c.length;
        continue;
      }
      yield skip > 0 ? c.subarray(skip) : c;
      skip = 0;
    }
  }
  read(offset: number, length: number): Promise<Buffer> {
    return this.inner.read(offset + this.n, length);
  }
  async text(maxBytes?: number): Promise<string> {
    return (await this.inner.text(maxBytes === undefined ? undefined : maxBytes + this.n)).slice(1);
  }
}

function withoutBom(c: FileContent): FileContent {
  if (c instanceof DiskFileContent) return new DiskFileContent(c.path, c.size - 3, c.start + 3);
  if (c instanceof BufferContent) return new BufferContent(c.bytes.subarray(3));
  return new SkipContent(c, 3);
}

/** UTF-16 files are converted in memory; past this many bytes only the newest (the tail) are kept. */
export const UTF16_MAX_BYTES = 256 * 1024 * 1024;

async function headOf(c: FileContent): Promise<Buffer> {
  if (c instanceof BufferContent) return c.bytes.subarray(0, ENCODING_HEAD_BYTES);
  if (c instanceof DiskFileContent) return c.headSync(ENCODING_HEAD_BYTES);
  return c.read(0, ENCODING_HEAD_BYTES);
}

/**
 * Files a parser reads, made plain UTF-8 (shared/formats/encoding.ts says why files come otherwise): a UTF-8 byte-order mark is skipped (the first line then reads like any
 * other), UTF-16 is converted (line numbers hold; the records' byte offsets are those of the converted text, which is
 * also what the raw file view shows). No warning: UTF-16 is how Windows saves text, not a fault. Files no format reads
 * are left as they are.
 */
export async function plainTexts(files: IngestedFile[], utf16Max = UTF16_MAX_BYTES): Promise<void> {
  for (const f of files) {
    if (f.kind === 'other' || f.kind === 'history-zip' || f.size < 2) continue;
    const encoding = encodingOf(await headOf(f.content));
    if (encoding === 'utf8') continue;
    if (encoding === 'utf8-bom') {
      f.content = withoutBom(f.content);
      f.size = f.content.size;
      continue;
    }
    const from = Math.max(0, f.content.size - utf16Max) & ~1;
    const kept = f.content.size - from;
    const utf8 = Buffer.from(utf16Text(await f.content.read(from, kept), encoding), 'utf8');
    f.content = new BufferContent(utf8);
    f.size = utf8.length;
    if (from > 0) {
      f.truncated = true;
      f.warnings.push({ file: f.vmPath, ...noted(msg('ingest.capped-tail', { origin: f.origin, cap: utf16Max, kept })) });
    }
  }
}
