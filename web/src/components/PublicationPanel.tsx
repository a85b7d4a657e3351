import { useState, type FormEvent } from 'react';
import { Button, Checkbox, Textarea } from 'suomifi-ui-components';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { publicHref } from '../public/publicRouter';
import { useFormat } from '../format';
import type { ExperimentState } from '../types';
import { ErrorAlert } from './ErrorAlert';

/**
 * Publishing an adopted experiment's operating model to the public catalogue, or withdrawing it:
 * a decision with its rationale (never shown publicly), for project offices and admins.
 */
export function PublicationPanel({ state }: { state: ExperimentState }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [includeLessons, setIncludeLessons] = useState(false);
  const [rationale, setRationale] = useState('');
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  if (!state.adoption) return null;
  const published = state.publication;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    setError(null);
    if (!rationale.trim()) {
      setMissing(true);
      return;
    }
    setMissing(false);
    try {
      if (published) await api.command(state.id, 'publication/withdraw', { rationale, expectedVersion: state.version });
      else await api.command(state.id, 'publication', { includeLessons, rationale, expectedVersion: state.version });
      setDone(published ? t('publication.withdrawn') : t('publication.published'));
      setRationale('');
    } catch (err) {
      setError(err);
    }
  }

  return (
    <section aria-labelledby="experiment-publication" className="actions-panel" data-testid="publication-panel">
      <h2 id="experiment-publication">{t('publication.heading')}</h2>
      {published ? (
        <p>
          {t('publication.since', { date: fmt.date(published.publishedAt) })}{' '}
          <a href={publicHref(state.id)}>{t('publication.view')}</a>
        </p>
      ) : (
        <p>{t('publication.intro')}</p>
      )}
      <form onSubmit={submit} className="command-form" noValidate>
        {!published && (
          <div className="form-field">
            <Checkbox checked={includeLessons} onClick={({ checkboxState }) => setIncludeLessons(checkboxState)} hintText={t('publication.lessonsHint')}>
              {t('publication.includeLessons')}
            </Checkbox>
          </div>
        )}
        <div className="form-field">
          <Textarea
            id="publication-rationale"
            labelText={t('publication.rationale')}
            hintText={t('publication.rationaleHint')}
            value={rationale}
            onChange={(e) => setRationale(e.target.value)}
            status={missing ? 'error' : 'default'}
            statusText={missing ? t('publication.rationaleMissing') : undefined}
            fullWidth
          />
        </div>
        <Button type="submit" variant={published ? 'secondary' : 'default'}>
          {published ? t('publication.withdraw') : t('publication.publish')}
        </Button>
      </form>
      {done && <p role="status" data-testid="publication-done">{done}</p>}
      <ErrorAlert error={error} />
    </section>
  );
}
