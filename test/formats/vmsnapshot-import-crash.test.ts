import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recognise } from '../../src/shared/formats';

// Azure/azure-linux-extensions pull request #2196 (the extension's maintainer): 'Customer VM (Ubuntu 26.04 / Py 3.14)
// fails backup. Extension log shows:' — quoted with the paths cut to '.../' and no 'Traceback' line
// (test/cases/ext-pr2196-ubuntu2604-py314-import-elided-paths).
const PR2196 = readFileSync(join('test', 'cases', 'ext-pr2196-ubuntu2604-py314-import-elided-paths', 'files', 'extension.log'), 'utf8').replace(/\n$/, '').split('\n');

describe("the Backup extension's crash at import, quoted without its file's name", () => {
  it('is its extension log: handle.py imports a module only this extension has', () => {
    expect(recognise(PR2196.join('\n'))?.kind).toBe('vmsnapshot-extension-log');
    expect(recognise(PR2196.map((l) => (l ? `    ${l}` : l)).join('\n'))?.kind).toBe('vmsnapshot-extension-log');
    expect(recognise(PR2196.join('\r\n'))?.kind).toBe('vmsnapshot-extension-log');
  });

  it('is not claimed from the frames other extensions share (WaagentLib.py, WAAgentUtil.py)', () => {
    expect(recognise(PR2196.slice(0, 7).join('\n'))?.kind).not.toBe('vmsnapshot-extension-log');
  });
});
