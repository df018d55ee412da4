import { z } from 'zod';
import type { AnalysisResult } from '../model/analysis';
import type { LogFindRequest, LogFindResult, LogLocateRequest, LogPage, LogQuery } from '../model/records';
import type { CauseId, Confidence, GuestPlatform, Lang } from '../catalog/types';
import type { ErrorNote } from '../i18n/analysis';
import { MAX_BOOKMARKS, MAX_NOTE_CHARS } from '../bookmarks';
import { MAX_PORTAL_FIELD } from '../catalog/portal-codes';
import type { SshAnswer, SshCollectRequest, SshProgress, SshPrompt, SshTarget } from './ssh';

/**
 * The IPC contract between the renderer and main, declared once (GitHub Desktop's ipc-shared is the
 * model): INVOKE below is the only list of renderer → main requests. Each entry names its channel,
 * the API method the renderer calls, how the method's arguments make the request, the request's zod
 * schema (checked against the request type) and the response type. The preload's functions
 * (`window.vmbd`), the RendererApi type, the main-side handler table, the allowlist and the runtime
 * validation all derive from it. Adding a channel touches INVOKE, its handler and its caller.
 */

export interface OpenOptions {
  portalCode?: string;
  /** When the portal says the job failed (ISO): the diagnosis weighs against the failed task nearest it. */
  failedAt?: string;
  /**
   * Where the analysis goes when bundles are open as tabs: by default it replaces the active one;
   * 'new' keeps the open ones beside it; `addTo` re-analyses that session's inputs with these as one VM.
   */
  session?: 'new' | { addTo: number };
  /**
   * Only the files under this root (a `multipleVms.vms[].root`). Set by main for session:open-vm, never by the window
   * (the request schema has no such field).
   */
  vmRoot?: string;
}

/** What a new diagnosis of the open session may change (bundle:rediagnose). */
export type DiagnoseOptions = Pick<OpenOptions, 'portalCode' | 'failedAt'>;

export type OpenResult =
  | { ok: true; result: AnalysisResult; /** The analysis session (one per tab) that now holds the result. */ session?: number }
  | {
      ok: false;
      canceled?: boolean;
      /** English, as it has always been. */
      error: string;
      /** The same as a catalogue message: the window shows it in its language (errorIn). */
      note?: ErrorNote;
      /** What could still be read, if anything. */
      partial?: AnalysisResult;
    };

export interface RecentEntry {
  paths: string[];
  label: string;
  openedAt: string;
  /**
   * The verdict of the last analysis of these paths (absent in entries written before it was kept); `platform` is the
   * guest's, when the bundle told it, so the list names the cause as the diagnosis did (a Windows guest's VSS failure).
   */
  verdict?: { cause?: CauseId; confidence?: Confidence; nothing?: boolean; platform?: GuestPlatform };
}

/** A whole bundle file for the raw file view, by its id in the open bundle; `text` holds at most `RAW_FILE_MAX_BYTES`. */
export interface RawFile {
  id: number;
  vmPath: string;
  size: number;
  text: string;
  /** The file is bigger than RAW_FILE_MAX_BYTES: `text` is its beginning. */
  clipped: boolean;
}
/** The raw file view reads status, settings and config files, which are small; a log has the log view. */
export const RAW_FILE_MAX_BYTES = 2 * 1024 * 1024;

export type ReportFormat = 'pdf' | 'html' | 'md' | 'json' | 'jsonl';

/** A log line the engineer bookmarked, with their note; the report lists them (redacted like the rest). */
export interface ReportBookmark {
  file: string;
  line: number;
  time: string | null;
  text: string;
  note: string;
}

export interface ExportRequest {
  format: ReportFormat;
  lang: Lang;
  paper?: 'A4' | 'Letter';
  redact: boolean;
  pseudonymize?: boolean;
  bookmarks?: ReportBookmark[];
}

export type ExportResult = { ok: true; path: string } | { ok: false; canceled?: boolean; error: string; /** `error` as a catalogue message (errorIn). */ note?: ErrorNote };

/** A chart the renderer drew (the timeline), saved as an image: SVG text, or a PNG as base64. */
export interface ImageSaveRequest {
  format: 'svg' | 'png';
  data: string;
}

export interface AppInfo {
  name: string;
  version: string;
  versions: Record<string, string>;
  platform: string;
}

