/**
 * The commands we run on the VM. Everything is read-only; every path is fixed here (nothing the user
 * typed ends up in a command line except the optional collection root, which is quoted).
 */

import { COLLECT_GLOBS as FORMAT_COLLECT_GLOBS } from '../../shared/formats';

/** Single-quote for POSIX sh. */
export function shq(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * What we collect, relative to the VM root: each format declaration's `collect` globs (src/shared/formats; the
 * `waagent -collect-logs` manifest plus the goal-state XML that 2.8+ collectors dropped, every extension's state and
 * the Backup extension's own config), in their priority order: if the size cap or a cut connection stops the
 * stream, the most useful files have already arrived. Directories are taken whole (tar recurses). Secrets on disk
 * (`*.prv`, `*.crt`, ManagedIdentity json) are deliberately not listed. `provisioned` is no format (nothing reads
 * it), but whether it exists tells how the VM was provisioned.
 */
export const COLLECT_GLOBS: readonly string[] = [...FORMAT_COLLECT_GLOBS.slice(0, 5), 'var/lib/waagent/provisioned', ...FORMAT_COLLECT_GLOBS.slice(5)];

/**
 * One POSIX sh script: build the list of paths that exist (missing ones must not fail the tar), then stream a
 * tar.gz to stdout. `--ignore-failed-read` keeps going past unreadable files; exit 4 = nothing to collect.
 */
export function collectScript(root = '/'): string {
  const globs = COLLECT_GLOBS.join(' ');
  return [
    `cd ${shq(root)} || exit 3`,
    'set --',
    `for p in ${globs}; do if [ -e "$p" ] && [ ! -L "$p" ]; then set -- "$@" "$p"; fi; done`,
    '[ "$#" -gt 0 ] || exit 4',
    // GNU tar (every Azure-endorsed distro) can skip unreadable and vanishing files; others get the plain form.
    'if tar --version 2>/dev/null | grep -q GNU; then exec tar --ignore-failed-read --warning=no-file-changed --warning=no-file-removed -czf - -- "$@"; fi',
    'exec tar -czf - "$@"',
  ].join('\n');
}

/** How a command gets root: we are root already, sudo needs no password, or sudo reads one from stdin. */
export type Privilege = 'root' | 'sudo-nopasswd' | 'sudo-password' | 'none';

/** Wraps a script for the chosen privilege. The password is never on this line: `sudo -S -p ''` reads it from stdin. */
export function privileged(script: string, privilege: Privilege): string {
  const sh = `sh -c ${shq(script)}`;
  if (privilege === 'sudo-nopasswd') return `sudo -n ${sh}`;
  if (privilege === 'sudo-password') return `sudo -S -p '' ${sh}`;
  return sh;
}

export interface ProbeSpec {
  name: string;
  /** Runs unprivileged: every live check reads only world-readable state. */
  script: string;
  timeoutMs: number;
}

/** GET with curl, else python3; prints the body (bounded), then `__HTTP__<status>`, then `via=<tool>`. Writes nothing on the VM. */
const HTTP_GET = (url: string, header?: string) =>
  [
    `if command -v curl >/dev/null 2>&1; then curl -sS -m 5 ${header ? `-H ${shq(header)} ` : ''}-w '\\n__HTTP__%{http_code}\\n' ${shq(url)} 2>&1 | tail -c 16384; echo "via=curl";`,
    `elif command -v python3 >/dev/null 2>&1; then python3 - ${shq(url)} ${shq(header ?? '')} <<'PY'`,
    'import sys, urllib.request, urllib.error',
    'req = urllib.request.Request(sys.argv[1])',
    "if sys.argv[2]: k, v = sys.argv[2].split(':', 1); req.add_header(k, v)",
    'try:',
    '    r = urllib.request.urlopen(req, timeout=5); sys.stdout.write(r.read(16384).decode("utf-8", "replace")); print("\\n__HTTP__%d" % r.status)',
    'except urllib.error.HTTPError as e: print("\\n__HTTP__%d" % e.code)',
    'except Exception as e: print("error=%s" % e); print("\\n__HTTP__000")',
    'PY',
    'echo "via=python3"',
    'else echo "via=none"; fi',
  ].join('\n');

/** The live checks (names are the contract with the rule owners, see ProbeFact). */
export const PROBES: ProbeSpec[] = [
  { name: 'waagent-version', timeoutMs: 15000, script: 'PATH=$PATH:/usr/sbin:/usr/local/sbin; if command -v waagent >/dev/null 2>&1; then waagent --version 2>&1; echo "rc=$?"; else echo "rc=127"; fi' },
  {
    name: 'agent-service',
    timeoutMs: 10000,
    script:
      'for u in walinuxagent waagent; do printf "unit %s " "$u"; systemctl is-active "$u" 2>/dev/null || echo unknown; done; ' +
      // The bracket patterns keep this script's own command line (which contains them) from matching.
      'echo "procs $(ps -eo args 2>/dev/null | grep -c -E "waagent [-]daemon|[-]run-exthandlers")"',
  },
  { name: 'wireserver', timeoutMs: 8000, script: HTTP_GET('http://168.63.129.16/?comp=versions') },
  { name: 'hostgaplugin', timeoutMs: 8000, script: HTTP_GET('http://168.63.129.16:32526/health') },
  { name: 'imds', timeoutMs: 8000, script: HTTP_GET('http://169.254.169.254/metadata/instance?api-version=2021-02-01', 'Metadata:true') },
  {
    name: 'dhcp-245',
    timeoutMs: 8000,
    script:
      'n=0; for f in /var/lib/dhcp/*.leases /var/lib/dhclient/*.lease* /var/lib/NetworkManager/*.lease /run/systemd/netif/leases/*; do ' +
      '[ -r "$f" ] || continue; n=$((n+1)); if grep -q -E "unknown-245|option-245|OPTION_245" "$f" 2>/dev/null; then echo "with245 $f"; else echo "without245 $f"; fi; done; echo "files $n"',
  },
  { name: 'disk-free', timeoutMs: 8000, script: 'df -P -k / /var 2>&1' },
  {
    name: 'noexec',
    timeoutMs: 8000,
    script:
      'if command -v findmnt >/dev/null 2>&1; then findmnt -n -o TARGET,OPTIONS -T /var/lib/waagent 2>/dev/null || findmnt -n -o TARGET,OPTIONS -T /var; ' +
      'else mount | grep -E " on /(var(/lib(/waagent)?)?)? " ; fi',
  },
  {
    name: 'clock-sync',
    timeoutMs: 8000,
    script:
      'echo "epoch $(date -u +%s)"; if command -v timedatectl >/dev/null 2>&1; then timedatectl show -p NTPSynchronized -p NTP 2>/dev/null || timedatectl status 2>/dev/null; fi; ' +
      'if command -v chronyc >/dev/null 2>&1; then chronyc -n tracking 2>/dev/null | grep -E "^(Leap status|System time)"; fi',
  },
  { name: 'disk-sizes', timeoutMs: 8000, script: 'lsblk -b -J -o NAME,SIZE,TYPE,MOUNTPOINT 2>&1' },
];
