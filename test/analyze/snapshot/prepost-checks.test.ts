import { describe, expect, it } from 'vitest';
import { parseExtensionLog } from '../../../src/main/parse/vmsnapshot/extension-log';
import { EXT_DIR, EXT_LOG, analyzeFiles, runParser, scenario, taskIdOf } from './helpers';
import { renderAnalysis } from '../../../src/shared/i18n/analysis';

/**
 * The pre/post-script plugin host's checks of each file (owner root, permissions, present, readable), read from
 * the extension's own source: no public log shows them. Every line below is WRITTEN FROM A FORMAT STRING of
 * Azure/azure-linux-extensions@b7eecd4b (not observed on a VM); the file and line of each is named next to it.
 */
const P = '[Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9225.0]';
const at = (s: number) => `2026-11-16 22:01:${String(s).padStart(2, '0')}.100000 ${P}`;
const parse = (lines: string[]) => runParser(parseExtensionLog, EXT_LOG, 'vmsnapshot-extension-log', lines.map((l, i) => `${at(i)}${l}`).join('\n'));
const milestones = async (lines: string[]) =>
  (await parse(lines)).of('snapshot-milestone').map((f) => ({ milestone: f.milestone, code: f.code, detail: f.detail, nl: f.note ? renderAnalysis(f.note, 'nl') : undefined }));

/** The normal start of the checks: the extension's own ./main/VMSnapshotPluginHost.conf is read (not an error). */
const HOST_START = [
  'Loading script modules now...', // written from ...@b7eecd4b VMBackup/main/PluginHost.py:78 format string
  'Plugin host Config file does not exist in the location /etc/azure/VMSnapshotPluginHost.conf', // PluginHost.py:88 format string
  'Permissions of the file ./main/VMSnapshotPluginHost.conf are 644', // PluginHost.py:188 format string
  'config file: ./main/VMSnapshotPluginHost.conf', // PluginHost.py:116 format string
];

