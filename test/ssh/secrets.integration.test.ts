/**
 * Issue 9, the secrets point: a real SSH collection (OpenSSH on 127.0.0.1, test/ssh/sshd.ts) as a user whose
 * sudo needs a password, from a VM whose files are full of SAS tokens, protectedSettings, snapshot task tokens
 * and proxy credentials. It goes through both front ends — the CLI (`collect`, `analyze`, `report`) and the
 * app's IPC handlers (`ssh:collect` → analysis → `report:preview` / `report:export` in every format) — while
 * everything the app prints or logs is captured (CLI stdout/stderr, console, process stdout/stderr, the
 * collector's diagnostic log, every event sent to the renderer) and every file it writes lands in folders of
 * this test (app data, bundles, exports, a private TMPDIR, XDG_CONFIG_HOME). Then it scans all of it, byte by
 * byte (gzip inflated, PDFs through pdftotext too):
 *
 * - the sudo password is nowhere, not even in the collected bundle;
 * - the customer's secrets are nowhere except in the collected bundle itself, which is the VM's own files
 *   (it must hold them: that proves they travelled through the app and the scan is not vacuous).
 *
 * Needs root, sshd, sudo (see README "Test"); skipped otherwise.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ExportRequest, SshPrompt } from '../../src/shared';
import { createInvokeHandlers, type MainServices } from '../../src/main/ipc/handlers';
import { validateRequest } from '../../src/main/ipc/schemas';
import { InProcessAnalysisService } from '../../src/main/worker/in-process';
import { SessionSet } from '../../src/main/worker/sessions';
import { createReportService } from '../../src/main/report';
import { createChromiumPrinter, findChromium } from '../../src/main/report/chromium';
import { createSshCollector } from '../../src/main/ssh';
import { runCollect } from '../../src/main/cli/collect';
import { main as cli } from '../../src/main/cli';
import { buildFakeVm, createUser, keygen, startSshd, tempDir, type Sshd } from './sshd';

const CAN_RUN = process.getuid?.() === 0 && existsSync('/usr/sbin/sshd') && spawnSync('sudo', ['-V'], { stdio: 'ignore' }).status === 0;
const CHROMIUM = findChromium();
const HAVE_PDFTOTEXT = spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).status === 0;

const TAG = randomBytes(5).toString('hex');
/** The login and sudo password (one account, as on a real VM). */
const PASSWORD = `Sudo-${TAG}-pw!`;
const SIG = `U0FTc2lnbmF0dXJl${TAG}%3D`;
const PROTECTED = `MIIB8AYJKoZIhvcNAQcDoIIB4TCCAd0CAQAxggFp${TAG}ProtectedSettings`;
const TASK_TOKEN = `snaptoken-${TAG}-b7f1c2d3e4f5`;
const DD_TOKEN = `ddtok-${TAG}-9f8e7d6c`;
const PROXY_PW = `Pr0xyPw-${TAG}`;
const FILE_SIG = `FileNameSig${TAG}`;
const CUSTOMER_SECRETS = [SIG, SIG.replace('%3D', ''), PROTECTED, TASK_TOKEN, DD_TOKEN, PROXY_PW, FILE_SIG];

const HANDLER = 'Microsoft.Azure.RecoveryServices.VMSnapshotLinux';
const SAS = `https://md-hdd-abc123.blob.core.windows.net/$system/vm-backup-demo-01.status?sv=2018-03-28&sr=b&sk=system-1&sig=${SIG}&se=9999-01-01T00%3A00%3A00Z&sp=rw`;

