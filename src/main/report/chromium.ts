import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { PdfPrinter } from './service';

/**
 * The CLI's PDF printer: a headless Chromium already on the machine, driven by playwright-core. The
 * page gets the report HTML with JavaScript off and every network request refused, so a hostile string
 * that somehow escaped the HTML could still neither run nor load anything.
 */

const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge', 'microsoft-edge-stable', 'brave-browser'];
const FIXED = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome',
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
];

const executable = (p: string) => {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** Finds a Chromium: an explicit path, `CHROMIUM_PATH`, well-known locations, then the PATH. */
export function findChromium(explicit?: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (explicit) return executable(explicit) ? explicit : undefined;
  if (env.CHROMIUM_PATH && executable(env.CHROMIUM_PATH)) return env.CHROMIUM_PATH;
  for (const p of FIXED) if (executable(p)) return p;
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const n of NAMES) {
      const p = join(dir, n);
      if (executable(p)) return p;
    }
  }
  return undefined;
}

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

export const FOOTER_TEMPLATE = '<div style="font-size:8px;width:100%;text-align:center;color:#667;font-family:sans-serif"><span class="pageNumber"></span> / <span class="totalPages"></span></div>';

export function createChromiumPrinter(executablePath: string, opts: { timeoutMs?: number } = {}): PdfPrinter {
  return async (html, paper) => {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout: opts.timeoutMs ?? 60_000 });
    try {
      const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
      await context.route('**/*', (route) => route.abort());
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: 'load', timeout: opts.timeoutMs ?? 60_000 });
      return await page.pdf({
        format: paper,
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: '<span></span>',
        footerTemplate: FOOTER_TEMPLATE,
        margin: { top: '14mm', bottom: '16mm', left: '13mm', right: '13mm' },
      });
    } finally {
      await browser.close().catch(() => undefined);
    }
  };
}
