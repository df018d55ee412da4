import type { SshAnswer, SshPrompt } from '../../shared';
import type { Lang } from '../../shared/catalog/types';
import { msg, renderAnalysis } from '../../shared/i18n/analysis';
import { esc } from '../report/escape';

/**
 * SSH host-key and secret prompts shown by main, not by the renderer (least privilege): the renderer
 * shows hostile log text, so it must not be able to trust a host key or type a password for the user.
 * Host keys get a native message box; secrets a small window of main's own (no preload, no IPC, its
 * own page), which hands the answer back through its URL fragment. Pure parts here are unit-tested;
 * electron/main.ts supplies the Electron calls.
 */

export interface PromptUi {
  /** A native message box; resolves to the index of the button pressed. */
  messageBox(opts: { type: 'warning' | 'question'; title: string; message: string; detail: string; buttons: string[]; defaultId: number; cancelId: number }): Promise<number>;
  /** Shows `html` in a modal window of main's own; resolves to the fragment it ends on (`null` when closed). */
  secretWindow(html: string, title: string): Promise<string | null>;
}

const HOST_KEY_KINDS = new Set<SshPrompt['kind']>(['host-key-unknown', 'host-key-changed']);

/** The prompt's question in `lang`: its catalogue message when it has one, else the English it carries. */
const question = (p: SshPrompt, lang: Lang) => (p.note ? renderAnalysis(p.note, lang) : p.message);

/** Asks the user in main's own UI, in the app's language (`lang`, from the collect request); a closed or cancelled prompt is a refusal. */
export function createMainPrompt(ui: PromptUi) {
  return async (p: SshPrompt, lang: Lang = 'en'): Promise<SshAnswer> => {
    const say = (m: Parameters<typeof renderAnalysis>[0]) => renderAnalysis(m, lang);
    if (HOST_KEY_KINDS.has(p.kind)) {
      const changed = p.kind === 'host-key-changed';
      const detail = [
        question(p, lang),
        p.fingerprint ? say(msg('ssh.box-fingerprint', { fingerprint: p.fingerprint })) : '',
        p.knownFingerprint ? say(msg('ssh.box-known-fingerprint', { fingerprint: p.knownFingerprint })) : '',
      ]
        .filter(Boolean)
        .join('\n\n');
      const i = await ui.messageBox({
        type: changed ? 'warning' : 'question',
        title: say(msg(changed ? 'ssh.box-changed-title' : 'ssh.box-unknown-title')),
        message: say(changed ? msg('ssh.box-changed', { host: p.host }) : msg('ssh.box-unknown', { host: p.host })),
        detail,
        buttons: [say(msg('ssh.box-cancel')), say(msg(changed ? 'ssh.box-trust-new' : 'ssh.box-trust'))],
        defaultId: 0,
        cancelId: 0,
      });
      return { id: p.id, accept: i === 1 };
    }
    const fragment = await ui.secretWindow(secretPromptHtml(p, lang), `SSH: ${p.host}`);
    return { id: p.id, ...answerFromFragment(fragment) };
  };
}

/** The secret prompt's fields: keyboard-interactive has the server's prompts (its own words), the others one secret. */
function fields(p: SshPrompt, lang: Lang): { prompt: string; echo: boolean }[] {
  if (p.kind === 'keyboard-interactive' && p.prompts?.length) return p.prompts.slice(0, 20);
  const label = msg(p.kind === 'passphrase' ? 'ssh.field-passphrase' : p.kind === 'sudo-password' ? 'ssh.field-sudo' : 'ssh.field-password');
  return [{ prompt: renderAnalysis(label, lang), echo: false }];
}

/** The page of the secret window: every server-supplied text escaped; a strict CSP; no network. */
export function secretPromptHtml(p: SshPrompt, lang: Lang = 'en'): string {
  const inputs = fields(p, lang)
    .map((f, i) => `<label>${esc(f.prompt.slice(0, 200))}<input name="v${i}" type="${f.echo ? 'text' : 'password'}" autocomplete="off"${i === 0 ? ' autofocus' : ''}></label>`)
    .join('\n');
  const cancel = esc(renderAnalysis(msg('ssh.box-cancel'), lang));
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; form-action 'none'; base-uri 'none'">
<title>SSH</title><style>body{font:14px system-ui,sans-serif;margin:16px}label{display:block;margin:8px 0}input{display:block;width:100%;box-sizing:border-box}p{white-space:pre-wrap;word-break:break-word}</style></head>
<body><p><b>${esc(p.host.slice(0, 300))}</b></p><p>${esc(question(p, lang).slice(0, 1000))}</p>
<form id="f">${inputs}<button type="button" id="cancel">${cancel}</button> <button type="submit">OK</button></form>
<script>
const f = document.getElementById('f');
f.addEventListener('submit', (e) => { e.preventDefault(); const v = [...f.querySelectorAll('input')].map((i) => i.value); f.reset(); location.hash = 'answer=' + encodeURIComponent(JSON.stringify(v)); });
document.getElementById('cancel').addEventListener('click', () => { location.hash = 'cancel'; });
</script></body></html>`;
}

/** Reads the window's final fragment; anything but a well-formed answer is a refusal. */
export function answerFromFragment(fragment: string | null): Omit<SshAnswer, 'id'> {
  if (!fragment?.startsWith('answer=')) return { accept: false };
  try {
    const v: unknown = JSON.parse(decodeURIComponent(fragment.slice(7)));
    if (!Array.isArray(v) || v.length > 20 || !v.every((x): x is string => typeof x === 'string' && x.length <= 10_000)) return { accept: false };
    return { accept: true, values: v };
  } catch {
    return { accept: false };
  }
}
