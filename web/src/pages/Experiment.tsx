import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/ErrorAlert';
import { ExperimentActions } from '../components/ExperimentActions';
import { ExperimentStateView } from '../components/ExperimentStateView';
import { PageHeading } from '../components/PageHeading';
import { Loading } from '../components/Status';
import { Timeline } from '../components/Timeline';
import { href } from '../router';
import { useSession } from '../session';
import { useExperimentLive } from './useExperimentLive';

export default function Experiment({ id }: { id: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const { state, history, error } = useExperimentLive(id);
  const writes = session?.role === 'projectOffice' || session?.role === 'admin';

  return (
    <>
      <p className="back-link">
        <a href={href(state?.projectId ? `/projects/${state.projectId}` : '/experiments')}>
          ← {t(state?.projectId ? 'experiment.backToProject' : 'experiment.backToList')}
        </a>
      </p>
      {state ? <PageHeading>{state.title}</PageHeading> : <PageHeading>{t('experiments.title')}</PageHeading>}
      <ErrorAlert error={error} />
      {!state && !error && <Loading />}
      {state && (
        <>
          {session?.role === 'auditor' && (
            <p>
              <a href={href(`/audit/${id}`)} data-testid="audit-link">{t('experiment.auditLink')}</a>
            </p>
          )}
          {writes && <ExperimentActions state={state} />}
          <ExperimentStateView state={state} />
          <section aria-labelledby="experiment-timeline">
            <h2 id="experiment-timeline">{t('experiment.timeline')}</h2>
            {history ? <Timeline events={history} /> : <Loading />}
          </section>
        </>
      )}
    </>
  );
}
