import { main } from '../../src/main/cli';

/** Runs the CLI in this process (`stdin`: the text `-` reads), returning its exit code and what it printed on each stream. */
export async function runCli(args: string[], stdin?: string): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { stdout: (s) => void out.push(s), stderr: (s) => void err.push(s), ...(stdin !== undefined ? { stdin: async () => stdin } : {}) });
  return { code, out: out.join(''), err: err.join('') };
}
