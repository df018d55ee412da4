import { expect } from 'vitest';
import type { Fact } from '../../../src/shared';
import { BufferContent } from '../../../src/main/ingest/content';
import type { RecordInput } from '../../../src/main/records/store';
import { deferredEvidenceText, parseCommandExecutionLog, parseWaagentLog } from '../../../src/main/parse/waagent';
import { renderAnalysis } from '../../../src/shared/i18n/analysis';

export interface Parsed {
  records: RecordInput[];
  facts: Fact[];
  warnings: { message: string; line?: number }[];
  /** Text of a record, read back from its offset/length (what the log viewer shows). */
  text(r: RecordInput): string;
}

export async function parse(input: string | Buffer, vmPath = 'var/log/waagent.log', commandExecution = false): Promise<Parsed> {
  const buf = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  const records: RecordInput[] = [];
  const facts: Fact[] = [];
  const warnings: { message: string; line?: number }[] = [];
  const parser = commandExecution ? parseCommandExecutionLog : parseWaagentLog;
  await parser(
    { file: { id: 0, vmPath, kind: commandExecution ? 'command-execution-log' : 'waagent-log', size: buf.length } as never, content: new BufferContent(buf) },
    { record: (r) => records.push({ ...r }), fact: (f) => facts.push(f), warn: (note, line) => warnings.push({ message: renderAnalysis(note, 'en'), ...(line ? { line } : {}) }) },
  );
  return { records, facts: readEvidenceText(facts, buf), warnings, text: (r) => buf.toString('utf8', r.offset, r.offset + r.length) };
}

/**
 * The parser leaves first-line evidence text in the file (`at.textAt`); the pipeline reads it back
 * for the evidence that reaches the result. Tests of the parser read it back for every fact, from
 * the same bytes with the same function, so they assert what a result would show.
 */
export function readEvidenceText(facts: Fact[], buf: Buffer): Fact[] {
  for (const f of facts) {
    const at = f.at.textAt;
    if (!at) continue;
    expect(at.fileId).toBe(0);
    f.at.text = deferredEvidenceText(buf.subarray(at.offset, at.offset + at.length));
    delete f.at.textAt;
  }
  return facts;
}

export const ofKind = <K extends Fact['kind']>(facts: Fact[], kind: K) => facts.filter((f) => f.kind === kind) as Extract<Fact, { kind: K }>[];
