import type { AgentStatusFact, Fact, TimeZoneKnowledge } from '../../../shared';
import { evidenceText } from '../../../shared/clip';
import { parsePlatformIso } from '../../../shared/time';
import { formatOf } from '../../../shared/formats';
import { agentStatusesOnly } from '../../../shared/formats/platform';
import { msg } from '../../../shared/i18n/analysis';
import { crpFailureDrafts, failedOpIn } from '../deployment-error';
import type { Parser } from '../types';
import { arr, evidence, lineOf, lineText, obj, parseJson, readSmallText, str } from './common';

/**
 * The VM's instance view (docs/formats.md "Instance view"), in the forms an engineer saves or pastes it:
 * `az vm get-instance-view` (the VM model with `instanceView`), the REST `…/instanceView` and ARM's
 * `properties.instanceView`, `--query instanceView.extensions` (a list of extension views, or one), and PowerShell's
 * `Get-AzVM -Status | ConvertTo-Json` (the same keys capitalised, `Level` as a number). It says what the platform
 * last heard from the guest, so it becomes the facts the guest's own files give, and the rules read it as they
 * read those:
 * - `vmAgent` → `agent-status` (the agent's version and Ready / Not Ready, each handler's status), as
 *   waagent_status.json gives it;
 * - each `extensions[]` entry → `extension-status` (its first status: `ProvisioningState/failed/<n>` is an `error`
 *   with code n and the extension's own message), as the extension's status file gives it;
 * - the VM's own statuses (`ProvisioningState/updating`, `PowerState/deallocated`) → `vm-platform-state`, what only
 *   the platform knows: whether the VM was updating, and whether it ran (an agent on a stopped VM reports nothing);
 * - the VM's own `ProvisioningState/failed/…` status quoting the provider's verdict on an extension
 *   (`VM has reported a failure when processing extension 'X'`) → `extension-operation`, as a pasted deployment
 *   error gives it (deployment-error.ts), unless that extension's own status already said it failed.
 * The agent's statuses on their own (formats/platform.ts agentStatusesOnly: a `--query` projection of
 * `instanceView.vmAgent.statuses` under any key, after the comment and command lines pasted with it, or PowerShell's
 * Format-List of `$vm.VMAgent.Statuses[0]`) are the same `agent-status`, with no version and no handlers.
 */

type Json = Record<string, unknown>;

/** A key as written or in any case (PowerShell writes `VMAgent`, `Statuses`, `DisplayStatus`). */
function get(o: Json | undefined, key: string): unknown {
  if (!o) return undefined;
  if (key in o) return o[key];
  const low = key.toLowerCase();
  for (const k of Object.keys(o)) if (k.toLowerCase() === low) return o[k];
  return undefined;
}
const gobj = (o: Json | undefined, key: string) => obj(get(o, key));
const gstr = (o: Json | undefined, key: string) => str(get(o, key));

/** `ProvisioningState/failed/1009` → state `failed`, code 1009; PowerShell's `Level` 2 is `Error`. */
interface Status {
  code: string;
  state: string;
  number?: number;
  level?: string;
  display?: string;
  message?: string;
  time?: string;
}
const LEVELS = ['Info', 'Warning', 'Error'];
function statusOf(v: unknown): Status | undefined {
  const o = obj(v);
  const code = gstr(o, 'code');
  if (!o || !code) return undefined;
  const parts = code.split('/');
  const tail = parts.length > 2 ? parts[parts.length - 1] : undefined;
  const level = get(o, 'level');
  const time = gstr(o, 'time');
  return {
    code,
    state: (parts[1] ?? '').toLowerCase(),
    ...(tail !== undefined && /^-?\d{1,12}$/.test(tail) ? { number: Number(tail) } : {}),
    ...(typeof level === 'number' ? (LEVELS[level] ? { level: LEVELS[level] } : {}) : str(level) ? { level: str(level) } : {}),
    ...(gstr(o, 'displayStatus') ? { display: gstr(o, 'displayStatus') } : {}),
    ...(gstr(o, 'message') ? { message: gstr(o, 'message') } : {}),
    ...(time ? { time } : {}),
  };
}
/** The provisioning status of a list (a list holds it with the power state: `PowerState/running`). */
const provisioning = (list: unknown): Status | undefined =>
  arr(list)
    .map(statusOf)
    .find((s) => !!s && /^ProvisioningState\//i.test(s.code));
/** `Not Ready` (the portal's words) is the agent's `NotReady`. */
const readiness = (s: string | undefined) => (s === undefined ? undefined : /^not\s?ready$/i.test(s.trim()) ? 'NotReady' : s.trim());

/** A status's time: ISO (with or without a zone: the platform's are UTC) or PowerShell's `/Date(ms)/`. */
function timeOf(s: string | undefined): { timeMs: number; zone: TimeZoneKnowledge } {
  if (!s) return { timeMs: NaN, zone: 'none' };
  const d = /^\/Date\((-?\d{1,15})[^)]{0,10}\)\/$/.exec(s);
  const t = d ? Number(d[1]) : parsePlatformIso(s);
  return Number.isFinite(t) ? { timeMs: t, zone: 'utc' } : { timeMs: NaN, zone: 'none' };
}

