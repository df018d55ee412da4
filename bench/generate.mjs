// Synthetic, realistic inputs for `npm run bench` (never committed): written under bench/out/.
// The shapes follow research/waagent.md §1–2 and vmsnapshot.md §1–2: mixed agent eras, multi-line
// records (tracebacks, Event messages), heartbeats, goal states, and full snapshot tasks.
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Zip, ZipDeflate } from 'fflate';

const pad = (n, w = 2) => String(n).padStart(w, '0');
const iso = (ms) => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, (_, m) => `.${m}${pad(Math.floor(Math.random() * 1000), 3)}Z`);
const slashed = (ms) => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}123`;
};
const spaced = (ms) => iso(ms).replace('T', ' ').replace('Z', '');

/** Writes `bytes` of text produced by `next()` chunks through a buffered stream. */
async function writeText(path, bytes, next) {
  mkdirSync(dirname(path), { recursive: true });
  const out = createWriteStream(path);
  let written = 0;
  let buf = [];
  let bufLen = 0;
  while (written < bytes) {
    const s = next();
    if (s === null) break;
    buf.push(s);
    bufLen += s.length;
    written += s.length;
    if (bufLen > 1 << 20) {
      if (!out.write(buf.join(''))) await new Promise((r) => out.once('drain', r));
      buf = [];
      bufLen = 0;
    }
  }
  out.write(buf.join(''));
  await new Promise((r) => out.end(r));
  return written;
}

/**
 * A fact-dense waagent.log (the stress case): the 2.2.45 daemon era (local time) mixed with the 2.9 ExtHandler
 * era (UTC, threads), a catalogue message in about 85% of records, a record every ~0.7 s.
 */
export function waagentLogGenerator(startMs = Date.UTC(2026, 0, 1)) {
  let t = startMs;
  let n = 0;
  const ext = 'Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9225.0';
  return () => {
    t += 700 + (n % 13) * 37;
    n++;
    const k = n % 40;
    if (k === 0) return `${slashed(t + 3600e3)} INFO Daemon Azure Linux Agent Version:2.2.45\n${slashed(t + 3600e3)} INFO Daemon OS: ubuntu 18.04\n`;
    if (k === 1) return `${slashed(t + 3600e3)} INFO Daemon Agent WALinuxAgent-2.9.1.1 launched with command 'python3 -u bin/WALinuxAgent-2.9.1.1-py3.8.egg -run-exthandlers' is successfully running\n`;
    if (k < 12) return `${iso(t)} INFO ExtHandler ExtHandler [HEARTBEAT] Agent WALinuxAgent-2.9.1.1 is running as the goal state agent [DEBUG HeartbeatCounter: ${n};HeartbeatId: 6F0F1C2A-3B4D-4E5F-8A9B-0C1D2E3F4A5B;DroppedPackets: 0;UpdateGSErrors: 0;AutoUpdate: 1]\n`;
    if (k < 18) return `${iso(t)} INFO ExtHandler ExtHandler Fetched a new incarnation for the WireServer goal state [incarnation ${n}]\n${iso(t)} INFO ExtHandler ExtHandler ProcessExtensionsGoalState started [incarnation_${n} channel: WireServer source: Fabric activity: 1f2e3d4c-5b6a-4798-8a9b-0c1d2e3f4a5b correlation 9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d created: 2026-01-01T00:00:00.000000Z]\n`;
    if (k < 24) return `${iso(t)} INFO ExtHandler [${ext}] Target handler state: enabled [incarnation_${n}]\n${iso(t)} INFO ExtHandler [${ext}] [Enable] current handler state is: enabled\n${iso(t)} INFO ExtHandler [${ext}] Executing command: /var/lib/waagent/${ext}/main/handle.sh enable with environment variables: {"AZURE_GUEST_AGENT_UNINSTALL_CMD_EXIT_CODE": "NOT_RUN", "AZURE_GUEST_AGENT_EXTENSION_PATH": "/var/lib/waagent/${ext}", "AZURE_GUEST_AGENT_EXTENSION_VERSION": "1.0.9225.0", "ConfigSequenceNumber": "${n}"}\n`;
    if (k < 28) return `${iso(t)} ERROR ExtHandler ExtHandler Error fetching the goal state: [ProtocolError] [Wireserver Exception] [HttpError] [HTTP Failed] GET http://168.63.129.16/machine/ -- IOError timed out -- 6 attempts made\nTraceback (most recent call last):\n  File "bin/WALinuxAgent-2.9.1.1-py3.8.egg/azurelinuxagent/ga/update.py", line 460, in _try_update_goal_state\n    self._goal_state.update(silent=self._update_goal_state_error_count >= max_errors_to_log)\n  File "bin/WALinuxAgent-2.9.1.1-py3.8.egg/azurelinuxagent/common/protocol/goal_state.py", line 178, in update\nazurelinuxagent.common.exception.ProtocolError: [ProtocolError] timed out\n`;
    if (k < 30) return `${iso(t)} ERROR ExtHandler ExtHandler Event: name=${ext.replace(/-[\d.]+$/, '')}, op=Enable, message=[ExtensionOperationError] Non-zero exit code: 1, /var/lib/waagent/${ext}/main/handle.sh enable\n[stdout]\n2026-01-01 00:00:00 handle.sh enable\n\n[stderr]\nTraceback (most recent call last):\n  File "main/handle.py", line 12\nSyntaxError: invalid syntax\n, duration=0\n`;
    if (k < 34) return `${iso(t)} INFO MonitorHandler ExtHandler Stopped tracking cgroup ${ext} [/sys/fs/cgroup/cpu,cpuacct/azure.slice/azure-vmextensions.slice/azure-vmextensions-${n}.slice]\n`;
    if (k < 36) return `${iso(t)} WARNING MonitorHandler ExtHandler Error in SendHostPluginHeartbeat: [HttpError] [HTTP Failed] GET http://168.63.129.16:32526/health -- IOError timed out -- 1 attempts made --- [NOTE: Will not log the same error for the next hour]\n`;
    if (k < 38) return `${iso(t)} INFO EnvHandler ExtHandler Dhcp client is not running.\n`;
    return `2026/01/01 00:00:00 [Microsoft.Azure.Monitor.AzureMonitorLinuxAgent-1.7.0] cwd is /var/lib/waagent/Microsoft.Azure.Monitor.AzureMonitorLinuxAgent-1.7.0\n`;
  };
}

