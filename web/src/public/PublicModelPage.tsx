import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CountTable } from '../components/CountTable';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeading } from '../components/PageHeading';
import { SpreadTree } from '../components/SpreadTree';
import { Loading } from '../components/Status';
import { useCountyName } from '../data';
import { useFormat, type PrivateCount } from '../format';
import { AGE_BANDS, KINDS, orderedKeys } from '../types';
import { followLink } from './Catalogue';
import { publicApi } from './publicApi';
import { publicHref } from './publicRouter';
import type { PublicModel } from './types';

/** One published operating model at its permanent address /julkinen/{id}. */
export default function PublicModelPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const countyName = useCountyName();
  const [model, setModel] = useState<PublicModel | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const ctl = new AbortController();
    publicApi.model(id, ctl.signal).then(setModel).catch((e) => (e as Error)?.name !== 'AbortError' && setError(e));
    return () => ctl.abort();
  }, [id]);

  // A cell left out to protect a small one reads "–"; a small count, "< 5" as the server wrote it.
  const cell = (n: PrivateCount | undefined, protecting: boolean) => (protecting || n === undefined ? t('public.protecting') : n);
  const scope = (s: string) => t(`adoptionScope.${s}`, { defaultValue: s });

  return (
    <>
      <p className="back-link">
        <a href={publicHref()} onClick={followLink}>
          ← {t('public.backToCatalogue')}
        </a>
      </p>
      <PageHeading>{model?.title ?? t('public.title')}</PageHeading>
      <ErrorAlert error={error} />
      {!model && !error && <Loading />}
      {model && (
        <article data-testid="public-model">
          <dl className="facts">
            <dt>{t('public.county')}</dt>
            <dd>{countyName(model.county)}</dd>
            <dt>{t('public.experiment')}</dt>
            <dd>{model.experimentTitle}</dd>
            <dt>{t('public.problem')}</dt>
            <dd>{model.problem}</dd>
            {model.themes.length > 0 && (
              <>
                <dt>{t('public.themes')}</dt>
                <dd>{model.themes.join(', ')}</dd>
              </>
            )}
            <dt>{t('public.published')}</dt>
            <dd>{fmt.date(model.publishedAt)}</dd>
            {model.link && (
              <>
                <dt>{t('public.link')}</dt>
                <dd>
                  <a href={model.link}>{model.link}</a>
                </dd>
              </>
            )}
          </dl>

          {model.adaptedFrom && (
            <section aria-labelledby="model-origin">
              <h2 id="model-origin">{t('public.origin')}</h2>
              <p>
                {t('public.originText')}:{' '}
                {model.adaptedFrom.id && model.adaptedFrom.title ? (
                  <a href={publicHref(model.adaptedFrom.id)} onClick={followLink}>
                    {model.adaptedFrom.title}
                  </a>
                ) : (
                  t('public.originUnpublished', { county: countyName(model.adaptedFrom.county) })
                )}
                {model.adaptedFrom.id && <> ({countyName(model.adaptedFrom.county)})</>}
              </p>
            </section>
          )}

          <section aria-labelledby="model-tried">
            <h2 id="model-tried">{t('public.tried')}</h2>
            <dl className="facts">
              {model.tried.hypothesis && (
                <>
                  <dt>{t('public.hypothesis')}</dt>
                  <dd>{model.tried.hypothesis}</dd>
                </>
              )}
              {model.tried.targetGroup && (
                <>
                  <dt>{t('public.targetGroup')}</dt>
                  <dd>{model.tried.targetGroup}</dd>
                </>
              )}
              {model.tried.sites.length > 0 && (
                <>
                  <dt>{t('public.sites')}</dt>
                  <dd>{model.tried.sites.join(', ')}</dd>
                </>
              )}
              {model.tried.channels.length > 0 && (
                <>
                  <dt>{t('public.channels')}</dt>
                  <dd>{model.tried.channels.join(', ')}</dd>
                </>
              )}
              {model.tried.start && (
                <>
                  <dt>{t('public.pilotPeriod')}</dt>
                  <dd>
                    {fmt.date(model.tried.start)} – {fmt.date(model.tried.ended)}
                  </dd>
                </>
              )}
            </dl>
          </section>

          <section aria-labelledby="model-criteria">
            <h2 id="model-criteria">{t('public.criteria')}</h2>
            {model.criteria.length === 0 ? (
              <p>{t('public.noCriteria')}</p>
            ) : (
              <table className="data-table">
                <caption className="visually-hidden">{t('public.criteria')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('public.metric')}</th>
                    <th scope="col" className="num">{t('public.baseline')}</th>
                    <th scope="col" className="num">{t('public.target')}</th>
                    <th scope="col">{t('public.result')}</th>
                    {model.criteria.some((c) => c.note) && <th scope="col">{t('public.note')}</th>}
                  </tr>
                </thead>
                <tbody>
                  {model.criteria.map((c) => (
                    <tr key={c.metric} data-testid="public-criterion">
                      <th scope="row">{c.metric}</th>
                      <td className="num">{c.baseline === null || c.baseline === undefined ? '–' : `${fmt.dec(c.baseline)} ${c.unit ?? ''}`}</td>
                      <td className="num">{c.target === null || c.target === undefined ? '–' : `${fmt.dec(c.target)} ${c.unit ?? ''}`}</td>
                      <td>
                        <span aria-hidden="true">{c.met ? '✓ ' : '✗ '}</span>
                        {c.met ? t('public.met') : t('public.notMet')}
                      </td>
                      {model.criteria.some((x) => x.note) && <td>{c.note ?? ''}</td>}
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>

          {model.lessons && (
            <section aria-labelledby="model-lessons">
              <h2 id="model-lessons">{t('public.lessons')}</h2>
              <p>{model.lessons}</p>
            </section>
          )}

          <section aria-labelledby="model-adoption">
            <h2 id="model-adoption">{t('public.adoption')}</h2>
            <dl className="facts">
              <dt>{t('public.scope')}</dt>
              <dd>{scope(model.adoptionScope)}</dd>
              <dt>{t('public.adoptedAt')}</dt>
              <dd>{fmt.date(model.adoptedAt)}</dd>
              <dt>{t('public.processes')}</dt>
              <dd>
                <ul>
                  {model.processes.map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              </dd>
            </dl>
          </section>

          <section aria-labelledby="model-participation">
            <h2 id="model-participation">{t('public.participation')}</h2>
            <p>
              {t('public.total')}: <strong data-testid="public-participation-total">{fmt.count(model.participation.total)}</strong>
            </p>
            <p className="muted">{t('public.participationNote')}</p>
            <div className="two-columns">
              <CountTable
                caption={t('public.byKind')}
                keyHeader={t('public.group')}
                valueHeader={t('public.people')}
                rows={orderedKeys(KINDS, {})
                  .filter((k) => k in model.participation.byKind || model.participation.byKindProtecting.includes(k))
                  .map((k) => ({
                    key: k, label: t(`kind.${k}`, { defaultValue: k }), testId: `public-kind-${k}`,
                    value: cell(model.participation.byKind[k], model.participation.byKindProtecting.includes(k)),
                  }))}
              />
              <CountTable
                caption={t('public.byAgeBand')}
                keyHeader={t('public.group')}
                valueHeader={t('public.people')}
                rows={orderedKeys(AGE_BANDS, {})
                  .filter((k) => k in model.participation.byAgeBand || model.participation.byAgeBandProtecting.includes(k))
                  .map((k) => ({
                    key: k, label: t(`ageBand.${k}`, { defaultValue: k }), testId: `public-age-${k}`,
                    value: cell(model.participation.byAgeBand[k], model.participation.byAgeBandProtecting.includes(k)),
                  }))}
              />
            </div>
          </section>

          <section aria-labelledby="model-spread">
            <h2 id="model-spread">{t('spread.heading')}</h2>
            <p>{model.spreadTotal === 0 ? t('spread.none') : t('spread.total', { count: model.spreadTotal })}</p>
            {model.spreadTotal > 0 && (
              <SpreadTree
                nodes={model.spread}
                rootLabel={`${t('spread.root')}: ${countyName(model.county)}`}
                countyName={countyName}
                linkFor={(n) => (n.published && n.experimentId ? publicHref(n.experimentId) : null)}
              />
            )}
          </section>
        </article>
      )}
    </>
  );
}
