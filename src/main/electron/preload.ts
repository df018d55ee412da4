import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { API_CHANNELS, EVENT_CHANNELS, type EventChannel, type EventChannels, type RendererApi } from '../../shared/ipc/contract';

/**
 * Checklist 20: the renderer gets named, typed functions only (window.vmbd), never ipcRenderer,
 * and only for allowlisted channels. Each function maps to exactly one channel.
 */
const invoke =
  (channel: (typeof API_CHANNELS)[keyof typeof API_CHANNELS]) =>
  (...args: unknown[]) =>
    ipcRenderer.invoke(channel, args.length <= 1 ? args[0] : args);

const api: RendererApi = {
  openPaths: (paths, options) => ipcRenderer.invoke(API_CHANNELS.openPaths, { paths, options }),
  pickAndOpen: (mode, options) => ipcRenderer.invoke(API_CHANNELS.pickAndOpen, { mode, options }),
  openSample: (options) => ipcRenderer.invoke(API_CHANNELS.openSample, { options }),
  cancel: () => ipcRenderer.invoke(API_CHANNELS.cancel),
  recent: () => ipcRenderer.invoke(API_CHANNELS.recent),
  queryLogs: invoke(API_CHANNELS.queryLogs) as RendererApi['queryLogs'],
  locateLog: invoke(API_CHANNELS.locateLog) as RendererApi['locateLog'],
  previewReport: invoke(API_CHANNELS.previewReport) as RendererApi['previewReport'],
  exportReport: invoke(API_CHANNELS.exportReport) as RendererApi['exportReport'],
  openDocs: (url) => ipcRenderer.invoke(API_CHANNELS.openDocs, { url }),
  appInfo: () => ipcRenderer.invoke(API_CHANNELS.appInfo),
  sshCollect: invoke(API_CHANNELS.sshCollect) as RendererApi['sshCollect'],
  sshAnswer: invoke(API_CHANNELS.sshAnswer) as RendererApi['sshAnswer'],
  sshCancel: () => ipcRenderer.invoke(API_CHANNELS.sshCancel),
  on: <E extends EventChannel>(event: E, listener: (payload: EventChannels[E]) => void) => {
    if (!(EVENT_CHANNELS as readonly string[]).includes(event)) throw new Error(`unknown event ${event}`);
    const wrapped = (_e: unknown, payload: EventChannels[E]) => listener(payload);
    ipcRenderer.on(event, wrapped);
    return () => {
      ipcRenderer.removeListener(event, wrapped);
    };
  },
  pathForFile: (file) => webUtils.getPathForFile(file),
};

contextBridge.exposeInMainWorld('vmbd', api);
