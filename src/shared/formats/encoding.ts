/**
 * How a text file is encoded, from its first bytes. Windows writes logs and exports in UTF-16LE (PowerShell 5's `>`
 * and Out-File, Notepad's "Unicode", Event Viewer's text export), Notepad adds a UTF-8 byte-order mark, and a Linux log
 * copied through a Windows desktop can come back either way. Ingest makes every file a format reads plain UTF-8 once
 * (src/main/ingest/text-encoding.ts); the sniffers read a head through the same rules.
 */
export type TextEncoding = 'utf8' | 'utf8-bom' | 'utf16le' | 'utf16be';

/** Bytes of the head needed to tell UTF-16 without a byte-order mark. */
export const ENCODING_HEAD_BYTES = 512;

/** Share of NUL bytes in the odd (LE) or even (BE) places of the head. */
function nulShare(head: Uint8Array, odd: boolean): number {
  const n = Math.min(head.length, ENCODING_HEAD_BYTES) & ~1;
  if (n < 8) return 0;
  let zeros = 0;
  for (let i = odd ? 1 : 0; i < n; i += 2) if (head[i] === 0) zeros++;
  return zeros / (n / 2);
}

export function encodingOf(head: Uint8Array): TextEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf8-bom';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf16be';
  // ASCII text in UTF-16 has a NUL in every other byte, and the other half is mostly not NUL (else it is binary)
  if (nulShare(head, true) > 0.6 && nulShare(head, false) < 0.1) return 'utf16le';
  if (nulShare(head, false) > 0.6 && nulShare(head, true) < 0.1) return 'utf16be';
  return 'utf8';
}

/** Bytes of a UTF-16 byte-order mark at the start of `bytes` (0 or 2). */
export function utf16BomBytes(bytes: Uint8Array): number {
  return (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) ? 2 : 0;
}

const DECODERS = { utf16le: new TextDecoder('utf-16le'), utf16be: new TextDecoder('utf-16be') };

/** UTF-16 bytes (with or without their byte-order mark; an odd last byte is dropped) as text. */
export function utf16Text(bytes: Uint8Array, encoding: 'utf16le' | 'utf16be'): string {
  const bom = utf16BomBytes(bytes);
  return DECODERS[encoding].decode(bytes.subarray(bom, bom + ((bytes.length - bom) & ~1)));
}

/**
 * The 8-bit encodings a file that is not UTF-8 is read in: what Windows writes in its ANSI code page (Set-Content,
 * Export-Csv and Notepad's "ANSI" in PowerShell 5, a program's own log) on a Western European (1252), Central European
 * (1250), Japanese (Shift_JIS, code page 932) or Simplified Chinese (GBK, code page 936; decoded as GB18030, its superset)
 * machine, and ISO-8859-2, the Latin-2 locale of an older Linux.
 * Windows-1252 is also what a Latin-1 (ISO-8859-1) file reads as: the two differ only where Latin-1 has control codes.
 */
export type LegacyEncoding = 'windows-1252' | 'windows-1250' | 'iso-8859-2' | 'shift_jis' | 'gbk';

/** Bytes of a file judged for its encoding (all of a smaller file). */
export const LEGACY_SAMPLE_BYTES = 64 * 1024;

/** Well-formed UTF-8 sequences of two or more bytes and bytes that are in none, in `b` (a sequence cut by its end is neither). */
function utf8Tally(b: Uint8Array): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  let i = 0;
  // a copy that starts mid-character (a log's tail kept) starts with up to three continuation bytes
  while (i < 3 && i < b.length && (b[i] & 0xc0) === 0x80) i++;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    const n = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (n > 0 && i + n > b.length) break;
    let k = 1;
    while (n > 0 && k < n && (b[i + k] & 0xc0) === 0x80) k++;
    if (n > 0 && k === n) {
      valid++;
      i += n;
    } else {
      invalid++;
      i++;
    }
  }
  return { valid, invalid };
}

/** Letters each language the 8-bit encodings serve writes beyond ASCII (lower case). */
const LETTERS: Record<string, string> = {
  cs: 'áčďéěíňóřšťúůýž',
  sk: 'áäčďéíĺľňóôŕšťúýž',
  pl: 'ąćęłńóśźż',
  hu: 'áéíóöőúüű',
  de: 'äöüß',
  fr: 'àâçéèêëîïôùûüÿœ',
  es: 'áéíñóúü',
  pt: 'àáâãçéêíóôõú',
  it: 'àèéìòù',
  nl: 'éëïö',
  nordic: 'åäöæøé',
};
const LANGUAGES: Record<Exclude<LegacyEncoding, 'shift_jis' | 'gbk'>, string[]> = {
  'windows-1252': ['de', 'fr', 'es', 'pt', 'it', 'nl', 'nordic'],
  'windows-1250': ['cs', 'sk', 'pl', 'hu', 'de'],
  'iso-8859-2': ['cs', 'sk', 'pl', 'hu', 'de'],
};

/**
 * How well `text` (decoded as one encoding) reads as `letters`' language: a letter +1, a control code or hole -2, and a
 * capital straight after a small letter -1 (words are not written `paĽ`: where Windows-1250 and ISO-8859-2 put other
 * letters on one byte, the small letter of the right one reads in its word).
 */
