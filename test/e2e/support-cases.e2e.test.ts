import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { causeById } from '../../src/shared';
import { anotherVmBeside } from '../accuracy/perturb';
import { CASES_DIR } from '../accuracy/score';
import { writeBundle } from '../helpers/bundle';
import { axeViolations, chooseSetting, describeViolations, type E2E, startE2E } from './harness';

/**
 * A support engineer's questions on real cases, keyboard only: why did this backup fail, what is the evidence, what
 * do I tell the customer. A healthy log at low confidence must not read as an answer; a Windows event export without
 * times still shows its task; an evidence line takes the keyboard to its record; the Dutch UI says it all in Dutch.
 */
describe('real cases as a support engineer reads them', () => {
  let e: E2E | undefined;
  const tmp: string[] = [];
  afterEach(async () => {
    await e?.close();
    e = undefined;
    for (const d of tmp.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const open = async (path: string, size: { width: number; height: number } = { width: 1280, height: 800 }) => {
    e = await startE2E(size);
    e.host.setDialogResult([path]);
    await e.page.keyboard.press('Control+Shift+o');
    await e.page.getByTestId('verdict').waitFor({ timeout: 60_000 });
    return e.page;
  };
  const dutch = async () => {
    await chooseSetting(e!.page, 'Language', 'nl');
    await e!.page.getByRole('tab', { name: 'Diagnose' }).waitFor();
  };

  it('a healthy log at low confidence says the logs cannot tell, and what to collect (English and Dutch)', async () => {
    const p = await open(join(CASES_DIR, 'neg-learn-linux-agent-service-running', 'files'));
    const v = p.getByTestId('verdict');
    await expect(v.getAttribute('data-established')).resolves.toBe('false');
    await expect(v.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('These logs do not show why the backup failed');
    await expect(p.getByTestId('possible-cause').textContent()).resolves.toBe(`Possible cause, at low confidence: ${causeById('agent-outdated').title.en}`);
    expect(await v.getByRole('list', { name: 'To tell, collect' }).getByRole('listitem').count()).toBeGreaterThan(0);
    const vs = await axeViolations(p);
    expect(vs, describeViolations(vs)).toEqual([]);
    await e!.shot('support-low-confidence');
    await dutch();
    await expect(v.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Deze logs tonen niet waarom de back-up mislukte');
    await expect(p.getByTestId('possible-cause').textContent()).resolves.toBe(`Mogelijke oorzaak, met lage zekerheid: ${causeById('agent-outdated').title.nl}`);
  });

  it('a Windows event export without times: the verdict in Dutch, and the timeline lists the task it found', async () => {
    const p = await open(join(CASES_DIR, 'win-learn-vss-hold-writes-timeout-iops', 'files'));
    await dutch();
    const v = p.getByTestId('verdict');
    // the Windows title of the cause, and only the codes a Windows VM's backup can fail with
    await expect(v.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(causeById('fsfreeze-failed').titleWindows!.nl);
    await expect(v.locator('.chip').allTextContents()).resolves.toEqual(['ExtensionFailedVssWriterInBadState', 'ExtensionFailedVssServiceInBadState', 'ExtensionSnapshotBitlockerError']);
    await expect(p.locator('main').textContent()).resolves.not.toMatch(/UserErrorFsFreeze|UserErrorUnableToOpenMount/);
    // the analysis' Dutch summary (the extension's own message inside it stays as the VM wrote it)
    await expect(v.locator('.verdict-summary').textContent()).resolves.toMatch(/^De momentopnametaak \(geen taak-id in de logs\) bereikte de back-upext/);
    await p.keyboard.press('Control+2');
    const empty = p.getByTestId('empty-lanes');
    await expect(empty.textContent()).resolves.toContain('1 momentopnametaak zonder tijd');
    await expect(p.getByTestId('task-row').count()).resolves.toBe(1);
    await expect(p.getByTestId('task-summary').textContent()).resolves.toBe('1 momentopnametaak: 0 gelukt, 1 mislukt');
    await e!.shot('support-untimed-task-nl');
  });

  it('Enter on an evidence line puts the keyboard on that record in the log list', async () => {
    const p = await open(join(CASES_DIR, 'ext-1868-freeze-never-thawed', 'files'));
    let line: string | null = null;
    for (let i = 0; i < 80 && line === null; i++) {
      await p.keyboard.press('Tab');
      line = await p.evaluate(() => (document.activeElement?.getAttribute('data-testid') === 'evidence-line' ? document.activeElement.getAttribute('data-line') : null));
    }
    expect(line).not.toBeNull();
    await p.keyboard.press('Enter');
    await p.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'log-scroll' && !!document.activeElement.getAttribute('aria-activedescendant'), null, { timeout: 30_000 });
    const row = await p.evaluate(() => {
      const id = document.activeElement!.getAttribute('aria-activedescendant')!;
      return document.getElementById(id)?.getAttribute('data-line');
    });
    expect(row).toBe(line);
    await e!.shot('support-evidence-keyboard');
  });

  /** waagent-797's log (VM-local times) with a healthy VM's log beside it, as one bundle. */
  const twoVms = () => {
    const dir = mkdtempSync(join(tmpdir(), 'vmbd-e2e-support-'));
    tmp.push(dir);
    const at = join(dir, 'case-4711');
    writeBundle(at, anotherVmBeside([['var/log/waagent.log', readFileSync(join(CASES_DIR, 'waagent-797-wireserver-503-blocked', 'files', 'waagent.log'), 'utf8')]])!);
    return at;
  };

  it('evidence lines in VM-local time: the time and its zone never run into the log text (English and Dutch)', async () => {
    const p = await open(twoVms());
    const overlaps = () =>
      p.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('.ev-line')].flatMap((b) => {
          const time = b.querySelector<HTMLElement>('.ev-time')!;
          const text = b.querySelector<HTMLElement>('.ev-text')!.getBoundingClientRect();
          const out: string[] = [];
          if (time.scrollWidth > time.clientWidth + 1) out.push(`${time.innerText}: ${time.scrollWidth} px in ${time.clientWidth}`);
          if (time.getBoundingClientRect().right > text.left + 1) out.push(`${time.innerText} runs into the text`);
          return out;
        }),
      );
    await expect(p.locator('.ev-time').filter({ hasText: '(VM local)' }).count()).resolves.toBeGreaterThan(0);
    await expect(overlaps()).resolves.toEqual([]);
    await dutch();
    await expect(overlaps()).resolves.toEqual([]);
    await p.locator('ul.evidence').first().scrollIntoViewIfNeeded();
    await e!.shot('support-evidence-vm-local-nl');
  });

  it('a two-VM bundle in Dutch at 900 px: every timeline lane name starts inside the chart', async () => {
    const p = await open(twoVms(), { width: 900, height: 800 });
    await dutch();
    await p.keyboard.press('Control+2');
    await p.getByTestId('lane-label').first().waitFor();
    const labels = await p.evaluate(() => {
      const svg = document.querySelector('.lanes-chart')!.getBoundingClientRect();
      return [...document.querySelectorAll<SVGTextElement>('[data-testid="lane-label"]')].map((t) => ({ text: t.textContent ?? '', left: t.getBoundingClientRect().left - svg.left }));
    });
    expect(labels.map((l) => l.text)).toContain('Back-upmomentopnamen');
    for (const l of labels) expect(l.left, l.text).toBeGreaterThanOrEqual(0);
    await e!.shot('support-two-vms-timeline-nl');
  });
});
