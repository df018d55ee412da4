import type { AgentStatusFact, Fact, TimeZoneKnowledge } from '../../../shared';
import { evidenceText } from '../../../shared/clip';
import { parsePlatformIso } from '../../../shared/time';
import { formatOf } from '../../../shared/formats';
import { instanceViewForm, jsonPart, LABELLED_EXTENSION, PANE_STATUS, PANE_TYPE } from '../../../shared/formats/platform';
import { msg } from '../../../shared/i18n/analysis';
import { crpFailureDrafts, failedOpIn } from '../deployment-error';
import type { Parser } from '../types';
import { arr, evidence, lineOf, lineText, obj, parseJson, readSmallText, str } from './common';

/**
 * The VM's instance view (docs/formats.md "Instance view"), in the forms an engineer saves or pastes it:
 * `az vm get-instance-view` (the VM model with `instanceView`), the REST `…/instanceView` and ARM's
 * `properties.instanceView`, `--query instanceView.extensions` (a list of extension views, or one), and PowerShell's
 * `Get-AzVM -Status | ConvertTo-Json` (the same keys capitalised, `Level` as a number), and one extension's resource
 * with its view (`az vm extension show --expand instanceView`: that extension's, not the VM's). It says what the platform
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
 * The agent's part alone (`--query instanceView.vmAgent`: `vmAgentVersion` at the root) is the view's `vmAgent`. A
 * scale set's own view (`az vmss get-instance-view` without `--instance-id`) counts its VMs' states: none is read.
 * The agent's statuses on their own (a `--query` projection of `instanceView.vmAgent.statuses` under any key, or
 * PowerShell's Format-List of `$vm.VMAgent.Statuses[0]`) are the same `agent-status`, with no version and no handlers.
 * Any JSON form is read after the comment, command and prompt lines pasted around it (formats/platform.ts jsonPart),
 * and `Get-AzVM -Status` as PowerShell prints it (nested Format-List) as its JSON is (formatList).
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

/** Where each value of a Format-List object was printed (1-based lines), for the evidence: its text is not JSON. */
const LISTED_AT = new WeakMap<Json, Record<string, number>>();
const listedLine = (o: Json | undefined, key: string) => (o ? LISTED_AT.get(o)?.[key.toLowerCase()] : undefined);

