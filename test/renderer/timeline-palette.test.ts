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

  /** The colour a rule in styles.css gives `prop` (`var(--x)` resolved in `theme`). */
  const ruleColour = (selector: string, prop: string, theme: Record<string, string>): string => {
    const at = CSS.indexOf(`${selector} {`);
    if (at < 0) throw new Error(`no rule ${selector}`);
    const body = CSS.slice(at, CSS.indexOf('}', at));
    const v = new RegExp(`\\b${prop}:\\s*([^;]+);`).exec(body)?.[1].trim();
    if (!v) throw new Error(`no ${prop} in ${selector}`);
    const ref = /^var\(--([\w-]+)\)$/.exec(v);
    return ref ? theme[ref[1]] : v;
  };
  // the tones an event marker takes (TimelineView MARKER_TONES)
  const MARKER_TONES = ['error', 'warning', 'info', 'ok'];

  for (const [name, v] of Object.entries(themes)) {
    describe(`${name} theme, event markers and groups`, () => {
      it('each kind of marker and group badge stands at least 3:1 from the chart, and from a neighbour by its outline', () => {
        for (const tone of MARKER_TONES) {
          const fill = ruleColour(`.marker.tone-${tone} .tl-mark,\n.marker.tone-${tone} .tl-pill`, 'fill', v);
          // the chart is drawn on the surface; markers touching each other are parted by a surface outline
          expect(contrast(fill, v.surface), tone).toBeGreaterThanOrEqual(3);
          expect(ruleColour('.marker .tl-mark,\n.marker .tl-pill', 'stroke', v)).toBe(v.surface);
          // a mixed group's second outline, on the surface, in the badge's colour
          expect(contrast(ruleColour(`.marker.tone-${tone} .tl-stack`, 'stroke', v), v.surface), `${tone} stack`).toBeGreaterThanOrEqual(3);
        }
      });

      it('a group badge\'s sign is at least 3:1 and its count 4.5:1 against the badge', () => {
        for (const tone of MARKER_TONES) {
          const badge = ruleColour(`.marker.tone-${tone} .tl-mark,\n.marker.tone-${tone} .tl-pill`, 'fill', v);
          const special = tone === 'warning';
          const text = special ? ruleColour('.tl-group.tone-warning text,\n.tl-group.tone-warning .tl-glyph', 'fill', v) : ruleColour('.tl-group text', 'fill', v);
          const glyph = special ? text : ruleColour('.tl-group .tl-glyph', 'fill', v);
          expect(contrast(text, badge), `${tone} count`).toBeGreaterThanOrEqual(4.5);
          expect(contrast(glyph, badge), `${tone} sign`).toBeGreaterThanOrEqual(3);
        }
      });
    });
  }

  it('the dark palette is the same whether the OS or the app picks the dark theme', () => {
    const media = CSS.indexOf('@media (prefers-color-scheme: dark)', section);
    expect(media).toBeGreaterThan(section);
    expect(vars(CSS, ":root:not([data-theme='light'])", media)).toEqual(vars(CSS, ":root[data-theme='dark']", section));
  });
});
