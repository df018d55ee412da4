import { redactSecrets } from '../../shared';

/**
 * Redaction for "copy line": a line copied into a ticket must not carry SAS signatures, settings
 * secrets, task tokens or passwords. The rules are the report's (src/shared/redact.ts), so a copied
 * line and an exported report redact the same way.
 */
export function redactLine(text: string): string {
  return redactSecrets(text);
}
