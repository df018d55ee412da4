import type { Lang } from './types';

/** Microsoft's documentation hosts serve a Dutch edition of a page under /nl-nl/ with the same anchors. */
const LOCALISED_DOCS = /^https:\/\/(?:learn|docs)\.microsoft\.com\//;

/** A link as a reader of `lang` follows it: its title in that language and, for Microsoft's docs, the nl-nl page. A link from before `titleNl` existed keeps its English title. */
export function linkIn(lang: Lang, l: { title: string; url: string; titleNl?: string }): { title: string; url: string } {
  if (lang !== 'nl') return { title: l.title, url: l.url };
  return { title: l.titleNl ?? l.title, url: LOCALISED_DOCS.test(l.url) ? l.url.replace(LOCALISED_DOCS, (host) => `${host}nl-nl/`) : l.url };
}
