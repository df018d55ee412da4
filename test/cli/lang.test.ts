import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/paths';
import { runCli } from '../helpers/cli';

/**
 * `analyze --lang nl` (issue 22: every sentence a user sees in English and Dutch): the terminal text and the
 * Markdown summary in Dutch; the JSON stays the contract (English fields with their `…Nl` siblings).
 * Real case: the freeze that never thawed (azure-linux-extensions#1868), test/cases/ext-1868-freeze-never-thawed.
 */
const CASE = join(ROOT, 'test', 'cases', 'ext-1868-freeze-never-thawed', 'files');

describe('analyze --lang', () => {
  it('writes the terminal text in Dutch: verdict, finding, remedy and section titles', async () => {
    const en = await runCli(['analyze', CASE]);
    const nl = await runCli(['analyze', CASE, '--lang', 'nl']);
    expect(nl.code).toBe(0);
    expect(en.out).toContain('Verdict: ');
    expect(en.out).toContain('Detected causes:');
    expect(nl.out).toContain('Oordeel: ');
    expect(nl.out).toContain('Gevonden oorzaken:');
    expect(nl.out).toContain('* Bevriezen van het bestandssysteem mislukte of duurde te lang [');
    expect(nl.out).toContain('1. Controleer op dubbele koppelpunten');
    expect(nl.out).toMatch(/\[(hoog|gemiddeld|laag), hoofdoorzaak\]/);
    expect(nl.out).toContain('Ontbrekend bewijs:');
    for (const english of ['Verdict:', 'Detected causes:', 'Missing evidence:', 'Ruled out:', 'Inputs:', 'not successful']) expect(nl.out).not.toContain(english);
    // the evidence lines are the log's own words in both
    const evidence = /extension\.log:\d+ /.exec(en.out)![0];
    expect(nl.out).toContain(evidence);
  });

  it('writes the Markdown summary in Dutch and leaves the JSON as the contract has it', async () => {
    const md = await runCli(['analyze', CASE, '--format', 'md', '--lang', 'nl']);
    expect(md.out).toMatch(/^## Diagnose van de VM-back-up — /);
    expect(md.out).toContain('| Oorzaak | Oordeel |');
    expect(md.out).toContain('| Bevriezen van het bestandssysteem mislukte of duurde te lang | gevonden |');
    const en = JSON.parse((await runCli(['analyze', CASE, '--format', 'json'])).out);
    const nl = JSON.parse((await runCli(['analyze', CASE, '--format', 'json', '--lang', 'nl'])).out);
    expect(nl.findings).toEqual(en.findings);
    expect(nl.verdict).toEqual(en.verdict);
  });

  it('refuses a language it does not have', async () => {
    const r = await runCli(['analyze', CASE, '--lang', 'de']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('Unknown language: de');
  });
});

describe('usage errors of analyze and report follow --lang', () => {
  it('says the error and the usage in Dutch with --lang nl, in English without it; exit code 2 either way', async () => {
    const nl = await runCli(['analyze', '--lang', 'nl']);
    expect(nl.code).toBe(2);
    expect(nl.err).toMatch(/^analyze heeft minstens één pad nodig\.\n\nvmbackup-doctor .* — waarom mislukte deze back-up van een Azure-VM\?/);
    expect(nl.err).toContain('Afsluitcodes: ');
    // the command forms are the contract: the same lines in both languages
    const en = await runCli(['analyze']);
    expect(en.code).toBe(2);
    expect(en.err).toMatch(/^analyze needs at least one path\.\n\nvmbackup-doctor .* — why did this Azure VM backup fail\?/);
    const forms = (s: string) => s.split('\n').filter((l) => l.startsWith('  vmbackup-doctor '));
    expect(forms(nl.err)).toEqual(forms(en.err));
    expect(forms(en.err)).toHaveLength(3);
    const cases: [string[], string][] = [
      [['analyze', CASE, '--format', 'xml', '--lang=nl'], 'Onbekend formaat: xml (gebruik text, json of md).'],
      [['analyze', CASE, '--failed-at', '2026-11-19 22:01', '--lang', 'nl'], '--failed-at heeft een ISO 8601-tijd met tijdzone nodig'],
      [['analyze', CASE, '--bogus', '--lang', 'nl'], 'ongeldige opdrachtregel: "'],
      [['report', CASE, '--lang', 'nl'], 'report heeft --out FILE nodig (.pdf, .html, .md, .json of .jsonl).'],
      [['report', CASE, '--out', 'x.doc', '--lang', 'nl'], 'Het rapportformaat is niet af te leiden uit x.doc'],
      [['report', CASE, '--out', 'x.pdf', '--paper', 'A3', '--lang', 'nl'], 'Onbekend papierformaat: A3 (gebruik A4 of Letter).'],
      [['report', CASE, '--out', 'x.html', '--no-redact', '--pseudonymize', '--lang', 'nl'], '--pseudonymize werkt alleen met redactie; laat --no-redact weg.'],
      [['report', '--lang', 'nl'], 'report heeft minstens één pad nodig.'],
    ];
    for (const [args, said] of cases) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toContain(said);
      expect(r.err, args.join(' ')).toContain('Gebruik:');
    }
    expect((await runCli(['report', CASE, '--out', 'x.pdf', '--paper', 'A3'])).err).toContain('Unknown paper size: A3 (use A4 or Letter).');
  });

  it('prints the help and an unknown command in the language asked for', async () => {
    const help = await runCli(['--help', '--lang', 'nl']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('Gebruik:');
    expect((await runCli(['--help'])).out).toContain('Usage:');
    const unknown = await runCli(['diagnose', '--lang', 'nl']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/^Onbekende opdracht: diagnose\n/);
  });
});

describe('collect --lang', () => {
  it('says its own usage errors in Dutch (the SSH run itself is in test/ssh/collect.integration.test.ts)', async () => {
    const none = await runCli(['collect', '--lang', 'nl']);
    expect(none.code).toBe(2);
    expect(none.err).toContain('geef precies één bestemming op');
    const port = await runCli(['collect', 'ssh://azureuser@10.0.0.4:70000', '--lang', 'nl']);
    expect(port.code).toBe(2);
    expect(port.err).toContain('geen geldige poort in ssh://azureuser@10.0.0.4:70000');
    const max = await runCli(['collect', 'ssh://azureuser@10.0.0.4', '--max-bytes', '0', '--lang', 'nl']);
    expect(max.err).toContain('--max-bytes moet een positief getal zijn');
    expect((await runCli(['collect', '--lang', 'en'])).err).toContain('give exactly one destination');
    // an option Node cannot parse: its words quoted in a Dutch sentence, as analyze says it
    const bogus = await runCli(['collect', 'ssh://azureuser@10.0.0.4', '--bogus', '--lang', 'nl']);
    expect(bogus.code).toBe(2);
    expect(bogus.err).toMatch(/^vmbackup-doctor collect: ongeldige opdrachtregel: ".*--bogus.*"\n$/);
    expect((await runCli(['collect', 'ssh://azureuser@10.0.0.4', '--bogus'])).err).toMatch(/^vmbackup-doctor collect: Unknown option '--bogus'/);
  });
});
