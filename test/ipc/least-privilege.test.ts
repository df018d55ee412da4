import { describe, expect, it, vi } from 'vitest';
import type { AnalysisResult, LogQuery, RecentEntry, SshAnswer, SshPrompt } from '../../src/shared';
import { CAUSES } from '../../src/shared/catalog';
import { ChosenPaths, createInvokeHandlers, type MainServices } from '../../src/main/ipc/handlers';
import { answerFromFragment, createMainPrompt, secretPromptHtml, type PromptUi } from '../../src/main/electron/prompts';
import { msg } from '../../src/shared/i18n/analysis';

/**
 * Least privilege for the renderer (defence in depth, issue 20 point 9): a renderer running hostile
 * code can open only what the user chose, read logs only of the open bundle, open only the
 * catalogue's documentation links, and cannot answer host-key or password prompts.
 */
function services(over: Partial<MainServices> = {}) {
  const result = { files: [{ id: 0, vmPath: 'var/log/waagent.log' }, { id: 1, vmPath: 'var/log/azure/x/extension.log' }], vm: {}, verdict: { portalCodes: [] }, stats: { records: 2, facts: 1 }, warnings: [] } as unknown as AnalysisResult;
  let current: AnalysisResult | null = null;
  const emitted: { event: string; payload: unknown }[] = [];
  const opened: string[][] = [];
  const recent: RecentEntry[] = [{ paths: ['/cases/old.zip'], label: 'old.zip', openedAt: '2026-01-01T00:00:00Z' }];
  const s = {
    analysis: {
      open: vi.fn(async (paths: string[]) => {
        opened.push(paths);
        current = result;
        return { ok: true as const, result };
      }),
      cancel: vi.fn(),
      queryLogs: vi.fn(async (q: LogQuery) => ({ total: 0, offset: q.offset, records: [] })),
      locate: vi.fn(async () => ({ index: 3 })),
      current: () => current,
      dispose: vi.fn(),
    },
    dialogs: { pickPaths: vi.fn(async () => ['/cases/chosen.zip']), pickSavePath: vi.fn(async () => null) },
    recent: { list: async () => recent, add: async () => undefined, remove: async () => undefined, clear: async () => undefined },
    reports: { previewHtml: vi.fn(), write: vi.fn() },
    ssh: { collect: vi.fn(), cancel: vi.fn() },
    openExternal: vi.fn(async () => undefined),
    emit: (event: string, payload: unknown) => void emitted.push({ event, payload }),
    appInfo: () => ({ name: 'x', version: '0', versions: {}, platform: 'linux' }),
    samplePath: '/app/assets/sample/logs.zip',
    ...over,
  } as unknown as MainServices;
  return { s, emitted, opened };
}

describe('bundle:open-paths takes only paths the user chose', () => {
  it('refuses a path nobody chose; allows dialog picks, drops and the recent list main keeps', async () => {
    const { s, opened } = services();
    const chosen = new ChosenPaths();
    const h = createInvokeHandlers(s, chosen);
    expect(await h['bundle:open-paths']({ paths: ['/home/eng/.ssh/id_rsa'], options: {} })).toMatchObject({ ok: false, error: expect.stringMatching(/chosen/) });
    expect(await h['bundle:open-paths']({ paths: ['/cases/chosen.zip'], options: {} })).toMatchObject({ ok: false });
    expect(opened).toEqual([]);
    // the open dialog remembers its answer in main
    await h['bundle:pick-and-open']({ mode: 'files', options: {} });
    expect(await h['bundle:open-paths']({ paths: ['/cases/chosen.zip'], options: {} })).toMatchObject({ ok: true });
    expect(await h['bundle:open-paths']({ paths: ['/cases/../cases/chosen.zip'], options: {} })).toMatchObject({ ok: true });
    // a drop (reported by the preload) and a recent entry
    chosen.add(['/drop/vm.tar.gz']);
    expect(await h['bundle:open-paths']({ paths: ['/drop/vm.tar.gz', '/cases/old.zip'], options: {} })).toMatchObject({ ok: true });
    // one unchosen path among chosen ones refuses the whole request
    expect(await h['bundle:open-paths']({ paths: ['/drop/vm.tar.gz', '/etc/shadow'], options: {} })).toMatchObject({ ok: false });
    expect(opened).toEqual([['/cases/chosen.zip'], ['/cases/chosen.zip'], ['/cases/../cases/chosen.zip'], ['/drop/vm.tar.gz', '/cases/old.zip']]);
  });
});

