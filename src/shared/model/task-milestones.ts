import type { Evidence } from '../facts/common';
import type { SnapshotMilestoneRef, SnapshotTask } from './analysis';

/**
 * The one way to read a snapshot task's milestones (the rules, reconstruct, the reports, the renderer's timeline), by
 * position in task order. A bundle's tasks hold up to 200 milestones each (the bench's 10,000-task extension.log:
 * 200,000), so a milestone is asked for by its place and its fields one at a time: no reader depends on how the task
 * keeps them (its JSON's `milestones` list today), and a compact form behind the task changes this file only.
 */
type Task = Pick<SnapshotTask, 'milestones'>;

export function milestoneCount(t: Task): number {
  return t.milestones.length;
}

export function milestoneName(t: Task, k: number): string {
  return t.milestones[k].name;
}

export function milestoneFile(t: Task, k: number): string {
  return t.milestones[k].file;
}

export function milestoneLine(t: Task, k: number): number {
  return t.milestones[k].line;
}

export function milestoneText(t: Task, k: number): string {
  return t.milestones[k].text;
}

/** Milestone `k` as the JSON writes it (name, time, file, line, text). */
export function milestoneRef(t: Task, k: number): SnapshotMilestoneRef {
  return t.milestones[k];
}

/** Milestone `k`'s line as evidence: a new object of its file, line, time and text. */
export function milestoneEvidence(t: Task, k: number): Evidence {
  const m = t.milestones[k];
  return { file: m.file, line: m.line, time: m.time, text: m.text };
}

/** Whether the task has a milestone named `name` (or `or`). Rules ask it of every task of a bundle: a plain loop. */
export function hasMilestone(t: Task, name: string, or?: string): boolean {
  const list = t.milestones;
  for (let k = 0; k < list.length; k++) {
    const n = list[k].name;
    if (n === name || n === or) return true;
  }
  return false;
}

/** The first position (the last with `fromEnd`) whose milestone passes `test`, else -1. */
export function findMilestone(t: Task, test: (k: number) => boolean, fromEnd = false): number {
  const n = milestoneCount(t);
  if (fromEnd) {
    for (let k = n - 1; k >= 0; k--) if (test(k)) return k;
  } else for (let k = 0; k < n; k++) if (test(k)) return k;
  return -1;
}

/** The first milestone named `name` (the last with `fromEnd`), or undefined. */
export function milestoneNamed(t: Task, name: string, fromEnd = false): SnapshotMilestoneRef | undefined {
  const k = findMilestone(t, (j) => milestoneName(t, j) === name, fromEnd);
  return k < 0 ? undefined : milestoneRef(t, k);
}
