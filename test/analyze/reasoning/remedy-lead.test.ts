import { describe, expect, it } from 'vitest';
import type { CauseId } from '../../../src/shared';
import { caseFinding } from '../../helpers/real-case';

/**
 * The first step a finding gives is the fix its thread or article established, told by the sign in the evidence
 * (RemedyOrder.first), not the cause's generic first step (the clock, "check the agent is Ready"). Each row: the case,
 * its cause, the start of the step that must lead (EN and NL), and a step that led before and must not now.
 */
const LEADS: { id: string; cause: CauseId; en: RegExp; nl: RegExp; not: RegExp }[] = [
  // WALinuxAgent #2949: Lib.Dir moved, VMAccessForLinux opens /var/lib/waagent/<thumbprint>.crt
  { id: 'waagent-2949-lib-dir-moved-vmaccess-crt-missing', cause: 'certificate-missing', en: /^Linux VMs: if the extension cannot open the certificate or key file.*set Lib\.Dir back to \/var\/lib\/waagent/, nl: /^Linux-VM's: kan de extensie het certificaat- of sleutelbestand/, not: /^Make sure the VM clock/ },
  // Troubleshoot extension certificate issues: Self-signed Certificate Generation failed -2146893808 is the MachineKeys variant (Solution 2)
  { id: 'win-learn-extcert-self-signed-generation-failed', cause: 'certificate-missing', en: /^Windows VMs \("Keyset does not exist".*"Self-signed Certificate Generation failed\. Error Code: -2146893808"\).*Solution 2/, nl: /^Windows-VM's \("Keyset does not exist".*oplossing 2/, not: /^Make sure the VM clock/ },
  // the same article: the enveloped-data recipient missing is Solution 1, a new CRP certificate
  { id: 'win-learn-extcert-wad-enveloped-data-no-recipient', cause: 'certificate-missing', en: /^Windows VMs: if the certificate the protected settings were encrypted for is missing.*Solution 1.*delete the "Windows Azure CRP Certificate Generator" certificate/, nl: /^Windows-VM's: ontbreekt het certificaat waarvoor de beveiligde instellingen/, not: /^Make sure the VM clock/ },
  // Troubleshoot Azure Windows VM Agent issues: PFXImportCertStore 86 (the Crypto folders' ACL), RdCrypt (KeyIso)
  { id: 'win-learn-pfximportcertstore-crypto-permissions', cause: 'certificate-missing', en: /^Windows VMs: give the SYSTEM account Full Control on C:\\ProgramData\\Microsoft\\Crypto\\Keys/, nl: /^Windows-VM's: geef het account SYSTEM Volledig beheer/, not: /^Make sure the VM clock/ },
  { id: 'win-learn-rdcrypt-keyiso-transport-certificate', cause: 'certificate-missing', en: /CNG Key Isolation service \(KeyIso\) runs/, nl: /CNG-sleutelisolatie \(KeyIso\)/, not: /^Make sure the VM clock/ },
  // coreos/bugs#1755: waagent.conf missing, the daemon exits in load_conf_from_file
  { id: 'coreos-1755-waagent-conf-missing', cause: 'agent-not-running', en: /^If the daemon exits at start while loading its configuration/, nl: /^Stopt de daemon direct na het starten tijdens het laden van zijn configuratie/, not: /^Open Azure portal > VM > Settings > Properties/ },
  // WALinuxAgent #2646: disabled and inactive (dead); the maintainer: "Try enabling it"
  { id: 'waagent-2646-service-disabled-no-start-on-boot', cause: 'agent-not-running', en: /^Linux VMs: if the agent's unit is disabled.*systemctl enable --now waagent/, nl: /^Linux-VM's: is de unit van de agent uitgeschakeld/, not: /^Open Azure portal > VM > Settings > Properties/ },
  // Troubleshoot Azure Windows VM Agent issues: the MSI fails on broken WMI; WCF profiling in machine.config
  { id: 'win-learn-agent-install-wmi', cause: 'agent-not-running', en: /^Windows VMs: if installing the agent MSI fails.*winmgmt \/salvagerepository/, nl: /^Windows-VM's: mislukt de installatie van de agent-MSI/, not: /^Open Azure portal > VM > Settings > Properties/ },
  { id: 'win-learn-wcf-profiling-transparentinstaller', cause: 'agent-not-running', en: /^Windows VMs: if the agent dies at start with a ConfigurationErrorsException.*ServiceModelSink\.Behavior/, nl: /^Windows-VM's: stopt de agent direct na het starten met een ConfigurationErrorsException/, not: /^Open Azure portal > VM > Settings > Properties/ },
  { id: 'win-learn-agent-stuck-stopping', cause: 'agent-unresponsive', en: /^Windows VMs: if WaAppAgent\.log shows the agent stuck stopping/, nl: /^Windows-VM's: toont WaAppAgent\.log dat de agent blijft hangen bij het stoppen/, not: /^Open Azure portal > VM > Settings > Properties/ },
  { id: 'win-learn-badimageformat-enable64bit', cause: 'agent-unresponsive', en: /^Windows VMs: if WaAppAgent\.log shows a BadImageFormatException.*Enable64Bit to 1/, nl: /^Windows-VM's: toont WaAppAgent\.log een BadImageFormatException/, not: /^Open Azure portal > VM > Settings > Properties/ },
  // Troubleshoot Azure Windows VM Agent issues: the Npcap Loopback Adapter answers DHCP without the fabric address
  { id: 'win-learn-npcap-loopback-no-fabric-address', cause: 'dhcp-disabled', en: /^Windows VMs: enable DHCP on the network adapter.*Npcap Loopback Adapter/, nl: /^Windows-VM's: schakel DHCP in op de netwerkadapter/, not: /^DHCP must be enabled inside the guest/ },
  // Learn, extension troubleshooting: the agent's HTTPS calls cannot set up a trusted TLS channel (the root, SSL inspection)
  { id: 'win-learn-exttroubleshoot-waappagent-tls-trust-failure', cause: 'storage-unreachable', en: /^Windows VMs: if the calls fail to set up TLS.*SSL inspection/, nl: /^Windows-VM's: lukt het de aanroepen niet om TLS op te zetten/, not: /^VM backup issues a snapshot command to the underlying storage/ },
  // KB 2009550 / 2009533 / 940032 (a VSS class not registered), KB 2009513 (swprv's ServiceDll): the registration, not a restart of writers
  ...['win-kb2009550-vss-eventclass-cocreateinstance-8193', 'win-kb940032-vss-20-8193-not-registered-event-type-copy', 'win-kb2009513-swprv-servicedll-vss-12292-11'].map((id) => ({
    id,
    cause: 'fsfreeze-failed' as const,
    en: /^Windows VMs, VSS events saying a component is not registered.*KB 2009513/,
    nl: /^Windows-VM's met VSS-gebeurtenissen die zeggen dat een onderdeel niet geregistreerd is/,
    not: /^Windows VMs \(VSS\): run `vssadmin list writers`/,
  })),
];

describe('the step the evidence names leads the remedy', () => {
  for (const row of LEADS) {
    it(`${row.id}: ${row.cause} leads with its fix`, async () => {
      const f = await caseFinding(row.id, row.cause);
      expect(f.remedy[0]).toMatch(row.en);
      expect(f.remedyNl![0]).toMatch(row.nl);
      // the step that led before is still there, later; no step lost or doubled
      expect(f.remedy.slice(1).some((s) => row.not.test(s))).toBe(true);
      expect(f.remedy).toHaveLength(new Set(f.remedy).size);
      expect(f.remedyNl).toHaveLength(f.remedy.length);
    }, 60_000);
  }
});

/** A sign that looks alike but names another fix leaves the cause's order as it was. */
describe('a sign that is not the one keeps the order', () => {
  // WALinuxAgent #842: the unit is disabled but was started and crashed (the wrong Python): enabling it fixes nothing
  it('waagent-842: a disabled unit that failed is not told to be enabled first', async () => {
    const f = await caseFinding('waagent-842-service-failed-start-limit', 'agent-not-running');
    expect(f.remedy[0]).not.toMatch(/unit is disabled/);
  }, 60_000);

  // KB 4504103: a writer failed (SQL Writer's defect); VSS itself is registered
  it('win-kb4504103: a failed writer keeps the vssadmin step first', async () => {
    const f = await caseFinding('win-kb4504103-asr-sqlwriter-11-redacted-ids', 'fsfreeze-failed');
    expect(f.remedy[0]).toMatch(/^Windows VMs \(VSS\): run `vssadmin list writers`/);
  }, 60_000);

  // MachineKeys' ACL: Keyset does not exist stays with Solution 2, not the Crypto folders' step
  it('win-learn-extcert-keyset-does-not-exist: Solution 2 first, the Crypto folders later', async () => {
    const f = await caseFinding('win-learn-extcert-keyset-does-not-exist', 'certificate-missing');
    expect(f.remedy[0]).toMatch(/^Windows VMs \("Keyset does not exist"/);
    expect(f.remedy.findIndex((s) => s.startsWith('Windows VMs: give the SYSTEM account'))).toBeGreaterThan(1);
  }, 60_000);
});
