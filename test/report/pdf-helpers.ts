import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChromium } from '../../src/main/report/chromium';
import { TEST_RESULTS } from '../helpers/paths';

export const CHROMIUM = findChromium();
export const HAVE_POPPLER = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const work = mkdtempSync(join(tmpdir(), 'vmbd-report-test-'));
let n = 0;

/** The text of a PDF as pdftotext sees it. */
export function pdfText(pdf: Buffer): string {
  const p = join(work, `t${n++}.pdf`);
  writeFileSync(p, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', p, '-'], { encoding: 'utf8' });
}

export function pdfInfo(pdf: Buffer): Record<string, string> {
  const p = join(work, `i${n++}.pdf`);
  writeFileSync(p, pdf);
  const out = execFileSync('pdfinfo', [p], { encoding: 'utf8' });
  return Object.fromEntries(out.split('\n').filter((l) => l.includes(':')).map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]));
}

/** Renders pages first..last to `test-results/<name>-page-<n>.png` (to look at, and for the CI artefacts). */
export function renderPages(pdf: Buffer, name: string, first = 1, last = 2): string[] {
  mkdirSync(TEST_RESULTS, { recursive: true });
  const p = join(work, `${name}.pdf`);
  writeFileSync(p, pdf);
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', String(first), '-l', String(last), p, join(TEST_RESULTS, `${name}-page`)]);
  // pdftoppm pads the page number by the page count's digits; normalise to -page-1.png
  const out: string[] = [];
  for (let i = first; i <= last; i++) {
    for (const cand of [`${name}-page-${i}.png`, `${name}-page-0${i}.png`, `${name}-page-00${i}.png`]) {
      const full = join(TEST_RESULTS, cand);
      if (existsSync(full)) {
        const want = join(TEST_RESULTS, `${name}-page-${i}.png`);
        if (full !== want) execFileSync('mv', ['-f', full, want]);
        out.push(want);
        break;
      }
    }
  }
  return out;
}

/** Compares ignoring whitespace and hyphens: pdftotext breaks lines where the layout wrapped them and drops a hyphen at a break. */
export const squash = (s: string) => s.replace(/[\s\u00AD`-]+/g, '');
