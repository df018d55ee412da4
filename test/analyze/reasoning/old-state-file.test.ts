// A state file is the state it names as of its own time: one far older than the newest line of the VM's logs (a handler
// folder left from long ago) is that state's history, not the VM's state now, and says no more than an old log line.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { oldHandlerFolderLeft } from '../../accuracy/perturb';
import { CASES_DIR } from '../../accuracy/score';
import { bundleAnalyser, detectedCauses, realCaseFiles } from '../../helpers/real-case';

const tmp = mkdtempSync(join(tmpdir(), 'vmbd-old-state-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const analyse = bundleAnalyser(tmp);

// waagent-713's LinuxAsm status (Azure/WALinuxAgent#713), dated `when`
const linuxAsmStatus = (when: string): [string, string] => [
  'var/lib/waagent/Microsoft.Azure.Extensions.LinuxAsm-2.2.3/status/0.status',
  readFileSync(join(CASES_DIR, 'waagent-713-linuxasm-enable-os-not-supported', 'files', '0.status'), 'utf8').replace(/"timestampUTC": "[^"]*"/, `"timestampUTC": "${when}"`),
];

describe('a state file far older than the logs is history', () => {
  it('KB 4099558 with a LinuxAsm status 30 days older than its log: the extension failure stays as low as without it', async () => {
    const files = realCaseFiles('learn-kb4099558-extension-downgrade-not-allowed');
    expect(detectedCauses(await analyse(files))).toEqual(['agent-outdated medium', 'extension-failed-state low']);
    const r = await analyse(oldHandlerFolderLeft(files)!);
    expect(detectedCauses(r)).toEqual(['agent-outdated medium', 'extension-failed-state low']);
    // (the LinuxAsm failure is a possible cause only, as the event line's is: no state of it holds now)
    expect(r.findings.find((f) => f.cause === 'extension-failed-state')?.reason).toContain('Microsoft.Azure.Extensions.LinuxAsm');
  });

  it('the same status written within the log\'s hours still holds: the failed state is the VM\'s now', async () => {
    // the case's one record is at 2018/03/16 12:00:46
    const r = await analyse([...realCaseFiles('learn-kb4099558-extension-downgrade-not-allowed'), linuxAsmStatus('2018-03-16T11:00:00Z')]);
    expect(detectedCauses(r)).toEqual(['agent-outdated medium', 'extension-failed-state medium']);
  });
});
