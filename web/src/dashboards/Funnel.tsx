import { useTranslation } from 'react-i18next';
import { useAt } from '../components/AsOfPicker';
import { ExportButtons } from '../components/ExportButtons';
import { BarChartFigure } from '../components/BarChart';
import { CountTable } from '../components/CountTable';
import { useRouteFilters } from '../components/Filters';
import { useFormat } from '../format';
import { ADOPTION_SCOPES, STAGES, type FunnelData, type FunnelStage } from '../types';
import { href } from '../router';
import { DashboardPage } from './DashboardPage';
import { changes, useDashboard } from './useDashboard';

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
  const [at] = useAt();
  const scope = { county: filters.county, projectId: filters.projectId, theme: filters.theme };
  const stageLabel = (s: string) => t(`stage.${s}`, { defaultValue: s });
  const state = useDashboard<FunnelData>('funnel', { ...scope, at }, (before, after) =>
    changes(t, [
      [t('funnel.total'), before?.total, after.total],
      ...after.stages.map((s): [string, number | undefined, number] => [stageLabel(s.stage), before?.stages.find((b) => b.stage === s.stage)?.current, s.current]),
    ]));

  return (
    <DashboardPage
      name="funnel"
      filterFields={['county', 'projectId', 'theme']}
      filters={filters}
      onApply={(v) => route.setQuery({ ...v, stage: undefined, at })}
      state={state}
      keyFigures={(data) => [{ label: t('funnel.total'), value: <a href={href('/experiments', { ...scope })}>{fmt.int(data.total)}</a>, testId: 'funnel-total' }]}
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
              table={<StagesTable stages={stages} stageLabel={stageLabel} scope={scope} />}
            />
            <ExportButtons path="/api/dashboards/funnel/export" query={{ ...scope, at, table: 'funnel-stages' }} label={t('funnel.stagesHeading')} testId="funnel-stages" />

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
              <ExportButtons path="/api/dashboards/funnel/export" query={{ ...scope, at, table: 'funnel-conversions' }} label={t('funnel.conversionsHeading')} testId="funnel-conversions" />
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
              <ExportButtons path="/api/dashboards/funnel/export" query={{ ...scope, at, table: 'funnel-reasons' }} label={t('funnel.reasonsHeading')} testId="funnel-reasons" />
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

/** The stages chart's table: how many are in each stage now, and how many ever reached it; each count opens its experiments. */
function StagesTable({ stages, stageLabel, scope }: { stages: FunnelStage[]; stageLabel: (s: string) => string; scope: Record<string, string | undefined> }) {
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
            <td className="num" data-testid={`stage-count-${s.stage}`}>
              <a href={href('/experiments', { ...scope, stage: s.stage })}>{fmt.int(s.current)}</a>
            </td>
            <td className="num" data-testid={`stage-reached-${s.stage}`}>
              <a href={href('/experiments', { ...scope, reached: s.stage })}>{fmt.int(s.reached)}</a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
