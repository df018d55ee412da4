/**
 * The Electron security checklist (electronjs.org/docs/latest/tutorial/security) as the app actually applies it. test/electron/security.test.ts
 * checks the values and functions in security.ts; this file loads the real main.ts, ipc-wiring.ts, pdf.ts and
 * preload.ts against a fake `electron` module and checks that they are wired: a defence that exists in
 * security.ts but is no longer applied in main.ts fails here. No Electron binary is needed.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DROP_CHANNEL, EVENT_CHANNELS, INVOKE, INVOKE_CHANNELS } from '../../src/shared/ipc/contract';
import { CAUSES } from '../../src/shared/catalog';
import { APP_ENTRY, CONTENT_SECURITY_POLICY, secureWebPreferences } from '../../src/main/electron/security';
import { ed25519HostKey } from '../helpers/ssh-keys';

type Listener = (...args: never[]) => unknown;

const E = vi.hoisted(() => {
  class FakeWebContents {
    readonly listeners = new Map<string, Listener[]>();
    windowOpenHandler?: (d: { url: string }) => unknown;
    readonly mainFrame = { url: 'app://bundle/index.html', parent: null };
    readonly send = vi.fn();
    readonly printToPDF = vi.fn(async () => Buffer.from('%PDF-1.7'));
    on(event: string, fn: Listener) {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), fn]);
      return this;
    }
    setWindowOpenHandler(fn: (d: { url: string }) => unknown) {
      this.windowOpenHandler = fn;
    }
    /** Fires `event` as Electron would; returns whether some listener called preventDefault. */
    fire(event: string, ...args: unknown[]): boolean {
      const e = { preventDefault: vi.fn() };
      for (const fn of this.listeners.get(event) ?? []) (fn as (...a: unknown[]) => unknown)(e, ...args);
      return e.preventDefault.mock.calls.length > 0;
    }
  }
  class FakeBrowserWindow {
    static all: FakeBrowserWindow[] = [];
    static getAllWindows() {
      return FakeBrowserWindow.all;
    }
    readonly webContents = new FakeWebContents();
    readonly loadURL = vi.fn(async (_url: string) => undefined);
    readonly loadFile = vi.fn(async (_path: string) => undefined);
    constructor(readonly options: { show?: boolean; webPreferences?: Record<string, unknown> }) {
      FakeBrowserWindow.all.push(this);
    }
    maximize() {}
    once() {}
    on() {}
    show() {}
    destroy() {}
    isMaximized() {
      return false;
    }
    getNormalBounds() {
      return { width: 1280, height: 820, x: 0, y: 0 };
    }
  }
  let ready: () => void = () => undefined;
  const whenReady = new Promise<void>((r) => (ready = r));
  const appListeners = new Map<string, Listener>();
  const state = { userData: '' };
  const app = {
    enableSandbox: vi.fn(),
    whenReady: () => whenReady,
    getPath: vi.fn(() => state.userData),
    on: vi.fn((event: string, fn: Listener) => {
      appListeners.set(event, fn);
      return app;
    }),
    quit: vi.fn(),
  };
  const exposed: Record<string, unknown> = {};
  const electron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    dialog: { showOpenDialog: vi.fn(), showSaveDialog: vi.fn(), showMessageBox: vi.fn(async (..._a: unknown[]) => ({ response: 0 })) },
    Menu: { buildFromTemplate: vi.fn(() => ({})), setApplicationMenu: vi.fn() },
    nativeTheme: { shouldUseDarkColors: false },
    net: { fetch: vi.fn(async () => new Response('<!doctype html>', { status: 200 })) },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    session: { defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() } },
    shell: { openExternal: vi.fn(async () => undefined) },
    ipcMain: { handle: vi.fn(), on: vi.fn() },
    ipcRenderer: { invoke: vi.fn(async (..._args: unknown[]) => undefined), send: vi.fn(), on: vi.fn(), removeListener: vi.fn() },
    contextBridge: { exposeInMainWorld: vi.fn((key: string, api: unknown) => void (exposed[key] = api)) },
    webUtils: { getPathForFile: vi.fn(() => '/x') },
  };
  return { electron, FakeBrowserWindow, FakeWebContents, ready: () => ready(), appListeners, state, exposed };
});

