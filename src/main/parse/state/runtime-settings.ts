import type { Evidence, ExtensionSettingsFact, ExtensionsConfigFact } from '../../../shared';
import { ticksToMs } from '../../../shared/time';
import { arr, num, obj, str } from './common';

/**
 * Reads a handler's `{"runtimeSettings":[{"handlerSettings":{...}}]}` document and keeps only what is
 * safe: the thumbprint, whether protected settings exist, the NAMES of the public settings and the
 * values of a short allowlist. protectedSettings, objectStr (it carries snapshotTaskToken), the blob
 * URIs (SAS) and anything else never leave this function.
 */
export interface SafeSettings {
  hasProtectedSettings: boolean;
  thumbprint?: string;
  publicSettingKeys: string[];
  taskId?: string;
  /** commandStartTimeUTCTicks as ISO UTC. */
  requestedStart?: string;
  commandStartTicks?: string;
  commandToExecute?: string;
  vmType?: string;
}

/** Public values that identify a backup task and are not secrets. */
const SAFE_VALUE = /^[\w.:/ -]{0,200}$/;

export function safeSettings(doc: unknown): SafeSettings | null {
  const root = obj(doc);
  if (!root) return null;
  const rs = arr(root.runtimeSettings);
  const hs = obj(obj(rs[0])?.handlerSettings);
  if (!hs) return { hasProtectedSettings: false, publicSettingKeys: [] };
  return fromHandlerSettings(hs);
}

export function fromHandlerSettings(hs: Record<string, unknown>): SafeSettings {
  const prot = hs.protectedSettings;
  const hasProtectedSettings = prot !== undefined && prot !== null && prot !== '' && !(typeof prot === 'object' && Object.keys(prot).length === 0);
  let pub = hs.publicSettings;
  // some writers put the public settings in as a JSON string
  if (typeof pub === 'string') {
    try {
      pub = JSON.parse(pub);
    } catch {
      pub = undefined;
    }
  }
  const p = obj(pub) ?? {};
  const safe = (k: string) => {
    const v = str(p[k]);
    return v !== undefined && SAFE_VALUE.test(v) ? v : undefined;
  };
  const thumb = str(hs.protectedSettingsCertThumbprint);
  const ticks = str(p.commandStartTimeUTCTicks) ?? (num(p.commandStartTimeUTCTicks) !== undefined ? String(p.commandStartTimeUTCTicks) : undefined);
  const startMs = ticks && /^\d{15,19}$/.test(ticks) ? ticksToMs(ticks) : NaN;
  const out: SafeSettings = {
    hasProtectedSettings,
    publicSettingKeys: Object.keys(p).slice(0, 100),
  };
  if (thumb && /^[0-9A-Fa-f]{20,64}$/.test(thumb)) out.thumbprint = thumb;
  const taskId = safe('taskId');
  if (taskId) out.taskId = taskId;
  if (Number.isFinite(startMs)) {
    out.requestedStart = new Date(startMs).toISOString();
    out.commandStartTicks = ticks;
  }
  const cmd = safe('commandToExecute');
  if (cmd) out.commandToExecute = cmd;
  const vmType = safe('vmType');
  if (vmType) out.vmType = vmType;
  return out;
}

/**
 * What an extensions goal state (ExtensionsConfig.xml or vmSettings) says of the Backup extension's settings (`s`, its
 * handler settings): none when they name no task, requested start, command or VM type.
 */
export function snapshotSettingsOf(s: SafeSettings | null): ExtensionsConfigFact['snapshotSettings'] {
  if (!s || !(s.taskId || s.requestedStart || s.commandToExecute || s.vmType)) return undefined;
  return {
    ...(s.taskId ? { taskId: s.taskId } : {}),
    ...(s.requestedStart ? { commandStartTime: s.requestedStart } : {}),
    ...(s.vmType ? { vmType: s.vmType } : {}),
    ...(s.commandToExecute ? { commandToExecute: s.commandToExecute } : {}),
  };
}

/** The `extension-settings` fact of one settings file (Linux `config/N.settings`, Windows `RuntimeSettings/N.settings`). */
export function settingsFact(at: Evidence, handler: string, version: string, seqNo: number, s: SafeSettings): ExtensionSettingsFact {
  return {
    kind: 'extension-settings',
    at,
    timeMs: NaN,
    handler,
    version,
    seqNo: Number.isFinite(seqNo) ? seqNo : -1,
    hasProtectedSettings: s.hasProtectedSettings,
    ...(s.thumbprint ? { thumbprint: s.thumbprint } : {}),
    publicSettingKeys: s.publicSettingKeys,
    ...(s.taskId ? { taskId: s.taskId } : {}),
    ...(s.requestedStart ? { requestedStart: s.requestedStart } : {}),
    ...(s.commandToExecute ? { commandToExecute: s.commandToExecute } : {}),
  };
}
