/**
 * The phrases of the compute resource provider's verdicts on an extension, as a deployment error quotes them
 * (VMExtensionProvisioningError / VMExtensionProvisioningTimeout, pasted from the az CLI, PowerShell, the portal or an
 * ARM deployment's JSON, and relayed in waagent.log). One declaration for the sniffer (sniff.ts), the reader
 * (src/main/parse/deployment-error.ts) and waagent.log's marker scan.
 */

import { escapeRegExp } from '../regexp';

/**
 * `VM has reported a failure when processing extension 'prepNodes'. Error message: "…"` (2016), `… extension 'vmssCSE'
 * (publisher 'Microsoft.Azure.Extensions' and type 'CustomScript'). Error message: '…'` (2020+), `VM reported a
 * failure …`. Sources: azure-linux-extensions #113, custom-script-extension-linux #107, AKS troubleshooting articles.
 */
export const CRP_FAILURE_PHRASE = 'reported a failure when processing extension';
/**
 * `Provisioning of VM extension 'X' has timed out. Extension installation may be taking too long, or extension status
 * could not be obtained.` (older), `Provisioning of VM extension vmssCSE has timed out. …` (the name bare).
 */
export const CRP_TIMEOUT_PHRASE = 'Provisioning of VM extension ';
/**
 * Extension sequencing (`provisionAfterExtensions`): `VM Extension 'X' is marked as failed since it depends upon the VM
 * Extension 'Y' which has failed.` (WALinuxAgent tests_e2e/tests/ext_sequencing/ext_sequencing.py expects it).
 */
export const CRP_DEPENDENCY_PHRASE = 'is marked as failed since it depends upon the VM Extension';
/**
 * The provider's verdict on a Windows handler that reported failure (VMExtensionHandlerNonTransientError): `Handler
 * 'Chef.Bootstrap.WindowsAzure.ChefClient' has reported failure for VM Extension 'chefExtension' with terminal error code
 * '1007' and error message: 'Install failed for plugin …'` (2016-2017, the portal and New-AzureRmResourceGroupDeployment;
 * chef-partners/azure-chef-extension #114, #148); the message quoted is the Windows agent's own.
 */
export const CRP_HANDLER_PHRASE = 'has reported failure for VM Extension';
/**
 * The agent's own verdict on a handler's command, which the provider relays (VMExtensionHandlerNonTransientError): `The
 * handler for VM extension type 'X' has reported terminal failure for VM extension 'Y' with error message:
 * '[ExtensionOperationError] Non-zero exit code: 1, /var/lib/waagent/X-1.2/install.sh …'`, after `Deployment failed.
 * Correlation ID: …` (chef-partners/azure-chef-extension #334), after the az CLI's `(VMExtensionHandlerNonTransientError) `
 * and again after its `Message: ` (microsoft/OMS-Agent-for-Linux #1079), or on the line after a prompt's command.
 */
export const AGENT_VERDICT_PHRASE = 'reported terminal failure for VM extension';
/**
 * The verdict's head as a regular expression's source, up to the quote before the extension's name: what the sniffer
 * (sniff.ts `VERDICT`) looks for to know a paste quotes a verdict.
 */
export const AGENT_VERDICT_HEAD = String.raw`\bhas ${escapeRegExp(AGENT_VERDICT_PHRASE)} '`;
/**
 * The verdict up to the quoted message, as a source (`… has reported terminal failure for VM extension 'Y' with error
 * message: '`), and the agent's error tag that message starts with (`[ExtensionOperationError] `, `[ExtensionError] `,
 * `[ExtensionDownloadError] `, `[ExtensionUpdateError] `): what waagent.log's reader (parse/waagent/catalogue.ts) takes
 * the failed operation from.
 */
export const AGENT_VERDICT_MESSAGE = String.raw`${AGENT_VERDICT_HEAD}[^'\n]{1,200}' with error message: '`;
export const AGENT_VERDICT_TAG = String.raw`\[Extension(?:Operation|Download|Update)?Error\] `;
