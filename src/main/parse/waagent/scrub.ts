/**
 * Secrets never leave the parser: SAS query strings (pre-2.14 agents log live SAS URLs), protected
 * settings and snapshot task tokens are cut from anything we keep (fact fields and evidence text), by the
 * one shared redactor.
 */
import { mayHoldSecret, redactSecrets } from '../../../shared/redact';

/** Texts already redacted, with their result: a broken agent repeats the same failure text millions of times. */
const seen = new Map<string, string>();
const SEEN_MAX = 4096;
const SEEN_LENGTH = 2048;

/**
 * `redactSecrets`, remembering the last SEEN_MAX distinct short texts that may hold a secret (the cache is emptied when
 * full). A text with no secret's keyword is its own result: the prefilter's one scan answers it for less than a lookup
 * (which hashes the text), and such a text is not kept (a broken agent's failure texts are mostly new: each kept one
 * lived on to the old generation, and the cache was emptied every few thousand records).
 */
export function scrub(text: string): string {
  for (let r = 0; r < recentText.length; r++) if (recentText[r] === text) return recentOut[r];
  const out = scrubbed(text);
  if (text.length <= SEEN_LENGTH) {
    recentText[nextRecent] = text;
    recentOut[nextRecent] = out;
    nextRecent = (nextRecent + 1) % RECENT;
  }
  return out;
}

/**
 * The last RECENT texts `scrub` was given and its results: a broken agent writes the same few failure texts back to
 * back (a goal-state fetch timing out, ~30 % of its texts repeat one of the last four), and comparing a text with a few
 * costs less than the prefilter's case-insensitive scan of it (~200 characters, most of them a keyword's first letter).
 */
const RECENT = 4;
const recentText: string[] = [];
const recentOut: string[] = [];
let nextRecent = 0;

function scrubbed(text: string): string {
  if (!mayHoldSecret(text)) return text;
  if (text.length > SEEN_LENGTH) return redactSecrets(text);
  const hit = seen.get(text);
  if (hit !== undefined) return hit;
  const out = redactSecrets(text);
  if (seen.size >= SEEN_MAX) seen.clear();
  seen.set(text, out);
  return out;
}
