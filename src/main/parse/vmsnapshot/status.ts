import type { Evidence, ExtensionStatusFact, SnapshotStatusFact } from '../../../shared';
import { TooLargeError } from '../../ingest/content';
import { ticksToMs } from '../../../shared/time';
import type { Parser } from '../types';
import { isSuccessCode } from '../../../shared/vmsnapshot-codes';
import { evidenceText, scrub } from './scrub';
import { msg } from '../../../shared/i18n/analysis';
import { UNNAMED_HANDLER, UNNAMED_HANDLER_DIR } from '../../../shared/model/handler';
import { lineOf } from '../state/common';

/**
 * `/var/lib/waagent/<Handler>-<Version>/status/<N>.status` of every extension (docs/formats.md "Extension status files") →
 * `extension-status`; for the Backup extension also `snapshot-status`. The trap:
 * on ARM VMs the file says `"status": "success"` for every terminal outcome, so the outcome comes
 * from `code` and from the blob-status JSON carried as a string in `substatus[0].name`.
 */
const STATUS_MAX = 4 * 1024 * 1024;
const TRUNCATED = '[TRUNCATED]';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);
const num = (v: unknown): number | undefined => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
};

/**
 * Handler and version from `var/lib/waagent/<Handler>-<Version>/status/[<ext>.]<N>.status`. A loose status file
 * placed by its content (ingest/loose.ts) sits in `<Handler>/status/` without a version, and one renamed by the
 * engineer has lost its sequence number (`unknown.status`): both stay unknown, never made up.
 */
export function handlerOfPath(vmPath: string): { handler: string; version: string; seqNo?: number } | null {
  const m = /(?<![^/])([^/]+)-(\d+(?:\.\d+)*)\/status\/(?:[^/]*\.)?(\d+|unknown)\.status$/.exec(vmPath) ?? /(?<![^/])([^/]+)()\/status\/(?:[^/]*\.)?(\d+|unknown)\.status$/.exec(vmPath);
  if (!m) return null;
  // (ingest's placeholder folder names no handler: the file's own `name`, or unnamed)
  return { handler: m[1] === UNNAMED_HANDLER_DIR ? '' : m[1], version: m[2], ...(m[3] !== 'unknown' ? { seqNo: Number(m[3]) } : {}) };
}

