import { knownBadExtensionsFor, type Evidence, type RemedyKey, type RemedyOrder, type WindowsEventMeaning } from '../../../shared';
import { UNNAMED_HANDLER, VMSNAP_HANDLER as VMSNAPSHOT, VMSNAP_LINUX } from '../../../shared/model/handler';
import { detailOf, msg, type AnalysisMessage } from '../../../shared/i18n/analysis';
import { byTuple, PositionBits, type FactPlaces } from '../facts-index';
import { fileKindTest, guestOs, MAX_EVIDENCE, notEvaluable, staleState, type Rule, type RuleContext, type RuleOutcome } from '../types';

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
 * snapshot rules); an extension's failed status in the VM's instance view is the platform's provisioning state of it,
 * as strong as the provider's verdict. Another extension's failure that is only a failed run in a log (no state of it
 * that holds, no platform verdict, no failed VM provisioning state) is a possible cause only (RuleOutcome.possibleOnly):
 * low, and its reason says what would confirm it. Ruled out when handler states/statuses exist and none is failing.
 */

const OPS = new Set(['download', 'install', 'enable', 'update', 'uninstall', 'disable', 'processing']);
const EVENT_OPS = /^(?:Download|Install|Enable|Update|Upgrade|UnInstall|Uninstall|Disable)$/i;

/**
 * A failure: its handler, whether it is strong evidence, where it lies (the fact at `i` of a series: a row is read by
 * position and built only when cited), its message, and whether it is a state that holds (the handler's state or
 * status, the platform's verdict on the extension: what sets the VM's provisioning state) rather than one run's failure
 * in a log, asked only of another extension's failure. `what` and `state` are told the failure's place: one of each per
 * kind of failure, not per failure.
 */
type Emit = (handler: string, strong: boolean, s: FactPlaces, i: number, what: (i: number) => AnalysisMessage, state: (i: number) => boolean) => void;

const HOLDS = () => true;
const RUN_ONLY = () => false;

/**
 * Calls `emit` for each failure in order (handler states, statuses, operations, events, status errors and
 * problems, Windows plugins, the agent's aggregate status), each evidence line once. A broken agent's log
 * has hundreds of thousands of them: nothing is kept or built per failure here.
 */