vi.mock('electron', () => ({ ...E.electron, default: E.electron }));

const { electron } = E;
let win: InstanceType<typeof E.FakeBrowserWindow>;

beforeAll(async () => {
  E.state.userData = mkdtempSync(join(tmpdir(), 'vmbd-wiring-'));
  await import('../../src/main/electron/main');
  E.ready();
  await vi.waitFor(() => expect(E.FakeBrowserWindow.all.length).toBeGreaterThan(0), { timeout: 10_000 });
  win = E.FakeBrowserWindow.all[0];
  await vi.waitFor(() => expect(win.loadURL).toHaveBeenCalled(), { timeout: 10_000 });
});
afterAll(() => {
  rmSync(E.state.userData, { recursive: true, force: true });
});

/** The ipcMain handler main.ts registered for `channel`. */
function ipcHandler(channel: string): (event: unknown, req: unknown) => Promise<unknown> {
  const call = electron.ipcMain.handle.mock.calls.find(([c]) => c === channel);
  if (!call) throw new Error(`no ipcMain handler for ${channel}`);
  return call[1] as (event: unknown, req: unknown) => Promise<unknown>;
}
const fromApp = () => ({ sender: win.webContents, senderFrame: win.webContents.mainFrame });

describe('main.ts applies the Electron security checklist', () => {
  it('the main window gets secureWebPreferences and the process sandbox (items 2, 3, 4, 6, 8, 9, 10, 12)', () => {
    expect(electron.app.enableSandbox).toHaveBeenCalled();
    const prefs = win.options.webPreferences!;
    expect(prefs).toEqual(secureWebPreferences(prefs.preload as string));
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, allowRunningInsecureContent: false, experimentalFeatures: false, webviewTag: false });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(String(prefs.preload)).toMatch(/dist[\\/]preload[\\/]preload\.cjs$/);
  });

  it('loads only app://bundle, never file:// or a remote URL (items 1, 18)', () => {
    expect(win.loadURL.mock.calls.map(([u]) => u)).toEqual([APP_ENTRY]);
    expect(win.loadFile).not.toHaveBeenCalled();
  });

  it('every permission request and check in the session is denied (item 5)', () => {
    const [[request]] = electron.session.defaultSession.setPermissionRequestHandler.mock.calls as unknown as [[(wc: unknown, p: string, cb: (ok: boolean) => void) => void]];
    for (const perm of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const cb = vi.fn();
      request({}, perm, cb);
      expect(cb, perm).toHaveBeenCalledWith(false);
      expect(cb).not.toHaveBeenCalledWith(true);
    }
    const [[check]] = electron.session.defaultSession.setPermissionCheckHandler.mock.calls as unknown as [[() => boolean]];
    expect(check()).toBe(false);
  });

  it('app:// responses carry the strict CSP and nosniff; paths outside the build are 404 (item 7, protocol)', async () => {
    const [[scheme, handle]] = electron.protocol.handle.mock.calls as unknown as [[string, (r: { url: string }) => Promise<Response>]];
    expect(scheme).toBe('app');
    const ok = await handle({ url: 'app://bundle/index.html' });
    expect(ok.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(ok.headers.get('X-Content-Type-Options')).toBe('nosniff');
    electron.net.fetch.mockClear();
    for (const url of ['app://bundle/..%2f..%2f..%2fpackage.json', 'app://bundle/a%00.js', 'app://bundle/x.exe']) {
      expect((await handle({ url })).status, url).toBe(404);
    }
    expect(electron.net.fetch).not.toHaveBeenCalled();
  });

  it('navigation and redirects away from the app are prevented (item 13)', () => {
    for (const event of ['will-navigate', 'will-redirect']) {
      for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://other/index.html', 'javascript:alert(1)']) {
        expect(win.webContents.fire(event, url), `${event} ${url}`).toBe(true);
      }
      expect(win.webContents.fire(event, 'app://bundle/index.html#/logs'), event).toBe(false);
    }
  });

  it('new windows are denied and webviews prevented, in the main window and in any other web contents (items 11, 12, 14)', () => {
    expect(win.webContents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(win.webContents.fire('will-attach-webview', {}, {})).toBe(true);
    const created = E.appListeners.get('web-contents-created') as ((e: unknown, wc: unknown) => void) | undefined;
    expect(created).toBeTypeOf('function');
    const other = new E.FakeWebContents();
    created!({}, other);
    expect(other.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(other.fire('will-attach-webview', {}, {})).toBe(true);
  });
});

