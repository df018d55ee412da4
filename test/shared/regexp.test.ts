import { describe, expect, it } from 'vitest';
import { escapeRegExp } from '../../src/shared/regexp';

describe('escapeRegExp', () => {
  it('matches every ASCII punctuation string literally, and nothing else', () => {
    const punct = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';
    const re = new RegExp(`^${escapeRegExp(punct)}$`);
    expect(re.test(punct)).toBe(true);
    expect(re.test(punct.slice(1))).toBe(false);
    // a path and a Windows path, as the report's folder scrubber uses it
    expect(new RegExp(escapeRegExp('C:\\Users\\a.b (x86)'), 'i').exec('see c:\\users\\A.B (x86)\\f')?.index).toBe(4);
    expect(new RegExp(escapeRegExp('a.b')).test('axb')).toBe(false);
  });

  it('stays valid in unicode mode', () => {
    expect(() => new RegExp(escapeRegExp('a-b/c[d]'), 'u')).not.toThrow();
  });
});