describe('logs:query and logs:locate only within the open session', () => {
  it('nothing open: refused; file ids outside the bundle: refused; a file not in the bundle: not located', async () => {
    const { s } = services();
    const h = createInvokeHandlers(s, new ChosenPaths());
    await expect(h['logs:query']({ offset: 0, limit: 10 })).rejects.toThrow(/Open a bundle first/);
    await expect(h['logs:locate']({ query: {}, file: 'var/log/waagent.log', line: 1 })).rejects.toThrow(/Open a bundle first/);
    await h['bundle:open-sample']({ options: {} });
    await expect(h['logs:query']({ offset: 0, limit: 10, fileIds: [0, 2] })).rejects.toThrow(/No such file/);
    await expect(h['logs:locate']({ query: { fileIds: [7] }, file: 'var/log/waagent.log', line: 1 })).rejects.toThrow(/No such file/);
    expect(await h['logs:locate']({ query: {}, file: 'etc/shadow', line: 1 })).toEqual({ index: null });
    expect(s.analysis.locate).not.toHaveBeenCalled();
    expect(s.analysis.queryLogs).not.toHaveBeenCalled();
    expect(await h['logs:query']({ offset: 0, limit: 10, fileIds: [1] })).toMatchObject({ total: 0 });
    expect(await h['logs:locate']({ query: {}, file: 'var/log/waagent.log', line: 2 })).toEqual({ index: 3 });
  });
});

describe('docs links only from the catalogue', () => {
  it('an allowlisted host is not enough; a catalogue link opens', async () => {
    const { s } = services();
    const h = createInvokeHandlers(s);
    for (const url of ['https://learn.microsoft.com/en-us/azure/backup/whatever-a-log-said', 'https://evil.example/']) expect(await h['shell:open-docs']({ url })).toMatchObject({ opened: false });
    expect(s.openExternal).not.toHaveBeenCalled();
    expect(await h['shell:open-docs']({ url: CAUSES[3].links[0].url })).toEqual({ opened: true });
  });
});

