// Work on content a client sent (PDF inspection of every upload, signature verification of a form) runs in a
// small pool of worker threads (piscina), never on the event loop: each task has a time limit (the thread is
// ended when it runs over), each thread a heap limit (`resourceLimits`), and the inspection itself limits what a
// PDF may inflate to and how many objects it may hold (./inspect.ts). Whatever goes past a limit answers
// 422 `file-too-complex`; a full queue answers 503. Idle threads end after a minute and hold no process open.
import os from 'node:os';
import Piscina from 'piscina';
import { Problem } from '../../domain/problems';
import { SIGNATURE_MAX_BYTES, type Verification } from '../../forms/signing';
import type { Outcome, PdfLimits, Task } from './inspect';

export type UntrustedLimits = PdfLimits & {
  /** Time one PDF inspection may take, in the worker, including the wait for a free thread. */
  pdfMs: number;
  /** Time one signature verification may take. */
  verifyMs: number;
  /** Largest PKCS#7 signature read. */
  signatureBytes: number;
  /** Heap of each worker thread. */
  heapMb: number;
};

const MiB = 1024 * 1024;

export const DEFAULT_UNTRUSTED_LIMITS: UntrustedLimits = {
  inflatedBytes: 64 * MiB,
  objects: 100_000,
  pdfMs: 20_000,
  verifyMs: 10_000,
  signatureBytes: SIGNATURE_MAX_BYTES,
  heapMb: 256,
};

/** Largest body of POST /api/forms/verify: the forms Motcua signs are far smaller. */
export const VERIFY_BODY_LIMIT = 10 * MiB;

export class UntrustedContent {
  private pool: Piscina<Task, Outcome<unknown>> | null = null;
  readonly limits: UntrustedLimits;

  constructor(limits: Partial<UntrustedLimits> = {}) {
    this.limits = { ...DEFAULT_UNTRUSTED_LIMITS, ...limits };
  }

  private get workers(): Piscina<Task, Outcome<unknown>> {
    this.pool ??= new Piscina({
      filename: new URL('./worker.mjs', import.meta.url).href,
      minThreads: 0,
      maxThreads: Math.max(1, Math.min(2, os.availableParallelism() - 1)),
      idleTimeout: 60_000,
      maxQueue: 64,
      resourceLimits: { maxOldGenerationSizeMb: this.limits.heapMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
    });
    return this.pool;
  }

  private async run<T>(task: Task, ms: number): Promise<T> {
    let outcome: Outcome<unknown>;
    try {
      outcome = await this.workers.run(task, { signal: AbortSignal.timeout(ms) });
    } catch (e) {
      const err = e as { name?: string; code?: string; message?: string };
      if (err.name === 'AbortError')
        throw new Problem('file-too-complex', { limit: ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s` });
      if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') throw new Problem('file-too-complex', { limit: `${this.limits.heapMb} MiB memory` });
      if (err.message === 'Task queue is at limit') throw new Problem('service-unavailable');
      throw e;
    }
    if (!outcome.ok) throw new Problem(outcome.code, { limit: outcome.limit ?? '' });
    return outcome.value as T;
  }

  /** Starts a thread ahead of the first task (which would otherwise wait for the thread to load its modules). */
  warm(): void {
    this.workers.run({ kind: 'warm' }).catch(() => undefined);
  }

  /** The page count of a PDF, inspected off the event loop within the limits. */
  pdfPages(bytes: Buffer): Promise<number> {
    const { inflatedBytes, objects } = this.limits;
    return this.run<number>({ kind: 'pdf-pages', bytes, limits: { inflatedBytes, objects } }, this.limits.pdfMs);
  }

  /** A form's signature verified off the event loop within the limits. */
  verifySignature(bytes: Buffer): Promise<Verification> {
    return this.run<Verification>({ kind: 'verify', bytes, signatureBytes: this.limits.signatureBytes }, this.limits.verifyMs);
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    await pool?.destroy();
  }
}
