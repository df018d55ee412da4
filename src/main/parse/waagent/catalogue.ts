import type { Endpoint, ExtensionOp } from '../../../shared';
import { escapeRegExp } from '../../../shared/regexp';
import { AGENT_VERDICT_MESSAGE, AGENT_VERDICT_TAG } from '../../../shared/formats/crp';
import { OPENSSL_WHY } from '../../../shared/formats/openssl';
import { AGENT, LAUNCH_FAILED, launchDetail, RESTART_LOOP, restartLoopNote, UNCLEAN_OLD } from '../../../shared/formats/agent-launch';
import { scrub } from './scrub';
import { int32At, viewOf } from '../bytes';
import { factDetail, msg, type FactDetail } from '../../../shared/i18n/analysis';

/**
 * The waagent.log message catalogue (docs/formats.md "waagent.log"), lnav style: each entry names the
 * message starts it can match (used to dispatch on the first two characters of a message, so most
 * records never see a regex), its regex, the facts it builds, and real or format-rendered sample
 * lines that the tests feed through the whole parser.
 */

import type { FactDraft } from '../../records/fact-store';

export type { FactDraft };

/**
 * Where restutil's failure text starts in a message: `[HTTP Failed] …` (an IOError, an HttpException,
 * a response error) or `[HTTP Retry] …` (a retried status code, also VERBOSE `[HTTP Retry] Attempt 2 of
 * 6 …`); -1 when there is none. A verbose agent logs `[HTTP Response] Status Code 200` and
 * `HTTP connection [GET] […]` for every request: those are not failures (docs/formats.md "waagent.log", markers).
 */
export function httpFailureAt(msg: string): number {
  const failed = msg.indexOf('[HTTP Failed]');
  const retry = msg.indexOf('[HTTP Retry]');
  if (failed < 0) return retry;
  return retry < 0 ? failed : Math.min(failed, retry);
}

export interface MatchContext {
  /** Record source (`Daemon`, `ExtHandler`, `[Handler-Ver]`, ...). */
  source: string;
  /** Handler name from a `[Name-Ver]` prefix. */
  extension?: string;
  /** Version from a `[Name-Ver]` prefix. */
  extensionVersion?: string;
  /** The record's first line after its first that says why openssl failed (MARK_OPENSSL_WHY), if any. */
  opensslLine?: string | null;
}

/**
 * One layout of a row kind (`RowKind`): a sample of its facts (the kind, the keys in order, a string, a uint32 or the
 * constant for each), what the store's layout is made from. `index` numbers the layouts.
 */
export interface RowLayout {
  readonly index: number;
  readonly sample: FactDraft;
  readonly keys: readonly string[];
}
let layoutCount = 0;

/**
 * A kind of fact a catalogue entry writes as a row, with no draft object (`putRow`), declared once: its kind and its
 * fields in key order, each with a sample value (a string, a uint32, or the constant every such fact has); a field
 * whose name ends in `?` is optional. Its layouts, one per set of optional fields present (`layouts`, by a bitmask:
 * the first optional field is bit 0), and the draft of a row where no row is kept (`draftOf`) follow from it.
 */
export interface RowKind {
  readonly kind: FactDraft['kind'];
  /** Per field, in order: whether it is optional. */
  readonly optional: readonly boolean[];
  readonly layouts: readonly RowLayout[];
}
/** Fields a row kind may have (`putRow` takes each as an argument). */
const MAX_ROW_FIELDS = 5;
export function rowKind(kind: FactDraft['kind'], ...fields: [name: string, sample: unknown][]): RowKind {
  if (fields.length > MAX_ROW_FIELDS) throw new Error(`row kind ${kind}: more than ${MAX_ROW_FIELDS} fields`);
  const optional = fields.map(([k]) => k.endsWith('?'));
  const layouts: RowLayout[] = [];
  for (let mask = 0; mask < 1 << optional.filter(Boolean).length; mask++) {
    const sample: Record<string, unknown> = { kind };
    let bit = 0;
    for (const [k, v] of fields) {
      if (!k.endsWith('?')) sample[k] = v;
      else if (mask & (1 << bit++)) sample[k.slice(0, -1)] = v;
    }
    layouts.push({ index: layoutCount++, sample: sample as FactDraft, keys: Object.keys(sample) });
  }
  return { kind, optional, layouts };
}

/**
 * Writes one fact of row kind `k` to `out`: its fields' values in their declared order, `undefined` for an optional
 * field the fact does not have. Returns 1 (the facts written). (Arguments, not an array: no array made per fact.)
 */
export function putRow(out: FactOut, k: RowKind, a?: unknown, b?: unknown, c?: unknown, d?: unknown, e?: unknown): 1 {
  const v = out.values;
  v[0] = k.kind;
  v[1] = a;
  v[2] = b;
  v[3] = c;
  v[4] = d;
  v[5] = e;
  // the optional fields left out are dropped in place (the values of layout `mask`, in its keys' order)
  const optional = k.optional;
  let n = 1;
  let mask = 0;
  let bit = 1;
  for (let j = 0; j < optional.length; j++) {
    const x = v[j + 1];
    if (optional[j]) {
      const present = x !== undefined;
      if (present) mask |= bit;
      bit <<= 1;
      if (!present) continue;
    }
    v[n++] = x;
  }
  out.row(k.layouts[mask]);
  return 1;
}

/** The draft of a fact given by its layout and values (where no row is kept: a relayed line, a test, a value past 2³²). */
export function draftOf(layout: RowLayout, values: readonly unknown[]): FactDraft {
  const d: Record<string, unknown> = {};
  for (let j = 0; j < layout.keys.length; j++) d[layout.keys[j]] = values[j];
  return d as FactDraft;
}

/** Where the catalogue puts a message's facts, in order: a draft, or a row (`putRow`: its layout and values). */
export interface FactOut {
  /** Filled by `putRow` before `row` (read during the call only). */
  readonly values: unknown[];
  row(layout: RowLayout): void;
  draft(d: FactDraft): void;
}

export interface CatalogueEntry {
  id: string;
  /** Message starts (after `[PERIODIC] ` and `******** ` wrappers are removed). */
  starts: string[];
  re: RegExp;
  /** The facts of a match: drafts (`build`), or written to `out` (`write`, an entry that matches millions of records). */
  build?(m: RegExpExecArray, ctx: MatchContext, msg: string): FactDraft | FactDraft[] | null;
  /** (returns how many facts it wrote) */
  write?(m: RegExpExecArray, ctx: MatchContext, msg: string, out: FactOut): number;
  /** Whole log lines and the fact (subset) each must yield. */
  samples: [line: string, expect: Record<string, unknown>][];
}

export function endpointOf(s: string): Endpoint {
  if (/168\.63\.129\.16:32526/.test(s)) return 'hostgaplugin';
  if (/^https?:\/\/[^/\s]*\.blob\.(?:core|storage)\./i.test(s)) return 'storage';
  if (/HostGAPlugin|vmSettings|extensionArtifact/i.test(s)) return 'hostgaplugin';
  if (/168\.63\.129\.16|Wireserver|goal state/i.test(s)) return 'wireserver';
  if (/169\.254\.169\.254|imds/i.test(s)) return 'imds';
  if (/\.blob\.core\.|\.blob\.storage\./i.test(s)) return 'storage';
  return 'unknown';
}

const VER = String.raw`(\d+(?:\.\d+)+)`;
/** Agents before 2.1 have no separate goal-state agent (no self-update, extensions run by the one process). */
const SINGLE_PROCESS = /^(?:1\.|2\.0\.)/;

const lifecycle = (event: Extract<FactDraft, { kind: 'agent-lifecycle' }>['event'], extra: { detail?: string; note?: FactDetail; exitCode?: number; version?: string } = {}): FactDraft => ({
  kind: 'agent-lifecycle',
  event,
  ...Object.fromEntries(Object.entries(extra).filter(([, v]) => v !== undefined)),
});
const gsError = (detail: string, recovered = false): FactDraft => ({ kind: 'goal-state-error', detail: scrub(detail), ...(recovered ? { recovered } : {}) });
const discovery = (event: Extract<FactDraft, { kind: 'endpoint-discovery' }>['event'], detail: string, endpoint?: string): FactDraft => ({
  kind: 'endpoint-discovery',
  event,
  detail,
  ...(endpoint ? { endpoint } : {}),
});
const update = (event: Extract<FactDraft, { kind: 'agent-update' }>['event'], detail: string, version?: string): FactDraft => ({
  kind: 'agent-update',
  event,
  detail: scrub(detail),
  ...(version ? { version } : {}),
});
const provisioning = (event: Extract<FactDraft, { kind: 'provisioning' }>['event'], detail: string): FactDraft => ({ kind: 'provisioning', event, detail });
const cert = (detail: string): FactDraft => ({ kind: 'certificate-problem', detail: scrub(detail) });
/**
 * Why the agent's openssl command failed (formats/openssl.ts OPENSSL_WHY), quoted after the command so that the finding
 * can say which fix applies (certificate-missing's remedy): the first reason a record says (its continuation lines too).
 */
export function opensslWhy(msg: string, ctx: MatchContext): string | undefined {
  return OPENSSL_WHY.exec(msg)?.[0] ?? (ctx.opensslLine ? OPENSSL_WHY.exec(ctx.opensslLine)?.[0] : undefined);
}

/** A goal state's id that is an incarnation number (`incarnation_15`, `Incarnation 9`, `4`): its digits. */
const INCARNATION_ID = /^(?:incarnation[_ ]?)?(\d+)$/i;
function gsId(raw: string | undefined): { id?: string; incarnation?: number } {
  if (!raw) return {};
  const m = INCARNATION_ID.exec(raw.trim());
  if (m) return { id: `incarnation_${m[1]}`, incarnation: Number(m[1]) };
  return { id: raw.trim() };
}
/** `gsId(raw).id` of a non-empty `raw`, with no object made. */
function gsIdText(raw: string): string {
  const t = raw.trim();
  const m = INCARNATION_ID.exec(t);
  return m ? `incarnation_${m[1]}` : t;
}

const isAsciiDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/**
 * The duration inside a goal-state banner, `…; 1503 ms; …` or `… 1503 ms]`: what `/ (\d+) ms[;\]]/.exec(msg)?.[1]`
 * gives, found from each ` ms` instead of a regex tried at every space of a long banner (a ProcessExtensionsGoalState
 * start names its channel, source, activity and correlation). A match is a space, a run of digits that ends at ` ms`,
 * and `;` or `]`: the leftmost ` ms` that ends one is the leftmost match.
 */
export function durationIn(msg: string): string | undefined {
  for (let q = msg.indexOf(' ms'); q >= 0; q = msg.indexOf(' ms', q + 1)) {
    const after = msg.charCodeAt(q + 3);
    if (after !== 0x3b && after !== 0x5d) continue;
    let s = q - 1;
    while (s >= 0 && isAsciiDigit(msg.charCodeAt(s))) s--;
    if (s < q - 1 && s >= 0 && msg.charCodeAt(s) === 0x20) return msg.slice(s + 1, q);
  }
  return undefined;
}

/** What `new RegExp(`${label}(\\d+)`).exec(msg)?.[1]` gives: the digits after the first `label` that has any. */
export function digitsAfter(msg: string, label: string): string | undefined {
  for (let i = msg.indexOf(label); i >= 0; i = msg.indexOf(label, i + 1)) {
    const from = i + label.length;
    let j = from;
    while (j < msg.length && isAsciiDigit(msg.charCodeAt(j))) j++;
    if (j > from) return msg.slice(from, j);
  }
  return undefined;
}

// The facts the catalogue entries below write as rows (the ones a big log repeats per record).
const HEARTBEAT = rowKind('agent-heartbeat', ['version', ''], ['counter?', 0], ['updateGoalStateErrors?', 0]);
const GOAL_STATE = rowKind('goal-state', ['event', ''], ['id', ''], ['incarnation?', 0], ['durationMs?', 0], ['detail?', '']);
const TARGET_STATE = rowKind('extension-target-state', ['handler', ''], ['version?', ''], ['state', ''], ['goalStateId?', '']);
const GOAL_STATE_ERROR = rowKind('goal-state-error', ['detail', '']);
const CERTIFICATE = rowKind('certificate-problem', ['detail', '']);
const STATUS_PROBLEM = rowKind('extension-status-problem', ['handler', ''], ['detail', '']);

const OPS: Record<string, ExtensionOp> = {
  enable: 'enable',
  disable: 'disable',
  install: 'install',
  update: 'update',
  uninstall: 'uninstall',
  download: 'download',
};
export function opOf(word: string): ExtensionOp | undefined {
  const w = word.toLowerCase().replace(/^-+/, '');
  return OPS[w];
}

