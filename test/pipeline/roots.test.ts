// A bundle of several VM roots (folders or members, ingest/roots.ts) that the pipeline does not tell apart as two VMs
// (pipeline/vms.ts): one VM's logs in two folders, or a colleague's VM beside whose logs the case's own cannot be set
// against. A state one root shows of its VM (the running agent's version) counts for the failure only from the root that
// holds the failure's evidence (analyze/engine.ts). Every line is a real case's (test/cases).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../src/shared';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';
import { anotherVmBeside, type Files } from '../accuracy/perturb';
import { CASES_DIR } from '../accuracy/score';
import { writeBundle } from '../helpers/bundle';

const tmp = mkdtempSync(join(tmpdir(), 'vmbd-roots-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const caseFile = (id: string, name: string) => readFileSync(join(CASES_DIR, id, 'files', name), 'utf8');
let n = 0;
const analyse = async (files: Files): Promise<AnalysisResult> => (await analyzeBundle([writeBundle(join(tmp, `b${n++}`), files)])).result;
const detected = (r: AnalysisResult) => r.findings.filter((f) => f.verdict === 'detected').map((f) => `${f.cause} ${f.confidence}`);

/** jpaztech blog: `systemctl status walinuxagent` of a stopped agent (a terminal session: no agent version, no waagent.log). */
const STOPPED = caseFile('jpaztech-notready-agent-service-stopped', 'terminal-output.txt');
/** Azure/WALinuxAgent#745: a 2.2.x agent whose WireServer and HostGAPlugin calls fail. */
const LOG_745 = caseFile('waagent-745-hostplugin-init-not-retried-after-503', 'waagent.log');
/** jpaztech blog: `Get-AzVM -Status` of a VM whose agent is Ready (no agent version in it). */
const READY = caseFile('neg-jpaztech-instance-view-agent-ready', 'get-azvm-status.txt');

describe('an agent version read from one root of several', () => {
  it('another folder\'s agent version, beside a failure it holds none of the evidence of, says low', async () => {
    const own: Files = [['terminal-output.txt', STOPPED]];
    const plain = await analyse(own);
    const r = await analyse(anotherVmBeside(own)!);
    // a terminal session cannot be set against the other folder's waagent.log: one VM's logs in two folders, or two VMs
    expect(r.multipleVms).toBeUndefined();
    expect(detected(plain)).toEqual(['agent-not-running medium']);
    const outdated = r.findings.find((f) => f.cause === 'agent-outdated')!;
    // the other folder's heartbeats name 2.2.51: it may be this VM's agent, so it is said, but at low
    expect(outdated).toMatchObject({ verdict: 'detected', confidence: 'low' });
    expect(outdated.reason).toContain('2.2.51');
    expect(outdated.evidence.map((e) => e.file)).toEqual(['var/log/waagent.log']);
    expect(detected(r)).toEqual(['agent-not-running medium', 'agent-outdated low']);
    expect(r.verdict.cause).toBe('agent-not-running');
  });

  it('says the same when the parsed bundle is diagnosed again', async () => {
    const session = await analyzeBundle([writeBundle(join(tmp, `b${n++}`), anotherVmBeside([['terminal-output.txt', STOPPED]])!)]);
    const again = await session.rediagnose({ portalCode: 'UserErrorGuestAgentStatusUnavailable' });
    expect(detected(again)).toEqual(detected(session.result));
  });

  it('the version in the root of the failure\'s own lines keeps its confidence, a healthy root beside', async () => {
    const plain = await analyse([['waagent.log', LOG_745]]);
    const r = await analyse([
      ['vm-a/var/log/waagent.log', LOG_745],
      ['notes/get-azvm-status.txt', READY],
    ]);
    expect(r.multipleVms).toBeUndefined();
    expect(detected(plain)).toContain('agent-outdated medium');
    expect(detected(r)).toEqual(detected(plain));
  });

  it('the version in a root of the failure\'s lines keeps its confidence when another root holds a failure too', async () => {
    // the 2.2.x log with a stopped agent's terminal session in another folder: the version's root holds the log's own
    // failure lines (WireServer), so it speaks for a failure whichever VM the terminal's is
    const r = await analyse([
      ['vm-a/var/log/waagent.log', LOG_745],
      ['notes/terminal-output.txt', STOPPED],
    ]);
    expect(r.multipleVms).toBeUndefined();
    expect(detected(r)).toContain('agent-outdated medium');
  });
});

/** Azure/WALinuxAgent#933: syslog of three retried HTTP timeouts hours apart (no goal state, no heartbeat in it). */
const MESSAGES_933 = caseFile('neg-waagent-933-occasional-http-timeouts', 'messages');

describe('a cause ruled out from one root of several', () => {
  it("another folder's goal states and heartbeats rule out no cause of this VM above low", async () => {
    const own: Files = [['var/log/messages', MESSAGES_933]];
    const plain = await analyse(own);
    const r = await analyse(anotherVmBeside(own)!);
    expect(r.multipleVms).toBeUndefined();
    // alone, the syslog says nothing of the WireServer either way
    expect(plain.findings.find((f) => f.cause === 'no-network-wireserver')?.verdict).not.toBe('ruled-out');
    // beside it, the other folder's agent fetched goal states and beat: that may be another VM, so it rules out at low
    const ruledOut = r.findings.filter((f) => f.verdict === 'ruled-out' && f.evidence.every((e) => e.file === 'var/log/waagent.log'));
    expect(ruledOut.map((f) => f.cause)).toEqual(expect.arrayContaining(['no-network-wireserver', 'agent-unresponsive']));
    for (const f of ruledOut) expect(`${f.cause} ${f.confidence}`).toBe(`${f.cause} low`);
  });

  it("the failure's own root keeps its ruled-out confidence, a healthy root beside", async () => {
    // Azure/WALinuxAgent#1055: a 2.2.x agent on FreeBSD whose VMSnapshot install exits 127
    const log = caseFile('waagent-1055-freebsd-snapshot-install-127-known-issues', 'waagent.log');
    const plain = await analyse([['waagent.log', log]]);
    const r = await analyse([
      ['vm-a/var/log/waagent.log', log],
      ['notes/get-azvm-status.txt', READY],
    ]);
    const ruled = (x: AnalysisResult) => x.findings.filter((f) => f.verdict === 'ruled-out' && f.evidence.every((e) => e.file.endsWith('waagent.log'))).map((f) => `${f.cause} ${f.confidence}`);
    expect(ruled(plain).length).toBeGreaterThan(0);
    expect(ruled(r)).toEqual(ruled(plain));
  });
});

/** The VMSnapshot extension's log path (two roots each hold one). */
const EXT_LOG = 'var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log';
const pad = (n: number, w = 2) => String(n).padStart(w, '0');
/** `ms` as the clock of a zone `offset` minutes east of UTC reads it: `2026/11/19 23:00:00` (`sep` `-` gives `2026-11-19`). */
function wall(ms: number, offset: number, sep = '/'): string {
  const d = new Date(ms + offset * 60_000);
  return `${d.getUTCFullYear()}${sep}${pad(d.getUTCMonth() + 1)}${sep}${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}
/** neg-waagent-pr1794 (Azure/WALinuxAgent#1794): the goal-state agent's own line, UTC. */
const UTC_LINE = '2020-03-02T23:25:56.109771Z INFO ExtHandler ExtHandler WALinuxAgent-2.2.46 running as process 6134';
/** neg-ext-263 (Azure/azure-linux-extensions#263): a 2.2.x daemon's line, in the VM's local time. */
const LOCAL_LINE = '2016/10/23 23:06:24.867127 INFO Event: name=WALA, op=HeartBeat, message=';
/** Their text after the stamp (`2020-…Z`; `2016/10/23 23:06:24.867127`). */
const UTC_TEXT = UTC_LINE.slice(UTC_LINE.indexOf(' ') + 1);
const LOCAL_TEXT = LOCAL_LINE.split(' ').slice(2).join(' ');
const T0 = Date.parse('2026-11-19T22:00:00.000Z');

/**
 * A waagent.log of a VM whose zone is `offset` minutes east of UTC: the daemon's local-time line written beside the
 * goal-state agent's UTC line, six times a minute apart (real lines, stamped by the test).
 */
function agentLog(offset: number): string {
  const out: string[] = [];
  for (let i = 0; i < 6; i++) {
    const t = T0 + i * 60_000;
    out.push(`${new Date(t + 500).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z')} ${UTC_TEXT}`);
    out.push(`${wall(t + 700, offset)}.700000 ${LOCAL_TEXT}`);
  }
  return `${out.join('\n')}\n`;
}
/** ext-494 (Azure/azure-linux-extensions#494): the extension's lines, local time only (no anchor of their own), at 22:10 UTC. */
function extensionLog(offset: number): string {
  const at = T0 + 10 * 60_000;
  return caseFile('ext-494-restricted-network-409', 'extension.log')
    .replace(/2017\/11\/14 03:06:52/g, wall(at, offset))
    .replace(/2017-11-14 03:06:52/g, wall(at, offset, '-'));
}

describe('the clock offset of a bundle of several roots', () => {
  it('a local-only log borrows the offset of its own root\'s waagent.log, never another root\'s', async () => {
    const session = await analyzeBundle([
      writeBundle(join(tmp, `b${n++}`), [
        [`vm-a/var/log/waagent.log`, agentLog(60)],
        [`vm-a/${EXT_LOG}`, extensionLog(60)],
        [`vm-b/var/log/waagent.log`, agentLog(-300)],
        [`vm-b/${EXT_LOG}`, extensionLog(-300)],
      ]),
    ]);
    const { result, records } = session;
    const offsets = result.clock.offsets.map((o) => `${o.source} ${o.offsetMinutes}`).sort();
    expect(offsets).toEqual([`${EXT_LOG} -300`, `${EXT_LOG} 60`, 'var/log/waagent.log -300', 'var/log/waagent.log 60'].sort());
    expect(result.clock.unresolved).toEqual([]);
    // each extension.log's lines, written at 22:10 UTC in its own zone, land there
    const extFiles = result.files.filter((f) => f.vmPath === EXT_LOG);
    expect(extFiles).toHaveLength(2);
    for (const f of extFiles) {
      const first = records.idsOfFile(f.id)[0];
      expect(new Date(records.timeOf(first)).toISOString()).toBe('2026-11-19T22:10:00.000Z');
    }
    // and so do the facts read from them (the snapshot's result line of each)
    // and so do the facts read from them: each root's snapshot failure is a task of its own, at its own time (one
    // stream per file: the two roots' lines at one VM path are not one log)
    expect(result.snapshots.map((t) => `${t.result} ${t.start} ${t.end}`)).toEqual(Array(2).fill('failed 2026-11-19T22:10:00.000Z 2026-11-19T22:10:00.000Z'));
    for (const t of result.snapshots) expect(new Set(t.milestones.map((m) => m.text.slice(0, 19))).size).toBe(1);
    // a new diagnosis of the parsed bundle (another portal code) places each fact in its file as the first did
    const again = await session.rediagnose({ portalCode: 'UserErrorFsFreezeFailed' });
    expect(again.snapshots.map((t) => `${t.result} ${t.start} ${t.milestones.length}`)).toEqual(result.snapshots.map((t) => `${t.result} ${t.start} ${t.milestones.length}`));
  });
});
