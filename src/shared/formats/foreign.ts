/**
 * What a file that no log format reads is, from its first bytes: an image, a document, an archive this app cannot
 * open, a Windows event log in its binary form (.evtx), a program, other binary data, or text. The window says it
 * per file ("image.zip is a PNG image, not a zip") instead of a bare "not recognised".
 */
export type ForeignContent = 'png' | 'jpeg' | 'gif' | 'pdf' | 'evtx' | '7z' | 'rar' | 'ole' | 'exe' | 'elf' | 'binary' | 'text';

const MAGIC: readonly [ForeignContent, number[]][] = [
  ['png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['jpeg', [0xff, 0xd8, 0xff]],
  ['gif', [0x47, 0x49, 0x46, 0x38]], // GIF8(7|9)a
  ['pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
  ['evtx', [0x45, 0x6c, 0x66, 0x46, 0x69, 0x6c, 0x65, 0x00]], // ElfFile\0 (MS-EVEN6 file header)
  ['7z', [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
  ['rar', [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07]], // Rar!
  ['ole', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]], // .doc, .xls, .msg
  ['elf', [0x7f, 0x45, 0x4c, 0x46]],
  ['exe', [0x4d, 0x5a]], // MZ
];

/** How many of the first bytes are looked at to tell text from binary data. */
const SAMPLE = 512;

/** What `head` (a file's first bytes) is; undefined for an empty file. */
export function foreignContent(head: Uint8Array): ForeignContent | undefined {
  if (head.length === 0) return undefined;
  for (const [kind, magic] of MAGIC) if (head.length >= magic.length && magic.every((b, i) => head[i] === b)) return kind;
  // UTF-16 text (a Windows export) has a byte-order mark; other text has no NUL and few control characters
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return 'text';
  const n = Math.min(head.length, SAMPLE);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i];
    if (b === 0) return 'binary';
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) control++;
  }
  return control > n / 20 ? 'binary' : 'text';
}

/** The words of the "Nothing to analyse" texts (src/shared/i18n/labels.ts `nothing`), in one language. */
export interface NothingWords {
  emptyFile: string;
  notRecognised: string;
  /** `format`: the format's title in this language. */
  readAs: (format: string) => string;
  /** The same with what its reader said of it (`why`, in this language). */
  readAsBecause: (format: string, why: string) => string;
  seenAs: Record<ForeignContent, string>;
  notAnArchive: (name: string) => string;
  notWhatNamed: (name: string, what: string, named: string) => string;
}

/** An input named like an archive; the group is what the name promises ("not a zip"). */
const ARCHIVE_NAME = /\.(zip|tar|tgz|tar\.gz|tar\.xz|txz|tar\.bz2|tbz2?|tar\.zst|tzst)$/i;

/**
 * For a single file named like an archive that is not one: what it is instead ("image.zip is a PNG image, not a
 * zip."), or that it could not be opened; undefined for any other input.
 */
export function notTheArchiveNamed(input: { path: string; kind: string }, files: readonly { size: number; seenAs?: ForeignContent }[], w: NothingWords): string | undefined {
  const named = input.kind === 'single-file' ? ARCHIVE_NAME.exec(input.path) : null;
  if (!named || files.some((f) => f.size === 0)) return undefined;
  const name = input.path.split(/[\\/]/).pop() || input.path;
  const seen = files.length === 1 ? files[0].seenAs : undefined;
  return seen ? w.notWhatNamed(name, w.seenAs[seen], named[1].toLowerCase()) : w.notAnArchive(name);
}
