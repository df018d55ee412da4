import { describe, expect, it } from 'vitest';
import { recognise } from '../../src/shared/formats';
import { parseWaAppAgent } from '../../src/main/parse/windows/waappagent';
import { pastedFiles } from '../../src/main/ingest/paste';
import { parse } from './waagent/helpers';
import { of, run } from './windows/run';

/**
 * The compute provider's verdict on an extension in a pasted deployment error (`VM has reported a failure when
 * processing extension 'X'. Error message: …`, src/main/parse/deployment-error.ts), in the forms tickets bring.
 * Every text is quoted verbatim from its source.
 */

// https://github.com/Azure/azure-linux-extensions/issues/113 (one line of the deployment's JSON, the inner quote escaped)
const ISSUE_113 = ` "message": "VM has reported a failure when processing extension 'prepNodes'. Error message: \\"Command is running...\\n---stdout---\\nLoaded plugins: langpacks, product-id, rhui-lb, search-disabled-repos\\n\\n---errout---\\n\\n\\"."\n`;

// https://github.com/Azure/custom-script-extension-linux/issues/107 (the operation's JSON, indented: the verdict on line 7)
const CSE_107 = `{
  "startTime": "2017-10-10T21:00:44.2907597+00:00",
  "endTime": "2017-10-10T21:00:44.4626192+00:00",
  "status": "Failed",
  "error": {
    "code": "VMExtensionProvisioningError",
    "message": "VM has reported a failure when processing extension 'customScript'. Error message: \\"Enable failed: failed to execute command: command terminated with exit status=1\\"."
  },
  "name": "c87e56e6-7d73-4863-8ae1-daa0cb9073f2"
}
`;

// 'Troubleshoot the VMExtensionError_K8SAPIServerConnFail error code' (AKS troubleshooting, MicrosoftDocs/SupportArticles-docs):
// the 2020+ form naming the publisher and type, the inner quote in single quotes, quoted in the article's markdown
const AKS_51 =
  "> &ensp;**Message**:  VM has reported a failure when processing extension 'vmssCSE' (publisher 'Microsoft.Azure.Extensions' and type 'CustomScript'). Error message: 'Enable failed: failed to execute command: command terminated with exit status=51\\n[stdout]...\n";

// https://github.com/microsoft/MCW-Building-a-resilient-IaaS-architecture/issues/81 (a Windows extension)
const MCW_81 = `{
    "status": "Failed",
    "error": {
        "code": "VMExtensionProvisioningError",
        "message": "VM has reported a failure when processing extension 'CustomScriptExtension1'. Error message: \\"Finished executing command\\"\\r\\n\\r\\nMore information on troubleshooting is available at https://aka.ms/VMExtensionCSEWindowsTroubleshoot "
    }
}
`;

// 'Troubleshoot the VMExtensionProvisioningTimeout error code' (AKS troubleshooting, MicrosoftDocs/SupportArticles-docs):
// the provider's time-out verdict, the extension's name bare, inside the az CLI's error block
const AKS_TIMEOUT = `OrginalError:
Code="VMExtensionProvisioningTimeout"
Message="Provisioning of VM extension vmssCSE has timed out. Extension provisioning has taken too long to complete. The extension last reported \\"Plugin enabled\\".\\r\\n\\r\\nMore information on troubleshooting is available at <https://aka.ms/VMExtensionCSELinuxTroubleshoot>";
`;

