import { useEffect, useState } from 'react';
import type { SshProgress } from '../../shared';
import { api } from '../api';
import { openOptions, useApp } from '../state/store';
import { renderAnalysis } from '../../shared/i18n/analysis';
import { useLang, useT } from '../i18n';
import { Modal } from './Modal';

/** `user@host[:port]` hops, comma separated; blanks dropped. */
export function parseJumpHosts(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Connect over SSH: the target, then live progress; prompts (host key, password) are separate dialogs. */
export function SshDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const run = useApp((s) => s.run);
  const [host, setHost] = useState('');
  const [port, setPort] = useState('22');
  const [user, setUser] = useState('');
  const [identityFile, setIdentityFile] = useState('');
  const [jump, setJump] = useState('');
  const [useAgent, setUseAgent] = useState(true);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<SshProgress[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => api().on('ssh:progress', (p) => setProgress((list) => [...list.slice(-50), p])), []);

  const portNum = Number(port);
  const jumps = parseJumpHosts(jump);
  const badJump = jumps.find((j) => !/^[^@\s]+@[^@\s:]+(:\d{1,5})?$/.test(j));
  const valid = host.trim() !== '' && Number.isInteger(portNum) && portNum > 0 && portNum < 65536 && !badJump;

  const connect = async () => {
    if (!valid || busy) return;
    setBusy(true);
    setError(null);
    setProgress([]);
    await run(() =>
      api().sshCollect({
        target: {
          host: host.trim(),
          port: portNum,
          ...(user.trim() ? { user: user.trim() } : {}),
          ...(identityFile.trim() ? { identityFile: identityFile.trim() } : {}),
          ...(jumps.length ? { jump: jumps } : {}),
          useAgent,
          allowPassword: true,
        },
        ...openOptions(),
        // main's own host-key and password windows ask in the UI's language
        lang,
      }),
    );
    setBusy(false);
    const s = useApp.getState();
    if (s.banner?.kind === 'error' || s.banner?.kind === 'info') setError(s.banner.message(lang));
    else onClose();
  };
  const cancel = () => {
    if (busy) void api().sshCancel();
    else onClose();
  };

  return (
    <Modal
      title={t.ssh.title}
      onClose={cancel}
      footer={
        <>
          <span className="spacer" />
          <button type="button" onClick={cancel}>
            {t.common.cancel}
          </button>
          <button type="button" className="primary" disabled={!valid || busy} onClick={() => void connect()}>
            {busy ? t.ssh.connecting : t.ssh.connect}
          </button>
        </>
      }
    >
      <form
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          void connect();
        }}
      >
        <label>
          {t.ssh.host}
          <input value={host} onChange={(e) => setHost(e.target.value)} placeholder={t.ssh.hostPlaceholder} disabled={busy} autoComplete="off" spellCheck={false} />
        </label>
        <label>
          {t.ssh.port}
          <input value={port} onChange={(e) => setPort(e.target.value)} inputMode="numeric" size={6} disabled={busy} />
        </label>
        <label>
          {t.ssh.user}
          <input value={user} onChange={(e) => setUser(e.target.value)} placeholder="azureuser" disabled={busy} autoComplete="off" spellCheck={false} />
        </label>
        <label>
          {t.ssh.identity}
          <input value={identityFile} onChange={(e) => setIdentityFile(e.target.value)} placeholder="~/.ssh/id_ed25519" disabled={busy} spellCheck={false} />
        </label>
        <label className="span2">
          {t.ssh.jump}
          <input value={jump} onChange={(e) => setJump(e.target.value)} placeholder="user@bastion:22, user@inner" disabled={busy} aria-invalid={!!badJump} spellCheck={false} />
        </label>
        <label className="check span2">
          <input type="checkbox" checked={useAgent} onChange={(e) => setUseAgent(e.target.checked)} disabled={busy} /> {t.ssh.useAgent}
        </label>
        <button type="submit" hidden aria-hidden="true" tabIndex={-1} />
      </form>
      {badJump && <p className="error-text small">{t.ssh.badJump(badJump)}</p>}
      <p className="muted small">{t.ssh.note}</p>
      {progress.length > 0 && (
        <ol className="ssh-progress" aria-label={t.ssh.progress} aria-live="polite">
          {progress.map((p, i) => (
            <li key={i} className={`stage-${p.stage}`}>
              <span className="stage">{t.ssh.stages[p.stage]}</span> {p.hop ? <span className="muted">[{p.hop}] </span> : null}
              {p.note ? renderAnalysis(p.note, lang) : p.message}
            </li>
          ))}
        </ol>
      )}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </Modal>
  );
}
