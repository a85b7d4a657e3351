import { useTranslation } from 'react-i18next';
import { AsOfNotice, AsOfPicker, parseAt } from '../components/AsOfPicker';
import { BarChartFigure } from '../components/BarChart';
import { CountTable } from '../components/CountTable';
import { useRouteFilters } from '../components/Filters';
import { useFormat } from '../format';
import { ADOPTION_SCOPES, STAGES, type FunnelData, type FunnelStage } from '../types';
import { DashboardPage } from './DashboardPage';
import { useDashboard } from './useDashboard';

/** The stages in lifecycle order, then any the server added. */
function orderedStages(data: FunnelData): FunnelStage[] {
  const byName = new Map((data.stages ?? []).map((s) => [s.stage, s]));
  const known = STAGES.filter((s) => byName.has(s)).map((s) => byName.get(s)!);
  const others = (data.stages ?? []).filter((s) => !(STAGES as readonly string[]).includes(s.stage));
  return [...known, ...others];
}

export default function Funnel() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { route, filters } = useRouteFilters();
  // With ?at=TIME the funnel as it stood then, without live updates.
  const at = parseAt(route.query.get('at'));
  const state = useDashboard<FunnelData>('funnel', { county: filters.county, projectId: filters.projectId, theme: filters.theme, at });
  const stageLabel = (s: string) => t(`stage.${s}`, { defaultValue: s });

  return (
    <DashboardPage
      name="funnel"
      filterFields={['county', 'projectId', 'theme']}
      filters={filters}
      onApply={(v) => route.setQuery({ ...v, stage: undefined, at })}
      beforeFigures={<AsOfPicker value={at} onChange={(next) => route.setQuery({ ...filters, stage: undefined, at: next })} />}
      state={state}
      label={state.at && <AsOfNotice at={state.at} />}
      keyFigures={(data) => [{ label: t('funnel.total'), value: fmt.int(data.total), testId: 'funnel-total' }]}
    >
      {(data) => {
        const stages = orderedStages(data);
        return (
          <>
            <BarChartFigure
              id="funnel-stages"
              title={t('funnel.stagesHeading')}
              labels={stages.map((s) => stageLabel(s.stage))}
              series={[
                { label: t('funnel.current'), values: stages.map((s) => s.current) },
                { label: t('funnel.reached'), values: stages.map((s) => s.reached) },
              ]}
              table={<StagesTable stages={stages} stageLabel={stageLabel} />}
            />

            <section aria-labelledby="funnel-conversions">
              <h2 id="funnel-conversions">{t('funnel.conversionsHeading')}</h2>
              <CountTable
                caption={t('funnel.conversionsHeading')}
                captionHidden
                keyHeader={t('funnel.transition')}
                valueHeader={t('funnel.rate')}
                format={fmt.pct}
                rows={data.conversions.map((c) => ({
                  key: `${c.from}-${c.to}`,
                  label: t('funnel.transitionValue', { from: stageLabel(c.from), to: stageLabel(c.to) }),
                  value: c.rate,
                  testId: `conversion-${c.from}-${c.to}`,
                }))}
              />
            </section>

            <BarChartFigure
              id="funnel-median"
              title={t('funnel.medianHeading')}
              decimals
              emptyText={t(stages.some((s) => s.medianDays !== null) ? 'funnel.medianZero' : 'funnel.noMedian')}
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
              <p>
                {t('funnel.fromOtherCounties')}: <strong data-testid="adopted-from-other-counties">{data.adoptedFromOtherCounties ?? 0}</strong>
              </p>
            </section>
          </>
        );
      }}
    </DashboardPage>
  );
}

/** The stages chart's table: how many are in each stage now, and how many ever reached it. */
function StagesTable({ stages, stageLabel }: { stages: FunnelStage[]; stageLabel: (s: string) => string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
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
  );
}