function eachFailure(ctx: RuleContext, emit: Emit): void {
  const { facts } = ctx;
  // one Event line yields both an agent-event and an extension-operation: keep each line once (file and line
  // read without building a row's evidence). A bit per line of each file: a Set of a number per failure was
  // +26 MB for the ~500,000 failures of a broken agent's 500 MB log; the bits of its 3 M lines are 0.4 MB.
  const seenLines = new Map<string, PositionBits>();
  const seenOther = new Set<string>();
  const once: Emit = (handler, strong, s, i, what, state) => {
    const file = s.file(i);
    const line = s.line(i);
    if (line >>> 0 === line) {
      let bits = seenLines.get(file);
      if (!bits) seenLines.set(file, (bits = new PositionBits()));
      if (bits.has(line)) return;
      bits.add(line);
    } else {
      const k = `${line}\u0000${file}`;
      if (seenOther.has(k)) return;
      seenOther.add(k);
    }
    emit(handler, strong, s, i, what, state);
  };
  // (`select`: only the failed states and statuses are picked, a bit each)
  const states = facts.select('handler-state', (f) => /^(FailedUpgrade|Failed)$/i.test(f.state));
  const stateWhat = (i: number) => msg('extension-failed-state.part.handler-state', { state: states.field(i, 'state'), version: states.field(i, 'version') });
  for (let i = 0; i < states.length; i++) once(states.field(i, 'handler'), true, states, i, stateWhat, HOLDS);
  const statuses = facts.select('handler-status', (f) => /^NotReady$/i.test(f.status) && f.code !== 0);
  const statusWhat = (i: number) => {
    const f = statuses.get(i);
    return msg('extension-failed-state.part.handler-status', { code: f.code, ...(f.message ? { message: f.message } : {}) });
  };
  for (let i = 0; i < statuses.length; i++) once(statuses.field(i, 'handler'), true, statuses, i, statusWhat, HOLDS);
  // an operation failure counts unless the same handler later did the same operation successfully
  // (linear: the last success per handler+operation, by position and by time, computed once)
  const ops = facts.series('extension-operation');
  const platformView = fileKindTest(ctx, ['instance-view-json']);
  // (made once per handler and operation: a broken agent repeats a few pairs on 100,000s of failures, and a row's
  // strings are the store's own, hashed once)
  const keys = new Map<string, Map<string, string>>();
  const key = (handler: string, op: string) => {
    let byOp = keys.get(handler);
    if (!byOp) keys.set(handler, (byOp = new Map()));
    let k = byOp.get(op);
    if (k === undefined) byOp.set(op, (k = `${handler.toLowerCase()}\u0000${op.toLowerCase()}`));
    return k;
  };
  const lastSuccessIndex = new Map<string, number>();
  const lastSuccessTime = new Map<string, number>();
  // the lines of successes: an Event line at INFO (`op=Download, message=Download succeeded`) is a success, and its
  // agent-event below no failure (a bit per line, as `seenLines`)
  const successAt = new Map<string, PositionBits>();
  const isSuccessLine = (file: string, line: number) => line >>> 0 === line && successAt.get(file)?.has(line) === true;
  // (the operations' outcomes, ops and handlers read by position, once per tuple: only the failures cited are built)
  const opOf = byTuple(facts, 'extension-operation', (i) => {
    const op = ops.field(i, 'op');
    const handler = ops.field(i, 'handler');
    const known = OPS.has(op);
    return { outcome: ops.field(i, 'outcome'), known, handler, key: known ? key(handler, op) : '', verdict: ops.field(i, 'verdict') === true };
  });
  for (let i = 0; i < ops.length; i++) {
    const o = opOf(i);
    if (o.outcome !== 'succeeded' || !o.known) continue;
    const at = ops.line(i);
    if (at >>> 0 === at) {
      const file = ops.file(i);
      let bits = successAt.get(file);
      if (!bits) successAt.set(file, (bits = new PositionBits()));
      bits.add(at);
    }
    lastSuccessIndex.set(o.key, i);
    const t = ops.time(i);
    if (Number.isFinite(t)) lastSuccessTime.set(o.key, Math.max(lastSuccessTime.get(o.key) ?? -Infinity, t));
  }
  // (a detail no parser described is the log's or the status file's own text: quoted in Dutch)
  const opWhat = (i: number) => {
    const f = ops.get(i);
    return msg('extension-failed-state.part.operation', { op: f.op, outcome: f.outcome as 'failed' | 'timed-out', ...(f.exitCode !== undefined ? { exitCode: f.exitCode } : {}), ...(f.detail ? { detail: f.note ? detailOf(f) : msg('line', { text: f.detail }) } : {}) });
  };
  const opState = (i: number) => opOf(i).verdict || platformView(ops.file(i));
  for (let i = 0; i < ops.length; i++) {
    const o = opOf(i);
    if ((o.outcome !== 'failed' && o.outcome !== 'timed-out') || !o.known) continue;
    const recovered = (lastSuccessIndex.get(o.key) ?? -1) > i;
    if (!recovered) once(o.handler, true, ops, i, opWhat, opState);
  }
  const events = facts.series('agent-event');
  const eventWhat = (i: number) => msg('extension-failed-state.part.event', { op: events.field(i, 'op'), message: events.field(i, 'message').slice(0, 200) });
  // (an event's handler and key when its operation is one of an extension's, once per tuple; null when it is not)
  const eventOf = byTuple(facts, 'agent-event', (i) => {
    const op = events.field(i, 'op');
    const name = events.field(i, 'name');
    return EVENT_OPS.test(op) && !/^WALinuxAgent/i.test(name) ? { name, key: key(name, op) } : null;
  });
  for (let i = 0; i < events.length; i++) {
    const e = eventOf(i);
    if (e === null || isSuccessLine(events.file(i), events.line(i))) continue;
    const recovered = (lastSuccessTime.get(e.key) ?? -Infinity) > events.time(i);
    if (!recovered) once(e.name, false, events, i, eventWhat, RUN_ONLY);
  }
  // a status file's `error` is one run's report; the instance view's is the platform's provisioning state of the
  // extension (`ProvisioningState/failed`), the state this cause is, as the provider's verdict a deployment error
  // quotes says it: as strong
  const errors = facts.select('extension-status', (f) => !VMSNAPSHOT.test(f.handler) && f.status.toLowerCase() === 'error');
  const errorWhat = (i: number) => {
    const f = errors.get(i);
    return msg('extension-failed-state.part.status-error', { ...(f.operation ? { operation: f.operation } : {}), code: f.code, ...(f.message ? { message: f.message } : {}) });
  };
  for (let i = 0; i < errors.length; i++) once(errors.field(i, 'handler'), platformView(errors.file(i)), errors, i, errorWhat, HOLDS);
  // handle.sh's own line for each command of the Backup extension (`1 returned from handle.py`, `python version
  // unknown`): the command failed, unless a later one returned 0 (the agent fails the operation on that exit code)
  const shell = facts.of('vmsnapshot-shell');
  const shellAt = facts.series('vmsnapshot-shell');
  let lastOk = -1;
  shell.forEach((f, i) => {
    if (f.event === 'handle-rc' && f.rc === 0) lastOk = i;
  });
  const isFailed = (f: (typeof shell)[number], i: number) => i > lastOk && ((f.event === 'handle-rc' && f.rc !== 0) || f.event === 'python-missing');
  // it is the exit code the agent acts on: one is a hint, the same failure on every later command is the state
  const rcs = shell.filter((f, i) => isFailed(f, i) && f.event === 'handle-rc');
  const repeated = rcs.length >= 2;
  // said once, as what handle.py returned on which command how often (the line's `date -u` stamp is not pasted in)
  const returned = () => {
    const commands = new Set<string | undefined>();
    let command: string | undefined;
    let at = 0;
    shell.forEach((f) => {
      if (f.event === 'command') command = f.command;
      else if (f === rcs[at]) {
        commands.add(command);
        at++;
      }
    });
    const times = rcs.map((f) => f.timeMs).filter(Number.isFinite);
    const iso = (ms: number) => new Date(ms).toISOString();
    return msg('extension-failed-state.part.handle-rc', {
      rc: [...new Set(rcs.map((f) => f.rc))].join(' / '),
      count: rcs.length,
      ...(commands.size === 1 && [...commands][0] ? { command: [...commands][0] } : {}),
      sinceOk: lastOk >= 0,
      ...(times.length ? { from: iso(times.reduce((a, b) => Math.min(a, b))), to: iso(times.reduce((a, b) => Math.max(a, b))) } : {}),
    });
  };
  const shellWhat = (i: number) => (shell[i].event === 'handle-rc' ? returned() : msg('line', { text: shell[i].at.text }));
  for (let i = 0; i < shell.length; i++) if (isFailed(shell[i], i)) once(VMSNAP_LINUX, repeated, shellAt, i, shellWhat, RUN_ONLY);
  // the agent could not write the handler's status (its folder gone, a broken status file): the handler cannot report
  const problems = facts.series('extension-status-problem');
  const problemWhat = (i: number) => msg('raw', { text: problems.field(i, 'detail') });
  const problemHandler = byTuple(facts, 'extension-status-problem', (i) => problems.field(i, 'handler'));
  for (let i = 0; i < problems.length; i++) once(problemHandler(i), false, problems, i, problemWhat, RUN_ONLY);
  const windows = facts.series('windows-agent');
  const pluginWhat = (i: number) => msg('raw', { text: windows.field(i, 'detail') });
  for (let i = 0; i < windows.length; i++) {
    const plugin = windows.field(i, 'plugin');
    if (windows.field(i, 'event') === 'plugin-failed' && plugin) once(plugin, true, windows, i, pluginWhat, RUN_ONLY);
  }
  const agentStatus = facts.series('agent-status');
  const last = agentStatus.length - 1;
  for (const h of last >= 0 ? agentStatus.get(last).handlers : []) {
    if (/^NotReady$/i.test(h.status ?? '') && h.code !== undefined && h.code !== 0)
      once(h.name, true, agentStatus, last, () => msg('extension-failed-state.part.reported-not-ready', { code: h.code!, ...(h.message ? { message: h.message } : {}) }), HOLDS);
  }
}

