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