/** `ProvisioningState/failed/1009` → state `failed`, code 1009; PowerShell's `Level` 2 is `Error`. */
interface Status {
  code: string;
  state: string;
  number?: number;
  level?: string;
  display?: string;
  message?: string;
  time?: string;
  /** Where a Format-List printed its code and message (JSON is found by its quoted strings instead). */
  codeLine?: number;
  messageLine?: number;
}
const LEVELS = ['Info', 'Warning', 'Error'];
function statusOf(v: unknown): Status | undefined {
  const o = obj(v);
  const code = gstr(o, 'code');
  if (!o || !code) return undefined;
  const parts = code.split('/');
  const tail = parts.length > 2 ? parts[parts.length - 1] : undefined;
  const level = get(o, 'level');
  // Format-List's `Time` (`3/1/2019 2:04:12 AM`) is in the console's culture and zone: not taken
  const time = LISTED_AT.has(o) ? undefined : gstr(o, 'time');
  const [codeLine, messageLine] = [listedLine(o, 'code'), listedLine(o, 'message')];
  return {
    code,
    state: (parts[1] ?? '').toLowerCase(),
    ...(tail !== undefined && /^-?\d{1,12}$/.test(tail) ? { number: Number(tail) } : {}),
    ...(typeof level === 'number' ? (LEVELS[level] ? { level: LEVELS[level] } : {}) : str(level) ? { level: str(level) } : {}),
    ...(gstr(o, 'displayStatus') ? { display: gstr(o, 'displayStatus') } : {}),
    ...(gstr(o, 'message') ? { message: gstr(o, 'message') } : {}),
    ...(time ? { time } : {}),
    ...(codeLine ? { codeLine } : {}),
    ...(messageLine ? { messageLine } : {}),
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

/** A Format-List `Key : value` line; `Key[0] :` opens an element of list Key; PowerShell pads every key before `:`. */
const LIST_LINE = /^([ \t]{0,40})([A-Za-z][A-Za-z0-9]{0,60})(?:\[(\d{1,5})\])?[ \t]{1,80}:(?:[ \t](.*))?$/;
/**
 * PowerShell's Format-List as objects: `$vm.VMAgent.Statuses[0]` (one status; several, one after the other, when a
 * list is printed) and `Get-AzVM -Status` as it prints (nested by indentation: `VMAgent :`, `  Statuses[0] :`).
 * Every key of one printout has its colon in one column (Format-List pads the keys), so a line that is not such a key
 * continues the value above it: a value the console wrapped at its width (at column 0, or under the value's column),
 * or a message of many lines (an extension's stdout, blank lines in it); its lines are joined with line breaks, as
 * printed. A blank line followed by a key at the left margin may start a printout of another width. Lines before the
 * first key (the prompt and command) are not read.
 */
function formatList(text: string): Json[] {
  const roots: Json[] = [];
  let column = -1;
  let blank = false;
  let stack: { indent: number; obj: Json }[] = [];
  let last: { obj: Json; key: string } | undefined;
  const lines = text.split('\n', 10_000);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].length > 2000 ? lines[i].slice(0, 2000) : lines[i];
    const line = raw.replace(/\r$/, '');
    const m = LIST_LINE.exec(line);
    const colon = m ? line.indexOf(':', m[1].length + m[2].length) : -1;
    if (m && (colon === column || column < 0 || (blank && m[1] === ''))) {
      if (column !== colon) {
        column = colon;
        stack = [];
      }
      blank = false;
      const [indent, key, index, value] = [m[1].length, m[2], m[3], (m[4] ?? '').trim()];
      while (stack.length && stack[stack.length - 1].indent >= indent) stack.pop();
      let parent = stack[stack.length - 1]?.obj;
      // a key the top object already has starts the next printed object (a list of statuses)
      if (!parent || (stack.length === 1 && key in parent && index === undefined)) {
        if (roots.length >= 100) break;
        parent = {};
        roots.push(parent);
        stack = [{ indent: indent - 1, obj: parent }];
      }
      const at = LISTED_AT.get(parent) ?? {};
      LISTED_AT.set(parent, at);
      at[key.toLowerCase()] ??= i + 1;
      let v: Json | string = value;
      if (value === '') {
        v = {};
        stack.push({ indent, obj: v });
      }
      if (index !== undefined) {
        const list = Array.isArray(parent[key]) ? (parent[key] as unknown[]) : (parent[key] = []);
        if ((list as unknown[]).length < 1000) (list as unknown[]).push(v);
      } else if (!(key in parent)) parent[key] = v;
      last = index === undefined ? { obj: parent, key } : undefined;
      continue;
    }
    if (!line.trim()) {
      blank = true;
      continue;
    }
    // a continuation: of the value above, or the value of a key printed empty (`Id :` with the value on the next line)
    if (!last) continue;
    const prev = last.obj[last.key];
    const more = line.trim();
    if (typeof prev === 'string') {
      if (prev.length < 20_000) last.obj[last.key] = `${prev}${blank ? '\n\n' : '\n'}${more}`;
    } else if (prev && typeof prev === 'object' && !Object.keys(prev).length) {
      last.obj[last.key] = more;
      stack = stack.filter((s) => s.obj !== prev);
    }
    blank = false;
  }
  return roots;
}

/**
 * The portal's pane of one extension as its extension view (`Type`, `Version`, `Status Provisioning failed`, `Status
 * level Error`, `Status message …`, formats/platform.ts PANE_TYPE): the status becomes `ProvisioningState/<state>`; the
 * message runs from its label to the end, its lines joined by a space (the portal wraps it for display only).
 */
