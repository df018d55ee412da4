import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { only, parse } from '../state/run-parser';

const caseFile = (id: string, file: string) => readFileSync(join('test', 'cases', id, 'files', file));
const oom = async (text: string | Buffer) => only(await parse('var/log/syslog', text), 'system-event').filter((f) => f.event === 'oom-kill');

describe('kernel OOM reports: one fact per report, with victim, scope and cgroup', () => {
  it('a kill right after the periodic log collection started is the collector (Azure/WALinuxAgent#2825)', async () => {
    const f = await oom(caseFile('neg-waagent-2825-logcollector-oom-kill', 'syslog'));
    // the excerpt is cut inside the report: the header alone still makes the fact
    expect(f).toEqual([expect.objectContaining({ invoker: 'python3', logCollector: true, at: expect.objectContaining({ line: 5 }) })]);
    expect(f[0].victim).toBeUndefined();
  });

  it('"Memory cgroup out of memory" is a cgroup limit, "Out of memory" the whole VM (#2805, microsoft/AzureTRE#1884)', async () => {
    // dmesg -T lines as posted in Azure/WALinuxAgent#2805 and the serial console lines of microsoft/AzureTRE#1884
    const text = [
      '[Mon Apr 17 04:16:45 2023] Memory cgroup out of memory: Killed process 179638 (python3) total-vm:81128kB, anon-rss:13824kB, file-rss:9284kB, shmem-rss:0kB, UID:0 pgtables:196kB oom_score_adj:0',
      '[  940.705287] Out of memory: Killed process 1782 (python) total-vm:3987056kB, anon-rss:3572796kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:7140kB oom_score_adj:0',
    ].join('\n');
    expect((await oom(text)).map((f) => [f.scope, f.victim, f.logCollector ?? false, f.at.line])).toEqual([
      ['cgroup', 'python3', false, 1],
      ['system', 'python', false, 2],
    ]);
  });

  it('the cgroup named in the report marks the log collector whatever the time (#2805)', async () => {
    // lines of the report in Azure/WALinuxAgent#2805 (its "Killed process" line is from the same thread's dmesg)
    const text = [
      'Apr 17 09:17:11 aks-general1z2-58172555-vmss000006 kernel: kmem: usage 17092kB, limit 9007199254740988kB, failcnt 0',
      'Apr 17 09:17:11 aks-general1z2-58172555-vmss000006 kernel: Memory cgroup stats for /azure.slice/azure-walinuxagent.slice/azure-walinuxagent-logcollector.slice:',
      'Apr 17 09:17:11 aks-general1z2-58172555-vmss000006 kernel: anon 14409728',
      '[Mon Apr 17 04:16:45 2023] Memory cgroup out of memory: Killed process 179638 (python3) total-vm:81128kB, anon-rss:13824kB, file-rss:9284kB, shmem-rss:0kB, UID:0 pgtables:196kB oom_score_adj:0',
    ].join('\n');
    expect(await oom(text)).toEqual([
      expect.objectContaining({ scope: 'cgroup', cgroup: '/azure.slice/azure-walinuxagent.slice/azure-walinuxagent-logcollector.slice', victim: 'python3', logCollector: true, at: expect.objectContaining({ line: 4 }) }),
    ]);
  });
});
