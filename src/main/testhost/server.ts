import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, mkdtemp } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { EventChannel, EventChannels, ExportRequest, InvokeChannel, InvokeHandlers } from '../../shared';
import { DROP_CHANNEL, INVOKE_CHANNELS, validateRequest } from '../../shared/ipc/contract';
import { CONTENT_SECURITY_POLICY } from '../electron/security';
import { fileRecentStore } from '../electron/stores';
import { resolveAppFile } from '../electron/protocol';
import { ChosenPaths, createInvokeHandlers, type MainServices } from '../ipc/handlers';
import { createReportService } from '../report';
import { createChromiumPrinter } from '../report/chromium';
import type { PdfPrinter } from '../report/service';
import { createSshCollector, type SshCollectorOptions } from '../ssh';
import { TOOL_VERSION } from '../pipeline/version';
import { WorkerAnalysisService } from '../worker/worker-service';
import { SessionSet } from '../worker/sessions';
import { bridgeSource } from './bridge';
import { findAppRoot } from '../app-root';

/**
 * Renderer test host: the built renderer over http on 127.0.0.1, with the *same* IPC handlers the
 * app wires, behind a bridge that implements the preload API over HTTP + SSE. Every request needs
 * the random per-run token. Dialogs are scripted by the test (there is no native dialog here).
 */
export interface TestHost {
  url: string;
  token: string;
  /** Next answer of the open/save dialogs. */
  setDialogResult(paths: string[] | null): void;
  /** URLs the app asked to open externally (never actually opened). */
  openedUrls: string[];
  close(): Promise<void>;
}

export interface TestHostOptions {
  rendererDir?: string;
  workerPath?: string;
  samplePath?: string;
  pdfPrinter?: PdfPrinter;
  port?: number;
  /** SSH collector settings for e2e tests (known_hosts files, a fake VM root, ...). */
  ssh?: Partial<SshCollectorOptions>;
}

const here = dirname(fileURLToPath(import.meta.url));

/** Validates `req` for `channel` and calls its handler, as electron/ipc-wiring.ts does. */
function dispatch<C extends InvokeChannel>(handlers: InvokeHandlers, channel: C, req: unknown) {
  const handler: InvokeHandlers[C] = handlers[channel];
  return handler(validateRequest(channel, req));
}
const root = findAppRoot(here);

