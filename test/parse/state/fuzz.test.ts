import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from './run-parser';

/** One path per parser of this part; every one must survive arbitrary bytes without throwing. */
const PATHS = [
  'var/lib/waagent/GoalState.3.xml',
  'var/lib/waagent/history/2026-11-19T22-00-04__15/ExtensionsConfig.xml',
  'var/lib/waagent/HostingEnvironmentConfig.xml',
  'var/lib/waagent/ovf-env.xml',
  'var/lib/waagent/VmSettings.1.json',
  'var/lib/waagent/history/2026-11-19T22-00-04__15/waagent_status.json',
  'var/lib/waagent/WALinuxAgent-2.9.1.1/error.json',
  'var/lib/waagent/Incarnation',
  'var/lib/waagent/Microsoft.Azure.Monitor.AzureMonitorLinuxAgent-1.28.11/config/HandlerState',
  'var/lib/waagent/Microsoft.Azure.Monitor.AzureMonitorLinuxAgent-1.28.11/config/HandlerStatus',
  'var/lib/waagent/Microsoft.Azure.Monitor.AzureMonitorLinuxAgent-1.28.11/config/3.settings',
  'var/lib/waagent/Microsoft.Azure.Monitor.AzureMonitorLinuxAgent-1.28.11/mrseq',
  'var/lib/waagent/Microsoft.Azure.Monitor.AzureMonitorLinuxAgent-1.28.11/heartbeat.log',
  'var/lib/waagent/Microsoft.Azure.Monitor.AzureMonitorLinuxAgent-1.28.11/HandlerEnvironment.json',
  'etc/waagent.conf',
  'etc/os-release',
  'etc/hostname',
  'etc/azure/vmbackup.conf',
  'etc/azure/VMSnapshotScriptPluginConfig.json',
  'var/lib/waagent/logcollector/results.txt',
  'var/lib/dhcp/dhclient.eth0.leases',
  'var/log/syslog',
  'WindowsAzure/Logs/WaAppAgent.log',
  'Packages/Plugins/Microsoft.Azure.RecoveryServices.VMSnapshot/1.0.76.0/Status/1.status',
  'Packages/Plugins/Microsoft.Azure.RecoveryServices.VMSnapshot/1.0.76.0/RuntimeSettings/1.settings',
];

/** Fragments that steer random input into the parsers' interesting paths. */
const FRAGMENTS = ['<', '>', '</', '<Extensions goalStateIncarnation="1">', '<Plugin name="a" version="1" state="enabled"/>', '<!DOCTYPE r [<!ENTITY a "&b;">]>', '&a;', '{', '}', '[', ']', '"status"', ':', ',', '"protectedSettings"', '\n', '\r\n', '\u0000', '=', '#', 'lease {', 'option unknown-245 a8:3f:81:10;', '[00000001] 2024-04-17T07:19:26.812Z [ERROR] ', '2026-11-20T09:14:03Z INFO ', 'No space left on device', '[SnapshotThread]', 'Extensions.Enabled=', '\u00ff\u00fe'];

describe('hostile bytes', () => {
  it('no parser of this part throws on arbitrary or half-structured input', async () => {
    const input = fc.oneof(
      fc.uint8Array({ maxLength: 2000 }).map((a) => Buffer.from(a)),
      fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 60 }).map((a) => Buffer.from(a.join(''), 'utf8')),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...PATHS), input, async (path, data) => {
        const p = await parse(path, data);
        for (const f of p.facts) {
          expect(f.at.file).toBe(path);
          expect(f.at.text.length).toBeLessThanOrEqual(500);
        }
      }),
      { numRuns: 400 },
    );
  });
});
