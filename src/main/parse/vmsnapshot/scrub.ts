/**
 * The Backup extension logs secret-like values verbatim (`snapshotTaskToken : …`, DD snapshot `token : …`,
 * exception texts that may quote SAS URLs). Nothing of that may reach a fact, so every text a
 * vmsnapshot parser keeps goes through the one shared redactor (docs/formats.md "Secrets"); on top, the
 * lines that carry the handler settings wholesale are cut after their label.
 */
import { evidenceText as sharedEvidenceText, MAX_EVIDENCE } from '../../../shared/clip';
import { REDACTED, redactSecrets } from '../../../shared/redact';

export { MAX_EVIDENCE };

/** `Host Request body`, `customSettings :` and `settings received` carry tokens and settings wholesale. */
const CARRIER = /Host Request body|customSettings|settings received/i;

function cutCarriers(s: string): string {
  if (!CARRIER.test(s)) return s;
  const cut = /(Host Request body\s*:|customSettings\s*:|settings received\s*)/i.exec(s);
  return cut ? `${s.slice(0, cut.index + cut[0].length)} ${REDACTED}` : s;
}

export function scrub(s: string): string {
  return redactSecrets(cutCarriers(s));
}

/** Scrubbed, trimmed, at most MAX_EVIDENCE characters: the `text` of an Evidence. */
export function evidenceText(s: string): string {
  return sharedEvidenceText(cutCarriers(s.length > MAX_EVIDENCE + 200 ? s.slice(0, MAX_EVIDENCE + 200) : s));
}
