import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { escapeRegExp, firstCharAlternation } from '../../src/shared/regexp';

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

describe('firstCharAlternation', () => {
  it('groups the words by their first character', () => {
    expect(firstCharAlternation(['pwd', 'token', 'passwd', 'sig=', 'sig%', '-----begin'])).toBe('p(?:wd|asswd)|token|s(?:ig=|ig%)|-----begin');
    expect(firstCharAlternation(['a.b', 'a*'])).toBe('a(?:\\.b|\\*)');
  });

  it('answers a test as the plain alternation of the same words does', () => {
    const alphabet = fc.constantFrom('a', 'b', 'A', 'B', '.', '=', '%', '-', '(', '|', 'x');
    const word = fc.string({ unit: alphabet, minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 8 }), fc.array(fc.string({ unit: alphabet, maxLength: 12 }), { minLength: 1, maxLength: 20 }), fc.constantFrom('', 'i'), (words, texts, flags) => {
        const plain = new RegExp(words.map(escapeRegExp).join('|'), flags);
        const grouped = new RegExp(firstCharAlternation(words), flags);
        for (const t of [...texts, ...words]) expect(grouped.test(t)).toBe(plain.test(t));
      }),
      { numRuns: 500 },
    );
  });
});