/**
 * A handler error as the agent writes it: `[ExtensionError] Timeout(300): bin/custom-script-shim enable`,
 * `[ExtensionOperationError] Non-zero exit code: 1, /var/lib/waagent/X-1.2/install.sh`, `[ExtensionDownloadError] …`.
 */
const HANDLER_ERROR_RE = /^\[(Extension(?:Operation|Download|Update)?Error)\] (?:(Timeout)\((\d+)\)[^:]*: ?(\S+)(?: (-?\w+))?|Non-zero exit code: (-?\d+), ?(\S+)(?: (-?\w+))?)?/;

/** The operation a handler command runs, from its script's name when no verb follows it (`…/install.sh`, `enable.cmd`). */
const SCRIPT_VERB = /(?:^|[/\\])(install|uninstall|enable|disable|update)\.(?:sh|py|cmd|ps1)\b/i;

/** The extension-operation draft of a handler error matched by HANDLER_ERROR_RE (`msg`: the text it matched in). */
function handlerErrorDraft(m: RegExpExecArray, c: MatchContext, msg: string): FactDraft | null {
  // a pasted handler error has no `[Name-Ver]` prefix: the command's path names the handler
  const path = c.extension ? null : /\/var\/lib\/waagent\/([A-Za-z][\w.]*?)-(\d+(?:\.\d+)+)\//.exec(msg);
  const handler = c.extension ?? path?.[1];
  const version = c.extensionVersion ?? path?.[2];
  if (!handler) return null;
  // (the word after the command is its verb only when it is one: a deployment's JSON runs on into the stderr)
  const verb = m[5] ?? m[8];
  const script = SCRIPT_VERB.exec(m[4] ?? m[7] ?? '')?.[1];
  const op = m[1] === 'ExtensionDownloadError' ? 'download' : m[1] === 'ExtensionUpdateError' ? 'update' : ((verb ? opOf(verb) : undefined) ?? (script ? opOf(script) : undefined) ?? 'processing');
  return {
    kind: 'extension-operation',
    handler,
    ...(version ? { version } : {}),
    op,
    outcome: m[2] ? 'timed-out' : 'failed',
    ...(m[6] !== undefined ? { exitCode: Number(m[6]) } : {}),
    ...(m[3] ? { durationMs: Number(m[3]) * 1000 } : {}),
    detail: scrub(msg.slice(0, 300)),
  };
}

/** The agent's verdict on a handler's command as a deployment or az CLI error quotes it (shared/formats/crp.ts). */
const AGENT_VERDICT_RE = new RegExp(`${AGENT_VERDICT_MESSAGE}(?=${AGENT_VERDICT_TAG})`);

function verdictDraft(m: RegExpExecArray, c: MatchContext, msg: string): FactDraft | null {
  const inner = msg.slice(m.index + m[0].length);
  const e = HANDLER_ERROR_RE.exec(inner);
  const d = e ? handlerErrorDraft(e, c, inner) : null;
  return d?.kind === 'extension-operation' ? { ...d, verdict: true } : null;
}

/**
 * The failed operation the agent's verdict quoted anywhere in `line` names (a record's later line: the az CLI's
 * `(VMExtensionHandlerNonTransientError) …`, the line after a prompt's command), or null.
 */
export function agentVerdictDraft(line: string): FactDraft | null {
  const m = AGENT_VERDICT_RE.exec(line);
  return m ? verdictDraft(m, NO_CONTEXT, line) : null;
}
const NO_CONTEXT: MatchContext = { source: '', extension: undefined, extensionVersion: undefined };