describe('pre/post-script file checks (extension.log)', () => {
  it('the first "Plugin host Config file does not exist" (/etc/azure) and 316 are the normal flow: no milestone', async () => {
    expect(
      await milestones([
        ...HOST_START,
        'Plugin host file does not exist in the location /etc/azure/VMSnapshotScriptPluginConfig.json', // PluginHost.py:145 format string
        'Triggering File System Consistent Backup because of error code StatusCode.FailedPrepostPluginConfigNotFound,', // handle.py:518 format string
      ]),
    ).toEqual([{ milestone: 'flow-selected', code: 316, detail: 'file-system consistent', nl: undefined }]);
  });

  it('the second "does not exist" (./main/VMSnapshotPluginHost.conf) is 313: the extension is missing its own file', async () => {
    const out = await milestones([
      'Plugin host Config file does not exist in the location /etc/azure/VMSnapshotPluginHost.conf', // PluginHost.py:88 format string
      'Plugin host Config file does not exist in the location ./main/VMSnapshotPluginHost.conf', // PluginHost.py:93 format string
    ]);
    expect(out).toEqual([
      { milestone: 'prescript-failed', code: 313, detail: 'the plugin host file ./main/VMSnapshotPluginHost.conf does not exist', nl: 'het pluginhostbestand ./main/VMSnapshotPluginHost.conf bestaat niet' },
    ]);
  });

  it('a permissions failure names the file and mode of the "Permissions of the file" line before it (both spellings)', async () => {
    const out = await milestones([
      'Permissions of the file /etc/azure/VMSnapshotPluginHost.conf are 666', // PluginHost.py:188 format string
      'Plugin host Config file does not have desired permissions', // PluginHost.py:96 format string
      'Permisisons  of the file /etc/azure/VMSnapshotScriptPluginConfig.json are 644', // @5365faae PluginHost.py "Permisisons  of" (before @d78cd87e) format string
      'Plugin Config file does not have desired permissions', // PluginHost.py:139 format string
      'Permissions of the file /etc/azure/pre.sh are 755', // ScriptRunner.py:133 format string
      'Prescript file does not have desired permissions ', // ScriptRunner.py:166 format string
      'Permissions of the file /etc/azure/post.sh are 750', // ScriptRunner.py:133 format string
      'Postscript file does not have desired permissions ', // ScriptRunner.py:182 format string
    ]);
    expect(out.map((m) => [m.milestone, m.code, m.detail])).toEqual([
      ['prescript-failed', 314, 'the plugin host file /etc/azure/VMSnapshotPluginHost.conf does not have the required permissions (mode 666, at most 644)'],
      ['prescript-failed', 317, 'the script plugin configuration /etc/azure/VMSnapshotScriptPluginConfig.json does not have the required permissions (mode 644, at most 600)'],
      ['prescript-failed', 306, 'the pre-script /etc/azure/pre.sh does not have the required permissions (mode 755, at most 700)'],
      ['postscript-failed', 307, 'the post-script /etc/azure/post.sh does not have the required permissions (mode 750, at most 700)'],
    ]);
  });

  it('a permission line of another file does not name the failed one when the check could not log its own', async () => {
    const out = await milestones([
      'Permissions of the file ./main/VMSnapshotPluginHost.conf are 644', // PluginHost.py:188 format string
      "Error in fetching permissions of the file : /etc/azure/VMSnapshotScriptPluginConfig.json: [Errno 13] Permission denied: '/etc/azure/VMSnapshotScriptPluginConfig.json', stack trace: Traceback (most recent call last):", // PluginHost.py:190 format string
      'Plugin Config file does not have desired permissions', // PluginHost.py:139 format string
      'The owner of the Plugin Config file /etc/azure/VMSnapshotScriptPluginConfig.json is  but not root', // PluginHost.py:142 format string, find_owner failed ('')
    ]);
    expect(out.map((m) => m.detail)).toEqual([
      'the script plugin configuration does not have the required permissions (at most 600)',
      'the script plugin configuration /etc/azure/VMSnapshotScriptPluginConfig.json is owned by an unknown user, not root',
    ]);
  });

  it('an owner other than root, for each of the four files, names the file and the owner', async () => {
    const out = await milestones([
      'The owner of the Plugin host Config file /etc/azure/VMSnapshotPluginHost.conf is azureuser but not root', // PluginHost.py:99 format string
      'The owner of the Plugin Config file /etc/azure/VMSnapshotScriptPluginConfig.json is oracle but not root', // PluginHost.py:142 format string
      'The owner of the PreScript file /etc/azure/pre.sh is oracle but not root', // ScriptRunner.py:172 format string
      'The owner of the PostScript file /etc/azure/post.sh is oracle but  not root', // ScriptRunner.py:187 format string (two spaces)
    ]);
    expect(out.map((m) => [m.milestone, m.code, m.detail])).toEqual([
      ['prescript-failed', 314, 'the plugin host file /etc/azure/VMSnapshotPluginHost.conf is owned by azureuser, not root'],
      ['prescript-failed', 317, 'the script plugin configuration /etc/azure/VMSnapshotScriptPluginConfig.json is owned by oracle, not root'],
      ['prescript-failed', 306, 'the pre-script /etc/azure/pre.sh is owned by oracle, not root'],
      ['postscript-failed', 307, 'the post-script /etc/azure/post.sh is owned by oracle, not root'],
    ]);
    expect(out[2].nl).toBe('het prescript /etc/azure/pre.sh is eigendom van oracle, niet van root');
  });

  it('an unreadable plugin configuration (305) and plugin host file (304) keep the error', async () => {
    const out = await milestones([
      "Error in decoding ScriptRunner config file.: Expecting ',' delimiter: line 4 column 3 (char 61), stack trace: Traceback (most recent call last):", // ScriptRunner.py:113 format string
      'Cant run prescript for ScriptRunner . Config File error.', // ScriptRunner.py:155 format string
      "Error in fetching value for the key 'postScriptLocation' in ScriptRunner config file.: 'postScriptLocation', stack trace: Traceback (most recent call last):", // ScriptRunner.py:116 format string
      "Error in reading PluginHost config file : No option 'pluginName0' in section: 'pre_post', stack trace: Traceback (most recent call last):", // PluginHost.py:167 format string
      'Error in opening the mount file', // not the script runner's config: no milestone
    ]);
    expect(out.map((m) => [m.code, m.detail])).toEqual([
      [305, "the script plugin configuration could not be read: Expecting ',' delimiter: line 4 column 3 (char 61)"],
      [305, 'the script plugin configuration could not be read'],
      [305, "the script plugin configuration could not be read: 'postScriptLocation'"],
      [304, "the plugin host file could not be read: No option 'pluginName0' in section: 'pre_post'"],
    ]);
  });

  it('a missing script names its path', async () => {
    const out = await milestones([
      'Prescript file does not exist in the location /etc/azure/pre.sh', // ScriptRunner.py:161 format string
      'Postscript file does not exist in the location /etc/azure/post.sh', // ScriptRunner.py:177 format string
    ]);
    expect(out.map((m) => [m.milestone, m.code, m.detail])).toEqual([
      ['prescript-failed', 302, 'the pre-script /etc/azure/pre.sh does not exist'],
      ['postscript-failed', 303, 'the post-script /etc/azure/post.sh does not exist'],
    ]);
  });
});

