import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { ExperimentSpreadSection } from '../components/ExperimentSpreadSection';
import { ExperimentStateView } from '../components/ExperimentStateView';
import { PageHeading } from '../components/PageHeading';
import { Loading } from '../components/Status';
import { Timeline } from '../components/Timeline';
import { href } from '../router';
import { useSession } from '../session';
import type { ExperimentState, HistoryEvent } from '../types';

export default function Experiment({ id }: { id: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const [state, setState] = useState<ExperimentState | null>(null);
  const [history, setHistory] = useState<HistoryEvent[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const ctl = new AbortController();
    setState(null);
    setHistory(null);
    setError(null);
    api.experiment(id, ctl.signal).then(setState).catch((e) => (e as Error)?.name !== 'AbortError' && setError(e));
    api.history(id, ctl.signal).then(setHistory).catch(() => setHistory([]));
    return () => ctl.abort();
  }, [id]);

  return (
    <>
      <p className="back-link">
        <a href={href('/experiments')}>← {t('experiment.backToList')}</a>
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
          <ExperimentStateView state={state} />
          <ExperimentSpreadSection state={state} />
          <section aria-labelledby="experiment-timeline">
            <h2 id="experiment-timeline">{t('experiment.timeline')}</h2>
            {history ? <Timeline events={history} /> : <Loading />}
          </section>
        </>
      )}
    </>
  );
}
