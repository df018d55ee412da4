import { chromium, type Browser, type Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
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

export async function startE2E(opts: { width?: number; height?: number; colorScheme?: 'light' | 'dark' } = {}): Promise<E2E> {
  const host = await startTestHost({
    rendererDir: join(ROOT, 'dist', 'renderer'),
    workerPath: join(ROOT, 'dist', 'node', 'analysis-worker.js'),
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: opts.width ?? 1366, height: opts.height ?? 860 }, colorScheme: opts.colorScheme ?? 'light' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(host.url);
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
