import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from './api';
import { useSession } from './session';
import type { County, Project } from './types';

let countiesCache: { token: string; counties: Promise<County[]> } | null = null;

/** The 22 counties with their names in fi/sv/en; fetched once per signed-in session. */
export function useCounties(): County[] {
  const session = useSession();
  const token = session ? `${session.user}|${session.role}|${session.county}` : null;
  const [counties, setCounties] = useState<County[]>([]);
  useEffect(() => {
    if (!token) return;
    let live = true;
    if (countiesCache?.token !== token) {
      const entry = {
        token,
        counties: api.counties().catch((e) => {
          if (countiesCache === entry) countiesCache = null;
          throw e;
        }),
      };
      countiesCache = entry;
    }
    countiesCache.counties.then((c) => live && setCounties(c)).catch(() => undefined);
    return () => {
      live = false;
    };
  }, [token]);
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
