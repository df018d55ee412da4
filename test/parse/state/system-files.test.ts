import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS } from '../../helpers/paths';
import { only, parse, read } from './run-parser';

const WA = join(CORPUS, 'waagent');

describe('/etc/waagent.conf', () => {
  it("Ubuntu's shipped conf: defaults applied, nothing ignored (corpus config/ubuntu/waagent.conf)", async () => {
    const p = await parse('etc/waagent.conf', read(join(WA, 'config', 'ubuntu', 'waagent.conf')));
    const [c] = only(p, 'waagent-conf');
    expect(c.effective).toMatchObject({ extensionsEnabled: true, provisioningAgent: 'auto', autoUpdate: true, verbose: false, libDir: '/var/lib/waagent', enableFirewall: true });
    expect(c.values['Logs.Collect']).toBe('y');
    expect(c.ignored).toEqual([]);
    expect(c.at).toMatchObject({ file: 'etc/waagent.conf', text: 'Extensions.Enabled=y' });
    expect(only(p, 'extensions-disabled')).toEqual([]);
  });

  it('inline comments, empty keys and free text (corpus test_waagent.conf)', async () => {
    const p = await parse('etc/waagent.conf', read(join(WA, 'tests', 'data', 'test_waagent.conf')));
    const [c] = only(p, 'waagent-conf');
    expect(c.values['Provisioning.SshHostKeyPairType']).toBe('rsa');
    expect(c.values.FauxKey2).toBe('Value2 Value2');
    expect(c.values.FauxKey3).toBe('delalloc,rw,noatime,nobarrier,users,mode=777');
    expect(c.values['']).toBeUndefined();
  });

  it('AutoUpdate.UpdateToLatestVersion overrides AutoUpdate.Enabled (corpus config/…update_to_latest_version_enabled.conf)', async () => {
    const p = await parse('etc/waagent.conf', read(join(WA, 'tests', 'data', 'config', 'waagent_auto_update_disabled_update_to_latest_version_enabled.conf')));
    expect(only(p, 'waagent-conf')[0].effective.autoUpdate).toBe(true);
  });

  it('switch values other than y/n silently mean the default; removed keys are listed as ignored', async () => {
    const conf = [
      '# edited by an admin',
      'Extensions.Enabled=false',
      'Provisioning.Enabled=n',
      'Logs.Verbose = "y"   # turned on for the backup case',
      'AutoUpdate.Enabled=n',
      'HttpProxy.Host=10.0.0.5',
      'HttpProxy.Port=3128',
      'Lib.Dir=None',
      'Protocol.EndpointDiscovery=static',
      'Provisioning.Agent=systemd',
    ].join('\n');
    const p = await parse('etc/waagent.conf', conf);
    const [c] = only(p, 'waagent-conf');
    expect(c.effective).toMatchObject({ extensionsEnabled: true, verbose: true, autoUpdate: false, httpProxy: '10.0.0.5:3128', libDir: '/var/lib/waagent', endpointDiscovery: 'static', provisioningAgent: 'auto' });
    expect(c.ignored).toEqual([
      { key: 'Extensions.Enabled', value: 'false', line: 2, reason: expect.stringMatching(/only y or n; "false" silently means the default \(y\)/) },
      { key: 'Provisioning.Enabled', value: 'n', line: 3, reason: expect.stringMatching(/removed in WALinuxAgent 2\.2\.45/) },
      { key: 'Provisioning.Agent', value: 'systemd', line: 10, reason: expect.stringMatching(/unknown provisioning agent/) },
    ]);
    expect(c.values['Lib.Dir']).toBeUndefined();
  });

  it('secret-bearing values are redacted before they enter the fact; what the diagnosis reads is kept', async () => {
    const conf = [
      'Extensions.Enabled=y',
      'HttpProxy.Host=http://proxyuser:Pr0xy-Pa55@proxy.contoso.example',
      'HttpProxy.Port=3128',
      'HttpProxy.Password=Hunter2-conf-secret',
      'Custom.ApiKey=AK-0123456789abcdef',
      'Custom.Token="tok-fedcba9876543210"',
      'Custom.Secret=s3cr3t-value # inline comment',
      'Custom.Url=https://acct.blob.core.windows.net/c/b?sv=2020-08-04&sig=Q29uZlNpZ25hdHVyZQ%3D&se=2026',
      'Provisioning.DeleteRootPassword=n',
      'Provisioning.PasswordCryptId=6',
      'Extensions.GoalStatePeriod=6',
      'password Hunter3-no-equals',
    ].join('\n');
    const p = await parse('etc/waagent.conf', conf);
    const [c] = only(p, 'waagent-conf');
    const json = JSON.stringify(p);
    for (const secret of ['Pr0xy-Pa55', 'Hunter2-conf-secret', 'AK-0123456789abcdef', 'tok-fedcba9876543210', 's3cr3t-value', 'Q29uZlNpZ25hdHVyZQ', 'Hunter3-no-equals']) {
      expect(json, secret).not.toContain(secret);
    }
    expect(c.values['HttpProxy.Host']).toBe('http://proxyuser:<redacted>@proxy.contoso.example');
    expect(c.effective.httpProxy).toBe('http://proxyuser:<redacted>@proxy.contoso.example:3128');
    expect(c.values['HttpProxy.Password']).toBe('<redacted>');
    expect(c.values['Custom.ApiKey']).toBe('<redacted>');
    expect(c.values['Custom.Url']).toMatch(/^https:\/\/acct\.blob\.core\.windows\.net\/c\/b\?<redacted>/);
    // Switches and plain settings are not secrets: kept exactly as written.
    expect(c.values).toMatchObject({ 'Extensions.Enabled': 'y', 'HttpProxy.Port': '3128', 'Provisioning.DeleteRootPassword': 'n', 'Provisioning.PasswordCryptId': '6', 'Extensions.GoalStatePeriod': '6' });
    expect(c.effective.extensionsEnabled).toBe(true);
  });

  it('a proxy host without a scheme keeps its host, not its password', async () => {
    const [c] = only(await parse('etc/waagent.conf', 'HttpProxy.Host=admin:P@ss-w0rd@10.0.0.5\nHttpProxy.Port=8080\n'), 'waagent-conf');
    expect(JSON.stringify(c)).not.toContain('ss-w0rd');
    expect(c.effective.httpProxy).toBe('admin:<redacted>@10.0.0.5:8080');
  });

  it('Extensions.Enabled=n gives an extensions-disabled fact pointing at the line', async () => {
    const p = await parse('etc/waagent.conf', 'Provisioning.Agent=auto\nExtensions.Enabled=n\n');
    expect(only(p, 'extensions-disabled')[0]).toMatchObject({ source: 'conf', at: { file: 'etc/waagent.conf', line: 2, text: 'Extensions.Enabled=n' } });
  });
});

