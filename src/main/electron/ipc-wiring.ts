import { ipcMain, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { DROP_CHANNEL, INVOKE_CHANNELS, validateRequest, type InvokeChannel, type InvokeHandlers } from '../../shared/ipc/contract';
import { isTrustedSender } from './security';

/** Validates `req` for `channel` and calls its handler (typed per channel, so no cast is needed). */
function dispatch<C extends InvokeChannel>(handlers: InvokeHandlers, channel: C, req: unknown) {
  const handler: InvokeHandlers[C] = handlers[channel];
  return handler(validateRequest(channel, req));
}

const trusted = (event: IpcMainEvent | IpcMainInvokeEvent, wc: WebContents | null): wc is WebContents =>
  !!wc && event.sender === wc && isTrustedSender(event.senderFrame, wc.mainFrame);

/**
 * Registers one ipcMain handler per channel of the contract's map. Each checks the sender frame
 * (checklist 17) and validates the request before calling the shared handler. `onDrop` receives the
 * paths the preload reports for dropped files (main's record of what the user chose).
 */
export function wireIpc(handlers: InvokeHandlers, mainWindow: () => WebContents | null, onDrop: (path: string) => void = () => undefined): void {
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, req: unknown) => {
      if (!trusted(event, mainWindow())) throw new Error(`IPC refused: ${channel} from an untrusted sender`);
      return dispatch(handlers, channel, req);
    });
  }
  ipcMain.on(DROP_CHANNEL, (event: IpcMainEvent, path: unknown) => {
    if (trusted(event, mainWindow()) && typeof path === 'string' && path.length > 0 && path.length <= 4096) onDrop(path);
  });
}
