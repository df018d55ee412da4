import { chromium, type Browser, type Page } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { startTestHost, type TestHost } from '../../src/main/testhost/server';
import { ROOT, TEST_RESULTS } from '../helpers/paths';

/**
 * Starts the renderer test host (real IPC handlers, real worker) and Debian's Chromium driven by
 * playwright-core. The renderer is the production build in dist/renderer.
 */
export interface E2E {
  host: TestHost;
  browser: Browser;
  page: Page;
  shot(name: string): Promise<string>;
  close(): Promise<void>;
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'];

export async function startE2E(opts: { width?: number; height?: number; colorScheme?: 'light' | 'dark'; /** Browser zoom: 2 = 200 % (the CSS viewport shrinks by it). */ zoom?: number; /** The browser's default font size in px (the OS/browser text size; 16 unless set). */ textPx?: number; /** Draw scroll bars (headless Chromium hides them unless told). */ scrollbars?: boolean } = {}): Promise<E2E> {
  const host = await startTestHost({
    rendererDir: join(ROOT, 'dist', 'renderer'),
    workerPath: join(ROOT, 'dist', 'node', 'analysis-worker.js'),
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, ...(opts.scrollbars ? { ignoreDefaultArgs: ['--hide-scrollbars'] } : {}) });
  const zoom = opts.zoom ?? 1;
  const context = await browser.newContext({
    viewport: { width: Math.round((opts.width ?? 1366) / zoom), height: Math.round((opts.height ?? 860) / zoom) },
    deviceScaleFactor: zoom,
    colorScheme: opts.colorScheme ?? 'light',
  });
  const page = await context.newPage();
  // What a larger OS text size changes in Chromium: the default font size, which the app's rem sizes follow.
  if (opts.textPx) await (await context.newCDPSession(page)).send('Page.setFontSizes', { fontSizes: { standard: opts.textPx } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(host.url);
  // The page's load event comes before React has mounted and hooked its keyboard shortcuts: a test that pressed
  // Ctrl+O at once lost the key on a slow machine (CI, 2026-12-05). Tests begin from a window that is ready.
  await page.getByRole('button', { name: 'Open folder…' }).waitFor({ timeout: 60_000 });
  mkdirSync(TEST_RESULTS, { recursive: true });
  return {
    host,
    browser,
    page,
    shot: async (name) => {
      const path = join(TEST_RESULTS, `${name}.png`);
      await page.screenshot({ path, fullPage: false });
      return path;
    },
    close: async () => {
      await browser.close();
      await host.close();
      if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    },
  };
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; summary: string }[];
}

/**
 * Runs axe-core (WCAG 2 A/AA rules, colour contrast included) on what the page shows now and returns
 * the violations. Injected through the DevTools protocol, so the app's CSP stays as it is.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // A colour transition caught halfway (e.g. just after a theme switch) is not the colour the user reads.
  await settleTransitions(page);
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[]; failureSummary?: string }[] }[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target.map(String), summary: (n.failureSummary ?? '').slice(0, 300) })) }));
  });
}

/** Waits until every running CSS transition has ended (getAnimations flushes pending style changes first). */
export async function settleTransitions(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const running = document.getAnimations().filter((a) => a instanceof CSSTransition);
    await Promise.all(running.map((a) => a.finished.catch(() => undefined)));
  });
}

/** A readable list of violations for an assertion message. */
export function describeViolations(vs: AxeViolation[]): string {
  return vs.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')} — ${n.summary.replace(/\s+/g, ' ')}`).join('\n')}`).join('\n');
}

/**
 * Picks `value` in the top bar's Language or Theme select (by its English or Dutch name). In a window under 1280 px
 * they open from the settings button; it is closed again after.
 */
export async function chooseSetting(page: Page, label: RegExp | string, value: string): Promise<void> {
  const select = page.getByLabel(label);
  const toggle = page.locator('.settings-toggle');
  const folded = await toggle.isVisible();
  if (folded && (await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await select.selectOption(value);
  if (folded) await toggle.click();
}
