import type { PluginConfigFact, VmBackupConfFact } from '../../../shared';
import { evidenceText } from '../../../shared/clip';
import { evidence, lineOf, lineText, obj, parseJson, readSmallText } from '../state/common';
import type { Parser } from '../types';
import { factDetail, msg } from '../../../shared/i18n/analysis';
import { isDeadKey, type PluginProblem } from '../../../shared/i18n/parse';

/** Sections the extension reads; everything else in the file is dead text (docs/formats.md "vmbackup.conf"). */
const READ_SECTIONS = new Set(['SnapshotThread', 'Monitor', 'lsblkUser']);

/**
 * /etc/azure/vmbackup.conf (INI, Python ConfigParser): `[Section]`, `key = value` or `key: value`,
 * `#`/`;` comments. Keys are kept as written; keys nothing reads (isDeadKey, with the reason in the catalogue) get a warning with the line.
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
      if (!READ_SECTIONS.has(cur)) sink.warn(msg('parse.vmbackup-section-unread', { section: evidenceText(cur, 60) }), i + 1);
      return;
    }
    const m = /^([^=:]+)[=:](.*)$/.exec(t);
    if (!m) {
      sink.warn(msg('parse.vmbackup-bad-line', { line: evidenceText(t, 80) }), i + 1);
      return;
    }
    if (!cur) {
      sink.warn(msg('parse.vmbackup-key-before-section'), i + 1);
      return;
    }
    const key = m[1].trim();
    sections[cur][key] = evidenceText(m[2].trimStart(), 200);
    const lower = key.toLowerCase();
    if (isDeadKey(lower)) sink.warn(msg('parse.vmbackup-dead-key', { key: lower }), i + 1);
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
    const fact: PluginConfigFact = { kind: 'plugin-config', at, timeMs: NaN, valid: false, ...factDetail(msg('detail.plugin-config-not-object')) };
    sink.fact(fact);
    return;
  }
  const s = (k: string) => (typeof root[k] === 'string' ? evidenceText(root[k] as string, 200) : undefined);
  const b = (k: string) => (typeof root[k] === 'boolean' ? (root[k] as boolean) : typeof root[k] === 'string' ? /^true$/i.test(root[k] as string) : undefined);
  const problems: PluginProblem[] = [];
  const pre = s('preScriptLocation');
  const post = s('postScriptLocation');
  if (pre === undefined) problems.push({ is: 'pre-missing' });
  if (post === undefined) problems.push({ is: 'post-missing' });
  const timeout = typeof root.timeoutInSeconds === 'number' ? root.timeoutInSeconds : typeof root.timeoutInSeconds === 'string' && /^\d+$/.test(root.timeoutInSeconds) ? Number(root.timeoutInSeconds) : undefined;
  if (root.timeoutInSeconds !== undefined && timeout === undefined) problems.push({ is: 'timeout-not-number' });
  if (timeout !== undefined && timeout > 1800) problems.push({ is: 'timeout-capped', timeout });
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
    valid: problems.every((p) => p.is === 'timeout-capped'),
    ...factDetail(msg('detail.plugin-config', { problems })),
  };
  sink.fact(fact);
};
