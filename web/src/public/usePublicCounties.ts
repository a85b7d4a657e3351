import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { County } from '../types';
import { publicApi } from './publicApi';

let cache: Promise<County[]> | null = null;

/** The counties with their names in fi/sv/en (no sign-in needed), and a slug → name in the UI language. */
export function usePublicCounties(): { counties: County[]; countyName: (slug: string) => string } {
  const [counties, setCounties] = useState<County[]>([]);
  const { i18n } = useTranslation();
  useEffect(() => {
    let live = true;
    cache ??= publicApi.counties().catch((e) => {
      cache = null;
      throw e;
    });
    cache.then((c) => live && setCounties(c)).catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  const lang = i18n.language as 'fi' | 'sv' | 'en';
  return {
    counties,
    countyName: (slug) => {
      const c = counties.find((x) => x.slug === slug);
      return c ? (c[lang] ?? c.fi) : slug;
    },
  };
}