function fit(text: string, letters: string): number {
  let score = 0;
  let afterSmall = false;
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    const small = ch !== ch.toUpperCase();
    if (c >= 0x80) {
      if ((c >= 0x80 && c <= 0x9f) || c === 0xfffd) score -= 2;
      else if (letters.includes(ch.toLowerCase())) score += afterSmall && !small ? -1 : 1;
    }
    afterSmall = small;
  }
  return score;
}

/**
 * The 8-bit encoding a text that is not UTF-8 is in, from a sample of it; undefined for UTF-8 (a stray byte or two
 * among well-formed characters is damage, not another encoding) and for binary content (NUL bytes, which no 8-bit
 * text holds). The Latin encoding in which the bytes read as the most letters of a language it serves wins (Windows-1252
 * on a tie: German reads alike in all three), unless they read better as Japanese text (kana, JIS symbols).
 */
export function legacyEncodingOf(sample: Uint8Array): LegacyEncoding | undefined {
  if (sample.includes(0)) return undefined;
  const { valid, invalid } = utf8Tally(sample);
  if (invalid === 0 || invalid <= valid) return undefined;
  const latin = latinEncodingOf(sample);
  const japanese = japaneseFit(sample);
  const chinese = chineseFit(sample);
  // GBK too when every byte past ASCII is in a GB2312 pair and none touches an ASCII letter: a Latin text puts its
  // letters inside words (`●`, A1 F1, is `Ąń` in ISO-8859-2; `└─` in `systemctl status` is A9B8 A9A4)
  if (chinese.score > japanese && (chinese.score > latin.score || (chinese.clean && !inWords(sample)))) return 'gbk';
  return japanese > latin.score ? 'shift_jis' : latin.encoding;
}

/** Whether a byte past ASCII stands next to an ASCII letter (as a Latin text's letters do, inside its words). */
function inWords(sample: Uint8Array): boolean {
  const letter = (c: number | undefined) => c !== undefined && ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a));
  for (let i = 0; i < sample.length; i++) if (sample[i] >= 0x80 && (letter(sample[i - 1]) || letter(sample[i + 1]))) return true;
  return false;
}

/**
 * How well the sample reads as GBK, on its bytes: +1 for each pair in GB2312's rows (its 6,763 common hanzi, rows
 * 0xB0-0xF7, and its punctuation, full-width forms and kana, rows 0xA1-0xA9), -1 for each pair only GBK's extensions
 * hold (where Shift_JIS kana and kanji, and an accented Latin letter before an ASCII one, land) and -2 for a byte that
 * starts no GBK character. A GB18030 four-byte character counts nothing. `clean`: no pair or byte counted against it.
 */
function chineseFit(sample: Uint8Array): { score: number; clean: boolean } {
  let score = 0;
  let clean = true;
  for (let i = 0; i < sample.length; ) {
    const a = sample[i];
    if (a < 0x80) {
      i++;
      continue;
    }
    if (i + 1 >= sample.length) break;
    const b = sample[i + 1];
    const c = sample[i + 2];
    const d = sample[i + 3];
    if (a >= 0x81 && a <= 0xfe && b >= 0x30 && b <= 0x39 && c >= 0x81 && c <= 0xfe && d >= 0x30 && d <= 0x39) {
      i += 4;
      continue;
    }
    if (a < 0x81 || a > 0xfe || b < 0x40 || b === 0x7f || b > 0xfe) {
      score -= 2;
      clean = false;
      i++;
      continue;
    }
    const common = b >= 0xa1 && ((a >= 0xb0 && a <= 0xf7) || (a >= 0xa1 && a <= 0xa9));
    score += common ? 1 : -1;
    clean &&= common;
    i += 2;
  }
  return { score, clean };
}

/**
 * How well the sample reads as Shift_JIS: -Infinity when it does not decode; else +1 for each kana and each JIS
 * symbol (`●`, box drawing, full-width forms), -1 for each half-width katakana (where Latin capitals land) and -2 for
 * each private-use character (where Latin letters from ð to ù land, with the byte after them). Kanji count nothing: Latin text
 * read as Shift_JIS makes them too.
 */
function japaneseFit(sample: Uint8Array): number {
  let text: string;
  try {
    text = new TextDecoder('shift_jis', { fatal: true }).decode(sample, { stream: true });
  } catch {
    return -Infinity;
  }
  let score = 0;
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    if (c < 0x80) continue;
    if ((c >= 0x3040 && c <= 0x30ff) || (c >= 0x2000 && c <= 0x27ff) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff01 && c <= 0xff5e)) score++;
    else if (c >= 0xff61 && c <= 0xff9f) score--;
    else if (c >= 0xe000 && c <= 0xf8ff) score -= 2;
  }
  return score;
}

/** The Latin encoding in which the sample reads as the most letters of a language it serves (Windows-1252 on a tie). */
function latinEncodingOf(sample: Uint8Array): { encoding: LegacyEncoding; score: number } {
  let best: LegacyEncoding = 'windows-1252';
  let bestScore = -Infinity;
  for (const enc of Object.keys(LANGUAGES) as (keyof typeof LANGUAGES)[]) {
    const text = new TextDecoder(enc).decode(sample);
    const score = Math.max(...LANGUAGES[enc].map((l) => fit(text, LETTERS[l])));
    if (score > bestScore) [best, bestScore] = [enc, score];
  }
  return { encoding: best, score: bestScore };
}