/** Writes the customer's secrets into files the collector takes (docs/formats.md "SSH collections", "Secrets"). */
function seedSecrets(vmRoot: string): void {
  const ext = `var/lib/waagent/${HANDLER}-1.0.9225.0`;
  appendFileSync(
    join(vmRoot, 'var/log/waagent.log'),
    [
      `2026-11-19T21:59:58.221003Z INFO ExtHandler ExtHandler Status blob: ${SAS}`,
      `2026-11-19T21:59:58.301900Z WARNING ExtHandler ExtHandler Failed to upload status blob: [HttpError] PUT ${SAS} -- 403 AuthenticationFailed`,
      `2026-11-19T21:59:59.004101Z INFO ExtHandler ExtHandler handlerSettings {"protectedSettingsCertThumbprint": "8E4C5F0D7A1B2C3D", "protectedSettings": "${PROTECTED}", "publicSettings": {}}`,
      `2026-11-19T22:01:17.310200Z ERROR ExtHandler [${HANDLER}-1.0.9225.0] Enable failed, upload to ${SAS} not attempted`,
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(vmRoot, `${ext}/config/16.settings`),
    `{"runtimeSettings":[{"handlerSettings":{"protectedSettingsCertThumbprint":"8E4C5F0D7A1B2C3D","protectedSettings":"${PROTECTED}","publicSettings":{"taskId":"7d3c2a8e-5b1f-4e62-9a07-3f1c8d2e6b41","logsBlobUri":"${SAS}","statusBlobUri":"${SAS}","snapshotTaskToken":"${TASK_TOKEN}"}}}]}`,
    { mode: 0o600 },
  );
  // Root-only like the rest of /var/lib/waagent: it arrives only through sudo.
  writeFileSync(
    join(vmRoot, 'var/lib/waagent/GoalState.16.xml'),
    `<?xml version="1.0" encoding="utf-8"?>\n<GoalState><Incarnation>16</Incarnation><Container><RoleInstanceList><RoleInstance><Configuration><ExtensionsConfig>https://md.blob.core.windows.net/x?sv=2018&amp;sig=${SIG}</ExtensionsConfig></Configuration></RoleInstance></RoleInstanceList></Container></GoalState>\n`,
    { mode: 0o600 },
  );
  const extLog = join(vmRoot, `var/log/azure/${HANDLER}/extension.log`);
  mkdirSync(join(extLog, '..'), { recursive: true });
  appendFileSync(
    extLog,
    [
      `2026-11-19 23:00:04.513000 [${HANDLER}-1.0]snapshotTaskToken : ${TASK_TOKEN}`,
      `2026-11-19 23:00:04.600000 [${HANDLER}-1.0]Host Request body {"taskId": "7d3c2a8e-5b1f-4e62-9a07-3f1c8d2e6b41", "snapshotTaskToken": "${TASK_TOKEN}"}`,
      `2026-11-19 23:01:15.100000 [${HANDLER}-1.0]ddSnapshotIdentifier Information from Host- creationTime : 1763593275000, id : 42, token : ${DD_TOKEN}, instantAccessDurationMinutes : Not Set`,
      `2026-11-19 23:01:16.000000 [${HANDLER}-1.0]Exception while uploading logs to ${SAS}`,
      '',
    ].join('\n'),
  );
  // Secrets inside lines the freeze-timeout finding cites as evidence, so they do reach the analysis and every
  // report (the parsers' scrub and the export redaction are what keep them out).
  const extLogText = readFileSync(extLog, 'utf8');
  const cited = extLogText
    .replace('[Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0]T:S freeze, timeout value 60\n', `[Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0]T:S freeze, timeout value 60, snapshotTaskToken : ${TASK_TOKEN}, status ${SAS}\n`)
    .replace('T:S freeze result freeze took longer than timeout, timedout :True\n', `T:S freeze result freeze took longer than timeout, timedout :True, token : ${DD_TOKEN}, "protectedSettings": "${PROTECTED}"\n`);
  if (cited === extLogText) throw new Error('the sample extension.log changed: seed the secrets into the lines the freeze finding cites');
  writeFileSync(extLog, cited);
  // A file name can carry a signature too (a saved upload URL); the collector takes var/log/azure whole.
  writeFileSync(join(vmRoot, `var/log/azure/${HANDLER}/upload?sv=2020-08-04&sig=${FILE_SIG}.log`), `failed upload of ${SAS}\n`);
  const conf = join(vmRoot, 'etc/waagent.conf');
  appendFileSync(conf, `${existsSync(conf) ? '' : 'Extensions.Enabled=y\n'}HttpProxy.Host=http://proxyuser:${PROXY_PW}@10.0.0.5\nHttpProxy.Port=3128\nHttpProxy.Password ${PROXY_PW}\n`);
}

/** Every regular file under `dir`. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p, { throwIfNoEntry: false });
    if (s?.isDirectory()) out.push(...filesUnder(p));
    else if (s?.isFile()) out.push(p);
  }
  return out;
}

/** A file's bytes as the scan sees them: raw, plus inflated (gzip) and extracted text (PDF). */
function viewsOf(file: string): { what: string; bytes: Buffer }[] {
  const raw = readFileSync(file);
  const views = [{ what: file, bytes: raw }];
  if (raw[0] === 0x1f && raw[1] === 0x8b) {
    try {
      views.push({ what: `${file} (gunzipped)`, bytes: gunzipSync(raw) });
    } catch {
      /* not really gzip */
    }
  }
  if (raw.subarray(0, 5).toString('latin1') === '%PDF-' && HAVE_PDFTOTEXT) {
    views.push({ what: `${file} (pdftotext)`, bytes: execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']) });
  }
  return views;
}

function hits(bytes: Buffer, secrets: string[]): string[] {
  return secrets.filter((s) => bytes.includes(Buffer.from(s, 'utf8')) || bytes.includes(Buffer.from(s, 'utf16le')));
}

/** Where in `printed` each secret shows up, as "secret in where" (deduplicated). */
function leaks(entries: { where: string; text: string }[], secrets: string[]): string[] {
  return [...new Set(entries.flatMap((p) => hits(Buffer.from(p.text, 'utf8'), secrets).map((h) => `${h} in ${p.where}`)))];
}

/** Data sent to the renderer over IPC: inside the app, so only the sudo password is forbidden there. */
const RENDERER = 'IPC to the renderer';
const KNOWN_GAP = 'cli analyze --format json stdout';

let dir: string;
let vmRoot: string;
let sshd: Sshd;
let clientKey: string;
let user: { name: string; remove: () => void } | undefined;
/** Everything the app printed or logged, by where it went. */
const printed: { where: string; text: string }[] = [];
const sink = (where: string) => (text: string) => void printed.push({ where, text });
/** Folders the app writes to in this test. */
let appData: string;
let cliConfig: string;
let privateTmp: string;
let exportsDir: string;
let cliOut: string;
const saved: Record<string, string | undefined> = {};

describe.skipIf(!CAN_RUN)('secrets stay out of everything the app writes or prints (issue 9)', { timeout: 240_000 }, () => {
  beforeAll(async () => {
    dir = tempDir();
    vmRoot = buildFakeVm(dir);
    seedSecrets(vmRoot);
    appData = join(dir, 'userData');
    cliConfig = join(dir, 'xdg-config');
    privateTmp = join(dir, 'tmp');
    exportsDir = join(dir, 'exports');
    cliOut = join(dir, 'cli-out');
    for (const d of [appData, cliConfig, privateTmp, exportsDir, cliOut]) mkdirSync(d, { recursive: true });
    // The CLI logs in with the password; the app logs in with a key, so there the sudo password is the only
    // secret typed (it is not also the login password the connection code knows about).
    clientKey = join(dir, 'client_ed25519');
    keygen(clientKey);
    writeFileSync(join(dir, 'authorized_keys'), readFileSync(`${clientKey}.pub`, 'utf8'), { mode: 0o644 });
    sshd = await startSshd(dir, 'target', join(dir, 'authorized_keys'), { passwordAuth: true });
    user = createUser('vmbdsec', { password: PASSWORD, sudo: 'password' });
    for (const k of ['TMPDIR', 'XDG_CONFIG_HOME', 'SSH_AUTH_SOCK']) saved[k] = process.env[k];
    process.env.TMPDIR = privateTmp;
    process.env.XDG_CONFIG_HOME = cliConfig;
    delete process.env.SSH_AUTH_SOCK;
    // Whatever the app writes to the console or the process's streams is captured (and still shown).
    for (const m of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
      vi.spyOn(console, m).mockImplementation((...a: unknown[]) => sink(`console.${m}`)(format(...a)));
    }
    for (const stream of [process.stdout, process.stderr]) {
      const write = stream.write.bind(stream) as (...a: unknown[]) => boolean;
      vi.spyOn(stream, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
        sink(stream === process.stdout ? 'process.stdout' : 'process.stderr')(Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk));
        return write(chunk, ...rest);
      }) as typeof stream.write);
    }
  }, 60_000);

  afterAll(() => {
    vi.restoreAllMocks();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    sshd?.stop();
    user?.remove();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const collectorExtra = () => ({ userKnownHosts: [], sshConfigFile: null, defaultIdentities: false, probeFilter: (n: string) => n === 'disk-free', remoteRoot: vmRoot, log: sink('ssh collector log') });

  let cliBundle = '';
  it('CLI: collect with a login and sudo password, then analyze and report in every format', async () => {
    const io = { stdout: sink('cli stdout'), stderr: sink('cli stderr') };
    const asked: string[] = [];
    const prompter = {
      interactive: true,
      ask: async (question: string, hidden: boolean) => {
        asked.push(question);
        return hidden ? PASSWORD : 'yes';
      },
    };
    cliBundle = join(cliOut, 'vm.tar.gz');
    const code = await runCollect([`ssh://${user!.name}@127.0.0.1:${sshd.port}`, '--no-agent', '--password', '--out', cliBundle], io, { prompter, collector: collectorExtra() });
    expect(code, printed.map((p) => p.text).join('')).toBe(0);
    expect(asked.some((q) => /sudo/i.test(q)), asked.join(' | ')).toBe(true);
    const manifest = JSON.parse(
      execFileSync('tar', ['-xzOf', cliBundle, 'manifest.json'], { encoding: 'utf8' }),
    ) as { privilege: string };
    expect(manifest.privilege).toBe('sudo-password');

    for (const fmt of ['text', 'md', 'json']) {
      expect(await cli(['analyze', cliBundle, '--format', fmt], { ...io, stdout: sink(`cli analyze --format ${fmt} stdout`) }), fmt).toBe(0);
    }
    for (const ext of ['html', 'md', 'json', 'jsonl', ...(CHROMIUM ? ['pdf'] : [])]) {
      expect(await cli(['report', cliBundle, '--out', join(cliOut, `report.${ext}`)], io), ext).toBe(0);
    }
    expect(await cli(['report', cliBundle, '--out', join(cliOut, 'report-pseudo.html'), '--pseudonymize', '--lang', 'nl'], io)).toBe(0);
  });

  it('app: ssh:collect through the IPC handlers (key login, sudo password answered like the dialog), then preview and export every format', async () => {
    const events: { event: string; payload: unknown }[] = [];
    let exports = 0;
    const services: MainServices = {
      analysis: new SessionSet(() => new InProcessAnalysisService()),
      dialogs: { pickPaths: async () => null, pickSavePath: async (name: string) => join(exportsDir, `${exports++}-${name}`) },
      recent: { list: async () => [], add: async () => undefined, remove: async () => undefined, clear: async () => undefined },
      reports: createReportService(CHROMIUM ? createChromiumPrinter(CHROMIUM) : async () => Buffer.from('%PDF-1.7 stub')),
      ssh: createSshCollector({ appDataDir: appData, bundlesDir: join(appData, 'ssh-bundles'), ...collectorExtra() }),
      openExternal: async () => undefined,
      emit: (event, payload) => {
        events.push({ event, payload });
        if (event === 'ssh:prompt') {
          const p = payload as SshPrompt;
          const secret = p.kind === 'password' || p.kind === 'sudo-password' || p.kind === 'passphrase';
          setTimeout(() => void h['ssh:answer']({ id: p.id, accept: true, values: secret ? [PASSWORD] : undefined }), 10);
        }
      },
      appInfo: () => ({ name: 'VM Backup Doctor', version: '0.1.0', versions: {}, platform: 'linux' }),
      samplePath: '',
    };
    mkdirSync(join(appData, 'ssh-bundles'), { recursive: true });
    const h = createInvokeHandlers(services);
    const req = validateRequest('ssh:collect', { target: { host: '127.0.0.1', port: sshd.port, user: user!.name, identityFile: clientKey, useAgent: false, allowPassword: false } }) as Parameters<typeof h['ssh:collect']>[0];
    const r = await h['ssh:collect'](req);
    expect(r.ok, JSON.stringify(r).slice(0, 500)).toBe(true);
    expect(events.filter((e) => e.event === 'ssh:prompt').map((e) => (e.payload as SshPrompt).kind)).toEqual(['host-key-unknown', 'sudo-password']);
    const { html } = await h['report:preview']({ format: 'html', lang: 'en', redact: true });
    expect(html).toContain('&lt;redacted&gt;'); // the secrets reached the report, and were redacted there
    sink('report:preview html')(html);
    for (const format of ['pdf', 'html', 'md', 'json', 'jsonl'] as const) {
      const out = await h['report:export'](validateRequest('report:export', { format, lang: 'en', redact: true }) as ExportRequest);
      expect(out, format).toMatchObject({ ok: true });
    }
    expect(await h['report:export']({ format: 'html', lang: 'nl', redact: true, pseudonymize: true })).toMatchObject({ ok: true });
    // What crosses IPC to the renderer stays inside the app (the log view shows the VM's own text); it is
    // scanned for the sudo password only. It does prove the secrets reached the analysis: the signed file
    // name as is, the cited evidence lines scrubbed by the parsers.
    sink(RENDERER)(JSON.stringify(events));
    sink(RENDERER)(JSON.stringify(r));
    const result = JSON.stringify(r);
    expect(result).toContain(FILE_SIG);
    expect(result).toContain('T:S freeze, timeout value 60, snapshotTaskToken');
    for (const secret of [TASK_TOKEN, DD_TOKEN, PROTECTED, SIG]) expect(result, secret).not.toContain(secret);
  });

  // `analyze` redacts its output with the shared rules: a file name carrying a signature is no exception.
  it('`analyze --format json` prints a file name carrying sig= redacted', () => {
    expect(leaks(printed.filter((p) => p.where === KNOWN_GAP), [FILE_SIG])).toEqual([]);
  });

  it('the sudo password is nowhere; the customer\'s secrets are only in the collected bundles', () => {
    // What was printed or logged: neither.
    expect(printed.length).toBeGreaterThan(10);
    expect(leaks(printed, [PASSWORD]), 'sudo password in the output or logs').toEqual([]);
    const leaving = printed.filter((p) => p.where !== RENDERER);
    const known = (l: string) => l === `${FILE_SIG} in ${KNOWN_GAP}`;
    expect(leaks(leaving, CUSTOMER_SECRETS).filter((l) => !known(l)), 'customer secret in the output or logs').toEqual([]);

    // Every file the app wrote: app data (known_hosts, bundles, staging), CLI config, exports, temp.
    const files = [appData, cliConfig, privateTmp, exportsDir, cliOut].flatMap(filesUnder);
    const bundles = files.filter((f) => /\.tar\.gz$/.test(f));
    expect(bundles.length, files.join('\n')).toBe(2); // one from the CLI, one from the app
    expect(files.filter((f) => f.startsWith(exportsDir)).length).toBe(6);
    expect(files.filter((f) => f.startsWith(cliOut) && /report/.test(f)).length).toBe(CHROMIUM ? 6 : 5);
    for (const f of files) {
      for (const v of viewsOf(f)) {
        expect(hits(v.bytes, [PASSWORD]), `sudo password in ${v.what}`).toEqual([]);
        if (bundles.includes(f)) continue;
        expect(hits(v.bytes, CUSTOMER_SECRETS), `customer secret in ${v.what}`).toEqual([]);
      }
    }
    // The bundles do hold the VM's files with their secrets: the scan above is not vacuous.
    for (const b of bundles) {
      const plain = gunzipSync(readFileSync(b));
      expect(hits(plain, CUSTOMER_SECRETS).length, b).toBeGreaterThanOrEqual(4);
      expect(plain.includes(Buffer.from('GoalState.16.xml')), `${b}: the root-only file arrived (sudo worked)`).toBe(true);
    }
    // Nothing but what the app meant to write: no stray staging folders or temp files left behind.
    expect(files.filter((f) => f.includes('/.collect-'))).toEqual([]);
    // Files the app keeps are private to the user (bundles, known_hosts).
    for (const f of [...bundles, ...files.filter((x) => x.endsWith('known_hosts'))]) expect(statSync(f).mode & 0o077, f).toBe(0);
  });
});