function paneOf(text: string): Json | undefined {
  const type = PANE_TYPE.exec(text);
  const status = PANE_STATUS.exec(text);
  if (!type || !status) return undefined;
  const lines = text.split('\n', 10_000);
  const lineAt = (re: RegExp) => lines.findIndex((l) => re.test(l)) + 1;
  const value = (label: string) => new RegExp(`^[ \\t]{0,8}${label}[ \\t]{0,8}:?[ \\t]{1,40}(.*)$`, 'm').exec(text)?.[1].trim();
  const display = status[1].trim();
  const state = (/^Provisioning (\w+)$/i.exec(display)?.[1] ?? display).toLowerCase();
  const messageLine = lineAt(/^[ \t]{0,8}Status message\b/);
  const message = messageLine
    ? [lines[messageLine - 1].replace(/^[ \t]{0,8}Status message[ \t]{0,8}:?[ \t]*/, ''), ...lines.slice(messageLine, messageLine + 40)].map((l) => l.replace(/\r$/, '').trim()).join(' ').trim().slice(0, 20_000)
    : undefined;
  const st: Json = { code: `ProvisioningState/${state}`, displayStatus: display, ...(value('Status level') ? { level: value('Status level') } : {}), ...(message ? { message } : {}) };
  LISTED_AT.set(st, { code: lineAt(/^[ \t]{0,8}Status[ \t]{0,8}:?[ \t]{1,40}\S/), ...(messageLine ? { message: messageLine } : {}) });
  const version = value('Version');
  return { type: type[1], ...(version ? { typeHandlerVersion: version } : {}), statuses: [st] };
}

/**
 * The extension of a labelled printout (formats/platform.ts LABELLED_EXTENSION) as an extension view: its type and name,
 * and as its status the worst of its substatuses (`ComponentStatus/StdErr/failed`, or level Error; else the first) read
 * as a provisioning state. The JSON is parsed after the label, with the console's wraps inside strings undone.
 */
function labelledOf(text: string): Json | undefined {
  const label = LABELLED_EXTENSION.exec(text);
  if (!label) return undefined;
  const from = label.index + label[0].indexOf('{');
  let o: Json | undefined;
  try {
    o = obj(JSON.parse(text.slice(from).replace(/\r?\n[ \t]*/g, ' ')));
  } catch {
    return undefined;
  }
  const type = gstr(o, 'extensionType');
  const subs = arr(get(o, 'subStatuses')).map(obj).filter((x): x is Json => !!x && !!gstr(x, 'code'));
  if (!o || !type || !subs.length) return undefined;
  const bad = (x: Json) => /\/failed$/i.test(gstr(x, 'code') ?? '') || /^error$/i.test(gstr(x, 'level') ?? '');
  const worst = subs.find(bad) ?? subs[0];
  const state = (gstr(worst, 'code') ?? '').split('/').pop() ?? '';
  const name = gstr(o, 'name');
  return {
    type,
    ...(name ? { name } : {}),
    statuses: [{ ...worst, code: `ProvisioningState/${state}`, ...(gstr(worst, 'message') !== undefined ? { message: gstr(worst, 'message')!.trim() } : {}) }],
  };
}

/** The extension status's outcome in the words of a status file (`error`, `success`, `transitioning`). */
function outcomeOf(s: Status): string {
  if (s.state === 'failed' || /^error$/i.test(s.level ?? '')) return 'error';
  if (s.state === 'succeeded') return 'success';
  if (s.state === 'creating' || s.state === 'updating' || s.state === 'transitioning') return 'transitioning';
  return s.state || 'unknown';
}

