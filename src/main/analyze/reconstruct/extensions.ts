import type { ExtensionSummary } from '../../../shared';
import type { FactIndex } from '../facts-index';

/** Per-handler history: versions, states per goal state, each operation with its result. */
export function buildExtensionHistory(_facts: FactIndex): ExtensionSummary[] {
  return [];
}
