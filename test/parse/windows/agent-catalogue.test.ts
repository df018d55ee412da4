import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AGENT_CATALOGUE } from '../../../src/main/parse/windows/agent-catalogue';
import { parseWaAppAgent } from '../../../src/main/parse/windows/waappagent';
import { of, run } from './run';

describe('Windows agent catalogue: every sample, through the whole parser', () => {
  for (const e of AGENT_CATALOGUE) {
    for (const s of e.samples) {
      it(`${e.id}: ${s.line.slice(0, 70)}`, async () => {
        expect(s.source).toMatch(/^https:\/\//);
        const p = await run(parseWaAppAgent, 'WindowsAzure/Logs/WaAppAgent.log', s.line);
        expect(p.facts).toEqual(expect.arrayContaining([expect.objectContaining(s.expect)]));
        const f = p.facts.find((x) => Object.entries(s.expect).every(([k, v]) => (x as unknown as Record<string, unknown>)[k] === v))!;
        expect(f.at.line).toBe(1);
        expect(f.at.file).toBe('WindowsAzure/Logs/WaAppAgent.log');
      });
    }
  }
});

describe("the provider's verdict on a handler (VMExtensionHandlerNonTransientError)", () => {
  it("marks the agent's words it quotes as the platform's verdict; the same words alone are not one", async () => {
    // chef-partners/azure-chef-extension #114 (test/cases/win-chef-114-portal-install-failed-1007), verbatim
    const quoted = readFileSync('test/cases/win-chef-114-portal-install-failed-1007/files/deployment-error.txt', 'utf8');
    const p = await run(parseWaAppAgent, 'deployment-error.txt', quoted);
    expect(of(p, 'extension-operation')).toEqual([expect.objectContaining({ handler: 'Chef.Bootstrap.WindowsAzure.ChefClient', outcome: 'failed', verdict: true })]);
    // chef-partners/azure-chef-extension #9: the portal's status message, the agent's words without the verdict
    const alone = 'Enable failed for plugin (name: Chef.Bootstrap.WindowsAzure.ChefClient, version 1207.12.3.0) with exception Command C:\\Packages\\Plugins\\Chef.Bootstrap.WindowsAzure.ChefClient\\1207.12.3.0\\enable.cmd of Chef.Bootstrap.WindowsAzure.ChefClient has not exited on time! Killing it...';
    const q = await run(parseWaAppAgent, 'status.txt', alone);
    expect(of(q, 'extension-operation')[0]).not.toHaveProperty('verdict');
  });
});

describe('WaAppAgent.log records', () => {
  it('a multi-line exception is one record and matches on its continuation (HostGAPlugin blocked)', async () => {
    // Learn, windows-azure-guest-agent ("Can't connect to WireServer IP"), verbatim
    const log = [
      '[00000011] [12/11/2018 06:27:55.66] [WARN]  (Ignoring) Exception while fetching supported versions from HostGAPlugin: System.Net.WebException: Unable to connect to the remote server ',
      '---> System.Net.Sockets.SocketException: An attempt was made to access a socket in a way forbidden by its access permissions 168.63.129.16:32526',
      'at System.Net.Sockets.Socket.DoConnect(EndPoint endPointSnapshot, SocketAddress socketAddress)',
    ].join('\r\n');
    const p = await run(parseWaAppAgent, 'WindowsAzure/Logs/WaAppAgent.log', log);
    expect(p.records.map((r) => [r.line, r.lineCount, r.zone, r.level])).toEqual([[1, 3, 'local', 'warning']]);
    const c = of(p, 'connectivity');
    expect(c).toHaveLength(1);
    expect(c[0]).toMatchObject({ endpoint: 'hostgaplugin', ok: false, at: { line: 1, time: '2018-12-11T06:27:55.660Z' } });
    expect(c[0].detail).toMatch(/^unreachable \(socket access forbidden/);
  });

  it('an answered HTTP error is not called a network failure', async () => {
    const p = await run(parseWaAppAgent, 'x/WaAppAgent.log', '[ERROR] GetVersions() failed with exception: Microsoft.ServiceModel.Web.WebProtocolException: Server Error: Service Unavailable (ServiceUnavailable) ---> \nSystem.Net.WebException: The remote server returned an error: (503) Server Unavailable.');
    expect(of(p, 'connectivity')[0].detail).toMatch(/^answered HTTP 503/);
  });

  it('the version is not claimed as a Linux goal-state agent; [HEART] lines stay Windows facts (their cadence is not documented)', async () => {
    const p = await run(
      parseWaAppAgent,
      'x/WaAppAgent.log',
      ['[00000006] [11/14/2019 05:52:13.44] [INFO]  WindowsAzureGuestAgent starting. Version 2.7.41491.949', '[00000020] [11/14/2019 06:02:33.43] [HEART] WindowsAzureGuestAgent Heartbeat.'].join('\n'),
    );
    expect(of(p, 'agent-version')[0]).toMatchObject({ role: 'unknown', version: '2.7.41491.949' });
    expect(of(p, 'agent-heartbeat')).toEqual([]);
    expect(of(p, 'windows-agent').filter((f) => f.event === 'heartbeat').map((f) => f.at.line)).toEqual([2]);
  });

  it('a certificate record with several names for one failure yields one certificate fact', async () => {
    const p = await run(
      parseWaAppAgent,
      'x/WaAppAgent.log',
      '[00000003] [10/21/2020 02:37:45.98] [ERROR] Installing certificates in the LocalMachine store failed with exception: Microsoft.WindowsAzure.GuestAgent.CertificateManager.CryptographyNative+PInvokeException: PInvoke PFXImportCertStore failed and null handle is returned. Error Code: 86.',
    );
    expect(of(p, 'certificate-problem')).toHaveLength(1);
  });

  it('lines that are not the agent format give records but no facts; a level word alone is not a head', async () => {
    const p = await run(parseWaAppAgent, 'x/WaAppAgent.log', 'hello [ERROR] world\n[notalevel] x\n');
    expect(p.facts).toEqual([]);
    expect(p.records).toHaveLength(1);
  });
});
