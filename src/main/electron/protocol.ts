import { extname, resolve, sep } from 'node:path';

/** MIME types for the files the renderer build contains. */
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/**
 * Maps an app:// URL to a file inside the renderer build, refusing anything that would escape it
 * (`..`, encoded separators, absolute paths). Pure, so it is unit-tested.
 */
export function resolveAppFile(rootDir: string, rawUrl: string): { path: string; mime: string } | null {
  let u: URL;
  try {
    u = new URL(rawUrl);
  } catch {
    return null;
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  if (pathname === '/' || pathname === '') pathname = '/index.html';
  const root = resolve(rootDir);
  const full = resolve(root, `.${pathname}`);
  if (full !== root && !full.startsWith(root + sep)) return null;
  const mime = MIME[extname(full).toLowerCase()];
  if (!mime) return null;
  return { path: full, mime };
}
