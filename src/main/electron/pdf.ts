import { BrowserWindow } from 'electron';
import type { PdfPrinter } from '../report/service';

/**
 * Prints report HTML with Chromium's engine in a hidden, script-less, sandboxed window
 * (the report has no scripts; we still turn JavaScript off).
 */
export const electronPdfPrinter: PdfPrinter = async (html, paper) => {
  const win = new BrowserWindow({ // eng-disable AUXCLICK_JS_CHECK -- JavaScript is off in this hidden print window and setWindowOpenHandler below denies every new window
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, webSecurity: true },
  });
  try {
    win.webContents.on('will-navigate', (e) => e.preventDefault());
    win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
    await win.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`);
    return await win.webContents.printToPDF({ pageSize: paper, printBackground: true, margins: { top: 14 / 25.4, bottom: 16 / 25.4, left: 13 / 25.4, right: 13 / 25.4 }, displayHeaderFooter: true, headerTemplate: '<span></span>', footerTemplate: '<div style="font-size:8px;width:100%;text-align:center;color:#666"><span class="pageNumber"></span> / <span class="totalPages"></span></div>' });
  } finally {
    win.destroy();
  }
};
