/**
 * The one escaping for text that reaches a terminal or a Markdown file. Log text is hostile: an ESC, BEL,
 * CSI or OSC from a log, a file name or an SSH server must never reach the engineer's terminal (retitling,
 * clearing the screen, OSC 52 clipboard writes), C1 controls act as ESC sequences on some terminals, and
 * bidi controls reorder what is read. All are shown as visible `\uXXXX` escapes instead; \n and \t stay.
 */
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** What JSON.stringify leaves raw (it escapes C0 itself): C1, bidi and line separators. */
const JSON_RAW = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const hex = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** For text printed to a terminal or written as Markdown: controls and bidi become visible `\uXXXX`. */
export function visibleControls(s: string): string {
  return s.replace(CONTROLS, hex);
}

/** For JSON text: C1, bidi and line separators become `\uXXXX` escapes (still the same JSON value). */
export function jsonEscapeControls(json: string): string {
  return json.replace(JSON_RAW, hex);
}

/** True when `s` holds a character visibleControls would escape. */
export function hasControls(s: string): boolean {
  CONTROLS.lastIndex = 0;
  return CONTROLS.test(s);
}