/** Replaces the last task's normal 316 lines (the fixture's) by `checks`. */
function withChecks(checks: string[], cut?: string[]) {
  const s = scenario(['success', 'success']);
  const log = s.files[EXT_LOG].split('\n');
  const i = log.lastIndexOf(log.filter((l) => l.includes('Plugin host file does not exist in the location /etc/azure/VMSnapshotScriptPluginConfig.json')).pop()!);
  const stamp = log[i].slice(0, log[i].indexOf('[')).trimEnd();
  const lines = (xs: string[]) => xs.map((x) => `${stamp} ${P}${x}`);
  // the checks replace the 316 line, its Validate Scripts line and its Triggering line
  const tail = cut ? lines(cut) : log.slice(i + 3);
  const files = { ...s.files, [EXT_LOG]: [...log.slice(0, i), ...lines(checks), ...tail].join('\n') };
  if (cut) delete files[Object.keys(files).find((k) => k.startsWith(`${EXT_DIR}/status/`) && k.endsWith('.status'))!];
  return files;
}

describe('prepost-script-failed names the file and the fix', () => {
  it('a pre-script not owned by root with continueBackupOnFailure false: the task failed with 306, the reason says chown', async () => {
    const r = await analyzeFiles(
      withChecks(
        [
          'Permissions of the file /etc/azure/pre.sh are 700', // ScriptRunner.py:133 format string
          'The owner of the PreScript file /etc/azure/pre.sh is oracle but not root', // ScriptRunner.py:172 format string
          'Validate Scripts output: errorCode - 306 dobackup - False fsFreeze_on - True pollTime - 3', // PluginHost.py:154 format string
          'App Consistent Consistent Backup Enabled', // handle.py:513 format string
          'Triggering File System Consistent Backup because of error code StatusCode.FailedPrepostPreScriptPermissionError,', // handle.py:518 format string
        ],
        [
          'Plugin Host Precheck Failed StatusCode.FailedPrepostPreScriptPermissionError,', // handle.py:547-549 format string
          'Enable,error,306,Plugin Host Precheck Failed StatusCode.FailedPrepostPreScriptPermissionError,,False', // HandlerUtil do_status_report "{0},{1},{2},{3},{4}" format string
        ],
      ),
    );
    const f = r.findings.find((x) => x.cause === 'prepost-script-failed')!;
    expect(f).toMatchObject({ verdict: 'detected', taskId: taskIdOf(1) });
    expect(f.reason).toMatch(/306 FailedPrepostPreScriptPermissionError/);
    expect(f.reason).toMatch(/The pre-script \/etc\/azure\/pre\.sh failed a check \(not owned by root\)\. Make root the owner of the pre-script \/etc\/azure\/pre\.sh: `chown root \/etc\/azure\/pre\.sh`\./);
    expect(f.reasonNl).toMatch(/chown root \/etc\/azure\/pre\.sh/);
    expect(f.evidence.map((e) => e.text)).toEqual(expect.arrayContaining([expect.stringMatching(/The owner of the PreScript file/)]));
  });

  it('the plugin config too open, scripts skipped, snapshot taken file-system consistent: a low warning naming chmod 600', async () => {
    const r = await analyzeFiles(
      withChecks([
        'Permissions of the file /etc/azure/VMSnapshotScriptPluginConfig.json are 644', // PluginHost.py:188 format string
        'Plugin Config file does not have desired permissions', // PluginHost.py:139 format string
        'Triggering File System Consistent Backup because of error code StatusCode.FailedPrepostPluginConfigPermissionError,', // handle.py:518 format string
      ]),
    );
    expect(r.snapshots.map((t) => t.result)).toEqual(['success', 'success']);
    const f = r.findings.find((x) => x.cause === 'prepost-script-failed')!;
    expect(f).toMatchObject({ verdict: 'detected', confidence: 'low' });
    expect(f.reason).toMatch(/skipped because the script plugin configuration \/etc\/azure\/VMSnapshotScriptPluginConfig\.json failed a check \(permissions too open\)/);
    expect(f.reason).toMatch(/`chmod 600 \/etc\/azure\/VMSnapshotScriptPluginConfig\.json`/);
  });
});
