import { describe, expect, it } from 'vitest';
import { CAUSES, causeById, remedySteps } from '../../src/shared/catalog/causes';
import { PORTAL_CODES } from '../../src/shared/catalog/portal-codes';

/**
 * The portal code the job failed on leads with the steps that answer it (CauseDefinition.remedy.codes): a field of the
 * step, so a reworded or translated step keeps its code. Every code in the table answers at least one step of its
 * causes; UserErrorCrpReportedUserError only wraps another error ("see Job Error Message Details"), so it has none.
 */
const WRAPPERS = new Set(['UserErrorCrpReportedUserError']);
const KNOWN = new Set(PORTAL_CODES.map((p) => p.code));

describe('the steps a portal code answers', () => {
  for (const p of PORTAL_CODES.filter((x) => !WRAPPERS.has(x.code))) {
    it(`${p.code} leads at least one step of its causes`, () => {
      const led = p.causes.filter((id) => {
        const def = causeById(id);
        const tagged = def.remedy.codes.flatMap((codes, i) => (codes.includes(p.code) ? [def.remedy.en[i]] : []));
        return tagged.length > 0 && tagged.includes(remedySteps(def, 'en', 'unknown', { code: p.code })[0]);
      });
      expect(led.length).toBeGreaterThan(0);
    });
  }

  it('every code a step answers is in the table (a misspelt code would order nothing)', () => {
    for (const c of CAUSES) {
      expect(c.remedy.codes).toHaveLength(c.remedy.en.length);
      for (const code of c.remedy.codes.flat()) expect(KNOWN.has(code), `${c.id}: ${code}`).toBe(true);
    }
  });

  it('the code orders by the field, not the words: the Dutch steps follow the same order', () => {
    const def = causeById('fsfreeze-failed');
    const en = remedySteps(def, 'en', 'linux', { code: 'UserErrorFsFreezeTimeout' });
    const nl = remedySteps(def, 'nl', 'linux', { code: 'UserErrorFsFreezeTimeout' });
    // the copy of vmbackup.conf, then its SafeFreezeWaitInSeconds: neither step's English names the code
    expect(en[0]).toMatch(/^Copy vmbackup\.conf/);
    expect(en[1]).toMatch(/SafeFreezeWaitInSeconds=600/);
    expect(en.slice(0, 2).some((s) => s.includes('UserErrorFsFreezeTimeout'))).toBe(false);
    expect(nl[0]).toMatch(/^Kopieer vmbackup\.conf/);
    expect(nl[1]).toMatch(/SafeFreezeWaitInSeconds=600/);
    // a step whose text names a code it does not answer is not moved by it
    const agent = causeById('agent-not-running');
    expect(remedySteps(agent, 'en', 'unknown', { code: 'UserErrorVmProvisioningStateFailed' })).toEqual(remedySteps(agent, 'en', 'unknown'));
  });
});
