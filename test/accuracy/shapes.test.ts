// The real cases, as tickets actually bring them: the same files with Windows line ends, saved by Notepad with a
// byte-order mark, written by PowerShell in UTF-16, zipped in a folder, gzipped one by one, dropped as loose
// files, saved in the ANSI code page, or given twice (the files and a zip of them; an older copy of each beside the newer). The answer is a property of the VM, not of the wrapping: every shape must get exactly the findings
// (cause and confidence, in order) the case's own files get. The shapes that only put the files into an archive run over
// a sample of the cases that covers every platform, cause and file name (ARCHIVE_SHAPES; all cases with SHAPES_FULL=1
// and under `npm test`).
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { gzipSync, zipSync } from 'fflate';
import * as tar from 'tar';
import { afterAll, describe, expect, it } from 'vitest';
import type { BundleInput, Finding } from '../../src/shared';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';
import { caseFiles, listCases, readCase } from './score';
import { inFirstAnsi } from '../helpers/ansi';
import { legacyZip } from '../helpers/legacy-zip';
import { onSerialConsole } from '../helpers/serial-console';

const tmp = mkdtempSync(join(tmpdir(), 'vmbd-shapes-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }), 600_000);

type Files = [name: string, bytes: Buffer][];

const filesOf = (caseDir: string): Files => caseFiles(caseDir);

const isText = (b: Buffer) => !b.subarray(0, 4096).includes(0);

/** Writes each file (text files changed by `text`) under `at`; the folder is the input. */
function rewritten(text: (b: Buffer) => Buffer, name = (n: string) => n) {
  return (files: Files, at: string): string[] => {
    for (const [n, b] of files) {
      const p = join(at, name(n));
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, isText(b) ? text(b) : b);
    }
    return [at];
  };
}

const SHAPES: Record<string, (files: Files, at: string) => BundleInput[]> = {
  'CRLF line ends': rewritten((b) => Buffer.from(b.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1')),
  'UTF-8 with a byte-order mark': rewritten((b) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), b])),
  'UTF-16LE with a byte-order mark': rewritten((b) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(b.toString('utf8'), 'utf16le')])),
  'each file gzipped': rewritten((b) => Buffer.from(gzipSync(b)), (n) => `${n}.gz`),
  'a zip with a top folder': (files, at) => {
    mkdirSync(at, { recursive: true });
    const zip = join(at, 'attachments.zip');
    writeFileSync(zip, zipSync(Object.fromEntries(files.map(([n, b]) => [`ticket-1234/${n}`, b]))));
    return [zip];
  },
  'loose files': (files, at) => {
    rewritten((b) => b)(files, at);
    return files.map(([n]) => join(at, n));
  },
  'the files and a zip of them': (files, at) => [...SHAPES['a zip with a top folder'](files, join(at, 'zip')), ...rewritten((b) => b)(files, join(at, 'folder'))],
  'an older copy beside each file': (files, at) => {
    // the copy taken earlier: the first half of its lines (the log grew since)
    const older = rewritten((b) => {
      const lines = b.toString('latin1').split('\n');
      return Buffer.from(lines.slice(0, Math.ceil(lines.length / 2)).join('\n'), 'latin1');
    })(files, join(at, 'older'));
    return [...older, ...rewritten((b) => b)(files, join(at, 'newer'))];
  },
};

/**
 * logrotate's cut: the older part of each log as `<name>.1` (or `.1.gz`), the rest under the name. The cut is
 * between two writes: after the middle, at the first line whose time (its first 19 characters) differs from the
 * line before it, as a record of several lines is written at once. A log written within one second is not cut.
 */
