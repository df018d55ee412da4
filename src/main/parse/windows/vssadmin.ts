import type { VssWriterFact } from '../../../shared';
import { evidenceText } from '../../../shared/clip';
import { evidence } from '../state/common';
import { readWindowsText } from './text';
import type { Parser } from '../types';
import { looksLikeVssadmin } from '../../../shared/formats/windows-sniff';
import { msg } from '../../../shared/i18n/analysis';

export { looksLikeVssadmin };

/**
 * `vssadmin list writers` output as an engineer pastes it (docs/formats.md, "VSS"): one block per writer,
 *   Writer name: 'System Writer'
 *      Writer Id: {…}
 *      Writer Instance Id: {…}
 *      State: [1] Stable
 *      Last error: No error
 * Labels are localised (`Nom du rédacteur :`, `État :`), so a block is found by its quoted writer name
 * and the bracketed state number, which is the VSS_WRITER_STATE value: 1 stable, 2–5 waiting (5 is
 * normal right after a backup), 6–15 failed at a phase. A failed writer is what the portal calls
 * ExtensionFailedVssWriterInBadState, so it also becomes a freeze-failed snapshot milestone.
 */
// label, colon, value: the label has no colon, so each part has one way to match
const WRITER = /^[^:']{2,60}:[ \t]*'([^'\n]{1,200})'[ \t]*$/;
const STATE = /^[^:[]{2,60}:[ \t]*\[(\d{1,2})\][ \t]*(.{0,80})$/;
const LAST = /^[^:]{2,60}:[ \t]*(.{0,200})$/;

export const parseVssadmin: Parser = async ({ file, content }, sink) => {
  const read = await readWindowsText(content, sink);
  if (read === null) return;
  const { text } = read;
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const starts = [read.base];
  const nl = read.bytesOf('\n');
  for (const l of text.split('\n')) starts.push(starts[starts.length - 1] + read.bytesOf(l) + nl);
  let count = 0;
  for (let i = 0; i < lines.length && count < 2000; i++) {
    const w = WRITER.exec(lines[i]);
    if (!w) continue;
    // the state is within the next four lines, the last error right after it
    let j = i + 1;
    let st: RegExpExecArray | null = null;
    for (; j < Math.min(lines.length, i + 5); j++) if ((st = STATE.exec(lines[j]))) break;
    if (!st) continue;
    const lastError = j + 1 < lines.length && !WRITER.test(lines[j + 1]) ? (LAST.exec(lines[j + 1])?.[1] ?? '').trim() : '';
    const stateCode = Number(st[1]);
    const failed = stateCode >= 6 && stateCode <= 15;
    const at = evidence(file.vmPath, j + 1, `${lines[i].trim()} ${lines[j].trim()}${lastError ? ` ${lines[j + 1].trim()}` : ''}`);
    const fact: VssWriterFact = { kind: 'vss-writer', at, timeMs: NaN, writer: evidenceText(w[1], 200), stateCode, state: evidenceText(st[2], 80), lastError: evidenceText(lastError, 200), failed };
    sink.fact(fact);
    const endLine = Math.min(j + (lastError ? 2 : 1), lines.length);
    sink.record({ line: i + 1, lineCount: endLine - i, offset: starts[i], length: Math.max(0, Math.min(starts[endLine], read.base + read.bytesOf(text)) - starts[i]), timeMs: NaN, zone: 'none', level: failed ? 'error' : 'info', source: 'vssadmin' });
    if (failed)
      sink.fact({ kind: 'snapshot-milestone', at, timeMs: NaN, milestone: 'freeze-failed', code: /time[d ]?\s*out|timeout/i.test(lastError) ? 122 : 121, detail: evidenceText(`VSS writer '${w[1]}' is in state [${stateCode}] ${st[2].trim()}${lastError ? `, last error: ${lastError}` : ''}`, 300) });
    count++;
    i = j;
  }
  if (!count) sink.warn(msg('parse.no-vss-writer'));
};
