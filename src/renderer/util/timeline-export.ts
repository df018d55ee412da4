import { visibleControls } from '../../shared/visible';
import { DEFAULT_REM_PX, remPx } from './rem';

/**
 * The drawn timeline as a standalone image: the lanes' SVG cloned with each element's computed style
 * written inline (the file has no stylesheet, and the theme's colours are what was on screen), every
 * interactive attribute dropped and every text escaped, then serialised, or rasterised through a canvas.
 */

/** What styles.css sets on the chart's shapes and texts. */
const PROPS = ['fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity', 'opacity', 'font-family', 'font-size', 'font-weight', 'font-style', 'paint-order'] as const;
/** Attributes that only mean something in the app (focus, ARIA, test ids, classes now inlined). */
const DROP = /^(?:class|tabindex|role|aria-.*|data-.*|style|focusable)$/;
const SVG_NS = 'http://www.w3.org/2000/svg';

/** Characters XML 1.0 cannot hold (lone surrogates, U+FFFE/U+FFFF) become U+FFFD; controls and bidi become visible escapes. */
export function safeXmlText(s: string): string {
  return visibleControls(s).replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|[\uFFFE\uFFFF]/g, '\uFFFD');
}

/** A computed `url("…#id")` (Chromium may make it absolute) back to the document-local `url(#id)`. */
const localUrl = (v: string) => v.replace(/url\(["']?[^"'#)]*(#[\w-]+)["']?\)/g, 'url($1)');

export interface SvgExportOptions {
  /** A line of text above the chart (what, which VM, which window). */
  title: string;
  /** The chart's background (the image is opaque, like the screen). */
  background: string;
  /** Height of the title line (28 px at a 16 px root, scaled with the root font size). */
  header?: number;
  /**
   * The on-screen legend (an HTML list of swatches and words): drawn under the chart, so the picture
   * says what the fills, the hatching and the markers mean without the app beside it.
   */
  legend?: Element;
}

/** Each element of `from` gets, on its counterpart in `to`, the styles it was drawn with, and loses app-only attributes. */
function inlineStyles(from: Element[], to: Element[], skip?: Element): void {
  from.forEach((el, i) => {
    const out = to[i];
    const cs = getComputedStyle(el);
    const style = PROPS.map((p) => [p, cs.getPropertyValue(p).trim()] as const)
      .filter(([, v]) => v !== '')
      .map(([p, v]) => `${p}:${localUrl(v)}`)
      .join(';');
    for (const a of Array.from(out.attributes)) if (DROP.test(a.name)) out.removeAttribute(a.name);
    for (const a of Array.from(out.attributes)) out.setAttribute(a.name, safeXmlText(a.name === 'fill' || a.name === 'clip-path' ? localUrl(a.value) : a.value));
    if (style && el !== skip) out.setAttribute('style', style);
  });
}

/** A legend row and the gap between items, for the legend's 12 px words (0.75rem): scaled with their size. */
const LEGEND_ROW = 20;
const LEGEND_GAP = 16;
const LEGEND_FONT = 12;

/**
 * The legend as SVG, in rows `width` wide: each item's swatches (cloned, styles inlined) and words in
 * the order they stand on screen, words measured as drawn (estimated where nothing is laid out).
 */