function rotated(gz: boolean, suffix = '.1') {
  return (files: Files, at: string): string[] => {
    mkdirSync(at, { recursive: true });
    for (const [n, b] of files) {
      const lines = b.toString('latin1').split('\n');
      let cut = Math.ceil(lines.length / 2);
      const time = (l: string) => (/^\d{4}[-/]\d\d[-/]\d\d[ T]\d\d:\d\d:\d\d/.test(l) ? l.slice(0, 19) : undefined);
      while (cut < lines.length && !(time(lines[cut]) && time(lines[cut - 1]) && time(lines[cut]) !== time(lines[cut - 1]))) cut++;
      // (a case may keep its files at their VM paths: `var/log/waagent.log` rotates in var/log/)
      mkdirSync(dirname(join(at, n)), { recursive: true });
      const rotates = isText(b) && /(\.log|(?:^|\/)syslog|(?:^|\/)messages)$/.test(n) && cut > 0 && cut < lines.length;
      if (!rotates) {
        writeFileSync(join(at, n), b);
        continue;
      }
      const older = Buffer.from(`${lines.slice(0, cut).join('\n')}\n`, 'latin1');
      writeFileSync(join(at, gz ? `${n}${suffix}.gz` : `${n}${suffix}`), gz ? gzipSync(older) : older);
      writeFileSync(join(at, n), Buffer.from(lines.slice(cut).join('\n'), 'latin1'));
    }
    return [at];
  };
}
SHAPES['rotated: the older half as .1'] = rotated(false);
SHAPES['rotated: the older half as .1.gz'] = rotated(true);
// The `.gz` of a rotated log lost on the way (Explorer hides known extensions, and a rename keeps the hidden one off).
SHAPES['rotated: the older half gzipped, named .1 without its .gz'] = (files, at) => {
  rotated(true)(files, at);
  for (const [n] of files) {
    const gz = join(at, `${n}.1.gz`);
    if (existsSync(gz)) renameSync(gz, join(at, `${n}.1`));
  }
  return [at];
};
// logrotate's `dateext` (the default on RHEL and SUSE: `-%Y%m%d`), and `dateformat .%Y%m%d` as some images set it
SHAPES['rotated (dateext): the older half as -20240115'] = rotated(false, '-20240115');
SHAPES['rotated (dateext): the older half as -20240115.gz'] = rotated(true, '-20240115');
SHAPES['rotated (dateext): the older half as .20240115.gz'] = rotated(true, '.20240115');

// Pasted into the window's text box (from a chat or the ticket), one paste per file.
SHAPES['each file pasted'] = (files) => files.map(([, b]) => ({ pasted: b.toString('utf8') }));
SHAPES['all files pasted as one text'] = (files) => [{ pasted: files.map(([, b]) => b.toString('utf8')).join('\n') }];

// Copied out of a Markdown code block or a quoted e-mail reply: every line indented by four spaces.
const indented = (b: Buffer) => Buffer.from(b.toString('latin1').replace(/^(?=.)/gm, '    '), 'latin1');
SHAPES['every line indented'] = rewritten(indented);
SHAPES['each file pasted, indented'] = (files) => files.map(([, b]) => ({ pasted: indented(b).toString('utf8') }));

// Attachments renamed on the way: mail filters and ticket tools take `.txt`, and some number what they keep.
SHAPES['each file renamed .txt'] = rewritten((b) => b, (n) => `${n.replace(/\//g, '_')}.txt`);
// Zipped on a Mac (Finder's Compress): beside each file an AppleDouble `__MACOSX/…/._name` holding its extended
// attributes (RFC 1740's header: magic 0x00051607, version 2, one entry; here the quarantine mark a download gets).
function appleDouble(): Buffer {
  const b = Buffer.alloc(4096);
  b.writeUInt32BE(0x00051607, 0);
  b.writeUInt32BE(0x00020000, 4);
  b.write('Mac OS X        ', 8, 'latin1');
  b.writeUInt16BE(1, 24);
  b.writeUInt32BE(9, 26); // entry 9: Finder info, the extended attributes after it
  b.writeUInt32BE(50, 30);
  b.writeUInt32BE(4046, 34);
  b.write('ATTR', 50, 'latin1');
  b.write('com.apple.quarantine', 120, 'latin1');
  return b;
}
SHAPES['zipped on a Mac (with __MACOSX/._name beside each file)'] = (files, at) => {
  mkdirSync(at, { recursive: true });
  const entries: Record<string, Uint8Array> = {};
  for (const [n, b] of files) {
    entries[`ticket-1234/${n}`] = b;
    entries[`__MACOSX/ticket-1234/${n.replace(/[^/]+$/, (base) => `._${base}`)}`] = appleDouble();
  }
  const zip = join(at, 'ticket-1234.zip');
  writeFileSync(zip, zipSync(entries));
  return [zip];
};

// Copied beside the original by Windows Explorer (`waagent - Copy.log`), or saved with the day it was taken.
const tagged = (tag: string) => (n: string) => n.replace(/([^/]+?)(\.[^./]*)?$/, (_, stem: string, ext?: string) => `${stem}${tag}${ext ?? ''}`);
SHAPES['each file copied by Windows Explorer ("name - Copy.ext")'] = rewritten((b) => b, tagged(' - Copy'));
SHAPES['each file saved with a date ("name_2024-01-15.ext")'] = rewritten((b) => b, tagged('_2024-01-15'));
let attachment = 0;
SHAPES['each file renamed attachment-N.txt'] = rewritten((b) => b, () => `attachment-${++attachment}.txt`);

