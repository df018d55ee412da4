import type { Warning } from '../../shared';
import { DEFAULT_LIMITS, type IngestLimits } from './types';
import { msg, renderAnalysis, type IngestNote, type WarningNote } from '../../shared/i18n/analysis';

/** Below this many uncompressed bytes a high compression ratio is harmless (a short log of repeated lines). */
export const RATIO_MIN_BYTES = 8 * 1024 * 1024;
const PROGRESS_BYTES = 8 * 1024 * 1024;

/**
 * The budget shared by every input of one ingest: total bytes and entry count, plus the caps every reader
 * checks. Readers ask before taking bytes; a refusal is reported once per reason so a hostile archive with a
 * million entries does not produce a million warnings.
 */
export class Budget {
  readonly limits: IngestLimits;
  totalBytes = 0;
  entries = 0;
  private said = new Set<string>();

  /** Where warnings go: the current input's list (ingest switches it per input). */
  sink: Warning[] = [];

  constructor(limits: Partial<IngestLimits> | undefined) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  /** Gives bytes back (a history zip's own bytes once its members have been counted instead). */
  refund(n: number): void {
    this.totalBytes = Math.max(0, this.totalBytes - n);
  }

  /** Called every 100 entries and every 8 MB so a big archive shows progress while it is read. */
  onProgress?: (entries: number, bytes: number) => void;
  /** The input being read is an archive: its bytes are inflated (the progress says so). */
  inflating = false;

  /** Counts one archive/folder entry; false (with one warning) once the cap is reached. */
  takeEntry(input: string): boolean {
    if (this.entries >= this.limits.maxEntries) {
      this.once(`entries:${input}`, msg('ingest.entry-cap', { origin: input, max: this.limits.maxEntries }));
      return false;
    }
    this.entries++;
    if (this.entries % 100 === 0) this.onProgress?.(this.entries, this.totalBytes);
    return true;
  }

  /** Bytes still allowed by the total cap. */
  get remaining(): number {
    return Math.max(0, this.limits.maxTotalBytes - this.totalBytes);
  }

  /** Reserves `n` bytes; false (with one warning) when they would pass the total cap. */
  takeBytes(n: number, input: string, name: string): boolean {
    if (this.totalBytes + n > this.limits.maxTotalBytes) {
      this.once(`total:${input}`, msg('ingest.total-cap', { origin: input, max: this.limits.maxTotalBytes, name }));
      return false;
    }
    const before = this.totalBytes;
    this.totalBytes += n;
    if (Math.floor(this.totalBytes / PROGRESS_BYTES) !== Math.floor(before / PROGRESS_BYTES)) this.onProgress?.(this.entries, this.totalBytes);
    return true;
  }

  /** True when `out` bytes inflated from `inBytes` look like a decompression bomb. */
  isBomb(out: number, inBytes: number): boolean {
    return out > RATIO_MIN_BYTES && out > Math.max(1, inBytes) * this.limits.maxRatio;
  }

  /** A warning as a catalogue message (its English is the warning's `message`): no English-only warning. */
  warn(note: IngestNote, file?: string): void {
    const w: Warning = noted(note);
    this.sink.push(file ? { file, ...w } : w);
  }

  once(key: string, note: IngestNote): void {
    if (this.said.has(key)) return;
    this.said.add(key);
    this.warn(note);
  }
}

/** A warning's English message and its catalogue note, from one message. */
export function noted<N extends WarningNote>(note: N): { message: string; note: N } {
  return { message: renderAnalysis(note, 'en'), note };
}
