import { createRequire } from 'node:module';
import type * as Fxp from 'fast-xml-parser';
import type { ParseSink } from '../types';
import { lineOf } from './common';
import { msg } from '../../../shared/i18n/analysis';

/**
 * Goal-state XML comes from the fabric but is copied by hand, edited and truncated by the time it
 * reaches us, so it is parsed as hostile: entities are never expanded (processEntities: false keeps
 * `&lol9;` literal) and an external-entity declaration, which fast-xml-parser refuses by throwing,
 * becomes a warning. Namespace prefixes are dropped so `wa:ProvisionGuestAgent` reads as
 * `ProvisionGuestAgent`.
 *
 * The package is loaded at the first XML file, not at import: most bundles (a big log, a zip of logs) hold none, and
 * loading it cost each thread 75–100 ms of CPU before its first byte (docs/PERFORMANCE.md, session 28).
 */
let fxp: { validate: typeof Fxp.XMLValidator.validate; parser: Fxp.XMLParser } | undefined;
function xml(): NonNullable<typeof fxp> {
  if (!fxp) {
    const lib = createRequire(import.meta.url)('fast-xml-parser') as typeof Fxp;
    const parser = new lib.XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@',
      processEntities: false,
      htmlEntities: false,
      removeNSPrefix: true,
      parseTagValue: false,
      parseAttributeValue: false,
      trimValues: true,
      ignoreDeclaration: true,
    });
    fxp = { validate: (text, options) => lib.XMLValidator.validate(text, options), parser };
  }
  return fxp;
}

export type XmlNode = Record<string, unknown>;

/**
 * Parses `text`; on a broken document (truncated, unbalanced) it warns with the validator's line and
 * still returns what fast-xml-parser could read, which for a cut-off file is usually the elements
 * before the cut. Returns null when nothing could be read.
 */
export function parseXml(text: string, sink: ParseSink): XmlNode | null {
  if (declaresExternalEntity(text)) {
    sink.warn(msg('parse.xml-external-entity'), lineOf(text, /<!ENTITY/i) || undefined);
    return null;
  }
  if (/<!ENTITY/i.test(text)) sink.warn(msg('parse.xml-entities'), lineOf(text, /<!ENTITY/i) || undefined);
  const valid = xml().validate(text);
  if (valid !== true) {
    sink.warn(msg('parse.xml-malformed', { error: valid.err.msg }), valid.err.line || undefined);
  }
  // no element at all: fast-xml-parser answers {} after walking the text a character at a time (~0.2 s a MB)
  if (!text.includes('<')) return {};
  try {
    const doc = xml().parser.parse(text) as unknown;
    if (doc && typeof doc === 'object') return doc as XmlNode;
  } catch (e) {
    if (valid === true) sink.warn(msg('parse.xml-unparsed', { error: (e as Error).message }));
    return salvage(text, sink);
  }
  return null;
}

/**
 * True when an `<!ENTITY …>` declaration names an external id (SYSTEM or PUBLIC). Linear: a declaration is
 * read up to its `>` or the next `<`, and the scan goes on after it (`<!ENTITY[^>]*\bSYSTEM\b` rescanned the
 * rest of the file from every `<!ENTITY`: 1 MB took minutes).
 */
function declaresExternalEntity(text: string): boolean {
  for (const m of text.matchAll(/<!ENTITY([^<>]*)/gi)) if (/\b(?:SYSTEM|PUBLIC)\b/i.test(m[1])) return true;
  return false;
}

/**
 * For a document fast-xml-parser rejects outright: close the open elements at the last complete tag
 * and parse that prefix. Good enough to recover the head of a truncated goal-state file.
 */
function salvage(text: string, sink: ParseSink): XmlNode | null {
  const cut = text.lastIndexOf('>');
  if (cut <= 0) return null;
  const head = text.slice(0, cut + 1);
  const stack: string[] = [];
  const re = /<(\/?)([A-Za-z_][\w.:-]*)(?![\w.:-])([^<>]*)>/g;
  for (let m = re.exec(head); m; m = re.exec(head)) {
    if (m[3].endsWith('/')) continue; // self-closing
    if (m[1] === '/') {
      const i = stack.lastIndexOf(m[2]);
      if (i >= 0) stack.length = i;
    } else stack.push(m[2]);
  }
  const closed = head + stack.reverse().map((n) => `</${n}>`).join('');
  try {
    const doc = xml().parser.parse(closed) as unknown;
    if (doc && typeof doc === 'object') {
      sink.warn(msg('parse.xml-truncated'));
      return doc as XmlNode;
    }
  } catch {
    // nothing readable
  }
  return null;
}

/** Walks `a/b/c` through a parsed document, taking the first element at each step. */
export function at(node: unknown, path: string): unknown {
  let cur: unknown = node;
  for (const key of path.split('/')) {
    if (Array.isArray(cur)) cur = cur[0];
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return Array.isArray(cur) ? cur[0] : cur;
}

/** Element text whether the element has attributes (`#text`) or not. */
export function textOf(node: unknown): string | undefined {
  if (typeof node === 'string') return node;
  if (typeof node === 'number' || typeof node === 'boolean') return String(node);
  if (node && typeof node === 'object' && '#text' in node) {
    const t = (node as Record<string, unknown>)['#text'];
    return typeof t === 'string' || typeof t === 'number' ? String(t) : undefined;
  }
  return undefined;
}

export function attr(node: unknown, name: string): string | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const v = (node as Record<string, unknown>)[`@${name}`];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null || v === '' ? [] : [v]);
