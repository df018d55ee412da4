/**
 * Redaction for "copy line". Log text can carry SAS signatures, settings secrets and task tokens;
 * a line copied into a ticket must not. Local helper until src/shared/redact.ts exists.
 */
const RULES: [RegExp, string][] = [
  // SAS: sig=<base64url-ish>, also URL-encoded and in JSON strings.
  [/([?&;\s"']sig=)[^&\s"'<>]+/gi, '$1[REDACTED]'],
  [/(\bsig%3d)[^&\s"'<>]+/gi, '$1[REDACTED]'],
  // protectedSettings blobs and their certificate thumbprints stay opaque.
  [/("protectedSettings"\s*:\s*")[^"]*(")/gi, '$1[REDACTED]$2'],
  [/(protectedSettings\s*[=:]\s*)[^\s,;}]+/gi, '$1[REDACTED]'],
  [/("snapshotTaskToken"\s*:\s*")[^"]*(")/gi, '$1[REDACTED]$2'],
  [/(snapshotTaskToken\s*[=:]\s*)[^\s,;}]+/gi, '$1[REDACTED]'],
  [/("(?:password|passwd|pwd|secret|client_secret|accountKey)"\s*:\s*")[^"]*(")/gi, '$1[REDACTED]$2'],
  [/(\b(?:password|passwd|pwd|secret|AccountKey)\s*[=:]\s*)[^\s,;}&"']+/gi, '$1[REDACTED]'],
];

export function redactLine(text: string): string {
  let out = text;
  // `sig=` at the very start of the text has no delimiter before it.
  out = out.replace(/^sig=[^&\s"'<>]+/i, 'sig=[REDACTED]');
  for (const [re, rep] of RULES) out = out.replace(re, rep);
  return out;
}
