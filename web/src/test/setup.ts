import { afterEach, vi } from 'vitest';
import { cleanup } from '@testing-library/react';
import i18n from '../i18n';

// jsdom has no ResizeObserver (suomifi and chart.js use it) and no canvas.
class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= ResizeObserverStub as unknown as typeof ResizeObserver;
HTMLCanvasElement.prototype.getContext = (() => null) as unknown as HTMLCanvasElement['getContext'];
window.scrollTo = (() => undefined) as typeof window.scrollTo;

/** A stand-in SignalR hub: records invocations and lets a test push `dashboardChanged`. */
export interface FakeHub {
  url: string | null;
  options: Record<string, unknown> | null;
  invoked: unknown[][];
  handlers: Record<string, (...args: unknown[]) => void>;
  push: (dashboard: string, scope: string, data: unknown) => void;
  /** What Watch answers (the scope's figures as a DashboardChanged); undefined by default. */
  answer: ((dashboard: string, scope: string) => unknown) | null;
  /** Simulates a dropped and re-established connection: the client's onreconnected callback. */
  reconnected: (() => void) | null;
  /** Simulates a connection closed for good (SignalR gave up reconnecting): the client's onclose callback. */
  closed: (() => void) | null;
  /** How many of the next start() calls fail, as when no node answers. */
  failStarts: number;
}
const hub: FakeHub = {
  url: null,
  options: null,
  invoked: [],
  handlers: {},
  answer: null,
  reconnected: null,
  closed: null,
  failStarts: 0,
  push(dashboard, scope, data) {
    hub.handlers.dashboardChanged?.({ dashboard, scope, data });
  },
};
(globalThis as unknown as { fakeHub: FakeHub }).fakeHub = hub;

vi.mock('@microsoft/signalr', () => {
  const h = (globalThis as unknown as { fakeHub: FakeHub }).fakeHub;
  class FakeConnection {
    state = 'Disconnected';
    on(name: string, handler: (...args: unknown[]) => void) {
      h.handlers[name] = handler;
    }
    onreconnected(callback: () => void) {
      h.reconnected = callback;
    }
    onclose(callback: () => void) {
      h.closed = () => {
        this.state = 'Disconnected';
        callback();
      };
    }
    async start() {
      if (h.failStarts > 0) {
        h.failStarts--;
        throw new Error('no node answers');
      }
      this.state = 'Connected';
    }
    async stop() {
      this.state = 'Disconnected';
    }
    async invoke(...args: unknown[]) {
      h.invoked.push(args);
      return args[0] === 'Watch' ? h.answer?.(args[1] as string, args[2] as string) : undefined;
    }
  }
  class HubConnectionBuilder {
    withUrl(url: string, options: Record<string, unknown>) {
      h.url = url;
      h.options = options;
      return this;
    }
    withAutomaticReconnect() {
      return this;
    }
    configureLogging() {
      return this;
    }
    build() {
      return new FakeConnection();
    }
  }
  return {
    HubConnectionBuilder,
    HubConnectionState: { Connected: 'Connected', Disconnected: 'Disconnected', Connecting: 'Connecting' },
    LogLevel: { Warning: 3 },
  };
});

afterEach(async () => {
  cleanup();
  const { disconnect } = await import('../signalr');
  await disconnect();
  hub.invoked.length = 0;
  hub.answer = null;
  hub.reconnected = null;
  hub.closed = null;
  hub.failStarts = 0;
  const { setSession } = await import('../session');
  setSession(null);
  sessionStorage.clear();
  document.cookie = '';
  window.location.hash = '';
  vi.unstubAllGlobals();
  await i18n.changeLanguage('fi');
});