/** The line that says what the status is: its formattedMessage's message, else its status value, else the first. */
function statusLine(text: string): number {
  const fm = text.indexOf('"formattedMessage"');
  return (fm >= 0 ? lineOf(text, /"message"\s*:/, fm) : 0) || lineOf(text, /"status"\s*:\s*"/) || 1;
}

/** `/Date(1719800080123)/` or ISO → epoch ms. */
function timeOf(s: string | undefined): number {
  if (!s) return NaN;
  const d = /Date\((\d+)\)/.exec(s);
  if (d) return Number(d[1]);
  const t = Date.parse(s);
  return Number.isFinite(t) ? t : NaN;
}

/** `formattedMessage.message` is `json.dumps(ExtensionResponse)` since 2019-12, a plain string before. */
function messageParts(fm: unknown): { message: string; consistency?: string } {
  const m = str(obj(fm)?.message) ?? '';
  if (m.trimStart().startsWith('{')) {
    try {
      const r = JSON.parse(m) as Json;
      return { message: str(r.messageStr) ?? m, consistency: str(r.snapshotConsistency) };
    } catch {
      /* a plain message that happens to start with a brace */
    }
  }
  return { message: m };
}

export const parseStatusFile: Parser = async ({ file, content }, sink) => {
  const where = handlerOfPath(file.vmPath);
  let text: string;
  try {
    text = await content.text(STATUS_MAX);
  } catch (e) {
    sink.warn(e instanceof TooLargeError ? msg('parse.status-too-large', { size: e.size }) : msg('parse.status-unreadable', { error: (e as Error).message }));
    return;
  }
  if (text.includes('\u0000') || text.includes('\ufffd')) {
    sink.warn(msg('parse.status-binary'));
  }
  let doc: unknown;
  try {
    doc = JSON.parse(stripTrailingNul(text).trim());
  } catch (e) {
    sink.warn(msg('parse.status-invalid-json', { error: (e as Error).message.slice(0, 120) }), 1);
    salvage(text);
    return;
  }
  const top = Array.isArray(doc) ? obj(doc[0]) : obj(doc);
  if (!Array.isArray(doc)) sink.warn(msg('parse.status-not-array'), 1);
  const status = obj(top?.status);
  if (!top || !status) {
    sink.warn(msg('parse.status-without-status'), 1);
    return;
  }
  const ts = str(top.timestampUTC);
  const timeMs = timeOf(ts);
  const line = statusLine(text);
  const at: Evidence = { file: file.vmPath, line, time: Number.isFinite(timeMs) ? new Date(timeMs).toISOString() : null, zone: Number.isFinite(timeMs) ? 'utc' : 'none', text: evidenceText(text.split('\n', line)[line - 1].replace(/\r$/, '')) };
  const code = num(status.code) ?? 0;
  const fileStatus = str(status.status) ?? 'unknown';
  const { message, consistency } = messageParts(status.formattedMessage);
  const handler = where?.handler || str(status.name) || UNNAMED_HANDLER;
  const ext: ExtensionStatusFact = {
    kind: 'extension-status',
    at,
    timeMs,
    handler,
    version: where?.version ?? '',
    ...(where?.seqNo !== undefined ? { seqNo: where.seqNo } : {}),
    ...(str(status.operation) ? { operation: str(status.operation) } : {}),
    status: fileStatus,
    code,
    message: scrub(message).slice(0, 1000),
    ...(ts ? { timestampUTC: Number.isFinite(timeMs) ? new Date(timeMs).toISOString() : ts } : {}),
  };
  sink.fact(ext);
  if (!/VMSnapshot/i.test(handler)) return;

  // The blob status inside substatus[0].name holds the real status, health and per-disk results.
  const sub = Array.isArray(status.substatus) ? obj(status.substatus[0]) : undefined;
  let inner: Json | undefined;
  const name = str(sub?.name);
  if (name) {
    if (name.endsWith(TRUNCATED)) sink.warn(msg('parse.status-truncated'), 1);
    try {
      const parsed = JSON.parse(name) as unknown;
      inner = obj(Array.isArray(parsed) ? obj(parsed[0])?.status : obj(parsed)?.status);
    } catch {
      inner = undefined;
    }
  }
  const innerStatus = str(inner?.status);
  const innerCode = num(inner?.code);
  const health = obj(inner?.vmHealthInfo);
  const disks = Array.isArray(inner?.snapshotInfo)
    ? (inner!.snapshotInfo as unknown[]).slice(0, 64).map((d) => {
        const o = obj(d) ?? {};
        const uri = str(o.snapshotUri);
        const ok = o.isSuccessful === true || o.isSuccessful === 'true' ? true : o.isSuccessful === false || o.isSuccessful === 'false' ? false : undefined;
        return { ...(uri ? { snapshotUri: scrub(uri) } : {}), ...(ok !== undefined ? { isSuccessful: ok } : {}), ...(str(o.errorMessage) ? { errorMessage: scrub(str(o.errorMessage)!).slice(0, 300) } : {}) };
      })
    : undefined;
  const ticks = str(status.commandStartTimeUTCTicks) ?? str(inner?.commandStartTimeUTCTicks);
  const reqMs = ticks && /^\d{10,20}$/.test(ticks) ? ticksToMs(ticks) : NaN;
  const snap: SnapshotStatusFact = {
    kind: 'snapshot-status',
    at,
    timeMs,
    handlerVersion: where?.version,
    ...(where?.seqNo !== undefined ? { seqNo: where.seqNo } : {}),
    ...(str(status.taskId) ?? str(inner?.taskId) ? { taskId: str(status.taskId) ?? str(inner?.taskId) } : {}),
    ...(str(status.operation) ? { operation: str(status.operation) } : {}),
    fileStatus,
    code,
    effectiveStatus: effective(fileStatus, code, innerStatus, innerCode),
    message: scrub(message).slice(0, 1000),
    ...(ext.timestampUTC ? { timestampUTC: ext.timestampUTC } : {}),
    ...(Number.isFinite(reqMs) ? { requestedStart: new Date(reqMs).toISOString() } : {}),
    ...(num(health?.vmHealthStatusCode) !== undefined ? { vmHealthStatusCode: num(health?.vmHealthStatusCode) } : {}),
    ...(consistency !== undefined ? { snapshotConsistency: consistency } : {}),
    ...(disks ? { disks } : {}),
  };
  sink.fact(snap);

  /** A cut file still names its handler, code and task: keep what the regexes can see. */
  function salvage(t: string) {
    // Prefer the blob status inside substatus (escaped JSON): it holds the real outcome. Else the
    // file's own code, skipping substatus' constant `"code": "0", "name": …`.
    const esc = /(?<!\\)\\+"code\\+"\s*:\s*\\*"?(-?\d+)/.exec(t);
    const plain = [...t.matchAll(/"code"\s*:\s*"?(-?\d+)"?(?!\s*,\s*"name")/g)];
    const code = esc ?? plain[plain.length - 1];
    const inner = /(?<!\\)\\+"status\\+"\s*:\s*\\+"(\w+)/.exec(t)?.[1];
    const st = /"status"\s*:\s*"(\w+)"/.exec(t);
    const ts = /"timestampUTC"\s*:\s*"([^"]+)"/.exec(t);
    if (!code || !where) return;
    const timeMs = timeOf(ts?.[1]);
    const at: Evidence = { file: file.vmPath, line: 1, time: Number.isFinite(timeMs) ? new Date(timeMs).toISOString() : null, zone: Number.isFinite(timeMs) ? 'utc' : 'none', text: evidenceText(t.slice(0, 500)) };
    sink.fact({ kind: 'extension-status', at, timeMs, handler: where.handler || UNNAMED_HANDLER, version: where.version, seqNo: where.seqNo, status: st?.[1] ?? 'unknown', code: +code[1], message: '' });
    if (/VMSnapshot/i.test(where.handler)) {
      const task = /(?<!\\)\\*"taskId\\*"\s*:\s*\\*"([0-9A-Za-z-]{6,64})/.exec(t);
      sink.fact({ kind: 'snapshot-status', at, timeMs, handlerVersion: where.version, seqNo: where.seqNo, ...(task ? { taskId: task[1] } : {}), fileStatus: st?.[1] ?? 'unknown', code: +code[1], effectiveStatus: effective(st?.[1] ?? 'unknown', +code[1], inner, undefined), message: '' });
    }
  }
};

/** Files cut by a crash are often padded with NUL bytes up to the block size. */
function stripTrailingNul(s: string): string {
  let e = s.length;
  while (e > 0 && s.charCodeAt(e - 1) === 0) e--;
  return s.slice(0, e);
}

function effective(fileStatus: string, code: number, innerStatus: string | undefined, innerCode: number | undefined): SnapshotStatusFact['effectiveStatus'] {
  const c = innerCode ?? code;
  if (fileStatus === 'transitioning' || c === 4) return 'in-progress';
  if (innerStatus === 'error' || fileStatus === 'error') return 'failed';
  if (isSuccessCode(c)) return 'success';
  if (fileStatus === 'success' || fileStatus === 'warning' || innerStatus === 'success') return 'failed';
  return 'unknown';
}
