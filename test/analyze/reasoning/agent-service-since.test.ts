// The time a `systemctl status` block says the agent's unit entered its state (parse/system/service-state.ts), and
// what agent-not-running makes of it: a backup the Backup extension ran after a stopped agent was seen stopped shows
// the agent ran again by then.
import { describe, expect, it } from 'vitest';
import type { Fact, FileKind, SnapshotTask } from '../../../src/shared';
import { FactIndex } from '../../../src/main/analyze/facts-index';
import { summarizeAgent } from '../../../src/main/analyze/reconstruct/agent-health';
import { rule as notRunningRule } from '../../../src/main/analyze/rules/agent-not-running';
import type { RuleContext } from '../../../src/main/analyze/types';
import { statusSince } from '../../../src/main/parse/system/service-state';
import { backupSucceededAfter } from '../../accuracy/perturb';
import { inEnglish } from '../english';
import { caseAnalyser } from './changed-case';

const notRunning = inEnglish(notRunningRule);
const changed = caseAnalyser('vmbd-service-since-');

describe('the "since" of a systemctl status Active line', () => {
  it('reads every form systemctl writes, in UTC where the zone says so', () => {
    // jpaztech-notready-agent-service-stopped (RHEL 8.6); Azure/WALinuxAgent#767 (Debian 8)
    expect(statusSince('   Active: inactive (dead) since Sun 2022-08-14 15:12:35 UTC; 6s ago')).toEqual({ ms: Date.parse('2022-08-14T15:12:35Z'), zone: 'utc' });
    expect(statusSince('           Active: active (running) since Tue 2017-06-20 06:52:14 UTC; 3min 5s ago')).toEqual({ ms: Date.parse('2017-06-20T06:52:14Z'), zone: 'utc' });
    // --timestamp=us, --timestamp=unix, a numeric zone (glibc's %Z for a zone without an abbreviation)
    expect(statusSince('   Active: failed (Result: exit-code) since Mon 2025-07-21 16:48:13.123456 UTC; 1h 16min ago')).toEqual({ ms: Date.parse('2025-07-21T16:48:13.123Z'), zone: 'utc' });
    expect(statusSince('   Active: inactive (dead) since @1660489955; 6s ago')).toEqual({ ms: 1660489955000, zone: 'utc' });
    expect(statusSince('   Active: inactive (dead) since Sun 2022-08-14 18:12:35 +03; 6s ago')).toEqual({ ms: Date.parse('2022-08-14T15:12:35Z'), zone: 'utc' });
    expect(statusSince('   Active: inactive (dead) since Sun 2022-08-14 10:42:35 -0430; 6s ago')).toEqual({ ms: Date.parse('2022-08-14T15:12:35Z'), zone: 'utc' });
  });

  it('reads a zone abbreviation, a weekday in the locale\'s words or none, and no zone as the VM\'s wall clock', () => {
    // Azure/WALinuxAgent#871 (AST), #842 (systemd before v240: the weekday in the locale, 三; China's CST) as the log
    // parsers read it (latin1: the weekday's three UTF-8 bytes are three characters)
    expect(statusSince('   Active: active (running) since Fri 2017-09-01 12:47:46 AST; 1h 37min ago')).toEqual({ ms: Date.parse('2017-09-01T12:47:46Z'), zone: 'local' });
    expect(statusSince(Buffer.from('   Active: failed (Result: start-limit) since 三 2017-08-16 17:37:56 CST; 1s ago').toString('latin1'))).toEqual({ ms: Date.parse('2017-08-16T17:37:56Z'), zone: 'local' });
    expect(statusSince('   Active: failed (Result: start-limit) since 2017-08-16 17:37:56 UTC')).toEqual({ ms: Date.parse('2017-08-16T17:37:56Z'), zone: 'utc' });
    expect(statusSince('   Active: failed (Result: start-limit) since Wed 2017-08-16 17:37:56')).toEqual({ ms: Date.parse('2017-08-16T17:37:56Z'), zone: 'local' });
    expect(statusSince('   Active: inactive (dead)')).toBeUndefined();
    expect(statusSince('   Active: inactive (dead) since Sun 2022-13-14 15:12:35 UTC')).toBeUndefined();
  });
});

