// One VM of a bundle that holds two (AnalyzeOptions.vmRoot, `analyze --vm ROOT`): only the files under that root are
// read, the result says so, and it is what that VM's files alone give. The case is waagent-797 (Azure/WALinuxAgent#797,
// WireServer 503s for hours); the other VM is perturb.ts anotherVmBeside (a healthy 2.2.51 agent's goal states and
// heartbeats over the same hours, under other-vm/).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../src/shared';
import { analyzeBundle, NoInputError } from '../../src/main/pipeline/analyze-bundle';
import { InProcessAnalysisService } from '../../src/main/worker/in-process';
import { SessionSet } from '../../src/main/worker/sessions';
import { anotherVmBeside, type Files } from '../accuracy/perturb';
import { CASES_DIR } from '../accuracy/score';
import { writeBundle } from '../helpers/bundle';
import { runCli } from '../helpers/cli';

const tmp = mkdtempSync(join(tmpdir(), 'vmbd-only-vm-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const LOG_797 = readFileSync(join(CASES_DIR, 'waagent-797-wireserver-503-blocked', 'files', 'waagent.log'), 'utf8');
const BOTH = anotherVmBeside([['waagent.log', LOG_797]])!;

let n = 0;
const folder = (files: Files): string => writeBundle(join(tmp, `b${n++}`), files);
const base = (at: string) => at.slice(at.lastIndexOf('/') + 1);
/** What a diagnosis says, without the parts that name the folder or the run. */
const gist = (r: AnalysisResult) => ({ cause: r.verdict.cause, confidence: r.verdict.confidence, findings: r.findings.map((f) => `${f.cause} ${f.verdict} ${f.confidence} ${f.role ?? ''}`) });

describe('one VM of a bundle that holds two', () => {
  it('reads only the files under the root asked for, says so, and diagnoses as that VM alone', async () => {
    const at = folder(BOTH);
    const both = (await analyzeBundle([at])).result;
    expect(both.multipleVms?.vms.map((v) => v.root)).toEqual([base(at), `${base(at)}/other-vm`]);

    const mine = (await analyzeBundle([at], { vmRoot: base(at) })).result;
    expect(mine.multipleVms).toBeUndefined();
    expect(mine.onlyVm).toMatchObject({ root: base(at), files: 1, of: 2 });
    expect(mine.onlyVm!.message).toBe(`Only the files in ${base(at)} were analysed (1 of the bundle's 2 files); the other VM's files were left out.`);
    expect(mine.onlyVm!.messageNl).toContain(`Alleen de bestanden in ${base(at)} zijn geanalyseerd (1 van de 2 bestanden van de bundel)`);
    expect(mine.files.map((f) => f.vmPath)).toEqual(['var/log/waagent.log']);
    // the other VM's file at the same path was not taken in: no "in the bundle twice" warning, no rotation with it
    expect(both.files.flatMap((f) => f.warnings)).not.toEqual([]);
    expect(mine.files.flatMap((f) => f.warnings)).toEqual([]);
    expect(mine.warnings).toEqual([]);
    // the same answer as the case's log handed in alone: no longer capped at low by the other VM
    const alone = (await analyzeBundle([folder([['waagent.log', LOG_797]])])).result;
    expect(gist(mine)).toEqual(gist(alone));
    expect(mine.findings.some((f) => f.verdict === 'detected' && f.confidence !== 'low')).toBe(true);

    // and the other VM alone: its healthy agent, nothing above low
    const other = (await analyzeBundle([at], { vmRoot: `${base(at)}/other-vm` })).result;
    expect(other.onlyVm).toMatchObject({ root: `${base(at)}/other-vm`, files: 1, of: 2 });
    expect(other.files.map((f) => f.origin.endsWith('other-vm/var/log/waagent.log'))).toEqual([true]);
    expect(other.findings.filter((f) => f.verdict === 'detected' && f.confidence !== 'low')).toEqual([]);
  });

  it('a root the bundle does not hold is no input, and the answer names the roots it does', async () => {
    const at = folder(BOTH);
    const e = await analyzeBundle([at], { vmRoot: 'logs.zip!vm3' }).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(NoInputError);
    expect((e as NoInputError).message).toBe(`no file of the bundle lies in logs.zip!vm3; its files lie in ${base(at)}, ${base(at)}/other-vm`);
  });

  it('the CLI: the notice names --vm for each root, and --vm analyses one (text, JSON, exit codes)', async () => {
    const at = folder(BOTH);
    const plain = await runCli(['analyze', at]);
    expect(plain.code).toBe(0);
    expect(plain.out).toContain(`To analyse one VM alone, run the same command with --vm '${base(at)}' or --vm '${base(at)}/other-vm'.`);
    const nl = await runCli(['analyze', at, '--lang', 'nl']);
    expect(nl.out).toContain(`Analyseer één VM apart door dezelfde opdracht uit te voeren met --vm '${base(at)}' of --vm '${base(at)}/other-vm'.`);

    const one = await runCli(['analyze', at, '--vm', base(at)]);
    expect(one.code).toBe(0);
    expect(one.out).toContain(`One VM of the bundle: Only the files in ${base(at)} were analysed`);
    expect(one.out).not.toContain('More than one VM');
    const json = JSON.parse((await runCli(['analyze', at, '--vm', base(at), '--format', 'json'])).out) as AnalysisResult;
    expect(json.onlyVm).toMatchObject({ root: base(at), files: 1, of: 2 });
    expect(json.multipleVms).toBeUndefined();

    const none = await runCli(['analyze', at, '--vm', 'elsewhere']);
    expect(none.code).toBe(1);
    expect(none.err).toContain('no file of the bundle lies in elsewhere');
  });

  it('the app: "open this VM alone" analyses the open tab\'s inputs again, only that root, in a new tab', async () => {
    const at = folder(BOTH);
    const s = new SessionSet(() => new InProcessAnalysisService());
    try {
      const both = await s.open([at], {});
      expect(both.ok && both.result.multipleVms).toBeTruthy();
      const one = await s.openVm(1, `${base(at)}/other-vm`);
      expect(one.ok).toBe(true);
      if (!one.ok) return;
      expect(one.session).toBe(2);
      expect(one.result.onlyVm).toMatchObject({ root: `${base(at)}/other-vm`, files: 1, of: 2 });
      expect(one.result.multipleVms).toBeUndefined();
      // the bundle's tab is left as it was
      expect(s.ids()).toEqual([1, 2]);
      expect(s.activate(1)).toBe(true);
      expect(s.current()?.multipleVms).toBeDefined();
      // a closed tab, or a root it does not hold, is said, not thrown
      const closed = await s.openVm(7, base(at));
      expect(closed).toMatchObject({ ok: false, error: 'That bundle is no longer open.' });
      const nowhere = await s.openVm(1, 'elsewhere');
      expect(nowhere).toMatchObject({ ok: false, note: { key: 'pipeline.no-vm-root' } });
      expect(s.ids()).toEqual([1, 2]);
    } finally {
      await s.dispose();
    }
  });
});
