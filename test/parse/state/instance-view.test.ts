import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recognise } from '../../../src/shared/formats';
import { guessVmPath } from '../../../src/main/ingest/loose';
import { pastedFiles } from '../../../src/main/ingest/paste';
import { only, parse, read } from './run-parser';

/** Real instance views (test/fixtures/platform/SOURCE.md). */
const DIR = join(__dirname, '..', '..', 'fixtures', 'platform');
const LEARN = read(join(DIR, 'learn-features-linux-extensions.json'));
const NOT_READY = read(join(DIR, 'waagent-652-vmagent-not-ready.json'));
const DEALLOCATED = read(join(DIR, 'learn-vmss-manage-deallocated.json'));
const STOPPING = read(join(DIR, 'learn-vm-states-stopping-updating.json'));
const GET_AZVM = read(join(DIR, 'azure-powershell-get-azvm-status.txt'));
const EXT_SHOW = read(join(DIR, 'azure-cli-21393-extension-show-expand.txt'));
const VMSS_STATUS = read(join(DIR, 'learn-vmss-instance-get-azvm-status.txt'));
const SCALE_SET = read(join(DIR, 'rest-api-specs-3593-vmss-instance-view.json'));

describe("an extension as older Azure PowerShell printed it under Get-AzVM -Status ('Extensions:  {')", () => {
  const CASE = 'test/cases/win-neg-learn-extension-troubleshoot-cse-provisioning-succeeded/files/Get-AzVM-Status.txt';
  it("reads its substatuses as the extension's status (Learn, extensions/troubleshoot, 'Viewing extension status')", async () => {
    const p = await parse('instance-view.json', read(CASE));
    expect(p.warnings).toEqual([]);
    expect(only(p, 'extension-status')).toEqual([expect.objectContaining({ handler: 'Microsoft.Compute.CustomScriptExtension', status: 'success' })]);
  });
  it('a failed substatus is the status (the sample with its StdErr substatus as Run Command writes a failure: constructed)', async () => {
    const text = read(CASE).toString('utf8').replace('"ComponentStatus/StdErr/succeeded"', '"ComponentStatus/StdErr/failed"').replace(/"Level": "Info",\n(\s*)"Message": ""/, '"Level": "Error",\n$1"Message": "boom"');
    const p = await parse('instance-view.json', text);
    expect(only(p, 'extension-status')).toEqual([expect.objectContaining({ handler: 'Microsoft.Compute.CustomScriptExtension', status: 'error', message: 'boom' })]);
  });
});

