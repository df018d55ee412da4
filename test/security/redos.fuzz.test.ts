/**
 * Issue 20 point 3: no parser may take super-linear time on hostile text. Every parser in the registry
 * (so a new one is covered without touching this file) is fed 1 MB inputs built to trip backtracking
 * regular expressions and quadratic scans: long runs of one character (backslashes, spaces, digits,
 * stars, `=`), a token repeated without its closing part (`<!ENTITY`, `<a`, `\"code\"`, `"code":`,
 * `[`, `{`, `https://`), and the same with the agent's line prefix, so line-based parsers reach their
 * message regexes. Each parse must finish within a few seconds (the quadratic XXE pre-check took 307 s
 * on 1 MB, the status salvage regexes over 900 s). Lint (`eslint-plugin-regexp`) catches most such
 * expressions when they are written; this catches the ones it cannot see (repeated prefixes).
 */
import { describe, expect, it } from 'vitest';
import type { BundleFile, FileKind } from '../../src/shared';
import { PARSERS } from '../../src/main/parse/registry';
import { BufferContent } from '../../src/main/ingest/content';
import { pathFor } from './parser-paths';

const MB = 1024 * 1024;
/** Per parse; a linear parser takes well under a second on 1 MB even on a busy 2-core machine. */
const LIMIT_MS = 4_000;

function fill(unit: string, size = MB): Buffer {
  const u = Buffer.from(unit, 'latin1');
  const b = Buffer.alloc(size);
  for (let i = 0; i < size; i += u.length) u.copy(b, i);
  return b;
}

const PREFIX = '2026-11-20T09:14:03.123456Z INFO ExtHandler ';
/** name → 1 MB of it. */
export const PATHOLOGICAL: [string, () => Buffer][] = [
  ['backslashes', () => fill('\\')],
  ['backslash quote runs', () => fill('\\\\\\\\\\\\\\\\"code\\\\"')],
  ['escaped code without a value', () => fill('\\"code\\": \\"')],
  ['escaped status/taskId without a value', () => fill('\\\\"status\\\\": \\\\"taskId\\\\": ')],
  ['"code": repeated', () => fill('"code": ')],
  ['<!ENTITY without >', () => fill('<!ENTITY a ')],
  ['<a without >', () => fill('<a')],
  ['unclosed tags', () => fill('<a:b.c ')],
  ['spaces', () => fill(' ')],
  ['tabs and spaces, one line', () => fill(' \t')],
  ['digits', () => fill('1')],
  ['digits and dots', () => fill('1.')],
  ['stars', () => fill('*')],
  ['stars and spaces', () => fill('* ')],
  ['equals', () => fill('=')],
  ['brackets', () => fill('[')],
  ['braces', () => fill('{')],
  ['quotes', () => fill('"')],
  ['urls without a path', () => fill('https://a')],
  ['key=value without end', () => fill('a=b')],
  ['sig= runs', () => fill('sig=')],
  ['percent runs', () => fill('%25')],
  ['newlines', () => fill('\n')],
  ['CR', () => fill('\r')],
  ['NUL', () => fill('\0')],
  ['dashes', () => fill('-')],
  ['agent lines of stars', () => fill(`${PREFIX}${'*'.repeat(200)}${' '.repeat(200)}x\n`)],
  ['agent lines of digits', () => fill(`${PREFIX}[Incarnation: ${'1'.repeat(400)}\n`)],
  ['agent lines, ProcessExtensionsGoalState', () => fill(`${PREFIX}ProcessExtensionsGoalState started [${'9'.repeat(300)}\n`)],
  ['snapshot lines without a status code', () => fill(`${PREFIX}From Host- IsSuccessful: true, SnapshotUri: a, ErrorMessage:${' '.repeat(300)}\n`)],
  ['one huge agent line', () => Buffer.concat([Buffer.from(PREFIX), fill(' a', MB - PREFIX.length)])],
  ['days and times', () => fill('1 day, 1:')],
  ['returned from handle.py', () => fill('-1 returne')],
];

async function parse(kind: FileKind, data: Buffer): Promise<number> {
  const parser = PARSERS[kind]!;
  const file: BundleFile = { id: 0, vmPath: pathFor(kind), kind, size: data.length, truncated: false, origin: 'fuzz', input: 0, warnings: [] };
  const t0 = performance.now();
  await parser({ file, content: new BufferContent(data) }, { record: () => {}, fact: () => {}, warn: () => {} });
  return performance.now() - t0;
}

describe('every parser is linear on pathological 1 MB inputs (ReDoS)', () => {
  const kinds = Object.keys(PARSERS) as FileKind[];
  it.each(PATHOLOGICAL.map(([name, make]) => [name, make] as const))('%s', async (name, make) => {
    const data = make();
    const slow: string[] = [];
    for (const kind of kinds) {
      const ms = await parse(kind, data);
      if (ms > LIMIT_MS) slow.push(`${kind} ${Math.round(ms)} ms`);
    }
    expect(slow, `parsers slower than ${LIMIT_MS} ms on "${name}"`).toEqual([]);
  }, 600_000);
});
