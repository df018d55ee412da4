import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { BundleFile, Fact, FactOf, FactKind, FileKind } from '../../../src/shared';
import { BufferContent } from '../../../src/main/ingest/content';
import type { RecordInput } from '../../../src/main/records/store';
import type { Parser } from '../../../src/main/parse/types';
import { analyzeBundle } from '../../../src/main/pipeline/analyze-bundle';
import { HANDLER, buildTask, type TaskOptions } from '../../fixtures/snapshot/vmsnapshot-log.mjs';
import { renderAnalysis } from '../../../src/shared/i18n/analysis';

export const EXT_LOG = `var/log/azure/${HANDLER}/extension.log`;
export const SHELL_LOG = `var/log/azure/${HANDLER}/shell.log`;
export const EXT_DIR = `var/lib/waagent/${HANDLER}-1.0.9225.0`;

export interface ParseOutput {
  records: RecordInput[];
  facts: Fact[];
  warnings: { message: string; line?: number }[];
  of<K extends FactKind>(kind: K): FactOf<K>[];
}

/** Runs one parser on in-memory bytes, collecting what it emits. */
export async function runParser(parser: Parser, vmPath: string, kind: FileKind, bytes: string | Buffer): Promise<ParseOutput> {
  const buf = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  const file: BundleFile = { id: 0, vmPath, kind, size: buf.length, truncated: false, origin: 'test', input: 0, warnings: [] };
  const out: ParseOutput = {
    records: [],
    facts: [],
    warnings: [],
    of: (k) => out.facts.filter((f) => f.kind === k) as never,
  };
  await parser({ file, content: new BufferContent(buf) }, { record: (r) => out.records.push({ ...r }), fact: (f) => out.facts.push(f), warn: (note, line) => out.warnings.push({ message: renderAnalysis(note, 'en'), line }) });
  return out;
}

/** A folder bundle with files at their VM paths. */
export async function writeBundle(files: Record<string, string | Buffer>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'vmbd-snap-'));
  for (const [p, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, p)), { recursive: true });
    await writeFile(join(root, p), content);
  }
  return root;
}

const U = (s: string) => Date.parse(s);
/** Daily task ids for scenario bundles (day index → id). */
export const taskIdOf = (i: number) => `0c${String(i).padStart(6, '0')}-5b1f-4e62-9a07-3f1c8d2e6b41`;

/**
 * A Backup extension bundle: one task a day from 2026-11-15 at 22:00 UTC; `outcomes[i]` decides
 * day i. Also writes shell.log and the last task's status file (older ones renamed `<N>_status`).
 */
export function scenario(outcomes: (TaskOptions['outcome'] | Partial<TaskOptions>)[], extra: Partial<TaskOptions> = {}): { files: Record<string, string>; lastTaskId: string; lines: string[] } {
  const log: string[] = [];
  const shell: string[] = [];
  const files: Record<string, string> = {};
  let lastTaskId = '';
  outcomes.forEach((o, i) => {
    const opts: TaskOptions = {
      taskId: taskIdOf(i),
      seq: 11 + i,
      enableAt: U('2026-11-15T22:00:03.420Z') + i * 86_400_000,
      ...extra,
      ...(typeof o === 'string' || o === undefined ? { outcome: o } : o),
    };
    const built = buildTask(opts);
    log.push(...built.lines);
    shell.push(...built.shell);
    lastTaskId = opts.taskId;
    if (built.status) files[`${EXT_DIR}/status/${opts.seq}${i === outcomes.length - 1 ? '.status' : '_status'}`] = built.status;
  });
  files[EXT_LOG] = log.join('\n') + '\n';
  files[SHELL_LOG] = shell.join('\n') + '\n';
  return { files, lastTaskId, lines: log };
}

/** Analyses a folder bundle and returns the result. */
export async function analyzeFiles(files: Record<string, string | Buffer>) {
  const root = await writeBundle(files);
  return (await analyzeBundle([root])).result;
}

export const OUR_CAUSES = [
  'storage-unreachable',
  'snapshot-task-delayed',
  'fsfreeze-failed',
  'prepost-script-failed',
  'extension-stuck',
  'snapshot-limit-reached',
  'clock-skew',
  'backup-in-progress',
  'rp-collection-limit',
  'certificate-missing',
] as const;
