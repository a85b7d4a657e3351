import { useTranslation } from 'react-i18next';
import { useAt } from '../components/AsOfPicker';
import { ExportButtons } from '../components/ExportButtons';
import { useRouteFilters } from '../components/Filters';
import { ScrollTable } from '../components/ScrollTable';
import { useFormat } from '../format';
import { href } from '../router';
import type { FactorMean, FactorsData } from '../types';
import { DashboardPage } from './DashboardPage';
import { changes, useDashboard } from './useDashboard';

/** Success factors against outcome: each factor's mean for adopted, discontinued and running experiments. */
export default function Factors() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { route, filters } = useRouteFilters();
  const [at] = useAt();
  const scope = { county: filters.county, projectId: filters.projectId, theme: filters.theme };
  const state = useDashboard<FactorsData>('factors', { ...scope, at }, (before, after) =>
    changes(t, [[t('factors.assessed'), before?.assessed, after.assessed]]));
  const mean = (m: FactorMean) => (m.mean === null ? '–' : fmt.dec(m.mean));
  const list = (stage: string, n: number) => <a href={href('/experiments', { ...scope, stage })}>{t('factors.n', { n: fmt.int(n) })}</a>;
  return (
    <DashboardPage
      name="factors"
      filterFields={['county', 'projectId', 'theme']}
      filters={filters}
      onApply={(v) => route.setQuery({ ...v, stage: undefined, at })}
      state={state}
      keyFigures={(data) => [{ label: t('factors.assessed'), value: fmt.int(data.assessed), testId: 'factors-assessed' }]}
    >
      {(data) => (
        <>
          <section aria-labelledby="factors-summary">
            <h2 id="factors-summary">{t('factors.summaryHeading')}</h2>
            <p data-testid="factors-summary">
              {data.differMost.length === 0
                ? t('factors.noDifference')
                : data.differMost
                    .map((name) => data.factors.find((f) => f.factor === name)!)
                    .map((f) =>
                      t(f.difference! > 0 ? 'factors.higher' : 'factors.lower', {
                        factor: t(`factor.${f.factor}`),
                        difference: fmt.dec(Math.abs(f.difference!)),
                      }),
                    )
                    .join(' ')}
            </p>
          </section>
          <ScrollTable captionId="factors-caption" caption={t('factors.tableCaption')}>
            <thead>
              <tr>
                <th scope="col">{t('factors.factor')}</th>
                <th scope="col">{t('factors.level')}</th>
                <th scope="col" className="num">{t('factors.adopted')}</th>
                <th scope="col" className="num">{t('factors.discontinued')}</th>
                <th scope="col" className="num">{t('factors.running')}</th>
                <th scope="col" className="num">{t('factors.difference')}</th>
              </tr>
            </thead>
            <tbody>
              {data.factors.map((f) => (
                <tr key={f.factor} data-testid={`factor-${f.factor}`} className={data.differMost.includes(f.factor) ? 'highlight' : undefined}>
                  <th scope="row">{t(`factor.${f.factor}`)}</th>
                  <td>{t(`factorLevel.${f.level}`)}</td>
                  <td className="num">{mean(f.adopted)} <span className="hint">{list('Adopted', f.adopted.n)}</span></td>
                  <td className="num">{mean(f.discontinued)} <span className="hint">{list('Discontinued', f.discontinued.n)}</span></td>
                  <td className="num">{mean(f.running)} <span className="hint">({t('factors.n', { n: fmt.int(f.running.n) })})</span></td>
                  <td className="num">{f.difference === null ? '–' : fmt.dec(f.difference)}</td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
          <ExportButtons path="/api/dashboards/factors/export" query={{ ...scope, at }} label={t('factors.tableCaption')} testId="factors" />
        </>
      )}
    </DashboardPage>
  );
}
