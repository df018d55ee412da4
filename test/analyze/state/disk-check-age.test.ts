import { describe, expect, it } from 'vitest';
import type { DiskSpaceFact, Fact, ProbeFact } from '../../../src/shared';
import { renderAnalysis } from '../../../src/shared/i18n/analysis';
import { rule as diskFull } from '../../../src/main/analyze/rules/disk-full';
import { LogBuilder, contextFrom, failedTask } from '../agent/helpers';

/**
 * disk-full is ruled out from a disk check (a live `df` over SSH, a `df` in a transcript or sosreport), but a check
 * taken days after the failed backup cannot say the disk had room then: logs rotate and people delete files before
 * they collect. Such a check rules the cause out at medium, with the reason saying why; so does an undated one.
 */
const TASK = failedTask('2026-11-19T22:00:05.000Z', '2026-11-19T22:03:29.000Z');
const LOG = new LogBuilder().boot('2026-11-19T08:00:01Z', '2.9.1.1').heartbeats('2026-11-19T08:12:37Z', '2026-11-19T21:42:37Z', 30, '2.9.1.1').text();

function liveCheck(at: string): ProbeFact {
  return {
    kind: 'probe',
    at: { file: 'vmbackup-doctor/probes.json', line: 2, time: at, text: '{"name":"disk-free","ok":true}' },
    timeMs: Date.parse(at),
    probe: 'disk-free',
    ok: true,
    detail: '/ 41% used, 17.6 GB free',
    data: { mounts: [{ filesystem: '/dev/sda1', mount: '/', usedPercent: 41, availableBytes: 18897856512 }] },
  };
}

/** A `df -h` row as a sosreport keeps it: no time of its own. */
const dfRow: DiskSpaceFact = {
  kind: 'disk-space',
  at: { file: 'sos_commands/filesys/df_-al_-x_autofs', line: 3, time: null, text: '/dev/sda1        29G   12G   17G  41% /' },
  timeMs: NaN,
  mount: '/',
  usedPercent: 41,
  full: false,
  detail: '/dev/sda1 29G 12G 17G 41% /',
};

async function judge(facts: Fact[], task = TASK) {
  return diskFull.evaluate(await contextFrom(LOG, { task, facts }));
}

describe('disk-full ruled out by a disk check: as strong as the check is near the failure', () => {
  it('a live check the morning after the failure rules it out (high)', async () => {
    const out = await judge([liveCheck('2026-11-20T09:14:03.000Z')]);
    expect(out).toMatchObject({ verdict: 'ruled-out', confidence: 'high' });
    expect(renderAnalysis(out.reason, 'en')).toBe('A live check shows free space: / 41% used.');
  });

  it('a live check five days after the failure rules it out at medium, and says why', async () => {
    const out = await judge([liveCheck('2026-11-25T09:14:03.000Z')]);
    expect(out).toMatchObject({ verdict: 'ruled-out', confidence: 'medium' });
    expect(renderAnalysis(out.reason, 'en')).toContain('taken 5 days after the failed backup');
    expect(renderAnalysis(out.reason, 'nl')).toContain('5 dagen na de mislukte back-up');
  });

  it('an undated df in the bundle rules it out at medium and is not called a live check', async () => {
    const out = await judge([dfRow]);
    expect(out).toMatchObject({ verdict: 'ruled-out', confidence: 'medium' });
    const en = renderAnalysis(out.reason, 'en');
    expect(en).toMatch(/^The disk usage in the bundle shows free space: \/ 41% used\. It is not dated/);
    expect(renderAnalysis(out.reason, 'nl')).toMatch(/^Het schijfgebruik in de bundel toont vrije ruimte/);
  });

  it('without a timed failed task the check speaks for the VM as it is (high)', async () => {
    expect(diskFull.evaluate(await contextFrom(LOG, { facts: [dfRow] }))).toMatchObject({ verdict: 'ruled-out', confidence: 'high' });
  });
});
