import { useEffect, useState } from 'react';
import { Button } from 'suomifi-ui-components';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { useCountyName } from '../data';
import { useFormat } from '../format';
import type { Change, ChangesSinceLastVisit } from '../public/types';
import { href } from '../router';

let shown: { user: string; changes: Promise<ChangesSinceLastVisit> } | null = null;

/**
 * On arrival: what changed in the user's scope since they last looked. Fetched once per sign-in;
 * the visit is then remembered (up to the moment the list was made), so the next arrival starts from here.
 */
export function SinceLastVisit({ user }: { user: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const countyName = useCountyName();
  const [data, setData] = useState<ChangesSinceLastVisit | null>(null);
  const [hidden, setHidden] = useState(false);

  useEffect(() => {
    let live = true;
    if (shown?.user !== user) {
      const changes = api.changes();
      shown = { user, changes };
      changes.then((c) => api.markVisit(c.until)).catch(() => undefined);
    }
    shown.changes.then((c) => live && setData(c)).catch(() => undefined);
    return () => {
      live = false;
    };
  }, [user]);

  if (!data || hidden) return null;
  const describe = (c: Change) => {
    const stage = (s?: string | null) => (s ? t(`stage.${s}`, { defaultValue: s }) : '');
    switch (c.kind) {
      case 'stageChanged':
        return t('since.stageChanged', { from: stage(c.from), to: stage(c.to) });
      case 'adopted':
        return t('since.adopted', { scope: t(`adoptionScope.${c.scope}`, { defaultValue: c.scope ?? '' }) });
      case 'published':
        return t('since.published');
      default:
        return t('since.evaluationOverdue', { date: fmt.date(c.plannedEnd) });
    }
  };

  return (
    <aside className="since-last-visit" aria-labelledby="since-last-visit" data-testid="since-last-visit">
      <h2 id="since-last-visit">{data.firstVisit ? t('since.firstVisit') : t('since.heading')}</h2>
      {!data.firstVisit && <p className="muted small">{t('since.sinceTime', { time: fmt.dateTime(data.since) })}</p>}
      {data.changes.length === 0 ? (
        <p>{t('since.none')}</p>
      ) : (
        <ul>
          {data.changes.map((c, i) => (
            <li key={`${c.experimentId}-${c.kind}-${i}`} data-testid="since-change">
              <a href={href(`/experiments/${c.experimentId}`)}>{c.title}</a> ({countyName(c.county)}): {describe(c)},{' '}
              <span className="muted">{fmt.dateTime(c.at)}</span>
            </li>
          ))}
        </ul>
      )}
      <Button variant="secondary" onClick={() => setHidden(true)}>
        {t('since.hide')}
      </Button>
    </aside>
  );
}

export function resetSinceLastVisit() {
  shown = null;
}
