import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from '../helpers/paths';
import { AGENT_VERDICT_PHRASE, CRP_FAILURE_PHRASE, CRP_TIMEOUT_PHRASE } from '../../src/shared/formats/crp';
import { VERDICT } from '../../src/shared/formats/sniff';
import { agentVerdictDraft } from '../../src/main/parse/waagent/catalogue';

/**
 * The agent's verdict on a handler (`… has reported terminal failure for VM extension 'Y' with error message: '…`) is
 * declared once, in src/shared/formats/crp.ts: the sniffer and waagent.log's reader build their expressions from it.
 * Elsewhere the phrase may stand in a comment or a quoted sample line, not in code.
 */
function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (/\.tsx?$/.test(name)) yield p;
  }
}

const COMMENT = /^\s*(?:\*|\/\/|\/\*)/;
const SAMPLE = /^\s*(?:(?:text|line): )?["'`]/;

describe("the agent's verdict phrase", () => {
  // and the compute provider's own verdicts (a failure, a time-out), which the Windows agent's catalogue reads too
  it('is spelled in code only in shared/formats/crp.ts, as are the provider\'s', () => {
    const phrases = [AGENT_VERDICT_PHRASE, CRP_FAILURE_PHRASE, CRP_TIMEOUT_PHRASE.trim()];
    const spelled: string[] = [];
    for (const f of files(join(ROOT, 'src'))) {
      const rel = relative(ROOT, f);
      if (rel === join('src', 'shared', 'formats', 'crp.ts')) continue;
      readFileSync(f, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (phrases.some((p) => line.includes(p)) && !COMMENT.test(line) && !SAMPLE.test(line)) spelled.push(`${rel}:${i + 1}`);
        });
    }
    expect(spelled).toEqual([]);
  });

  it('is found by the sniffer and read by the reader from the one declaration', () => {
    // https://github.com/microsoft/OMS-Agent-for-Linux/issues/1079 (the az CLI's error, as posted)
    const line = "(VMExtensionHandlerNonTransientError) The handler for VM extension type 'Microsoft.Azure.Monitor.AzureMonitorLinuxAgent' has reported terminal failure for VM extension 'AzureMonitorLinuxAgent' with error message: '[ExtensionOperationError] Non-zero exit code: 51, /var/lib/waagent/Microsoft.Azure.Monitor.AzureMonitorLinuxAgent-1.29.4/./shim.sh -install";
    expect(new RegExp(VERDICT).test(line)).toBe(true);
    expect(agentVerdictDraft(line)).toMatchObject({ kind: 'extension-operation', handler: 'Microsoft.Azure.Monitor.AzureMonitorLinuxAgent', op: 'install', exitCode: 51, verdict: true });
    // the tag is what makes it the agent's: another message after the phrase is not read as a failed operation
    expect(agentVerdictDraft(line.replace('[ExtensionOperationError] ', ''))).toBeNull();
  });
});
