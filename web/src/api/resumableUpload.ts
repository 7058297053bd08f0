// Resumable upload for weak networks (citizens on 2G/3G, counters with a shaky line): the file's SHA-256 is
// computed here, the upload declared (POST /api/uploads), then the file goes in chunks at the offset the
// server has. A dropped connection or a 5xx waits (longer each time, and for the `online` event when the
// browser is offline), asks the server how far it got (GET) and goes on from there: at most one chunk is sent
// twice, and the server counts it once. The server checks the whole file's SHA-256 at the end.
// Dependency-free; the CSRF token is the caller's (the citizen portal's) or the staff session's.
import { getSession } from '../auth/session';
import { getLang } from '../prefs';
import { ApiError, isProblem, type Problem } from './client';

export type UploadedFile = { id: string; sha256: string; mime: string; pages: number; sizeBytes: number };

export type ResumableOptions = {
  /** For officers: the unit the file is received for. A citizen leaves it out. */
  unitId?: string;
  onProgress?: (sent: number, total: number) => void;
  signal?: AbortSignal;
  /** The session's CSRF token (the citizen portal passes its own); defaults to the staff session's. */
  csrfToken?: string | null;
  /** Refused here before hashing (the server's MOTCUA_UPLOAD_LIMIT_BYTES; default 20 MiB). */
  maxBytes?: number;
  /** Failures in a row, without progress, before giving up (default 8). */
  maxRetries?: number;
  /** The file's SHA-256 when the caller has it already (not hashed again). */
  sha256?: string;
  /** Continues this upload (started before a reload): its offset is asked first, and an upload the server gave up
   * (expired or failed) is reported as such rather than started again. */
  uploadId?: string;
  /** The upload's id once declared (the caller may keep it to continue after a reload). */
  onDeclared?: (uploadId: string) => void;
};

type UploadView = {
  id: string;
  chunkSize: number;
  receivedBytes: number;
  sizeBytes: number;
  status: 'open' | 'complete' | 'failed';
  failure: string | null;
  file: UploadedFile | null;
};
type ChunkAnswer = { receivedBytes: number; complete: boolean; file?: UploadedFile };

const CHUNK_TYPE = 'application/offset+octet-stream';
const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

/** A network failure or a server answer worth retrying (5xx, 408, 429). */
class Transient extends Error {}