describe('os-release, hostname', () => {
  it('os-release, lsb-release and one-line release files', async () => {
    const os = await parse('etc/os-release', 'NAME="Ubuntu"\nVERSION="20.04.6 LTS (Focal Fossa)"\nID=ubuntu\nPRETTY_NAME="Ubuntu 20.04.6 LTS"\nVERSION_ID="20.04"\n');
    expect(only(os, 'os-release')[0]).toMatchObject({ id: 'ubuntu', versionId: '20.04', prettyName: 'Ubuntu 20.04.6 LTS', at: { line: 4 } });
    const lsb = await parse('etc/lsb-release', 'DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=18.04\nDISTRIB_DESCRIPTION="Ubuntu 18.04.6 LTS"\n');
    expect(only(lsb, 'os-release')[0]).toMatchObject({ id: 'ubuntu', versionId: '18.04', prettyName: 'Ubuntu 18.04.6 LTS' });
    const rh = await parse('etc/redhat-release', 'CentOS Linux release 7.9.2009 (Core)\n');
    expect(only(rh, 'os-release')[0]).toMatchObject({ versionId: '7.9.2009', prettyName: 'CentOS Linux release 7.9.2009 (Core)', at: { line: 1 } });
  });

  it('hostname', async () => {
    expect(only(await parse('etc/hostname', 'vm-backup-demo-01\n'), 'hostname')[0]).toMatchObject({ name: 'vm-backup-demo-01', at: { line: 1 } });
    const bad = await parse('etc/hostname', 'not/a host\n');
    expect(bad.warnings[0]).toMatchObject({ line: 1, message: expect.stringMatching(/not a valid host name/) });
  });
});

