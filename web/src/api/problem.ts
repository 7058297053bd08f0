// Problem documents (RFC 9457) as the server sends them, and the error `must()` throws: no side effects, so
// pure modules and their tests can import them without the browser's client.
/** RFC 9457 problem document as the server sends it. */
export type Problem = { code: string; detail: string; status: number; [k: string]: unknown };

export function isProblem(v: unknown): v is Problem {
  return typeof v === 'object' && v !== null && typeof (v as Problem).code === 'string' && typeof (v as Problem).detail === 'string';
}

/** Thrown by `must()` so pages can show the server's problem detail. */
export class ApiError extends Error {
  constructor(
    readonly problem: Problem | null,
    readonly status: number,
  ) {
    super(problem?.detail ?? `HTTP ${status}`);
  }
}
