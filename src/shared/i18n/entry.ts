/**
 * The shape of a message catalogue entry, shared by the catalogue's parts (analysis.ts and the parsers' part,
 * parse.ts): a leaf module, so a part can be written in a file of its own without an import cycle.
 */

/** A message as data: what a rule returns and what a parameter may nest (a part of a longer sentence). */
export interface AnalysisText {
  readonly key: string;
  readonly params: object;
}

/** Renders a nested message in the language being rendered. */
export type Sub = (m: AnalysisText) => string;

export interface Entry<P> {
  en: (p: P, t: Sub) => string;
  nl: (p: P, t: Sub) => string;
}

export const entry = <P extends object = Record<never, never>>(e: Entry<P>): Entry<P> => e;

/** Log text quoted in a Dutch sentence (English sentences keep it bare, as the JSON always had it). */
export const quote = (s: string) => `"${s}"`;

/** A count's noun in the right number ("1 file", "2 files"; "1 bestand", "2 bestanden"): both languages have one singular form. */
export const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);
