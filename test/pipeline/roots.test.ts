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
