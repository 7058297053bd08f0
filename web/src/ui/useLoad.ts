import { useCallback, useEffect, useState } from 'react';

/** Loads data with `fn` whenever `deps` change; `reload()` fetches again. */
export function useLoad<T>(
  fn: () => Promise<T>,
  deps: readonly unknown[],
): { data: T | null; error: unknown; loading: boolean; reload: () => void; setData: (d: T) => void } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [n, setN] = useState(0);
  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    fn()
      .then((d) => {
        if (live) setData(d);
      })
      .catch((e: unknown) => {
        if (live) {
          setError(e);
          setData(null);
        }
      })
      .finally(() => {
        if (live) setLoading(false);
      });
    return () => {
      live = false;
    };
    // `fn` is deliberately not a dependency: callers pass an inline function and list what it reads in `deps`.
  }, [...deps, n]);
  const reload = useCallback(() => setN((x) => x + 1), []);
  return { data, error, loading, reload, setData };
}
