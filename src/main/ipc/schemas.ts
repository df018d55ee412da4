import { z } from 'zod';
import { INVOKE_CHANNELS, type InvokeChannel } from '../../shared';

/**
 * Runtime validation of every request that crosses IPC (the renderer is untrusted: it shows
 * hostile log text). Types come from the shared contract; these schemas enforce them at runtime.
 */
const openOptions = z.object({ portalCode: z.string().max(200).optional() }).strict();
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
  .strict();
const exportRequest = z
  .object({
    format: z.enum(['pdf', 'html', 'md', 'json', 'jsonl']),
    lang: z.enum(['en', 'nl']),
    paper: z.enum(['A4', 'Letter']).optional(),
    redact: z.boolean(),
    pseudonymize: z.boolean().optional(),
  })
  .strict();
const hop = z.string().max(300);
const sshTarget = z
  .object({
    host: z.string().min(1).max(255),
    port: z.number().int().min(1).max(65535).optional(),
    user: z.string().max(100).optional(),
    identityFile: z.string().max(4096).optional(),
    jump: z.array(hop).max(8).optional(),
    useAgent: z.boolean().optional(),
    allowPassword: z.boolean().optional(),
  })
  .strict();

export const REQUEST_SCHEMAS: Record<InvokeChannel, z.ZodType> = {
  'bundle:open-paths': z.object({ paths: z.array(z.string().min(1).max(4096)).min(1).max(64), options: openOptions }).strict(),
  'bundle:pick-and-open': z.object({ mode: z.enum(['files', 'folder']), options: openOptions }).strict(),
  'bundle:open-sample': z.object({ options: openOptions }).strict(),
  'bundle:cancel': z.undefined(),
  'bundle:recent': z.undefined(),
  'logs:query': logFilter.extend({ offset: z.number().int().nonnegative(), limit: z.number().int().min(0).max(5000) }).strict(),
  'logs:locate': z.object({ query: logFilter, file: z.string().max(4096), line: z.number().int().positive() }).strict(),
  'report:preview': exportRequest,
  'report:export': exportRequest,
  'shell:open-docs': z.object({ url: z.string().max(2048) }).strict(),
  'app:info': z.undefined(),
  'ssh:collect': z.object({ target: sshTarget, maxBytes: z.number().int().positive().optional(), portalCode: z.string().max(200).optional() }).strict(),
  'ssh:answer': z.object({ id: z.string().max(100), accept: z.boolean(), values: z.array(z.string().max(10_000)).max(20).optional() }).strict(),
  'ssh:cancel': z.undefined(),
};

// Every allowlisted channel has a schema (checked at load; a test asserts it too).
for (const c of INVOKE_CHANNELS) if (!REQUEST_SCHEMAS[c]) throw new Error(`no schema for ${c}`);

export class InvalidRequestError extends Error {}

export function validateRequest(channel: InvokeChannel, req: unknown): unknown {
  const r = REQUEST_SCHEMAS[channel].safeParse(req);
  if (!r.success) throw new InvalidRequestError(`invalid request on ${channel}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return r.data;
}
