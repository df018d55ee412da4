/**
 * Secrets never leave the parser: SAS query strings (pre-2.14 agents log live SAS URLs), protected
 * settings and snapshot task tokens are cut from anything we keep (fact fields and evidence text), by the
 * one shared redactor.
 */
import { redactSecrets } from '../../../shared/redact';

/** Texts already redacted, with their result: a broken agent repeats the same failure text millions of times. */
const seen = new Map<string, string>();
const SEEN_MAX = 4096;
const SEEN_LENGTH = 2048;

/** `redactSecrets`, remembering the last SEEN_MAX distinct short texts (the cache is emptied when full). */
export function scrub(text: string): string {
  if (text.length > SEEN_LENGTH) return redactSecrets(text);
  const hit = seen.get(text);
  if (hit !== undefined) return hit;
  const out = redactSecrets(text);
  if (seen.size >= SEEN_MAX) seen.clear();
  seen.set(text, out);
  return out;
}
