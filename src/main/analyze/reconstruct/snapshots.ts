import type { SnapshotTask } from '../../../shared';
import type { FactIndex } from '../facts-index';

/** Snapshot tasks (backup jobs) rebuilt from the Backup extension's milestones and status files. */
export function buildSnapshotTasks(_facts: FactIndex): SnapshotTask[] {
  return [];
}
