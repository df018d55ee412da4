/**
 * Secrets never leave the parser: SAS query strings (pre-2.14 agents log live SAS URLs), protected
 * settings and snapshot task tokens are cut from anything we keep (fact fields and evidence text), by the
 * one shared redactor.
 */
import { mayHoldSecret, PREFILTER_WORDS, redactSecrets } from '../../../shared/redact';
import { fencedGuid, GUID_FENCE, GUID_LEN, GuidShapes, hexOrDashes, nextGuid } from '../../records/fact-store';
import { boundedMemo } from '../../../shared/bounded-memo';

const SEEN_MAX = 4096;
const SEEN_LENGTH = 2048;

/**
 * `redactSecrets`, remembering the last SEEN_MAX distinct short texts that may hold a secret (`scrubbed`). A text with no secret's keyword is its own result: the prefilter's one scan answers it for less than a lookup
 * (which hashes the text), and such a text is not kept (a broken agent's failure texts are mostly new: each kept one
 * lived on to the old generation, and the cache was emptied every few thousand records).
 */
export function scrub(text: string): string {
  for (let r = 0; r < recentText.length; r++) if (recentText[r] === text) return recentOut[r];
  if (text.length <= SEEN_LENGTH && cleanButGuids(text)) return text;
  const clean = !mayHoldSecret(text);
  const out = clean ? text : scrubbed(text);
  if (text.length <= SEEN_LENGTH) {
    recentText[nextRecent] = text;
    recentOut[nextRecent] = out;
    nextRecent = (nextRecent + 1) % RECENT;
    if (clean) keepClean(text);
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

/** Texts already redacted, with their result: a broken agent repeats the same failure text millions of times. */
const scrubbed = boundedMemo((text: string) => redactSecrets(text), SEEN_MAX, SEEN_LENGTH);

/**
 * A text that differs from one the prefilter passed (no secret's keyword) only inside its fenced GUIDs passes it too:
 * no prefilter word is made of hex digits and dashes alone or holds a fence character (checked below), so none can
 * match within a GUID or across its fence; `?` and `@` are no GUID's; and an 88-character base64 key holds neither a
 * dash nor a fence. A broken agent names a fresh correlation ID in each goal-state failure (`GET vmSettings
 * [correlation ID: … eTag: …]: … [HTTP Failed] [502: …]`): its texts are compared with a few such clean ones, segment
 * by segment, instead of scanned.
 */
for (const w of PREFILTER_WORDS) {
  if (hexOrDashes(w, 0, w.length) || [...w].some((c) => GUID_FENCE.has(c.charCodeAt(0)))) throw new Error(`scrub: the prefilter word ${JSON.stringify(w)} could touch a GUID`);
}

/** Clean texts with fenced GUIDs (`cleanButGuids`). */
const recentClean = new GuidShapes<true>(4);
const cleanButGuids = (text: string): boolean => recentClean.find(text) !== undefined;

/** Keeps a clean text's shape among the recent ones when it has GUIDs, all of them fenced. */
function keepClean(text: string): void {
  const at: number[] = [];
  for (let g = nextGuid(text, 0); g >= 0; g = nextGuid(text, g + GUID_LEN)) {
    if (!fencedGuid(text, g)) return;
    at.push(g);
  }
  if (at.length) recentClean.keep(text, at, true);
}
