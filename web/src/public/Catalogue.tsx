import { useEffect, useState, type FormEvent, type MouseEvent } from 'react';
import { Button } from 'suomifi-ui-components';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeading } from '../components/PageHeading';
import { Select, TextField } from '../components/Select';
import { Loading } from '../components/Status';
import { useCounties, useCountyName } from '../data';
import { useFormat } from '../format';
import { publicApi } from './publicApi';
import { publicHref, publicNavigate, usePublicRoute } from './publicRouter';
import type { PublicCatalogue } from './types';

/** Follows a link inside the catalogue without reloading the page. */
export function followLink(e: MouseEvent<HTMLAnchorElement>) {
  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  publicNavigate(e.currentTarget.getAttribute('href')!);
}

export default function Catalogue() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { query } = usePublicRoute();
  const counties = useCounties();
  const countyName = useCountyName();
  const q = query.get('q') ?? '';
  const theme = query.get('theme') ?? '';
  const county = query.get('county') ?? '';
  const [text, setText] = useState(q);
  const [themeText, setThemeText] = useState(theme);
  const [countyChoice, setCountyChoice] = useState(county);
  const [data, setData] = useState<PublicCatalogue | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const ctl = new AbortController();
    setData(null);
    setError(null);
    publicApi
      .catalogue({ q, theme, county }, ctl.signal)
      .then(setData)
      .catch((e) => (e as Error)?.name !== 'AbortError' && setError(e));
    return () => ctl.abort();
  }, [q, theme, county]);

  function search(e: FormEvent) {
    e.preventDefault();
    publicNavigate(publicHref(undefined, { q: text.trim(), theme: themeText.trim(), county: countyChoice }));
  }

  return (
    <>
      <PageHeading>{t('public.title')}</PageHeading>
      <p className="intro">{t('public.intro')}</p>
      <form onSubmit={search} className="filters" role="search" aria-label={t('public.searchLegend')}>
        <fieldset>
          <legend>{t('public.searchLegend')}</legend>
          <div className="filter-fields">
            <TextField label={t('public.text')} hint={t('public.textHint')} value={text} onChange={setText} name="q" />
            <TextField label={t('public.theme')} value={themeText} onChange={setThemeText} name="theme" />
            <Select
              label={t('public.county')}
              value={countyChoice}
              onChange={setCountyChoice}
              emptyLabel={t('public.allCounties')}
              options={counties.map((c) => ({ value: c.slug, label: countyName(c.slug) }))}
              name="county"
            />
            <div className="filter-submit">
              <Button type="submit">{t('public.search')}</Button>
            </div>
          </div>
        </fieldset>
      </form>
      <ErrorAlert error={error} />
      {!data && !error && <Loading />}
      {data && (
        <section aria-labelledby="catalogue-results">
          <h2 id="catalogue-results" data-testid="catalogue-count">
            {t('public.resultsCount', { count: data.total })}
          </h2>
          {data.items.length === 0 ? (
            <p>{t('public.noResults')}</p>
          ) : (
            <ul className="catalogue-list">
              {data.items.map((m) => (
                <li key={m.id} className="catalogue-item" data-testid="catalogue-item">
                  <h3>
                    <a href={publicHref(m.id)} onClick={followLink}>
                      {m.title}
                    </a>
                  </h3>
                  <p className="catalogue-meta">
                    {countyName(m.county)} · {t(`adoptionScope.${m.adoptionScope}`, { defaultValue: m.adoptionScope })} · {t('public.published')}{' '}
                    {fmt.date(m.publishedAt)}
                    {m.adaptations > 0 && <> · {t('public.spreadCount', { count: m.adaptations })}</>}
                  </p>
                  <p>{m.problem}</p>
                  {m.themes.length > 0 && (
                    <p className="catalogue-themes">
                      {t('public.themes')}: {m.themes.join(', ')}
                    </p>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </>
  );
}
