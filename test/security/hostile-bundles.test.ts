/**
 * Security proofs (issue 9): hostile bundles through the real pipeline (`analyzeBundle`).
 *
 * Every case checks the same four things — no crash, no hang (timeout), no write outside the app's
 * temp folder (listing of a private TMPDIR and of the bundle folder before/after), bounded memory
 * (rss) — plus what the defence it guards must guarantee. The comment on each case names that
 * defence; the assertions below it fail when the defence is removed.
 *
 * The corpus is generated here into a private temp folder and deleted afterwards; nothing is committed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, symlinkSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { analyzeBundle, type AnalysisSession, type AnalyzeOptions } from '../../src/main/pipeline/analyze-bundle';
import { toCliJson } from '../../src/main/report/json';
import { ingest } from '../../src/main/ingest';
import { forEachLine, MAX_LINE_HEAD } from '../../src/main/parse/lines';
import { main as cli } from '../../src/main/cli';
import { buildReportModel, renderHtml } from '../../src/main/report';
import { BIDI, EVIL_URL, XSS_IMG, XSS_SCRIPT, deflatedZeros, freshDir, listing, peakRss, rawZip, removeDir, stringsOf, tarOf, within, zeros, zipLyingSizes, zipOf } from './hostile';

const REAL_TMP = tmpdir();
const ROOT = freshDir(REAL_TMP, 'vmbd-security-');
/** The app's temp folder for this test process: anything the pipeline writes must land here (it writes nothing today). */
const APP_TMP = join(ROOT, 'app-tmp');
const BUNDLES = join(ROOT, 'bundles');
const TAG = randomBytes(6).toString('hex');
/** Where a zip-slip / absolute member would land if it were ever extracted. */
const SLIP_TARGETS = [join(ROOT, `slip-${TAG}.txt`), join(REAL_TMP, `vmbd-abs-${TAG}.txt`), join(BUNDLES, `slip-${TAG}.txt`)];
/** A secret next to the bundles: links and external entities point at it; it must never show up in a result. */
const SECRET_FILE = join(ROOT, 'secret.txt');
const SECRET = `TOP-SECRET-${TAG}`;

/**
 * Generous against what the defences cost (≤ ~30 MB measured for every case, the 100 MB line included), yet
 * below what keeping that line or inflating the 96 MB bomb would cost (its bytes plus their copies).
 */
const RSS_HEADROOM = 192 * 1024 * 1024;
const CASE_TIMEOUT = 120_000;

let savedTmp: string | undefined;
beforeAll(() => {
  mkdirSync(APP_TMP, { recursive: true });
  mkdirSync(BUNDLES, { recursive: true });
  writeFileSync(SECRET_FILE, `${SECRET}\nroot:x:0:0:root:/root:/bin/bash\n`);
  savedTmp = process.env.TMPDIR;
  process.env.TMPDIR = APP_TMP;
});
afterAll(() => {
  if (savedTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmp;
  removeDir(ROOT);
  for (const t of SLIP_TARGETS) removeDir(t);
});

/* ---------- realistic content (docs/formats.md: waagent.log, extension.log) ---------- */

const GA = (t: string, level: string, msg: string) => `2026-11-19T${t}.000000Z ${level} ExtHandler ExtHandler ${msg}`;
const WAAGENT_LINES = [
  '2026/11/15 09:00:00.123456 INFO Daemon Azure Linux Agent Version:2.2.45',
  GA('21:59:58', 'INFO', 'WALinuxAgent-2.9.1.1 running as process 1234'),
  GA('22:00:01', 'INFO', '[HEARTBEAT] Agent WALinuxAgent-2.9.1.1 is running as the goal state agent [DEBUG HeartbeatCounter: 10;HeartbeatId: 1;DroppedPackets: 0;UpdateGSErrors: 0;AutoUpdate: 1]'),
  GA('22:00:05', 'INFO', 'Fetched a new incarnation for the WireServer goal state [incarnation 15]'),
];
const EXT = 'var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log';
const extLine = (t: string, msg: string) => `2026-11-19 ${t}.100000 [Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0]${msg}`;

function write(path: string, data: string | Buffer | Uint8Array): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
  return path;
}

/* ---------- the common checks ---------- */

interface Outcome {
  session: AnalysisSession;
  json: string;
  html: string;
  warnings: string[];
}

