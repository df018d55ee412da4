import { describe, expect, it } from 'vitest';
import type { Fact } from '../../../src/shared';
import { rule as certificateRule } from '../../../src/main/analyze/rules/certificate-missing';
import { contextFrom } from './helpers';
import { inEnglish } from '../english';

const certificate = inEnglish(certificateRule);

function conf(values: Record<string, string>): Fact {
  return {
    kind: 'waagent-conf',
    values,
    effective: { extensionsEnabled: true, provisioningAgent: 'auto', autoUpdate: true, verbose: false, libDir: '/var/lib/waagent' },
    ignored: [],
    at: { file: 'etc/waagent.conf', line: 0, time: null, text: 'OS.EnableFIPS=y' },
    timeMs: NaN,
  };
}

describe('certificate-missing from the guest secrets plumbing', () => {
  // https://github.com/Azure/WALinuxAgent/issues/1788 (RHEL 8.2, OS.EnableFIPS=y)
  const FIPS_LINE =
    '2020/02/21 23:26:37.602290 ERROR Daemon Command: [/usr/bin/openssl req -x509 -nodes -subj /CN=LinuxTransport -days 730 -newkey rsa:2048 -keyout /var/lib/waagent/TransportPrivate.pem -out /var/lib/waagent/TransportCert.pem], return code: [1], result: [FIPS mode\n';

  it('names the failing openssl command and the FIPS setting that makes it fail', async () => {
    const out = certificate.evaluate(await contextFrom(FIPS_LINE, { facts: [conf({ 'OS.EnableFIPS': 'y' })] }));
    expect(out.verdict).toBe('detected');
    expect(out.reason).toContain('openssl failed: /usr/bin/openssl req -x509');
    expect(out.reason).toContain('OS.EnableFIPS=y');
    expect(out.evidence.map((e) => [e.file, e.line])).toEqual([
      ['var/log/waagent.log', 1],
      ['etc/waagent.conf', 0],
    ]);
  });

  it('without a conf setting the reason has the command only; FIPS off is not mentioned', async () => {
    const out = certificate.evaluate(await contextFrom(FIPS_LINE, { facts: [conf({ 'OS.EnableFIPS': 'n' })] }));
    expect(out.verdict).toBe('detected');
    expect(out.reason).not.toContain('EnableFIPS');
    expect(out.evidence).toHaveLength(1);
  });
});
