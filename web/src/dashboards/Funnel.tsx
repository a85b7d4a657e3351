import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { BarChartFigure } from '../components/BarChart';
import { CountTable } from '../components/CountTable';
import { ErrorAlert } from '../components/ErrorAlert';
import { Filters, filtersFromQuery } from '../components/Filters';
import { PageHeading } from '../components/PageHeading';
import { UpdatedAt, Loading } from '../components/Status';
import { useFormat } from '../format';
import { useRoute } from '../router';
import { boundCounty, useSession } from '../session';
import { scopeFor } from '../signalr';
import { ADOPTION_SCOPES, STAGES, type FunnelData } from '../types';
import { useDashboard } from './useDashboard';

export default function Funnel() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const route = useRoute();
  const bound = boundCounty(useSession());
  const filters = filtersFromQuery(route.query, bound);
  const params = { county: filters.county, projectId: filters.projectId, theme: filters.theme };
  const { data, error, loading } = useDashboard<FunnelData>('funnel', scopeFor(params), JSON.stringify(params), (s) =>
    api.funnel(params, s),
  );

  const stages = useMemo(() => {
    const byName = new Map((data?.stages ?? []).map((s) => [s.stage, s]));
    const known = STAGES.filter((s) => byName.has(s)).map((s) => byName.get(s)!);
    const others = (data?.stages ?? []).filter((s) => !(STAGES as readonly string[]).includes(s.stage));
    return [...known, ...others];
  }, [data]);
  const stageLabel = (s: string) => t(`stage.${s}`, { defaultValue: s });

  return (
    <>
      <PageHeading>{t('funnel.title')}</PageHeading>
      <p className="intro">{t('funnel.intro')}</p>
      <Filters fields={['county', 'projectId', 'theme']} values={filters} onApply={(v) => route.setQuery({ ...v, stage: undefined })} />
      <ErrorAlert error={error} />
      {loading && !data && <Loading />}
      {data && (
        <div className="dashboard">
          <dl className="key-figures">
            <div className="key-figure">
              <dt>{t('funnel.total')}</dt>
              <dd data-testid="funnel-total">{fmt.int(data.total)}</dd>
            </div>
          </dl>
          <UpdatedAt value={data.updatedAt} />

          <BarChartFigure
            id="funnel-stages"
            title={t('funnel.stagesHeading')}
            labels={stages.map((s) => stageLabel(s.stage))}
            series={[
              { label: t('funnel.current'), values: stages.map((s) => s.current) },
              { label: t('funnel.reached'), values: stages.map((s) => s.reached) },
            ]}
            table={
              <table className="data-table">
                <caption className="visually-hidden">{t('funnel.stagesHeading')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('funnel.stageColumn')}</th>
                    <th scope="col" className="num">{t('funnel.current')}</th>
                    <th scope="col" className="num">{t('funnel.reached')}</th>
                  </tr>
                </thead>
                <tbody>
                  {stages.map((s) => (
                    <tr key={s.stage}>
                      <th scope="row">{stageLabel(s.stage)}</th>
                      <td className="num" data-testid={`stage-count-${s.stage}`}>{fmt.int(s.current)}</td>
                      <td className="num" data-testid={`stage-reached-${s.stage}`}>{fmt.int(s.reached)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            }
          />

          <section aria-labelledby="funnel-conversions">
            <h2 id="funnel-conversions">{t('funnel.conversionsHeading')}</h2>
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('funnel.transition')}</th>
                  <th scope="col" className="num">{t('funnel.rate')}</th>
                </tr>
              </thead>
              <tbody>
                {data.conversions.map((c) => (
                  <tr key={`${c.from}-${c.to}`}>
                    <th scope="row">{t('funnel.transitionValue', { from: stageLabel(c.from), to: stageLabel(c.to) })}</th>
                    <td className="num" data-testid={`conversion-${c.from}-${c.to}`}>{fmt.pct(c.rate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>

          <BarChartFigure
            id="funnel-median"
            title={t('funnel.medianHeading')}
            decimals
            labels={stages.map((s) => stageLabel(s.stage))}
            series={[{ label: t('funnel.medianDays'), values: stages.map((s) => s.medianDays), color: '#1a9988' }]}
            table={
              <CountTable
                caption={t('funnel.medianHeading')}
                captionHidden
                keyHeader={t('funnel.stageColumn')}
                valueHeader={t('funnel.medianDays')}
                decimals
                rows={stages.map((s) => ({ key: s.stage, label: stageLabel(s.stage), value: s.medianDays, testId: `stage-median-${s.stage}` }))}
              />
            }
          />

          <section aria-labelledby="funnel-reasons">
            <h2 id="funnel-reasons">{t('funnel.reasonsHeading')}</h2>
            {data.discontinuationReasons.length === 0 ? (
              <p>{t('funnel.noReasons')}</p>
            ) : (
              <CountTable
                caption={t('funnel.reasonsHeading')}
                captionHidden
                keyHeader={t('funnel.reason')}
                valueHeader={t('funnel.count')}
                rows={data.discontinuationReasons.map((r, i) => ({ key: `${i}`, label: r.reason, value: r.count, testId: `discontinuation-reason-${i}` }))}
              />
            )}
          </section>

          <section aria-labelledby="funnel-adoption">
            <h2 id="funnel-adoption">{t('funnel.adoptionHeading')}</h2>
            <CountTable
              caption={t('funnel.adoptionHeading')}
              captionHidden
              keyHeader={t('funnel.scope')}
              valueHeader={t('funnel.count')}
              rows={ADOPTION_SCOPES.map((s) => ({ key: s, label: t(`adoptionScope.${s}`), value: data.adoptionScopes?.[s] ?? 0, testId: `adoption-scope-${s}` }))}
            />
          </section>
        </div>
      )}
    </>
  );
}
