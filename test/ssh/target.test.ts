import { mkdtempSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSshConfig, parseDestination, resolveTarget } from '../../src/main/ssh/target';

const cfgFile = join(mkdtempSync(join(tmpdir(), 'vmbd-cfg-')), 'config');
writeFileSync(
  cfgFile,
  `Host backup-vm
  HostName 10.20.0.4
  User azureuser
  Port 2201
  IdentityFile ~/.ssh/backup_vm
  ProxyJump bastion,inner

Host bastion
  HostName bastion.example.net
  User jumper
  IdentityFile /keys/bastion

Host inner
  HostName 10.20.0.1

Host direct
  HostName 10.20.0.9
  ProxyJump none

Host *
  User fallback
`,
);

describe('SSH destinations and ~/.ssh/config', () => {
  it('parses ssh:// URLs, user@host:port and [v6]:port; rejects junk', () => {
    expect(parseDestination('ssh://azureuser@10.0.0.4:2222')).toEqual({ user: 'azureuser', host: '10.0.0.4', port: 2222 });
    expect(parseDestination('vm1')).toEqual({ user: undefined, host: 'vm1', port: undefined });
    expect(parseDestination('root@[fe80::1]:22')).toEqual({ user: 'root', host: 'fe80::1', port: 22 });
    expect(() => parseDestination('a b')).toThrow();
    expect(() => parseDestination('vm:70000')).toThrow(/port/);
  });

  it('computes the effective config of an alias, and chains ProxyJump hops each through its own config', () => {
    const cfg = loadSshConfig(cfgFile);
    const r = resolveTarget({ host: 'backup-vm' }, cfg);
    expect(r.target).toEqual({ alias: 'backup-vm', host: '10.20.0.4', port: 2201, user: 'azureuser', identityFiles: [join(homedir(), '.ssh/backup_vm')] });
    expect(r.jumps.map((j) => [j.host, j.port, j.user, j.identityFiles])).toEqual([
      ['bastion.example.net', 22, 'jumper', ['/keys/bastion']],
      ['10.20.0.1', 22, 'fallback', []],
    ]);
  });

  it('explicit values win: port, user, identity, --jump over ProxyJump; ProxyJump none means direct', () => {
    const cfg = loadSshConfig(cfgFile);
    const r = resolveTarget({ host: 'backup-vm', port: 22, user: 'me', identityFile: '/k/id', jump: ['hop@1.2.3.4:2022'] }, cfg);
    expect(r.target).toMatchObject({ host: '10.20.0.4', port: 22, user: 'me', identityFiles: ['/k/id', join(homedir(), '.ssh/backup_vm')] });
    expect(r.jumps).toEqual([{ alias: '1.2.3.4', host: '1.2.3.4', port: 2022, user: 'hop', identityFiles: ['/k/id'] }]);
    expect(resolveTarget({ host: 'direct' }, cfg).jumps).toEqual([]);
    expect(resolveTarget({ host: 'a', jump: ['b,c'] }, undefined).jumps.map((j) => j.host)).toEqual(['b', 'c']);
  });

  it('a missing config file is no config', () => {
    expect(loadSshConfig(join(tmpdir(), 'does-not-exist', 'config'))).toBeUndefined();
    expect(resolveTarget({ host: 'root@vm:2200' }, undefined).target).toMatchObject({ host: 'vm', port: 2200, user: 'root' });
  });
});
