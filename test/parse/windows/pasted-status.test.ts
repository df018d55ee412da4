import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recognise } from '../../../src/shared/formats';
import { parseWaAppAgent } from '../../../src/main/parse/windows/waappagent';
import { of, run } from './run';

/** The Windows agent's verdict on a handler command, pasted without its log head. */

// chef-partners/azure-chef-extension#9 (kgottumukkala): the portal's extension status, verbatim
const STATUS = readFileSync(join('test', 'cases', 'win-chef-9-portal-status-enable-timeout', 'files', 'extension-status.txt'), 'utf8');

// chef-partners/azure-chef-extension#148 (aarsan): the deployment error as posted, wrapped over three lines
const DEPLOYMENT = `New-AzureRmResourceGroupDeployment : 11:27:09 AM - Handler 'Chef.Bootstrap.WindowsAzure.ChefClient' has reported failure for VM Extension 'ChefExtension' with terminal error code '1007' and error
message: 'Install failed for plugin (name: Chef.Bootstrap.WindowsAzure.ChefClient, version 1210.12.104.1000) with exception Command
C:\\Packages\\Plugins\\Chef.Bootstrap.WindowsAzure.ChefClient\\1210.12.104.1000\\install.cmd of Chef.Bootstrap.WindowsAzure.ChefClient has not exited on time! Killing it...'
`;

describe('a pasted extension status or deployment error', () => {
  it('is recognised as the Windows agent’s (the message only it writes), not left unread', () => {
    expect(recognise(STATUS)?.kind).toBe('windows-agent-log');
    expect(recognise(DEPLOYMENT)?.kind).toBe('windows-agent-log');
  });

  it('reads the portal status in paragraphs: the message on line 15 is matched on its own', async () => {
    const p = await run(parseWaAppAgent, 'extension-status.txt', STATUS);
    const ops = of(p, 'extension-operation');
    expect(ops).toHaveLength(1);
    expect(ops[0]).toMatchObject({ handler: 'Chef.Bootstrap.WindowsAzure.ChefClient', version: '1207.12.3.0', op: 'enable', outcome: 'timed-out' });
    expect(ops[0].at.line).toBe(15);
    // each field is its own record (Publisher, the publisher, Version, …), none glued to the message
    expect(p.records.map((r) => r.line)).toEqual([1, 3, 5, 7, 9, 11, 13, 15]);
  });

  it('follows a wrapped deployment error to the command that timed out', async () => {
    const p = await run(parseWaAppAgent, 'deployment-error.txt', DEPLOYMENT);
    const ops = of(p, 'extension-operation');
    expect(ops).toHaveLength(1);
    expect(ops[0]).toMatchObject({ handler: 'Chef.Bootstrap.WindowsAzure.ChefClient', version: '1210.12.104.1000', op: 'install', outcome: 'timed-out' });
    expect(ops[0].detail).toContain('install.cmd of Chef.Bootstrap.WindowsAzure.ChefClient has not exited on time');
  });
});