/**
 * A big waagent.log as support engineers receive them: an agent with `Logs.Verbose=y` (the setting the
 * Backup troubleshooting docs ask for, research/waagent.md §4), whose 6-second goal-state poll
 * (`Extensions.GoalStatePeriod`) and monitor thread write VERBOSE lines all day, with the INFO/ERROR
 * records the diagnosis reads at the agent's own rates: a heartbeat every 30 minutes, an hourly backup
 * (new incarnation, goal state processed, VMSnapshot enable with its command output), throttled HTTP
 * errors, a daemon-era (2.2.45, local time) head. The VERBOSE lines follow restutil's and the poll loop's
 * shape; they are noise to the diagnosis, as in a real verbose log. Fact density ≈ 1 in 60 records.
 */
export function verboseWaagentLogGenerator(startMs = Date.UTC(2026, 0, 1)) {
  let t = startMs;
  let cycle = 0;
  let heartbeat = 0;
  const ext = 'Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9225.0';
  const hdrs = "[{'x-ms-agent-name': 'WALinuxAgent', 'x-ms-version': '2012-11-30', 'User-Agent': 'WALinuxAgent/2.9.1.1'}]";
  return () => {
    t += 6000 + (cycle % 7) * 3;
    cycle++;
    const at = iso(t);
    // the first 5% of the log is the 2.2.45 daemon era (slashed local time, UTC+1), no verbose poll
    if (cycle % 20 === 0 && cycle < 40000) return `${slashed(t + 3600e3)} INFO Daemon Azure Linux Agent Version:2.2.45\n${slashed(t + 3600e3)} INFO Daemon OS: ubuntu 18.04\n${slashed(t + 3600e3)} INFO Daemon Python: 3.6.9\n`;
    let s =
      `${at} VERBOSE ExtHandler ExtHandler HTTP connection [GET] [/machine/?comp=goalstate] [None] ${hdrs}\n` +
      `${at} VERBOSE ExtHandler ExtHandler [HTTP Response] Status Code 200\n` +
      `${at} VERBOSE ExtHandler ExtHandler Goal state incarnation_${Math.floor(cycle / 600)} is unchanged, skipping processing\n` +
      `${at} VERBOSE ExtHandler ExtHandler Reporting status of VM agent and extensions: [{"name": "${ext.replace(/-[\d.]+$/, '')}", "status": "success"}]\n`;
    if (cycle % 5 === 0) s += `${at} VERBOSE MonitorHandler ExtHandler HTTP connection [POST] [/machine/?comp=telemetrydata] [<TelemetryData version="1.0"><Provider id="69B669B9-4AF8-4C50-BDC4-6006FA76E975"><Event id="7"><![CDATA[<Param Name="Name" Value="WALinuxAgent" T="mt:wstr" />]]></Event></Provider></TelemetryData>] ${hdrs}\n`;
    if (cycle % 10 === 0) s += `${at} VERBOSE MonitorHandler ExtHandler Collected metrics: cpu 0.${cycle % 97}% memory ${31 + (cycle % 11)} MB, extensions slice ${cycle % 5} processes\n`;
    if (cycle % 300 === 0) s += `${at} INFO ExtHandler ExtHandler [HEARTBEAT] Agent WALinuxAgent-2.9.1.1 is running as the goal state agent [DEBUG HeartbeatCounter: ${heartbeat++};HeartbeatId: 6F0F1C2A-3B4D-4E5F-8A9B-0C1D2E3F4A5B;DroppedPackets: 0;UpdateGSErrors: 0;AutoUpdate: 1]\n`;
    if (cycle % 600 === 1) {
      const inc = Math.floor(cycle / 600) + 1;
      s +=
        `${at} INFO ExtHandler ExtHandler Fetched a new incarnation for the WireServer goal state [incarnation ${inc}]\n` +
        `${at} INFO ExtHandler ExtHandler ProcessExtensionsGoalState started [incarnation_${inc} channel: WireServer source: Fabric activity: 1f2e3d4c-5b6a-4798-8a9b-0c1d2e3f4a5b correlation 9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d created: 2026-01-01T00:00:00.000000Z]\n` +
        `${at} INFO ExtHandler [${ext}] Target handler state: enabled [incarnation_${inc}]\n` +
        `${at} INFO ExtHandler [${ext}] [Enable] current handler state is: enabled\n` +
        `${at} INFO ExtHandler [${ext}] Executing command: /var/lib/waagent/${ext}/main/handle.sh enable with environment variables: {"AZURE_GUEST_AGENT_UNINSTALL_CMD_EXIT_CODE": "NOT_RUN", "AZURE_GUEST_AGENT_EXTENSION_PATH": "/var/lib/waagent/${ext}", "AZURE_GUEST_AGENT_EXTENSION_VERSION": "1.0.9225.0", "ConfigSequenceNumber": "${inc}"}\n` +
        `${at} INFO ExtHandler [${ext}] Command: main/handle.sh enable\n[stdout]\n` +
        Array.from({ length: 12 }, (_, i) => `${spaced(t + i * 150)} [Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0] step ${i} of enable\n`).join('') +
        `\n[stderr]\n\n` +
        `${at} INFO ExtHandler ExtHandler ProcessExtensionsGoalState completed [incarnation_${inc} ${900 + (cycle % 50)} ms]\n`;
    }
    if (cycle % 3600 === 7)
      s += `${at} ERROR ExtHandler ExtHandler Error fetching the goal state: [ProtocolError] [Wireserver Exception] [HttpError] [HTTP Failed] GET http://168.63.129.16/machine/ -- IOError timed out -- 6 attempts made\nTraceback (most recent call last):\n  File "bin/WALinuxAgent-2.9.1.1-py3.8.egg/azurelinuxagent/ga/update.py", line 460, in _try_update_goal_state\nazurelinuxagent.common.exception.ProtocolError: [ProtocolError] timed out\n`;
    if (cycle % 7200 === 11)
      s += `${at} WARNING MonitorHandler ExtHandler Error in SendHostPluginHeartbeat: [HttpError] [HTTP Failed] GET http://168.63.129.16:32526/health -- IOError timed out -- 1 attempts made --- [NOTE: Will not log the same error for the next hour]\n`;
    if (cycle % 300 === 150) s += `${at} INFO MonitorHandler ExtHandler Stopped tracking cgroup ${ext} [/sys/fs/cgroup/cpu,cpuacct/azure.slice/azure-vmextensions.slice/azure-vmextensions-${cycle}.slice]\n`;
    return s;
  };
}

