import { ApiError, queryString } from '../api';
import type { County } from '../types';
import type { PublicCatalogue, PublicModel } from './types';

/** The public catalogue's reads: no token is ever sent. */
async function get<T>(path: string, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { Accept: 'application/json' }, signal });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'network', null);
  }
  if (!response.ok) {
    let problem: { title?: string; detail?: string } = {};
    try {
      problem = await response.json();
    } catch {
      /* not a problem document */
    }
    throw new ApiError(response.status, problem.title ?? response.statusText, problem.detail ?? null);
  }
  return (await response.json()) as T;
}

export interface CatalogueQuery { q?: string; theme?: string; county?: string }

export const publicApi = {
  catalogue: (q: CatalogueQuery, signal?: AbortSignal) => get<PublicCatalogue>(`/api/public/operating-models${queryString({ ...q })}`, signal),
  model: (id: string, signal?: AbortSignal) => get<PublicModel>(`/api/public/operating-models/${encodeURIComponent(id)}`, signal),
  counties: (signal?: AbortSignal) => get<County[]>('/api/counties', signal),
};

export const FEED_URL = '/api/public/operating-models/feed';
