import { writeFile } from 'node:fs/promises';
import type { AnalysisResult, ExportRequest } from '../../shared';
import { jsonEscapeControls } from '../../shared/visible';
import { cliJsonParts } from './json';
import { renderHtml } from './html';
import { renderMarkdown } from './markdown';
import { buildReportModel, type ReportModel } from './model';
import type { PdfPrinter, ReportService } from './service';
import { renderJsonl } from './timeline-jsonl';

export { buildReportModel } from './model';
export { renderHtml } from './html';
export { renderMarkdown } from './markdown';
export { renderJsonl, timelineEvents } from './timeline-jsonl';
export { createChromiumPrinter, findChromium } from './chromium';

/** The model for an export request; redaction is on unless the request turns it off explicitly. */
export function modelFor(result: AnalysisResult, req: ExportRequest): ReportModel {
  return buildReportModel(result, { lang: req.lang, redact: req.redact !== false, pseudonymize: req.pseudonymize === true, paper: req.paper, bookmarks: req.bookmarks });
}

/** Renders one export format to bytes. */
export async function renderReport(result: AnalysisResult, req: ExportRequest, printer: PdfPrinter): Promise<Buffer> {
  const m = modelFor(result, req);
  switch (req.format) {
    case 'html':
      return Buffer.from(renderHtml(m), 'utf8');
    case 'md':
      return Buffer.from(renderMarkdown(m), 'utf8');
    // The same document as `analyze --format json` (docs/CONTRACT.md), built from the redacted result.
    case 'json':
      return Buffer.concat(Array.from(cliJsonParts(m.result), (p) => Buffer.from(p, 'utf8')));
    case 'jsonl':
      return Buffer.from(jsonEscapeControls(renderJsonl(m)), 'utf8');
    case 'pdf': {
      const pdf = await printer(renderHtml(m), m.paper);
      if (!pdf || pdf.length < 5 || pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error('The PDF printer returned no PDF.');
      return Buffer.from(pdf);
    }
    default:
      throw new Error(`Unknown report format: ${String(req.format)}`);
  }
}

/** Report rendering (HTML, PDF, Markdown, JSON, JSONL). */
export function createReportService(printer: PdfPrinter): ReportService {
  return {
    previewHtml: async (result, req) => renderHtml(modelFor(result, req)),
    write: async (result, req, path) => {
      const bytes = await renderReport(result, req, printer);
      await writeFile(path, bytes);
    },
  };
}
