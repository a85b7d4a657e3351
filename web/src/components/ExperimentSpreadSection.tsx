import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { useCountyName } from '../data';
import type { ExperimentSpread } from '../public/types';
import { publicHref } from '../public/publicRouter';
import { href } from '../router';
import { boundCounty, useSession } from '../session';
import type { ExperimentState } from '../types';
import { SpreadTree } from './SpreadTree';

/** On an experiment's page: the model it adapted, and where its own model spread. */
export function ExperimentSpreadSection({ state }: { state: ExperimentState }) {
  const { t } = useTranslation();
  const countyName = useCountyName();
  const bound = boundCounty(useSession());
  const [fetched, setSpread] = useState<ExperimentSpread | null>(null);
  // Only an adopted model can be adapted (AdaptOperatingModel) and an adoption is never undone:
  // before one, nothing has spread, and GET /spread is not asked.
  const adopted = !!state.adoption;
  const spread: ExperimentSpread | null = adopted ? fetched : { id: state.id, total: 0, adaptations: [] };

  useEffect(() => {
    if (!adopted) return;
    const ctl = new AbortController();
    api.spread(state.id, ctl.signal).then(setSpread).catch(() => setSpread(null));
    return () => ctl.abort();
  }, [state.id, state.version, adopted]);

  if (!state.adaptedFrom && !state.adoption && !spread?.total) return null;
  return (
    <section aria-labelledby="experiment-spread">
      <h2 id="experiment-spread">{t('spread.heading')}</h2>
      {state.adaptedFrom && (
        <p data-testid="adapted-from">
          {t('spread.adaptedFrom')}:{' '}
          <a href={href(`/experiments/${state.adaptedFrom.originId}`)}>{state.adaptedFrom.operatingModelTitle}</a> (
          {countyName(state.adaptedFrom.originCounty)})
        </p>
      )}
      {spread && (
        <>
          <p>{spread.total === 0 ? t('spread.none') : t('spread.total', { count: spread.total })}</p>
          {spread.total > 0 && (
            <SpreadTree
              nodes={spread.adaptations}
              rootLabel={`${t('spread.root')}: ${countyName(state.county)}`}
              countyName={countyName}
              linkFor={(n) => {
                if (!n.experimentId) return null;
                if (!bound || bound === n.county) return href(`/experiments/${n.experimentId}`);
                return n.published ? publicHref(n.experimentId) : null;
              }}
            />
          )}
        </>
      )}
    </section>
  );
}