describe('the compute provider’s verdict on an extension, pasted', () => {
  it('is read with waagent.log’s format for a Linux extension and the Windows agent’s for a Windows one', () => {
    expect(recognise(ISSUE_113)?.kind).toBe('waagent-log');
    expect(recognise(CSE_107)?.kind).toBe('waagent-log');
    expect(recognise(AKS_51)?.kind).toBe('waagent-log');
    expect(recognise(MCW_81)?.kind).toBe('windows-agent-log');
  });

  it('gives one failed operation of the named extension, on the verdict’s line', async () => {
    for (const [text, handler, op, line, exitCode] of [
      [ISSUE_113, 'prepNodes', 'processing', 1, undefined],
      [CSE_107, 'customScript', 'enable', 7, 1],
      [AKS_51, 'Microsoft.Azure.Extensions.CustomScript', 'enable', 1, 51],
    ] as const) {
      const ops = (await parse(text)).facts.filter((f) => f.kind === 'extension-operation');
      expect(ops, handler).toHaveLength(1);
      expect(ops[0]).toMatchObject({ handler, op, outcome: 'failed', ...(exitCode !== undefined ? { exitCode } : {}) });
      expect(ops[0].at.line).toBe(line);
      expect(ops[0].at.text).toContain('reported a failure when processing extension');
    }
  });

  it('reads the time-out verdict as a timed-out operation of the named extension', async () => {
    expect(recognise(AKS_TIMEOUT)?.kind).toBe('waagent-log');
    const ops = (await parse(AKS_TIMEOUT)).facts.filter((f) => f.kind === 'extension-operation');
    expect(ops).toHaveLength(1);
    expect(ops[0]).toMatchObject({ handler: 'vmssCSE', op: 'processing', outcome: 'timed-out' });
    expect(ops[0].at.line).toBe(3);
  });

  it('reads the Windows form in the Windows agent’s paragraphs', async () => {
    const ops = of(await run(parseWaAppAgent, 'deployment-error.txt', MCW_81), 'extension-operation');
    expect(ops).toHaveLength(1);
    expect(ops[0]).toMatchObject({ handler: 'CustomScriptExtension1', op: 'processing', outcome: 'failed' });
  });

  it('takes each extension the sequencing verdict names as failed: the dependency and its dependent', async () => {
    // constructed: the message WALinuxAgent's extension-sequencing test expects of a failing dependency
    // (tests_e2e/tests/ext_sequencing/ext_sequencing.py, its `'.*'` filled with the dependent of its own failing case,
    // ext_seq_test_cases.py add_failing_dependent_extension_with_one_dependency), in the az CLI's error block
    const multiple =
      "Code: VMExtensionProvisioningError\nMessage: Multiple VM extensions failed to be provisioned on the VM. Please see the VM extension instance view for other failures. The first extension failed due to the error: VM Extension 'AzureMonitorLinuxAgent' is marked as failed since it depends upon the VM Extension 'CustomScript' which has failed.\n";
    expect(recognise(multiple)?.kind).toBe('waagent-log');
    const ops = (await parse(multiple)).facts.filter((f) => f.kind === 'extension-operation');
    expect(ops.map((f) => [f.handler, f.op, f.outcome, f.at.line])).toEqual([
      ['CustomScript', 'processing', 'failed', 2],
      ['AzureMonitorLinuxAgent', 'processing', 'failed', 2],
    ]);
    // the Learn article's form names no extension: nothing to take
    // (https://learn.microsoft.com/troubleshoot/azure/virtual-machine-scale-sets/vm-extension-provisioning-errors)
    const none = 'Multiple VM extensions failed to be provisioned on the VM. Please see the VM extension instance view for other failures.\n';
    expect((await parse(none)).facts.filter((f) => f.kind === 'extension-operation')).toEqual([]);
  });

  it('joins a verdict a portal or a terminal wrapped, its phrase or its message cut (constructed from the real lines)', async () => {
    // the one-line verdicts of #107 (the provider's) and chef #334 (the agent's terminal failure), verbatim, wrapped
    // at widths a portal's box or a terminal has: a word wrap (breaks at a space, drops it) and a hard wrap (cuts
    // at the width, here through "exit status=1" and "Non-zero exit code: 1")
    const verdict107 = `Deployment failed. Correlation ID: c87e56e6-7d73-4863-8ae1-daa0cb9073f2. ${JSON.parse(CSE_107).error.message as string}`;
    const chef =
      "Deployment failed. Correlation ID: 7ca42ed1-b452-46e1-a23c-7fbd5c862e80. The handler for VM extension type 'Chef.Bootstrap.WindowsAzure.LinuxChefClient' has reported terminal failure for VM extension 'LinuxChefClient' with error message: '[ExtensionOperationError] Non-zero exit code: 1, /var/lib/waagent/Chef.Bootstrap.WindowsAzure.LinuxChefClient-1210.13.4.2/install.sh";
    const wordWrap = (s: string, width: number) => {
      const out: string[] = [];
      let rest = s;
      while (rest.length > width) {
        // (a word longer than the width is cut at the width, as a word-wrapping box does)
        const space = rest.lastIndexOf(' ', width);
        const cut = space > 0 ? space : width;
        out.push(rest.slice(0, cut));
        rest = rest.slice(space > 0 ? cut + 1 : cut);
      }
      return [...out, rest].join('\n');
    };
    const hardWrap = (s: string, width: number) => s.match(new RegExp(`.{1,${width}}`, 'g'))!.join('\n');
    const opsOf = async (text: string) => {
      const files = pastedFiles(text, 0);
      const agent = files.find((f) => f.kind === 'waagent-log');
      if (!agent) return [];
      return (await parse(await agent.content.text())).facts.filter((f) => f.kind === 'extension-operation').map((f) => [f.handler, f.op, f.outcome, f.exitCode]);
    };
    for (const width of [60, 78, 100, 120]) {
      for (const wrap of [wordWrap, hardWrap]) {
        expect(await opsOf(wrap(verdict107, width)), `${wrap.name} ${width}`).toEqual([['customScript', 'enable', 'failed', 1]]);
        expect(await opsOf(wrap(chef, width)), `${wrap.name} ${width}`).toEqual([['Chef.Bootstrap.WindowsAzure.LinuxChefClient', 'install', 'failed', 1]]);
      }
    }
    // the joined verdict keeps its first line's number; the lines it took stay, empty
    const files = pastedFiles(`Hello,\n${hardWrap(verdict107, 70)}\nThanks`, 0);
    const lines = (await files.find((f) => f.kind === 'waagent-log')!.content.text()).split('\n');
    expect(lines.slice(1, 5)).toEqual([verdict107, '', '', '']);
  });

  it('adds nothing when the record already names the handler error (the terminal-failure form)', async () => {
    // https://github.com/chef-partners/azure-chef-extension/issues/334
    const chef =
      "Deployment failed. Correlation ID: 7ca42ed1-b452-46e1-a23c-7fbd5c862e80. The handler for VM extension type 'Chef.Bootstrap.WindowsAzure.LinuxChefClient' has reported terminal failure for VM extension 'LinuxChefClient' with error message: '[ExtensionOperationError] Non-zero exit code: 1, /var/lib/waagent/Chef.Bootstrap.WindowsAzure.LinuxChefClient-1210.13.4.2/install.sh\n";
    const ops = (await parse(chef)).facts.filter((f) => f.kind === 'extension-operation');
    expect(ops).toHaveLength(1);
    expect(ops[0]).toMatchObject({ handler: 'Chef.Bootstrap.WindowsAzure.LinuxChefClient', op: 'install' });
  });

  it('reads the agent\'s handler error pasted after blank lines or a Markdown fence, and nothing more from a fenced benign paste', async () => {
    // https://github.com/Azure/azure-linux-extensions/issues/946 (the handler error as posted, then its [stdout] block)
    const error946 =
      '[ExtensionOperationError] Non-zero exit code: 3, /var/lib/waagent/Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9156.0/main/handle.sh install\n[stdout]\n2019/11/17 00:03:18.094280 INFO ExtHandler Added PID 53989 to cgroup /sys/fs/cgroup/cpu/walinuxagent.extensions/Microsoft.Azure.RecoveryServices.VMSnapshotLinux_1.0.9156.0\n';
    const dressed = (text: string) => ['\n' + text, '\n \n' + text, '```\n' + text + '```\n', '```text\n' + text + '```\n', '\n~~~\n' + text + '~~~\n'];
    const ops = async (text: string) => {
      const files = pastedFiles(text, 0);
      const agent = files.find((f) => f.kind === 'waagent-log');
      if (!agent) return [];
      return (await parse(await agent.content.text())).facts.filter((f) => f.kind === 'extension-operation').map((f) => [f.handler, f.op, f.exitCode, f.at.line, f.at.text]);
    };
    const plain = await ops(error946);
    expect(plain).toEqual([['Microsoft.Azure.RecoveryServices.VMSnapshotLinux', 'install', 3, 1, error946.split('\n')[0]]]);
    for (const text of dressed(error946)) {
      const lead = text.indexOf('[ExtensionOperationError]');
      const line = text.slice(0, lead).split('\n').length;
      expect(await ops(text), JSON.stringify(text.slice(0, lead))).toEqual([[...plain[0].slice(0, 3), line, plain[0][4]]]);
    }
    // a benign paste so dressed gives what it gives bare (the [stdout] lines alone: the agent's cgroup note)
    const benign = error946.slice(error946.indexOf('2019/'));
    const bare = (await parse(benign)).facts.map((f) => f.kind);
    for (const text of dressed(benign)) expect((await parse(text)).facts.map((f) => f.kind), JSON.stringify(text.slice(0, 8))).toEqual(bare);
  });

  it('reads the agent\'s verdict the az CLI prints, on a record\'s first line or after the command', async () => {
    // https://github.com/microsoft/OMS-Agent-for-Linux/issues/1079 (az CLI, 2024-01-16; the first lines of the error)
    const cli =
      "(VMExtensionHandlerNonTransientError) The handler for VM extension type 'Microsoft.Azure.Monitor.AzureMonitorLinuxAgent' has reported terminal failure for VM extension 'AzureMonitorLinuxAgent' with error message: '[ExtensionOperationError] Non-zero exit code: 51, /var/lib/waagent/Microsoft.Azure.Monitor.AzureMonitorLinuxAgent-1.29.4/./shim.sh -install\n[stdout]\n2024/01/16 19:00:37 [Microsoft.Azure.Monitor.AzureMonitorLinuxAgent-1.29.4] Install,failed,51,Unsupported operating system: debian 12\n";
    // https://github.com/Azure/azure-linux-extensions/issues/1908 (the prompt's command, then the error, as posted)
    const afterCommand =
      "PS C:\\Users\\rohitrawat> az vm extension set --name AzureMonitorLinuxAgent --publisher Microsoft.Azure.Monitor --ids \"/subscriptions/80248fc1-bf75-48f2-b344-23988088df3f/resourceGroups/lisa-On-Demand-test-20240402-110548-746-e0/providers/Microsoft.Compute/virtualMachines/lisa-On-Demand-test-20240402-110548-746-e0-n0\" --enable-auto-upgrade true\n(VMExtensionHandlerNonTransientError) The handler for VM extension type 'Microsoft.Azure.Monitor.AzureMonitorLinuxAgent' has reported terminal failure for VM extension 'AzureMonitorLinuxAgent' with error message: '[ExtensionOperationError] Non-zero exit code: 51, /var/lib/waagent/Microsoft.Azure.Monitor.AzureMonitorLinuxAgent-1.30.3/./shim.sh -install\n[stdout]\nPython 3.12.0\n";
    for (const [text, version] of [[cli, '1.29.4'], [afterCommand, '1.30.3']]) {
      const ops = (await parse(text)).facts.filter((f) => f.kind === 'extension-operation');
      expect(ops, version).toHaveLength(1);
      expect(ops[0], version).toMatchObject({ handler: 'Microsoft.Azure.Monitor.AzureMonitorLinuxAgent', version, op: 'install', outcome: 'failed', exitCode: 51, verdict: true });
    }
    // the extension's own timed lines it quotes do not make it that extension's log, however many (the same run a
    // night before, as the perturbation suite adds it)
    const nightBefore = cli.replace('\n[stdout]\n', '\n[stdout]\n2024/01/15 19:00:37 [Microsoft.Azure.Monitor.AzureMonitorLinuxAgent-1.29.4] Install,failed,51,Unsupported operating system: debian 12\n');
    expect(recognise(nightBefore)?.kind).toBe('waagent-log');
  });
});