export interface ProgressEvent {
  /** `inflating`: an archive's members are decompressed (into memory). */
  phase: 'reading' | 'inflating' | 'parsing' | 'analysing' | 'done';
  /** For logs and the CLI (English); the app composes its own text from the fields below. */
  message: string;
  /** 0..1 of this phase, when known (parsing: bytes parsed ÷ bytes to parse). */
  fraction?: number;
  /** Bytes done in this phase (read, inflated or parsed). */
  bytes?: number;
  /** Bytes this phase has to do, when known. */
  totalBytes?: number;
  files?: number;
  /** Records parsed so far. */
  records?: number;
  /** The file being parsed (its VM path). */
  file?: string;
}

/* ---------- request schemas (runtime validation; each checked against its type) ---------- */

const sessionId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
// the portal code field takes a code or a pasted job error (findPortalCodes reads the code out of it)
const portalCodeField = z.string().max(MAX_PORTAL_FIELD);
const diagnoseOptions = z.object({ portalCode: portalCodeField.optional(), failedAt: z.string().max(64).optional() }).strict() satisfies z.ZodType<DiagnoseOptions>;
const openOptions = diagnoseOptions
  .extend({ session: z.union([z.literal('new'), z.object({ addTo: sessionId }).strict()]).optional() })
  .strict() satisfies z.ZodType<OpenOptions>;
const path = z.string().min(1).max(4096);
const level = z.enum(['verbose', 'info', 'warning', 'error', 'unknown']);
const logFilter = z
  .object({
    fileIds: z.array(z.number().int().nonnegative()).max(100_000).optional(),
    levels: z.array(level).max(5).optional(),
    sources: z.array(z.string().max(500)).max(1000).optional(),
    extensions: z.array(z.string().max(500)).max(1000).optional(),
    text: z.string().max(2000).optional(),
    regex: z.boolean().optional(),
    from: z.string().max(64).optional(),
    to: z.string().max(64).optional(),
  })
  .strict() satisfies z.ZodType<LogLocateRequest['query']>;
const logQuery = logFilter.extend({ offset: z.number().int().nonnegative(), limit: z.number().int().min(0).max(5000) }).strict() satisfies z.ZodType<LogQuery>;
const exportRequest = z
  .object({
    format: z.enum(['pdf', 'html', 'md', 'json', 'jsonl']),
    lang: z.enum(['en', 'nl']),
    paper: z.enum(['A4', 'Letter']).optional(),
    redact: z.boolean(),
    pseudonymize: z.boolean().optional(),
    bookmarks: z
      .array(z.object({ file: z.string().max(4096), line: z.number().int().nonnegative(), time: z.string().max(64).nullable(), text: z.string().max(2000), note: z.string().max(MAX_NOTE_CHARS) }).strict())
      .max(MAX_BOOKMARKS)
      .optional(),
  })
  .strict() satisfies z.ZodType<ExportRequest>;
/** A drawn timeline is a few hundred shapes; 32 MB leaves room for a 4× PNG of a wide window. */
export const MAX_IMAGE_CHARS = 32 * 1024 * 1024;
const imageSave = z.object({ format: z.enum(['svg', 'png']), data: z.string().min(1).max(MAX_IMAGE_CHARS) }).strict() satisfies z.ZodType<ImageSaveRequest>;
const sshTarget = z
  .object({
    host: z.string().min(1).max(255),
    port: z.number().int().min(1).max(65535).optional(),
    user: z.string().max(100).optional(),
    identityFile: z.string().max(4096).optional(),
    jump: z.array(z.string().max(300)).max(8).optional(),
    useAgent: z.boolean().optional(),
    allowPassword: z.boolean().optional(),
  })
  .strict() satisfies z.ZodType<SshTarget>;
const none = z.undefined();
/** Pasted log text (an excerpt; a whole log is opened as a file). */
export const MAX_PASTE_CHARS = 16 * 1024 * 1024;

/* ---------- the channel map ---------- */

/**
 * One channel. `params` says how the API method's positional arguments make the request object
 * (`['paths', 'options']`: `openPaths(paths, options)` sends `{ paths, options }`); `'request'` means
 * the method's one argument is the request, `'none'` that it takes none. `res` only carries the
 * response type.
 */
export interface ChannelDecl<Req, Res, M extends string, P extends Params<Req>> {
  method: M;
  params: P;
  schema: z.ZodType<Req>;
  res?: Res;
}
type Params<Req> = 'none' | 'request' | readonly (keyof Req & string)[];

/** Declares a channel: `channel<Req, Res>()(method, params, schema)`; the schema must produce `Req`. */
function channel<Req, Res>() {
  return <const M extends string, const P extends Params<Req>>(method: M, params: P, schema: z.ZodType<Req>): ChannelDecl<Req, Res, M, P> => ({
    method,
    params,
    schema,
  });
}

