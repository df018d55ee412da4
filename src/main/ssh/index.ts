import type { SshCollector } from './service';

/** SSH collection from a live VM. */
export function createSshCollector(_opts: { appDataDir: string; bundlesDir: string }): SshCollector {
  return {
    collect: async () => {
      throw new Error('SSH collection is not available yet.');
    },
    cancel: () => undefined,
  };
}
