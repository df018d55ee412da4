import { app, BrowserWindow, dialog, Menu, nativeTheme, net, protocol, session, shell } from 'electron';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ChosenPaths, createInvokeHandlers, type Dialogs } from '../ipc/handlers';
import { createReportService } from '../report';
import { createSshCollector } from '../ssh';
import { TOOL_VERSION } from '../pipeline/version';
import { WorkerAnalysisService } from '../worker/worker-service';
import { SessionSet } from '../worker/sessions';
import { buildMenu } from './menu';
import { findAppRoot } from '../app-root';
import { wireIpc } from './ipc-wiring';
import { electronPdfPrinter } from './pdf';
import { createMainPrompt } from './prompts';
import { resolveAppFile } from './protocol';
import {
  APP_ENTRY,
  APP_SCHEME,
  CONTENT_SECURITY_POLICY,
  permissionCheckHandler,
  permissionRequestHandler,
  preventWebview,
  secureWebPreferences,
  shouldBlockNavigation,
  windowOpenHandler,
} from './security';
import { fileRecentStore, loadWindowState, saveWindowState } from './stores';

/** Electron glue only: window, protocol, IPC wiring. Everything else lives in plain-Node services. */
const here = dirname(fileURLToPath(import.meta.url)); // dist/node
const appRoot = findAppRoot(here);
const rendererDir = join(appRoot, 'dist', 'renderer');
const preloadPath = join(appRoot, 'dist', 'preload', 'preload.cjs');
const samplePath = join(appRoot, 'assets', 'sample', 'logs.zip');

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.enableSandbox();

let mainWindow: BrowserWindow | null = null;

async function createWindow(): Promise<void> {
  const userData = app.getPath('userData');
  const state = await loadWindowState(userData);
  const win = new BrowserWindow({ // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK -- webPreferences come from secureWebPreferences() (contextIsolation, sandbox on; test/electron/security.test.ts) and setWindowOpenHandler below denies new windows, middle-click included
    width: state.width,
    height: state.height,
    x: state.x,
    y: state.y,
    minWidth: 900,
    minHeight: 600,
    title: 'VM Backup Doctor',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1e1f22' : '#ffffff',
    show: false,
    webPreferences: secureWebPreferences(preloadPath),
  });
  if (state.maximized) win.maximize();
  mainWindow = win;
  const wc = win.webContents;
  wc.setWindowOpenHandler(windowOpenHandler);
  wc.on('will-navigate', (e, url) => {
    if (shouldBlockNavigation(url)) e.preventDefault();
  });
  wc.on('will-redirect', (e, url) => {
    if (shouldBlockNavigation(url)) e.preventDefault();
  });
  wc.on('will-attach-webview', preventWebview);
  win.once('ready-to-show', () => win.show());
  win.on('close', () => {
    const b = win.getNormalBounds();
    void saveWindowState(userData, { width: b.width, height: b.height, x: b.x, y: b.y, maximized: win.isMaximized() });
  });
  win.on('closed', () => {
    mainWindow = null;
  });
  await win.loadURL(APP_ENTRY);
}

void app.whenReady().then(async () => {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler(permissionRequestHandler);
  ses.setPermissionCheckHandler(permissionCheckHandler);
  protocol.handle(APP_SCHEME, async (req) => {
    const file = resolveAppFile(rendererDir, req.url);
    if (!file) return new Response('Not found', { status: 404 });
    const res = await net.fetch(pathToFileURL(file.path).toString());
    return new Response(res.body, {
      status: res.status,
      headers: { 'Content-Type': file.mime, 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff' },
    });
  });

  const userData = app.getPath('userData');
  const bundlesDir = join(userData, 'ssh-bundles');
  await mkdir(bundlesDir, { recursive: true });
  const dialogs: Dialogs = {
    pickPaths: async (mode) => {
      const r = await dialog.showOpenDialog(mainWindow!, {
        properties: mode === 'folder' ? ['openDirectory'] : ['openFile', 'multiSelections'],
        filters: mode === 'files' ? [{ name: 'Log bundles and logs', extensions: ['zip', 'tar', 'gz', 'tgz', 'xz', 'txz', 'zst', 'tzst', 'log', 'status', 'xml', 'json', 'conf', '*'] }] : undefined,
      });
      return r.canceled ? null : r.filePaths;
    },
    pickSavePath: async (defaultName) => {
      const r = await dialog.showSaveDialog(mainWindow!, { defaultPath: defaultName });
      return r.canceled || !r.filePath ? null : r.filePath;
    },
  };
  const analysis = new SessionSet(() => new WorkerAnalysisService(join(here, 'analysis-worker.js')));
  const chosen = new ChosenPaths();
  // host keys and secrets are asked here, in main's own dialogs: the renderer cannot answer them
  const mainPrompt = createMainPrompt({
    messageBox: async (o) => (await dialog.showMessageBox(mainWindow!, { ...o, noLink: true })).response,
    secretWindow: (html, title) => showSecretWindow(html, title),
  });
  const handlers = createInvokeHandlers({
    analysis,
    dialogs,
    recent: fileRecentStore(userData),
    reports: createReportService(electronPdfPrinter),
    ssh: createSshCollector({ appDataDir: userData, bundlesDir }),
    openExternal: (url) => shell.openExternal(url), // eng-disable OPEN_EXTERNAL_JS_CHECK -- called only by the shell:open-docs handler with a URL that passed isAllowedDocUrl (https, documentation-host allowlist)
    emit: (event, payload) => mainWindow?.webContents.send(event, payload),
    appInfo: () => ({ name: 'VM Backup Doctor', version: TOOL_VERSION, versions: { ...process.versions } as Record<string, string>, platform: process.platform }),
    samplePath,
  }, chosen, mainPrompt);
  wireIpc(handlers, () => mainWindow?.webContents ?? null, (path) => chosen.add([path]));
  Menu.setApplicationMenu(buildMenu(() => mainWindow, process.platform === 'darwin'));
  await createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void createWindow();
  });
  app.on('before-quit', () => void analysis.dispose());
});

/** A modal window of main's own for one secret prompt: no preload, no IPC; the answer comes back in its URL fragment. */
function showSecretWindow(html: string, title: string): Promise<string | null> {
  return new Promise((resolve) => {
    const win = new BrowserWindow({ // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK -- no preload; sandboxed and context-isolated below; the page is main's own escaped HTML with no links, and setWindowOpenHandler below denies new windows
      parent: mainWindow ?? undefined,
      modal: true,
      width: 440,
      height: 320,
      title,
      show: false,
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, spellcheck: false },
    });
    let done = false;
    const finish = (fragment: string | null) => {
      if (done) return;
      done = true;
      resolve(fragment);
      if (!win.isDestroyed()) win.destroy();
    };
    win.setMenu(null);
    win.webContents.setWindowOpenHandler(windowOpenHandler);
    win.webContents.on('will-navigate', (e) => e.preventDefault());
    win.webContents.on('did-navigate-in-page', (_e, url) => {
      const hash = new URL(url).hash.slice(1);
      if (hash) finish(hash);
    });
    win.on('closed', () => finish(null));
    win.once('ready-to-show', () => win.show());
    void win.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`);
  });
}

app.on('web-contents-created', (_e, contents) => {
  contents.setWindowOpenHandler(windowOpenHandler);
  contents.on('will-attach-webview', preventWebview);
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