/**
 * Picks templates by weight from a fixed pseudo-random sequence (the same file every run).
 * `templates`: [weight, (ctx) => text of one record without its timestamp, or with `\n`-joined continuation lines].
 */
function weighted(templates) {
  const total = templates.reduce((s, [w]) => s + w, 0);
  let seed = 0x2545f491;
  return () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    let r = ((seed >>> 8) / 2 ** 24) * total;
    for (const [w, f] of templates) if ((r -= w) < 0) return f;
    return templates[templates.length - 1][1];
  };
}

// Real record shapes for the two mixes below. Every message is copied from a log line already in the repository
// (only the timestamp, counters, incarnations and the handler named are varied):
//  C = test/fixtures/corpus/waagent/extracted/waagent_log_record_samples.log (records the agent's developers quoted),
//  K = a sample line of the waagent catalogue (src/main/parse/waagent/catalogue.ts),
//  P = test/cases/neg-waagent-pr1794-normal-goal-state-processing (the maintainer's normal goal state),
//  L = test/cases/neg-learn-linux-agent-service-running (journal of a healthy agent).
const HANDLERS = [
  ['Microsoft.Azure.RecoveryServices.VMSnapshotLinux', '1.0.9225.0'],
  ['Microsoft.Azure.Monitor.AzureMonitorLinuxAgent', '1.25.2'],
  ['Microsoft.CPlat.Core.RunCommandLinux', '1.0.1'],
  ['Microsoft.Azure.Security.Monitoring.AzureSecurityLinuxAgent', '2.14.64'],
];
const GUID = (n) => `${((0x1f2e3d4c ^ n) >>> 0).toString(16).padStart(8, '0')}-5b6a-4798-8a9b-0c1d2e3f4a5b`;
const REC = {
  heartbeat: (c) => `INFO ExtHandler ExtHandler [HEARTBEAT] Agent WALinuxAgent-2.13.1.1 is running as the goal state agent [DEBUG HeartbeatCounter: ${c.heartbeat++};HeartbeatId: 6F0F;UpdateGSErrors: 0;AutoUpdate: 1;UpdateMode: SelfUpdate;]`, // K
  fetched: (c) => `INFO ExtHandler ExtHandler Fetched a new incarnation for the WireServer goal state [incarnation ${++c.inc}]`, // K
  gsStarted: (c) => `INFO ExtHandler ExtHandler ProcessExtensionsGoalState started [incarnation_${c.inc} channel: WireServer source: Fabric activity: ${GUID(c.inc)} correlation ${GUID(c.inc * 7919)} created: 2026-11-19T22:00:10.000000Z]`, // K
  gsCompleted: (c) => `INFO ExtHandler ExtHandler ProcessExtensionsGoalState completed [incarnation_${c.inc} ${1320 + (c.n % 50) * 41} ms]`, // K
  target: (c) => `INFO ExtHandler [${c.h[0]}-${c.h[1]}] Target handler state: enabled [incarnation_${c.inc}]`, // C
  handlerState: (c) => `INFO ExtHandler [${c.h[0]}-${c.h[1]}] [Enable] current handler state is: enabled`, // P
  cgroupTrack: (c) => `INFO ExtHandler ExtHandler Started tracking cgroup: ${c.h[0]}-${c.h[1]}, path: /sys/fs/cgroup/cpu,cpuacct/system.slice/${c.h[0]}_${c.h[1]}`, // L
  cpuTrack: (c) => `INFO ExtHandler ExtHandler Started cpu tracking cgroup ${c.h[0]}-${c.h[1]}`, // C
  cgwDisabled: () => 'INFO MonitorHandler ExtHandler [CGW] Disabling resource usage monitoring. Reason: Check on cgroups failed:', // C
  cgwQuota: (c) => `INFO ExtHandler ExtHandler [CGW] Error parsing current CPUQuotaPerSecUSec: 'systemctl show azure-vmextensions-${c.h[0]}.slice --property CPUQuotaPerSecUSec' failed: 1 (Failed to get properties: Connection reset by peer)`, // C
  cgwMemory: () => "INFO ExtHandler ExtHandler [CGW] The agent's process is not within a memory cgroup", // C
  daemonReload: () => 'INFO MonitorHandler ExtHandler Executing systemctl daemon-reload...', // C
  updates: () => 'INFO ExtHandler ExtHandler Checking for agent updates (family: Prod)', // P
  channel: () => 'INFO ExtHandler ExtHandler Default channel changed to HostGAPlugin channel.', // C
  hostPluginHb: () => 'WARNING MonitorHandler ExtHandler Error in SendHostPluginHeartbeat: [HttpError] [HTTP Failed] GET http://168.63.129.16:32526/health -- IOError timed out -- 1 attempts made --- [NOTE: Will not log the same error for the next hour]', // C
  hostPluginGone: () => 'WARNING MonitorHandler ExtHandler Error in SendHostPluginHeartbeat: [ResourceGoneError] [HTTP Failed] [410: Gone]', // C
  wireTimeout: () => 'ERROR ExtHandler ExtHandler Error fetching the goal state: [ProtocolError] [Wireserver Exception] [HttpError] [HTTP Failed] GET http://168.63.129.16/machine/ -- IOError timed out -- 6 attempts made', // C
  vmSettings502: (c) => `ERROR ExtHandler ExtHandler Error fetching the goal state: [ProtocolError] GET vmSettings [correlation ID: ${GUID(c.n)} eTag: 7031887032544600793]: [Internal error in HostGAPlugin] [HTTP Failed] [502: Bad Gateway] b'{  "errorCode": "VMArtifactsProfileBlobContentNotFound",  "message": "VM artifacts profile blob has no content in it.",  "details": ""}'`, // C
  unreachable: (c) => `ERROR ExtHandler ExtHandler Error fetching the goal state: [ProtocolError] GET vmSettings [correlation ID: ${GUID(c.n)} eTag: 941323814975149980]: Request failed: [Errno 101] Network is unreachable`, // C
  artifact: () => "WARNING ExtHandler ExtHandler Fetch failed: [ProtocolError] Fetch failed from [http://168.63.129.16:32526/extensionArtifact]: [HTTP Failed] [400: Bad Request] b''", // C
  artifactRetry: () => 'WARNING ExtHandler ExtHandler Fetch failed: [HttpError] [HTTP Retry] GET http://168.63.129.16:32526/extensionArtifact -- Status Code 502 -- 1 attempts made', // C
  opError: (c) => `ERROR ExtHandler ExtHandler Event: name=${c.h[0]}, op=Install, message=[ExtensionOperationError] Non-zero exit code: 51, /var/lib/waagent/${c.h[0]}-${c.h[1]}/bin/shim.sh install`, // C
  decrypt: () => 'ERROR Daemon Daemon Failed to decrypt /var/lib/waagent/Certificates.p7m (return code: 1)', // C, K
  noStatus: (c) => `WARNING ExtHandler ExtHandler [PERIODIC] This status is being reported by the Guest Agent since no status file was reported by extension ${c.h[0]}: [ExtensionStatusError] Status file /var/lib/waagent/${c.h[0]}-${c.h[1]}/status/6.status does not exist`, // C, K
  firewall: () => "WARNING EnvHandler ExtHandler The firewall is not configured correctly. The following rules are missing: ['ACCEPT DNS']. Will reset it.", // C
  metrics: () => 'WARNING MonitorHandler ExtHandler [PERIODIC] Could not collect metrics for cgroup azuremonitor-coreagent. Error : [CGroupsException] Failed to read cpu.stat: Cannot find throttled_usec', // C
};

