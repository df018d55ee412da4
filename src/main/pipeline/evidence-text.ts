import type { Evidence } from '../../shared';
import { BufferContent, type FileContent } from '../ingest/content';
import { msg, type AnalysisMessage } from '../../shared/i18n/analysis';
import { deferredEvidenceText } from '../parse/waagent';
import { isRefList } from '../../shared/redact';
import { milestoneRowsOf } from '../../shared/model/task-milestones';

/** Why some evidence kept an empty text: its file could not be read again. */
export type EvidenceUnread = Extract<AnalysisMessage, { key: 'pipeline.evidence-unread' }>;

/** Reads closer than this are merged into one (evidence lines cluster around the failed task). */
const MERGE_GAP = 64 * 1024;
/** One read never spans more than this. */
const MAX_SPAN = 4 * 1024 * 1024;

/**
 * Every evidence object in `root` (the analysis result) whose text the parser left in the file
 * (`Evidence.textAt`), each once. Walks plain objects and arrays. The result is a JSON document (the CLI
 * serialises it, the app clones it), so it has no cycles, and an object shared by two places is walked
 * twice at the cost of writing it twice; a set of every visited object cost more than that (the identity
 * hash of each of the bench's logs.zip result's 300 k objects: 0.26–0.44 s of CPU against 0.04–0.06 s).
 */
function deferredEvidence(root: unknown): Evidence[] {
  const found = new Set<Evidence>();
  const stack: unknown[] = [root];
  while (stack.length) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      // (a task's milestone refs, most of the logs.zip result's objects, hold strings and a number only)
      if (isRefList(v)) continue;
      for (const x of v) if (x !== null && typeof x === 'object') stack.push(x);
      continue;
    }
    const o = v as Record<string, unknown>;
    if (o.textAt && typeof o.text === 'string') found.add(o as unknown as Evidence);
    // (a task's milestones kept as rows: their refs would be made to be read and dropped, and hold no deferred text)
    const rows = milestoneRowsOf(o) !== undefined;
    for (const k in o) {
      if (rows && k === 'milestones') continue;
      const x = o[k];
      if (x !== null && typeof x === 'object' && k !== 'textAt') stack.push(x);
    }
  }
  return [...found];
}

/**
 * Fills in the text of the deferred evidence that reached the result — read from the files in
 * merged spans, redacted and clipped as the parser would have done — and removes the pointers,
 * so nothing downstream (views, reports, the CLI JSON) sees a difference. Returns the warnings for
 * files that could no longer be read (their evidence keeps an empty text), as catalogue messages.
 */
export async function fillDeferredEvidence(root: unknown, contents: readonly { vmPath: string; content: FileContent }[]): Promise<EvidenceUnread[]> {
  const byFile = new Map<number, Evidence[]>();
  for (const e of deferredEvidence(root)) {
    const id = e.textAt!.fileId;
    let list = byFile.get(id);
    if (!list) byFile.set(id, (list = []));
    list.push(e);
  }
  const warnings: EvidenceUnread[] = [];
  for (const [fileId, list] of byFile) {
    const content = contents[fileId]?.content;
    list.sort((a, b) => a.textAt!.offset - b.textAt!.offset);
    const path = contents[fileId]?.vmPath ?? `file #${fileId}`;
    try {
      if (!content) {
        warnings.push(msg('pipeline.evidence-unread', { path, count: list.length }));
        for (const e of list) delete e.textAt;
        continue;
      }
      // bytes in memory are read line by line (a view costs nothing, and a file let go after its parse keeps only these lines)
      const gap = content instanceof BufferContent ? 0 : MERGE_GAP;
      for (let i = 0; i < list.length; ) {
        const start = list[i].textAt!.offset;
        let end = start + list[i].textAt!.length;
        let j = i + 1;
        while (j < list.length && list[j].textAt!.offset - end < gap && list[j].textAt!.offset + list[j].textAt!.length - start < MAX_SPAN) {
          end = Math.max(end, list[j].textAt!.offset + list[j].textAt!.length);
          j++;
        }
        const buf = await content.read(start, end - start);
        for (let k = i; k < j; k++) {
          const at = list[k].textAt!;
          list[k].text = deferredEvidenceText(buf.subarray(at.offset - start, at.offset - start + at.length));
        }
        i = j;
      }
    } catch (e) {
      warnings.push(msg('pipeline.evidence-unread', { path, count: list.length, error: (e as Error).message }));
    }
    for (const e of list) delete e.textAt;
  }
  return warnings;
}
