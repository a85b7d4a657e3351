import { useCallback, useSyncExternalStore } from 'react';

/** A hash route: "#/experiments/42?county=helsinki" → path segments and query. */
export interface Route { segments: string[]; query: URLSearchParams }

function subscribe(listener: () => void) {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

const currentHash = () => window.location.hash;

// After the first client-side navigation, each new page's heading takes focus (not <body>).
let navigated = false;
if (typeof window !== 'undefined') window.addEventListener('hashchange', () => (navigated = true));
export const hasNavigated = () => navigated;

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [path, search = ''] = raw.split('?');
  return {
    segments: path.split('/').filter(Boolean).map(decodeURIComponent),
    query: new URLSearchParams(search),
  };
}

export function href(path: string, query?: Record<string, string | number | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return `#${path}${s ? `?${s}` : ''}`;
}

export function navigate(path: string, query?: Record<string, string | number | undefined | null>): void {
  // Set before the hash: React may render the new page (reading location.hash) before hashchange fires.
  navigated = true;
  window.location.hash = href(path, query).slice(1);
}

export function useRoute(): Route & { setQuery: (q: Record<string, string | number | undefined | null>) => void } {
  const hash = useSyncExternalStore(subscribe, currentHash, currentHash);
  const route = parseHash(hash);
  const path = `/${route.segments.map(encodeURIComponent).join('/')}`;
  const setQuery = useCallback((q: Record<string, string | number | undefined | null>) => navigate(path, q), [path]);
  return { ...route, setQuery };
}