describe('ipc-wiring.ts: sender check and validation on every channel (items 17, 20)', () => {
  it('one handler per allowlisted channel, nothing else', () => {
    expect(electron.ipcMain.handle.mock.calls.map(([c]) => c).sort()).toEqual([...INVOKE_CHANNELS].sort());
  });

  it('refuses a request from another web contents, a subframe or a foreign origin, on every channel', async () => {
    const other = new E.FakeWebContents();
    for (const channel of INVOKE_CHANNELS) {
      const h = ipcHandler(channel);
      await expect(h({ sender: other, senderFrame: other.mainFrame }, undefined), channel).rejects.toThrow(/untrusted sender/);
      await expect(h({ sender: win.webContents, senderFrame: { url: 'app://bundle/index.html', parent: win.webContents.mainFrame } }, undefined), channel).rejects.toThrow(/untrusted sender/);
      await expect(h({ sender: win.webContents, senderFrame: { url: 'https://evil.example/', parent: null } }, undefined), channel).rejects.toThrow(/untrusted sender/);
      await expect(h({ sender: win.webContents, senderFrame: null }, undefined), channel).rejects.toThrow(/untrusted sender/);
    }
  });

  it('validates every request with its zod schema before the handler runs', async () => {
    await expect(ipcHandler('shell:open-docs')(fromApp(), { url: 'https://learn.microsoft.com/', extra: 1 })).rejects.toThrow(/invalid request/);
    await expect(ipcHandler('bundle:open-paths')(fromApp(), { paths: [], options: {} })).rejects.toThrow(/invalid request/);
    await expect(ipcHandler('logs:query')(fromApp(), { offset: 0, limit: 1e9 })).rejects.toThrow(/invalid request/);
    await expect(ipcHandler('app:info')(fromApp(), { anything: true })).rejects.toThrow(/invalid request/);
    await expect(ipcHandler('app:info')(fromApp(), undefined)).resolves.toMatchObject({ name: 'VM Backup Doctor' });
  });

  it('shell.openExternal is reached only for documentation links of the catalogue (item 15)', async () => {
    electron.shell.openExternal.mockClear();
    // an allowlisted host is not enough: the link must be one the catalogue names
    for (const url of ['https://evil.example/', 'http://learn.microsoft.com/', 'file:///etc/passwd', 'https://learn.microsoft.com.evil.example/', 'https://learn.microsoft.com/azure/backup/?x=from-a-log']) {
      expect(await ipcHandler('shell:open-docs')(fromApp(), { url }), url).toMatchObject({ opened: false });
    }
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
    const doc = CAUSES[0].links[0].url;
    expect(await ipcHandler('shell:open-docs')(fromApp(), { url: doc })).toEqual({ opened: true });
    expect(electron.shell.openExternal.mock.calls).toEqual([[new URL(doc).toString()]]);
  });

  it('bundle:open-paths opens only paths the user chose: a drop reported by the preload grants it (least privilege)', async () => {
    const drop = electron.ipcMain.on.mock.calls.find(([c]) => c === DROP_CHANNEL)?.[1] as ((e: unknown, p: unknown) => void) | undefined;
    expect(drop).toBeTypeOf('function');
    const path = join(E.state.userData, 'dropped-logs.zip');
    const refused = /chosen in the open dialog or dropped/;
    expect(await ipcHandler('bundle:open-paths')(fromApp(), { paths: [path], options: {} })).toMatchObject({ ok: false, error: expect.stringMatching(refused) });
    // a drop from another web contents grants nothing
    const other = new E.FakeWebContents();
    drop!({ sender: other, senderFrame: other.mainFrame }, path);
    expect(await ipcHandler('bundle:open-paths')(fromApp(), { paths: [path], options: {} })).toMatchObject({ error: expect.stringMatching(refused) });
    drop!(fromApp(), path);
    const r = (await ipcHandler('bundle:open-paths')(fromApp(), { paths: [path], options: {} })) as { ok: boolean; error?: string };
    expect(r.error ?? '').not.toMatch(refused);
  });
});

