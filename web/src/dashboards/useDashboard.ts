import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type DashboardQuery } from '../api';
import { useAnnounce } from '../components/LiveRegion';
import { useFormat } from '../format';
import { useDashboardLive } from '../signalr';
import type { DashboardName } from '../types';
import { useLoad } from '../useLoad';

export interface DashboardState<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
  /** The past time the shown figures are from; undefined for the live figures. */
  at?: string;
  /** When a live update last replaced the figures (null: not since they were loaded). */
  liveUpdatedAt: Date | null;
}

/**
 * A dashboard's figures: loaded with GET /api/dashboards/{dashboard}?{query}, then kept current
 * over SignalR — every `dashboardChanged` for this dashboard and the query's scope replaces the
 * figures and is announced in the live region. The scope watched is the one the GET answered for
 * (the server picks and normalises it: a theme typed "Ikäihmiset" is watched as the server's
 * "theme:ikäihmiset"), so the client never builds a scope of its own. With `query.at` the figures
 * are those of that past time, and nothing is watched, so no live update replaces them.
 */
export function useDashboard<T>(dashboard: DashboardName, query: DashboardQuery): DashboardState<T> {
  const { t } = useTranslation();
  const fmt = useFormat();
  const announce = useAnnounce();
  const key = JSON.stringify([dashboard, query]);
  const loaded = useLoad<{ figures: T; at?: string }>(key, (signal) =>
    api.dashboard<T>(dashboard, query, signal).then((figures) => ({ figures, at: query.at })),
  );
  const [live, setLive] = useState<{ key: string; at: Date } | null>(null);

  const { replace } = loaded;
  const onData = useCallback(
    (figures: T) => {
      const now = new Date();
      replace({ figures });
      setLive({ key, at: now });
      announce(t('live.updated', { time: fmt.time(now) }));
    },
    [replace, key, announce, t, fmt],
  );
  const answeredFor = (loaded.data?.figures as { scope?: string } | undefined)?.scope;
  useDashboardLive<T>(dashboard, query.at || loaded.loading ? null : answeredFor ?? null, onData);

  return {
    data: loaded.data?.figures ?? null,
    error: loaded.error,
    loading: loaded.loading,
    at: loaded.data?.at,
    liveUpdatedAt: live?.key === key ? live.at : null,
  };
}
