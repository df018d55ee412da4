import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { INVOKE_CHANNELS, type InvokeHandlers } from '../../shared';
import { validateRequest } from '../ipc/schemas';
import { isTrustedSender } from './security';

/**
 * Registers one ipcMain handler per allowlisted channel. Each checks the sender frame
 * (checklist 17) and validates the request before calling the shared handler.
 */
export function wireIpc(handlers: InvokeHandlers, mainWindow: () => WebContents | null): void {
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, req: unknown) => {
      const wc = mainWindow();
      if (!wc || event.sender !== wc || !isTrustedSender(event.senderFrame, wc.mainFrame)) {
        throw new Error(`IPC refused: ${channel} from an untrusted sender`);
      }
      const valid = validateRequest(channel, req);
      return (handlers[channel] as (r: unknown) => Promise<unknown>)(valid);
    });
  }
}
