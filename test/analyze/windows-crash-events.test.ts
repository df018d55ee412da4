import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';

/**
 * The event log's agent crashes, from real cases: one crash logs Application Error 1000 and .NET Runtime
 * 1026, and the parser gives each event a windows-event and an agent-lifecycle fact on the same line.
 */
const CASES = [
  // Azure/WindowsVMAgent#8: WaAppAgent.exe 2.7.41491.1018 (German Application Error text)
  ['win-windowsvmagent-8-rdagent-1018-crash', 'WaAppAgent.exe'],
  // Azure/WindowsVMAgent#20: WindowsAzureGuestAgent.exe 2.7.41491.1193 (English text, DllNotFoundException)
  ['win-windowsvmagent-20-agent-1193-dllnotfound-2008r2', 'WindowsAzureGuestAgent.exe'],
] as const;

describe('agent crashes in the Windows event log', () => {
  for (const [id, exe] of CASES) {
    it(`${id}: counts and cites each event once, and calls it not running, not unresponsive`, async () => {
      const { result } = await analyzeBundle([join('test', 'cases', id, 'files')]);
      const down = result.findings.find((f) => f.cause === 'agent-not-running');
      expect(down?.verdict).toBe('detected');
      expect(down?.reason).toContain(`${exe} crashing or failing to start (2 events)`);
      const cited = (down?.evidence ?? []).map((e) => `${e.file}:${e.line}`);
      expect(cited).toHaveLength(2);
      expect(new Set(cited).size).toBe(2);
      // a service that dies at start is not "alive but not working"
      expect(result.findings.find((f) => f.cause === 'agent-unresponsive')?.verdict).not.toBe('detected');
    }, 60_000);
  }
});
