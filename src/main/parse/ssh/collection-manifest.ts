import type { CollectionFact } from '../../../shared';
import type { Parser } from '../types';
import { factDetail, msg } from '../../../shared/i18n/analysis';

/** `manifest.json` at the root of an SSH collection: who/what/when, and whether the collection is incomplete. */
export const parseCollectionManifest: Parser = async ({ file, content }, sink) => {
  let text: string;
  try {
    text = await content.text(16 * 1024 * 1024);
  } catch (e) {
    sink.warn(msg('parse.named-not-read', { name: 'manifest.json', error: (e as Error).message }));
    return;
  }
  let doc: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(text);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    doc = parsed as Record<string, unknown>;
  } catch (e) {
    sink.warn(msg('parse.manifest-invalid', { error: (e as Error).message }));
    return;
  }
  // Only our own manifests: other tools write a manifest.json too.
  if (doc.tool !== 'vmbackup-doctor' || typeof doc.host !== 'string') return;
  const str = (v: unknown, max = 300) => (typeof v === 'string' ? v.slice(0, max) : undefined);
  const collectedAt = str(doc.collectedAt, 40);
  const timeMs = collectedAt ? Date.parse(collectedAt) : NaN;
  const time = Number.isFinite(timeMs) ? new Date(timeMs).toISOString() : null;
  const lines = text.split('\n');
  const idx = lines.findIndex((l) => /^\s*"incomplete":/.test(l));
  const incomplete = doc.incomplete === true;
  const files = Array.isArray(doc.files) ? doc.files.length : 0;
  const reason = str(doc.reason, 500);
  const fact: CollectionFact = {
    kind: 'collection',
    at: { file: file.vmPath, line: idx + 1, time, zone: time ? 'utc' : 'none', text: (idx >= 0 ? lines[idx].trim() : '').slice(0, 500) },
    timeMs,
    host: doc.host.slice(0, 255),
    user: str(doc.user, 64),
    collectedAt: time ?? '',
    hostKeyFingerprint: str(doc.hostKeyFingerprint, 100),
    incomplete,
    ...factDetail(msg('detail.ssh-collection', { files, root: doc.privilege !== 'none', incomplete, ...(reason !== undefined ? { reason } : {}) })),
  };
  sink.fact(fact);
  if (incomplete) sink.warn(msg('parse.collection-incomplete', reason !== undefined ? { reason } : {}));
  if (doc.privilege === 'none') sink.warn(msg('parse.collected-without-root'));
};
