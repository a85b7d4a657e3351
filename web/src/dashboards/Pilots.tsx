import { useTranslation } from 'react-i18next';
import { useAt } from '../components/AsOfPicker';
import { ExportButtons } from '../components/ExportButtons';
import { useRouteFilters } from '../components/Filters';
import { ScrollTable } from '../components/ScrollTable';
import { useCountyName } from '../data';
import { useFormat } from '../format';
import { href } from '../router';
import type { Pilot, PilotsData } from '../types';
import { DashboardPage } from './DashboardPage';
import { changes, useDashboard } from './useDashboard';

const pilotsOf = (data: PilotsData): Pilot[] => data.pilots ?? [];
// Live pilots only: a pilot that has ended and waits for its evaluation is on the board, but not running.
const liveCount = (data: PilotsData) => data.live ?? pilotsOf(data).filter((p) => (p.stage ?? 'Piloting') === 'Piloting').length;
const overdueCount = (data: PilotsData) => data.evaluationOverdue ?? pilotsOf(data).filter((p) => p.evaluationOverdue).length;

export default function Pilots() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { route, filters } = useRouteFilters();
  const [at] = useAt();
  const state = useDashboard<PilotsData>('pilots', { county: filters.county, at }, (before, after) =>
    changes(t, [
      [t('pilots.count'), before ? liveCount(before) : undefined, liveCount(after)],
      [t('pilots.overdueCount'), before ? overdueCount(before) : undefined, overdueCount(after)],
    ]));

  return (
    <DashboardPage
      name="pilots"
      filterFields={['county']}
      filters={filters}
      onApply={(v) => route.setQuery({ county: v.county, at })}
      state={state}
      keyFigures={(data) => [
        {
          label: t('pilots.count'),
          value: <a href={href('/experiments', { county: filters.county, stage: 'Piloting' })}>{fmt.int(liveCount(data))}</a>,
          testId: 'pilots-count',
        },
        { label: t('pilots.awaitingCount'), value: fmt.int((data.onBoard ?? pilotsOf(data).length) - liveCount(data)), testId: 'pilots-awaiting-count' },
        { label: t('pilots.overdueCount'), value: fmt.int(overdueCount(data)), testId: 'pilots-overdue-count', warning: overdueCount(data) > 0 },
      ]}
    >
      {(data) =>
        pilotsOf(data).length === 0 ? (
          <p>{t('pilots.none')}</p>
        ) : (
          <>
            <PilotsTable pilots={pilotsOf(data)} />
            <ExportButtons path="/api/dashboards/pilots/export" query={{ county: filters.county, at }} label={t('pilots.tableCaption')} testId="pilots" />
          </>
        )
      }
    </DashboardPage>
  );
}

/** The board: what needs attention (stage, evaluation) comes right after the name, so it shows without scrolling. */
function PilotsTable({ pilots }: { pilots: Pilot[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const countyName = useCountyName();
  const sep = t('common.listSeparator');
  return (
    <ScrollTable captionId="pilots-caption" caption={t('pilots.tableCaption')}>
      <thead>
        <tr>
          <th scope="col">{t('pilots.experiment')}</th>
          <th scope="col">{t('pilots.stage')}</th>
          <th scope="col">{t('pilots.evaluation')}</th>
          <th scope="col">{t('pilots.plannedEnd')}</th>
          <th scope="col" className="num">{t('pilots.daysRunning')}</th>
          <th scope="col" className="num">{t('pilots.participants7')}</th>
          <th scope="col">{t('pilots.county')}</th>
          <th scope="col">{t('pilots.sites')}</th>
          <th scope="col">{t('pilots.channels')}</th>
          <th scope="col">{t('pilots.start')}</th>
        </tr>
      </thead>
      <tbody>
        {pilots.map((p) => (
          <tr key={p.experimentId} data-testid={`pilot-row-${p.experimentId}`} className={p.evaluationOverdue ? 'overdue' : undefined}>
            <th scope="row">
              <a href={href(`/experiments/${p.experimentId}`)}>{p.title}</a>
            </th>
            <td data-testid={`pilot-stage-${p.experimentId}`}>
              {(p.stage ?? 'Piloting') === 'Piloting' ? t('pilots.running') : t('pilots.awaitingEvaluation')}
            </td>
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
            <td>{fmt.date(p.plannedEnd)}</td>
            <td className="num" data-testid={`pilot-days-${p.experimentId}`}>{fmt.int(p.daysRunning)}</td>
            <td className="num" data-testid={`pilot-participants-${p.experimentId}`}>{fmt.count(p.participantsLast7Days)}</td>
            <td>{countyName(p.county)}</td>
            <td>{p.sites.join(sep)}</td>
            <td>{p.channels.map((c) => t(`channel.${c}`, { defaultValue: c })).join(sep)}</td>
            <td>{fmt.date(p.start)}</td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}
