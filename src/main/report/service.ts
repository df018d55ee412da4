import type { AnalysisResult, ExportRequest } from '../../shared';

/** Renders reports from an analysis result; the PDF printer is injected (Electron or Chromium). */
export interface ReportService {
  /** Self-contained HTML (inline CSS and SVG, no scripts) for the preview pane. */
  previewHtml(result: AnalysisResult, req: ExportRequest): Promise<string>;
  /** Writes the report in the requested format to `path`. */
  write(result: AnalysisResult, req: ExportRequest, path: string): Promise<void>;
}

/** Turns HTML into PDF bytes: `webContents.printToPDF` in the app, headless Chromium in the CLI. */
export type PdfPrinter = (html: string, paper: 'A4' | 'Letter') => Promise<Buffer>;
