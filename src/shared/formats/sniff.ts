/**
 * Small helpers the declarations' sniffers and placements share. Every expression here runs on the first
 * KiB of a hostile file: each is linear (no nested quantifiers), and the head is bounded (formats/index.ts).
 */

import { escapeRegExp } from '../regexp';
import { AGENT_VERDICT_HEAD, CRP_DEPENDENCY_PHRASE, CRP_FAILURE_PHRASE, CRP_TIMEOUT_PHRASE } from './crp';
import { UNKNOWN_VERSION, UNNAMED_HANDLER } from '../model/handler';

export const LIB = 'var/lib/waagent';

/** `[Microsoft.Azure.Foo-1.0]` / `[Microsoft.Azure.Foo-1.2.3]` prefixes name the extension that wrote a log line. */
export function handlerIn(head: string): string | undefined {
  return /\[((?:Microsoft|Azure)\.[\w.]{1,200}?)-\d[\d.]{0,30}\]/.exec(head)?.[1];
}

/** A handler's name as the agent writes it, `Publisher.Type` (`Microsoft.Azure.Extensions.CustomScript`): each part a word. */
const HANDLER_NAME = String.raw`[A-Za-z]\w{0,100}(?:\.[A-Za-z]\w{0,100}){1,6}`;
/** The handler's folder under the agent's lib directory, `/waagent/<Handler>-<version>/`, in a path a file writes. */
const LIB_HANDLER_DIR = new RegExp(String.raw`\/waagent\/(${HANDLER_NAME})-\d{1,9}(?:\.\d{1,9}){0,4}\/`, 'g');
/** A handler file's `"name": "<Handler>"` (HandlerStatus, HandlerEnvironment.json, a status file's status). */
const JSON_HANDLER_NAME = new RegExp(String.raw`"name"\s{0,20}:\s{0,20}"(${HANDLER_NAME})"`);

/**
 * The extension a per-extension file's own head names, for a loose file given without its folder: the handler
 * library's line prefix (handlerIn), else its folder under the agent's lib directory in the paths it writes
 * (`Writing status to /var/lib/waagent/Microsoft.Azure.Extensions.CustomScript-2.0.1/status/0.status.`,
 * custom-script-extension-linux#67; a moved lib directory too, `/usr/local/waagent/…`, WALinuxAgent#2949), else, with
 * `json`, a handler file's `"name"`. Undefined when it names none, or two (a log quoting another extension's path
 * is not that extension's own).
 */
export function handlerNamed(head: string, json = false): string | undefined {
  const prefix = handlerIn(head);
  if (prefix) return prefix;
  const names = new Set<string>();
  for (const m of head.matchAll(LIB_HANDLER_DIR)) names.add(m[1]);
  const named = json ? JSON_HANDLER_NAME.exec(head)?.[1] : undefined;
  if (named) names.add(named);
  return names.size === 1 ? [...names][0] : undefined;
}

/** Where a Windows handler's folder name ends in a path: the next `\`, or what ends the path in a line or a JSON string. */
const WIN_PATH_END = String.raw`(?=\\|[\s"'),;}\]]|$)`;
/**
 * A Windows handler's folder in a path a file writes, `…\Packages\Plugins\<Handler>\<version>\` (its package: status,
 * settings) or `…\WindowsAzure\Logs\Plugins\<Handler>\<version>\` (its logs), the version when it follows; a JSON
 * string's doubled `\\` too. Any case: Windows paths are not case-sensitive.
 */
const WIN_HANDLER_DIR = new RegExp(
  String.raw`\\{1,2}(?:Packages|WindowsAzure\\{1,2}Logs)\\{1,2}Plugins\\{1,2}(${HANDLER_NAME})(?:\\{1,2}(\d{1,9}(?:\.\d{1,9}){0,4})${WIN_PATH_END})?${WIN_PATH_END}`,
  'gi',
);

