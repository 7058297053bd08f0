// Uploads that have not finished survive a reload (or the phone closing the browser): when the citizen picks a file
// for an application's component, the file itself is kept in this browser's IndexedDB (idb-keyval) with the id of its
// resumable upload, until the upload completes; the draft then holds the stored file's id as before. Reopening the
// application continues each kept file from the offset the server has. Two keys per file: the small description
// (written again when the upload id is known) and the bytes (written once). Storage full or unavailable: nothing is
// kept, and the upload goes on as before (a reload then means picking the file again).
import { delMany, get, keys, set, setMany } from 'idb-keyval';

export type PendingUpload = {
  key: string;
  citizenId: string;
  applicationId: string;
  componentId: string;
  name: string;
  type: string;
  sizeBytes: number;
  sha256: string;
  /** The server's upload id, once declared. */
  uploadId: string | null;
  createdAt: number;
};

const PREFIX = 'portal-upload:';
const BLOB_PREFIX = 'portal-upload-blob:';

const keyOf = (p: Pick<PendingUpload, 'citizenId' | 'applicationId' | 'componentId' | 'sha256' | 'sizeBytes'>) =>
  `${p.citizenId}:${p.applicationId}:${p.componentId}:${p.sha256}:${p.sizeBytes}`;

/** Keeps the picked file until its upload completes; answers its key, or null when it could not be kept. */
export async function keepPendingUpload(
  file: File,
  where: { citizenId: string; applicationId: string; componentId: string },
  sha256: string,
): Promise<string | null> {
  const meta: PendingUpload = {
    ...where,
    key: '',
    name: file.name,
    type: file.type,
    sizeBytes: file.size,
    sha256,
    uploadId: null,
    createdAt: Date.now(),
  };
  meta.key = keyOf(meta);
  try {
    await setMany([
      [BLOB_PREFIX + meta.key, file],
      [PREFIX + meta.key, meta],
    ]);
    return meta.key;
  } catch {
    // QuotaExceededError, private mode, storage disabled: the upload goes on without a copy here.
    await delMany([BLOB_PREFIX + meta.key, PREFIX + meta.key]).catch(() => undefined);
    return null;
  }
}

/** Records the server's upload id of a kept file. */
export async function setPendingUploadId(key: string, uploadId: string): Promise<void> {
  try {
    const meta = await get<PendingUpload>(PREFIX + key);
    if (meta && meta.uploadId !== uploadId) await set(PREFIX + key, { ...meta, uploadId });
  } catch {
    // not kept: the upload is declared again after a reload, and the server answers the open one
  }
}

/** The files of an application component still to upload, oldest first, each with its bytes. */
export async function pendingUploads(
  citizenId: string,
  applicationId: string,
  componentId: string,
): Promise<{ meta: PendingUpload; file: File }[]> {
  try {
    const prefix = `${PREFIX}${citizenId}:${applicationId}:${componentId}:`;
    const found = (await keys()).filter((k): k is string => typeof k === 'string' && k.startsWith(prefix));
    const out: { meta: PendingUpload; file: File }[] = [];
    for (const k of found) {
      const meta = await get<PendingUpload>(k);
      const blob = meta ? await get<Blob>(BLOB_PREFIX + meta.key) : undefined;
      if (!meta || !blob) {
        await delMany([k, BLOB_PREFIX + k.slice(PREFIX.length)]);
        continue;
      }
      const file = blob instanceof File ? blob : new File([blob], meta.name, { type: meta.type });
      out.push({ meta, file });
    }
    return out.sort((a, b) => a.meta.createdAt - b.meta.createdAt);
  } catch {
    return [];
  }
}

/** The upload completed (or cannot be continued): the kept copy goes. */
export async function forgetPendingUpload(key: string): Promise<void> {
  await delMany([PREFIX + key, BLOB_PREFIX + key]).catch(() => undefined);
}

/** Every kept file of a citizen (signing out of a shared device), or of one of their applications (submitted or
 * discarded). */
export async function forgetPendingUploads(citizenId: string, applicationId?: string): Promise<void> {
  try {
    const scope = `${citizenId}:${applicationId ? `${applicationId}:` : ''}`;
    const found = (await keys()).filter(
      (k): k is string => typeof k === 'string' && (k.startsWith(PREFIX + scope) || k.startsWith(BLOB_PREFIX + scope)),
    );
    if (found.length) await delMany(found);
  } catch {
    // storage unavailable: nothing was kept
  }
}
