import { describe, expect, it } from 'vitest';
import type { Fact } from '../../../src/shared';
import { BufferContent } from '../../../src/main/ingest/content';
import { parseGenericLog } from '../../../src/main/parse/generic-log';
import { handlerOfLogPath, parseHandlerLog } from '../../../src/main/parse/system/handler-log';
import { recognise } from '../../../src/shared/formats';
import type { RecordInput } from '../../../src/main/records/store';

async function parse(text: string, vmPath: string): Promise<{ facts: Fact[]; records: number }> {
  const buf = Buffer.from(text);
  const facts: Fact[] = [];
  let records = 0;
  await parseHandlerLog({ file: { id: 0, vmPath, kind: 'extension-log', size: buf.length } as never, content: new BufferContent(buf) }, { record: () => records++, fact: (f) => facts.push(f), warn: () => undefined });
  return { facts, records };
}

describe('handler logs under /var/log/azure', () => {
  it('the handler is the folder under /var/log/azure', () => {
    expect(handlerOfLogPath('var/log/azure/Microsoft.Azure.Extensions.CustomScript/handler.log')).toBe('Microsoft.Azure.Extensions.CustomScript');
    expect(handlerOfLogPath('var/log/waagent.log')).toBeUndefined();
  });

  it('a handler that cannot find or load its runtime failed; records stay as the generic parser makes them', async () => {
    // texts as posted: https://github.com/Azure/azure-linux-extensions/issues/2172 (Python 3.14 without crypt),
    // https://github.com/Azure/azure-linux-extensions/issues/946 (shell.log: no python)
    const text = ["ModuleNotFoundError: No module named 'crypt'", 'Mon Nov 18 00:05:10 UTC 2019- python version unknown', ''].join('\n');
    const { facts, records } = await parse(text, 'var/log/azure/Microsoft.OSTCExtensions.VMAccessForLinux/extension.log');
    expect(records).toBeGreaterThan(0);
    expect(facts.map((f) => (f.kind === 'extension-operation' ? [f.handler, f.outcome, f.at.line] : f.kind))).toEqual([
      ['Microsoft.OSTCExtensions.VMAccessForLinux', 'failed', 1],
      ['Microsoft.OSTCExtensions.VMAccessForLinux', 'failed', 2],
    ]);
  });

  it("a handler shim saying it finds no Python is that handler's output, named or not (Azure/WALinuxAgent#1719, NixOS/nixpkgs#266310)", async () => {
    // the agent quotes the shim's stderr; the shims of CustomScript, DSC, VMAccess, VMEncryption and of AMA and OmsAgent word it
    const fragment = ['[stderr]', '/usr/bin/env: \u2018python\u2019: No such file or directory', '..', '[stderr]', 'No Python interpreter found on the box', ''].join('\n');
    expect(recognise(fragment)?.kind).toBe('extension-log');
    expect(recognise('No Python interpreter found, which is an AMA extension dependency. Please install Python 3, or Python 2 if the former is unavailable.')?.kind).toBe('extension-log');
    const { facts } = await parse(fragment, 'var/log/azure/unknown-extension/extension.log');
    expect(facts.map((f) => (f.kind === 'extension-operation' ? [f.outcome, f.at.line] : f.kind))).toEqual([
      ['failed', 2],
      ['failed', 5],
    ]);
    // the agent's own interpreter missing, as an rc script or a terminal shows it, stays the service's output
    expect(recognise(' Starting waagent.\nenv: python: No such file or directory\n/etc/rc.d/waagent: WARNING: failed to start waagent')?.kind).toBe('service-output');
    expect(recognise('WALinuxAgent-2.2.32.2 running on redhat 8.0\nPython: 3.6.8\n# /usr/bin/env python --version\n/usr/bin/env: \u2018python\u2019: No such file or directory')?.kind).toBe('service-output');
  });

  it("openssl's `unable to load certificate` is a certificate problem of that handler; a full disk is a full disk", async () => {
    const { facts } = await parse(['unable to load certificate', '[Errno 28] No space left on device', ''].join('\n'), 'var/log/azure/custom-script/handler.log');
    expect(facts.map((f) => [f.kind, 'detail' in f ? f.detail : ''])).toEqual([
      ['certificate-problem', 'unable to load certificate'],
      ['disk-space', '[Errno 28] No space left on device'],
    ]);
  });

  it("the settings' recipient certificate openssl cannot open is a certificate problem, in each openssl version's words", async () => {
    const lines = [
      // WALinuxAgent #370 (openssl 1.0, CustomScriptForLinux, waagent 2.0's wrapper)
      '2016/08/17 16:58:00 ERROR:CalledProcessError.  Command result was Error opening recipient certificate file /var/lib/waagent/FB300E99D23805D97C3F2C2BCAE799FEE03ABADB.crt',
      // WALinuxAgent #2949 (openssl 1.1, VMAccessForLinux 1.5.16)
      "2023/10/19 15:49:31 ERROR: CalledProcessError.  Command result was Can't open /var/lib/waagent/28FFE9210CC03B8D16BD9A5C29DCD34CD09E825E.crt for reading, No such file or directory",
      // custom-script-extension-linux #257 (openssl 3, CustomScript 2.x)
      "VMExtensionProvisioningError: VM has reported a failure when processing extension 'CustomScriptExtensions' (publisher 'Microsoft.Azure.Extensions' and type 'CustomScript'). This is a system error message: 'failed to get configuration: error reading extension configuration: failed to parse protected settings: decrypting protected settings with smime command failed: error=exit status 2 stderr=Could not open file or uri for loading recipient certificate file from /var/lib/waagent/BDDD8237B086419D48CCEB4A7D6028F239E3728C.crt: No such file or directory",
      // the command itself, without its result, is not a failure
      "2023/10/19 15:49:31 ERROR: CalledProcessError.  Command was ['openssl', 'smime', '-inform', 'DER', '-decrypt', '-recip', '/var/lib/waagent/28FFE9210CC03B8D16BD9A5C29DCD34CD09E825E.crt', '-inkey', '/var/lib/waagent/28FFE9210CC03B8D16BD9A5C29DCD34CD09E825E.prv']",
      '',
    ].join('\n');
    const { facts } = await parse(lines, 'var/log/azure/Microsoft.OSTCExtensions.VMAccessForLinux/extension.log');
    expect(facts.map((f) => [f.kind, f.at.line])).toEqual([
      ['certificate-problem', 1],
      ['certificate-problem', 2],
      ['certificate-problem', 3],
    ]);
  });

  it('ordinary lines give no fact', async () => {
    expect((await parse('2024-01-01T00:00:00Z INFO python3 started the enable command\n', 'var/log/azure/x/handler.log')).facts).toEqual([]);
  });

  it('reads the file once, with the records the generic parser makes and the facts', async () => {
    // a /var/log/azure tree is thousands of small handler logs: a second read of each cost as much as the parse
    const text = ['2024-01-01T00:00:00Z INFO enable started', 'Traceback (most recent call last):', "ModuleNotFoundError: No module named 'crypt'", '2024-01-01T00:00:05Z ERROR enable failed', ''].join('\n');
    const content = new BufferContent(Buffer.from(text));
    let reads = 0;
    const counted = { size: content.size, chunks: () => (reads++, content.chunks()), read: content.read.bind(content), text: content.text.bind(content) };
    const file = { id: 0, vmPath: 'var/log/azure/Microsoft.OSTCExtensions.VMAccessForLinux/extension.log', kind: 'extension-log', size: content.size } as never;
    const got: RecordInput[] = [];
    const facts: Fact[] = [];
    await parseHandlerLog({ file, content: counted }, { record: (r) => got.push({ ...r }), fact: (f) => facts.push(f), warn: () => undefined });
    expect(reads).toBe(1);
    const generic: RecordInput[] = [];
    await parseGenericLog({ file, content }, { record: (r) => generic.push({ ...r }), fact: () => undefined, warn: () => undefined });
    expect(got).toEqual(generic);
    expect(got.map((r) => [r.line, r.lineCount, r.level])).toEqual([
      [1, 3, 'info'],
      [4, 1, 'error'],
    ]);
    expect(facts.map((f) => [f.kind, f.at.line])).toEqual([['extension-operation', 3]]);
  });
});