/** A record generator over weighted templates: a record every `stepMs` (± a little), UTC agent-era timestamps. */
function mixGenerator(templates, stepMs, startMs) {
  const pick = weighted(templates);
  const c = { n: 0, inc: 1, heartbeat: 0, h: HANDLERS[0] };
  let t = startMs;
  return () => {
    let s = '';
    // 64 records per call (fewer calls into the writer)
    for (let k = 0; k < 64; k++) {
      t += stepMs + (c.n % 7) * 3;
      c.n++;
      c.h = HANDLERS[c.n % HANDLERS.length];
      s += `${iso(t)} ${pick()(c)}\n`;
    }
    return s;
  };
}

/**
 * A long-lived agent with a healthy-ish VM (INFO-heavy, recognised): most INFO lines are messages the agent
 * writes over and over and the parser recognises (heartbeats, goal states, handler state, cgroup/monitoring
 * notices); about 3 % warnings and errors (throttled HTTP failures, a failed install). A record every ~2 s.
 */
export function infoHeavyWaagentLogGenerator(startMs = Date.UTC(2026, 0, 1)) {
  return mixGenerator(
    [
      [12, REC.heartbeat], [8, REC.fetched], [8, REC.gsStarted], [8, REC.gsCompleted], [12, REC.target], [12, REC.handlerState],
      [9, REC.cgroupTrack], [7, REC.cpuTrack], [4, REC.cgwDisabled], [4, REC.cgwQuota], [4, REC.cgwMemory], [3, REC.daemonReload],
      [3, REC.updates], [3, REC.channel],
      // 3 %
      [1, REC.hostPluginHb], [1, REC.wireTimeout], [0.5, REC.artifactRetry], [0.5, REC.opError],
    ],
    2000,
    startMs,
  );
}

