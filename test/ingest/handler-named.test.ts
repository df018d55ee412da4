import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { guessVmPath } from '../../src/main/ingest/loose';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';

/**
 * Loose per-extension files whose own content names their extension, verbatim:
 * - Azure/custom-script-extension-linux#67 (xpillons, 2016): CustomScript 2.0.1's handler.log, which prints the paths
 *   of its folder under /var/lib/waagent;
 * - Azure/WALinuxAgent#713 (test/cases/waagent-713-…): a HandlerStatus with its `"name"`, and a status file without one.
 */
const CSE_67 = `+ /var/lib/waagent/Microsoft.Azure.Extensions.CustomScript-2.0.1/bin/custom-script-extension install
time=2016-09-26T13:30:21Z version=v2.0.1/git@0f92134-clean operation=install seq=0 event=start
time=2016-09-26T13:30:21Z version=v2.0.1/git@0f92134-clean operation=install seq=0 status="not reported for operation (by design)"
time=2016-09-26T13:30:21Z version=v2.0.1/git@0f92134-clean operation=install seq=0 event="created data dir" path=/var/lib/waagent/custom-script
time=2016-09-26T13:30:21Z version=v2.0.1/git@0f92134-clean operation=install seq=0 event=installed
time=2016-09-26T13:30:21Z version=v2.0.1/git@0f92134-clean operation=install seq=0 status="not reported for operation (by design)"
time=2016-09-26T13:30:21Z version=v2.0.1/git@0f92134-clean operation=install seq=0 event=end
Writing status to /var/lib/waagent/Microsoft.Azure.Extensions.CustomScript-2.0.1/status/0.status.
+ nohup /var/lib/waagent/Microsoft.Azure.Extensions.CustomScript-2.0.1/bin/custom-script-extension enable
time=2016-09-26T13:30:26Z version=v2.0.1/git@0f92134-clean operation=enable seq=0 event=start
time=2016-09-26T13:30:26Z version=v2.0.1/git@0f92134-clean operation=enable seq=0 message="checking for state migration"
`;
const CASE_713 = join('test', 'cases', 'waagent-713-linuxasm-enable-os-not-supported', 'files');

describe('a loose extension file is placed in the folder of the extension its content names', () => {
  it("CustomScript's handler.log (#67): its paths under /var/lib/waagent name it; it is read as that extension's log", async () => {
    expect(guessVmPath('handler.log', Buffer.from(CSE_67))).toMatchObject({ vmPath: 'var/log/azure/Microsoft.Azure.Extensions.CustomScript/handler.log', kind: 'extension-log' });
    const dir = mkdtempSync(join(tmpdir(), 'vmbd-handler-'));
    writeFileSync(join(dir, 'handler.log'), CSE_67);
    const { result } = await analyzeBundle([dir]);
    expect(result.files.map((f) => [f.vmPath, f.kind])).toEqual([['var/log/azure/Microsoft.Azure.Extensions.CustomScript/handler.log', 'extension-log']]);
  });

  it("a HandlerStatus's name places it (#713); its status file, which names none, keeps the placeholder", () => {
    const read = (f: string) => readFileSync(join(CASE_713, f));
    expect(guessVmPath('HandlerStatus', read('HandlerStatus')).vmPath).toBe('var/lib/waagent/Microsoft.Azure.Extensions.LinuxAsm/config/HandlerStatus');
    expect(guessVmPath('0.status', read('0.status')).vmPath).toBe('var/lib/waagent/unknown-extension/status/0.status');
  });

  it("a head naming two extensions' folders names neither", () => {
    // #67's lines with the Azure Monitor agent's warning quoted in OMS-Agent-for-Linux#1079 (test/cases/ext-oms1079-…)
    const ama = readFileSync(join('test', 'cases', 'ext-oms1079-ama-debian12-unsupported-os-cli-error', 'files', 'az-cli-error.txt'), 'utf8')
      .split('\n')
      .find((l) => l.includes('/agent.py:46: DeprecationWarning'))!;
    expect(ama).toMatch(/^\/var\/lib\/waagent\/Microsoft\.Azure\.Monitor\.AzureMonitorLinuxAgent-1\.29\.4\//);
    expect(guessVmPath('handler.log', Buffer.from(`${CSE_67}${ama}\n`)).vmPath).toBe('var/log/azure/unknown-extension/handler.log');
  });

  it('a name that is no handler name (a path, a parent folder) is not taken', () => {
    for (const head of ['{"status": "NotReady", "code": -1, "name": "../../etc", "version": "1"}', '{"status": "NotReady", "code": -1, "name": "x/y.z", "version": "1"}'])
      expect(guessVmPath('HandlerStatus', Buffer.from(head)).vmPath).toBe('var/lib/waagent/unknown-extension/config/HandlerStatus');
  });
});
