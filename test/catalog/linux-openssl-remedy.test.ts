import { describe, expect, it } from 'vitest';
import { caseFinding as finding } from '../helpers/real-case';

/**
 * The Linux agent's openssl cannot decrypt the goal state's certificates: the clock and a restart fix neither an
 * openssl that cannot run nor FIPS refusing the cipher. The finding says why openssl failed (its own words, quoted
 * after the command) and leads with the step that fixes it.
 */
describe("the agent's openssl failure leads with its fix", () => {
  const OPENSSL_STEP = /^Linux VMs: if the agent's openssl command cannot run \(waagent\.log: .*install openssl .*OS\.OpensslPath .*restart the agent\.$/;
  const FIPS_STEP = /^Linux VMs with FIPS mode enabled: .*Agent 2\.14\.0\.1 and later support FIPS 140-3 .*additionalCapabilities\.enableFips1403Encryption/;

  // WALinuxAgent #2703 (no openssl binary: exit 127), #763 (OS.OpensslPath read with its comment: `None: not found`),
  // #1402 (the FIPS build's openssl.cnf missing), #2684 (openssl.cnf: variable has no value)
  for (const [id, why] of [
    ['waagent-2703-openssl-binary-missing', 'return code: [127]'],
    ['waagent-763-openssl-path-none', 'None: not found'],
    ['waagent-1402-sles-openssl-cnf-missing-transport-cert', "can't open config file: /FIPS/1.0.2l-plus/Linux_x86_64/ssl/openssl.cnf"],
    ['waagent-2684-openssl-conf-no-value', 'configuration file routines:STR_COPY:variable has no value'],
  ] as const) {
    it(`${id}: install or point at a working openssl first`, async () => {
      const f = await finding(id, 'certificate-missing');
      expect(f.remedy[0]).toMatch(OPENSSL_STEP);
      expect(f.remedyNl![0]).toMatch(/^Linux-VM's: kan de openssl-opdracht van de agent niet draaien/);
      expect(f.remedy.some((s) => FIPS_STEP.test(s))).toBe(true);
      expect(f.remedy.findIndex((s) => s.startsWith('Make sure the VM clock'))).toBeGreaterThan(0);
      // why openssl failed is in the finding's evidence of what failed
      expect(`${f.reason} ${f.evidence.map((e) => e.text).join(' ')}`).toContain(why);
    }, 60_000);
  }

  // WALinuxAgent #668 (RHEL with FIPS on: `EVP_PBE_CipherInit:unknown cipher` on the Result record's next line), #3489
  // (RHEL 9 in FIPS mode: `inner_evp_generic_fetch:unsupported … Algorithm (DES-EDE3-CBC : 65)` after the PFX → PEM)
  for (const [id, why] of [
    ['waagent-668-fips-pkcs12-unknown-cipher', 'EVP_PBE_CipherInit:unknown cipher'],
    ['waagent-3489-rhel9-fips-pfx-to-pem-des-ede3', 'inner_evp_generic_fetch:unsupported'],
  ] as const) {
    it(`${id}: FIPS 140-3 support first`, async () => {
      const f = await finding(id, 'certificate-missing');
      expect(f.remedy[0]).toMatch(FIPS_STEP);
      expect(f.remedyNl![0]).toMatch(/^Linux-VM's met FIPS-modus aan: /);
      expect(f.reason).toContain(why);
      expect(f.links.some((l) => l.url === 'https://github.com/Azure/WALinuxAgent/releases/tag/v2.14.0.1')).toBe(true);
    }, 60_000);
  }

  // the extension's openssl cannot open the .crt it reads (Lib.Dir moved): where the files are, not the clock
  it('waagent-2949-lib-dir-moved-vmaccess-crt-missing: the certificate files step first, not the clock', async () => {
    const f = await finding('waagent-2949-lib-dir-moved-vmaccess-crt-missing', 'certificate-missing');
    expect(f.remedy[0]).toMatch(/^Linux VMs: if the extension cannot open the certificate or key file/);
    expect(f.remedy[1]).toMatch(/^Make sure the VM clock is synchronised/);
  }, 60_000);
});
