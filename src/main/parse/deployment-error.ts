import type { ExtensionOp } from '../../shared';
import { CRP_DEPENDENCY_PHRASE, CRP_FAILURE_PHRASE, CRP_HANDLER_PHRASE, CRP_TIMEOUT_PHRASE } from '../../shared/formats/crp';
import { escapeRegExp } from '../../shared/regexp';
import type { FactDraft } from '../records/fact-store';

/**
 * The compute resource provider's verdict on an extension as a deployment error quotes it, on both platforms and in
 * every form it has had (the phrases and their sources: shared/formats/crp.ts). A failure's error message is the
 * extension's own status message: the extension reported a failed operation. A timeout: the extension never reached a
 * terminal status in time.
 */
const CRP_FAILURE_RE = new RegExp(
  String.raw`\bVM (?:has )?${escapeRegExp(CRP_FAILURE_PHRASE)} '([^'\n]{1,200})'(?: \(publisher '([^'\n]{1,200})' and type '([^'\n]{1,200})'\))?(?:\.?[ \t]{0,20}(?:Error message: ?\\{0,7}["']?([^\n]{0,400})))?`,
);

const CRP_TIMEOUT_RE = new RegExp(String.raw`\b${escapeRegExp(CRP_TIMEOUT_PHRASE)}'?([\w.-]{1,200})'? has timed out\b`);

/**
 * The provider's verdict on an extension that depends on a failed one (extension sequencing, `provisionAfterExtensions`):
 * `VM Extension 'X' is marked as failed since it depends upon the VM Extension 'Y' which has failed.`, on its own or
 * as the first failure of `Multiple VM extensions failed to be provisioned on the VM. Please see the VM extension
 * instance view for other failures. The first extension failed due to the error: …` (VMExtensionProvisioningError;
 * WALinuxAgent tests_e2e/tests/ext_sequencing/ext_sequencing.py expects it of a failing dependency). Both are in a
 * failed state: Y failed, X was failed for it.
 */
const CRP_DEPENDENCY_RE = new RegExp(String.raw`\bVM Extension '([^'\n]{1,200})' ${escapeRegExp(CRP_DEPENDENCY_PHRASE)} '([^'\n]{1,200})' which has failed\b`);

const CRP_HANDLER_RE = new RegExp(String.raw`\bHandler '[^'\n]{1,200}' ${escapeRegExp(CRP_HANDLER_PHRASE)} '[^'\n]{1,200}' with terminal error code '-?\d{1,10}'`);
/** Whether a text quotes the provider's verdict on a handler's failure (CRP_HANDLER_PHRASE): what it quotes is a state. */
export const quotesHandlerVerdict = (text: string): boolean => text.includes(CRP_HANDLER_PHRASE) && CRP_HANDLER_RE.test(text);

const OP_RE = /\b(Install|Enable|Update|Disable|Uninstall) failed\b/i;
/** The operation an extension's message says failed (`Enable failed: …`, `Install failed for plugin …`), lower case. */
export const failedOpIn = (message: string): ExtensionOp | undefined => OP_RE.exec(message)?.[1].toLowerCase() as ExtensionOp | undefined;
const EXIT_RE = /\bexit (?:status|code)[=:] ?'?(-?\d{1,6})\b/i;

/**
 * Each extension a line holding the provider's verdict names as failed: one for the forms above, the dependency and
 * its dependent for the sequencing form (each with the line as its detail).
 */
export function crpFailureDrafts(line: string, scrub: (s: string) => string): FactDraft[] {
  const d = CRP_DEPENDENCY_RE.exec(line);
  if (d) {
    const detail = scrub(line.slice(d.index, d.index + 300));
    return [
      { kind: 'extension-operation', handler: d[2], op: 'processing', outcome: 'failed', detail, verdict: true },
      { kind: 'extension-operation', handler: d[1], op: 'processing', outcome: 'failed', detail, verdict: true },
    ];
  }
  const one = crpFailureDraft(line, scrub);
  return one ? [one] : [];
}

/**
 * A failed (or timed-out) extension operation from a line holding the provider's verdict, or null. The handler is the
 * extension's `publisher.type` when the message names them, else the extension's name (all the old forms give).
 */
export function crpFailureDraft(line: string, scrub: (s: string) => string): FactDraft | null {
  const t = CRP_TIMEOUT_RE.exec(line);
  if (t) return { kind: 'extension-operation', handler: t[1], op: 'processing', outcome: 'timed-out', detail: scrub(line.slice(t.index, t.index + 300)), verdict: true };
  const m = CRP_FAILURE_RE.exec(line);
  if (!m) return null;
  const inner = m[4] ?? '';
  const op = failedOpIn(inner);
  const exit = EXIT_RE.exec(inner)?.[1];
  return {
    kind: 'extension-operation',
    handler: m[2] && m[3] ? `${m[2]}.${m[3]}` : m[1],
    op: op ?? 'processing',
    outcome: 'failed',
    ...(exit !== undefined ? { exitCode: Number(exit) } : {}),
    detail: scrub(line.slice(m.index, m.index + 300)),
    verdict: true,
  };
}

