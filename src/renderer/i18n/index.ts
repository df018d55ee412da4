import { create } from 'zustand';
import type { Lang } from '../../shared';
import { LABELS, type Labels } from '../../shared/i18n/labels';

/** The window's view of the one label catalogue (src/shared/i18n/labels.ts). */
export type Messages = Labels;
export const LANGS: readonly Lang[] = ['en', 'nl'];

const LANG_KEY = 'vmbd.lang';

/** The OS / browser language decides until the engineer picks one (then it is remembered). */
export function osLang(languages: readonly string[] = typeof navigator === 'undefined' ? [] : navigator.languages ?? [navigator.language]): Lang {
  for (const l of languages) {
    const base = l.toLowerCase().split('-')[0];
    if (base === 'nl') return 'nl';
    if (base === 'en') return 'en';
  }
  return 'en';
}

function initialLang(): Lang {
  try {
    const l = window.localStorage.getItem(LANG_KEY);
    if (l === 'en' || l === 'nl') return l;
  } catch {
    // Storage can be unavailable; the OS language then decides.
  }
  return osLang();
}

interface LangState {
  lang: Lang;
  /** `null` forgets the choice and follows the OS again. */
  setLang(l: Lang | null): void;
}

export const useLang = create<LangState>((set) => ({
  lang: typeof window === 'undefined' ? 'en' : initialLang(),
  setLang: (l) => {
    try {
      if (l) window.localStorage.setItem(LANG_KEY, l);
      else window.localStorage.removeItem(LANG_KEY);
    } catch {
      // The choice then lasts for the session.
    }
    set({ lang: l ?? osLang() });
  },
}));

/** The messages of the current UI language (re-renders on a switch). */
export function useT(): Messages {
  return LABELS[useLang((s) => s.lang)];
}

/** Outside React (store actions): the messages of the current language. */
export function t(): Messages {
  return LABELS[useLang.getState().lang];
}

/** The messages of `lang` (a banner says itself in the language it is shown in). */
export function labelsIn(lang: Lang): Messages {
  return LABELS[lang];
}

/** Number formatting that follows the UI language (1,343 / 1.343). */
export function fmtNum(n: number, lang: Lang = useLang.getState().lang): string {
  return n.toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-US');
}
