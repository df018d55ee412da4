import { REDACTED, redactSecrets } from '../../shared/redact';

/**
 * Every message that leaves the collector (errors, progress, manifest) passes through here, so a secret the
 * user typed can never surface even if ssh2 or a remote command echoes it back.
 */
export class SecretScrubber {
  private readonly secrets = new Set<string>();

  /** Remember a secret for the lifetime of this collection (short values are ignored: they would shred text). */
  add(secret: string | undefined): void {
    if (secret && secret.length >= 3) this.secrets.add(secret);
  }

  clear(): void {
    this.secrets.clear();
  }

  scrub(text: string): string {
    let out = text;
    for (const s of this.secrets) out = out.split(s).join(REDACTED);
    return scrubPatterns(out);
  }
}

/** Patterns that are secret whoever typed them (SAS signatures, tokens, passwords): the shared redactor. */
export const scrubPatterns = redactSecrets;