async function analyse(paths: string[], opts: AnalyzeOptions = {}): Promise<Outcome> {
  const before = listing(ROOT);
  const rss0 = process.memoryUsage().rss;
  const { value: session, peak } = await peakRss(within(CASE_TIMEOUT - 10_000, `analyzeBundle(${paths.map((p) => p.slice(ROOT.length)).join(', ')})`, analyzeBundle(paths, opts)));
  // Defence: ingest reads archives in memory and never extracts (src/main/ingest/index.ts). Nothing new
  // may appear in the app's temp folder, next to or inside the bundles, or at a zip-slip target.
  expect(listing(ROOT), 'the pipeline wrote files').toEqual(before);
  for (const t of SLIP_TARGETS) expect(existsSync(t), `written outside: ${t}`).toBe(false);
  // Defence: bounded reads (per-file tail cap, MAX_LINE_HEAD, ratio cap). See RSS_HEADROOM.
  // The peak is sampled while the pipeline runs, so memory taken and given back before it returns counts too.
  expect(peak - rss0, 'memory climbed').toBeLessThan(RSS_HEADROOM);

  const json = `${JSON.stringify(toCliJson(session.result), null, 2)}\n`;
  const html = renderHtml(buildReportModel(session.result, { lang: 'en', redact: true, now: new Date('2026-11-20T10:00:00Z') }));
  const warnings = [...new Set([...session.result.warnings.map((w) => w.message), ...session.result.inputs.flatMap((i) => i.warnings), ...session.result.files.flatMap((f) => f.warnings.map((w) => w.message))])];
  // Every file path the bundle claims is relative and stays inside it.
  for (const f of session.result.files) {
    expect(f.vmPath, 'absolute path taken').not.toMatch(/^[/\\]|^[A-Za-z]:/);
    expect(f.vmPath.split(/[/\\]/), 'path escapes the bundle').not.toContain('..');
  }
  // The secret next to the bundles never reaches the result (links, entities, slips).
  expect(json).not.toContain(SECRET);
  expect(html).not.toContain(SECRET);
  return { session, json, html, warnings };
}

/** The text is data in the JSON: it parses, and the payload occurs only inside string values. */
function expectInertJson(json: string, payload: string): number {
  const parsed: unknown = JSON.parse(json);
  let inStrings = 0;
  for (const s of stringsOf(parsed)) inStrings += s.split(payload).length - 1;
  const asJson = JSON.stringify(payload).slice(1, -1);
  expect(json.split(asJson).length - 1, 'payload outside JSON strings').toBe(inStrings);
  return inStrings;
}

