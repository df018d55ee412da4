// Rules judged over a bundle of a few hundred thousand tasks, disks or probes: a spread into Math.max passes every
// element as an argument, and above some 120,000 V8 throws "Maximum call stack size exceeded". The rules take the
// greatest with `latestOf` (analyze/types.ts), a loop.
import { describe, expect, it } from 'vitest';
import type { Fact, FileKind, SnapshotTask } from '../../../src/shared';
import { FactIndex } from '../../../src/main/analyze/facts-index';
import { summarizeAgent } from '../../../src/main/analyze/reconstruct/agent-health';
import { rule as dhcpRule } from '../../../src/main/analyze/rules/dhcp-disabled';
import { rule as diskRule } from '../../../src/main/analyze/rules/disk-size-unsupported';
import { rule as rpRule } from '../../../src/main/analyze/rules/rp-collection-limit';
import { rule as delayedRule } from '../../../src/main/analyze/rules/snapshot-task-delayed';
import { latestOf, type RuleContext } from '../../../src/main/analyze/types';
import { inEnglish } from '../english';

const N = 300_000;
const DAY = 86_400_000;
const T0 = Date.parse('1700-01-01T22:00:00Z');

function ctx(facts: Fact[], kinds: FileKind[], snapshots: SnapshotTask[] = []): RuleContext {
  const index = new FactIndex(facts);
  return { facts: index, files: [], snapshots, extensions: [], agent: summarizeAgent(index), clock: { offsets: [], unresolved: [] }, vm: { platform: 'linux' }, hasFileKind: (k) => kinds.includes(k) };
}
const at = (file: string, line: number, time: string | null, text: string) => ({ file, line, time, text });
const EXT_LOG = 'var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log';

/** A successful task `i`: started at `start`, asked for `delayMin` minutes before (commandStartTimeUTCTicks). */
function task(i: number, start: number, delayMin: number): SnapshotTask {
  const s = new Date(start).toISOString();
  return {
    taskId: `t${i}`,
    start: s,
    end: s,
    requestedStart: new Date(start - delayMin * 60_000).toISOString(),
    result: 'success',
    disks: [],
    phases: [],
    milestones: [{ name: 'enable-start', time: s, file: EXT_LOG, line: i + 1, text: 'enable' }],
  };
}

describe('latestOf', () => {
  it('is the greatest value, NaN ignored, -Infinity of none', () => {
    expect(latestOf([3, NaN, 7, -1])).toBe(7);
    expect(latestOf([])).toBe(-Infinity);
    expect(latestOf(Array.from({ length: N }, (_, i) => i))).toBe(N - 1);
  });
});

describe(`rules over ${N.toLocaleString('en')} inputs do not overflow the stack`, () => {
  it('snapshot-task-delayed: every task on time, the worst wait said', () => {
    const tasks = Array.from({ length: N }, (_, i) => task(i, T0 + i * DAY, i === 7 ? 12 : 2));
    const out = inEnglish(delayedRule).evaluate(ctx([], ['vmsnapshot-extension-log'], tasks));
    expect(out).toMatchObject({ verdict: 'ruled-out', confidence: 'high' });
    expect(out.reason).toMatch(/12 minutes/);
  });

  it('rp-collection-limit: two tasks a day on every day', () => {
    const tasks = Array.from({ length: N }, (_, i) => task(i, T0 + Math.floor(i / 2) * DAY + (i % 2) * 60_000, 1));
    const out = rpRule.evaluate(ctx([], ['vmsnapshot-extension-log'], tasks));
    expect(out).toMatchObject({ verdict: 'detected', confidence: 'medium' });
  });

  it('disk-size-unsupported: every disk within the limit, the largest said', () => {
    const disks: Fact[] = Array.from({ length: N }, (_, i) => ({ kind: 'disk-info', device: `/dev/sd${i}`, sizeBytes: (i === 11 ? 2048 : 64) * 1024 ** 3, at: at('lsblk.txt', i + 1, null, `sd${i}`), timeMs: NaN }));
    const out = inEnglish(diskRule).evaluate(ctx(disks, []));
    expect(out).toMatchObject({ verdict: 'ruled-out', confidence: 'high' });
    expect(out.reason).toMatch(/2\.0 TiB/);
  });

  it('dhcp-disabled: the DHCP probe failing again and again', () => {
    const probes: Fact[] = Array.from({ length: N }, (_, i) => ({ kind: 'probe', probe: 'dhcp-245', ok: false, detail: 'no option 245', at: at('probe', i + 1, new Date(T0 + i * 1000).toISOString(), 'dhcp'), timeMs: T0 + i * 1000 }));
    const out = dhcpRule.evaluate(ctx(probes, []));
    expect(out.verdict).toBe('detected');
  });
});
