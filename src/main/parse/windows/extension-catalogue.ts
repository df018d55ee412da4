import type { Fact, TimeZoneKnowledge } from '../../../shared';
import { evidenceText } from '../../../shared/clip';
import { UNNAMED_HANDLER } from '../../../shared/model/handler';
import { parseIsoLike, parseSlashed, parseWindowsLocal } from '../../../shared/time';
import { genericLogLines } from '../generic-log';
import { forEachLine } from '../lines';
import { evidence } from '../state/common';
import type { Parser } from '../types';

/**
 * What a Windows extension handler writes in its own log (C:\WindowsAzure\Logs\Plugins\<Handler>\<Version>\*.log)
 * when it cannot decrypt its protected settings: the certificate the settings were encrypted to is not in the
 * LocalMachine store, or its private key cannot be used (the MachineKeys ACL). Each handler words it its own way —
 * the Diagnostics extension's .NET `EnvelopedCms.DecryptContent` exceptions, the handlers' shared "decode, decrypt,
 * and deserialize" message — so every entry is a line quoted in a public source (`samples`, fed through the
 * parser by test/parse/windows/extension-catalogue.test.ts). The Linux handlers' words are read by
 * parse/system/handler-log.ts. Each becomes a `certificate-problem` (the certificate-missing rule); the handler is the
 * evidence's folder. A handler reporting that cmd.exe does not know the command it runs is a failed
 * `extension-operation` of that handler instead.
 */

export interface ExtensionEntry {
  id: string;
  re: RegExp;
  /** What a match is: the settings' certificate (default), or the handler's command that could not run. */
  means?: 'certificate' | 'command-failed';
  samples: readonly { line: string; source: string }[];
}

const LEARN_EXT_CERT = 'https://learn.microsoft.com/troubleshoot/azure/virtual-machines/windows/troubleshoot-extension-certificates-issues-windows-vm';
const LEARN_EXT_TROUBLESHOOT = 'https://learn.microsoft.com/azure/virtual-machines/extensions/troubleshoot';

export const EXTENSION_CATALOGUE: readonly ExtensionEntry[] = [
  {
    // the handlers' own message, with the error's text after it (the article quotes it with a stray quote). It wraps
    // decoding and deserializing too: only a cryptographic error says the certificate (a settings string that does not
    // parse, "Failed to decode the protected settings string. Error Message: Unexpected character encountered while
    // parsing value: [. Path 'fileUris'…" in azure-sdk-for-net #32459, is the deployment's own settings)
    id: 'protected-settings-decode',
    re: /Failed to decode, decrypt, and deserialize the protected settings string\.?\s*Error Message: (?:Keyset does not exist|The enveloped-data message does not contain the specified recipient|Invalid provider type specified)/,
    samples: [{ line: 'Failed to decode, decrypt, and deserialize the protected settings string. Error Message: Keyset does not exist"', source: LEARN_EXT_CERT }],
  },
  {
    id: 'protected-settings-decrypting',
    re: /\bDecrypting Protected Settings - \S/,
    samples: [{ line: 'Decrypting Protected Settings - Invalid provider type specified', source: LEARN_EXT_CERT }],
  },
  {
    // .NET's EnvelopedCms.DecryptContent: the settings' recipient certificate is not in the store, or its key is unusable
    id: 'enveloped-cms',
    re: /CryptographicException: (?:The enveloped-data message does not contain the specified recipient|Keyset does not exist)\b/,
    samples: [
      { line: 'System.Security.Cryptography.CryptographicException: Keyset does not exist', source: LEARN_EXT_CERT },
      {
        line: 'DiagnosticsPluginLauncher.exe Error: 0 : [6/29/2020 1:33:50 PM] System.Security.Cryptography.CryptographicException: The enveloped-data message does not contain the specified recipient.',
        source: LEARN_EXT_CERT,
      },
    ],
  },
  {
    // the Diagnostics extension looking for the settings' certificate before it gives up (its own spelling)
    id: 'settings-thumbprint-missing',
    re: /\bNo certi?ficate with given thumbprint found in the certificate store\b/,
    samples: [
      {
        line: 'DiagnosticsPluginLauncher.exe Warning: 0 : [6/29/2020 1:32:20 PM] No certficate with given thumbprint found in the certificate store. Thumbprint:34C8CDC747693E0E33A9648703E3990EC4F2C484',
        source: LEARN_EXT_CERT,
      },
    ],
  },
  {
    // the handler reporting that the command it runs (as Local System) is unknown to cmd.exe: a PATH without
    // PowerShell, or commands cmd runs at its start (Learn, "Known issues"); cmd's own words, "is not recognized", and
    // the article's "isn't". Only the handler's report of it counts, not the words in a script's output.
    id: 'command-not-recognized',
    re: /(?:^|\s)(?:Execution Error: |\S{1,100} failed with ")'[^'\n]{1,260}' (?:is not|isn't) recognized as an internal or external command\b/,
    means: 'command-failed',
    samples: [
      { line: "Execution Error: '<command>' isn't recognized as an internal or external command, operable program or batch file.", source: LEARN_EXT_TROUBLESHOOT },
      { line: 'RunCommandExtension failed with "\'powershell\' isn\'t recognized as an internal or external command,"', source: LEARN_EXT_TROUBLESHOOT },
    ],
  },
];

/** A plain substring of every entry: lines without one never see the regexes. */
const NEEDLE = /protected settings|Protected Settings|CryptographicException|thumbprint|recognized as an internal/;
/** The .NET TraceSource line of the Diagnostics extension: `<exe> <Level>: <id> : [M/D/YYYY h:mm:ss AM] …`. */
const TRACE_HEAD = /^\S+\.exe (?:Information|Warning|Error|Verbose|Critical): \d+ : \[([^\]]{8,30})\]/;
const ISO = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}/;
/**
 * The DSC extension's line head, UTC in brackets: `[2020-07-10 10:24:13Z] Reading handler settings from …`
 * (alan-turing-institute/data-safe-haven#754), `VERBOSE: ` before it as PowerShell prints the same log
 * (dsccommunity/SqlServerDsc#1280); formats/windows.ts has the sample line.
 */
