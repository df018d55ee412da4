import type { BundleFile, ClockSummary, Fact } from '../../../shared';
import type { RecordStore } from '../../records/store';

export interface ClockInference {
  clock: ClockSummary;
  /** Offset (local − UTC, minutes) to apply to the `local` times of each file id. */
  offsets: Map<number, number>;
}

/**
 * Infers the VM's local-time offset from lines that appear in both clocks (records are in file
 * order, i.e. write order, so a local line next to a UTC line was written at nearly the same time).
 */
export function inferClock(_facts: readonly Fact[], _files: readonly BundleFile[], _records: RecordStore): ClockInference {
  return { clock: { offsets: [], unresolved: [] }, offsets: new Map() };
}
