// Real syslog / journal lines that relay the agent's records, shared by the tests of parse/system.

/** Azure/WALinuxAgent#2695 (Ubuntu 22.04 syslog, agent 2.2.46). */
export const UBUNTU_2695 = [
  'Oct 30 00:00:12 recboxlogdb python3[1654075]: 2022-10-30T00:00:12.833653Z WARNING ExtHandler Agent WALinuxAgent-2.2.46 failed with exception: str expected, not NoneType',
  'Oct 30 00:00:12 recboxlogdb python3[1654075]: 2022-10-30T00:00:12.834844Z WARNING ExtHandler Traceback (most recent call last):',
  'Oct 30 00:00:12 recboxlogdb python3[1654075]:   File "/usr/lib/python3/dist-packages/azurelinuxagent/ga/update.py", line 268, in run',
  'Oct 30 00:00:12 recboxlogdb python3[1654075]:     monitor_thread.run()',
  'Oct 30 00:00:12 recboxlogdb python3[1654075]:   File "/usr/lib/python3/dist-packages/azurelinuxagent/ga/monitor.py", line146, in run',
  'Oct 30 00:00:12 recboxlogdb python3[1654075]:     self.init_sysinfo()',
];
