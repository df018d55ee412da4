import { startsWith } from './sniff';
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
/** A line that opens a JSON document (the comment and command lines above it are not part of it). */
const JSON_LINE = /^[ \t]{0,40}[[{]/m;
const JP_AGENT_CHECK = 'https://github.com/jpaztech/blog/blob/master/articles/vm/vmagent-error.md (test/cases/neg-jpaztech-instance-view-agent-ready)';
/** The agent's statuses on their own, in JSON (after any comment or command lines) or PowerShell's Format-List. */
export function agentStatusesOnly(head: string): 'json' | 'list' | undefined {
  if (AGENT_JSON_CODE.test(head) && AGENT_JSON_READY.test(head) && JSON_LINE.test(head)) return 'json';
  if (AGENT_LIST_CODE.test(head) && AGENT_LIST_READY.test(head)) return 'list';
  return undefined;
}

export const PLATFORM_FORMATS: FormatDecl[] = [
  {
    kind: 'instance-view-json',
    title: { en: "the VM's instance view (az vm get-instance-view)", nl: 'de instance view van de VM (az vm get-instance-view)' },
    // not a VM file: a bundle holds it where the engineer put it, under the name it was saved as
    linux: ['**/instance{-,_,}view.json'],
    nocase: true,
    names: /^instance[-_]?view\.json$/i,
    place: (name) => name ?? 'instance-view.json',
    sniff: { head: (h) => (startsWith(h, '{[') && (VIEW_KEY.test(h) || (STATUS_CODE.test(h) && EXTENSION_VIEW.test(h)))) || !!agentStatusesOnly(h) },
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
    ],
  },
];
