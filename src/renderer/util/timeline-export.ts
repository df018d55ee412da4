import { visibleControls } from '../../shared/visible';

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
  /** Height of the title line. */
  header?: number;
}

/** Serialises `chart` (a drawn `<svg>`) as a standalone SVG document with the title line above it. */
export function chartToSvg(chart: SVGSVGElement, opts: SvgExportOptions): { svg: string; width: number; height: number } {
  const header = opts.header ?? 28;
  const width = Math.round(Number(chart.getAttribute('width')) || 0);
  const chartH = Math.round(Number(chart.getAttribute('height')) || 0);
  const height = chartH + header;
  const clone = chart.cloneNode(true) as SVGSVGElement;
  const from = [chart, ...Array.from(chart.querySelectorAll('*'))];
  const to = [clone, ...Array.from(clone.querySelectorAll('*'))];
  from.forEach((el, i) => {
    const out = to[i];
    const cs = getComputedStyle(el);
    const style = PROPS.map((p) => [p, cs.getPropertyValue(p).trim()] as const)
      .filter(([, v]) => v !== '')
      .map(([p, v]) => `${p}:${localUrl(v)}`)
      .join(';');
    for (const a of Array.from(out.attributes)) if (DROP.test(a.name)) out.removeAttribute(a.name);
    for (const a of Array.from(out.attributes)) out.setAttribute(a.name, safeXmlText(a.name === 'fill' || a.name === 'clip-path' ? localUrl(a.value) : a.value));
    if (style && el !== chart) out.setAttribute('style', style);
  });
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
  heading.setAttribute('x', '12');
  heading.setAttribute('y', String(Math.round(header * 0.65)));
  heading.setAttribute('style', `fill:${rootStyle.getPropertyValue('color') || '#1f2328'};font-family:${rootStyle.getPropertyValue('font-family') || 'sans-serif'};font-size:13px;font-weight:600`);
  heading.textContent = safeXmlText(opts.title);
  root.appendChild(heading);
  const body = doc.createElementNS(SVG_NS, 'g');
  body.setAttribute('transform', `translate(0 ${header})`);
  while (clone.firstChild) body.appendChild(clone.firstChild);
  root.appendChild(body);
  return { svg: new XMLSerializer().serializeToString(root), width, height };
}

/** The SVG rasterised at `scale` (sharp on a HiDPI screen), as PNG base64 (no `data:` prefix). */
export async function svgToPngBase64(svg: string, width: number, height: number, scale = 2): Promise<string> {
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('No 2D canvas.');
  ctx.scale(scale, scale);
  ctx.drawImage(img, 0, 0, width, height);
  return canvas.toDataURL('image/png').replace(/^data:image\/png;base64,/, '');
}
