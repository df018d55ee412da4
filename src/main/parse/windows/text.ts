import type { FileContent } from '../../ingest/content';
import type { ParseSink } from '../types';
import { encodingOf, utf16BomBytes, utf16Text } from '../../../shared/formats/encoding';
import { msg } from '../../../shared/i18n/analysis';

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

/** Text in any of the encodings above (the raw file view reads status and settings files through it too). */
export function decodeText(buf: Buffer): WindowsText {
  const encoding = encodingOf(buf);
  switch (encoding) {
    case 'utf16le':
    case 'utf16be':
      return { text: utf16Text(buf, encoding), bytesOf: (s) => s.length * 2, base: utf16BomBytes(buf) };
    case 'utf8-bom':
      return { text: buf.toString('utf8', 3), bytesOf: (s) => Buffer.byteLength(s), base: 3 };
    default:
      return { text: buf.toString('utf8'), bytesOf: (s) => Buffer.byteLength(s), base: 0 };
  }
}

export async function readWindowsText(content: FileContent, sink: ParseSink): Promise<WindowsText | null> {
  if (content.size > MAX) {
    sink.warn(msg('parse.export-too-large', { size: content.size, max: MAX }));
    return null;
  }
  const out = decodeText(await content.read(0, content.size));
  let end = out.text.length;
  while (end > 0 && out.text.charCodeAt(end - 1) === 0) end--;
  if (end < out.text.length) out.text = out.text.slice(0, end);
  if (out.text.slice(0, 4096).includes('\u0000')) {
    sink.warn(msg('parse.binary-export'));
    return null;
  }
  return out;
}
