// Raw uploads (the scanned component is the request body, typed by its content type), which openapi-fetch does
// not send; the CSRF token and language come from the same places as the typed client's.
import { getSession } from '../auth/session';
import { getLang } from '../prefs';
import { ApiError, isProblem, type Ok } from './client';

export type StoredFile = Ok<'/api/files', 'post'>;

export async function uploadFile(unitId: string, file: File): Promise<StoredFile> {
  const qs = new URLSearchParams({ unitId, name: file.name.slice(0, 200) });
  const headers: Record<string, string> = { 'Content-Type': file.type || 'application/octet-stream', 'Accept-Language': getLang() };
  const csrf = getSession().csrfToken;
  if (csrf) headers['x-csrf-token'] = csrf;
  const r = await fetch(`/api/files?${qs.toString()}`, { method: 'POST', body: file, headers, credentials: 'same-origin' });
  const body: unknown = await r.json().catch(() => null);
  if (!r.ok) throw new ApiError(isProblem(body) ? body : null, r.status);
  return body as StoredFile;
}

/** POST with a raw text or JSON body (catalogue import), answering the JSON body or throwing ApiError with the problem. */
export async function postRaw<T>(path: string, body: string, contentType: string): Promise<T> {
  const headers: Record<string, string> = { 'Content-Type': contentType, 'Accept-Language': getLang() };
  const csrf = getSession().csrfToken;
  if (csrf) headers['x-csrf-token'] = csrf;
  const r = await fetch(path, { method: 'POST', body, headers, credentials: 'same-origin' });
  const json: unknown = await r.json().catch(() => null);
  if (!r.ok) throw new ApiError(isProblem(json) ? json : null, r.status);
  return json as T;
}
