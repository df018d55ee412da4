import { knownBadExtensionsFor, type Evidence } from '../../../shared';
import { detailOf, msg, type AnalysisMessage } from '../../../shared/i18n/analysis';
import { notEvaluable, type Rule, type RuleContext, type RuleOutcome } from '../types';

/**
 * extension-failed-state: an extension (the Backup extension or any other) failed to
 * download/install/enable/update/uninstall and left the VM in a failed provisioning state
 * (UserErrorVmProvisioningStateFailed, ExtensionStuckInDeletionState).
 *
 * Detected (high) from the handler's own state on disk (HandlerState `FailedUpgrade`/`Failed`),
 * a `NotReady` HandlerStatus with an error code, or an operation that failed in waagent.log /
 * WaAppAgent.log and was not followed by a success of the same operation; (medium) when the only
 * signs are `Event: op=Install|Enable…` failure records or a status file `error` from an extension
 * other than the Backup one (the Backup extension's own `error` is a snapshot failure, judged by the
 * snapshot rules). Ruled out when handler states/statuses exist and none is failing.
 */

const OPS = new Set(['download', 'install', 'enable', 'update', 'uninstall', 'disable', 'processing']);
const EVENT_OPS = /^(?:Download|Install|Enable|Update|Upgrade|UnInstall|Uninstall|Disable)$/i;
const VMSNAPSHOT = /^Microsoft\.Azure\.RecoveryServices\.VMSnapshot(Linux)?$/i;

interface Hit {
  handler: string;
  what: AnalysisMessage;
  at: Evidence;
  strong: boolean;
}

