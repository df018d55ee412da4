import { readFileSync } from 'node:fs';
import type { BundleFile, Fact } from '../../../src/shared';
import { classify } from '../../../src/main/ingest/classify';
import { BufferContent } from '../../../src/main/ingest/content';
import { parserFor } from '../../../src/main/parse/registry';
import type { RecordInput } from '../../../src/main/records/store';
import { renderAnalysis } from '../../../src/shared/i18n/analysis';

export interface Parsed {
  facts: Fact[];
  warnings: { message: string; line?: number }[];
  records: RecordInput[];
}

/** Runs the parser the registry picks for `vmPath` (through classify, as the pipeline does). */
export async function parse(vmPath: string, data: string | Buffer): Promise<Parsed> {
  const kind = classify(vmPath);
  const parser = parserFor(kind);
  if (!parser) throw new Error(`no parser for ${vmPath} (${kind})`);
  const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const file: BundleFile = { id: 0, vmPath, kind, size: buf.length, truncated: false, origin: vmPath, input: 0, warnings: [] };
  const out: Parsed = { facts: [], warnings: [], records: [] };
  await parser(
    { file, content: new BufferContent(buf) },
    { record: (r) => void out.records.push({ ...r }), fact: (f) => void out.facts.push(f), warn: (note, line) => void out.warnings.push({ message: renderAnalysis(note, 'en'), ...(line ? { line } : {}) }) },
  );
  return out;
}

export const read = (path: string) => readFileSync(path);

export function only<K extends Fact['kind']>(p: Parsed, kind: K): Extract<Fact, { kind: K }>[] {
  return p.facts.filter((f) => f.kind === kind) as Extract<Fact, { kind: K }>[];
}
