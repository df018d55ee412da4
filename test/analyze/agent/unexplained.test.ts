import { describe, expect, it } from 'vitest';
import { asciiFirstLineEnd, findUnexplained, templateCache, templateOf } from '../../../src/main/analyze/unexplained';
import { firstLineOf } from '../../../src/main/records/store';
import { analyzeBundle } from '../../../src/main/pipeline/analyze-bundle';
import { formatText } from '../../../src/main/cli/text';
import { toCliJson } from '../../../src/main/report/json';
import { modelFor, renderHtml, renderMarkdown } from '../../../src/main/report';
import { failedTask, writeBundle } from './helpers';

// Real waagent.log records the agent's developers quoted from test VMs:
// https://github.com/Azure/WALinuxAgent/blob/master/tests_e2e/tests/lib/agent_log.py
const DECRYPT = '2025-07-31T19:06:59.878313Z ERROR Daemon Daemon Failed to decrypt /var/lib/waagent/Certificates.p7m (return code: 1)';
const DECRYPT_AGAIN = '2025-07-31T19:07:06.309758Z ERROR Daemon Daemon Failed to decrypt /var/lib/waagent/Certificates.p7m (return code: 1)';
const FIREWALL = "2024-07-23T16:24:35.641183Z WARNING EnvHandler ExtHandler The firewall is not configured correctly. The following rules are missing: ['ACCEPT DNS']";
const FIREWALL_RESET = "2024-08-08T22:05:26.561896Z WARNING EnvHandler ExtHandler The firewall is not configured correctly. The following rules are missing: ['ACCEPT DNS']. Will reset it.";
const METRICS = '2025-08-28T18:46:06.813016Z WARNING MonitorHandler ExtHandler [PERIODIC] Could not collect metrics for cgroup azuremonitor-coreagent. Error : [CGroupsException] Failed to read cpu.stat: Cannot find throttled_usec';
const INFO = "2025-03-31T08:46:39.253900Z INFO ExtHandler ExtHandler [CGW] Failed to set the extension azure-vmextensions-Microsoft.Azure.Extensions.CustomScript.slice slice and quotas: Can't set properties ['CPUQuota='] of azure-vmextensions-Microsoft.Azure.Extensions.CustomScript.slice";

// Times a line may start with (the first mask's forms, and near misses of them) and what may follow them: each rest after
// every head, for the template cache of lines and of bytes
const HEADS = [
  '2025-07-31T19:06:59.878313Z', '2021/03/30 19:35:35.971742', '2024-01-01 00:00:00,5+01:00', '2024-01-01T00:00:00-0530', '2024-01-01T00:00:00', '',
  '2024-01-01T00:00:00.Z', '2024-01-01T00:00:00+01:0', '2024-01-01T00:00:00+01:', '2024/01/01 00:00:00.123,5', '2024-01-01T00:00:00-05300', '2024-01-0100:00:00',
];
const RESTS = [
  ' ERROR Daemon Daemon Failed to decrypt /var/lib/waagent/Certificates.p7m (return code: 1)',
  '1 WARNING 2024-01-01T00:00:00Z again',
  '.5Z x',
  'Z',
  '0:00 Oct 30 00:00:12 deadbeef01',
  ` INFO ${'x'.repeat(390)} 12:00:00`,
  `+01:00${'7'.repeat(500)}`,
  '',
  ' ERROR carriage return\r',
  ' WARNING non-ASCII: déc. 13 12:00:47 ●',
  ' ERROR first line\r\n  second line 12',
  ` ${'y'.repeat(380)}é`,
];

