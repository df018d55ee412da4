import { parseArgs } from 'node:util';
import { extname } from 'node:path';
import type { ExportRequest, ReportFormat } from '../../shared';
import { analyzeBundle, NoInputError } from '../pipeline/analyze-bundle';
import { createChromiumPrinter, findChromium } from '../report/chromium';
import { createReportService } from '../report';
import type { PdfPrinter } from '../report/service';
import { renderAnalysis } from '../../shared/i18n/analysis';
import { CLI_LABELS } from '../../shared/i18n/cli';
import { failedAtOption, UsageError, type CliIo } from './io';

const FORMATS: Record<string, ReportFormat> = { '.pdf': 'pdf', '.html': 'html', '.htm': 'html', '.md': 'md', '.markdown': 'md', '.json': 'json', '.jsonl': 'jsonl', '.ndjson': 'jsonl' };

/** Which export the `--out` file name asks for (`timeline.jsonl` → jsonl). */
export function formatFromPath(path: string): ReportFormat | undefined {
  return FORMATS[extname(path).toLowerCase()];
}

/**
 * `vmbackup-doctor report <path...> --out FILE [--lang en|nl] [--portal-code X] [--failed-at TIME] [--vm ROOT] [--paper A4|Letter]
 * [--chromium PATH] [--no-redact] [--pseudonymize]`. Exit codes: 0 written, 1 no input or the PDF
 * could not be printed, 2 usage.
 */
export async function runReport(args: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        out: { type: 'string', short: 'o' },
        lang: { type: 'string', default: 'en' },
        'portal-code': { type: 'string' },
        'failed-at': { type: 'string' },
        vm: { type: 'string' },
        paper: { type: 'string', default: 'A4' },
        chromium: { type: 'string' },
        'no-redact': { type: 'boolean', default: false },
        pseudonymize: { type: 'boolean', default: false },
      },
    });
  } catch (e) {
    throw new UsageError((C) => C.badOption((e as Error).message));
  }
  const { values, positionals } = parsed;
  if (positionals.length === 0) throw new UsageError((C) => C.needsPath('report'));
  if (!values.out) throw new UsageError((C) => C.needsOut);
  const out = values.out;
  const format = formatFromPath(out);
  if (!format) throw new UsageError((C) => C.outFormat(out));
  const lang = values.lang;
  if (lang !== 'en' && lang !== 'nl') throw new UsageError((C) => C.unknownLang(String(lang)));
  const C = CLI_LABELS[lang];
  const paperArg = (values.paper ?? 'A4').toLowerCase();
  if (paperArg !== 'a4' && paperArg !== 'letter') throw new UsageError((C) => C.unknownPaper(String(values.paper)));
  const paper = paperArg === 'a4' ? 'A4' : 'Letter';
  const redact = !values['no-redact'];
  if (!redact && values.pseudonymize) throw new UsageError((C) => C.pseudonymizeNeedsRedact);
  const failedAt = failedAtOption(values['failed-at']);

  // Find the printer before the (possibly long) analysis, so a missing Chromium fails fast.
  let printer: PdfPrinter = async () => {
    throw new Error('no PDF printer');
  };
  if (format === 'pdf') {
    const exe = findChromium(values.chromium);
    if (!exe) {
      io.stderr(`vmbackup-doctor: ${values.chromium ? C.notExecutable(values.chromium) : C.noChromium}\n`);
      return 1;
    }
    printer = createChromiumPrinter(exe);
  }

  let session;
  try {
    session = await analyzeBundle(positionals, { portalCode: values['portal-code'], failedAt, vmRoot: values.vm });
  } catch (e) {
    if (e instanceof NoInputError) {
      io.stderr(`vmbackup-doctor: ${renderAnalysis(e.note, lang)}\n`);
      return 1;
    }
    throw e;
  }
  const req: ExportRequest = { format, lang, paper, redact, pseudonymize: values.pseudonymize === true };
  try {
    await createReportService(printer).write(session.result, req, values.out);
  } catch (e) {
    io.stderr(`vmbackup-doctor: ${C.cannotWrite(format.toUpperCase(), (e as Error).message)}\n`);
    return 1;
  }
  io.stderr(`${C.wrote(values.out, redact)}\n`);
  return 0;
}
