// The API client: bearer tokens kept in sessionStorage, renewed once (single flight) on a 401.
import { lang } from './i18n.js';

const KEY = 'tracker.session';

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
try { session = JSON.parse(sessionStorage.getItem(KEY) || 'null'); } catch { session = null; }
let renewing = null;
const listeners = new Set();

function save(next) {
  session = next;
  if (next) sessionStorage.setItem(KEY, JSON.stringify(next));
  else sessionStorage.removeItem(KEY);
  for (const fn of listeners) fn(session);
}

export const signedIn = () => Boolean(session && session.accessToken);
export const onSessionChange = (fn) => listeners.add(fn);

export async function login(username, password) {
  const res = await fetch('/api/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, body);
  save({ accessToken: body.accessToken, refreshToken: body.refreshToken });
}

async function renew() {
  if (!session || !session.refreshToken) return false;
  if (!renewing) {
    const refreshToken = session.refreshToken;
    renewing = fetch('/api/auth/refresh', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ refreshToken }),
    })
      .then(async (res) => {
        if (!res.ok) return false;
        const body = await res.json();
        save({ accessToken: body.accessToken, refreshToken: body.refreshToken });
        return true;
      })
      .catch(() => false)
      .finally(() => { renewing = null; });
  }
  return renewing;
}

export async function logout() {
  if (session) {
    await request('POST', '/api/auth/logout', undefined, { retry: false }).catch(() => undefined);
  }
  save(null);
}

export function forget() { save(null); }

/** A JSON request; `raw: true` returns the Response (for downloads). */
export async function request(method, path, body, opts = {}) {
  const attempt = async () => {
    const headers = { Accept: opts.raw ? '*/*' : 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (session && session.accessToken) headers.Authorization = `Bearer ${session.accessToken}`;
    return fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  };
  let res = await attempt();
  if (res.status === 401 && opts.retry !== false && session) {
    if (await renew()) res = await attempt();
    else { save(null); }
  }
  if (opts.raw && res.ok) return res;
  if (res.status === 204) return null;
  const text = await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = text; }
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

export const get = (path) => request('GET', path);
export const post = (path, body = {}) => request('POST', path, body);
export const put = (path, body = {}) => request('PUT', path, body);

export function qs(params) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
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
