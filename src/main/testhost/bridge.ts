import { bridgeTable, DROP_CHANNEL, EVENT_CHANNELS } from '../../shared/ipc/contract';

/**
 * The browser-side bridge the test host injects instead of the Electron preload: the same
 * `window.vmbd` API, implemented over HTTP (invoke) and Server-Sent Events (events), with the
 * per-run token from the page URL.
 */
export function bridgeSource(): string {
  return `(() => {
  'use strict';
  const token = new URLSearchParams(location.search).get('token') || '';
  const TABLE = ${JSON.stringify(bridgeTable())};
  const EVENTS = ${JSON.stringify(EVENT_CHANNELS)};
  // a dropped file's path reaches main before any request that could open it (the preload's send is ordered too)
  let dropped = Promise.resolve();
  const call = async (channel, req) => {
    await dropped;
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
  // one function per request method of the contract's map, packing its arguments like the preload
  const api = {};
  for (const [method, { channel, params }] of Object.entries(TABLE)) {
    api[method] = (...args) => {
      if (params === 'none') return call(channel);
      if (params === 'request') return call(channel, args[0]);
      const req = {};
      params.forEach((name, i) => { req[name] = args[i]; });
      return call(channel, req);
    };
  }
  Object.assign(api, {
    on: (event, listener) => {
      if (!EVENTS.includes(event)) throw new Error('unknown event ' + event);
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event).add(listener);
      return () => listeners.get(event).delete(listener);
    },
    // the test's File names carry the path (a browser File has none); main records it as dropped
    pathForFile: (file) => {
      const path = file.name;
      if (path) {
        const report = () => fetch('./' + ${JSON.stringify(DROP_CHANNEL)}, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Vmbd-Token': token }, body: JSON.stringify(path) });
        dropped = dropped.then(report).then(() => undefined, () => undefined);
      }
      return path;
    },
  });
  Object.freeze(api);
  Object.defineProperty(window, 'vmbd', { value: api, writable: false, configurable: false });
})();
`;
}
