import type { AgentEventFact } from '../../../shared';
import { inflateZlibSync } from '../../ingest/inflate';

/**
 * `Event: name={0}, op={1}, message={2}, duration={3}` records (docs/formats.md "waagent.log", event records).
 * The message may span many lines (stdout/stderr, tracebacks); `, duration=N` closes the last line.
 * Agents 2.2.31–2.2.54 base64+zlib-encode the message of Install/Enable/Disable/UnInstall events.
 */
export type AgentEvent = Pick<AgentEventFact, 'name' | 'op' | 'message' | 'durationMs' | 'decoded'>;

const ENCODED_OPS = new Set(['Install', 'Enable', 'Disable', 'UnInstall', 'Uninstall']);
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

const EVENT_MESSAGE_MAX = 1024 * 1024;

/** Decodes a base64+zlib message; null when it is not one (the caller keeps the text as is). */
export function decodeEventMessage(message: string): string | null {
  const m = message.trim();
  // zlib streams start with 0x78 → base64 `eJ` (default compression) / `eN` / `eA` / `eF`
  if (m.length < 8 || m[0] !== 'e' || !BASE64.test(m)) return null;
  // bounded like every inflate: a hostile line cannot turn a few KB of base64 into gigabytes
  return inflateZlibSync(Buffer.from(m, 'base64'), EVENT_MESSAGE_MAX)?.toString('utf8') ?? null;
}

/** Parses the text after `Event: ` (whole record, continuation lines joined by `\n`). */
export function parseEvent(text: string): AgentEvent | null {
  if (!text.startsWith('name=')) return null;
  const opAt = text.indexOf(', op=');
  if (opAt < 0) return null;
  const name = text.slice(5, opAt);
  const msgAt = text.indexOf(', message=', opAt);
  const op = text.slice(opAt + 5, msgAt < 0 ? text.length : msgAt).trim();
  if (msgAt < 0) return { name, op, message: '', decoded: false };
  let message = text.slice(msgAt + 10);
  let durationMs: number | undefined;
  // ≤2.2.13 has no duration; otherwise it is the last field of the record
  const d = /, duration=(\d+)\s*$/.exec(message);
  if (d) {
    durationMs = Number(d[1]);
    message = message.slice(0, d.index);
  }
  let decoded = false;
  if (ENCODED_OPS.has(op) && message !== '<>') {
    const plain = decodeEventMessage(message);
    if (plain !== null) {
      message = plain;
      decoded = true;
    }
  }
  return { name, op, message, ...(durationMs !== undefined ? { durationMs } : {}), decoded };
}
