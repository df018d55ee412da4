import type { PdfPrinter, ReportService } from './service';

/** Report rendering (HTML, PDF, Markdown, JSON, JSONL). */
export function createReportService(_printer: PdfPrinter): ReportService {
  return {
    previewHtml: async () => {
      throw new Error('Reports are not available yet.');
    },
    write: async () => {
      throw new Error('Reports are not available yet.');
    },
  };
}
