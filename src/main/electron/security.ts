/**
 * The Electron security checklist (electronjs.org/docs/latest/tutorial/security) as plain, testable values and
 * functions. electron/main.ts applies them; test/electron/security.test.ts asserts them.
 * This module must not import 'electron' so it can be tested in plain Node.
 */

/** Custom scheme serving the renderer (checklist 18: no file://). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'bundle';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/** Checklist 7: a strict CSP. No remote anything; inline styles only for React style props. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Checklist 2, 3, 4, 6, 8, 9, 10: the renderer's webPreferences. */
export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
  } as const;
}

/** True only for pages of our own bundle (the only origin IPC answers and navigation allows). */
export function isAppUrl(raw: string): boolean {
  try {
    const u = new URL(raw);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Checklist 13: navigation away from the app is blocked (links open via the docs allowlist only). */
export function shouldBlockNavigation(url: string): boolean {
  return !isAppUrl(url);
}

/** Checklist 14: no new windows, ever. */
export function windowOpenHandler(): { action: 'deny' } {
  return { action: 'deny' };
}

/** Checklist 5: every permission request (camera, notifications, clipboard-read, ...) is denied. */
export function permissionRequestHandler(_webContents: unknown, _permission: string, callback: (granted: boolean) => void): void {
  callback(false);
}
export function permissionCheckHandler(): boolean {
  return false;
}

/** Checklist 17: IPC answers only our main frame's top-level page from the app origin. */
export interface SenderFrameLike {
  url: string;
  parent?: unknown | null;
}
export function isTrustedSender(frame: SenderFrameLike | null | undefined, mainFrame?: unknown): boolean {
  if (!frame) return false;
  if (frame.parent) return false;
  if (mainFrame !== undefined && frame !== mainFrame) return false;
  return isAppUrl(frame.url);
}

/** Checklist 12 (webview): any attempt to attach a webview is prevented. */
export function preventWebview(event: { preventDefault(): void }): void {
  event.preventDefault();
}
