import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { vi } from 'vitest';
import { LiveRegionProvider } from '../components/LiveRegion';
import { resetDataCaches } from '../data';
import { setSession, type Session } from '../session';
import type { FakeHub } from './setup';

export const fakeHub = () => (globalThis as unknown as { fakeHub: FakeHub }).fakeHub;

export const COUNTIES = [
  { slug: 'helsinki', fi: 'Helsingin kaupunki', sv: 'Helsingfors stad', en: 'City of Helsinki' },
  { slug: 'vantaa-kerava', fi: 'Vantaan ja Keravan hyvinvointialue', sv: 'Vanda och Kervo välfärdsområde', en: 'Vantaa and Kerava wellbeing services county' },
  { slug: 'etela-savo', fi: 'Etelä-Savon hyvinvointialue', sv: 'Södra Savolax välfärdsområde', en: 'South Savo wellbeing services county' },
];

export interface FetchCall { url: string; method: string; headers: Record<string, string>; body: unknown }

/**
 * Replaces fetch: `routes` maps a path (without query) to a JSON body, or to a function of the
 * URL returning [status, body]. Unknown paths answer 404 problem details. A body
 * `{ text, textHeaders }` answers as text/plain (the log's key and checkpoint, NDJSON).
 */
type Handler = (url: URL, init?: RequestInit) => [number, unknown];
type Json = object | string | number | boolean | null;

export function mockFetch(routes: Record<string, Handler | Json>) {
  const calls: FetchCall[] = [];
  const fn = vi.fn(async (input: string, init?: RequestInit) => {
    const url = new URL(input, 'http://localhost');
    calls.push({
      url: url.pathname + url.search,
      method: init?.method ?? 'GET',
      headers: (init?.headers ?? {}) as Record<string, string>,
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    });
    const route = Object.prototype.hasOwnProperty.call(routes, url.pathname) ? routes[url.pathname] : undefined;
    let status = 200;
    let body: unknown = route;
    if (route === undefined) {
      status = 404;
      body = { title: 'Not Found', status: 404, detail: `No route ${url.pathname}` };
    } else if (typeof route === 'function') {
      [status, body] = (route as Handler)(url, init);
    }
    if (body && typeof body === 'object' && 'text' in body && 'textHeaders' in body) {
      const raw = body as { text: string; textHeaders: Record<string, string> };
      return new Response(raw.text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...raw.textHeaders } });
    }
    return new Response(JSON.stringify(body), {
      status,
      headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fn);
  return calls;
}

export function signIn(session: Partial<Session> = {}) {
  resetDataCaches();
  setSession({ token: 'test-token', user: 'vk-projektitoimisto', role: 'projectOffice', county: 'vantaa-kerava', ...session });
}

export function renderWithLive(ui: ReactElement) {
  return render(<LiveRegionProvider>{ui}</LiveRegionProvider>);
}
