import type { HostnameFact, OsReleaseFact } from '../../../shared';
import { evidenceText } from '../../../shared/clip';
import { evidence, lineOf, lineText, readSmallText } from '../state/common';
import type { Parser } from '../types';
import { msg } from '../../../shared/i18n/analysis';

const unquote = (v: string) => v.trim().replace(/^(["'])(.*)\1$/, '$2').trim();

/**
 * `/etc/os-release` (KEY=value, shell quoting), `/etc/lsb-release` (DISTRIB_*), and the one-line
 * `/etc/redhat-release`-style files (`CentOS Linux release 7.9.2009 (Core)`).
 */
export const parseOsRelease: Parser = async ({ file, content }, sink) => {
  const text = await readSmallText(content, sink, 256 * 1024);
  if (text === null) return;
  const kv: Record<string, string> = Object.create(null);
  for (const raw of text.split('\n')) {
    const m = /^\s*([A-Z_][A-Z0-9_]*)\s*=(.*)$/.exec(raw.replace(/\r$/, ''));
    if (m) kv[m[1]] = evidenceText(unquote(m[2]), 200);
  }
  let fact: Omit<OsReleaseFact, 'kind' | 'at' | 'timeMs'>;
  let needle = 'PRETTY_NAME=';
  if (kv.ID || kv.PRETTY_NAME || kv.NAME) {
    fact = {
      ...(kv.ID ? { id: kv.ID.toLowerCase() } : {}),
      ...(kv.VERSION_ID ? { versionId: kv.VERSION_ID } : {}),
      ...(kv.PRETTY_NAME || kv.NAME ? { prettyName: kv.PRETTY_NAME || `${kv.NAME} ${kv.VERSION ?? ''}`.trim() } : {}),
    };
    if (!kv.PRETTY_NAME) needle = 'NAME=';
  } else if (kv.DISTRIB_ID) {
    fact = {
      id: kv.DISTRIB_ID.toLowerCase(),
      ...(kv.DISTRIB_RELEASE ? { versionId: kv.DISTRIB_RELEASE } : {}),
      ...(kv.DISTRIB_DESCRIPTION ? { prettyName: kv.DISTRIB_DESCRIPTION } : {}),
    };
    needle = 'DISTRIB_DESCRIPTION=';
  } else {
    const first = text.split('\n').map((l) => l.trim()).find(Boolean);
    if (!first) {
      sink.warn(msg('parse.empty', { file: 'release' }));
      return;
    }
    const ver = /release\s+([\d.]+)/i.exec(first)?.[1] ?? /\b(\d+(?:\.\d+)+)\b/.exec(first)?.[1];
    fact = { prettyName: evidenceText(first, 200), ...(ver ? { versionId: ver } : {}) };
    needle = first;
  }
  const line = lineOf(text, needle) || 1;
  sink.fact({ kind: 'os-release', at: evidence(file.vmPath, line, lineText(text, line)), timeMs: NaN, ...fact });
};

/** `/etc/hostname`: the first non-comment word. */
export const parseHostname: Parser = async ({ file, content }, sink) => {
  const text = await readSmallText(content, sink, 64 * 1024);
  if (text === null) return;
  const lines = text.split('\n');
  const idx = lines.findIndex((l) => l.trim() && !l.trim().startsWith('#'));
  if (idx < 0) {
    sink.warn(msg('parse.empty', { file: 'hostname' }));
    return;
  }
  const name = lines[idx].trim().split(/\s+/)[0];
  if (!/^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$/.test(name)) sink.warn(msg('parse.bad-hostname', { name: evidenceText(name, 60) }), idx + 1);
  const fact: HostnameFact = { kind: 'hostname', at: evidence(file.vmPath, idx + 1, lines[idx]), timeMs: NaN, name: evidenceText(name, 253) };
  sink.fact(fact);
};
