// The VM's instance view says what the platform holds of the VM; read as the guest's own files (parse/state/
// instance-view.ts), it must weigh as the same words do elsewhere.
import { describe, expect, it } from 'vitest';
import type { AnalysisResult, CauseId } from '../../../src/shared';
import { caseAnalyser } from './changed-case';

const run = caseAnalyser('vmbd-instance-view-');
const find = (r: AnalysisResult, c: CauseId) => r.findings.find((f) => f.cause === c)!;

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