/** The instance views in the document, and extension views given on their own (`--query instanceView.extensions`). */
function viewsOf(root: unknown): { views: Json[]; extensions: Json[]; scaleSets: number } {
  const views: Json[] = [];
  const extensions: Json[] = [];
  let scaleSets = 0;
  const list = (o: Json, key: string) => Array.isArray(get(o, key));
  // a view printed in part (PowerShell's `Extensions[0] :` blocks alone, as Learn's features-windows shows them) holds
  // only its extension views
  const isView = (o: Json) =>
    !!gobj(o, 'vmAgent') || (list(o, 'statuses') && (list(o, 'extensions') || list(o, 'disks'))) || arr(get(o, 'extensions')).some((e) => isExtension(obj(e) ?? {}));
  const isExtension = (o: Json) => list(o, 'statuses') && (gstr(o, 'typeHandlerVersion') !== undefined || gstr(o, 'type') !== undefined);
  // a list of VMs (`--ids a b`), of extension views, or one of either; at most a few hundred looked at
  for (const v of arr(root).slice(0, 1000)) {
    const o = obj(v);
    if (!o) continue;
    const inner = gobj(o, 'instanceView') ?? gobj(gobj(o, 'properties'), 'instanceView');
    // a scale set's own view counts its VMs' states (`virtualMachine.statusesSummary`): its statuses are no VM's
    if (isScaleSet(inner ?? o)) scaleSets++;
    else if (inner && !isView(inner) && (isExtensionResource(o) || gstr(inner, 'typeHandlerVersion') !== undefined)) {
      const e = extensionOf(o, inner);
      if (e) extensions.push(e);
    } else if (inner) views.push(inner);
    else if (isView(o)) views.push(o);
    else if (isExtension(o)) extensions.push(o);
    // the agent's part alone (`--query instanceView.vmAgent`, `$vm.VMAgent | ConvertTo-Json`): its version and handlers
    else if (gstr(o, 'vmAgentVersion') !== undefined || list(o, 'extensionHandlers')) views.push({ vmAgent: o });
  }
  return { views, extensions, scaleSets };
}

/**
 * A scale set's instance view (`az vmss get-instance-view` without `--instance-id`, the REST
 * `virtualMachineScaleSets/<name>/instanceView`; Azure/azure-rest-api-specs#3593): `virtualMachine.statusesSummary`
 * and each extension's `statusesSummary` count its VMs' states, so none of it is one VM's.
 */
const isScaleSet = (o: Json) =>
  Array.isArray(get(gobj(o, 'virtualMachine'), 'statusesSummary')) ||
  arr(get(o, 'extensions')).some((e) => Array.isArray(get(obj(e), 'statusesSummary')) && !Array.isArray(get(obj(e), 'statuses')));

/**
 * An extension resource (`az vm extension show --expand instanceView`, the REST GET of
 * `…/virtualMachines/<vm>/extensions/<name>?$expand=instanceView`, a scale set VM's likewise): its `instanceView` is
 * that one extension's, not the VM's, so its `ProvisioningState/succeeded` is the extension's state.
 */
const isExtensionResource = (o: Json) =>
  /\/extensions$/i.test(gstr(o, 'type') ?? '') || /\/extensions\/[^/]{1,200}$/i.test(gstr(o, 'id') ?? '');
/** The extension view of a resource: its own name, type and version, else the resource's (`publisher` + its type). */
function extensionOf(resource: Json, inner: Json): Json | undefined {
  if (!Array.isArray(get(inner, 'statuses'))) return undefined;
  const props = gobj(resource, 'properties') ?? resource;
  const publisher = gstr(props, 'publisher');
  const kind = gstr(props, 'typePropertiesType') ?? gstr(props, 'type');
  const type = gstr(inner, 'type') ?? (publisher && kind && !kind.includes('/') ? `${publisher}.${kind}` : undefined);
  const name = gstr(inner, 'name') ?? gstr(resource, 'name');
  const version = gstr(inner, 'typeHandlerVersion') ?? gstr(props, 'typeHandlerVersion');
  return { ...inner, ...(name ? { name } : {}), ...(type ? { type } : {}), ...(version ? { typeHandlerVersion: version } : {}) };
}

