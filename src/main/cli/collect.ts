import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { SshAnswer, SshPrompt } from '../../shared';
import { errorNote, renderAnalysis, type AnalysisText } from '../../shared/i18n/analysis';
import { CLI_LABELS, cliLang } from '../../shared/i18n/cli';
import { createSshCollector, type SshCollectorOptions } from '../ssh';
import { parseDestination } from '../ssh/target';
import type { CliIo } from './io';
import { terminalSafe } from './terminal-safe';

/** How the CLI asks: on a TTY (hidden input for secrets), or not at all. */
export interface CollectPrompter {
  interactive: boolean;
  ask(question: string, hidden: boolean): Promise<string | undefined>;
}

export interface CollectDeps {
  prompter?: CollectPrompter;
  /** Extra collector options (tests: user known_hosts, ssh config, log capture). */
  collector?: Partial<SshCollectorOptions>;
}

/** The app's data folder, shared with the desktop app so trusted host keys are the same in both. */
function appDataDir(): string {
  const name = 'VM Backup Doctor';
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), name);
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', name);
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), name);
}

/**
 * `vmbackup-doctor collect ssh://user@host[:port] [--identity FILE] [--jump user@host[:port]] [--known-hosts FILE]
 * [--accept-new] [--out FILE] [--lang en|nl]`: `--lang` is the language of what it prints (progress, questions,
 * warnings, errors), as on `analyze`; the bundle and its manifest are the same in both.
 */
