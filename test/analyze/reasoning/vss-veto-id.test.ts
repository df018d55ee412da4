import { describe, expect, it } from 'vitest';
import { VSS_PROBLEM_NL, VSS_WRITER_VETO } from '../../../src/shared/i18n/analysis';
import { VSS_SIGNATURES, vssSignatureOf } from '../../../src/main/parse/windows/vss';

// fsfreeze-failed recognises a task whose only failure is a VSS writer's veto by the id of the parser's signature: the
// one named export both read, so a renamed signature fails here, not silently in the rule
describe('the VSS writer veto id', () => {
  it("is one of parse/windows/vss.ts's signatures, with its Dutch, and the one VSS 8229 of a snapshot phase gets", () => {
    const sig = VSS_SIGNATURES.find((s) => s.id === VSS_WRITER_VETO);
    expect(sig).toBeDefined();
    expect(VSS_PROBLEM_NL[VSS_WRITER_VETO]).toBeTruthy();
    expect(vssSignatureOf(sig!.sample, sig!.event)?.id).toBe(VSS_WRITER_VETO);
  });
});
