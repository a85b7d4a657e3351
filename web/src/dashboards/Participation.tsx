import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { BarChartFigure } from '../components/BarChart';
import { CountTable } from '../components/CountTable';
import { ErrorAlert } from '../components/ErrorAlert';
import { Filters, filtersFromQuery } from '../components/Filters';
import { PageHeading } from '../components/PageHeading';
import { Loading, UpdatedAt } from '../components/Status';
import { useFormat } from '../format';
import { useRoute } from '../router';
import { boundCounty, useSession } from '../session';
import { scopeFor } from '../signalr';
import { AGE_BANDS, CHANNELS, KINDS, WAYS, type Counts, type ParticipationData, type ReachGap } from '../types';
import { useDashboard } from './useDashboard';

/** Keys in their usual order, then any the server added. */
function orderedKeys(known: readonly string[], counts: Counts | undefined): string[] {
  return [...known, ...Object.keys(counts ?? {}).filter((k) => !known.includes(k))];
}

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
  if (data.total > 0) {
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
  const route = useRoute();
  const bound = boundCounty(useSession());
  const filters = filtersFromQuery(route.query, bound);
  const params = { county: filters.county, projectId: filters.projectId };
  const { data, error, loading } = useDashboard<ParticipationData>(
    'participation',
    scopeFor(params),
    JSON.stringify(params),
    (s) => api.participation(params, s),
  );

  const notReached = <span className="badge badge-warning">{t('participation.notReached')}</span>;
  const ageBands = orderedKeys(AGE_BANDS, data?.byAgeBand);
  const kinds = orderedKeys(KINDS, data?.byKind);
  const gaps = allReachGaps(data);

  return (
    <>
      <PageHeading>{t('participation.title')}</PageHeading>
      <p className="intro">{t('participation.intro')}</p>
      <Filters fields={['county', 'projectId']} values={filters} onApply={(v) => route.setQuery({ county: v.county, projectId: v.projectId })} />
      <ErrorAlert error={error} />
      {loading && !data && <Loading />}
      {data && (
        <div className="dashboard">
          <dl className="key-figures">
            <div className="key-figure">
              <dt>{t('participation.total')}</dt>
              <dd data-testid="participation-total">{fmt.int(data.total)}</dd>
            </div>
          </dl>
          <UpdatedAt value={data.updatedAt} />

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

          <BarChartFigure
            id="participation-age"
            title={t('participation.byAgeBand')}
            labels={ageBands.map((k) => t(`ageBand.${k}`, { defaultValue: k }))}
            series={[{ label: t('participation.count'), values: ageBands.map((k) => data.byAgeBand?.[k] ?? 0) }]}
            table={
              <CountTable
                caption={t('participation.byAgeBand')}
                captionHidden
                keyHeader={t('participation.ageGroup')}
                valueHeader={t('participation.count')}
                rows={ageBands.map((k) => {
                  const value = data.byAgeBand?.[k] ?? 0;
                  return { key: k, label: t(`ageBand.${k}`, { defaultValue: k }), value, testId: `age-${k}`, highlight: value === 0, note: value === 0 ? notReached : undefined };
                })}
              />
            }
          />

          <BarChartFigure
            id="participation-kind"
            title={t('participation.byKind')}
            horizontal
            labels={kinds.map((k) => t(`kind.${k}`, { defaultValue: k }))}
            series={[{ label: t('participation.count'), values: kinds.map((k) => data.byKind?.[k] ?? 0) }]}
            table={
              <CountTable
                caption={t('participation.byKind')}
                captionHidden
                keyHeader={t('participation.group')}
                valueHeader={t('participation.count')}
                rows={kinds.map((k) => {
                  const value = data.byKind?.[k] ?? 0;
                  return { key: k, label: t(`kind.${k}`, { defaultValue: k }), value, testId: `kind-${k}`, highlight: value === 0, note: value === 0 ? notReached : undefined };
                })}
              />
            }
          />

          <div className="two-columns">
            <section aria-labelledby="participation-way">
              <h2 id="participation-way">{t('participation.byWay')}</h2>
              <CountTable
                caption={t('participation.byWay')}
                captionHidden
                keyHeader={t('participation.wayColumn')}
                valueHeader={t('participation.count')}
                rows={orderedKeys(WAYS, data.byWay).map((k) => ({ key: k, label: t(`way.${k}`, { defaultValue: k }), value: data.byWay?.[k] ?? 0, testId: `way-${k}` }))}
              />
            </section>
            <section aria-labelledby="participation-channel">
              <h2 id="participation-channel">{t('participation.byChannel')}</h2>
              <CountTable
                caption={t('participation.byChannel')}
                captionHidden
                keyHeader={t('participation.channelColumn')}
                valueHeader={t('participation.count')}
                rows={orderedKeys(CHANNELS, data.byChannel).map((k) => ({ key: k, label: t(`channel.${k}`, { defaultValue: k }), value: data.byChannel?.[k] ?? 0, testId: `channel-${k}` }))}
              />
            </section>
          </div>
        </div>
      )}
    </>
  );
}
