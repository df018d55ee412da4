import { API_CHANNELS, EVENT_CHANNELS } from '../../shared';

/**
 * The browser-side bridge the test host injects instead of the Electron preload: the same
 * `window.vmbd` API, implemented over HTTP (invoke) and Server-Sent Events (events), with the
 * per-run token from the page URL.
 */
export function bridgeSource(): string {
  return `(() => {
  'use strict';
  const token = new URLSearchParams(location.search).get('token') || '';
  const CH = ${JSON.stringify(API_CHANNELS)};
  const EVENTS = ${JSON.stringify(EVENT_CHANNELS)};
  const call = async (channel, req) => {
    const res = await fetch('./ipc/' + encodeURIComponent(channel), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Vmbd-Token': token },
      body: JSON.stringify(req === undefined ? null : req),
    });
    const body = await res.json();
    if (!body.ok) throw new Error(body.error);
    return body.value === null ? undefined : body.value;
  };
  const listeners = new Map();
  const es = new EventSource('./events?token=' + encodeURIComponent(token));
  es.onmessage = (m) => {
    const { event, payload } = JSON.parse(m.data);
    for (const l of listeners.get(event) || []) l(payload);
  };
  const api = {
    openPaths: (paths, options) => call(CH.openPaths, { paths, options }),
    pickAndOpen: (mode, options) => call(CH.pickAndOpen, { mode, options }),
    openSample: (options) => call(CH.openSample, { options }),
    cancel: () => call(CH.cancel),
    recent: () => call(CH.recent),
    queryLogs: (q) => call(CH.queryLogs, q),
    locateLog: (r) => call(CH.locateLog, r),
    previewReport: (r) => call(CH.previewReport, r),
    exportReport: (r) => call(CH.exportReport, r),
    openDocs: (url) => call(CH.openDocs, { url }),
    appInfo: () => call(CH.appInfo),
    sshCollect: (r) => call(CH.sshCollect, r),
    sshAnswer: (a) => call(CH.sshAnswer, a),
    sshCancel: () => call(CH.sshCancel),
    on: (event, listener) => {
      if (!EVENTS.includes(event)) throw new Error('unknown event ' + event);
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event).add(listener);
      return () => listeners.get(event).delete(listener);
    },
    pathForFile: (file) => file.name,
  };
  Object.freeze(api);
  Object.defineProperty(window, 'vmbd', { value: api, writable: false, configurable: false });
})();
`;
}