export async function uploadResumable(file: File, opts: ResumableOptions = {}): Promise<UploadedFile> {
  const { signal } = opts;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  if (file.size > maxBytes) throw localProblem(413, 'body-too-large', `Tệp quá lớn (tối đa ${maxBytes} byte).`);
  if (file.size === 0) throw localProblem(400, 'validation-failed', 'Tệp rỗng.');
  const sha256 = opts.sha256 ?? (await sha256Hex(file));
  signal?.throwIfAborted();

  const headers = (extra: Record<string, string> = {}): Record<string, string> => {
    const h: Record<string, string> = { 'Accept-Language': getLang(), ...extra };
    const csrf = opts.csrfToken ?? getSession().csrfToken;
    if (csrf) h['x-csrf-token'] = csrf;
    return h;
  };
  const call = async <T>(method: string, url: string, body?: BodyInit, extra?: Record<string, string>): Promise<T> => {
    let r: Response;
    try {
      r = await fetch(url, { method, body: body ?? null, headers: headers(extra), credentials: 'same-origin', signal: signal ?? null });
    } catch (e) {
      if (signal?.aborted) throw e;
      throw new Transient(e instanceof Error ? e.message : String(e));
    }
    const json: unknown = await r.json().catch(() => null);
    if (r.status >= 500 || r.status === 408 || r.status === 429) throw new Transient(`HTTP ${r.status}`);
    if (!r.ok) throw new ApiError(isProblem(json) ? json : null, r.status);
    return json as T;
  };

  let failures = 0;
  const maxRetries = opts.maxRetries ?? 8;
  /** Runs `step`, waiting and retrying after transient failures; progress resets the count. */
  const retrying = async <T>(step: () => Promise<T>): Promise<T> => {
    for (;;) {
      try {
        return await step();
      } catch (e) {
        if (!(e instanceof Transient) || ++failures > maxRetries) throw e;
        await backOff(failures, signal);
      }
    }
  };

  const declare = () =>
    retrying(() =>
      call<UploadView>(
        'POST',
        '/api/uploads',
        JSON.stringify({
          fileName: file.name.slice(0, 200) || 'tep',
          sizeBytes: file.size,
          sha256,
          ...(opts.unitId ? { unitId: opts.unitId } : {}),
        }),
        { 'Content-Type': 'application/json' },
      ),
    );

  // Continuing: how far the server got (a 404 or 410 means it gave the upload up); otherwise declared afresh.
  const resumeId = opts.uploadId;
  let upload = resumeId ? await retrying(() => call<UploadView>('GET', `/api/uploads/${resumeId}`)) : await declare();
  opts.onDeclared?.(upload.id);
  let offset = upload.receivedBytes;
  let expiredOnce = !!resumeId;
  let resync = false;
  opts.onProgress?.(offset, file.size);
  for (;;) {
    try {
      if (resync) {
        // The chunk may have arrived although its answer did not: ask before sending again.
        const id = upload.id;
        upload = await retrying(() => call<UploadView>('GET', `/api/uploads/${id}`));
        offset = upload.receivedBytes;
        resync = false;
        opts.onProgress?.(offset, file.size);
      }
      if (upload.status === 'complete' && upload.file) return upload.file;
      if (upload.status === 'failed')
        throw localProblem(upload.failure === 'upload-expired' ? 410 : 422, upload.failure ?? 'upload-failed', 'Tải tệp không thành công.');
      const end = Math.min(offset + upload.chunkSize, file.size);
      const answer = await call<ChunkAnswer>('PATCH', `/api/uploads/${upload.id}`, file.slice(offset, end), {
        'Content-Type': CHUNK_TYPE,
        'Upload-Offset': String(offset),
      });
      if (answer.receivedBytes > offset) failures = 0;
      offset = answer.receivedBytes;
      opts.onProgress?.(offset, file.size);
      if (answer.complete && answer.file) return answer.file;
    } catch (e) {
      if (e instanceof ApiError && e.problem?.code === 'upload-offset-mismatch' && typeof e.problem.received === 'number') {
        offset = e.problem.received; // the server says where to go on from
        continue;
      }
      if (e instanceof ApiError && e.problem?.code === 'upload-expired' && !expiredOnce) {
        expiredOnce = true; // a day passed without finishing: start the file again, once
        upload = await declare();
        opts.onDeclared?.(upload.id);
        offset = upload.receivedBytes;
        continue;
      }
      if (!(e instanceof Transient) || ++failures > maxRetries) throw e;
      await backOff(failures, signal);
      resync = true;
    }
  }
}

/** SHA-256 of the file as lowercase hex (the file is at most the upload limit, so it is read whole). */
export async function sha256Hex(file: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Waits 1 s, 2 s, 4 s … (at most 30 s, with jitter); when the browser is offline, until it is online again. */
async function backOff(attempt: number, signal: AbortSignal | undefined): Promise<void> {
  const ms = Math.min(30_000, 1000 * 2 ** (attempt - 1)) * (0.75 + Math.random() * 0.5);
  await new Promise<void>((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      window.removeEventListener('online', done);
      signal?.removeEventListener('abort', aborted);
      resolve();
    };
    const aborted = () => {
      clearTimeout(timer);
      window.removeEventListener('online', done);
      reject(signal?.reason instanceof Error ? signal.reason : new DOMException('Aborted', 'AbortError'));
    };
    // Offline: no point in a timer, the `online` event says when to try. Online: the timer.
    const timer = navigator.onLine ? setTimeout(done, ms) : undefined;
    if (!navigator.onLine) window.addEventListener('online', done, { once: true });
    if (signal?.aborted) aborted();
    else signal?.addEventListener('abort', aborted, { once: true });
  });
}

function localProblem(status: number, code: string, detail: string): ApiError {
  const p: Problem = { code, detail, status };
  return new ApiError(p, status);
}