describe('/etc/azure: vmbackup.conf and VMSnapshotScriptPluginConfig.json', () => {
  it('vmbackup.conf sections, and warnings for keys nothing reads', async () => {
    const conf = ['[SnapshotThread]', 'timeout = 60', 'SafeFreezeWaitInSeconds = 600', 'fsfreeze: False', 'isanysnapshotfailed = False', '', '[Other]', 'x = 1', '; comment'].join('\n');
    const p = await parse('etc/azure/vmbackup.conf', conf);
    expect(only(p, 'vmbackup-conf')[0]).toMatchObject({ sections: { SnapshotThread: { timeout: '60', SafeFreezeWaitInSeconds: '600', fsfreeze: 'False', isanysnapshotfailed: 'False' }, Other: { x: '1' } }, at: { line: 1 } });
    expect(p.warnings).toEqual([
      { line: 4, message: expect.stringMatching(/nothing reads "fsfreeze"/) },
      { line: 5, message: expect.stringMatching(/isanysnapshotfailed/) },
      { line: 7, message: expect.stringMatching(/section \[Other\] is not read/) },
    ]);
    const broken = await parse('etc/azure/vmbackup.conf', 'timeout = 60\n');
    expect(broken.warnings[0]).toMatchObject({ line: 1, message: expect.stringMatching(/before any \[section\]/) });
  });

  it('plugin config validity', async () => {
    const good = await parse('etc/azure/VMSnapshotScriptPluginConfig.json', JSON.stringify({ pluginName: 'ScriptRunner', preScriptLocation: '/etc/azure/pre.sh', postScriptLocation: '/etc/azure/post.sh', timeoutInSeconds: 30, continueBackupOnFailure: true, fsFreezeEnabled: false }, null, 2));
    expect(only(good, 'plugin-config')[0]).toMatchObject({ valid: true, fsFreezeEnabled: false, timeoutInSeconds: 30, preScriptLocation: '/etc/azure/pre.sh', at: { text: '"fsFreezeEnabled": false' } });
    const missing = await parse('etc/azure/VMSnapshotScriptPluginConfig.json', '{"preScriptLocation": "/etc/azure/pre.sh", "timeoutInSeconds": "soon"}');
    expect(only(missing, 'plugin-config')[0]).toMatchObject({ valid: false, detail: expect.stringMatching(/postScriptLocation is missing; timeoutInSeconds is not a number/) });
    const junk = await parse('etc/azure/VMSnapshotScriptPluginConfig.json', '{"preScriptLocation": ');
    expect(only(junk, 'plugin-config')[0]).toMatchObject({ valid: false });
    expect(junk.warnings[0].message).toMatch(/invalid JSON/);
  });
});

describe('logcollector results.txt', () => {
  const results = [
    '2026-11-20T09:13:41Z INFO ### Gathering Log Files ###',
    '2026-11-20T09:13:41Z INFO Using /var/lib/waagent as $LIB_DIR',
    '2026-11-20T09:13:41Z INFO Output of command [ls -alF /var/lib/waagent]:',
    'total 128',
    'drwxr-xr-x 12 root root 4096 Nov 20 09:12 ./',
    '2026-11-20T09:13:42Z INFO Adding file /var/log/waagent.log, size 3145728 b',
    '2026-11-20T09:13:42Z INFO Adding truncated file /var/lib/waagent/logcollector/truncated/_var_log_syslog, size 31457280 b',
    '2026-11-20T09:13:43Z WARNING Archive too big, done with adding files.',
    '2026-11-20T09:14:02Z INFO Uncompressed archive size is 157286400 b',
    '2026-11-20T09:14:03Z INFO Successfully compressed files. Compressed archive size is 10485760 b',
    '2026-11-20T09:14:03Z INFO Finishing log collection at 2026-11-20T09:14:03Z',
    '2026-11-20T09:14:03Z INFO Elapsed time: 22104 ms',
  ].join('\n');

  it('records (ls output continues a record) and events; completion time is the collection time', async () => {
    const p = await parse('var/lib/waagent/logcollector/results.txt', results);
    expect(p.records.map((r) => [r.line, r.lineCount, r.level])).toEqual([
      [1, 1, 'info'],
      [2, 1, 'info'],
      [3, 3, 'info'],
      [6, 1, 'info'],
      [7, 1, 'info'],
      [8, 1, 'warning'],
      [9, 1, 'info'],
      [10, 1, 'info'],
      [11, 1, 'info'],
      [12, 1, 'info'],
    ]);
    expect(only(p, 'logcollector').map((f) => [f.event, f.at.line, f.at.time])).toEqual([
      ['file-truncated', 7, '2026-11-20T09:13:42.000Z'],
      ['archive-too-big', 8, '2026-11-20T09:13:43.000Z'],
      ['completed', 10, '2026-11-20T09:14:03.000Z'],
      ['completed', 11, '2026-11-20T09:14:03.000Z'],
    ]);
  });
});

