/**
 * The Backup extension's status codes (`ExtensionErrorCodeEnum`; docs/formats.md "Backup extension status codes"). Log
 * lines carry the name (`StatusCode.<Name>,`), status files the number; the parsers read them and the
 * rules judge them, so they live here, below both.
 */
const CODES = {
  success_appconsistent: 0,
  success: 1,
  error: 2,
  SuccessAlreadyProcessedInput: 3,
  ExtensionTempTerminalState: 4,
  error_parameter: 11,
  error_12: 12,
  FailedHandlerGuestAgentCertificateNotFound: 16,
  FailedInvalidDataDiskLunList: 17,
  FailedRetryableSnapshotFailedNoNetwork: 76,
  FailedSnapshotLimitReached: 85,
  FailedRetryableFsFreezeFailed: 121,
  FailedFsFreezeFailed: 121,
  FailedRetryableFsFreezeTimeout: 122,
  FailedFsFreezeTimeout: 122,
  FailedRetryableUnableToOpenMount: 123,
  FailedUnableToOpenMount: 123,
  FailedSafeFreezeBinaryNotFound: 124,
  FailedRetryableSnapshotRateExceeded: 173,
  FailedPrepostPreScriptFailed: 300,
  FailedPrepostPostScriptFailed: 301,
  FailedPrepostPreScriptNotFound: 302,
  FailedPrepostPostScriptNotFound: 303,
  FailedPrepostPluginhostConfigParsing: 304,
  FailedPrepostPluginConfigParsing: 305,
  FailedPrepostPreScriptPermissionError: 306,
  FailedPrepostPostScriptPermissionError: 307,
  FailedPrepostPreScriptTimeout: 308,
  FailedPrepostPostScriptTimeout: 309,
  FailedPrepostPluginhostPreTimeout: 310,
  FailedPrepostPluginhostPostTimeout: 311,
  FailedPrepostCheckSumMismatch: 312,
  FailedPrepostPluginhostConfigNotFound: 313,
  FailedPrepostPluginhostConfigPermissionError: 314,
  FailedPrepostPluginhostConfigOwnershipError: 315,
  FailedPrepostPluginConfigNotFound: 316,
  FailedPrepostPluginConfigPermissionError: 317,
  FailedPrepostPluginConfigOwnershipError: 318,
  FailedGuestAgentInvokedCommandTooLate: 402,
  FailedWorkloadPreError: 500,
  FailedWorkloadConfParsingError: 501,
  FailedWorkloadInvalidRole: 502,
  FailedWorkloadInvalidWorkloadName: 503,
  FailedWorkloadPostError: 504,
  FailedWorkloadAuthorizationMissing: 505,
  FailedWorkloadConnectionError: 506,
  FailedWorkloadIPCDirectoryMissing: 507,
  FailedWorkloadDatabaseStatusChanged: 508,
  FailedWorkloadDatabaseNotOpen: 508,
  FailedWorkloadQuiescingError: 509,
  FailedWorkloadQuiescingTimeout: 510,
  FailedWorkloadDatabaseInNoArchiveLog: 511,
  FailedWorkloadLogModeChanged: 512,
  FailedHostSnapshotRemoteServerError: 556,
  FailedRetryableSnapshotFailedRestrictedNetwork: 761,
};

/**
 * How a status code was known when the log does not hold its number: `name`, this table's number for the status name
 * the log gives; `words`, the number the extension reports for what the log says (`Failed to FIFREEZE` → 121).
 */
export type CodeFrom = 'name' | 'words';

/** Name → code. Null prototype: a log naming `StatusCode.constructor,` finds nothing, not a function. */
export const STATUS_CODE_BY_NAME: Readonly<Record<string, number | undefined>> = Object.freeze(Object.assign(Object.create(null) as Record<string, number>, CODES));

const NAME_BY_CODE = new Map<number, string>();
for (const [name, code] of Object.entries(CODES)) if (!NAME_BY_CODE.has(code)) NAME_BY_CODE.set(code, name);

export function statusNameOf(code: number | undefined): string | undefined {
  return code === undefined ? undefined : NAME_BY_CODE.get(code);
}

/** Codes that mean the snapshot was taken (FS- or app-consistent). */
export function isSuccessCode(code: number): boolean {
  return code === 0 || code === 1;
}

/** Freeze family (121–124, and the pre-2019 201–203 numbering). */
export function isFreezeCode(code: number | undefined): boolean {
  return code !== undefined && ((code >= 121 && code <= 124) || (code >= 201 && code <= 203));
}

/** Storage / Backup Host Service family: 76, 761 and the host pseudo-codes 555–558. */
export function isStorageCode(code: number | undefined): boolean {
  return code === 76 || code === 761 || (code !== undefined && code >= 555 && code <= 558);
}

/** Pre/post script and workload family; 316 (no plugin config) is the normal case and excluded. */
export function isScriptCode(code: number | undefined): boolean {
  return code !== undefined && ((code >= 300 && code <= 318 && code !== 316) || (code >= 500 && code <= 512) || (code >= 1100 && code <= 1118));
}

/**
 * A task's code for a table cell, as the log says it: the logged number; for a logged status name the name, not this
 * table's number for it; nothing for a code the log says in words only. The snapshot step's own `errorcode` beside.
 */
export function codeCell(t: { code?: number; statusName?: string; codeFrom?: CodeFrom; errorCode?: number }): string {
  const logged = loggedCode(t);
  const code = logged !== undefined ? String(logged) : t.code !== undefined && t.codeFrom === 'name' && t.statusName ? `StatusCode.${t.statusName}` : '—';
  return t.errorCode !== undefined ? `${code} (errorcode ${t.errorCode})` : code;
}

/** A task's code when the log holds its number (none when it is this table's number for a name or words). */
export function loggedCode(t: { code?: number; codeFrom?: CodeFrom }): number | undefined {
  return t.codeFrom ? undefined : t.code;
}
