import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/paths';
import { axeViolations, describeViolations, startE2E, type E2E } from './harness';

/**
 * Issue 21 point 10, "for the ticket", in the browser on the sample: copy a finding, bookmarks with notes that
 * reach the report, changing the portal code after loading, the raw view of a JSON evidence file, the recent
 * list; axe-core clean in light and dark. Each test leaves a screenshot named after what it shows.
 */
const SAMPLE = join(ROOT, 'assets', 'sample', 'logs.zip');
// a real case (its case.json names the source), opened as a second recent entry
const CASE = join(ROOT, 'test', 'cases', 'waagent-525-fifreeze-new-volume', 'files');

describe('for the ticket', () => {
  let e: E2E;
  const axeClean = async (what: string) => {
    const vs = await axeViolations(e.page);
    expect(vs, `${what}\n${describeViolations(vs)}`).toEqual([]);
  };
  beforeAll(async () => {
    e = await startE2E({ width: 1440, height: 900 });
    await e.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(e.host.url).origin });
    await e.page.getByRole('button', { name: 'Open sample' }).click();
    await e.page.getByTestId('verdict').waitFor({ timeout: 60_000 });
  });
  afterAll(async () => {
    await e?.close();
  });
  const clipboard = () => e.page.evaluate(() => navigator.clipboard.readText());

  it('copy finding: verdict, evidence with file:line and the remedy, as Markdown and as plain text', async () => {
    const p = e.page;
    const cause = (await p.getByTestId('verdict').getAttribute('data-cause'))!;
    const card = p.locator(`article.finding[data-cause="${cause}"]`);
    const title = (await card.locator('h3').textContent())!;
    const places = await card.locator('[data-testid="evidence-line"] .ev-loc').allTextContents();
    expect(places.length).toBeGreaterThan(0);
    await card.getByRole('button', { name: 'Copy as Markdown' }).click();
    await card.getByRole('status').filter({ hasText: 'Copied' }).waitFor();
    const md = await clipboard();
    expect(md.startsWith(`### ${title} — Detected, `)).toBe(true);
    expect(md).toContain('**Evidence**');
    // every place the card shows, as the card shows it
    for (const place of places) expect(md).toContain(`- \`${place}\``);
    expect(md).toMatch(/\*\*Remedy\*\*\n\n1\. /);
    await card.getByRole('button', { name: 'Copy as text' }).click();
    const text = await clipboard();
    expect(text.startsWith(`${title} — Detected, `)).toBe(true);
    expect(text).toContain(`- ${places[0]}`);
    expect(text).not.toContain('`');
    await card.scrollIntoViewIfNeeded();
    await e.shot('copy-finding');
    await axeClean('diagnosis after copying');
  });

  it('raw file: a JSON evidence file opens pretty-printed, at the evidence', async () => {
    const p = e.page;
    const ev = p.locator('[data-testid="evidence-line"][data-raw="true"]').first();
    const file = (await ev.getAttribute('data-file'))!;
    expect(file).toMatch(/\.status$/);
    await ev.click();
    const dlg = p.getByRole('dialog');
    await dlg.getByTestId('raw-mark').waitFor();
    await expect(dlg.getByTestId('raw-scope').textContent()).resolves.toContain('whole file');
    const shown = (await dlg.getByTestId('raw-view').textContent())!;
    // pretty-printed: one key per line, indented; JSON that parses
    expect(shown.split('\n').length).toBeGreaterThan(10);
    expect(shown).toMatch(/\n {2,}"status": /);
    expect(() => JSON.parse(shown)).not.toThrow();
    // the mark is on screen inside the scrolled view
    const [view, mark] = await Promise.all([dlg.getByTestId('raw-view').boundingBox(), dlg.getByTestId('raw-mark').boundingBox()]);
    expect(mark!.y).toBeGreaterThanOrEqual(view!.y - 1);
    expect(mark!.y + Math.min(mark!.height, 40)).toBeLessThanOrEqual(view!.y + view!.height + 1);
    await e.shot('raw-file');
    await axeClean('raw file dialog');
    await p.keyboard.press('Escape');
    await dlg.waitFor({ state: 'detached' });
  });

  it('bookmark notes: a bookmark with a note, and the note in the report preview', async () => {
    const p = e.page;
    await p.getByRole('tab', { name: 'Logs' }).click();
    const row = p.getByTestId('log-row').nth(3);
    await row.waitFor();
    const loc = `${await row.getAttribute('data-file')}:${await row.getAttribute('data-line')}`;
    await row.getByRole('button', { name: `Bookmark ${loc}` }).click();
    if ((await p.getByRole('button', { name: 'Show bookmarks' }).count()) > 0) await p.getByRole('button', { name: 'Show bookmarks' }).click();
    const note = 'Customer confirms the agent was restarted here (ticket 4711).';
    await p.getByLabel(`Note on ${loc}`).fill(note);
    await expect(p.getByTestId('bookmark').count()).resolves.toBe(1);
    await axeClean('logs with a bookmark and its note');
    await p.keyboard.press('Control+e');
    const dlg = p.getByRole('dialog', { name: 'Export report' });
    await dlg.getByRole('button', { name: 'Preview' }).click();
    const frame = p.frameLocator('iframe[title="Report preview"]');
    const section = frame.locator('section.bookmarks');
    await section.waitFor({ timeout: 30_000 });
    await expect(section.textContent()).resolves.toContain(note);
    await expect(section.textContent()).resolves.toContain(loc);
    await section.scrollIntoViewIfNeeded();
    await e.shot('bookmark-notes');
    await axeClean('export dialog with the preview');
    await dlg.getByRole('button', { name: 'Close' }).click();
  });

  it('portal code change: a code entered after loading weighs the bundle again', async () => {
    const p = e.page;
    await p.getByRole('tab', { name: 'Diagnosis' }).click();
    const form = p.getByRole('form', { name: 'What the portal says' });
    await expect(p.locator('.portal-order').count()).resolves.toBe(0);
    const before = await p.getByTestId('verdict').getAttribute('data-cause');
    await form.getByLabel('Portal error code').fill('UserErrorFsFreezeTimeout');
    await form.getByRole('button', { name: 'Weigh again' }).click();
    await form.getByRole('status').filter({ hasText: 'Weighed again.' }).waitFor({ timeout: 30_000 });
    // the article's causes for the code, in its order, now lead the diagnosis; the cause stays the sample's
    const order = p.locator('.portal-order');
    await order.waitFor({ timeout: 30_000 });
    await expect(order.textContent()).resolves.toContain('UserErrorFsFreezeTimeout');
    await expect(p.getByTestId('verdict').getAttribute('data-cause')).resolves.toBe(before);
    // the bookmark of the previous test is still there: the bundle was not read again
    await p.getByRole('tab', { name: 'Logs' }).click();
    await expect(p.getByTestId('bookmark').count()).resolves.toBe(1);
    await p.getByRole('tab', { name: 'Diagnosis' }).click();
    await form.scrollIntoViewIfNeeded();
    await e.shot('portal-code-change');
    await axeClean('diagnosis with a portal code');
  });

  it('pinned failed-job time: pinned after loading, and said in the report', async () => {
    const p = e.page;
    await p.getByRole('tab', { name: 'Diagnosis' }).click();
    const form = p.getByRole('form', { name: 'What the portal says' });
    // the sample's failed task was requested at 22:00 UTC on the 19th; the field takes the engineer's local time
    const local = await p.evaluate(() => {
      const d = new Date(Date.UTC(2026, 10, 19, 22, 0));
      const two = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
    });
    await form.getByLabel(/^When the job failed/).fill(local);
    await form.getByRole('button', { name: 'Weigh again' }).click();
    await form.getByRole('status').filter({ hasText: 'Weighed again.' }).waitFor({ timeout: 30_000 });
    await expect(form.textContent()).resolves.toContain('Weighed against the failed task of');
    await p.keyboard.press('Control+e');
    const dlg = p.getByRole('dialog', { name: 'Export report' });
    await dlg.getByRole('button', { name: 'Preview' }).click();
    const pinned = p.frameLocator('iframe[title="Report preview"]').locator('p.failed-at');
    await pinned.waitFor({ timeout: 30_000 });
    await expect(pinned.textContent()).resolves.toBe('Failed job pinned at (the diagnosis weighs the failed task nearest it): 2026-11-19 22:00:00Z');
    await pinned.scrollIntoViewIfNeeded();
    await e.shot('report-failed-at');
    await axeClean('export dialog with a pinned failed-job time');
    await dlg.getByRole('button', { name: 'Close' }).click();
  });

  it('recent list: full path, verdict, remove', async () => {
    const p = e.page;
    // a second bundle, opened from a fresh window so it is not added to the first
    await p.reload();
    e.host.setDialogResult([CASE]);
    await p.getByRole('button', { name: 'Open folder…' }).click();
    await p.getByTestId('verdict').waitFor({ timeout: 60_000 });
    await p.reload();
    const list = p.getByTestId('recent-list');
    await list.waitFor();
    const items = list.locator('li');
    await expect(items.count()).resolves.toBe(2);
    const paths = await list.getByTestId('recent-path').evaluateAll((els) => els.map((el) => el.getAttribute('title')));
    expect(paths).toEqual([CASE, SAMPLE]);
    // the sample's verdict, as its diagnosis named it
    await expect(items.nth(1).textContent()).resolves.toMatch(/freeze/i);
    await e.shot('recent-list');
    await axeClean('start view with recent entries');
    await list.getByRole('button', { name: 'Remove files from the list' }).click();
    await expect.poll(() => items.count()).toBe(1);
    await expect(list.getByTestId('recent-path').getAttribute('title')).resolves.toBe(SAMPLE);
  });

  it('axe-core clean in dark too', async () => {
    const p = e.page;
    await p.getByLabel('Theme').selectOption('dark');
    await axeClean('start view, dark');
    await p.getByRole('button', { name: 'Open sample' }).click();
    await p.getByTestId('verdict').waitFor({ timeout: 60_000 });
    await axeClean('diagnosis, dark');
    await p.locator('[data-testid="evidence-line"][data-raw="true"]').first().click();
    await p.getByRole('dialog').getByTestId('raw-mark').waitFor();
    await axeClean('raw file dialog, dark');
    await p.keyboard.press('Escape');
    await p.getByRole('tab', { name: 'Logs' }).click();
    await p.getByTestId('log-row').first().click();
    await p.getByTestId('log-row').nth(2).click({ modifiers: ['Shift'] });
    await p.getByTestId('copy-selected').waitFor();
    await axeClean('logs with a selection, dark');
    await e.shot('ticket-dark');
    await p.getByLabel('Theme').selectOption('system');
  });
});
