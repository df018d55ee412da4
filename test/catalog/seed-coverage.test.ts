import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CAUSES, causeById, portalCode, type AgentSummary, type AnalysisResult } from '../../src/shared';
import { RULES } from '../../src/main/analyze/rules';
import { AZURE_ONLY_RULES } from '../../src/main/analyze/rules/azure-only';
import { CAUSE_LAYER } from '../../src/main/analyze/weigh';
import { summarizeVerdict } from '../../src/main/analyze/verdict';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';
import { CONF, UBUNTU_OS, analyzeFolder, probesJson } from '../analyze/state/bundle';
import { analyzeFiles, scenario } from '../analyze/snapshot/helpers';
import { CASES_DIR, readCase } from '../accuracy/score';
import { ROOT, SEED_ARTICLE } from '../helpers/paths';
import { SEED_CAUSES, SEED_CODES, type SeedFixture } from './seed-causes';

/**
 * The seed article's every code and cause (test/catalog/seed-causes.ts) is either diagnosable from the guest, shown
 * detected with evidence by a real case or a fixture, or reported as something the guest cannot show, with what to
 * check in the portal. A code or cause that is neither fails here.
 */
const SEED = readFileSync(SEED_ARTICLE, 'utf8');
const ANCHORS = [...SEED.matchAll(/<a name="([^"]+)">/g)].map((m) => m[1]);

/** The codes of the article's "##" headings (the translation mangles its bold "Foutcode" lines, not the headings). */
function headingCodes(): string[] {
  return SEED.split('\n').flatMap((line) => {
    const m = /^## (?:<a name="[^"]*"><\/a>)+(.+)$/.exec(line);
    return m ? m[1].split(/\s+-\s+|:\s/)[0].split('/').map((s) => s.trim()).filter((c) => /^[A-Z][a-z]+(?:[A-Z][a-z0-9]*)+$/.test(c)) : [];
  });
}

const AGENT: AgentSummary = { minimumSupported: '2.2.53', supported: null, heartbeats: 0, restarts: 0, crashes: 0, goalStateErrors: 0, selfUpdateFailures: 0, disabled: false, extensionsEnabled: null, autoUpdate: null };
/** The verdict with nothing found on the guest and `code` entered, as the app gives it. */
const nothingFound = (code?: string) => summarizeVerdict([], undefined, AGENT, code, code ? portalCode(code) : undefined);

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Bundles for the causes no real case of test/cases shows yet, built as the analyzer's own tests build them. */
const FIXTURES: Record<SeedFixture, () => Promise<AnalysisResult>> = {
  // WaAppAgent.log of an agent that finds no .NET 4.5 (test/analyze/state/rules.test.ts)
  'dotnet-missing': () =>
    analyzeFolder({
      'WindowsAzure/Logs/WaAppAgent.log': [
        '[00000006] [11/19/2026 22:00:13.44] [INFO]  WindowsAzureGuestAgent starting. Version 2.7.41491.1102',
        '[00000011] [11/19/2026 22:00:15.02] [ERROR] Failed to start the communication channel: .NET Framework 4.5 is not installed on this machine.',
      ].join('\r\n'),
    }),
  // the sample VM whose agent the guest stopped during the failed task, and that came back (test/analyze/agent/sample-variants.test.ts)
  'vm-state-misreported': async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vmbd-seed-'));
    dirs.push(dir);
    cpSync(join(ROOT, 'assets', 'sample', 'vm'), dir, { recursive: true });
    const log = join(dir, 'var/log/waagent.log');
    const lines = readFileSync(log, 'utf8').split('\n');
    const at = lines.findIndex((x) => x.startsWith('2026-11-19T22:03:29'));
    const stop = '2026/11/19 23:01:10.123456 INFO Daemon Agent WALinuxAgent-2.2.45 forwarding signal 15 to WALinuxAgent-2.9.1.1';
    const start = '2026/11/19 23:06:02.000417 INFO Daemon Azure Linux Agent Version:2.2.45';
    writeFileSync(log, [...lines.slice(0, at), stop, '', start, ...lines.slice(at)].join('\n'));
    return (await analyzeBundle([dir])).result;
  },
  // a task that reached the VM 150 minutes after it was asked for: code 402 (test/analyze/snapshot/rules.test.ts)
  'snapshot-task-delayed': () => analyzeFiles(scenario(['success', { outcome: 'crp-402', requestedAt: Date.parse('2026-11-16T22:00:03.420Z') - 150 * 60_000 }]).files),
  // the SSH collection's disk sizes: a 40 TiB data disk (test/analyze/state/rules.test.ts)
  'disk-size-unsupported': () =>
    analyzeFolder({
      'etc/os-release': UBUNTU_OS,
      'etc/waagent.conf': CONF,
      'probes.json': probesJson([{ name: 'disk-sizes', ok: true, detail: 'sda 34359738368, sdc 43980465111040', data: { disks: [{ name: 'sda', sizeBytes: 32 * 1024 ** 3 }, { name: 'sdc', sizeBytes: 40 * 1024 ** 4 }] } }]),
    }),
};

