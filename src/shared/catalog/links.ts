import type { Lang } from './types';

/** Microsoft's documentation hosts serve a Dutch edition of a page under /nl-nl/ with the same anchors. */
const LOCALISED_DOCS = /^https:\/\/(?:learn|docs)\.microsoft\.com\//;
/** A Microsoft fwlink picks its page's language by `clcid`: 0x409 is en-US, 0x413 nl-NL. */
const FWLINK_EN = /^(https:\/\/go\.microsoft\.com\/fwlink\/\?[^#]*\bclcid=)0x409\b/i;

/**
 * A link as a reader of `lang` follows it: its title in that language and, for Microsoft's docs, the nl-nl page
 * (an fwlink its Dutch clcid). A link from before `titleNl` existed keeps its English title.
 */
export function linkIn(lang: Lang, l: { title: string; url: string; titleNl?: string }): { title: string; url: string } {
  if (lang !== 'nl') return { title: l.title, url: l.url };
  const url = LOCALISED_DOCS.test(l.url) ? l.url.replace(LOCALISED_DOCS, (host) => `${host}nl-nl/`) : l.url.replace(FWLINK_EN, '$10x413');
  return { title: l.titleNl ?? l.title, url };
}
