/**
 * Secrets never leave the parser: SAS query strings (pre-2.14 agents log live SAS URLs), protected
 * settings and snapshot task tokens are cut from anything we keep (fact fields and evidence text).
 */
const SAS_URL = /(https?:\/\/[^\s?'"<>]+)\?([^\s'"<>]*)/gi;
const SAS_KEY = /(?:^|&)(?:sig|sv|se|st|sr|sp|sip|spr|skoid|sktid)=/i;
const SECRET_FIELD = /("?(?:protectedSettings|snapshotTaskToken|sasUri|password)"?\s*[:=]\s*)("[^"]*"|[^\s,;}]+)/gi;

export function scrub(text: string): string {
  let out = text;
  if (out.includes('?')) out = out.replace(SAS_URL, (all, base: string, q: string) => (SAS_KEY.test(q) ? `${base}?<redacted>` : all));
  // cheap substring probes first (this runs for every fact); the regex only when one may be present
  if (out.includes('rotectedSettings') || out.includes('TaskToken') || out.includes('asUri') || out.includes('assword')) out = out.replace(SECRET_FIELD, '$1<redacted>');
  return out;
}

/** At most `max` characters (evidence text is a line excerpt, not a dump). */
export function clip(text: string, max = 500): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
