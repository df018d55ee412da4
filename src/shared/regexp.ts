/** `s` as a regular expression that matches it literally (the characters the RegExp syntax gives a meaning escaped). */
export const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