/**
 * The handlers the VM has now: the newest goal state's plugins, the handler folders' states and the
 * agent's aggregate status. A failure of a handler that has since been removed blocks nothing.
 */
function currentHandlers(ctx: RuleContext): Set<string> | null {
  const names = new Set<string>();
  const config = ctx.facts.last('extensions-config');
  for (const p of config?.plugins ?? []) names.add(p.name.toLowerCase());
  const states = ctx.facts.series('handler-state');
  for (let i = 0; i < states.length; i++) names.add(states.get(i).handler.toLowerCase());
  for (const h of ctx.facts.last('agent-status')?.handlers ?? []) names.add(h.name.toLowerCase());
  return names.size ? names : null;
}

/**
 * A handler release with a published problem on this system (known-bad extension releases), from the versions the agent
 * ran, with its handler.
 */
function knownBadRelease(ctx: RuleContext): { handler: string; outcome: RuleOutcome } | undefined {
  const r = ctx.facts.last('os-release');
  const os = r?.id ? `${r.id.toLowerCase()}${r.versionId ? ` ${r.versionId}` : ''}` : undefined;
  const ops = ctx.facts.series('extension-operation');
  // (read by position: the operation is built once a release of it is known bad)
  for (let i = ops.length - 1; i >= 0; i--) {
    const version = ops.field(i, 'version');
    if (!version) continue;
    const rows = knownBadExtensionsFor(ops.field(i, 'handler'), version, os);
    if (!rows.length) continue;
    const f = ops.get(i);
    // a backup that succeeded after it shows the release works on this VM
    if (ctx.snapshots.some((t) => t.result === 'success' && !(Date.parse(t.start ?? '') < f.timeMs))) continue;
    let failed = false;
    for (let j = 0; j < ops.length && !failed; j++) {
      const outcome = ops.field(j, 'outcome');
      failed = ops.field(j, 'handler') === f.handler && (outcome === 'failed' || outcome === 'timed-out');
    }
    return {
      handler: f.handler,
      outcome: {
        verdict: 'detected',
        confidence: failed ? 'high' : 'medium',
        reason: msg('extension-failed-state.known-bad', { handler: f.handler, version, ...(os ? { os } : {}), problem: rows[0].problem, remedy: rows[0].remedy, source: rows[0].source }),
        evidence: [f.at, ...(r ? [r.at] : [])],
        strength: failed ? 'strong' : 'weak',
        spansTask: true,
      },
    };
  }
  return undefined;
}