describe('host-key and password prompts are shown by main', () => {
  const prompts: Omit<SshPrompt, 'id'>[] = [
    { kind: 'host-key-unknown', host: 'vm:22', message: 'The authenticity of host vm cannot be established.', fingerprint: 'SHA256:abc' },
    { kind: 'password', host: 'vm:22', message: 'Password for azureuser' },
  ];
  const collector = (answers: SshAnswer[]) => ({
    collect: vi.fn(async (_req: unknown, io: { prompt: (p: SshPrompt) => Promise<SshAnswer> }) => {
      for (const p of prompts) answers.push(await io.prompt({ ...p, id: '' }));
      throw new Error('stop after the prompts');
    }),
    cancel: vi.fn(),
  });

  it('with main prompts, the renderer is never asked and its ssh:answer answers nothing', async () => {
    const answers: SshAnswer[] = [];
    const { s, emitted } = services({ ssh: collector(answers) });
    const asked: SshPrompt[] = [];
    const h = createInvokeHandlers(s, new ChosenPaths(), async (p) => {
      asked.push(p);
      // a compromised renderer tries to answer every prompt id it could guess while main's dialog is open
      await h['ssh:answer']({ id: p.id, accept: true, values: ['attacker'] });
      return { id: p.id, accept: false };
    });
    await h['ssh:collect']({ target: { host: 'vm' } });
    expect(asked.map((p) => p.kind)).toEqual(['host-key-unknown', 'password']);
    expect(emitted.filter((e) => e.event === 'ssh:prompt')).toEqual([]);
    expect(answers.map((a) => a.accept)).toEqual([false, false]);
  });

  it('createMainPrompt: a native box for host keys (Cancel is the default), main\'s own window for secrets', async () => {
    const messageBox = vi.fn(async (_o: object) => 1);
    const secretWindow = vi.fn(async (_html: string) => `answer=${encodeURIComponent(JSON.stringify(['s3cret']))}`);
    const ask = createMainPrompt({ messageBox, secretWindow });
    expect(await ask({ id: 'a', ...prompts[0] })).toEqual({ id: 'a', accept: true });
    expect(messageBox.mock.calls[0][0]).toMatchObject({ defaultId: 0, cancelId: 0, detail: expect.stringContaining('SHA256:abc') });
    expect(await ask({ id: 'b', ...prompts[1] })).toEqual({ id: 'b', accept: true, values: ['s3cret'] });
    expect(secretWindow).toHaveBeenCalledTimes(1);
    messageBox.mockImplementation(async (_o: object) => 0);
    expect(await ask({ id: 'c', kind: 'host-key-changed', host: 'vm', message: 'CHANGED' })).toEqual({ id: 'c', accept: false });
  });

  it('asks in the language of the collect request: the box, its fingerprint and the secret window in Dutch', async () => {
    // the collector's own prompts carry their question as a catalogue message (src/main/ssh), as here
    const noted: Omit<SshPrompt, 'id'>[] = [
      { kind: 'host-key-unknown', host: 'vm:22', message: "The authenticity of vm can't be established.", note: msg('ssh.ask-key', { name: 'vm', type: 'ssh-ed25519', offered: 'SHA256:abc' }), fingerprint: 'SHA256:abc' },
      { kind: 'password', host: 'vm:22', message: 'Password for azureuser@vm', note: msg('ssh.ask-password', { user: 'azureuser', host: 'vm', retry: false }) },
    ];
    const boxes: Parameters<PromptUi['messageBox']>[0][] = [];
    const pages: string[] = [];
    const ask = createMainPrompt({
      messageBox: async (o) => {
        boxes.push(o);
        return 0;
      },
      secretWindow: async (html) => {
        pages.push(html);
        return null;
      },
    });
    const ssh = {
      collect: vi.fn(async (_req: unknown, io: { prompt: (p: SshPrompt) => Promise<SshAnswer> }) => {
        for (const p of noted) await io.prompt({ ...p, id: '' });
        throw new Error('stop after the prompts');
      }),
      cancel: vi.fn(),
    };
    const h = createInvokeHandlers(services({ ssh }).s, new ChosenPaths(), ask);
    await h['ssh:collect']({ target: { host: 'vm' }, lang: 'nl' });
    expect(boxes[0]).toMatchObject({ title: 'Onbekende host', message: 'De hostsleutel van vm:22 vertrouwen?', buttons: ['Annuleren', 'Vertrouwen en verbinden'], defaultId: 0 });
    expect(boxes[0].detail).toBe('De echtheid van vm is niet vast te stellen. De vingerafdruk van de ssh-ed25519-sleutel is SHA256:abc. Vertrouwen en onthouden?\n\nVingerafdruk: SHA256:abc');
    expect(pages[0]).toContain('<p>Wachtwoord voor azureuser@vm</p>');
    expect(pages[0]).toContain('<label>Wachtwoord<input');
    expect(pages[0]).toContain('>Annuleren</button>');
    // a request without a language (an older renderer) is asked in English, as before
    await h['ssh:collect']({ target: { host: 'vm' } });
    expect(boxes[1]).toMatchObject({ title: 'Unknown host', message: 'Trust the host key of vm:22?', buttons: ['Cancel', 'Trust and connect'] });
    expect(pages[1]).toContain('<label>Password<input');
    expect(pages[1]).toContain('>Cancel</button>');
  });

  it('the secret window escapes the server\'s texts; a closed or odd window answer is a refusal', () => {
    const html = secretPromptHtml({ id: 'k', kind: 'keyboard-interactive', host: 'vm<script>', message: '<img src=x onerror=alert(1)>', prompts: [{ prompt: 'Code"><script>', echo: true }] });
    expect(html).not.toMatch(/<img|vm<script>|Code"><script>/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain("default-src 'none'");
    expect(answerFromFragment(null)).toEqual({ accept: false });
    expect(answerFromFragment('cancel')).toEqual({ accept: false });
    expect(answerFromFragment('answer=%7B%7D')).toEqual({ accept: false });
    expect(answerFromFragment(`answer=${encodeURIComponent('["a",1]')}`)).toEqual({ accept: false });
    expect(answerFromFragment(`answer=${encodeURIComponent('["a","b"]')}`)).toEqual({ accept: true, values: ['a', 'b'] });
  });
});
