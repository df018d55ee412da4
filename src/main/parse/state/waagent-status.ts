import type { AgentErrorRecordFact, AgentStatusFact } from '../../../shared';
import type { Parser } from '../types';
import { evidenceText } from '../../../shared/clip';
import { parsePlatformIso } from '../../../shared/time';
import { arr, evidence, lineOf, lineText, num, obj, parseJson, readSmallText, str } from './common';
import { historyFolderOf } from './history';
import { msg } from '../../../shared/i18n/analysis';

type Handler = AgentStatusFact['handlers'][number];

const msgOf = (v: unknown): string | undefined => {
  const m = str(obj(v)?.message) ?? str(v);
  return m === undefined ? undefined : evidenceText(m, 300);
};

/**
 * `waagent_status*.json` in its three shapes (docs/formats.md "waagent_status.json"):
 * - ≤2.4 info file `{agent_name, current_version, extensions_status: [...], last_successful_status_upload_time}`;
 * - 2.5–2.7 `waagent_status.<N>.json` = status blob + `_metadataNotSentToCRP`;
 * - 2.8+ the uploaded status blob in `history/<ts>__<N>/waagent_status.json`.
 */
export const parseWaagentStatus: Parser = async ({ file, content }, sink) => {
  const text = await readSmallText(content, sink);
  if (text === null) return;
  const root = obj(parseJson(text, sink));
  if (!root) return;
  const hist = historyFolderOf(file.vmPath);
  let fact: Omit<AgentStatusFact, 'kind' | 'at' | 'timeMs'>;
  let timeStr: string | undefined;
  let needle: string;
  if (root.aggregateStatus) {
    const agg = obj(root.aggregateStatus) ?? {};
    const ga = obj(agg.guestAgentStatus) ?? {};
    const os = obj(root.guestOSInfo) ?? {};
    const handlers: Handler[] = [];
    for (const h of arr(agg.handlerAggregateStatus)) {
      const o = obj(h);
      const name = str(o?.handlerName);
      if (!o || !name) continue;
      const rss = obj(o.runtimeSettingsStatus);
      const seq = num(rss?.sequenceNumber);
      handlers.push({
        name,
        ...(str(o.handlerVersion) ? { version: str(o.handlerVersion) } : {}),
        ...(str(o.status) ? { status: str(o.status) } : {}),
        ...(num(o.code) !== undefined ? { code: num(o.code) } : {}),
        ...(msgOf(o.formattedMessage) ? { message: msgOf(o.formattedMessage) } : {}),
        ...(seq !== undefined ? { sequenceNumber: seq } : {}),
      });
    }
    const meta = obj(root._metadataNotSentToCRP);
    fact = {
      ...(str(ga.version) ? { agentVersion: str(ga.version) } : str(meta?.agentName) ? { agentVersion: str(meta?.agentName)?.replace(/^WALinuxAgent-/, '') } : {}),
      ...(str(ga.status) ? { status: str(ga.status) } : {}),
      ...(msgOf(ga.formattedMessage) ? { message: msgOf(ga.formattedMessage) } : {}),
      handlers,
      ...(str(os.osName) ? { osName: str(os.osName) } : {}),
      ...(str(os.osVersion) ? { osVersion: str(os.osVersion) } : {}),
      ...(str(os.computerName) ? { computerName: str(os.computerName) } : {}),
    };
    timeStr = str(root.timestampUTC);
    needle = '"guestAgentStatus"';
  } else if ('extensions_status' in root || 'agent_name' in root || 'current_version' in root) {
    const handlers: Handler[] = [];
    for (const h of arr(root.extensions_status)) {
      const o = obj(h);
      const name = str(o?.name);
      if (!o || !name) continue;
      handlers.push({
        name,
        ...(str(o.version) ? { version: str(o.version) } : {}),
        ...(str(o.status) ? { status: str(o.status) } : {}),
        ...(num(o.code) !== undefined ? { code: num(o.code) } : {}),
        ...(msgOf(o.message) ? { message: msgOf(o.message) } : {}),
      });
    }
    const upload = str(root.last_successful_status_upload_time);
    fact = {
      ...(str(root.current_version) ? { agentVersion: str(root.current_version) } : {}),
      handlers,
      // written even when the upload failed, so it is kept as a claim, not a proof
      ...(upload ? { lastSuccessfulUpload: upload } : {}),
    };
    timeStr = upload;
    needle = '"current_version"';
  } else {
    sink.warn(msg('parse.waagent-status-shape'));
    return;
  }
  let timeMs = hist?.timeMs ?? NaN;
  let zone = hist?.zone ?? 'none';
  if (timeStr) {
    const t = parsePlatformIso(timeStr);
    if (Number.isFinite(t)) {
      timeMs = t;
      zone = 'utc';
    }
  }
  const line = lineOf(text, needle) || 1;
  sink.fact({ kind: 'agent-status', at: evidence(file.vmPath, line, lineText(text, line), timeMs, zone), timeMs, ...fact });
};

/**
 * `WALinuxAgent-<ver>/error.json` (`{"last_failure": <epoch s>, "failure_count": N, "was_fatal": bool, "reason": "..."}`):
 * why the agent blacklisted one of its own versions.
 */
export const parseAgentError: Parser = async ({ file, content }, sink) => {
  const text = await readSmallText(content, sink);
  if (text === null) return;
  const root = obj(parseJson(text, sink));
  if (!root) return;
  const ver = /WALinuxAgent-([\d.]+)\//.exec(file.vmPath)?.[1];
  // epoch seconds (a float); 0 or absent means "never failed"
  const lastMs = typeof root.last_failure === 'number' && root.last_failure > 0 ? Math.round(root.last_failure * 1000) : NaN;
  const reason = str(root.reason);
  const reasonLine = lineOf(text, '"reason"') || 1;
  const fact: AgentErrorRecordFact = {
    kind: 'agent-error-record',
    at: evidence(file.vmPath, reasonLine, lineText(text, reasonLine), lastMs, 'utc'),
    timeMs: lastMs,
    ...(ver ? { agentVersion: ver } : {}),
    failureCount: num(root.failure_count) ?? 0,
    wasFatal: root.was_fatal === true || root.was_fatal === 'true',
    ...(reason ? { reason: evidenceText(reason, 300) } : {}),
    ...(Number.isFinite(lastMs) ? { lastFailure: new Date(lastMs).toISOString() } : {}),
  };
  sink.fact(fact);
};
