import { describe, expect, it } from 'vitest';
import { OPENSSL_REASONS, OPENSSL_WHY, OPENSSL_WHY_OF, OPENSSL_WHY_PHRASES } from '../../src/shared/formats/openssl';
import { MarkerScan, MARK_OPENSSL_WHY } from '../../src/main/parse/waagent/markers';

describe('why openssl failed (formats/openssl.ts)', () => {
  it.each(OPENSSL_REASONS.map((r) => [r.pattern, r] as const))('%s: its sample says it, in its class only', (_p, r) => {
    const own = new RegExp(r.pattern).exec(r.sample);
    expect(own, r.sample).not.toBeNull();
    // what the parser quotes is a reason of the same class (an earlier one may match first at the same line)
    const quoted = OPENSSL_WHY.exec(r.sample)![0];
    expect(OPENSSL_WHY_OF[r.class].test(quoted), quoted).toBe(true);
    const other = r.class === 'fips' ? 'unrunnable' : 'fips';
    expect(OPENSSL_WHY_OF[other].test(r.sample), r.sample).toBe(false);
    // the marker scan finds a reason openssl writes on a line of its own, so that the parser reads that line
    if (r.phrase) {
      expect(own![0]).toContain(r.phrase);
      expect(new MarkerScan().in(Buffer.from(r.sample, 'latin1'), 0, r.sample.length) & MARK_OPENSSL_WHY).toBe(MARK_OPENSSL_WHY);
    }
  });

  it('marks only the reasons that have a phrase', () => {
    expect(OPENSSL_WHY_PHRASES).toEqual(OPENSSL_REASONS.flatMap((r) => (r.phrase ? [r.phrase] : [])));
    expect(OPENSSL_WHY_PHRASES.length).toBeGreaterThan(0);
  });

  it('does not take another command or a config file named in passing for a reason', () => {
    // real lines from test/ that the rule's older, looser patterns matched (`config file`)
    for (const line of ['"message": "Requested role config file is not found.",', 'config file: ./main/VMSnapshotPluginHost.conf']) {
      expect(OPENSSL_WHY.test(line), line).toBe(false);
    }
  });
});