const at = (file: string, line: number, time: string | null, text: string) => ({ file, line, time, text });
function ctx(facts: Fact[], kinds: FileKind[], snapshots: SnapshotTask[] = []): RuleContext {
  const index = new FactIndex(facts);
  return { facts: index, files: [], snapshots, extensions: [], agent: summarizeAgent(index), clock: { offsets: [], unresolved: [] }, vm: { platform: 'linux' }, hasFileKind: (k) => kinds.includes(k) };
}
const down = (data?: Record<string, unknown>): Fact => ({
  kind: 'probe',
  probe: 'agent-service',
  ok: false,
  detail: 'waagent.service: inactive (dead)',
  ...(data ? { data } : {}),
  at: at('terminal-output.txt', 6, null, '   Active: inactive (dead) since Sun 2022-08-14 15:12:35 UTC; 6s ago'),
  timeMs: NaN,
});
const ran = (start: string): SnapshotTask => ({ taskId: 't', start, end: start, result: 'success', disks: [], phases: [], milestones: [{ name: 'enable-start', time: start, file: 'extension.log', line: 1, text: 'enable' }] });

describe('agent-not-running: a stopped agent seen stopped before a backup ran', () => {
  const since = Date.parse('2022-08-14T15:12:35Z');
  it('a UTC "since" before a backup run → the later run said, the state timed at its since', () => {
    const out = notRunning.evaluate(ctx([down({ sinceMs: since, sinceZone: 'utc' })], ['service-output'], [ran('2022-08-14T18:12:36.000Z')]));
    expect(out).toMatchObject({ verdict: 'detected', spansTask: true });
    expect(Array.from(out.evidenceTimes ?? [])).toEqual([since]);
    expect(out.reason).toMatch(/ran a backup after it \(started 2022-08-14 18:12:36/);
  });
  it('a wall-clock "since" of an unknown zone ages only what came more than 12 hours after it', () => {
    const local = down({ sinceMs: since, sinceZone: 'local' });
    expect(notRunning.evaluate(ctx([local], ['service-output'], [ran('2022-08-14T18:12:36.000Z')])).reason).not.toMatch(/ran a backup after it/);
    expect(notRunning.evaluate(ctx([local], ['service-output'], [ran('2022-08-15T03:12:36.000Z')])).reason).toMatch(/ran a backup after it/);
  });
  it('no "since" → untimed, as before', () => {
    const out = notRunning.evaluate(ctx([down()], ['service-output'], [ran('2022-08-14T18:12:36.000Z')]));
    expect(out.reason).not.toMatch(/ran a backup after it/);
    expect(Array.from(out.evidenceTimes ?? [NaN]).every((t) => !Number.isFinite(t))).toBe(true);
  });
});

describe('the real case', () => {
  it('jpaztech-notready-agent-service-stopped with a backup that worked three hours later → low, background', async () => {
    // before: the status block had no time, so the later backup could not age it: agent-not-running stayed medium
    const r = await changed('jpaztech-notready-agent-service-stopped', backupSucceededAfter(3 * 3_600_000, 'linux'));
    expect(r.findings.find((f) => f.cause === 'agent-not-running')).toMatchObject({ verdict: 'detected', confidence: 'low', role: 'background' });
  });
});

describe('a bundle of a few hundred thousand Windows agent issues', () => {
  it('is judged without spreading them into one call (the stack holds some 120,000 arguments)', () => {
    const T = Date.parse('2019-07-18T14:46:28.890Z');
    const issues: Fact[] = Array.from({ length: 300_000 }, (_, i) => ({ kind: 'windows-agent-issue', at: at('WindowsAzure/Logs/msiexec.log', i + 1, new Date(T + i).toISOString(), 'Error 1722.'), timeMs: T + i, issue: 'install-failed', detail: 'Product: Windows Azure VM Agent -- Error 1722.' }));
    const c = { ...ctx(issues, ['windows-installer-log'], [ran(new Date(T + 400_000).toISOString())]), vm: { platform: 'windows' as const } };
    const out = notRunning.evaluate(c);
    expect(out).toMatchObject({ verdict: 'detected', confidence: 'high' });
    expect(out.reason).toMatch(/ran a backup after it/);
  });
});