/**
 * A badly broken agent: about 70 % warnings and errors (goal-state fetch failures, host plugin heartbeat
 * failures, failed installs, certificates it cannot decrypt, missing status files), nearly every record a fact;
 * the rest heartbeats, goal states and handler state. A record every ~2 s.
 */
export function brokenAgentWaagentLogGenerator(startMs = Date.UTC(2026, 0, 1)) {
  return mixGenerator(
    [
      [6, REC.heartbeat], [6, REC.fetched], [6, REC.gsStarted], [6, REC.gsCompleted], [6, REC.target],
      // 70 %
      [10, REC.wireTimeout], [8, REC.vmSettings502], [6, REC.unreachable], [10, REC.hostPluginHb], [4, REC.hostPluginGone],
      [8, REC.artifact], [4, REC.artifactRetry], [8, REC.opError], [6, REC.decrypt], [6, REC.noStatus], [2, REC.firewall], [2, REC.metrics],
    ],
    2000,
    startMs,
  );
}

/** An extension.log with full snapshot tasks (enable + daemon + flushed freeze block + binary traces). */
export function extensionLogGenerator(startMs = Date.UTC(2026, 0, 1, 22)) {
  let task = 0;
  const P = '[Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0]';
  return () => {
    const t0 = startMs + task * 3600e3;
    const id = `${pad(task, 8)}-5b1f-4e62-9a07-3f1c8d2e6b41`;
    const fail = task % 7 === 6;
    task++;
    const L = [];
    let t = t0;
    const a = (m) => L.push(`${spaced((t += 150))} ${P}${m}`);
    a('Change log file to /var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log');
    a(`cwd is /var/lib/waagent/Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9225.0`);
    a('starting enable');
    a(`current seq no is ${task}`);
    a(`taskId: ${id}`);
    a('Sleeping for milliseconds: 2345');
    a('Enable,success,4,Transitioning state in extension,False');
    a('starting daemon initially');
    a(`command start time is ${new Date(t0).toISOString().replace('T', ' ').slice(0, 19)} and utcNow is ${new Date(t0 + 60e3).toISOString().replace('T', ' ').slice(0, 19)}`);
    a(`Date and time extracted from pre-snapshot request: ${new Date(t0 + 61e3).toISOString().replace('T', ' ').slice(0, 19)}`);
    a('Triggering File System Consistent Backup because of error code StatusCode.FailedPrepostPluginConfigNotFound,');
    a('T:S freeze, timeout value 60');
    a('proceeded for accepting signals');
    if (fail) {
      a('freeze timed-out');
      a('T:S ###### Enable failed with error: freeze took longer than timeout StatusCode.FailedRetryableFsFreezeTimeout,');
      a('Enable,success,122,Enable failed with error: freeze took longer than timeout,False');
    } else {
      L.push(`${spaced((t += 9000))} ${P}================== Logs during Freeze Start ==============`);
      for (const m of ['****** 1. Starting Freeze Binary ', '****** 4. Freeze Completed', '****** 5. Snaphotting (Host) Started', '****** 6. Snaphotting (Host) Completed', '****** 7. Sending Thaw Signal to Binary'])
        L.push(`${slashed((t -= 1500))}  Info  ${m} `);
      L.push('================== Logs during Freeze End ==============');
      L.push(`${spaced((t += 9000))} ${P}============== Binary output traces start ================= `);
      for (const m of ['****** 2. Freezing: /', 'sleep for 1 second ', 'sleep for 1 second ', '****** 8. Binary Thaw Signal Received ', 'Thawing: /'])
        L.push(`${new Date(t + 3600e3).toISOString().replace('T', ' ').slice(0, 19)} ${m}`);
      L.push(`${spaced((t += 100))} ${P}============== Binary output traces end ================= `);
      a('T:S thaw result ');
      a('Enable,success,1,Enable Succeeded,False');
    }
    a('blob status report message: {"status": "success"}');
    return `${L.join('\n')}\n`;
  };
}

