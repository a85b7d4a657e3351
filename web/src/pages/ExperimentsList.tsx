import { Pagination } from 'suomifi-ui-components';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { Filters, useRouteFilters } from '../components/Filters';
import { PageHeading } from '../components/PageHeading';
import { ScrollTable } from '../components/ScrollTable';
import { Loading } from '../components/Status';
import { useCountyName } from '../data';
import { useFormat } from '../format';
import { href } from '../router';
import { useLoad } from '../useLoad';
import { useSession } from '../session';

const PAGE_SIZE = 25;

export default function ExperimentsList() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const countyName = useCountyName();
  const { route, filters } = useRouteFilters();
  const session = useSession();
  const writes = session?.role === 'projectOffice' || session?.role === 'admin';
  const page = Math.max(1, Number(route.query.get('page')) || 1);
  const params = { ...filters, page, pageSize: PAGE_SIZE };
  const { data: result, error, loading } = useLoad(JSON.stringify(params), (signal) => api.experiments(params, signal));

  const lastPage = result ? Math.max(1, Math.ceil(result.total / (result.pageSize || PAGE_SIZE))) : 1;
  const sep = t('common.listSeparator');

  return (
    <>
      <PageHeading focusKey={page}>{t('experiments.title')}</PageHeading>
      <p className="intro">{t('experiments.intro')}</p>
      {writes && (
        <ul className="action-list">
          <li><a className="action-link" href={href('/experiments/new')} data-testid="new-experiment">{t('actions.propose')}</a></li>
        </ul>
      )}
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
            <ScrollTable captionId="experiments-caption" caption={t('experiments.tableCaption')} captionHidden>
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
            </ScrollTable>
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
