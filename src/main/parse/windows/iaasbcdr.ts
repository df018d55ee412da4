import type { Fact, LogLevel, SnapshotMilestone, TimeZoneKnowledge } from '../../../shared';
import { forEachLine } from '../lines';
import { evidenceText } from '../../../shared/clip';
import { evidence } from '../state/common';
import type { Parser } from '../types';
import { vssSignatureOf } from './vss';
import { factDetail, msg as message } from '../../../shared/i18n/analysis';
import { VMSNAP_WINDOWS } from '../../../shared/model/handler';

/**
 * The Windows Backup extension's log, C:\WindowsAzure\Logs\Plugins\Microsoft.Azure.RecoveryServices.VMSnapshot\
 * <version>\IaaSBcdrExtension*.log (docs/formats.md, "VMSnapshot for Windows"): one file per day's
 * attempt, lines `2018-12-04T07:52:28.8611188Z [Error]: Install provider failed {Exception = …}` (the
 * time is UTC; excerpts often drop it), plus result lines without a level (`DoSnapshot=complete. …`).
 * The flow — configuration, VC++ runtime, VSS provider, the VSS sequence `Waiting for
 * GatherWriterMetadata … PrepareForBackup … DoSnapshotSet … BackupComplete`, the snapshot result — becomes
 * snapshot milestones, so the snapshot rules read a Windows task like a Linux one. A log that ends on
 * `Waiting for <VSS phase>` is a VSS hang (Microsoft: "you would see a 'waiting for' for hours").
 */

export const IAASBCDR_SOURCE = 'https://github.com/TheresaLui/SelfHelpContent_v2/blob/master/articles/microsoft.backup-backup-failed-for-vm-tsg/131216-d-tsg-fcc2dcc6-ce6b-4bc8-9b35-7de8923ab8f3.md';
export const IAASBCDR_ERROR_SOURCE = 'https://github.com/TheresaLui/SelfHelpContent_v2/blob/master/articles/microsoft.backup-backup-failed-for-vm-tsg/131216-d-tsg-16c5d754-945d-4777-9baf-eb087fd3b1af.md';

