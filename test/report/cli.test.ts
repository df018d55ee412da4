import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { main } from '../../src/main/cli';
import { formatFromPath } from '../../src/main/cli/report';
import { findChromium } from '../../src/main/report/chromium';
import { SAMPLE } from '../helpers/paths';
import { CHROMIUM, HAVE_POPPLER, pdfInfo, pdfText } from './pdf-helpers';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (s: string) => void out.push(s), stderr: (s: string) => void err.push(s) }, out, err };
}
const dir = mkdtempSync(join(tmpdir(), 'vmbd-report-cli-'));

describe('vmbackup-doctor report', () => {
  it('takes the format from the --out extension', () => {
    expect(formatFromPath('/x/report.PDF')).toBe('pdf');
    expect(formatFromPath('timeline.jsonl')).toBe('jsonl');
    expect(formatFromPath('r.htm')).toBe('html');
    expect(formatFromPath('r.md')).toBe('md');
    expect(formatFromPath('r.json')).toBe('json');
    expect(formatFromPath('r.docx')).toBeUndefined();
  });

  it('usage errors exit 2, unreadable input and a missing printer exit 1', async () => {
    expect(await main(['report', SAMPLE], capture().io)).toBe(2); // no --out
    expect(await main(['report', '--out', join(dir, 'a.html')], capture().io)).toBe(2); // no path
    expect(await main(['report', SAMPLE, '--out', join(dir, 'a.docx')], capture().io)).toBe(2);
    expect(await main(['report', SAMPLE, '--out', join(dir, 'a.html'), '--lang', 'de'], capture().io)).toBe(2);
    expect(await main(['report', SAMPLE, '--out', join(dir, 'a.html'), '--paper', 'A3'], capture().io)).toBe(2);
    expect(await main(['report', SAMPLE, '--out', join(dir, 'a.html'), '--no-redact', '--pseudonymize'], capture().io)).toBe(2);
    expect(await main(['report', SAMPLE, '--out', join(dir, 'a.html'), '--bogus'], capture().io)).toBe(2);
    const c = capture();
    expect(await main(['report', '/nonexistent/bundle.zip', '--out', join(dir, 'a.html')], c.io)).toBe(1);
    expect(c.err.join('')).toMatch(/no input could be read/);
    const p = capture();
    expect(await main(['report', SAMPLE, '--out', join(dir, 'a.pdf'), '--chromium', '/nonexistent/chromium'], p.io)).toBe(1);
    expect(p.err.join('')).toMatch(/--chromium \/nonexistent\/chromium is not an executable/);
    expect(findChromium(undefined, { PATH: '/nonexistent', CHROMIUM_PATH: '/nonexistent/c' })).toBe(CHROMIUM ? findChromium(undefined, { PATH: '' }) : undefined);
  });

  it('a printer that fails exits 1 with the reason', async () => {
    const c = capture();
    // /bin/false is executable but is no browser: playwright's launch fails
    expect(await main(['report', SAMPLE, '--out', join(dir, 'x.pdf'), '--chromium', '/bin/false'], c.io)).toBe(1);
    expect(c.err.join('')).toMatch(/could not write the PDF report/);
  }, 90_000);

  it('writes html, md, json and jsonl for the sample bundle; json is the analyze document', async () => {
    for (const ext of ['html', 'md', 'json', 'jsonl']) {
      const c = capture();
      expect(await main(['report', SAMPLE, '--out', join(dir, `sample.${ext}`)], c.io)).toBe(0);
      expect(c.err.join('')).toMatch(/^Wrote /);
    }
    expect(readFileSync(join(dir, 'sample.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
    expect(readFileSync(join(dir, 'sample.md'), 'utf8')).toMatch(/^## VM backup diagnosis/);
    const json = JSON.parse(readFileSync(join(dir, 'sample.json'), 'utf8'));
    const a = capture();
    expect(await main(['analyze', SAMPLE, '--format', 'json'], a.io)).toBe(0);
    const analyzed = JSON.parse(a.out.join(''));
    // Same document shape and contract fields (the values are the pipeline's, compared in render.test.ts).
    expect(Object.keys(json)).toEqual(Object.keys(analyzed));
    // a report is redacted: the engineer's own folders are left out of the input paths
    expect(json.inputs).toEqual(analyzed.inputs.map((i: { path: string }) => ({ ...i, path: basename(i.path) })));
    expect(json.findings.map((f: { cause: string }) => f.cause).sort()).toEqual(analyzed.findings.map((f: { cause: string }) => f.cause).sort());
    for (const line of readFileSync(join(dir, 'sample.jsonl'), 'utf8').split('\n').filter(Boolean)) {
      expect(JSON.parse(line)).toMatchObject({ message: expect.any(String), datetime: expect.any(String), timestamp_desc: expect.any(String) });
    }
  });

  it.skipIf(!CHROMIUM || !HAVE_POPPLER)('prints the sample bundle to PDF on Letter in Dutch', async () => {
    const file = join(dir, 'sample.pdf');
    const c = capture();
    expect(await main(['report', SAMPLE, '--out', file, '--lang', 'nl', '--paper', 'Letter', '--portal-code', 'UserErrorFsFreezeTimeout'], c.io)).toBe(0);
    const pdf = readFileSync(file);
    expect(pdfInfo(pdf)['Page size']).toMatch(/^612 x 792/);
    const text = pdfText(pdf);
    expect(text).toContain('Diagnose VM-back-up');
    expect(text).toContain('UserErrorFsFreezeTimeout');
  }, 90_000);
});
