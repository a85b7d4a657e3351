import { useSyncExternalStore } from 'react';

/** The public catalogue lives at real paths (/julkinen, /julkinen/{id}) so every model has a permanent URL. */
export const PUBLIC_ROOT = '/julkinen';

export function isPublicPath(pathname: string): boolean {
  return pathname === PUBLIC_ROOT || pathname.startsWith(`${PUBLIC_ROOT}/`);
}

const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

const current = () => window.location.pathname + window.location.search;

export function publicHref(modelId?: string, query?: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v) params.set(k, v);
  const s = params.toString();
  return `${PUBLIC_ROOT}${modelId ? `/${encodeURIComponent(modelId)}` : ''}${s ? `?${s}` : ''}`;
}

export function publicNavigate(url: string): void {
  window.history.pushState(null, '', url);
  listeners.forEach((l) => l());
  window.scrollTo?.(0, 0);
}

/** The model id (if any) and the query of the current public path. */
export function usePublicRoute(): { modelId: string | null; query: URLSearchParams } {
  const location = useSyncExternalStore(subscribe, current, current);
  const [path, search = ''] = location.split('?');
  const rest = path.slice(PUBLIC_ROOT.length).split('/').filter(Boolean);
  return { modelId: rest[0] ? decodeURIComponent(rest[0]) : null, query: new URLSearchParams(search) };
}
