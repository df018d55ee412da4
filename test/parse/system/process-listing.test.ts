import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Fact } from '../../../src/shared';
import { BufferContent } from '../../../src/main/ingest/content';
import { parseSyslog } from '../../../src/main/parse/system/syslog';
import { analyzeBundle } from '../../../src/main/pipeline/analyze-bundle';
import { recognise } from '../../../src/shared/formats';

/**
 * Process listings naming the goal-state agent's ExtHandler outside a `systemctl status` block, verbatim:
 * - Azure/WALinuxAgent#963 (khenidak, 2017): pstree;
 * - Azure/WALinuxAgent#1177 (johnstsimoes, 2018): the bare command;
 * - Microsoft Learn, "Troubleshoot performance CPU issues in Linux" (MicrosoftDocs/SupportArticles-docs,
 *   support/azure/virtual-machines/linux/troubleshoot-performance-cpu-linux.md): `ps -eo …` on RHEL 8, platform-python.
 */
const PSTREE_963 = "  |-python3 -u /usr/sbin/waagent -daemon\n  |   `-python3 -u bin/WALinuxAgent-2.2.18-py2.7.egg -run-exthandlers\n  |       `-2*[{python3}]";
const BARE_1177 = 'python3 -u bin/WALinuxAgent-2.2.26-py2.7.egg -run-exthandlers';
const PS_LEARN = `# ps -eo pcpu,pmem,pid,user,args | sort -r -k1 | head -6
%CPU %MEM     PID USER     COMMAND
33.3  0.0   17039 root     dd if=/dev/zero of=/cases/file1.bin bs=1M count=2048 status=progress
21.0  0.0   17038 root     dd if=/dev/zero of=/cases/file2.bin bs=1M count=2048 status=progress
 0.6  0.3     858 root     /opt/microsoft/auoms/bin/auoms
 0.3  1.7    1057 root     /opt/microsoft/mdatp/sbin/wdavdaemon
 0.3  0.4    2034 root     /usr/libexec/platform-python -u bin/WALinuxAgent-2.11.1.4-py3.9.egg -run-exthandlers`;

async function factsOfText(text: string, file = 'terminal-output.txt'): Promise<Fact[]> {
  const buf = Buffer.from(text);
  const facts: Fact[] = [];
  await parseSyslog({ file: { id: 0, vmPath: file, kind: 'service-output', size: buf.length } as never, content: new BufferContent(buf) }, { record: () => undefined, fact: (f) => facts.push(f), warn: () => undefined });
  return facts;
}
const agents = (facts: Fact[]) => facts.flatMap((f) => (f.kind === 'agent-version' ? [[f.role, f.version, f.at.line, Number.isFinite(f.timeMs)] as const] : []));

describe("the goal-state agent's ExtHandler in a process listing", () => {
  it('ps, pstree or the bare command names the goal-state agent, untimed (a listing does not say when it was taken)', async () => {
    expect(agents(await factsOfText(PSTREE_963))).toEqual([['goal-state-agent', '2.2.18', 2, false]]);
    expect(agents(await factsOfText(BARE_1177))).toEqual([['goal-state-agent', '2.2.26', 1, false]]);
    expect(agents(await factsOfText(PS_LEARN))).toEqual([['goal-state-agent', '2.11.1.4', 7, false]]);
    // a loose file holding only a listing is command output
    for (const text of [PSTREE_963, BARE_1177, PS_LEARN]) expect(recognise(text)?.kind).toBe('service-output');
  });

  it("the command quoted in the agent's own log or its manifest is not a listing (#306, #767)", async () => {
    const quoted = [
      "2016/07/08 21:51:50.377173 INFO Agent WALinuxAgent-2.1.5.3 launched with command 'python -u bin/WALinuxAgent-2.1.5.rc3-py2.7.egg -run-exthandlers'",
      "2016/07/12 17:17:58.154385 WARNING Agent WALinuxAgent-2.1.5.5 launch failed with command 'python3 -u bin/WALinuxAgent-2.1.5.rc5-py2.7.egg -run-exthandlers' failed with exception: maximum recursion depth exceeded",
      "2017/06/20 07:06:46.062203 VERBOSE Successfully loaded Agent WALinuxAgent-2.2.10 HandlerManifest.json: {u'version': 1.0, u'handlerManifest': {u'uninstallCommand': u'', u'enableCommand': u'python -u bin/WALinuxAgent-2.2.10-py2.7.egg -run-exthandlers', u'installCommand': u'', u'rebootAfterInstall': False, u'updateCommand': u'', u'disableCommand': u'', u'reportHeartbeat': False}, u'name': u'WALinuxAgent'}",
    ];
    expect(agents(await factsOfText(quoted.join('\n')))).toEqual([]);
  });

  it('inside a status block the CGroup line is read once, timed when the status was printed (#871)', async () => {
    const text = readFileSync(join('test', 'cases', 'waagent-871-orphan-kworker', 'files', 'terminal-output.txt'), 'utf8');
    expect(agents(await factsOfText(text))).toEqual([['goal-state-agent', '2.2.15', 11, true]]);
  });

  it('pasted alone, the listing is the agent the analysis judges; after a timed status block it is not', async () => {
    const old = (await analyzeBundle([{ pasted: PSTREE_963 }])).result;
    expect(old.agent.goalStateAgentVersion).toBe('2.2.18');
    expect(old.findings.find((f) => f.cause === 'agent-outdated')).toMatchObject({ verdict: 'detected', evidence: [{ line: 2, time: null }] });
    // #871's transcript with the Learn listing typed after it: the status block's timed 2.2.15 is the agent, not the
    // listing's untimed 2.11.1.4
    const dir = mkdtempSync(join(tmpdir(), 'vmbd-ps-'));
    const transcript = readFileSync(join('test', 'cases', 'waagent-871-orphan-kworker', 'files', 'terminal-output.txt'), 'utf8');
    writeFileSync(join(dir, 'terminal-output.txt'), `${transcript.trimEnd()}\n${PS_LEARN}\n`);
    const { result } = await analyzeBundle([join(dir, 'terminal-output.txt')]);
    expect(result.agent.goalStateAgentVersion).toBe('2.2.15');
  });
});
