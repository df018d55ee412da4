import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRedactor, REDACTED, redactSecrets } from '../../src/shared/redact';

const SAS = 'https://md-hdd-x1.blob.core.windows.net/$system/vm-backup-demo-01.status?sv=2018-03-28&sr=b&sk=system-1&sig=Zk9yU2VjcmV0U2lnbmF0dXJlJTJGYWJjZA%3D%3D&se=9999-01-01T00%3A00%3A00Z&sp=rw';
const KEY88 = 'q4V7Xo0n3bU6Pp2YzNf5HkT1mWcR8sLdA9eGjQhKiBvuwxyzABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghij+/==';

/** No secret value survives: every `sig=` is followed by the marker (or nothing secret-like). */
function noSecrets(s: string) {
  expect(s).not.toMatch(/sig(?:=|%3D)(?!<redacted>)[^\s&"'<>]/i);
  expect(s).not.toContain('Zk9yU2VjcmV0');
  expect(s).not.toContain('MIIBsAYJKoZIhvcNAQcDoIIBoTCC');
  expect(s).not.toContain('0f3c9a1e-task-token');
  expect(s).not.toContain('S3cr3t!Pass');
  expect(s).not.toContain(KEY88);
}

describe('redactSecrets', () => {
  it('applies the guest agent SAS rule and keeps the URL before the query', () => {
    const line = `2026-11-19T22:00:05.123456Z INFO ExtHandler Uploading status blob ${SAS} done`;
    const out = redactSecrets(line);
    expect(out).toContain('https://md-hdd-x1.blob.core.windows.net/$system/vm-backup-demo-01.status?<redacted>');
    expect(out).toMatch(/ done$/);
    noSecrets(out);
  });

  it('redacts a stray sig= anywhere, including URL-encoded', () => {
    expect(redactSecrets('GET /x?comp=block&sig=abc%2Bdef&se=1 failed')).toBe('GET /x?comp=block&sig=<redacted>&se=1 failed');
    expect(redactSecrets('url=foo%3Fsig%3Dabcdef')).toBe('url=foo%3Fsig%3D<redacted>');
  });

  it('redacts protectedSettings in JSON, XML-escaped JSON, element and truncated forms', () => {
    const json = '{"handlerSettings":{"protectedSettingsCertThumbprint":"8E4C5F0D7A","protectedSettings":"MIIBsAYJKoZIhvcNAQcDoIIBoTCCAZ0CAQAxggFp","publicSettings":{"taskId":"7d3c2a8e"}}}';
    const out = redactSecrets(json);
    expect(out).toContain('"protectedSettings":"<redacted>"');
    expect(out).toContain('"protectedSettingsCertThumbprint":"8E4C5F0D7A"');
    expect(out).toContain('"publicSettings":{"taskId":"7d3c2a8e"}');
    noSecrets(out);
    expect(redactSecrets('&quot;protectedSettings&quot;:&quot;MIIBsAYJKoZIhvcNAQcDoIIBoTCC&quot;,&quot;x&quot;')).toBe('&quot;protectedSettings&quot;:&quot;<redacted>&quot;,&quot;x&quot;');
    expect(redactSecrets('<ProtectedSettings>MIIBsAYJKoZIhvcNAQcDoIIBoTCC</ProtectedSettings>')).toBe('<ProtectedSettings><redacted></ProtectedSettings>');
    // A line cut by the collector in the middle of the value
    expect(redactSecrets('"protectedSettings": "MIIBsAYJKoZIhvcNAQcDoIIBoTCC')).toBe('"protectedSettings": "<redacted>');
    expect(redactSecrets('"protectedSettings": {"storageAccountKey": "abc", "x": {"y": 1}}, "b": 2')).toBe('"protectedSettings": "<redacted>", "b": 2');
  });

  it('redacts the backup extension tokens', () => {
    expect(redactSecrets('[2026-11-19 23:00:02] snapshotTaskToken : 0f3c9a1e-task-token-bb41')).toBe('[2026-11-19 23:00:02] snapshotTaskToken : <redacted>');
    expect(redactSecrets('Host Request body {"taskId": "7d3c", "snapshotTaskToken": "0f3c9a1e-task-token"}')).toBe('Host Request body {"taskId": "7d3c", "snapshotTaskToken": "<redacted>"}');
    expect(redactSecrets('ddSnapshotIdentifier Information from Host- creationTime : 1763589600000, id : 42, token : 0f3c9a1e-task-token, instantAccessDurationMinutes : Not Set')).toBe(
      'ddSnapshotIdentifier Information from Host- creationTime : 1763589600000, id : 42, token : <redacted>, instantAccessDurationMinutes : Not Set',
    );
  });

  it('redacts passwords and storage keys but keeps harmless config', () => {
    expect(redactSecrets('<UserPassword>S3cr3t!Pass</UserPassword>')).toBe('<UserPassword><redacted></UserPassword>');
    expect(redactSecrets('mysql -u backup password=S3cr3t!Pass --x')).toBe('mysql -u backup password=<redacted> --x');
    expect(redactSecrets('{"adminPassword": "S3cr3t!Pass"}')).toBe('{"adminPassword": "<redacted>"}');
    expect(redactSecrets('DefaultEndpointsProtocol=https;AccountName=bkp;AccountKey=abc+def/ghi==;EndpointSuffix=core.windows.net')).toBe(
      'DefaultEndpointsProtocol=https;AccountName=bkp;AccountKey=<redacted>;EndpointSuffix=core.windows.net',
    );
    expect(redactSecrets(`key ${KEY88} end`)).toBe(`key ${REDACTED} end`);
    expect(redactSecrets('Provisioning.DeleteRootPassword=n')).toBe('Provisioning.DeleteRootPassword=n');
    expect(redactSecrets('<DisableSshPasswordAuthentication>true</DisableSshPasswordAuthentication>')).toBe('<DisableSshPasswordAuthentication>true</DisableSshPasswordAuthentication>');
    const plain = '2026-11-19T22:01:05.000000Z INFO ExtHandler [Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9225.0] Command: main/handle.sh enable';
    expect(redactSecrets(plain)).toBe(plain);
  });

  it('redacts what one redaction uncovers: two keys back to back', () => {
    // one pass redacts the second key only (the first is followed by a base64 character until then)
    expect(redactSecrets(`${KEY88}${KEY88}`)).toBe(`${REDACTED}${REDACTED}`);
    expect(redactSecrets(`x ${KEY88}${KEY88}${KEY88} y`)).toBe(`x ${REDACTED}${REDACTED}${REDACTED} y`);
  });

  it('is idempotent and leaves no secret, for arbitrary text around seeded secrets (property)', () => {
    const secret = fc.constantFrom(
      SAS,
      '&sig=Zk9yU2VjcmV0',
      '"protectedSettings":"MIIBsAYJKoZIhvcNAQcDoIIBoTCC"',
      'snapshotTaskToken : 0f3c9a1e-task-token',
      '"snapshotTaskToken": "0f3c9a1e-task-token"',
      'token : 0f3c9a1e-task-token',
      'password=S3cr3t!Pass',
      `AccountKey=${KEY88}`,
      KEY88,
    );
    const filler = fc.string({ maxLength: 40 }).map((s) => s.replace(/[A-Za-z0-9+/]{20,}/g, ''));
    fc.assert(
      fc.property(fc.array(fc.tuple(filler, secret), { minLength: 1, maxLength: 4 }), filler, (parts, tail) => {
        const s = parts.map(([f, x]) => `${f} ${x} `).join('') + tail;
        const once = redactSecrets(s);
        expect(redactSecrets(once)).toBe(once);
        noSecrets(once);
      }),
      { numRuns: 400 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        const once = redactSecrets(s);
        expect(redactSecrets(once)).toBe(once);
      }),
      { numRuns: 500 },
    );
  });

  it('is fast on big and hostile input', () => {
    const big = `${'a'.repeat(2_000_000)} sig=${'b'.repeat(100_000)}`;
    const t = Date.now();
    const out = redactSecrets(big);
    expect(Date.now() - t).toBeLessThan(1500);
    expect(out.endsWith(`sig=${REDACTED}`)).toBe(true);
    // word boundaries everywhere must not make the key rules quadratic
    const dotted = 'a.'.repeat(500_000);
    const t1 = Date.now();
    expect(redactSecrets(`${dotted}password=x`)).toBe(`${dotted}password=${REDACTED}`);
    expect(Date.now() - t1).toBeLessThan(1500);
    const pathological = `"protectedSettings": {${'{'.repeat(5000)}`;
    const t2 = Date.now();
    redactSecrets(pathological);
    expect(Date.now() - t2).toBeLessThan(1500);
  });
});

describe('createRedactor with pseudonyms', () => {
  it('maps hosts, IPs, users and subscriptions consistently and keeps Azure constants', () => {
    const r = createRedactor({ pseudonymize: true, hostnames: ['vm-backup-demo-01'] });
    const lines = [
      'Nov 19 23:00:01 vm-backup-demo-01 sshd[811]: Accepted publickey for user azureuser from 10.1.0.4 port 52114',
      'GET http://168.63.129.16/machine/?comp=goalstate from 10.1.0.4 via 169.254.169.254 fe80::20d:3aff:fe1b:2c4d',
      'HostName: vm-backup-demo-01.internal.cloudapp.net, /home/azureuser/.bashrc',
      '/subscriptions/1b2c3d4e-1111-2222-3333-444455556666/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm-backup-demo-01',
      'Agent WALinuxAgent-2.9.1.1 is running as the goal state agent; version 2.2.53.1; 10.1.0.5',
    ];
    for (const l of lines) r.learn(l);
    const out = lines.map(r);
    expect(out[0]).toBe('Nov 19 23:00:01 host-1 sshd[811]: Accepted publickey for user user-1 from ipv4-1 port 52114');
    expect(out[1]).toBe('GET http://168.63.129.16/machine/?comp=goalstate from ipv4-1 via 169.254.169.254 ipv6-1');
    expect(out[2]).toContain('/home/user-1/.bashrc');
    expect(out[2]).not.toMatch(/vm-backup-demo-01/i);
    expect(out[3]).toBe('/subscriptions/sub-1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/host-1');
    // versions look like IPv4 but are not addresses
    expect(out[4]).toBe('Agent WALinuxAgent-2.9.1.1 is running as the goal state agent; version 2.2.53.1; ipv4-2');
    expect(r('<Extensions version="1.0.0.0" goalStateIncarnation="14"> {"version": "1.0.0.0"} Version: 2.9.1.1')).toBe('<Extensions version="1.0.0.0" goalStateIncarnation="14"> {"version": "1.0.0.0"} Version: 2.9.1.1');
    // times and MACs are not IPv6
    expect(r('22:16:48.792 00:0d:3a:1b:2c:4d')).toBe('22:16:48.792 00:0d:3a:1b:2c:4d');
    // consistent: the same input gives the same pseudonym; idempotent
    expect(r('10.1.0.4')).toBe('ipv4-1');
    for (const o of out) expect(r(o)).toBe(o);
    expect(r.counts()).toMatchObject({ host: 2, ipv4: 2, ipv6: 1, user: 1, subscription: 1 });
  });

  it('without pseudonymize only secrets change', () => {
    const r = createRedactor({ hostnames: ['vm-backup-demo-01'] });
    const l = 'vm-backup-demo-01 10.1.0.4 sig=abc';
    r.learn(l);
    expect(r(l)).toBe('vm-backup-demo-01 10.1.0.4 sig=<redacted>');
  });

  it('pseudonymized output never contains a learned name (property)', () => {
    const name = fc.stringMatching(/^[a-z][a-z0-9]{3,10}-[a-z0-9]{2,6}$/);
    fc.assert(
      fc.property(name, fc.array(fc.string({ maxLength: 20 }), { maxLength: 5 }), (host, noise) => {
        const r = createRedactor({ pseudonymize: true, hostnames: [host] });
        const s = noise.join(` ${host} `) + ` ${host.toUpperCase()}.example.com`;
        const out = r(s);
        expect(out.toLowerCase()).not.toMatch(new RegExp(`(?<![\\w-])${host}(?![\\w-])`));
        expect(r(out)).toBe(out);
      }),
      { numRuns: 200 },
    );
  });
});
