/**
 * HTML/SVG escaping for hostile text (log lines, file names). Escapes the five markup characters and
 * removes characters XML forbids (control characters, lone surrogates), which would otherwise break
 * the inline SVG or smuggle invisible text into the PDF.
 */
const MAP: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Bidi controls (U+202E …) would make `evil\u202Egol.txt.log` display reversed: shown as visible escapes. */
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

export function esc(s: unknown): string {
  const str = typeof s === 'string' ? s : s === undefined || s === null ? '' : String(s);
  return str
    .replace(FORBIDDEN, '\uFFFD')
    .replace(BIDI, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`)
    .replace(/[&<>"']/g, (c) => MAP[c]);
}
