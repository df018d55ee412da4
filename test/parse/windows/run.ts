import type { BundleFile, Fact, FactKind, FactOf } from '../../../src/shared';
import { BufferContent } from '../../../src/main/ingest/content';
import type { Parser } from '../../../src/main/parse/types';
import type { RecordInput } from '../../../src/main/records/store';
import { renderAnalysis } from '../../../src/shared/i18n/analysis';

export interface Parsed {
  facts: Fact[];
  warnings: string[];
  records: RecordInput[];
}

/** Runs one parser over `data` as the file `vmPath`. */
export async function run(parser: Parser, vmPath: string, data: string): Promise<Parsed> {
  const buf = Buffer.from(data, 'utf8');
  const file: BundleFile = { id: 0, vmPath, kind: 'other', size: buf.length, truncated: false, origin: vmPath, input: 0, warnings: [] };
  const out: Parsed = { facts: [], warnings: [], records: [] };
  await parser({ file, content: new BufferContent(buf) }, { record: (r) => void out.records.push({ ...r }), fact: (f) => void out.facts.push(f), warn: (m) => void out.warnings.push(renderAnalysis(m, 'en')) });
  return out;
}

export function of<K extends FactKind>(p: Parsed, kind: K): FactOf<K>[] {
  return p.facts.filter((f) => f.kind === kind) as FactOf<K>[];
}