/** The waagent.log mixes the bench measures, by name. */
export const WAAGENT_MIXES = {
  /** a verbose-mode agent's log (`Logs.Verbose=y`): mostly VERBOSE poll lines, few facts */
  verbose: verboseWaagentLogGenerator,
  /** a long-lived agent, INFO lines mostly recognised messages, 3 % warnings/errors */
  info: infoHeavyWaagentLogGenerator,
  /** a badly broken agent: ~70 % warnings/errors, about a fact per record */
  broken: brokenAgentWaagentLogGenerator,
  /** the stress case: a catalogue message in 85 % of records, one every 0.7 s */
  dense: waagentLogGenerator,
};

export async function generateWaagentLog(path, bytes, mix = 'verbose') {
  return writeText(path, bytes, WAAGENT_MIXES[mix]());
}

export async function generateExtensionLog(path, tasks) {
  mkdirSync(dirname(path), { recursive: true });
  const gen = extensionLogGenerator();
  let n = 0;
  return writeText(path, Number.MAX_SAFE_INTEGER, () => (n++ < tasks ? gen() : null));
}

/** A /var/log/azure tree with `count` files over many handlers. */
export function generateAzureTree(root, count) {
  for (let i = 0; i < count; i++) {
    const handler = `Microsoft.Test.Handler${Math.floor(i / 10)}`;
    const path = join(root, 'var/log/azure', handler, i % 10 === 0 ? 'CommandExecution.log' : `extension-${i % 10}.log`);
    mkdirSync(dirname(path), { recursive: true });
    const gen = waagentLogGenerator(Date.UTC(2026, 0, 1) + i * 1000);
    let s = '';
    for (let k = 0; k < 10; k++) s += gen();
    writeFileSync(path, s);
  }
}

