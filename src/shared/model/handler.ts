/** The Backup extension's handler on Linux and on Windows (publisher and type), as the agents and the platform name it. */
export const VMSNAP_LINUX = 'Microsoft.Azure.RecoveryServices.VMSnapshotLinux';
export const VMSNAP_WINDOWS = 'Microsoft.Azure.RecoveryServices.VMSnapshot';
/** Either of them, by a handler's name as a goal state, a status or an operation writes it (in any case). */
export const VMSNAP_HANDLER = /^Microsoft\.Azure\.RecoveryServices\.VMSnapshot(?:Linux)?$/i;

/** The handler folder of a loose handler log that says nothing of which handler wrote it (formats/windows.ts places it there). */
export const UNNAMED_HANDLER = 'unknown';

/**
 * The version folder ingest gives a loose Windows handler file whose content names no version
 * (`Packages/Plugins/<Handler>/unknown/…`, `WindowsAzure/Logs/Plugins/<Handler>/unknown/…`): a placeholder, never a
 * version. Readers of a handler's version from its path take it for none.
 */
export const UNKNOWN_VERSION = 'unknown';

/**
 * The Linux handler folder ingest gives a loose per-extension file (a status file, HandlerStatus) that names no handler
 * (formats/linux-agent.ts): a placeholder, never an extension's name.
 */
export const UNNAMED_HANDLER_DIR = 'unknown-extension';
