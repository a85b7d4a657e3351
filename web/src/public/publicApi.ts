import { fetchOk, queryString } from '../api';
import type { PublicCatalogue, PublicModel } from './types';

/** The public catalogue's reads: no token is ever sent. */
async function get<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetchOk(path, { headers: { Accept: 'application/json' }, signal });
  return (await response.json()) as T;
}

export interface CatalogueQuery { q?: string; theme?: string; county?: string }

export const publicApi = {
  catalogue: (q: CatalogueQuery, signal?: AbortSignal) => get<PublicCatalogue>(`/api/public/operating-models${queryString({ ...q })}`, signal),
  model: (id: string, signal?: AbortSignal) => get<PublicModel>(`/api/public/operating-models/${encodeURIComponent(id)}`, signal),
};

export const FEED_URL = '/api/public/operating-models/feed';
