import { useEffect, useState, type FormEvent } from 'react';
import { Button, Pagination } from 'suomifi-ui-components';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { ExportButtons } from '../components/ExportButtons';
import { Filters, useRouteFilters } from '../components/Filters';
import { useAnnounce } from '../components/LiveRegion';
import { PageHeading } from '../components/PageHeading';
import { ScrollTable } from '../components/ScrollTable';
import { TextField } from '../components/Select';
import { Loading } from '../components/Status';
import { useCountyName } from '../data';
import { useFormat } from '../format';
import { href } from '../router';
import { useDashboardLive } from '../signalr';
import { useLoad } from '../useLoad';
import { useSession } from '../session';

const PAGE_SIZE = 25;
const COLUMNS = [
  { sort: 'title', key: 'experiments.titleColumn' },
  { sort: 'county', key: 'experiments.county' },
  { sort: 'stage', key: 'experiments.stage' },
  { sort: null, key: 'experiments.themes' },
  { sort: 'lastChangedAt', key: 'experiments.lastChanged' },
] as const;

/**
 * The experiments behind a number: the filters come from the address (a dashboard's count links
 * here with them), searched by title, sorted by any column, and read again when the scope moves.
 */
export default function ExperimentsList() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const countyName = useCountyName();
  const announce = useAnnounce();
  const { route, filters } = useRouteFilters();
  const get = (k: string) => route.query.get(k) || undefined;
  const session = useSession();
  const writes = session?.role === 'projectOffice' || session?.role === 'admin';
  const page = Math.max(1, Number(route.query.get('page')) || 1);
  const extra = { reached: get('reached'), goal: get('goal'), search: get('search'), sort: get('sort'), dir: get('dir') };
  const selection = { ...filters, ...extra };
  const params = { ...selection, page, pageSize: PAGE_SIZE };
  const [revision, setRevision] = useState(0);
  const { data: result, error, loading } = useLoad(JSON.stringify([params, revision]), (signal) => api.experiments(params, signal));
  // The scope whose funnel moves when any of these experiments does: project, else county, else theme, else the nation.
  const scope = filters.projectId ? `project:${filters.projectId}` : filters.county ? `county:${filters.county}`
    : filters.theme ? `theme:${filters.theme.trim().toLowerCase()}` : 'national';
  useDashboardLive('funnel', scope, () => {
    setRevision((r) => r + 1);
    announce(t('experiments.liveUpdated', { time: fmt.time(new Date()) }));
  });
  const [search, setSearch] = useState(extra.search ?? '');
  useEffect(() => setSearch(extra.search ?? ''), [extra.search]);

  const lastPage = result ? Math.max(1, Math.ceil(result.total / (result.pageSize || PAGE_SIZE))) : 1;
  const sep = t('common.listSeparator');
  const setQuery = (q: Record<string, string | number | undefined>) => route.setQuery({ ...selection, ...q });

  function sortBy(column: string) {
    const dir = extra.sort === column && (extra.dir ?? (column === 'title' || column === 'county' ? 'asc' : 'desc')) === 'asc' ? 'desc' : 'asc';
    setQuery({ sort: column, dir, page: undefined });
  }
  const ariaSort = (column: string | null) => {
    if (!column || (extra.sort ?? 'lastChangedAt') !== column) return undefined;
    const dir = extra.dir ?? (column === 'title' || column === 'county' ? 'asc' : 'desc');
    return dir === 'asc' ? 'ascending' : 'descending';
  };
  function submitSearch(e: FormEvent) {
    e.preventDefault();
    setQuery({ search: search.trim() || undefined, page: undefined });
  }

  return (
    <>
      <PageHeading focusKey={page}>{t('experiments.title')}</PageHeading>
      <p className="intro">{t('experiments.intro')}</p>
      {writes && (
        <ul className="action-list">
          <li><a className="action-link" href={href('/experiments/new')} data-testid="new-experiment">{t('actions.propose')}</a></li>
        </ul>
      )}
      <Filters fields={['county', 'projectId', 'stage', 'theme']} values={filters} onApply={(v) => route.setQuery({ ...extra, ...v, page: undefined })} />
      <form className="filters search-form" role="search" onSubmit={submitSearch}>
        <div className="filter-fields">
          <TextField name="search" label={t('experiments.search')} value={search} onChange={setSearch} />
          <div className="filter-submit">
            <Button type="submit" data-testid="experiments-search">{t('experiments.searchButton')}</Button>
          </div>
        </div>
      </form>
      {(extra.reached || extra.goal) && (
        <ul className="active-filters" data-testid="active-filters">
          {extra.reached && <li>{t('experiments.reachedFilter', { stage: t(`stage.${extra.reached}`, { defaultValue: extra.reached }) })} <a href={href('/experiments', { ...selection, reached: undefined })}>{t('experiments.clearFilter')}</a></li>}
          {extra.goal && <li>{t('experiments.goalFilter', { goal: extra.goal })} <a href={href('/experiments', { ...selection, goal: undefined })}>{t('experiments.clearFilter')}</a></li>}
        </ul>
      )}
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
            <ScrollTable captionId="experiments-caption" caption={t('experiments.tableCaption')} captionHidden>
              <thead>
                <tr>
                  {COLUMNS.map((c) => (
                    <th scope="col" key={c.key} aria-sort={ariaSort(c.sort)}>
                      {c.sort ? (
                        <button type="button" className="sort-button" onClick={() => sortBy(c.sort)} data-testid={`sort-${c.sort}`}>
                          {t(c.key)}
                          <span aria-hidden="true">{ariaSort(c.sort) === 'ascending' ? ' ▲' : ariaSort(c.sort) === 'descending' ? ' ▼' : ''}</span>
                        </button>
                      ) : (
                        t(c.key)
                      )}
                    </th>
                  ))}
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
            </ScrollTable>
          )}
          <ExportButtons path="/api/experiments/export" query={selection} label={t('experiments.title')} testId="experiments" />
          {lastPage > 1 && (
            <Pagination
              aria-label={t('experiments.pagination')}
              currentPage={page}
              lastPage={lastPage}
              onChange={(p) => setQuery({ page: p })}
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
