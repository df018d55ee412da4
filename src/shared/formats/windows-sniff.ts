/**
 * How the Windows guest formats that have no fixed path are recognised from their first KiB (docs/formats.md,
 * "Windows guest"): the format declarations (formats/windows.ts) and the parsers (src/main/parse/windows) share
 * these. Every expression is linear: a label has no colon, a field no tab or newline, each run is bounded.
 */

import { EVENT_ID_LABEL, EVENT_ID_NUMBER, LEVEL_WORD_ALTERNATION, LOG_NAME_LABEL, SOURCE_LABEL } from './event-viewer-labels';

/**
 * The head as plain text: a UTF-16LE file read byte by byte (Latin-1) has a NUL after every ASCII character and
 * may start with the FF FE byte-order mark; both are dropped so the same expressions recognise it.
 */
function plain(head: string): string {
  const h = head.replace(/^(?:\uFEFF|\xFF\xFE|\xEF\xBB\xBF)/, '');
  return h.includes('\u0000') ? h.split('\u0000').join('') : h;
}

/**
 * COM+ event 4689's description (Application log). Azure Backup's troubleshooting guide for
 * ExtensionInstallationFailedCOM: with an extension installation failure it means the desktop heap ran out (Azure
 * self-help content, articles/microsoft.backup-backup-failed-for-vm-tsg/131216-d-tsg-16c5d754…, public mirror
 * https://github.com/TheresaLui/SelfHelpContent_v2; test/cases/win-tsg-complus-4689-desktop-heap).
 */
export const COMPLUS_4689 = /The run-time environment has detected an inconsistency in its internal state\b/i;

/**
 * The first words of the VSS service's own error events (8193, 8194 …), English, German and Japanese, as pasted without
 * their event: duplicati#1297 (German), restic#5169 (English, wrapped), blog.onk164.net/archives/753.html (Japanese,
 * `ボリューム シャドウ コピー サービス エラー: 予期しないエラー CreateFileW(…`). The words are localised; what follows (the
 * interface, the writer's context and ids) is not always. Other languages only from such a verbatim source.
 */
export const VSS_SERVICE_ERROR = /^[ \t]*(?:Volume Shadow Copy Service error|Volumeschattenkopie-Dienstfehler|ボリューム シャドウ コピー サービス エラー)[ \t]*:/m;

/** The first line of .NET Runtime 1026's description: `Application: WaAppAgent.exe` (the executable captured). */
export const NET_RUNTIME_APPLICATION = /^[ \t]*Application: ([\w .-]{1,100}\.exe)[ \t]*$/m;

/**
 * The first words of Application Error 1000's description and the faulting executable (captured): English and German
 * with their colon, French with or without one — Windows writes `Nom de l’application défaillante w3wp.exe, version : …`
 * (Microsoft Q&A 1043386, 2022), the French edition of Azure Backup's troubleshooting quotes it with a colon
 * (learn.microsoft.com/fr-fr/azure/backup/backup-azure-vms-troubleshoot, VMRestorePointInternalError).
 */