export const INVOKE = {
  'bundle:open-paths': channel<{ paths: string[]; options: OpenOptions }, OpenResult>()('openPaths', ['paths', 'options'], z.object({ paths: z.array(path).min(1).max(64), options: openOptions }).strict()),
  'bundle:pick-and-open': channel<{ mode: 'files' | 'folder'; options: OpenOptions }, OpenResult>()('pickAndOpen', ['mode', 'options'], z.object({ mode: z.enum(['files', 'folder']), options: openOptions }).strict()),
  'bundle:open-sample': channel<{ options: OpenOptions }, OpenResult>()('openSample', ['options'], z.object({ options: openOptions }).strict()),
  'bundle:open-text': channel<{ text: string; options: OpenOptions }, OpenResult>()('openText', ['text', 'options'], z.object({ text: z.string().min(1).max(MAX_PASTE_CHARS), options: openOptions }).strict()),
  'bundle:cancel': channel<undefined, void>()('cancel', 'none', none),
  'bundle:recent': channel<undefined, RecentEntry[]>()('recent', 'none', none),
  'bundle:pick': channel<{ mode: 'files' | 'folder' }, string[] | null>()('pickPaths', ['mode'], z.object({ mode: z.enum(['files', 'folder']) }).strict()),
  'session:activate': channel<{ session: number }, { ok: boolean }>()('activateSession', ['session'], z.object({ session: sessionId }).strict()),
  'session:close': channel<{ session: number }, void>()('closeSession', ['session'], z.object({ session: sessionId }).strict()),
  // one VM of an open bundle that holds two: its inputs analysed again, only the files under `root`, in a new tab
  'session:open-vm': channel<{ session: number; root: string }, OpenResult>()('openVm', ['session', 'root'], z.object({ session: sessionId, root: z.string().min(1).max(4096) }).strict()),
  // the active session diagnosed again with another portal code or failure time (nothing is read again)
  'bundle:rediagnose': channel<{ options: DiagnoseOptions }, OpenResult>()('rediagnose', ['options'], z.object({ options: diagnoseOptions }).strict()),
  'bundle:recent-remove': channel<{ paths: string[] }, RecentEntry[]>()('removeRecent', ['paths'], z.object({ paths: z.array(path).min(1).max(64) }).strict()),
  'bundle:recent-clear': channel<undefined, RecentEntry[]>()('clearRecent', 'none', none),
  'files:read': channel<{ id: number }, RawFile>()('readFile', ['id'], z.object({ id: z.number().int().nonnegative().max(10_000_000) }).strict()),
  'logs:query': channel<LogQuery, LogPage>()('queryLogs', 'request', logQuery),
  'logs:find': channel<LogFindRequest, LogFindResult>()('findLog', 'request', z.object({ query: logFilter, text: z.string().min(1).max(2000), regex: z.boolean().optional(), from: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).nullable(), dir: z.union([z.literal(1), z.literal(-1)]) }).strict()),
  'logs:locate': channel<LogLocateRequest, { index: number | null }>()('locateLog', 'request', z.object({ query: logFilter, file: z.string().max(4096), line: z.number().int().positive() }).strict()),
  'report:preview': channel<ExportRequest, { html: string }>()('previewReport', 'request', exportRequest),
  'report:export': channel<ExportRequest, ExportResult>()('exportReport', 'request', exportRequest),
  'image:save': channel<ImageSaveRequest, ExportResult>()('saveImage', 'request', imageSave),
  'shell:open-docs': channel<{ url: string }, { opened: boolean; reason?: string }>()('openDocs', ['url'], z.object({ url: z.string().max(2048) }).strict()),
  'app:info': channel<undefined, AppInfo>()('appInfo', 'none', none),
  'ssh:collect': channel<SshCollectRequest, OpenResult>()('sshCollect', 'request', z.object({ target: sshTarget, maxBytes: z.number().int().positive().optional(), portalCode: portalCodeField.optional(), session: openOptions.shape.session, lang: z.enum(['en', 'nl']).optional() }).strict() satisfies z.ZodType<SshCollectRequest>),
  'ssh:answer': channel<SshAnswer, void>()('sshAnswer', 'request', z.object({ id: z.string().max(100), accept: z.boolean(), values: z.array(z.string().max(10_000)).max(20).optional() }).strict()),
  'ssh:cancel': channel<undefined, void>()('sshCancel', 'none', none),
};

/**
 * Preload → main only, never a renderer method: the path of a File the user dropped, sent by the
 * preload's pathForFile (Electron gives a path only for a real file from a drop or file input), so
 * main can remember it as chosen by the user.
 */
export const DROP_CHANNEL = 'bundle:dropped';

