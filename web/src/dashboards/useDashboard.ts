import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAnnounce } from '../components/LiveRegion';
import { useFormat } from '../format';
import { useDashboardLive } from '../signalr';
import type { DashboardName } from '../types';

export interface DashboardState<T> { data: T | null; error: unknown; loading: boolean }

/**
 * Loads a dashboard's figures with `load`, then keeps them current from SignalR: every
 * `dashboardChanged` message for this dashboard and scope replaces the figures and is announced.
 */
export function useDashboard<T>(
  dashboard: DashboardName,
  scope: string,
  paramsKey: string,
  load: (signal: AbortSignal) => Promise<T>,
): DashboardState<T> {
  const { t } = useTranslation();
  const fmt = useFormat();
  const announce = useAnnounce();
  const [state, setState] = useState<DashboardState<T>>({ data: null, error: null, loading: true });

  useEffect(() => {
    const ctl = new AbortController();
    setState((s) => ({ ...s, loading: true, error: null }));
    load(ctl.signal)
      .then((data) => setState({ data, error: null, loading: false }))
      .catch((error) => {
        if ((error as Error)?.name !== 'AbortError') setState({ data: null, error, loading: false });
      });
    return () => ctl.abort();
    // `load` is a new closure every render; the parameters it uses are in paramsKey.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [dashboard, paramsKey]);

  const onData = useCallback(
    (data: T) => {
      setState({ data, error: null, loading: false });
      announce(t('live.updated', { time: fmt.time(new Date()) }));
    },
    [announce, t, fmt],
  );
  useDashboardLive<T>(dashboard, scope, onData);
  return state;
}
