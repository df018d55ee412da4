import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeBundle } from '../../../src/main/pipeline/analyze-bundle';
import { ROOT } from '../../helpers/paths';

/**
 * A proxy in waagent.conf carries the extension's guest-path snapshot calls and the agent's downloads to
 * storage, never the calls to 168.63.129.16 (WALinuxAgent wire.py: "Never use the HTTP proxy for
 * wireserver"): with a storage failure it is named as the first suspect, with its credentials left out.
 */
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function bundle(proxy: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'vmbd-proxy-'));
  dirs.push(dir);
  const ext = join(dir, 'var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux');
  mkdirSync(ext, { recursive: true });
  // the extension's own result of Azure/azure-linux-extensions#494: FailedRetryableSnapshotFailedRestrictedNetwork
  writeFileSync(join(ext, 'extension.log'), readFileSync(join(ROOT, 'test/cases/ext-494-restricted-network-409/files/extension.log')));
  // the distribution's waagent.conf (test/fixtures/corpus), as an administrator sets the proxy in it
  let conf = readFileSync(join(ROOT, 'test/fixtures/corpus/waagent/config/waagent.conf'), 'utf8');
  if (proxy) conf = conf.replace('#HttpProxy.Host=None', 'HttpProxy.Host=http://backup:S3cretPass@proxy.contoso.local').replace('#HttpProxy.Port=None', 'HttpProxy.Port=3128');
  mkdirSync(join(dir, 'etc'));
  writeFileSync(join(dir, 'etc/waagent.conf'), conf);
  return dir;
}

describe('an HTTP proxy on the way to storage', () => {
  it('is named with a storage failure, in English and Dutch, without its password', async () => {
    const r = (await analyzeBundle([bundle(true)])).result;
    const f = r.findings.find((x) => x.cause === 'storage-unreachable');
    expect(f).toMatchObject({ verdict: 'detected', confidence: 'high' });
    expect(f?.reason).toMatch(/through the HTTP proxy \S*proxy\.contoso\.local\S*:3128 \(never those to 168\.63\.129\.16\)/);
    expect(f?.reasonNl).toMatch(/via de HTTP-proxy \S*proxy\.contoso\.local/);
    expect(f?.evidence.some((e) => e.file === 'etc/waagent.conf')).toBe(true);
    expect(JSON.stringify(r)).not.toContain('S3cretPass');
  });

  it('is not mentioned when the conf sets none', async () => {
    const r = (await analyzeBundle([bundle(false)])).result;
    const f = r.findings.find((x) => x.cause === 'storage-unreachable');
    expect(f?.verdict).toBe('detected');
    expect(f?.reason).not.toMatch(/proxy \S+ \(never/);
  });
});
