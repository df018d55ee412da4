import { useEffect, useState } from 'react';
import type { AppInfo } from '../../shared';
import { api } from '../api';
import { useT } from '../i18n';
import { Modal } from './Modal';

export function AboutDialog({ onClose }: { onClose: () => void }) {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const t = useT();
  useEffect(() => {
    api()
      .appInfo()
      .then(setInfo, (e: Error) => setError(e.message));
  }, []);
  return (
    <Modal
      title={t.about.title}
      onClose={onClose}
      footer={
        <button type="button" className="primary" onClick={onClose}>
          {t.common.close}
        </button>
      }
    >
      <p>{t.about.text}</p>
      {error && <p className="error-text">{error}</p>}
      {info && (
        <dl className="facts compact">
          <dt>{t.about.version}</dt>
          <dd>
            {info.name} {info.version}
          </dd>
          <dt>{t.about.platform}</dt>
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
