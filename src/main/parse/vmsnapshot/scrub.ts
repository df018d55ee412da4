/**
 * The Backup extension logs secret-like values verbatim (`snapshotTaskToken : …`, DD snapshot `token : …`,
 * exception texts that may quote SAS URLs). Nothing of that may reach a fact, so every text a
 * vmsnapshot parser keeps goes through here (docs/formats.md "Secrets").
 */
export const MAX_EVIDENCE = 500;

/**
 * Every pattern below needs one of these words; one scan of the text rejects the ~all lines that hold
 * none of them before the five patterns run.
 */
const MAY_HOLD_SECRET = /sig=|token|protectedSettings|Host Request body|customSettings|settings received/i;

export function scrub(s: string): string {
  if (!MAY_HOLD_SECRET.test(s)) return s;
  // `Host Request body`, `customSettings :` and `settings received` carry tokens and settings wholesale.
  const cut = /(Host Request body\s*:|customSettings\s*:|settings received\s*)/i.exec(s);
  let r = cut ? `${s.slice(0, cut.index + cut[0].length)} [REDACTED]` : s;
  r = r
    .replace(/([?&]sig=)[^&\s"'\\]*/gi, '$1REDACTED')
    .replace(/(snapshotTaskToken\\?"?\s*[:=]\s*\\?"?)[^\s,"'\\}]+/gi, '$1REDACTED')
    .replace(/(\btoken\s*:\s*)[^\s,]+/gi, '$1REDACTED')
    .replace(/("protectedSettings"\s*:\s*)("(?:[^"\\]|\\.)*"|\{[^}]*\})/gi, '$1"REDACTED"');
  return r;
}

/** Scrubbed, trimmed, at most MAX_EVIDENCE characters: the `text` of an Evidence. */
export function evidenceText(s: string): string {
  // cut before scrubbing (the regexes then see at most a short head); a secret cut at the edge is
  // still matched up to the end of the head
  // trimEnd strips exactly what `\s` matches (WhiteSpace and LineTerminator), without the regex
  const r = scrub(s.length > MAX_EVIDENCE + 200 ? s.slice(0, MAX_EVIDENCE + 200) : s).trimEnd();
  return r.length > MAX_EVIDENCE ? `${r.slice(0, MAX_EVIDENCE - 1)}…` : r;
}
