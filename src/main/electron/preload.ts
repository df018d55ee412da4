import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { DROP_CHANNEL, EVENT_CHANNELS, INVOKE, INVOKE_CHANNELS, isInvokeApi, requestOf, type EventChannel, type EventChannels, type RendererApi } from '../../shared/ipc/contract';

/**
 * Checklist 20: the renderer gets named, typed functions only (window.vmbd), never ipcRenderer, and
 * only for the channels of the contract's map: one function per INVOKE entry, named by it, sending
 * the request its arguments make. Nothing here changes when a channel is added.
 */
const requests = Object.fromEntries(INVOKE_CHANNELS.map((c) => [INVOKE[c].method, (...args: unknown[]) => ipcRenderer.invoke(c, requestOf(c, args))]));
if (!isInvokeApi(requests)) throw new Error('preload: a request method of the contract is missing');

const api: RendererApi = {
  ...requests,
  on: <E extends EventChannel>(event: E, listener: (payload: EventChannels[E]) => void) => {
    if (!EVENT_CHANNELS.includes(event)) throw new Error(`unknown event ${event}`);
    const wrapped = (_e: unknown, payload: EventChannels[E]) => listener(payload);
    ipcRenderer.on(event, wrapped);
    return () => {
      ipcRenderer.removeListener(event, wrapped);
    };
  },
  pathForFile: (file) => {
    const path = webUtils.getPathForFile(file);
    // main opens only paths the user chose: a dropped file's path is remembered there
    if (path) ipcRenderer.send(DROP_CHANNEL, path);
    return path;
  },
};

contextBridge.exposeInMainWorld('vmbd', api);
