import { describe, expect, it, vi } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  APP_ENTRY,
  CONTENT_SECURITY_POLICY,
  isTrustedSender,
  permissionCheckHandler,
  permissionRequestHandler,
  preventWebview,
  secureWebPreferences,
  shouldBlockNavigation,
  windowOpenHandler,
} from '../../src/main/electron/security';
import { resolveAppFile } from '../../src/main/electron/protocol';
import { isAllowedDocUrl } from '../../src/main/ipc/external-links';
import { ROOT } from '../helpers/paths';

describe('Electron security checklist', () => {
  it('webPreferences: isolation, sandbox, no node, web security on (items 2, 3, 4, 6, 8, 9)', () => {
    const p = secureWebPreferences('/app/preload.cjs');
    expect(p).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
    expect(p).not.toHaveProperty('enableBlinkFeatures');
    expect(p.preload).toBe('/app/preload.cjs');
  });

  it('CSP is strict: script-src self only, nothing remote (item 7)', () => {
    const directives = Object.fromEntries(CONTENT_SECURITY_POLICY.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
    expect(directives['default-src']).toEqual(["'none'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*/);
    // the renderer's own meta CSP says the same for scripts
    const html = readFileSync(join(ROOT, 'src/renderer/index.html'), 'utf8');
    expect(html).toMatch(/script-src 'self';/);
  });

  it('navigation is limited to the app origin (item 13) and served from app://, not file:// (item 18)', () => {
    expect(APP_ENTRY).toBe('app://bundle/index.html');
    expect(shouldBlockNavigation('app://bundle/index.html#/logs')).toBe(false);
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://other/index.html', 'javascript:alert(1)', 'not a url', 'http://127.0.0.1/']) {
      expect(shouldBlockNavigation(url), url).toBe(true);
    }
  });

  it('new windows are always denied (item 14) and webviews prevented (item 12)', () => {
    expect(windowOpenHandler()).toEqual({ action: 'deny' });
    const ev = { preventDefault: vi.fn() };
    preventWebview(ev);
    expect(ev.preventDefault).toHaveBeenCalled();
  });

  it('permission requests and checks are denied (item 5)', () => {
    for (const perm of ['media', 'notifications', 'clipboard-read', 'geolocation', 'openExternal']) {
      const cb = vi.fn();
      permissionRequestHandler({}, perm, cb);
      expect(cb).toHaveBeenCalledWith(false);
    }
    expect(permissionCheckHandler()).toBe(false);
  });

  it('IPC sender check accepts only the top frame of the app origin (item 17)', () => {
    const main = { url: 'app://bundle/index.html', parent: null };
    expect(isTrustedSender(main, main)).toBe(true);
    expect(isTrustedSender({ url: 'app://bundle/index.html', parent: main }, main)).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'app://bundle/index.html', parent: null }, main)).toBe(false); // another frame object
    expect(isTrustedSender(null)).toBe(false);
    // Without the main frame to compare against, a subframe is still refused by its parent alone.
    expect(isTrustedSender({ url: 'app://bundle/index.html', parent: main })).toBe(false);
    expect(isTrustedSender({ url: 'app://bundle/index.html', parent: null })).toBe(true);
  });

  it('the app protocol never serves files outside the renderer build', () => {
    const root = '/opt/app/dist/renderer';
    expect(resolveAppFile(root, 'app://bundle/index.html')?.path).toBe('/opt/app/dist/renderer/index.html');
    expect(resolveAppFile(root, 'app://bundle/')?.path).toBe('/opt/app/dist/renderer/index.html');
    for (const u of ['app://bundle/../../etc/passwd', 'app://bundle/%2e%2e/%2e%2e/etc/passwd.html', 'app://bundle/..%2f..%2fsecret.js', 'app://bundle/a%00.js', 'app://bundle/x.exe']) {
      const r = resolveAppFile(root, u);
      if (r) expect(r.path.startsWith(`${root}/`), u).toBe(true);
      if (u.endsWith('.exe') || u.includes('%00')) expect(r).toBeNull();
    }
    // Encoded separators that only escape after decoding are refused outright (a backslash is a separator on Windows).
    for (const u of ['app://bundle/..%2f..%2fsecret.js', 'app://bundle/..%5c..%5csecret.js', 'app://bundle/assets%5c..%5c..%5cmain.js', 'app://bundle/%2e%2e%2f%2e%2e%2fetc%2fpasswd.html']) {
      expect(resolveAppFile(root, u), u).toBeNull();
    }
  });

  it('shell.openExternal only for allowlisted documentation hosts (item 15)', () => {
    expect(isAllowedDocUrl('https://learn.microsoft.com/azure/backup/backup-azure-troubleshoot-vm-backup-fails-snapshot-timeout').ok).toBe(true);
    expect(isAllowedDocUrl('https://github.com/Azure/WALinuxAgent/wiki/Known-Issues#mitigate_agent_crash').ok).toBe(true);
    for (const bad of [
      'http://learn.microsoft.com/',
      'https://learn.microsoft.com.evil.example/',
      'https://evil.example/?https://learn.microsoft.com',
      'https://user:pw@learn.microsoft.com/',
      'https://github.com/attacker/repo',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'https://168.63.129.16/machine?comp=goalstate',
    ]) {
      expect(isAllowedDocUrl(bad).ok, bad).toBe(false);
    }
  });

  it('renderer sources: no <webview>/allowpopups, no raw-HTML sinks for log text, the report preview iframe fully sandboxed (items 11, 12; §E2 relevance note)', () => {
    const files = readdirSync(join(ROOT, 'src/renderer'), { recursive: true, encoding: 'utf8' }).filter((f) => /\.(tsx?|html)$/.test(f));
    expect(files.length).toBeGreaterThan(5);
    let iframes = 0;
    for (const f of files) {
      const src = readFileSync(join(ROOT, 'src/renderer', f), 'utf8');
      expect(src, f).not.toMatch(/<webview\b|allowpopups/i);
      expect(src, f).not.toMatch(/dangerouslySetInnerHTML|\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write\(/);
      for (const tag of src.match(/<iframe\b[^>]*>/g) ?? []) {
        iframes++;
        // sandbox="" : no scripts, no same-origin, no popups, no top navigation
        expect(tag, f).toMatch(/\ssandbox=""/);
      }
    }
    expect(iframes).toBeGreaterThan(0);
  });

  it('shell.openExternal is reached from one place only: the docs-link service main.ts hands to the handlers (item 15)', () => {
    const calls: string[] = [];
    for (const f of readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' }).filter((x) => /\.tsx?$/.test(x))) {
      const src = readFileSync(join(ROOT, 'src', f), 'utf8');
      for (const _ of src.matchAll(/shell\.openExternal\(/g)) calls.push(f);
    }
    expect(calls).toEqual([join('main', 'electron', 'main.ts')]);
  });

  it('fuses are set in electron-builder.yml (item 19)', () => {
    const yml = readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8');
    for (const line of [
      'runAsNode: false',
      'enableNodeOptionsEnvironmentVariable: false',
      'enableNodeCliInspectArguments: false',
      'enableEmbeddedAsarIntegrityValidation: true',
      'onlyLoadAppFromAsar: true',
      'grantFileProtocolExtraPrivileges: false',
    ]) {
      expect(yml).toContain(line);
    }
    expect(yml).toMatch(/^npmRebuild: false$/m);
    expect(yml).toMatch(/^asar: true$/m);
  });

  it('uses a current Electron major (item 16)', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(Number(String(pkg.devDependencies.electron).split('.')[0])).toBeGreaterThanOrEqual(45);
  });
});