export const FAULTING_APPLICATION = /^[ \t]*(?:(?:Faulting application name|Name der fehlerhaften Anwendung)[ \t]*:|Nom de l[’']application défaillante(?:[ \t]*:)?)[ \t]*([\w .-]{1,100}\.exe)/im;

/**
 * AppLocker's description (Microsoft-Windows-AppLocker/EXE and DLL) when it blocks the Backup extension's executable,
 * 8004 `<file name> was prevented from running.`, or only would in audit mode, 8003 `<file name> was allowed to run but
 * would have been prevented from running if the AppLocker policy were enforced.` (the wording of Microsoft's "Using
 * Event Viewer with AppLocker", learn.microsoft.com/windows/security/application-security/application-control/
 * app-control-for-business/applocker/using-event-viewer-with-applocker); the file as AppLocker writes it, e.g.
 * `%OSDRIVE%\PACKAGES\PLUGINS\…\IAASBCDREXTENSION.EXE`. Azure Backup's troubleshooting gives such a block as a cause of
 * GuestAgentSnapshotTaskStatusError ("Application control solution is blocking IaaSBcdrExtension.exe").
 */
export const APPLOCKER_EXTENSION_BLOCKED = /\bIaaSBcdrExtension\.exe was prevented from running\b/i;
export const APPLOCKER_EXTENSION_AUDITED = /\bIaaSBcdrExtension\.exe was allowed to run but would have been prevented from running\b/i;

/** Event Viewer's local time in a delimited row: month or day first (`3/07/2023`), or year first as Japanese Windows writes it (`2021/10/01`). */
const ROW_DATE = '(?:\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{4}|\\d{4}[/.-]\\d{1,2}[/.-]\\d{1,2})';
/** A row of Event Viewer's "Save as" tab-separated or CSV export: Level (in any language), Date and Time, Source, Event ID. */
const DELIMITED_ROW = {
  tsv: new RegExp(`^"?(?:${LEVEL_WORD_ALTERNATION})"?\\t"?${ROW_DATE} [^\\t\\n]{0,20}\\t"?[^\\t\\n"]{1,200}"?\\t"?\\d+"?\\t`, 'im'),
  csv: new RegExp(`^"?(?:${LEVEL_WORD_ALTERNATION})"?,"?${ROW_DATE} [^,\\n]{0,20}"?,"?[^,\\n"]{1,200}"?,"?\\d+"?,`, 'im'),
};

/** An Application/System event log export: XML, Event Viewer text blocks, tab-separated, CSV, or pasted descriptions. */
export function eventExportShape(raw: string): 'xml' | 'text' | 'tsv' | 'csv' | 'loose' | null {
  const head = plain(raw);
  if (/<Event[\s>]/.test(head) && /<EventID\b/.test(head)) return 'xml';
  // Event Viewer's text copy, in any language it is written in (EVENT_VIEWER_LANGUAGES), possibly quoted as in an e-mail (`> `)
  if (LOG_NAME_LABEL.test(head) && EVENT_ID_LABEL.test(head)) return 'text';
  // Event Viewer's fields typed out by hand, `Label: value` or `Label = value`, without the Log Name line (duplicati#3236,
  // virtio-win/kvm-guest-drivers-windows#1505), or PowerShell's properties of the event (jpabrs GAC.md): a source and
  // a numeric event id
  if (SOURCE_LABEL.test(head) && EVENT_ID_NUMBER.test(head)) return 'text';
  if (/^"?Level"?\t"?Date and Time"?\t"?Source"?\t"?Event ID"?/m.test(head) || DELIMITED_ROW.tsv.test(head)) return 'tsv';
  if (/^"?Level"?,"?Date and Time"?,"?Source"?,"?Event ID"?/m.test(head) || DELIMITED_ROW.csv.test(head)) return 'csv';
  if (NET_RUNTIME_APPLICATION.test(head) && /unhandled exception/i.test(head)) return 'loose';
  if (FAULTING_APPLICATION.test(head)) return 'loose';
  // a VSS failure message pasted on its own, in text that is not some log's records (those have their own formats)
  if (/shadow copy provider timed out while holding writes|This drive is locked by BitLocker Drive Encryption|were aborted because the diff area file could not grow/i.test(head) && !/^[ \t]*(?:\[|\d{4}-\d\d-\d\dT)/m.test(head)) return 'loose';
  // the VSS service's own error description pasted on its own (VSS_SERVICE_ERROR)
  if (VSS_SERVICE_ERROR.test(head) && !/^[ \t]*(?:\[|\d{4}-\d\d-\d\dT)/m.test(head)) return 'loose';
  // AppLocker blocking (or auditing) the Backup extension's executable, its description pasted on its own
  if ((APPLOCKER_EXTENSION_BLOCKED.test(head) || APPLOCKER_EXTENSION_AUDITED.test(head)) && !/^[ \t]*(?:\[|\d{4}-\d\d-\d\dT)/m.test(head)) return 'loose';
  // COM+ 4689's description pasted on its own: the Backup extension's VSS provider is a COM+ application (COMPLUS_4689)
  if (COMPLUS_4689.test(head) && !/^[ \t]*(?:\[|\d{4}-\d\d-\d\dT)/m.test(head)) return 'loose';
  return null;
}

/** `vssadmin list writers` output: a quoted writer name, a bracketed state number, writer GUIDs. */
export function looksLikeVssadmin(raw: string): boolean {
  const head = plain(raw);
  // (an id as printed, or as an article or a ticket redacts it: `Writer Id: {ID}`, KB 4504103)
  return /^[^:'\n]{2,60}:[ \t]*'[^'\n]{1,200}'[ \t]*$/m.test(head) && /:[ \t]*\[\d{1,2}\][ \t]*\S/.test(head) && /\{(?:[0-9a-f-]{36}|[A-Za-z][A-Za-z _-]{0,19})\}/i.test(head);
}

/**
 * A writer's state line as `vssadmin list writers` prints it (`State: [10] Failed`, KB 826936), on its own: without the
 * writer's quoted name and ids above it (looksLikeVssadmin) it names no writer, so it is not read, but the file is
 * worth a word (ingest says it was taken for one, and what to attach). English only; the state is VSS_WRITER_STATE's 1–15.
 */
const VSS_WRITER_STATE_LINE = /^[ \t]*State:[ \t]*\[(?:[1-9]|1[0-5])\][ \t]*\w[^\n]{0,80}$/m;

/** The first such line of a text (its head), trimmed, or undefined. */
export function vssWriterStateLine(raw: string): string | undefined {
  return VSS_WRITER_STATE_LINE.exec(plain(raw).replace(/\r/g, ''))?.[0].trim();
}

/**
 * The agent's MSI log (its product error line), VmAgentInstaller.xml (`<Event time=… source="GuestAgent">`), or the
 * MsiInstaller error of the Backup extension's Visual C++ runtime.
 */
export function looksLikeAgentInstaller(raw: string): boolean {
  const head = plain(raw);
  return (
    /Product: Windows Azure VM Agent/.test(head) ||
    /Event time="[^"]{10,40}" category="\w{1,20}" source="GuestAgent"/.test(head) ||
    /Product: Microsoft Visual C\+\+ 20\d\d x64 (?:Minimum|Additional) Runtime - [\d.]{1,20} -- Error \d{1,5}\./.test(head)
  );
}