const HEAD = /^(?:(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?Z\s+)?\[(Information|Info|Warning|Error|Verbose|Critical)\]:\s*/;
const VSS_PHASES = /^Waiting for (GatherWriterMetadata|GatherWriterStatusPreBackup|PrepareForBackup|DoSnapshotSet|BackupComplete|GatherWriterStatus\w*)\b/;
/** The first line of each run of the extension. */
const RUN_START = /^Loading configuration\b/;

function levelOf(w: string): LogLevel {
  if (w === 'Error' || w === 'Critical') return 'error';
  if (w === 'Warning') return 'warning';
  if (w === 'Verbose') return 'verbose';
  if (w === '') return 'unknown';
  return 'info';
}

export const parseIaaSBcdrLog: Parser = async ({ file, content, signal }, sink) => {
  const version = /Microsoft\.Azure\.RecoveryServices\.VMSnapshot\/(\d+(?:\.\d+)+)\//i.exec(file.vmPath)?.[1];
  let lastTime = NaN;
  let lastZone: TimeZoneKnowledge = 'none';
  let lastWait: { line: number; text: string; timeMs: number; zone: TimeZoneKnowledge; phase: string } | null = null;
  let facts = 0;
  const milestone = (line: number, text: string, timeMs: number, zone: TimeZoneKnowledge, m: SnapshotMilestone, extra: Partial<Extract<Fact, { kind: 'snapshot-milestone' }>> = {}) => {
    if (facts++ > 20000) return;
    sink.fact({ kind: 'snapshot-milestone', at: evidence(file.vmPath, line, text, timeMs, zone), timeMs, milestone: m, process: 'enable', ...(version ? { extensionVersion: version } : {}), ...extra, ...(extra.detail ? { detail: evidenceText(extra.detail, 300) } : {}) });
  };
  let first = true;
  await forEachLine(
    content,
    (buf, start, end, lineNo, offset, byteLength) => {
      const text = buf.toString('utf8', start, Math.min(end, start + 4000));
      const trimmed = text.trim();
      if (!trimmed) return;
      const h = HEAD.exec(trimmed);
      let timeMs = NaN;
      let zone: TimeZoneKnowledge = 'none';
      if (h?.[1]) {
        timeMs = Date.UTC(+h[1], +h[2] - 1, +h[3], +h[4], +h[5], +h[6], h[7] ? Math.floor(Number(`0.${h[7]}`) * 1000) : 0);
        zone = 'utc';
        lastTime = timeMs;
        lastZone = zone;
      }
      const level = h ? levelOf(h[8]) : 'unknown';
      const msg = h ? trimmed.slice(h[0].length) : trimmed;
      // a run starts by loading its configuration: the run before it (a day earlier, when one file holds both)
      // lends it no time
      if (RUN_START.test(msg) && !Number.isFinite(timeMs)) {
        lastTime = NaN;
        lastZone = 'none';
      }
      // a line without a time belongs to the moment of the last timed line of its run (excerpts keep few times)
      const t = Number.isFinite(timeMs) ? timeMs : lastTime;
      const z = Number.isFinite(timeMs) ? zone : lastZone;
      sink.record({ line: lineNo, lineCount: 1, offset, length: byteLength, timeMs: t, zone: Number.isFinite(t) ? z : 'none', level, source: 'IaaSBcdrExtension' });
      if (first && version) milestone(lineNo, text, t, z, 'extension-version');
      first = false;
      lastWait = null;

      if (RUN_START.test(msg)) {
        // one process does the enable and the snapshot on Windows (no separate snapshot daemon as on Linux):
        // its start is both, so a task is never read as "the daemon never started"
        milestone(lineNo, text, t, z, 'enable-start');
        milestone(lineNo, text, t, z, 'daemon-start', { process: 'daemon' });
      }
      const wait = VSS_PHASES.exec(msg);
      if (wait) {
        if (wait[1] === 'PrepareForBackup') milestone(lineNo, text, t, z, 'freeze-start', { detail: 'VSS PrepareForBackup' });
        lastWait = { line: lineNo, text, timeMs: t, zone: z, phase: wait[1] };
      }
      const set = /^DoSnapshotSet \{TimeTaken = (\d+)/.exec(msg);
      if (set) milestone(lineNo, text, t, z, 'frozen', factDetail(message('milestone.vss-snapshot-set')));
      const host = /^DoSnapshotHost=(\w+)\. startTime:(\S+?), completionTime:(\S+?),/.exec(msg);
      if (host) {
        const a = Date.parse(host[2]);
        const b = Date.parse(host[3]);
        milestone(lineNo, text, Number.isFinite(b) ? b : t, Number.isFinite(b) ? 'utc' : z, 'snapshot-end', { path: 'host', ...(Number.isFinite(a) && Number.isFinite(b) ? { durationMs: b - a } : {}), ...factDetail(message('milestone.host-snapshot', { result: host[1] })) });
      }
      const done = /^DoSnapshot=(\w+)\. .*?AnySnapshotFailed:(True|False), AllSnapshotFailed:(True|False)(?:, ReturnValue:(True|False))?/i.exec(msg);
      if (done) {
        const failed = done[2].toLowerCase() === 'true' || done[3].toLowerCase() === 'true' || done[4]?.toLowerCase() === 'false';
        if (failed) milestone(lineNo, text, t, z, 'snapshot-failed', { detail: msg.slice(0, 300) });
        else milestone(lineNo, text, t, z, 'final-status', { status: 'success', code: 1, ...factDetail(message('milestone.dosnapshot-complete')) });
      }
      if (level === 'error') {
        const vss = vssSignatureOf(msg);
        if (vss) milestone(lineNo, text, t, z, 'freeze-failed', { code: vss.code, ...factDetail(message('milestone.vss-failed', { id: vss.id, what: vss.what })) });
        else if (/^Install provider failed\b/.test(msg)) {
          // the VSS provider could not be installed (COM+ / VC++ runtime): the extension itself is broken
          milestone(lineNo, text, t, z, 'exception', { detail: msg.slice(0, 300) });
          sink.fact({ kind: 'extension-operation', at: evidence(file.vmPath, lineNo, text, t, z), timeMs: t, handler: VMSNAP_WINDOWS, ...(version ? { version } : {}), op: 'enable', outcome: 'failed', ...factDetail(message('detail.vss-provider-failed', { message: evidenceText(msg, 260) }), (en) => evidenceText(en, 300)) });
        } else milestone(lineNo, text, t, z, 'exception', { detail: msg.slice(0, 300) });
      }
    },
    signal,
  );
  // ends waiting on VSS: the VSS call never returned (the "waiting for hours" hang)
  const w = lastWait as { line: number; text: string; timeMs: number; zone: TimeZoneKnowledge; phase: string } | null;
  if (w) milestone(w.line, w.text, w.timeMs, w.zone, 'freeze-signals', factDetail(message('milestone.vss-waiting', { phase: w.phase })));
};
