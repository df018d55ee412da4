import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Fact } from '../../../src/shared';
import { BufferContent } from '../../../src/main/ingest/content';
import { parseSyslog } from '../../../src/main/parse/system/syslog';
import { interpretProbe } from '../../../src/main/ssh/probes';
import { analyzeBundle } from '../../../src/main/pipeline/analyze-bundle';

/**
 * `waagent --version` as engineers paste it, verbatim from public threads:
 * - Azure/WALinuxAgent#2670 (2022): the package 2.2.45, the goal-state agent 2.8.0.11 (supported);
 * - Azure/WALinuxAgent#1475 (2019): CentOS, goal-state agent 2.2.36 (below today's minimum 2.2.53.1), after a `$ ` prompt;
 * - Azure/WALinuxAgent PR #424 (2016), the change that added the third line, with its shell prompt;
 * - the real-case suite's transcripts: test/cases/{ext-1922-…, waagent-804-…, waagent-767-…} (case.json names each thread).
 */
const WA_2670 = 'WALinuxAgent-2.2.45 running on ubuntu 18.04\nPython: 3.6.9\nGoal state agent: 2.8.0.11';
const WA_1475 = '$ waagent --version\nWALinuxAgent-2.2.32.2 running on centos 7.6.1810\nPython: 2.7.5\nGoal state agent: 2.2.36';
// Azure/WALinuxAgent#1177 (ellahikamran, 2018): under Python 3 the goal-state agent printed as bytes
const WA_1177 = "WALinuxAgent-2.2.14 running on debian 8.10\nPython: 3.4.2\nGoal state agent: b'2.2.20'";
const PR_424 = 'root@test1:~/WALinuxAgent# waagent --version\nWALinuxAgent-2.1.5.3 running on ubuntu 14.04\nPython: 2.7.6\nGoal state agent: 2.1.6';

async function factsOfText(text: string | Buffer, file = 'terminal-output.txt'): Promise<Fact[]> {
  const buf = typeof text === 'string' ? Buffer.from(text) : text;
  const facts: Fact[] = [];
  await parseSyslog({ file: { id: 0, vmPath: file, kind: 'service-output', size: buf.length } as never, content: new BufferContent(buf) }, { record: () => undefined, fact: (f) => facts.push(f), warn: () => undefined });
  return facts;
}
const versions = (facts: Fact[]) => facts.flatMap((f) => (f.kind === 'probe' && f.probe === 'waagent-version' ? [{ ok: f.ok, data: f.data, line: f.at.line, detail: f.detail }] : []));
const caseFile = (id: string) => readFileSync(join('test', 'cases', id, 'files', 'terminal-output.txt'));

describe('waagent --version in a transcript or a paste: the facts of the SSH check', () => {
  it('gives the versions the SSH probe reads from the same output', async () => {
    for (const out of [WA_2670, WA_1475, PR_424]) {
      const ssh = interpretProbe({ name: 'waagent-version', stdout: `${out}\nrc=0\n`, exitCode: 0, durationMs: 1, receivedAtMs: 0 });
      const [text] = versions(await factsOfText(out));
      expect(text.data).toEqual(ssh.data);
      expect(text.ok).toBe(true);
      expect(text.detail).toBe(ssh.detail);
    }
    expect(versions(await factsOfText(WA_2670))).toEqual([
      { ok: true, data: { daemonVersion: '2.2.45', goalStateVersion: '2.8.0.11', python: '3.6.9' }, line: 1, detail: 'WALinuxAgent 2.2.45, goal state agent 2.8.0.11' },
    ]);
  });

  it("under Python 3, `Goal state agent: b'2.2.20'` (#1177, #787's case) is the version inside the bytes' quotes", async () => {
    const ssh = interpretProbe({ name: 'waagent-version', stdout: `${WA_1177}\nrc=0\n`, exitCode: 0, durationMs: 1, receivedAtMs: 0 });
    expect(ssh.data).toEqual({ daemonVersion: '2.2.14', goalStateVersion: '2.2.20', python: '3.4.2' });
    expect(versions(await factsOfText(WA_1177)).map((v) => v.data)).toEqual([ssh.data]);
    expect(versions(await factsOfText(caseFile('neg-waagent-787-healthy-service-status'))).map((v) => [v.data, v.line])).toEqual([[{ daemonVersion: '2.2.2', goalStateVersion: '2.2.13', python: '3.4.2' }, 2]]);
  });

  it("the real cases' transcripts name their agents (#1922, #804, #767)", async () => {
    const of = async (id: string) => versions(await factsOfText(caseFile(id))).map((v) => [v.data, v.line]);
    expect(await of('ext-1922-ubuntu2404-vmsnapshot-9218-python312')).toEqual([[{ daemonVersion: '2.9.1.1', goalStateVersion: '2.11.1.4', python: '3.12.3' }, 1]]);
    expect(await of('waagent-804-service-failed-exit-code')).toEqual([[{ daemonVersion: '2.2.14.1', goalStateVersion: '2.2.14.1', python: '2.7.12' }, 2]]);
    expect(await of('waagent-767-service-inactive-dead')).toEqual([[{ daemonVersion: '2.2.13', goalStateVersion: '2.2.13', python: '2.7.9' }, 2]]);
  });

  it('reads only the lines the command prints, right after its first', async () => {
    // a later "Python:" or a goal-state line of some other output is not this command's
    const apart = await factsOfText('WALinuxAgent-2.2.45 running on ubuntu 18.04\n\nGoal state agent: 2.8.0.11');
    expect(versions(apart).map((v) => v.data)).toEqual([{ daemonVersion: '2.2.45', goalStateVersion: undefined, python: undefined }]);
    // the agent's own log lines naming a release are not the command's output
    expect(versions(await factsOfText('2019/11/27 22:22:48.123985 INFO ExtHandler WALinuxAgent-2.2.45 running as process 1711\nGoal state agent: 2.8.0.11'))).toEqual([]);
  });

  it('pasted, the goal-state agent is the agent version the analysis judges', async () => {
    const ok = (await analyzeBundle([{ pasted: WA_2670 }])).result;
    expect(ok.agent.goalStateAgentVersion).toBe('2.8.0.11');
    expect(ok.agent.supported).toBe(true);
    expect(ok.findings.find((f) => f.cause === 'agent-outdated')?.verdict).not.toBe('detected');
    const old = (await analyzeBundle([{ pasted: WA_1475 }])).result;
    expect(old.agent.goalStateAgentVersion).toBe('2.2.36');
    const outdated = old.findings.find((f) => f.cause === 'agent-outdated')!;
    expect(outdated.verdict).toBe('detected');
    expect(outdated.evidence[0]).toMatchObject({ line: 2, text: 'WALinuxAgent-2.2.32.2 running on centos 7.6.1810' });
    expect(outdated.reason).toContain('2.2.36');
    expect(outdated.reasonNl).toContain('2.2.36');
  });

  it('as a loose file, the same', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vmbd-version-'));
    writeFileSync(join(dir, 'version.txt'), `${WA_1475}\n`);
    const { result } = await analyzeBundle([join(dir, 'version.txt')]);
    expect(result.agent.goalStateAgentVersion).toBe('2.2.36');
    expect(result.findings.find((f) => f.cause === 'agent-outdated')?.verdict).toBe('detected');
  });
});
