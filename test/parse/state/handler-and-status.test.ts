import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS } from '../../helpers/paths';
import { only, parse, read } from './run-parser';

const SNAP = 'var/lib/waagent/Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9225.0';
const AMA = 'var/lib/waagent/Microsoft.Azure.Monitor.AzureMonitorLinuxAgent-1.28.11';

describe('per-extension state files', () => {
  it('HandlerState: handler and version from the folder, state from the file', async () => {
    const p = await parse(`${AMA}/config/HandlerState`, 'FailedUpgrade');
    expect(only(p, 'handler-state')[0]).toMatchObject({ handler: 'Microsoft.Azure.Monitor.AzureMonitorLinuxAgent', version: '1.28.11', state: 'FailedUpgrade', at: { file: `${AMA}/config/HandlerState`, line: 1, text: 'FailedUpgrade' } });
    const odd = await parse(`${AMA}/config/HandlerState`, 'Bogus\u0000\u0000');
    expect(odd.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/ends in 2 NUL bytes/), expect.stringMatching(/unknown handler state "Bogus"/)]);
    expect(only(odd, 'handler-state')[0].state).toBe('Bogus');
  });

  it('HandlerStatus in both schemas (HEAD and ≤2.2.x)', async () => {
    const head = await parse(`${AMA}/config/HandlerStatus`, JSON.stringify({ name: 'Microsoft.Azure.Monitor.AzureMonitorLinuxAgent', version: '1.28.11', status: 'NotReady', code: 1009, message: 'Non-zero exit code: 51, /var/lib/waagent/Microsoft.Azure.Monitor.AzureMonitorLinuxAgent-1.28.11/./shim.sh -enable', supports_multi_config: false, extension_status: null }));
    expect(only(head, 'handler-status')[0]).toMatchObject({ status: 'NotReady', code: 1009, version: '1.28.11', message: expect.stringContaining('Non-zero exit code: 51') });
    const old = await parse(`${AMA}/config/HandlerStatus`, '{"name": "Microsoft.Azure.Monitor.AzureMonitorLinuxAgent", "version": "1.28.11", "status": "Ready", "code": 0, "message": "Plugin enabled", "extensions": []}');
    expect(only(old, 'handler-status')[0]).toMatchObject({ status: 'Ready', code: 0, message: 'Plugin enabled' });
    const trunc = await parse(`${AMA}/config/HandlerStatus`, '{"name": "Microsoft.Azure.Monitor.AzureMon');
    expect(trunc.facts).toEqual([]);
    expect(trunc.warnings[0].message).toMatch(/invalid JSON/);
  });

  it('N.settings: protectedSettings dropped at parse time, thumbprint and allowlisted public values kept', async () => {
    const settings = {
      runtimeSettings: [
        {
          handlerSettings: {
            protectedSettingsCertThumbprint: '3F2E8A41C5B0D97E6A1F4C2B8D0E5A7193C6B4F2',
            protectedSettings: 'MIIB8AYJKoZIhvcNAQcDoIIB4TCCAd0CAQAxggFpMIIBZQIBADBNMDkxNzA1BgoJkiaJk/IsZAEZ',
            publicSettings: { locale: 'en-us', taskId: '7d3c2a8e-5b1f-4e62-9a07-3f1c8d2e6b41', commandToExecute: 'snapshot', commandStartTimeUTCTicks: '639307224024880000', vmType: 'microsoft.compute/virtualmachines', objectStr: 'eyJzbmFwc2hvdFRhc2tUb2tlbiI6IlNFQ1JFVFRPS0VOIn0=' },
          },
        },
      ],
    };
    const p = await parse(`${SNAP}/config/15.settings`, JSON.stringify(settings));
    const [f] = only(p, 'extension-settings');
    expect(f).toMatchObject({
      handler: 'Microsoft.Azure.RecoveryServices.VMSnapshotLinux',
      version: '1.0.9225.0',
      seqNo: 15,
      hasProtectedSettings: true,
      thumbprint: '3F2E8A41C5B0D97E6A1F4C2B8D0E5A7193C6B4F2',
      taskId: '7d3c2a8e-5b1f-4e62-9a07-3f1c8d2e6b41',
      requestedStart: '2026-11-19T22:00:02.488Z',
      commandToExecute: 'snapshot',
    });
    expect(f.publicSettingKeys).toEqual(['locale', 'taskId', 'commandToExecute', 'commandStartTimeUTCTicks', 'vmType', 'objectStr']);
    const json = JSON.stringify(p);
    expect(json).not.toContain('MIIB8AYJ');
    expect(json).not.toContain('eyJzbmFwc2hvdFRhc2tUb2tlbiI6');
    // an empty 0.settings is normal for a handler without settings
    const empty = await parse(`${AMA}/config/0.settings`, '');
    expect(only(empty, 'extension-settings')[0]).toMatchObject({ seqNo: 0, hasProtectedSettings: false, publicSettingKeys: [] });
    expect(empty.warnings).toEqual([]);
  });

  it('mrseq, heartbeat.log and HandlerEnvironment.json', async () => {
    expect(only(await parse(`${SNAP}/mrseq`, '15'), 'extension-mrseq')[0]).toMatchObject({ seqNo: 15, handler: 'Microsoft.Azure.RecoveryServices.VMSnapshotLinux' });
    const bad = await parse(`${SNAP}/mrseq`, '\u00ff\u00fe garbage');
    expect(bad.facts).toEqual([]);
    expect(bad.warnings.some((w) => /not a number/.test(w.message))).toBe(true);
    const hb = await parse(`${AMA}/heartbeat.log`, '[{"version": 1.0, "heartbeat": {"status": "notready", "code": 1, "formattedMessage": {"lang": "en-US", "message": "mdsd is not running"}}}]');
    expect(only(hb, 'handler-status')[0]).toMatchObject({ status: 'heartbeat:notready', code: 1, message: 'mdsd is not running' });
    const env = await parse(`${AMA}/HandlerEnvironment.json`, '[{"name": "x", "version": 1.0}]');
    expect(env.warnings[0].message).toMatch(/no handlerEnvironment/);
  });
});

