import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { Filters, filtersFromQuery } from '../components/Filters';
import { PageHeading } from '../components/PageHeading';
import { Loading, UpdatedAt } from '../components/Status';
import { useCountyName } from '../data';
import { useFormat } from '../format';
import { href, useRoute } from '../router';
import { boundCounty, useSession } from '../session';
import { scopeFor } from '../signalr';
import type { PilotsData } from '../types';
import { useDashboard } from './useDashboard';

export default function Pilots() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const countyName = useCountyName();
  const route = useRoute();
  const bound = boundCounty(useSession());
  const filters = filtersFromQuery(route.query, bound);
  const params = { county: filters.county };
  const { data, error, loading } = useDashboard<PilotsData>('pilots', scopeFor(params), JSON.stringify(params), (s) =>
    api.pilots(params, s),
  );
  const pilots = data?.pilots ?? [];
  const overdue = pilots.filter((p) => p.evaluationOverdue).length;
  const sep = t('common.listSeparator');

  return (
    <>
      <PageHeading>{t('pilots.title')}</PageHeading>
      <p className="intro">{t('pilots.intro')}</p>
      <Filters fields={['county']} values={filters} onApply={(v) => route.setQuery({ county: v.county })} />
      <ErrorAlert error={error} />
      {loading && !data && <Loading />}
      {data && (
        <div className="dashboard">
          <dl className="key-figures">
            <div className="key-figure">
              <dt>{t('pilots.count')}</dt>
              <dd data-testid="pilots-count">{fmt.int(pilots.length)}</dd>
            </div>
            <div className={`key-figure${overdue > 0 ? ' warning' : ''}`}>
              <dt>{t('pilots.overdueCount')}</dt>
              <dd data-testid="pilots-overdue-count">{fmt.int(overdue)}</dd>
            </div>
          </dl>
          <UpdatedAt value={data.updatedAt} />
          {pilots.length === 0 ? (
            <p>{t('pilots.none')}</p>
          ) : (
            <div className="table-scroll" role="region" aria-labelledby="pilots-caption" tabIndex={0}>
              <table className="data-table wide">
                <caption id="pilots-caption">{t('pilots.tableCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('pilots.experiment')}</th>
                    <th scope="col">{t('pilots.county')}</th>
                    <th scope="col">{t('pilots.sites')}</th>
                    <th scope="col">{t('pilots.channels')}</th>
                    <th scope="col">{t('pilots.start')}</th>
                    <th scope="col">{t('pilots.plannedEnd')}</th>
                    <th scope="col" className="num">{t('pilots.daysRunning')}</th>
                    <th scope="col" className="num">{t('pilots.participants7')}</th>
                    <th scope="col">{t('pilots.evaluation')}</th>
                  </tr>
                </thead>
                <tbody>
                  {pilots.map((p) => (
                    <tr key={p.experimentId} data-testid={`pilot-row-${p.experimentId}`} className={p.evaluationOverdue ? 'overdue' : undefined}>
                      <th scope="row">
                        <a href={href(`/experiments/${p.experimentId}`)}>{p.title}</a>
                      </th>
                      <td>{countyName(p.county)}</td>
                      <td>{p.sites.join(sep)}</td>
                      <td>{p.channels.map((c) => t(`channel.${c}`, { defaultValue: c })).join(sep)}</td>
                      <td>{fmt.date(p.start)}</td>
                      <td>{fmt.date(p.plannedEnd)}</td>
                      <td className="num" data-testid={`pilot-days-${p.experimentId}`}>{fmt.int(p.daysRunning)}</td>
                      <td className="num" data-testid={`pilot-participants-${p.experimentId}`}>{fmt.int(p.participantsLast7Days)}</td>
                      <td data-testid={`pilot-evaluation-${p.experimentId}`}>
                        {p.evaluationOverdue ? (
                          <strong className="badge badge-warning">
                            <span aria-hidden="true">⚠ </span>
                            {t('pilots.overdue')}
                          </strong>
                        ) : (
                          <span className="badge">{t('pilots.onTime')}</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}
    </>
  );
}