describe('DHCP leases (option 245)', () => {
  it('corpus dhcp.leases: every lease carries 245 = 168.63.129.16', async () => {
    const p = await parse('var/lib/dhcp/dhclient.eth0.leases', read(join(WA, 'tests', 'data', 'dhcp.leases')));
    const f = only(p, 'endpoint-discovery');
    expect(f.length).toBe(3);
    expect(f.every((x) => x.event === 'lease-found' && x.endpoint === '168.63.129.16')).toBe(true);
    expect(f[0].at).toMatchObject({ line: 13, text: 'option unknown-245 a8:3f:81:10;' });
  });

  it('a lease without 245, a truncated lease and a networkd lease', async () => {
    const lease = 'lease {\n  interface "eth0";\n  fixed-address 10.0.1.4;\n  option dhcp-server-identifier 10.0.1.1;\n}\nlease {\n  interface "eth0";\n  option unknown-245 a8:3f:81:10;\n';
    const p = await parse('var/lib/dhcp/dhclient.eth0.leases', lease);
    expect(only(p, 'endpoint-discovery').map((f) => [f.event, f.at.line])).toEqual([['lease-without-245', 1]]);
    expect(p.warnings[0]).toMatchObject({ line: 6, message: expect.stringMatching(/not closed/) });
    const nd = await parse('run/systemd/netif/leases/2', 'ADDRESS=10.0.1.4\nNETMASK=255.255.255.0\nSERVER_ADDRESS=168.63.129.16\nOPTION_245=a83f8110\n');
    expect(only(nd, 'endpoint-discovery')[0]).toMatchObject({ event: 'lease-found', endpoint: '168.63.129.16', at: { line: 4 } });
  });
});

describe('syslog / messages', () => {
  it('disk full, guest shutdown and reboot, hung tasks; RFC 3339 offsets converted to UTC', async () => {
    const log = [
      'Nov 19 22:00:01 vm-backup-demo-01 CRON[2211]: (root) CMD (command -v debian-sa1 > /dev/null && debian-sa1 1 1)',
      'Nov 19 22:00:05 vm-backup-demo-01 python3[2290]: OSError: [Errno 28] No space left on device',
      '  File "/var/lib/waagent/x.py", line 3',
      '2026-11-19T23:02:11.123456+01:00 vm-backup-demo-01 kernel: [812345.123] INFO: task jbd2/sda1-8:312 blocked for more than 120 seconds.',
      '2026-11-19T23:40:00.000000+01:00 vm-backup-demo-01 systemd[1]: Reached target Shutdown.',
      '2026-11-19T23:40:01.000000+01:00 vm-backup-demo-01 systemd-shutdown[1]: Syncing filesystems and block devices.',
      '2026-11-20T00:00:00.000000+01:00 vm-backup-demo-01 systemd[1]: Reached target Reboot.',
      '2026-11-19T23:41:02Z vm-backup-demo-01 kernel: [    0.000000] Linux version 5.15.0-1089-azure (buildd@lcy02-amd64-032)',
    ].join('\n');
    const p = await parse('var/log/syslog', log);
    expect(p.records.map((r) => [r.line, r.lineCount, r.zone])).toEqual([
      [1, 1, 'none'],
      [2, 2, 'none'],
      [4, 1, 'utc'],
      [5, 1, 'utc'],
      [6, 1, 'utc'],
      [7, 1, 'utc'],
      [8, 1, 'utc'],
    ]);
    expect(p.records[2].timeMs).toBe(Date.parse('2026-11-19T22:02:11.123Z'));
    expect(only(p, 'disk-space')[0]).toMatchObject({ full: true, at: { line: 2, time: null } });
    expect(only(p, 'system-event').map((f) => [f.event, f.at.line, f.at.time])).toEqual([
      ['hung-task', 4, '2026-11-19T22:02:11.123Z'],
      ['shutdown', 5, '2026-11-19T22:40:00.000Z'],
      ['shutdown', 6, '2026-11-19T22:40:01.000Z'],
      ['reboot', 7, '2026-11-19T23:00:00.000Z'],
      ['boot', 8, '2026-11-19T23:41:02.000Z'],
    ]);
  });

  it('a giant line and invalid UTF-8 do not break the parse', async () => {
    const giant = Buffer.concat([Buffer.from('Nov 19 22:00:01 h app: '), Buffer.alloc(3 * 1024 * 1024, 0x41), Buffer.from(' No space left on device\n'), Buffer.from([0xc3, 0x28, 0xff, 0x0a]), Buffer.from('Nov 19 22:00:02 h app: ok\n')]);
    const p = await parse('var/log/syslog', giant);
    expect(p.records.map((r) => r.line)).toEqual([1, 3]);
    expect(p.records[0].lineCount).toBe(2);
    // the phrase sits beyond the kept line head: only the head is searched, bounded memory
    expect(only(p, 'disk-space')).toEqual([]);
  });
});
