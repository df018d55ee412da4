import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/renderer/i18n/messages';
import { osLang } from '../../src/renderer/i18n';

type Tree = { [k: string]: unknown };

/** Every key of `ref` must exist in `other` with the same kind, and say something; returns the problems. */
function compare(ref: Tree, other: Tree, path = ''): string[] {
  const out: string[] = [];
  const keys = new Set([...Object.keys(ref), ...Object.keys(other)]);
  for (const k of keys) {
    const p = path ? `${path}.${k}` : k;
    const a = ref[k];
    const b = other[k];
    if (b === undefined) out.push(`${p}: missing`);
    else if (a === undefined) out.push(`${p}: not in the reference language`);
    else if (typeof a !== typeof b) out.push(`${p}: ${typeof a} vs ${typeof b}`);
    else if (typeof a === 'object') out.push(...compare(a as Tree, b as Tree, p));
    else if (typeof a === 'function') {
      const fa = a as (...x: unknown[]) => string;
      const fb = b as (...x: unknown[]) => string;
      if (fa.length !== fb.length) out.push(`${p}: ${fa.length} vs ${fb.length} parameters`);
      // Every parameter must appear in the sentence, in both languages.
      const args = Array.from({ length: fa.length }, (_, i) => (i % 2 ? `«p${i}»` : 7 + i));
      const sa = fa(...args);
      const sb = fb(...args);
      for (const [s, which] of [[sa, 'reference'], [sb, 'other']] as const) {
        if (!s.trim()) out.push(`${p}: empty in ${which}`);
        for (const x of args) if (!s.includes(String(x))) out.push(`${p}: ${which} drops parameter ${String(x)}`);
      }
    } else if (!(b as string).trim() || !(a as string).trim()) out.push(`${p}: empty`);
  }
  return out;
}

describe('UI message catalogue', () => {
  it('has every key in English and Dutch, with the same parameters, none empty', () => {
    expect(compare(MESSAGES.en as unknown as Tree, MESSAGES.nl as unknown as Tree)).toEqual([]);
  });

  it('the check fails when a key lacks a language or drops a parameter', () => {
    const diag: Tree = { ...MESSAGES.nl.diag, moreDetected: () => 'meer' };
    delete diag.noTask;
    const problems = compare(MESSAGES.en as unknown as Tree, { ...MESSAGES.nl, diag } as unknown as Tree);
    expect(problems).toContain('diag.noTask: missing');
    expect(problems.some((p) => p.startsWith('diag.moreDetected:'))).toBe(true);
  });

  it('Dutch is really Dutch: most sentences differ from the English ones', () => {
    const flat = (t: Tree, acc: string[] = []): string[] => {
      for (const v of Object.values(t)) if (typeof v === 'string') acc.push(v);
      else if (v && typeof v === 'object') flat(v as Tree, acc);
      return acc;
    };
    const en = flat(MESSAGES.en as unknown as Tree);
    const nl = flat(MESSAGES.nl as unknown as Tree);
    const same = en.filter((s, i) => s === nl[i] && /\s/.test(s));
    expect(same.length / en.length).toBeLessThan(0.05);
  });

  it('follows the OS language, English otherwise', () => {
    expect(osLang(['nl-NL', 'en-US'])).toBe('nl');
    expect(osLang(['nl-BE'])).toBe('nl');
    expect(osLang(['en-GB', 'nl'])).toBe('en');
    expect(osLang(['de-DE'])).toBe('en');
    expect(osLang([])).toBe('en');
  });
});