describe('SSH host-key prompts are shown by main, never sent to the renderer (least privilege)', () => {
  it('an unknown host key is asked in a native message box; refusing it stops the collection', async () => {
    const { Server } = await import('ssh2');
    const hostKey = ed25519HostKey();
    const server = new Server({ hostKeys: [hostKey] }, (client) => {
      client.on('authentication', (ctx) => ctx.reject());
      client.on('error', () => undefined);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      electron.dialog.showMessageBox.mockClear();
      win.webContents.send.mockClear();
      const r = await ipcHandler('ssh:collect')(fromApp(), { target: { host: '127.0.0.1', port, user: 'u', useAgent: false } });
      expect(r).toMatchObject({ ok: false });
      expect(electron.dialog.showMessageBox).toHaveBeenCalledTimes(1);
      expect(electron.dialog.showMessageBox.mock.calls[0][1]).toMatchObject({ defaultId: 0, cancelId: 0 });
      expect(win.webContents.send.mock.calls.filter(([event]) => event === 'ssh:prompt')).toEqual([]);
    } finally {
      server.close();
    }
  });
});

describe('pdf.ts: the report is printed in a hidden, sandboxed window with JavaScript off', () => {
  it('no scripts, no node, no navigation, no new windows', async () => {
    const { electronPdfPrinter } = await import('../../src/main/electron/pdf');
    const before = E.FakeBrowserWindow.all.length;
    expect((await electronPdfPrinter('<p>report</p>', 'A4')).toString()).toBe('%PDF-1.7');
    const printer = E.FakeBrowserWindow.all[before];
    expect(printer.options.show).toBe(false);
    expect(printer.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, webSecurity: true });
    expect(printer.loadURL.mock.calls[0][0]).toMatch(/^data:text\/html;charset=utf-8;base64,/);
    expect(printer.webContents.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(printer.webContents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });
});

describe('preload.ts exposes named functions only (item 20)', () => {
  it('window.vmbd is a flat object of functions, each invoking one allowlisted channel', async () => {
    await import('../../src/main/electron/preload');
    expect(electron.contextBridge.exposeInMainWorld.mock.calls.map(([k]) => k)).toEqual(['vmbd']);
    const api = E.exposed.vmbd as Record<string, unknown>;
    const allowed = new Set<string>(INVOKE_CHANNELS);
    for (const [name, fn] of Object.entries(api)) {
      expect(typeof fn, name).toBe('function');
      expect(fn, name).not.toBe(electron.ipcRenderer.invoke);
    }
    expect(Object.values(api)).not.toContain(electron.ipcRenderer);
    // exactly the contract's methods plus on/pathForFile, each sending its own channel
    expect(Object.keys(api).sort()).toEqual([...INVOKE_CHANNELS.map((c) => INVOKE[c].method), 'on', 'pathForFile'].sort());
    for (const channel of INVOKE_CHANNELS) {
      const name = INVOKE[channel].method;
      electron.ipcRenderer.invoke.mockClear();
      await (api[name] as (...a: unknown[]) => unknown)({}, {});
      const channels = electron.ipcRenderer.invoke.mock.calls.map(([c]) => c as string);
      expect(channels, name).toEqual([channel]);
      expect(allowed.has(channels[0]), `${name} → ${channels[0]}`).toBe(true);
    }
    // positional arguments become the request object the schema expects
    electron.ipcRenderer.invoke.mockClear();
    await (api.openPaths as (p: string[], o: object) => unknown)(['/x.zip'], { portalCode: 'X' });
    expect(electron.ipcRenderer.invoke.mock.calls[0]).toEqual(['bundle:open-paths', { paths: ['/x.zip'], options: { portalCode: 'X' } }]);
    // pathForFile reports a real file's path to main (the drop grant); webUtils gives '' for made-up Files
    electron.ipcRenderer.send.mockClear();
    expect((api.pathForFile as (f: unknown) => string)({})).toBe('/x');
    expect(electron.ipcRenderer.send.mock.calls).toEqual([[DROP_CHANNEL, '/x']]);
    const on = api.on as (event: string, fn: () => void) => () => void;
    expect(() => on('some:other-channel', () => undefined)).toThrow(/unknown event/);
    for (const event of EVENT_CHANNELS) expect(on(event, () => undefined)).toBeTypeOf('function');
  });
});