describe('unexplained errors', () => {
  it('templates mask times, numbers, paths and ids, so repeats of one message group together', () => {
    expect(templateOf(DECRYPT)).toBe(templateOf(DECRYPT_AGAIN));
    expect(templateOf(DECRYPT)).toBe('<time> ERROR Daemon Daemon Failed to decrypt <path> (return code: <n>)');
    expect(templateOf('2021/03/30 19:35:35.971742 WARNING ExtHandler Event 0A1B2C3D-0000-4000-8000-000000000001 at 168.63.129.16:32526 thumb 60D73AC8321A3B6898C9E4269CEE3AE2A8A49102')).toBe(
      '<time> WARNING ExtHandler Event <guid> at <ip> thumb <hex>',
    );
    // ordinary words made of hex letters stay
    expect(templateOf('ERROR accepted a deadbeef')).toBe('ERROR accepted a deadbeef');
  });

  it('templates remembered by what follows the leading time are the templates', () => {
    const cached = templateCache();
    // each rest after every head, twice over (the second time from the cache)
    for (let n = 0; n < 2; n++) for (const r of RESTS) for (const h of HEADS) expect(cached(h + r), h + r).toBe(templateOf(h + r));
    expect(cached(DECRYPT_AGAIN)).toBe(templateOf(DECRYPT_AGAIN));
  });

  it('a record read as bytes gives the template of its first line as firstLines cuts it', () => {
    const cached = templateCache();
    // lines of 397 to 402 characters before a carriage return (a cut at 400 and a stripped \r meet there)
    const near400 = (h: string) => [-2, -1, 0, 1, 2, 3].flatMap((d) => ['\r', '\r\n', '\r\nmore', ''].map((end) => ` ${'y'.repeat(398 - h.length + d)}${end}`));
    for (let n = 0; n < 2; n++) {
      for (const h of HEADS) {
        for (const r of [...RESTS, ...near400(h)]) {
          const text = h + r;
          const bytes = Buffer.from(`before\n${text}\nafter`);
          const start = 7;
          const end = start + Buffer.byteLength(text);
          expect(cached.ofText(bytes, start, end), text).toBe(templateOf(firstLineOf(text, 400)));
          if (Buffer.byteLength(text) !== text.length) continue;
          expect(bytes.toString('latin1', start, asciiFirstLineEnd(bytes, start, end)), text).toBe(firstLineOf(text, 400));
        }
      }
    }
  });

  it('a whole bundle: errors a fact was read from are left out; the rest are grouped with counts, times and a sample', async () => {
    const log = [DECRYPT, FIREWALL, FIREWALL, FIREWALL_RESET, METRICS, INFO, ''].join('\n');
    const { result } = await analyzeBundle([writeBundle({ 'var/log/waagent.log': log })]);
    const u = result.unexplained ?? [];
    expect(u.map((x) => [x.template, x.count, x.level])).toEqual([
      ["<time> WARNING EnvHandler ExtHandler The firewall is not configured correctly. The following rules are missing: ['ACCEPT DNS']", 2, 'warning'],
      ["<time> WARNING EnvHandler ExtHandler The firewall is not configured correctly. The following rules are missing: ['ACCEPT DNS']. Will reset it.", 1, 'warning'],
      ['<time> WARNING MonitorHandler ExtHandler [PERIODIC] Could not collect metrics for cgroup azuremonitor-coreagent. Error : [CGroupsException] Failed to read cpu.stat: Cannot find throttled_usec', 1, 'warning'],
    ]);
    expect(u[0]).toMatchObject({ firstSeen: '2024-07-23T16:24:35.641Z', lastSeen: '2024-07-23T16:24:35.641Z', nearFailure: false });
    expect(u[0].sample).toMatchObject({ file: 'var/log/waagent.log', line: 2, text: FIREWALL });
    expect(JSON.stringify(u)).not.toContain('Failed to decrypt');
  });

  it('occurrences near a failed task are flagged and listed first, with the sample taken there', async () => {
    const log = [FIREWALL, METRICS, ''].join('\n');
    const s = await analyzeBundle([writeBundle({ 'var/log/waagent.log': log })]);
    const task = failedTask('2025-08-28T18:00:00.000Z', '2025-08-28T18:30:00.000Z');
    const u = await findUnexplained(s.records, s.result.files, [], [task], []);
    expect(u.map((x) => [x.template.slice(0, 40), x.nearFailure])).toEqual([
      ['<time> WARNING MonitorHandler ExtHandler', true],
      ['<time> WARNING EnvHandler ExtHandler The', false],
    ]);
    expect(u[0].sample.line).toBe(2);
  });

  it('is shown in the CLI text, the JSON and the report (HTML and Markdown, English and Dutch), escaped', async () => {
    const hostile = "2024-07-23T16:24:35.641183Z WARNING EnvHandler ExtHandler <img src=x onerror=alert(1)> rules are missing: ['ACCEPT DNS']";
    const { result } = await analyzeBundle([writeBundle({ 'var/log/waagent.log': `${FIREWALL}\n${hostile}\n` })]);
    expect(formatText(result)).toContain('Unexplained errors');
    expect(formatText(result)).toContain("×1 2024-07-23 16:24:35Z … 2024-07-23 16:24:35Z  <time> WARNING EnvHandler ExtHandler The firewall");
    expect(toCliJson(result).unexplained).toHaveLength(2);
    for (const lang of ['en', 'nl'] as const) {
      const m = modelFor(result, { format: 'html', lang, redact: true });
      const html = renderHtml(m);
      const md = renderMarkdown(m);
      expect(html).toContain(lang === 'en' ? '<h2>Unexplained errors</h2>' : '<h2>Onverklaarde fouten</h2>');
      expect(md).toContain(lang === 'en' ? '### Unexplained errors' : '### Onverklaarde fouten');
      expect(html).not.toContain('<img src=x');
      // log text is a code span (inert in Markdown); outside code spans nothing is raw HTML
      expect(md).toContain("`<time> WARNING EnvHandler ExtHandler <img src=x onerror=alert(<n>)> rules are missing: ['ACCEPT DNS']`");
      expect(md.replace(/`[^`\n]*`/g, '')).not.toMatch(/(?<!\\)<img/);
    }
  });
});
