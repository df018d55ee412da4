/**
 * A loose file has only its name: guess where it lived on the VM from the name plus a cheap look at its
 * first bytes, so the right parser reads it. A guess is always reported (`warning`) unless the name alone
 * is unambiguous.
 */

const VMSNAP = 'Microsoft.Azure.RecoveryServices.VMSnapshotLinux';
const LIB = 'var/lib/waagent';

export interface LooseGuess {
  vmPath: string;
  warning?: string;
}

/** `[Microsoft.Azure.Foo-1.0]` / `[Microsoft.Azure.Foo-1.2.3]` prefixes name the extension that wrote a log. */
function handlerIn(head: string): string | undefined {
  const m = /\[((?:Microsoft|Azure)[\w.]+?)-\d[\d.]*\]/.exec(head);
  return m?.[1];
}

/** Looks at the file's first few KiB (as Latin-1: never throws on bad UTF-8). */
export function guessVmPath(fileName: string, headBytes: Buffer): LooseGuess {
  const name = fileName.replace(/\.gz$/, '');
  const gz = fileName.endsWith('.gz') ? '.gz' : '';
  const head = headBytes.toString('latin1');
  const full = `${name}${gz}`;
  const guessed = (vmPath: string, why: string): LooseGuess => ({ vmPath, warning: `${fileName}: loose file, placed at /${vmPath} (${why})` });

  if (/^waagent\.log([.-].*)?$/.test(name)) return { vmPath: `var/log/${full}` };
  if (name === 'waagent.conf') return { vmPath: 'etc/waagent.conf' };
  if (/^(syslog|messages|dmesg)([.-].*)?$/.test(name)) return { vmPath: `var/log/${full}` };
  if (name === 'os-release' || /-release$/.test(name)) return { vmPath: `etc/${name}` };
  if (name === 'hostname' || name === 'HOSTNAME') return { vmPath: `etc/${name}` };
  if (name === 'vmbackup.conf' || name === 'workload.conf' || name === 'VMSnapshotScriptPluginConfig.json') return { vmPath: `etc/azure/${name}` };
  if (name === 'results.txt') return { vmPath: 'results.txt' };
  if (/^WaAppAgent\.log$/i.test(name)) return { vmPath: `WindowsAzure/Logs/${name}` };
  if (/^(GoalState|ExtensionsConfig)(\.\d+)?\.xml$|^(HostingEnvironmentConfig|SharedConfig|Certificates|ovf-env)\.xml$/.test(name)) return { vmPath: `${LIB}/${name}` };
  if (/^(VmSettings|waagent_status)(\.\d+)?\.json$/i.test(name) || name === 'Incarnation' || name === 'error.json') return { vmPath: `${LIB}/${name}` };

  const ext = handlerIn(head);
  if (/^extension\.log([.-].*)?$/.test(name) || name === 'shell.log') {
    if (name === 'shell.log' && !ext) return guessed(`var/log/azure/${VMSNAP}/${full}`, 'shell.log is the Backup extension\'s handler log');
    const handler = ext ?? 'unknown-extension';
    return guessed(`var/log/azure/${handler}/${full}`, ext ? `its lines name ${ext}` : 'no extension named in its lines');
  }
  if (/^CommandExecution.*\.log$/.test(name)) {
    return guessed(`var/log/azure/${ext ?? 'unknown-extension'}/${full}`, ext ? `its lines name ${ext}` : 'no extension named in its lines');
  }
  const isSnap = /VMSnapshot|snapshotInfo|taskId/.test(head);
  const handlerDir = `${LIB}/${isSnap ? VMSNAP : 'unknown-extension'}`;
  const why = isSnap ? 'its content is the Backup extension\'s' : 'no extension named in it';
  if (/^\d+\.status$/.test(name)) return guessed(`${handlerDir}/status/${name}`, why);
  if (/^\d+\.settings$/.test(name)) return guessed(`${handlerDir}/config/${name}`, why);
  if (name === 'HandlerState' || name === 'HandlerStatus') return guessed(`${handlerDir}/config/${name}`, why);
  if (name === 'HandlerEnvironment.json' || name === 'HandlerManifest.json' || name === 'mrseq' || name === 'heartbeat.log') return guessed(`${handlerDir}/${name}`, why);

  // Unknown name: recognise the content.
  const text = head.trimStart();
  if (text.startsWith('<')) {
    const root = /<(GoalState|Extensions|HostingEnvironmentConfig|SharedConfig|CertificateFile|Environment)\b/.exec(text)?.[1];
    const map: Record<string, string> = {
      GoalState: 'GoalState.xml',
      Extensions: 'ExtensionsConfig.xml',
      HostingEnvironmentConfig: 'HostingEnvironmentConfig.xml',
      SharedConfig: 'SharedConfig.xml',
      CertificateFile: 'Certificates.xml',
      Environment: 'ovf-env.xml',
    };
    if (root) return guessed(`${LIB}/${map[root]}`, `its root element is <${root}>`);
  }
  if (/^\d{4}[-/]\d\d[-/]\d\d[T ]\d\d:\d\d:\d\d(\.\d+)?Z? (INFO|WARNING|ERROR|VERBOSE) /m.test(head)) return guessed(`var/log/${full}`, 'its lines are waagent.log records');
  if (ext === VMSNAP) return guessed(`var/log/azure/${VMSNAP}/${full}`, 'its lines are the Backup extension\'s');
  return guessed(full, 'not recognised; kept under its own name');
}