export const CATALOGUE: CatalogueEntry[] = [
  // versions and starts
  {
    id: 'daemon-version',
    // 2.0.x (one process, `Windows Azure Linux Agent Version: WALinuxAgent-2.0.14`), ≤2.7 (`Version:2.2.45`), 2.8+ (`Version: 2.9.1.1`)
    starts: ['Azure Linux Agent Version', 'Windows Azure Linux Agent Version', 'Microsoft Azure Linux Agent Version'],
    re: new RegExp(`^(?:(?:Windows|Microsoft) )?Azure Linux Agent Version: ?(?:WALinuxAgent-)?${VER}`),
    build: (m) => [
      { kind: 'agent-version', role: 'daemon', version: m[1] },
      // the single-file agent (≤2.0) runs extensions itself: it is its own goal-state agent
      ...(SINGLE_PROCESS.test(m[1]) ? [{ kind: 'agent-version', role: 'goal-state-agent', version: m[1] } as FactDraft] : []),
      lifecycle('daemon-start', { version: m[1] }),
    ],
    samples: [
      // https://github.com/microsoft/lisa/blob/main/lisa/sut_orchestrator/azure/platform_.py (a 2.0.14 log line quoted in a comment)
      ['2021/04/19 13:16:28 Windows Azure Linux Agent Version: WALinuxAgent-2.0.14', { kind: 'agent-version', role: 'goal-state-agent', version: '2.0.14' }],
      ['2021/03/30 19:35:35.971742 INFO Daemon Azure Linux Agent Version:2.2.45', { kind: 'agent-version', role: 'daemon', version: '2.2.45' }],
      ['2023-08-01T10:00:00.000001Z INFO Daemon Daemon Azure Linux Agent Version: 2.9.1.1', { kind: 'agent-lifecycle', event: 'daemon-start', version: '2.9.1.1' }],
      ['2018/01/08 10:00:00.123456 INFO Azure Linux Agent Version:2.2.20', { kind: 'agent-version', role: 'daemon', version: '2.2.20' }],
    ],
  },
  {
    id: 'goal-state-agent-version',
    starts: ['Azure Linux Agent (Goal State Agent version'],
    re: new RegExp(`^Azure Linux Agent \\(Goal State Agent version ${VER}\\)`),
    build: (m) => ({ kind: 'agent-version', role: 'goal-state-agent', version: m[1] }),
    samples: [
      ['2023-08-01T10:00:05.100000Z INFO ExtHandler ExtHandler Azure Linux Agent (Goal State Agent version 2.9.1.1)', { kind: 'agent-version', role: 'goal-state-agent', version: '2.9.1.1' }],
    ],
  },
  {
    id: 'running-as-process',
    starts: ['WALinuxAgent-'],
    re: new RegExp(`^${AGENT} running as process (\\d+)`),
    build: (m) => [
      { kind: 'agent-version', role: 'goal-state-agent', version: m[1] },
      lifecycle('exthandler-start', { version: m[1], detail: `pid ${m[2]}` }),
    ],
    samples: [
      ['2023-08-01T10:00:05.000000Z INFO ExtHandler ExtHandler WALinuxAgent-2.9.1.1 running as process 1234', { kind: 'agent-lifecycle', event: 'exthandler-start', version: '2.9.1.1' }],
      ['2019/11/27 22:22:48.123985 INFO ExtHandler WALinuxAgent-2.2.45 running as process 1711', { kind: 'agent-version', role: 'goal-state-agent', version: '2.2.45' }],
    ],
  },
  {
    id: 'running-as-goal-state-agent',
    starts: ['Agent WALinuxAgent-'],
    re: new RegExp(`^Agent ${AGENT} is running as the goal state agent`),
    build: (m) => ({ kind: 'agent-version', role: 'goal-state-agent', version: m[1] }),
    samples: [['2019/11/27 22:22:49.000001 INFO ExtHandler Agent WALinuxAgent-2.2.45 is running as the goal state agent', { kind: 'agent-version', version: '2.2.45' }]],
  },
  {
    id: 'installed-agent-current',
    // the daemon names the agent it is about to launch (all 2.2+ eras): the goal-state agent's version
    starts: ['Installed Agent WALinuxAgent-', 'Determined Agent WALinuxAgent-'],
    re: new RegExp(`^(?:Installed Agent ${AGENT} is the most current agent|Determined Agent ${AGENT} to be the latest agent)`),
    build: (m) => ({ kind: 'agent-version', role: 'goal-state-agent', version: m[1] ?? m[2] }),
    samples: [
      // https://github.com/Azure/WALinuxAgent/issues/2336 (CentOS 8.4, agent 2.3.1.1)
      ['2021-08-23T08:00:21.856964Z INFO Daemon Daemon Installed Agent WALinuxAgent-2.3.1.1 is the most current agent', { kind: 'agent-version', role: 'goal-state-agent', version: '2.3.1.1' }],
      // https://github.com/Azure/WALinuxAgent/issues/770 (agent 2.2.0 in a container)
      ['2017/06/17 22:20:18.225040 INFO Installed Agent WALinuxAgent-2.2.0 is the most current agent', { kind: 'agent-version', version: '2.2.0' }],
    ],
  },
  {
    id: 'agent-not-terminated-cleanly-old',
    starts: ['WALinuxAgent-'],
    re: UNCLEAN_OLD,
    build: (m) => [{ kind: 'agent-version', role: 'goal-state-agent', version: m[1] }, lifecycle('not-terminated-cleanly', { version: m[1], ...factDetail(msg('detail.not-terminated-cleanly', { version: m[1] })) })],
    samples: [
      // https://github.com/Azure/WALinuxAgent/issues/812 (agent 2.2.10 crashing on a deleted /var/log/azure folder)
      ['2017/07/17 10:18:56.439857 INFO WALinuxAgent-2.2.10 did not terminate cleanly', { kind: 'agent-lifecycle', event: 'not-terminated-cleanly', version: '2.2.10' }],
    ],
  },
  {
    id: 'heartbeat',
    starts: ['[HEARTBEAT]'],
    re: new RegExp(`^\\[HEARTBEAT\\] Agent ${AGENT} is running as the goal state agent`),
    write: (m, _c, msg, out) => {
      const counter = digitsAfter(msg, 'HeartbeatCounter: ');
      const gsErrors = digitsAfter(msg, 'UpdateGSErrors: ');
      return putRow(out, HEARTBEAT, m[1], counter !== undefined ? Number(counter) : undefined, gsErrors !== undefined ? Number(gsErrors) : undefined);
    },
    samples: [
      ['2020-03-20T10:00:00.000001Z INFO ExtHandler ExtHandler [HEARTBEAT] Agent WALinuxAgent-2.2.47 is running as the goal state agent', { kind: 'agent-heartbeat', version: '2.2.47' }],
      [
        '2023-08-01T10:30:05.123456Z INFO ExtHandler ExtHandler [HEARTBEAT] Agent WALinuxAgent-2.9.1.1 is running as the goal state agent [DEBUG HeartbeatCounter: 7;HeartbeatId: 0A1B2C3D-0000-4000-8000-000000000001;DroppedPackets: 0;UpdateGSErrors: 2;AutoUpdate: 1]',
        { kind: 'agent-heartbeat', version: '2.9.1.1', counter: 7, updateGoalStateErrors: 2 },
      ],
      [
        '2025-01-01T00:30:00.123456Z INFO ExtHandler ExtHandler [HEARTBEAT] Agent WALinuxAgent-2.13.1.1 is running as the goal state agent [DEBUG HeartbeatCounter: 1;HeartbeatId: 6F0F;UpdateGSErrors: 0;AutoUpdate: 1;UpdateMode: SelfUpdate;]',
        { kind: 'agent-heartbeat', version: '2.13.1.1', counter: 1, updateGoalStateErrors: 0 },
      ],
    ],
  },
  // lifecycle
  {
    id: 'forwarding-signal',
    starts: ['Agent WALinuxAgent-'],
    re: new RegExp(`^Agent ${AGENT} forwarding signal (\\d+) to (.*)`),
    build: (m) => lifecycle('stop-signal', { version: m[1], ...factDetail(msg('detail.stop-signal', { signal: m[2], target: m[3].trim() })) }),
    samples: [['2021/03/30 21:00:00.000001 INFO Daemon Agent WALinuxAgent-2.2.45 forwarding signal 15 to WALinuxAgent-2.9.1.1', { kind: 'agent-lifecycle', event: 'stop-signal', version: '2.2.45' }]],
  },
  {
    id: 'daemon-exception',
    starts: ['Daemon ended with exception'],
    re: /^Daemon ended with exception/,
    build: (_m, _c, msg) => lifecycle('daemon-exception', { detail: scrub(msg.slice(0, 300)) }),
    samples: [['2021/03/30 19:40:00.000001 WARNING Daemon Daemon ended with exception -- Sleep 15 seconds and restart daemon', { kind: 'agent-lifecycle', event: 'daemon-exception' }]],
  },
  {
    id: 'launched-failed',
    // the daemon names the agent it launched as the ExtHandler: the goal-state agent (every 2.1+ era)
    starts: ['Agent WALinuxAgent-'],
    re: LAUNCH_FAILED,
    build: (m, _c, text) => [
      { kind: 'agent-version', role: 'goal-state-agent', version: m[1] },
      lifecycle('exthandler-exit', { version: m[1], ...factDetail(launchDetail(m, text)), exitCode: m[3] !== undefined ? Number(m[3]) : undefined }),
    ],
    samples: [
      // https://github.com/Azure/WALinuxAgent/issues/589 (agent 2.2.4, the host plugin unavailable)
      ["2017/02/06 19:10:14.026838 WARNING Agent WALinuxAgent-2.2.4 launched with command 'python -u bin/WALinuxAgent-2.2.4-py2.7.egg -run-exthandlers' failed with return code: 1", { kind: 'agent-version', role: 'goal-state-agent', version: '2.2.4' }],
      ["2021/03/30 19:41:00.000001 WARNING Daemon Agent WALinuxAgent-2.9.1.1 launched with command 'python3 -u bin/WALinuxAgent-2.9.1.1-py3.8.egg -run-exthandlers' failed with return code: 1", { kind: 'agent-lifecycle', event: 'exthandler-exit', exitCode: 1 }],
      ["2021/03/30 19:41:00.000001 WARNING Daemon Agent WALinuxAgent-2.2.45 launched with command 'python3 -u /usr/sbin/waagent -run-exthandlers' failed with exception: ", { kind: 'agent-lifecycle', event: 'exthandler-exit' }],
      // https://github.com/Azure/WALinuxAgent/issues/2126 (FreeBSD 11.3, Python 3.7: no python3 link)
      [
        "WARNING Daemon Agent WALinuxAgent-2.2.45 launched with command 'python3 -u /usr/local/sbin/waagent -run-exthandlers' failed with exception: [Errno 2] No such file or directory: 'python3': 'python3'",
        { kind: 'agent-lifecycle', event: 'exthandler-exit', detail: 'the command cannot start: its program python3 is not on the VM (No such file or directory)' },
      ],
    ],
  },
  {
    id: 'exthandler-exited',
    starts: ['ExtHandler process'],
    re: new RegExp(`^ExtHandler process ${AGENT} launched with command '([^']*)' exited with return code: (-?\\d+)`),
    build: (m) => lifecycle('exthandler-exit', { version: m[1], exitCode: Number(m[3]), ...factDetail(msg('detail.return-code', { code: m[3] })) }),
    samples: [["2023-08-01T11:00:00.000001Z WARNING Daemon Daemon ExtHandler process WALinuxAgent-2.9.1.1 launched with command 'python3 -u bin/WALinuxAgent-2.9.1.1-py3.8.egg -run-exthandlers' exited with return code: -9", { kind: 'agent-lifecycle', event: 'exthandler-exit', exitCode: -9 }]],
  },
  {
    id: 'restart-loop',
    starts: ['Agent WALinuxAgent-', 'Daemon ended with exception'],
    re: RESTART_LOOP,
    build: (m) => lifecycle('restart-loop', { version: m[1], ...factDetail(restartLoopNote(m)) }),
    samples: [["2021/03/30 19:45:00.000001 WARNING Daemon Agent WALinuxAgent-2.9.1.1 launched with command 'x' failed with exception: Agent WALinuxAgent-2.9.1.1 restarted more than 3 times in 300 seconds", { kind: 'agent-lifecycle', event: 'restart-loop', version: '2.9.1.1' }]],
  },
  {
    id: 'not-terminated-cleanly',
    starts: ['Agent did not terminate cleanly'],
    re: /^Agent did not terminate cleanly: ?(.*)/,
    build: (m) => lifecycle('not-terminated-cleanly', { detail: m[1].trim() }),
    samples: [['2023-08-01T10:00:06.000001Z INFO ExtHandler ExtHandler Agent did not terminate cleanly: [WALinuxAgent-2.9.1.1] [Traceback]', { kind: 'agent-lifecycle', event: 'not-terminated-cleanly' }]],
  },
  {
    id: 'agent-crash',
    // UpdateHandler.run's `Agent {0} failed with exception: {1}` names CURRENT_AGENT, the ExtHandler that crashed:
    // the goal-state agent (2.1.x logs it with logger.warn's arguments, 2.2+ formats it first; same text)
    starts: ['Agent WALinuxAgent-'],
    re: new RegExp(`^Agent ${AGENT} failed with exception: ?(.*)`),
    build: (m) => [{ kind: 'agent-version', role: 'goal-state-agent', version: m[1] }, lifecycle('crash', { version: m[1], detail: scrub(m[2].slice(0, 300)) })],
    samples: [
      // https://github.com/Azure/WALinuxAgent/issues/589 (agent 2.2.4, the host plugin unavailable)
      ["2017/02/06 19:09:15.545516 WARNING Agent WALinuxAgent-2.2.4 failed with exception: 'NoneType' object is not iterable", { kind: 'agent-version', role: 'goal-state-agent', version: '2.2.4' }],
      ["2023-08-01T10:05:00.000001Z WARNING ExtHandler ExtHandler Agent WALinuxAgent-2.9.1.1 failed with exception: 'NoneType' object has no attribute 'x'", { kind: 'agent-lifecycle', event: 'crash', version: '2.9.1.1' }]],
  },
  {
    id: 'command-failed',
    // agent.py main()'s last resort, every release from 2.2.0: `Failed to run '{command}': {exception}` (2.2.0 the
    // exception, 2.2.10+ the traceback on the next lines, 2.9+ format_exception); the process then ends. The
    // ExtHandler's command ('run-exthandlers') is the extension handler dying; the daemon's ('daemon') the daemon.
    // The other commands (collect-logs, deprovision, show-configuration, setup-firewall, provision, register-service)
    // run beside them and say nothing about extension handling: no fact.
    starts: ['Failed to run '],
    re: /^Failed to run '(run-exthandlers|daemon)': ?(.*)/,
    build: (m) => lifecycle(m[1] === 'daemon' ? 'daemon-exception' : 'crash', factDetail(msg('detail.command-failed', { command: m[1], exception: scrub(m[2].slice(0, 300)) }))),
    samples: [
      // https://github.com/Azure/WALinuxAgent/issues/1035 (agent 2.2.21, 1000 files in /var/lib/waagent/events)
      ["2018/02/07 21:55:19.820634 ERROR Failed to run 'run-exthandlers': Traceback (most recent call last):", { kind: 'agent-lifecycle', event: 'crash' }],
      ["2023-08-01T10:05:00.000001Z ERROR ExtHandler ExtHandler Failed to run 'run-exthandlers': [ProtocolError] x", { kind: 'agent-lifecycle', event: 'crash' }],
      ["2023-08-01T10:05:00.000001Z ERROR Daemon Daemon Failed to run 'daemon': Traceback (most recent call last):", { kind: 'agent-lifecycle', event: 'daemon-exception' }],
    ],
  },
  {
    id: 'orphan',
    starts: ['Agent WALinuxAgent-'],
    re: new RegExp(`^Agent ${AGENT} is an orphan`),
    build: (m) => lifecycle('orphan', { version: m[1] }),
    samples: [['2023-08-01T10:05:00.000001Z INFO ExtHandler ExtHandler Agent WALinuxAgent-2.9.1.1 is an orphan -- exiting', { kind: 'agent-lifecycle', event: 'orphan' }]],
  },
  {
    id: 'thread-died',
    // `"{0} thread died, restarting"`; 2.2.x `Monitor thread died` / `Environment thread died`
    starts: ['Monitor', 'Environment', 'MonitorHandler', 'EnvHandler', 'ExtHandler', 'SendTelemetryHandler', 'TelemetryEventsCollector', 'CollectLogsHandler', 'PersistFirewallRulesHandler'],
    re: /^(\S+(?: \S+)?) thread died, restarting/,
    build: (m) => lifecycle('thread-died', { ...factDetail(msg('detail.thread-died', { thread: m[1] })) }),
    samples: [
      ['2019/11/27 22:22:48.123985 WARNING ExtHandler Monitor thread died, restarting', { kind: 'agent-lifecycle', event: 'thread-died', detail: 'Monitor thread died' }],
      ['2023-08-01T10:05:00.000001Z WARNING ExtHandler ExtHandler MonitorHandler thread died, restarting', { kind: 'agent-lifecycle', event: 'thread-died', detail: 'MonitorHandler thread died' }],
    ],
  },
  {
    id: 'cgroups-error',
    // the agent's own warnings when its cgroups handling raises, as 2.2.32–2.2.40 write them (WALinuxAgent tags):
    // monitor.py `Monitor: failed to update cgroups tracked extensions: {0}` and `Monitor: cgroups not initialized: {0}`,
    // exthandlers.py (2.2.39–2.2.40) `Unable to setup cgroup {0}: {1}`; the inner CGroupsException names what is
    // missing (`Cgroup hierarchy cpu not found in /proc/cgroups`). In 2.2.31–2.2.40 such an error blocks extensions.
    starts: ['Monitor: failed to update cgroups', 'Monitor: cgroups not initialized', 'Unable to setup cgroup '],
    re: /^(?:Monitor: (?:failed to update cgroups tracked extensions|cgroups not initialized)|Unable to setup cgroup \S+):/,
    build: (_m, _c, msg) => lifecycle('cgroups-error', { detail: scrub(msg.slice(0, 300)) }),
    samples: [
      // https://github.com/Azure/WALinuxAgent/issues/1390 (as posted: without its time stamp, read as an untimed record)
      ["WARNING ExtHandler Monitor: failed to update cgroups tracked extensions: 'Cgroup hierarchy cpu not found in /proc/cgroups'", { kind: 'agent-lifecycle', event: 'cgroups-error' }],
      // format-rendered: exthandlers.py 2.2.40 around cgroups.py's CGroupsException text
      ['2019/07/01 10:00:00.000001 WARNING ExtHandler Unable to setup cgroup Microsoft.Azure.RecoveryServices.VMSnapshotLinux: Cgroup hierarchy cpu not found in /proc/cgroups', { kind: 'agent-lifecycle', event: 'cgroups-error' }],
    ],
  },
  {
    id: 'orphan-wait',
    // the ExtHandler will not start work while an orphaned agent process lives (`_ensure_no_orphans`, all 2.2+)
    starts: ['WALinuxAgent-', 'Exception occurred waiting for orphan agent', 'Goal state agent WALinuxAgent-'],
    re: new RegExp(`^(?:${AGENT} (waiting for|forcibly terminated) orphan process (\\d+)|Exception occurred waiting for orphan agent to terminate|Goal state agent ${AGENT} was orphaned)`),
    build: (m, _c, msg) => {
      const version = m[1] ?? m[4];
      const event = m[4] ? 'orphan' : m[2] === 'forcibly terminated' ? 'orphan' : 'orphan-wait';
      return [...(version ? [{ kind: 'agent-version', role: 'goal-state-agent', version } as FactDraft] : []), lifecycle(event, { ...(version ? { version } : {}), detail: scrub(msg.slice(0, 200)) })];
    },
    samples: [
      // https://github.com/Azure/WALinuxAgent/issues/871 (repeated every few seconds for days; the portal showed the agent not ready)
      ['2017/09/01 12:49:09.601321 INFO WALinuxAgent-2.2.15 waiting for orphan process 4035 to terminate', { kind: 'agent-lifecycle', event: 'orphan-wait', version: '2.2.15' }],
      // https://github.com/Azure/WALinuxAgent/issues/872
      ['2017/09/02 08:02:54.806633 WARNING Exception occurred waiting for orphan agent to terminate: an integer is required', { kind: 'agent-lifecycle', event: 'orphan-wait' }],
    ],
  },
  {
    id: 'memory-limit',
    starts: ['Agent WALinuxAgent-'],
    re: new RegExp(`^Agent ${AGENT} is reached memory limit`),
    build: (m) => lifecycle('memory-limit', { version: m[1] }),
    samples: [['2023-08-01T10:05:00.000001Z INFO ExtHandler ExtHandler Agent WALinuxAgent-2.9.1.1 is reached memory limit -- exiting', { kind: 'agent-lifecycle', event: 'memory-limit' }]],
  },
  {
    id: 'disable-agent-file',
    starts: ['Disabling the guest agent by sleeping forever'],
    re: /^Disabling the guest agent by sleeping forever/,
    build: () => ({ kind: 'agent-disabled', reason: 'disable-agent-file' }),
    samples: [['2023/06/07 08:04:35.336313 WARNING Daemon Disabling the guest agent by sleeping forever; to re-enable, remove /var/lib/waagent/disable_agent and restart', { kind: 'agent-disabled', reason: 'disable-agent-file' }]],
  },
  {
    id: 'disable-agent-ovf',
    starts: ['Disabling guest agent in accordance with ovf-env.xml'],
    re: /^Disabling guest agent in accordance with ovf-env\.xml/,
    build: () => ({ kind: 'agent-disabled', reason: 'ovf-provision-guest-agent-false' }),
    samples: [['2023/06/07 08:04:35.336313 WARNING Disabling guest agent in accordance with ovf-env.xml', { kind: 'agent-disabled', reason: 'ovf-provision-guest-agent-false' }]],
  },
  // extension handling switched off
  {
    id: 'extensions-on-hold',
    starts: ['Extension handling is on hold'],
    re: /^Extension handling is on hold/,
    build: () => ({ kind: 'extensions-disabled', source: 'on-hold' }),
    samples: [['2019/11/27 22:22:48.123985 INFO ExtHandler Extension handling is on hold', { kind: 'extensions-disabled', source: 'on-hold' }]],
  },
  {
    id: 'extensions-disabled-verbose',
    starts: ['Extension handling is disabled'],
    re: /^Extension handling is disabled/,
    build: () => ({ kind: 'extensions-disabled', source: 'log-verbose' }),
    samples: [['2019/11/27 22:22:48.123985 VERBOSE ExtHandler Extension handling is disabled', { kind: 'extensions-disabled', source: 'log-verbose' }]],
  },
  {
    id: 'extensions-disabled-banner',
    starts: ['Extensions.Enabled is set to False'],
    re: /^Extensions\.Enabled is set to False/,
    build: () => [
      { kind: 'extensions-disabled', source: 'log-banner' },
      { kind: 'config-banner', key: 'Extensions.Enabled', ...factDetail(msg('line', { text: 'Extensions.Enabled is set to False' })) },
    ],
    samples: [
      ['2022-01-01T00:00:00.000001Z INFO ExtHandler ExtHandler ******** Extensions.Enabled is set to False, not processing the operation ********', { kind: 'extensions-disabled', source: 'log-banner' }],
      ['2021-07-14T00:00:00.000001Z INFO ExtHandler ExtHandler Extensions.Enabled is set to False, not processing the operation', { kind: 'config-banner', key: 'Extensions.Enabled' }],
    ],
  },
  {
    id: 'autoupdate-disabled',
    starts: ['AutoUpdate.Enabled is set to False'],
    re: /^AutoUpdate\.Enabled is set to False/,
    build: () => [
      { kind: 'agent-update', event: 'disabled', ...factDetail(msg('line', { text: 'AutoUpdate.Enabled is set to False' })) },
      { kind: 'config-banner', key: 'AutoUpdate.Enabled', ...factDetail(msg('line', { text: 'AutoUpdate.Enabled is set to False' })) },
    ],
    samples: [['2022-01-01T00:00:00.000001Z INFO ExtHandler ExtHandler ******** AutoUpdate.Enabled is set to False, not processing the operation ********', { kind: 'agent-update', event: 'disabled' }]],
  },
  {
    id: 'config-changed',
    starts: [''],
    re: /^(\S+) changed from its default: (.*)/,
    build: (m) => ({ kind: 'config-banner', key: m[1], detail: scrub(m[2].slice(0, 300)) }),
    samples: [['2022-01-01T00:00:00.000001Z INFO ExtHandler ExtHandler ******** Extensions.GoalStatePeriod changed from its default: 6. New value: 30. ********', { kind: 'config-banner', key: 'Extensions.GoalStatePeriod' }]],
  },
  {
    id: 'noexec',
    starts: ['The noexec flag is set on'],
    re: /^The noexec flag is set on (\S+?)\.? This/,
    build: (m) => ({ kind: 'noexec', path: m[1] }),
    samples: [['2024-12-08T06:28:34.480675Z WARNING ExtHandler ExtHandler The noexec flag is set on /var. This can prevent extensions from executing.', { kind: 'noexec', path: '/var' }]],
  },
  // goal state
  {
    id: 'process-goal-state',
    starts: ['ProcessGoalState'],
    re: /^ProcessGoalState (started|completed) \[[Ii]ncarnation:? (\d+);(?: (\d+) ms)?/,
    build: (m) => ({ kind: 'goal-state', event: m[1] === 'started' ? 'processing-started' : 'processing-completed', ...gsId(m[2]), ...(m[3] ? { durationMs: Number(m[3]) } : {}) }),
    samples: [
      ['2021-01-15T10:00:00.000001Z INFO ExtHandler ExtHandler ProcessGoalState completed [incarnation 4; 812 ms]', { kind: 'goal-state', event: 'processing-completed', incarnation: 4, durationMs: 812 }],
      ['2021-06-24T10:00:00.000001Z INFO ExtHandler ExtHandler ProcessGoalState started [Incarnation: 5; Activity Id: a; Correlation Id: b; GS Creation Time: c]', { kind: 'goal-state', event: 'processing-started', id: 'incarnation_5' }],
    ],
  },
  {
    id: 'fetch-goal-state',
    starts: ['Fetching new goal state', 'Fetching goal state [', 'Fetching full goal state', 'Fetched a new incarnation'],
    re: /^(?:Fetching new goal state|Fetching goal state|Fetching full goal state from the WireServer|Fetched a new incarnation for the WireServer goal state) \[incarnation (\d+)/,
    // (the incarnation is digits: gsId gives both its id and its number)
    write: (m, _c, _msg, out) => putRow(out, GOAL_STATE, 'fetched', `incarnation_${m[1]}`, Number(m[1])),
    samples: [
      ['2026-11-19T22:00:12.101000Z INFO ExtHandler Fetched a new incarnation for the WireServer goal state [incarnation 15]', { kind: 'goal-state', event: 'fetched', incarnation: 15, id: 'incarnation_15' }],
      ['2021-01-15T10:00:00.000001Z INFO ExtHandler ExtHandler Fetching new goal state [incarnation 4 (new incarnation)]', { kind: 'goal-state', event: 'fetched', incarnation: 4 }],
      ['2022-03-11T10:00:00.000001Z INFO ExtHandler ExtHandler Fetching goal state [incarnation 7]', { kind: 'goal-state', event: 'fetched', incarnation: 7 }],
    ],
  },
  {
    id: 'fetch-goal-state-completed',
    starts: ['Fetch goal state completed', 'Fetch goal state from WireServer completed'],
    re: /^Fetch goal state (?:from WireServer )?completed/,
    build: () => ({ kind: 'goal-state', event: 'fetched' }),
    samples: [['2023-08-01T10:00:00.000001Z INFO ExtHandler Fetch goal state from WireServer completed', { kind: 'goal-state', event: 'fetched' }]],
  },
  {
    id: 'process-extensions-goal-state',
    starts: ['ProcessExtensionsGoalState ', 'ProcessExtensionsInGoalState '],
    re: /^ProcessExtensions(?:In)?GoalState (started|completed|failed) \[(?:Incarnation: )?([^\s;\]]+)(?:[;\s\]](?:(\d+) ms)?)?/,
    // (what gsId gives, and the duration of a banner that has it elsewhere, written in place: the id is never empty
    // nor padded, its capture has no space)
    write: (m, _c, msg, out) => {
      const inc = INCARNATION_ID.exec(m[2]);
      const duration = m[3] ?? durationIn(msg);
      return putRow(
        out,
        GOAL_STATE,
        m[1] === 'started' ? 'processing-started' : m[1] === 'completed' ? 'processing-completed' : 'processing-failed',
        inc ? `incarnation_${inc[1]}` : m[2],
        inc ? Number(inc[1]) : undefined,
        duration ? Number(duration) : undefined,
        m[1] === 'failed' ? scrub(msg.slice(0, 300)) : undefined,
      );
    },
    samples: [
      ['2026-11-19T22:00:12.200000Z INFO ExtHandler ProcessExtensionsGoalState started [incarnation_15 channel: WireServer source: Fabric activity: 1 correlation 2 created: 2026-11-19T22:00:10.000000Z]', { kind: 'goal-state', event: 'processing-started', id: 'incarnation_15', incarnation: 15 }],
      ['2026-11-19T22:00:20.000000Z INFO ExtHandler ProcessExtensionsGoalState completed [incarnation_15 7800 ms]', { kind: 'goal-state', event: 'processing-completed', durationMs: 7800 }],
      ['2023-08-01T10:00:00.000001Z ERROR ExtHandler ExtHandler ProcessExtensionsGoalState failed [etag_123 50 ms]', { kind: 'goal-state', event: 'processing-failed', id: 'etag_123' }],
      ['2021-09-21T10:00:00.000001Z INFO ExtHandler ExtHandler ProcessExtensionsInGoalState completed [Incarnation: 9; 1503 ms; Activity Id: a; Correlation Id: b; GS Creation Time: c]', { kind: 'goal-state', event: 'processing-completed', incarnation: 9, durationMs: 1503 }],
    ],
  },
  {
    id: 'handle-extensions-incarnation',
    starts: ['Handle extensions updates for incarnation'],
    re: /^Handle extensions updates for incarnation (\d+)/,
    build: (m) => ({ kind: 'goal-state', event: 'processing-started', ...gsId(m[1]) }),
    samples: [['2019/11/27 22:22:48.123985 VERBOSE ExtHandler Handle extensions updates for incarnation 3', { kind: 'goal-state', incarnation: 3 }]],
  },
  // 2.1.0–2.1.4 (INFO until 2.1.5 made them verbose, Azure/WALinuxAgent 8ab1f4926): both come only after
  // get_ext_handlers() fetched a new goal state (GET /machine/?comp=goalstate) without a ProtocolError, and
  // "Successfully reported" after the handlers were processed; it is written even when the status report itself
  // failed, so it proves the goal state, not the report (ga/exthandlers.py run(), report_ext_handlers_status())
  {
    id: 'ext-handler-config-21',
    starts: ['Handle new ext handler config'],
    re: /^Handle new ext handler config$/,
    build: () => ({ kind: 'goal-state', event: 'fetched' }),
    // test/cases/neg-ext-263-lad-waagent-healthy (Azure/azure-linux-extensions#263)
    samples: [['2016/10/23 23:06:25.899379 INFO Handle new ext handler config', { kind: 'goal-state', event: 'fetched' }]],
  },
  {
    id: 'vm-agent-status-reported-21',
    starts: ['Successfully reported vm agent status'],
    re: /^Successfully reported vm agent status$/,
    build: () => ({ kind: 'goal-state', event: 'processing-completed' }),
    // test/cases/neg-ext-263-lad-waagent-healthy (Azure/azure-linux-extensions#263)
    samples: [['2016/10/23 23:06:25.990591 INFO Successfully reported vm agent status', { kind: 'goal-state', event: 'processing-completed' }]],
  },
  {
    // the agent's pass over the extensions raised (WALinuxAgent ga/exthandlers.py run()): 2.2.20–2.3 log
    // `WARNING … Exception processing extension handlers: <e>` (v2.2.34 exthandlers.py:250, beside an ExtensionProcessing
    // Event line that 2.2.x also writes), 2.4–2.8 `WARNING … ProcessExtensionsInGoalState - Exception processing extension
    // handlers:<e>` (v2.5.0.2 exthandlers.py:337), 2.9+ the same at ERROR (v2.9.1.1 exthandlers.py:329; 2.4+ send that
    // event only to telemetry, log_event=False). Read as that event, the one fact vm-provisioning-updating reads for the
    // pass failing in every version (Azure/WALinuxAgent#1423, #1565); the 2.4+ form stays a goal-state error too, as its
    // try covers reading the goal state
    id: 'extension-pass-exception',
    starts: ['Exception processing extension handlers', 'ProcessExtensionsInGoalState - Exception processing extension handlers'],
    re: /^(?:ProcessExtensionsInGoalState - )?Exception processing extension handlers: ?(.*)/,
    build: (m) => ({ kind: 'agent-event', name: 'WALinuxAgent', op: 'ExtensionProcessing', message: scrub(`Exception processing extension handlers: ${m[1]}`.slice(0, 300)), decoded: false }),
    samples: [
      // https://github.com/Azure/WALinuxAgent/issues/1423 (axelgMS, 2018-12-13)
      ["2018/12/13 18:51:40.004441 WARNING ExtHandler Exception processing extension handlers: 'NoneType' object is not iterable", { kind: 'agent-event', op: 'ExtensionProcessing', message: "Exception processing extension handlers: 'NoneType' object is not iterable" }],
      // the 2.9+ form as exthandlers.py formats it (no posted line found)
      ['2023-08-01T10:00:00.000001Z ERROR ExtHandler ExtHandler ProcessExtensionsInGoalState - Exception processing extension handlers:[ProtocolError] timeout', { kind: 'agent-event', op: 'ExtensionProcessing', message: 'Exception processing extension handlers: [ProtocolError] timeout' }],
    ],
  },
  {
    id: 'not-all-completed',
    starts: ['A new goal state was received, but not all'],
    re: /^A new goal state was received, but not all the extensions in the previous goal state have completed:? ?(.*)/,
    build: (m) => ({ kind: 'goal-state', event: 'not-all-completed', detail: m[1].slice(0, 300) }),
    samples: [["2023-10-31T17:48:11.306835Z WARNING ExtHandler ExtHandler A new goal state was received, but not all the extensions in the previous goal state have completed: [('Microsoft.Azure.Extensions.CustomScript', 'error')]", { kind: 'goal-state', event: 'not-all-completed' }]],
  },
  {
    id: 'goal-state-error',
    starts: [
      'Error fetching the goal state',
      'Fetching the goal state is still failing',
      'An error occurred while retrieving the goal state',
      'Attempts to retrieve the goal state are failing',
      'Fetching the goal state failed',
      'IOError processing goal state',
      'ProtocolError processing goal state',
      'Exception processing goal state',
      'Exception retrieving extension handlers',
      'ProcessExtensionsInGoalState - Exception',
      'Goal state is stale',
    ],
    re: /^(?!Error fetching the goal state certificates)(?:Error fetching the goal state|Fetching the goal state is still failing|An error occurred while retrieving the goal state|Attempts to retrieve the goal state are failing|Fetching the goal state failed|IOError processing goal state|ProtocolError processing goal state|Exception processing goal state|Exception retrieving extension handlers|ProcessExtensionsInGoalState - Exception|Goal state is stale)/,
    write: (_m, _c, text, out) => {
      // the bare 2.2.4x+ form puts the error on the lines that follow; Microsoft documents it for a VM
      // that cannot reach 168.63.129.16, so it counts as a WireServer failure of its own
      if (/^An error occurred while retrieving the goal state:\s*$/.test(text)) {
        out.draft(gsError(text.slice(0, 400)));
        out.draft({ kind: 'connectivity', endpoint: 'wireserver', ok: false, ...factDetail(msg('detail.goal-state-bare-error')) });
        return 2;
      }
      return putRow(out, GOAL_STATE_ERROR, scrub(text.slice(0, 400)));
    },
    samples: [
      ['2022-12-02T05:45:51.771876Z ERROR ExtHandler ExtHandler Error fetching the goal state: [ProtocolError] [Wireserver Exception] [HttpError] [HTTP Failed] GET http://168.63.129.16/machine/ -- IOError [Errno 104] Connection reset by peer -- 6 attempts made', { kind: 'goal-state-error' }],
      // https://learn.microsoft.com/en-us/troubleshoot/azure/virtual-machines/linux/linux-azure-guest-agent ("Unable to connect to WireServer IP")
      ['2020-10-02T18:11:13.148998Z WARNING ExtHandler ExtHandler An error occurred while retrieving the goal state:', { kind: 'connectivity', endpoint: 'wireserver', ok: false }],
      ['2022-03-29T05:52:10.089958Z WARNING ExtHandler ExtHandler An error occurred while retrieving the goal state: [ProtocolError] GET vmSettings [correlation ID: da106cf5 eTag: 9856274988128027586]: Timeout', { kind: 'goal-state-error' }],
      ['2022-03-29T11:52:10.089958Z WARNING ExtHandler ExtHandler [PERIODIC] Attempts to retrieve the goal state are failing: [ProtocolError] timeout', { kind: 'goal-state-error' }],
      ['2019/11/27 22:22:48.123985 WARNING ExtHandler ProtocolError processing goal state, giving up [[ProtocolError] timeout]', { kind: 'goal-state-error' }],
    ],
  },
  {
    id: 'goal-state-recovered',
    starts: ['Fetching the goal state recovered', 'Retrieving the goal state recovered'],
    re: /^(?:Fetching|Retrieving) the goal state recovered from previous errors/,
    build: (_m, _c, text) => [gsError(text.slice(0, 300), true), { kind: 'connectivity', endpoint: 'wireserver', ok: true, ...factDetail(msg('detail.goal-state-recovered')) }],
    samples: [['2025-09-06T09:20:00.000001Z INFO ExtHandler ExtHandler Fetching the goal state recovered from previous errors. Fetched incarnation_7 (certificates: 1)', { kind: 'goal-state-error', recovered: true }]],
  },
  // connectivity without an [HTTP Failed]/[HTTP Retry] part (those are caught anywhere in the message by the parser)
  {
    id: 'hostplugin-heartbeat-failed',
    starts: ['Error in SendHostPluginHeartbeat', 'Failed to send_host_plugin_heartbeat', 'Exception sending host plugin heartbeat', 'HostGAPlugin: Exception Get API versions', 'HostGAPlugin: Failed Get API versions'],
    re: /^(?:Error in SendHostPluginHeartbeat|Failed to send_host_plugin_heartbeat|Exception sending host plugin heartbeat|HostGAPlugin: (?:Exception|Failed) Get API versions)/,
    build: (_m, _c, msg) => (httpFailureAt(msg) >= 0 ? null : { kind: 'connectivity', endpoint: 'hostgaplugin', ok: false, detail: scrub(msg.slice(0, 300)) }),
    samples: [['2022-09-30T03:09:25.013398Z WARNING MonitorHandler ExtHandler Error in SendHostPluginHeartbeat: [ResourceGoneError] Resource is gone --- [NOTE: Will not log the same error for the next hour]', { kind: 'connectivity', endpoint: 'hostgaplugin', ok: false }]],
  },
  {
    // ≤2.2.17 call_wireserver on a 503 answer (only WireServer calls go through it); later agents write
    // `[HTTP Failed] Status Code 503`, caught by the parser's HTTP part
    id: 'wireserver-unavailable',
    starts: ['Service temporarily unavailable, sleeping'],
    re: /^Service temporarily unavailable, sleeping \d+s/,
    build: (_m, _c, msg) => ({ kind: 'connectivity', endpoint: 'wireserver', ok: false, detail: scrub(msg.slice(0, 300)) }),
    // https://github.com/Azure/WALinuxAgent/issues/797
    samples: [['2017/07/07 11:53:52.216335 WARNING Service temporarily unavailable, sleeping 15s before retrying.', { kind: 'connectivity', endpoint: 'wireserver', ok: false }]],
  },
  {
    // the 2.0.x single-file agent's HttpRequest logs each failed try as `Retry=n`, `HTTP Req: <method> <url>`, ...,
    // `HTTP Err: Status=503` (WALinuxAgent #95). Its WireServer calls (goal state, health every few seconds,
    // certificates) name a path on the endpoint, its storage calls a blob URL on the `HTTP Req` line two lines up,
    // which a record cannot see (facts come from one record); a 503 is read as the WireServer's, the answer restutil
    // later retried as throttling, which no-network-wireserver keeps at medium naming the host as likely. A 2.0.x
    // `HTTP Err: response is empty.` after a `Socket IOError` is not: #110's were status uploads to storage.
    id: 'http-err-503-20',
    starts: ['HTTP Err: Status=503'],
    re: /^HTTP Err: Status=503\b/,
    build: (_m, _c, msg) => ({ kind: 'connectivity', endpoint: 'wireserver', ok: false, detail: `answered HTTP 503: ${scrub(msg.slice(0, 200))}` }),
    // https://github.com/Azure/WALinuxAgent/issues/95 (WALinuxAgent-2.0.14, a POST /machine?comp=health answered 503)
    samples: [['2015/11/04 19:26:19 ERROR:HTTP Err: Status=503', { kind: 'connectivity', endpoint: 'wireserver', ok: false, detail: 'answered HTTP 503: HTTP Err: Status=503' }]],
  },
  {
    id: 'direct-channel-failed',
    starts: ['Request failed using the direct channel', 'Download failed, switching to host plugin', 'Host plugin download failed'],
    re: /^(?:Request failed using the direct channel|Download failed, switching to host plugin|Host plugin download failed)/,
    build: (_m, _c, msg) => (httpFailureAt(msg) >= 0 ? null : { kind: 'connectivity', endpoint: msg.startsWith('Host plugin') ? 'hostgaplugin' : 'storage', ok: false, detail: scrub(msg.slice(0, 300)) }),
    samples: [['2021-03-31T06:43:17.806663Z WARNING ExtHandler ExtHandler Download failed, switching to host plugin', { kind: 'connectivity', endpoint: 'storage', ok: false }]],
  },
  {
    id: 'wire-server-endpoint',
    starts: ['Wire server endpoint:', 'WireServer endpoint '],
    re: /^(?:Wire server endpoint:|WireServer endpoint )\s*(\d{1,3}(?:\.\d{1,3}){3})/,
    build: (m) => discovery('wireserver-endpoint', `WireServer endpoint ${m[1]}`, m[1]),
    samples: [
      ['2021-05-28T01:17:40.683072Z INFO ExtHandler Wire server endpoint:168.63.129.16', { kind: 'endpoint-discovery', event: 'wireserver-endpoint', endpoint: '168.63.129.16' }],
      ['2023-08-01T10:00:00.000001Z INFO Daemon Daemon WireServer endpoint 168.63.129.16 read from file', { kind: 'endpoint-discovery', endpoint: '168.63.129.16' }],
    ],
  },
  // DHCP / endpoint discovery
  {
    id: 'route-exists',
    starts: ['Route to '],
    re: /^Route to (\S+) exists/,
    build: (m) => discovery('route-exists', `route to ${m[1]} exists`, m[1]),
    samples: [['2021/03/30 19:35:36.000001 INFO Daemon Route to 168.63.129.16 exists', { kind: 'endpoint-discovery', event: 'route-exists' }]],
  },
  {
    id: 'no-route',
    starts: ['No route exists to'],
    re: /^No route exists to (\S+)/,
    build: (m) => discovery('no-route', `no route to ${m[1]}`, m[1]),
    samples: [['2021/03/30 19:35:36.000001 WARNING Daemon No route exists to 168.63.129.16', { kind: 'endpoint-discovery', event: 'no-route' }]],
  },
  {
    id: 'dhcp-request-failed',
    starts: ['Failed to send DHCP request', 'Failed to receive dhcp response'],
    re: /^(Failed to send DHCP request|Failed to receive dhcp response)(.*)/i,
    build: (m) => discovery(m[1].startsWith('Failed to send') ? 'dhcp-request-failed' : 'dhcp-no-response', scrub((m[1] + m[2]).slice(0, 300))),
    samples: [['2021/03/30 19:35:37.000001 WARNING Daemon Failed to send DHCP request: [Errno 1] Operation not permitted', { kind: 'endpoint-discovery', event: 'dhcp-request-failed' }]],
  },
  {
    id: 'dhcp-lease',
    starts: ['dhcp entry:'],
    re: /^dhcp entry:(\S*), 245:(\S*), expired:(\S+)/,
    build: (m) =>
      m[2] && m[2] !== 'None' && m[2] !== 'null'
        ? discovery('lease-found', `lease ${m[1]} option 245 ${m[2]} expired ${m[3]}`, m[2])
        : discovery('lease-without-245', `lease ${m[1]} has no option 245 (expired ${m[3]})`),
    samples: [
      ['2021/03/30 19:35:36.000001 INFO Daemon dhcp entry:/var/lib/dhcp/dhclient.eth0.leases, 245:168.63.129.16, expired:False', { kind: 'endpoint-discovery', event: 'lease-found', endpoint: '168.63.129.16' }],
      ['2021/03/30 19:35:36.000001 INFO Daemon dhcp entry:/var/lib/dhcp/dhclient.eth0.leases, 245:None, expired:False', { kind: 'endpoint-discovery', event: 'lease-without-245' }],
    ],
  },
  {
    id: 'hardcoded-endpoint',
    starts: ['Using hardcoded'],
    re: /^Using hardcoded Wire[Ss]erver endpoint (\S+)/,
    build: (m) => discovery('hardcoded-endpoint', `using the hard-coded WireServer endpoint ${m[1]}`, m[1]),
    samples: [['2021/03/30 19:35:38.000001 INFO Daemon Using hardcoded WireServer endpoint 168.63.129.16', { kind: 'endpoint-discovery', event: 'hardcoded-endpoint' }]],
  },
  {
    id: 'dhcp-not-available',
    starts: ['_detect_protocol: DHCP not available', '_detect_wire_protocol: DHCP not available'],
    re: /^_detect_(?:wire_)?protocol: DHCP not available/,
    build: (_m, _c, msg) => discovery('dhcp-not-available', msg.slice(0, 200)),
    samples: [['2021/03/30 19:35:38.000001 INFO Daemon _detect_wire_protocol: DHCP not available', { kind: 'endpoint-discovery', event: 'dhcp-not-available' }]],
  },
  {
    id: 'dhcp-discovery-disabled',
    starts: ['send_dhcp_req: DHCP usage', '_detect_protocol: DHCP usage'],
    re: /^(?:send_dhcp_req|_detect_protocol): DHCP usage for endpoint discovery is disabled/,
    build: (_m, _c, msg) => discovery('dhcp-discovery-disabled', msg.slice(0, 300)),
    samples: [['2025-09-01T10:00:00.000001Z INFO Daemon Daemon send_dhcp_req: DHCP usage for endpoint discovery is disabled (Protocol.EndpointDiscovery=wireserver). Will use known wireserver endpoint.', { kind: 'endpoint-discovery', event: 'dhcp-discovery-disabled' }]],
  },
  {
    id: 'protocol-not-found',
    starts: ['Protocol endpoint not found', 'No protocol found'],
    re: /^(?:Protocol endpoint not found|No protocol found)(.*)/,
    build: (_m, _c, msg) => discovery('protocol-not-found', scrub(msg.slice(0, 300))),
    samples: [['2021/03/30 19:36:38.000001 INFO Daemon Protocol endpoint not found: WireProtocol, [ProtocolError] Failed to receive dhcp response', { kind: 'endpoint-discovery', event: 'protocol-not-found' }]],
  },
  {
    id: 'dhcp-client-not-running',
    starts: ['Dhcp client is not running'],
    re: /^Dhcp client is not running/,
    build: () => discovery('dhcp-client-not-running', 'DHCP client is not running'),
    samples: [['2021-07-29T04:40:17.190879Z WARNING EnvHandler ExtHandler Dhcp client is not running.', { kind: 'endpoint-discovery', event: 'dhcp-client-not-running' }]],
  },
  // self-update
  {
    id: 'update-discovered',
    starts: ['Agent WALinuxAgent-', 'Discovered new', 'Self-update discovered new'],
    re: new RegExp(`^(?:Agent ${AGENT} discovered update ${AGENT}|(?:Self-update discovered|Discovered) new \\w+ upgrade (?:WALinuxAgent-)?${VER})`),
    build: (m, _c, msg) => update('discovered', msg.slice(0, 300), m[2] ?? m[3]),
    samples: [
      ['2021/03/30 19:40:00.000001 INFO ExtHandler Agent WALinuxAgent-2.2.45 discovered update WALinuxAgent-2.2.53.1 -- exiting', { kind: 'agent-update', event: 'discovered', version: '2.2.53.1' }],
      ['2024-03-27T10:00:00.000001Z INFO ExtHandler ExtHandler Self-update discovered new Normal upgrade WALinuxAgent-2.10.0.8; Will upgrade on or after 2024-03-28 10:00:00', { kind: 'agent-update', event: 'discovered', version: '2.10.0.8' }],
    ],
  },
  {
    id: 'update-upgrading',
    starts: ['Hotfix Agent upgrade', 'Normal Agent upgrade', 'Current Agent '],
    re: new RegExp(`^(?:\\w+ Agent upgrade discovered, updating to ${AGENT}|Current Agent \\S+ completed all update checks, exiting current process to \\w+ to the new Agent version ${VER})`),
    build: (m, _c, msg) => update('upgrading', msg.slice(0, 300), m[1] ?? m[2]),
    samples: [['2024-03-27T10:00:00.000001Z INFO ExtHandler ExtHandler Current Agent 2.8.9.9 completed all update checks, exiting current process to upgrade to the new Agent version 2.10.0.7', { kind: 'agent-update', event: 'upgrading', version: '2.10.0.7' }]],
  },
  {
    id: 'update-failed',
    starts: ['Agent WALinuxAgent-', 'Exception retrieving agent manifests', 'Unable to update Agent'],
    re: new RegExp(`^(?:Agent ${AGENT} install failed with exception|Exception retrieving agent manifests|Unable to update Agent)`),
    build: (m, _c, msg) => update('failed', msg.slice(0, 300), m[1]),
    samples: [
      ['2021/03/30 19:40:00.000001 WARNING ExtHandler Agent WALinuxAgent-2.2.53.1 install failed with exception: [Errno 28] No space left on device', { kind: 'agent-update', event: 'failed', version: '2.2.53.1' }],
      ['2024-03-27T10:00:00.000001Z WARNING ExtHandler ExtHandler Unable to update Agent: [AgentUpdateError] timed out', { kind: 'agent-update', event: 'failed' }],
    ],
  },
  {
    id: 'update-blacklisted',
    starts: ['Agent WALinuxAgent-'],
    re: new RegExp(`^Agent ${AGENT} is (?:permanently blacklisted|permanently disabled|blacklisted - skipping download)`),
    build: (m, _c, msg) => update('blacklisted', msg.slice(0, 300), m[1]),
    samples: [['2021/03/30 19:40:00.000001 WARNING ExtHandler Agent WALinuxAgent-2.2.53.1 is permanently blacklisted', { kind: 'agent-update', event: 'blacklisted', version: '2.2.53.1' }]],
  },
  {
    id: 'update-downgrade-refused',
    starts: ['[AgentUpdateError]'],
    re: /^\[AgentUpdateError\] .*downgrad/,
    build: (_m, _c, msg) => update('downgrade-refused', msg.slice(0, 300)),
    samples: [['2023-07-11T02:28:21.249836Z WARNING ExtHandler ExtHandler [AgentUpdateError] The Agent received a request to downgrade to version 1.4.0.0, but downgrading to a version less than the Agent installed on the image (1.4.0.1) is not supported. Skipping downgrade.', { kind: 'agent-update', event: 'downgrade-refused' }]],
  },
  {
    id: 'update-purged',
    starts: ['Purging outdated Agent'],
    re: /^Purging outdated Agent (?:file|directory) (\S+)/,
    build: (m, _c, msg) => update('purged', msg.slice(0, 300), /WALinuxAgent-(\d+(?:\.\d+)+)/.exec(m[1])?.[1]),
    samples: [['2023-08-01T10:00:00.000001Z INFO ExtHandler ExtHandler Purging outdated Agent directory /var/lib/waagent/WALinuxAgent-2.2.53.1', { kind: 'agent-update', event: 'purged', version: '2.2.53.1' }]],
  },
  // provisioning
  {
    id: 'provisioning',
    starts: ['Provisioning', 'Starting provisioning', 'Running default provisioning handler', 'Running CloudInit provisioning handler', 'Finished provisioning', 'Using cloud-init for provisioning'],
    re: /^(Provisioning is disabled|Provisioning already completed|Starting provisioning|Running (?:default|CloudInit) provisioning handler|Provisioning complete|Provisioning succeeded|Finished provisioning|Provisioning failed|Provisioning with cloud-init failed|Using cloud-init for provisioning)/,
    build: (m, _c, msg) => {
      const s = m[1];
      const event = s.startsWith('Provisioning is disabled')
        ? 'disabled'
        : s.startsWith('Provisioning already')
          ? 'skipped'
          : /failed/.test(s)
            ? 'failed'
            : /complete|succeeded|Finished/.test(s)
              ? 'succeeded'
              : s.startsWith('Using cloud-init')
                ? 'cloud-init'
                : 'started';
      return provisioning(event, scrub(msg.slice(0, 300)));
    },
    samples: [
      ['2026-11-15T07:59:58.000001Z INFO Daemon Daemon Provisioning already completed, skipping.', { kind: 'provisioning', event: 'skipped' }],
      ['2021/03/30 19:35:40.000001 ERROR Daemon Provisioning failed: [ProvisionError] timeout (300s)', { kind: 'provisioning', event: 'failed' }],
      ['2021/03/30 19:35:40.000001 INFO Daemon Provisioning is disabled, skipping.', { kind: 'provisioning', event: 'disabled' }],
    ],
  },
  // certificates
  {
    id: 'certificate-problem',
    starts: ['Failed to decrypt', 'Error converting PFX to PEM', 'Error fetching the goal state certificates', 'Certificate required by goal state is not on disk'],
    re: /^(?:Failed to decrypt|Error converting PFX to PEM|Error fetching the goal state certificates|Certificate required by goal state is not on disk)/,
    write: (_m, c, msg, out) => {
      // (a PFX → PEM that fails says why on its next lines: FIPS refusing the cipher, #3489)
      const why = opensslWhy(msg, c);
      return putRow(out, CERTIFICATE, scrub(why && !msg.includes(why) ? `${msg.slice(0, 280 - why.length)} — ${why}` : msg.slice(0, 300)));
    },
    samples: [
      ['2025-07-31T19:06:59.878313Z ERROR Daemon Daemon Failed to decrypt /var/lib/waagent/Certificates.p7m (return code: 1)', { kind: 'certificate-problem' }],
      ['2025-07-30T02:15:50.694099Z ERROR ExtHandler Error fetching the goal state certificates: Cannot convert PFX to PEM', { kind: 'certificate-problem' }],
      // https://github.com/Azure/WALinuxAgent/pull/3197 (OpenSSL 3 leaving stale output after a failed decryption)
      ['2024-08-28T00:22:15.391660Z ERROR ExtHandler ExtHandler Failed to decrypt /var/lib/waagent/Certificates.p7m (return code: 1)', { kind: 'certificate-problem' }],
      // https://github.com/Azure/WALinuxAgent/issues/3489 (RHEL 9 in FIPS mode, agent 2.14.0.1: DES-EDE3-CBC unsupported)
      ["2025-11-05T11:13:06.426477Z WARNING Daemon Error converting PFX to PEM [-nomacver: True]: '/usr/bin/openssl pkcs12 -nodes -password pass: -in /var/lib/waagent/Certificates.pfx -out /var/lib/waagent/Certificates.pem -nomacver' failed: 1 (Error outputting keys and certificates", { kind: 'certificate-problem' }],
    ],
  },
  {
    id: 'tenant-cert-out-of-sync',
    // 2.11+: the goal state names a certificate the VM does not hold (the extension cannot decrypt its settings)
    starts: ['The extensions goal state is out of sync with the tenant cert', 'The extensions are still out of sync with the tenant cert'],
    re: /^The extensions (?:goal state is|are still) out of sync with the tenant cert/,
    build: (_m, _c, msg) => cert(msg.slice(0, 300)),
    samples: [
      // https://github.com/Azure/WALinuxAgent/blob/master/tests_e2e/tests/lib/agent_log.py (records the developers saw on test VMs)
      ['2025-06-25T22:25:46.077469Z WARNING ExtHandler ExtHandler The extensions goal state is out of sync with the tenant cert. Certificate 60D73AC8321A3B6898C9E4269CEE3AE2A8A49102, needed by Microsoft.GuestConfiguration.ConfigurationforLinux, is missing.', { kind: 'certificate-problem' }],
    ],
  },
  {
    id: 'openssl-command-failed',
    /*
     * The agent shells out to openssl for every certificate step (transport key pair, Certificates.p7m
     * decryption, PFX → PEM, public keys and thumbprints). How a failed command is logged changed
     * with the agent: `run cmd '…' failed` (2.2.0–2.2.13), `Command: '…'` then `Return code:` lines
     * (2.2.14–2.2.2x), `Command: […], return code: […], result: […]` / `Command […] raised unexpected
     * exception` (2.2.3x+), `Command: […], return code: […], stdout: […] stderr: […]` (run_command),
     * `Failed to create … certificates` (transport key pair), `Error in transport decryption` (2.12+),
     * and the 2.0.x agent's `Certificates.Parse: Failed to extract certificates from CMS message`.
     * Only certificate commands count (openssl, or a cms/smime/pkcs12 step on the agent's key and
     * certificate files: with `OS.OpensslPath=None` copied verbatim the command starts with `None`);
     * an unrelated failed command says nothing about certificates.
     */
    starts: ['run cmd ', 'Command: ', 'Command [', 'Failed to create ', 'Error in transport decryption', 'Certificates.Parse: Failed', 'Missing required dependency: openssl'],
    re: /^(?:run cmd '(?=[^']*(?:openssl|cms -decrypt|smime|pkcs12|Certificates\.p7m|TransportPrivate))([^']*)' failed|Command:? [['](?=[^\]']*(?:openssl|cms -decrypt|smime|pkcs12|Certificates\.p7m|TransportPrivate))([^\]']*)|Failed to create \S+ and \S+ certificates|Error in transport decryption|Certificates\.Parse: Failed to extract certificates|Missing required dependency: openssl)/,
    build: (m, c, msg) => {
      if (!(m[1] ?? m[2])) return cert(msg.slice(0, 300));
      // the command cut so that why it failed fits beside it (OPENSSL_WHY: it says which fix applies)
      const why = opensslWhy(msg, c);
      const command = (m[1] ?? m[2] ?? '').trim().slice(0, why ? 280 - why.length : 285);
      return cert(`openssl failed: ${command}${why ? ` — ${why}` : ''}`);
    },
    samples: [
      // https://github.com/Azure/WALinuxAgent/issues/668 (RHEL 6.8 with FIPS on, agent 2.2.x)
      ["2017/04/12 20:45:37.445520 ERROR run cmd '/usr/bin/openssl cms -decrypt -in /var/lib/waagent/Certificates.p7m -inkey /var/lib/waagent/TransportPrivate.pem -recip /var/lib/waagent/TransportCert.pem | /usr/bin/openssl pkcs12 -nodes -password pass: -out /var/lib/waagent/Certificates.pem' failed", { kind: 'certificate-problem' }],
      // https://github.com/Azure/WALinuxAgent/issues/760 (CentOS 6.7 with FIPS, agent 2.2.13)
      ["2017/06/22 06:59:00.412282 ERROR Command: '/usr/bin/openssl cms -decrypt -in /var/lib/waagent/Certificates.p7m -inkey /var/lib/waagent/TransportPrivate.pem -recip /var/lib/waagent/TransportCert.pem | /usr/bin/openssl pkcs12 -nodes -password pass: -out /var/lib/waagent/Certificates.pem'", { kind: 'certificate-problem' }],
      // https://github.com/Azure/WALinuxAgent/issues/763 (OS.OpensslPath copied with its comment: the shell runs `None`)
      ["2017/06/16 04:02:34.893131 ERROR Command: 'None                     # If \"None\", the system default version is used. cms -decrypt -in /var/lib/waagent/Certificates.p7m -inkey /var/lib/waagent/TransportPrivate.pem -recip /var/lib/waagent/TransportCert.pem'", { kind: 'certificate-problem' }],
      // https://github.com/Azure/WALinuxAgent/issues/1788 (RHEL 8.2, OS.EnableFIPS=y, daemon 2.2.38; the line as posted, cut in the result)
      ['2020/02/21 23:26:37.602290 ERROR Daemon Command: [/usr/bin/openssl req -x509 -nodes -subj /CN=LinuxTransport -days 730 -newkey rsa:2048 -keyout /var/lib/waagent/TransportPrivate.pem -out /var/lib/waagent/TransportCert.pem], return code: [1], result: [FIPS mode', { kind: 'certificate-problem', detail: 'openssl failed: /usr/bin/openssl req -x509 -nodes -subj /CN=LinuxTransport -days 730 -newkey rsa:2048 -keyout /var/lib/waagent/TransportPrivate.pem -out /var/lib/waagent/TransportCert.pem — FIPS mode' }],
      // https://github.com/Azure/WALinuxAgent/issues/2703 (no openssl binary: the shell's exit 127; the poster's paste ends the line there)
      ['2022-11-11T01:24:18.577282Z ERROR ExtHandler Command: [/usr/bin/openssl req -x509 -nodes -subj /CN=LinuxTransport -days 730 -newkey rsa:2048 -keyout /var/lib/waagent/TransportPrivate.pem -out /var/lib/waagent/TransportCert.pem], return code: [127],', { kind: 'certificate-problem', detail: 'openssl failed: /usr/bin/openssl req -x509 -nodes -subj /CN=LinuxTransport -days 730 -newkey rsa:2048 -keyout /var/lib/waagent/TransportPrivate.pem -out /var/lib/waagent/TransportCert.pem — return code: [127]' }],
    ],
  },
  {
    id: 'openssl-result',
    /*
     * Agents 2.2.14–2.2.2x log a failed command as three records, `Command: '…'`, `Return code: N` and `Result: …`
     * (its output, continued on the lines after it): the result is where openssl says why it failed. Only a result that
     * says one of OPENSSL_WHY's reasons is a certificate problem (other commands' results are not).
     */
    starts: ['Result:'],
    re: /^Result:/,
    build: (_m, c, msg) => {
      const why = opensslWhy(msg, c);
      return why ? cert(`openssl result: ${why}`) : null;
    },
    samples: [
      // https://github.com/Azure/WALinuxAgent/issues/763 (OS.OpensslPath copied with its comment)
      ['2017/06/16 04:02:34.907113 ERROR Result: /bin/sh: 1: None: not found', { kind: 'certificate-problem', detail: 'openssl result: None: not found' }],
      // https://github.com/Azure/WALinuxAgent/issues/1402 (the FIPS openssl build's configuration file missing)
      ['2018/11/22 14:54:37.245136 ERROR Result: WARNING: can\'t open config file: /FIPS/1.0.2l-plus/Linux_x86_64/ssl/openssl.cnf', { kind: 'certificate-problem', detail: "openssl result: can't open config file: /FIPS/1.0.2l-plus/Linux_x86_64/ssl/openssl.cnf" }],
    ],
  },
  // extension processing (per-extension logger lines carry the handler in their prefix)
  {
    id: 'target-handler-state',
    starts: ['Target handler state:', 'Expected handler state:'],
    re: /^(?:Target|Expected) handler state: (\w+)(?: \[([^\]]*)\])?/,
    write: (m, c, _msg, out) => {
      if (!c.extension) return 0;
      return putRow(out, TARGET_STATE, c.extension, c.extensionVersion || undefined, m[1], m[2] ? gsIdText(m[2]) : undefined);
    },
    samples: [
      ['2026-11-19T22:00:12.300000Z INFO ExtHandler [Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9225.0] Target handler state: enabled [incarnation_15]', { kind: 'extension-target-state', handler: 'Microsoft.Azure.RecoveryServices.VMSnapshotLinux', version: '1.0.9225.0', state: 'enabled', goalStateId: 'incarnation_15' }],
      ['2021-03-30T19:45:33.793213Z INFO ExtHandler [Microsoft.Azure.Security.Monitoring.AzureSecurityLinuxAgent-2.14.64] Target handler state: enabled [incarnation 3]', { kind: 'extension-target-state', state: 'enabled', goalStateId: 'incarnation_3' }],
    ],
  },
  {
    id: 'extension-operation-started',
    starts: ['Enable extension', 'Disable extension', 'Install extension', 'Update extension', 'Uninstall extension'],
    re: /^(Enable|Disable|Install|Update|Uninstall) extension:? \[([^\]]*)\]/,
    build: (m, c) => {
      const op = opOf(m[1]);
      return c.extension && op ? { kind: 'extension-operation', handler: c.extension, ...(c.extensionVersion ? { version: c.extensionVersion } : {}), op, outcome: 'started', detail: scrub(m[2]) } : null;
    },
    samples: [
      ['2026-11-19T22:00:12.500000Z INFO ExtHandler [Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9225.0] Enable extension: [bin/handle.sh enable]', { kind: 'extension-operation', op: 'enable', outcome: 'started', handler: 'Microsoft.Azure.RecoveryServices.VMSnapshotLinux' }],
      ['2019/11/27 22:22:48.123985 INFO [Microsoft.OSTCExtensions.VMAccessForLinux-1.5.3] Install extension [vmaccess.py -install]', { kind: 'extension-operation', op: 'install', outcome: 'started' }],
    ],
  },
  {
    id: 'extension-executing-command',
    starts: ['Executing command:'],
    re: /^Executing command: (\S+) (-?\w+)(?: \S+)* with environment variables: (.*)/,
    build: (m, c) => {
      const op = opOf(m[2]);
      const seq = /"ConfigSequenceNumber":\s*"?(\d+)/.exec(m[3]);
      return c.extension && op
        ? { kind: 'extension-operation', handler: c.extension, ...(c.extensionVersion ? { version: c.extensionVersion } : {}), op, outcome: 'started', detail: scrub(`${m[1]} ${m[2]}`), ...(seq ? { seqNo: Number(seq[1]) } : {}) }
        : null;
    },
    samples: [
      [
        '2026-11-19T22:00:12.510000Z INFO ExtHandler [Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9225.0] Executing command: /var/lib/waagent/Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9225.0/main/handle.sh enable with environment variables: {"AZURE_GUEST_AGENT_UNINSTALL_CMD_EXIT_CODE": "NOT_RUN", "ConfigSequenceNumber": "15", "AZURE_GUEST_AGENT_EXTENSION_VERSION": "1.0.9225.0"}',
        { kind: 'extension-operation', op: 'enable', outcome: 'started', seqNo: 15 },
      ],
    ],
  },
  {
    id: 'extension-command-completed',
    starts: ['Command: '],
    re: /^Command: (\S+) (-?\w+)/,
    build: (m, c) => {
      const op = opOf(m[2]);
      return c.extension && op ? { kind: 'extension-operation', handler: c.extension, ...(c.extensionVersion ? { version: c.extensionVersion } : {}), op, outcome: 'succeeded', detail: scrub(`${m[1]} ${m[2]}`) } : null;
    },
    samples: [['2026-11-15T22:00:14.000000Z INFO ExtHandler [Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9225.0] Command: main/handle.sh enable', { kind: 'extension-operation', op: 'enable', outcome: 'succeeded' }]],
  },
  {
    id: 'extension-status-missing',
    starts: ['This status is being reported by the Guest Agent', "We couldn't read any status for", 'No handler status found for'],
    re: /^(?:This status is being reported by the Guest Agent since no status file was reported by extension ([^:\s]+)|We couldn't read any status for (\S+) extension|No handler status found for (\S+?)\.)/,
    write: (m, _c, msg, out) => putRow(out, STATUS_PROBLEM, m[1] ?? m[2] ?? m[3], scrub(msg.slice(0, 300))),
    samples: [['2023-10-31T17:47:07.689083Z WARNING ExtHandler ExtHandler [PERIODIC] This status is being reported by the Guest Agent since no status file was reported by extension Microsoft.Azure.Monitor.AzureMonitorLinuxAgent: [ExtensionStatusError] Status file /var/lib/waagent/x/status/6.status does not exist', { kind: 'extension-status-problem', handler: 'Microsoft.Azure.Monitor.AzureMonitorLinuxAgent' }]],
  },
  {
    id: 'extension-error-line',
    /*
     * A per-extension logger line carrying the handler error itself (2.2.x before failures became
     * `Event:` records, and the WARNING some versions log besides the event): `[ExtensionError]
     * Timeout(300): bin/custom-script-shim enable`, `[ExtensionError] Non-zero exit code: 1, …`,
     * `[ExtensionOperationError] …`, `[ExtensionDownloadError] …`. The operation is the command's verb.
     */
    starts: ['[ExtensionError]', '[ExtensionOperationError]', '[ExtensionDownloadError]', '[ExtensionUpdateError]'],
    re: HANDLER_ERROR_RE,
    build: handlerErrorDraft,
    samples: [
      // https://github.com/Azure/custom-script-extension-linux/issues/139 (agent 2.2.29, the enable command killed after 300 s)
      ['2018/07/23 02:26:26.444870 WARNING [Microsoft.Azure.Extensions.CustomScript-2.0.6] [ExtensionError] Timeout(300): bin/custom-script-shim enable', { kind: 'extension-operation', handler: 'Microsoft.Azure.Extensions.CustomScript', op: 'enable', outcome: 'timed-out' }],
      // https://github.com/Azure/azure-linux-extensions/issues/946 (the handler error as posted, without its record head: the Backup handler finds no python)
      ['[ExtensionOperationError] Non-zero exit code: 3, /var/lib/waagent/Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9156.0/main/handle.sh install', { kind: 'extension-operation', handler: 'Microsoft.Azure.RecoveryServices.VMSnapshotLinux', op: 'install', exitCode: 3 }],
    ],
  },
  {
    id: 'deployment-error-handler',
    /*
     * The deployment error that quotes the agent's verdict on a handler command, pasted from the az CLI, the
     * portal or a deployment's JSON: `Deployment failed. Correlation ID: … The handler for VM extension type 'X'
     * has reported terminal failure for VM extension 'Y' with error message: '[ExtensionOperationError] Non-zero
     * exit code: 1, /var/lib/waagent/X-1.2/install.sh …`. The quoted text is the agent's own handler error.
     */
    starts: ['Deployment failed', 'The handler for VM extension', '{"code":"DeploymentFailed"', '{ "code": "DeploymentFailed"'],
    re: AGENT_VERDICT_RE,
    build: (m, c, msg) => verdictDraft(m, c, msg),
    samples: [
      // https://github.com/chef-partners/azure-chef-extension/issues/334 (az CLI, Ubuntu 20.04: the handler's install.sh exits 1)
      [
        "Deployment failed. Correlation ID: 7ca42ed1-b452-46e1-a23c-7fbd5c862e80. The handler for VM extension type 'Chef.Bootstrap.WindowsAzure.LinuxChefClient' has reported terminal failure for VM extension 'LinuxChefClient' with error message: '[ExtensionOperationError] Non-zero exit code: 1, /var/lib/waagent/Chef.Bootstrap.WindowsAzure.LinuxChefClient-1210.13.4.2/install.sh",
        { kind: 'extension-operation', handler: 'Chef.Bootstrap.WindowsAzure.LinuxChefClient', op: 'install', outcome: 'failed', exitCode: 1 },
      ],
      // https://github.com/chef-partners/azure-chef-extension/issues/355 (the start of the deployment's JSON as posted, RHEL 8.3: no python for install.sh)
      [
        '{"code":"DeploymentFailed","message":"At least one resource deployment operation failed. Please list deployment operations for details. Please see https://aka.ms/DeployOperations for usage details.","details":[{"code":"VMExtensionHandlerNonTransientError","message":"The handler for VM extension type \'Chef.Bootstrap.WindowsAzure.LinuxChefClient\' has reported terminal failure for VM extension \'LinuxChefExtension\' with error message: \'[ExtensionOperationError] Non-zero exit code: 1, /var/lib/waagent/Chef.Bootstrap.WindowsAzure.LinuxChefClient-1210.12.110.1002/install.sh\\n[stdout]\\n\\n\\n[stderr]\\n/var/lib/waagent/Chef.Bootstrap.WindowsAzure.LinuxChefClient-1210.12.110.1002/bin/shared.sh: line 5: python: command not found',
        { kind: 'extension-operation', handler: 'Chef.Bootstrap.WindowsAzure.LinuxChefClient', op: 'install', outcome: 'failed', exitCode: 1 },
      ],
    ],
  },
  {
    id: 'handler-state-files-failed',
    // the agent cannot write or read a handler's state files (the handler directory is gone or unwritable)
    starts: ['Failed to save handler status', 'Failed to set state', 'Failed to get state', 'Failed to get handler status', 'Failed to report extension status', 'Failed to create extension log dir'],
    re: /^Failed to (?:save handler status|set state|get state|get handler status|report extension status|create extension log dir)/,
    build: (_m, c, msg) => (c.extension ? { kind: 'extension-status-problem', handler: c.extension, detail: scrub(msg.slice(0, 300)) } : null),
    samples: [
      // https://github.com/Azure/WALinuxAgent/issues/1449
      ["2019/01/29 10:10:25.438763 ERROR [Microsoft.HpcPack.HpcAcmAgent-1.0.44.0] Failed to save handler status: [Errno 2] No such file or directory: '/var/lib/waagent/Microsoft.HpcPack.HpcAcmAgent-1.0.44.0/config/HandlerStatus'", { kind: 'extension-status-problem', handler: 'Microsoft.HpcPack.HpcAcmAgent' }],
    ],
  },
  {
    id: 'dependent-extension-failed',
    /*
     * Extension sequencing: an extension that failed or never reached a terminal state holds back the
     * rest of the goal state (2.2.x `Extension X did not reach a terminal state within the allowed
     * timeout. Last status was Y` / `Extension X did not succeed. Status was Y`; 2.5+ `Dependent
     * extension X failed or timed out, will skip processing the rest of the extensions`).
     */
    starts: ['Dependent extension ', 'Extension '],
    re: /^(?:Dependent extension (\S+) failed or timed out|Extension (\S+) did not (reach a terminal state|succeed))/,
    build: (m, _c, msg) => {
      const handler = (m[1] ?? m[2]).replace(/[.,]$/, '');
      return { kind: 'extension-operation', handler, op: 'enable', outcome: m[3]?.startsWith('reach') ? 'timed-out' : 'failed', detail: scrub(msg.slice(0, 300)) };
    },
    samples: [
      // https://github.com/Azure/WALinuxAgent/blob/master/tests_e2e/tests/lib/agent_log.py
      ['2023-10-31T17:46:59.675959Z WARNING ExtHandler ExtHandler Dependent extension Microsoft.Azure.Extensions.CustomScript failed or timed out, will skip processing the rest of the extensions', { kind: 'extension-operation', handler: 'Microsoft.Azure.Extensions.CustomScript', outcome: 'failed' }],
    ],
  },
];

/** Strips the wrappers that precede many messages (`[PERIODIC] `, `******** … ********`). */
export function unwrap(msg: string): string {
  let s = msg;
  if (s.startsWith('[PERIODIC] ')) s = s.slice(11);
  if (s.startsWith('*')) {
    s = s.replace(/^\*+\s*/, '');
    // the closing stars by hand: an unanchored `\s*\*+\s*$` rescans every run of spaces (quadratic)
    let end = s.trimEnd().length;
    const stars = end;
    while (end > 0 && s[end - 1] === '*') end--;
    if (end < stars) s = s.slice(0, end).trimEnd();
  }
  return s;
}

/**
 * An entry as the dispatch tries it: `start` tells whether a message begins with one of its starts, as one anchored
 * regex (`null`: an entry with an empty start, tried on every message): `String#startsWith` cost ~100 ns a call on
 * Node 20, more than the regex for all of an entry's starts.
 */
interface Candidate {
  readonly entry: CatalogueEntry;
  readonly start: RegExp | null;
}
const candidate = (e: CatalogueEntry): Candidate => ({
  entry: e,
  start: e.starts.length && e.starts[0] !== '' ? new RegExp(`^(?:${e.starts.map(escapeRegExp).join('|')})`) : null,
});

/** Runs entry `c` on the (unwrapped) message: its facts go to `out` when a start and its regex match. Returns how many. */
function runEntry(c: Candidate, msg: string, ctx: MatchContext, out: FactOut): number {
  if (c.start !== null && !c.start.test(msg)) return 0;
  return runMatched(c.entry, msg, ctx, out);
}

/** Runs entry `e` on a message known to begin with one of its starts. Returns how many facts it wrote. */
function runMatched(e: CatalogueEntry, msg: string, ctx: MatchContext, out: FactOut): number {
  const m = e.re.exec(msg);
  if (!m) return 0;
  if (e.write) return e.write(m, ctx, msg, out);
  const r = e.build?.(m, ctx, msg);
  if (Array.isArray(r)) for (let i = 0; i < r.length; i++) out.draft(r[i]);
  else if (r) out.draft(r);
  return Array.isArray(r) ? r.length : r ? 1 : 0;
}

/** Two-character dispatch: the first two chars of an (unwrapped) message → the entries that may match. */
const DISPATCH = new Map<string, CatalogueEntry[]>();
/** Entries with an empty start are tried on every message whose text contains their marker. */
const ANY: Candidate[] = [];
for (const e of CATALOGUE) {
  for (const s of e.starts) {
    if (s === '') {
      if (!ANY.some((c) => c.entry === e)) ANY.push(candidate(e));
      continue;
    }
    const k = s.slice(0, 2);
    const list = DISPATCH.get(k) ?? [];
    if (!list.includes(e)) list.push(e);
    DISPATCH.set(k, list);
  }
}

const pairKey = (s: string) => s.charCodeAt(0) * 256 + s.charCodeAt(1);
/** DISPATCH by the two characters' codes (`pairKey`; every start is ASCII), what matchMessageInto looks up: an array, not a map, read per message. */
const DISPATCH_CODE: (Candidate[] | undefined)[] = new Array<Candidate[] | undefined>(1 << 16).fill(undefined);
for (const [k, list] of DISPATCH) DISPATCH_CODE[pairKey(k)] = list.map(candidate);

/** Messages whose wrapper or form is read after decoding: `[PERIODIC] …`, `******** … ********` banners, `Event: …`. */
const DECODE_ALWAYS = new Uint8Array(1 << 16);
for (const k of ['[P', '**', 'Ev']) DECODE_ALWAYS[pairKey(k)] = 1;

/**
 * The starts of the entries dispatched on one pair of first bytes (`pairKey`), as bytes, and the candidates a message
 * that begins with some of them runs, by the set of those it begins with (bit j: `bytes[j]`), in the order
 * `matchMessageInto` tries them: what each candidate's start regex would answer, from the bytes.
 */
interface PairStarts {
  readonly bytes: readonly Buffer[];
  /**
   * Each start's last four bytes as `getInt32` reads them (0 for a start shorter than four bytes): compared first, a
   * message that shares a start's beginning (`Goal state incarnation_0 is unchanged` and `Goal state is stale`) is
   * told from it by one read.
   */
  readonly tails: Int32Array;
  /** Per candidate of the pair (DISPATCH_CODE's order), the set of the starts it has. */
  readonly startsOf: readonly number[];
  readonly cands: readonly Candidate[];
  readonly byStarts: Map<number, readonly Candidate[]>;
}
const PAIR_STARTS: (PairStarts | undefined)[] = new Array<PairStarts | undefined>(1 << 16).fill(undefined);
for (const e of CATALOGUE) {
  // (what the dispatch from bytes relies on: a start is ASCII, so its bytes are its characters; is no wrapper, so a
  // message that begins with it is its own unwrapped text; and an entry with an empty start is tried on every message)
  for (const s of e.starts) {
    if (/[^\x20-\x7e]/.test(s) || s.length === 1 || s.startsWith('*') || s.startsWith('[PERIODIC]') || (s === '' && e.starts.length > 1)) {
      throw new Error(`catalogue entry ${e.id}: start ${JSON.stringify(s)} cannot be dispatched from bytes`);
    }
  }
}
for (const [k, list] of DISPATCH) {
  const cands = DISPATCH_CODE[pairKey(k)]!;
  const bytes: Buffer[] = [];
  const startsOf = list.map((e) => {
    let set = 0;
    for (const s of e.starts) {
      if (s.slice(0, 2) !== k) continue;
      let j = bytes.findIndex((b) => b.toString('latin1') === s);
      if (j < 0) j = bytes.push(Buffer.from(s, 'latin1')) - 1;
      set |= 1 << j;
    }
    return set;
  });
  if (bytes.length > 30) throw new Error(`more than 30 catalogue starts begin with ${k}`);
  const tails = Int32Array.from(bytes, (b) => (b.length >= 4 ? int32At(b, b.length - 4) : 0));
  PAIR_STARTS[pairKey(k)] = { bytes, tails, startsOf, cands, byStarts: new Map() };
}

/**
 * What `matchMessageInto` runs on a message, decided from its bytes before any string exists (`dispatchAt`): the
 * candidates whose starts it begins with, or BY_TEXT (its wrapper or form is read after decoding).
 */
export type Dispatch = readonly Candidate[];
export const BY_TEXT: Dispatch = [];

/** Whether the start `word` (its last four bytes: `tail`) stands at `buf[ms]`, whose first two bytes are known to be its own. */
function startAt(buf: Buffer, ms: number, end: number, word: Buffer, tail: number): boolean {
  const n = word.length;
  if (ms + n > end) return false;
  if (n < 4) return n === 2 || buf[ms + 2] === word[2];
  if (viewOf(buf).getInt32(ms + n - 4) !== tail) return false;
  for (let k = 2; k < n - 4; k++) if (buf[ms + k] !== word[k]) return false;
  return true;
}

/**
 * The catalogue entries the message at `buf[ms, end)` may match (`matchMessageInto`), or null when it can match none:
 * it starts with no entry's start nor with a wrapper that is unwrapped after decoding (BY_TEXT). Read from the raw
 * bytes, so the noise of a verbose log (a request and a response line every few seconds) is never decoded.
 */
export function dispatchAt(buf: Buffer, ms: number, end: number): Dispatch | null {
  if (ms + 1 >= end) return null;
  const key = buf[ms] * 256 + buf[ms + 1];
  if (DECODE_ALWAYS[key] === 1) return BY_TEXT;
  const pair = PAIR_STARTS[key];
  if (pair === undefined) return null;
  const bytes = pair.bytes;
  let set = 0;
  for (let j = 0; j < bytes.length; j++) if (startAt(buf, ms, end, bytes[j], pair.tails[j])) set |= 1 << j;
  if (set === 0) return null;
  let cands = pair.byStarts.get(set);
  if (cands === undefined) {
    cands = pair.cands.filter((_, i) => (pair.startsOf[i] & set) !== 0);
    pair.byStarts.set(set, cands);
  }
  return cands;
}

/**
 * Runs the catalogue on one message: the facts of every entry that matched go to `out`, in order. `dispatch`: what
 * `dispatchAt` gave for its bytes (null: no start; undefined: not read from bytes, dispatched from the text).
 */
export function matchMessageInto(message: string, ctx: MatchContext, out: FactOut, dispatch?: Dispatch | null): void {
  let msg = message;
  let n = 0;
  // (a message that begins with a start is no wrapper's: only one read from its text, or one that begins with `*` and
  // no start, is unwrapped and dispatched on its unwrapped text)
  if (dispatch === undefined || dispatch === BY_TEXT || (dispatch === null && message.charCodeAt(0) === 0x2a)) {
    msg = unwrap(message);
    // (a number for the first two characters: no two-character string made and hashed per message)
    const c0 = msg.charCodeAt(0);
    const c1 = msg.charCodeAt(1);
    const cands = msg.length >= 2 && c0 < 256 && c1 < 256 ? DISPATCH_CODE[c0 * 256 + c1] : undefined;
    if (cands) for (let i = 0; i < cands.length; i++) n += runEntry(cands[i], msg, ctx, out);
  } else if (dispatch !== null) for (let i = 0; i < dispatch.length; i++) n += runMatched(dispatch[i].entry, msg, ctx, out);
  // (`from its default: ` first: a search for a pattern that starts with a space stops at every word of every message)
  if (msg.includes('from its default: ') && msg.includes(' changed from its default: ')) for (let i = 0; i < ANY.length; i++) n += runEntry(ANY[i], msg, ctx, out);
  // any other `******** … ********` banner (2.5+) announces a non-default configuration
  if (n === 0 && message.startsWith('*') && msg !== message && msg.length > 0) {
    const key = /^([\w.]+)/.exec(msg)?.[1] ?? 'banner';
    out.draft({ kind: 'config-banner', key, detail: scrub(msg.slice(0, 300)) });
  }
}