/** A collector-layout logs.zip of about `bytes` uncompressed (a verbose agent's waagent.log + its rotation + the snapshot extension's log). */
export async function generateLogsZip(path, bytes) {
  mkdirSync(dirname(path), { recursive: true });
  const out = createWriteStream(path);
  const zip = new Zip((err, chunk, final) => {
    if (err) throw err;
    out.write(chunk);
    if (final) out.end();
  });
  const addText = (name, size, gen) => {
    const f = new ZipDeflate(name, { level: 1 });
    zip.add(f);
    let written = 0;
    while (written < size) {
      let s = '';
      while (s.length < 1 << 20 && written + s.length < size) s += gen();
      written += s.length;
      f.push(Buffer.from(s), written >= size);
      if (!s.length) {
        f.push(new Uint8Array(0), true);
        break;
      }
    }
  };
  addText('var/log/waagent.log', Math.floor(bytes * 0.6), verboseWaagentLogGenerator());
  addText('var/log/waagent.log.1', Math.floor(bytes * 0.2), verboseWaagentLogGenerator(Date.UTC(2025, 11, 1)));
  const ext = extensionLogGenerator();
  addText('var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log', Math.floor(bytes * 0.2), ext);
  zip.end();
  await new Promise((r) => out.on('close', r));
}
