import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';
import { startE2E, type E2E } from './harness';

/**
 * Pasted log text end to end: an excerpt quoted in an e-mail reply goes into the start view's "Paste log text"
 * box, through the IPC channel and the analysis worker, and the diagnosis shows the same verdict its file gives.
 * The excerpt is the real case test/cases/waagent-525-fifreeze-new-volume (its case.json names the source).
 */
const CASE = join(__dirname, '..', 'cases', 'waagent-525-fifreeze-new-volume', 'files');

describe('pasting a log excerpt', () => {
  let e: E2E;
  let text: string;
  let expected: string | undefined;
  beforeAll(async () => {
    text = await readFile(join(CASE, 'extension.log'), 'utf8');
    expected = (await analyzeBundle([CASE])).result.verdict.cause;
    e = await startE2E({ width: 1440, height: 900 });
  });
  afterAll(async () => {
    await e?.close();
  });

  it('the start view has a "Paste log text" box', async () => {
    await e.page.getByRole('heading', { name: 'Why did this VM backup fail?' }).waitFor();
    await expect(e.page.getByRole('button', { name: 'Analyse pasted text' }).isDisabled()).resolves.toBe(true);
  });

  it('an e-mail-quoted excerpt gives the verdict of the file it was cut from', async () => {
    const quoted = text
      .split('\n')
      .map((l) => `> ${l}`)
      .join('\n');
    await e.page.getByTestId('paste-box').fill(`Hi, this is what the customer sent:\n\n${quoted}\n\nRegards`);
    await e.page.getByRole('button', { name: 'Analyse pasted text' }).click();
    const verdict = e.page.getByTestId('verdict');
    await verdict.waitFor({ timeout: 60_000 });
    expect(expected).toBeDefined();
    await expect(verdict.getAttribute('data-cause')).resolves.toBe(expected);
    await e.shot('paste');
  });

  it('the paste\'s name follows a language switch', async () => {
    const p = e.page;
    await expect(p.locator('.bundle-name').textContent()).resolves.toBe('pasted text');
    await p.getByLabel('Language').selectOption('nl');
    await expect(p.locator('.bundle-name').textContent()).resolves.toBe('geplakte tekst');
    await p.getByLabel('Taal').selectOption('en');
    await expect(p.locator('.bundle-name').textContent()).resolves.toBe('pasted text');
  });

  it('its evidence points into the paste: "pasted text, line N", the line of the e-mail it is on', async () => {
    const lines = e.page.locator('[data-testid="evidence-line"][data-pasted="true"]');
    await lines.first().waitFor();
    const mail = `Hi, this is what the customer sent:\n\n${text}`.split('\n');
    for (const l of await lines.all()) {
      const n = Number(await l.getAttribute('data-line'));
      await expect(l.locator('.ev-loc').textContent()).resolves.toBe(`pasted text, line ${n}`);
      expect(mail[n - 1].length, `line ${n}`).toBeGreaterThan(0);
      const shown = ((await l.locator('.ev-text').textContent()) ?? '').slice(0, 20);
      expect(mail[n - 1]).toContain(shown);
    }
  });
});