function failures(ctx: RuleContext): Hit[] {
  const { facts } = ctx;
  const hits: Hit[] = [];
  for (const f of facts.of('handler-state')) {
    if (/^(FailedUpgrade|Failed)$/i.test(f.state)) hits.push({ handler: f.handler, what: msg('extension-failed-state.part.handler-state', { state: f.state, version: f.version }), at: f.at, strong: true });
  }
  for (const f of facts.of('handler-status')) {
    if (/^NotReady$/i.test(f.status) && f.code !== 0) hits.push({ handler: f.handler, what: msg('extension-failed-state.part.handler-status', { code: f.code, ...(f.message ? { message: f.message } : {}) }), at: f.at, strong: true });
  }
  // an operation failure counts unless the same handler later did the same operation successfully
  // (linear: the last success per handler+operation, by position and by time, computed once)
  const ops = facts.of('extension-operation').filter((f) => OPS.has(f.op));
  const key = (handler: string, op: string) => `${handler.toLowerCase()}\u0000${op.toLowerCase()}`;
  const lastSuccessIndex = new Map<string, number>();
  const lastSuccessTime = new Map<string, number>();
  ops.forEach((g, i) => {
    if (g.outcome !== 'succeeded') return;
    const k = key(g.handler, g.op);
    lastSuccessIndex.set(k, i);
    if (Number.isFinite(g.timeMs)) lastSuccessTime.set(k, Math.max(lastSuccessTime.get(k) ?? -Infinity, g.timeMs));
  });
  ops.forEach((f, i) => {
    if (f.outcome !== 'failed' && f.outcome !== 'timed-out') return;
    const recovered = (lastSuccessIndex.get(key(f.handler, f.op)) ?? -1) > i;
    const what = msg('extension-failed-state.part.operation', { op: f.op, outcome: f.outcome, ...(f.exitCode !== undefined ? { exitCode: f.exitCode } : {}), ...(f.detail ? { detail: detailOf(f) } : {}) });
    if (!recovered) hits.push({ handler: f.handler, what, at: f.at, strong: true });
  });
  for (const f of facts.of('agent-event')) {
    if (!EVENT_OPS.test(f.op) || /^WALinuxAgent/i.test(f.name)) continue;
    const recovered = (lastSuccessTime.get(key(f.name, f.op)) ?? -Infinity) > f.timeMs;
    if (!recovered) hits.push({ handler: f.name, what: msg('extension-failed-state.part.event', { op: f.op, message: f.message.slice(0, 200) }), at: f.at, strong: false });
  }
  for (const f of facts.of('extension-status')) {
    if (VMSNAPSHOT.test(f.handler) || f.status.toLowerCase() !== 'error') continue;
    hits.push({ handler: f.handler, what: msg('extension-failed-state.part.status-error', { ...(f.operation ? { operation: f.operation } : {}), code: f.code, ...(f.message ? { message: f.message } : {}) }), at: f.at, strong: false });
  }
  // the agent could not write the handler's status (its folder gone, a broken status file): the handler cannot report
  for (const f of facts.of('extension-status-problem')) hits.push({ handler: f.handler, what: msg('raw', { text: f.detail }), at: f.at, strong: false });
  for (const f of facts.of('windows-agent')) {
    if (f.event === 'plugin-failed' && f.plugin) hits.push({ handler: f.plugin, what: msg('raw', { text: f.detail }), at: f.at, strong: true });
  }
  const status = facts.last('agent-status');
  for (const h of status?.handlers ?? []) {
    if (/^NotReady$/i.test(h.status ?? '') && h.code !== undefined && h.code !== 0) hits.push({ handler: h.name, what: msg('extension-failed-state.part.reported-not-ready', { code: h.code, ...(h.message ? { message: h.message } : {}) }), at: status!.at, strong: true });
  }
  // one Event line yields both an agent-event and an extension-operation: keep each line once
  const seen = new Set<string>();
  return hits.filter((h) => {
    const k = `${h.at.file}:${h.at.line}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * The handlers the VM has now: the newest goal state's plugins, the handler folders' states and the
 * agent's aggregate status. A failure of a handler that has since been removed blocks nothing.
 */
function currentHandlers(ctx: RuleContext): Set<string> | null {
  const names = new Set<string>();
  const config = ctx.facts.last('extensions-config');
  for (const p of config?.plugins ?? []) names.add(p.name.toLowerCase());
  for (const f of ctx.facts.of('handler-state')) names.add(f.handler.toLowerCase());
  for (const h of ctx.facts.last('agent-status')?.handlers ?? []) names.add(h.name.toLowerCase());
  return names.size ? names : null;
}

/** A handler release with a published problem on this system (known-bad extension releases), from the versions the agent ran. */
function knownBadRelease(ctx: RuleContext): RuleOutcome | undefined {
  const r = ctx.facts.last('os-release');
  const os = r?.id ? `${r.id.toLowerCase()}${r.versionId ? ` ${r.versionId}` : ''}` : undefined;
  for (const f of [...ctx.facts.of('extension-operation')].reverse()) {
    if (!f.version) continue;
    const rows = knownBadExtensionsFor(f.handler, f.version, os);
    if (!rows.length) continue;
    // a backup that succeeded after it shows the release works on this VM
    if (ctx.snapshots.some((t) => t.result === 'success' && !(Date.parse(t.start ?? '') < f.timeMs))) continue;
    const failed = ctx.facts.of('extension-operation').some((g) => g.handler === f.handler && (g.outcome === 'failed' || g.outcome === 'timed-out'));
    return {
      verdict: 'detected',
      confidence: failed ? 'high' : 'medium',
      reason: msg('extension-failed-state.known-bad', { handler: f.handler, version: f.version, ...(os ? { os } : {}), problem: rows[0].problem, remedy: rows[0].remedy, source: rows[0].source }),
      evidence: [f.at, ...(r ? [r.at] : [])],
      strength: failed ? 'strong' : 'weak',
      spansTask: true,
    };
  }
  return undefined;
}

function evaluate(ctx: RuleContext): RuleOutcome {
  const all = failures(ctx);
  const current = currentHandlers(ctx);
  const hits = current ? all.filter((h) => current.has(h.handler.toLowerCase())) : all;
  // (a set: a broken agent's log has hundreds of thousands of failures, `includes` per failure was quadratic)
  const hitSet = new Set(hits);
  const gone = [...new Set(all.filter((h) => !hitSet.has(h)).map((h) => h.handler))];
  if (!hits.length) {
    const known = knownBadRelease(ctx);
    if (known) return known;
  }
  if (hits.length) {
    const strong = hits.some((h) => h.strong);
    const handlers = [...new Set(hits.map((h) => h.handler))];
    const backup = handlers.some((h) => VMSNAPSHOT.test(h));
    const first = hits.find((h) => h.strong) ?? hits[0];
    return {
      verdict: 'detected',
      confidence: strong ? 'high' : 'medium',
      reason: msg('extension-failed-state.detected', { backup, handlers, handler: first.handler, what: first.what, gone }),
      evidence: hits.map((h) => h.at),
      strength: strong ? 'strong' : 'weak',
    };
  }
  const seen = ctx.facts.of('handler-state').length + ctx.facts.of('handler-status').length + ctx.facts.of('extension-operation').length + (ctx.facts.last('agent-status')?.handlers.length ?? 0);
  if (seen > 0) {
    const states = ctx.facts.of('handler-state');
    return {
      verdict: 'ruled-out',
      confidence: states.length ? 'high' : 'medium',
      reason: msg('extension-failed-state.ruled-out', { states: states.map((s) => ({ handler: s.handler, state: s.state })), gone }),
      evidence: states.map((s) => s.at).slice(0, 10),
    };
  }
  return notEvaluable(msg('extension-failed-state.nothing'));
}

export const rule: Rule = { cause: 'extension-failed-state', evaluate };
