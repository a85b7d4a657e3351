import type { TFunction } from 'i18next';
import { useCallback, useRef, useState } from 'react';
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

/** Dashboards the server pushes itself; the others are read again when the scope's funnel moves. */
const PUSHED: DashboardName[] = ['funnel', 'pilots', 'participation'];

/**
 * A dashboard's figures: loaded with GET /api/dashboards/{dashboard}?{query}, then kept current
 * over SignalR — every `dashboardChanged` for this dashboard and the query's scope replaces the
 * figures, and the live region says what changed (`describe`), not only that something did. The
 * scope watched is the one the GET answered for (the server picks and normalises it), so the client
 * never builds a scope of its own. With `query.at` the figures are those of that past time, and
 * nothing is watched.
 */
export function useDashboard<T>(
  dashboard: DashboardName,
  query: DashboardQuery,
  describe?: (before: T | null, after: T) => string | null,
): DashboardState<T> {
  const { t } = useTranslation();
  const fmt = useFormat();
  const announce = useAnnounce();
  const key = JSON.stringify([dashboard, query]);
  const loaded = useLoad<{ figures: T; at?: string }>(key, (signal) =>
    api.dashboard<T>(dashboard, query, signal).then((figures) => ({ figures, at: query.at })),
  );
  const [live, setLive] = useState<{ key: string; at: Date } | null>(null);
  const shown = useRef<T | null>(null);
  shown.current = loaded.data?.figures ?? null;

  const { replace } = loaded;
  const onData = useCallback(
    (figures: T) => {
      // The answer to Watch (or a reconnect's) is usually what is shown already: nothing to announce.
      if (JSON.stringify(figures) === JSON.stringify(shown.current)) return;
      const now = new Date();
      const what = describe?.(shown.current, figures) ?? null;
      replace({ figures });
      setLive({ key, at: now });
      announce(what ? t('live.updatedWhat', { time: fmt.time(now), what }) : t('live.updated', { time: fmt.time(now) }));
    },
    [replace, key, announce, t, fmt, describe],
  );
  // A period's figures are not what the server pushes (all-time totals): read them again instead.
  const pushed = PUSHED.includes(dashboard) && !query.from && !query.to;
  const answeredFor = (loaded.data?.figures as { scope?: string } | undefined)?.scope ?? (dashboard === 'counties' ? 'national' : undefined);
  const scope = query.at || loaded.loading ? null : answeredFor ?? null;
  useDashboardLive<T>(dashboard, pushed ? scope : null, onData);
  const reread = useCallback(() => {
    void api.dashboard<T>(dashboard, query).then(onData, () => undefined);
  }, [key, onData]); // eslint-disable-line react-hooks/exhaustive-deps
  useDashboardLive<unknown>('funnel', pushed ? null : scope, reread);

  return {
    data: loaded.data?.figures ?? null,
    error: loaded.error,
    loading: loaded.loading,
    at: loaded.data?.at,
    liveUpdatedAt: live?.key === key ? live.at : null,
  };
}

/** "kokeiluja 301 (+1)": the figures that moved, in words, for the live region. */
export function changes(t: TFunction, pairs: [label: string, before: number | string | null | undefined, after: number | string | null | undefined][]): string | null {
  const moved = pairs
    .filter(([, before, after]) => before !== undefined && before !== after)
    .map(([label, before, after]) =>
      typeof before === 'number' && typeof after === 'number'
        ? t('live.change', { label, value: after, delta: `${after > before ? '+' : '−'}${Math.abs(after - before)}` })
        : t('live.changeTo', { label, value: after ?? '–' }),
    );
  return moved.length === 0 ? null : moved.join(', ');
}
