/**
 * Only documentation links from our own catalogue may open in the system browser; never a URL
 * found in a log. The check is on the parsed URL, not a string prefix.
 */
export const DOC_HOSTS: readonly string[] = ['learn.microsoft.com', 'docs.microsoft.com', 'go.microsoft.com', 'azure.microsoft.com', 'portal.azure.com'];
/** github.com is allowed only for these repositories. */
export const GITHUB_REPOS: readonly string[] = ['/Azure/WALinuxAgent', '/Azure/azure-linux-extensions'];

export function isAllowedDocUrl(raw: string): { ok: true; url: string } | { ok: false; reason: string } {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return { ok: false, reason: 'not a valid URL' };
  }
  if (u.protocol !== 'https:') return { ok: false, reason: `only https links open (got ${u.protocol})` };
  if (u.username || u.password) return { ok: false, reason: 'links with credentials are refused' };
  if (u.port) return { ok: false, reason: 'links with an explicit port are refused' };
  const host = u.hostname.toLowerCase();
  if (DOC_HOSTS.includes(host)) return { ok: true, url: u.toString() };
  if (host === 'github.com' && GITHUB_REPOS.some((r) => u.pathname === r || u.pathname.startsWith(`${r}/`) || u.pathname.startsWith(`${r}#`)))
    return { ok: true, url: u.toString() };
  return { ok: false, reason: `${host} is not a documentation host this app opens` };
}
