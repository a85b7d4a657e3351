import { useEffect, useState } from 'react';
import { Pagination } from 'suomifi-ui-components';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { Filters, filtersFromQuery } from '../components/Filters';
import { PageHeading } from '../components/PageHeading';
import { Loading } from '../components/Status';
import { useCountyName } from '../data';
import { useFormat } from '../format';
import { href, useRoute } from '../router';
import { boundCounty, useSession } from '../session';
import type { ExperimentSummary, Paged } from '../types';

const PAGE_SIZE = 25;

export default function ExperimentsList() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const countyName = useCountyName();
  const route = useRoute();
  const bound = boundCounty(useSession());
  const filters = filtersFromQuery(route.query, bound);
  const page = Math.max(1, Number(route.query.get('page')) || 1);
  const params = { ...filters, page, pageSize: PAGE_SIZE };
  const key = JSON.stringify(params);
  const [result, setResult] = useState<Paged<ExperimentSummary> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    const ctl = new AbortController();
    setLoading(true);
    setError(null);
    api
      .experiments(params, ctl.signal)
      .then((r) => {
        setResult(r);
        setLoading(false);
      })
      .catch((e) => {
        if ((e as Error)?.name === 'AbortError') return;
        setError(e);
        setResult(null);
        setLoading(false);
      });
    return () => ctl.abort();
  }, [key]); // eslint-disable-line react-hooks/exhaustive-deps

  const lastPage = result ? Math.max(1, Math.ceil(result.total / (result.pageSize || PAGE_SIZE))) : 1;
  const sep = t('common.listSeparator');

  return (
    <>
      <PageHeading>{t('experiments.title')}</PageHeading>
      <p className="intro">{t('experiments.intro')}</p>
      <Filters
        fields={['county', 'projectId', 'stage', 'theme']}
        values={filters}
        onApply={(v) => route.setQuery({ ...v, page: undefined })}
      />
      <ErrorAlert error={error} />
      {loading && !result && <Loading />}
      {result && (
        <>
          <p className="result-count" data-testid="experiments-total">
            {t('experiments.total', { count: result.total, formatted: fmt.int(result.total) })}
          </p>
          {result.items.length === 0 ? (
            <p>{t('experiments.none')}</p>
          ) : (
            <div className="table-scroll" role="region" aria-labelledby="experiments-caption" tabIndex={0}>
              <table className="data-table wide">
                <caption id="experiments-caption" className="visually-hidden">{t('experiments.tableCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('experiments.titleColumn')}</th>
                    <th scope="col">{t('experiments.county')}</th>
                    <th scope="col">{t('experiments.stage')}</th>
                    <th scope="col">{t('experiments.themes')}</th>
                    <th scope="col">{t('experiments.lastChanged')}</th>
                    <th scope="col" className="num">{t('experiments.version')}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.items.map((x) => (
                    <tr key={x.id} data-testid={`experiment-row-${x.id}`}>
                      <th scope="row">
                        <a href={href(`/experiments/${x.id}`)}>{x.title}</a>
                      </th>
                      <td>{countyName(x.county)}</td>
                      <td>{t(`stage.${x.stage}`, { defaultValue: x.stage })}</td>
                      <td>{x.themes.join(sep)}</td>
                      <td>{fmt.dateTime(x.lastChangedAt)}</td>
                      <td className="num">{fmt.int(x.version)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {lastPage > 1 && (
            <Pagination
              aria-label={t('experiments.pagination')}
              currentPage={page}
              lastPage={lastPage}
              onChange={(p) => route.setQuery({ ...filters, page: p })}
              pageIndicatorText={(current, last) => t('experiments.pageIndicator', { current, last })}
              ariaPageIndicatorText={(current, last) => t('experiments.pageIndicator', { current, last })}
              nextButtonAriaLabel={t('experiments.next')}
              previousButtonAriaLabel={t('experiments.previous')}
              pageInput={false}
            />
          )}
        </>
      )}
    </>
  );
}
