// The pipeline's, the app's main side's and the parsers' remaining own sentences in the reader's language
// (issue 22, "Dutch throughout"): "no input could be read" and the worker's and IPC's errors, the warning about
// evidence that could not be read back, an input's kind and a paste's name, the goal-state details of the
// waagent catalogue, the disable_agent marker's evidence and a goal state's request in the extension history.
// The English stays what the JSON and the worker's `error` have always carried. Inputs are real cases of test/cases
// and the waagent catalogue's own samples.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileContent } from '../../src/main/ingest/content';
import { parseDisableAgent } from '../../src/main/parse/state/markers';
import { CATALOGUE } from '../../src/main/parse/waagent/catalogue';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';
import { fillDeferredEvidence } from '../../src/main/pipeline/evidence-text';
import { InProcessAnalysisService } from '../../src/main/worker/in-process';
import type { Evidence, Fact } from '../../src/shared';
import { errorIn, errorNote, renderAnalysis } from '../../src/shared/i18n/analysis';
import { inputIn, labelsFor } from '../../src/shared/i18n/labels';
import { plainFact, parseBothWays } from '../helpers/waagent-facts';
import { ROOT } from '../helpers/paths';
import { runCli } from '../helpers/cli';

const CASES = join(ROOT, 'test', 'cases');
const MISSING = join(tmpdir(), 'vmbd-no-such-bundle', 'logs.zip');

describe('no input could be read', () => {
  it('the CLI says it in Dutch with --lang nl, and in English as before without', async () => {
    const en = await runCli(['analyze', MISSING]);
    const nl = await runCli(['analyze', MISSING, '--lang', 'nl']);
    expect([en.code, nl.code]).toEqual([1, 1]);
    expect(en.err).toMatch(/^vmbackup-doctor: no input could be read: cannot read .*logs\.zip: it does not exist\n/);
    expect(nl.err).toMatch(/^vmbackup-doctor: geen invoer kon worden gelezen: .*logs\.zip kan niet worden gelezen: het bestaat niet\n/);
    const report = await runCli(['report', MISSING, '--lang', 'nl', '--out', join(tmpdir(), 'vmbd-never-written.html')]);
    expect(report.err).toMatch(/^vmbackup-doctor: geen invoer kon worden gelezen: /);
  });

  it("the worker's answer carries it as a message, which the window shows in its language", async () => {
    const service = new InProcessAnalysisService();
    const r = await service.open([MISSING], {});
    if (r.ok) throw new Error('a missing path was read');
    expect(r.note?.key).toBe('pipeline.no-input');
    expect(r.error).toMatch(/^no input could be read: cannot read /);
    expect(errorIn('nl', r)).toMatch(/^geen invoer kon worden gelezen: .* kan niet worden gelezen: het bestaat niet$/);
    const again = await service.rediagnose({});
    if (again.ok) throw new Error('rediagnosed nothing');
    expect([again.error, errorIn('nl', again)]).toEqual(['Open a bundle first.', 'Open eerst een bundel.']);
  });

  it("an exception the app has no words for keeps its text, quoted in Dutch", () => {
    const note = errorNote(new Error("EACCES: permission denied, open '/home/support/vmbackup-diagnosis.pdf'"));
    expect(renderAnalysis(note, 'en')).toBe("EACCES: permission denied, open '/home/support/vmbackup-diagnosis.pdf'");
    expect(renderAnalysis(note, 'nl')).toBe('Dat is mislukt: "EACCES: permission denied, open \'/home/support/vmbackup-diagnosis.pdf\'"');
  });
});

describe('evidence whose text could not be read back', () => {
  it('warns in both languages, with the error quoted in Dutch', async () => {
    const at = (fileId: number): Evidence => ({ file: 'var/log/waagent.log', line: 12, time: null, text: '', textAt: { fileId, offset: 0, length: 80 } });
    const unreadable = { read: async () => Promise.reject(new Error("EACCES: permission denied, open '/tmp/bundle/var/log/waagent.log'")) } as unknown as FileContent;
    const notes = await fillDeferredEvidence({ evidence: [at(0), at(0), at(1)] }, [{ vmPath: 'var/log/waagent.log', content: unreadable }]);
    // (files in any order)
    notes.sort((a, b) => a.params.path.localeCompare(b.params.path));
    expect(notes.map((n) => renderAnalysis(n, 'en'))).toEqual([
      'file #1: the text of 1 evidence line could not be read back (file not in this bundle)',
      "var/log/waagent.log: the text of 2 evidence lines could not be read back (EACCES: permission denied, open '/tmp/bundle/var/log/waagent.log')",
    ]);
    expect(notes.map((n) => renderAnalysis(n, 'nl'))).toEqual([
      'file #1: de tekst van 1 bewijsregel kon niet opnieuw worden gelezen (het bestand zit niet in deze bundel)',
      'var/log/waagent.log: de tekst van 2 bewijsregels kon niet opnieuw worden gelezen ("EACCES: permission denied, open \'/tmp/bundle/var/log/waagent.log\'")',
    ]);
  });
});