export const parseInstanceView: Parser = async ({ file, content }, sink) => {
  const title = formatOf('instance-view-json')!.title;
  // whatever went wrong, the engineer is told what the file was taken for
  const unused = () => sink.warn(msg('parse.read-as-unused', { title }));
  const text = await readSmallText(content, sink);
  if (text === null) return unused();
  // a labelled extension's JSON has objects of its own on the lines after the label, which jsonPart would take alone
  const labelled = LABELLED_EXTENSION.test(text.slice(0, 4096)) && instanceViewForm(text.slice(0, 4096)) === 'labelled';
  const json = labelled ? undefined : jsonPart(text);
  const form = labelled ? 'labelled' : json === undefined ? instanceViewForm(text.slice(0, 4096)) : undefined;
  const listed = form === 'list' ? formatList(text) : [];
  const pane = form === 'pane' ? paneOf(text) : form === 'labelled' ? labelledOf(text) : undefined;
  if (form === 'labelled' && !pane) return unused();
  const root = pane ?? (listed.length ? (listed.length === 1 ? listed[0] : listed) : parseJson(json ?? text, sink));
  if (root === undefined) return unused();
  const { views, extensions, scaleSets } = viewsOf(root);
  const agentOnly = views.length || extensions.length || scaleSets ? undefined : agentStatusesIn(root);
  if (agentOnly) views.push({ vmAgent: { statuses: agentOnly } });
  if (scaleSets) sink.warn(msg('parse.instance-view-scale-set'));
  if (!views.length && !extensions.length) {
    if (!scaleSets) sink.warn(msg('parse.instance-view-shape'));
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
    const line = s.messageLine ?? s.codeLine ?? at([quoted(s.message), quoted(s.code)], cursor);
    const { timeMs, zone } = timeOf(s.time);
    const status = outcomeOf(s);
    if (status === 'error') {
      failed.add(handler.toLowerCase());
      if (name) failed.add(name.toLowerCase());
    }
    const op = s.message ? failedOpIn(s.message) : undefined;
    // a failed run's own words are in its StdErr substatus (Custom Script: `The argument '…' to the -File parameter does
    // not exist`), the status saying only `Finished executing command` (Learn, features-windows, "Troubleshoot")
    const stderr = status === 'error' ? arr(get(e, 'substatuses')).map(statusOf).find((x) => x && /^ComponentStatus\/StdErr\//i.test(x.code) && x.message?.trim()) : undefined;
    const said = stderr?.message !== undefined ? stderr.message.replace(/\s+/g, ' ').trim() : s.message;
    const saidLine = stderr ? (stderr.messageLine ?? at([quoted(stderr.message)], 0)) : line;
    facts.push({
      kind: 'extension-status',
      at: evidence(file.vmPath, saidLine, lineText(text, saidLine), timeMs, zone),
      timeMs,
      handler,
      version: gstr(e, 'typeHandlerVersion') ?? '',
      ...(op ? { operation: op[0].toUpperCase() + op.slice(1).toLowerCase() } : {}),
      status,
      code: s.number ?? 0,
      message: said ? evidenceText(said, 300) : '',
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
      const line = s?.messageLine ?? s?.codeLine ?? at([quoted(s?.message), '"vmAgentVersion"', '"vmAgent'], cursor);
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
      const line = st.codeLine ?? ((needle && (lineOf(text, needle, cursor) || lineOf(text, needle, 0))) || at([needle], cursor));
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
      const line = vm.messageLine ?? vm.codeLine ?? at([quoted(vm.message), quoted(vm.code)], 0);
      const { timeMs, zone } = timeOf(vm.time);
      for (const draft of crpFailureDrafts(vm.message, evidenceText)) {
        if (draft.kind !== 'extension-operation' || failed.has(draft.handler.toLowerCase())) continue;
        facts.push({ ...draft, handler: types.get(draft.handler.toLowerCase()) ?? draft.handler, at: evidence(file.vmPath, line, lineText(text, line), timeMs, zone), timeMs });
      }
    }
  }
  for (const f of facts) sink.fact(f);
};
