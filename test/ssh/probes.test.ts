import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { formatProbesJson, interpretProbe, type ProbeRun } from '../../src/main/ssh/probes';
import { collectScript, PROBES, privileged, shq } from '../../src/main/ssh/remote';

const run = (name: string, stdout: string, extra: Partial<ProbeRun> = {}): ProbeRun => ({ name, stdout, exitCode: 0, durationMs: 12, receivedAtMs: Date.parse('2026-11-20T09:14:03Z'), ...extra });

describe('live checks: reading their output', () => {
  it('waagent --version (daemon + goal state agent), and a VM without waagent', () => {
    const r = interpretProbe(run('waagent-version', 'WALinuxAgent-2.2.45 running on ubuntu 20.04\nPython: 3.8.10\nGoal state agent: 2.9.1.1\nrc=0\n'));
    expect(r).toMatchObject({ ok: true, data: { daemonVersion: '2.2.45', goalStateVersion: '2.9.1.1', python: '3.8.10' } });
    expect(interpretProbe(run('waagent-version', 'rc=127\n')).ok).toBe(false);
  });

  it('agent service: active unit, or nothing running', () => {
    expect(interpretProbe(run('agent-service', 'unit walinuxagent active\nunit waagent inactive\nprocs 2\n'))).toMatchObject({ ok: true, data: { units: { walinuxagent: 'active' }, processes: 2 } });
    expect(interpretProbe(run('agent-service', 'unit walinuxagent failed\nunit waagent inactive\nprocs 0\n')).ok).toBe(false);
  });

  it('WireServer / HostGAPlugin / IMDS over HTTP: 200, refused, no tool; IMDS keeps only a few fields', () => {
    expect(interpretProbe(run('wireserver', '<?xml version="1.0"?><Versions><Preferred><Version>2015-04-05</Version></Preferred></Versions>\n__HTTP__200\nvia=curl\n'))).toMatchObject({ ok: true, data: { httpStatus: 200, via: 'curl' } });
    const down = interpretProbe(run('hostgaplugin', 'curl: (28) Connection timed out after 5001 milliseconds\n__HTTP__000\nvia=curl\n'));
    expect(down.ok).toBe(false);
    expect(down.detail).toMatch(/unreachable: curl: \(28\)/);
    expect(interpretProbe(run('wireserver', 'via=none\n')).ok).toBeNull();
    const imds = interpretProbe(run('imds', `${JSON.stringify({ compute: { location: 'westeurope', vmSize: 'Standard_D2s_v3', osType: 'Linux', name: 'vm-backup-demo-01', publicKeys: [{ keyData: 'ssh-rsa AAAA' }] } })}\n__HTTP__200\nvia=python3\n`));
    expect(imds.data).toEqual({ httpStatus: 200, via: 'python3', location: 'westeurope', vmSize: 'Standard_D2s_v3', osType: 'Linux', name: 'vm-backup-demo-01' });
  });

  it('DHCP option 245 in lease files', () => {
    expect(interpretProbe(run('dhcp-245', 'with245 /var/lib/dhcp/dhclient.eth0.leases\nfiles 1\n'))).toMatchObject({ ok: true });
    expect(interpretProbe(run('dhcp-245', 'without245 /var/lib/dhcp/dhclient.eth0.leases\nfiles 1\n'))).toMatchObject({ ok: false });
    expect(interpretProbe(run('dhcp-245', 'files 0\n')).ok).toBeNull();
  });

  it('df -P: usage per mount, a full /var', () => {
    const out = 'Filesystem     1024-blocks     Used Available Capacity Mounted on\n/dev/root         30297152 30280768         0     100% /\n/dev/root         30297152 30280768         0     100% /\n/dev/sdb1          8191416   102400   7669588       2% /var\n';
    const r = interpretProbe(run('disk-free', out));
    expect(r.ok).toBe(false);
    expect(r.data.mounts).toEqual([
      { filesystem: '/dev/root', mount: '/', usedPercent: 100, availableBytes: 0 },
      { filesystem: '/dev/sdb1', mount: '/var', usedPercent: 2, availableBytes: 7669588 * 1024 },
    ]);
    // sizes read as the report prints them (src/shared/i18n/format.ts formatBytes)
    expect(r.detail).toBe('/ 100% used, 0 B free; /var 2% used, 7.31 GiB free');
  });

  it('noexec from findmnt and from mount', () => {
    expect(interpretProbe(run('noexec', '/var rw,nosuid,nodev,noexec,relatime\n'))).toMatchObject({ ok: false, data: { target: '/var', noexec: true } });
    expect(interpretProbe(run('noexec', '/dev/sda1 on / type ext4 (rw,relatime,discard)\n'))).toMatchObject({ ok: true, data: { target: '/', noexec: false } });
  });

  it('clock: NTP state and skew against this computer', () => {
    const r = interpretProbe(run('clock-sync', 'epoch 1795166143\nNTP=yes\nNTPSynchronized=no\n'));
    expect(r.ok).toBe(false);
    expect(r.data.skewSeconds).toBe(1795166143 - Date.parse('2026-11-20T09:14:03Z') / 1000);
    expect(interpretProbe(run('clock-sync', 'epoch 1\nLeap status     : Normal\n')).data.synchronized).toBe(true);
  });

  it('lsblk -J: disk sizes and encryption', () => {
    const out = JSON.stringify({ blockdevices: [{ name: 'sda', size: 32212254720, type: 'disk', mountpoint: null, children: [{ name: 'sda1', size: 32100000000, type: 'part', mountpoint: '/' }] }, { name: 'sdc', size: 4398046511104 * 2, type: 'disk', children: [{ name: 'sdc1', size: 1, type: 'part', children: [{ name: 'luks', size: 1, type: 'crypt' }] }] }] });
    const r = interpretProbe(run('disk-sizes', out));
    expect(r.data.disks).toMatchObject([
      { name: 'sda', sizeBytes: 32212254720, encrypted: false },
      { name: 'sdc', sizeBytes: 8796093022208, encrypted: true },
    ]);
    expect(r.detail).toBe('sda 30.00 GiB, sdc 8.00 TiB');
    expect(interpretProbe(run('disk-sizes', 'lsblk: unknown option -- J')).ok).toBeNull();
  });

  it('a probe that timed out is "could not tell", and probes.json is one probe per line', () => {
    const t = interpretProbe(run('imds', '', { error: 'timed out after 10000 ms' }));
    expect(t).toMatchObject({ ok: null, detail: expect.stringMatching(/did not finish/) });
    const json = formatProbesJson([t, interpretProbe(run('dhcp-245', 'files 0\n'))], '2026-11-20T09:14:03.000Z');
    expect(JSON.parse(json).probes).toHaveLength(2);
    expect(json.split('\n')[1]).toMatch(/^\{"name":"imds"/);
  });
});

describe('live checks: the real scripts on this Linux machine', () => {
  // Read-only commands; the network ones fail fast or time out here, which is a valid answer too.
  for (const p of PROBES.filter((x) => !['wireserver', 'hostgaplugin', 'imds'].includes(x.name))) {
    it(`${p.name} runs under POSIX sh and reads back`, () => {
      const r = spawnSync('sh', ['-c', p.script], { encoding: 'utf8', timeout: p.timeoutMs });
      const res = interpretProbe({ name: p.name, stdout: r.stdout, exitCode: r.status, durationMs: 1, receivedAtMs: Date.now() });
      expect(res.name).toBe(p.name);
      expect(typeof res.detail).toBe('string');
      if (p.name === 'disk-free') expect(res.data.mounts).toEqual(expect.arrayContaining([expect.objectContaining({ mount: '/' })]));
      if (p.name === 'clock-sync') expect(Math.abs(Number(res.data.skewSeconds))).toBeLessThan(5);
      if (p.name === 'disk-sizes' && res.ok) expect(Array.isArray(res.data.disks)).toBe(true);
    });
  }
});

describe('remote commands', () => {
  it('quotes for sh, never puts the sudo password on the command line', () => {
    expect(shq("it's")).toBe(`'it'\\''s'`);
    expect(privileged('id', 'sudo-password')).toBe(`sudo -S -p '' sh -c 'id'`);
    expect(privileged('id', 'sudo-nopasswd')).toBe(`sudo -n sh -c 'id'`);
    expect(privileged('id', 'root')).toBe(`sh -c 'id'`);
  });

  it('the collect script skips missing paths and exits 4 when nothing exists', () => {
    const r = spawnSync('sh', ['-c', collectScript('/nonexistent-root-for-test')], { encoding: 'utf8' });
    expect(r.status).toBe(3);
    const empty = spawnSync('sh', ['-c', collectScript('/proc/self/fdinfo')], { encoding: 'utf8' });
    expect(empty.status).toBe(4);
  });
});
