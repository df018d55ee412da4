import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Fact } from '../../../src/shared';
import { BufferContent } from '../../../src/main/ingest/content';
import { parseSyslog } from '../../../src/main/parse/system/syslog';

/** The files of the real-case suite (test/cases/<id>/case.json names each source thread). */
async function factsOf(caseId: string, file: string): Promise<Fact[]> {
  return factsOfText(readFileSync(join('test', 'cases', caseId, 'files', file)), file);
}
async function factsOfText(buf: Buffer, file = 'terminal-output.txt'): Promise<Fact[]> {
  const facts: Fact[] = [];
  await parseSyslog({ file: { id: 0, vmPath: file, kind: 'service-output', size: buf.length } as never, content: new BufferContent(buf) }, { record: () => undefined, fact: (f) => facts.push(f), warn: () => undefined });
  return facts;
}
const service = (facts: Fact[]) => facts.flatMap((f) => (f.kind === 'probe' && f.probe === 'agent-service' ? [[f.ok, f.detail, f.at.line] as const] : []));

describe("the agent's service as service managers print it", () => {
  it('systemctl status: inactive (dead) → down (Azure/WALinuxAgent#767)', async () => {
    expect(service(await factsOf('waagent-767-service-inactive-dead', 'terminal-output.txt'))).toEqual([[false, 'walinuxagent.service: inactive (dead) (systemctl status)', 9]]);
  });

  it('status plus journal: exited 1/FAILURE, start request repeated, failed to start → down (#804)', async () => {
    const s = service(await factsOf('waagent-804-service-failed-exit-code', 'terminal-output.txt'));
    expect(s[0]).toEqual([false, 'walinuxagent.service: inactive (dead) (systemctl status)', 9]);
    expect(s.map(([, d]) => d).join('\n')).toContain('Failed to start Azure Linux Agent.');
    expect(s.every(([ok]) => ok === false)).toBe(true);
  });

  it('failed (start-limit) → down (#842); disabled and dead → down, saying it does not start at boot (#2646)', async () => {
    expect(service(await factsOf('waagent-842-service-failed-start-limit', 'terminal-output.txt'))).toEqual([[false, 'walinuxagent.service: failed (Result: start-limit) (systemctl status); the unit is disabled, so it does not start at boot', 3]]);
    expect(service(await factsOf('waagent-2646-service-disabled-no-start-on-boot', 'terminal-output.txt'))).toEqual([
      [false, 'waagent.service: inactive (dead) (systemctl status); the unit is disabled, so it does not start at boot', 4],
    ]);
  });

  it('journal: the unit cannot exec its python (#2699); syslog: the agent cannot import its own code (#2310)', async () => {
    const exec = service(await factsOf('waagent-2699-service-exec-usr-bin-python-missing', 'journal.log'));
    expect(exec.map(([ok, , line]) => [ok, line])).toEqual([
      [false, 1],
      [false, 2],
      [false, 2],
    ]);
    expect(exec[1][1]).toContain('Failed at step EXEC spawning /usr/bin/python');
    // the python systemd could not run is why, cited last
    expect(exec[2][1]).toMatch(/^the agent's start runs \/usr\/bin\/python, which the VM does not have: .*waagent\.service: Failed at step EXEC spawning/);
    const imp = service(await factsOf('waagent-2310-sles-no-module-azurelinuxagent', 'messages'));
    expect(imp).toEqual([[false, expect.stringContaining("No module named 'azurelinuxagent'"), 3]]);
  });

  it("FreeBSD's rc script failing to start the agent → down, on the console and relayed by logger (dmauser/opnazure#35)", async () => {
    // the line before the warning is why: the rc script's `env python` finds no python (the upgrade to 3.9), cited last
    expect(service(await factsOf('ext-opnazure35-opnsense-python-upgrade-waagent-fails-to-start', 'terminal-output.txt'))).toEqual([
      [false, expect.stringContaining('/etc/rc.d/waagent: WARNING: failed to start waagent'), 3],
      [false, "the agent's start runs python, which the VM does not have: env: python: No such file or directory", 2],
    ]);
    // not the cause of a start failure far after it, nor of a start that worked (the same lines, moved apart or followed by `status`)
    const [, env, warning] = readFileSync(join('test', 'cases', 'ext-opnazure35-opnsense-python-upgrade-waagent-fails-to-start', 'files', 'terminal-output.txt'), 'utf8').split('\n');
    expect(service(await factsOfText(Buffer.from([env, '', '', '', warning].join('\n'))))).toEqual([[false, expect.stringContaining('failed to start waagent'), 5]]);
    expect(service(await factsOfText(Buffer.from([env, warning, 'waagent is running as pid 1310.'].join('\n')))).map(([ok]) => ok)).toEqual([true]);
    // rc.subr's warn() also hands the line to logger (freebsd-src libexec/rc/rc.subr), so syslog holds it under the
    // user that ran the script; the port installs the script in /usr/local/etc/rc.d
    const relayed = Buffer.from('Aug 19 10:12:01 opnsense root[41250]: /usr/local/etc/rc.d/waagent: WARNING: failed to start waagent\n');
    expect(service(await factsOfText(relayed, 'messages'))).toEqual([[false, expect.stringContaining('failed to start waagent'), 1]]);
    // `service waagent status` after a start that worked is up; `is not running.` alone is down
    const status = (line: string) => factsOfText(Buffer.from(`# service waagent status\n${line}\n`));
    expect(service(await status('waagent is running as pid 1310.'))).toEqual([[true, expect.stringContaining('waagent is running as pid 1310'), 2]]);
    expect(service(await status('waagent is not running.'))).toEqual([[false, expect.stringContaining('waagent is not running.'), 2]]);
  });

  it("the SysV init script's start printing the agent's traceback → down, whatever it died of (Azure/WALinuxAgent#952)", async () => {
    // RHEL 6: `Starting AzureLinuxAgent: ` and the output of `waagent -start` on the same line; the import failure is the second sign
    expect(service(await factsOf('waagent-952-rhel67-python27-replaced-no-module-agent', 'terminal-output.txt')).map(([ok, , line]) => [ok, line])).toEqual([
      [false, 3],
      [false, 6],
    ]);
    // any exception at start, under the 2.0 scripts' name too; a start that prints nothing is not a failure
    const start = (text: string) => factsOfText(Buffer.from(`# service waagent start\n${text}\n`));
    expect(service(await start('Starting WindowsAzureLinuxAgent: Traceback (most recent call last):\n  File "/usr/sbin/waagent", line 20\nSyntaxError: invalid syntax')).map(([ok, , line]) => [ok, line])).toEqual([[false, 2]]);
    expect(service(await start('Starting AzureLinuxAgent: '))).toEqual([]);
  });

  it('the daemon dying while it loads waagent.conf says so, last (coreos/bugs#1755)', async () => {
    const s = service(await factsOf('coreos-1755-waagent-conf-missing', 'systemctl-status-waagent.txt'));
    expect(s[0]).toEqual([false, 'waagent.service: activating (auto-restart) (systemctl status)', 4]);
    expect(s[s.length - 1]).toEqual([false, expect.stringMatching(/^the daemon exits while loading its configuration file \(waagent.conf missing or unreadable\): .*in load_conf_from_file$/), 16]);
    // the error after which the agent came up again is history, not the state (the line is rendered from
    // conf.py's AgentConfigError format: no captured sample of the exception line is public)
    const later = Buffer.from(
      ['Jan 10 07:42:24 vm python[43628]: azurelinuxagent.common.exception.AgentConfigError: [AgentConfigError] Missing configuration in /etc/waagent.conf', 'Jan 10 07:50:00 vm systemd[1]: Started Azure Linux Agent.'].join('\n'),
    );
    expect(service(await factsOfText(later))).toEqual([[true, expect.stringContaining('Started Azure Linux Agent'), 2]]);
  });

  it('a running unit is up, even with the agent logging through the journal (#787, #871)', async () => {
    expect(service(await factsOf('neg-waagent-787-healthy-service-status', 'terminal-output.txt'))).toEqual([[true, 'walinuxagent.service: active (running) (systemctl status)', 8]]);
    expect(service(await factsOf('waagent-871-orphan-kworker', 'terminal-output.txt')).every(([ok]) => ok)).toBe(true);
  });

  it('curl to WireServer printing 000 / Timeout is a failed WireServer connection (#3492)', async () => {
    const net = (await factsOf('waagent-3492-iptables-drop-wireserver', 'terminal-output.txt')).filter((f) => f.kind === 'connectivity');
    expect(net).toEqual([expect.objectContaining({ endpoint: 'wireserver', ok: false, detail: 'curl to 168.63.129.16 timed out or got no HTTP answer (000)' })]);
  });

  it("curl's own error names 168.63.129.16: still the command's output, a failed WireServer connection (jpaztech)", async () => {
    const net = (await factsOf('jpaztech-notready-guest-firewall-drops-wireserver', 'terminal-output.txt')).filter((f) => f.kind === 'connectivity');
    // the evidence is what curl printed (the proof), not the command typed
    expect(net).toEqual([expect.objectContaining({ endpoint: 'wireserver', ok: false, detail: 'curl to 168.63.129.16 timed out or got no HTTP answer (curl: (7) Failed to connect to 168.63.129.16 port 80: Connection timed out)' })]);
    expect(net[0].at.line).toBe(2);
    // the same error pasted without its command line is the check's result on its own
    const alone = (await factsOfText(Buffer.from('curl: (7) Failed to connect to 168.63.129.16 port 80: Connection timed out\n'))).filter((f) => f.kind === 'connectivity');
    expect(alone).toEqual([expect.objectContaining({ ok: false, at: expect.objectContaining({ line: 1 }) })]);
  });

  it('df and df -i: a full inode table on / is a full disk; space elsewhere is only a measure (Azure/WALinuxAgent#2619)', async () => {
    const text = [
      '$ df -H',
      'Filesystem      Size  Used Avail Use% Mounted on',
      '/dev/sda1        31G   13G   17G  44% /',
      'tmpfs           7.3G     0  7.3G   0% /dev/shm',
      '/dev/sdb1       212G   63M  201G   1% /mnt/resource',
      '',
      '$ df -Hi',
      'Filesystem     Inodes IUsed IFree IUse% Mounted on',
      '/dev/sda1        2.0M  2.0M     0  100% /',
      'tmpfs            1.8M     1  1.8M    1% /dev/shm',
      '/dev/sdb1         14M    12   14M    1% /mnt/resource',
      '',
    ].join('\n');
    const disk = (await factsOfText(Buffer.from(text))).flatMap((f) => (f.kind === 'disk-space' ? [[f.mount, f.usedPercent, f.full, f.at.line, f.detail.slice(0, 22)]] : []));
    expect(disk).toEqual([
      ['/', 44, false, 3, 'space on /: 44% used ('],
      ['/', 100, true, 9, 'inodes on /: 100% used'],
    ]);
  });

  it('a firewall rule dropping 168.63.129.16 counts unless root (the agent) is let through first', async () => {
    // test input in the layout of `iptables -L -n -v` (the agent's three WireServer rules, as it lists them in
    // waagent.log under 'Current Firewall rules:'), then the DROP rule alone
    const own = [
      'Chain OUTPUT (policy ACCEPT 104 packets, 43628 bytes)',
      '    pkts      bytes target     prot opt in     out     source               destination',
      '       0        0 ACCEPT     tcp  --  *      *       0.0.0.0/0            168.63.129.16        tcp dpt:53',
      '     111    15664 ACCEPT     tcp  --  *      *       0.0.0.0/0            168.63.129.16        owner UID match 0',
      '       0        0 DROP       tcp  --  *      *       0.0.0.0/0            168.63.129.16        ctstate INVALID,NEW',
      '',
    ];
    expect((await factsOfText(Buffer.from(own.join('\n')))).filter((f) => f.kind === 'connectivity')).toEqual([]);
    const blocked = (await factsOfText(Buffer.from([own[0], own[1], own[4], ''].join('\n')))).filter((f) => f.kind === 'connectivity');
    expect(blocked).toEqual([expect.objectContaining({ endpoint: 'wireserver', ok: false, detail: expect.stringMatching(/^168\.63\.129\.16 unreachable: a firewall rule drops/) })]);
  });
});

describe('disk-full from df output', () => {
  it('a full inode table on / is detected and named; free space alone would have ruled it out', async () => {
    const { rule: diskFull } = await import('../../../src/main/analyze/rules/disk-full');
    const { inEnglish } = await import('../../analyze/english');
    const rule = inEnglish(diskFull);
    const { FactIndex } = await import('../../../src/main/analyze/facts-index');
    // df -H / df -Hi as posted in https://github.com/Azure/WALinuxAgent/issues/2619
    const text = ['Filesystem      Size  Used Avail Use% Mounted on', '/dev/sda1        31G   13G   17G  44% /', '', 'Filesystem     Inodes IUsed IFree IUse% Mounted on', '/dev/sda1        2.0M  2.0M     0  100% /', ''];
    const ctx = (lines: string[]) =>
      factsOfText(Buffer.from(lines.join('\n'))).then((facts) => ({ facts: new FactIndex(facts), files: [], snapshots: [], extensions: [], hasFileKind: () => true }) as never);
    const full = rule.evaluate(await ctx(text));
    expect(full.verdict).toBe('detected');
    expect(full.reason).toContain('inodes on /: 100% used');
    expect(full.reason).toContain('inode table is full');
    const roomy = rule.evaluate(await ctx(text.slice(0, 3)));
    expect(roomy).toMatchObject({ verdict: 'ruled-out' });
    expect(roomy.reason).toContain('/ 44% used');
    // in Dutch the parser's detail is Dutch, and the df row stays as printed, quoted
    const { renderAnalysis } = await import('../../../src/shared/i18n/analysis');
    const nl = renderAnalysis(diskFull.evaluate(await ctx(text)).reason, 'nl');
    expect(nl).toContain('(inodes op /: 100% in gebruik (df -i: "/dev/sda1 2.0M 2.0M 0 100% /"))');
    expect(nl).not.toContain('used');
  });
});

describe('waagent --version names the distribution', () => {
  it('"WALinuxAgent-2.9.1.1 running on ubuntu 24.04" → os-release ubuntu 24.04 (azure-linux-extensions#1922)', async () => {
    const os = (await factsOf('ext-1922-ubuntu2404-vmsnapshot-9218-python312', 'terminal-output.txt')).filter((f) => f.kind === 'os-release');
    expect(os).toMatchObject([{ id: 'ubuntu', versionId: '24.04', at: { line: 1 } }]);
  });
});
