import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseExtensionLog } from '../../../src/main/parse/vmsnapshot/extension-log';
import { EXT_LOG, runParser } from '../../analyze/snapshot/helpers';

const parse = (text: string) => runParser(parseExtensionLog, EXT_LOG, 'vmsnapshot-extension-log', text);

// Azure/azure-linux-extensions PR #2196 (the maintainer: 'Customer VM (Ubuntu 26.04 / Py 3.14) fails backup.
// Extension log shows:'), as posted: paths cut to '.../', no 'Traceback' line
const PR2196 = readFileSync(join('test', 'cases', 'ext-pr2196-ubuntu2604-py314-import-elided-paths', 'files', 'extension.log'), 'utf8');

// PR #2177 (merged; Azure Linux 4.0, Python 3.14.3): 'Crash traceback — cascading ModuleNotFoundError'
const PR2177 = [
  'File "WAAgentUtil.py", line 66',
  '    spec.loader.exec_module(waagent)',
  '  File "WaagentLib.py", line 59',
  '    from distutils.version import LooseVersion',
  "ModuleNotFoundError: No module named 'distutils'",
  '',
  'During handling of the above exception:',
  '  File "WAAgentUtil.py", line 69',
  '    import imp',
  "ModuleNotFoundError: No module named 'imp'",
].join('\n');

describe("the Backup extension's own log: the handler cannot start", () => {
  it('reads each missing module of its crash at import as a failed operation of the Backup handler', async () => {
    for (const [text, lines] of [[PR2196, [3, 7]], [PR2177, [5, 10]]] as const) {
      const ops = (await parse(text)).of('extension-operation');
      expect(ops.map((f) => [f.handler, f.op, f.outcome, f.at.line])).toEqual(lines.map((l) => ['Microsoft.Azure.RecoveryServices.VMSnapshotLinux', 'enable', 'failed', l]));
      expect(ops[0].at.text).toContain('ModuleNotFoundError');
    }
  });

  it('does not read an error the extension logs and carries on past as a handler that cannot run', async () => {
    // azure-linux-extensions #1912: Python 3.8+ has no platform.dist(); the extension logs it and goes on
    const out = await parse(
      "2024-04-12 07:35:59.601361 [Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0]Failed to retrieve the distinfo with error: module 'platform' has no attribute 'dist', stack trace: Traceback (most recent call last):",
    );
    expect(out.of('extension-operation')).toEqual([]);
  });
});
