import { describe, expect, it } from 'vitest';
import { jsonSafe, terminalSafe } from '../../src/main/cli/terminal-safe';

describe('terminal-safe CLI output', () => {
  it('shows C0/C1 controls and bidi overrides as visible escapes, keeps newlines and tabs', () => {
    const hostile = 'a\u001b]0;pwned\u0007b\u001b[2J\tc\u009b0m\nevil\u202Egol.txt';
    const safe = terminalSafe(hostile);
    // eslint-disable-next-line no-control-regex
    expect(safe).not.toMatch(/[\u001b\u0007\u009b\u202e]/);
    expect(safe).toBe('a\\u001b]0;pwned\\u0007b\\u001b[2J\tc\\u009b0m\nevil\\u202egol.txt');
  });
  it('keeps JSON valid and the data intact after escaping', () => {
    const doc = { text: 'x\u009b\u202Ey\u001b' };
    const out = jsonSafe(JSON.stringify(doc));
    expect(out).not.toMatch(/[\u009b\u202e]/);
    expect(JSON.parse(out)).toEqual(doc);
  });
});
