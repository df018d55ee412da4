import type { FileContent } from '../../ingest/content';
import type { ParseSink } from '../types';

/**
 * Reads a Windows text export whole. Event Viewer's "Save as" text and PowerShell's `>` write UTF-16LE
 * (with or without a byte-order mark); Notepad and `wevtutil` write UTF-8, sometimes with a BOM. `bytesOf`
 * turns a prefix of the text back into its byte length in the file, so records point at the right bytes.
 */
export interface WindowsText {
  text: string;
  /** Byte length in the file of a piece of `text` (without the BOM). */
  bytesOf(s: string): number;
  /** Bytes before `text` starts (the BOM). */
  base: number;
}

const MAX = 64 * 1024 * 1024;

/** Mostly NUL odd bytes in the head: UTF-16LE text without a BOM. */
function looksUtf16le(buf: Buffer): boolean {
  const n = Math.min(buf.length, 1024) & ~1;
  if (n < 8) return false;
  let zeros = 0;
  for (let i = 1; i < n; i += 2) if (buf[i] === 0) zeros++;
  return zeros / (n / 2) > 0.6;
}

/** Text in any of the encodings above (the raw file view reads status and settings files through it too). */
export function decodeText(buf: Buffer): WindowsText {
  if (buf[0] === 0xff && buf[1] === 0xfe) return { text: buf.toString('utf16le', 2), bytesOf: (s) => s.length * 2, base: 2 };
  if (looksUtf16le(buf)) return { text: buf.toString('utf16le'), bytesOf: (s) => s.length * 2, base: 0 };
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { text: buf.toString('utf8', 3), bytesOf: (s) => Buffer.byteLength(s), base: 3 };
  return { text: buf.toString('utf8'), bytesOf: (s) => Buffer.byteLength(s), base: 0 };
}

export async function readWindowsText(content: FileContent, sink: ParseSink): Promise<WindowsText | null> {
  if (content.size > MAX) {
    sink.warn(`not read: ${content.size} bytes, more than the ${MAX} bytes an export is read up to`);
    return null;
  }
  const out = decodeText(await content.read(0, content.size));
  let end = out.text.length;
  while (end > 0 && out.text.charCodeAt(end - 1) === 0) end--;
  if (end < out.text.length) out.text = out.text.slice(0, end);
  if (out.text.slice(0, 4096).includes('\u0000')) {
    sink.warn('binary content, not a text export; skipped');
    return null;
  }
  return out;
}