/**
 * The Windows extension a loose handler file's own head names by its folders (WIN_HANDLER_DIR): the DSC extension's
 * log writes `Reading handler settings from C:\Packages\Plugins\Microsoft.Powershell.DSC\2.80.0.2\RuntimeSettings\0.settings`
 * (alan-turing-institute/data-safe-haven#754), the Backup extension's `Loading configuration {ConfigFile =
 * C:\Packages\Plugins\Microsoft.Azure.RecoveryServices.VMSnapshot…`. The version only when every mention of that
 * folder gives the same one. Undefined when it names none, or two handlers (a log quoting another extension's path
 * is not that extension's own).
 */
export function windowsHandlerNamed(head: string): { handler: string; version?: string } | undefined {
  let handler: string | undefined;
  const versions = new Set<string>();
  for (const m of head.matchAll(WIN_HANDLER_DIR)) {
    if (handler === undefined) handler = m[1];
    else if (handler.toLowerCase() !== m[1].toLowerCase()) return undefined;
    // (a mention without its version does not contradict one with it)
    if (m[2]) versions.add(m[2]);
  }
  if (handler === undefined) return undefined;
  return versions.size === 1 ? { handler, version: [...versions][0] } : { handler };
}

/**
 * `<Handler>/<version>` of a Windows handler's folders (C:\Packages\Plugins\… and C:\WindowsAzure\Logs\Plugins\…) for a
 * loose file whose head is `head`: `handler`, else the handler its own paths name (windowsHandlerNamed), else
 * `fallback`, else `unknown`; with the version its paths give that handler, else `unknown`.
 */
export function windowsHandlerFolder(head: string, handler?: string, fallback?: string): string {
  const named = windowsHandlerNamed(head);
  const h = handler ?? named?.handler ?? fallback ?? UNNAMED_HANDLER;
  return `${h}/${(named?.handler.toLowerCase() === h.toLowerCase() && named.version) || UNKNOWN_VERSION}`;
}

/** A Windows handler's package folder (C:\Packages\Plugins\<Handler>\<version>, without the drive): windowsHandlerFolder's. */
export function windowsPackageDir(head: string, handler?: string, fallback?: string): string {
  return `Packages/Plugins/${windowsHandlerFolder(head, handler, fallback)}`;
}

/**
 * The names a handler's settings and status files have on both platforms (`0.settings`, `0.status`; with a prefix
 * before the number when a collection or the engineer added one, `Microsoft.Azure.Foo.0.settings`): a loose one is
 * the Linux or the Windows handler's by its content.
 */
export const SETTINGS_FILE_NAME = /^(?:[^/]{1,200}\.)?\d{1,9}\.settings$/;
export const STATUS_FILE_NAME = /^(?:[^/]{1,200}\.)?\d{1,9}\.status$/;

/**
 * A handler file's head that names Windows folders: a handler's package or log folder (WIN_HANDLER_DIR), or a path
 * under a Windows root in a JSON string (`"C:\\WindowsAzure\\…`, `"C:\\Packages\\…`, the JSON escape of one `\`). A HandlerEnvironment.json
 * always names its folders; a status file does when its message quotes them. A Linux handler's own files name none.
 */
export function namesWindowsFolder(head: string): boolean {
  return windowsHandlerNamed(head) !== undefined || /\b[A-Za-z]:\\{2}(?:Packages|WindowsAzure|ProgramData|Windows)\\{2}/i.test(head);
}

/**
 * A handler's settings document (`{"runtimeSettings":[{"handlerSettings":{…}}]}`, the handler protocol's on both
 * platforms) that is a Windows handler's by what it holds: Windows folders (namesWindowsFolder), a command run with
 * Windows PowerShell (the Custom Script extension's `"commandToExecute":"powershell -ExecutionPolicy Unrestricted -file
 * launcher.ps1 "` from a RuntimeSettings\0.settings, NetSPI/MicroBurst Misc/Get-AzureVMExtensionSettings.ps1; Linux has
 * `pwsh`), or the Windows-only Antimalware extension's `"AntimalwareEnabled"` (the same source). The Backup extension's
 * own settings hold none of these on either platform: such a file given alone stays the Linux one.
 */
