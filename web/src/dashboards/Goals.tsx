import { useTranslation } from 'react-i18next';
import { useAt } from '../components/AsOfPicker';
import { ExportButtons } from '../components/ExportButtons';
import { useRouteFilters } from '../components/Filters';
import { ScrollTable } from '../components/ScrollTable';
import { useCountyName } from '../data';
import { useFormat } from '../format';
import { href } from '../router';
import type { GoalProgress, GoalsData } from '../types';
import { DashboardPage } from './DashboardPage';
import { changes, useDashboard } from './useDashboard';

const reached = (g: GoalProgress) => g.progress !== null && g.progress >= 1;

/** "Tavoitteet": each project goal, baseline → target → the latest value its experiments measured. */
export default function Goals() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { route, filters } = useRouteFilters();
  const [at] = useAt();
  const scope = { county: filters.county, projectId: filters.projectId };
  const state = useDashboard<GoalsData>('goals', { ...scope, at }, (before, after) =>
    changes(t, [
      [t('goals.measured'), before?.goals.filter((g) => g.latest !== null).length, after.goals.filter((g) => g.latest !== null).length],
      [t('goals.reached'), before?.goals.filter(reached).length, after.goals.filter(reached).length],
    ]));
  return (
    <DashboardPage
      name="goals"
      filterFields={['county', 'projectId']}
      filters={filters}
      onApply={(v) => route.setQuery({ county: v.county, projectId: v.projectId, at })}
      state={state}
      keyFigures={(data) => [
        { label: t('goals.count'), value: fmt.int(data.goals.length), testId: 'goals-count' },
        { label: t('goals.measured'), value: fmt.int(data.goals.filter((g) => g.latest !== null).length), testId: 'goals-measured' },
        { label: t('goals.reached'), value: fmt.int(data.goals.filter(reached).length), testId: 'goals-reached' },
      ]}
    >
      {(data) =>
        data.goals.length === 0 ? (
          <p>{t('goals.none')}</p>
        ) : (
          <>
            <GoalsTable goals={data.goals} />
            <ExportButtons path="/api/dashboards/goals/export" query={{ ...scope, at }} label={t('goals.tableCaption')} testId="goals" />
          </>
        )
      }
    </DashboardPage>
  );
}

function GoalsTable({ goals }: { goals: GoalProgress[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const countyName = useCountyName();
  const value = (n: number | null, unit: string) => (n === null ? '–' : `${fmt.dec(n)} ${unit}`);
  return (
    <ScrollTable captionId="goals-caption" caption={t('goals.tableCaption')}>
      <thead>
        <tr>
          <th scope="col">{t('goals.indicator')}</th>
          <th scope="col" className="num">{t('goals.baseline')}</th>
          <th scope="col" className="num">{t('goals.target')}</th>
          <th scope="col" className="num">{t('goals.latest')}</th>
          <th scope="col">{t('goals.progress')}</th>
          <th scope="col" className="num">{t('goals.serving')}</th>
          <th scope="col">{t('goals.project')}</th>
          <th scope="col">{t('goals.county')}</th>
        </tr>
      </thead>
      <tbody>
        {goals.map((g) => {
          const key = `${g.projectId}-${g.workstream}-${g.indicator}`;
          return (
            <tr key={key} data-testid="goal-row">
              <th scope="row">
                {g.indicator}
                <span className="hint"> {g.workstream}</span>
              </th>
              <td className="num">{value(g.baseline, g.unit)}</td>
              <td className="num">{value(g.target, g.unit)}</td>
              <td className="num" data-testid="goal-latest">
                {value(g.latest, g.unit)}
                {g.latestAt && <span className="hint"> {fmt.date(g.latestAt)}</span>}
              </td>
              <td>
                {g.progress === null ? (
                  t('goals.notMeasured')
                ) : (
                  <>
                    <progress max={1} value={Math.max(0, Math.min(1, g.progress))} aria-hidden="true" /> {fmt.pct(g.progress)}
                  </>
                )}
              </td>
              <td className="num">
                <a href={href('/experiments', { projectId: g.projectId, goal: g.indicator })}>{fmt.int(g.servingExperiments)}</a>
              </td>
              <td>{g.project}</td>
              <td>{countyName(g.county)}</td>
            </tr>
          );
        })}
      </tbody>
    </ScrollTable>
  );
}
