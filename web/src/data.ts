import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from './api';
import type { County, Project } from './types';

let countiesCache: Promise<County[]> | null = null;

/**
 * The 22 counties with their names in fi/sv/en: GET /api/counties needs no sign-in and never changes,
 * so it is fetched once, by the first component that asks (a failed fetch is not kept).
 */
export function useCounties(): County[] {
  const [counties, setCounties] = useState<County[]>([]);
  useEffect(() => {
    let live = true;
    if (!countiesCache) {
      const fetching = api.counties().catch((e) => {
        if (countiesCache === fetching) countiesCache = null;
        throw e;
      });
      countiesCache = fetching;
    }
    countiesCache.then((c) => live && setCounties(c)).catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return counties;
}

export function resetDataCaches() {
  countiesCache = null;
}

export function useCountyName(): (slug: string | null | undefined) => string {
  const counties = useCounties();
  const { i18n } = useTranslation();
  const lang = i18n.language as 'fi' | 'sv' | 'en';
  return (slug) => {
    if (!slug) return '–';
    const c = counties.find((x) => x.slug === slug);
    return c ? (c[lang] ?? c.fi) : slug;
  };
}

export function useProjects(county: string | undefined, enabled = true): Project[] {
  const [projects, setProjects] = useState<Project[]>([]);
  useEffect(() => {
    if (!enabled) return;
    const ctl = new AbortController();
    api
      .projects(county || undefined, ctl.signal)
      .then(setProjects)
      .catch(() => setProjects([]));
    return () => ctl.abort();
  }, [county, enabled]);
  return projects;
}