/** Event channels (main → renderer): name → payload. */
export interface EventChannels {
  'bundle:progress': ProgressEvent;
  'ssh:prompt': SshPrompt;
  'ssh:progress': SshProgress;
  'app:menu': { command: MenuCommand };
}
const EVENTS: { [E in keyof EventChannels]: true } = { 'bundle:progress': true, 'ssh:prompt': true, 'ssh:progress': true, 'app:menu': true };

export type MenuCommand = 'open-files' | 'open-folder' | 'open-sample' | 'export-report' | 'show-about' | 'view-diagnosis' | 'view-timeline' | 'view-logs' | 'view-extensions' | 'view-compare' | 'connect-ssh';

/* ---------- everything else derives from INVOKE ---------- */

type Map = typeof INVOKE;
export type InvokeChannel = keyof Map;
export type EventChannel = keyof EventChannels;
export type Req<C extends InvokeChannel> = Map[C]['schema'] extends z.ZodType<infer R> ? R : never;
export type Res<C extends InvokeChannel> = Exclude<Map[C]['res'], undefined>;
/** The method's positional arguments, from its `params`. */
type Named<R, P extends readonly unknown[]> = { -readonly [I in keyof P]: P[I] extends keyof R ? R[P[I]] : never };
type Args<C extends InvokeChannel> = Map[C]['params'] extends 'none'
  ? []
  : Map[C]['params'] extends 'request'
    ? [request: Req<C>]
    : Map[C]['params'] extends infer P extends readonly unknown[]
      ? Named<Req<C>, P>
      : never;
export type ApiMethod = Map[InvokeChannel]['method'];

const isInvokeChannel = (c: string): c is InvokeChannel => Object.hasOwn(INVOKE, c);
const isEventChannel = (c: string): c is EventChannel => Object.hasOwn(EVENTS, c);

/** The allowlists: main registers handlers only for these, the preload wires only these. */
export const INVOKE_CHANNELS: readonly InvokeChannel[] = Object.freeze(Object.keys(INVOKE).filter(isInvokeChannel));
export const EVENT_CHANNELS: readonly EventChannel[] = Object.freeze(Object.keys(EVENTS).filter(isEventChannel));

/** Main-side handler table: one function per channel, transport-agnostic (Electron IPC or the test host). */
export type InvokeHandlers = { [C in InvokeChannel]: (req: Req<C>) => Promise<Res<C>> };

/** The request functions of `window.vmbd`, one per channel, named by INVOKE. */
export type InvokeApi = { [C in InvokeChannel as Map[C]['method']]: (...args: Args<C>) => Promise<Res<C>> };

/** What the preload exposes as `window.vmbd` (and the test host's bridge implements). */
export interface RendererApi extends InvokeApi {
  /** Subscribe to a main → renderer event; returns an unsubscribe function. */
  on<E extends EventChannel>(event: E, listener: (payload: EventChannels[E]) => void): () => void;
  /** Absolute path of a dropped File (Electron's webUtils); the test host returns the file name. */
  pathForFile(file: File): string;
}

/** The request a method call makes, from its positional arguments (the preload and the test-host bridge use this). */
export function requestOf(channel: InvokeChannel, args: readonly unknown[]): unknown {
  const { params } = INVOKE[channel];
  if (params === 'none') return undefined;
  if (params === 'request') return args[0];
  const req: Record<string, unknown> = Object.create(null);
  params.forEach((name, i) => {
    req[name] = args[i];
  });
  return { ...req };
}

/** True when `o` has a function for every request method (the preload checks what it built from INVOKE). */
export function isInvokeApi(o: object): o is InvokeApi {
  return INVOKE_CHANNELS.every((c) => typeof Reflect.get(o, INVOKE[c].method) === 'function');
}

/** How the test-host bridge packs arguments: method → channel and params, as plain JSON. */
export function bridgeTable(): Record<string, { channel: InvokeChannel; params: 'none' | 'request' | readonly string[] }> {
  return Object.fromEntries(INVOKE_CHANNELS.map((c) => [INVOKE[c].method, { channel: c, params: INVOKE[c].params }]));
}

/** INVOKE seen per channel: the compiler checks every entry's schema against its request type here. */
const SCHEMAS: { readonly [C in InvokeChannel]: { readonly schema: z.ZodType<Req<C>> } } = INVOKE;

export class InvalidRequestError extends Error {}

/** Validates a request against its channel's schema; throws InvalidRequestError with the issues. */
export function validateRequest<C extends InvokeChannel>(channel: C, req: unknown): Req<C> {
  const r = SCHEMAS[channel].schema.safeParse(req);
  if (!r.success) throw new InvalidRequestError(`invalid request on ${channel}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return r.data;
}
