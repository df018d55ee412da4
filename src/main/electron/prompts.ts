import type { SshAnswer, SshPrompt } from '../../shared';
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

/** Asks the user in main's own UI; a closed or cancelled prompt is a refusal. */
export function createMainPrompt(ui: PromptUi) {
  return async (p: SshPrompt): Promise<SshAnswer> => {
    if (HOST_KEY_KINDS.has(p.kind)) {
      const changed = p.kind === 'host-key-changed';
      const detail = [p.message, p.fingerprint ? `Fingerprint: ${p.fingerprint}` : '', p.knownFingerprint ? `Known fingerprint: ${p.knownFingerprint}` : ''].filter(Boolean).join('\n\n');
      const i = await ui.messageBox({
        type: changed ? 'warning' : 'question',
        title: changed ? 'Host key changed' : 'Unknown host',
        message: changed ? `The host key of ${p.host} has CHANGED.` : `Trust the host key of ${p.host}?`,
        detail,
        buttons: ['Cancel', changed ? 'Trust the new key' : 'Trust and connect'],
        defaultId: 0,
        cancelId: 0,
      });
      return { id: p.id, accept: i === 1 };
    }
    const fragment = await ui.secretWindow(secretPromptHtml(p), `SSH: ${p.host}`);
    return { id: p.id, ...answerFromFragment(fragment) };
  };
}

/** The secret prompt's fields: keyboard-interactive has the server's prompts, the others one secret. */
function fields(p: SshPrompt): { prompt: string; echo: boolean }[] {
  if (p.kind === 'keyboard-interactive' && p.prompts?.length) return p.prompts.slice(0, 20);
  const label = p.kind === 'passphrase' ? 'Passphrase' : p.kind === 'sudo-password' ? 'sudo password' : 'Password';
  return [{ prompt: label, echo: false }];
}

/** The page of the secret window: every server-supplied text escaped; a strict CSP; no network. */
export function secretPromptHtml(p: SshPrompt): string {
  const inputs = fields(p)
    .map((f, i) => `<label>${esc(f.prompt.slice(0, 200))}<input name="v${i}" type="${f.echo ? 'text' : 'password'}" autocomplete="off"${i === 0 ? ' autofocus' : ''}></label>`)
    .join('\n');
  return `<!doctype html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; form-action 'none'; base-uri 'none'">
<title>SSH</title><style>body{font:14px system-ui,sans-serif;margin:16px}label{display:block;margin:8px 0}input{display:block;width:100%;box-sizing:border-box}p{white-space:pre-wrap;word-break:break-word}</style></head>
<body><p><b>${esc(p.host.slice(0, 300))}</b></p><p>${esc(p.message.slice(0, 1000))}</p>
<form id="f">${inputs}<button type="button" id="cancel">Cancel</button> <button type="submit">OK</button></form>
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