const DSC_HEAD = /^(?:VERBOSE: )?\[(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})Z\]/;
const SLASHED = /^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}/;
/** At most this many certificate facts per file (a handler retries the same failure on every enable). */
const MAX_FACTS = 20;

/** The handler whose folder the log is in (`WindowsAzure/Logs/Plugins/<Handler>/<Version>/…`), `UNNAMED_HANDLER` for a loose one. */
function handlerOf(vmPath: string): string {
  return /(?:^|\/)Plugins\/([^/]{1,200})\//i.exec(vmPath)?.[1] ?? UNNAMED_HANDLER;
}

/**
 * The line's own time, when it starts with one (the TraceSource head is local time, `6/29/2020 1:32:20 PM`; the DSC
 * extension's is UTC): its facts' and its records' (genericLogLines).
 */
function timeOf(text: string): { timeMs: number; zone: TimeZoneKnowledge } {
  const d = DSC_HEAD.exec(text);
  if (d) {
    const ms = parseIsoLike(d[1]);
    return Number.isFinite(ms) ? { timeMs: ms, zone: 'utc' } : { timeMs: NaN, zone: 'none' };
  }
  const t = TRACE_HEAD.exec(text);
  if (t) {
    const ms = parseWindowsLocal(t[1], false);
    return Number.isFinite(ms) ? { timeMs: ms, zone: 'local' } : { timeMs: NaN, zone: 'none' };
  }
  if (ISO.test(text)) {
    const ms = parseIsoLike(text);
    return { timeMs: ms, zone: /^\S{19,}Z/.test(text) ? 'utc' : 'local' };
  }
  if (SLASHED.test(text)) return { timeMs: parseSlashed(text), zone: 'local' };
  return { timeMs: NaN, zone: 'none' };
}

/**
 * A Windows extension's log other than the Backup extension's: records as the generic parser makes them, and
 * from the same read, the handler's settings-decryption failures as `certificate-problem` facts.
 */
export const parseWindowsExtensionLog: Parser = async (input, sink) => {
  const generic = genericLogLines(sink, timeOf);
  let n = 0;
  await forEachLine(
    input.content,
    (buf, start, end, lineNo, offset, byteLength, cut) => {
      generic.line(buf, start, end, lineNo, offset, byteLength, cut);
      if (n >= MAX_FACTS) return;
      const text = buf.toString('utf8', start, Math.min(end, start + 2000));
      const entry = NEEDLE.test(text) ? EXTENSION_CATALOGUE.find((e) => e.re.test(text)) : undefined;
      if (!entry) return;
      n++;
      const { timeMs, zone } = timeOf(text);
      const detail = evidenceText(text.trim(), 300);
      const at = evidence(input.file.vmPath, lineNo, text, timeMs, zone);
      // the line as the log has it (the handler is in the evidence's path): the reason quotes it verbatim
      const f: Fact =
        entry.means === 'command-failed'
          ? { kind: 'extension-operation', at, timeMs, handler: handlerOf(input.file.vmPath), op: 'processing', outcome: 'failed', detail }
          : { kind: 'certificate-problem', detail, at, timeMs };
      sink.fact(f);
    },
    input.signal,
  );
  generic.end();
};
