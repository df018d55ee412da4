import { compareVersions, type ExtensionOperationSummary, type ExtensionSummary, type Fact, type FactKind } from '../../../shared';
import { renderAnalysis, renderBoth, msg } from '../../../shared/i18n/analysis';
import { byTuple, type FactIndex, type FactSeries } from '../facts-index';
import { VMSNAP_LINUX } from '../../../shared/model/handler';

/** Operations kept per handler (the newest); a VM with years of history would otherwise dwarf the result. */
const MAX_HISTORY = 400;

interface Acc {
  name: string;
  versions: Set<string>;
  goalVersion?: string;
  goalState?: string;
  history: Entry[];
  handlerStates: { version: string; state: string }[];
  handlerStatus: { version: string; status: string; code: number; message: string }[];
  agentStatus?: { version?: string; status?: string; code?: number; message?: string };
  /** The position of its newest target state in the kind's series (its state is read at the end, not per fact). */
  targetState?: number;
  /** The newest operation with an exit code that got no history entry (newestOf). */
  olderCode?: { t: number; seq: number; code?: number; exitCode: number };
}

/**
 * A history entry; one read from a fact of a big kind (target states, operations: one a minute in a big
 * log) keeps the fact (`src`, 32 bytes for a row) and gets its `time` and `evidence` only if it is kept
 * in the result (`materialize`): not an evidence object per operation of a year of log.
 */
type Entry = ExtensionOperationSummary & { t: number; seq: number; code?: number; src?: Fact };

/** Fills a deferred entry's time and evidence from its fact (the keys were placed when it was made: the JSON keeps its order). */
function materialize(e: Entry): Entry {
  if (e.src) {
    const at = e.src.at;
    e.time = at.time;
    e.evidence = at;
    delete e.src;
  }
  return e;
}

/** History order: by time (the untimed last), then in the order read. */
function order(x: { t: number; seq: number }, y: { t: number; seq: number }): number {
  const tx = Number.isFinite(x.t) ? x.t : Infinity;
  const ty = Number.isFinite(y.t) ? y.t : Infinity;
  return tx - ty || x.seq - y.seq;
}
const before = (x: { t: number; seq: number }, y: { t: number; seq: number }) => order(x, y) < 0;

/** The evidence of an entry until `materialize` reads it from the entry's fact. */
const DEFERRED: ExtensionOperationSummary['evidence'] = { file: '', line: 0, time: null, text: '' };

/** Epoch ms of an ISO time; the `YYYY-MM-DDTHH:MM:SS.mmmZ` the parsers write is read without Date.parse (one per operation). */
function ms(iso: string | null): number {
  if (!iso) return NaN;
  if (iso.length === 24 && iso[4] === '-' && iso[10] === 'T' && iso[19] === '.' && iso[23] === 'Z') {
    const n = (i: number, w: number) => {
      let v = 0;
      for (let k = i; k < i + w; k++) {
        const c = iso.charCodeAt(k) - 48;
        if (c < 0 || c > 9) return NaN;
        v = v * 10 + c;
      }
      return v;
    };
    const mo = n(5, 2);
    const d = n(8, 2);
    const v = Date.UTC(n(0, 4), mo - 1, d, n(11, 2), n(14, 2), n(17, 2), n(20, 3));
    // out-of-range fields roll over in Date.UTC where Date.parse may say NaN: leave those (and days 29–31) to Date.parse
    if (Number.isFinite(v) && mo >= 1 && mo <= 12 && d >= 1 && d <= 28 && n(11, 2) < 24 && n(14, 2) < 60 && n(17, 2) < 60) return v;
  }
  return Date.parse(iso);
}

/**
 * Per-handler history (docs/formats.md "waagent.log", "Extension settings and handler files"): the versions seen, the state the fabric asked
 * for in each goal state, the handler state on disk, each operation with its result and duration
 * (`extension-operation` from waagent.log, `extension-status` from status files), and the last code
 * and message. Handler names match case-insensitively, as the agent matches them. `maxHistory`: the newest
 * entries kept per handler (tests lower it).
 */