/** The agent's status: a provisioning code with the agent's Ready / Not Ready (an extension's says `Provisioning …`). */
function isAgentStatus(v: unknown): boolean {
  const s = statusOf(v);
  return !!s && /^ProvisioningState\//i.test(s.code) && /^(?:not\s?)?ready$/i.test((s.display ?? '').trim());
}

/** The agent's statuses printed on their own: a list (or one) at the root or under a key the user named. */
function agentStatusesIn(root: unknown): unknown[] | undefined {
  const o = obj(root);
  if (o && isAgentStatus(o)) return [o];
  const lists = o ? Object.values(o).slice(0, 50) : [root];
  return lists.find((l) => Array.isArray(l) && l.slice(0, 20).some(isAgentStatus)) as unknown[] | undefined;
}

/** A line that opens a JSON document, not a prompt that starts with a bracket (`[user@vm ~]$ az vm …`). */
const JSON_OPEN = /^\s{0,40}(?:[[{]\s{0,40}$|\{\s{0,40}["}]|\[\s{0,40}[[{"\]\d-])/;
/** How many lines above the JSON are looked through (a comment and the command that printed it). */
const PREAMBLE_LINES = 20;
/**
 * The JSON in a paste with the lines around it (`# …` comments, the `az …` command) blanked, so that it parses and
 * every line keeps its number; the text as it is when it opens with the JSON, undefined when no line does.
 */
function jsonPart(text: string): string | undefined {
  let at = 0;
  for (let n = 0; n < PREAMBLE_LINES && at <= text.length; n++) {
    const nl = text.indexOf('\n', at);
    const line = text.slice(at, nl === -1 ? text.length : nl);
    if (JSON_OPEN.test(line)) {
      if (n === 0) return text;
      // the JSON ends on the last line that ends in a bracket (a prompt after it, `[user@vm ~]$`, does not)
      let close = text.length;
      for (let k = 0, end = text.length; k < PREAMBLE_LINES && end > at; k++) {
        const start = text.lastIndexOf('\n', end - 1) + 1;
        const t = text.slice(start, end).trimEnd();
        if (t.endsWith('}') || t.endsWith(']')) {
          close = start + t.length;
          break;
        }
        end = start - 1;
      }
      const blank = (t: string) => t.replace(/[^\n]/g, ' ');
      return blank(text.slice(0, at)) + text.slice(at, close) + blank(text.slice(close));
    }
    if (nl === -1) break;
    at = nl + 1;
  }
  return undefined;
}

/** A Format-List `Key : value` line (PowerShell pads the keys to one width). */
const LIST_LINE = /^[ \t]{0,20}([A-Za-z]{1,40})[ \t]{0,40}:(?:[ \t]|$)(.*)$/;
/** PowerShell's Format-List of the agent's statuses (`$vm.VMAgent.Statuses[0]`): each `Code : …` block a status. */
function listedStatuses(text: string): Json[] {
  const out: Json[] = [];
  let cur: Json | undefined;
  for (const raw of text.split('\n', 10_000)) {
    const line = raw.length > 2000 ? raw.slice(0, 2000) : raw;
    const m = LIST_LINE.exec(line);
    if (!m) {
      if (!line.trim()) cur = undefined;
      continue;
    }
    const [key, value] = [m[1], m[2].trim()];
    if (/^code$/i.test(key)) {
      if (out.length >= 100) break;
      out.push((cur = {}));
    }
    if (cur && !(key in cur)) cur[key] = value;
  }
  return out.filter(isAgentStatus);
}

/** The extension status's outcome in the words of a status file (`error`, `success`, `transitioning`). */
function outcomeOf(s: Status): string {
  if (s.state === 'failed' || /^error$/i.test(s.level ?? '')) return 'error';
  if (s.state === 'succeeded') return 'success';
  if (s.state === 'creating' || s.state === 'updating' || s.state === 'transitioning') return 'transitioning';
  return s.state || 'unknown';
}

/** The instance views in the document, and extension views given on their own (`--query instanceView.extensions`). */
function viewsOf(root: unknown): { views: Json[]; extensions: Json[] } {
  const views: Json[] = [];
  const extensions: Json[] = [];
  const list = (o: Json, key: string) => Array.isArray(get(o, key));
  const isView = (o: Json) => !!gobj(o, 'vmAgent') || (list(o, 'statuses') && (list(o, 'extensions') || list(o, 'disks')));
  const isExtension = (o: Json) => list(o, 'statuses') && (gstr(o, 'typeHandlerVersion') !== undefined || gstr(o, 'type') !== undefined);
  // a list of VMs (`--ids a b`), of extension views, or one of either; at most a few hundred looked at
  for (const v of arr(root).slice(0, 1000)) {
    const o = obj(v);
    if (!o) continue;
    const inner = gobj(o, 'instanceView') ?? gobj(gobj(o, 'properties'), 'instanceView');
    if (inner) views.push(inner);
    else if (isView(o)) views.push(o);
    else if (isExtension(o)) extensions.push(o);
  }
  return { views, extensions };
}

export const parseInstanceView: Parser = async ({ file, content }, sink) => {
  const title = formatOf('instance-view-json')!.title;
  // whatever went wrong, the engineer is told what the file was taken for
  const unused = () => sink.warn(msg('parse.read-as-unused', { title }));
  const text = await readSmallText(content, sink);
  if (text === null) return unused();
  const json = jsonPart(text);
  const listed = json === undefined && agentStatusesOnly(text.slice(0, 4096)) === 'list' ? listedStatuses(text) : [];
  const root = listed.length ? { vmAgent: { statuses: listed } } : parseJson(json ?? text, sink);
  if (root === undefined) return unused();
  const { views, extensions } = viewsOf(root);
  const agentOnly = views.length || extensions.length ? undefined : agentStatusesIn(root);
  if (agentOnly) views.push({ vmAgent: { statuses: agentOnly } });
  if (!views.length && !extensions.length) {
    sink.warn(msg('parse.instance-view-shape'));
    return unused();
  }
  // each evidence line found after the previous one of its object (a view names many extensions, often alike)
  const at = (needles: (string | undefined)[], from: number) => {
    for (const n of needles) {
      if (!n) continue;
      const line = lineOf(text, n, from);
      if (line) return line;
    }
    return lineOf(text, /\S/, from) || 1;
  };
  const quoted = (s: string | undefined) => (s === undefined ? undefined : JSON.stringify(s).slice(1, 61));
  const offsetOf = (needle: string | undefined, from: number) => (needle ? Math.max(from, text.indexOf(needle, from)) : from);
  let cursor = 0;
  const facts: Fact[] = [];

  const readExtension = (e: Json, failed: Set<string>) => {
    const name = gstr(e, 'name');
    const type = gstr(e, 'type');
    // the agent names a handler `publisher.type`; the instance view's `type` is that (`name` is the user's)
    const handler = type && type.includes('.') ? type : (name ?? type);
    const s = provisioning(get(e, 'statuses')) ?? statusOf(arr(get(e, 'statuses'))[0]);
    if (!handler || !s) return;
    cursor = offsetOf(quoted(name ?? type), cursor);
    const line = at([quoted(s.message), quoted(s.code)], cursor);
    const { timeMs, zone } = timeOf(s.time);
    const status = outcomeOf(s);
    if (status === 'error') {
      failed.add(handler.toLowerCase());
      if (name) failed.add(name.toLowerCase());
    }
    const op = s.message ? failedOpIn(s.message) : undefined;
    facts.push({
      kind: 'extension-status',
      at: evidence(file.vmPath, line, lineText(text, line), timeMs, zone),
      timeMs,
      handler,
      version: gstr(e, 'typeHandlerVersion') ?? '',
      ...(op ? { operation: op[0].toUpperCase() + op.slice(1).toLowerCase() } : {}),
      status,
      code: s.number ?? 0,
      message: s.message ? evidenceText(s.message, 300) : '',
      ...(s.time ? { timestampUTC: s.time } : {}),
    });
  };

  for (const e of extensions) readExtension(e, new Set());
  for (const v of views) {
    const failed = new Set<string>();
    const types = new Map<string, string>();
    const agent = gobj(v, 'vmAgent');
    if (agent) {
      cursor = offsetOf('"vmAgent', cursor);
      const s = provisioning(get(agent, 'statuses')) ?? statusOf(arr(get(agent, 'statuses'))[0]);
      const version = gstr(agent, 'vmAgentVersion')?.replace(/^WALinuxAgent-/, '');
      const handlers: AgentStatusFact['handlers'] = [];
      for (const h of arr(get(agent, 'extensionHandlers'))) {
        const o = obj(h);
        const name = gstr(o, 'type');
        const hs = statusOf(get(o, 'status'));
        if (!o || !name) continue;
        const ready = readiness(hs?.display);
        handlers.push({
          name,
          ...(gstr(o, 'typeHandlerVersion') ? { version: gstr(o, 'typeHandlerVersion') } : {}),
          ...(ready ? { status: ready } : {}),
          ...(hs?.number !== undefined ? { code: hs.number } : {}),
          ...(hs?.message ? { message: evidenceText(hs.message, 300) } : {}),
        });
      }
      // (the message as it is: PowerShell's Format-List does not quote it)
      const line = at([quoted(s?.message), s?.message?.slice(0, 60), '"vmAgentVersion"', '"vmAgent'], cursor);
      const { timeMs, zone } = timeOf(s?.time);
      const ready = readiness(s?.display);
      facts.push({
        kind: 'agent-status',
        at: evidence(file.vmPath, line, lineText(text, line), timeMs, zone),
        timeMs,
        // `Unknown` is the platform not knowing (no status from the agent), not a version
        ...(version && !/^unknown$/i.test(version) ? { agentVersion: version } : {}),
        ...(ready ? { status: ready } : {}),
        ...(s?.message ? { message: evidenceText(s.message, 300) } : {}),
        handlers,
        ...(gstr(v, 'osName') ? { osName: gstr(v, 'osName') } : {}),
        ...(gstr(v, 'osVersion') ? { osVersion: gstr(v, 'osVersion') } : {}),
        ...(gstr(v, 'computerName') ? { computerName: gstr(v, 'computerName') } : {}),
      });
    }
    for (const e of arr(get(v, 'extensions'))) {
      const o = obj(e);
      if (!o) continue;
      const name = gstr(o, 'name');
      const type = gstr(o, 'type');
      if (name && type && type.includes('.')) types.set(name.toLowerCase(), type);
      readExtension(o, failed);
    }
    // the VM's own states (`ProvisioningState/updating`, `PowerState/deallocated`): what the platform holds of it
    for (const st of arr(get(v, 'statuses')).map(statusOf)) {
      const m = st && /^(ProvisioningState|PowerState)\/([^/]{1,40})/i.exec(st.code);
      if (!st || !m) continue;
      const needle = quoted(st.code);
      const line = (needle && (lineOf(text, needle, cursor) || lineOf(text, needle, 0))) || at([needle], cursor);
      const { timeMs, zone } = timeOf(st.time);
      facts.push({
        kind: 'vm-platform-state',
        at: evidence(file.vmPath, line, lineText(text, line), timeMs, zone),
        timeMs,
        aspect: /^power/i.test(m[1]) ? 'power' : 'provisioning',
        state: m[2].trim().toLowerCase(),
        ...(st.display ? { display: evidenceText(st.display, 80) } : {}),
      });
    }
    // the VM's own status: the provider's verdict on an extension it quotes
    const vm = provisioning(get(v, 'statuses'));
    if (vm?.state === 'failed' && vm.message) {
      const line = at([quoted(vm.message), quoted(vm.code)], 0);
      const { timeMs, zone } = timeOf(vm.time);
      for (const draft of crpFailureDrafts(vm.message, evidenceText)) {
        if (draft.kind !== 'extension-operation' || failed.has(draft.handler.toLowerCase())) continue;
        facts.push({ ...draft, handler: types.get(draft.handler.toLowerCase()) ?? draft.handler, at: evidence(file.vmPath, line, lineText(text, line), timeMs, zone), timeMs });
      }
    }
  }
  for (const f of facts) sink.fact(f);
};
