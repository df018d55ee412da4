import { CAUSES, titleNamed } from '../catalog/causes';
import type { Lang } from '../catalog/types';
import type { Finding } from '../model/analysis';
import { linkIn } from '../catalog/links';
import { textIn } from './analysis';

/**
 * A finding's sentences in one language: the cause's title from the catalogue, the reason and the remedy from
 * the result (the engine already left out the steps for the other platform). A result saved before `remedyNl`
 * existed falls back to the catalogue's Dutch steps, all of them. Links get their Dutch title and page (linkIn).
 */
export function findingIn<F extends Finding>(lang: Lang, f: F): F {
  if (lang === 'en') return f;
  const def = CAUSES.find((c) => c.id === f.cause);
  return {
    ...f,
    title: def ? titleNamed(def, f.title).nl : f.title,
    reason: textIn(lang, f.reason, f.reasonNl),
    remedy: f.remedyNl ?? def?.remedy.nl ?? f.remedy,
    links: f.links.map((l) => linkIn(lang, l)),
  };
}
