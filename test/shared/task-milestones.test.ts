// A task's milestones are read through shared/model/task-milestones.ts only: the answers match the task's list, and no
// other source file reads the list itself (a compact form behind the task then changes that one file).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SnapshotMilestoneRef } from '../../src/shared';
import {
  findMilestone,
  hasMilestone,
  milestoneCount,
  milestoneEvidence,
  milestoneFile,
  milestoneLine,
  milestoneName,
  milestoneIndex,
  milestoneNamed,
  milestoneRef,
  milestoneText,
  keepMilestoneRows,
  milestoneRowsOf,
} from '../../src/shared/model/task-milestones';
import type { SnapshotTask } from '../../src/shared';

const ref = (name: string, line: number, time: string | null = null): SnapshotMilestoneRef => ({ name, time, file: 'var/log/azure/x/extension.log', line, text: `line ${line} ${name}` });
const task = {
  milestones: [ref('enable-start', 3, '2026-01-01T00:00:00.000Z'), ref('freeze-start', 9), ref('freeze-failed', 12), ref('freeze-start', 20), ref('final-status', 31)],
};

describe('task milestones accessor', () => {
  it('gives each milestone as the list holds it', () => {
    expect(milestoneCount(task)).toBe(5);
    expect(milestoneCount({ milestones: [] })).toBe(0);
    task.milestones.forEach((m, k) => {
      expect(milestoneName(task, k)).toBe(m.name);
      expect(milestoneFile(task, k)).toBe(m.file);
      expect(milestoneLine(task, k)).toBe(m.line);
      expect(milestoneText(task, k)).toBe(m.text);
      expect(milestoneRef(task, k)).toEqual(m);
      const e = milestoneEvidence(task, k);
      expect(e).toStrictEqual({ file: m.file, line: m.line, time: m.time, text: m.text });
      expect(e).not.toBe(m);
    });
  });

  it('finds by name from either end', () => {
    expect(hasMilestone(task, 'frozen')).toBe(false);
    expect(hasMilestone(task, 'frozen', 'final-status')).toBe(true);
    expect(findMilestone(task, (k) => milestoneName(task, k) === 'freeze-start')).toBe(1);
    expect(findMilestone(task, (k) => milestoneName(task, k) === 'freeze-start', true)).toBe(3);
    expect(findMilestone(task, () => false)).toBe(-1);
    expect(milestoneIndex(task, 'freeze-start')).toBe(1);
    expect(milestoneIndex(task, 'freeze-start', true)).toBe(3);
    expect(milestoneIndex(task, 'enable-start', true)).toBe(0);
    expect(milestoneIndex(task, 'thaw-start')).toBe(-1);
    expect(milestoneIndex(task, 'thaw-start', true)).toBe(-1);
    expect(milestoneNamed(task, 'freeze-start')?.line).toBe(9);
    expect(milestoneNamed(task, 'freeze-start', true)?.line).toBe(20);
    expect(milestoneNamed(task, 'thaw-start')).toBeUndefined();
  });

  it('reads a task’s milestones kept as rows as it reads its list, and gives the list to the JSON and to copies', () => {
    const list = task.milestones;
    const reads: string[] = [];
    const rows = {
      length: list.length,
      name: (k: number) => (reads.push('name'), list[k].name),
      time: (k: number) => list[k].time,
      file: (k: number) => list[k].file,
      line: (k: number) => list[k].line,
      text: (k: number) => list[k].text,
      clipped: (k: number) => list[k].text.endsWith('…'),
    };
    const plain = { taskId: 't', result: 'failed', milestones: list, extensionVersion: '1.0.9' } as SnapshotTask;
    // (set where an assignment would be: the JSON's key order)
    const lazy = { taskId: 't', result: 'failed' } as SnapshotTask;
    keepMilestoneRows(lazy, rows);
    lazy.extensionVersion = '1.0.9';
    expect(milestoneCount(lazy)).toBe(5);
    list.forEach((m, k) => {
      expect(milestoneName(lazy, k)).toBe(m.name);
      expect(milestoneFile(lazy, k)).toBe(m.file);
      expect(milestoneLine(lazy, k)).toBe(m.line);
      expect(milestoneText(lazy, k)).toBe(m.text);
      expect(milestoneRef(lazy, k)).toStrictEqual(m);
      expect(milestoneEvidence(lazy, k)).toStrictEqual(milestoneEvidence(plain, k));
    });
    expect(hasMilestone(lazy, 'frozen', 'final-status')).toBe(true);
    expect(hasMilestone(lazy, 'frozen')).toBe(false);
    expect(milestoneNamed(lazy, 'freeze-start', true)?.line).toBe(20);
    expect(milestoneIndex(lazy, 'freeze-start')).toBe(1);
    expect(JSON.stringify(lazy, null, 2)).toBe(JSON.stringify(plain, null, 2));
    expect(Object.keys(lazy)).toEqual(Object.keys(plain));
    // each read of the list makes a new one; a copy holds a list and no rows
    expect(lazy.milestones).toStrictEqual(list);
    expect(lazy.milestones).not.toBe(lazy.milestones);
    for (const copy of [structuredClone(lazy), { ...lazy }, Object.assign(Object.create(null) as SnapshotTask, lazy)]) {
      expect(milestoneRowsOf(copy)).toBeUndefined();
      expect(Object.getOwnPropertyDescriptor(copy, 'milestones')?.value).toStrictEqual(list);
      expect(JSON.stringify(copy)).toBe(JSON.stringify(plain));
    }
    expect(milestoneRowsOf(plain)).toBeUndefined();
  });

  it('is the only reader of a task’s milestone list in src', () => {
    const root = join(__dirname, '..', '..', 'src');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.tsx?$/.test(name)) files.push(p);
      }
    };
    walk(root);
    const readers = files
      .filter((p) => !p.endsWith(join('model', 'task-milestones.ts')))
      // `x.milestones` read (not the one place that sets a task's list)
      .filter((p) => /\.milestones\b(?!\s*=[^=])/.test(readFileSync(p, 'utf8')))
      .map((p) => relative(root, p));
    expect(readers).toEqual([]);
  });
});