/** The HTML report shows hostile text escaped, never as markup (src/main/report/escape.ts). */
function expectInertHtml(html: string): void {
  expect(html).not.toContain(XSS_IMG);
  expect(html).not.toContain(XSS_SCRIPT);
  expect(html).not.toMatch(/<script\b/i);
  expect(html).not.toMatch(/<img\b/i);
  // No event-handler attribute in any real tag (escaped text has no "<", so every "<…>" here is markup).
  for (const tag of html.match(/<[a-zA-Z][^>]*>/g) ?? []) expect(tag).not.toMatch(/\son\w+\s*=/i);
  expect(html).not.toMatch(/<a\b[^>]*href\s*=\s*["']?https?:\/\/evil/i);
  expect(html).not.toMatch(/<iframe|<object|<embed/i);
}

/* ---------- the cases ---------- */

describe('hostile bundles through analyzeBundle', () => {
  it(
    'zip-slip and absolute member names are refused, the good members kept (zip and tar)',
    async () => {
      // Defence: safeMemberPath (src/main/ingest/paths.ts) used by zip.ts and tar.ts.
      const good = Buffer.from(`${WAAGENT_LINES.join('\n')}\n`);
      const bad: Record<string, Buffer> = {
        [`../../slip-${TAG}.txt`]: Buffer.from('slip'),
        [`../slip-${TAG}.txt`]: Buffer.from('slip'),
        [join(REAL_TMP, `vmbd-abs-${TAG}.txt`)]: Buffer.from('abs'),
        'var/log/../../../../etc/cron.d/evil': Buffer.from('* * * * * root id'),
        'C:\\Windows\\System32\\evil.dll': Buffer.from('MZ'),
      };
      const zipPath = write(join(BUNDLES, 'slip', 'logs.zip'), zipOf({ 'var/log/waagent.log': good, ...bad }));
      const tarPath = write(
        join(BUNDLES, 'slip', 'sos.tar'),
        tarOf([{ name: 'var/log/waagent.log', data: good }, ...Object.entries(bad).map(([name, data]) => ({ name, data }))]),
      );
      for (const p of [zipPath, tarPath]) {
        const o = await analyse([p]);
        expect(o.session.result.files.map((f) => f.vmPath)).toContain('var/log/waagent.log');
        expect(o.session.result.files).toHaveLength(1);
        const refusals = o.warnings.filter((w) => /escapes the bundle|absolute/.test(w));
        expect(refusals.length, `${p}: ${o.warnings.join(' | ')}`).toBeGreaterThanOrEqual(4);
        expect(o.json).not.toContain('root id');
      }
    },
    CASE_TIMEOUT,
  );

  it(
    'symbolic and hard links in a tar are refused, never followed',
    async () => {
      // Defence: tar.ts refuses SymbolicLink / Link entries.
      const tarPath = write(
        join(BUNDLES, 'links', 'sos.tar'),
        tarOf([
          { name: 'var/log/waagent.log', type: '2', linkname: SECRET_FILE },
          { name: 'var/lib/waagent/GoalState.1.xml', type: '1', linkname: SECRET_FILE },
          { name: 'var/log/azure', type: '2', linkname: '/' },
          { name: 'etc/waagent.conf', data: Buffer.from('Extensions.Enabled=y\nLogs.Verbose=n\n') },
        ]),
      );
      const o = await analyse([tarPath]);
      expect(o.session.result.files.map((f) => f.vmPath)).toEqual(['etc/waagent.conf']);
      expect(o.warnings.filter((w) => /refused (symbolic|hard) link/.test(w))).toHaveLength(3);
      expect(o.json).not.toContain('root:x:0:0');
    },
    CASE_TIMEOUT,
  );

  it(
    'symbolic links inside a bundle folder are not followed out of it',
    async () => {
      // Defence: folder.ts lists links as links and does not read through them.
      const dir = join(BUNDLES, 'folder-links');
      write(join(dir, 'etc/waagent.conf'), 'Extensions.Enabled=y\n');
      mkdirSync(join(dir, 'var/log'), { recursive: true });
      symlinkSync(SECRET_FILE, join(dir, 'var/log/waagent.log'));
      symlinkSync(ROOT, join(dir, 'var/lib'));
      const o = await analyse([dir]);
      expect(o.session.result.files.map((f) => f.vmPath)).toEqual(['etc/waagent.conf']);
      expect(o.json).not.toContain('root:x:0:0');
    },
    CASE_TIMEOUT,
  );

  it(
    'a zip bomb is refused by its compression ratio, also when the header lies about the size',
    async () => {
      // Defence: Budget.isBomb (src/main/ingest/limits.ts, maxRatio) and yauzl's validateEntrySizes in zip.ts.
      const bomb = zipOf({ 'var/log/waagent.log': zeros(96 * 1024 * 1024), 'etc/waagent.conf': Buffer.from('Extensions.Enabled=y\n') }, 9);
      expect(bomb.length).toBeLessThan(1024 * 1024); // it really is a bomb: > 96:1 on disk, ~1000:1 inside
      const honest = write(join(BUNDLES, 'bomb', 'logs.zip'), bomb);
      const lying = write(join(BUNDLES, 'bomb', 'lying.zip'), zipLyingSizes(zipOf({ 'var/log/waagent.log': zeros(32 * 1024 * 1024), 'etc/waagent.conf': Buffer.from('Extensions.Enabled=y\n') }, 9), 'var/log/waagent.log', 0xfffffff0));
      const o = await analyse([honest]);
      expect(o.warnings.some((w) => /zip bomb|ratio/i.test(w)), o.warnings.join(' | ')).toBe(true);
      const log = o.session.result.files.find((f) => f.vmPath === 'var/log/waagent.log');
      expect(log?.size ?? 0).toBeLessThan(16 * 1024 * 1024);
      const o2 = await analyse([lying]);
      const log2 = o2.session.result.files.find((f) => f.vmPath === 'var/log/waagent.log');
      expect(log2?.size ?? 0).toBeLessThanOrEqual(32 * 1024 * 1024);
      expect(o2.warnings.some((w) => /zip bomb|ratio|size/i.test(w)), o2.warnings.join(' | ')).toBe(true);
      // The opposite lie: a small claimed size over a 32 MB stream passes the ratio check, so yauzl's
      // validateEntrySizes must stop the inflate at the claimed size (a "damaged" member, kept short).
      const small = write(join(BUNDLES, 'bomb', 'small-lie.zip'), zipLyingSizes(zipOf({ 'var/log/waagent.log': zeros(32 * 1024 * 1024), 'etc/waagent.conf': Buffer.from('Extensions.Enabled=y\n') }, 9), 'var/log/waagent.log', 4096));
      const o3 = await analyse([small]);
      const log3 = o3.session.result.files.find((f) => f.vmPath === 'var/log/waagent.log');
      expect(log3?.size ?? 0).toBeLessThanOrEqual(1024 * 1024);
      expect(o3.warnings.some((w) => /damaged|size|could not be read/i.test(w)), o3.warnings.join(' | ')).toBe(true);
      // The same lie, big: 512 MiB of zeros behind a header claiming 4 KiB (1 MiB on disk, so the ratio check
      // sees 4 KiB from 512 KiB and lets it through). The one-shot inflate must stop at the claimed size
      // (maxOutputLength in zip.ts) and the stream at the claimed size too (validateEntrySizes): the peak
      // memory bound in analyse() fails if either inflates the 512 MiB.
      const bigLie = write(
        join(BUNDLES, 'bomb', 'big-lie.zip'),
        rawZip([
          { name: 'var/log/waagent.log', method: 8, data: deflatedZeros(512), claimedSize: 4096 },
          { name: 'etc/waagent.conf', method: 0, data: Buffer.from('Extensions.Enabled=y\n'), claimedSize: 21 },
        ]),
      );
      const o4 = await analyse([bigLie]);
      expect(o4.session.result.files.find((f) => f.vmPath === 'var/log/waagent.log')?.size ?? 0).toBeLessThanOrEqual(1024 * 1024);
      expect(o4.session.result.files.map((f) => f.vmPath)).toContain('etc/waagent.conf');
      // A bundle whose only member is a bomb has no readable input: the pipeline says so instead of inflating it.
      const only = write(join(BUNDLES, 'bomb', 'only.zip'), zipOf({ 'var/log/waagent.log': zeros(32 * 1024 * 1024) }, 9));
      await expect(analyzeBundle([only])).rejects.toThrow(/zip bomb/);
    },
    CASE_TIMEOUT,
  );

  it(
    'a deeply nested archive is opened one level only, and the nesting cap holds',
    async () => {
      // Defence: expandHistory opens history zips only, with the maxDepth cap (src/main/ingest/index.ts).
      let inner = zipOf({ 'deepest.txt': Buffer.from(`NESTED-PAYLOAD-${TAG}`) });
      for (let i = 0; i < 24; i++) inner = zipOf({ [`var/lib/waagent/history/2026-11-19T22-00-${String(i).padStart(2, '0')}__15.zip`]: inner, 'GoalState.xml': Buffer.from('<GoalState/>') });
      const outer = write(join(BUNDLES, 'nested', 'logs.zip'), zipOf({ 'var/lib/waagent/history/2026-11-19T22-00-00__15.zip': inner, 'var/log/waagent.log': Buffer.from(`${WAAGENT_LINES.join('\n')}\n`) }));
      const o = await analyse([outer]);
      expect(o.json).not.toContain(`NESTED-PAYLOAD-${TAG}`);
      expect(o.session.result.files.length).toBeLessThan(10);
      const capped = await analyse([outer], { limits: { maxDepth: 1 } });
      expect(capped.warnings.some((w) => /nesting cap/.test(w)), capped.warnings.join(' | ')).toBe(true);
      expect(capped.session.result.files.some((f) => f.vmPath.startsWith('var/lib/waagent/history/2026-11-19T22-00-00__15/'))).toBe(false);
    },
    CASE_TIMEOUT,
  );

  it(
    'XML with a billion-laughs DTD or external entities is read without expanding them',
    async () => {
      // Defence: the XML parsers run without entity expansion or DTD processing (parse/state/*).
      const laughs = [
        '<?xml version="1.0"?>',
        '<!DOCTYPE lolz [',
        '<!ENTITY lol "lollollollollollollollollollol">',
        `<!ENTITY small "EXPANDED-${TAG}">`,
        ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`),
        ']>',
      ].join('\n');
      const xxe = `<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file://${SECRET_FILE}"><!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote;]>`;
      const dir = join(BUNDLES, 'xml');
      write(join(dir, 'var/lib/waagent/ExtensionsConfig.1.xml'), `${laughs}\n<Extensions version="1.0.0.0"><Plugins><Plugin name="&lol9;" version="1.0" state="enabled"/><Plugin name="Microsoft.Azure.RecoveryServices.VMSnapshotLinux" version="1.0.9225.0" state="&small;"/></Plugins><PluginSettings><Plugin name="Microsoft.Azure.RecoveryServices.VMSnapshotLinux" version="1.0.9225.0"><RuntimeSettings seqNo="15">&small;</RuntimeSettings></Plugin></PluginSettings></Extensions>\n`);
      write(join(dir, 'var/lib/waagent/GoalState.1.xml'), `${xxe}\n<GoalState><Incarnation>&xxe;</Incarnation><Machine><ExpectedState>Started</ExpectedState></Machine></GoalState>\n`);
      write(join(dir, 'var/lib/waagent/ovf-env.xml'), `${laughs}\n<Environment><wa:ProvisioningSection xmlns:wa="http://schemas.microsoft.com/windowsazure"><wa:LinuxProvisioningConfigurationSet><wa:HostName>&lol9;</wa:HostName><wa:UserPassword>&xxe;</wa:UserPassword></wa:LinuxProvisioningConfigurationSet></wa:ProvisioningSection></Environment>\n`);
      const o = await analyse([dir]);
      // Not even a small internal entity is expanded (processEntities: false in parse/state/xml.ts).
      expect(o.json).not.toContain(`EXPANDED-${TAG}`);
      expect(o.json).not.toMatch(/(lol){1000}/);
      expect(o.json.length).toBeLessThan(5 * 1024 * 1024);
      expect(o.json).not.toContain('root:x:0:0');
      expect(o.session.result.files).toHaveLength(3);
      // An external-entity declaration is refused outright, before the XML parser sees it (parseXml in parse/state/xml.ts).
      const gs = o.session.result.files.find((f) => f.vmPath === 'var/lib/waagent/GoalState.1.xml')!;
      expect(gs.warnings.map((w) => w.message).join(' | ')).toMatch(/external entity \(XXE\); refused/);
    },
    CASE_TIMEOUT,
  );

  it(
    'invalid UTF-8 and binary in logs: readable lines are kept, nothing crashes',
    async () => {
      // Defence: forEachLine works on Buffers; parsers never throw (parse-files.ts catches and warns).
      const dir = join(BUNDLES, 'binary');
      const junk = Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc, 0x1b, 0x5b, 0x33, 0x31, 0x6d, 0x00, 0x0d]);
      const lines: Buffer[] = [];
      for (const l of WAAGENT_LINES) lines.push(Buffer.from(`${l}\n`), junk, randomBytes(300), Buffer.from('\n'));
      write(join(dir, 'var/log/waagent.log'), Buffer.concat(lines));
      write(join(dir, EXT), Buffer.concat([Buffer.from(`${extLine('22:00:06', 'Current Time: 2026-11-19 22:00:06')}\n`), randomBytes(64 * 1024), Buffer.from(`\n${extLine('22:00:07', 'doing freeze now...')}\n`)]));
      write(join(dir, 'var/lib/waagent/Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9225.0/status/15.status'), Buffer.concat([Buffer.from('[{"version":"1.0","status":{"code":"1'), randomBytes(200)]));
      const o = await analyse([dir]);
      expectInertJson(o.json, '\u0000');
      // The four agent lines are still there as records (data is not lost around the junk).
      const log = o.session.result.files.find((f) => f.vmPath === 'var/log/waagent.log')!;
      expect(o.session.records.count).toBeGreaterThanOrEqual(WAAGENT_LINES.length);
      expect(log.size).toBeGreaterThan(0);
    },
    CASE_TIMEOUT,
  );

  it(
    'a 100 MB single line in waagent.log is read with bounded memory, and the line after it is kept',
    async () => {
      // Defence: MAX_LINE_HEAD in forEachLine (src/main/parse/lines.ts): a giant line is counted, not kept.
      const dir = join(BUNDLES, 'giant');
      const path = join(dir, 'var/log/waagent.log');
      mkdirSync(dirname(path), { recursive: true });
      const fd = openSync(path, 'w');
      try {
        writeSync(fd, `${WAAGENT_LINES[0]}\n${GA('22:00:00', 'ERROR', 'Event: name=WALinuxAgent, op=Enable, message=')}`);
        const chunk = Buffer.alloc(1024 * 1024, 'A');
        for (let i = 0; i < 100; i++) writeSync(fd, chunk);
        writeSync(fd, `\n${WAAGENT_LINES[1]}\n`);
      } finally {
        closeSync(fd);
      }
      const o = await analyse([dir]);
      expect(o.session.result.files[0].size).toBeGreaterThan(100 * 1024 * 1024);
      expect(o.session.records.count).toBeGreaterThanOrEqual(3);
      expect(o.json.length).toBeLessThan(10 * 1024 * 1024);
      expect(o.html.length).toBeLessThan(20 * 1024 * 1024);
      // The line reader every parser uses hands over at most MAX_LINE_HEAD bytes of the giant line and
      // counts the rest (without the cap the whole 100 MB line would be one Buffer, built by repeated concat).
      const [file] = (await ingest([dir])).files;
      const heads: { len: number; byteLength: number; cut: boolean }[] = [];
      await forEachLine(file.content, (_b, start, end, _n, _o, byteLength, cut) => void heads.push({ len: end - start, byteLength, cut }));
      expect(heads).toHaveLength(3);
      expect(heads[1]).toMatchObject({ len: MAX_LINE_HEAD, cut: true });
      expect(heads[1].byteLength).toBeGreaterThan(100 * 1024 * 1024);
      for (const h of heads) expect(h.len).toBeLessThanOrEqual(MAX_LINE_HEAD);
    },
    CASE_TIMEOUT,
  );

  it(
    'HTML, script, URLs and bidi controls in log lines and file names stay inert text',
    async () => {
      // Defences: JSON.stringify in the CLI (report/json.ts); esc() in the HTML report (report/escape.ts);
      // redaction of SAS signatures in exports (shared/redact.ts).
      const dir = join(BUNDLES, 'xss');
      const hostileLines = [
        ...WAAGENT_LINES,
        GA('22:10:00', 'ERROR', `Event: name=Microsoft.Azure.RecoveryServices.VMSnapshotLinux, op=Enable, message=${XSS_SCRIPT} ${XSS_IMG}, duration=0`),
        GA('22:10:01', 'WARNING', `Fetch failed from [${EVIL_URL}]: [HTTP Failed] [403: Forbidden] ${XSS_IMG}`),
        GA('22:10:02', 'INFO', `Downloading ${BIDI}gpj.exe from ${EVIL_URL}`),
        GA('22:10:03', 'ERROR', 'Event: name=Microsoft.Azure.RecoveryServices.VMSnapshotLinux, op=Install, message=\u001b]0;pwned\u0007\u001b[2J\u001b[31mred\u009b0m, duration=0'),
      ];
      write(join(dir, 'var/log/waagent.log'), `${hostileLines.join('\n')}\n`);
      write(join(dir, EXT), `${extLine('22:00:06', `T:S Enable failed with error: ${XSS_SCRIPT} StatusCode.FailedRetryableFsFreezeTimeout,`)}\n`);
      write(join(dir, `var/log/azure/${XSS_IMG}.log`), `${GA('22:11:00', 'INFO', XSS_IMG)}\n`);
      write(join(dir, `var/log/azure/evil${BIDI}gol.txt.log`), `${GA('22:12:00', 'INFO', `bidi ${BIDI} here`)}\n`);
      // A name that cannot exist on a Linux disk (it holds "/") arrives through a zip.
      const zip = write(join(BUNDLES, 'xss-zip', 'logs.zip'), zipOf({ [`var/log/azure/${XSS_SCRIPT.replace('/', '%2F')}/x.log`]: Buffer.from(`${XSS_SCRIPT}\n`), [`var/log/azure/a${XSS_SCRIPT}.log`]: Buffer.from(`${XSS_IMG}\n`) }));
      const o = await analyse([dir, zip]);
      expect(o.session.result.files.some((f) => f.vmPath.includes(XSS_IMG))).toBe(true);
      expect(o.session.result.files.some((f) => f.vmPath.includes(BIDI))).toBe(true);
      expect(expectInertJson(o.json, XSS_IMG)).toBeGreaterThan(0);
      expectInertJson(o.json, XSS_SCRIPT);
      expectInertJson(o.json, BIDI);
      expectInertHtml(o.html);
      // The report shows the file names, escaped (proves the HTML assertion looked at real content).
      expect(o.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
      // The redacted report never carries a SAS signature.
      expect(o.html).not.toContain('SECRETSASVALUE');

      // The real CLI: JSON on stdout is the same inert data; the text format, meant for a terminal,
      // carries no escape sequences from the logs (a log line must not retitle or clear the terminal).
      const run = async (format: string) => {
        const out: string[] = [];
        const code = await cli(['analyze', dir, zip, '--format', format], { stdout: (x: string) => void out.push(x), stderr: () => undefined });
        expect(code, format).toBe(0);
        return out.join('');
      };
      const stdout = await run('json');
      expectInertJson(stdout, XSS_SCRIPT);
      expect(JSON.parse(stdout).findings.length).toBeGreaterThan(0);
      // JSON escapes control characters itself: the ESC from the log is data.
      expect(stdout).not.toContain('\u001b]0;pwned');
      expectInertJson(stdout, '\u001b]0;pwned');
    },
    CASE_TIMEOUT,
  );

  // Defence: src/main/cli/terminal-safe.ts (text and md formats; JSON escapes C1 and bidi too). An
  // ESC/BEL/CSI from a hostile log must not reach the engineer's terminal (OSC title, clear screen,
  // OSC 52 clipboard writes), and bidi controls must not reorder what they read.
  it(
    'the CLI text, md and json formats carry no terminal control or bidi characters from the logs',
    async () => {
      const dir = join(BUNDLES, 'ansi');
      write(join(dir, 'var/log/waagent.log'), `${[...WAAGENT_LINES, GA('22:10:03', 'ERROR', `Event: name=Microsoft.Azure.RecoveryServices.VMSnapshotLinux, op=Install, message=\u001b]0;pwned\u0007\u001b[2J\u001b[31mred\u009b0m ${BIDI}gpj.exe, duration=0`)].join('\n')}\n`);
      write(join(dir, `var/log/azure/evil${BIDI}gol.txt.log`), `${GA('22:12:00', 'INFO', `bidi ${BIDI} here`)}\n`);
      for (const format of ['text', 'md', 'json']) {
        const out: string[] = [];
        expect(await cli(['analyze', dir, '--format', format], { stdout: (x: string) => void out.push(x), stderr: () => undefined })).toBe(0);
        const text = out.join('');
        // eslint-disable-next-line no-control-regex
        expect(text, `${format}: control characters from the logs reach the terminal`).not.toMatch(/[\u001b\u0007\u0000\u009b]/);
        expect(text, `${format}: bidi controls reach the terminal`).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
        // The hostile text is still there, visibly escaped (nothing was silently dropped).
        expect(text.toLowerCase(), format).toContain('\\u202e');
        if (format === 'json') expect(JSON.parse(text).files.some((f: { path: string }) => f.path.includes(BIDI))).toBe(true);
      }
    },
    CASE_TIMEOUT,
  );

  it(
    'bidi controls in file names and log lines are shown visibly escaped in the HTML report and the CLI JSON',
    async () => {
      // Defences: BIDI in report/escape.ts (a visible \u202E in HTML) and jsonSafe in cli/terminal-safe.ts.
      const dir = join(BUNDLES, 'bidi');
      write(join(dir, 'var/log/waagent.log'), `${[...WAAGENT_LINES, GA('22:12:00', 'ERROR', `Event: name=X, op=Enable, message=bidi ${BIDI} here, duration=0`)].join('\n')}\n`);
      write(join(dir, `var/log/azure/evil${BIDI}gol.txt.log`), `${GA('22:12:01', 'INFO', `bidi ${BIDI} here`)}\n`);
      const o = await analyse([dir]);
      // The raw control is in the analysis (so the assertions below can fail) ...
      expect(o.session.result.files.some((f) => f.vmPath.includes(BIDI))).toBe(true);
      // ... but never reaches the HTML or the CLI JSON as a raw character.
      expect(o.html).not.toContain(BIDI);
      expect(o.html).toContain('evil\\u202Egol.txt.log');
      const out: string[] = [];
      expect(await cli(['analyze', dir, '--format', 'json'], { stdout: (x: string) => void out.push(x), stderr: () => undefined })).toBe(0);
      const json = out.join('');
      expect(json).not.toContain(BIDI);
      expect(JSON.stringify(JSON.parse(json))).toContain(BIDI);
    },
    CASE_TIMEOUT,
  );
});
