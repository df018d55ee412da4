/**
 * Log text is hostile: an ESC, BEL or CSI from a log must never reach the engineer's terminal
 * (retitling, clearing the screen, OSC 52 clipboard writes), and bidi controls must not reorder
 * what they read. Both are shown as visible escapes instead.
 */
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const hex = (c: string) => c.charCodeAt(0).toString(16).padStart(4, '0');

/** For text printed to a terminal (text and Markdown formats): keeps \n and \t. */
export function terminalSafe(s: string): string {
  return s.replace(CONTROLS, (c) => `\\u${hex(c)}`);
}

/** For JSON output: JSON.stringify escapes C0 itself; C1 and bidi controls get \u escapes too (still valid JSON). */
export function jsonSafe(json: string): string {
  return json.replace(/[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${hex(c)}`);
}
