import type { PluginConfigFact, VmBackupConfFact } from '../../../shared';
import { evidenceText } from '../../../shared/clip';
import { evidence, lineOf, lineText, obj, parseJson, readSmallText } from '../state/common';
import type { Parser } from '../types';

/** Sections the extension reads; everything else in the file is dead text (docs/formats.md "vmbackup.conf"). */
const READ_SECTIONS = new Set(['SnapshotThread', 'Monitor', 'lsblkUser']);

/** Keys that look meaningful but that nothing reads, and why (docs/formats.md "vmbackup.conf"). */
const DEAD_KEYS = new Map<string, string>(Object.entries({
  fsfreeze: 'nothing reads "fsfreeze" in vmbackup.conf; freeze on/off comes from VMSnapshotScriptPluginConfig.json fsFreezeEnabled',
  isanysnapshotfailed: '"isanysnapshotfailed" has no effect in current extension versions',
  async_event_logging: 'the extension looks up "async_event_logging " (with a trailing space), so this key never matches',
  onappfailuredofsfreeze: 'read as a string and compared with a boolean, so a configured value never takes effect; the freeze stays on',
  onappsuccessdofsfreeze: 'read as a string and compared with a boolean, so a configured value never takes effect; the freeze stays on',
}));

/**
 * /etc/azure/vmbackup.conf (INI, Python ConfigParser): `[Section]`, `key = value` or `key: value`,
 * `#`/`;` comments. Keys are kept as written; keys nothing reads get a warning with the line.
 */
export const parseVmBackupConf: Parser = async ({ file, content }, sink) => {
  const text = await readSmallText(content, sink, 1024 * 1024);
  if (text === null) return;
  // null prototypes: a `[__proto__]` section or a `constructor = x` key is data, never Object.prototype
  const sections: Record<string, Record<string, string>> = Object.create(null);
  let cur: string | null = null;
  text.split('\n').forEach((raw, i) => {
    const t = raw.replace(/\r$/, '').trim();
    if (!t || t.startsWith('#') || t.startsWith(';')) return;
    const sec = /^\[([^\]]+)\]$/.exec(t);
    if (sec) {
      cur = sec[1].trim();
      sections[cur] ??= Object.create(null);
      if (!READ_SECTIONS.has(cur)) sink.warn(`section [${evidenceText(cur, 60)}] is not read by the Backup extension`, i + 1);
      return;
    }
    const m = /^([^=:]+)[=:](.*)$/.exec(t);
    if (!m) {
      sink.warn(`line is neither a section nor key = value (ConfigParser would reject the file): ${evidenceText(t, 80)}`, i + 1);
      return;
    }
    if (!cur) {
      sink.warn('key before any [section]: ConfigParser rejects the file, so every setting takes its default', i + 1);
      return;
    }
    const key = m[1].trim();
    sections[cur][key] = evidenceText(m[2].trimStart(), 200);
    const dead = DEAD_KEYS.get(key.toLowerCase());
    if (dead) sink.warn(dead, i + 1);
  });
  const line = lineOf(text, '[SnapshotThread]') || 1;
  const fact: VmBackupConfFact = { kind: 'vmbackup-conf', at: evidence(file.vmPath, line, lineText(text, line) || 'vmbackup.conf'), timeMs: NaN, sections };
  sink.fact(fact);
};

/**
 * /etc/azure/VMSnapshotScriptPluginConfig.json (docs/formats.md "vmbackup.conf and the script plugin config"). `valid` is what the extension
 * would accept: parseable JSON with both script locations. Ownership and mode cannot be seen in a
 * bundle, so `detail` reminds what else is required.
 */
export const parsePluginConfig: Parser = async ({ file, content }, sink) => {
  const text = await readSmallText(content, sink, 1024 * 1024);
  if (text === null) return;
  const doc = parseJson(text, sink);
  const root = obj(doc);
  const at = evidence(file.vmPath, 1, lineText(text, 1) || 'VMSnapshotScriptPluginConfig.json');
  if (!root) {
    const fact: PluginConfigFact = { kind: 'plugin-config', at, timeMs: NaN, valid: false, detail: 'not a JSON object: the extension cannot read the pre/post script configuration' };
    sink.fact(fact);
    return;
  }
  const s = (k: string) => (typeof root[k] === 'string' ? evidenceText(root[k] as string, 200) : undefined);
  const b = (k: string) => (typeof root[k] === 'boolean' ? (root[k] as boolean) : typeof root[k] === 'string' ? /^true$/i.test(root[k] as string) : undefined);
  const problems: string[] = [];
  const pre = s('preScriptLocation');
  const post = s('postScriptLocation');
  if (pre === undefined) problems.push('preScriptLocation is missing');
  if (post === undefined) problems.push('postScriptLocation is missing');
  const timeout = typeof root.timeoutInSeconds === 'number' ? root.timeoutInSeconds : typeof root.timeoutInSeconds === 'string' && /^\d+$/.test(root.timeoutInSeconds) ? Number(root.timeoutInSeconds) : undefined;
  if (root.timeoutInSeconds !== undefined && timeout === undefined) problems.push('timeoutInSeconds is not a number');
  if (timeout !== undefined && timeout > 1800) problems.push(`timeoutInSeconds ${timeout} is capped at 1800`);
  const fsFreezeEnabled = b('fsFreezeEnabled');
  const continueBackupOnFailure = b('continueBackupOnFailure');
  const line = lineOf(text, '"fsFreezeEnabled"') || lineOf(text, '"preScriptLocation"') || 1;
  const fact: PluginConfigFact = {
    kind: 'plugin-config',
    at: evidence(file.vmPath, line, lineText(text, line)),
    timeMs: NaN,
    ...(fsFreezeEnabled !== undefined ? { fsFreezeEnabled } : {}),
    ...(pre !== undefined ? { preScriptLocation: pre } : {}),
    ...(post !== undefined ? { postScriptLocation: post } : {}),
    ...(timeout !== undefined ? { timeoutInSeconds: timeout } : {}),
    ...(continueBackupOnFailure !== undefined ? { continueBackupOnFailure } : {}),
    valid: problems.filter((p) => !p.includes('capped')).length === 0,
    detail: [...problems, 'the file must also be owned by root with mode 600 (not visible in a bundle)'].join('; '),
  };
  sink.fact(fact);
};