function legendToSvg(legend: Element, width: number): { g: SVGGElement; height: number } {
  const doc = legend.ownerDocument;
  const g = doc.createElementNS(SVG_NS, 'g') as SVGGElement;
  const ls = getComputedStyle(legend);
  const fontSize = parseFloat(ls.getPropertyValue('font-size')) || LEGEND_FONT;
  // the swatches are sized in rem like the words: rows and gaps follow both
  const k = Math.max(1, fontSize / LEGEND_FONT);
  const rowH = LEGEND_ROW * k;
  const textStyle = `fill:${ls.getPropertyValue('color') || '#59636e'};font-family:${ls.getPropertyValue('font-family') || 'sans-serif'};font-size:${fontSize}px`;
  const range = doc.createRange();
  const textWidth = (n: Text) => {
    range.selectNodeContents(n);
    return range.getBoundingClientRect?.().width || n.data.length * fontSize * 0.55;
  };
  const items = Array.from(legend.querySelectorAll(':scope > li')).map((li) => {
    const parts: { node: Element; width: number }[] = [];
    const walk = (n: Node) => {
      if (n.nodeType === 3) {
        const t = (n as Text).data.trim();
        if (!t) return;
        const text = doc.createElementNS(SVG_NS, 'text');
        text.setAttribute('style', textStyle);
        text.textContent = safeXmlText(t);
        parts.push({ node: text, width: textWidth(n as Text) + 4 });
      } else if (n instanceof Element && n.localName === 'svg') {
        const clone = n.cloneNode(true) as Element;
        inlineStyles([n, ...Array.from(n.querySelectorAll('*'))], [clone, ...Array.from(clone.querySelectorAll('*'))], n);
        const inner = doc.createElementNS(SVG_NS, 'g');
        while (clone.firstChild) inner.appendChild(clone.firstChild);
        const w = Number(n.getAttribute('width')) || 12;
        // a swatch drawn in a viewBox and sized by the text scale: the group keeps that scale
        const vb = (n.getAttribute('viewBox') ?? '').split(/[\s,]+/).map(Number);
        if (vb.length === 4 && vb[2] > 0 && Math.abs(w / vb[2] - 1) > 1e-3) inner.setAttribute('data-scale', String(+(w / vb[2]).toFixed(4)));
        parts.push({ node: inner, width: w + 4 });
        inner.setAttribute('data-h', n.getAttribute('height') ?? '12');
      } else n.childNodes.forEach(walk);
    };
    li.childNodes.forEach(walk);
    return { parts, width: parts.reduce((a, p) => a + p.width, 0) };
  });
  let x = 12;
  let row = 0;
  for (const item of items) {
    if (x > 12 && x + item.width > width - 12) {
      x = 12;
      row++;
    }
    const mid = row * rowH + rowH / 2;
    for (const p of item.parts) {
      if (p.node.localName === 'text') {
        p.node.setAttribute('x', String(Math.round(x)));
        p.node.setAttribute('y', String(mid));
        p.node.setAttribute('dominant-baseline', 'central');
      } else {
        const h = Number(p.node.getAttribute('data-h')) || 12;
        const scale = p.node.getAttribute('data-scale');
        p.node.removeAttribute('data-h');
        p.node.removeAttribute('data-scale');
        p.node.setAttribute('transform', `translate(${Math.round(x)} ${Math.round(mid - h / 2)})${scale ? ` scale(${scale})` : ''}`);
      }
      g.appendChild(p.node);
      x += p.width;
    }
    x += LEGEND_GAP * k;
  }
  return { g, height: items.length ? Math.ceil((row + 1) * rowH + 8 * k) : 0 };
}

/** Serialises `chart` (a drawn `<svg>`) as a standalone SVG document with the title line above it. */
export function chartToSvg(chart: SVGSVGElement, opts: SvgExportOptions): { svg: string; width: number; height: number } {
  // the title line grows with the root font size, as the chart's own text does
  const k = remPx() / DEFAULT_REM_PX;
  const header = opts.header ?? Math.round(28 * k);
  const width = Math.round(Number(chart.getAttribute('width')) || 0);
  const chartH = Math.round(Number(chart.getAttribute('height')) || 0);
  const legend = opts.legend ? legendToSvg(opts.legend, width) : null;
  const height = chartH + header + (legend?.height ?? 0);
  const clone = chart.cloneNode(true) as SVGSVGElement;
  inlineStyles([chart, ...Array.from(chart.querySelectorAll('*'))], [clone, ...Array.from(clone.querySelectorAll('*'))], chart);
  // Text (lane names, labels, titles) comes from the logs: no control or bidi character reaches the file.
  const walker = clone.ownerDocument.createTreeWalker(clone, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) (n as Text).data = safeXmlText((n as Text).data);

  const doc = chart.ownerDocument;
  const root = doc.createElementNS(SVG_NS, 'svg');
  // (XMLSerializer writes the xmlns of an element made in the SVG namespace; set by hand it would be there twice.)
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const docTitle = doc.createElementNS(SVG_NS, 'title');
  docTitle.textContent = safeXmlText(opts.title);
  root.appendChild(docTitle);
  const bg = doc.createElementNS(SVG_NS, 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', safeXmlText(opts.background));
  root.appendChild(bg);
  const rootStyle = getComputedStyle(chart);
  const heading = doc.createElementNS(SVG_NS, 'text');
  heading.setAttribute('x', String(Math.round(12 * k)));
  heading.setAttribute('y', String(Math.round(header * 0.65)));
  heading.setAttribute('style', `fill:${rootStyle.getPropertyValue('color') || '#1f2328'};font-family:${rootStyle.getPropertyValue('font-family') || 'sans-serif'};font-size:${+(13 * k).toFixed(2)}px;font-weight:600`);
  heading.textContent = safeXmlText(opts.title);
  root.appendChild(heading);
  const body = doc.createElementNS(SVG_NS, 'g');
  body.setAttribute('transform', `translate(0 ${header})`);
  while (clone.firstChild) body.appendChild(clone.firstChild);
  root.appendChild(body);
  if (legend) {
    // under the chart; its hatch swatches use the chart's patterns (same ids, in the same document)
    legend.g.setAttribute('transform', `translate(0 ${header + chartH})`);
    root.appendChild(legend.g);
  }
  return { svg: new XMLSerializer().serializeToString(root), width, height };
}

/** The SVG rasterised at `scale` (sharp on a HiDPI screen), as PNG base64 (no `data:` prefix); null when there is no 2D canvas to draw on. */
export async function svgToPngBase64(svg: string, width: number, height: number, scale = 2): Promise<string | null> {
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.scale(scale, scale);
  ctx.drawImage(img, 0, 0, width, height);
  return canvas.toDataURL('image/png').replace(/^data:image\/png;base64,/, '');
}
