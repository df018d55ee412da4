import type { Lang } from '../catalog/types';
import type { SshNote } from '../i18n/analysis';

/** SSH collection: what the connect dialog sends and the prompts main asks back. */

export interface SshTarget {
  /** Host name or an alias from ~/.ssh/config. */
  host: string;
  port?: number;
  user?: string;
  /** Private key file path (chosen in a dialog). */
  identityFile?: string;
  /** `user@host[:port]` hops, in order. */
  jump?: string[];
  useAgent?: boolean;
  /** Let the connect dialog ask for a password / keyboard-interactive answers. */
  allowPassword?: boolean;
}

export interface SshCollectRequest {
  target: SshTarget;
  /** Upper bound on collected bytes. */
  maxBytes?: number;
  portalCode?: string;
  /** The tab the collected bundle opens in (OpenOptions.session). */
  session?: 'new' | { addTo: number };
  /** The UI language: main's own host-key and password prompts ask in it (English when absent). */
  lang?: Lang;
}

/** Main asks the renderer for an answer; the renderer replies with `ssh:answer`. */
export interface SshPrompt {
  id: string;
  kind: 'host-key-unknown' | 'host-key-changed' | 'password' | 'passphrase' | 'sudo-password' | 'keyboard-interactive';
  host: string;
  /** English, as it always was; `note` is the same question as a catalogue message (the window asks in its language). */
  message: string;
  note?: SshNote;
  fingerprint?: string;
  knownFingerprint?: string;
  /** For keyboard-interactive: the server's prompts. */
  prompts?: { prompt: string; echo: boolean }[];
}

export interface SshAnswer {
  id: string;
  /** false = refuse/cancel. For host keys, true = trust (and remember). */
  accept: boolean;
  /** Secret answers (never logged, never stored). */
  values?: string[];
}

export interface SshProgress {
  stage: 'connecting' | 'authenticating' | 'probing' | 'collecting' | 'saving' | 'done' | 'failed';
  /** English, as it always was; `note` is the same line as a catalogue message (shown in the reader's language). */
  message: string;
  note?: SshNote;
  bytes?: number;
  hop?: string;
}
