import { redactSecrets } from './redact';

/**
 * The one evidence clipper. Evidence is a line excerpt, not a dump: at most MAX_EVIDENCE characters, and
 * always through the secret redactor (src/shared/redact.ts) first. `clipText` only shortens (display).
 */
export const MAX_EVIDENCE = 500;

/** At most `max` characters, the cut marked with `…`. */
export function clipText(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/**
 * Redacted, trimmed, at most `max` characters: the `text` of an Evidence. Only the head is redacted (a
 * 100 MB line is not scanned whole); a secret cut at the head's edge is still matched to its end.
 */
export function evidenceText(s: string, max = MAX_EVIDENCE): string {
  return clipText(redactSecrets(s.length > max + 200 ? s.slice(0, max + 200) : s).trim(), max);
}
