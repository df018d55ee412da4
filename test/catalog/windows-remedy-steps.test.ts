import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';
import type { CauseId } from '../../src/shared';

const CASES = join(__dirname, '../cases');

async function finding(id: string, cause: CauseId) {
  const { result } = await analyzeBundle([join(CASES, id, 'files')]);
  const f = result.findings.find((x) => x.cause === cause && x.verdict === 'detected');
  if (!f) throw new Error(`${id}: no ${cause}`);
  return f;
}

/** What the engineer reads in the remedy of Windows cases, as docs/AUDIT.md's rows asked. */
describe('Windows remedy steps', () => {
  // the self-help guide's Cause 3 and ExtensionVCRedistInstallationFailure name the 2015 redistributable, but the
  // package's vcredist2013_x64 file installs the 2013 runtime, 12.0 (msvcp120/msvcr120): an engineer looking for
  // "2015" in Programs and Features must not be misled
  it('win-tsg-vmsnapshot-install-provider-com: the VC++ step says what vcredist2013_x64 installs', async () => {
    const f = await finding('win-tsg-vmsnapshot-install-provider-com', 'extension-failed-state');
    const step = f.remedy.find((s) => s.includes('Install provider failed'));
    expect(step).toContain("(the article's words; that file installs the Visual C++ 2013 runtime, version 12.0: msvcp120.dll and msvcr120.dll");
    expect(f.remedyNl?.find((s) => s.includes('Install provider failed'))).toContain('dat bestand installeert de Visual C++ 2013-runtime, versie 12.0');
    expect(f.remedy.find((s) => s.includes('ExtensionVCRedistInstallationFailure'))).toContain('vcredist2013_x64 (the Visual C++ 2013 runtime, 12.0)');
  }, 60_000);
});