describe("the Go handlers' logfmt handler.log", () => {
  // https://github.com/Azure/custom-script-extension-linux/issues/84 (test/cases/cse-84-…): the upgrade removed the data dir
  const log = [
    'time=2017-04-25T12:03:30Z version=v2.0.3/git@f21ef81-clean operation=enable seq=7 event="comparing seqnum" path=/var/lib/waagent/custom-script/seqnum',
    'time=2017-04-25T12:03:30Z version=v2.0.3/git@f21ef81-clean operation=enable seq=7 event="pre-check failed" error="failed to process seqnum: failed to save the sequence number: seqnum: failed to write: open /var/lib/waagent/custom-script/seqnum: no such file or directory"',
    '',
  ].join('\n');

  it('a sub-command that fails its pre-check or its handling failed that operation, at the line’s UTC time', async () => {
    const { facts } = await parse(log, 'var/log/azure/custom-script/handler.log');
    expect(facts.map((f) => (f.kind === 'extension-operation' ? [f.handler, f.op, f.outcome, f.at.line, f.timeMs] : f.kind))).toEqual([
      ['custom-script', 'enable', 'failed', 2, Date.parse('2017-04-25T12:03:30Z')],
    ]);
  });

  it('the steps before the verdict (download failed) are not a second failure', async () => {
    const text = 'time=2018-03-10T11:38:28Z version=v2.0.6/git@1008306-dirty operation=enable seq=19 file=0 event="download failed" error="x"\n';
    expect((await parse(text, 'var/log/azure/custom-script/handler.log')).facts).toEqual([]);
  });
});