/** Per handler (lower case), the time of its newest successful operation, whichever. */
function lastSuccessOf(ctx: RuleContext): Map<string, number> {
  const out = new Map<string, number>();
  const ops = ctx.facts.series('extension-operation');
  for (let i = 0; i < ops.length; i++) {
    const t = ops.time(i);
    if (ops.field(i, 'outcome') !== 'succeeded' || !Number.isFinite(t)) continue;
    const k = ops.field(i, 'handler').toLowerCase();
    if (!(out.get(k)! >= t)) out.set(k, t);
  }
  return out;
}

/** The Windows Backup extension's failures whose parser named them (its fact's note): the step that fixes each. */
const NOTE_STEPS: Readonly<Record<string, readonly RemedyKey[]>> = {
  'detail.vss-provider-failed': ['vss-provider'],
  'detail.vcredist-failed': ['vcredist'],
  'detail.applocker-blocked': ['app-control'],
};
/**
 * The Windows events that fail the Backup extension: the step that fixes each. COM+ 4689 with the extension's failed
 * install is the desktop heap running out (Azure's self-help for ExtensionInstallationFailedCOM), then the COM+ services.
 */
const EVENT_STEPS: Partial<Record<WindowsEventMeaning, readonly RemedyKey[]>> = {
  'extension-crash': ['antivirus'],
  'extension-blocked': ['app-control'],
  'complus-failure': ['desktop-heap', 'com-plus'],
};

