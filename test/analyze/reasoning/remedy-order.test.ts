import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeBundle } from '../../../src/main/pipeline/analyze-bundle';
import { causeById, remedySteps } from '../../../src/shared';
import { ROOT } from '../../helpers/paths';
import { analyzeFiles, scenario } from '../snapshot/helpers';

/**
 * A finding's remedy leads with the fix its evidence points at. The Backup Host Service answering the snapshot call
 * with an HTTP error (azure-linux-extensions PR #2019: `dosnapshot responseBody: StatusCode:500, ErrorMessage: Could
 * not find config corresponding to the Disk`) is the Azure side's failure: the reason says the way to 168.63.129.16
 * works, so the steps must not send the engineer to the NSG first.
 */
const storage = causeById('storage-unreachable');
const CASE = join(ROOT, 'test', 'cases', 'ext-pr2019-dosnapshot-bhs-500', 'files', 'extension.log');

describe('a finding orders its cause\'s remedy steps by what its evidence shows', () => {
  it('the host answered with a server error: retry and a support case, no network steps (ext-pr2019)', async () => {
    const { result } = await analyzeBundle([CASE]);
    const f = result.findings.find((x) => x.cause === 'storage-unreachable')!;
    expect(f.verdict).toBe('detected');
    // the host's own message quoted, in the reason and the retry step, which names the code seen (not 556)
    expect(f.reason).toContain('The host answered dosnapshot with HTTP 500 ("Could not find config corresponding to the Disk - md-zt1h5xp3fb3q - 4gsgxhsfkwl2/abcd")');
    expect(f.remedy[0]).toBe('Retry the backup. If the host keeps answering dosnapshot with HTTP 500 ("Could not find config corresponding to the Disk - md-zt1h5xp3fb3q - 4gsgxhsfkwl2/abcd"), only Azure can fix it: open a support case with that answer.');
    expect(f.reasonNl).toContain('De host beantwoordde dosnapshot met HTTP 500 ("Could not find config corresponding to the Disk');
    expect(f.remedy.filter((s) => /NSG|outbound connectivity|port 80 is reachable|DHCP|HTTP proxy/.test(s))).toEqual([]);
    expect(f.remedyNl).toHaveLength(f.remedy.length);
    expect(f.remedyNl![0]).toMatch(/^Probeer de back-up opnieuw\. Blijft de host dosnapshot met HTTP 500 \("Could not find config.*ondersteuningsaanvraag met dat antwoord\.$/);
  }, 60_000);

  it('the host answered a snapshot call with a success without a body (557): the retry leads, says 557, network steps after', async () => {
    // the line VMBackup/main/hostsnapshotter.py logs for HTTP 200/201 with an empty responseBody (hostStatusCodeDoSnapshot
    // 557), in place of the pr2019 answer: the call reached 168.63.129.16, so the host's answer leads as 556's does
    const dir = mkdtempSync(join(tmpdir(), 'remedy-order-'));
    const file = join(dir, 'var', 'log', 'azure', 'Microsoft.Azure.RecoveryServices.VMSnapshotLinux', 'extension.log');
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, '2024-10-22 22:49:39.187634  Info  DoSnapshot: responseBody is empty but http status code is success\n');
    const { result } = await analyzeBundle([dir]);
    const f = result.findings.find((x) => x.cause === 'storage-unreachable')!;
    expect(f.verdict).toBe('detected');
    expect(f.remedy[0]).toBe('Retry the backup. If the host keeps answering dosnapshot with a success that has no body (pseudo-code 557), only Azure can fix it: open a support case.');
    expect(f.remedyNl![0]).toBe('Probeer de back-up opnieuw. Blijft de host dosnapshot beantwoorden met een succes zonder inhoud (code 557), dan kan alleen Azure dit oplossen: open een ondersteuningsaanvraag.');
    expect(f.remedy.some((s) => /outbound connectivity to Azure Storage/.test(s))).toBe(true);
  }, 60_000);

  it('a proxy the calls may be lost in keeps the network steps, after the retry', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'remedy-order-'));
    mkdirSync(join(dir, 'etc'));
    writeFileSync(join(dir, 'etc', 'waagent.conf'), 'HttpProxy.Host=10.0.0.5\nHttpProxy.Port=3128\n');
    mkdirSync(join(dir, 'var', 'log', 'azure', 'Microsoft.Azure.RecoveryServices.VMSnapshotLinux'), { recursive: true });
    copyFileSync(CASE, join(dir, 'var', 'log', 'azure', 'Microsoft.Azure.RecoveryServices.VMSnapshotLinux', 'extension.log'));
    const { result } = await analyzeBundle([dir]);
    const f = result.findings.find((x) => x.cause === 'storage-unreachable')!;
    expect(f.verdict).toBe('detected');
    expect(f.remedy[0]).toMatch(/^Retry the backup\./);
    expect(f.remedy.some((s) => /HTTP proxy/.test(s))).toBe(true);
    expect(f.remedy.some((s) => /outbound connectivity to Azure Storage/.test(s))).toBe(true);
  }, 60_000);

  it('the host said its Backup Host Service is not running (556): the retry and support case lead, network steps after', async () => {
    const r = await analyzeFiles(scenario(['success', 'stuck-556']).files);
    const f = r.findings.find((x) => x.cause === 'storage-unreachable')!;
    expect(f.verdict).toBe('detected');
    expect(f.remedy[0]).toBe('Retry the backup. If the host keeps answering that its Backup Host Service is not running (pseudo-code 556, "BHS is not running on host machine"), only Azure can fix it: open a support case.');
    expect(f.remedy.some((s) => /outbound connectivity to Azure Storage/.test(s))).toBe(true);
    expect(f.remedyNl![0]).toMatch(/^Probeer de back-up opnieuw\./);
  }, 60_000);

  it('without an order the steps keep the article\'s order; `first` leads, `omit` drops, per platform', () => {
    const article = remedySteps(storage, 'en', 'linux');
    expect(article[0]).toMatch(/outbound connectivity/);
    const hostFirst = remedySteps(storage, 'en', 'linux', { first: ['host-error'] });
    expect(hostFirst[0]).toMatch(/^Retry the backup/);
    expect(hostFirst.slice(1)).toEqual(article.filter((s) => !/^Retry the backup/.test(s)));
    // (the Windows TLS step is a way to storage too: the host's answer omits it with the rest)
    expect(remedySteps(storage, 'en', 'windows', { first: ['host-error'], omit: ['network', 'tls'] })).toEqual([article.at(-1)]);
    expect(remedySteps(storage, 'nl', 'unknown', { omit: ['network', 'tls'] })).toHaveLength(1);
    expect(remedySteps(storage, 'en', 'windows', { first: ['tls'] })[0]).toMatch(/^Windows VMs: if the calls fail to set up TLS/);
  });
});
