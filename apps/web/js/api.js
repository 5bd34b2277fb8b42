// The API client: the short-lived access token lives in memory only; the refresh token is an
// httpOnly cookie the page never sees. On load and on a 401 the page renews through that cookie
// (one renewal at a time across tabs), so a new tab or a reload stays signed in.
import { lang } from './i18n.js';

export class ApiError extends Error {
  constructor(status, body) {
    // The server sends Chinese in `message` and English in `messageEn`; `detail` names the record or field.
    const text = body && (lang() === 'en' ? body.messageEn || body.message : body.message);
    super(text || (body && body.error) || `HTTP ${status}`);
    this.status = status;
    this.code = body && body.error;
    this.fields = body && body.fields;
    this.body = body;
  }
}

let session = null;
let renewing = null;
const listeners = new Set();
// Sessions used to be kept in sessionStorage: drop what an older version left there.
try {
  sessionStorage.removeItem('tracker.session');
} catch {
  /* storage may be unavailable */
}
const channel =
  typeof BroadcastChannel === 'function' ? new BroadcastChannel('tracker.session') : null;

// Whether this browser holds a refresh cookie, as far as the page knows: the cookie itself is
// httpOnly, and without this mark every first visit would ask the server to renew and get a 401.
const MARK = 'tracker.signedIn';
function mark(on) {
  try {
    if (on) localStorage.setItem(MARK, '1');
    else localStorage.removeItem(MARK);
  } catch {
    /* storage may be unavailable */
  }
}
function marked() {
  try {
    return localStorage.getItem(MARK) === '1';
  } catch {
    return true; // without storage, ask the server as before
  }
}

function save(next, { broadcast = true } = {}) {
  const wasSignedIn = Boolean(session);
  session = next;
  mark(Boolean(next));
  if (!next && wasSignedIn && broadcast && channel) channel.postMessage('signed-out');
  for (const fn of listeners) fn(session);
}

// Another tab signed out: this tab's session is over too.
if (channel)
  channel.onmessage = (e) => {
    if (e.data === 'signed-out' && session) save(null, { broadcast: false });
  };

export const signedIn = () => Boolean(session && session.accessToken);
export const onSessionChange = (fn) => listeners.add(fn);

export async function login(username, password) {
  const res = await fetch('/api/auth/login', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, body);
  save({ accessToken: body.accessToken });
}

/** Opens a unit's account from an invitation and signs in with it (the refresh cookie comes with the answer). */
export async function acceptInvitation(id, body) {
  const res = await fetch(`/api/invitations/${encodeURIComponent(id)}/accept`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  });
  const data = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, data);
  save({ accessToken: data.accessToken });
}

// Rotation makes each refresh cookie single-use, so two tabs renewing at once would look like a
// stolen token: where the browser has Web Locks, renewals of all tabs take turns.
function inTurn(fn) {
  if (typeof navigator !== 'undefined' && navigator.locks && navigator.locks.request) {
    return navigator.locks.request('tracker.refresh', fn);
  }
  return fn();
}

async function renewOnce() {
  const res = await fetch('/api/auth/refresh', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: '{}',
  });
  if (!res.ok) return false;
  const body = await res.json();
  save({ accessToken: body.accessToken });
  return true;
}

function renew() {
  if (!renewing) {
    renewing = inTurn(renewOnce)
      .catch(() => false)
      .finally(() => {
        renewing = null;
      });
  }
  return renewing;
}

/** On page load: resumes the session from the refresh cookie, if there is one. */
export async function restore() {
  if (session) return true;
  if (!marked()) return false;
  const resumed = await renew();
  if (!resumed) mark(false);
  return resumed;
}

export async function logout() {
  if (session) {
    // A stale access token is renewed first, so the session really ends and the cookie is cleared.
    await request('POST', '/api/auth/logout').catch(() => undefined);
  }
  save(null);
}

export function forget() {
  save(null);
}

/** A JSON request; `raw: true` returns the Response (for downloads). */
export async function request(method, path, body, opts = {}) {
  const attempt = async () => {
    const headers = { Accept: opts.raw ? '*/*' : 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (session && session.accessToken) headers.Authorization = `Bearer ${session.accessToken}`;
    return fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  };
  let res = await attempt();
  if (res.status === 401 && opts.retry !== false && session) {
    if (await renew()) res = await attempt();
    else {
      save(null);
    }
  }
  if (opts.raw && res.ok) return res;
  if (res.status === 204) return null;
  const text = await res.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = text;
  }
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

export const get = (path) => request('GET', path);
export const post = (path, body = {}) => request('POST', path, body);
export const put = (path, body = {}) => request('PUT', path, body);

export function qs(params) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** Sends a file as the raw request body (application/octet-stream); answers like `request`. */
export async function upload(path, blob) {
  const attempt = () =>
    fetch(path, {
      method: 'POST',
      headers: {
        Accept: 'application/json',
        'Content-Type': 'application/octet-stream',
        ...(session && session.accessToken
          ? { Authorization: `Bearer ${session.accessToken}` }
          : {}),
      },
      body: blob,
    });
  let res = await attempt();
  if (res.status === 401 && session) {
    if (await renew()) res = await attempt();
    else save(null);
  }
  const text = await res.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = text;
  }
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

/** Downloads a file from an authorised route: fetch, then save through a temporary link. */
export async function download(path, fallbackName) {
  const res = await request('GET', path, undefined, { raw: true });
  const disposition = res.headers.get('Content-Disposition') || '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const plain = /filename="([^"]+)"/i.exec(disposition);
  const name = star ? decodeURIComponent(star[1]) : plain ? plain[1] : fallbackName;
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