export async function runCollect(args: string[], io: CliIo, deps: CollectDeps = {}): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        identity: { type: 'string', short: 'i' },
        jump: { type: 'string', short: 'J', multiple: true },
        'known-hosts': { type: 'string' },
        'accept-new': { type: 'boolean', default: false },
        out: { type: 'string', short: 'o' },
        'max-bytes': { type: 'string' },
        'remote-root': { type: 'string' },
        'no-agent': { type: 'boolean', default: false },
        password: { type: 'boolean', default: false },
        lang: { type: 'string', default: 'en' },
      },
    });
  } catch (e) {
    // Node's words in the language asked for, read from the raw arguments (they did not parse), as analyze says them
    io.stderr(`vmbackup-doctor collect: ${CLI_LABELS[cliLang(args)].badOption((e as Error).message)}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const lang = values.lang;
  if (lang !== 'en' && lang !== 'nl') {
    // an unknown language is said in English, as analyze and report say it
    io.stderr(`vmbackup-doctor collect: ${CLI_LABELS.en.unknownLang(lang)}\n`);
    return 2;
  }
  const C = CLI_LABELS[lang];
  /** An error in the reader's language: its catalogue message when it has one, else its own words (quoted in Dutch). */
  const said = (e: unknown) => renderAnalysis(errorNote(e), lang);
  if (positionals.length !== 1) {
    io.stderr(`vmbackup-doctor collect: ${C.oneDestination}\n`);
    return 2;
  }
  let dest;
  try {
    dest = parseDestination(positionals[0]);
    for (const j of values.jump ?? []) for (const hop of j.split(',')) parseDestination(hop);
  } catch (e) {
    io.stderr(`vmbackup-doctor collect: ${said(e)}\n`);
    return 2;
  }
  const maxBytes = values['max-bytes'] !== undefined ? Number(values['max-bytes']) : undefined;
  if (maxBytes !== undefined && !(maxBytes > 0)) {
    io.stderr(`vmbackup-doctor collect: ${C.maxBytes}\n`);
    return 2;
  }
  /** A progress line's or a question's text in the reader's language (the server's own words stay as they are). */
  const text = (p: { message: string; note?: AnalysisText }) => (p.note ? renderAnalysis(p.note, lang) : p.message);
  const raw = deps.prompter ?? ttyPrompter();
  // the questions quote the SSH server (keyboard-interactive name, instructions, prompts): escaped like all output
  const prompter: CollectPrompter = { interactive: raw.interactive, ask: (question, hidden) => raw.ask(terminalSafe(question), hidden) };
  const data = appDataDir();
  const out = values.out ? resolve(values.out) : undefined;
  const collector = createSshCollector({
    appDataDir: data,
    bundlesDir: out ? dirname(out) : process.cwd(),
    outPath: out,
    knownHostsFile: values['known-hosts'] ? resolve(values['known-hosts']) : undefined,
    acceptNew: values['accept-new'],
    otherKeyType: 'refuse',
    remoteRoot: values['remote-root'],
    ...deps.collector,
  });
  let refusedHostKey = false;
  const prompt = async (p: SshPrompt): Promise<SshAnswer> => {
    const no = { id: p.id, accept: false };
    if (p.kind === 'host-key-changed') {
      refusedHostKey = true;
      io.stderr(C.hostKeyWarning(text(p), p.fingerprint ?? '', p.knownFingerprint ?? ''));
      return no;
    }
    if (p.kind === 'host-key-unknown') {
      if (!prompter.interactive) {
        refusedHostKey = true;
        io.stderr(C.refusedNoTerminal(text(p), p.fingerprint ?? ''));
        return no;
      }
      const a = await prompter.ask(`${text(p)} ${C.yesNo} `, false);
      return { id: p.id, accept: C.yes.test((a ?? '').trim()) };
    }
    if (!prompter.interactive) {
      io.stderr(C.skippedNoTerminal(text(p)));
      return no;
    }
    if (p.kind === 'keyboard-interactive') {
      const values: string[] = [];
      for (const q of p.prompts ?? []) {
        const v = await prompter.ask(q.prompt, !q.echo);
        if (v === undefined) return no;
        values.push(v);
      }
      return { id: p.id, accept: true, values };
    }
    const v = await prompter.ask(`${text(p)}: `, true);
    return v === undefined ? no : { id: p.id, accept: true, values: [v] };
  };
  try {
    const r = await collector.collect(
      {
        target: { host: dest.host, port: dest.port, user: dest.user, identityFile: values.identity ? resolve(values.identity) : undefined, jump: values.jump, useAgent: !values['no-agent'], allowPassword: prompter.interactive || values.password },
        maxBytes,
      },
      {
        prompt,
        progress: (p) => {
          // byte counts would flood a log; the final failure is printed once, below
          if (p.stage !== 'collecting' && p.stage !== 'failed') io.stderr(`${text(p)}\n`);
        },
      },
    );
    io.stdout(`${r.bundlePath}\n`);
    if (r.incomplete) io.stderr(`${C.warning(r.message === undefined ? '' : text({ message: r.message, note: r.note }))}\n`);
    io.stderr(`${C.next(JSON.stringify(r.bundlePath))}\n`);
    return r.incomplete ? 3 : 0;
  } catch (e) {
    io.stderr(`vmbackup-doctor collect: ${said(e)}\n`);
    return refusedHostKey ? 4 : 1;
  }
}

/** Prompts on the controlling terminal; secrets are read with echo off. Without a TTY nothing is asked. */
function ttyPrompter(): CollectPrompter {
  const interactive = !!process.stdin.isTTY && !!process.stderr.isTTY;
  return {
    interactive,
    ask: (question, hidden) =>
      new Promise((resolveAnswer) => {
        const stdin = process.stdin;
        process.stderr.write(question);
        let buf = '';
        const wasRaw = stdin.isRaw;
        stdin.setRawMode?.(true);
        stdin.resume();
        const done = (v: string | undefined) => {
          stdin.off('data', onData);
          stdin.setRawMode?.(wasRaw);
          stdin.pause();
          process.stderr.write('\n');
          resolveAnswer(v);
        };
        const onData = (d: Buffer) => {
          for (const ch of d.toString('utf8')) {
            if (ch === '\r' || ch === '\n') return done(buf);
            if (ch === '\u0003' || ch === '\u0004') return done(undefined);
            if (ch === '\u007f' || ch === '\b') {
              buf = buf.slice(0, -1);
              continue;
            }
            buf += ch;
            if (!hidden) process.stderr.write(ch);
          }
        };
        stdin.on('data', onData);
      }),
  };
}