describe('the seed article, code by code and cause by cause', () => {
  it('the data names every code of the article and every cause its "Cause n" links lead to', () => {
    expect(headingCodes()).toEqual([...SEED_CODES]);
    for (const code of SEED_CODES) expect(SEED_CAUSES.some((c) => c.codes.includes(code)), code).toBe(true);
    for (const c of SEED_CAUSES) {
      for (const code of c.codes) expect(SEED_CODES, c.what).toContain(code);
      expect(ANCHORS.some((a) => a.startsWith(c.section)), `${c.what}: section ${c.section}`).toBe(true);
    }
    // "Oorzaak 1: [..](#anchor)": each cause section the article links is covered
    const linked = new Set([...SEED.matchAll(/Oorzaak \d+: \[[^\]]*\]\(#([^)]+)\)/g)].map((m) => m[1]));
    expect(linked.size).toBeGreaterThanOrEqual(5);
    for (const anchor of linked) expect(SEED_CAUSES.some((c) => anchor.startsWith(c.section)), anchor).toBe(true);
  });

  it('every code leads to its causes: the catalogue walks each cause the article gives for the code', () => {
    for (const c of SEED_CAUSES) {
      if (c.answer.seen === 'job-details') continue;
      for (const code of c.codes) expect(portalCode(code)?.causes, `${code} → ${c.answer.id} (${c.what})`).toContain(c.answer.id);
    }
  });

  for (const c of SEED_CAUSES) {
    const a = c.answer;
    if (a.seen === 'guest') {
      it(`seen from the guest, with evidence: ${c.what} (${a.id})`, async () => {
        const def = causeById(a.id);
        expect(CAUSE_LAYER[a.id]).not.toBe('azure');
        expect(def.visibility).not.toBe('no');
        expect(def.signals?.length, 'what the app looks for').toBeGreaterThan(0);
        expect(RULES.some((r) => r.cause === a.id) && !AZURE_ONLY_RULES.some((r) => r.cause === a.id)).toBe(true);
        let result: AnalysisResult;
        if ('case' in a.proof) {
          const dir = join(CASES_DIR, a.proof.case);
          const def = readCase(dir);
          expect(def.negative).toBe(false);
          expect(def.expected).toContain(a.id);
          result = (await analyzeBundle([join(dir, 'files')], def.portalCode ? { portalCode: def.portalCode } : {})).result;
        } else result = await FIXTURES[a.proof.fixture]();
        const f = result.findings.find((x) => x.cause === a.id);
        expect(f?.verdict, JSON.stringify(f?.reason)).toBe('detected');
        expect(f!.evidence.length).toBeGreaterThan(0);
        expect(f!.evidence.every((e) => e.text.trim().length > 0)).toBe(true);
      }, 60_000);
    } else if (a.seen === 'azure') {
      it(`cannot be seen from the guest, with the portal check: ${c.what} (${a.id})`, () => {
        const def = causeById(a.id);
        expect(CAUSE_LAYER[a.id]).toBe('azure');
        expect(['no', 'hints']).toContain(def.visibility);
        expect(def.azureCheck?.en.trim() && def.azureCheck?.nl.trim()).toBeTruthy();
        // listed under "Check in Azure" when nothing on the guest explains the failure: with its code, and without one
        for (const code of [...c.codes, undefined]) expect(nothingFound(code).azureChecklist?.map((x) => x.cause), code ?? 'no code').toContain(a.id);
      });
    } else {
      it(`sends the engineer to the job's error details: ${c.what}`, () => {
        for (const code of c.codes) {
          const v = nothingFound(code);
          expect(v.summary).toMatch(/Backup jobs, select the failed job and read its error details/);
          expect(v.summaryNl).toMatch(/Back-uptaken, selecteer de mislukte taak en lees de foutdetails/);
        }
      });
    }
  }

  it('leaves no catalogue cause that claims the seed as its source unaccounted for', () => {
    const accounted = new Set(SEED_CAUSES.flatMap((c) => (c.answer.seen === 'job-details' ? [] : [c.answer.id])));
    for (const def of CAUSES.filter((d) => /^seed:/.test(d.source))) expect(accounted.has(def.id), def.id).toBe(true);
  });
});
