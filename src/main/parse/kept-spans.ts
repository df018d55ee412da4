import type { Fact } from '../../shared';
import { BufferContent, type FileContent } from '../ingest/content';
import type { FactDraft } from '../records/fact-store';
import type { RecordStore } from '../records/store';
import { joinsSpan, textEnd } from '../records/text-filter';
import type { FactSink } from './types';

/** One file's noted byte ranges: offset, length pairs. */
interface Noted {
  pairs: Float64Array;
  n: number;
  /** Bytes noted (a record's facts share its line: noted once), to give up once it passes half the file. */
  bytes: number;
  lastOffset: number;
}

/** Ranges kept pending at most (`KeptSpans.pending`, 24 bytes each). */
const PENDING_MAX = 1 << 16;
/** A pending range that is a row's record (its file and offset read from the store). */
const ROW = -Infinity;

/**
 * What the analysis may still read of an in-memory file once it is parsed, noted while it is parsed, so that a run
 * without a log view (the CLI) can let the rest go (BufferContent.keepOnly): the evidence lines of its facts (the
 * result's deferred evidence, pipeline/evidence-text.ts) and the first lines of its warnings and errors (the
 * unexplained lines, read in the spans of text-filter.ts `joinsSpan`). Any other read makes the file whole again.
 */
export class KeptSpans {
  private readonly noted = new Map<number, Noted | null>();
  /**
   * Ranges not noted yet, in the order they came: file id, offset, length; a file id of ROW is a row's record id in the
   * offset's place, whose file and offset are read once the records are settled (a parser's records are staged,
   * RecordStore.stage, so a row's record is not in the store while its file is parsed). Noted in order at `release`,
   * so the ranges are the ones noting each at once gives.
   */
  private pending = new Float64Array(3 * 1024);
  private pendingN = 0;

  constructor(
    private readonly contents: readonly FileContent[],
    private readonly records: RecordStore,
  ) {}

  /** `facts` with every fact's evidence range noted on its way in. */
  wrap(facts: FactSink): FactSink {
    const rows = facts.pushAtRecord?.bind(facts);
    const layoutOf = facts.layoutOf?.bind(facts);
    const pushRow = facts.pushRowAtRecord?.bind(facts);
    const milestones = facts.pushMilestone?.bind(facts);
    return {
      push: (f: Fact, fileId?: number) => {
        const t = f.at?.textAt;
        if (t) this.later(t.fileId, t.offset, t.length);
        return facts.push(f, fileId);
      },
      ...(rows
        ? {
            pushAtRecord: (d: FactDraft, record: number, firstLen: number) => {
              this.later(ROW, record, firstLen);
              rows(d, record, firstLen);
            },
          }
        : {}),
      ...(layoutOf && pushRow
        ? {
            layoutOf,
            pushRowAtRecord: (sid: number, values: readonly unknown[], record: number, firstLen: number) => {
              this.later(ROW, record, firstLen);
              return pushRow(sid, values, record, firstLen);
            },
          }
        : {}),
      // (a milestone's evidence text is made at the parse: no byte range of the file is read for it)
      ...(milestones ? { pushMilestone: milestones } : {}),
    };
  }

  /** Lets file `fileId` go but for what was noted and its warnings and errors (records from `firstRecord` on). */
  release(fileId: number, firstRecord: number): void {
    this.notePending();
    const content = this.contents[fileId];
    const noted = this.noted.get(fileId);
    this.noted.delete(fileId);
    if (!(content instanceof BufferContent) || !content.releasable || noted === null) return;
    const pairs: number[] = [];
    const { records } = this;
    let from = -1;
    let to = -1;
    for (let i = firstRecord; i < records.count; i++) {
      if (records.fileOf(i) !== fileId) continue;
      const level = records.levelOf(i);
      if (level !== 'error' && level !== 'warning') continue;
      const o = records.offsetOf(i);
      const end = textEnd(o, records.lengthOf(i));
      // RecordStore.firstLines reads the records that join a span together: keep the bytes between them too
      if (from >= 0 && joinsSpan(from, to, o, end)) to = Math.max(to, end);
      else {
        if (from >= 0) pairs.push(from, to - from);
        from = o;
        to = end;
      }
      if (pairs.length > 1 << 20) return;
    }
    if (from >= 0) pairs.push(from, to - from);
    const own = noted ? 2 * noted.n : 0;
    const all = new Float64Array(own + pairs.length);
    if (noted) all.set(noted.pairs.subarray(0, own));
    all.set(pairs, own);
    content.keepOnly(all, all.length / 2);
  }

  /** A range to note once the records are settled (`pending`). */
  private later(fileId: number, offset: number, length: number): void {
    if (this.pendingN === PENDING_MAX) {
      // (a log of millions of facts: the records staged so far are written, RecordStore.settle, and these noted)
      this.records.settle();
      this.notePending();
    }
    let p = this.pending;
    const k = 3 * this.pendingN++;
    if (k + 3 > p.length) {
      p = new Float64Array(p.length * 2);
      p.set(this.pending);
      this.pending = p;
    }
    p[k] = fileId;
    p[k + 1] = offset;
    p[k + 2] = length;
  }

  /** Notes the pending ranges, in order (the records are settled: `release` comes after a file's parse). */
  private notePending(): void {
    const { pending: p, records } = this;
    for (let k = 0; k < 3 * this.pendingN; k += 3) {
      if (p[k] === ROW) this.note(records.fileOf(p[k + 1]), records.offsetOf(p[k + 1]), p[k + 2]);
      else this.note(p[k], p[k + 1], p[k + 2]);
    }
    this.pendingN = 0;
  }

  private note(fileId: number, offset: number, length: number): void {
    let n = this.noted.get(fileId);
    if (n === null) return;
    if (n === undefined) {
      const c = this.contents[fileId];
      if (!(c instanceof BufferContent) || !c.releasable) return void this.noted.set(fileId, null);
      this.noted.set(fileId, (n = { pairs: new Float64Array(1024), n: 0, bytes: 0, lastOffset: -1 }));
    }
    if (offset === n.lastOffset) {
      const k = 2 * (n.n - 1);
      if (length > n.pairs[k + 1]) n.pairs[k + 1] = length;
      return;
    }
    n.lastOffset = offset;
    n.bytes += length;
    // most of the file is evidence: it stays whole
    if (n.bytes > this.contents[fileId].size / 2) return void this.noted.set(fileId, null);
    if (2 * n.n + 2 > n.pairs.length) {
      const grown = new Float64Array(n.pairs.length * 2);
      grown.set(n.pairs);
      n.pairs = grown;
    }
    n.pairs[2 * n.n] = offset;
    n.pairs[2 * n.n + 1] = length;
    n.n++;
  }
}