describe('instance view (az vm get-instance-view)', () => {
  it("reads a failed extension's status as its status file gives it (Learn, features-linux)", async () => {
    const p = await parse('instance-view.json', LEARN);
    expect(p.warnings).toEqual([]);
    expect(only(p, 'extension-status')).toEqual([
      expect.objectContaining({
        handler: 'Microsoft.Azure.Extensions.customScript',
        version: '2.0.6',
        operation: 'Enable',
        status: 'error',
        code: 0,
        message: expect.stringContaining('command terminated with exit status=127'),
        at: expect.objectContaining({ file: 'instance-view.json', line: 8, text: expect.stringContaining('"message": "Enable failed') }),
      }),
    ]);
    // the same as one element of the list `--query instanceView.extensions` prints
    const list = await parse('instance-view.json', `[\n${LEARN.toString('utf8')}]`);
    expect(only(list, 'extension-status')[0]).toMatchObject({ handler: 'Microsoft.Azure.Extensions.customScript', status: 'error', at: { line: 9 } });
  });

  it('reads the agent Not Ready, with no version, as the agent status (WALinuxAgent #652)', async () => {
    const p = await parse('instance-view.json', NOT_READY);
    expect(p.warnings).toEqual([]);
    const [s] = only(p, 'agent-status');
    expect(s).toMatchObject({ status: 'NotReady', message: 'VM status blob not found.', handlers: [], timeMs: Date.parse('2017-04-05T22:59:56Z'), at: { line: 9, zone: 'utc' } });
    expect(s.agentVersion).toBeUndefined();
  });

  it("reads the whole az output, the REST body and PowerShell's capitalised keys the same way", async () => {
    // constructed from the two real samples above: their objects placed where each tool puts the instance view
    const ext = JSON.parse(LEARN.toString('utf8')) as Record<string, unknown>;
    const agent = (JSON.parse(NOT_READY.toString('utf8')) as { vmAgent: Record<string, unknown> }).vmAgent;
    const view = { computerName: 'vm1', osName: 'ubuntu', vmAgent: agent, extensions: [ext], statuses: [{ code: 'PowerState/running', displayStatus: 'VM running' }] };
    const kinds = (p: Awaited<ReturnType<typeof parse>>) => p.facts.map((f) => f.kind).sort();
    const rest = await parse('instance-view.json', JSON.stringify(view, null, 2));
    expect(kinds(rest)).toEqual(['agent-status', 'extension-status', 'vm-platform-state']);
    expect(only(rest, 'agent-status')[0]).toMatchObject({ computerName: 'vm1', osName: 'ubuntu', status: 'NotReady' });
    const az = await parse('instance-view.json', JSON.stringify({ id: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1', instanceView: view, name: 'vm1' }, null, 2));
    expect(kinds(az)).toEqual(['agent-status', 'extension-status', 'vm-platform-state']);
    const capital = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(capital) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k[0].toUpperCase() + k.slice(1), k === 'level' ? ['Info', 'Warning', 'Error'].indexOf(x as string) : capital(x)])) : v;
    const ps = await parse('instance-view.json', JSON.stringify(capital(view), null, 2));
    expect(only(ps, 'extension-status')[0]).toMatchObject({ status: 'error', handler: 'Microsoft.Azure.Extensions.customScript' });
    expect(only(ps, 'agent-status')[0]).toMatchObject({ status: 'NotReady' });
  });

  it("takes the VM's failed provisioning status as the provider's verdict on the extension it names, once", async () => {
    // constructed: the VM status the provider sets with the verdict of the real deployment error of
    // custom-script-extension-linux #107 (test/cases/cse-107-…), its extension's own status not in the view
    const verdict = 'VM has reported a failure when processing extension \'customScript\'. Error message: "Enable failed: failed to execute command: command terminated with exit status=1".';
    const doc = { statuses: [{ code: 'ProvisioningState/failed/VMExtensionProvisioningError', level: 'Error', displayStatus: 'Provisioning failed', message: verdict }], extensions: [] };
    const p = await parse('instance-view.json', JSON.stringify(doc, null, 2));
    expect(only(p, 'extension-operation')).toEqual([expect.objectContaining({ handler: 'customScript', op: 'enable', outcome: 'failed', exitCode: 1 })]);
    // with the extension's own failed status, that is the evidence (named by its type), not the verdict again
    const both = await parse('instance-view.json', JSON.stringify({ ...doc, extensions: [JSON.parse(LEARN.toString('utf8'))] }, null, 2));
    expect(only(both, 'extension-operation')).toEqual([]);
    expect(only(both, 'extension-status')).toHaveLength(1);
  });

  it('is recognised by its content, loose and pasted, and keeps its name', () => {
    expect(recognise(LEARN)?.kind).toBe('instance-view-json');
    expect(recognise(NOT_READY)?.kind).toBe('instance-view-json');
    expect(guessVmPath('instanceview.json', NOT_READY)).toMatchObject({ vmPath: 'instanceview.json', kind: 'instance-view-json' });
    expect(guessVmPath('vm1-status.txt', LEARN)).toMatchObject({ kind: 'instance-view-json' });
    // `az vm show` has `"instanceView": null`: not an instance view
    expect(recognise('{\n  "id": "/subscriptions/x",\n  "instanceView": null,\n  "statuses": null\n}')?.kind).not.toBe('instance-view-json');
    // a pasted view whose VM status quotes the provider's verdict stays one document, not a log line
    const verdict = { statuses: [{ code: 'ProvisioningState/failed/VMExtensionProvisioningError', message: "VM has reported a failure when processing extension 'customScript'. Error message: \"Enable failed\"." }], vmAgent: { vmAgentVersion: '2.2.45', statuses: [] } };
    const files = pastedFiles(JSON.stringify(verdict, null, 2), 0);
    expect(files.map((f) => f.kind)).toEqual(['instance-view-json']);
  });

  it("reads the agent's statuses printed on their own: az --query under the user's key, PowerShell's Format-List", async () => {
    // the Japanese support blog's agent check, verbatim (test/cases/neg-jpaztech-instance-view-agent-ready/case.json:
    // https://github.com/jpaztech/blog/blob/master/articles/vm/vmagent-error.md), comment and command lines included
    const CASE = join(__dirname, '..', '..', 'cases', 'neg-jpaztech-instance-view-agent-ready', 'files');
    const az = read(join(CASE, 'az-vm-get-instance-view.txt'));
    const ps = read(join(CASE, 'get-azvm-status.txt'));
    for (const [name, doc] of [['az-vm-get-instance-view.txt', az], ['get-azvm-status.txt', ps]] as const) {
      expect(recognise(doc)?.kind).toBe('instance-view-json');
      expect(guessVmPath(name, doc)).toMatchObject({ kind: 'instance-view-json', givenName: name });
      expect(pastedFiles(doc.toString('utf8'), 0).map((f) => f.kind)).toEqual(['instance-view-json']);
    }
    const fromAz = await parse('instance-view.json', az);
    expect(fromAz.warnings).toEqual([]);
    expect(fromAz.facts).toEqual([
      expect.objectContaining({ kind: 'agent-status', status: 'Ready', message: 'GuestAgent is running and processing the extensions.', handlers: [], timeMs: Date.parse('2022-11-28T03:56:17.923Z'), at: expect.objectContaining({ line: 9, zone: 'utc' }) }),
    ]);
    const fromPs = await parse('instance-view.json', ps);
    expect(fromPs.warnings).toEqual([]);
    // Format-List's `11/28/2022 3:53:17 AM` is in the console's culture and zone: no time is taken from it
    expect(fromPs.facts).toEqual([
      expect.objectContaining({ kind: 'agent-status', status: 'Ready', message: 'GuestAgent is running and processing the extensions.', timeMs: NaN, at: expect.objectContaining({ line: 10, text: expect.stringMatching(/^Message +: GuestAgent is running/) }) }),
    ]);
    // constructed: #652's Not Ready statuses in the same shapes (the list alone, one status, a prompt above them)
    const statuses = (JSON.parse(NOT_READY.toString('utf8')) as { vmAgent: { statuses: unknown[] } }).vmAgent.statuses;
    const docs = [
      `[user@vm ~]$ az vm get-instance-view -g rg -n vm1 --query '{St:instanceView.vmAgent.statuses}'\n${JSON.stringify({ St: statuses }, null, 2)}\n[user@vm ~]$ `,
      JSON.stringify(statuses, null, 2),
      JSON.stringify(statuses[0], null, 2),
      'Code          : ProvisioningState/Unavailable\nLevel         : Warning\nDisplayStatus : Not Ready\nMessage       : VM status blob not found.\nTime          : 4/5/2017 10:59:56 PM\n',
    ];
    for (const doc of docs) {
      expect(recognise(doc)?.kind).toBe('instance-view-json');
      expect(only(await parse('instance-view.json', doc), 'agent-status')).toEqual([expect.objectContaining({ status: 'NotReady', message: 'VM status blob not found.' })]);
    }
    // an extension's or the VM's own provisioning status is not the agent's
    const vmStatus = '{\n  "S": [\n    { "code": "ProvisioningState/succeeded", "displayStatus": "Provisioning succeeded" }\n  ]\n}';
    expect(recognise(vmStatus)?.kind).not.toBe('instance-view-json');
    expect(only(await parse('instance-view.json', vmStatus), 'agent-status')).toEqual([]);
  });

  it("reads Get-AzVM -Status as PowerShell prints it: nested Format-List, wrapped and many-line values (Get-AzVM.md)", async () => {
    // verbatim, the prompt and command above it included (test/fixtures/platform/SOURCE.md)
    for (const name of ['get-azvm-status.txt', 'vm1.txt']) expect(guessVmPath(name, GET_AZVM)).toMatchObject({ kind: 'instance-view-json', givenName: name });
    expect(pastedFiles(GET_AZVM.toString('utf8'), 0).map((f) => f.kind)).toEqual(['instance-view-json']);
    const p = await parse('instance-view.json', GET_AZVM);
    expect(p.warnings).toEqual([]);
    // its Time is in the console's culture and zone: no time is taken
    expect(only(p, 'agent-status')).toEqual([
      expect.objectContaining({
        agentVersion: '2.2.37',
        status: 'Ready',
        message: 'Guest Agent is running',
        timeMs: NaN,
        handlers: [
          { name: 'Microsoft.OSTCExtensions.LinuxDiagnostic', version: '2.3.9029', status: 'Ready', message: 'Plugin enabled' },
          { name: 'Microsoft.OSTCExtensions.CustomScriptForLinux', version: '1.5.4', status: 'Ready', message: 'Plugin enabled' },
        ],
        at: expect.objectContaining({ line: 79, zone: 'none' }),
      }),
    ]);
    const [diag, wait] = only(p, 'extension-status');
    // the console wrapped the message at its width: the line under it is the message's, not a key
    expect(diag).toMatchObject({ handler: 'Microsoft.OSTCExtensions.LinuxDiagnostic', version: '2.3.9029', status: 'success', at: { line: 20 } });
    expect(diag.message).toMatch(/but enable\s+can't proceed, in which case it's still considered a success as it's an external error\.$/);
    // a message of many lines (blank lines and `ping: …` in it) ends at the next key in the keys' column: the agent
    // and the VM's statuses after it are read (the evidence keeps the message's first 300 characters)
    expect(wait).toMatchObject({ handler: 'Microsoft.OSTCExtensions.CustomScriptForLinux', version: '1.5.4', status: 'success', at: { line: 30 } });
    expect(wait.message).toMatch(/^Command is finished\.\n---stdout---\nwaiting for leader\.mesos\n/);
    expect(only(p, 'vm-platform-state').map((f) => [f.aspect, f.state, f.at.line, f.timeMs])).toEqual([
      ['provisioning', 'succeeded', 82, NaN],
      ['power', 'running', 87, NaN],
    ]);
  });

  it("reads a view printed in part: its Extensions[0] block alone (Learn, features-windows: Get-AzureRmVM -Status)", async () => {
    const text = read(join(__dirname, '..', '..', 'cases', 'win-learn-features-windows-instance-view-cse-failed', 'files', 'Get-AzureRmVM-Status.txt'));
    expect(recognise(text)?.kind).toBe('instance-view-json');
    const p = await parse('instance-view.json', text);
    expect(p.warnings).toEqual([]);
    expect(only(p, 'extension-status')).toEqual([
      expect.objectContaining({ handler: 'Microsoft.Compute.CustomScriptExtension', version: '1.9', status: 'error', code: -196608, message: expect.stringMatching(/^The argument 'cseTest%20Scriptparam1\.ps1' to the -File parameter does not exist\./), at: expect.objectContaining({ line: 14 }) }),
    ]);
  });

  it('reads Format-List values the console wrapped under their column (constructed)', async () => {
    // constructed: the Japanese blog's Format-List (test/cases/neg-jpaztech-instance-view-agent-ready) with #652's Not
    // Ready message lengthened and wrapped as Format-List wraps a long value, under the value's column
    const doc = [
      'PS > $vm.VMAgent.Statuses[0]',
      '',
      'Code          : ProvisioningState/Unavailable',
      'Level         : Warning',
      'DisplayStatus : Not Ready',
      'Message       : VM status blob not found. The agent has not reported : its status for',
      '                a long time.',
      'Time          : 4/5/2017 10:59:56 PM',
    ].join('\n');
    expect(recognise(doc)?.kind).toBe('instance-view-json');
    const [s] = only(await parse('instance-view.json', doc), 'agent-status');
    expect(s).toMatchObject({ status: 'NotReady', message: 'VM status blob not found. The agent has not reported : its status for\na long time.', at: { line: 6 } });
  });

  it('reads a whole view with the comment, command and prompt lines pasted around it (constructed)', async () => {
    // constructed: #652's agent and the Learn extension in a full `az vm get-instance-view` shape, below a command
    // line and above a prompt, as a terminal is copied; the VM status quotes the provider's verdict (a log-line shape)
    const ext = JSON.parse(LEARN.toString('utf8')) as Record<string, unknown>;
    const agent = (JSON.parse(NOT_READY.toString('utf8')) as { vmAgent: unknown }).vmAgent;
    const verdict = "VM has reported a failure when processing extension 'customScript'. Error message: \"Enable failed\".";
    const view = { computerName: 'vm1', vmAgent: agent, extensions: [ext], statuses: [{ code: 'ProvisioningState/failed/VMExtensionProvisioningError', message: verdict }] };
    const json = JSON.stringify({ id: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1', instanceView: view, name: 'vm1' }, null, 2);
    for (const doc of [`# the VM's instance view\n[user@vm1 ~]$ az vm get-instance-view -g rg -n vm1\n${json}\n[user@vm1 ~]$ `, `PS /home/user> az vm get-instance-view -g rg -n vm1\n${json}`]) {
      expect(recognise(doc)?.kind).toBe('instance-view-json');
      expect(pastedFiles(doc, 0).map((f) => f.kind)).toEqual(['instance-view-json']);
      const p = await parse('instance-view.json', doc);
      expect(p.warnings).toEqual([]);
      expect(p.facts.map((f) => f.kind).sort()).toEqual(['agent-status', 'extension-status', 'vm-platform-state']);
      expect(only(p, 'agent-status')[0]).toMatchObject({ status: 'NotReady', computerName: 'vm1', at: { line: doc.split('\n').findIndex((l) => l.includes('"VM status blob not found."')) + 1 } });
    }
  });

  it('reads hostile agent-status pastes in bounded time', async () => {
    // (Format-List pads every key to one column; a line whose colon is elsewhere continues the value above)
    const line = 'Code          : ProvisioningState/x\nDisplayStatus : Ready\n';
    const many = await parse('instance-view.json', line.repeat(100_000));
    expect(only(many, 'agent-status')).toHaveLength(1);
    const long = await parse('instance-view.json', `Code          : ProvisioningState/x\nDisplayStatus : Ready\nMessage       : ${'a'.repeat(1_000_000)}\n${' '.repeat(100_000)}:`);
    expect(only(long, 'agent-status')[0]?.message?.length).toBeLessThanOrEqual(300);
    const preamble = await parse('instance-view.json', `${'# x\n'.repeat(100_000)}{"A": []}`);
    expect(preamble.facts).toEqual([]);
    expect(recognise(`${'Code'.repeat(5000)} ${' '.repeat(5000)}: ProvisioningState/`)).toBeUndefined();
  });

  it('says what it took the file for when it cannot use it: invalid, huge, or no instance view in it', async () => {
    const cut = await parse('instance-view.json', LEARN.subarray(0, 200));
    expect(cut.facts).toEqual([]);
    expect(cut.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/^invalid JSON/), expect.stringMatching(/^read as an instance view from Azure \(az vm get-instance-view, Get-AzVM -Status, or part of one\), but nothing in it could be used/)]);
    const huge = await parse('instance-view.json', Buffer.alloc(9 * 1024 * 1024, 0x20));
    expect(huge.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/^not read: file is 9437184 bytes/), expect.stringMatching(/^read as an instance view from Azure/)]);
    const deep = await parse('instance-view.json', '['.repeat(200_000));
    expect(deep.facts).toEqual([]);
    expect(deep.warnings.at(-1)?.message).toMatch(/^read as an instance view from Azure/);
    const other = await parse('instance-view.json', '{"vmAgent": 5}');
    expect(other.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/^no instance view in it/), expect.stringMatching(/^read as an instance view from Azure/)]);
  });

  it("reads az vm extension show --expand instanceView as that extension's view, not the VM's (azure-cli #21393)", async () => {
    expect(recognise(EXT_SHOW)?.kind).toBe('instance-view-json');
    expect(guessVmPath('customScript.txt', EXT_SHOW)).toMatchObject({ kind: 'instance-view-json' });
    const p = await parse('instance-view.json', EXT_SHOW);
    expect(p.warnings).toEqual([]);
    // its `ProvisioningState/succeeded` is the extension's: no VM state, no agent
    expect(p.facts.map((f) => f.kind)).toEqual(['extension-status']);
    expect(only(p, 'extension-status')[0]).toMatchObject({
      handler: 'Microsoft.Azure.Extensions.customScript',
      version: '2.1.6',
      status: 'success',
      code: 0,
      message: 'Enable succeeded: \n[stdout]\nhello world\n\n[stderr]',
      at: { line: 16, text: expect.stringContaining('"message": "Enable succeeded') },
    });
  });

  it("reads a scale set instance's Get-AzVM -Status as a VM's view (Learn, tutorial-modify-scale-sets-powershell)", async () => {
    expect(recognise(VMSS_STATUS)?.kind).toBe('instance-view-json');
    const p = await parse('instance-view.json', VMSS_STATUS);
    expect(p.warnings).toEqual([]);
    expect(only(p, 'agent-status')).toEqual([
      expect.objectContaining({
        agentVersion: '2.7.41491.1071',
        status: 'Ready',
        message: 'GuestAgent is running and processing the extensions.',
        osName: 'Windows Server 2016 Datacenter',
        handlers: [{ name: 'Microsoft.EnterpriseCloud.Monitoring.MicrosoftMonitoringAgent', version: '1.0.18067.0', status: 'Ready', message: 'This virtual machine has successfully connected to Azure Log Analytics.' }],
        at: expect.objectContaining({ line: 43 }),
      }),
    ]);
    expect(only(p, 'extension-status')).toEqual([
      expect.objectContaining({ handler: 'Microsoft.EnterpriseCloud.Monitoring.MicrosoftMonitoringAgent', version: '1.0.18067.0', status: 'success', at: expect.objectContaining({ line: 28 }) }),
    ]);
    // the disks' statuses are not the VM's; Format-List's `Time` is not taken
    expect(only(p, 'vm-platform-state').map((f) => [f.aspect, f.state, f.at.line, f.timeMs])).toEqual([
      ['provisioning', 'succeeded', 46, NaN],
      ['power', 'running', 51, NaN],
    ]);
  });

  it("takes nothing from a scale set's own view and says why (Azure/azure-rest-api-specs #3593)", async () => {
    expect(recognise(SCALE_SET)?.kind).toBe('instance-view-json');
    const p = await parse('instance-view.json', SCALE_SET);
    // its `ProvisioningState/succeeded` is the scale set's, its counts no one VM's
    expect(p.facts).toEqual([]);
    expect(p.warnings.map((w) => w.message)).toEqual([
      "a scale set's instance view: it counts its VMs' states and says no one VM's, so none of it is read; take the VM's own with az vmss get-instance-view --instance-id <id>",
      expect.stringMatching(/^read as an instance view from Azure/),
    ]);
    // in the ARM form too (`properties.instanceView`)
    const arm = await parse('instance-view.json', JSON.stringify({ name: 'vmss1', properties: { instanceView: JSON.parse(SCALE_SET.toString('utf8')) } }, null, 2));
    expect(arm.facts).toEqual([]);
  });

  it("reads the agent's part of a view alone with its version and handlers (constructed: az --query instanceView.vmAgent)", async () => {
    // the #652 agent object as `az vm get-instance-view --query instanceView.vmAgent` prints it (the object alone)
    const agent = (JSON.parse(NOT_READY.toString('utf8')) as { vmAgent: Record<string, unknown> }).vmAgent;
    const alone = await parse('instance-view.json', JSON.stringify(agent, null, 2));
    expect(alone.warnings).toEqual([]);
    expect(only(alone, 'agent-status')).toEqual([expect.objectContaining({ status: 'NotReady', message: 'VM status blob not found.', handlers: [] })]);
    // and with a version and a handler: the Learn scale set instance's agent, as ConvertTo-Json writes its keys
    const learn = {
      VmAgentVersion: '2.7.41491.1071',
      ExtensionHandlers: [{ Type: 'Microsoft.EnterpriseCloud.Monitoring.MicrosoftMonitoringAgent', TypeHandlerVersion: '1.0.18067.0', Status: { Code: 'ProvisioningState/succeeded', Level: 0, DisplayStatus: 'Ready' } }],
      Statuses: [{ Code: 'ProvisioningState/succeeded', Level: 0, DisplayStatus: 'Ready', Message: 'GuestAgent is running and processing the extensions.' }],
    };
    const ps = await parse('instance-view.json', JSON.stringify(learn, null, 2));
    expect(ps.facts.map((f) => f.kind)).toEqual(['agent-status']);
    expect(only(ps, 'agent-status')[0]).toMatchObject({ agentVersion: '2.7.41491.1071', status: 'Ready', handlers: [{ name: 'Microsoft.EnterpriseCloud.Monitoring.MicrosoftMonitoringAgent', status: 'Ready' }] });
  });

  it("reads an extension resource's failed view as the extension's failure, in the az and REST forms (constructed)", async () => {
    // constructed from two real samples: Learn's failed Custom Script view (features-linux) where #21393's
    // `az vm extension show --expand instanceView` output holds the extension's view
    const resource = JSON.parse(EXT_SHOW.toString('utf8').slice(EXT_SHOW.indexOf('{'))) as Record<string, unknown>;
    const failed = JSON.parse(LEARN.toString('utf8')) as Record<string, unknown>;
    const az = await parse('instance-view.json', JSON.stringify({ ...resource, instanceView: failed }, null, 2));
    expect(az.facts.map((f) => f.kind)).toEqual(['extension-status']);
    expect(only(az, 'extension-status')[0]).toMatchObject({ handler: 'Microsoft.Azure.Extensions.customScript', version: '2.0.6', operation: 'Enable', status: 'error' });
    // the REST body (`properties.instanceView`), its view without type or version: the resource's publisher, type and
    // version name it
    const { type: _t, typeHandlerVersion: _v, ...bare } = failed;
    const rest = {
      name: 'customScript',
      type: 'Microsoft.Compute/virtualMachines/extensions',
      properties: { publisher: 'Microsoft.Azure.Extensions', type: 'CustomScript', typeHandlerVersion: '2.0', instanceView: bare },
    };
    const r = await parse('instance-view.json', JSON.stringify(rest, null, 2));
    expect(r.facts.map((f) => f.kind)).toEqual(['extension-status']);
    expect(only(r, 'extension-status')[0]).toMatchObject({ handler: 'Microsoft.Azure.Extensions.CustomScript', version: '2.0', status: 'error' });
    // an extension the platform has no status of yet (`"statuses": null`) is no view of anything
    const none = await parse('instance-view.json', JSON.stringify({ ...resource, instanceView: { name: 'customScript', statuses: null } }, null, 2));
    expect(none.facts).toEqual([]);
    expect(none.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/^no instance view in it/), expect.stringMatching(/^read as /)]);
  });

  it("reads the VM's own provisioning and power states, each on its line (Learn: a VM stopping, a VM deallocated)", async () => {
    // each published `statuses` block beside the #652 agent, where an instance view holds them
    const agent = (JSON.parse(NOT_READY.toString('utf8')) as { vmAgent: unknown }).vmAgent;
    const withAgent = (doc: Buffer) => JSON.stringify({ vmAgent: agent, ...(JSON.parse(doc.toString('utf8')) as object) }, null, 2);
    const stopping = await parse('instance-view.json', withAgent(STOPPING));
    expect(stopping.warnings).toEqual([]);
    expect(only(stopping, 'vm-platform-state')).toEqual([
      expect.objectContaining({ aspect: 'provisioning', state: 'updating', display: 'Updating', timeMs: NaN, at: expect.objectContaining({ text: expect.stringContaining('"ProvisioningState/updating"') }) }),
      expect.objectContaining({ aspect: 'power', state: 'stopping', display: 'VM stopping', at: expect.objectContaining({ text: expect.stringContaining('"PowerState/stopping"') }) }),
    ]);
    const deallocated = await parse('instance-view.json', withAgent(DEALLOCATED));
    expect(only(deallocated, 'vm-platform-state').map((f) => [f.aspect, f.state, f.timeMs])).toEqual([
      ['provisioning', 'succeeded', Date.parse('2016-03-15T01:25:17.879Z')],
      ['power', 'deallocated', NaN],
    ]);
    expect(only(deallocated, 'agent-status')).toHaveLength(1);
  });
});
