import type { ExtensionStatusFact, SnapshotStatusFact } from '../../../shared';
import { isSuccessCode } from '../../../shared/vmsnapshot-codes';
import { evidenceText } from '../../../shared/clip';
import { arr, evidence, handlerFromPath, lineOf, lineText, num, obj, parseJson, readSmallText, str } from '../state/common';
import { safeSettings, settingsFact } from '../state/runtime-settings';
import type { Parser } from '../types';
import { msg } from '../../../shared/i18n/analysis';
import { UNKNOWN_VERSION } from '../../../shared/model/handler';

/** The handler and version of a file in a handler's package folder; a loose file's placeholder version is none. */
function pluginOf(vmPath: string): { handler: string; version: string } | null {
  const h = handlerFromPath(vmPath);
  return h && h.version === UNKNOWN_VERSION ? { ...h, version: '' } : h;
}

/**
 * C:\Packages\Plugins\<Handler>\<Version>\Status\<N>.status: the same extension status schema as
 * on Linux (docs/formats.md "Extension status files") → `extension-status`.
 */
export const parseWindowsPluginStatus: Parser = async ({ file, content }, sink) => {
  const text = await readSmallText(content, sink);
  if (text === null) return;
  const doc = parseJson(text, sink);
  if (doc === undefined) return;
  const h = pluginOf(file.vmPath);
  const top = obj(arr(doc)[0]);
  const st = obj(top?.status);
  if (!st) {
    sink.warn(msg('parse.plugin-status-without-status'));
    return;
  }
  const ts = str(top?.timestampUTC);
  const timeMs = ts && /^\d{4}-\d{2}-\d{2}T/.test(ts) ? Date.parse(/Z$/.test(ts) ? ts : `${ts}Z`) : NaN;
  const seqNo = Number(/(?<!\d)(\d+)\.status$/i.exec(file.vmPath)?.[1] ?? NaN);
  const line = lineOf(text, '"status"') || 1;
  const fact: ExtensionStatusFact = {
    kind: 'extension-status',
    at: evidence(file.vmPath, line, lineText(text, line), timeMs, 'utc'),
    timeMs,
    handler: str(st.name) ?? h?.handler ?? '',
    version: h?.version ?? '',
    ...(Number.isFinite(seqNo) ? { seqNo } : {}),
    ...(str(st.operation) ? { operation: str(st.operation) } : {}),
    status: str(st.status) ?? '',
    code: num(st.code) ?? 0,
    message: evidenceText(str(obj(st.formattedMessage)?.message) ?? '', 300),
    ...(ts ? { timestampUTC: ts } : {}),
  };
  sink.fact(fact);
  // The Windows Backup extension: its status codes are the Linux extension's (the Linux code requires the same
  // numbers in the Windows extension), so the snapshot rules read it as a snapshot status too.
  if (/^Microsoft\.Azure\.RecoveryServices\.VMSnapshot$/i.test(h?.handler ?? '')) {
    const st = fact.status.toLowerCase();
    const effective: SnapshotStatusFact['effectiveStatus'] =
      st === 'transitioning' ? 'in-progress' : st === 'error' || st === 'failed' ? 'failed' : st === 'success' || st === 'warning' ? (isSuccessCode(fact.code) ? 'success' : 'failed') : 'unknown';
    const snap: SnapshotStatusFact = {
      kind: 'snapshot-status',
      at: fact.at,
      timeMs,
      handlerVersion: fact.version,
      ...(fact.seqNo !== undefined ? { seqNo: fact.seqNo } : {}),
      ...(fact.operation ? { operation: fact.operation } : {}),
      fileStatus: fact.status,
      code: fact.code,
      effectiveStatus: effective,
      message: fact.message,
      ...(ts ? { timestampUTC: ts } : {}),
    };
    sink.fact(snap);
  }
};

/** RuntimeSettings\<N>.settings → `extension-settings` (protectedSettings dropped here). */
export const parseWindowsPluginSettings: Parser = async ({ file, content }, sink) => {
  const text = await readSmallText(content, sink);
  if (text === null) return;
  const h = pluginOf(file.vmPath);
  const parsed = text.trim() ? parseJson(text, sink) : {};
  if (parsed === undefined || !h) return;
  const s = safeSettings(parsed) ?? { hasProtectedSettings: false, publicSettingKeys: [] };
  const seqNo = Number(/(?<!\d)(\d+)\.settings$/i.exec(file.vmPath)?.[1] ?? NaN);
  const line = lineOf(text, '"publicSettings"') || 1;
  sink.fact(settingsFact(evidence(file.vmPath, line, lineText(text, line)), h.handler, h.version, seqNo, s));
};
