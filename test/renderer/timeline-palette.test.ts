import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/paths';

/**
 * The timeline's palette, read from styles.css as the app uses it: WCAG contrast ratios between neighbouring
 * phase shades, between ok and failed, of every bar's outline against the surface and of bar labels on their
 * fills, in the light and the dark theme (WCAG 2.1 1.4.11 asks 3:1 for graphics, 1.4.3 4.5:1 for text).
 */
const CSS = readFileSync(join(ROOT, 'src', 'renderer', 'styles.css'), 'utf8');

/** The custom properties declared directly in the first block whose selector is exactly `selector`. */
function vars(css: string, selector: string, from = 0): Record<string, string> {
  const at = css.indexOf(`${selector} {`, from);
  if (at < 0) throw new Error(`no block ${selector}`);
  const body = css.slice(at + selector.length + 2, css.indexOf('}', at));
  return Object.fromEntries([...body.matchAll(/--([\w-]+):\s*([^;]+);/g)].map((m) => [m[1], m[2].trim()]));
}

function luminance(hex: string): number {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  const n = parseInt(m[1], 16);
  const lin = (c: number) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(n >> 16) + 0.7152 * lin((n >> 8) & 255) + 0.0722 * lin(n & 255);
}

export function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

const section = CSS.indexOf('/* ==== Timeline palette');
const themes = {
  light: { ...vars(CSS, ':root'), ...vars(CSS, ':root', section) },
  dark: { ...vars(CSS, ":root[data-theme='dark']"), ...vars(CSS, ":root[data-theme='dark']", section) },
};

describe('timeline palette contrast', () => {
  it('computes WCAG ratios (white on black is 21:1, a colour on itself 1:1)', () => {
    expect(contrast('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrast('#3b82c4', '#3b82c4')).toBe(1);
    // GitHub's grey on white, a known 4.5-ish pair
    expect(contrast('#59636e', '#ffffff')).toBeGreaterThan(4.5);
  });

  for (const [name, v] of Object.entries(themes)) {
    describe(`${name} theme`, () => {
      it('neighbouring ok phases (the two shades) are at least 3:1 apart', () => {
        expect(contrast(v['tl-ok-a'], v['tl-ok-b'])).toBeGreaterThanOrEqual(3);
      });

      it('failed stands at least 3:1 from either ok shade', () => {
        expect(contrast(v['tl-fail'], v['tl-ok-a'])).toBeGreaterThanOrEqual(3);
        expect(contrast(v['tl-fail'], v['tl-ok-b'])).toBeGreaterThanOrEqual(3);
      });

      it('every bar outline is at least 3:1 against the surface, and the hatching against its fill', () => {
        expect(contrast(v['tl-edge'], v.surface)).toBeGreaterThanOrEqual(3);
        expect(contrast(v['tl-edge-warn'], v.surface)).toBeGreaterThanOrEqual(3);
        expect(contrast(v.muted, v.surface)).toBeGreaterThanOrEqual(3);
        expect(contrast(v['tl-hatch-fail'], v['tl-fail'])).toBeGreaterThanOrEqual(3);
        expect(contrast(v['tl-hatch-warn'], v['tl-warn'])).toBeGreaterThanOrEqual(3);
      });

      it('labels on the bars are at least 4.5:1 against their fill', () => {
        expect(contrast(v['tl-text-a'], v['tl-ok-a'])).toBeGreaterThanOrEqual(4.5);
        expect(contrast(v['tl-text-b'], v['tl-ok-b'])).toBeGreaterThanOrEqual(4.5);
        expect(contrast(v['tl-text-fail'], v['tl-fail'])).toBeGreaterThanOrEqual(4.5);
        expect(contrast(v['tl-text-warn'], v['tl-warn'])).toBeGreaterThanOrEqual(4.5);
      });
    });
  }

  it('the dark palette is the same whether the OS or the app picks the dark theme', () => {
    const media = CSS.indexOf('@media (prefers-color-scheme: dark)', section);
    expect(media).toBeGreaterThan(section);
    expect(vars(CSS, ":root:not([data-theme='light'])", media)).toEqual(vars(CSS, ":root[data-theme='dark']", section));
  });
});