export async function startTestHost(opts: TestHostOptions = {}): Promise<TestHost> {
  const rendererDir = opts.rendererDir ?? join(root, 'dist', 'renderer');
  const token = randomBytes(24).toString('hex');
  const tokenBuf = Buffer.from(token);
  const sse = new Set<ServerResponse>();
  let dialogResult: string[] | null = null;
  const openedUrls: string[] = [];
  const work = await mkdtemp(join(tmpdir(), 'vmbd-testhost-'));
  const noPrinter: PdfPrinter = async () => {
    throw new Error('No PDF printer in this test host.');
  };

  const services: MainServices = {
    analysis: new SessionSet(() => new WorkerAnalysisService(opts.workerPath ?? join(root, 'dist', 'node', 'analysis-worker.js'))),
    dialogs: {
      pickPaths: async () => dialogResult,
      pickSavePath: async (name: string, _f: ExportRequest['format']) => (dialogResult ? dialogResult[0] : join(work, name)),
    },
    // the app's own store, in this run's scratch folder
    recent: fileRecentStore(work),
    // The same headless-Chromium printer as the CLI when the machine has one (e2e can then export PDFs).
    reports: createReportService(opts.pdfPrinter ?? (existsSync('/usr/bin/chromium') ? createChromiumPrinter('/usr/bin/chromium') : noPrinter)),
    ssh: createSshCollector({ appDataDir: work, bundlesDir: work, ...opts.ssh }),
    openExternal: async (url) => {
      openedUrls.push(url);
    },
    emit: <E extends EventChannel>(event: E, payload: EventChannels[E]) => {
      const data = `data: ${JSON.stringify({ event, payload })}\n\n`;
      for (const r of sse) r.write(data);
    },
    appInfo: () => ({ name: 'VM Backup Doctor', version: TOOL_VERSION, versions: { node: process.versions.node, host: 'test-host' }, platform: process.platform }),
    samplePath: opts.samplePath ?? join(root, 'assets', 'sample', 'logs.zip'),
  };
  // what the user chose in a dialog or dropped on the window, as Electron's main keeps it (see ipc-wiring)
  const chosen = new ChosenPaths();
  const handlers: InvokeHandlers = createInvokeHandlers(services, chosen);

  const authorized = (req: IncomingMessage, url: URL) => {
    const given = Buffer.from(String(req.headers['x-vmbd-token'] ?? url.searchParams.get('token') ?? ''));
    return given.length === tokenBuf.length && timingSafeEqual(given, tokenBuf);
  };
  const send = (res: ServerResponse, status: number, type: string, body: string | Buffer) => {
    res.writeHead(status, { 'Content-Type': type, 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' });
    res.end(body);
  };
  const readBody = async (req: IncomingMessage, max = 1 << 20): Promise<string> => {
    let size = 0;
    const chunks: Buffer[] = [];
    for await (const c of req) {
      size += (c as Buffer).length;
      if (size > max) throw new Error('request too large');
      chunks.push(c as Buffer);
    }
    return Buffer.concat(chunks).toString('utf8');
  };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    try {
      if (url.pathname.startsWith('/ipc/') && req.method === 'POST') {
        if (!authorized(req, url)) return send(res, 403, 'application/json', JSON.stringify({ ok: false, error: 'bad token' }));
        const channel = INVOKE_CHANNELS.find((c) => c === decodeURIComponent(url.pathname.slice(5)));
        if (!channel) return send(res, 404, 'application/json', JSON.stringify({ ok: false, error: 'unknown channel' }));
        const raw = JSON.parse((await readBody(req)) || 'null');
        try {
          const value = await dispatch(handlers, channel, raw === null ? undefined : raw);
          return send(res, 200, 'application/json', JSON.stringify({ ok: true, value: value ?? null }));
        } catch (e) {
          return send(res, 200, 'application/json', JSON.stringify({ ok: false, error: (e as Error).message }));
        }
      }
      if (url.pathname === `/${DROP_CHANNEL}` && req.method === 'POST') {
        // the bridge's pathForFile reports a dropped file's path, as the preload does over DROP_CHANNEL
        if (!authorized(req, url)) return send(res, 403, 'application/json', JSON.stringify({ ok: false, error: 'bad token' }));
        const path: unknown = JSON.parse((await readBody(req)) || 'null');
        if (typeof path === 'string' && path.length > 0 && path.length <= 4096) chosen.add([path]);
        return send(res, 200, 'application/json', JSON.stringify({ ok: true, value: null }));
      }
      if (url.pathname === '/events') {
        if (!authorized(req, url)) return send(res, 403, 'text/plain', 'bad token');
        res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
        res.write(': connected\n\n');
        sse.add(res);
        req.on('close', () => sse.delete(res));
        return;
      }
      if (url.pathname === '/__bridge.js') return send(res, 200, 'text/javascript; charset=utf-8', bridgeSource());
      if (req.method !== 'GET') return send(res, 405, 'text/plain', 'method not allowed');
      const file = resolveAppFile(rendererDir, `app://bundle${url.pathname}`);
      if (!file) return send(res, 404, 'text/plain', 'not found');
      let body: Buffer;
      try {
        body = await readFile(file.path);
      } catch {
        return send(res, 404, 'text/plain', 'not found');
      }
      if (file.path.endsWith('index.html')) {
        body = Buffer.from(body.toString('utf8').replace('<head>', '<head>\n    <script src="./__bridge.js"></script>'));
      }
      return send(res, 200, file.mime, body);
    } catch (e) {
      return send(res, 500, 'text/plain', (e as Error).message);
    }
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}/index.html?token=${token}`,
    token,
    openedUrls,
    setDialogResult: (p) => {
      dialogResult = p;
    },
    close: async () => {
      for (const r of sse) r.end();
      sse.clear();
      await services.analysis.dispose();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// `node dist/node/test-host.js` serves the app for manual poking; prints the URL.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const host = await startTestHost();
  process.stdout.write(`${host.url}\n`);
}
