import { describe, expect, it } from 'vitest';
import { scrub } from '../../../src/main/parse/waagent/scrub';
import { redactSecrets } from '../../../src/shared/redact';

const guid = (n: number, upper = false): string => {
  const h = n.toString(16).padStart(32, '0');
  const g = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  return upper ? g.toUpperCase() : g;
};

describe('scrub: texts that differ from a clean one only in their GUIDs', () => {
  const failure = (id: string, tail = '[HTTP Failed] [502: Bad Gateway]') =>
    `Error fetching the goal state: [ProtocolError] GET vmSettings [correlation ID: ${id} eTag: 7031887032544600793]: ${tail}`;

  it('gives each what the redactor gives, for fresh ids after a clean text', () => {
    for (let n = 1; n < 50; n++) {
      const t = failure(guid(n * 7919 + 13, n % 3 === 0));
      expect(scrub(t)).toBe(redactSecrets(t));
    }
  });

  it('still redacts a text of the same length and shape whose other part holds a secret', () => {
    scrub(failure(guid(1)));
    // same length as the clean texts, a secret where the tail was
    const clean = failure(guid(2));
    const secret = failure(guid(3), 'sig=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    const padded = secret.length < clean.length ? secret + ' '.repeat(clean.length - secret.length) : secret.slice(0, clean.length);
    expect(scrub(clean)).toBe(clean);
    expect(scrub(padded)).toBe(redactSecrets(padded));
    expect(scrub(padded)).not.toBe(padded);
  });

  it('does not take a GUID that is not fenced, nor a text with a secret beside its GUID, as clean', () => {
    const a = `token: ${guid(5)} and the rest of a long enough text`;
    const b = `token: ${guid(6)} and the rest of a long enough text`;
    expect(scrub(a)).toBe(redactSecrets(a));
    expect(scrub(b)).toBe(redactSecrets(b));
    expect(scrub(b)).not.toBe(b);
    const c = `id=${guid(7)} then nothing secret at all in this text`;
    const d = `id=${guid(8)} then nothing secret at all in this text`;
    expect(scrub(c)).toBe(c);
    expect(scrub(d)).toBe(d);
  });

  it('takes no text whose GUID place holds other characters as clean', () => {
    const clean = failure(guid(9));
    scrub(clean);
    const other = failure('sig=abcdefabcdefabcdefabcdefabcdefab');
    expect(other.length).toBe(clean.length);
    expect(scrub(other)).toBe(redactSecrets(other));
  });
});
