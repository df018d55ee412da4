import type { ExtensionSummary, SnapshotTask, TimelineItem } from '../../../shared';
import type { FactIndex } from '../facts-index';

/** Timeline items: snapshot tasks, extension state lanes, agent events and errors. */
export function buildTimeline(_facts: FactIndex, _snapshots: readonly SnapshotTask[], _extensions: readonly ExtensionSummary[]): TimelineItem[] {
  return [];
}
