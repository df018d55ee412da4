import type { Client as SshClient, ClientChannel } from 'ssh2';

export interface ExecResult {
  stdout: string;
  stderr: string;
  code: number | null;
  /** Set when the command did not finish: timeout, channel error, connection lost. */
  error?: string;
}

/**
 * Runs one command and buffers its (bounded) output. `stdin` is written then closed: that is how a sudo
 * password reaches `sudo -S` without ever being on a command line.
 */
export function execBuffered(client: SshClient, command: string, opts: { stdin?: Buffer; timeoutMs: number; maxBytes?: number }): Promise<ExecResult> {
  const max = opts.maxBytes ?? 256 * 1024;
  return new Promise((resolve) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outLen = 0;
    let errLen = 0;
    let code: number | null = null;
    let done = false;
    let channel: ClientChannel | undefined;
    const finish = (error?: string) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve({ stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), code, error });
    };
    const timer = setTimeout(() => {
      channel?.close();
      finish(`timed out after ${opts.timeoutMs} ms`);
    }, opts.timeoutMs);
    try {
      client.exec(command, (e, ch) => {
        if (e) return finish(e.message);
        channel = ch;
        ch.on('data', (c: Buffer) => {
          if (outLen < max) out.push(c.subarray(0, max - outLen));
          outLen += c.length;
        });
        ch.stderr.on('data', (c: Buffer) => {
          if (errLen < max) err.push(c.subarray(0, max - errLen));
          errLen += c.length;
        });
        ch.on('exit', (c: number | null) => {
          code = c;
        });
        ch.on('close', () => finish(code === null ? 'the command ended without an exit status (connection lost?)' : undefined));
        ch.on('error', (x: Error) => finish(x.message));
        if (opts.stdin) ch.end(opts.stdin);
        else ch.end();
      });
    } catch (e) {
      finish((e as Error).message);
    }
  });
}
