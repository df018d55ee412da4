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

/** `mix`: 'verbose' (a verbose-mode agent's log, the realistic big one) or 'dense' (the stress case: a fact in 85% of records). */
export async function generateWaagentLog(path, bytes, mix = 'verbose') {
  return writeText(path, bytes, mix === 'dense' ? waagentLogGenerator() : verboseWaagentLogGenerator());
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
