import { useCallback, useEffect, useState } from 'react';

export interface Loaded<T> { data: T | null; error: unknown; loading: boolean }

/**
 * Runs `load` whenever `key` changes, aborting the previous request. The last figures stay on
 * screen while the next ones load; an error clears them. `replace` swaps in newer data (e.g. a push).
 */
export function useLoad<T>(key: string, load: (signal: AbortSignal) => Promise<T>): Loaded<T> & { replace: (data: T) => void } {
  const [state, setState] = useState<Loaded<T>>({ data: null, error: null, loading: true });

  useEffect(() => {
    const ctl = new AbortController();
    setState((s) => ({ ...s, loading: true, error: null }));
    load(ctl.signal)
      .then((data) => setState({ data, error: null, loading: false }))
      .catch((error) => {
        if ((error as Error)?.name !== 'AbortError') setState({ data: null, error, loading: false });
      });
    return () => ctl.abort();
    // `load` is a new closure every render; what it depends on is in `key`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const replace = useCallback((data: T) => setState({ data, error: null, loading: false }), []);
  return { ...state, replace };
}