/**
 * The Backup extension's failure the logs name, as the steps that fix it (RemedyOrder.first), the newest sign first
 * (an untimed one after the timed): an IaaSBcdrExtension.exe crash is the antivirus exclusion, not reinstalling the
 * extension (Microsoft's "Application Error 1000" guidance); a Linux extension that finds no Python needs one.
 */
function stepsOfSigns(ctx: RuleContext): RemedyOrder | undefined {
  const signs: { t: number; keys: readonly RemedyKey[] }[] = [];
  for (const e of ctx.facts.of('windows-event')) {
    const keys = e.meaning && EVENT_STEPS[e.meaning];
    if (keys) signs.push({ t: e.timeMs, keys });
  }
  // (the Windows extension's operations only: a broken Linux agent's log has 100,000s of them, none of these notes)
  if (guestOs(ctx) === 'windows') {
    for (const f of ctx.facts.where('extension-operation', (o) => o.outcome === 'failed' && VMSNAPSHOT.test(o.handler) && !!o.note && o.note.key in NOTE_STEPS)) signs.push({ t: f.timeMs, keys: NOTE_STEPS[f.note!.key] });
  }
  for (const f of ctx.facts.where('vmsnapshot-shell', (x) => x.event === 'python-missing')) signs.push({ t: f.timeMs, keys: ['extension-python'] });
  if (!signs.length) return undefined;
  const at = (t: number) => (Number.isFinite(t) ? t : -Number.MAX_VALUE);
  signs.sort((a, b) => at(b.t) - at(a.t));
  return { first: [...new Set(signs.flatMap((s) => s.keys))] };
}