describe('waagent_status.json in its three shapes and error.json', () => {
  it('≤2.4 info file', async () => {
    const doc = {
      agent_name: 'WALinuxAgent-2.2.45',
      current_version: '2.2.45',
      goal_state_version: '2.2.45',
      distro_details: 'ubuntu:18.04',
      last_successful_status_upload_time: '2021-03-30 19:45:40.101234',
      python_version: 'Python: 3.6.9',
      extensions_status: [{ name: 'Microsoft.Azure.RecoveryServices.VMSnapshotLinux', version: '1.0.9172.0', status: 'Ready', supports_multi_config: false }],
    };
    const p = await parse('var/lib/waagent/waagent_status.json', JSON.stringify(doc, null, 2));
    expect(only(p, 'agent-status')[0]).toMatchObject({ agentVersion: '2.2.45', lastSuccessfulUpload: '2021-03-30 19:45:40.101234', handlers: [{ name: 'Microsoft.Azure.RecoveryServices.VMSnapshotLinux', version: '1.0.9172.0', status: 'Ready' }], at: { line: 3 } });
  });

  it('2.5–2.7 per-incarnation file and 2.8+ history blob', async () => {
    const blob = {
      version: '1.1',
      timestampUTC: '2026-11-19T22:02:47Z',
      aggregateStatus: {
        guestAgentStatus: { version: '2.9.1.1', status: 'Ready', formattedMessage: { lang: 'en-US', message: 'Guest Agent is running' } },
        handlerAggregateStatus: [
          { handlerVersion: '1.0.9225.0', handlerName: 'Microsoft.Azure.RecoveryServices.VMSnapshotLinux', status: 'Ready', code: 0, formattedMessage: { lang: 'en-US', message: 'Plugin enabled' }, runtimeSettingsStatus: { settingsStatus: { status: { status: 'success', code: 122 } }, sequenceNumber: 15 } },
          { handlerVersion: '1.28.11', handlerName: 'Microsoft.Azure.Monitor.AzureMonitorLinuxAgent', status: 'NotReady', code: 1009, formattedMessage: { lang: 'en-US', message: 'Non-zero exit code: 51' } },
        ],
      },
      guestOSInfo: { computerName: 'vm-backup-demo-01', osName: 'ubuntu', osVersion: '20.04', version: '2.9.1.1' },
    };
    const h = await parse('var/lib/waagent/history/2026-11-19T22-00-04__15/waagent_status.json', JSON.stringify(blob));
    expect(only(h, 'agent-status')[0]).toMatchObject({
      agentVersion: '2.9.1.1',
      status: 'Ready',
      message: 'Guest Agent is running',
      computerName: 'vm-backup-demo-01',
      osName: 'ubuntu',
      handlers: [
        { name: 'Microsoft.Azure.RecoveryServices.VMSnapshotLinux', status: 'Ready', code: 0, sequenceNumber: 15 },
        { name: 'Microsoft.Azure.Monitor.AzureMonitorLinuxAgent', status: 'NotReady', code: 1009, message: 'Non-zero exit code: 51' },
      ],
      at: { time: '2026-11-19T22:02:47.000Z', zone: 'utc' },
    });
    const old = await parse('var/lib/waagent/waagent_status.12.json', JSON.stringify({ ...blob, _metadataNotSentToCRP: { agentName: 'WALinuxAgent-2.7.0.6', daemonVersion: '2.2.45' } }));
    expect(only(old, 'agent-status')[0].agentVersion).toBe('2.9.1.1');
    const odd = await parse('var/lib/waagent/waagent_status.json', '{"foo": 1}');
    expect(odd.facts).toEqual([]);
    expect(odd.warnings[0].message).toMatch(/unrecognised/);
  });

  it('WALinuxAgent-<ver>/error.json → agent-error-record', async () => {
    const p = await parse('var/lib/waagent/WALinuxAgent-2.9.0.4/error.json', '{"last_failure": 1763589600.5, "failure_count": 3, "was_fatal": true, "reason": "Agent WALinuxAgent-2.9.0.4 launched with command ... failed with exception: [Errno 28] No space left on device"}');
    expect(only(p, 'agent-error-record')[0]).toMatchObject({ agentVersion: '2.9.0.4', failureCount: 3, wasFatal: true, lastFailure: '2025-11-19T22:00:00.500Z', reason: expect.stringContaining('No space left') });
  });
});

describe('corpus status fixtures never crash the agent-status parser', () => {
  it('reads invalid JSON fixtures as warnings', async () => {
    const p = await parse('var/lib/waagent/waagent_status.json', read(join(CORPUS, 'waagent', 'tests', 'data', 'ext', 'sample-status-invalid-json-format.json')));
    expect(p.facts).toEqual([]);
    expect(p.warnings.length).toBe(1);
  });
});

describe('Azure Disk Encryption handler', () => {
  it('its HandlerState also yields an ade-extension marker', async () => {
    const p = await parse('var/lib/waagent/Microsoft.Azure.Security.AzureDiskEncryptionForLinux-1.1.0.56/config/HandlerState', 'Enabled');
    expect(only(p, 'marker')[0]).toMatchObject({ marker: 'ade-extension', detail: 'Microsoft.Azure.Security.AzureDiskEncryptionForLinux 1.1.0.56 is installed (Enabled)', at: { line: 1 } });
  });
});
