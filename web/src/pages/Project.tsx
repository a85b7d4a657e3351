import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeading } from '../components/PageHeading';
import { Loading } from '../components/Status';
import { useCountyName } from '../data';
import { useFormat } from '../format';
import { href } from '../router';
import { useSession } from '../session';
import { STAGES } from '../types';
import { useProjectDetail } from './useProjectDetail';
import { useEffect, useState } from 'react';
import { api } from '../api';
import type { GoalProgress, GoalsData } from '../types';

/** Each goal's latest measured value (the goals dashboard); absent when it cannot be read. */
function useGoalProgress(projectId: string, version: number | undefined) {
  const [goals, setGoals] = useState<GoalProgress[] | null>(null);
  useEffect(() => {
    const ctl = new AbortController();
    api.dashboard<GoalsData>('goals', { projectId }, ctl.signal).then((r) => setGoals(r.goals)).catch(() => setGoals(null));
    return () => ctl.abort();
  }, [projectId, version]);
  return goals;
}

/** A project (hanke): its workstreams with their goals, and its experiments by stage. */
export default function Project({ id }: { id: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const countyName = useCountyName();
  const session = useSession();
  const { project, error } = useProjectDetail(id);
  const progress = useGoalProgress(id, project?.version);
  const latestOf = (workstream: string, indicator: string) => progress?.find((g) => g.workstream === workstream && g.indicator === indicator);
  const writes = (session?.role === 'projectOffice' || session?.role === 'admin') && !project?.closed;

  return (
    <>
      <p className="back-link"><a href={href('/projects')}>← {t('projects.backToList')}</a></p>
      <PageHeading>{project?.name ?? t('projects.title')}</PageHeading>
      <ErrorAlert error={error} />
      {!project && !error && <Loading />}
      {project && (
        <>
          <dl className="fields">
            <div className="field-row"><dt>{t('fields.county')}</dt><dd>{countyName(project.county)}</dd></div>
            <div className="field-row"><dt>{t('fields.programme')}</dt><dd>{project.programme}</dd></div>
            <div className="field-row"><dt>{t('projects.registeredAt')}</dt><dd>{fmt.date(project.registeredAt)}</dd></div>
            {project.closed && (
              <div className="field-row"><dt>{t('projects.closedAt')}</dt><dd>{fmt.date(project.closedAt)} – {project.closingSummary}</dd></div>
            )}
          </dl>
          {writes && (
            <ul className="action-list" data-testid="project-actions">
              <li><a className="action-link" href={href('/experiments/new', { projectId: id })}>{t('actions.propose')}</a></li>
              <li><a className="action-link" href={href(`/projects/${id}/goals`)}>{t('actions.addGoal')}</a></li>
              <li><a className="action-link" href={href(`/projects/${id}/close`)}>{t('actions.closeProject')}</a></li>
            </ul>
          )}
          <section aria-labelledby="project-workstreams">
            <h2 id="project-workstreams">{t('projects.workstreams')}</h2>
            {project.workstreams.map((w) => (
              <div key={w.name} className="table-scroll">
                <table className="data-table">
                  <caption>{w.name}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('fields.indicator')}</th>
                      <th scope="col" className="num">{t('fields.baseline')}</th>
                      <th scope="col" className="num">{t('fields.target')}</th>
                      <th scope="col">{t('fields.unit')}</th>
                      {progress && <th scope="col" className="num">{t('projects.latest')}</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {w.goals.map((g) => (
                      <tr key={g.indicator}>
                        <th scope="row">{g.indicator}</th>
                        <td className="num">{fmt.dec(g.baseline)}</td>
                        <td className="num">{fmt.dec(g.target)}</td>
                        <td>{g.unit}</td>
                        {progress && (() => {
                          const p = latestOf(w.name, g.indicator);
                          return (
                            <td className="num" data-testid="goal-latest">
                              {p?.latest != null ? t('projects.latestValue', { value: fmt.dec(p.latest), date: fmt.date(p.latestAt) }) : t('projects.notMeasured')}
                            </td>
                          );
                        })()}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ))}
          </section>
          <section aria-labelledby="project-experiments">
            <h2 id="project-experiments">{t('projects.experimentsByStage')}</h2>
            {project.experiments.length === 0 && <p>{t('projects.noExperiments')}</p>}
            {STAGES.map((stage) => {
              const inStage = project.experiments.filter((x) => x.stage === stage);
              if (inStage.length === 0) return null;
              return (
                <div key={stage}>
                  <h3>{t(`stage.${stage}`)} ({fmt.int(inStage.length)})</h3>
                  <ul>
                    {inStage.map((x) => (
                      <li key={x.id}>
                        <a href={href(`/experiments/${x.id}`)}>{x.title}</a> <span className="muted">({t('projects.since', { date: fmt.date(x.stageEnteredAt) })})</span>
                      </li>
                    ))}
                  </ul>
                </div>
              );
            })}
          </section>
        </>
      )}
    </>
  );
}
