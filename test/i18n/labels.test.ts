import { describe, expect, it } from 'vitest';
import { LABELS as MESSAGES } from '../../src/shared/i18n/labels';
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
      // Numbers serve for text parameters too (a template prints either), and three digits stay unformatted and rare in the words.
      const args = Array.from({ length: fa.length }, (_, i) => 701 + i);
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

/** A sentence, not a term: three or more words (a label such as "Agent (daemon)" may be the same in both). */
const isSentence = (s: string) => (s.match(/\p{L}{2,}/gu) ?? []).length >= 3;

/** Keys whose Dutch sentence is the English one, word for word. */
function untranslated(en: Tree, nl: Tree, path = ''): string[] {
  const out: string[] = [];
  for (const [k, a] of Object.entries(en)) {
    const p = path ? `${path}.${k}` : k;
    const b = nl[k];
    if (a && typeof a === 'object') out.push(...untranslated(a as Tree, (b ?? {}) as Tree, p));
    else {
      const call = (f: unknown) => (typeof f === 'function' ? (f as (...x: unknown[]) => string)(...Array.from({ length: f.length }, (_, i) => i + 2)) : f);
      const sa = call(a);
      if (typeof sa === 'string' && isSentence(sa) && sa === call(b)) out.push(p);
    }
  }
  return out;
}

describe('the label catalogue (window and report)', () => {
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

  it('has no Dutch sentence that is the English one left untranslated', () => {
    expect(untranslated(MESSAGES.en as unknown as Tree, MESSAGES.nl as unknown as Tree)).toEqual([]);
  });

  it('the check catches an English sentence left in the Dutch labels', () => {
    const report = { ...MESSAGES.nl.report, noSnapshots: MESSAGES.en.report.noSnapshots, moreRows: MESSAGES.en.report.moreRows };
    const problems = untranslated(MESSAGES.en as unknown as Tree, { ...MESSAGES.nl, report } as unknown as Tree);
    expect(problems).toEqual(['report.noSnapshots', 'report.moreRows']);
  });

  it('follows the OS language, English otherwise', () => {
    expect(osLang(['nl-NL', 'en-US'])).toBe('nl');
    expect(osLang(['nl-BE'])).toBe('nl');
    expect(osLang(['en-GB', 'nl'])).toBe('en');
    expect(osLang(['de-DE'])).toBe('en');
    expect(osLang([])).toBe('en');
  });
});
