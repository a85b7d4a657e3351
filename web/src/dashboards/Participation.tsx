import { useTranslation } from 'react-i18next';
import { useAt } from '../components/AsOfPicker';
import { BarChartFigure } from '../components/BarChart';
import { ExportButtons } from '../components/ExportButtons';
import { PeriodPicker, periodDates, type Period } from '../components/PeriodPicker';
import { CountTable } from '../components/CountTable';
import { useRouteFilters } from '../components/Filters';
import { useFormat } from '../format';
import { AGE_BANDS, CHANNELS, KINDS, WAYS, countValue, orderedKeys, type PrivateCounts, type ParticipationData, type ReachGap } from '../types';
import { DashboardPage } from './DashboardPage';
import { changes, useDashboard } from './useDashboard';

export function reachGapLabelKey(gap: ReachGap): string {
  switch (gap.dimension) {
    case 'ageBand':
      return `ageBandLong.${gap.key}`;
    case 'kind':
      return `kind.${gap.key}`;
    case 'way':
      return `way.${gap.key}`;
    case 'channel':
      return `channel.${gap.key}`;
    default:
      return gap.key;
  }
}

/** The server's reach gaps, plus any age band with no one reached that it did not list. */
export function allReachGaps(data: ParticipationData | null): ReachGap[] {
  if (!data) return [];
  const gaps = [...(data.reachGaps ?? [])];
  if (data.total !== 0) {
    for (const band of AGE_BANDS) {
      if ((data.byAgeBand?.[band] ?? 0) === 0 && !gaps.some((g) => g.dimension === 'ageBand' && g.key === band)) {
        gaps.push({ dimension: 'ageBand', key: band });
      }
    }
  }
  return gaps;
}

export default function Participation() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { route, filters } = useRouteFilters();
  const [at] = useAt();
  const period = (route.query.get('period') as Period | null) ?? 'all';
  const range = { from: route.query.get('from') ?? undefined, to: route.query.get('to') ?? undefined };
  const dates = periodDates(period, at ? new Date(at) : new Date(), range);
  const query = { county: filters.county, projectId: filters.projectId, at, ...dates };
  const state = useDashboard<ParticipationData>('participation', query, (before, after) =>
    changes(t, [[t('participation.total'), before?.total, after.total]]));

  return (
    <DashboardPage
      name="participation"
      filterFields={['county', 'projectId']}
      filters={filters}
      onApply={(v) => route.setQuery({ county: v.county, projectId: v.projectId, at, period, ...range })}
      beforeFigures={
        <PeriodPicker period={period} from={range.from} to={range.to}
          onApply={(p) => route.setQuery({ county: filters.county, projectId: filters.projectId, at, period: p.period === 'all' ? undefined : p.period, from: p.from, to: p.to })} />
      }
      state={state}
      keyFigures={(data) => [{ label: t('participation.total'), value: fmt.count(data.total), testId: 'participation-total' }]}
    >
      {(data) => (
        <>
          <ReachGaps gaps={allReachGaps(data)} />
          <CountsFigure id="participation-age" title={t('participation.byAgeBand')} keyHeader={t('participation.ageGroup')}
            prefix="ageBand" testPrefix="age" keys={orderedKeys(AGE_BANDS, data.byAgeBand)} counts={data.byAgeBand} />
          <CountsFigure id="participation-kind" title={t('participation.byKind')} keyHeader={t('participation.group')} horizontal
            prefix="kind" testPrefix="kind" keys={orderedKeys(KINDS, data.byKind)} counts={data.byKind} />
          <ExportButtons path="/api/dashboards/participation/export" query={query} label={t('participation.title')} testId="participation" />
          <div className="two-columns">
            <CountsSection id="participation-way" title={t('participation.byWay')} keyHeader={t('participation.wayColumn')}
              prefix="way" keys={orderedKeys(WAYS, data.byWay)} counts={data.byWay} />
            <CountsSection id="participation-channel" title={t('participation.byChannel')} keyHeader={t('participation.channelColumn')}
              prefix="channel" keys={orderedKeys(CHANNELS, data.byChannel)} counts={data.byChannel} />
          </div>
        </>
      )}
    </DashboardPage>
  );
}

function ReachGaps({ gaps }: { gaps: ReachGap[] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="reach-gaps" className="reach-gaps">
      <h2 id="reach-gaps">{t('participation.reachGapsHeading')}</h2>
      {gaps.length === 0 ? (
        <p>{t('participation.noGaps')}</p>
      ) : (
        <>
          <p>{t('participation.reachGapsIntro')}</p>
          <ul>
            {gaps.map((g) => (
              <li key={`${g.dimension}-${g.key}`} data-testid={`reach-gap-${g.key}`}>
                <span aria-hidden="true">⚠ </span>
                {t('participation.reachGap', { name: t(reachGapLabelKey(g), { defaultValue: g.key }) })}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

interface CountsProps { id: string; title: string; keyHeader: string; prefix: string; keys: string[]; counts?: PrivateCounts }

/** A chart of counts with its table; a group no one was reached in is highlighted. */
function CountsFigure(props: CountsProps & { testPrefix: string; horizontal?: boolean }) {
  const { t } = useTranslation();
  const label = (k: string) => t(`${props.prefix}.${k}`, { defaultValue: k });
  const value = (k: string) => props.counts?.[k] ?? 0;
  const fmt = useFormat();
  const notReached = <span className="badge badge-warning">{t('participation.notReached')}</span>;
  return (
    <BarChartFigure
      id={props.id}
      title={props.title}
      horizontal={props.horizontal}
      labels={props.keys.map(label)}
      series={[{ label: t('participation.count'), values: props.keys.map((k) => countValue(value(k))) }]}
      table={
        <CountTable
          caption={props.title}
          captionHidden
          keyHeader={props.keyHeader}
          valueHeader={t('participation.count')}
          format={(n) => fmt.count(n)}
          rows={props.keys.map((k) => ({
            key: k,
            label: label(k),
            value: value(k),
            testId: `${props.testPrefix}-${k}`,
            highlight: value(k) === 0,
            note: value(k) === 0 ? notReached : undefined,
          }))}
        />
      }
    />
  );
}

function CountsSection(props: CountsProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <section aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      <CountTable
        caption={props.title}
        captionHidden
        keyHeader={props.keyHeader}
        valueHeader={t('participation.count')}
        format={(n) => fmt.count(n)}
        rows={props.keys.map((k) => ({ key: k, label: t(`${props.prefix}.${k}`, { defaultValue: k }), value: props.counts?.[k] ?? 0, testId: `${props.prefix}-${k}` }))}
      />
    </section>
  );
}
