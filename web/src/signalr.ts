import type { HubConnection } from '@microsoft/signalr';
import { useEffect, useRef } from 'react';
import { getToken } from './session';
import type { DashboardName } from './types';

export interface DashboardChanged { dashboard: string; scope: string; data: unknown }
type Handler = (message: DashboardChanged) => void;

let connection: Promise<HubConnection> | null = null;
let starting: Promise<void> | null = null;
const watches = new Map<string, number>(); // "dashboard|scope" -> number of watchers
const handlers = new Set<Handler>();

function key(dashboard: string, scope: string) {
  return `${dashboard}|${scope}`;
}

// The SignalR client is loaded with the first live dashboard, not with the app.
function getConnection(): Promise<HubConnection> {
  connection ??= import('@microsoft/signalr').then(({ HubConnectionBuilder, LogLevel }) => {
    const c = new HubConnectionBuilder()
      .withUrl('/hubs/dashboards', { accessTokenFactory: () => getToken() ?? '' })
      .withAutomaticReconnect()
      .configureLogging(LogLevel.Warning)
      .build();
    c.on('dashboardChanged', (message: DashboardChanged) => handlers.forEach((h) => h(message)));
    // Group membership belongs to a connection id, which changes on reconnect: watch again.
    c.onreconnected(() => {
      for (const k of watches.keys()) {
        const [dashboard, scope] = k.split('|');
        void invoke('Watch', dashboard, scope);
      }
    });
    return c;
  });
  return connection;
}

async function ensureStarted(): Promise<HubConnection> {
  const c = await getConnection();
  if (c.state === 'Connected') return c;
  if (c.state === 'Disconnected') {
    starting = c.start().finally(() => {
      starting = null;
    });
  }
  if (starting) await starting;
  return c;
}

async function invoke(method: 'Watch' | 'Unwatch', dashboard: string, scope: string) {
  try {
    const c = await ensureStarted();
    if (c.state === 'Connected') await c.invoke(method, dashboard, scope);
  } catch (e) {
    console.warn(`SignalR ${method} failed`, e);
  }
}

export function watch(dashboard: DashboardName, scope: string): void {
  const k = key(dashboard, scope);
  const n = watches.get(k) ?? 0;
  watches.set(k, n + 1);
  if (n === 0) void invoke('Watch', dashboard, scope);
}

export function unwatch(dashboard: DashboardName, scope: string): void {
  const k = key(dashboard, scope);
  const n = watches.get(k) ?? 0;
  if (n <= 1) {
    watches.delete(k);
    if (n === 1) void invoke('Unwatch', dashboard, scope);
  } else {
    watches.set(k, n - 1);
  }
}

export function onDashboardChanged(handler: Handler): () => void {
  handlers.add(handler);
  return () => handlers.delete(handler);
}

/** Stops the connection, e.g. on logout, so the next one carries the next user's token. */
export async function disconnect(): Promise<void> {
  const c = connection;
  connection = null;
  watches.clear();
  if (c) await (await c).stop().catch(() => undefined);
}

/** Watches a dashboard scope while mounted and hands each matching message's data to onData. */
export function useDashboardLive<T>(dashboard: DashboardName, scope: string | null, onData: (data: T) => void): void {
  const callback = useRef(onData);
  callback.current = onData;
  useEffect(() => {
    if (!scope) return;
    watch(dashboard, scope);
    const off = onDashboardChanged((m) => {
      if (m.dashboard === dashboard && m.scope === scope) callback.current(m.data as T);
    });
    return () => {
      off();
      unwatch(dashboard, scope);
    };
  }, [dashboard, scope]);
}
