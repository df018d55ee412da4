import type { Fact } from '../../src/shared';
import { BufferContent } from '../../src/main/ingest/content';
import { parseWaagentLog } from '../../src/main/parse/waagent';
import { FactStore } from '../../src/main/records/fact-store';
import { RecordStore } from '../../src/main/records/store';

export const WAAGENT_VM_PATH = 'var/log/waagent.log';

/** A fact as plain data (a row fact's fields are getters that read the store's columns). */
export function plainFact(f: Fact): Fact {
  const o: Record<string, unknown> = {};
  for (const k in f) o[k] = (f as unknown as Record<string, unknown>)[k];
  return o as unknown as Fact;
}

/**
 * Parses a waagent.log twice: every fact as an object (a plain list, with its own record store), and into a
 * FactStore (rows for per-record facts), so a test can hold the two against each other.
 */
export async function parseBothWays(text: string) {
  const buf = Buffer.from(text, 'utf8');
  const file = { id: 0, vmPath: WAAGENT_VM_PATH, kind: 'waagent-log', size: buf.length, warnings: [] } as never;
  const objects: Fact[] = [];
  const plain = new RecordStore([{ vmPath: WAAGENT_VM_PATH, content: new BufferContent(buf) }]);
  await parseWaagentLog({ file, content: new BufferContent(buf) }, { record: (r) => void plain.add(0, r), fact: (f) => void objects.push(f), warn: () => {} });
  const records = new RecordStore([{ vmPath: WAAGENT_VM_PATH, content: new BufferContent(buf) }]);
  const store = new FactStore(records, [{ vmPath: WAAGENT_VM_PATH }]);
  let last = -1;
  await parseWaagentLog(
    { file, content: new BufferContent(buf) },
    { record: (r) => void (last = records.add(0, r)), fact: (f) => store.push(f), recordFact: (d, len) => store.pushAtRecord(d, last, len), warn: () => {} },
  );
  return { objects, store, records };
}
