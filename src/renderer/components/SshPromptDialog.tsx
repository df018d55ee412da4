import { useEffect, useState } from 'react';
import type { SshPrompt } from '../../shared';
import { api } from '../api';
import { renderAnalysis } from '../../shared/i18n/analysis';
import { useLang, useT, type Messages } from '../i18n';
import { Modal } from './Modal';

/**
 * Questions main asks during an SSH collection (host key, password, passphrase, sudo,
 * keyboard-interactive), one at a time. Secrets live only in this component's state and are
 * cleared as soon as they are sent.
 */
export function SshPromptHost() {
  const [queue, setQueue] = useState<SshPrompt[]>([]);
  useEffect(() => api().on('ssh:prompt', (p) => setQueue((q) => [...q, p])), []);
  const current = queue[0];
  if (!current) return null;
  const answer = (accept: boolean, values?: string[]) => {
    setQueue((q) => q.slice(1));
    void api().sshAnswer({ id: current.id, accept, ...(values ? { values } : {}) });
  };
  return current.kind === 'host-key-unknown' || current.kind === 'host-key-changed' ? <HostKeyDialog key={current.id} p={current} answer={answer} /> : <PasswordDialog key={current.id} p={current} answer={answer} />;
}

function HostKeyDialog({ p, answer }: { p: SshPrompt; answer: (accept: boolean) => void }) {
  const changed = p.kind === 'host-key-changed';
  const t = useT();
  const lang = useLang((s) => s.lang);
  return (
    <Modal
      title={t.ssh.hostKey}
      onClose={() => answer(false)}
      footer={
        changed ? (
          <button type="button" className="primary" onClick={() => answer(false)}>
            {t.common.close}
          </button>
        ) : (
          <>
            <span className="spacer" />
            <button type="button" onClick={() => answer(false)}>
              {t.common.cancel}
            </button>
            <button type="button" className="primary" onClick={() => answer(true)}>
              {t.ssh.trust}
            </button>
          </>
        )
      }
    >
      <p className={changed ? 'error-text' : undefined}>{p.note ? renderAnalysis(p.note, lang) : p.message}</p>
      <dl className="facts compact">
        <dt>{t.ssh.host}</dt>
        <dd>{p.host}</dd>
        {p.fingerprint && (
          <>
            <dt>{changed ? t.ssh.offeredKey : t.ssh.fingerprint}</dt>
            <dd>
              <code className="wrap" data-testid="fingerprint">
                {p.fingerprint}
              </code>
            </dd>
          </>
        )}
        {p.knownFingerprint && (
          <>
            <dt>{t.ssh.knownKey}</dt>
            <dd>
              <code className="wrap" data-testid="known-fingerprint">
                {p.knownFingerprint}
              </code>
            </dd>
          </>
        )}
      </dl>
      {changed && <p className="small">{t.ssh.keyChanged}</p>}
    </Modal>
  );
}

function PasswordDialog({ p, answer }: { p: SshPrompt; answer: (accept: boolean, values?: string[]) => void }) {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const prompts = p.kind === 'keyboard-interactive' && p.prompts?.length ? p.prompts : [{ prompt: defaultPrompt(p.kind, t), echo: false }];
  const [values, setValues] = useState<string[]>(() => prompts.map(() => ''));
  const submit = () => {
    const v = values;
    setValues(prompts.map(() => ''));
    answer(true, v);
  };
  const cancel = () => {
    setValues(prompts.map(() => ''));
    answer(false);
  };
  return (
    <Modal
      title={t.ssh.password}
      onClose={cancel}
      footer={
        <>
          <span className="spacer" />
          <button type="button" onClick={cancel}>
            {t.common.cancel}
          </button>
          <button type="button" className="primary" onClick={submit}>
            {t.ssh.ok}
          </button>
        </>
      }
    >
      <p>{p.note ? renderAnalysis(p.note, lang) : p.message}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        {prompts.map((q, i) => (
          <div key={i} className="pw-field">
            <span className="muted small" id={`${p.id}-q${i}`}>
              {q.prompt}
            </span>
            <input
              type={q.echo ? 'text' : 'password'}
              aria-label={t.ssh.password}
              aria-describedby={`${p.id}-q${i}`}
              autoComplete="off"
              value={values[i] ?? ''}
              onChange={(e) => setValues((vs) => vs.map((x, k) => (k === i ? e.target.value : x)))}
            />
          </div>
        ))}
        <button type="submit" hidden aria-hidden="true" tabIndex={-1} />
      </form>
    </Modal>
  );
}

function defaultPrompt(kind: SshPrompt['kind'], t: Messages): string {
  return kind === 'passphrase' ? t.ssh.passphrase : kind === 'sudo-password' ? t.ssh.sudoPassword : t.ssh.password;
}
