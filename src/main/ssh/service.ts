import type { SshAnswer, SshCollectRequest, SshProgress, SshPrompt } from '../../shared';
import type { SshNote } from '../../shared/i18n/analysis';

/** Collects a bundle from a live VM over SSH; asks the user through `prompt` (host keys, secrets). */
export interface SshCollector {
  /** Resolves to the path of the saved bundle (tar.gz). */
  collect(req: SshCollectRequest, io: { prompt: (p: SshPrompt) => Promise<SshAnswer>; progress: (p: SshProgress) => void }): Promise<{ bundlePath: string; incomplete: boolean; message?: string; note?: SshNote }>;
  cancel(): void;
}