// Quoted in an e-mail reply or a GitHub comment: "> " before every line, a lone ">" for an empty one.
const quoted = (b: Buffer) => Buffer.from(b.toString('latin1').replace(/^(.?)/gm, (_, c: string) => (c ? `> ${c}` : '>')), 'latin1');
SHAPES['every line quoted "> "'] = rewritten(quoted);

// Copied from a web page, Teams or Outlook: runs of spaces come back as non-breaking spaces and one space.
const nbsp = (b: Buffer) => Buffer.from(b.toString('utf8').replace(/ {2,}/g, (r) => `${'\u00a0'.repeat(r.length - 1)} `), 'utf8');
SHAPES['runs of spaces as non-breaking spaces'] = rewritten(nbsp);
// Pasted into an Outlook mail or a Word document first (AutoFormat's "smart quotes": an opening quote after a space, a
// bracket or the line's start, a closing one elsewhere, the apostrophe too), then copied into the box.
const smartQuotes = (t: string) =>
  t.replace(/(^|[\s([{<])"/gm, '$1\u201c').replace(/"/g, '\u201d').replace(/(^|[\s([{<])'/gm, '$1\u2018').replace(/'/g, '\u2019');
SHAPES['each file pasted from Outlook (smart quotes, non-breaking spaces)'] = (files) => files.map(([, b]) => ({ pasted: smartQuotes(nbsp(b).toString('utf8')) }));

// Saved on a Windows desktop in its ANSI code page (Notepad's "ANSI", PowerShell 5's Set-Content): Windows-1252 on a
// Western European machine, Shift_JIS on a Japanese one; a file with a character neither has stays as it was.
const ansi = (b: Buffer) => (b.some((c) => c >= 0x80) && !b.toString('utf8').includes('\ufffd') ? (inFirstAnsi(b.toString('utf8'), ['windows-1252', 'shift_jis']) ?? b) : b);
SHAPES["saved in the machine's ANSI code page"] = rewritten(ansi);

const placed = new Map<string, string>();
const atVmPath = (n: string) => placed.get(n) ?? n;

// The files at their VM paths, as the agent's log collector zips them (`waagent -collect-logs`) and as a sosreport
// tars them under its own top folder.
SHAPES['a collector zip at the VM paths'] = (files, at) => {
  mkdirSync(at, { recursive: true });
  const zip = join(at, 'logs.zip');
  writeFileSync(zip, zipSync(Object.fromEntries(files.map(([n, b]) => [atVmPath(n), b]))));
  return [zip];
};
SHAPES['a sosreport tar.gz'] = (files, at) => {
  const top = 'sosreport-vm1-1234-2026-12-04-abcdefg';
  rewritten((b) => b, atVmPath)(files, join(at, 'tree', top));
  const file = join(at, `${top}.tar.gz`);
  tar.c({ gzip: true, file, cwd: join(at, 'tree'), sync: true }, [top]);
  return [file];
};

// PowerShell 5's `Get-Content waagent.log > waagent.log` on the engineer's desktop: UTF-16LE with a byte-order mark and
// Windows line ends.
SHAPES['saved by a PowerShell 5 ">" redirect (UTF-16LE, BOM, CRLF)'] = rewritten((b) =>
  Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(b.toString('utf8').replace(/\r?\n/g, '\r\n'), 'utf16le')]),
);
// Saved on a Chinese Windows desktop in its ANSI code page (936, GBK); a file with a character GBK lacks stays as it was.
const gbk = (b: Buffer) => (b.some((c) => c >= 0x80) && !b.toString('utf8').includes('\ufffd') ? (inFirstAnsi(b.toString('utf8'), ['gbk']) ?? b) : b);
SHAPES["saved in a Chinese Windows' ANSI code page (GBK)"] = rewritten(gbk);

// Compress-Archive in Windows PowerShell 5 (.NET Framework's ZipFile) writes member names with backslashes.
SHAPES['zipped on Windows (backslashes in member names)'] = (files, at) => {
  mkdirSync(at, { recursive: true });
  const zip = join(at, 'logs.zip');
  writeFileSync(zip, zipSync(Object.fromEntries(files.map(([n, b]) => [`ticket-1234\\${atVmPath(n).replace(/\//g, '\\')}`, b]))));
  return [zip];
};
// The customer zips the agent's collect-logs zip with a screenshot and a note for the ticket.
SHAPES['the collector zip inside a zip with other files'] = (files, at) => {
  mkdirSync(at, { recursive: true });
  const inner = zipSync(Object.fromEntries(files.map(([n, b]) => [atVmPath(n), b])));
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f0a0e20000000049454e44ae426082', 'hex');
  const zip = join(at, 'ticket-1234.zip');
  writeFileSync(zip, zipSync({ 'logs.zip': inner, 'portal-error.png': png, 'notes.txt': Buffer.from('Backup fails every night since Monday, see the logs.\r\n') }));
  return [zip];
};
/** `tar -C dir -cf - top | xz`: the npm tar package writes no xz. */
const tarXz = (dir: string, top: string) =>
  execFileSync('xz', ['-1', '-c'], { input: execFileSync('tar', ['-C', dir, '-cf', '-', top], { maxBuffer: 1 << 28 }), maxBuffer: 1 << 28 });
// sos 3.x names its report `sosreport-<host>.<case>-<date>-<random>` and compresses with xz.
SHAPES['a sos 3.x sosreport tar.xz'] = (files, at) => {
  const top = 'sosreport-vm1.01234567-20240115100000-abcd';
  rewritten((b) => b, atVmPath)(files, join(at, 'tree', top));
  const file = join(at, `${top}.tar.xz`);
  writeFileSync(file, tarXz(join(at, 'tree'), top));
  return [file];
};
// sos 4.x compresses with zstd where the zstd tool is installed (RHEL 9 and its rebuilds): `tar -cf - top | zstd`.
SHAPES['a sos 4.x sosreport tar.zst'] = (files, at) => {
  const top = 'sosreport-vm1-2026-12-04-abcdefg';
  rewritten((b) => b, atVmPath)(files, join(at, 'tree', top));
  const file = join(at, `${top}.tar.zst`);
  writeFileSync(file, execFileSync('zstd', ['-q', '-3', '-c'], { input: execFileSync('tar', ['-C', join(at, 'tree'), '-cf', '-', top], { maxBuffer: 1 << 28 }), maxBuffer: 1 << 28 }));
  return [file];
};
// sos keeps only the end of a log over its size limit (25 MiB): the tail at `sos_strings/<plugin>/<path, / as .>.tailed`,
// a link to it at the log's path (sos/report/plugins/__init__.py `_collect_tailed_files`); here every log under /var/log
// so (the whole log as its tail), as a report of big logs has them.
SHAPES['a sos 4.x sosreport with its logs over the size limit (sos_strings/….tailed)'] = (files, at) => {
  const top = 'sosreport-vm1-2026-12-04-abcdefg';
  const tree = join(at, 'tree', top);
  rewritten((b) => b, atVmPath)(files, tree);
  for (const [n] of files) {
    const vm = atVmPath(n);
    if (!/^var\/log\//.test(vm)) continue;
    const tailed = `sos_strings/${/^var\/log\/(?:azure\/|waagent)/.test(vm) ? 'azure' : 'logs'}/${vm.replace(/\//g, '.')}.tailed`;
    mkdirSync(dirname(join(tree, tailed)), { recursive: true });
    renameSync(join(tree, vm), join(tree, tailed));
    symlinkSync(`${'../'.repeat(vm.split('/').length - 1)}${tailed}`, join(tree, vm));
  }
  const file = join(at, `${top}.tar.xz`);
  writeFileSync(file, tarXz(join(at, 'tree'), top));
  return [file];
};
// A sosreport of a VM whose logs logrotate had cut: sos's azure and logs plugins copy `/var/log/waagent*` and
// `/var/log/messages*`, the rotations too, so the older half is `waagent.log.1.gz` beside the log in the report.
SHAPES['a sos 4.x sosreport tar.xz with the logs rotated (.1.gz beside each)'] = (files, at) => {
  const top = 'sosreport-vm1-2026-12-04-abcdefg';
  rotated(true)(files.map(([n, b]) => [atVmPath(n), b]), join(at, 'tree', top));
  const file = join(at, `${top}.tar.xz`);
  writeFileSync(file, tarXz(join(at, 'tree'), top));
  return [file];
};
// `sos collect` (sos 4.x) tars the node's sosreport tar.xz with its own logs.
SHAPES["a sos collect tarball holding the node's sosreport"] = (files, at) => {
  const node = 'sosreport-vm1-2026-12-04-abcdefg';
  rewritten((b) => b, atVmPath)(files, join(at, 'tree', node));
  const outer = 'sos-collector-ticket-2026-12-04-hijkl';
  mkdirSync(join(at, 'outer', outer, 'sos_logs'), { recursive: true });
  writeFileSync(join(at, 'outer', outer, 'sos_logs', 'sos.log'), '2026-12-04 10:00:00,000 INFO: sos collect started\n');
  writeFileSync(join(at, 'outer', outer, `${node}.tar.xz`), tarXz(join(at, 'tree'), node));
  const file = join(at, `${outer}.tar.xz`);
  writeFileSync(file, tarXz(join(at, 'outer'), outer));
  return [file];
};
// `vmbackup-doctor collect ssh://…` (Linux VMs): a tar.gz of the files at their VM paths with the collector's
// manifest.json and probes.json at its root (src/main/ssh/index.ts); here a collection whose checks ran none, taken
// at the time `COLLECTED_AT` says.
let collectedAt = '';
SHAPES['an SSH collection (manifest.json, probes.json, the VM paths)'] = (files, at) => {
  const top = join(at, 'tree');
  rewritten((b) => b, atVmPath)(files, top);
  const paths = files.map(([n]) => atVmPath(n));
  const manifest = { schemaVersion: 1, tool: 'vmbackup-doctor', toolVersion: '0.0.0', host: '10.0.0.4', port: 22, user: 'azureuser', collectedAt, finishedAt: collectedAt, privilege: 'sudo', commands: [], files: paths.map((path) => ({ path })), dropped: [], warnings: [], incomplete: false };
  writeFileSync(join(top, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(top, 'probes.json'), `{"schemaVersion":1,"collectedAt":${JSON.stringify(collectedAt)},"probes":[\n\n]}\n`);
  const file = join(at, 'vm-20261204-100000.tar.gz');
  tar.c({ gzip: true, file, cwd: top, sync: true, portable: true }, ['manifest.json', 'probes.json', ...paths]);
  return [file];
};
// C:\WindowsAzure\Logs copied as it is (WaAppAgent.log, Plugins\<extension>\<version>\…), the other files beside it.
SHAPES['the Windows Logs folder copied as it is'] = (files, at) =>
  rewritten((b) => b, (n) => (/^WindowsAzure\/Logs\//i.test(atVmPath(n)) ? atVmPath(n).replace(/^WindowsAzure\//i, '') : n))(files, join(at, 'copy'));

// Colour escapes kept in a saved terminal session (`script`, `journalctl | tee` with SYSTEMD_COLORS, `grep --color=always`):
// journalctl colours a line by its level, grep marks the word it matched.
const coloured = (b: Buffer) =>
  Buffer.from(
    b
      .toString('latin1')
      .replace(/^(.*\b(?:ERROR|Error|error|FAILED|failed)\b.*?)(\r?)$/gm, '\x1b[0;1;31m$1\x1b[0m$2')
      .replace(/\b(WARNING|WARN)\b/g, '\x1b[01;31m\x1b[K$1\x1b[m\x1b[K'),
    'latin1',
  );
SHAPES['saved from a terminal with colour escapes'] = rewritten((b) => (isText(b) ? coloured(b) : b));
SHAPES['each file pasted from a terminal with colour escapes'] = (files) => files.map(([, b]) => ({ pasted: coloured(b).toString('utf8') }));

// `tail -n +1 -f file…` (or `head -n -0`) prints each file under a `==> name <==` header.
const tailed = (files: Files) =>
  files
    .filter(([, b]) => isText(b))
    .map(([n, b]) => `==> ${n} <==\n${b.toString('utf8')}${b.toString('utf8').endsWith('\n') ? '' : '\n'}`)
    .join('\n');
SHAPES['all files pasted as one tail -f output (==> name <== headers)'] = (files) => [{ pasted: tailed(files) }];
SHAPES['all files saved as one tail -f output (==> name <== headers)'] = (files, at) => {
  mkdirSync(at, { recursive: true });
  writeFileSync(join(at, 'tail-output.txt'), tailed(files));
  return [join(at, 'tail-output.txt'), ...files.filter(([, b]) => !isText(b)).map(([n, b]) => (writeFileSync(join(at, n.replace(/\//g, '_')), b), join(at, n.replace(/\//g, '_'))))];
};

// A crash (power loss) after a log's size was written but not its last block: a run of NUL bytes where the block
// was, and the next boot's lines written after it (in the middle of a long log); at the end of a short one, where no
// boot came after (a format is told by a file's first kilobytes, and a crash block there hides the lines after it).
const nulBlock = (b: Buffer) => {
  if (b.length < 2) return b;
  const at = b.length > 16 * 1024 ? b.indexOf(0x0a, Math.floor(b.length / 2)) : b.length - 1;
  return at < 0 ? b : Buffer.concat([b.subarray(0, at + 1), Buffer.alloc(4096), b.subarray(at + 1)]);
};
// (a log is appended to; a status file or a document is written whole, and is not cut this way)
SHAPES['a crash left a block of NUL bytes before a line of each log'] = (files, at) =>
  rewritten((b) => b)(
    files.map(([n, b]) => [n, /\.log(\.\d+)?$|(^|\/)(syslog|messages)(\.\d+)?$/.test(n) ? nulBlock(b) : b]),
    at,
  );

// Notepad on Windows 10+ saves UTF-8 with a byte-order mark and Windows line ends; a log copied that way has both.
SHAPES['saved by Notepad (UTF-8 BOM, CRLF)'] = rewritten((b) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(b.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1')]));
// Part of a log edited or appended on Windows: every other line ends in CRLF.
SHAPES['mixed CRLF and LF line ends'] = rewritten((b) => {
  let n = 0;
  return Buffer.from(b.toString('latin1').replace(/\r?\n/g, () => (n++ % 2 ? '\r\n' : '\n')), 'latin1');
});
// `tail -n +1 -f` run over SSH from PowerShell 5 on the engineer's desktop and redirected with `>`: UTF-16LE, BOM, CRLF,
// the headers naming each file by its path on the VM.
SHAPES['one tail -f output of the VM paths, saved by PowerShell 5 (UTF-16LE)'] = (files, at) => {
  mkdirSync(at, { recursive: true });
  const text = files
    .filter(([, b]) => isText(b))
    .map(([n, b]) => `==> /${atVmPath(n)} <==\n${b.toString('utf8')}${b.toString('utf8').endsWith('\n') ? '' : '\n'}`)
    .join('\n');
  writeFileSync(join(at, 'tail.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace(/\r?\n/g, '\r\n'), 'utf16le')]));
  return [join(at, 'tail.txt'), ...files.filter(([, b]) => !isText(b)).map(([n, b]) => (writeFileSync(join(at, n.replace(/\//g, '_')), b), join(at, n.replace(/\//g, '_'))))];
};
// Windows Explorer's "Send to > Compressed (zipped) folder" on a Chinese desktop: names in code page 936 (GBK), no UTF-8
// flag; the folder is the ticket's ("工单-1234 日志", ticket 1234 logs) and each file its copy ("… - 副本.log", "- Copy").
SHAPES['zipped by Explorer on a Chinese Windows (GBK names, "- 副本" copies)'] = (files, at) => {
  mkdirSync(at, { recursive: true });
  const gbkName = (s: string) => Buffer.from([...s].flatMap((ch) => [...(ch.charCodeAt(0) < 0x80 ? Buffer.from(ch) : inFirstAnsi(ch, ['gbk'])!)]));
  const zip = join(at, '日志.zip');
  const copy = (n: string) => n.replace(/([^/]+?)(\.[^./]*)?$/, (_, st: string, ext?: string) => `${st} - 副本${ext ?? ''}`);
  writeFileSync(zip, legacyZip(files.map(([n, b]) => ({ name: gbkName(`工单-1234 日志/${copy(n)}`), data: b }))));
  return [zip];
};

/**
 * GNU grep over the files without -n (`grep -r '' /var/log …`, as in WALinuxAgent #780): each line as `path:line`
 * (`path:` for an empty one), at the path `where` gives its VM path; a binary file is the line grep prints for it and
 * goes beside the output as the file it is (returned with `beside`).
 */
function grepped(files: Files, where: (vmPath: string) => string, at: string): { text: string; beside: string[] } {
  mkdirSync(at, { recursive: true });
  const beside: string[] = [];
  const text = files
    .filter(([, b]) => b.length > 0)
    .map(([n, b]) => {
      const path = where(atVmPath(n));
      if (isText(b)) return b.toString('utf8').replace(/\n$/, '').split('\n').map((l) => `${path}:${l}`).join('\n');
      beside.push(join(at, n.replace(/\//g, '_')));
      writeFileSync(beside[beside.length - 1], b);
      return `Binary file ${path} matches`;
    })
    .join('\n');
  return { text: `${text}\n`, beside };
}
const windowsPath = (vm: string) => /^(?:WindowsAzure|Packages|Windows)\//i.test(vm);
/** The VM's own path: `/var/log/waagent.log`, `C:\WindowsAzure\Logs\WaAppAgent.log`. */
const absolute = (vm: string) => (windowsPath(vm) ? `C:\\${vm.replace(/\//g, '\\')}` : `/${vm}`);
/** As a search from the collection's top folder names it (in an unpacked sosreport; findstr /s from C:\). */
const relative = (vm: string) => (windowsPath(vm) ? vm.replace(/\//g, '\\') : `./${vm}`);
const PROMPT = "azureuser@vm1:~$ sudo grep -r '' /var/log /var/lib/waagent 2>&1";

SHAPES['all files saved as one grep -r output without -n, gzipped (grep.txt.gz)'] = (files, at) => {
  const { text, beside } = grepped(files, absolute, at);
  writeFileSync(join(at, 'grep.txt.gz'), gzipSync(Buffer.from(text, 'utf8')));
  return [join(at, 'grep.txt.gz'), ...beside];
};
// Pasted from the terminal with the prompt and command above it, grep's error on a file it could not read, and the prompt
// after it, into a Markdown code block (every line indented).
SHAPES['all files pasted as one grep -r output with its prompt, indented'] = (files, at) => {
  const { text, beside } = grepped(files, absolute, at);
  const session = `${PROMPT}\ngrep: /var/log/btmp: Permission denied\n${text}azureuser@vm1:~$\n`;
  return [{ pasted: session.replace(/^(?=.)/gm, '    ') }, ...beside];
};
// grep --color=always (the path in magenta, the colon in cyan) from the unpacked sosreport's folder, saved through tee
// and quoted in a reply.
SHAPES['all files saved as one coloured grep output from the sosreport folder, quoted "> "'] = (files, at) => {
  const { text, beside } = grepped(files, relative, at);
  const coloured = text.replace(/^(.*?):/gm, '\x1b[35m\x1b[K$1\x1b[m\x1b[K\x1b[36m\x1b[K:\x1b[m\x1b[K');
  writeFileSync(join(at, 'grep.txt'), quoted(Buffer.from(coloured, 'utf8')));
  return [join(at, 'grep.txt'), ...beside];
};
// The saved output's first block lost in a crash (a run of NUL bytes where it was).
SHAPES['all files saved as one grep -r output after a NUL block'] = (files, at) => {
  const { text, beside } = grepped(files, absolute, at);
  writeFileSync(join(at, 'grep.txt'), Buffer.concat([Buffer.alloc(4096), Buffer.from(text, 'utf8')]));
  return [join(at, 'grep.txt'), ...beside];
};

// The agent's log as the VM's serial console shows it (the agent writes its records to /dev/console too): after the
// kernel's boot lines, a kernel line before each record (test/helpers/serial-console.ts), saved as the portal's "Download
// serial log" names it, or under a name of the engineer's, beside the other files. Only a case with a waagent.log that
// starts with a record has it so (SERIAL_SHAPES): the console has each record whole, with its time, never an excerpt that
// lost its head (waagent-605's `ERROR:` frames, waagent-398's untimed warning, ext-2172's lines after `[stderr]`).
const consoled = (name: string) => (files: Files, at: string) =>
  rewritten((b) => b)(
    files.map(([n, b]) => (/(?:^|\/)waagent\.log$/.test(n) ? [name, Buffer.from(onSerialConsole(b.toString('utf8')), 'utf8')] : [n, b])),
    at,
  );
SHAPES['the waagent.log as the serial console shows it (vm1.<id>.serialconsole.log)'] = consoled('vm1.5f8a0c2e-3b1d-4c7e-9a6f-2d4b8e1c7a90.serialconsole.log');
SHAPES['the waagent.log as the serial console shows it, saved as boot-log.txt'] = consoled('boot-log.txt');
// The boot diagnostics' serial log copied from the portal and pasted into the window's box, the other files dropped beside it.
SHAPES['the waagent.log as the serial console shows it, pasted'] = (files, at) => {
  const agent = files.filter(([n]) => /(?:^|\/)waagent\.log$/.test(n));
  const rest = files.filter(([n]) => !/(?:^|\/)waagent\.log$/.test(n));
  return [...agent.map(([, b]) => ({ pasted: onSerialConsole(b.toString('utf8')) })), ...(rest.length ? rewritten((b) => b)(rest, at) : [])];
};
const SERIAL_SHAPES: ReadonlySet<string> = new Set(Object.keys(SHAPES).filter((s) => s.includes('as the serial console shows it')));

const detected = (fs: readonly Finding[]) => fs.filter((f) => f.verdict === 'detected').map((f) => `${f.cause} (${f.confidence})`);

/**
 * The shapes that put the files into one archive (zip, tar, sosreport, SSH collection). They prove the archive's reader
 * and where each member is placed on the VM: what a member's lines say does not change how it is read out, so they run
 * over SAMPLE, not every case. Half of the file's time went to them (the tar.xz, tar.zst and sos collect shapes run xz,
 * zstd and tar for each case: 89 of 224 s, the zip and tar.gz ones 37 s more). Every other shape changes the lines
 * (encodings, line ends, pastes, names) and runs over every case.
 */
const ARCHIVE_SHAPES: ReadonlySet<string> = new Set([
  'a zip with a top folder',
  'the files and a zip of them',
  'zipped on a Mac (with __MACOSX/._name beside each file)',
  'a collector zip at the VM paths',
  'a sosreport tar.gz',
  'zipped on Windows (backslashes in member names)',
  'the collector zip inside a zip with other files',
  'a sos 3.x sosreport tar.xz',
  'a sos 4.x sosreport tar.xz with the logs rotated (.1.gz beside each)',
  'a sos 4.x sosreport tar.zst',
  "a sos collect tarball holding the node's sosreport",
  'a sos 4.x sosreport with its logs over the size limit (sos_strings/….tailed)',
  'an SSH collection (manifest.json, probes.json, the VM paths)',
  'zipped by Explorer on a Chinese Windows (GBK names, "- 副本" copies)',
]);

/**
 * The archive shapes run over every case with SHAPES_FULL=1, and under `npm run test:unit` (what `npm test` runs)
 * unless SHAPES_FULL=0; a targeted `npx vitest run test/accuracy` runs them over SAMPLE.
 */
const FULL = process.env.SHAPES_FULL === '1' || (process.env.SHAPES_FULL !== '0' && process.env.npm_lifecycle_event === 'test:unit');

/** What a case brings that an archive shape may read differently: its platform with each cause, or as a negative; each file's name (digits aside). */
function coverKeys(dir: string): Set<string> {
  const def = readCase(dir);
  const keys = new Set([...def.expected.map((c) => `${def.platform} ${c}`), ...(def.negative ? [`${def.platform} negative`] : [])]);
  for (const [n] of caseFiles(dir)) keys.add(`${def.platform} file ${n.split('/').pop()!.toLowerCase().replace(/\d+/g, 'N')}`);
  return keys;
}

/**
 * The fixed sample: the fewest cases, taken greedily (the one adding most keys first, ties in id order), that together
 * bring every key of coverKeys over the suite (48 of 198 cases today).
 */
function sampleOf(dirs: readonly string[]): Set<string> {
  const keys = new Map(dirs.map((d) => [d, coverKeys(d)]));
  const covered = new Set<string>();
  const picked = new Set<string>();
  for (;;) {
    let best: string | undefined;
    let gain = 0;
    for (const d of dirs) {
      const g = [...keys.get(d)!].filter((k) => !covered.has(k)).length;
      if (g > gain) [best, gain] = [d, g];
    }
    if (!best) return picked;
    picked.add(best);
    for (const k of keys.get(best)!) covered.add(k);
  }
}
const SAMPLE = sampleOf(listCases());

describe('the archive shapes run over a sample that covers the suite', () => {
  it('names only shapes that exist, and the sample brings every platform, cause, negative and file name', () => {
    expect([...ARCHIVE_SHAPES].filter((s) => !SHAPES[s])).toEqual([]);
    const all = new Set(listCases().flatMap((d) => [...coverKeys(d)]));
    const got = new Set([...SAMPLE].flatMap((d) => [...coverKeys(d)]));
    expect([...all].filter((k) => !got.has(k))).toEqual([]);
    expect(SAMPLE.size).toBeLessThan(listCases().length / 3);
  });
});

describe('every real case gives the same findings whatever shape its files come in', () => {
  for (const dir of listCases()) {
    const def = readCase(dir);
    it(def.id, async () => {
      const opts = def.portalCode ? { portalCode: def.portalCode } : {};
      const plain = (await analyzeBundle([join(dir, 'files')], opts)).result;
      const want = detected(plain.findings);
      const files = filesOf(dir);
      // where the plain run placed each file on the VM: the path a collector or sosreport would give it
      placed.clear();
      for (const f of plain.files) placed.set(f.origin.replace(/^.*?\/files\//, ''), f.vmPath);
      const got: Record<string, string[]> = {};
      // collected ten minutes after the newest record (where no line has a time, at a time of its own)
      collectedAt = new Date((Date.parse(plain.vm.lastRecord ?? '') || Date.UTC(2026, 11, 4, 10)) + 10 * 60_000).toISOString();
      for (const [shape, make] of Object.entries(SHAPES)) {
        if (process.env.SHAPE && !shape.includes(process.env.SHAPE)) continue;
        // (the collector reads a Linux VM over SSH)
        if (shape.startsWith('an SSH collection') && def.platform !== 'linux') continue;
        if (ARCHIVE_SHAPES.has(shape) && !FULL && !SAMPLE.has(dir)) continue;
        if (SERIAL_SHAPES.has(shape) && !files.some(([n, b]) => /(?:^|\/)waagent\.log$/.test(n) && /^\s*\d{4}[-/]\d\d[-/]\d\d[T ]\d\d:\d\d:\d\d/.test(b.toString('latin1', 0, 200)))) continue;
        got[shape] = detected((await analyzeBundle(make(files, join(tmp, def.id, shape)), opts)).result.findings);
      }
      // only the shapes that differ, beside the plain answer: a failure names them
      const differ = Object.fromEntries(Object.entries(got).filter(([, v]) => JSON.stringify(v) !== JSON.stringify(want)));
      expect({ want, differ }).toEqual({ want, differ: {} });
    }, 120_000);
  }
});
