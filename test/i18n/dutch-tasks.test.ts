// A snapshot task's phases and message in Dutch (issue 22, "Dutch throughout"): what the app itself says about a
// phase ("no final status", "code 1", "not taken after the freeze failed") and what a parser says about a milestone
// (the Windows extension's "DoSnapshot complete", a VSS failure, a host call's HTTP status) come with a Dutch
// sibling; the JSON keeps its English fields and only gains `detailNl` / `messageNl`. Real cases from test/cases.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/main/cli';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';
import { buildReportModel, renderHtml, renderMarkdown } from '../../src/main/report';
import { ROOT } from '../helpers/paths';

const dir = (id: string) => join(ROOT, 'test', 'cases', id, 'files');

async function run(args: string[]): Promise<string> {
  const out: string[] = [];
  const code = await main(args, { stdout: (s) => void out.push(s), stderr: () => undefined });
  expect(code).toBe(0);
  return out.join('');
}

/** Each case, and a phase detail (English, Dutch) its tasks carry. */
const CASES: [string, string, string, string][] = [
  // the Windows extension's own "DoSnapshot=complete" line, read as the task's final status (code 1)
  ['win-neg-tsg-vmsnapshot-snapshot-complete', 'status', 'code 1', 'statuscode 1'],
  // the event log's "shadow copy provider timed out while holding writes" (VSS_E_HOLD_WRITES_TIMEOUT)
  [
    'win-learn-vss-hold-writes-timeout-iops',
    'freeze',
    'VSS: the VSS provider timed out while holding writes (too much I/O on the volume during the snapshot)',
    'VSS: de VSS-provider kreeg een time-out terwijl hij schrijfacties vasthield (te veel I/O op het volume tijdens de momentopname)',
  ],
  // azure-linux-extensions#2019: the Backup Host Service answered dosnapshot with HTTP 500
  ['ext-pr2019-dosnapshot-bhs-500', 'snapshot', 'dosnapshot HTTP 500', 'dosnapshot kreeg HTTP-status 500'],
  // WALinuxAgent#525: the freeze failed, so no snapshot was taken
  ['waagent-525-fifreeze-new-volume', 'snapshot', 'not taken after the freeze failed', 'niet gemaakt, want het bevriezen mislukte'],
];

describe.each(CASES)('the snapshot tasks of %s', (id, name, en, nl) => {
  it(`give the ${name} phase's detail in English and Dutch`, async () => {
    const { result } = await analyzeBundle([dir(id)]);
    const phases = result.snapshots.flatMap((t) => t.phases).filter((p) => p.name === name);
    expect(phases.map((p) => [p.detail, p.detailNl])).toContainEqual([en, nl]);
    // every detail in the app's own words has its Dutch; a quoted log text or a status name has none
    for (const p of result.snapshots.flatMap((t) => t.phases)) if (p.detailNl !== undefined) expect(p.detailNl).not.toBe(p.detail);
  });
});

describe('a task in Dutch', () => {
  const id = 'win-neg-tsg-vmsnapshot-snapshot-complete';

  it('keeps the JSON as the contract has it and adds the Dutch beside it', async () => {
    const json = JSON.parse(await run(['analyze', dir(id), '--format', 'json', '--lang', 'nl']));
    const [task] = json.snapshots;
    expect(task.message).toBe('DoSnapshot complete, no snapshot failed');
    expect(task.messageNl).toBe('DoSnapshot voltooid, geen enkele momentopname mislukt');
    expect(task.phases.find((p: { name: string }) => p.name === 'status')).toMatchObject({ result: 'ok', detail: 'code 1', detailNl: 'statuscode 1' });
  });

  it('prints the message and a task without id in Dutch on the terminal', async () => {
    const nl = await run(['analyze', dir(id), '--lang', 'nl']);
    expect(nl).toMatch(/geslaagd +code 1 {2}zonder id {2}DoSnapshot voltooid, geen enkele momentopname mislukt\n/);
    expect(nl).not.toContain('no snapshot failed');
    const en = await run(['analyze', dir(id)]);
    expect(en).toMatch(/success +code 1 {2}without id {2}DoSnapshot complete, no snapshot failed\n/);
  });

  it('writes the message in the HTML and Markdown reports, and the phase details in the phase chart', async () => {
    const { result } = await analyzeBundle([dir(id)]);
    const md = renderMarkdown(buildReportModel(result, { lang: 'nl', redact: true }));
    expect(md).toContain('| DoSnapshot voltooid, geen enkele momentopname mislukt |');
    const html = renderHtml(buildReportModel(result, { lang: 'nl', redact: true }));
    expect(html).toContain('DoSnapshot voltooid, geen enkele momentopname mislukt');
    expect(html).toContain('— statuscode 1</title>');
    expect(html).not.toContain('no snapshot failed');
    const vss = renderHtml(buildReportModel((await analyzeBundle([dir('win-learn-vss-hold-writes-timeout-iops')])).result, { lang: 'nl', redact: true }));
    expect(vss).toContain('VSS: de VSS-provider kreeg een time-out terwijl hij schrijfacties vasthield');
    expect(vss).toContain('— niet gemaakt, want het bevriezen mislukte</title>');
    expect(vss).not.toContain('timed out while holding writes (too much');
  });
});
