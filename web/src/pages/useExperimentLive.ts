import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api';
import type { ExperimentState, HistoryEvent } from '../types';

/** How often an open experiment asks whether it moved on (its version); the history is read only when it did. */
export const LIVE_INTERVAL_MS = 2000;

/** An experiment and its history, kept current while the page is open, so another person's change shows by itself. */
export function useExperimentLive(id: string) {
  const [state, setState] = useState<ExperimentState | null>(null);
  const [history, setHistory] = useState<HistoryEvent[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const version = useRef<number | null>(null);

  const refresh = useCallback(async (signal?: AbortSignal) => {
    try {
      const next = await api.experiment(id, signal);
      setError(null);
      if (next.version === version.current) return;
      version.current = next.version;
      setState(next);
      setHistory(await api.history(id, signal).catch(() => []));
    } catch (e) {
      if ((e as Error)?.name === 'AbortError') return;
      // A lost connection keeps what is on screen; only a first load shows the error.
      if (version.current === null) setError(e);
    }
  }, [id]);

  useEffect(() => {
    const ctl = new AbortController();
    version.current = null;
    setState(null);
    setHistory(null);
    setError(null);
    void refresh(ctl.signal);
    const timer = window.setInterval(() => {
      if (document.visibilityState !== 'hidden') void refresh(ctl.signal);
    }, LIVE_INTERVAL_MS);
    return () => {
      ctl.abort();
      window.clearInterval(timer);
    };
  }, [refresh]);

  return { state, history, error, refresh: () => void refresh() };
}
