/**
 * Secrets never leave the parser: SAS query strings (pre-2.14 agents log live SAS URLs), protected
 * settings and snapshot task tokens are cut from anything we keep (fact fields and evidence text), by the
 * one shared redactor.
 */
import { clipText, MAX_EVIDENCE } from '../../../shared/clip';
import { redactSecrets } from '../../../shared/redact';

export const scrub = redactSecrets;

/** At most `max` characters (evidence text is a line excerpt, not a dump). */
export function clip(text: string, max = MAX_EVIDENCE): string {
  return clipText(text, max);
}
