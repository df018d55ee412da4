import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeBundle } from '../../../src/main/pipeline/analyze-bundle';
import { findingIn } from '../../../src/shared/i18n/finding';
import { ROOT } from '../../helpers/paths';

/**
 * A remedy is read on a ticket for one VM: a Linux guest's steps do not send the engineer to services.msc, a
 * Windows guest's not to `ps -e` or /etc/azure/vmbackup.conf. Real cases: CoreOS whose waagent.conf is missing
 * (coreos/bugs#1755) and a Windows VM whose agent MSI cannot install because WMI is broken (Microsoft Learn).
 */
const run = async (id: string) => (await analyzeBundle([join(ROOT, 'test', 'cases', id, 'files')])).result;

describe('remedy steps fit the guest', () => {
  it('a Linux VM gets the Linux steps only, in English and Dutch', async () => {
    const r = await run('coreos-1755-waagent-conf-missing');
    expect(r.vm.platform).toBe('linux');
    const f = r.findings.find((x) => x.cause === 'agent-not-running')!;
    expect(f.verdict).toBe('detected');
    expect(f.remedy.some((s) => /`ps -e`/.test(s))).toBe(true);
    expect(f.remedy.some((s) => /configuration/.test(s) && /waagent\.conf/.test(s))).toBe(true);
    expect(f.remedy.filter((s) => /^Windows VMs|services\.msc|msiexec/.test(s))).toEqual([]);
    expect(f.remedyNl).toHaveLength(f.remedy.length);
    expect(f.remedyNl!.filter((s) => s.startsWith("Windows-VM's"))).toEqual([]);
  });

  it('a Windows VM gets no Linux commands', async () => {
    const r = await run('win-learn-agent-install-wmi');
    expect(r.vm.platform).toBe('windows');
    const f = r.findings.find((x) => x.cause === 'agent-not-running')!;
    expect(f.verdict).toBe('detected');
    expect(f.remedy.some((s) => /winmgmt \/salvagerepository/.test(s))).toBe(true);
    expect(f.remedy.filter((s) => /`ps -e`|waagent\.conf|systemctl|\/var\/log/.test(s))).toEqual([]);
    for (const x of r.findings) expect(x.remedy.filter((s) => /^Linux VMs|vmbackup\.conf|MountsToSkip/.test(s)), x.cause).toEqual([]);
  });

  it('in Dutch the finding carries the catalogue title, the Dutch reason and the Dutch steps', async () => {
    const r = await run('win-learn-agent-install-wmi');
    const f = r.findings.find((x) => x.cause === 'agent-not-running')!;
    const nl = findingIn('nl', f);
    expect(nl.title).toBe('De gastagent wordt niet uitgevoerd');
    expect(nl.reason).toBe(f.reasonNl);
    expect(nl.remedy).toEqual(f.remedyNl);
    expect(nl.remedy.some((s) => s.startsWith("Windows-VM's"))).toBe(true);
    expect(findingIn('en', f)).toBe(f);
  });
});
