import type { FormatDecl } from './types';

/**
 * What the Azure platform says about the VM, as an engineer saves or pastes it: documents with no place on the VM
 * (docs/formats.md "Instance view").
 */

const LEARN_FEATURES_LINUX = 'https://learn.microsoft.com/azure/virtual-machines/extensions/features-linux ("View extension status"; MicrosoftDocs/azure-docs articles/virtual-machines/extensions/features-linux.md); test/fixtures/platform/SOURCE.md';

/**
 * The instance view's own keys, in every form it is saved in: `az vm get-instance-view` (the VM model with
 * `instanceView: {…}`), the REST `…/instanceView` (`vmAgent`, `statuses` at the root), `--query
 * instanceView.extensions` (a list of `{name, type, typeHandlerVersion, statuses: [{code: "ProvisioningState/…"}]}`),
 * PowerShell `Get-AzVM -Status | ConvertTo-Json` (the same keys capitalised). `az vm show` has `"instanceView": null`.
 */
const VIEW_KEY = /"(?:vmAgent|vmAgentVersion)"|"instanceView"\s{0,20}:\s{0,20}\{/i;
const STATUS_CODE = /"code"\s{0,20}:\s{0,20}"(?:ProvisioningState|PowerState)\//i;
const EXTENSION_VIEW = /"typeHandlerVersion"|"statuses"/i;
/**
 * The agent's own statuses on their own, as the Japanese support blog's check prints them (JP_AGENT_CHECK): `az vm
 * get-instance-view --query '{AgentStatus:instanceView.vmAgent.statuses}'` (a list under the user's own key, after
 * the comment and the command line) and PowerShell `$vm.VMAgent.Statuses[0]` (Format-List). Told by their content, a
 * provisioning code with the agent's Ready / Not Ready (an extension's or the VM's says `Provisioning …`), not by the
 * key the user chose.
 */
const AGENT_JSON_CODE = /"code"\s{0,20}:\s{0,20}"ProvisioningState\//i;
const AGENT_JSON_READY = /"displayStatus"\s{0,20}:\s{0,20}"(?:Not\s?)?Ready"/i;
const AGENT_LIST_CODE = /^[ \t]{0,20}Code[ \t]{0,40}: ProvisioningState\//im;
const AGENT_LIST_READY = /^[ \t]{0,20}DisplayStatus[ \t]{0,40}: (?:Not\s?)?Ready[ \t]{0,20}$/im;
/**
 * `Get-AzVM -Status` printed as it is (AZ_GET_AZVM): the whole view in Format-List, nested by two blanks a level
 * (`VMAgent :`, `  VmAgentVersion : 2.2.37`, `Extensions[0] :`, `  Statuses[0] :`). Its agent's statuses may come
 * after many extensions' messages, so the agent's version line or an indexed block of statuses tells it.
 */
const LIST_AGENT_VERSION = /^[ \t]{0,20}VmAgentVersion[ \t]{1,40}: \S/im;
const LIST_STATUS_BLOCK = /^[ \t]{0,20}(?:Extensions|Statuses)\[\d{1,4}\][ \t]{1,40}:[ \t]*$/m;
const LIST_STATE_CODE = /^[ \t]{0,40}Code[ \t]{1,40}: (?:ProvisioningState|PowerState)\//m;
/**
 * The portal's pane of one extension (VM > Extensions + applications > the extension) copied as text: `Type <publisher.type>`,
 * `Version …`, `Status Provisioning failed`, `Status level Error`, `Status message …`, a label and its value on one line
 * (LEARN_EXT_TROUBLESHOOT, "VMAccessAgent is failing with Cannot update Remote Desktop Connection settings…";
 * test/cases/win-learn-exttroubleshoot-vmaccess-firewall-service-0x800706d9).
 */
export const PANE_TYPE = /^[ \t]{0,8}Type[ \t]{0,8}:?[ \t]{1,40}([A-Za-z][\w.-]{0,200}\.[\w.-]{1,200})[ \t]*$/m;
export const PANE_STATUS = /^[ \t]{0,8}Status[ \t]{0,8}:?[ \t]{1,40}(Provisioning [A-Za-z]{1,20}|[A-Za-z]{1,20})[ \t]*$/m;
export const PANE_DETAIL = /^[ \t]{0,8}Status (?:level|message)[ \t]{0,8}:?[ \t]{1,40}\S/m;
const LEARN_EXT_TROUBLESHOOT = 'https://learn.microsoft.com/azure/virtual-machines/extensions/troubleshoot ("Known issues"; MicrosoftDocs/azure-docs articles/virtual-machines/extensions/troubleshoot.md, commit eb4b1888)';
const JP_AGENT_CHECK = 'https://github.com/jpaztech/blog/blob/master/articles/vm/vmagent-error.md (test/cases/neg-jpaztech-instance-view-agent-ready)';
const AZ_GET_AZVM = 'https://github.com/Azure/azure-powershell/blob/03e3926630f982deb34437a8b33e4631b5782079/src/Compute/Compute/help/Get-AzVM.md ("Example 2: Get instance view properties"); test/fixtures/platform/SOURCE.md';

/**
 * An extension's status as older Azure PowerShell printed it under `Get-AzVM -Status`: an `Extensions:` label and the
 * extension as JSON, `ExtensionType`, `Name` and `SubStatuses` (its StdOut and StdErr, `ComponentStatus/<stream>/<state>`),
 * with no `Statuses`; the console wraps a long message inside its string (LEARN_EXT_TROUBLESHOOT, "Viewing extension status";
 * test/cases/win-neg-learn-extension-troubleshoot-cse-provisioning-succeeded).
 */
export const LABELLED_EXTENSION = /^[ \t]{0,8}Extensions:[ \t]{0,8}\{[ \t]*$/m;
const LABELLED_KEYS = /"ExtensionType"\s{0,20}:[\s\S]{0,4000}"SubStatuses"\s{0,20}:\s{0,20}\[/;

/** A line that opens a JSON document, not a prompt that starts with a bracket (`[user@vm ~]$ az vm …`). */
const JSON_OPEN = /^\s{0,40}(?:[[{]\s{0,40}$|\{\s{0,40}["}]|\[\s{0,40}[[{"\]\d-])/;
/** How many lines around the JSON are looked through (a comment and the command that printed it, a prompt after). */
const PREAMBLE_LINES = 20;
/**
 * The JSON in a paste or a saved terminal's text with the lines around it (`# …` comments, the `az …` command, the
 * prompt after it) blanked, so that it parses and every line keeps its number; the text as it is when it opens with
 * the JSON, undefined when none of its first lines does. The one way the instance view's sniffer, its reader and the
 * paste find the document.
 */
export function jsonPart(text: string): string | undefined {
  let at = 0;
  for (let n = 0; n < PREAMBLE_LINES && at <= text.length; n++) {
    const nl = text.indexOf('\n', at);
    const line = text.slice(at, nl === -1 ? text.length : nl);
    if (JSON_OPEN.test(line)) {
      if (n === 0) return text;
      // the JSON ends on the last line that ends in a bracket (a prompt after it, `[user@vm ~]$`, does not)
      let close = text.length;
      for (let k = 0, end = text.length; k < PREAMBLE_LINES && end > at; k++) {
        const start = text.lastIndexOf('\n', end - 1) + 1;
        const t = text.slice(start, end).trimEnd();
        if (t.endsWith('}') || t.endsWith(']')) {
          close = start + t.length;
          break;
        }
        end = start - 1;
      }
      const blank = (t: string) => t.replace(/[^\n]/g, ' ');
      return blank(text.slice(0, at)) + text.slice(at, close) + blank(text.slice(close));
    }
    if (nl === -1) break;
    at = nl + 1;
  }
  return undefined;
}

/**
 * What form of the instance view a head is, by its content: JSON (after any comment or command lines: a whole view,
 * extension views, or the agent's statuses alone), PowerShell's Format-List (the agent's statuses, or the whole
 * `Get-AzVM -Status`), or the portal's pane of one extension (PANE_TYPE).
 */
export function instanceViewForm(head: string): 'json' | 'list' | 'pane' | 'labelled' | undefined {
  const json = jsonPart(head);
  if (json !== undefined && (VIEW_KEY.test(json) || (STATUS_CODE.test(json) && EXTENSION_VIEW.test(json)))) return 'json';
  if (json !== undefined && AGENT_JSON_CODE.test(json) && AGENT_JSON_READY.test(json)) return 'json';
  if (AGENT_LIST_CODE.test(head) && AGENT_LIST_READY.test(head)) return 'list';
  if (LIST_AGENT_VERSION.test(head) || (LIST_STATUS_BLOCK.test(head) && LIST_STATE_CODE.test(head))) return 'list';
  if (PANE_TYPE.test(head) && PANE_STATUS.test(head) && PANE_DETAIL.test(head)) return 'pane';
  if (LABELLED_EXTENSION.test(head) && LABELLED_KEYS.test(head)) return 'labelled';
  return undefined;
}

/**
 * The fields of the Instance Metadata Service's compute document that name the VM (never its keys, tags or user data):
 * what the SSH collector's `imds` check keeps (ssh/probes.ts) and a sosreport's copy gives (parse/state/instance-metadata.ts).
 * `provisioningState` is kept where a document has it.
 */
const IMDS_COMPUTE_FIELDS = ['location', 'vmSize', 'osType', 'vmId', 'name', 'provisioningState', 'zone'] as const;

/**
 * Those fields of an IMDS answer: `/metadata/instance` (the compute document under `compute`) or
 * `/metadata/instance/compute` (at the root; Microsoft Learn's IMDS article, "Sample 4"). Undefined when it is no object.
 */
export function imdsCompute(doc: unknown): Record<string, string> | undefined {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return undefined;
  const inner = (doc as { compute?: unknown }).compute;
  const c = (inner && typeof inner === 'object' && !Array.isArray(inner) ? inner : doc) as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const k of IMDS_COMPUTE_FIELDS) if (typeof c[k] === 'string') out[k] = c[k] as string;
  return out;
}

export const PLATFORM_FORMATS: FormatDecl[] = [
  {
    kind: 'instance-view-json',
    // (a family: the VM's view, a part of it, one extension's, a scale set's; the title must hold for each, as it names
    // what a file was read as: "read as …, but nothing in it could be used")
    title: {
      en: 'an instance view from Azure (az vm get-instance-view, Get-AzVM -Status, or part of one)',
      nl: 'een instance view uit Azure (az vm get-instance-view, Get-AzVM -Status, of een deel ervan)',
    },
    // not a VM file: a bundle holds it where the engineer put it, under the name it was saved as
    linux: ['**/instance{-,_,}view.json'],
    nocase: true,
    names: /^instance[-_]?view\.json$/i,
    place: (name) => name ?? 'instance-view.json',
    sniff: { head: (h) => !!instanceViewForm(h) },
    samples: [
      {
        text: '  {\n    "name": "customScript",\n    "statuses": [\n      {\n        "code": "ProvisioningState/failed/0",\n        "displayStatus": "Provisioning failed",\n        "level": "Error",',
        source: LEARN_FEATURES_LINUX,
      },
      {
        text: "az vm get-instance-view -g <RGName> -n <VMName> --query '{AgentStatus:instanceView.vmAgent.statuses}' \n{ \n  \"AgentStatus\": [ \n    { \n      \"code\": \"ProvisioningState/succeeded\", \n      \"displayStatus\": \"Ready\", ",
        source: JP_AGENT_CHECK,
      },
      {
        text: 'PS > $vm.VMAgent.Statuses[0] \n\nCode          : ProvisioningState/succeeded \nLevel         : Info \nDisplayStatus : Ready \nMessage       : GuestAgent is running and processing the extensions. ',
        source: JP_AGENT_CHECK,
      },
      {
        text: 'Extensions:  {\n  "ExtensionType": "Microsoft.Compute.CustomScriptExtension",\n  "Name": "myCustomScriptExtension",\n  "SubStatuses": [\n    {\n      "Code": "ComponentStatus/StdOut/succeeded",',
        source: LEARN_EXT_TROUBLESHOOT,
      },
      {
        text: 'Type Microsoft.Compute.VMAccessAgent\nVersion 2.4.8\nStatus Provisioning failed\nStatus level Error\nStatus message Cannot update Remote Desktop Connection settings for Administrator account.',
        source: LEARN_EXT_TROUBLESHOOT,
      },
      {
        text: 'PS C:\\> Get-AzVM -ResourceGroupName "ResourceGroup11" -Name "VirtualMachine07" -Status\n\nResourceGroupName       : ResourceGroup11\nName                    : VirtualMachine07\nDisks[0]                :\n  Name                  : VirtualMachine07-osdisk\n  Statuses[0]           :\n    Code                : ProvisioningState/succeeded',
        source: AZ_GET_AZVM,
      },
    ],
  },
  {
    kind: 'instance-metadata-json',
    // sos's azure plugin asks IMDS from inside the VM and keeps the answer among its command outputs
    title: { en: "the VM's instance metadata (IMDS) in a sosreport", nl: 'de instantiemetagegevens van de VM (IMDS) in een sosreport' },
    linux: ['sos_commands/azure/instance_metadata.json'],
  },
];
