import { useEffect, useState } from 'react';
import type { AppInfo } from '../../shared';
import { api } from '../api';
import { Modal } from './Modal';

export function AboutDialog({ onClose }: { onClose: () => void }) {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api()
      .appInfo()
      .then(setInfo, (e: Error) => setError(e.message));
  }, []);
  return (
    <Modal
      title="About VM Backup Doctor"
      onClose={onClose}
      footer={
        <button type="button" className="primary" onClick={onClose}>
          Close
        </button>
      }
    >
      <p>Tells a support engineer why an Azure VM backup failed, from the guest agent's logs.</p>
      {error && <p className="error-text">{error}</p>}
      {info && (
        <dl className="facts compact">
          <dt>Version</dt>
          <dd>
            {info.name} {info.version}
          </dd>
          <dt>Platform</dt>
          <dd>{info.platform}</dd>
          {Object.entries(info.versions).map(([k, v]) => (
            <Fragment2 key={k} k={k} v={v} />
          ))}
        </dl>
      )}
    </Modal>
  );
}

function Fragment2({ k, v }: { k: string; v: string }) {
  return (
    <>
      <dt>{k}</dt>
      <dd>{v}</dd>
    </>
  );
}
