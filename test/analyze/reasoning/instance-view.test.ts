// The VM's instance view says what the platform holds of the VM; read as the guest's own files (parse/state/
// instance-view.ts), it must weigh as the same words do elsewhere.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AnalysisResult, CauseId } from '../../../src/shared';
import { analyzeBundle } from '../../../src/main/pipeline/analyze-bundle';
import { caseAnalyser } from './changed-case';

const run = caseAnalyser('vmbd-instance-view-');
const find = (r: AnalysisResult, c: CauseId) => r.findings.find((f) => f.cause === c)!;

/** Real instance-view pieces (test/fixtures/platform/SOURCE.md). */
const DIR = join(__dirname, '..', '..', 'fixtures', 'platform');
const piece = (name: string) => JSON.parse(readFileSync(join(DIR, name), 'utf8')) as Record<string, unknown>;
const tmp = mkdtempSync(join(tmpdir(), 'vmbd-instance-view-doc-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
/** The analysis of an instance view alone, saved as the engineer saves `az vm get-instance-view`'s output. */
async function analyseView(doc: object): Promise<AnalysisResult> {
  const file = join(tmp, `instanceview-${n++}.json`);
  writeFileSync(file, JSON.stringify(doc, null, 2));
  return (await analyzeBundle([file])).result;
}
const detected = (r: AnalysisResult) => r.findings.filter((f) => f.verdict === 'detected').map((f) => [f.cause, f.confidence]);

describe('a failed extension seen only in the instance view', () => {
  it("weighs as the provider's verdict a deployment error quotes: the extension's provisioning state is failed", async () => {
    // learn-features-linux-instance-view-cse-exit-127 (Microsoft Learn): the Custom Script extension's instance view,
    // `ProvisioningState/failed/0`, "Enable failed: … exit status=127"; cse-107-deployment-error-enable-exit-status-1
    // (custom-script-extension-linux #107): the same extension's enable failing, as the deployment error quotes it
    const view = find(await run('learn-features-linux-instance-view-cse-exit-127'), 'extension-failed-state');
    const pasted = find(await run('cse-107-deployment-error-enable-exit-status-1'), 'extension-failed-state');
    expect(view).toMatchObject({ verdict: 'detected', role: 'primary', strength: 'strong' });
    expect({ confidence: view.confidence, strength: view.strength, role: view.role, relation: view.relation }).toEqual({
      confidence: pasted.confidence,
      strength: pasted.strength,
      role: pasted.role,
      relation: pasted.relation,
    });
  });
});

describe('one extension\'s instance view (az vm extension show --expand instanceView)', () => {
  // azure-cli #21393: the Custom Script extension's view, `ProvisioningState/succeeded`, "Enable succeeded"
  const text = readFileSync(join(DIR, 'azure-cli-21393-extension-show-expand.txt'), 'utf8');
  const resource = JSON.parse(text.slice(text.indexOf('{'))) as Record<string, unknown>;

  it('the real output, an extension that succeeded, says nothing of the VM or the extension', async () => {
    const file = join(tmp, `extension-show-${n++}.txt`);
    writeFileSync(file, text);
    const r = (await analyzeBundle([file])).result;
    expect(r.files.map((f) => f.kind)).toEqual(['instance-view-json']);
    expect(detected(r)).toEqual([]);
  });

  it("a failed extension's view weighs as the same view inside the VM's (constructed: Learn's failed view in it)", async () => {
    const failed = piece('learn-features-linux-extensions.json');
    const alone = find(await analyseView({ ...resource, instanceView: failed }), 'extension-failed-state');
    const inVm = find(await analyseView({ instanceView: { extensions: [failed] } }), 'extension-failed-state');
    expect(alone).toMatchObject({ verdict: 'detected', strength: 'strong' });
    expect([alone.confidence, alone.role, alone.strength]).toEqual([inVm.confidence, inVm.role, inVm.strength]);
  });
});

describe("the platform's word on the agent and the VM", () => {
  // WALinuxAgent #652: the agent Not Ready, "VM status blob not found."
  const agent = piece('waagent-652-vmagent-not-ready.json');

  it('Not Ready is the agent stopped or hung, both at low, and nothing more', async () => {
    const r = await analyseView(agent);
    expect(detected(r)).toEqual(expect.arrayContaining([['agent-not-running', 'low'], ['agent-unresponsive', 'low']]));
    expect(r.findings.filter((f) => f.verdict === 'detected' && f.confidence !== 'low')).toEqual([]);
    expect(find(r, 'agent-unresponsive').reason).toContain('The platform reports the VM agent Not Ready ("VM status blob not found.")');
    expect(find(r, 'agent-not-running').reasonNl).toContain('Het platform meldt de VM-agent als Niet gereed');
  });

  it("the agent's statuses printed on their own weigh as the whole view: Not Ready low, Ready nothing", async () => {
    // constructed: #652's statuses under the user's own key, after the comment and command line, as the Japanese
    // support blog's check prints them (test/cases/neg-jpaztech-instance-view-agent-ready, its case.json cites it)
    const file = join(tmp, `agent-status-${n++}.txt`);
    const statuses = (agent as { vmAgent: { statuses: unknown } }).vmAgent.statuses;
    writeFileSync(file, `# agent status\naz vm get-instance-view -g rg -n vm1 --query '{AgentStatus:instanceView.vmAgent.statuses}'\n${JSON.stringify({ AgentStatus: statuses }, null, 2)}\n`);
    const r = (await analyzeBundle([file])).result;
    expect(detected(r)).toEqual(detected(await analyseView(agent)));
    expect(find(r, 'agent-unresponsive').reason).toContain('The platform reports the VM agent Not Ready ("VM status blob not found.")');
    // the blog's own Ready, both shapes: nothing detected
    const ready = join(__dirname, '..', '..', 'cases', 'neg-jpaztech-instance-view-agent-ready', 'files');
    const healthy = (await analyzeBundle([join(ready, 'az-vm-get-instance-view.txt'), join(ready, 'get-azvm-status.txt')])).result;
    expect(healthy.files.map((f) => f.kind)).toEqual(['instance-view-json', 'instance-view-json']);
    expect(detected(healthy)).toEqual([]);
  });

  it("a scale set instance's healthy Get-AzVM -Status says nothing (Learn, tutorial-modify-scale-sets-powershell)", async () => {
    const r = (await analyzeBundle([join(DIR, 'learn-vmss-instance-get-azvm-status.txt')])).result;
    expect(r.files.map((f) => f.kind)).toEqual(['instance-view-json']);
    expect(detected(r)).toEqual([]);
  });

  it("a scale set's own view updating is no VM updating (constructed: #3593's view with Learn's updating status)", async () => {
    // Azure/azure-rest-api-specs #3593: a scale set's view; its own statuses replaced by Learn's real
    // `ProvisioningState/updating` block, as a scale set being updated shows it
    const r = await analyseView({ ...piece('rest-api-specs-3593-vmss-instance-view.json'), ...piece('learn-vm-states-stopping-updating.json') });
    expect(detected(r)).toEqual([]);
    // after the loose file's placement, what the engineer is told of it
    expect(r.files[0].warnings.map((w) => w.message).slice(-2)).toEqual([expect.stringMatching(/^a scale set's instance view/), expect.stringMatching(/^read as /)]);
  });

  it('a VM deallocated explains its agent Not Ready: nothing is said of the agent (Learn, a scale-set VM stopped)', async () => {
    const r = await analyseView({ ...agent, ...piece('learn-vmss-manage-deallocated.json') });
    expect(detected(r)).toEqual([]);
    expect(find(r, 'agent-not-running')).toMatchObject({ verdict: 'not-evaluable' });
    expect(find(r, 'agent-not-running').reason).toContain('The VM\'s instance view shows it "VM deallocated"');
    expect(find(r, 'agent-unresponsive').verdict).toBe('not-evaluable');
  });

  it('ProvisioningState/updating is the platform saying the VM was updating (Learn, a VM stopping)', async () => {
    const r = await analyseView({ ...agent, ...piece('learn-vm-states-stopping-updating.json') });
    const f = find(r, 'vm-provisioning-updating');
    expect(f).toMatchObject({ verdict: 'detected', confidence: 'medium', strength: 'strong' });
    expect(f.reason).toContain('The VM\'s instance view shows its provisioning state "Updating"');
    expect(f.evidence[0].text).toContain('"ProvisioningState/updating"');
    // the VM was stopping: its agent's Not Ready says nothing
    expect(detected(r)).toEqual([['vm-provisioning-updating', 'medium']]);
  });
});