export function buildExtensionHistory(facts: FactIndex, maxHistory = MAX_HISTORY): ExtensionSummary[] {
  const byKey = new Map<string, Acc>();
  // (by the name as written too: a big log's operations repeat a few names, each lowered once)
  const byName = new Map<string, Acc>();
  let seq = 0;
  const acc = (name: string): Acc => {
    let a = byName.get(name);
    if (a) return a;
    const key = name.toLowerCase();
    a = byKey.get(key);
    if (!a) byKey.set(key, (a = { name, versions: new Set(), history: [], handlerStates: [], handlerStatus: [] }));
    byName.set(name, a);
    return a;
  };
  // a row's evidence time is its record's, as ISO: the same instant when it is whole milliseconds
  const timeOf = (src: Fact) => (facts.isRow(src) && Number.isInteger(src.timeMs) ? src.timeMs : ms(src.at.time));
  const push = (a: Acc, item: Omit<ExtensionOperationSummary, 'time'> & { time: string | null; code?: number }, src?: Fact) => {
    const entry = item as Entry;
    entry.t = src ? timeOf(src) : ms(item.time);
    entry.seq = seq++;
    if (src) entry.src = src;
    a.history.push(entry);
  };
  /**
   * Which facts of a big kind (a target state or an operation a minute for a year) can be among a handler's
   * newest MAX_HISTORY entries: when a handler's facts of the kind come in the order of their entries (time,
   * then the order read), one with MAX_HISTORY newer ones of its own kind and handler cannot, so it gets no
   * entry (an entry and its fact per operation lived through the whole pass: +50 MB for a 500 MB log).
   * Returns, per fact in the kind's order, whether it gets an entry.
   */
  // (timeOf of the fact at `i`, a row's read by position)
  const timeAt = (s: Pick<FactSeries<FactKind>, 'time' | 'isRow' | 'get'>, i: number) => {
    const t = s.time(i);
    return Number.isInteger(t) && s.isRow(i) ? t : timeOf(s.get(i));
  };
  const newestOf = (kind: 'extension-target-state' | 'extension-operation', handlerAt: (i: number) => string): ((handler: string) => boolean) => {
    const s: FactSeries<'extension-target-state' | 'extension-operation'> = facts.series(kind);
    type Per = { n: number; last: number; ordered: boolean; seen: number };
    const per = new Map<string, Per>();
    // (by the name as written, each lowered once)
    const perName = new Map<string, Per>();
    const perOf = (handler: string): Per => {
      let p = perName.get(handler);
      if (p) return p;
      const key = handler.toLowerCase();
      p = per.get(key);
      if (!p) per.set(key, (p = { n: 0, last: -Infinity, ordered: true, seen: 0 }));
      perName.set(handler, p);
      return p;
    };
    for (let i = 0; i < s.length; i++) {
      const t = timeAt(s, i);
      const k = Number.isFinite(t) ? t : Infinity;
      const p = perOf(handlerAt(i));
      if (k < p.last) p.ordered = false;
      p.last = k;
      p.n++;
    }
    // called once per fact, in the same order
    return (handler) => {
      const p = perOf(handler);
      return !p.ordered || p.seen++ >= p.n - maxHistory;
    };
  };
  const addVersion = (a: Acc, v: string | undefined) => {
    if (v) a.versions.add(v);
  };

  // goal states: what the fabric asked for, per incarnation
  for (const f of facts.of('extensions-config')) {
    const gs = f.incarnation !== undefined ? `incarnation_${f.incarnation}` : undefined;
    for (const p of f.plugins) {
      const a = acc(p.name);
      addVersion(a, p.version);
      a.goalVersion = p.version || a.goalVersion;
      a.goalState = p.state || a.goalState;
      const requested = renderBoth(msg('extension.requested', { version: p.version, state: p.state, ...(f.seqNos[p.name] !== undefined ? { seqNo: f.seqNos[p.name] } : {}) }));
      push(a, {
        op: 'goal-state',
        time: f.at.time,
        outcome: p.state || 'unspecified',
        message: requested.en,
        messageNl: requested.nl,
        ...(gs ? { goalStateId: gs } : {}),
        evidence: f.at,
      });
    }
  }
  // (the big kinds are read as series: each fact is built for its turn and let go unless its entry is kept)
  const targetStates = facts.series('extension-target-state');
  const keepState = newestOf('extension-target-state', (i) => targetStates.field(i, 'handler'));
  for (let i = 0; i < targetStates.length; i++) {
    const handler = targetStates.field(i, 'handler');
    const a = acc(handler);
    addVersion(a, targetStates.field(i, 'version'));
    a.targetState = i;
    if (!keepState(handler)) {
      seq++;
      continue;
    }
    const f = targetStates.get(i);
    push(a, { op: 'target-state', time: null, outcome: f.state, ...(f.goalStateId ? { goalStateId: f.goalStateId } : {}), evidence: DEFERRED }, f);
  }
  const operations = facts.series('extension-operation');
  // (an operation's handler, version and exit code read once per tuple: a broken agent repeats a few on 100,000s)
  const operationOf = byTuple(facts, 'extension-operation', (i) => ({
    handler: operations.field(i, 'handler'),
    version: operations.field(i, 'version'),
    exitCode: operations.field(i, 'exitCode'),
  }));
  const keepOperation = newestOf('extension-operation', (i) => operationOf(i).handler);
  for (let i = 0; i < operations.length; i++) {
    const { handler, version, exitCode } = operationOf(i);
    const a = acc(handler);
    addVersion(a, version);
    if (!keepOperation(handler)) {
      // not in the history, but its exit code may be the newest one the summary reports
      if (exitCode !== undefined) a.olderCode = { t: timeAt(operations, i), seq, exitCode };
      seq++;
      continue;
    }
    const f = operations.get(i);
    push(
      a,
      {
        op: f.op,
        time: null,
        outcome: f.outcome,
        ...(f.durationMs !== undefined ? { durationMs: f.durationMs } : {}),
        ...(f.exitCode !== undefined ? { exitCode: f.exitCode } : {}),
        ...(f.detail ? { message: f.detail } : {}),
        // (a parser's own words; an operation that quotes the log has no note and reads the same in Dutch)
        ...(f.detail && f.note ? { messageNl: renderAnalysis(f.note, 'nl') } : {}),
        evidence: DEFERRED,
      },
      f,
    );
  }
  const statusHandlers = new Set<string>();
  for (const f of facts.of('extension-status')) {
    if (!f.handler) continue;
    const a = acc(f.handler);
    addVersion(a, f.version);
    statusHandlers.add(a.name.toLowerCase());
    push(a, { op: (f.operation ?? 'status').toLowerCase(), time: f.at.time ?? f.timestampUTC ?? null, outcome: f.status, code: f.code, message: f.message, evidence: f.at });
  }
  // the Backup extension's own status parser may be the only source of its status files
  if (!statusHandlers.has(VMSNAP_LINUX.toLowerCase())) {
    for (const f of facts.of('snapshot-status')) {
      const a = acc(VMSNAP_LINUX);
      addVersion(a, f.handlerVersion);
      push(a, { op: (f.operation ?? 'enable').toLowerCase(), time: f.at.time ?? f.timestampUTC ?? null, outcome: f.effectiveStatus, code: f.code, message: f.message, evidence: f.at });
    }
  }
  for (const f of facts.of('windows-agent')) {
    if (!f.plugin || (f.event !== 'plugin-enable' && f.event !== 'plugin-failed' && f.event !== 'error')) continue;
    const a = acc(f.plugin);
    push(a, { op: 'enable', time: f.at.time, outcome: f.event === 'plugin-enable' ? 'started' : 'failed', message: f.detail, evidence: f.at });
  }
  for (const f of facts.of('handler-state')) {
    const a = acc(f.handler);
    addVersion(a, f.version);
    a.handlerStates.push({ version: f.version, state: f.state });
  }
  for (const f of facts.of('handler-status')) {
    const a = acc(f.handler);
    addVersion(a, f.version);
    a.handlerStatus.push({ version: f.version, status: f.status, code: f.code, message: f.message });
  }
  for (const f of facts.of('extension-settings')) addVersion(acc(f.handler), f.version);
  const lastAgentStatus = facts.last('agent-status');
  for (const h of lastAgentStatus?.handlers ?? []) {
    const a = acc(h.name);
    addVersion(a, h.version);
    a.agentStatus = { version: h.version, status: h.status, code: h.code, message: h.message };
  }

  const out: ExtensionSummary[] = [];
  for (const a of byKey.values()) {
    a.history.sort(order);
    const versions = [...a.versions].filter(Boolean).sort(compareVersions);
    // the installed folder with the newest version is what runs; the goal state says what should
    const installed = [...a.handlerStates].sort((x, y) => compareVersions(x.version, y.version)).pop();
    const version = installed?.version ?? a.goalVersion ?? a.agentStatus?.version ?? versions[versions.length - 1];
    const hs = a.handlerStatus.filter((s) => !s.status.startsWith('heartbeat:')).find((s) => s.version === version) ?? a.handlerStatus.find((s) => !s.status.startsWith('heartbeat:'));
    const state = installed?.state ?? (a.targetState !== undefined ? targetStates.field(a.targetState, 'state') : undefined) ?? a.goalState;
    const status = hs?.status ?? a.agentStatus?.status;
    const results = a.history.filter((h) => h.op !== 'goal-state' && h.op !== 'target-state');
    const last = results.length ? materialize(results[results.length - 1]) : undefined;
    const newestWithCode = [...results].reverse().find((h) => h.code !== undefined || h.exitCode !== undefined);
    const lastWithCode = a.olderCode && (!newestWithCode || before(newestWithCode, a.olderCode)) ? a.olderCode : newestWithCode;
    // A status file can say "success" around a failing code (VMSnapshot: status success, code 122); the code wins.
    const outcomeOf = (outcome: string, code: number | undefined) => (code !== undefined && code !== 0 && code !== 1 && /^success/i.test(outcome) ? 'error' : outcome);
    const history: ExtensionOperationSummary[] = a.history.slice(-maxHistory).map(materialize).map(({ t: _t, seq: _s, code, ...rest }) => {
      const h = { ...rest, outcome: outcomeOf(rest.outcome, code) };
      if (code === undefined) return h;
      return h.message !== undefined ? { ...h, message: `code ${code}: ${h.message}`, ...(h.messageNl !== undefined ? { messageNl: `code ${code}: ${h.messageNl}` } : {}) } : { ...h, message: `code ${code}` };
    });
    const lastCode = lastWithCode?.code ?? lastWithCode?.exitCode ?? (hs && hs.code !== 0 ? hs.code : undefined) ?? a.agentStatus?.code;
    out.push({
      name: a.name,
      ...(version ? { version } : {}),
      ...(state ? { state } : {}),
      ...(status ? { status } : {}),
      ...(last ? { lastOperation: last.op } : {}),
      ...(lastCode !== undefined ? { lastCode } : {}),
      ...((last?.message ?? hs?.message ?? a.agentStatus?.message) ? { lastMessage: last?.message ?? hs?.message ?? a.agentStatus?.message } : {}),
      ...(last?.message && last.messageNl ? { lastMessageNl: last.messageNl } : {}),
      ...(last?.time ? { lastTime: last.time } : {}),
      history,
    });
  }
  return out.sort((x, y) => x.name.localeCompare(y.name));
}
