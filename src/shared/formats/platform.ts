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

export const PLATFORM_FORMATS: FormatDecl[] = [
  {
    kind: 'instance-view-json',
    title: { en: "the VM's instance view (az vm get-instance-view)", nl: 'de instance view van de VM (az vm get-instance-view)' },
    // not a VM file: a bundle holds it where the engineer put it, under the name it was saved as
    linux: ['**/instance{-,_,}view.json'],
    nocase: true,
    names: /^instance[-_]?view\.json$/i,
    place: (name) => name ?? 'instance-view.json',
    sniff: { head: (h) => startsWith(h, '{[') && (VIEW_KEY.test(h) || (STATUS_CODE.test(h) && EXTENSION_VIEW.test(h))) },
    samples: [
      {
        text: '  {\n    "name": "customScript",\n    "statuses": [\n      {\n        "code": "ProvisioningState/failed/0",\n        "displayStatus": "Provisioning failed",\n        "level": "Error",',
        source: LEARN_FEATURES_LINUX,
      },
    ],
  },
];
