import { BufferContent, DiskFileContent, type ChunkOptions, type FileContent } from './content';
import { GunzipFileContent } from './gzip';
import { compressedBy } from './archive-kind';
import { TextSurvey, withoutNulBlocks } from './survey';
import type { IngestedFile } from './types';
import { noted } from './limits';
import { msg } from '../../shared/i18n/analysis';
import { isAscii, isUtf8 } from 'node:buffer';
import { encodingOf, ENCODING_HEAD_BYTES, LEGACY_SAMPLE_BYTES, legacyEncodingOf, utf16Text, type LegacyEncoding } from '../../shared/formats/encoding';
import { mayBeDressed, plainExcerpt } from '../../shared/formats/excerpt';

/** The content without its first `n` bytes (a byte-order mark), read lazily like the original. */
class SkipContent implements FileContent {
  constructor(
    private readonly inner: FileContent,
    private readonly n: number,
  ) {}
  get size() {
    return this.inner.size - this.n;
  }
  async *chunks(signal?: AbortSignal, opts?: ChunkOptions): AsyncIterable<Buffer> {
    let skip = this.n;
    for await (const c of this.inner.chunks(signal, opts)) {
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

/**
 * A file on disk up to this size is read whole when its head is looked at, and its parse takes those bytes instead
 * of opening it again (the 5,000 small logs of a /var/log/azure tree were 10,000 opens and reads). The parse pool
 * runs jobs of this size in this thread (IN_THREAD_MAX_BYTES), so the bytes are never copied to a worker.
 */
export const PRIME_FILE_MAX_BYTES = 64 * 1024;
/**
 * At most this many bytes of an input are held between the look and the parse (all files are looked at before
 * the first is parsed); the files past it are read twice, as before. They go into one buffer: a Buffer per file
 * held that long cost the garbage collector more than the second read saved.
 */
export const PRIME_TOTAL_MAX_BYTES = 32 * 1024 * 1024;

const primable = (f: IngestedFile) => f.content instanceof DiskFileContent && f.content.size <= PRIME_FILE_MAX_BYTES;

interface Arena {
  buf: Buffer;
  at: number;
}

/** The file's first LEGACY_SAMPLE_BYTES (all of a small file): its encoding is judged on them. */
async function sampleOf(c: FileContent, arena: Arena | undefined): Promise<Buffer> {
  if (c instanceof BufferContent) return c.bytes.subarray(0, LEGACY_SAMPLE_BYTES);
  if (c instanceof DiskFileContent) {
    if (arena && c.size <= PRIME_FILE_MAX_BYTES && arena.at + c.size <= arena.buf.length) {
      const at = arena.at;
      arena.at += c.primeInto(arena.buf, at);
      return arena.buf.subarray(at, Math.min(arena.at, at + LEGACY_SAMPLE_BYTES));
    }
    return c.headSync(LEGACY_SAMPLE_BYTES);
  }
  return c.read(0, LEGACY_SAMPLE_BYTES);
}

const allNul = (b: Buffer) => b.length > 0 && b[0] === 0 && b.equals(Buffer.alloc(b.length));

/**
 * A file that is NUL bytes only, judged on its sample and (a bigger file on disk or in memory) its last bytes: what a
 * log pre-allocated by the file system holds when the VM stopped before its content was written.
 */
async function onlyNul(c: FileContent, sample: Buffer): Promise<boolean> {
  if (!allNul(sample)) return false;
  if (c.size <= sample.length) return true;
  if (!(c instanceof DiskFileContent || c instanceof BufferContent)) return false;
  return allNul(await c.read(Math.max(sample.length, c.size - LEGACY_SAMPLE_BYTES), LEGACY_SAMPLE_BYTES));
}

/**
 * A file in memory up to this size is surveyed whole, one on disk up to SURVEY_DISK_MAX_BYTES (a second read of a
 * 50 MB log cost 60-100 ms); a bigger one at SURVEY_WINDOWS places and at its end.
 */
export const SURVEY_FULL_MAX_BYTES = 64 * 1024 * 1024;
export const SURVEY_DISK_MAX_BYTES = 4 * 1024 * 1024;
const SURVEY_WINDOWS = 16;

/**
 * One pass over the file's bytes (survey.ts): where it first leaves ASCII, and the NUL blocks a crash left. The
 * sample is the whole of a small file; a `.gz` on disk was surveyed as it was measured (gzip.ts), not inflated again.
 */
async function surveyOf(c: FileContent, sample: Buffer): Promise<TextSurvey> {
  if (c instanceof GunzipFileContent) return c.survey;
  const s = new TextSurvey();
  if (c.size <= sample.length) {
    s.push(sample);
    return s.finish();
  }
  if (c.size <= (c instanceof DiskFileContent ? SURVEY_DISK_MAX_BYTES : SURVEY_FULL_MAX_BYTES)) {
    for await (const chunk of c.chunks()) s.push(chunk);
    return s.finish();
  }
  s.push(sample);
  const step = Math.floor(c.size / (SURVEY_WINDOWS + 1));
  for (let k = 1; k <= SURVEY_WINDOWS + 1; k++) {
    const at = k > SURVEY_WINDOWS ? c.size - LEGACY_SAMPLE_BYTES : k * step;
    if (at >= sample.length) s.push(await c.read(at, LEGACY_SAMPLE_BYTES), at);
  }
  return s.finish();
}

/**
 * The 8-bit encoding a file is in: judged on its first LEGACY_SAMPLE_BYTES, or, when they are plain ASCII, on the
 * bytes from where it first leaves ASCII (a log written in English for weeks, then a line with the machine's localized
 * error). The NUL blocks a crash left are not part of the text judged.
 */
function legacyOf(head: Buffer, survey: TextSurvey): LegacyEncoding | undefined {
  const text = withoutNulBlocks(head);
  if (!isUtf8(text)) return legacyEncodingOf(text);
  if (!isAscii(text) || !survey.nonAscii) return undefined;
  return legacyEncodingOf(withoutNulBlocks(survey.nonAscii));
}

/** The line (1-based) that starts at or holds byte `offset` of the content: its line ends before it, counted. */
async function lineAt(c: FileContent, offset: number): Promise<number> {
  let line = 1;
  let pos = 0;
  for await (const chunk of c.chunks()) {
    const part = chunk.subarray(0, Math.max(0, offset - pos));
    for (let i = part.indexOf(0x0a); i >= 0; i = part.indexOf(0x0a, i + 1)) line++;
    pos += chunk.length;
    if (pos >= offset) break;
  }
  return line;
}

/** The warning for a file with NUL blocks a crash left (read past by parse/lines.ts): where the first is, how many. */
async function warnNulBlocks(f: IngestedFile, survey: TextSurvey, content: FileContent): Promise<void> {
  if (survey.firstBlock === undefined) return;
  const line = await lineAt(content, survey.firstBlock);
  f.warnings.push({ file: f.vmPath, ...noted(msg('ingest.nul-block', { origin: f.origin, blocks: survey.blocks, bytes: survey.nulBytes, line })) });
}

/**
 * A whole text held in memory (a saved `tail` output, before it is split into its files) as a string, by the rules
 * plainTexts applies to a file: UTF-16 converted, a byte-order mark skipped, an 8-bit encoding decoded (`legacy` says
 * which, for the warning).
 */
export function decodedText(bytes: Buffer): { text: string; legacy?: LegacyEncoding } {
  const encoding = encodingOf(bytes.subarray(0, ENCODING_HEAD_BYTES));
  if (encoding === 'utf16le' || encoding === 'utf16be') return { text: utf16Text(bytes, encoding) };
  const body = encoding === 'utf8-bom' ? bytes.subarray(3) : bytes;
  const legacy = isUtf8(body) ? undefined : legacyEncodingOf(body);
  return legacy ? { text: new TextDecoder(legacy).decode(body), legacy } : { text: body.toString('utf8') };
}

/** Excerpts copied out of a document are small; a log this big was written by a program and is left as it is. */
export const EXCERPT_MAX_BYTES = 16 * 1024 * 1024;

/** U+00A0, a non-breaking space, in UTF-8. */
const NBSP_UTF8 = Buffer.from([0xc2, 0xa0]);

/** An excerpt's dress removed (shared/formats/excerpt.ts), in memory like a UTF-16 file's conversion. */
async function undressFile(f: IngestedFile, head: string, sample: Buffer): Promise<void> {
  // a text whose head shows no dress (no blank or quote mark first, no non-breaking space) and whose sample no terminal
  // escape code (a session's colours mark only its warnings and errors) nor non-breaking space (a paste whose later
  // piece came through Teams or a web page) is not read further
  if (f.size > EXCERPT_MAX_BYTES || !(mayBeDressed(head, 'bytes') || sample.includes(0x1b) || sample.includes(NBSP_UTF8))) return;
  const plain = plainExcerpt((await f.content.read(0, f.size)).toString('latin1'), 'bytes');
  if (plain === undefined) return;
  f.content = new BufferContent(Buffer.from(plain, 'latin1'));
  f.size = f.content.size;
}

/**
 * Files a parser reads, made plain UTF-8 (shared/formats/encoding.ts says why files come otherwise): a UTF-8 byte-order mark is skipped (the first line then reads like any
 * other), UTF-16 is converted (line numbers hold; the records' byte offsets are those of the converted text, which is
 * also what the raw file view shows). No warning: UTF-16 is how Windows saves text, not a fault. Files no format reads
 * are left as they are. Small files on disk are read whole here for their parse (PRIME_FILE_MAX_BYTES). A file whose
 * bytes are compressed though its name does not say so (`waagent.log.1` that is a gzip) is handed to `unpack` first.
 */
export async function plainTexts(
  files: IngestedFile[],
  utf16Max = UTF16_MAX_BYTES,
  primeMax = PRIME_TOTAL_MAX_BYTES,
  unpack?: (f: IngestedFile, codec: NonNullable<ReturnType<typeof compressedBy>>) => Promise<boolean>,
): Promise<void> {
  const read = (f: IngestedFile) => !(f.kind === 'other' || f.kind === 'history-zip' || f.size < 2);
  let small = 0;
  for (const f of files) if (read(f) && primable(f)) small += f.content.size;
  const arena = small > 0 ? { buf: Buffer.allocUnsafe(Math.min(small, primeMax)), at: 0 } : undefined;
  for (const f of files) {
    if (!read(f)) continue;
    let sample = await sampleOf(f.content, arena);
    const codec = unpack && !(f.content instanceof GunzipFileContent) ? compressedBy(sample) : undefined;
    if (codec && (await unpack!(f, codec))) sample = await sampleOf(f.content, undefined);
    if (await onlyNul(f.content, sample)) {
      f.warnings.push({ file: f.vmPath, ...noted(msg('ingest.only-nul', { origin: f.origin, size: f.content.size })) });
      continue;
    }
    const head = sample.subarray(0, ENCODING_HEAD_BYTES);
    const encoding = encodingOf(head);
    if (encoding === 'utf8' || encoding === 'utf8-bom') {
      const original = f.content;
      const survey = await surveyOf(original, sample);
      const legacy = encoding === 'utf8' ? legacyOf(sample, survey) : undefined;
      if (legacy) await decodeLegacy(f, legacy, utf16Max);
      else {
        if (encoding === 'utf8-bom') {
          f.content = withoutBom(f.content);
          f.size = f.content.size;
        }
        await undressFile(f, head.toString('latin1', encoding === 'utf8-bom' ? 3 : 0), sample);
      }
      await warnNulBlocks(f, survey, original);
      continue;
    }
    const from = Math.max(0, f.content.size - utf16Max) & ~1;
    const kept = f.content.size - from;
    const utf8 = Buffer.from(utf16Text(await f.content.read(from, kept), encoding), 'utf8');
    const converted = new BufferContent(utf8);
    f.content = converted;
    f.size = utf8.length;
    await undressFile(f, utf8.toString('latin1', 0, ENCODING_HEAD_BYTES), utf8.subarray(0, LEGACY_SAMPLE_BYTES));
    if (from > 0) {
      f.truncated = true;
      f.warnings.push({ file: f.vmPath, ...noted(msg('ingest.capped-tail', { origin: f.origin, cap: utf16Max, kept })) });
    }
    const survey = new TextSurvey();
    survey.push(utf8);
    await warnNulBlocks(f, survey.finish(), converted);
  }
}

/**
 * A file in an 8-bit encoding (legacyEncodingOf) converted to UTF-8 in memory like a UTF-16 one, so that its evidence
 * shows its letters and not replacement characters; which encoding was assumed is the file's `encoding` and a warning,
 * since it is a judgement on the bytes. Each byte is one character of the encoding (Shift_JIS: one or two bytes), so
 * nothing is lost or added beyond the decode.
 */
async function decodeLegacy(f: IngestedFile, legacy: LegacyEncoding, max: number): Promise<void> {
  const from = Math.max(0, f.content.size - max);
  const kept = f.content.size - from;
  const utf8 = Buffer.from(new TextDecoder(legacy).decode(await f.content.read(from, kept)), 'utf8');
  f.content = new BufferContent(utf8);
  f.size = utf8.length;
  f.encoding = legacy;
  f.warnings.push({ file: f.vmPath, ...noted(msg('ingest.decoded-as', { origin: f.origin, encoding: legacy })) });
  await undressFile(f, utf8.toString('latin1', 0, ENCODING_HEAD_BYTES), utf8.subarray(0, LEGACY_SAMPLE_BYTES));
  if (from > 0) {
    f.truncated = true;
    f.warnings.push({ file: f.vmPath, ...noted(msg('ingest.capped-tail', { origin: f.origin, cap: max, kept })) });
  }
}
