import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/main/cli';
import { ROOT } from '../helpers/paths';

/**
 * `analyze --lang nl` (issue 22: every sentence a user sees in English and Dutch): the terminal text and the
 * Markdown summary in Dutch; the JSON stays the contract (English fields with their `…Nl` siblings).
 * Real case: the freeze that never thawed (azure-linux-extensions#1868), test/cases/ext-1868-freeze-never-thawed.
 */
const CASE = join(ROOT, 'test', 'cases', 'ext-1868-freeze-never-thawed', 'files');

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { stdout: (s) => void out.push(s), stderr: (s) => void err.push(s) });
  return { code, out: out.join(''), err: err.join('') };
}

describe('analyze --lang', () => {
  it('writes the terminal text in Dutch: verdict, finding, remedy and section titles', async () => {
    const en = await run(['analyze', CASE]);
    const nl = await run(['analyze', CASE, '--lang', 'nl']);
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
    const md = await run(['analyze', CASE, '--format', 'md', '--lang', 'nl']);
    expect(md.out).toMatch(/^## Diagnose van de VM-back-up — /);
    expect(md.out).toContain('| Oorzaak | Oordeel |');
    expect(md.out).toContain('| Bevriezen van het bestandssysteem mislukte of duurde te lang | gevonden |');
    const en = JSON.parse((await run(['analyze', CASE, '--format', 'json'])).out);
    const nl = JSON.parse((await run(['analyze', CASE, '--format', 'json', '--lang', 'nl'])).out);
    expect(nl.findings).toEqual(en.findings);
    expect(nl.verdict).toEqual(en.verdict);
  });

  it('refuses a language it does not have', async () => {
    const r = await run(['analyze', CASE, '--lang', 'de']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('Unknown language: de');
  });
});

describe('collect --lang', () => {
  it('says its own usage errors in Dutch (the SSH run itself is in test/ssh/collect.integration.test.ts)', async () => {
    const none = await run(['collect', '--lang', 'nl']);
    expect(none.code).toBe(2);
    expect(none.err).toContain('geef precies één bestemming op');
    const port = await run(['collect', 'ssh://azureuser@10.0.0.4:70000', '--lang', 'nl']);
    expect(port.code).toBe(2);
    expect(port.err).toContain('geen geldige poort in ssh://azureuser@10.0.0.4:70000');
    const max = await run(['collect', 'ssh://azureuser@10.0.0.4', '--max-bytes', '0', '--lang', 'nl']);
    expect(max.err).toContain('--max-bytes moet een positief getal zijn');
    expect((await run(['collect', '--lang', 'en'])).err).toContain('give exactly one destination');
  });
});
