import type { HubConnection } from '@microsoft/signalr';
import { useEffect, useRef } from 'react';
import { PAGE_HEADER } from './api';
import { getSession, refreshSession } from './session';
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

/**
 * After SignalR's own reconnects (at once, then 2, 10 and 30 s) have failed, the next try comes this
 * long after the last: a site whose every node was down is met again, but not by every browser at once.
 */
export function restartDelay(): number {
  return 15000 + Math.floor(Math.random() * 5000);
}

// The SignalR client is loaded with the first live dashboard, not with the app.
function getConnection(): Promise<HubConnection> {
  connection ??= import('@microsoft/signalr').then(({ HubConnectionBuilder, LogLevel }) => {
    // The session cookie goes with the negotiation and the WebSocket by itself.
    const c = new HubConnectionBuilder()
      .withUrl('/hubs/dashboards', { headers: { ...PAGE_HEADER }, withCredentials: true })
      .withAutomaticReconnect()
      .configureLogging(LogLevel.Warning)
      .build();
    c.on('dashboardChanged', (message: DashboardChanged) => handlers.forEach((h) => h(message)));
    // Group membership belongs to a connection id, which changes on reconnect: watch again.
    c.onreconnected(() => rewatch());
    // The server closes the connection when the session it was opened with expires, and SignalR stops
    // reconnecting after 42 s (every node down). A session that is still valid (or renewed meanwhile)
    // reconnects, and keeps trying while no node answers; one that ended sends the user back to sign in.
    c.onclose(() => restart(c));
    return c;
  });
  return connection;
}

function restart(c: HubConnection) {
  if (watches.size === 0 || !getSession()) return;
  void refreshSession().then((session) => {
    if (!session || connection === null || c.state !== 'Disconnected') return;
    void ensureStarted().then(rewatch, (e) => {
      console.warn('SignalR reconnect failed', e);
      setTimeout(() => restart(c), restartDelay());
    });
  });
}

function rewatch() {
  for (const k of watches.keys()) {
    const [dashboard, scope] = k.split('|');
    void invoke('Watch', dashboard, scope);
  }
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

// Watch answers the scope's figures as they are once the connection is in the group: handed on like a
// push, they cover what changed before (between the page's GET and the Watch, or while reconnecting).
async function invoke(method: 'Watch' | 'Unwatch', dashboard: string, scope: string) {
  try {
    const c = await ensureStarted();
    if (c.state !== 'Connected') return;
    const answer = await c.invoke<DashboardChanged | undefined>(method, dashboard, scope);
    if (method === 'Watch' && answer && watches.has(key(dashboard, scope))) handlers.forEach((h) => h(answer));
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

/** Stops the connection, e.g. on sign-out, so the next one belongs to the next session. */
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
