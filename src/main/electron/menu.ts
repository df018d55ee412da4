import { Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared';

/** Application menu with keyboard shortcuts; items send menu commands to the renderer. */
export function buildMenu(win: () => BrowserWindow | null, isMac: boolean): Menu {
  const send = (command: MenuCommand) => () => win()?.webContents.send('app:menu', { command });
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Open Files…', accelerator: 'CmdOrCtrl+O', click: send('open-files') },
        { label: 'Open Folder…', accelerator: 'CmdOrCtrl+Shift+O', click: send('open-folder') },
        { label: 'Open Sample', click: send('open-sample') },
        { label: 'Connect over SSH…', accelerator: 'CmdOrCtrl+K', click: send('connect-ssh') },
        { type: 'separator' },
        { label: 'Export Report…', accelerator: 'CmdOrCtrl+E', click: send('export-report') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        { label: 'Diagnosis', accelerator: 'CmdOrCtrl+1', click: send('view-diagnosis') },
        { label: 'Timeline', accelerator: 'CmdOrCtrl+2', click: send('view-timeline') },
        { label: 'Logs', accelerator: 'CmdOrCtrl+3', click: send('view-logs') },
        { label: 'Agent & Extensions', accelerator: 'CmdOrCtrl+4', click: send('view-extensions') },
        { label: 'Compare Tasks', accelerator: 'CmdOrCtrl+5', click: send('view-compare') },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { role: 'togglefullscreen' },
      ],
    },
    { label: '&Help', submenu: [{ label: 'About VM Backup Doctor', click: send('show-about') }] },
  ];
  return Menu.buildFromTemplate(template);
}