export function isWindowsSettings(head: string): boolean {
  return namesWindowsFolder(head) || /"commandToExecute"\s{0,20}:\s{0,20}"\s{0,20}powershell(?:\.exe)?\s/i.test(head) || head.includes('"AntimalwareEnabled"');
}

/** The text starts (after white space and a byte-order mark) with one of `chars`. */
export function startsWith(head: string, chars: string): boolean {
  const m = /^(?:\uFEFF|\xEF\xBB\xBF)?\s*(\S)/.exec(head);
  return !!m && chars.includes(m[1]);
}

/** A JSON document whose head has every one of `keys` as a key. */
export function jsonWith(head: string, ...keys: string[]): boolean {
  return startsWith(head, '[{') && keys.every((k) => head.includes(`"${k}"`));
}

/**
 * A handler's status file, on either platform: `[{"version": …, "timestampUTC": …, "status": {"status": …, "code": …,
 * "formattedMessage": …}}]` (keys in any order); `code` is optional in the handler protocol (LinuxAsm writes `operation`
 * and no code), so either names it. A heartbeat file has `"heartbeat"`.
 */
export function isStatusJson(head: string): boolean {
  return jsonWith(head, 'status') && /"(?:code|operation)"/.test(head) && /"(?:formattedMessage|substatus|timestampUTC)"/.test(head) && !head.includes('"heartbeat"');
}

/** The Backup extension's own JSON (status, settings): its snapshot task vocabulary. */
export function isSnapshotJson(head: string): boolean {
  return /VMSnapshot|snapshotInfo|taskId|objectStr/.test(head);
}

/** An XML document with `root` as its first element. */
export function xmlRoot(head: string): string | undefined {
  if (!startsWith(head, '<')) return undefined;
  return /<(?!\?|!)([A-Za-z][\w.-]{0,100})/.exec(head)?.[1];
}

/** A Windows guest's bundle with nothing of a Linux VM in it: the Linux advice does not apply to it. */
export function windowsOnly(files: readonly { vmPath: string; kind: string }[]): boolean {
  return files.some((f) => f.kind.startsWith('windows-')) && !files.some((f) => /^(?:var|etc|usr|run)\//.test(f.vmPath));
}

/**
 * The compute provider's verdict on an extension in a pasted deployment error (`VM has reported a failure when
 * processing extension 'X' …`, `Provisioning of VM extension X has timed out …`, read by
 * src/main/parse/deployment-error.ts): it goes to the Windows agent's format
 * when it names a Windows extension (publisher Microsoft.Compute, the DSC extension, a Windows path or the Windows
 * troubleshooting link), else to waagent.log's (both read it the same way).
 */
const CRP_FAILURE = String.raw`\b(?:VM (?:has )?${escapeRegExp(CRP_FAILURE_PHRASE)} '|${escapeRegExp(CRP_TIMEOUT_PHRASE)}'?[\w.-]{1,200}'? has timed out\b|VM Extension '[^'\n]{1,200}' ${escapeRegExp(CRP_DEPENDENCY_PHRASE)} ')`;
const CRP_WINDOWS = String.raw`[^\n]{0,500}(?:Microsoft\.Compute'|Powershell\.DSC|[Ww]indows|[A-Z]:\\)`;
export const CRP_FAILURE_LINUX = `${CRP_FAILURE}(?!${CRP_WINDOWS})`;
export const CRP_FAILURE_WINDOWS = `${CRP_FAILURE}(?=${CRP_WINDOWS})`;
/**
 * The verdicts a deployment error quotes, the provider's above and the agent's own (`The handler for VM extension type
 * 'X' has reported terminal failure for VM extension 'Y' with error message: …`, waagent/catalogue.ts), on either
 * platform: the message a portal or a terminal wraps, which a paste joins back (ingest/paste.ts).
 */
export const VERDICT = `${CRP_FAILURE}|${AGENT_VERDICT_HEAD}`;