describe('an input in words', () => {
  const folder = join(CASES, 'ext-1868-freeze-never-thawed', 'files');

  it('names a folder and a paste in the reader\'s language; the JSON keeps its ids', async () => {
    const en = await runCli(['analyze', folder]);
    const nl = await runCli(['analyze', folder, '--lang', 'nl']);
    expect(en.out).toMatch(/Inputs: .*files \(folder, 1 file, 1 warning\)/);
    expect(nl.out).toMatch(/Invoer: .*files \(map, 1 bestand, 1 waarschuwing\)/);
    const json = JSON.parse((await runCli(['analyze', folder, '--format', 'json', '--lang', 'nl'])).out);
    expect(json.inputs[0].kind).toBe('folder');
    // a waagent.log excerpt given on standard input (case 2960's log)
    const pasted = await runCli(['analyze', '-', '--lang', 'nl'], readFileSync(join(CASES, 'neg-waagent-2960-transient-goal-state-error-recovered', 'files', 'waagent.log'), 'utf8'));
    expect(pasted.out).toMatch(/Invoer: geplakte tekst \(fragment, /);
    expect(pasted.out).not.toMatch(/pasted/);
    expect(inputIn(labelsFor('en'), { path: 'pasted text', kind: 'pasted-text' })).toEqual({ name: 'pasted text', kind: 'excerpt' });
  });
});

describe("the waagent catalogue's goal-state details", () => {
  const connectivity = async (text: string) => (await parseBothWays(text)).objects.map(plainFact).filter((f): f is Extract<Fact, { kind: 'connectivity' }> => f.kind === 'connectivity');

  it('the bare goal-state error: its English as before, the log message quoted in Dutch', async () => {
    const log = readFileSync(join(CASES, 'learn-linux-agent-goal-state-unreachable', 'files', 'waagent.log'), 'utf8');
    const [f] = await connectivity(log);
    expect(f.detail).toBe('An error occurred while retrieving the goal state (no error on this line; Microsoft documents this message for a WireServer unreachable from the VM)');
    expect(renderAnalysis(f.note!, 'nl')).toBe('"An error occurred while retrieving the goal state" (zonder fout op deze regel; Microsoft documenteert deze melding voor een WireServer die de VM niet kan bereiken)');
  });

  it('a recovered fetch', async () => {
    const log = readFileSync(join(CASES, 'neg-waagent-2960-transient-goal-state-error-recovered', 'files', 'waagent.log'), 'utf8');
    const ok = (await connectivity(log)).filter((f) => f.ok);
    expect(ok.length).toBeGreaterThan(0);
    expect(ok.map((f) => [f.detail, renderAnalysis(f.note!, 'nl')])).toContainEqual(['goal state fetch recovered', 'het ophalen van de doelstatus is hersteld']);
  });

  it('the Extensions.Enabled and AutoUpdate.Enabled banners quote the log in Dutch', async () => {
    for (const id of ['extensions-disabled-banner', 'autoupdate-disabled']) {
      const line = CATALOGUE.find((e) => e.id === id)!.samples[0][0];
      const facts = (await parseBothWays(`${line}\n`)).objects.map(plainFact);
      const banner = facts.find((f) => f.kind === 'config-banner');
      expect(banner && banner.kind === 'config-banner' && [banner.detail, banner.note && renderAnalysis(banner.note, 'nl')], id).toEqual([
        expect.stringMatching(/^(Extensions|AutoUpdate)\.Enabled is set to False$/),
        expect.stringMatching(/^"(Extensions|AutoUpdate)\.Enabled is set to False"$/),
      ]);
    }
  });
});

describe('what else the parsers and the history say', () => {
  it("the disable_agent marker's evidence is the file itself, not a sentence of ours", async () => {
    const facts: Fact[] = [];
    const file = { id: 0, vmPath: 'var/lib/waagent/disable_agent', kind: 'disable-agent', size: 0, truncated: false, origin: 'disable_agent', input: 0, warnings: [] } as never;
    await parseDisableAgent({ file, content: undefined as never }, { record: () => undefined, fact: (f) => void facts.push(f), warn: () => undefined });
    expect(facts.map((f) => f.at.text)).toEqual(['/var/lib/waagent/disable_agent', '/var/lib/waagent/disable_agent']);
  });

  it("a goal state's request for a handler reads in Dutch in the extension history", async () => {
    // WALinuxAgent's own test goal state (test/fixtures/corpus, Apache-2.0) where the agent keeps it
    const root = mkdtempSync(join(tmpdir(), 'app-texts-'));
    mkdirSync(join(root, 'var', 'lib', 'waagent'), { recursive: true });
    copyFileSync(join(ROOT, 'test', 'fixtures', 'corpus', 'waagent', 'tests', 'data', 'hibernate', 'goal_state_1', 'ExtensionsConfig.xml'), join(root, 'var', 'lib', 'waagent', 'ExtensionsConfig.1.xml'));
    const { result } = await analyzeBundle([root]);
    const requested = result.extensions.flatMap((e) => e.history).filter((h) => h.op === 'goal-state');
    expect(requested.length).toBeGreaterThan(0);
    for (const h of requested) {
      expect(h.message).toMatch(/^requested /);
      expect(h.messageNl).toMatch(/^gevraagd: /);
    }
  });
});
