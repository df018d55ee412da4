import type { ExtensionSequenceFact, HandlerStateFact, HandlerStatusFact } from '../../../shared';
import type { ParseSink, Parser, ParserInput } from '../types';
import { evidenceText } from '../../../shared/clip';
import { arr, evidence, handlerFromPath, lineOf, lineText, num, obj, parseJson, readSmallText, str, stripNul } from './common';
import { safeSettings, settingsFact } from './runtime-settings';
import { factDetail, msg } from '../../../shared/i18n/analysis';

/** Per-extension state files under `/var/lib/waagent/<Handler>-<Version>/` (docs/formats.md "Extension settings and handler files"). */

function owner(input: ParserInput, sink: Pick<ParseSink, 'warn'>) {
  const h = handlerFromPath(input.file.vmPath);
  if (!h) sink.warn(msg('parse.handler-unknown'));
  return h;
}

const ADE = /^Microsoft\.Azure\.Security\.AzureDiskEncryption(?:ForLinux|ForWindows)?$/i;

const HANDLER_STATES = new Set(['notinstalled', 'installed', 'enabled', 'disabled', 'failedupgrade', 'failed', 'uninstall']);

/** `config/HandlerState`: one word (`Enabled`, `FailedUpgrade`, …); multi-config `<ext>.HandlerState` says enabled/disabled. */
export const parseHandlerState: Parser = async (input, sink) => {
  const text = await readSmallText(input.content, sink, 64 * 1024);
  if (text === null) return;
  const h = owner(input, sink);
  if (!h) return;
  const state = stripNul(text).trim().split(/\s+/)[0] ?? '';
  if (!state) {
    sink.warn(msg('parse.empty', { file: 'handler-state' }));
    return;
  }
  if (!HANDLER_STATES.has(state.toLowerCase())) sink.warn(msg('parse.handler-state-unknown', { state: evidenceText(state, 40) }), 1);
  const fact: HandlerStateFact = { kind: 'handler-state', at: evidence(input.file.vmPath, 1, state), timeMs: NaN, handler: h.handler, version: h.version, state: evidenceText(state, 40) };
  sink.fact(fact);
  // Azure Disk Encryption installed: the disks' keys live in a Key Vault (keyvault-permissions, disk sizes)
  if (ADE.test(h.handler)) sink.fact({ kind: 'marker', at: fact.at, timeMs: NaN, marker: 'ade-extension', ...factDetail(msg('detail.ade-installed', { handler: h.handler, version: h.version, state })) });
};

/**
 * `config/HandlerStatus`: HEAD `{"name","version","status","code","message","supports_multi_config","extension_status"}`,
 * ≤2.2.x `{"name","version","status","code","message","extensions":[...]}`. Same fields either way.
 */
export const parseHandlerStatus: Parser = async (input, sink) => {
  const text = await readSmallText(input.content, sink, 1024 * 1024);
  if (text === null) return;
  const root = obj(parseJson(text, sink));
  if (!root) return;
  const h = handlerFromPath(input.file.vmPath);
  const handler = str(root.name) ?? h?.handler;
  if (!handler) {
    sink.warn(msg('parse.handler-status-without-name'));
    return;
  }
  const status = str(root.status) ?? '';
  const line = lineOf(text, '"status"') || 1;
  const fact: HandlerStatusFact = {
    kind: 'handler-status',
    at: evidence(input.file.vmPath, line, lineOf(text, '\n') ? lineText(text, line) : text),
    timeMs: NaN,
    handler,
    version: str(root.version) ?? h?.version ?? '',
    status,
    code: num(root.code) ?? 0,
    message: evidenceText(str(root.message) ?? '', 300),
  };
  sink.fact(fact);
};

/** `config/<seqNo>.settings` → `extension-settings`; protectedSettings are dropped here, at parse time. */
export const parseExtensionSettings: Parser = async (input, sink) => {
  const text = await readSmallText(input.content, sink);
  if (text === null) return;
  const h = owner(input, sink);
  if (!h) return;
  const seqNo = Number(/(?<!\d)(\d+)\.settings$/.exec(input.file.vmPath)?.[1] ?? NaN);
  // an empty 0.settings is what the agent writes for a handler without settings
  const parsed = text.trim() ? parseJson(text, sink) : {};
  if (parsed === undefined) return;
  const s = safeSettings(parsed) ?? { hasProtectedSettings: false, publicSettingKeys: [] };
  const line = lineOf(text, '"publicSettings"') || lineOf(text, '"handlerSettings"') || (text.trim() ? 1 : 0);
  sink.fact(settingsFact(evidence(input.file.vmPath, line, line ? lineText(text, line) : `${h.handler} settings (empty)`), h.handler, h.version, seqNo, s));
};

/** `mrseq`: the sequence number the extension processed last. */
export const parseMrseq: Parser = async (input, sink) => {
  const text = await readSmallText(input.content, sink, 64 * 1024);
  if (text === null) return;
  const h = owner(input, sink);
  if (!h) return;
  const t = stripNul(text).trim();
  if (!/^\d+$/.test(t)) {
    sink.warn(msg('parse.not-a-number', { name: 'mrseq', text: evidenceText(t, 40) }), 1);
    return;
  }
  const fact: ExtensionSequenceFact = { kind: 'extension-mrseq', at: evidence(input.file.vmPath, 1, t), timeMs: NaN, handler: h.handler, version: h.version, seqNo: Number(t) };
  sink.fact(fact);
};

/** `HandlerEnvironment.json`: checked for shape only (it holds folder paths, nothing diagnostic). */
export const parseHandlerEnvironment: Parser = async (input, sink) => {
  const text = await readSmallText(input.content, sink, 1024 * 1024);
  if (text === null) return;
  const root = parseJson(text, sink);
  if (root === undefined) return;
  const env = obj(obj(arr(root)[0])?.handlerEnvironment);
  if (!env) sink.warn(msg('parse.handler-environment-shape'));
};

/**
 * `heartbeat.log` (`[{"version":1.0,"heartbeat":{"status":"ready","code":0,"formattedMessage":{...}}}]`):
 * a heartbeat that is not `ready` is reported like a handler status so the extension history shows it.
 */
export const parseHeartbeat: Parser = async (input, sink) => {
  const text = await readSmallText(input.content, sink, 1024 * 1024);
  if (text === null) return;
  const h = owner(input, sink);
  if (!h) return;
  const root = parseJson(text, sink);
  if (root === undefined) return;
  const hb = obj(obj(arr(root)[0])?.heartbeat);
  if (!hb) {
    sink.warn(msg('parse.heartbeat-shape'));
    return;
  }
  const status = str(hb.status) ?? '';
  const fact: HandlerStatusFact = {
    kind: 'handler-status',
    at: evidence(input.file.vmPath, lineOf(text, '"heartbeat"') || 1, lineText(text, lineOf(text, '"heartbeat"') || 1)),
    timeMs: NaN,
    handler: h.handler,
    version: h.version,
    status: `heartbeat:${status}`,
    code: num(hb.code) ?? 0,
    message: evidenceText(str(obj(hb.formattedMessage)?.message) ?? '', 300),
  };
  sink.fact(fact);
};
