import { redactDeep } from '../../shared/redact';
import { parseArgs } from 'node:util';
import { writeFile } from 'node:fs/promises';
import type { BundleInput } from '../../shared';
import { MAX_PASTE_BYTES } from '../ingest/paste';
import { analyzeBundle, NoInputError } from '../pipeline/analyze-bundle';
import { TOOL_VERSION } from '../pipeline/version';
import { cliJsonParts } from '../report/json';
import { failedAtOption, UsageError, type CliIo } from './io';
import { renderAnalysis } from '../../shared/i18n/analysis';
import { CLI_LABELS, cliLang } from '../../shared/i18n/cli';
import { formatText } from './text';
import { formatMarkdownSummary } from './markdown';
import { safeIo, terminalSafe } from './terminal-safe';

/** The usage in the language the command line asks for. */
const usage = (args: readonly string[]) => CLI_LABELS[cliLang(args)].usage(TOOL_VERSION);

export { UsageError, type CliIo } from './io';

/** Standard input as UTF-8 text, capped like a paste (a whole log is opened as a file). */
async function readStdin(): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const c of process.stdin) {
    size += (c as Buffer).length;
    if (size > MAX_PASTE_BYTES) throw new UsageError((C) => C.stdinTooBig(MAX_PASTE_BYTES / 1024 / 1024));
    parts.push(c as Buffer);
  }
  return Buffer.concat(parts).toString('utf8');
}

const defaultIo: CliIo = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) };

export async function main(argv: string[], rawIo: CliIo = defaultIo): Promise<number> {
  // every string the CLI prints is escaped on its way out (messages quote member names, SSH prompts, logs)
  const io = safeIo(rawIo);
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'analyze':
        return await runAnalyze(rest, io, rawIo);
      // loaded when asked for: the report renderers and the SSH client are a third of the CLI's start-up,
      // which every `analyze` would otherwise pay
      case 'report':
        return await (await import('./report')).runReport(rest, io);
      case 'collect':
        return await (await import('./collect')).runCollect(rest, io);
      case '--version':
      case '-v':
        io.stdout(`${TOOL_VERSION}\n`);
        return 0;
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        io.stdout(usage(rest));
        return command === undefined ? 2 : 0;
      default:
        io.stderr(`${CLI_LABELS[cliLang(rest)].unknownCommand(command)}\n\n${usage(rest)}`);
        return 2;
    }
  } catch (e) {
    if (e instanceof UsageError) {
      // `--lang nl` is read from the raw arguments: the error may be that they do not parse
      io.stderr(`${e.say(CLI_LABELS[cliLang(rest)])}\n\n${usage(rest)}`);
      return 2;
    }
    io.stderr(`vmbackup-doctor: ${(e as Error).message}\n`);
    return 1;
  }
}

/** `rawIo`: the streams without safeIo's escaping, for the JSON document, escaped as it is made (cliJsonParts). */
async function runAnalyze(args: string[], io: CliIo, rawIo: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        lang: { type: 'string', default: 'en' },
        out: { type: 'string' },
        'portal-code': { type: 'string' },
        'failed-at': { type: 'string' },
        vm: { type: 'string' },
      },
    });
  } catch (e) {
    throw new UsageError((C) => C.badOption((e as Error).message));
  }
  const { values, positionals } = parsed;
  if (positionals.length === 0) throw new UsageError((C) => C.needsPath('analyze'));
  const format = values.format ?? 'text';
  if (!['text', 'json', 'md'].includes(format)) throw new UsageError((C) => C.unknownFormat(format));
  const lang = values.lang ?? 'en';
  // the JSON is the contract: English fields with their `…Nl` siblings, whatever --lang says
  if (lang !== 'en' && lang !== 'nl') throw new UsageError((C) => C.unknownLang(lang));
  const failedAt = failedAtOption(values['failed-at']);
  let session;
  try {
    // `-` is the text on standard input, read once (and only when asked for)
    const inputs: BundleInput[] = [];
    for (const p of positionals) inputs.push(p === '-' ? { pasted: await (io.stdin ?? readStdin)() } : p);
    // (no log view here: a file's bytes are let go after its parse, but for what the result still reads; and no
    // timeline: no format of `analyze` writes one)
    session = await analyzeBundle(inputs, { portalCode: values['portal-code'], failedAt, vmRoot: values.vm, parallel: true, release: true, timeline: false });
  } catch (e) {
    if (e instanceof NoInputError) {
      io.stderr(`vmbackup-doctor: ${renderAnalysis(e.note, lang)}\n`);
      return 1;
    }
    throw e;
  }
  // secrets never leave the app: evidence is redacted at parse time, and every string of the result (file
  // names can carry a SAS signature) again here, before it is serialised (after JSON.stringify a value's
  // quotes are `\"` and the rules no longer see `"password": "…"`)
  const result = redactDeep(session.result);
  // the JSON in pieces made as they are written, escaped as jsonSafe would (cliJsonParts), and not scanned again on
  // stdout: on JSON.stringify's text safeIo's escaping is that very escaping (it leaves no raw C0 but \n)
  const out = format === 'json' ? cliJsonParts(result) : [terminalSafe(format === 'md' ? formatMarkdownSummary(result, lang) : formatText(result, lang))];
  const stdout = format === 'json' ? rawIo.stdout : io.stdout;
  if (values.out) {
    await writeFile(values.out, out);
    io.stderr(`${CLI_LABELS[lang].wrote(values.out)}\n`);
  } else for (const part of out) stdout(part);
  return 0;
}