function evaluate(ctx: RuleContext): RuleOutcome {
  const { facts } = ctx;
  const current = currentHandlers(ctx);
  // the failures of the handlers the VM still has: counted, their handlers and times kept, the first
  // MAX_EVIDENCE cited (a broken agent's log has hundreds of thousands, each an Evidence if kept)
  const handlers = new Set<string>();
  const gone = new Set<string>();
  const evidence: Evidence[] = [];
  const times: number[] = [];
  let strong = false;
  // another extension's failure that holds as a state (asked until one does)
  let holds = false;
  // per handler whose failure is a state (its status, its handler state, the platform's verdict), the newest such
  // failure's time (NaN: untimed), for whether a later success of the handler followed
  const failedState = new Map<string, number>();
  let first: { handler: string; what: (i: number) => AnalysisMessage; i: number } | undefined;
  // (per handler, whether the VM still has it: a broken agent names a few handlers on 100,000s of failures)
  const kept = new Map<string, boolean>();
  eachFailure(ctx, (handler, isStrong, s, i, what, state) => {
    const unnamed = handler === UNNAMED_HANDLER;
    if (current && !unnamed) {
      let has = kept.get(handler);
      if (has === undefined) kept.set(handler, (has = current.has(handler.toLowerCase())));
      if (!has) {
        gone.add(handler);
        return;
      }
    }
    handlers.add(handler);
    if (evidence.length < MAX_EVIDENCE) evidence.push(s.get(i).at);
    const t = facts.evidenceTimeAt(s, i);
    times.push(t);
    if (!first || (isStrong && !strong) || (first.handler === UNNAMED_HANDLER && !unnamed && (isStrong || !strong))) first = { handler, what, i };
    strong ||= isStrong;
    // (a state file days older than the logs is the state's history: a failed run as of its time, types.ts staleState)
    const isState = state(i) && !staleState(ctx, t);
    holds ||= isState && !VMSNAPSHOT.test(handler);
    if (isState) {
      const k = handler.toLowerCase();
      const was = failedState.get(k);
      failedState.set(k, was === undefined || t > was || !Number.isFinite(t) ? t : was);
    }
  });
  // the Backup extension's own release with a published problem is what fails the backup, whatever another extension
  // did: another's failure (a monitoring agent's install) must not hide it (with a failure of the Backup extension's
  // own, that failure says more than its release)
  const known = knownBadRelease(ctx);
  if (known && (!times.length || (VMSNAPSHOT.test(known.handler) && ![...handlers].some((h) => VMSNAPSHOT.test(h))))) return known.outcome;
  if (first) {
    // a loose file that names no handler is not one more extension beside those named
    const named = [...handlers].filter((h) => h !== UNNAMED_HANDLER);
    const list = named.length ? named : [...handlers];
    const backup = list.some((h) => VMSNAPSHOT.test(h));
    // another extension's failed run is a possible cause only: that it left the VM in a failed provisioning state (what
    // fails the backup, UserErrorVmProvisioningStateFailed) takes its state that holds, or the VM's own failed state
    const possibleOnly = !backup && !holds && !facts.where('vm-platform-state', (v) => v.aspect === 'provisioning' && v.state === 'failed').length;
    const reason = msg('extension-failed-state.detected', { backup, handlers: list, handler: first.handler, what: first.what(first.i), gone: [...gone] });
    // a handler whose status or state says failed, and no success of it followed, is still failed: a state that holds,
    // however old its line (one a later success of the same handler followed ages as any event, as a failed run does)
    const lastSuccess = failedState.size ? lastSuccessOf(ctx) : undefined;
    const stillFailed = [...failedState].some(([h, t]) => !(lastSuccess!.get(h)! > t));
    // (signs of the Backup extension's failure say nothing of another extension's)
    const steps = backup ? stepsOfSigns(ctx) : undefined;
    return {
      verdict: 'detected',
      confidence: strong ? 'high' : 'medium',
      reason: possibleOnly ? msg('sentences', { parts: [reason, msg('extension-failed-state.possible-only')] }) : reason,
      evidence,
      evidenceTimes: times,
      strength: strong ? 'strong' : 'weak',
      ...(possibleOnly ? { possibleOnly } : {}),
      // (the failed status is the failure's own evidence, not a state apart from it: no `state`, engine.ts)
      ...(stillFailed ? { holds: true } : {}),
      ...(steps ? { remedyOrder: steps } : {}),
    };
  }
  const seen = facts.count('handler-state') + facts.count('handler-status') + facts.count('extension-operation') + (facts.last('agent-status')?.handlers.length ?? 0);
  if (seen > 0) {
    const states = facts.of('handler-state');
    return {
      verdict: 'ruled-out',
      confidence: states.length ? 'high' : 'medium',
      reason: msg('extension-failed-state.ruled-out', { states: states.map((s) => ({ handler: s.handler, state: s.state })), gone: [...gone] }),
      evidence: states.map((s) => s.at).slice(0, 10),
    };
  }
  return notEvaluable(msg('extension-failed-state.nothing'));
}

export const rule: Rule = { cause: 'extension-failed-state', evaluate };
