import type { ExtensionOp, Fact, TimeZoneKnowledge } from '../../../shared';
import { parseIsoLike, parseSlashed } from '../../../shared/time';
import { genericLogLines } from '../generic-log';
import { forEachLine } from '../lines';
import { evidenceText } from '../../../shared/clip';
import { evidence } from '../state/common';
import type { Parser } from '../types';
import { factDetail, msg } from '../../../shared/i18n/analysis';

/**
 * The logs extension handlers write under /var/log/azure/<Handler>/ (other than the Backup
 * extension's own and CommandExecution.log): records as the generic log parser makes them, plus what
 * says the handler cannot run or read its settings, in the ways handlers write it:
 *   - no runtime: `/usr/bin/env: 'python': No such file or directory`, `python: command not found`,
 *     `python version unknown`, a module that cannot be imported (`ModuleNotFoundError`, `ImportError`)
 *     → a failed operation of the handler;
 *   - its protected settings cannot be decrypted (`Failed to decrypt protectedSettings`, `OpenSSL decode
 *     error`, `unable to load certificate`, a recipient certificate openssl cannot open, SMIME/CMS failures) →
 *     certificate-problem;
 *   - a full disk (`No space left on device`, `[Errno 28]`) → disk-space.
 * The handler is the folder under /var/log/azure. At most MAX_PER_KIND facts of each kind per file.
 */

const RUNTIME = /\/usr\/bin\/env: .?python[\d.]*.?: No such file or directory|\bpython[\d.]*: (?:command )?not found|python version unknown|No Python interpreter found|ModuleNotFoundError: No module named|ImportError: (?:No module named|cannot import name)/;
/** A handler that cannot run (no interpreter, a module it imports missing): the Backup extension's own log reads it too. */
export { RUNTIME as HANDLER_RUNTIME_MISSING };
// openssl's words for the settings' recipient certificate it cannot open, by version: 1.0 "Error opening recipient certificate
// file <f>" (WALinuxAgent #370), 1.1 "Can't open <f> for reading" (#2949), 3.x "Could not open file or uri for loading
// recipient certificate file from <f>" (custom-script-extension-linux #257, which also wraps it "decrypting protected settings
// with smime command failed"); <f> is the goal state's <thumbprint>.crt
const DECRYPT = /Failed to decrypt protected ?settings|decrypting protected settings with (?:smime|cms) command failed|OpenSSL decode error|unable to load certificate|Error opening recipient certificate file|Could not open file or uri for loading recipient certificate|Can't open \S*[0-9A-F]{40}\.(?:crt|prv) for reading|SMIME decryption (?:also )?failed|Error decrypting (?:CMS|S\/MIME)|Error reading S\/MIME message|cms -decrypt[^\n]{0,200}(?:failed|error)/i;
const DISK = /No space left on device|\[Errno 28\]/;
/**
 * The Go handlers' logfmt (custom-script-extension-linux main/main.go, every 2.x release): a sub-command that fails
 * logs `event="pre-check failed" error=…` or `event="failed to handle" error=…` and exits with its failure code;
 * `operation=` names it. (`download failed`, `failed to execute command` precede `failed to handle`: one failure.)
 */
const LOGFMT_FAILED = /^time=(\S{20,40}) [^\n]{0,200}?\boperation=(install|enable|disable|update|uninstall)\b[^\n]{0,300}?\bevent="(?:pre-check failed|failed to handle)"/;
const NEEDLES = /python|ModuleNotFound|ImportError|decrypt|OpenSSL|certificate|SMIME|S\/MIME|\.crt\b|No space|Errno 28|failed"/i;
const MAX_PER_KIND = 20;
/** Bytes of a handler log read for facts (records cover the whole file). */
const FACT_BYTES = 32 * 1024 * 1024;

const ISO = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}/;
const SLASHED = /^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}/;

/** `var/log/azure/<Handler>/…` → `<Handler>`. */
export function handlerOfLogPath(vmPath: string): string | undefined {
  return /^var\/log\/azure\/([^/]{1,200})\//.exec(vmPath)?.[1];
}

export const parseHandlerLog: Parser = async (input, sink) => {
  // the records as the generic parser makes them, and the facts, from one read of the file
  const generic = genericLogLines(sink);
  const handler = handlerOfLogPath(input.file.vmPath);
  if (!handler || input.file.size > FACT_BYTES) {
    await forEachLine(input.content, generic.line, input.signal);
    generic.end();
    return;
  }
  const counts = new Map<string, number>();
  const take = (kind: string) => {
    const n = counts.get(kind) ?? 0;
    counts.set(kind, n + 1);
    return n < MAX_PER_KIND;
  };
  await forEachLine(
    input.content,
    (buf, start, end, lineNo, offset, byteLength, cut) => {
      generic.line(buf, start, end, lineNo, offset, byteLength, cut);
      const text = buf.toString('utf8', start, Math.min(end, start + 2000));
      if (!NEEDLES.test(text)) return;
      const logfmt = LOGFMT_FAILED.exec(text);
      const iso = ISO.test(text);
      const slashed = !iso && SLASHED.test(text);
      const timeMs = logfmt ? parseIsoLike(logfmt[1]) : iso ? parseIsoLike(text) : slashed ? parseSlashed(text) : NaN;
      const zone: TimeZoneKnowledge = (logfmt && logfmt[1].endsWith('Z')) || (iso && /^\S{19,}Z/.test(text)) ? 'utc' : Number.isFinite(timeMs) ? 'local' : 'none';
      const at = evidence(input.file.vmPath, lineNo, text, timeMs, zone);
      const detail = evidenceText(text.trim(), 300);
      let f: Fact | null = null;
      if (logfmt && take('logfmt'))
        f = { kind: 'extension-operation', handler, op: logfmt[2] as ExtensionOp, outcome: 'failed', ...factDetail(msg('detail.handler-operation-failed', { line: detail })), at, timeMs };
      else if (RUNTIME.test(text) && take('runtime'))
        f = { kind: 'extension-operation', handler, op: 'enable', outcome: 'failed', ...factDetail(msg('detail.handler-cannot-run', { line: detail })), at, timeMs };
      // (the line as the log has it: the reason quotes it verbatim; the handler is the evidence's folder)
      else if (DECRYPT.test(text) && take('decrypt')) f = { kind: 'certificate-problem', detail, at, timeMs };
      else if (DISK.test(text) && take('disk')) f = { kind: 'disk-space', full: true, detail, at, timeMs };
      if (f) sink.fact(f);
    },
    input.signal,
  );
  generic.end();
};
